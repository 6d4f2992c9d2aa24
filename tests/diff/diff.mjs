#!/usr/bin/env node
// Differential testing of Spin's hart against QEMU.
//
// Random instruction sequences (RV64I, M, A, F/D, C) are generated as assembly, many
// per ELF. The same object is linked twice: a Linux user-mode static ELF run by
// qemu-riscv64-static (the reference) and a bare-metal ELF (tests/support runtime, HTIF
// console) run by the emulator under test (spin-emu --bare, its wasm twin, or QEMU's
// spike machine to self-check the harness). Both print the final x/f registers, fcsr
// and the scratch memory of every sequence as text; equal text = pass.
//
// Why Node rather than a host C program: the generator is string manipulation (text
// assembly), and the driver is process orchestration (compile, link, run two machines
// in parallel, compare, report) -- both short in JavaScript, no build step, and Node 20
// is already required by the wasm preset. No npm dependencies.
//
// Reproducibility: sequence K of seed S is generated from its own PRNG seeded by (S, K),
// so `--seed S --only K` regenerates exactly that sequence for replay.
//
// Usage: node diff.mjs [--seed S]... [--random-seed] [--count N] [--per-elf N]
//          [--emu CMD | --spike] [--cc riscv64-linux-gnu-gcc] [--qemu qemu-riscv64-static]
//          [--qemu-system qemu-system-riscv64] [--jobs N] [--only K] [--keep DIR] [--no-misaligned]
//          [--smc] [--show-asm]
// CMD is split on spaces; "{elf}" in it is replaced by the ELF path, otherwise
// "--bare ELF --max-insns N" is appended (N: 100k per sequence + 2M). Env DIFF_COUNT (sequences per seed)
// overrides --count. --spike runs the bare ELFs on qemu-system-riscv64 -M spike instead,
// which checks the harness itself.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUPPORT = path.resolve(HERE, '../support');
const SCRATCH = 512;

// ---------------------------------------------------------------- PRNG (sfc32)
class Rng {
  constructor(seed, index) {
    // Mix a 64-bit seed and the sequence index into four 32-bit words (splitmix64).
    let s = (BigInt.asUintN(64, BigInt(seed)) ^ (BigInt(index) * 0x9e3779b97f4a7c15n)) & 0xffffffffffffffffn;
    const next = () => {
      s = (s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
      let z = s;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
      return z ^ (z >> 31n);
    };
    const a = next(), b = next();
    this.a = Number(a & 0xffffffffn) | 0; this.b = Number(a >> 32n) | 0;
    this.c = Number(b & 0xffffffffn) | 0; this.d = Number(b >> 32n) | 0;
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32() {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  int(n) { return Math.floor((this.u32() / 4294967296) * n); }
  range(lo, hi) { return lo + this.int(hi - lo + 1); }   // inclusive
  chance(p) { return this.u32() / 4294967296 < p; }
  pick(a) { return a[this.int(a.length)]; }
  u64() { return (BigInt(this.u32()) << 32n) | BigInt(this.u32()); }
  weighted(table) {   // [[weight, value], ...]
    let total = 0;
    for (const [w] of table) total += w;
    let r = this.u32() / 4294967296 * total;
    for (const [w, v] of table) { if ((r -= w) < 0) return v; }
    return table[table.length - 1][1];
  }
}

const M64 = 0xffffffffffffffffn;
const hex64 = (v) => '0x' + BigInt.asUintN(64, v).toString(16).padStart(16, '0');
const sext32 = (v) => BigInt.asUintN(64, BigInt.asIntN(32, v));

// ---------------------------------------------------------------- value pools
const INT_SPECIAL = [0n, 1n, 2n, M64, M64 - 1n, 1n << 63n, (1n << 63n) - 1n, 0x80000000n, 0xffffffffn,
  0x7fffffffn, 0xffffffff80000000n, 0x100000000n, 31n, 32n, 63n, 64n, 0xffffn, 0x8000n,
  0xffffffffffff8000n, 0xffffffffffffff80n, 0x80n, 0x5555555555555555n, 0xaaaaaaaaaaaaaaaan];
const F64_SPECIAL = [0n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0x7ff8000000000123n, 0xfff8000000000000n, 0x7ff0000000000001n,
  0x7ff4000000000000n, 0xfff0000000000abcn, 0x3ff0000000000000n, 0xbff0000000000000n,
  0x3fe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n, 0xc004000000000000n,
  0x400c000000000000n, 0x3fb999999999999an, 0x0000000000000001n, 0x8000000000000001n,
  0x000fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn,
  0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n, 0x41e0000000000000n,
  0xc1e0000000000000n, 0xc1e0000000200000n, 0x41f0000000000000n, 0x41efffffffe00000n,
  0x41efffffffffffffn, 0x43dfffffffffffffn, 0x3ff0000010000000n, 0x3ff0000030000000n,
  0x3ff0000008000000n, 0x36a0000000000000n, 0x3690000000000000n, 0x47efffffe0000000n,
  0x47effffff0000000n, 0x7e37e43c8800759cn, 0x01a56e1fc2f8f359n, 0x400921fb54442d18n,
  0xbfe0000000000000n, 0x3fe0000000000001n];
const F32_SPECIAL = [0n, 0x80000000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0x7fc00123n,
  0xffc00000n, 0x7f800001n, 0x7fa00000n, 0xff800abcn, 0x3f800000n, 0xbf800000n, 0x3f000000n,
  0x3fc00000n, 0x40200000n, 0xc0200000n, 0x40600000n, 0x00000001n, 0x80000001n, 0x007fffffn,
  0x00800000n, 0x7f7fffffn, 0xff7fffffn, 0x5f000000n, 0xdf000000n, 0x5f800000n, 0x4f000000n,
  0xcf000000n, 0x4f800000n, 0x4f7fffffn, 0x5effffffn, 0x3f800001n, 0x4b000001n, 0x4b7fffffn,
  0x33800000n, 0x34000000n, 0xbf000000n, 0x3f000001n, 0x40490fdbn];

function randInt(r) {
  return r.weighted([
    [4, () => r.pick(INT_SPECIAL)],
    [3, () => r.u64()],
    [2, () => sext32(BigInt(r.u32()))],
    [2, () => BigInt.asUintN(64, BigInt(r.range(-2048, 2047)))],
    [1, () => randF64(r)],
    [1, () => randF32(r)],
  ])();
}
function randF64(r) {
  return r.weighted([
    [5, () => r.pick(F64_SPECIAL)],
    [3, () => r.u64()],
    // random values in a "sane" exponent range so arithmetic is not all overflow/NaN
    [3, () => (BigInt(r.chance(0.5) ? 1 : 0) << 63n) | (BigInt(r.range(0x3c0, 0x440)) << 52n)
      | (r.u64() & 0xfffffffffffffn)],
  ])();
}
function randF32(r) {
  return r.weighted([
    [5, () => r.pick(F32_SPECIAL)],
    [3, () => BigInt(r.u32())],
    [3, () => (BigInt(r.chance(0.5) ? 1 : 0) << 31n) | (BigInt(r.range(0x60, 0x9f)) << 23n)
      | BigInt(r.u32() & 0x7fffff)],
  ])();
}
const boxF32 = (v) => 0xffffffff00000000n | v;

// ---------------------------------------------------------------- registers
// Body registers: all but x0, sp (x2 = scratch base) and s0 (x8 = scratch + 256).
const XREGS = [1, 3, 4, 5, 6, 7, ...Array.from({ length: 23 }, (_, i) => i + 9)];
const XC = [9, 10, 11, 12, 13, 14, 15];            // compressed x8..x15 minus the base s0
const FC = [8, 9, 10, 11, 12, 13, 14, 15];
const xn = (i) => `x${i}`;
const fn_ = (i) => `f${i}`;
const RM = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'dyn'];

// ---------------------------------------------------------------- sequence generator
function generateSequence(seed, index, opts) {
  const r = new Rng(seed, index);
  const rvc = r.chance(0.7);
  const pref = r.chance(0.5) ? 's' : 'd';
  const nItems = r.range(15, 45);
  const L = (k) => `.Ls${index}_${k}`;
  let uniq = 0;
  const local = () => `.Lq${index}_${uniq++}`;
  const items = [];                        // each: array of lines
  const targets = new Set();

  const xr = (avoid = []) => { let v; do v = r.pick(XREGS); while (avoid.includes(v)); return v; };
  const xs = (avoid = []) => (r.chance(0.08) ? 0 : xr(avoid));   // source: sometimes x0
  const xd = (avoid = []) => (r.chance(0.04) ? 0 : xr(avoid));   // dest: rarely x0
  const fr = () => r.int(32);
  // What each f register holds ('s' = NaN-boxed single, 'd' = double), tracked along the
  // straight-line order so most operands have the right format (the rest exercise
  // unboxed singles -> canonical NaN).
  const fkind = Array.from({ length: 32 }, () => (r.chance(pref === 's' ? 0.75 : 0.25) ? 's' : 'd'));
  const initKind = fkind.slice();
  const fsrc = (k) => {
    if (r.chance(0.85)) {
      const c = []; for (let i = 0; i < 32; i++) if (fkind[i] === k) c.push(i);
      if (c.length) return r.pick(c);
    }
    return fr();
  };
  const fdst = (k) => { const f = fr(); fkind[f] = k; return f; };
  const prec = () => (r.chance(0.75) ? pref : (pref === 's' ? 'd' : 's'));
  const rmSuffix = () => (r.chance(0.5) ? '' : `, ${r.pick(RM)}`);
  const imm12 = () => r.weighted([[1, 0], [1, -1], [1, 2047], [1, -2048], [6, r.range(-2048, 2047)], [3, r.range(-16, 16)]]);
  const forwardTarget = (i, maxSpan) => { const t = Math.min(nItems, i + 1 + r.int(maxSpan)); targets.add(t); return L(t); };

  // Simple integer op not touching the registers in `avoid` (used inside blocks too).
  const R_OPS = ['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and', 'addw', 'subw', 'sllw', 'srlw', 'sraw'];
  const M_OPS = ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu', 'mulw', 'divw', 'divuw', 'remw', 'remuw'];
  const I_OPS = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'];
  const SH_OPS = [['slli', 63], ['srli', 63], ['srai', 63], ['slliw', 31], ['srliw', 31], ['sraiw', 31]];
  const simpleOp = (avoid = []) => r.weighted([
    [3, () => `${r.pick(R_OPS)} ${xn(xd(avoid))}, ${xn(xs(avoid))}, ${xn(xs(avoid))}`],
    [2, () => `${r.pick(I_OPS)} ${xn(xd(avoid))}, ${xn(xs(avoid))}, ${imm12()}`],
    [1, () => { const [op, m] = r.pick(SH_OPS); return `${op} ${xn(xd(avoid))}, ${xn(xs(avoid))}, ${r.chance(0.3) ? r.pick([0, 1, m]) : r.range(0, m)}`; }],
    [1, () => `lui ${xn(xd(avoid))}, ${hex20(r)}`],
  ])();

  const memOffset = (size, base) => {
    const mis = opts.misaligned && size > 1 && r.chance(0.2);
    if (base === 2) {              // sp = scratch
      const n = (SCRATCH - size) / size;
      return mis ? r.range(0, SCRATCH - size) : r.range(0, Math.floor(n)) * size;
    }
    if (mis && r.chance(0.3)) return r.range(1 - size, -1);   // s0 is a page boundary: straddle it
    return mis ? r.range(-256, 256 - size) : r.range(-256 / size, 256 / size - 1) * size;
  };

  const gens = {
    alu: () => [simpleOp()],
    mul: () => {
      const out = [];
      const a = xs(), b = xs();
      const special = [0n, M64, 1n << 63n, 0xffffffff80000000n, 0x80000000n, 1n, (1n << 63n) - 1n, 0xffffffffn];
      if (a && r.chance(0.4)) out.push(`li ${xn(a)}, ${hex64(r.chance(0.8) ? r.pick(special) : r.u64())}`);
      if (b && r.chance(0.4)) out.push(`li ${xn(b)}, ${hex64(r.chance(0.8) ? r.pick(special) : r.u64())}`);
      out.push(`${r.pick(M_OPS)} ${xn(xd())}, ${xn(a)}, ${xn(b)}`);
      return out;
    },
    li: () => [`li ${xn(xr())}, ${hex64(randInt(r))}`],
    auipc: () => {   // result depends on the pc: normalise against a second auipc
      const rd = xr(), y = xr([rd]);
      return [`auipc ${xn(rd)}, ${hex20(r)}`, `auipc ${xn(y)}, 0`, `sub ${xn(rd)}, ${xn(rd)}, ${xn(y)}`,
        `li ${xn(y)}, ${hex64(randInt(r))}`];
    },
    load: () => {
      const [op, size] = r.pick([['lb', 1], ['lh', 2], ['lw', 4], ['ld', 8], ['lbu', 1], ['lhu', 2], ['lwu', 4], ['flw', 4], ['fld', 8]]);
      const base = r.chance(0.5) ? 2 : 8;
      const off = memOffset(size, base);
      if (op[0] !== 'f' && r.chance(0.2)) {
        // Through a computed base register, sometimes also the destination.
        const a = xr(), rd = r.chance(0.4) ? a : xd([a]), k = r.range(-64, 64);
        const out = [`addi ${xn(a)}, ${xn(base)}, ${off - k}`, `${op} ${xn(rd)}, ${k}(${xn(a)})`];
        if (rd !== a) out.push(`sub ${xn(a)}, ${xn(a)}, ${xn(base)}`);
        return out;
      }
      const rd = op[0] === 'f' ? fn_(fdst(op === 'flw' ? 's' : 'd')) : xn(xd());
      return [`${op} ${rd}, ${off}(${xn(base)})`];
    },
    store: () => {
      const [op, size] = r.pick([['sb', 1], ['sh', 2], ['sw', 4], ['sd', 8], ['fsw', 4], ['fsd', 8]]);
      const base = r.chance(0.5) ? 2 : 8;
      const off = memOffset(size, base);
      if (r.chance(0.15)) {
        const a = xr(), k = r.range(-64, 64);
        const rs = op[0] === 'f' ? fn_(fr()) : xn(xs([a]));
        return [`addi ${xn(a)}, ${xn(base)}, ${off - k}`, `${op} ${rs}, ${k}(${xn(a)})`, `sub ${xn(a)}, ${xn(a)}, ${xn(base)}`];
      }
      const rs = op[0] === 'f' ? fn_(fr()) : xn(xs());
      return [`${op} ${rs}, ${off}(${xn(base)})`];
    },
    amo: () => {
      const w = r.chance(0.5) ? 'w' : 'd';
      const op = r.pick(['amoswap', 'amoadd', 'amoxor', 'amoand', 'amoor', 'amomin', 'amomax', 'amominu', 'amomaxu']);
      const ord = r.pick(['', '.aq', '.rl', '.aqrl']);
      const a = xr(), size = w === 'w' ? 4 : 8;
      const rd = r.chance(0.15) ? a : xd([a]);
      const out = [`addi ${xn(a)}, s0, ${r.range(-256 / size, 256 / size - 1) * size}`,
        `${op}.${w}${ord} ${xn(rd)}, ${xn(xs([a]))}, (${xn(a)})`];
      if (rd !== a) out.push(`sub ${xn(a)}, ${xn(a)}, s0`);
      return out;
    },
    lrsc: () => {
      const w = r.chance(0.5) ? 'w' : 'd', size = w === 'w' ? 4 : 8;
      const a = xr();
      const out = [`addi ${xn(a)}, s0, ${r.range(-256 / size, 256 / size - 1) * size}`];
      if (r.chance(0.85)) {
        out.push(`lr.${w}${r.pick(['', '.aq', '.aqrl'])} ${xn(xd([a]))}, (${xn(a)})`);
        for (let k = r.int(3); k > 0; k--) out.push(simpleOp([a]));
      }
      out.push(`sc.${w}${r.pick(['', '.rl', '.aqrl'])} ${xn(xd([a]))}, ${xn(xs([a]))}, (${xn(a)})`);
      out.push(`sub ${xn(a)}, ${xn(a)}, s0`);
      return out;
    },
    branch: (i) => {
      const a = xs(), b = r.chance(0.15) ? a : xs();
      return [`${r.pick(['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu'])} ${xn(a)}, ${xn(b)}, ${forwardTarget(i, 6)}`];
    },
    jal: () => {      // jal over 0-2 dead instructions; link normalised to a distance
      const rd = r.weighted([[3, 0], [3, 1], [4, -1]]) === -1 ? xr() : r.pick([0, 1]);
      const y = xr([rd]), l = local();
      const out = [`jal ${xn(rd)}, ${l}`];
      for (let k = r.int(3); k > 0; k--) out.push(simpleOp());
      out.push(`${l}:`);
      if (rd !== 0) out.push(`auipc ${xn(y)}, 0`, `sub ${xn(rd)}, ${xn(y)}, ${xn(rd)}`, `li ${xn(y)}, ${hex64(randInt(r))}`);
      return out;
    },
    jalr: () => {     // jalr through an address register, offset +/-, odd target bit cleared
      const a = xr(), rd = r.weighted([[2, 0], [2, 1], [1, a], [4, -1]]);
      const link = rd === -1 ? xr([a]) : rd;
      const y = xr([a, link]), l = local();
      const d = r.range(-40, 40), off = -d + (r.chance(0.3) ? 1 : 0);
      const out = [`lla ${xn(a)}, ${l}${d >= 0 ? '+' : ''}${d}`, `jalr ${xn(link)}, ${off}(${xn(a)})`];
      for (let k = r.int(3); k > 0; k--) out.push(simpleOp([a]));
      out.push(`${l}:`, `auipc ${xn(y)}, 0`);
      if (a !== link) out.push(`sub ${xn(a)}, ${xn(y)}, ${xn(a)}`);
      if (link !== 0) out.push(`sub ${xn(link)}, ${xn(y)}, ${xn(link)}`);
      out.push(`li ${xn(y)}, ${hex64(randInt(r))}`);
      return out;
    },
    cjump: (i) => {   // c.j, c.beqz/c.bnez (short range), c.jr/c.jalr blocks
      return r.weighted([
        [2, () => rvcWrap([`c.j ${forwardTarget(i, 3)}`])],
        [3, () => rvcWrap([`${r.pick(['c.beqz', 'c.bnez'])} ${xn(r.pick(XC))}, ${forwardTarget(i, 3)}`])],
        [2, () => {
          const a = xr(), jalr = r.chance(0.5), l = local();
          const link = jalr ? 1 : 0, y = xr([a, 1]);
          const out = [`lla ${xn(a)}, ${l}`, ...rvcWrap([`${jalr ? 'c.jalr' : 'c.jr'} ${xn(a)}`])];
          for (let k = r.int(2); k > 0; k--) out.push(simpleOp([a]));
          out.push(`${l}:`, `auipc ${xn(y)}, 0`);
          if (a !== link) out.push(`sub ${xn(a)}, ${xn(y)}, ${xn(a)}`);
          if (link) out.push(`sub x1, ${xn(y)}, x1`);
          out.push(`li ${xn(y)}, ${hex64(randInt(r))}`);
          return out;
        }],
      ])();
    },
    compressed: () => {
      const c = () => r.pick(XC);
      const nz6 = () => { let v; do v = r.range(-32, 31); while (v === 0); return v; };
      const nz = (avoid) => { let v; do v = xr(); while (avoid.includes(v)); return v; };
      return rvcWrap([r.weighted([
        [2, () => `c.addi ${xn(xr())}, ${nz6()}`],
        [2, () => `c.addiw ${xn(xr())}, ${r.range(-32, 31)}`],
        [2, () => `c.li ${xn(xr())}, ${r.range(-32, 31)}`],
        [1, () => `c.lui ${xn(xr())}, ${r.chance(0.5) ? r.range(1, 31) : '0x' + r.range(0xfffe0, 0xfffff).toString(16)}`],
        [1, () => `c.slli ${xn(xr())}, ${r.range(1, 63)}`],
        [1, () => `c.srli ${xn(c())}, ${r.range(1, 63)}`],
        [1, () => `c.srai ${xn(c())}, ${r.range(1, 63)}`],
        [1, () => `c.andi ${xn(c())}, ${r.range(-32, 31)}`],
        [3, () => `${r.pick(['c.sub', 'c.xor', 'c.or', 'c.and', 'c.subw', 'c.addw'])} ${xn(c())}, ${xn(c())}`],
        [2, () => `c.mv ${xn(xr())}, ${xn(nz([]))}`],
        [2, () => `c.add ${xn(xr())}, ${xn(nz([]))}`],
        [1, () => `c.lw ${xn(c())}, ${r.range(0, 31) * 4}(s0)`],
        [1, () => `c.ld ${xn(c())}, ${r.range(0, 31) * 8}(s0)`],
        [1, () => `c.sw ${xn(c())}, ${r.range(0, 31) * 4}(s0)`],
        [1, () => `c.sd ${xn(c())}, ${r.range(0, 31) * 8}(s0)`],
        [1, () => { const f = r.pick(FC); fkind[f] = 'd'; return `c.fld ${fn_(f)}, ${r.range(0, 31) * 8}(s0)`; }],
        [1, () => `c.fsd ${fn_(r.pick(FC))}, ${r.range(0, 31) * 8}(s0)`],
        [1, () => `c.lwsp ${xn(xr())}, ${r.range(0, 63) * 4}(sp)`],
        [1, () => `c.ldsp ${xn(xr())}, ${r.range(0, 63) * 8}(sp)`],
        [1, () => `c.swsp ${xn(xs())}, ${r.range(0, 63) * 4}(sp)`],
        [1, () => `c.sdsp ${xn(xs())}, ${r.range(0, 63) * 8}(sp)`],
        [1, () => `c.fldsp ${fn_(fdst('d'))}, ${r.range(0, 63) * 8}(sp)`],
        [1, () => `c.fsdsp ${fn_(fr())}, ${r.range(0, 63) * 8}(sp)`],
        [1, () => 'c.nop'],
      ])()]);
    },
    addi4spn: () => {
      const rd = r.pick(XC);
      return [...rvcWrap([`c.addi4spn ${xn(rd)}, sp, ${r.range(1, 255) * 4}`]), `sub ${xn(rd)}, ${xn(rd)}, sp`];
    },
    fp: () => {
      const p = prec();
      const S = () => fn_(fsrc(p));
      const D = (k = p) => fn_(fdst(k));      // call after the sources: it updates fkind
      return [r.weighted([
        [6, () => { const a = S(), b = S(); return `${r.pick(['fadd', 'fsub', 'fmul', 'fdiv'])}.${p} ${D()}, ${a}, ${b}${rmSuffix()}`; }],
        [2, () => { const a = S(); return `fsqrt.${p} ${D()}, ${a}${rmSuffix()}`; }],
        [4, () => { const a = S(), b = S(), c = S(); return `${r.pick(['fmadd', 'fmsub', 'fnmadd', 'fnmsub'])}.${p} ${D()}, ${a}, ${b}, ${c}${rmSuffix()}`; }],
        [2, () => { const a = S(), b = S(); return `${r.pick(['fmin', 'fmax'])}.${p} ${D()}, ${a}, ${b}`; }],
        [2, () => { const a = S(), b = S(); return `${r.pick(['fsgnj', 'fsgnjn', 'fsgnjx'])}.${p} ${D()}, ${a}, ${b}`; }],
        [3, () => `${r.pick(['feq', 'flt', 'fle'])}.${p} ${xn(xd())}, ${S()}, ${S()}`],
        [1, () => `fclass.${p} ${xn(xd())}, ${S()}`],
        [4, () => `fcvt.${r.pick(['w', 'wu', 'l', 'lu'])}.${p} ${xn(xd())}, ${S()}${rmSuffix()}`],
        [3, () => {
          const t = r.pick(['w', 'wu', 'l', 'lu']);
          const exact = p === 'd' && (t === 'w' || t === 'wu');
          const a = xn(xs());
          return `fcvt.${p}.${t} ${D()}, ${a}${exact ? '' : rmSuffix()}`;
        }],
        [2, () => { const a = fn_(fsrc('d')); return `fcvt.s.d ${D('s')}, ${a}${rmSuffix()}`; }],
        [2, () => { const a = fn_(fsrc('s')); return `fcvt.d.s ${D('d')}, ${a}`; }],
        [1, () => `fmv.x.${p === 's' ? 'w' : 'd'} ${xn(xd())}, ${S()}`],
        [1, () => { const a = xn(xs()); return `fmv.${p === 's' ? 'w' : 'd'}.x ${D()}, ${a}`; }],
      ])()];
    },
    finject: () => {   // load an interesting FP pattern into an f register mid-body
      const y = xr(), p = prec();
      return [`li ${xn(y)}, ${hex64(p === 's' ? randF32(r) : randF64(r))}`,
        `fmv.${p === 's' ? 'w' : 'd'}.x ${fn_(fdst(p))}, ${xn(y)}`];
    },
    fcsr: () => [r.weighted([
      [3, () => `fsrmi ${r.chance(0.5) ? xn(xd()) + ', ' : ''}${r.range(0, 4)}`],
      [1, () => `fsflagsi ${r.chance(0.5) ? xn(xd()) + ', ' : ''}${r.range(0, 31)}`],
      [1, () => `frflags ${xn(xd())}`],
      [1, () => `frrm ${xn(xd())}`],
      [1, () => `frcsr ${xn(xd())}`],
      [1, () => `fsflags ${xn(xd())}, ${xn(xs())}`],
      [1, () => `csrrci ${xn(xd())}, fflags, ${r.range(0, 31)}`],
      [1, () => `csrrsi ${xn(xd())}, fflags, ${r.range(0, 31)}`],
    ])()],
    smc: () => {
      // Self-modifying code: call a one-instruction subroutine, overwrite its instruction
      // (sw + fence.i), call it again. Checks decoded-instruction caches are invalidated.
      const link = xr(), a = xr([link]), y = xr([link, a]);
      const avoid = [link, a, y];
      const enc = () => {   // random OP-IMM instruction word on registers outside `avoid`
        const f3 = r.pick([0, 2, 3, 4, 6, 7]);
        return ((r.int(4096) << 20) | (xs(avoid) << 15) | (f3 << 12) | (xd(avoid) << 7) | 0x13) >>> 0;
      };
      const slot = local(), after = local();
      return [`j ${after}`, '.option push', '.option norvc', `${slot}:`, `.word 0x${enc().toString(16)}`,
        `jalr x0, 0(${xn(link)})`, '.option pop', `${after}:`,
        `jal ${xn(link)}, ${slot}`, `lla ${xn(a)}, ${slot}`, `li ${xn(y)}, 0x${enc().toString(16)}`,
        `sw ${xn(y)}, 0(${xn(a)})`, 'fence.i', `jal ${xn(link)}, ${slot}`,
        `auipc ${xn(y)}, 0`, `sub ${xn(link)}, ${xn(y)}, ${xn(link)}`, `sub ${xn(a)}, ${xn(y)}, ${xn(a)}`,
        `li ${xn(y)}, ${hex64(randInt(r))}`];
    },
    fence: () => [r.pick(['fence', 'fence rw, rw', 'fence.i', 'fence r, r', 'nop'])],
  };
  const weights = [[18, 'alu'], [8, 'mul'], [3, 'li'], [2, 'auipc'], [6, 'load'], [6, 'store'],
    [4, 'amo'], [2, 'lrsc'], [5, 'branch'], [2, 'jal'], [2, 'jalr'], [2, 'cjump'], [8, 'compressed'],
    [1, 'addi4spn'], [20, 'fp'], [3, 'finject'], [3, 'fcsr'], [1, 'fence'], [opts.smc ? 2 : 0, 'smc']];
  for (let i = 0; i < nItems; i++) items.push(gens[r.weighted(weights)](i));

  // Initial state: x[32], f[32], fcsr, scratch memory (64 dwords).
  const init = [];
  for (let i = 0; i < 32; i++) init.push(i === 0 || i === 2 || i === 8 ? 0n : randInt(r));
  for (let i = 0; i < 32; i++) {
    const s = initKind[i] === 's';
    init.push(s ? (r.chance(0.05) ? randF32(r) | (r.u64() & 0xffffffff00000000n) : boxF32(randF32(r))) : randF64(r));
  }
  init.push(BigInt(r.range(0, 4) << 5));   // frm random, fflags clear
  for (let i = 0; i < SCRATCH / 8; i++) {
    init.push(r.weighted([[4, () => r.u64()], [2, () => randF64(r)], [2, () => (randF32(r) << 32n) | randF32(r)],
      [2, () => randInt(r)]])());
  }

  const body = [];
  for (let i = 0; i <= nItems; i++) {
    if (targets.has(i)) body.push(`${L(i)}:`);
    if (i < nItems) body.push(...items[i]);
  }
  return { index, rvc, body, init };
}

function hex20(r) { return '0x' + r.weighted([[1, 0], [1, 0xfffff], [1, 0x80000], [1, 0x7ffff], [6, r.int(0x100000)]]).toString(16); }
function rvcWrap(lines) { return ['.option push', '.option rvc', ...lines, '.option pop']; }

// The full routine: save the C caller's context, load the initial state, run the body,
// store x/f/fcsr next to the scratch buffer (through s0), restore the context.
function sequenceAsm(seq) {
  const k = seq.index;
  const o = [];
  o.push(`    .balign 4`, `seq_${k}:`, `    .option push`, `    .option ${seq.rvc ? 'rvc' : 'norvc'}`);
  o.push(`    la t0, diff_ctx`);
  ['ra', 'sp', 'gp', 'tp', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11']
    .forEach((reg, i) => o.push(`    sd ${reg}, ${i * 8}(t0)`));
  o.push(`    la t0, init_${k}`);
  for (let i = 0; i < 32; i++) o.push(`    fld f${i}, ${256 + i * 8}(t0)`);
  o.push(`    ld t1, 512(t0)`, `    fscsr t1`);
  o.push(`    la sp, spin_diff_area`, `    addi s0, sp, 256`);
  for (let i = 1; i < 32; i++) if (i !== 2 && i !== 8 && i !== 5) o.push(`    ld x${i}, ${i * 8}(t0)`);
  o.push(`    ld x5, 40(t0)`);
  o.push(`    # ---- body`);
  for (const line of seq.body) o.push(line.endsWith(':') ? line : `    ${line}`);
  o.push(`    # ---- end of body`);
  for (let i = 1; i < 32; i++) o.push(`    sd x${i}, ${256 + i * 8}(s0)`);
  o.push(`    frcsr t0`, `    sd t0, ${256 + 512}(s0)`);
  for (let i = 0; i < 32; i++) o.push(`    fsd f${i}, ${256 + 256 + i * 8}(s0)`);
  o.push(`    la t0, diff_ctx`);
  ['ra', 'sp', 'gp', 'tp', 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11']
    .forEach((reg, i) => o.push(`    ld ${reg}, ${i * 8}(t0)`));
  o.push(`    ret`, `    .option pop`);
  return o.join('\n');
}

function batchAsm(seqs) {
  const o = ['# Generated by tests/diff/diff.mjs', '    .option norelax', '    .text'];
  for (const s of seqs) o.push(sequenceAsm(s));
  o.push('    .section .rodata', '    .balign 8', '    .globl spin_diff_seqs, spin_diff_nseq, spin_diff_first');
  o.push(`spin_diff_nseq: .dword ${seqs.length}`, `spin_diff_first: .dword ${seqs[0].index}`, 'spin_diff_seqs:');
  for (const s of seqs) o.push(`    .dword seq_${s.index}, init_${s.index}`);
  for (const s of seqs) {
    o.push(`init_${s.index}:`);
    for (let i = 0; i < s.init.length; i += 4) o.push('    .dword ' + s.init.slice(i, i + 4).map(hex64).join(', '));
  }
  o.push('    .bss', '    .balign 8', 'diff_ctx: .zero 128', '');
  return o.join('\n');
}

// ---------------------------------------------------------------- processes
// stdout goes to a file, not a pipe: QEMU's system-mode console drops characters when a
// (non-blocking) pipe is full.
function run(cmd, args, { timeout = 180000, outFile = null } = {}) {
  return new Promise((resolve) => {
    const fd = outFile ? fs.openSync(outFile, 'w') : null;
    const child = spawn(cmd, args, { stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
    const out = [], err = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeout);
    if (!fd) child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let done = false;
    const finish = (code, stderr) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (fd !== null) fs.closeSync(fd);
      const stdout = fd !== null ? fs.readFileSync(outFile, 'latin1') : Buffer.concat(out).toString('latin1');
      resolve({ code, stdout, stderr, timedOut });
    };
    child.on('error', (e) => finish(-1, String(e)));
    child.on('close', (code, signal) => finish(code ?? (signal ? `signal ${signal}` : -1), Buffer.concat(err).toString('latin1')));
  });
}

async function mustRun(cmd, args) {
  const res = await run(cmd, args);
  if (res.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.code}):\n${res.stderr}`);
  return res;
}

// "@K" ... lines ... up to the next "@"; returns Map K -> array of lines, plus whether @end was seen.
function parseOutput(text) {
  const map = new Map();
  let cur = null, ended = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('@')) {
      if (line === '@end') { ended = true; cur = null; continue; }
      cur = []; map.set(Number(line.slice(1)), cur);
    } else if (cur && line !== '') cur.push(line);
  }
  return { map, ended };
}

// ---------------------------------------------------------------- main
function parseArgs(argv) {
  const o = { seeds: [], count: Number(process.env.DIFF_COUNT || 2000), perElf: 200, emu: null, spike: false,
    cc: 'riscv64-linux-gnu-gcc', qemu: 'qemu-riscv64-static', qemuSystem: 'qemu-system-riscv64', jobs: os.availableParallelism?.() ?? os.cpus().length,
    only: null, keep: null, misaligned: true, smc: false, showAsm: false, randomSeed: false, maxReports: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => argv[++i];
    switch (a) {
      case '--seed': o.seeds.push(BigInt(v())); break;
      case '--random-seed': o.randomSeed = true; break;
      case '--count': { const n = Number(v()); if (!process.env.DIFF_COUNT) o.count = n; break; }
      case '--per-elf': o.perElf = Number(v()); break;
      case '--emu': o.emu = v(); break;
      case '--spike': o.spike = true; break;
      case '--qemu-system': o.qemuSystem = v(); break;
      case '--cc': o.cc = v(); break;
      case '--qemu': o.qemu = v(); break;
      case '--jobs': o.jobs = Number(v()); break;
      case '--only': o.only = Number(v()); break;
      case '--keep': o.keep = v(); break;
      case '--no-misaligned': o.misaligned = false; break;
      case '--smc': o.smc = true; break;
      case '--show-asm': o.showAsm = true; break;
      case '--max-reports': o.maxReports = Number(v()); break;
      case '-h': case '--help':
        { const lines = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
          console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).join('\n')); }
        process.exit(0);
      default: console.error(`diff.mjs: unknown argument ${a}`); process.exit(2);
    }
  }
  if (o.randomSeed || o.seeds.length === 0) {
    o.seeds.push(BigInt.asUintN(48, (BigInt(Date.now()) << 16n) ^ BigInt(process.pid) ^ BigInt(Math.floor(Math.random() * 2 ** 31))));
  }
  if (!o.emu && !o.spike) { console.error('diff.mjs: need --emu CMD or --spike'); process.exit(2); }
  return o;
}

// Instruction budget of one batch: a sequence with its dump takes ~45k instructions.
function emuCommand(o, elf, nseq) {
  if (o.spike) return [o.qemuSystem, '-M', 'spike', '-bios', 'none', '-nographic', '-monitor', 'none', '-kernel', elf];
  const words = o.emu.split(/\s+/).filter(Boolean);
  if (words.some((w) => w.includes('{elf}'))) return words.map((w) => w.replaceAll('{elf}', elf));
  return [...words, '--bare', elf, '--max-insns', String(2000000 + 100000 * nseq)];
}

const COMMON_FLAGS = ['-march=rv64imafdc_zicsr_zifencei', '-mabi=lp64d', '-mcmodel=medany', '-mno-relax'];
const LINK_FLAGS = ['-nostdlib', '-nostartfiles', '-ffreestanding', '-fno-pie', '-no-pie', '-static',
  '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments', '-Wl,--no-relax'];

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const work = o.keep ? path.resolve(o.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'spin-diff-'));
  fs.mkdirSync(work, { recursive: true });
  const t0 = Date.now();

  // Harness objects, once per run.
  const cflags = [...COMMON_FLAGS, '-O2', '-ffreestanding', '-fno-tree-loop-distribute-patterns', '-fno-pie', '-Wall', '-Werror'];
  const obj = (n) => path.join(work, n);
  await Promise.all([
    mustRun(o.cc, [...cflags, '-c', path.join(HERE, 'harness.c'), '-o', obj('harness.o')]),
    mustRun(o.cc, [...cflags, '-c', path.join(HERE, 'linux.S'), '-o', obj('linux.o')]),
    mustRun(o.cc, [...cflags, '-I', SUPPORT, '-c', path.join(HERE, 'bare.c'), '-o', obj('bare.o')]),
    mustRun(o.cc, [...cflags, '-I', SUPPORT, '-c', path.join(SUPPORT, 'htif.c'), '-o', obj('htif.o')]),
    mustRun(o.cc, [...cflags, '-c', path.join(SUPPORT, 'crt.S'), '-o', obj('crt.o')]),
  ]);

  // Batches: (seed, first index, count).
  const batches = [];
  for (const seed of o.seeds) {
    if (o.only !== null) { batches.push({ seed, first: o.only, n: 1 }); continue; }
    for (let f = 0; f < o.count; f += o.perElf) batches.push({ seed, first: f, n: Math.min(o.perElf, o.count - f) });
  }

  let passed = 0, failed = 0, reports = 0;
  const failures = [];
  const report = (msg) => { if (reports++ < o.maxReports) console.log(msg); };

  async function doBatch(b, id) {
    const seqs = [];
    for (let k = 0; k < b.n; k++) seqs.push(generateSequence(b.seed, b.first + k, o));
    const base = path.join(work, `b${id}`);
    fs.writeFileSync(base + '.S', batchAsm(seqs));
    await mustRun(o.cc, [...COMMON_FLAGS, '-c', base + '.S', '-o', base + '.o']);
    await Promise.all([
      // -N: text writable (self-modifying code items), one RWX segment.
    mustRun(o.cc, [...COMMON_FLAGS, ...LINK_FLAGS, '-Wl,-N', obj('linux.o'), obj('harness.o'), base + '.o', '-o', base + '.linux.elf']),
      mustRun(o.cc, [...COMMON_FLAGS, ...LINK_FLAGS, '-T', path.join(SUPPORT, 'link.ld'), obj('crt.o'), obj('htif.o'), obj('bare.o'), obj('harness.o'), base + '.o', '-o', base + '.bare.elf']),
    ]);
    const emu = emuCommand(o, base + '.bare.elf', seqs.length);
    const [ref, got] = await Promise.all([run(o.qemu, [base + '.linux.elf'], { outFile: base + '.ref.txt' }),
      run(emu[0], emu.slice(1), { outFile: base + '.got.txt' })]);
    const R = parseOutput(ref.stdout), G = parseOutput(got.stdout);
    if (ref.code !== 0 || !R.ended) {
      throw new Error(`reference run failed (seed ${b.seed}, sequences ${b.first}..${b.first + b.n - 1}, exit ${ref.code}): ${ref.stderr}\n(kept ${base}.S)`);
    }
    // tests/support ends the program with status 0x400 + mcause on an unexpected trap;
    // exit statuses keep the low 8 bits, so 1..15 is most likely mcause.
    const trapNote = typeof got.code === 'number' && got.code > 0 && got.code < 16
      ? ` (an unexpected trap with mcause ${got.code}?)` : '';
    const exitNote = `emulator exited ${got.timedOut ? '(timeout)' : got.code}${trapNote}; stderr: ${got.stderr.trim().slice(-500)}`;
    const lastSeen = Math.max(-1, ...G.map.keys());
    let firstMissing = true;
    for (const s of seqs) {
      const want = R.map.get(s.index), have = G.map.get(s.index);
      let problem = null;
      if (!have || (!G.ended && s.index === lastSeen)) {
        // The emulator stopped (trap, crash, budget) before or while printing this one.
        if (!firstMissing) { failed++; continue; }
        firstMissing = false;
        problem = `  ${have ? 'output ends inside' : 'no output for'} this sequence: ${exitNote}`;
      } else {
        const diffs = [];
        const byName = (lines) => new Map(lines.map((l) => { const i = l.indexOf(' '); return [l.slice(0, i), l.slice(i + 1)]; }));
        const wm = byName(want), hm = byName(have);
        const absent = (name) => (name[0] === 'm' && name !== 'mh' ? '(unchanged)' : '(missing)');
        for (const name of new Set([...wm.keys(), ...hm.keys()])) {
          if (wm.get(name) !== hm.get(name)) diffs.push(`  ${name.padEnd(5)} expected ${wm.get(name) ?? absent(name)}  got ${hm.get(name) ?? absent(name)}`);
        }
        if (diffs.length) problem = diffs.join('\n');
      }
      if (problem) {
        failed++;
        failures.push({ seed: b.seed, index: s.index });
        report(`FAIL seed ${b.seed} sequence ${s.index} (replay: --seed ${b.seed} --only ${s.index}${o.smc ? ' --smc' : ''}${o.misaligned ? '' : ' --no-misaligned'})\n${problem}\n` +
          `  initial fcsr ${hex64(s.init[64])}; whole program: add --keep DIR\n  body${s.rvc ? ' (rvc)' : ''}:\n` +
          s.body.map((l) => '    ' + l).join('\n'));
      } else passed++;
    }
    if (got.code !== 0 && G.ended) {
      failed++;
      report(`FAIL seed ${b.seed} batch ${b.first}..: all output matched but the emulator exited ${got.code}: ${got.stderr.trim().slice(-300)}`);
    }
    if (o.showAsm) console.log(fs.readFileSync(base + '.S', 'utf8'));
    if (!o.keep) for (const ext of ['.S', '.o', '.linux.elf', '.bare.elf', '.ref.txt', '.got.txt']) fs.rmSync(base + ext, { force: true });
  }

  let next = 0;
  const worker = async () => { while (next < batches.length) { const id = next++; await doBatch(batches[id], id); } };
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  } catch (e) {
    console.error(`diff.mjs: harness error: ${e.message}`);
    console.log(`seeds: ${o.seeds.join(', ')}`);
    process.exit(2);
  }
  if (!o.keep) fs.rmSync(work, { recursive: true, force: true });
  const secs = (Date.now() - t0) / 1000;
  console.log(`seeds: ${o.seeds.join(', ')}; ${passed + failed} sequences in ${secs.toFixed(1)} s (${((passed + failed) / secs).toFixed(0)}/s)`);
  if (failed) console.log(`failing sequences: ${failures.slice(0, 20).map((f) => `${f.seed}:${f.index}`).join(' ')}${failures.length > 20 ? ' ...' : ''}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
