// The npm package's JavaScript API against a loopback registry: pull with progress, the
// store, containers with each option, exit statuses, stdin, signals, and several
// containers from one runtime, one after another and at the same time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import http from 'node:http';
import net from 'node:net';
import { startRegistry, tempSpace, loadPackage } from './fixture.mjs';

const { Registry, Runtime, SpinError } = await loadPackage();

let registry, space, runtime, images;

before(async () => {
  registry = await startRegistry();
  space = tempSpace();
  Object.assign(process.env, { HOME: space.env.HOME, SPIN_REGISTRY_MIRROR: '', DOCKER_CONFIG: space.env.DOCKER_CONFIG });
  images = new Registry(space.store);
  runtime = new Runtime({ registry: images });
});

after(async () => {
  await runtime?.close();
  await registry?.stop();
  space?.remove();
});

const sh = (script, options = {}) => runtime.run({ image: registry.image, command: ['/bin/busybox', 'sh', '-c', script], ...options });

test('pull reports progress per blob and stores the image', async () => {
  const events = [];
  const result = await images.pull(registry.image, { onProgress: (p) => events.push(p) });
  assert.equal(result.name, registry.image);
  assert.match(result.digest, /^sha256:[0-9a-f]{64}$/);
  const last = new Map();
  for (const e of events) {
    assert.ok(e.done <= e.total, `done ${e.done} > total ${e.total}`);
    last.set(e.digest, e);
  }
  assert.ok(last.size >= 2, 'progress for the config and the layer');
  for (const e of last.values()) assert.equal(e.done, e.total, `${e.digest} never completed`);
  const listed = await images.images();
  assert.deepEqual(listed.map((i) => i.name), [registry.image]);
  assert.equal(listed[0].platform, 'linux/riscv64');
  const details = await images.inspect(registry.image);
  assert.ok(details.config.config.Env.includes('SPIN=test'));
  const where = await images.imagePath(registry.image);
  assert.ok(where.manifest && existsSync(where.manifest));
  assert.equal(JSON.parse(readFileSync(where.manifest, 'utf8')).layers.length, details.layers);
});

test('pull of a missing image or platform fails with a sentence', async () => {
  await assert.rejects(images.pull(`127.0.0.1:${registry.port}/test/nosuch:1`), (e) => e instanceof SpinError && /nosuch/.test(e.message));
  await assert.rejects(images.pull(registry.image, { platform: 'linux/s390x' }), (e) => e instanceof SpinError && /s390x/.test(e.message));
  await assert.rejects(images.inspect('never/pulled'), SpinError);
});

test('runs the image default command and streams its output', async () => {
  const r = await runtime.run({ image: registry.image });
  assert.deepEqual([r.status, r.stdout.toString()], [0, 'hello from the spin test image\n']);
});

test('env, workdir, user, hostname and entrypoint reach the command', async () => {
  const r = await sh('echo $A $SPIN; pwd; busybox id -u; busybox hostname', { env: { A: 'one two' }, workdir: '/tmp/made', user: '1000', hostname: 'box' });
  assert.equal(r.stderr.toString(), '');
  assert.deepEqual(r.stdout.toString().split('\n'), ['one two test', '/tmp/made', '1000', 'box', '']);
  const e = await runtime.run({ image: registry.image, entrypoint: ['/bin/busybox', 'echo', 'from'], command: ['entry'] });
  assert.equal(e.stdout.toString(), 'from entry\n');
});

test('host folders: written through when read-write, refused when read-only', async () => {
  const rw = join(space.dir, 'rw'), ro = join(space.dir, 'ro');
  mkdirSync(rw);
  mkdirSync(ro);
  writeFileSync(join(ro, 'in.txt'), 'from the host\n');
  const r = await sh('busybox cat /ro/in.txt; echo made > /rw/out.txt; echo x > /ro/no.txt', {
    mounts: [{ host: rw, guest: '/rw' }, { host: ro, guest: '/ro', readOnly: true }],
  });
  assert.equal(r.stdout.toString(), 'from the host\n');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr.toString(), /Read-only file system/);
  assert.equal(readFileSync(join(rw, 'out.txt'), 'utf8'), 'made\n');
  assert.equal(existsSync(join(ro, 'no.txt')), false);
});

test('exit statuses: the command\'s, 126, 127, and SpinError (125) when spin fails', async () => {
  assert.equal((await sh('exit 3')).status, 3);
  assert.equal((await runtime.run({ image: registry.image, command: ['nosuch'] })).status, 127);
  assert.equal((await runtime.run({ image: registry.image, command: ['/etc'] })).status, 126);
  await assert.rejects(sh('true', { memory: '1k' }), (e) => e instanceof SpinError && e.status === 125 && /--memory/.test(e.message));
  await assert.rejects(runtime.run({ image: `127.0.0.1:${registry.port}/test/nosuch:1` }), SpinError);
  await assert.rejects(sh('true', { ports: ['99999:80'] }), (e) => e.status === 125 && /-p takes/.test(e.message));
  await assert.rejects(sh('true', { ports: ['8080:80'], network: 'none' }), /--network none/);
});

test('stdin is piped to the command and ends with end of file', async () => {
  const r = await runtime.run({ image: registry.image, stdin: true, input: 'line 1\nline 2\n', command: ['/bin/busybox', 'wc', '-l'] });
  assert.equal(r.stdout.toString().trim(), '2');
});

test('stdin waits for a command that does not read: bounded, then all delivered', async () => {
  const c = runtime.createContainer({ image: registry.image, stdin: true,
    command: ['/bin/busybox', 'sh', '-c', 'busybox sleep 3; busybox wc -c'] });
  let out = '';
  c.stdout.on('data', (d) => { out += d; });
  await c.start();
  const chunk = Buffer.alloc(65536, 120), total = 128;
  let taken = 0, takenWhileAsleep = 0;
  const writes = [];
  for (let i = 0; i < total; i++) writes.push(new Promise((resolve) => c.stdin.write(chunk, () => { taken += chunk.length; resolve(); })));
  await new Promise((r) => setTimeout(r, 1500));
  takenWhileAsleep = taken;
  c.stdin.end();
  await Promise.all(writes);
  assert.equal(await c.wait(), 0);
  assert.equal(out.trim(), String(total * chunk.length));
  assert.ok(takenWhileAsleep < 4 * 1024 * 1024, `${takenWhileAsleep} bytes were taken while the command slept`);
});

test('a terminal when asked for', async () => {
  const r = await sh('test -t 0 && test -t 1 && echo tty', { tty: true });
  assert.equal(r.stdout.toString().trim(), 'tty');
  const p = await sh('test -t 1 || echo pipe');
  assert.equal(p.stdout.toString(), 'pipe\n');
});

test('a slow reader holds the machine back: nothing lost, nothing piled up', async () => {
  const c = runtime.createContainer({ image: registry.image, command: ['/bin/busybox', 'dd', 'if=/dev/zero', 'bs=65536', 'count=128'] });
  let received = 0, mostBuffered = 0;
  const slow = new Writable({
    highWaterMark: 16384,
    write(chunk, _encoding, done) {
      received += chunk.length;
      mostBuffered = Math.max(mostBuffered, c.stdout.readableLength);
      setTimeout(done, 2);
    },
  });
  c.stdout.pipe(slow);
  await c.start();
  assert.equal(await c.wait(), 0);
  await new Promise((resolve) => slow.on('finish', resolve));
  assert.equal(received, 128 * 65536);
  assert.ok(mostBuffered < 3 * 1024 * 1024, `${mostBuffered} bytes waited for the reader`);
});

test('kill sends a signal to the command', async () => {
  const c = runtime.createContainer({ image: registry.image, command: ['/bin/busybox', 'sleep', '60'] });
  await c.start();
  c.kill('SIGTERM');
  assert.equal(await c.wait(), 128 + 15);
});

test('networking: the host\'s loopback as 10.0.2.2, and a port forwarded into the container', async () => {
  const server = http.createServer((req, res) => res.end(`served ${req.url}\n`));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const r = await sh(`busybox wget -q -O - http://10.0.2.2:${server.address().port}/from-guest`);
    assert.deepEqual([r.status, r.stdout.toString()], [0, 'served /from-guest\n']);
  } finally {
    server.close();
  }
  const port = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address();
      probe.close(() => resolve(p));
    });
  });
  const c = runtime.createContainer({ image: registry.image, ports: [{ host: port, guest: 8080 }],
    command: ['/bin/busybox', 'httpd', '-f', '-p', '8080', '-h', '/etc'] });
  await c.start();
  let body = null;
  for (let i = 0; i < 100 && body === null; i++) {
    try {
      body = await (await fetch(`http://127.0.0.1:${port}/hello.txt`)).text();
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  c.kill('SIGTERM');
  await c.wait();
  assert.equal(body, 'hello from the spin test image\n');
});

test('an image archive runs without the store', async () => {
  const r = await runtime.run({ imageFile: registry.archive, command: ['/bin/busybox', 'cat', '/etc/hello.txt'] });
  assert.deepEqual([r.status, r.stdout.toString()], [0, 'hello from the spin test image\n']);
});

test('two containers at once from one runtime, and the caller stays responsive', async () => {
  let ticks = 0;
  const ticker = setInterval(() => { ticks++; }, 10);
  const order = [];
  const slow = runtime.createContainer({ image: registry.image, command: ['/bin/busybox', 'sh', '-c', 'i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo slow'] });
  const fast = runtime.createContainer({ image: registry.image, command: ['/bin/busybox', 'sh', '-c', 'echo fast'] });
  for (const [name, c] of [['slow', slow], ['fast', fast]]) c.on('exit', () => order.push(name));
  const out = { slow: '', fast: '' };
  slow.stdout.on('data', (d) => { out.slow += d; });
  fast.stdout.on('data', (d) => { out.fast += d; });
  await Promise.all([slow.start(), fast.start()]);
  const statuses = await Promise.all([slow.wait(), fast.wait()]);
  clearInterval(ticker);
  assert.deepEqual(statuses, [0, 0]);
  assert.deepEqual(out, { slow: 'slow\n', fast: 'fast\n' });
  assert.deepEqual(order, ['fast', 'slow'], 'the fast one ended while the slow one still ran');
  assert.ok(ticks > 20, `the event loop ran only ${ticks} timer ticks while both containers ran`);
});
