// Types of the spin-containers package (index.js).
import { EventEmitter } from 'node:events';
import { Readable, Writable } from 'node:stream';

/** What spin itself failed at; `status` is 125 (docker's code for that). */
export class SpinError extends Error {
  readonly status: number;
}

export interface RegistryOptions {
  /** Store folder (an OCI image layout). Default: $SPIN_STORE, else ~/.cache/spin/store. */
  store?: string;
  /** Registries reached over plain HTTP or without certificate checks (host[:port]). */
  insecureRegistries?: string[];
  username?: string;
  password?: string;
}

export interface PullProgress {
  /** The blob's digest, e.g. "sha256:…". */
  digest: string;
  /** Bytes so far; equal to total once the blob is complete (or was already stored). */
  done: number;
  total: number;
}

export interface PullOptions {
  /** os/arch[/variant]; default linux/riscv64. */
  platform?: string;
  onProgress?: (progress: PullProgress) => void;
}

export interface ImageSummary {
  name: string;
  digest: string;
  platform?: string;
  /** Compressed size of the layers in bytes. */
  size?: number;
  layers?: number;
}

export interface ImageDetails extends ImageSummary {
  /** The image's config (OCI image configuration). */
  config: Record<string, unknown>;
}

export interface RemoveResult {
  untagged: string[];
  deleted_blobs: number;
  deleted_bytes: number;
}

export interface ImagePath {
  store: string;
  name: string;
  digest: string;
  /** The manifest blob's path, or null if the store lacks it. */
  manifest: string | null;
}

export class Registry {
  constructor(store?: string, options?: RegistryOptions);
  static open(store?: string, options?: RegistryOptions): Registry;
  readonly options: RegistryOptions;
  pull(image: string, options?: PullOptions): Promise<{ name: string; digest: string }>;
  images(): Promise<ImageSummary[]>;
  inspect(image: string): Promise<ImageDetails>;
  remove(...images: string[]): Promise<RemoveResult>;
  imagePath(image: string): Promise<ImagePath>;
  close(): Promise<void>;
}

export interface Mount {
  /** A folder of the host. */
  host: string;
  /** Where the container sees it. */
  guest: string;
  readOnly?: boolean;
}

export interface PortForward {
  host: number;
  guest: number;
}

export interface ContainerOptions {
  /** An image name (pulled when missing unless pull is 'never')… */
  image?: string;
  /** …or an OCI archive or `docker save` archive. */
  imageFile?: string;
  /** Replaces the image's Cmd. */
  command?: string | string[];
  /** Replaces the image's Entrypoint (more elements go before the command). */
  entrypoint?: string | string[];
  /** ["K=V", "K"] or {K: "V"}; "K" alone takes K from this process's environment. */
  env?: string[] | Record<string, string>;
  envFile?: string | string[];
  mounts?: Mount[];
  workdir?: string;
  /** user[:group], by name or number. */
  user?: string;
  hostname?: string;
  /** Give the command a terminal (stdout and stderr become one stream). */
  tty?: boolean;
  /** Keep stdin open for container.stdin (docker's -i). */
  stdin?: boolean;
  /** Guest memory, e.g. "512m" (64m to 4g). */
  memory?: string;
  /** Seconds until the command is killed. */
  timeout?: number;
  /** 'none': no network (docker's --network none); by default the container has one. */
  network?: 'none' | 'default';
  /** Port forwards: {host, guest} or "[IP:]HOST:GUEST"; the host side listens on
   * 127.0.0.1 unless an IP is given (docs/net.md). */
  ports?: Array<PortForward | string>;
  /** os/arch; only linux/riscv64 runs today. */
  platform?: string;
  pull?: 'missing' | 'never';
  onProgress?: (progress: PullProgress) => void;
}

export interface RunOptions extends ContainerOptions {
  /** Written to stdin, then end of file (needs stdin: true). */
  input?: string | Uint8Array;
}

export interface RuntimeOptions extends RegistryOptions {
  /** The guest architecture; 'riscv64' (amd64 and wasm come later). */
  arch?: 'riscv64';
  registry?: Registry;
}

export class Runtime {
  constructor(options?: RuntimeOptions);
  static create(options?: RuntimeOptions): Promise<Runtime>;
  readonly registry: Registry;
  createContainer(options: ContainerOptions): Container;
  /** A container from a `spin run` command line as typed after `spin`. */
  createContainerFromArguments(args: string[], options?: { image?: string; platform?: string;
    onProgress?: (p: PullProgress) => void; pull?: 'missing' | 'never' }): Container;
  run(options: RunOptions): Promise<{ status: number; stdout: Buffer; stderr: Buffer }>;
  close(): Promise<void>;
}

export class Container extends EventEmitter {
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly stdin: Writable;
  /** Boots the machine and starts the command (pulls a missing image first). */
  start(): Promise<void>;
  /** The exit status (128 + n after signal n); rejects with SpinError when spin failed. */
  wait(): Promise<number>;
  kill(signal?: NodeJS.Signals | number): void;
  resize(cols: number, rows: number): void;
  on(event: 'start', listener: () => void): this;
  on(event: 'exit', listener: (status: number) => void): this;
  on(event: 'pull', listener: (image: string) => void): this;
  on(event: 'timeout', listener: (seconds: number) => void): this;
  on(event: 'warning', listener: (message: string) => void): this;
  on(event: string | symbol, listener: (...args: any[]) => void): this;
}

/** Container options as `spin run` arguments. */
export function toRunArguments(options: ContainerOptions, registryOptions?: RegistryOptions): string[];
