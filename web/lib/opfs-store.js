// The store's files kept in the origin private file system (OPFS), the browser's file
// storage, where the browser has it: Debian's emscripten (3.1.6) has no OPFS file system
// for a single-threaded module, so the worker keeps /store in memory (MEMFS) and mirrors
// it here: every file is read in at start, and after each change (a pull, a delete)
// files that are new or changed are written back and removed ones deleted. Each file is
// replaced whole (createWritable commits on close), blobs before index.json, so a store
// cut short mid-save still names only complete blobs.
export async function openOpfsStore() {
  if (!globalThis.navigator?.storage?.getDirectory) return null;
  try {
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle('spin-store', { create: true });
  } catch {
    return null;  // refused (some private modes): the caller falls back
  }
}

const join = (dir, name) => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);
const stamp = (st) => `${st.size}:${st.mtime.getTime()}`;

// OPFS dir -> FS path (recursively). Returns the map of file path -> stamp as loaded.
export async function loadStore(FS, path, dir, known = new Map()) {
  for await (const [name, handle] of dir.entries()) {
    const p = join(path, name);
    if (handle.kind === 'directory') {
      if (!FS.analyzePath(p).exists) FS.mkdir(p);
      await loadStore(FS, p, handle, known);
    } else {
      const file = await handle.getFile();
      FS.writeFile(p, new Uint8Array(await file.arrayBuffer()));
      known.set(p, stamp(FS.stat(p)));
    }
  }
  return known;
}

// FS path -> OPFS dir: what changed since `known` (updated in place).
export async function saveStore(FS, path, dir, known) {
  const names = FS.readdir(path).filter((n) => n !== '.' && n !== '..');
  // index.json last: it names the blobs, which must be there first.
  names.sort((a, b) => (a === 'index.json') - (b === 'index.json'));
  for (const name of names) {
    const p = join(path, name);
    const st = FS.stat(p);
    if (FS.isDir(st.mode)) {
      await saveStore(FS, p, await dir.getDirectoryHandle(name, { create: true }), known);
    } else if (known.get(p) !== stamp(st)) {
      const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await writable.write(FS.readFile(p));
      await writable.close();
      known.set(p, stamp(st));
    }
  }
  const present = new Set(names);
  for await (const [name] of dir.entries()) {
    if (present.has(name)) continue;
    await dir.removeEntry(name, { recursive: true });
    for (const p of [...known.keys()]) if (p === join(path, name) || p.startsWith(join(path, name) + '/')) known.delete(p);
  }
}
