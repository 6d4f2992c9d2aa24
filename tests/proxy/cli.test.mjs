// The spin-registry-proxy command: flags and their environment variables, the JSON log
// lines on stderr, and a clear refusal to start without an allow-list.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRegistry, pushImage, get, tempFolder } from './fixtures.mjs';

const command = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'proxy', 'bin',
                          'spin-registry-proxy.mjs');

// Starts the command; resolves to { url, lines(), stop() } once it logged "listening".
function start(t, args, env = {}) {
  const home = tempFolder(t);  // no operator's config file is read by accident
  const child = spawn(process.execPath, [command, ...args],
                      { env: { PATH: process.env.PATH, HOME: home, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const lines = () => stderr.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  t.after(() => child.kill());
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const listening = stderr.includes('"listening"') && lines().find((line) => line.event === 'listening');
      if (listening) resolve({ url: `http://127.0.0.1:${listening.port}`, lines, listening });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
}

test('flags: port, allow-list, library rule, cache; one JSON log line per request', async (t) => {
  const registry = await startRegistry(t);
  const image = await pushImage(registry, 'library/hello', 'v1', 1000);
  const cacheDir = tempFolder(t);
  const proxy = await start(t, ['--port', '0', '--allow', `local=${registry}`, '--library', 'local',
                                '--cache-dir', cacheDir]);
  assert.deepEqual(proxy.listening.registries, ['local']);
  const res = await get(`${proxy.url}/v2/local/hello/blobs/${image.layerDigest}`);
  assert.equal(res.status, 200);
  assert.ok(res.body.equals(image.layer));
  assert.ok(fs.existsSync(path.join(cacheDir, 'sha256', image.layerDigest.slice(7))));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const line = proxy.lines().find((entry) => entry.path?.endsWith(image.layerDigest));
  assert.equal(line.method, 'GET');
  assert.equal(line.status, 200);
  assert.equal(line.bytes, image.layer.length);
  assert.equal(line.cache, 'miss');
  assert.equal(typeof line.ms, 'number');
  assert.equal(typeof line.time, 'string');
});

test('environment variables stand in for the flags', async (t) => {
  const registry = await startRegistry(t);
  await pushImage(registry, 'test/app', 'v1', 1000);
  const proxy = await start(t, [], { SPIN_PROXY_PORT: '0', SPIN_PROXY_ALLOW: `local=${registry}`,
                                     SPIN_PROXY_ORIGINS: 'http://page.test' });
  const res = await get(`${proxy.url}/v2/local/test/app/manifests/v1`, { headers: { origin: 'http://page.test' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers['access-control-allow-origin'], 'http://page.test');
});

test('a config file stands in too', async (t) => {
  const registry = await startRegistry(t);
  await pushImage(registry, 'test/app', 'v1', 1000);
  const file = path.join(tempFolder(t), 'proxy.json');
  fs.writeFileSync(file, JSON.stringify({ port: 0, allow: { local: { url: registry } } }));
  const proxy = await start(t, ['--config', file]);
  assert.equal((await get(`${proxy.url}/v2/local/test/app/manifests/v1`)).status, 200);
});

test('without an allow-list it refuses to start', async (t) => {
  const home = tempFolder(t);
  const child = spawn(process.execPath, [command, '--port', '0'],
                      { env: { PATH: process.env.PATH, HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 2);
  assert.match(stderr, /allow-list is empty/);
});
