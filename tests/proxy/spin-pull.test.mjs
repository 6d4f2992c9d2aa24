// spin itself through the proxy: `spin pull` of an image named under the proxy's host,
// and of an image without a domain with SPIN_REGISTRY_MIRROR pointing at one of the
// proxy's registries (the /<name>/v2/ form), behind a token service and blob redirects;
// the second pull's blobs come from the proxy's cache. SPIN_COMMAND names spin (ctest
// passes the preset's); skipped without it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRegistry, pushImage, startFront, startProxy, tempFolder } from './fixtures.mjs';

const run = promisify(execFile);
const spin = process.env.SPIN_COMMAND;

test('spin pull through the proxy', { skip: !spin && 'SPIN_COMMAND not set' }, async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'library/hello', 'v1', 300000);
  const front = await startFront(t, registry, ['--token', 'anonymous', '--redirect-blobs']);
  const proxy = await startProxy(t, { allow: { local: front.url }, library: ['local'], cacheDir: tempFolder(t) });
  const home = tempFolder(t);  // no docker credentials of the machine's user
  const env = { PATH: process.env.PATH, HOME: home };

  const named = await run(spin, ['pull', '--store', tempFolder(t), `${proxy.url.slice(7)}/local/hello:v1`], { env });
  assert.match(named.stdout, new RegExp(`Digest: ${image.manifestDigest}`));
  const layerPath = `/v2/local/hello/blobs/${image.layerDigest}`;
  assert.equal(proxy.logs.find((entry) => entry.path === layerPath)?.cache, 'miss');

  const mirrored = await run(spin, ['pull', '--store', tempFolder(t), 'hello:v1'],
                             { env: { ...env, SPIN_REGISTRY_MIRROR: `${proxy.url}/local` } });
  assert.match(mirrored.stdout, new RegExp(`Digest: ${image.manifestDigest}`));
  const line = proxy.logs.find((entry) => entry.path === `/local/v2/library/hello/blobs/${image.layerDigest}`);
  assert.equal(line.cache, 'hit');
  assert.equal(line.upstreamRequests, 0);
});
