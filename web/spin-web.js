// Spin in a browser: the embedding API (web/README.md). Plain ES module, usable from a
// page or from another Worker; the runtime itself runs in a module Web Worker of its own
// (lib/worker.js), so the caller's thread never compiles or runs the emulator.
//
//   const runtime = await createRuntime({ proxy: 'https://proxy.example' });
//   const c = runtime.run({ image: 'docker.io/library/busybox', command: ['sh'], tty: true });
//   c.onOutput((bytes) => term.write(bytes));  term.onData((s) => c.write(s));
//   const { status, error } = await c.exited;
//
// Images are pulled through a registry proxy (proxy/): the C registry client sends every
// registry domain D to PROXY/D/v2/... (SPIN_REGISTRY_PROXY, docs/oci.md).

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };

export function signalNumber(signal) {
  if (Number.isInteger(signal) && signal >= 1 && signal <= 64) return signal;
  const name = String(signal).toUpperCase();
  const n = SIGNALS[name.startsWith('SIG') ? name : `SIG${name}`];
  if (!n) throw new TypeError(`unknown signal: ${signal}`);
  return n;
}

// A failure with a sentence for people, and a `kind` for programs: 'proxy-unreachable',
// 'not-found', 'denied', 'invalid' (bad options) or 'failed'.
export class SpinError extends Error {
  constructor(message, kind = 'failed') {
    super(message);
    this.name = 'SpinError';
    this.kind = kind;
  }
}

// Where the bundle and kernel are: the build's assets.json next to this file names them
// with a version, so that their cache entries change with each build.
async function defaultAssets() {
  const url = new URL('./assets.json', import.meta.url);
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new SpinError(`cannot load ${url}: HTTP ${response.status}`);
  const assets = await response.json();
  return { bundleUrl: new URL(assets.bundle, url).href, kernelUrl: new URL(assets.kernel, url).href };
}

// Options: proxy (URL of the registry proxy), bundleUrl and kernelUrl (default: this
// build's, from assets.json), workerUrl (default lib/worker.js next to this file), env
// (extra environment for the runtime, e.g. SPIN_REGISTRY_MIRROR).
export async function createRuntime(options = {}) {
  const assets = options.bundleUrl && options.kernelUrl ? {} : await defaultAssets();
  const runtime = new Runtime({ ...assets, ...options });
  await runtime.ready;
  return runtime;
}

export class Runtime {
  #worker;
  #pending = new Map();  // id -> {resolve, onEvent}
  #nextId = 1;
  #broken = null;
  #proxy;

  constructor({ proxy, bundleUrl, kernelUrl, workerUrl, env = {}, storage }) {
    this.#proxy = proxy ? String(proxy).replace(/\/+$/, '') : '';
    this.#worker = new Worker(workerUrl ?? new URL('./lib/worker.js', import.meta.url), { type: 'module' });
    this.#worker.onmessage = ({ data }) => {
      const entry = this.#pending.get(data.id);
      if (!entry) return;
      if ('result' in data) {
        this.#pending.delete(data.id);
        entry.resolve(data.result);
      } else {
        entry.onEvent?.(data);
      }
    };
    this.#worker.onerror = (event) => {
      this.#broken = new SpinError(`the runtime's worker failed: ${event.message || 'cannot load it'}`);
      for (const entry of this.#pending.values()) entry.resolve({ error: this.#broken.message });
      this.#pending.clear();
    };
    const runtimeEnv = { ...env };
    if (this.#proxy) runtimeEnv.SPIN_REGISTRY_PROXY = this.#proxy;
    this.persistent = false;
    this.storage = 'memory';
    this.ready = this.#request('init', { bundleUrl, kernelUrl, env: runtimeEnv, storage }).result.then((r) => {
      if (r.error) throw new SpinError(r.error);
      this.persistent = r.persistent;
      this.storage = r.storage;  // 'opfs', 'indexeddb' or 'memory'
    });
  }

  get proxy() { return this.#proxy; }

  #request(op, fields, onEvent) {
    const id = this.#nextId++;
    if (this.#broken) return { id, result: Promise.resolve({ error: this.#broken.message }) };
    const result = new Promise((resolve) => this.#pending.set(id, { resolve, onEvent }));
    this.#worker.postMessage({ id, op, ...fields });
    return { id, result };
  }

  // A message about a running request (stdin, kill, resize).
  _send(id, op, fields = {}, transfer = []) {
    if (this.#pending.has(id)) this.#worker.postMessage({ id, op, ...fields }, transfer);
  }
  _request(op, fields, onEvent) { return this.#request(op, fields, onEvent); }

  // Whether the proxy answers its health check: a sentence when it does not.
  async checkProxy() {
    if (!this.#proxy) return 'no registry proxy is configured';
    try {
      const response = await fetch(`${this.#proxy}/healthz`, { cache: 'no-store' });
      return response.ok ? null : `the registry proxy at ${this.#proxy} answered HTTP ${response.status}`;
    } catch {
      return `cannot reach the registry proxy at ${this.#proxy}`;
    }
  }

  // A failed pull's sentence, made specific.
  async _pullError(image, message) {
    if (/^unknown image:/.test(message)) return new SpinError(`${image} does not exist (${message})`, 'not-found');
    if (/denied \(HTTP 40[13]\)/.test(message)) {
      return new SpinError(`${message}: the image is private, or the proxy does not serve its registry`, 'denied');
    }
    if (/invalid image reference|usage|unknown option/i.test(message)) return new SpinError(message, 'invalid');
    const proxyProblem = await this.checkProxy();
    if (proxyProblem) return new SpinError(`${proxyProblem} (${message})`, 'proxy-unreachable');
    return new SpinError(message);
  }

  // Pulls an image into the browser's store; onProgress({digest, done, total}) per blob.
  async pull(image, { platform, onProgress } = {}) {
    const args = ['pull', ...(platform ? ['--platform', String(platform)] : []), String(image)];
    const onEvent = (e) => { if (e.event === 'progress') onProgress?.({ digest: e.digest, done: e.done, total: e.total }); };
    const result = await this.#request('pull', { args }, onEvent).result;
    if (result.error) throw await this._pullError(image, result.error);
    return result;
  }

  async #store(args) {
    const result = await this.#request('store', { args }).result;
    if (result.error) throw new SpinError(result.error);
    return result;
  }

  // [{name, digest, platform, size, layers}]
  async images() { return (await this.#store(['images'])).images; }
  // Untags the images and deletes blobs nothing uses any more.
  async remove(...names) { return this.#store(['rmi', ...names.map(String)]); }
  async inspect(name) { return this.#store(['inspect', String(name)]); }

  // Starts a container (returns at once; see Container).
  run(options) { return new Container(this, options); }

  close() { this.#worker.terminate(); }
}

// `spin run` arguments of the run options.
function runArgs(o) {
  if (!o || !o.image) throw new SpinError('a container needs an image', 'invalid');
  const args = ['run'];
  const env = o.env ?? [];
  for (const kv of Array.isArray(env) ? env : Object.entries(env).map(([k, v]) => `${k}=${v}`)) args.push('-e', String(kv));
  let command = (o.command === undefined ? [] : [].concat(o.command)).map(String);
  if (o.entrypoint !== undefined) {
    const [first, ...rest] = [].concat(o.entrypoint).map(String);
    args.push('--entrypoint', first);
    command = [...rest, ...command];
  }
  if (o.workdir) args.push('-w', String(o.workdir));
  if (o.user !== undefined && o.user !== '') args.push('-u', String(o.user));
  if (o.hostname) args.push('--hostname', String(o.hostname));
  if (o.platform) args.push('--platform', String(o.platform));
  if (o.memory !== undefined) args.push('--memory', String(o.memory));
  if (o.timeout !== undefined) args.push('--timeout', String(o.timeout));
  if (o.stdin !== false) args.push('-i');
  if (o.tty) args.push('-t');
  return [...args, String(o.image), ...command];
}

// A container: pulled first when its image is not stored (unless pull: 'never'), then
// created and started.
//   onOutput(fn)       fn(bytes: Uint8Array, stream: 1 | 2); returns a function removing fn
//   write(data)        string or bytes to its stdin (keys, with tty)
//   closeStdin(), resize(cols, rows), kill(signal = 'SIGKILL')
//   started            resolves true once the machine runs it, false if it never will
//   exited             resolves {status, error}: status is the command's exit status, or
//                      null when it could not run (error says why; error.kind too)
export class Container {
  #runtime;
  #id = null;
  #listeners = new Set();
  #killedBeforeStart = null;
  #pendingSize = null;
  #encoder = new TextEncoder();

  constructor(runtime, options) {
    this.#runtime = runtime;
    this.options = options;
    let started;
    this.started = new Promise((resolve) => { started = resolve; });
    this.exited = this.#start(options, started);
  }

  onOutput(fn) {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  write(data) {
    if (this.#id === null) return;
    const bytes = typeof data === 'string' ? this.#encoder.encode(data) : new Uint8Array(data);
    this.#runtime._send(this.#id, 'stdin', { data: bytes });
  }

  closeStdin() { if (this.#id !== null) this.#runtime._send(this.#id, 'stdin-end'); }

  resize(cols, rows) {
    this.#pendingSize = { cols, rows };
    if (this.#id !== null) this.#runtime._send(this.#id, 'resize', { cols, rows });
  }

  kill(signal = 'SIGKILL') {
    const number = signalNumber(signal);
    if (this.#id === null) this.#killedBeforeStart = number;
    else this.#runtime._send(this.#id, 'kill', { signal: number });
  }

  async #start(options, started) {
    let args;
    try {
      args = runArgs(options);
    } catch (err) {
      started(false);
      return { status: null, error: err.message, kind: err.kind };
    }
    for (let attempt = 0; ; attempt++) {
      if (this.#killedBeforeStart) {
        started(false);
        return { status: null, error: 'stopped before it started', kind: 'stopped' };
      }
      const onEvent = (e) => {
        if (e.event === 'output') {
          for (const fn of this.#listeners) fn(e.data, e.stream);
          // Taken (listeners write to a terminal at once): the worker's output credit.
          this.#runtime._send(request.id, 'ack', { bytes: e.data.length });
        }
        else if (e.event === 'created') {
          if (this.#pendingSize) this.#runtime._send(request.id, 'resize', this.#pendingSize);
          started(true);
        }
      };
      const request = this.#runtime._request('run', { args }, onEvent);
      this.#id = request.id;
      const result = await request.result;
      this.#id = null;
      if (!(result.notStored && attempt === 0 && options.pull !== 'never')) {
        started(false);
        return { status: result.status ?? null, error: result.error ?? null,
                 ...(result.status === undefined ? { kind: 'failed' } : {}) };
      }
      try {
        options.onPull?.(options.image);
        await this.#runtime.pull(options.image, { platform: options.platform, onProgress: options.onProgress });
      } catch (err) {
        started(false);
        return { status: null, error: err.message, kind: err.kind };
      }
    }
  }
}
