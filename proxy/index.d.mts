// Types of @spin/registry-proxy (index.mjs; .d.mts so a path import of index.mjs finds them too). See README.md for what each setting does.
import type { Server } from 'node:http';

/** One allow-listed upstream registry: its API endpoint (http or https, optionally with a
 *  path prefix) and whether one-component repositories get "library/" (Docker Hub's rule). */
export interface RegistryEntry {
  url: string;
  library?: boolean;
}

/** One structured log line: a finished (or cut) request, or an event. */
export interface ProxyLogEntry {
  method?: string;
  path?: string;
  registry?: string | null;
  /** The last upstream URL asked (origin and path), null when none was. */
  upstream?: string | null;
  upstreamRequests?: number;
  upstreamStatus?: number;
  /** "hit", "miss", "bypass" (not cacheable: a range, credentials) or null (no cache). */
  cache?: 'hit' | 'miss' | 'bypass' | null;
  status?: number;
  /** Body bytes sent to the client. */
  bytes?: number;
  /** Whether the answer was sent whole (false when cut, e.g. on a digest mismatch). */
  complete?: boolean;
  ms?: number;
  error?: string;
  event?: string;
  message?: string;
  [key: string]: unknown;
}

export interface ProxyOptions {
  /** Required: client-visible registry name -> upstream URL (or entry). Served as
   *  /v2/<name>/<repository>/... and /<name>/v2/<repository>/... */
  allow: Record<string, string | RegistryEntry>;
  /** Registry names whose one-component repositories get "library/". */
  library?: string[];
  /** Page origins allowed by CORS: ["*"] (default) or exact origins. */
  origins?: string[];
  /** Folder of the on-disk cache of content named by digest; no cache when absent. */
  cacheDir?: string;
  /** Upstream exchanges at once (default 32). */
  maxUpstream?: number;
  /** Requests waiting for an exchange (default 256); beyond that, 503. */
  maxQueue?: number;
  /** Limit on connecting to and on any silence of an upstream (default 30000 ms). */
  upstreamTimeoutMs?: number;
  /** Longest request target (default 2048 bytes; longer: 414). */
  maxUrlBytes?: number;
  /** Largest request header block (default 8192 bytes; larger: 431). */
  maxHeaderBytes?: number;
  /** Limit on any silence of a client connection (default 120000 ms). */
  clientTimeoutMs?: number;
  /** Client connections at once (default 1024); more are closed on arrival. */
  maxConnections?: number;
  /** Whether a client's Basic credentials go to the upstream's token service (default true). */
  passAuthorization?: boolean;
  /** Whether redirects and token realms of a registry whose own host is public may lead
   *  to private addresses (loopback, RFC 1918, link-local...; default false). */
  allowPrivateTargets?: boolean;
  userAgent?: string;
  /** Receives every log entry; default: JSON lines on stderr. */
  log?: (entry: ProxyLogEntry) => void;
}

/** Creates the proxy as an http.Server, not yet listening. Throws OptionsError on bad options. */
export function createProxy(options: ProxyOptions): Server;

/** Parses "NAME=URL,NAME=URL" (a NAME alone means https://NAME) into ProxyOptions.allow. */
export function parseAllowList(text: string): Record<string, string>;

export class OptionsError extends Error {}
