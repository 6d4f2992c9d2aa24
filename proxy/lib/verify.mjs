// A pass-through stream that checks content against its sha256 digest on the way to the
// client. It always holds the latest chunk back, and releases it only once the whole body
// hashed to the expected digest; on a mismatch it fails instead, so the pipeline cuts the
// client's connection short of the announced length and the client sees an error, never
// a complete-looking wrong blob. An optional sink (the cache's temp file) gets every
// chunk first and is committed only when the digest matched.

import crypto from 'node:crypto';
import { Transform } from 'node:stream';

export class DigestMismatch extends Error {
  constructor(expected, actual) {
    super(`content does not match its digest (expected sha256:${expected}, got sha256:${actual})`);
    this.code = 'DIGEST_MISMATCH';
  }
}

export class SizeExceeded extends Error {
  constructor(limit) { super(`content larger than ${limit} bytes`); this.code = 'SIZE_EXCEEDED'; }
}

export class DigestVerifier extends Transform {
  // expectedHex: the 64 hex digits; sink: { write(chunk): Promise, commit(): Promise,
  // abort(): void } or null; maxBytes: a cut-off (Infinity for blobs).
  constructor(expectedHex, { sink = null, maxBytes = Infinity } = {}) {
    super();
    this.expectedHex = expectedHex;
    this.sink = sink;
    this.maxBytes = maxBytes;
    this.hash = crypto.createHash('sha256');
    this.bytes = 0;
    this.held = null;
    this.verified = false;
  }

  _transform(chunk, _encoding, callback) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) { callback(new SizeExceeded(this.maxBytes)); return; }
    this.hash.update(chunk);
    const pass = () => {
      if (this.held) this.push(this.held);
      this.held = chunk;
      callback();
    };
    if (this.sink) this.sink.write(chunk).then(pass, callback);
    else pass();
  }

  _flush(callback) {
    const actual = this.hash.digest('hex');
    if (actual !== this.expectedHex) { callback(new DigestMismatch(this.expectedHex, actual)); return; }
    this.verified = true;
    const release = () => { if (this.held) this.push(this.held); this.held = null; callback(); };
    if (this.sink) this.sink.commit().then(release, callback);
    else release();
  }

  _destroy(error, callback) {
    if (this.sink && !this.verified) this.sink.abort();
    callback(error);
  }
}

// Hashes a whole file (sha256, hex).
export async function hashFile(path, fs) {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}
