// The C API of include/spin.h as plain JS functions over an instantiated Emscripten module
// of src/api/spin_api.c. Pure JS with no host imports: the Node worker (lib/bundle.js) and
// the browser's worker (web/lib/worker.js, which gets a copy in the built page) share it.
export class Api {
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
