// The proxy's settings, checked once: the allow-list of upstream registries (required:
// no registry's address is built into the proxy, operators name the ones they serve),
// CORS origins, the cache folder and the limits, each with its default.

import { isRegistryName } from './grammar.mjs';

export const defaults = Object.freeze({
  origins: ['*'],
  maxUpstream: 32,          // upstream exchanges at once
  maxQueue: 256,            // requests waiting for one; beyond that, 503
  upstreamTimeoutMs: 30000, // connect, and any silence of an upstream socket
  maxUrlBytes: 2048,
  maxHeaderBytes: 8192,
  clientTimeoutMs: 120000,  // any silence of a client socket
  maxConnections: 1024,     // client connections at once; more are refused
  passAuthorization: true,  // a client's Basic credentials go to the upstream's token service
  allowPrivateTargets: false, // redirects and token realms may lead to private addresses
  userAgent: 'spin-registry-proxy',
});

export class OptionsError extends Error {}

function upstreamUrl(name, value) {
  let url;
  try { url = new URL(value); } catch { throw new OptionsError(`registry ${name}: "${value}" is not a URL`); }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new OptionsError(`registry ${name}: the upstream must be an http(s) URL without credentials, query or fragment`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

// options.allow: { NAME: URL string | { url, library } }; options.library: [NAME...]
// (one-component repositories of those registries get "library/", Docker Hub's rule).
export function normaliseOptions(options = {}) {
  const allow = options.allow ?? {};
  const library = new Set(options.library ?? []);
  const registries = new Map();
  for (const [name, value] of Object.entries(allow)) {
    if (!isRegistryName(name)) throw new OptionsError(`"${name}" is not a registry name`);
    const entry = typeof value === 'string' ? { url: value } : value;
    registries.set(name, { name, url: upstreamUrl(name, entry?.url),
                           library: Boolean(entry.library) || library.has(name) });
  }
  if (registries.size === 0) throw new OptionsError('the allow-list is empty: name at least one upstream registry');
  for (const name of library) if (!registries.has(name)) throw new OptionsError(`library rule for ${name}, which is not allowed`);
  const settings = { ...defaults, registries, cacheDir: options.cacheDir || null, log: options.log ?? null };
  for (const key of Object.keys(defaults)) {
    if (options[key] === undefined) continue;
    if (key === 'origins') {
      if (!Array.isArray(options.origins) || options.origins.length === 0 ||
          !options.origins.every((origin) => origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin))) {
        throw new OptionsError('origins: "*" or a list of origins such as https://play.example');
      }
      settings.origins = options.origins;
    } else if (typeof defaults[key] === 'number') {
      if (!Number.isInteger(options[key]) || options[key] < (key === 'maxQueue' ? 0 : 1)) {
        throw new OptionsError(`${key} must be a positive integer`);
      }
      settings[key] = options[key];
    } else {
      settings[key] = options[key];
    }
  }
  return settings;
}

// "NAME=URL,NAME=URL" (a NAME alone stands for https://NAME) into an allow object.
export function parseAllowList(text) {
  const allow = {};
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const at = item.indexOf('=');
    const name = at < 0 ? item : item.slice(0, at);
    allow[name] = at < 0 ? `https://${name}` : item.slice(at + 1);
  }
  return allow;
}

export function parseList(text) { return text.split(/[\s,]+/).filter(Boolean); }
