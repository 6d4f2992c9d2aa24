// spin run in the Node CLI: this process's stdio, terminal and signals around a Container.
// As docker does: -i pipes stdin, -t gives the command a terminal (raw mode here, the
// window size followed), Ctrl-C forwards SIGINT and a second one kills the container,
// SIGTERM and SIGHUP are forwarded, and the status is the command's.
import { progressPrinter } from './progress.js';

import { withChannel } from '../channel.js';

export async function runCommand(runtime, parsed, argv, channel) {
  const image = parsed.image_file ? undefined : parsed.images[0];
  const progress = progressPrinter(process.stderr, { quiet: false });
  const container = runtime.createContainerFromArguments(argv, {
    image, platform: parsed.platform ?? undefined, onProgress: (p) => progress.update(p),
    [withChannel]: channel,
  });
  container.on('pull', (name) => process.stderr.write(`Unable to find image '${name}' locally\n`));
  container.on('timeout', (s) => process.stderr.write(`spin: timeout: killing the command after ${s} s\n`));
  container.on('warning', (why) => process.stderr.write(`spin: ${why}\n`));
  container.stdout.pipe(process.stdout);
  container.stderr.pipe(process.stderr);

  const stdin = process.stdin;
  const raw = parsed.interactive && parsed.tty && stdin.isTTY;
  let interrupts = 0;
  const onSignal = (signal) => {
    if (signal === 'SIGINT' && ++interrupts > 1) container.kill('SIGKILL');
    else container.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  const resize = () => container.resize(process.stdout.columns, process.stdout.rows);
  try {
    await container.start();
    progress.end();
    if (parsed.tty && process.stdout.isTTY) {
      resize();
      process.stdout.on('resize', resize);
    }
    if (parsed.interactive) {
      if (raw) stdin.setRawMode(true);
      stdin.pipe(container.stdin);
    }
    return await container.wait();
  } finally {
    progress.end();
    for (const s of signals) process.off(s, onSignal);
    process.stdout.off('resize', resize);
    if (parsed.interactive) {
      stdin.unpipe(container.stdin);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      stdin.unref?.();
    }
    await runtime.close();
  }
}
