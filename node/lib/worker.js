// The worker side: one instance of the wasm bundle serving the main thread's requests
// (lib/channel.js). A request is {id, op, ...}; answers and events carry the same id.
//   parse, store                  one answer: the C API's JSON
//   pull                          'progress' events, then the answer
//   run                           'created' (or an error answer), then 'output' events,
//                                 then the answer {status, error}; meanwhile the main thread
//                                 sends stdin, stdin-end, kill and resize for that id.
// The machine runs in slices from this worker's event loop, so messages (input, signals)
// are handled between slices and an idle guest costs nothing until its timer is due.
import { parentPort, workerData } from 'node:worker_threads';
import { instantiate } from './bundle.js';
import { createNetBackend } from './net.js';

const RUNNING = 0, IDLE = 1, READY = 2, EXITED = 3;
const SLICE_INSNS = 2_000_000;  // a few ms of guest time: input is never kept waiting long
const BUSY_MS = 25;             // run slices back to back for this long, then yield
const MAX_IDLE_MS = 1000;
const STDIN_HIGH_WATER = 1 << 20;  // stdin bytes the command has not taken: beyond this
                                   // the main thread's writes wait (container.h)
const MAX_UNACKED = 1 << 20;    // output bytes the main thread has not taken yet: beyond
                                // this the machine waits for its reader

const pulls = new Map();        // C job pointer -> request id
const containers = new Map();   // request id -> container state

const post = (message, transfer) => parentPort.postMessage(message, transfer);

// Host sockets for the containers' network (docs/net.md): what they report is for the
// guest, so the containers run at once.
const net = createNetBackend(() => { for (const c of containers.values()) wake(c); });
const api = await instantiate(workerData.module, workerData.env, {
  net: net.ops,
  wake: () => schedulePulls(),
  progress: (job, digest, done, total) => {
    const id = pulls.get(job);
    if (id !== undefined) post({ id, event: 'progress', digest, done, total });
  },
  output: (id, stream, bytes) => {
    const c = containers.get(id);
    if (c) c.unacked += bytes.length;
    post({ id, event: 'output', stream, data: bytes }, [bytes.buffer]);
  },
});
net.attach(api.M);

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
    post({ id, result });
  }
}
// A fallback tick: the fetch shim wakes us on every event, this only guards against a
// missed wake-up.
setInterval(() => { if (pulls.size) schedulePulls(); }, 500).unref();

function startPull(id, args) {
  const job = api.pullBegin(args);
  if (!job) {
    post({ id, result: { error: api.lastError().message } });
    return;
  }
  pulls.set(job, id);
  schedulePulls();
}

// ---- containers -------------------------------------------------------------------------

function startContainer(id, args) {
  const handle = api.containerCreate(id, args);
  if (!handle) {
    const { message, status } = api.lastError();
    post({ id, result: { error: message, notStored: status === 1 } });
    return;
  }
  const c = { id, handle, timer: null, immediate: null, idleSince: null, done: false, unacked: 0, allowance: 0, stdin: [], killTimer: null };
  containers.set(id, c);
  const timeout = api.timeout(handle);
  if (timeout > 0) {
    c.killTimer = setTimeout(() => {
      post({ id, event: 'timeout', seconds: timeout });
      api.kill(handle, 9);
      c.allowance = Infinity;
      wake(c);
    }, timeout * 1000);
  }
  post({ id, event: 'created' });
  wake(c);
}

// Runs the container now (input arrived, or its timer is due).
// Held back while its reader is behind. A signal buys it more room, so that a command
// blocked on its output can still take the signal and end.
const heldBack = (c) => c.unacked >= MAX_UNACKED + c.allowance;

function wake(c) {
  if (c.done || c.immediate || heldBack(c)) return;
  clearTimeout(c.timer);
  c.timer = null;
  c.immediate = setImmediate(() => {
    c.immediate = null;
    step(c);
  });
}

// Hands queued stdin to the command while it keeps up; each write is acknowledged when
// handed over, which is what lets the main thread's stdin stream go on (backpressure).
function feedStdin(c) {
  while (c.stdin.length && api.stdinPending(c.handle) < STDIN_HIGH_WATER) {
    const item = c.stdin.shift();
    if (item.end) api.closeStdin(c.handle);
    else api.writeStdin(c.handle, item.data);
    post({ id: c.id, event: 'stdin-taken', seq: item.seq });
  }
}

function step(c) {
  c.timer = null;
  feedStdin(c);
  if (heldBack(c)) return;
  if (c.idleSince !== null) {
    api.waited(c.handle, (performance.now() - c.idleSince) * 1e6);
    c.idleSince = null;
  }
  const until = performance.now() + BUSY_MS;
  let state;
  do state = api.run(c.handle, SLICE_INSNS);
  while (state === RUNNING && performance.now() < until && !heldBack(c));
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
    case 'stdin': c.stdin.push({ data: message.data, seq: message.seq }); break;
    case 'stdin-end': c.stdin.push({ end: true, seq: message.seq }); break;
    case 'kill':
      api.kill(c.handle, message.signal);
      c.allowance = message.signal === 9 ? Infinity : c.allowance + MAX_UNACKED;
      break;
    case 'resize': api.resize(c.handle, message.cols, message.rows); break;
    case 'ack': c.unacked = Math.max(0, c.unacked - message.bytes); break;
  }
  wake(c);
}

// ---- requests ---------------------------------------------------------------------------

parentPort.on('message', (message) => {
  const { id, op, args } = message;
  try {
    switch (op) {
      case 'parse': post({ id, result: api.parse(args) }); break;
      case 'store': post({ id, result: api.storeCommand(args) }); break;
      case 'pull': startPull(id, args); break;
      case 'run': startContainer(id, args); break;
      default: containerInput(message);
    }
  } catch (err) {
    post({ id, result: { error: `internal error: ${err && err.message ? err.message : err}` } });
  }
});
post({ event: 'ready' });
