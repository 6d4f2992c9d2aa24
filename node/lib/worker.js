// The worker side: one instance of the wasm bundle serving the main thread's requests
// (lib/channel.js). A request is {id, op, ...}; answers and events carry the same id.
//   parse, store                  one answer: the C API's JSON
//   pull                          'progress' events, then the answer
//   run                           'created' (or an error answer), then 'output' events,
//                                 then the answer {status, error}; meanwhile the main thread
//                                 sends stdin, stdin-end, kill, resize and ack for that id.
// Containers are driven by lib/driver.js (shared with the browser's worker): the machine
// runs in slices from this worker's event loop, with flow control both ways.
import { parentPort, workerData } from 'node:worker_threads';
import { instantiate } from './bundle.js';
import { createNetBackend } from './net.js';
import { createContainerDriver, createPullDriver } from './driver.js';

const post = (message, transfer) => parentPort.postMessage(message, transfer);

// Host sockets for the containers' network (docs/net.md): what they report is for the
// guest, so the containers run at once.
const net = createNetBackend(() => driver.wakeAll());
const api = await instantiate(workerData.module, workerData.env, {
  net: net.ops,
  wake: () => pullDriver.wake(),
  progress: (...report) => pullDriver.progress(...report),
  output: (id, stream, bytes) => {
    driver.output(id, bytes.length);
    post({ id, event: 'output', stream, data: bytes }, [bytes.buffer]);
  },
});
net.attach(api.M);
const driver = createContainerDriver({ api, post, setImmediate });
const pullDriver = createPullDriver({ api, post, setImmediate, finished: (id, result) => post({ id, result }) });

// ---- requests ---------------------------------------------------------------------------

parentPort.on('message', (message) => {
  const { id, op, args } = message;
  try {
    switch (op) {
      case 'parse': post({ id, result: api.parse(args) }); break;
      case 'store': post({ id, result: api.storeCommand(args) }); break;
      case 'pull': pullDriver.start(id, args); break;
      case 'run': driver.start(id, args); break;
      default: driver.input(message);
    }
  } catch (err) {
    post({ id, result: { error: `internal error: ${err && err.message ? err.message : err}` } });
  }
});
post({ event: 'ready' });
