// The `spin` command for Node: the same command line as the native spin (parsed by the
// bundle's own parser), image commands through a Registry, run through a Runtime.
// Exit status: the container's; 125 when spin fails (one sentence on stderr).
import { readFileSync } from 'node:fs';
import { Registry, Runtime, SpinError } from '../../index.js';
import { workerEnv } from '../bundle.js';
import { Channel, withChannel } from '../channel.js';
import { progressPrinter } from './progress.js';
import { runCommand } from './run.js';

const EXIT_SPIN_FAILED = 125;

function version() {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}

// The command line parsed by the bundle's parser, in a worker that then serves the
// command itself (the registry's or the container's), so one worker start is enough.
let channel = null;
async function parse(argv) {
  channel = await Channel.open(workerEnv());
  return channel.request('parse', argv).result;
}

// The worker's next user takes it over; later ones start their own.
function takeChannel() {
  const c = channel;
  channel = null;
  return c ?? undefined;
}

function registryFor(parsed) {
  return new Registry(parsed.store ?? undefined, {
    insecureRegistries: parsed.insecure_registries, username: parsed.username ?? undefined,
    password: parsed.password ?? undefined, [withChannel]: takeChannel(),
  });
}

async function pull(parsed) {
  const registry = registryFor(parsed);
  const progress = progressPrinter(process.stdout, { quiet: parsed.quiet });
  try {
    const { name, digest } = await registry.pull(parsed.images[0], {
      platform: parsed.platform ?? undefined, onProgress: (p) => progress.update(p),
    });
    progress.end();
    process.stdout.write(parsed.quiet ? `${name}\n` : `Digest: ${digest}\nPulled ${name}\n`);
    return 0;
  } finally {
    progress.end();
    await registry.close();
  }
}

async function images(parsed) {
  const registry = registryFor(parsed);
  const list = await registry.images();
  await registry.close();
  if (parsed.quiet) {
    for (const image of list) process.stdout.write(`${image.name}\n`);
    return 0;
  }
  const rows = [['IMAGE', 'DIGEST', 'PLATFORM', 'SIZE'],
    ...list.map((i) => [i.name, i.digest.slice(0, 19), i.platform ?? '?', String(i.size ?? 0)])];
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const r of rows) process.stdout.write(`${r.map((cell, k) => (k < 3 ? cell.padEnd(widths[k]) : cell)).join('  ')}\n`);
  return 0;
}

async function rmi(parsed) {
  const registry = registryFor(parsed);
  try {
    const { untagged, deleted_blobs: blobs, deleted_bytes: bytes } = await registry.remove(...parsed.images);
    for (const name of untagged) process.stdout.write(`Untagged: ${name}\n`);
    if (blobs) process.stdout.write(`Deleted ${blobs} blobs (${bytes} bytes)\n`);
    return 0;
  } finally {
    await registry.close();
  }
}

async function inspect(parsed) {
  const registry = registryFor(parsed);
  const { config } = await registry.inspect(parsed.images[0]);
  await registry.close();
  process.stdout.write(`${JSON.stringify(config)}\n`);  // as stored, as the native spin prints it
  return 0;
}

export async function main(argv) {
  try {
    const parsed = await parse(argv);
    if (parsed.error) throw new SpinError(parsed.error);
    switch (parsed.command) {
      case 'help': process.stdout.write(parsed.usage); return 0;
      case 'version': process.stdout.write(`spin ${version()}\n`); return 0;
      case 'pull': return await pull(parsed);
      case 'images': return await images(parsed);
      case 'rmi': return await rmi(parsed);
      case 'inspect': return await inspect(parsed);
      case 'run': {
        const forContainer = takeChannel();
        return await runCommand(new Runtime({ registry: registryFor(parsed) }), parsed, argv, forContainer);
      }
      default: throw new SpinError(`unknown command ${parsed.command}`);
    }
  } catch (err) {
    // One sentence, never a stack trace (SPIN_DEBUG=1 shows it for a bug report).
    const message = err instanceof SpinError ? err.message : `internal error: ${err && err.message ? err.message : err}`;
    if (process.env.SPIN_DEBUG && err && err.stack) process.stderr.write(`${err.stack}\n`);
    process.stderr.write(`spin: ${message}\n`);
    return EXIT_SPIN_FAILED;
  } finally {
    channel?.close();
  }
}
