// The npm package's `spin` CLI as a user drives it: an interactive shell through a
// pseudo-terminal (util-linux `script`), Ctrl-C, stdin piping, pull progress, help and
// version. (Every run option and exit status is also covered by tests/run and
// tests/oci's registry cases, which ctest runs with this CLI as node.run.* and
// node.registry.*.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startRegistry, tempSpace, runProcess, spinCli, packageDir } from './fixture.mjs';

let registry, space;

before(async () => {
  registry = await startRegistry();
  space = tempSpace();
});

after(async () => {
  await registry?.stop();
  space?.remove();
});

const spin = (args, options = {}) => runProcess(process.execPath, [spinCli, ...args], { env: space.env, ...options });

// A process on a pseudo-terminal of `rows` x `cols`; type() writes keys, expect() waits
// for output (since the last expect) matching re.
function onTerminal(command, { rows = 30, cols = 100 } = {}) {
  const child = spawn('script', ['-qfec', `stty rows ${rows} cols ${cols}; exec ${command}`, '/dev/null'],
                      { env: { ...space.env, TERM: 'xterm' } });
  let seen = '', from = 0;
  child.stdout.on('data', (d) => { seen += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    type: (keys) => child.stdin.write(keys),
    expect: (re, what) => new Promise((resolve, reject) => {
      const deadline = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`no ${what ?? re} on the terminal; it shows:\n${seen.slice(from)}`));
      }, 60000);
      const poll = setInterval(() => {
        const m = re.exec(seen.slice(from));
        if (!m) return;
        from += m.index + m[0].length;
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(m);
      }, 20);
    }),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

test('pull prints a line per blob and the result when not on a terminal', async () => {
  const r = await spin(['pull', registry.image]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /sha256:[0-9a-f]{12}: complete \(\d+ bytes\)\n/);
  assert.match(r.stdout, new RegExp(`Digest: sha256:[0-9a-f]{64}\\nPulled ${registry.image.replace(/[.:/]/g, '\\$&')}\\n$`));
  const q = await spin(['pull', '-q', registry.image]);
  assert.equal(q.stdout, `${registry.image}\n`);
});

test('pull draws progress bars on a terminal', async () => {
  const t = onTerminal(`${process.execPath} ${spinCli} --store ${space.dir}/tty-store pull ${registry.image}`);
  await t.expect(/[0-9a-f]{12}: Pull complete/, 'a completed layer');
  await t.expect(/Pulled /);
  assert.equal(await t.exited, 0);
});

test('an interactive shell: line editing, Ctrl-C, window size, exit status', async () => {
  const t = onTerminal(`${process.execPath} ${spinCli} run -it ${registry.image} /bin/busybox sh`);
  try {
    await t.expect(/# $/, 'a prompt');
    t.type('echo $((6*7)); busybox stty size\r');
    await t.expect(/\n42\r*\n30 100\r*\n/, 'the answer and the window size');
    // Line editing: type a word, erase it with backspace, type another.
    t.type('echo wrong\x7f\x7f\x7f\x7f\x7fright\r');
    await t.expect(/\nright\r*\n/, 'the edited line\'s output');
    t.type('busybox ls /\r');
    await t.expect(/bin[\s\S]*etc[\s\S]*proc/, 'the listing of /');
    // Ctrl-C interrupts the foreground command, not the shell or the container.
    t.type('busybox sleep 60\r');
    await new Promise((r) => setTimeout(r, 1500));
    t.type('\x03');
    await t.expect(/# $/, 'a prompt after Ctrl-C');
    t.type('echo still here\r');
    await t.expect(/\nstill here\r*\n/);
    t.type('exit 3\r');
    assert.equal(await t.exited, 3);
  } finally {
    t.kill();
  }
});

test('Ctrl-C (SIGINT) reaches the command; a second one kills the container', async () => {
  await spin(['pull', '-q', registry.image]);
  const once = spawn(process.execPath, [spinCli, 'run', registry.image, '/bin/busybox', 'sleep', '60'], { env: space.env });
  await new Promise((r) => setTimeout(r, 2500));
  once.kill('SIGINT');
  const [status] = await new Promise((resolve) => once.on('exit', (...a) => resolve(a)));
  assert.equal(status, 130, 'sleep ended by SIGINT: 128 + 2');
  // A command that ignores SIGINT: the second Ctrl-C kills the container (SIGKILL).
  const stubborn = spawn(process.execPath, [spinCli, 'run', registry.image, '/bin/busybox', 'sh', '-c',
    'trap "" INT; echo ready; while :; do busybox sleep 1; done'], { env: space.env });
  await new Promise((resolve) => stubborn.stdout.once('data', resolve));
  stubborn.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(stubborn.exitCode, null, 'the first Ctrl-C was ignored by the command');
  stubborn.kill('SIGINT');
  const [status2] = await new Promise((resolve) => stubborn.on('exit', (...a) => resolve(a)));
  assert.equal(status2, 137);
});

test('stdin piped with -i; output streamed as it is produced', async () => {
  const r = await spin(['run', '-i', registry.image, '/bin/busybox', 'cat'], { input: 'hi\n' });
  assert.deepEqual([r.status, r.stdout], [0, 'hi\n']);
  // The first line arrives while the command still runs.
  const child = spawn(process.execPath, [spinCli, 'run', registry.image, '/bin/busybox', 'sh', '-c',
    'echo first; busybox sleep 3; echo second'], { env: space.env });
  const first = await new Promise((resolve) => child.stdout.once('data', (d) => resolve([String(d), child.exitCode])));
  assert.deepEqual(first, ['first\n', null]);
  await new Promise((resolve) => child.on('exit', resolve));
});

test('--help, --version and errors in one sentence', async () => {
  const help = await spin(['--help']);
  assert.match(help.stdout, /usage: spin/);
  const version = await spin(['--version']);
  const pkg = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8'));
  assert.equal(version.stdout, `spin ${pkg.version}\n`);
  const bad = await spin(['run', '--frob', registry.image]);
  assert.equal(bad.status, 125);
  assert.equal(bad.stderr, 'spin: unknown option --frob (see spin --help)\n');
  const missing = await spin(['run', `127.0.0.1:${registry.port}/test/nosuch:1`]);
  assert.equal(missing.status, 125);
  assert.match(missing.stderr, /^Unable to find image .*\nspin: [^\n]*nosuch[^\n]*\n$/);
  const unreachable = await spin(['pull', '127.0.0.1:9/x/y:1']);
  assert.equal(unreachable.status, 125);
  assert.match(unreachable.stderr, /^spin: [^\n]*unreachable[^\n]*\n$/);
});
