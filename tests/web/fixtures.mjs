// Fixtures of the browser tests, loopback only: a static server for the built playground
// (build/wasm/web, or SPIN_WEB_DIR) that remembers what it served, and Debian's chromium
// driven by playwright-core (headless, no sandbox, no background networking; never a
// downloaded browser).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const webDir = process.env.SPIN_WEB_DIR || path.join(repo, 'build/wasm/web');
export const artifactsDir = process.env.SPIN_WEB_ARTIFACTS || path.join(repo, 'build/wasm/web-test-artifacts');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
};

// Serves `root` on 127.0.0.1; resolves {url, served: [paths], close()}.
export async function serveStatic(root, overrides = {}) {
  const served = [];
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    served.push(pathname);
    if (overrides[pathname] !== undefined) {
      res.writeHead(200, { 'content-type': types[path.extname(pathname)] ?? 'application/octet-stream' });
      res.end(overrides[pathname]);
      return;
    }
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream',
                         'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

function chromiumPath() {
  for (const candidate of [process.env.SPIN_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'])
    if (candidate && fs.existsSync(candidate)) return candidate;
  throw new Error("Debian's chromium is not installed (scripts/setup.sh installs it)");
}

export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
           '--disable-default-apps', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
