// Which network addresses a redirect or a token realm may lead the proxy to. An upstream
// registry names those hosts itself; a hostile or compromised one must not turn the proxy
// into a way to read the operator's internal network (cloud metadata, admin ports). So a
// host other than the registry's own must resolve to public addresses only, unless the
// registry itself is on a private network (a local mirror, the tests' loopback registry)
// or the operator allows private targets.

import dns from 'node:dns';
import net from 'node:net';
import { UpstreamError } from './errors.mjs';

function privateIPv4(address) {
  const [a, b] = address.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || a >= 224;
}

export function isPrivateAddress(address) {
  if (net.isIPv4(address)) return privateIPv4(address);
  const lower = address.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return privateIPv4(mapped[1]);
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower);
}

// Whether a registry URL's host is itself private (an IP literal or "localhost").
export function isPrivateHost(hostname) {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare.endsWith('.localhost') || (net.isIP(bare) !== 0 && isPrivateAddress(bare));
}

const refused = (hostname) => new UpstreamError(502, 'UNAVAILABLE', `upstream pointed to a private address (${hostname})`);

// A dns.lookup for http.request that refuses private addresses (both callback forms).
export function publicLookup(hostname, options, callback) {
  dns.lookup(hostname, options, (error, address, family) => {
    if (error) { callback(error); return; }
    const all = Array.isArray(address) ? address : [{ address, family }];
    if (all.some((entry) => isPrivateAddress(entry.address))) { callback(refused(hostname)); return; }
    callback(null, address, family);
  });
}

// Throws when a URL names a private IP literal (which http.request connects to without a lookup).
export function checkLiteralHost(url) {
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(bare) !== 0 && isPrivateAddress(bare)) throw refused(bare);
  if (bare === 'localhost' || bare.endsWith('.localhost')) throw refused(bare);
}
