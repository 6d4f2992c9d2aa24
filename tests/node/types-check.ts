// Compiled (not run) by the node.types test: the package's TypeScript declarations
// describe the API as index.js implements it, and refuse misuse.
import { Registry, Runtime, Container, SpinError, toRunArguments } from '../../node/index.js';
import type { ContainerOptions, PullProgress, ImageSummary } from '../../node/index.js';

async function use(): Promise<number> {
  const registry = new Registry('/tmp/store', { insecureRegistries: ['127.0.0.1:5000'] });
  const pulled: { name: string; digest: string } = await registry.pull('busybox', {
    platform: 'linux/riscv64',
    onProgress: (p: PullProgress) => console.log(p.digest, p.done / p.total),
  });
  const list: ImageSummary[] = await registry.images();
  const details = await registry.inspect(pulled.name);
  console.log(list.length, details.config, (await registry.imagePath('busybox')).manifest);
  await registry.remove('busybox', 'alpine');

  const runtime = new Runtime({ arch: 'riscv64', registry });
  const options: ContainerOptions = {
    image: 'busybox', command: ['sh', '-c', 'echo hi'], entrypoint: '/bin/busybox',
    env: { A: '1' }, mounts: [{ host: '/tmp', guest: '/data', readOnly: true }],
    workdir: '/data', user: '1000:1000', tty: false, stdin: true, memory: '256m', timeout: 10,
    ports: [{ host: 8080, guest: 80 }],
  };
  const c: Container = runtime.createContainer(options);
  c.stdout.pipe(process.stdout);
  c.stdin.end('input');
  c.on('exit', (status: number) => console.log(status));
  await c.start();
  c.resize(80, 24);
  c.kill('SIGINT');
  const status: number = await c.wait();
  const r = await runtime.run({ imageFile: 'image.tar', input: 'x' });
  console.log(r.stdout.toString(), toRunArguments(options).join(' '));
  try {
    await runtime.run({ image: 'nosuch' });
  } catch (e) {
    if (e instanceof SpinError) return e.status;
  }
  // @ts-expect-error: only riscv64 runs today
  new Runtime({ arch: 'x86_64' });
  // @ts-expect-error: mounts need a guest path
  runtime.createContainer({ image: 'busybox', mounts: [{ host: '/tmp' }] });
  // @ts-expect-error: wait() gives a number
  const wrong: string = await c.wait();
  console.log(wrong);
  await runtime.close();
  return status;
}
use();
