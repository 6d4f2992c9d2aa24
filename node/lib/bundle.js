// The wasm bundle (dist/spin-node.cjs + .wasm, built from src/api/spin_api.c) and the C API
// of include/spin.h as plain JS functions. Loaded inside a worker: the module is compiled
// once by the main thread and handed over, so a new worker only instantiates it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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

class Api {
  constructor(M) { this.M = M; }

  // Calls fn(argc, argv) with argv as C strings in the bundle's memory.
  withArgv(args, fn) {
    const M = this.M;
    const strings = args.map((s) => {
      const n = M.lengthBytesUTF8(s) + 1;
      const p = M._malloc(n);
      M.stringToUTF8(s, p, n);
      return p;
    });
    const argv = M._malloc(4 * (strings.length + 1));
    M.HEAPU32.set([...strings, 0], argv >>> 2);
    try {
      return fn(strings.length, argv);
    } finally {
      strings.forEach((p) => M._free(p));
      M._free(argv);
    }
  }

  // A JSON answer the C side allocated.
  json(pointer) {
    const text = this.M.UTF8ToString(pointer);
    this.M._free(pointer);
    return JSON.parse(text);
  }

  parse(args) { return this.json(this.withArgv(['spin', ...args], (c, v) => this.M._spin_api_parse(c, v))); }
  storeCommand(args) { return this.json(this.withArgv(['spin', ...args], (c, v) => this.M._spin_api_store_command(c, v))); }
  lastError() { return { message: this.M.UTF8ToString(this.M._spin_api_error()), status: this.M._spin_api_status() }; }

  pullBegin(args) { return this.withArgv(['spin', ...args], (c, v) => this.M._spin_api_pull_begin(c, v)); }
  pullStep(job) { return this.M._spin_api_pull_step(job) !== 0; }
  pullResult(job) { return this.json(this.M._spin_api_pull_result(job)); }
  pullFree(job) { this.M._spin_api_pull_free(job); }

  containerCreate(id, args) {
    return this.withArgv(['spin', ...args], (c, v) => this.M._spin_api_container_create(id, c, v));
  }
  run(c, maxInsns) { return this.M._spin_api_container_run(c, maxInsns); }
  waitNs() { return this.M._spin_api_wait_ns(); }
  waited(c, ns) { this.M._spin_api_container_waited(c, ns); }
  writeStdin(c, bytes) {
    const p = this.M._malloc(bytes.length || 1);
    this.M.HEAPU8.set(bytes, p);
    const r = this.M._spin_api_container_write_stdin(c, p, bytes.length);
    this.M._free(p);
    return r;
  }
  stdinPending(c) { return this.M._spin_api_container_stdin_pending(c); }
  closeStdin(c) { this.M._spin_api_container_close_stdin(c); }
  kill(c, sig) { this.M._spin_api_container_kill(c, sig); }
  resize(c, cols, rows) { this.M._spin_api_container_resize(c, cols, rows); }
  exitStatus(c) { return this.M._spin_api_container_exit_status(c); }
  containerError(c) {
    const p = this.M._spin_api_container_error(c);
    return p ? this.M.UTF8ToString(p) : null;
  }
  timeout(c) { return this.M._spin_api_container_timeout(c); }
  destroy(c) { this.M._spin_api_container_destroy(c); }
}
