// @spin/registry-proxy: a CORS registry proxy for pages that pull OCI images
// (README.md). createProxy returns an http.Server; the CLI is bin/spin-registry-proxy.mjs.
export { createProxy } from './lib/server.mjs';
export { OptionsError, parseAllowList } from './lib/options.mjs';
