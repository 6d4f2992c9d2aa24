// The proxy's face: /v2/ and /healthz, manifests and blobs through an allow-listed
// registry (Docker Hub's library/ rule included), CORS answers and preflights, and the
// refusals that keep it safe to expose (registries not on the allow-list, paths outside
// the distribution spec's grammar, methods other than GET and HEAD).
import test from 'node:test';
import assert from 'node:assert/strict';
import { startRegistry, pushImage, startFront, startProxy, get, logFor } from './fixtures.mjs';

test('routing, CORS and refusals', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'test/app', 'v1', 200000);
  const hello = await pushImage(registry, 'library/hello', 'v1', 1000);
  const front = await startFront(t, registry);
  const proxy = await startProxy(t, { allow: { local: front.url }, library: ['local'] });

  await t.test('/v2/ answers 200 with the API version header', async () => {
    const res = await get(`${proxy.url}/v2/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['docker-distribution-api-version'], 'registry/2.0');
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });

  await t.test('/healthz answers 200', async () => {
    const res = await get(`${proxy.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  await t.test('a manifest by tag and its blobs come through, with CORS headers', async () => {
    const res = await get(`${proxy.url}/v2/local/test/app/manifests/v1`, {
      headers: { origin: 'http://page.test', accept: 'application/vnd.oci.image.manifest.v1+json' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, image.manifest);
    assert.equal(res.headers['content-type'], 'application/vnd.oci.image.manifest.v1+json');
    assert.equal(res.headers['docker-content-digest'], image.manifestDigest);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const exposed = res.headers['access-control-expose-headers'].toLowerCase().split(/,\s*/);
    for (const name of ['docker-content-digest', 'www-authenticate', 'content-length', 'content-range', 'content-type']) {
      assert.ok(exposed.includes(name), `${name} exposed`);
    }
    const blob = await get(`${proxy.url}/v2/local/test/app/blobs/${image.layerDigest}`);
    assert.equal(blob.status, 200);
    assert.equal(blob.cut, false);
    assert.ok(blob.body.equals(image.layer));
    const head = await get(`${proxy.url}/v2/local/test/app/blobs/${image.layerDigest}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), image.layer.length);
    assert.equal(head.body.length, 0);
    const line = await logFor(proxy, `/v2/local/test/app/blobs/${image.layerDigest}`);
    assert.equal(line.status, 200);
    assert.equal(line.bytes, image.layer.length);
    assert.equal(line.registry, 'local');
    assert.equal(line.upstream, `${front.url}/v2/test/app/blobs/${image.layerDigest}`);
    assert.equal(typeof line.ms, 'number');
  });

  await t.test('one-component repositories get library/ on a registry with that rule', async () => {
    const res = await get(`${proxy.url}/v2/local/hello/manifests/v1`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, hello.manifest);
    assert.ok(front.requests().some((r) => r.url === '/v2/library/hello/manifests/v1'));
  });

  await t.test('/<registry>/v2/... is the same route, for clients whose endpoint has a path', async () => {
    const base = await get(`${proxy.url}/local/v2/`);
    assert.equal(base.status, 200);
    const res = await get(`${proxy.url}/local/v2/library/hello/manifests/v1`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, hello.manifest);
  });

  await t.test('tags/list comes through with its pagination parameters only', async () => {
    const res = await get(`${proxy.url}/v2/local/test/app/tags/list?n=10&evil=1`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json().tags, ['v1']);
    assert.equal(front.requests().at(-1).url, '/v2/test/app/tags/list?n=10');
  });

  await t.test('an unknown manifest is the upstream\'s 404, in the spec\'s error format', async () => {
    const res = await get(`${proxy.url}/v2/local/test/app/manifests/nope`);
    assert.equal(res.status, 404);
    assert.equal(res.json().errors[0].code, 'MANIFEST_UNKNOWN');
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });

  await t.test('preflights are answered', async () => {
    const res = await get(`${proxy.url}/v2/local/test/app/blobs/${image.layerDigest}`, { method: 'OPTIONS',
      headers: { origin: 'http://page.test', 'access-control-request-method': 'GET',
                 'access-control-request-headers': 'authorization, range' } });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.match(res.headers['access-control-allow-methods'], /GET/);
    const allowed = res.headers['access-control-allow-headers'].toLowerCase();
    for (const name of ['authorization', 'range', 'accept']) assert.ok(allowed.includes(name), name);
  });

  await t.test('registries off the allow-list are refused with 403 and never contacted', async () => {
    const before = front.requests().length;
    const res = await get(`${proxy.url}/v2/registry.invalid/test/app/manifests/v1`);
    assert.equal(res.status, 403);
    assert.equal(res.json().errors[0].code, 'DENIED');
    assert.equal(front.requests().length, before);
  });

  await t.test('paths outside the grammar are refused and never reach the upstream', async () => {
    const before = front.requests().length;
    const hostile = [
      '/v2/local/test/../app/manifests/v1', '/v2/local/test/app/../../x/manifests/v1',
      '/v2/local/test%2Fapp/manifests/v1', '/v2/local/%2e%2e/app/manifests/v1', '/v2/local/test/app%2f..%2f/blobs/x',
      '/v2/local//test/app/manifests/v1', '/v2/local/./test/manifests/v1', '/v2/local/test\\app/manifests/v1',
      '/v2/local/Test/App/manifests/v1', '/v2/local/test/app/manifests/bad!tag',
      '/v2/local/test/app/blobs/sha256:1234', '/v2/local/test/app/blobs/latest',
      '/v2/local/test/app/blobs/uploads/', '/v2/local/test/app/manifests/sha512:abcd',
      '/v2/../../etc/passwd', '/v2/local/manifests/v1', '/v2/127.0.0.1:1:2/test/manifests/v1',
      '/etc/passwd', '/v2/local/test/app/_catalog', `/v2/local/${'a/'.repeat(130)}x/manifests/v1`,
    ];
    for (const target of hostile) {
      const res = await get(`${proxy.url}${target}`);
      assert.ok(res.status === 400 || res.status === 404, `${target}: ${res.status}`);
      assert.ok(res.json().errors[0].code, target);
    }
    assert.equal(front.requests().length, before, 'no request reached the upstream');
  });

  await t.test('only GET, HEAD and OPTIONS are served', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await get(`${proxy.url}/v2/local/test/app/manifests/v1`, { method });
      assert.equal(res.status, 405, method);
      assert.equal(res.json().errors[0].code, 'UNSUPPORTED');
    }
  });
});

test('a list of origins: only those get CORS headers', async (t) => {
  const registry = await startRegistry(t);
  await pushImage(registry, 'test/app', 'v1', 1000);
  const proxy = await startProxy(t, { allow: { local: registry }, origins: ['http://page.test'] });
  const allowed = await get(`${proxy.url}/v2/local/test/app/manifests/v1`, { headers: { origin: 'http://page.test' } });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers['access-control-allow-origin'], 'http://page.test');
  assert.match(allowed.headers.vary, /Origin/);
  const other = await get(`${proxy.url}/v2/local/test/app/manifests/v1`, { headers: { origin: 'http://evil.test' } });
  assert.equal(other.headers['access-control-allow-origin'], undefined);
  const preflight = await get(`${proxy.url}/v2/local/test/app/manifests/v1`, { method: 'OPTIONS',
    headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' } });
  assert.equal(preflight.status, 403);
  assert.equal(preflight.headers['access-control-allow-origin'], undefined);
});
