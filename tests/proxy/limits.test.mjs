// Limits that keep the proxy safe to expose: concurrent upstream exchanges (a full queue
// gets 503), upstream timeouts (504), request target and header sizes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startRegistry, pushImage, startFront, startProxy, get, logFor } from './fixtures.mjs';

test('limits', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1', 1000);
  const slow = await startFront(t, registry, ['--slow-blobs', '1500']);
  const blobPath = `/v2/local/test/app/blobs/${image.layerDigest}`;

  await t.test('beyond the concurrency limit and its queue, requests get 503', async (t) => {
    const proxy = await startProxy(t, { allow: { local: slow.url }, maxUpstream: 1, maxQueue: 1 });
    const answers = await Promise.all([0, 1, 2].map(() => get(`${proxy.url}${blobPath}`)));
    const statuses = answers.map((res) => res.status).sort();
    assert.deepEqual(statuses, [200, 200, 503]);
    const refused = answers.find((res) => res.status === 503);
    assert.equal(refused.json().errors[0].code, 'TOOMANYREQUESTS');
    assert.equal(refused.headers['retry-after'], '1');
  });

  await t.test('a silent upstream ends in a 504', async (t) => {
    const proxy = await startProxy(t, { allow: { local: slow.url }, upstreamTimeoutMs: 300 });
    const res = await get(`${proxy.url}${blobPath}`);
    assert.equal(res.status, 504);
    assert.equal(res.json().errors[0].code, 'UNAVAILABLE');
    assert.match((await logFor(proxy, blobPath)).error, /silent/);
  });

  await t.test('an unreachable upstream is a 502', async (t) => {
    const proxy = await startProxy(t, { allow: { local: 'http://127.0.0.1:9' } });
    const res = await get(`${proxy.url}/v2/local/test/app/manifests/v1`);
    assert.equal(res.status, 502);
    assert.equal(res.json().errors[0].code, 'UNAVAILABLE');
  });

  await t.test('oversized request targets and headers are refused', async (t) => {
    const proxy = await startProxy(t, { allow: { local: slow.url } });
    const long = await get(`${proxy.url}/v2/local/test/app/manifests/v1?${'x'.repeat(3000)}`);
    assert.equal(long.status, 414);
    const fat = await get(`${proxy.url}/v2/`, { headers: { 'x-padding': 'y'.repeat(16000) } });
    assert.equal(fat.status, 431);
    assert.equal(slow.requests().filter((r) => r.url.includes('manifests')).length, 0);
  });
});
