// Redirects and token realms of a public registry may not lead the proxy into private
// networks (proxy/lib/addresses.mjs); a registry on a private network may redirect within it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { isPrivateAddress, isPrivateHost, publicLookup } from '../../proxy/lib/addresses.mjs';
import { createRequester, exchange } from '../../proxy/lib/upstream.mjs';
import { TokenCache } from '../../proxy/lib/tokens.mjs';
import { startRegistry, pushImage, startFront } from './fixtures.mjs';

test('private and public addresses', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
                         '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:db8::1', '::ffff:1.1.1.1']) {
    assert.equal(isPrivateAddress(address), false, address);
  }
  assert.equal(isPrivateHost('localhost'), true);
  assert.equal(isPrivateHost('[::1]'), true);
  assert.equal(isPrivateHost('registry.example'), false);
});

test('a lookup that resolves to loopback is refused', async () => {
  for (const all of [false, true]) {
    const error = await new Promise((resolve) => publicLookup('localhost', { all }, resolve));
    assert.match(error?.message ?? '', /private address/);
  }
});

test('a public registry\'s redirect to a private host is refused unless allowed', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1', 1000);
  const front = await startFront(t, registry, ['--redirect-blobs']);  // 307 to localhost
  const port = new URL(front.url).port;
  const real = createRequester({ timeoutMs: 5000, userAgent: 'test', maxSockets: 4 });
  t.after(() => real.close());
  // The registry is named registry.test (a public-looking host) and reached on loopback.
  const request = (url, options) => {
    const reached = new URL(url);
    if (reached.hostname === 'registry.test') reached.hostname = '127.0.0.1';
    return real(reached, options);
  };
  const run = (allowPrivateTargets) => exchange({
    request, tokens: new TokenCache(), registry: { name: 'r', url: new URL(`http://registry.test:${port}/`) },
    repository: 'test/app', path: `v2/test/app/blobs/${image.layerDigest}`, method: 'GET', headers: {},
    clientAuthorization: null, onRequest: () => {}, allowPrivateTargets });
  await assert.rejects(run(false), /private address \(localhost\)/);
  const res = await run(true);
  assert.equal(res.statusCode, 200);
  res.resume();
});
