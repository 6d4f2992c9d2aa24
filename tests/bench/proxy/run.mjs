// Proxy benchmark: one blob of seeded random bytes (--mib M, default 64) in Debian's
// docker-registry on 127.0.0.1, downloaded best of --runs N (default 3) times directly
// and through the registry proxy (proxy/): without a cache (verified on the way), filling
// its cache (verified and written), and from its cache (a verified file). JSON lines on
// stdout (tests/bench/README.md), diagnostics on stderr. Skipped when docker-registry is
// missing.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startRegistry, pushImage, startProxy, tempFolder } from '../../proxy/fixtures.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, mib: { type: 'string', default: '64' } },
                               strict: false });
const runs = Number(values.runs);
const mib = Number(values.mib);
try { execFileSync('sh', ['-c', 'command -v docker-registry'], { stdio: 'ignore' }); } catch {
  process.stderr.write('proxy: docker-registry missing, skipped\n');
  process.exit(0);
}

// The fixtures clean up through a test context's after(); this stands in for one.
const cleanups = [];
const context = { after: (fn) => cleanups.push(fn) };

function download(url) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http.get(url, { agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => {
        if (res.statusCode !== 200 || bytes !== mib << 20) reject(new Error(`${url}: ${res.statusCode}, ${bytes} bytes`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e9);
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function best(label, url, before = async () => {}) {
  let least = Infinity;
  for (let i = 0; i < runs; i++) {
    await before();
    least = Math.min(least, await download(url));
  }
  process.stderr.write(`proxy: ${label} ${least.toFixed(3)} s\n`);
  return least;
}

const line = (name, value, unit, reference, extra = {}) =>
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(4)), unit, reference, ...extra })}\n`);

try {
  const registry = await startRegistry(context);
  const image = await pushImage(registry, 'bench/big', 'latest', mib << 20);
  const cacheDir = tempFolder(context);
  const plain = await startProxy(context, { allow: { local: registry } });
  const cached = await startProxy(context, { allow: { local: registry }, cacheDir });
  const blob = `/v2/bench/big/blobs/${image.layerDigest}`;
  const viaProxy = (proxy) => `${proxy.url}/v2/local/bench/big/blobs/${image.layerDigest}`;
  const emptyCache = async () => fs.rmSync(path.join(cacheDir, 'sha256', image.layerDigest.slice(7)), { force: true });

  const direct = await best('direct', `${registry}${blob}`);
  const through = await best('through the proxy', viaProxy(plain));
  const filling = await best('through the proxy, filling its cache', viaProxy(cached), emptyCache);
  await download(viaProxy(cached));
  const hit = await best('from the proxy\'s cache', viaProxy(cached));
  const mibps = (seconds) => mib / seconds;
  line('proxy.direct.throughput', mibps(direct), 'MiB/s', null, { runs });
  line('proxy.no-cache.throughput', mibps(through), 'MiB/s', null, { runs });
  line('proxy.cache-fill.throughput', mibps(filling), 'MiB/s', null, { runs });
  line('proxy.cache-hit.throughput', mibps(hit), 'MiB/s', null, { runs });
  line('proxy.no-cache.slowdown-vs-direct', through / direct, 'x', 'proxy.direct');
  line('proxy.cache-hit.slowdown-vs-direct', hit / direct, 'x', 'proxy.direct');
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
