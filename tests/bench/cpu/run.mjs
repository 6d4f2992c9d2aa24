#!/usr/bin/env node
// Spin's CPU benchmark: builds workload.c for native x86-64, riscv64 Linux (static,
// no libc) and bare-metal riscv64; runs it natively, under qemu-riscv64-static, QEMU's
// spike machine, spin-emu and spin-emu's wasm build; checks that every run printed the
// same results; prints one JSON line per measurement on stdout (see ../README.md).
// Diagnostics go to stderr. Exit status: 0 when every run that could run agreed, 1 when
// a run failed or printed other results, 2 on bad usage or a failed build.
//
//   node tests/bench/cpu/run.mjs [--runs N] [--spin-emu PATH] [--spin-emu-wasm PATH]
//                                [--build-dir DIR] [--no-icount] [--check-goals]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const support = path.join(root, 'tests/support');

const usage = `usage: run.mjs [options]
  --runs N             runs per variant; the best (least) wall time counts (default 3, env BENCH_RUNS)
  --spin-emu PATH      native spin-emu (default build/native/emulator/spin-emu, env SPIN_EMU)
  --spin-emu-wasm PATH wasm spin-emu launcher (default build/wasm/emulator/spin-emu-wasm, env SPIN_EMU_WASM)
  --build-dir DIR      where the benchmark's programs are built (default build/bench/cpu)
  --no-icount          skip counting the guest's instructions with QEMU -icount
  --check-goals        exit 1 when a slowdown misses its goal
  --timeout S          seconds one run may take before it counts as failed (default 900)`;

const opt = {
  runs: Number(process.env.BENCH_RUNS || 3),
  spinEmu: process.env.SPIN_EMU || path.join(root, 'build/native/emulator/spin-emu'),
  spinEmuWasm: process.env.SPIN_EMU_WASM || path.join(root, 'build/wasm/emulator/spin-emu-wasm'),
  buildDir: path.join(root, 'build/bench/cpu'),
  icount: true,
  checkGoals: false,
  timeout: 900,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) die(2, `${a} needs a value\n${usage}`);
    return argv[++i];
  };
  if (a === '--runs') opt.runs = Number(value());
  else if (a === '--spin-emu') opt.spinEmu = path.resolve(value());
  else if (a === '--spin-emu-wasm') opt.spinEmuWasm = path.resolve(value());
  else if (a === '--build-dir') opt.buildDir = path.resolve(value());
  else if (a === '--no-icount') opt.icount = false;
  else if (a === '--check-goals') opt.checkGoals = true;
  else if (a === '--timeout') opt.timeout = Number(value());
  else if (a === '-h' || a === '--help') { console.log(usage); process.exit(0); }
  else die(2, `unknown option ${a}\n${usage}`);
}
if (!Number.isInteger(opt.runs) || opt.runs < 1) die(2, '--runs must be a positive integer');

function die(code, msg) {
  process.stderr.write(`bench/cpu: ${msg}\n`);
  process.exit(code);
}
function note(msg) {
  process.stderr.write(`bench/cpu: ${msg}\n`);
}

// A program on PATH, or null.
function which(name) {
  for (const dir of (process.env.PATH || '').split(':')) {
    const p = path.join(dir || '.', name);
    if (existsSync(p)) return p;
  }
  return null;
}

// ---- build ------------------------------------------------------------------------

const cc = process.env.CC_NATIVE || 'gcc';
const rvcc = process.env.CC_RISCV || 'riscv64-linux-gnu-gcc';
const common = ['-std=c11', '-O2', '-ffp-contract=off', '-Wall', '-Wextra', '-Werror', `-I${here}`];
// Both riscv64 builds compile the workload with exactly these flags.
const rvFlags = ['-march=rv64imafdc_zicsr_zifencei', '-mabi=lp64d', '-mcmodel=medany', '-ffreestanding',
  '-nostdlib', '-nostartfiles', '-fno-pie', '-no-pie', '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments'];
const src = (f) => path.join(here, f);
const bareRuntime = [path.join(support, 'crt.S'), path.join(support, 'htif.c')];
const bareLink = ['-T', path.join(support, 'link.ld'), `-I${support}`];

const elf = {
  native: path.join(opt.buildDir, 'cpu-native'),
  linux: path.join(opt.buildDir, 'cpu-linux-rv64.elf'),
  bare: path.join(opt.buildDir, 'cpu-bare-rv64.elf'),
  bareInstret: path.join(opt.buildDir, 'cpu-bare-rv64-instret.elf'),
};
const builds = [
  [cc, [...common, src('workload.c'), src('main-native.c'), '-o', elf.native]],
  [rvcc, [...common, ...rvFlags, '-static', src('workload.c'), src('main-linux.c'), src('mem.c'), '-o', elf.linux]],
  [rvcc, [...common, ...rvFlags, ...bareLink, ...bareRuntime, src('workload.c'), src('main-bare.c'), src('mem.c'),
    '-o', elf.bare]],
  [rvcc, [...common, ...rvFlags, ...bareLink, '-DBENCH_INSTRET', ...bareRuntime, src('workload.c'),
    src('main-bare.c'), src('mem.c'), '-o', elf.bareInstret]],
];
mkdirSync(opt.buildDir, { recursive: true });
for (const [prog, args] of builds) {
  const r = spawnSync(prog, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) die(2, `build failed: ${prog} ${args.join(' ')}${r.error ? `: ${r.error.message}` : ''}`);
}
note(`built ${Object.values(elf).join(' ')}`);

// ---- variants -----------------------------------------------------------------------

const qemuUser = which('qemu-riscv64-static') || which('qemu-riscv64');
const qemuSystem = which('qemu-system-riscv64');
const qemuSpikeArgs = ['-M', 'spike', '-bios', 'none', '-nographic', '-monitor', 'none'];
const env = { ...process.env, NODE_PATH: process.env.NODE_PATH || '/usr/share/nodejs' };
const spinArgs = ['--bare', elf.bare, '--stats', '--max-insns', '100000000000'];

const variants = [
  { name: 'native-x86', cmd: elf.native, args: [] },
  { name: 'qemu-user', cmd: qemuUser, args: [elf.linux], missing: 'qemu-riscv64-static not found' },
  { name: 'qemu-spike', cmd: qemuSystem, args: [...qemuSpikeArgs, '-kernel', elf.bare],
    missing: 'qemu-system-riscv64 not found' },
  { name: 'spin-emu-native', cmd: opt.spinEmu, args: spinArgs, stats: true },
  { name: 'spin-emu-wasm', cmd: opt.spinEmuWasm, args: spinArgs, stats: true },
];

// Runs one command; wall seconds, CPU seconds (user + system, through GNU time when
// installed, else null), stdout, stderr, status.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const timeFile = path.join(opt.buildDir, 'time.out');
function runOnce(cmd, args) {
  const [c, a] = gnuTime ? [gnuTime, ['-f', '%U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  if (gnuTime) rmSync(timeFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c, a, { env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: opt.timeout * 1000,
    stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpuSeconds = null;
  if (gnuTime && existsSync(timeFile)) {
    const m = /^([\d.]+) ([\d.]+)\s*$/m.exec(readFileSync(timeFile, 'utf8'));
    if (m) cpuSeconds = Number(m[1]) + Number(m[2]);
  }
  return { seconds, cpuSeconds, stdout: r.stdout || '', stderr: r.stderr || '', status: r.status, error: r.error,
    signal: r.signal };
}

// The results a run printed, without lines that are not part of them.
const results = (out) => out.split('\n').filter((l) => /^(crc32|sha256|sort|matmul|intpass|checksum) /.test(l))
  .join('\n');

let failed = false;
let reference = null; // native-x86's results
const best = {}; // variant name -> best run {seconds, stats}
for (const v of variants) {
  if (!v.cmd || !existsSync(v.cmd)) {
    note(`skipping ${v.name}: ${v.missing || `${v.cmd} not found`}`);
    continue;
  }
  for (let i = 0; i < opt.runs; i++) {
    const r = runOnce(v.cmd, v.args);
    const got = results(r.stdout);
    if (r.error || r.status !== 0 || !/^checksum /m.test(got)) {
      note(`FAIL ${v.name}: ${r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit status ${r.status}`}` +
        `\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
      failed = true;
      break;
    }
    if (reference === null) reference = got;
    if (got !== reference) {
      note(`FAIL ${v.name}: results differ from native-x86's\n--- native-x86\n${reference}\n--- ${v.name}\n${got}`);
      failed = true;
      break;
    }
    let stats = null;
    if (v.stats) {
      const m = /spin-emu: stats (\{.*\})/.exec(r.stderr);
      if (m) stats = JSON.parse(m[1]);
      else note(`${v.name}: no stats line on stderr`);
    }
    const load = os.loadavg()[0];
    note(`${v.name} run ${i + 1}/${opt.runs}: ${r.seconds.toFixed(3)} s wall` +
      `${r.cpuSeconds === null ? '' : `, ${r.cpuSeconds.toFixed(2)} s CPU`}, load ${load.toFixed(2)}` +
      `${load > os.cpus().length ? ' (more than the CPU count: wall times are contended)' : ''}`);
    const b = best[v.name];
    if (!b || r.seconds < b.seconds) best[v.name] = { seconds: r.seconds, stats, cpuSeconds: b ? b.cpuSeconds : null };
    const nb = best[v.name];
    if (r.cpuSeconds !== null && (nb.cpuSeconds === null || r.cpuSeconds < nb.cpuSeconds)) nb.cpuSeconds = r.cpuSeconds;
  }
}
if (reference !== null) note(`results of native-x86${failed ? '' : ', which every run printed'}:\n${reference}`);

// ---- report -------------------------------------------------------------------------

const lines = [];
function emit(name, value, unit, ref, extra = {}) {
  const v = Number.isInteger(value) ? value : Number(value.toPrecision(6));
  const line = { name: `cpu.${name}`, value: v, unit, reference: ref, ...extra };
  lines.push(line);
  console.log(JSON.stringify(line));
}

for (const v of variants) {
  const b = best[v.name];
  if (b) emit(`${v.name}.seconds`, b.seconds, 's', null, { runs: opt.runs, cpu_seconds: b.cpuSeconds === null ? null : Number(b.cpuSeconds.toFixed(2)) });
}
const spinStats = ['spin-emu-native', 'spin-emu-wasm'].filter((n) => best[n] && best[n].stats)
  .map((n) => [n, best[n].stats]);
if (spinStats.length) {
  const [name, s] = spinStats[0];
  emit('guest-instructions', s.instructions, 'instructions', `${name} --stats`);
  for (const [other, t] of spinStats.slice(1))
    if (t.instructions !== s.instructions) note(`WARNING: ${other} retired ${t.instructions} instructions, ${name} ${s.instructions}`);
}
for (const [name, s] of spinStats) emit(`${name}.mips`, s.mips, 'MIPS', `${name} --stats`);
if (opt.icount && qemuSystem) {
  // QEMU's -icount shift=0 makes minstret count instructions: a cross-check of spin-emu's.
  const r = runOnce(qemuSystem, [...qemuSpikeArgs, '-icount', 'shift=0', '-kernel', elf.bareInstret]);
  const m = /^instret (\d+)/m.exec(r.stdout);
  if (r.status === 0 && m && results(r.stdout) === reference) emit('qemu-icount-instructions', Number(m[1]),
    'instructions', 'qemu-spike -icount shift=0, minstret at the end of main');
  else note(`qemu -icount run failed or disagreed (status ${r.status})\n${r.stdout}${r.stderr}`);
}
const goals = { 'spin-emu-native/native-x86': 10, 'spin-emu-wasm/native-x86': 15 };
const ratios = [
  ['qemu-user', 'native-x86'], ['qemu-spike', 'native-x86'],
  ['spin-emu-native', 'native-x86'], ['spin-emu-wasm', 'native-x86'],
  ['spin-emu-native', 'qemu-user'], ['spin-emu-native', 'qemu-spike'],
  ['spin-emu-wasm', 'spin-emu-native'],
];
let missed = false;
for (const [a, b] of ratios) {
  if (!best[a] || !best[b]) continue;
  const value = best[a].seconds / best[b].seconds;
  const goal = goals[`${a}/${b}`];
  const extra = goal === undefined ? {} : { goal, met: value <= goal };
  const ca = best[a].cpuSeconds, cb = best[b].cpuSeconds;
  if (ca && cb) extra.cpu_ratio = Number((ca / cb).toPrecision(6));
  if (goal !== undefined && value > goal) missed = true;
  emit(`${a}.slowdown-vs-${b}`, value, 'x', b, extra);
}

if (failed) die(1, 'FAILED: a run failed or printed other results (see above)');
if (opt.checkGoals && missed) die(1, 'a slowdown missed its goal');
