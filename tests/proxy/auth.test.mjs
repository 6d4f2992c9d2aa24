// The token dance done by the proxy (anonymous tokens, cached per repository; a client's
// Basic credentials passed to the token service), and blob redirects followed by the
// proxy without Authorization going to the redirect's host.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startRegistry, pushImage, startFront, startProxy, get, logFor, tempFolder } from './fixtures.mjs';

const basic = (credentials) => `Basic ${Buffer.from(credentials).toString('base64')}`;

test('anonymous bearer tokens: fetched once, then sent straight away', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1', 100000);
  const front = await startFront(t, registry, ['--token', 'anonymous']);
  const proxy = await startProxy(t, { allow: { local: front.url } });

  const first = await get(`${proxy.url}/v2/local/test/app/manifests/v1`);
  assert.equal(first.status, 200);
  assert.deepEqual(first.body, image.manifest);
  const afterFirst = front.requests();
  assert.equal(afterFirst.filter((r) => r.url.startsWith('/token')).length, 1);
  assert.match(afterFirst.find((r) => r.url.startsWith('/token')).url, /scope=repository%3Atest%2Fapp%3Apull/);
  assert.equal((await logFor(proxy, '/v2/local/test/app/manifests/v1')).upstreamRequests, 3);  // 401, token, retry

  const blob = await get(`${proxy.url}/v2/local/test/app/blobs/${image.layerDigest}`);
  assert.equal(blob.status, 200);
  assert.ok(blob.body.equals(image.layer));
  const later = front.requests().slice(afterFirst.length);
  assert.deepEqual(later.map((r) => [r.url, r.authorization]),
                   [[`/v2/test/app/blobs/${image.layerDigest}`, 'bearer']], 'the cached token went along');
});

test('Basic credentials: passed to the token service, their content never cached', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/private', 'v1', 100000);
  const front = await startFront(t, registry, ['--token', 'user:secret']);
  const cacheDir = tempFolder(t);
  const proxy = await startProxy(t, { allow: { local: front.url }, cacheDir });

  const anonymous = await get(`${proxy.url}/v2/local/test/private/manifests/v1`);
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.json().errors[0].code, 'UNAUTHORIZED');
  assert.match(anonymous.headers['www-authenticate'], /^Basic realm=/);

  const wrong = await get(`${proxy.url}/v2/local/test/private/manifests/v1`,
                          { headers: { authorization: basic('user:wrong') } });
  assert.equal(wrong.status, 401);

  const headers = { authorization: basic('user:secret') };
  const manifest = await get(`${proxy.url}/v2/local/test/private/manifests/v1`, { headers });
  assert.equal(manifest.status, 200);
  assert.deepEqual(manifest.body, image.manifest);
  const tokenRequests = front.requests().filter((r) => r.url.startsWith('/token'));
  assert.equal(tokenRequests.at(-1).authorization, 'basic');

  const blobPath = `/v2/local/test/private/blobs/${image.layerDigest}`;
  const blob = await get(`${proxy.url}${blobPath}`, { headers });
  assert.equal(blob.status, 200);
  assert.ok(blob.body.equals(image.layer));
  assert.equal((await logFor(proxy, blobPath)).cache, 'bypass');
  assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'sha256')), [], 'nothing fetched with credentials is cached');
  const again = await get(`${proxy.url}${blobPath}`);
  assert.equal(again.status, 401, 'an anonymous client cannot read it through the cache');
});

test('blob redirects are followed by the proxy; Authorization stays with the registry', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1', 1 << 20);
  // Blob GETs get a 307 to the same front under another host name (localhost), which
  // stands for a storage host and needs no authorization.
  const front = await startFront(t, registry, ['--token', 'anonymous', '--redirect-blobs']);
  const proxy = await startProxy(t, { allow: { local: front.url } });

  // The manifest first, as a pull does: the proxy gets its token there.
  assert.equal((await get(`${proxy.url}/v2/local/test/app/manifests/v1`)).status, 200);
  const blob = await get(`${proxy.url}/v2/local/test/app/blobs/${image.layerDigest}`,
                         { headers: { origin: 'http://page.test' } });
  assert.equal(blob.status, 200);
  assert.equal(blob.headers.location, undefined);
  assert.equal(blob.headers['access-control-allow-origin'], '*');
  assert.ok(blob.body.equals(image.layer));
  const blobRequests = front.requests().filter((r) => r.url.includes('/blobs/'));
  const atRegistry = blobRequests.filter((r) => r.host.startsWith('127.0.0.1'));
  const atStorage = blobRequests.filter((r) => r.host.startsWith('localhost'));
  assert.deepEqual(atRegistry.map((r) => r.authorization), ['bearer']);
  assert.equal(atStorage.length, 1);
  assert.equal(atStorage[0].authorization, 'none', 'Authorization was not sent to the other host');
});

test('redirect loops end in a 502', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1', 1000);
  const front = await startFront(t, registry, ['--hostile', 'redirect-loop']);
  const proxy = await startProxy(t, { allow: { local: front.url } });
  const blob = await get(`${proxy.url}/v2/local/test/app/blobs/${image.layerDigest}`);
  assert.equal(blob.status, 502);
  assert.equal(blob.json().errors[0].code, 'UNAVAILABLE');
  assert.ok(front.requests().length <= 6);
});
