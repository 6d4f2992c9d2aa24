// The on-disk cache and Range: content named by digest is cached only once its digest
// checked out, served later with no upstream request (ranges too), dropped when damaged
// on disk; a corrupted upstream blob reaches no client whole and never the cache.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startRegistry, pushImage, startFront, startProxy, get, logFor, tempFolder } from './fixtures.mjs';

const cachedFiles = (cacheDir) => fs.readdirSync(path.join(cacheDir, 'sha256')).sort();

test('cache hit after digest verification, ranges from upstream and from cache', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1');
  const front = await startFront(t, registry);
  const cacheDir = tempFolder(t);
  const proxy = await startProxy(t, { allow: { local: front.url }, cacheDir });
  const blobPath = `/v2/local/test/app/blobs/${image.layerDigest}`;
  const hex = image.layerDigest.slice(7);
  const upstreamBlobGets = () => front.requests().filter((r) => r.url.endsWith(image.layerDigest)).length;

  await t.test('a range before the blob is cached is passed upstream', async () => {
    const res = await get(`${proxy.url}${blobPath}`, { headers: { range: 'bytes=1000-1999' } });
    assert.equal(res.status, 206);
    assert.equal(res.headers['content-range'], `bytes 1000-1999/${image.layer.length}`);
    assert.ok(res.body.equals(image.layer.subarray(1000, 2000)));
    assert.equal(front.requests().at(-1).range, 'bytes=1000-1999');
    assert.equal((await logFor(proxy, blobPath, 0)).cache, 'bypass');
    assert.deepEqual(cachedFiles(cacheDir), []);
  });

  await t.test('the first whole GET fills the cache', async () => {
    const res = await get(`${proxy.url}${blobPath}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['docker-content-digest'], image.layerDigest);
    assert.ok(res.body.equals(image.layer));
    const line = await logFor(proxy, blobPath, 1);
    assert.equal(line.cache, 'miss');
    assert.equal(line.upstreamRequests, 1);
    assert.deepEqual(cachedFiles(cacheDir), [hex, `${hex}.json`]);
    assert.ok(fs.readFileSync(path.join(cacheDir, 'sha256', hex)).equals(image.layer));
    assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'tmp')), []);
  });

  await t.test('the second is served from the cache with no upstream request', async () => {
    const before = upstreamBlobGets();
    const res = await get(`${proxy.url}${blobPath}`, { headers: { origin: 'http://page.test' } });
    assert.equal(res.status, 200);
    assert.ok(res.body.equals(image.layer));
    assert.equal(res.headers['docker-content-digest'], image.layerDigest);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(upstreamBlobGets(), before);
    const line = await logFor(proxy, blobPath, 2);
    assert.equal(line.cache, 'hit');
    assert.equal(line.upstreamRequests, 0);
    assert.equal(line.bytes, image.layer.length);
  });

  await t.test('ranges and HEAD are served from the cache', async () => {
    const before = upstreamBlobGets();
    const middle = await get(`${proxy.url}${blobPath}`, { headers: { range: 'bytes=5-14' } });
    assert.equal(middle.status, 206);
    assert.equal(middle.headers['content-range'], `bytes 5-14/${image.layer.length}`);
    assert.ok(middle.body.equals(image.layer.subarray(5, 15)));
    const tail = await get(`${proxy.url}${blobPath}`, { headers: { range: 'bytes=-100' } });
    assert.equal(tail.status, 206);
    assert.ok(tail.body.equals(image.layer.subarray(image.layer.length - 100)));
    const open = await get(`${proxy.url}${blobPath}`, { headers: { range: `bytes=${image.layer.length - 7}-` } });
    assert.ok(open.body.equals(image.layer.subarray(image.layer.length - 7)));
    const beyond = await get(`${proxy.url}${blobPath}`, { headers: { range: `bytes=${image.layer.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${image.layer.length}`);
    const head = await get(`${proxy.url}${blobPath}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), image.layer.length);
    assert.equal(upstreamBlobGets(), before);
  });

  await t.test('manifests by digest are cached with their media type; by tag they are not', async () => {
    const byDigest = `/v2/local/test/app/manifests/${image.manifestDigest}`;
    assert.equal((await get(`${proxy.url}${byDigest}`)).status, 200);
    const before = front.requests().length;
    const again = await get(`${proxy.url}${byDigest}`);
    assert.deepEqual(again.body, image.manifest);
    assert.equal(again.headers['content-type'], 'application/vnd.oci.image.manifest.v1+json');
    assert.equal(front.requests().length, before);
    assert.equal((await get(`${proxy.url}/v2/local/test/app/manifests/v1`)).status, 200);
    assert.equal(front.requests().length, before + 1, 'a tag is always asked upstream');
  });

  await t.test('a cached file damaged on disk is dropped and fetched again', async () => {
    const file = path.join(cacheDir, 'sha256', hex);
    const damaged = Buffer.from(image.layer);
    damaged[12345] ^= 1;
    fs.writeFileSync(file, damaged);
    const before = upstreamBlobGets();
    const res = await get(`${proxy.url}${blobPath}`);
    assert.equal(res.status, 200);
    assert.ok(res.body.equals(image.layer), 'the damaged copy was not served');
    assert.equal(upstreamBlobGets(), before + 1);
    assert.ok(proxy.logs.some((entry) => entry.event === 'cache-error' && entry.message.includes(hex)));
    assert.ok(fs.readFileSync(file).equals(image.layer), 'the cache holds the good copy again');
  });

  await t.test('a new proxy on the same cache verifies before serving', async () => {
    fs.writeFileSync(path.join(cacheDir, 'sha256', hex), Buffer.alloc(image.layer.length));
    const second = await startProxy(t, { allow: { local: front.url }, cacheDir });
    const before = upstreamBlobGets();
    const res = await get(`${second.url}${blobPath}`, { headers: { range: 'bytes=0-99' } });
    assert.equal(res.status, 206);
    assert.ok(res.body.equals(image.layer.subarray(0, 100)));
    assert.equal(upstreamBlobGets(), before + 1);
  });
});

test('a corrupted upstream blob is cut short and never cached', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1');
  const front = await startFront(t, registry, ['--corrupt']);
  const cacheDir = tempFolder(t);
  const proxy = await startProxy(t, { allow: { local: front.url }, cacheDir });
  const blobPath = `/v2/local/test/app/blobs/${image.layerDigest}`;

  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await get(`${proxy.url}${blobPath}`);
    assert.equal(res.status, 200);
    assert.equal(res.cut, true, 'the client sees the connection cut');
    assert.ok(res.body.length < image.layer.length, 'the last chunk was held back');
    const line = await logFor(proxy, blobPath, attempt);
    assert.equal(line.cache, 'miss', 'served from upstream, not from the cache');
    assert.equal(line.upstreamRequests, 1);
    assert.equal(line.complete, false);
    assert.match(line.error, /does not match its digest/);
    assert.deepEqual(cachedFiles(cacheDir), []);
  }
  assert.equal(front.requests().filter((r) => r.url.endsWith(image.layerDigest)).length, 2);
  await new Promise((resolve) => setTimeout(resolve, 100));  // the temp file's removal is asynchronous
  assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'tmp')), []);
});

test('a client that leaves mid-blob stops the upstream download and leaves no temp file', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1', 1 << 20);
  const front = await startFront(t, registry, ['--throttle', '200000']);
  const cacheDir = tempFolder(t);
  const proxy = await startProxy(t, { allow: { local: front.url }, cacheDir });
  const blobPath = `/v2/local/test/app/blobs/${image.layerDigest}`;
  await new Promise((resolve, reject) => {
    const req = http.get(`${proxy.url}${blobPath}`, (res) => {
      res.once('data', () => setTimeout(() => { req.destroy(); resolve(); }, 200));
    });
    req.on('error', () => {});
    setTimeout(() => reject(new Error('no data')), 5000).unref();
  });
  const line = await logFor(proxy, blobPath);
  assert.equal(line.complete, false);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(fs.readdirSync(path.join(cacheDir, 'tmp')), []);
  assert.deepEqual(cachedFiles(cacheDir), []);
});
