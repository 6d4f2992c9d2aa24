// The optional on-disk cache of content named by digest: blobs and manifests fetched by
// digest (tags move, so manifests by tag are never cached). Layout under the cache folder:
//   sha256/<hex>        the content, exactly the bytes whose sha256 is <hex>
//   sha256/<hex>.json   { "mediaType": ..., "size": ... } (the Content-Type to answer with)
//   tmp/                downloads in progress; renamed into sha256/ only once verified
// Content is written while it streams to the first client and kept only when its digest
// matched (verify.mjs). Before a cached file is served it is hashed again, once per file
// identity (device, inode, size, times) per process, so a file changed or damaged on disk
// is dropped and fetched again rather than served.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { hashFile } from './verify.mjs';

const staleTempMs = 24 * 60 * 60 * 1000;
const mediaTypePattern = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

export function cleanMediaType(value) {
  const type = typeof value === 'string' ? value.split(';')[0].trim() : '';
  return mediaTypePattern.test(type) ? type : 'application/octet-stream';
}

export class ContentCache {
  constructor(folder, { onError = () => {} } = {}) {
    this.folder = path.resolve(folder);
    this.contentFolder = path.join(this.folder, 'sha256');
    this.tempFolder = path.join(this.folder, 'tmp');
    this.onError = onError;
    this.verifiedIdentities = new Map();  // hex -> identity string of the file verified
    this.verifying = new Map();           // hex/identity -> Promise<boolean> while hashing
    fs.mkdirSync(this.contentFolder, { recursive: true });
    fs.mkdirSync(this.tempFolder, { recursive: true });
    this.removeStaleTemps();
  }

  // Temp files left by a crash; recent ones may belong to another proxy sharing the folder.
  removeStaleTemps() {
    for (const name of fs.readdirSync(this.tempFolder)) {
      const file = path.join(this.tempFolder, name);
      try {
        if (Date.now() - fs.statSync(file).mtimeMs > staleTempMs) fs.unlinkSync(file);
      } catch { /* gone already */ }
    }
  }

  contentPath(hex) { return path.join(this.contentFolder, hex); }

  // The cached entry for a digest's hex, verified: { path, size, mediaType }, or null.
  async lookup(hex) {
    const file = this.contentPath(hex);
    let stat, meta;
    try {
      stat = await fsp.stat(file);
      meta = JSON.parse(await fsp.readFile(`${file}.json`, 'utf8'));
    } catch {
      return null;
    }
    const identity = [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs].join(':');
    if (this.verifiedIdentities.get(hex) !== identity && !(await this.verify(hex, file, stat, identity))) return null;
    return { path: file, size: stat.size, mediaType: cleanMediaType(meta.mediaType) };
  }

  // Hashes a cached file once even when many requests for it arrive together.
  verify(hex, file, stat, identity) {
    const key = `${hex}/${identity}`;
    let pending = this.verifying.get(key);
    if (!pending) {
      pending = (async () => {
        if (stat.isFile() && (await hashFile(file, fs)) === hex) {
          this.verifiedIdentities.set(hex, identity);
          return true;
        }
        this.onError(`cached sha256:${hex} does not match its digest; dropped`);
        await this.remove(hex);
        return false;
      })().finally(() => this.verifying.delete(key));
      this.verifying.set(key, pending);
    }
    return pending;
  }

  async remove(hex) {
    this.verifiedIdentities.delete(hex);
    await fsp.rm(this.contentPath(hex), { force: true });
    await fsp.rm(`${this.contentPath(hex)}.json`, { force: true });
  }

  // A sink for DigestVerifier: writes to a temp file; commit() renames it into place (the
  // verifier calls it only after the digest matched), abort() deletes it. Commit never
  // fails the client's download: a cache that cannot be written is only reported.
  async writer(hex, mediaType) {
    const temp = path.join(this.tempFolder, `${hex}.${crypto.randomBytes(6).toString('hex')}`);
    const handle = await fsp.open(temp, 'wx', 0o644);
    let closed = false;
    const close = async () => { if (!closed) { closed = true; await handle.close(); } };
    return {
      write: async (chunk) => { await handle.write(chunk); },
      commit: async () => {
        try {
          await close();
          const target = this.contentPath(hex);
          const meta = JSON.stringify({ mediaType: cleanMediaType(mediaType), size: (await fsp.stat(temp)).size });
          await fsp.writeFile(`${temp}.json`, meta);
          await fsp.rename(`${temp}.json`, `${target}.json`);
          await fsp.rename(temp, target);
        } catch (error) {
          this.onError(`could not cache sha256:${hex}: ${error.message}`);
          await fsp.rm(temp, { force: true }).catch(() => {});
          await fsp.rm(`${temp}.json`, { force: true }).catch(() => {});
        }
      },
      abort: () => {
        close().catch(() => {}).finally(() => fsp.rm(temp, { force: true }).catch(() => {}));
      },
    };
  }
}
