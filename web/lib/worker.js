// The runtime's Web Worker: one instance of the wasm bundle (spin-web-bundle.mjs, built
// from src/api/spin_api.c) serving the page's requests (spin-web.js). The design is the
// npm package's worker (node/lib/worker.js): a request is {id, op, ...}; answers and
// events carry the same id.
//   init                          loads bundle and kernel (cached), opens the store
//   store                         images / rmi / inspect: the C API's JSON
//   pull                          'progress' events, then the answer
//   run                           'created' (or an error answer), 'output' events, then
//                                 the answer {status, error}; meanwhile the page sends
//                                 stdin, stdin-end, kill and resize for that id.
// The machine runs in slices from this worker's event loop, so input and signals are
// handled between slices, and an idle guest costs nothing until its timer is due. A worker
// may compile wasm synchronously (the emulator's translator does); a page may not.
//
// Files: the store at /store is kept in the browser's private file system (OPFS), or in
// IndexedDB through IDBFS, loaded once at start and written back after every pull and
// rmi (see syncStore); the guest kernel is a file in memory.
import createSpinWeb from '../spin-web-bundle.mjs';
import { openOpfsStore, loadStore, saveStore } from './opfs-store.js';
import { Api } from './c-api.js';
import { cachedBytes } from './assets.js';

const RUNNING = 0, IDLE = 1, READY = 2, EXITED = 3;
const SLICE_INSNS = 2_000_000;  // a few ms of guest time: input is never kept waiting long
const BUSY_MS = 25;             // run slices back to back for this long, then yield
const MAX_IDLE_MS = 1000;
const STORE_DIR = '/store';
const KERNEL_PATH = '/spin/Image';

const pulls = new Map();        // C job pointer -> request id
const containers = new Map();   // request id -> container state
let api = null;
let M = null;

const post = (message, transfer = []) => self.postMessage(message, transfer);

// setImmediate for a worker: a message to ourselves runs after pending input, without
// setTimeout's 4 ms clamp on nested timers.
const immediates = [];
const immediateChannel = new MessageChannel();
immediateChannel.port1.onmessage = () => immediates.shift()?.();
function setImmediate(fn) {
  immediates.push(fn);
  immediateChannel.port2.postMessage(0);
}

// The store's persistence (one save at a time, in order): OPFS where the browser has it
// (lib/opfs-store.js, a mirror of the in-memory /store), else Emscripten's IDBFS
// (IndexedDB). Without either (some private modes) the store lives in memory for this
// page only. `?store=indexeddb` on the page (init's storage) skips OPFS.
let syncing = Promise.resolve();
let storage = 'memory';
let opfs = null;  // {dir, known} when OPFS holds the store
function syncStore(populate) {
  if (storage === 'memory') return Promise.resolve();
  const step = storage === 'opfs'
    ? () => (populate ? loadStore(M.FS, STORE_DIR, opfs.dir, opfs.known) : saveStore(M.FS, STORE_DIR, opfs.dir, opfs.known))
    : () => new Promise((resolve, reject) => M.FS.syncfs(populate, (err) => (err ? reject(err) : resolve())));
  syncing = syncing.then(step).catch((err) => {
    throw new Error(`the browser's store failed: ${err && err.message ? err.message : err}`);
  });
  return syncing;
}

async function init({ bundleUrl, kernelUrl, env, storage: wanted }) {
  const [wasm, kernel] = await Promise.all([cachedBytes(bundleUrl), cachedBytes(kernelUrl)]);
  M = await createSpinWeb({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(wasm, imports).then((r) => receive(r.instance, r.module));
      return {};
    },
    preRun: [(m) => Object.assign(m.ENV, { HOME: '/home', SPIN_STORE: STORE_DIR, SPIN_KERNEL: KERNEL_PATH }, env)],
    print: (line) => console.log(line),
    printErr: (line) => console.warn(line),
    spinHttpWake: () => schedulePulls(),
    spinPullProgress: (job, digest, done, total) => {
      const id = pulls.get(job);
      if (id !== undefined) post({ id, event: 'progress', digest, done, total });
    },
    spinOutput: (id, stream, bytes) => post({ id, event: 'output', stream, data: bytes }, [bytes.buffer]),
  });
  api = new Api(M);
  M.FS.mkdirTree('/home');
  M.FS.mkdirTree('/spin');
  M.FS.writeFile(KERNEL_PATH, kernel);
  M.FS.mkdir(STORE_DIR);
  const dir = wanted === 'indexeddb' ? null : await openOpfsStore();
  if (dir) {
    opfs = { dir, known: new Map() };
    storage = 'opfs';
  } else {
    M.FS.mount(M.FS.filesystems.IDBFS, {}, STORE_DIR);
    storage = 'indexeddb';
  }
  try {
    await syncStore(true);
  } catch (err) {
    console.warn(`${err.message}: images are kept in memory for this page only`);
    storage = 'memory';
    syncing = Promise.resolve();
  }
  return { persistent: storage !== 'memory', storage };
}

// ---- pulls ------------------------------------------------------------------------------

let pullsScheduled = false;
function schedulePulls() {
  if (pullsScheduled) return;
  pullsScheduled = true;
  setImmediate(stepPulls);
}

function stepPulls() {
  pullsScheduled = false;
  for (const [job, id] of pulls) {
    if (!api.pullStep(job)) continue;
    const result = api.pullResult(job);
    pulls.delete(job);
    api.pullFree(job);
    syncStore(false).then(() => post({ id, result }), (err) => post({ id, result: { error: err.message } }));
  }
}
// A fallback tick: the fetch shim wakes us on every event, this only guards against a
// missed wake-up.
setInterval(() => { if (pulls.size) schedulePulls(); }, 500);

function startPull(id, args) {
  const job = api.pullBegin(args);
  if (!job) {
    post({ id, result: { error: api.lastError().message } });
    return;
  }
  pulls.set(job, id);
  schedulePulls();
}

async function storeCommand(id, args) {
  const result = api.storeCommand(args);
  if (args[0] === 'rmi' && !result.error) await syncStore(false);
  post({ id, result });
}

// ---- containers -------------------------------------------------------------------------

function startContainer(id, args) {
  const handle = api.containerCreate(id, args);
  if (!handle) {
    const { message, status } = api.lastError();
    post({ id, result: { error: message, notStored: status === 1 } });
    return;
  }
  const c = { id, handle, timer: null, immediate: false, idleSince: null, done: false, killTimer: null };
  containers.set(id, c);
  const timeout = api.timeout(handle);
  if (timeout > 0) {
    c.killTimer = setTimeout(() => {
      post({ id, event: 'timeout', seconds: timeout });
      api.kill(handle, 9);
      wake(c);
    }, timeout * 1000);
  }
  post({ id, event: 'created' });
  wake(c);
}

// Runs the container soon (input arrived, or its timer is due).
function wake(c) {
  if (c.done || c.immediate) return;
  clearTimeout(c.timer);
  c.timer = null;
  c.immediate = true;
  setImmediate(() => {
    c.immediate = false;
    step(c);
  });
}

function step(c) {
  if (c.done) return;
  c.timer = null;
  if (c.idleSince !== null) {
    api.waited(c.handle, (performance.now() - c.idleSince) * 1e6);
    c.idleSince = null;
  }
  const until = performance.now() + BUSY_MS;
  let state;
  do state = api.run(c.handle, SLICE_INSNS);
  while (state === RUNNING && performance.now() < until);
  if (state === RUNNING) {
    wake(c);
  } else if (state === IDLE) {
    const ns = api.waitNs();
    c.idleSince = performance.now();
    c.timer = setTimeout(() => step(c), ns < 0 ? MAX_IDLE_MS : Math.min(ns / 1e6, MAX_IDLE_MS));
  } else {
    finish(c, state);
  }
}

function finish(c, state) {
  c.done = true;
  clearTimeout(c.killTimer);
  const error = api.containerError(c.handle);
  const result = state === EXITED
    ? { status: api.exitStatus(c.handle), error }
    : { error: error || (state === READY ? 'the machine booted without a command'
                                          : 'the machine stopped before the command ended') };
  api.destroy(c.handle);
  containers.delete(c.id);
  post({ id: c.id, result });
}

function containerInput(message) {
  const c = containers.get(message.id);
  if (!c || c.done) return;
  switch (message.op) {
    case 'stdin': api.writeStdin(c.handle, message.data); break;
    case 'stdin-end': api.closeStdin(c.handle); break;
    case 'kill': api.kill(c.handle, message.signal); break;
    case 'resize': api.resize(c.handle, message.cols, message.rows); break;
  }
  wake(c);
}

// ---- requests ---------------------------------------------------------------------------

self.onmessage = async ({ data: message }) => {
  const { id, op, args } = message;
  try {
    if (op === 'init') {
      post({ id, result: await init(message) });
      return;
    }
    if (!api) throw new Error('the runtime is not initialised');
    switch (op) {
      case 'parse': post({ id, result: api.parse(args) }); break;
      case 'store': await storeCommand(id, args); break;
      case 'pull': startPull(id, args); break;
      case 'run': startContainer(id, args); break;
      default: containerInput(message);
    }
  } catch (err) {
    post({ id, result: { error: `internal error: ${err && err.message ? err.message : err}` } });
  }
};
