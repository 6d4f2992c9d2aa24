// Error answers in the distribution spec's format: {"errors":[{"code","message"}]}, so a
// registry client reports them as it would a registry's own.

export function sendError(res, status, code, message, headers = {}) {
  if (res.headersSent) { res.destroy(); return; }
  const body = JSON.stringify({ errors: [{ code, message }] });
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json',
                          'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

// An upstream failure the handler turns into an answer (502, 504, ...).
export class UpstreamError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}
