// Compiled (not run) by the node.types test: the registry proxy's declarations
// (proxy/index.d.ts) describe how tests and embedders use it, and refuse misuse.
import { createProxy, parseAllowList, OptionsError } from '../../proxy/index.mjs';
import type { ProxyLogEntry } from '../../proxy/index.mjs';

const entries: ProxyLogEntry[] = [];
const server = createProxy({
  allow: { ...parseAllowList('local=http://127.0.0.1:5000'), other: { url: 'http://127.0.0.1:5001', library: true } },
  origins: ['http://127.0.0.1:8080'], cacheDir: '/tmp/cache', maxUpstream: 4,
  log: (entry) => { entries.push(entry); },
});
server.listen(0, '127.0.0.1');
try {
  // @ts-expect-error: the allow-list is required
  createProxy({});
} catch (e) {
  if (!(e instanceof OptionsError)) throw e;
}
// @ts-expect-error: cache states are named
const wrong: ProxyLogEntry = { cache: 'maybe' };
console.log(entries.length, wrong);
