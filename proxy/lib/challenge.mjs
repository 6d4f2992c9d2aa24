// Parses a WWW-Authenticate header (RFC 7235): the scheme and its auth-params, e.g.
//   Bearer realm="https://auth.example/token",service="registry.example",scope="repository:x:pull"
// Only the first challenge is read; registries send one.

export function parseChallenge(header) {
  if (typeof header !== 'string' || header.length > 4096) return null;
  const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*(.*)$/s.exec(header);
  if (!match) return null;
  const params = {};
  const paramPattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(?:,|$)/gy;
  let rest = match[2];
  let param;
  while (rest.length && (param = paramPattern.exec(rest))) {
    params[param[1].toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : param[3];
    if (paramPattern.lastIndex >= rest.length) break;
  }
  return { scheme: match[1].toLowerCase(), params };
}
