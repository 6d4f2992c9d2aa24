// Spin for Node.js: pull OCI images into a store and run them as containers on an emulated
// RISC-V 64 machine. Each container runs in its own worker thread (the wasm bundle is
// compiled once per process and only instantiated there), so the caller's event loop
// stays free; stdio are Node streams. Types: index.d.ts. Docs: README.md.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Channel, withChannel } from './lib/channel.js';
import { workerEnv } from './lib/bundle.js';
import { pullArgs, globalArgs, runArgs, signalNumber } from './lib/args.js';

export { runArgs as toRunArguments } from './lib/args.js';

// What spin itself failed at (as opposed to the container's own exit status). `status`
// is 125, docker's code for that.
export class SpinError extends Error {
  constructor(message, status = 125) {
    super(message);
    this.name = 'SpinError';
    this.status = status;
  }
}

function check(result) {
  if (result && typeof result.error === 'string') throw new SpinError(result.error);
  return result;
}

// ---- images ---------------------------------------------------------------------------

export class Registry {
  #options;
  #channel = null;

  // `store`: the store folder (an OCI image layout); default $SPIN_STORE, else
  // ~/.cache/spin/store. Registry options: insecureRegistries, username, password.
  constructor(store, options = {}) {
    const { [withChannel]: channel, ...rest } = options;
    this.#options = { ...rest, store: store ?? options.store };
    if (channel) this.#channel = Promise.resolve(channel);
  }

  static open(store, options) { return new Registry(store, options); }

  get options() { return { ...this.#options }; }

  async #call(op, args, onEvent) {
    this.#channel ??= Channel.open(workerEnv());
    const channel = await this.#channel;
    return check(await channel.request(op, args, onEvent).result);
  }

  // Pulls `image`; onProgress({digest, done, total}) per blob as bytes arrive.
  async pull(image, { platform, onProgress } = {}) {
    const onEvent = onProgress && ((e) => {
      if (e.event === 'progress') onProgress({ digest: e.digest, done: e.done, total: e.total });
    });
    return this.#call('pull', pullArgs(image, { ...this.#options, platform }), onEvent);
  }

  async images() { return (await this.#call('store', ['images', ...globalArgs(this.#options)])).images; }

  async inspect(image) { return this.#call('store', ['inspect', ...globalArgs(this.#options), String(image)]); }

  async remove(...images) { return this.#call('store', ['rmi', ...globalArgs(this.#options), ...images.map(String)]); }

  // Where a pulled image is: the store (an OCI image layout, e.g. for skopeo's
  // oci:STORE:NAME), its name there and the path of its manifest blob.
  async imagePath(image) {
    const { name, digest } = await this.inspect(image);
    const store = this.#options.store ?? process.env.SPIN_STORE ?? join(process.env.HOME ?? '.', '.cache/spin/store');
    const [algorithm, hex] = digest.split(':');
    const manifest = join(store, 'blobs', algorithm, hex);
    return { store, name, digest, manifest: existsSync(manifest) ? manifest : null };
  }

  async close() {
    if (this.#channel) (await this.#channel).close();
    this.#channel = null;
  }
}

// ---- containers -----------------------------------------------------------------------

const ARCHITECTURES = new Map([['riscv64', 'linux/riscv64']]);

export class Runtime {
  #registry;
  #platform;

  // One runtime makes any number of containers, one after another or at once.
  // arch: 'riscv64' (amd64 and wasm come later); registry: a Registry (or its options).
  constructor({ arch = 'riscv64', registry, store, ...registryOptions } = {}) {
    const platform = ARCHITECTURES.get(arch);
    if (!platform) throw new SpinError(`this runtime runs riscv64 images, not ${arch}`);
    this.#platform = platform;
    this.#registry = registry instanceof Registry ? registry : new Registry(store, registryOptions);
  }

  static async create(options) { return new Runtime(options); }

  get registry() { return this.#registry; }

  // A container (created, not started). options: image | imageFile, command, entrypoint,
  // env, envFile, mounts [{host, guest, readOnly}], workdir, user, hostname, tty, stdin,
  // memory, timeout, ports, pull ('missing' | 'never'), onProgress.
  createContainer(options) {
    const args = runArgs({ platform: this.#platform, ...options }, this.#registry.options);
    return new Container(this, args, options);
  }

  // A container from a `spin run` command line as typed after `spin` (e.g. ['run', '-e',
  // 'A=1', 'busybox', 'env']); `image`, if it is to be pulled when missing, with `platform`
  // and `onProgress` for that pull.
  createContainerFromArguments(args, { image, platform, onProgress, pull, [withChannel]: channel } = {}) {
    return new Container(this, args.map(String), { image, platform, onProgress, pull, [withChannel]: channel });
  }

  // Runs a container to its end: {status, stdout, stderr} (Buffers).
  async run(options) {
    const c = this.createContainer(options);
    const out = [], err = [];
    c.stdout.on('data', (d) => out.push(d));
    c.stderr.on('data', (d) => err.push(d));
    await c.start();
    if (options.input !== undefined) c.stdin.end(options.input);
    const status = await c.wait();
    return { status, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
  }

  close() { return this.#registry.close(); }
}

export class Container extends EventEmitter {
  #runtime;
  #args;
  #options;
  #channel = null;
  #id = 0;
  #exit = null;
  #started = null;
  #unacked;
  #stdinSeq = 1;
  #stdinWaiting = new Map();  // seq -> the write's callback
  #ended = false;

  constructor(runtime, args, options) {
    super();
    this.#runtime = runtime;
    this.#args = args;
    this.#options = options;
    // Backpressure by credit: the worker stops running the machine while too much of its
    // output is unacknowledged; output is acknowledged once a reader has taken it (at once
    // for a stream nobody reads: that output is kept). Nothing is dropped.
    this.#unacked = 0;
    const release = () => {
      if (this.#unacked && this.stdout.readableLength + this.stderr.readableLength < 65536) {
        this.#send('ack', { bytes: this.#unacked });
        this.#unacked = 0;
      }
    };
    this.stdout = new Readable({ read: release });
    this.stderr = new Readable({ read: release });
    // Input written before the container exists waits for it; each write completes once
    // the worker has handed it to the command, so a writer that outpaces the command
    // waits (backpressure) instead of filling memory.
    const started = () => this.start().catch(() => {});
    const send = (op, fields, done) => started().then(() => {
      if (!this.#id || this.#ended) return done();
      const seq = this.#stdinSeq++;
      this.#stdinWaiting.set(seq, done);
      this.#send(op, { ...fields, seq });
    });
    this.stdin = new Writable({
      write: (chunk, _encoding, done) => send('stdin', { data: new Uint8Array(chunk) }, done),
      final: (done) => send('stdin-end', {}, done),
    });
  }

  #send(op, fields) {
    if (this.#channel && this.#id) this.#channel.send(this.#id, op, fields);
  }

  // Boots the machine and starts the command; resolves once it runs. A missing image is
  // pulled first unless options.pull is 'never'.
  start() {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start() {
    this.#channel = this.#options[withChannel] ?? await Channel.open(workerEnv());
    let first = await this.#launch();
    if (first.notStored && this.#options.pull !== 'never') {
      this.emit('pull', this.#options.image);
      await this.#runtime.registry.pull(this.#options.image, {
        platform: this.#options.platform, onProgress: this.#options.onProgress,
      });
      first = await this.#launch();
    }
    if (first.error !== undefined) {
      this.#channel.close();
      const err = new SpinError(first.error);
      this.#exit = Promise.reject(err);
      this.#exit.catch(() => {});
      this.stdout.push(null);
      this.stderr.push(null);
      throw err;
    }
  }

  // Sends the run request; resolves {created: true} once the container exists (its end
  // then settles this.#exit), or the failure.
  #launch() {
    return new Promise((resolve) => {
      const request = this.#channel.request('run', this.#args, (e) => {
        if (e.event === 'created') {
          this.#id = request.id;
          resolve({ created: true });
          this.emit('start');
        } else if (e.event === 'output') {
          const stream = e.stream === 2 ? this.stderr : this.stdout;
          const room = stream.push(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.length));
          this.#unacked += e.data.length;
          if (room || stream.readableFlowing === null) {
            this.#send('ack', { bytes: this.#unacked });
            this.#unacked = 0;
          }
        } else if (e.event === 'stdin-taken') {
          const done = this.#stdinWaiting.get(e.seq);
          this.#stdinWaiting.delete(e.seq);
          done?.();
        } else if (e.event === 'timeout') {
          this.emit('timeout', e.seconds);
        }
      });
      this.#exit = request.result.then((result) => {
        if (!this.#id) {  // never created: the failure answers #launch
          resolve(result);
          return null;
        }
        this.#ended = true;  // input nobody will take: its writes complete (and are dropped)
        for (const done of this.#stdinWaiting.values()) done();
        this.#stdinWaiting.clear();
        this.stdout.push(null);
        this.stderr.push(null);
        this.#channel.close();
        if (result.error && result.status === undefined) throw new SpinError(result.error);
        if (result.error) this.emit('warning', result.error);
        this.emit('exit', result.status);
        return result.status;
      });
      this.#exit.catch(() => {});
    });
  }

  // The command's exit status (128 + n when signal n ended it); rejects with a SpinError
  // when spin failed.
  async wait() {
    await this.start();
    return this.#exit;
  }

  // Sends a signal ('SIGTERM' by default) to the command.
  kill(signal = 'SIGTERM') { this.#send('kill', { signal: signalNumber(signal) }); }

  // The terminal's size (tty containers).
  resize(cols, rows) { this.#send('resize', { cols, rows }); }
}
