// The npm package as users get it: `npm pack` in node/, installed from the tarball into an
// empty folder (offline: it has no dependencies and nothing to build), then used there
// through its CLI and its API, with nothing from the source tree; the api and cli
// suites run again against that installed copy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, realpathSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, tempSpace, runProcess, repo } from './fixture.mjs';

let registry, space, app;

before(async () => {
  registry = await startRegistry();
  space = tempSpace();
  app = join(space.dir, 'app');
  mkdirSync(app);
  const packed = join(space.dir, 'packed');
  mkdirSync(packed);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packed], { cwd: join(repo, 'node'), env: space.env });
  const [tarball] = readdirSync(packed);
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(packed, tarball)],
               { cwd: app, env: space.env });
});

after(async () => {
  await registry?.stop();
  space?.remove();
});

test('the tarball holds the bundle, the kernel and the types', () => {
  const installed = join(app, 'node_modules/spin-containers');
  for (const file of ['index.js', 'index.d.ts', 'bin/spin.js', 'lib/worker.js', 'dist/spin-node.cjs', 'dist/spin-node.wasm', 'dist/Image'])
    assert.ok(existsSync(join(installed, file)), `${file} is missing from the package`);
  assert.ok(existsSync(join(app, 'node_modules/.bin/spin')), 'no spin command installed');
});

test('the installed CLI runs a container', async () => {
  const r = await runProcess(join(app, 'node_modules/.bin/spin'),
    ['run', '--image-file', registry.archive, '/bin/busybox', 'echo', 'from the package'], { env: space.env, cwd: app });
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, 'from the package\n', '']);
});

test('the API and CLI suites pass against the installed package', async () => {
  const installed = realpathSync(join(app, 'node_modules/spin-containers'));
  const here = join(repo, 'tests/node');
  // (Without the runner's NODE_TEST_CONTEXT the inner runner reports as a plain run.)
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const r = await runProcess(process.execPath, ['--test', '--test-reporter=tap', join(here, 'api.test.mjs'), join(here, 'cli.test.mjs')],
                             { env: { ...env, SPIN_TEST_PACKAGE: installed }, cwd: app });
  assert.equal(r.status, 0, `${r.stdout.split('\n').filter((l) => /^not ok|^# (pass|fail)/.test(l)).join('\n')}`);
  assert.match(r.stdout, /# fail 0/);
});

test('the installed API pulls and runs', async () => {
  writeFileSync(join(app, 'use.mjs'), `
    import { Runtime } from 'spin-containers';
    const runtime = new Runtime({ store: ${JSON.stringify(join(space.dir, 'app-store'))} });
    const events = [];
    await runtime.registry.pull(${JSON.stringify(registry.image)}, { onProgress: (p) => events.push(p) });
    const r = await runtime.run({ image: ${JSON.stringify(registry.image)} });
    console.log(JSON.stringify({ from: import.meta.resolve('spin-containers'), status: r.status,
                                 out: r.stdout.toString(), progress: events.length > 0 }));
  `);
  const r = await runProcess(process.execPath, ['use.mjs'], { env: space.env, cwd: app });
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.ok(new URL(result.from).pathname.startsWith(realpathSync(app)), `the package came from ${result.from}`);
  assert.deepEqual([result.status, result.out, result.progress], [0, 'hello from the spin test image\n', true]);
});
