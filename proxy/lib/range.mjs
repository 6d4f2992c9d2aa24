// Range requests (RFC 9110 section 14): one byte range, in the forms a registry client
// uses ("bytes=START-", "bytes=START-END", "bytes=-SUFFIX"). Anything else is ignored and
// the whole content is answered, as the RFC allows.

const singleRange = /^bytes=(\d{0,15})-(\d{0,15})$/;

// Whether a client's Range header may be passed to an upstream as it is.
export function isSimpleRange(header) {
  const match = typeof header === 'string' && singleRange.exec(header.trim());
  return Boolean(match && (match[1] !== '' || match[2] !== ''));
}

// Resolves a Range header against a size: null (serve everything), 'unsatisfiable', or
// { start, end } with end inclusive.
export function resolveRange(header, size) {
  if (!isSimpleRange(header)) return null;
  const [, first, last] = singleRange.exec(header.trim());
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return 'unsatisfiable';
  return { start, end };
}
