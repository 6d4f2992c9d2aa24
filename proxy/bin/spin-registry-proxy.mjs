#!/usr/bin/env node
// spin-registry-proxy: starts the CORS registry proxy (README.md). Settings come from
// flags, then environment variables, then a JSON config file (--config, SPIN_PROXY_CONFIG,
// or $XDG_CONFIG_HOME/spin/registry-proxy.json when it exists).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createProxy } from '../lib/server.mjs';
import { OptionsError, parseAllowList, parseList } from '../lib/options.mjs';
import { jsonLineLogger } from '../lib/log.mjs';

const usage = `usage: spin-registry-proxy --allow NAME=URL[,NAME=URL...] [options]

  --allow NAME=URL,...   upstream registries served as /v2/NAME/<repository>/... (required;
                         a NAME alone means https://NAME)           env SPIN_PROXY_ALLOW
  --library NAME,...     one-component repositories of NAME get "library/"
                                                                    env SPIN_PROXY_LIBRARY
  --port N               port to listen on (default 5050; 0 picks one) env SPIN_PROXY_PORT
  --host ADDRESS         address to listen on (default 127.0.0.1)  env SPIN_PROXY_HOST
  --origins ORIGIN,...   page origins allowed by CORS (default *)  env SPIN_PROXY_ORIGINS
  --cache-dir DIR        on-disk cache of content named by digest  env SPIN_PROXY_CACHE
  --max-upstream N       upstream exchanges at once (default 32)
  --max-queue N          requests waiting for one (default 256; more get 503)
  --upstream-timeout MS  upstream connect/silence limit (default 30000)
  --no-pass-authorization  never send a client's Basic credentials upstream
  --allow-private-targets  let redirects and token realms of a public registry lead
                         to private addresses (refused by default)
  --config FILE          JSON settings (keys as in createProxy)    env SPIN_PROXY_CONFIG
Logs are JSON lines on stderr.`;

function fail(message) {
  process.stderr.write(`spin-registry-proxy: ${message}\n`);
  process.exit(2);
}

function readConfig(file, required) {
  if (!file || (!required && !fs.existsSync(file))) return {};
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch (error) { return fail(`${file}: ${error.message}`); }
}

let parsed;
try {
  parsed = parseArgs({ options: {
    allow: { type: 'string', multiple: true }, library: { type: 'string', multiple: true },
    port: { type: 'string' }, host: { type: 'string' }, origins: { type: 'string' },
    'cache-dir': { type: 'string' }, 'max-upstream': { type: 'string' }, 'max-queue': { type: 'string' },
    'upstream-timeout': { type: 'string' }, 'no-pass-authorization': { type: 'boolean' },
    'allow-private-targets': { type: 'boolean' },
    config: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  } }).values;
} catch (error) {
  fail(`${error.message}\n${usage}`);
}
if (parsed.help) { process.stdout.write(`${usage}\n`); process.exit(0); }

const env = process.env;
const defaultConfig = path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'spin', 'registry-proxy.json');
const configFile = parsed.config ?? env.SPIN_PROXY_CONFIG;
const config = readConfig(configFile ?? defaultConfig, Boolean(configFile));
const number = (text, name) => {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text)) fail(`${name} must be a number`);
  return Number(text);
};

const allowText = parsed.allow?.join(',') ?? env.SPIN_PROXY_ALLOW;
const libraryText = parsed.library?.join(',') ?? env.SPIN_PROXY_LIBRARY;
const originsText = parsed.origins ?? env.SPIN_PROXY_ORIGINS;
const options = {
  ...config,
  allow: allowText !== undefined ? parseAllowList(allowText) : config.allow,
  library: libraryText !== undefined ? parseList(libraryText) : config.library,
  origins: originsText !== undefined ? parseList(originsText) : config.origins,
  cacheDir: parsed['cache-dir'] ?? env.SPIN_PROXY_CACHE ?? config.cacheDir,
  maxUpstream: number(parsed['max-upstream'], '--max-upstream') ?? config.maxUpstream,
  maxQueue: number(parsed['max-queue'], '--max-queue') ?? config.maxQueue,
  upstreamTimeoutMs: number(parsed['upstream-timeout'], '--upstream-timeout') ?? config.upstreamTimeoutMs,
  passAuthorization: parsed['no-pass-authorization'] ? false : config.passAuthorization,
  allowPrivateTargets: parsed['allow-private-targets'] ? true : config.allowPrivateTargets,
  log: jsonLineLogger(process.stderr),
};
const port = number(parsed.port ?? env.SPIN_PROXY_PORT, '--port') ?? config.port ?? 5050;
const host = parsed.host ?? env.SPIN_PROXY_HOST ?? config.host ?? '127.0.0.1';
delete options.port;
delete options.host;

let server;
try {
  server = createProxy(options);
} catch (error) {
  if (error instanceof OptionsError) fail(`${error.message}\n${usage}`);
  throw error;
}
server.on('error', (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));
server.listen(port, host, () => {
  const address = server.address();
  options.log({ event: 'listening', host: address.address, port: address.port,
                registries: Object.keys(options.allow), cache: options.cacheDir ?? null });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { server.close(); server.closeAllConnections(); process.exit(0); });
}
