// The registry proxy's HTTP server: routes a request (grammar.mjs), refuses what is not
// allow-listed, answers from the cache (cache.mjs) or from the upstream (upstream.mjs),
// and streams bodies through, verifying content named by digest (verify.mjs).

import http from 'node:http';
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { parseRoute, PathError } from './grammar.mjs';
import { sendError, UpstreamError } from './errors.mjs';
import { corsPolicy } from './cors.mjs';
import { Limiter } from './limiter.mjs';
import { TokenCache } from './tokens.mjs';
import { createRequester, exchange } from './upstream.mjs';
import { ContentCache, cleanMediaType } from './cache.mjs';
import { DigestVerifier } from './verify.mjs';
import { isSimpleRange, resolveRange } from './range.mjs';
import { jsonLineLogger, loggablePath } from './log.mjs';
import { normaliseOptions, OptionsError } from './options.mjs';

const apiVersion = { 'Docker-Distribution-API-Version': 'registry/2.0' };
const maxManifestBytes = 4 * 1024 * 1024;
const manifestTypes = ['application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'].join(', ');
// Upstream answer headers a client may see; everything else (cookies, Location, ...) stays.
const passedHeaders = ['content-type', 'content-length', 'content-range', 'accept-ranges',
  'docker-content-digest', 'etag', 'retry-after'];
const proxyRealm = 'Basic realm="spin-registry-proxy", charset="UTF-8"';

// Creates the proxy (an http.Server, not yet listening). Options: see options.mjs and
// index.d.mts. Throws OptionsError on bad settings.
export function createProxy(options) {
  const settings = normaliseOptions(options);
  const log = settings.log ?? jsonLineLogger();
  const context = {
    settings,
    log,
    cors: corsPolicy(settings.origins),
    limiter: new Limiter(settings.maxUpstream, settings.maxQueue),
    request: createRequester({ timeoutMs: settings.upstreamTimeoutMs, userAgent: settings.userAgent,
                               maxSockets: settings.maxUpstream }),
    tokens: new TokenCache(),
    cache: settings.cacheDir ? openCache(settings.cacheDir, log) : null,
  };
  const server = http.createServer({ maxHeaderSize: settings.maxHeaderBytes, requestTimeout: 30000,
                                     headersTimeout: 10000 }, (req, res) => {
    handle(context, req, res).catch((error) => {
      res.logEntry.error = error.message;
      sendError(res, 500, 'UNKNOWN', 'internal proxy error');
    });
  });
  server.setTimeout(settings.clientTimeoutMs);
  server.maxConnections = settings.maxConnections;
  server.on('close', () => context.request.close());
  return server;
}

function openCache(folder, log) {
  try {
    return new ContentCache(folder, { onError: (message) => log({ event: 'cache-error', message }) });
  } catch (error) {
    throw new OptionsError(`cache folder ${folder}: ${error.message}`);
  }
}

async function handle(context, req, res) {
  const { settings, cors, cache } = context;
  const entry = startLog(context, req, res);
  if (req.url.length > settings.maxUrlBytes) return sendError(res, 414, 'NAME_INVALID', 'request target too long');
  if (req.method === 'OPTIONS') return cors.preflight(req, res);
  cors.apply(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendError(res, 405, 'UNSUPPORTED', 'the proxy serves GET and HEAD only', { Allow: 'GET, HEAD, OPTIONS' });
  }
  if (req.headers['transfer-encoding'] || Number(req.headers['content-length'] ?? 0) > 0) {
    return sendError(res, 400, 'UNSUPPORTED', 'requests with a body are refused');
  }
  if (req.url === '/healthz') return sendJson(res, 200, { status: 'ok' });

  let route;
  try {
    route = parseRoute(req.url);
  } catch (error) {
    if (error instanceof PathError) return sendError(res, error.status, error.code, error.message);
    throw error;
  }
  if (route.kind === 'base') return sendJson(res, 200, {}, apiVersion);
  const registry = settings.registries.get(route.registry);
  entry.registry = route.registry;
  if (!registry) return sendError(res, 403, 'DENIED', `registry ${route.registry} is not on this proxy's allow-list`);

  // Content named by digest may come from the cache; only content fetched without the
  // client's credentials goes into it (so the cache never holds what only they may read).
  const hex = route.digest ? route.digest.slice(7) : null;
  const clientAuthorization = settings.passAuthorization && /^Basic [A-Za-z0-9+/=]{1,4096}$/.test(req.headers.authorization ?? '')
    ? req.headers.authorization : null;
  if (cache && hex) {
    const hit = await cache.lookup(hex);
    entry.cache = hit ? 'hit' : 'miss';
    if (hit) return serveCached(req, res, route, hit, entry);
  }
  const writeCache = Boolean(cache && hex && req.method === 'GET' && !clientAuthorization && !req.headers.range);
  if (cache && hex && !writeCache) entry.cache = 'bypass';
  return serveUpstream(context, req, res, { route, registry, clientAuthorization, writeCache, entry });
}

// Starts the request's log line, written when the answer ends (or is cut).
function startLog(context, req, res) {
  const started = performance.now();
  const entry = { method: req.method, path: loggablePath(req.url), registry: null, upstream: null,
                  upstreamRequests: 0, cache: null, bytes: 0 };
  res.logEntry = entry;
  const write = res.write;
  res.write = function countedWrite(chunk, ...rest) {
    if (chunk) entry.bytes += Buffer.byteLength(chunk);
    return write.call(this, chunk, ...rest);
  };
  const end = res.end;
  res.end = function countedEnd(chunk, ...rest) {
    if (chunk && typeof chunk !== 'function') entry.bytes += Buffer.byteLength(chunk);
    return end.call(this, chunk, ...rest);
  };
  res.on('close', () => {
    context.log({ ...entry, status: res.statusCode, complete: res.writableFinished,
                  ms: Math.round(performance.now() - started) });
  });
  return entry;
}

function sendJson(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function serveCached(req, res, route, hit, entry) {
  const headers = { 'Content-Type': hit.mediaType, 'Docker-Content-Digest': route.digest,
                    ETag: `"${route.digest}"`, 'Accept-Ranges': 'bytes' };
  const range = resolveRange(req.headers.range, hit.size);
  if (range === 'unsatisfiable') {
    return sendError(res, 416, 'SIZE_INVALID', 'range not satisfiable', { 'Content-Range': `bytes */${hit.size}` });
  }
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${hit.size}`;
    headers['Content-Length'] = range.end - range.start + 1;
  } else {
    headers['Content-Length'] = hit.size;
  }
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') return res.end();
  // The file was verified on lookup; a whole-body answer is checked once more on its way.
  const file = fs.createReadStream(hit.path, range ?? {});
  const stages = range ? [file, res] : [file, new DigestVerifier(route.digest.slice(7)), res];
  pipeline(...stages, (error) => { if (error) entry.error = error.message; });
}

async function serveUpstream(context, req, res, { route, registry, clientAuthorization, writeCache, entry }) {
  const aborted = new AbortController();
  res.on('close', () => { if (!res.writableFinished) aborted.abort(); });
  const release = await context.limiter.acquire(aborted.signal);
  if (!release) {
    if (aborted.signal.aborted) return;
    return sendError(res, 503, 'TOOMANYREQUESTS', 'the proxy is busy; try again', { 'Retry-After': '1' });
  }
  res.on('close', release);

  const repository = registry.library && !route.repository.includes('/') ? `library/${route.repository}`
    : route.repository;
  const path = route.kind === 'tags' ? `v2/${repository}/tags/list${route.query ? `?${route.query}` : ''}`
    : `v2/${repository}/${route.kind}/${route.reference}`;
  const headers = {};
  const accept = req.headers.accept;
  if (typeof accept === 'string' && /^[\x20-\x7e]{1,2048}$/.test(accept)) headers.accept = accept;
  else if (route.kind === 'manifests') headers.accept = manifestTypes;
  if (route.kind === 'blobs' && isSimpleRange(req.headers.range)) headers.range = req.headers.range.trim();

  let upstream;
  try {
    upstream = await exchange({
      request: context.request, tokens: context.tokens, registry, repository, path, method: req.method, headers,
      clientAuthorization, signal: aborted.signal, allowPrivateTargets: context.settings.allowPrivateTargets,
      onRequest: (url) => { entry.upstreamRequests++; entry.upstream = `${url.origin}${url.pathname}`; },
    });
  } catch (error) {
    if (aborted.signal.aborted) return;
    entry.error = error.message;
    if (!(error instanceof UpstreamError)) throw error;
    const challenge = error.status === 401 ? { 'WWW-Authenticate': proxyRealm } : {};
    return sendError(res, error.status, error.code, error.message, challenge);
  }
  entry.upstreamStatus = upstream.statusCode;
  if (upstream.statusCode === 401) {
    upstream.resume();
    return sendError(res, 401, 'UNAUTHORIZED', 'the upstream registry refused the credentials',
                     { 'WWW-Authenticate': proxyRealm });
  }
  const answer = {};
  for (const name of passedHeaders) if (upstream.headers[name] !== undefined) answer[name] = upstream.headers[name];
  if (answer['content-type']) answer['content-type'] = cleanMediaType(answer['content-type']);
  Object.assign(answer, apiVersion);

  const whole = upstream.statusCode === 200 && req.method === 'GET';
  const stages = [upstream];
  if (whole && route.digest) {
    answer['docker-content-digest'] = route.digest;
    let sink = null;
    try {
      if (writeCache) sink = await context.cache.writer(route.digest.slice(7), answer['content-type']);
    } catch (error) {
      context.log({ event: 'cache-error', message: `could not start caching ${route.digest}: ${error.message}` });
    }
    stages.push(new DigestVerifier(route.digest.slice(7), {
      sink, maxBytes: route.kind === 'manifests' ? maxManifestBytes : Infinity }));
  } else if (writeCache) {
    entry.cache = 'bypass';
  }
  res.writeHead(upstream.statusCode, answer);
  if (req.method === 'HEAD') { upstream.resume(); res.end(); return; }
  pipeline(...stages, res, (error) => { if (error) entry.error = error.message; });
}
