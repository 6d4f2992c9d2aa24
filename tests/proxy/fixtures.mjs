// Fixtures of the proxy tests, loopback only: Debian's docker-registry with images pushed
// over the distribution API, the registry tests' misbehaving front
// (tests/oci/fixtures/registry-proxy.mjs: token service, corruption, redirects, slowness,
// logging every request it gets), the proxy itself in-process, and a plain HTTP client
// that reports exactly what arrived (status, headers, body, whether it was cut).

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProxy } from '../../proxy/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const frontScript = path.join(here, '..', 'oci', 'fixtures', 'registry-proxy.mjs');
const children = [];
process.on('exit', () => { for (const child of children) child.kill(); });

export function tempFolder(t) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spin-proxy-test-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  return folder;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
    server.on('error', reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, what) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`fixture: ${what} did not come up`);
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill();
  });
}

// A real docker-registry on 127.0.0.1, storage in a temp folder. Resolves to its URL.
export async function startRegistry(t) {
  const folder = tempFolder(t);
  const port = await freePort();
  const config = path.join(folder, 'config.yml');
  fs.writeFileSync(config, [
    'version: 0.1',
    'log: {level: error, accesslog: {disabled: true}}',
    `storage: {filesystem: {rootdirectory: ${folder}/storage}}`,
    `http: {addr: 127.0.0.1:${port}}`, ''].join('\n'));
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  children.push(child);
  t.after(() => stopChild(child));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await get(`${url}/v2/`).catch(() => null))?.status === 200, 'docker-registry');
  return url;
}

function put(url, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body === null ? 'POST' : 'PUT',
      headers: { 'content-length': body?.length ?? 0, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

export const sha256 = (buffer) => `sha256:${crypto.createHash('sha256').update(buffer).digest('hex')}`;

async function pushBlob(registry, repository, content) {
  const digest = sha256(content);
  const started = await put(`${registry}/v2/${repository}/blobs/uploads/`, null, {});
  if (started.statusCode !== 202) throw new Error(`upload start: ${started.statusCode}`);
  const location = new URL(started.headers.location, registry);
  location.searchParams.set('digest', digest);
  const done = await put(location, content, { 'content-type': 'application/octet-stream' });
  if (done.statusCode !== 201) throw new Error(`upload: ${done.statusCode}`);
  return digest;
}

// Pushes an OCI image (a config and one layer of `layerBytes` random bytes) as
// repository:tag. Resolves to its parts: { manifest, manifestDigest, layer, layerDigest }.
export async function pushImage(registry, repository, tag, layerBytes = 3 << 20) {
  const layer = crypto.randomBytes(layerBytes);
  const config = Buffer.from(JSON.stringify({ architecture: 'riscv64', os: 'linux',
    rootfs: { type: 'layers', diff_ids: [sha256(layer)] }, config: {} }));
  const layerDigest = await pushBlob(registry, repository, layer);
  const configDigest = await pushBlob(registry, repository, config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length }],
  }));
  const done = await put(`${registry}/v2/${repository}/manifests/${tag}`, manifest,
    { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
  if (done.statusCode !== 201) throw new Error(`manifest push: ${done.statusCode}`);
  return { manifest, manifestDigest: sha256(manifest), layer, layerDigest, config, configDigest };
}

// The registry tests' front (see its header for the options) in front of `upstream`.
// Resolves to { url, requests() }: requests() is every request it has received so far
// ({ method, url, host, range, authorization: 'none'|'bearer'|'basic' }).
export async function startFront(t, upstream, args = []) {
  const folder = tempFolder(t);
  const portFile = path.join(folder, 'port');
  const logFile = path.join(folder, 'log');
  fs.writeFileSync(logFile, '');
  const child = spawn(process.execPath, [frontScript, '--upstream', upstream, '--port-file', portFile,
    '--log', logFile, '--lifetime', '300', ...args], { stdio: 'ignore' });
  children.push(child);
  t.after(() => stopChild(child));
  await waitFor(() => fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8') !== '', 'the registry front');
  const url = `http://127.0.0.1:${fs.readFileSync(portFile, 'utf8')}`;
  const requests = () => fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    .filter((entry) => entry.method);
  return { url, requests };
}

// The proxy in-process on a loopback port. Resolves to { url, logs, server }: logs is the
// array of its log entries.
export async function startProxy(t, options) {
  const logs = [];
  const server = createProxy({ ...options, log: (entry) => logs.push(entry) });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }));
  return { url: `http://127.0.0.1:${server.address().port}`, logs, server };
}

// The proxy's log line for a request, once the answer has ended (lines are written on close).
export async function logFor(proxy, requestPath, nth = 0) {
  let found;
  await waitFor(() => (found = proxy.logs.filter((entry) => entry.path === requestPath)[nth]), `log of ${requestPath}`);
  return found;
}

// A GET (or other method) that resolves to { status, headers, body, cut }: cut is true
// when the connection ended before the announced body did.
export function get(url, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request({ host: target.hostname, port: target.port, method, headers, agent: false,
                               path: url.slice(target.origin.length) }, (res) => {
      const chunks = [];
      let cut = false;
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('aborted', () => { cut = true; });
      res.on('error', () => { cut = true; });
      res.on('close', () => {
        const body = Buffer.concat(chunks);
        if (!res.complete) cut = true;
        resolve({ status: res.statusCode, headers: res.headers, body, cut,
                  json: () => JSON.parse(body.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
