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
// Containers are driven by driver.js (node/lib/driver.js, shared with the npm package):
// the machine runs in slices from this worker's event loop, so input and signals are
// handled between slices, and an idle guest costs nothing until its timer is due. A worker
// may compile wasm synchronously (the emulator's translator does); a page may not.
//
// Files: the store at /store is kept in the browser's private file system (OPFS), or in
// IndexedDB through IDBFS, loaded once at start and written back after every pull and
// rmi (see syncStore); the guest kernel is a file in memory.
import createSpinWeb from '../spin-web-bundle.mjs';
import { openOpfsStore, loadStore, saveStore } from './opfs-store.js';
import { Api } from './c-api.js';
import { createContainerDriver, createPullDriver } from './driver.js';
import { cachedBytes } from './assets.js';

const STORE_DIR = '/store';
const KERNEL_PATH = '/spin/Image';

let api = null;
let driver = null;
let pullDriver = null;
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
    spinHttpWake: () => pullDriver?.wake(),
    spinPullProgress: (...report) => pullDriver?.progress(...report),
    spinOutput: (id, stream, bytes) => {
      driver.output(id, bytes.length);
      post({ id, event: 'output', stream, data: bytes }, [bytes.buffer]);
    },
  });
  api = new Api(M);
  driver = createContainerDriver({ api, post, setImmediate });
  // A pull is answered once the store holding it is saved.
  pullDriver = createPullDriver({ api, post, setImmediate, finished: (id, result) =>
    syncStore(false).then(() => post({ id, result }), (err) => post({ id, result: { error: err.message } })) });
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

// ---- store commands ---------------------------------------------------------------------

async function storeCommand(id, args) {
  const result = api.storeCommand(args);
  if (args[0] === 'rmi' && !result.error) await syncStore(false);
  post({ id, result });
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
      case 'pull': pullDriver.start(id, args); break;
      case 'run': driver.start(id, args); break;
      default: driver.input(message);
    }
  } catch (err) {
    post({ id, result: { error: `internal error: ${err && err.message ? err.message : err}` } });
  }
};
