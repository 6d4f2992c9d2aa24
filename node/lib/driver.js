// Containers (and pulls, below) driven from a worker's event loop, for both hosts'
// workers (node/lib/worker.js in the npm package, web/lib/worker.js in the browser; the
// web build copies this file).
// The machine runs in slices, so messages (input, signals, resizes) are handled between
// slices, and an idle guest costs nothing until its timer is due or input arrives.
// Flow control both ways (docs/node.md "Backpressure"): output by credit (the host
// acknowledges output once its reader took it), stdin handed on only while the command
// keeps up, each write acknowledged when handed over.
const RUNNING = 0, IDLE = 1, READY = 2, EXITED = 3;
const SLICE_INSNS = 2_000_000;  // a few ms of guest time: input is never kept waiting long
const BUSY_MS = 25;             // run slices back to back for this long, then yield
const MAX_IDLE_MS = 1000;
const STDIN_HIGH_WATER = 1 << 20;  // stdin bytes the command has not taken: beyond this
                                   // the host's writes wait (container.h)
const MAX_UNACKED = 1 << 20;    // output bytes the host has not taken yet: beyond this
                                // the machine waits for its reader

// api: lib/c-api.js over an instance; post(message, transfer): to the host;
// setImmediate(fn): run fn soon, after pending messages.
export function createContainerDriver({ api, post, setImmediate }) {
  const containers = new Map();  // request id -> container state

  // Held back while its reader is behind. A signal buys it more room, so that a command
  // blocked on its output can still take the signal and end.
  const heldBack = (c) => c.unacked >= MAX_UNACKED + c.allowance;

  // Runs the container soon (input arrived, or its timer is due).
  function wake(c) {
    if (c.done || c.scheduled || heldBack(c)) return;
    clearTimeout(c.timer);
    c.timer = null;
    c.scheduled = true;
    setImmediate(() => {
      c.scheduled = false;
      step(c);
    });
  }

  // Hands queued stdin to the command while it keeps up.
  function feedStdin(c) {
    while (c.stdin.length && api.stdinPending(c.handle) < STDIN_HIGH_WATER) {
      const item = c.stdin.shift();
      if (item.end) api.closeStdin(c.handle);
      else api.writeStdin(c.handle, item.data);
      if (item.seq !== undefined) post({ id: c.id, event: 'stdin-taken', seq: item.seq });
    }
  }

  function step(c) {
    if (c.done) return;
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
    clearTimeout(c.timer);
    const error = api.containerError(c.handle);
    const result = state === EXITED
      ? { status: api.exitStatus(c.handle), error }
      : { error: error || (state === READY ? 'the machine booted without a command'
                                            : 'the machine stopped before the command ended') };
    api.destroy(c.handle);
    containers.delete(c.id);
    post({ id: c.id, result });
  }

  return {
    // A `run` request: the container is made, announced ('created') and started.
    start(id, args) {
      const handle = api.containerCreate(id, args);
      if (!handle) {
        const { message, status } = api.lastError();
        post({ id, result: { error: message, notStored: status === 1 } });
        return;
      }
      const c = { id, handle, timer: null, scheduled: false, idleSince: null, done: false,
                  unacked: 0, allowance: 0, stdin: [], killTimer: null };
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
    },

    // Output the bundle produced for container id (before it is posted): counted until
    // the host acknowledges it.
    output(id, length) {
      const c = containers.get(id);
      if (c) c.unacked += length;
    },

    // A message about a running container: stdin, stdin-end (with a seq the host awaits
    // as 'stdin-taken', or none), kill, resize, ack (output the host has taken).
    input(message) {
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
        default: return;
      }
      wake(c);
    },

    // Something arrived for every container (the network's host sockets).
    wakeAll() {
      for (const c of containers.values()) wake(c);
    },
  };
}

// Pulls driven from the same event loop: the fetch shim wakes them (Module.spinHttpWake ->
// wake), a 500 ms tick guards against a missed wake-up. finished(id, result) answers the
// request (the browser saves its store first).
export function createPullDriver({ api, post, setImmediate, finished }) {
  const pulls = new Map();  // C job pointer -> request id
  let scheduled = false;

  function step() {
    scheduled = false;
    for (const [job, id] of pulls) {
      if (!api.pullStep(job)) continue;
      const result = api.pullResult(job);
      pulls.delete(job);
      api.pullFree(job);
      finished(id, result);
    }
  }
  function wake() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(step);
  }
  const tick = setInterval(() => { if (pulls.size) wake(); }, 500);
  tick.unref?.();

  return {
    wake,
    // Module.spinPullProgress: a blob's bytes so far, as a 'progress' event.
    progress(job, digest, done, total) {
      const id = pulls.get(job);
      if (id !== undefined) post({ id, event: 'progress', digest, done, total });
    },
    // A `pull` request.
    start(id, args) {
      const job = api.pullBegin(args);
      if (!job) {
        post({ id, result: { error: api.lastError().message } });
        return;
      }
      pulls.set(job, id);
      wake();
    },
  };
}
