// One exchange with an allow-listed upstream registry: the request, the token dance on a
// 401 (tokens.mjs), and redirects followed here rather than by the client (a page cannot
// follow a registry's blob redirect to a storage host that sends no CORS headers).
// Authorization goes only to the registry's own origin, never to a redirect target.

import http from 'node:http';
import https from 'node:https';
import { UpstreamError } from './errors.mjs';
import { parseChallenge } from './challenge.mjs';
import { credentialKey } from './tokens.mjs';
import { checkLiteralHost, isPrivateHost, publicLookup } from './addresses.mjs';

const maxRedirects = 5;
const basicLifetimeMs = 10 * 60 * 1000;

// A request function over keep-alive agents: (url, {method, headers, signal}) resolves to
// the response once its headers arrive. `timeoutMs` bounds connecting and every silence
// of the socket afterwards (also while the body streams).
export function createRequester({ timeoutMs, userAgent, maxSockets }) {
  // Connections to hosts that must be public come from agents of their own, whose every
  // socket was opened through the refusing lookup (addresses.mjs), so pooling them is safe.
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets }),
  };
  const publicAgents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets, lookup: publicLookup }),
    'https:': new https.Agent({ keepAlive: true, maxSockets, lookup: publicLookup }),
  };
  // publicOnly: the host must resolve to public addresses only.
  const request = (url, { method, headers, signal, publicOnly = false }) => new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    if (publicOnly) checkLiteralHost(url);
    const req = transport.request(url, { method, headers: { ...headers, 'user-agent': userAgent },
                                         agent: (publicOnly ? publicAgents : agents)[url.protocol], signal });
    req.setTimeout(timeoutMs, () => {
      req.destroy(new UpstreamError(504, 'UNAVAILABLE', `upstream silent for ${timeoutMs} ms`));
    });
    req.on('response', resolve);
    req.on('error', (error) => reject(error instanceof UpstreamError || error.name === 'AbortError' ? error
      : new UpstreamError(502, 'UNAVAILABLE', `upstream unreachable (${error.code || error.message})`)));
    req.end();
  });
  request.close = () => {
    for (const agent of [...Object.values(agents), ...Object.values(publicAgents)]) agent.destroy();
  };
  return request;
}

// Runs one client request against `registry` ({ name, url }) and resolves to the final
// upstream response (not a redirect; a 401 only when the upstream refuses us after the
// token dance). `onRequest(url)` is told of every upstream request, for the logs. Hosts
// other than the registry's must be public unless the registry's is private or
// `allowPrivateTargets` (addresses.mjs).
export async function exchange({ request, tokens, registry, repository, path, method, headers,
                                 clientAuthorization, signal, onRequest, allowPrivateTargets }) {
  const origin = registry.url.origin;
  const guarded = !allowPrivateTargets && !isPrivateHost(registry.url.hostname);
  const key = `${registry.name}|${repository}|${credentialKey(clientAuthorization)}`;
  let authorization = tokens.current(key);
  let authRetried = false;
  let url = new URL(path, registry.url);
  const counted = (target, options) => {
    onRequest(target);
    return request(target, { ...options, publicOnly: guarded && target.hostname !== registry.url.hostname });
  };
  for (let redirects = 0; ; ) {
    const sameOrigin = url.origin === origin;
    const sent = { ...headers };
    if (sameOrigin && authorization) sent.authorization = authorization;
    const res = await counted(url, { method, headers: sent, signal });
    if (res.statusCode === 401 && sameOrigin && !authRetried) {
      res.resume();
      authRetried = true;
      tokens.forget(key);
      const challenge = parseChallenge(res.headers['www-authenticate']);
      if (challenge?.scheme === 'bearer') {
        authorization = await tokens.fetch(key, challenge, {
          request: counted, signal, upstream: registry.url, clientAuthorization,
          defaultScope: `repository:${repository}:pull` });
      } else if (challenge?.scheme === 'basic' && clientAuthorization) {
        authorization = clientAuthorization;
        tokens.remember(key, authorization, basicLifetimeMs);
      } else {
        authorization = null;
      }
      if (authorization) continue;
      throw new UpstreamError(401, 'UNAUTHORIZED', 'the upstream registry wants credentials for this repository');
    }
    if (res.statusCode >= 300 && res.statusCode < 400 && res.statusCode !== 304 && res.headers.location) {
      res.resume();
      if (++redirects > maxRedirects) throw new UpstreamError(502, 'UNAVAILABLE', 'too many upstream redirects');
      url = redirectTarget(url, res.headers.location, registry.url);
      continue;
    }
    return res;
  }
}

// Where a redirect may lead: http(s) only, and never from an https registry to plain http.
function redirectTarget(from, location, upstream) {
  let target;
  try { target = new URL(location, from); } catch { target = null; }
  if (!target || !['http:', 'https:'].includes(target.protocol) || target.username || target.password ||
      (upstream.protocol === 'https:' && target.protocol !== 'https:')) {
    throw new UpstreamError(502, 'UNAVAILABLE', 'upstream redirected to a refused location');
  }
  return target;
}
