// The wasm bundle (dist/spin-node.cjs + .wasm, built from src/api/spin_api.c) and the C API
// of include/spin.h as plain JS functions. Loaded inside a worker: the module is compiled
// once by the main thread and handed over, so a new worker only instantiates it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Api } from './c-api.js';

const require = createRequire(import.meta.url);
export const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
export const kernelPath = fileURLToPath(new URL('../dist/Image', import.meta.url));

// The environment a worker's bundle sees: this process's, with the package's guest kernel
// unless SPIN_KERNEL names another.
export function workerEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  if (!env.SPIN_KERNEL) env.SPIN_KERNEL = kernelPath;
  return env;
}

let compiling = null;
// The compiled bundle (once per process).
export function compileBundle() {
  compiling ??= WebAssembly.compile(readFileSync(new URL('../dist/spin-node.wasm', import.meta.url)));
  return compiling;
}

// An instance of the bundle with the C API wrapped. `env` is the program's environment
// (HOME, SPIN_STORE, DOCKER_CONFIG, SPIN_KERNEL...); `hooks` receive its callbacks.
export async function instantiate(module, env, hooks) {
  const createSpinNode = require('../dist/spin-node.cjs');
  const M = await createSpinNode({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
      return {};
    },
    preRun: [(m) => { Object.assign(m.ENV, env); }],
    print: (line) => process.stderr.write(`${line}\n`),
    printErr: (line) => process.stderr.write(`${line}\n`),
    spinHttpWake: hooks.wake,
    spinPullProgress: hooks.progress,
    spinOutput: hooks.output,
    spinNet: hooks.net,  // lib/net.js: the container network's host sockets
  });
  return new Api(M);
}
