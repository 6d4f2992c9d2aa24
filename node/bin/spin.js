#!/usr/bin/env node
// `spin`: Linux containers from OCI images, on an emulated RISC-V machine (spin --help).
import { main } from '../lib/cli/main.js';

const status = await main(process.argv.slice(2));
// Output first, then the status (stdout may be a pipe still draining).
process.stdout.write('', () => process.exit(status));
