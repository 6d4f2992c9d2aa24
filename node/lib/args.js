// The JS API's options as the `spin` command line the C API speaks (include/spin.h), so
// both accept and refuse exactly the same things.
import { constants } from 'node:os';

// Options every command shares: the store and how to reach registries.
export function globalArgs({ store, insecureRegistries = [], username, password } = {}) {
  const args = [];
  if (store) args.push('--store', String(store));
  for (const host of insecureRegistries) args.push('--insecure-registry', String(host));
  if (username !== undefined) args.push('--username', String(username));
  if (password !== undefined) args.push('--password', String(password));
  return args;
}

export function pullArgs(image, options = {}) {
  const args = ['pull', ...globalArgs(options)];
  if (options.platform) args.push('--platform', String(options.platform));
  return [...args, String(image)];
}

const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

// Container options -> `spin run` arguments.
export function runArgs(options, registryOptions = {}) {
  const o = options ?? {};
  if (!o.image === !o.imageFile) throw new TypeError('a container needs exactly one of image and imageFile');
  const args = ['run', ...globalArgs(registryOptions)];
  const env = o.env ?? [];
  for (const kv of Array.isArray(env) ? env : Object.entries(env).map(([k, v]) => `${k}=${v}`))
    args.push('-e', String(kv));
  for (const file of list(o.envFile)) args.push('--env-file', String(file));
  for (const m of list(o.mounts)) {
    if (!m || !m.host || !m.guest) throw new TypeError('a mount needs host and guest paths');
    args.push('-v', `${m.host}:${m.guest}${m.readOnly ? ':ro' : ''}`);
  }
  if (o.network !== undefined) args.push('--network', String(o.network));
  for (const p of list(o.ports)) {
    const spec = typeof p === 'object' ? `${p.host}:${p.guest}` : String(p);
    args.push('-p', spec);
  }
  let command = list(o.command).map(String);
  if (o.entrypoint !== undefined) {
    const [first, ...rest] = list(o.entrypoint).map(String);
    args.push('--entrypoint', first);
    command = [...rest, ...command];
  }
  if (o.workdir) args.push('-w', String(o.workdir));
  if (o.user !== undefined) args.push('-u', String(o.user));
  if (o.hostname) args.push('--hostname', String(o.hostname));
  if (o.platform ?? registryOptions.platform) args.push('--platform', String(o.platform ?? registryOptions.platform));
  if (o.memory !== undefined) args.push('--memory', String(o.memory));
  if (o.timeout !== undefined) args.push('--timeout', String(o.timeout));
  if (o.stdin) args.push('-i');
  if (o.tty) args.push('-t');
  if (o.imageFile) args.push('--image-file', String(o.imageFile));
  else args.push(String(o.image));
  // "--" is not needed: everything after IMAGE is the command, as with docker.
  return [...args, ...command];
}

// 'SIGINT', 'INT' or 2 -> 2.
export function signalNumber(signal) {
  if (typeof signal === 'number' && Number.isInteger(signal) && signal >= 1 && signal <= 64) return signal;
  const name = String(signal).toUpperCase();
  const n = constants.signals[name.startsWith('SIG') ? name : `SIG${name}`];
  if (!n) throw new TypeError(`unknown signal: ${signal}`);
  return n;
}
