// The main thread's side of a worker (lib/worker.js): requests with ids, their events and
// answers. The worker holds the process open only while a request is pending, so a program
// that is done with Spin exits without closing anything.
import { Worker } from 'node:worker_threads';
import { compileBundle } from './bundle.js';

// An option key under which the CLI hands an open channel (the one it parsed with) to a
// Registry or Container, saving a worker start; not part of the public API.
export const withChannel = Symbol('spin.channel');

export class Channel {
  #worker;
  #pending = new Map();  // id -> {resolve, reject, onEvent}
  #nextId = 1;
  #closed = null;

  static async open(env) {
    const module = await compileBundle();
    const channel = new Channel();
    await channel.#start(module, env);
    return channel;
  }

  #start(module, env) {
    this.#worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { module, env } });
    return new Promise((resolve, reject) => {
      this.#worker.on('message', (message) => {
        if (message.event === 'ready' && message.id === undefined) {
          this.#worker.unref();
          resolve();
          return;
        }
        const entry = this.#pending.get(message.id);
        if (!entry) return;
        if ('result' in message) {
          this.#pending.delete(message.id);
          if (this.#pending.size === 0) this.#worker.unref();
          entry.resolve(message.result);
        } else {
          entry.onEvent?.(message);
        }
      });
      const fail = (err) => {
        this.#closed ??= err;
        reject(err);
        for (const entry of this.#pending.values()) entry.reject(err);
        this.#pending.clear();
      };
      this.#worker.on('error', fail);
      this.#worker.on('exit', (code) => fail(new Error(`spin's worker stopped (exit code ${code})`)));
    });
  }

  // Starts a request; `onEvent` receives its events. Returns {id, result: Promise}.
  request(op, args, onEvent) {
    const id = this.#nextId++;
    if (this.#closed) return { id, result: Promise.reject(this.#closed) };
    const result = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject, onEvent }));
    this.#worker.ref();
    this.#worker.postMessage({ id, op, args });
    return { id, result };
  }

  // A message about a running request (stdin, kill, resize).
  send(id, op, fields = {}, transfer = []) {
    if (!this.#closed && this.#pending.has(id)) this.#worker.postMessage({ id, op, ...fields }, transfer);
  }

  close() {
    this.#closed ??= new Error('closed');
    return this.#worker.terminate();
  }
}
