// Shared by the node:test suites: the loopback registry (registry-fixture.sh), a private
// store and HOME per suite, and small helpers.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
// The package under test: the source tree's node/, or (pack.test.mjs runs the suites
// again that way) an installed copy named by SPIN_TEST_PACKAGE.
export const packageDir = process.env.SPIN_TEST_PACKAGE || join(repo, 'node');
export const spinCli = join(packageDir, 'bin/spin.js');
export const loadPackage = () => import(pathToFileURL(join(packageDir, 'index.js')).href);

// Starts the registry; resolves {port, image, archive, stop()}.
export async function startRegistry() {
  const child = spawn(join(repo, 'tests/node/registry-fixture.sh'), { stdio: ['pipe', 'pipe', 'inherit'] });
  let text = '';
  const facts = {};
  child.stdout.setEncoding('utf8');
  await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`registry fixture exited (${code})`)));
    child.stdout.on('data', (d) => {
      text += d;
      for (const line of text.split('\n')) {
        const [key, value] = line.split(' ');
        if (value) facts[key] = value;
      }
      if (facts.port && facts.archive) resolve();
    });
  });
  child.removeAllListeners('exit');
  return {
    port: Number(facts.port),
    image: `127.0.0.1:${facts.port}/test/busybox:oci-gzip`,
    archive: facts.archive,
    async stop() {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}

// A temp folder with a store and an environment that uses it (and no mirror).
export function tempSpace() {
  const dir = mkdtempSync(join(tmpdir(), 'spin-node-test-'));
  mkdirSync(join(dir, 'home'));
  const env = { ...process.env, HOME: join(dir, 'home'), SPIN_STORE: join(dir, 'store'), SPIN_REGISTRY_MIRROR: '',
                DOCKER_CONFIG: join(dir, 'docker') };
  return { dir, store: join(dir, 'store'), env, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Runs a command; resolves {status, signal, stdout, stderr}.
export function runProcess(command, args, { input, env, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
