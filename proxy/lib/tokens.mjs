// The token dance, done by the proxy so that pages never meet an upstream's auth server:
// on a Bearer challenge the proxy asks the challenge's realm for a token (anonymously, or
// with the client's own Basic credentials when it sent some), and keeps it per registry,
// repository and credentials until it expires, so later requests send it straight away.

import crypto from 'node:crypto';
import { UpstreamError } from './errors.mjs';

const maxTokenResponseBytes = 64 * 1024;
const defaultLifetimeSeconds = 60;  // the token spec's default for a missing expires_in
const expiryMarginMs = 5000;
const maxEntries = 10000;  // bounds memory however many repositories and users come by

export function credentialKey(authorization) {
  if (!authorization) return 'anonymous';
  return crypto.createHash('sha256').update(authorization).digest('hex').slice(0, 32);
}

export class TokenCache {
  constructor() {
    this.entries = new Map();  // key -> { authorization, expiresAt }
  }

  // The Authorization to send for `key` (registry|repository|credentials), if still valid.
  current(key) {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) { this.entries.delete(key); return null; }
    return entry.authorization;
  }

  forget(key) { this.entries.delete(key); }

  // Keeps an Authorization that worked (a client's Basic credentials on a registry that
  // asks for Basic) so later requests with the same credentials send it straight away.
  remember(key, authorization, lifetimeMs) { this.store(key, authorization, lifetimeMs); }

  store(key, authorization, lifetimeMs) {
    this.entries.delete(key);
    if (this.entries.size >= maxEntries) this.entries.delete(this.entries.keys().next().value);
    this.entries.set(key, { authorization, expiresAt: Date.now() + lifetimeMs });
  }

  // Fetches a token for a Bearer challenge with `request` (upstream.mjs), and resolves to
  // the Authorization to send, or null when the token service refuses the credentials.
  // `upstream` is the registry's URL: the realm must use its scheme or a safer one (no
  // https -> http downgrade).
  async fetch(key, challenge, { request, signal, upstream, defaultScope, clientAuthorization }) {
    let realm;
    try { realm = new URL(challenge.params.realm); } catch { realm = null; }
    if (!realm || !['http:', 'https:'].includes(realm.protocol) || realm.username || realm.password ||
        (upstream.protocol === 'https:' && realm.protocol !== 'https:')) {
      throw new UpstreamError(502, 'UNAVAILABLE', 'upstream sent an unusable token realm');
    }
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set('scope', challenge.params.scope || defaultScope);
    const headers = { accept: 'application/json' };
    if (clientAuthorization) headers.authorization = clientAuthorization;
    const res = await request(realm, { method: 'GET', headers, signal });
    const body = await readSmallBody(res, maxTokenResponseBytes);
    if (res.statusCode === 401 || res.statusCode === 403) return null;  // credentials refused
    if (res.statusCode !== 200) throw new UpstreamError(502, 'UNAVAILABLE', `token service answered ${res.statusCode}`);
    let parsed;
    try { parsed = JSON.parse(body); } catch { parsed = null; }
    const token = parsed && (parsed.token || parsed.access_token);
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token)) {
      throw new UpstreamError(502, 'UNAVAILABLE', 'token service sent no usable token');
    }
    const lifetime = Number.isFinite(parsed.expires_in) && parsed.expires_in > 0 ? parsed.expires_in
      : defaultLifetimeSeconds;
    const authorization = `Bearer ${token}`;
    this.store(key, authorization, Math.max(1000, lifetime * 1000 - expiryMarginMs));
    return authorization;
  }
}

export function readSmallBody(res, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    res.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) { res.destroy(); reject(new UpstreamError(502, 'UNAVAILABLE', 'upstream answer too large')); return; }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
