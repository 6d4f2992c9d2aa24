// CORS: which page origins may read the proxy's answers, and what they may send and see.
// The page sets Authorization (registry credentials), Range (resumed blobs) and Accept
// (manifest media types), and reads the digest, challenge and range headers.

const allowedRequestHeaders = 'Authorization, Range, Accept';
const exposedHeaders = ['Docker-Content-Digest', 'Docker-Distribution-API-Version',
  'WWW-Authenticate', 'Content-Length', 'Content-Range', 'Content-Type', 'Accept-Ranges'].join(', ');

// origins: ['*'] (any page) or a list of exact origins ("https://play.example:8443").
export function corsPolicy(origins) {
  const any = origins.includes('*');
  const listed = new Set(origins);
  return {
    // Sets the CORS headers of an answer to `req`; false when the origin is not allowed.
    apply(req, res) {
      const origin = req.headers.origin;
      if (any) {
        res.setHeader('Access-Control-Allow-Origin', '*');
      } else {
        res.setHeader('Vary', 'Origin');
        if (!origin || !listed.has(origin)) return false;
        res.setHeader('Access-Control-Allow-Origin', origin);
      }
      res.setHeader('Access-Control-Expose-Headers', exposedHeaders);
      return true;
    },
    // Answers a preflight (OPTIONS): the methods and headers a page may use.
    preflight(req, res) {
      const allowed = this.apply(req, res);
      if (allowed) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', allowedRequestHeaders);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.writeHead(allowed ? 204 : 403, { 'Content-Length': 0 });
      res.end();
    },
  };
}
