// The playground in Debian's chromium (playwright-core), everything on loopback: the built
// page from a static server, the registry proxy (proxy/) in front of the registry tests'
// token-demanding front (tests/oci/fixtures/registry-proxy.mjs --token anonymous) in
// front of Debian's docker-registry with the busybox test image. What a user sees: pull
// progress, output in the terminal, an interactive shell and its exit status, a reload
// that pulls nothing, readable errors, Stop. A screenshot lands in the artefacts folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startRegistry } from '../node/fixture.mjs';
import { startFront, startProxy } from '../proxy/fixtures.mjs';
import { serveStatic, webDir, artifactsDir, launchChromium } from './fixtures.mjs';

const BOOT_MS = 120_000;  // a pull and a boot of the emulated machine, on a busy machine

test('the playground', { timeout: 600_000 }, async (t) => {
  const registry = await startRegistry();
  t.after(() => registry.stop());
  const domain = `127.0.0.1:${registry.port}`;
  const front = await startFront(t, `http://${domain}`, ['--token', 'anonymous']);
  // The proxy names each registry by its reference domain (SPIN_REGISTRY_PROXY, docs/oci.md).
  const proxy = await startProxy(t, { allow: { [domain]: front.url } });
  const site = await serveStatic(webDir);
  t.after(() => site.close());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const blobRequests = [];  // every blob request the page or its worker made
  page.context().on('request', (request) => {
    if (/\/blobs\/sha256:/.test(request.url())) blobRequests.push(request.url());
  });
  const image = registry.image;  // 127.0.0.1:PORT/test/busybox:oci-gzip
  const playground = `${site.url}/?proxy=${encodeURIComponent(proxy.url)}`;

  const screen = () => page.evaluate(() => window.playground.screenText());
  // Waits, and on a timeout says what the page showed instead.
  async function waitFor(what, pattern, read, timeout) {
    try {
      await page.waitForFunction(([source, flags, reader]) => new RegExp(source, flags).test(eval(reader)()),
                                 [pattern.source, pattern.flags, read], { timeout });
    } catch (err) {
      const shown = await page.evaluate((reader) => eval(reader)(), read).catch(() => '?');
      const status = await page.textContent('#status').catch(() => '?');
      throw new Error(`${what} never matched ${pattern}: it shows ${JSON.stringify(shown)} (status: ${status})`, { cause: err });
    }
  }
  const waitForScreen = (pattern, timeout = BOOT_MS) =>
    waitFor('the terminal', pattern, '() => window.playground.screenText()', timeout);
  const waitForStatus = (pattern, timeout = BOOT_MS) =>
    waitFor('the status line', pattern, "() => document.getElementById('status').textContent", timeout);
  async function start(imageName, command, { tty = true } = {}) {
    await page.fill('#image', imageName);
    await page.fill('#command', command);
    if ((await page.isChecked('#tty')) !== tty) {
      if (!(await page.$eval('#options', (details) => details.open))) await page.click('#options summary');
      await page.setChecked('#tty', tty);
    }
    await page.click('#run');
  }

  await page.goto(playground);
  await page.waitForSelector('#run:not([disabled])', { timeout: 60_000 });
  await page.waitForFunction(() => /proxy 127\.0\.0\.1/.test(document.getElementById('proxy-state').textContent));

  await t.test('pull with progress per layer, then echo in the terminal', async () => {
    await start(image, '/bin/busybox echo hello from the browser', { tty: false });
    await page.waitForSelector('#layers li.layer', { timeout: BOOT_MS });
    assert.equal(await page.isVisible('#progress'), true, 'the progress panel shows');
    await waitForStatus(/exited with status 0/);
    assert.match(await screen(), /hello from the browser/);
    const layers = await page.$$eval('#layers li.layer', (rows) => rows.map((row) => ({
      done: row.classList.contains('done'), width: row.querySelector('.bar > div').style.width, label: row.textContent })));
    assert.ok(layers.length >= 2, `a bar per blob (layers and config): ${JSON.stringify(layers)}`);
    for (const layer of layers) {
      assert.ok(layer.done, `every bar completes: ${JSON.stringify(layer)}`);
      assert.equal(parseFloat(layer.width), 100);
    }
    assert.ok(blobRequests.length >= 2, 'blobs came through the proxy');
    assert.ok(blobRequests.every((url) => url.startsWith(`${proxy.url}/${domain}/v2/test/busybox/blobs/`)), blobRequests.join('\n'));
    await page.waitForSelector(`#images li.image[data-name="${image}"]`);
  });

  await t.test('an interactive shell: ls / and exit 3', async () => {
    await start(image, '/bin/busybox sh');
    await waitForStatus(/running/);
    await waitForScreen(/[#$]\s*$/m);  // the prompt (lines are read without trailing blanks)
    await page.click('#terminal');
    // The guest's terminal has the page terminal's size, and follows it.
    const size = () => page.evaluate(() => window.playground.terminalSize());
    let { cols, rows } = await size();
    await page.keyboard.type('busybox stty size\n');
    await waitForScreen(new RegExp(`\\n${rows} ${cols}\\n`));
    await page.setViewportSize({ width: 1000, height: 600 });
    await page.waitForFunction((old) => window.playground.terminalSize().cols !== old, cols);
    ({ cols, rows } = await size());
    await page.keyboard.type('busybox stty size\n');
    await waitForScreen(new RegExp(`\\n${rows} ${cols}\\n`));
    await page.setViewportSize({ width: 1280, height: 760 });
    // The test image holds /bin/busybox alone, no applet links: the session makes ls one
    // (in the container's private copy), then types `ls /` as a user would.
    await page.keyboard.type('busybox ln -s busybox /bin/ls\n');
    await page.keyboard.type('ls /\n');
    await waitForScreen(/\bbin\b[\s\S]*\betc\b[\s\S]*\bproc\b/);
    await page.keyboard.type('exit 3\n');
    await waitForStatus(/exited with status 3/);
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'playground.png') });
  });

  await t.test('after a reload the image runs with no blob fetched', async () => {
    // Chromium has the origin private file system: the store lives there.
    assert.equal(await page.evaluate(() => document.body.dataset.storage), 'opfs');
    const before = blobRequests.length;
    const servedBefore = site.served.length;
    await page.reload();
    await page.waitForSelector('#run:not([disabled])', { timeout: 60_000 });
    await page.waitForSelector(`#images li.image[data-name="${image}"]`);
    const servedNow = site.served.slice(servedBefore);
    assert.ok(!servedNow.includes('/Image') && !servedNow.includes('/spin-web-bundle.wasm'),
              `kernel and bundle come from the cache: ${servedNow.join(' ')}`);
    await start(image, '/bin/busybox echo again');
    await waitForStatus(/exited with status 0/);
    assert.match(await screen(), /again/);
    assert.equal(blobRequests.length, before, 'no blob was requested');
    assert.equal(proxy.logs.filter((entry) => /\/blobs\//.test(entry.path)).length, before, "the proxy's log agrees");
    assert.equal(await page.isVisible('#progress'), false, 'nothing was pulled');
  });

  await t.test('where OPFS is not wanted the store is IndexedDB, kept across reloads too', async () => {
    const idb = `${playground}&store=indexeddb`;
    await page.goto(idb);
    await page.waitForSelector('#run:not([disabled])', { timeout: 60_000 });
    assert.equal(await page.evaluate(() => document.body.dataset.storage), 'indexeddb');
    await start(image, '/bin/busybox echo via indexeddb', { tty: false });
    await waitForStatus(/exited with status 0/);
    await page.goto(idb);
    await page.waitForSelector(`#images li.image[data-name="${image}"]`, { timeout: 60_000 });
    await page.goto(playground);
    await page.waitForSelector('#run:not([disabled])', { timeout: 60_000 });
  });

  await t.test('a missing image gets a readable error', async () => {
    await start(`${domain}/test/no-such-image:latest`, '/bin/busybox true');
    await waitForStatus(/not started/);
    const message = await page.textContent('#message');
    assert.match(message, /no-such-image:latest does not exist/);
  });

  await t.test('Stop ends a running container', async () => {
    await start(image, '/bin/busybox sleep 600', { tty: false });
    await waitForStatus(/running/);
    await page.click('#stop');
    await waitForStatus(/exited with status (137|143)/, 30_000);
    assert.equal(await page.isEnabled('#run'), true);
  });

  await t.test('the embedding example runs a container behind its own <pre>', async () => {
    const embed = await browser.newPage();
    embed.on('pageerror', (err) => problems.push(`embed: ${err.message}`));
    await embed.goto(`${site.url}/examples/embed.html?proxy=${encodeURIComponent(proxy.url)}`);
    await embed.fill('#image', image);
    await embed.fill('#shell', '/bin/busybox sh');
    await embed.fill('#line', 'busybox echo embedded; exit 5');
    await embed.click('#go');  // enabled once the runtime is ready
    await embed.waitForFunction(() => /\[exit status \d+\]/.test(document.getElementById('out').textContent), null, { timeout: BOOT_MS });
    assert.match(await embed.textContent('#out'), /^embedded\n\n\[exit status 5\]$/);
    await embed.close();
  });

  await t.test("the embedding API inside another site's Worker", async () => {
    const result = await page.evaluate(async ({ api, proxyUrl, imageName }) => {
      const source = `
        import { createRuntime } from ${JSON.stringify(api)};
        const runtime = await createRuntime({ proxy: ${JSON.stringify(proxyUrl)} });
        const container = runtime.run({ image: ${JSON.stringify(imageName)},
                                        command: ['/bin/busybox', 'sh', '-c', 'busybox echo from a worker; exit 4'] });
        let out = '';
        const decoder = new TextDecoder();
        container.onOutput((bytes) => { out += decoder.decode(bytes, { stream: true }); });
        const { status } = await container.exited;
        runtime.close();
        postMessage({ out, status });`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
      return new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => resolve(data);
        worker.onerror = (event) => reject(new Error(event.message || 'the worker failed'));
      });
    }, { api: `${site.url}/spin-web.js`, proxyUrl: proxy.url, imageName: image });
    assert.deepEqual(result, { out: 'from a worker\n', status: 4 });
  });

  await t.test('deleting the image empties the list', async () => {
    await page.click(`#images li.image[data-name="${image}"] button`);
    await page.waitForSelector('#images li.empty');
  });

  assert.deepEqual(problems, [], 'no uncaught errors in the page');
});

test('an unreachable proxy (from config.json) is explained', { timeout: 120_000 }, async (t) => {
  // A port nothing listens on: take one from a server and close it.
  const closed = await serveStatic(webDir);
  await closed.close();
  const site = await serveStatic(webDir, { '/config.json': JSON.stringify({ proxy: closed.url }) });
  t.after(() => site.close());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => /unreachable/.test(document.getElementById('proxy-state').textContent), null, { timeout: 60_000 });
  assert.match(await page.textContent('#message'), new RegExp(`cannot reach the registry proxy at ${closed.url}`));
  await page.fill('#image', '127.0.0.1:1/test/busybox:latest');
  await page.click('#run');
  await page.waitForFunction(() => /not started/.test(document.getElementById('status').textContent), null, { timeout: 60_000 });
  assert.match(await page.textContent('#message'), /cannot reach the registry proxy/);
});
