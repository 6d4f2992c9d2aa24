#!/usr/bin/env python3
"""Generates the table-driven F/D ISA tests (rv64f/*.S and rv64d/*.S except nanbox,
flw_fsw_fmv, fld_fsd_fmv and dmath, which are hand-written). Usage:
    python3 tests/isa/tools/gen_fp_tests.py [tests/isa]
Each case's expected result and fflags come from fp_ref.py; tests/isa/run-qemu-fp.sh
then checks them against QEMU."""
import sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fp_gen import *

RM5 = ['rne', 'rtz', 'rdn', 'rup', 'rmm']
def K(p):
    e, m, bias = params(p)
    W = 1 + e + m; sb = 1 << (W-1)
    k = dict(W=W, SB=sb, M=m, BIAS=bias,
        ONE=bits(1,p), TWO=bits(2,p), THREE=bits(3,p), HALF=bits(Fr(1,2),p),
        MAX=enc_max(0,p), NMAX=enc_max(1,p), INF=enc_inf(0,p), NINF=enc_inf(1,p),
        MINN=1 << m, MINSUB=1, MAXSUB=(1<<m)-1, Z=0, NZ=sb,
        QN=qnan(p), NQN=qnan(p)|sb, SN=enc_inf(0,p)|1, NSN=enc_inf(1,p)|0x12345,
        QNP=qnan(p)|0x2345)
    k['ULP'] = P2(-m)
    return k
def neg(x, p): return x ^ K(p)['SB']
def title(p): return {'s': 'single', 'd': 'double'}[p]

def gen_addsub(p):
    k = K(p); u = k['ULP']; m = k['M']
    t = T('rv64%s/fadd_fsub.S' % ('f' if p=='s' else 'd'), f"""
FADD.{p.upper()} / FSUB.{p.upper()} ({title(p)} precision): exact sums (no flags), every static
rounding mode on halfway and non-halfway sums of both signs, the same through frm (dyn),
static rm overriding frm, overflow per mode (inf vs max finite, OF|NX), signed zeros
(x-x = +0, -0 under RDN; -0 + -0 = -0), inf-inf (NV), canonical NaN results without
payload propagation, sNaN -> NV, subnormal operands and results.""")
    O, T2, T3 = k['ONE'], k['TWO'], k['THREE']
    h = bits(u/2, p); q3 = bits(3*u/4, p); q1 = bits(u/4, p); h3 = bits(3*u/2, p)
    t.c('exact results raise nothing')
    t.op2(p,'fadd','rne',O,O,'1+1')
    t.op2(p,'fadd','rne',bits(Fr(5,2),p),bits(Fr(-5,4),p),'2.5 + -1.25')
    t.op2(p,'fsub','rne',T3,bits(5,p),'3-5')
    t.op2(p,'fadd','rne',k['MINSUB'],k['MINSUB'],'subnormal+subnormal, exact')
    t.op2(p,'fadd','rne',k['MAXSUB'],k['MINSUB'],'largest subnormal + min -> min normal')
    t.op2(p,'fsub','rne',k['MINN'],k['MINSUB'],'normal - subnormal -> subnormal, exact (no UF)')
    for rm in RM5:
        t.c('static %s' % rm.upper())
        t.op2(p,'fadd',rm,O,h,'1 + ulp/2: halfway, even below')
        t.op2(p,'fadd',rm,O,h3,'1 + 3ulp/2: halfway, even above')
        t.op2(p,'fadd',rm,neg(O,p),neg(h,p),'-1 - ulp/2')
        t.op2(p,'fadd',rm,neg(O,p),neg(h3,p),'-1 - 3ulp/2')
        t.op2(p,'fadd',rm,O,q3,'1 + 3ulp/4')
        t.op2(p,'fadd',rm,O,q1,'1 + ulp/4')
        t.op2(p,'fsub',rm,neg(O,p),q1,'-1 - ulp/4')
        t.op2(p,'fadd',rm,k['MAX'],k['MAX'],'overflow +')
        t.op2(p,'fsub',rm,k['NMAX'],k['MAX'],'overflow -')
        t.op2(p,'fsub',rm,T3,T3,'x-x: zero sign by mode')
        t.op2(p,'fadd',rm,bits(-7,p),bits(7,p),'-x+x')
    for rm in RM5:
        t.c('dynamic, frm = %s' % rm.upper())
        t.setfrm(rm)
        t.op2(p,'fadd','dyn',O,h3)
        t.op2(p,'fadd','dyn',neg(O,p),neg(h,p))
        t.op2(p,'fsub','dyn',O,neg(q3,p))
        t.op2(p,'fadd','dyn',k['NMAX'],k['NMAX'])
        t.op2(p,'fsub','dyn',k['ONE'],k['ONE'])
    t.c('static modes ignore frm (frm = RUP here, then RDN)')
    t.setfrm('rup')
    t.op2(p,'fadd','rne',O,h)
    t.op2(p,'fadd','rtz',O,q3)
    t.op2(p,'fadd','rdn',O,q3)
    t.setfrm('rdn')
    t.op2(p,'fsub','rup',O,O,'+0 although frm is RDN')
    t.op2(p,'fadd','rmm',O,h)
    t.setfrm('rne')
    t.c('signed zeros')
    t.op2(p,'fadd','rne',k['NZ'],k['NZ'],'-0 + -0 = -0')
    t.op2(p,'fadd','rne',k['Z'],k['NZ'],'+0 + -0 = +0')
    t.op2(p,'fadd','rdn',k['Z'],k['NZ'],'+0 + -0 = -0 under RDN')
    t.op2(p,'fsub','rne',k['NZ'],k['Z'],'-0 - +0 = -0')
    t.op2(p,'fsub','rne',k['Z'],k['Z'],'+0 - +0 = +0')
    t.op2(p,'fadd','rne',k['NZ'],O,'-0 + 1')
    t.c('infinities')
    t.op2(p,'fadd','rne',k['INF'],k['NINF'],'inf + -inf: NV')
    t.op2(p,'fsub','rne',k['INF'],k['INF'],'inf - inf: NV')
    t.op2(p,'fsub','rne',k['INF'],k['NINF'],'inf - -inf = inf')
    t.op2(p,'fadd','rne',k['NINF'],k['MAX'],'-inf + max')
    t.c('NaNs: canonical result, payload/sign dropped; sNaN raises NV')
    t.op2(p,'fadd','rne',k['QN'],O)
    t.op2(p,'fadd','rne',O,k['QNP'],'payload not propagated')
    t.op2(p,'fadd','rne',k['NQN'],k['NQN'],'negative qNaN -> positive canonical')
    t.op2(p,'fadd','rne',k['SN'],O)
    t.op2(p,'fsub','rne',O,k['NSN'])
    t.op2(p,'fadd','rne',k['QNP'],k['SN'],'qNaN and sNaN: NV')
    t.op2(p,'fsub','rne',k['QN'],k['INF'])
    t.op2(p,'fadd','rne',k['SN'],k['INF'])
    t.write()

def gen_mul(p):
    k = K(p); u = k['ULP']; m = k['M']
    t = T('rv64%s/fmul.S' % ('f' if p=='s' else 'd'), f"""
FMUL.{p.upper()} ({title(p)} precision): exact products, halfway/non-halfway products in every
rounding mode (static and dyn) for both signs, overflow and underflow per mode (UF only when
tiny AND inexact; tininess detected after rounding), exact subnormal results (no UF),
signed zeros, 0*inf (NV), canonical NaNs, sNaN.""")
    O = k['ONE']; opu = bits(1+u, p); omu = bits(1-u, p)
    T3 = k['THREE']
    t.c('exact products')
    t.op2(p,'fmul','rne',T3,bits(Fr(-5,2),p),'3 * -2.5')
    t.op2(p,'fmul','rne',k['MINSUB'],O,'min subnormal * 1: exact, no UF')
    t.op2(p,'fmul','rne',k['MINN'],k['HALF'],'min normal / 2: exact subnormal, no UF')
    t.op2(p,'fmul','rne',bits(P2(-k['BIAS']),p),bits(P2(k['BIAS']-2),p),'2^-bias * 2^(bias-2)')
    for rm in RM5:
        t.c('static %s' % rm.upper())
        t.op2(p,'fmul',rm,T3,opu,'3*(1+ulp) = 3 + 1.5ulp(3): halfway')
        t.op2(p,'fmul',rm,neg(T3,p),opu,'-3*(1+ulp)')
        t.op2(p,'fmul',rm,opu,opu,'(1+ulp)^2: 1+2ulp+ulp^2')
        t.op2(p,'fmul',rm,neg(omu,p),opu,'-(1-ulp)(1+ulp): just below -1')
        t.op2(p,'fmul',rm,bits(P2(k['BIAS']//2+1),p),bits(P2(k['BIAS']//2+1),p),'overflow')
        t.op2(p,'fmul',rm,k['NMAX'],bits(Fr(3,2),p),'-max * 1.5: overflow')
        t.op2(p,'fmul',rm,bits(P2(-k['BIAS']//2-m//2-8),p),bits(P2(-k['BIAS']//2-m//2-8),p),'underflow to 0')
        t.op2(p,'fmul',rm,bits(-P2(-k['BIAS']//2-m//2-8),p),bits(P2(-k['BIAS']//2-m//2-8),p),'negative underflow')
        t.op2(p,'fmul',rm,k['MINN']|3,k['HALF'],'(min normal+3ulp)/2: inexact subnormal, UF')
    tiny_a = bits(1-u, p); tiny_b = k['MINN'] | 1
    t.c('tininess after rounding: product (1-ulp^2)*2^emin rounds to 2^emin -> NX only in RNE/RUP/RMM, UF|NX when it stays subnormal')
    for rm in RM5:
        t.op2(p,'fmul',rm,tiny_a,tiny_b)
    t.c('(1-ulp/2)*2^emin = 2^emin - 2^(emin-p) is representable with p bits: tiny after rounding, so UF|NX even where it rounds up to 2^emin')
    for rm in RM5:
        t.op2(p,'fmul',rm,bits(1-u/2,p),neg(k['MINN'],p))
    for rm in RM5:
        t.c('dynamic, frm = %s' % rm.upper())
        t.setfrm(rm)
        t.op2(p,'fmul','dyn',T3,opu)
        t.op2(p,'fmul','dyn',neg(T3,p),opu)
        t.op2(p,'fmul','dyn',k['MAX'],k['TWO'])
        t.op2(p,'fmul','dyn',neg(k['MINSUB'],p),k['HALF'],'-minsub/2: underflow, halfway')
    t.setfrm('rne')
    t.c('signed zeros, infinities, NaNs')
    t.op2(p,'fmul','rne',k['NZ'],bits(5,p))
    t.op2(p,'fmul','rne',k['NZ'],k['NZ'])
    t.op2(p,'fmul','rne',k['Z'],k['NINF'],'0 * -inf: NV')
    t.op2(p,'fmul','rne',k['INF'],k['NZ'],'inf * -0: NV')
    t.op2(p,'fmul','rne',k['NINF'],k['MINSUB'])
    t.op2(p,'fmul','rne',k['QNP'],O)
    t.op2(p,'fmul','rne',k['NQN'],k['INF'])
    t.op2(p,'fmul','rne',k['SN'],k['Z'])
    t.op2(p,'fmul','rne',O,k['NSN'])
    t.write()

def gen_div(p):
    k = K(p); m = k['M']
    t = T('rv64%s/fdiv.S' % ('f' if p=='s' else 'd'), f"""
FDIV.{p.upper()} ({title(p)} precision): exact quotients, 1/3 and -1/3 and 2/3 in every rounding
mode (static and dyn), x/0 (DZ, signed inf), 0/0 and inf/inf (NV), inf/0 (no DZ), NaN/0
(no DZ), x/inf, overflow and underflow per mode, canonical NaNs.""")
    O, T3 = k['ONE'], k['THREE']; T2 = k['TWO']
    t.c('exact quotients')
    t.op2(p,'fdiv','rne',bits(6,p),T3)
    t.op2(p,'fdiv','rne',bits(-1,p),bits(8,p))
    t.op2(p,'fdiv','rne',k['MINSUB'],k['TWO'],'min subnormal / 2: halfway to 0 -> UF|NX')
    t.op2(p,'fdiv','rne',k['MINN'],bits(P2(m),p),'min normal / 2^m = min subnormal exactly')
    for rm in RM5:
        t.c('static %s' % rm.upper())
        t.op2(p,'fdiv',rm,O,T3,'1/3')
        t.op2(p,'fdiv',rm,bits(-1,p),T3,'-1/3')
        t.op2(p,'fdiv',rm,T2,T3,'2/3')
        t.op2(p,'fdiv',rm,k['MAX'],k['HALF'],'overflow')
        t.op2(p,'fdiv',rm,k['MINN'],bits(-3,p),'-minnormal/3: UF')
        t.op2(p,'fdiv',rm,k['MINSUB'],bits(P2(20),p),'tiny: UF')
    for rm in RM5:
        t.c('dynamic, frm = %s' % rm.upper())
        t.setfrm(rm)
        t.op2(p,'fdiv','dyn',O,T3)
        t.op2(p,'fdiv','dyn',bits(-2,p),T3)
        t.op2(p,'fdiv','dyn',k['NMAX'],bits(Fr(1,4),p))
    t.setfrm('rne')
    t.c('division by zero and invalid operations')
    t.op2(p,'fdiv','rne',O,k['Z'],'1/0 = inf, DZ')
    t.op2(p,'fdiv','rne',O,k['NZ'],'1/-0 = -inf, DZ')
    t.op2(p,'fdiv','rne',k['NMAX'],k['Z'],'-max/0 = -inf, DZ')
    t.op2(p,'fdiv','rne',k['MINSUB'],k['NZ'])
    t.op2(p,'fdiv','rne',k['Z'],k['Z'],'0/0: NV')
    t.op2(p,'fdiv','rne',k['NZ'],k['Z'])
    t.op2(p,'fdiv','rne',k['INF'],k['NINF'],'inf/inf: NV')
    t.op2(p,'fdiv','rne',k['INF'],k['Z'],'inf/0 = inf, no DZ')
    t.op2(p,'fdiv','rne',k['QN'],k['Z'],'qNaN/0: no DZ')
    t.op2(p,'fdiv','rne',k['SN'],k['Z'],'sNaN/0: NV only')
    t.op2(p,'fdiv','rne',bits(5,p),k['NINF'],'5/-inf = -0')
    t.op2(p,'fdiv','rne',k['Z'],bits(5,p))
    t.op2(p,'fdiv','rne',k['NZ'],k['INF'])
    t.op2(p,'fdiv','rne',k['QNP'],O)
    t.write()

def gen_sqrt(p):
    k = K(p); m = k['M']
    t = T('rv64%s/fsqrt.S' % ('f' if p=='s' else 'd'), f"""
FSQRT.{p.upper()} ({title(p)} precision): exact roots, sqrt(2) and sqrt(3) in every rounding mode
(static and dyn), sqrt(-0) = -0, sqrt(+0), sqrt(+inf), negative operands incl. -inf and
-subnormal (NV, canonical NaN), NaN operands, subnormal operands, largest finite.""")
    t.c('exact')
    for v in (4, Fr(1,4), 0x10000):
        t.sq(p,'rne',bits(v,p))
    t.sq(p,'rne',bits(P2(-((k['BIAS']+m-1)//2*2)),p),'even power of 2 in the subnormal range')
    for rm in RM5:
        t.c('static %s' % rm.upper())
        t.sq(p,rm,k['TWO']); t.sq(p,rm,k['THREE']); t.sq(p,rm,k['MAX']); t.sq(p,rm,k['MINSUB'])
        t.sq(p,rm,bits(Fr(1,2),p))
    for rm in RM5:
        t.c('dynamic, frm = %s' % rm.upper())
        t.setfrm(rm)
        t.sq(p,'dyn',k['TWO']); t.sq(p,'dyn',bits(5,p))
    t.setfrm('rne')
    t.c('special operands')
    t.sq(p,'rne',k['NZ'],'sqrt(-0) = -0')
    t.sq(p,'rdn',k['Z'],'sqrt(+0) = +0')
    t.sq(p,'rne',k['INF'])
    t.sq(p,'rne',k['NINF'],'NV')
    t.sq(p,'rne',bits(-1,p),'NV')
    t.sq(p,'rne',neg(k['MINSUB'],p),'NV')
    t.sq(p,'rne',k['QNP'])
    t.sq(p,'rne',k['NQN'])
    t.sq(p,'rne',k['SN'],'NV')
    t.write()

def gen_fma(p):
    k = K(p); u = k['ULP']; m = k['M']
    t = T('rv64%s/fma.S' % ('f' if p=='s' else 'd'), f"""
FMADD/FMSUB/FNMSUB/FNMADD.{p.upper()} ({title(p)} precision): sign conventions of the four forms,
single rounding (cases where a separate multiply then add would give a different result),
every rounding mode (static and dyn) on halfway sums, product overflow cancelled by the
addend, overflow/underflow, zero signs of exact-zero sums, 0*inf with any addend incl.
qNaN (NV), inf*x - inf (NV), NaN operands (canonical result, NV only for sNaN).""")
    O = k['ONE']; T2, T3 = k['TWO'], k['THREE']
    t.c('the four forms: a*b+c, a*b-c, -(a*b)+c, -(a*b)-c with a=2, b=3, c=1')
    for op in ('fmadd','fmsub','fnmsub','fnmadd'):
        t.fma(p,op,'rne',T2,T3,O)
        t.fma(p,op,'rne',bits(-2,p),T3,bits(Fr(1,2),p))
    e = P2(-(m//2+1))
    a = bits(1+e,p); c = bits(-(1+2*e),p)
    t.c('single rounding: (1+e)^2 - (1+2e) = e^2 exactly; separate mul/add would give 0')
    for op in ('fmadd','fnmsub'):
        t.fma(p,op,'rne',a,a if op=='fmadd' else neg(a,p),c)
    t.fma(p,'fmsub','rne',a,a,neg(c,p))
    t.fma(p,'fnmadd','rne',neg(a,p),a,neg(c,p))
    a2 = bits(1+u,p); b2 = bits(1-u,p)
    t.fma(p,'fmadd','rne',a2,b2,bits(-1,p),'(1+ulp)(1-ulp) - 1 = -ulp^2')
    t.fma(p,'fmadd','rne',k['MAX'],T2,k['NMAX'],'max*2 - max = max: no overflow inside')
    t.fma(p,'fmsub','rne',k['MINN'],bits(Fr(1,2),p),bits(P2(1-k['BIAS'])/2,p),'exact zero')
    for rm in RM5:
        t.c('static %s' % rm.upper())
        t.fma(p,'fmadd',rm,O,O,bits(u/2,p),'1*1 + ulp/2')
        t.fma(p,'fmadd',rm,bits(-1,p),O,bits(-u/2,p),'-1 - ulp/2')
        t.fma(p,'fmadd',rm,a2,a2,k['Z'],'(1+ulp)^2 + 0')
        t.fma(p,'fnmsub',rm,T3,a2,bits(u,p),'-(3+3ulp) + ulp')
        t.fma(p,'fmadd',rm,k['MAX'],T2,k['Z'],'overflow')
        t.fma(p,'fnmadd',rm,k['MAX'],T2,k['MAX'],'-(2max) - max: overflow')
        t.fma(p,'fmsub',rm,T3,T3,bits(9,p),'exact zero sum: sign by mode')
        t.fma(p,'fmadd',rm,k['MINSUB'],k['HALF'],k['Z'],'underflow')
    for rm in RM5:
        t.c('dynamic, frm = %s' % rm.upper())
        t.setfrm(rm)
        t.fma(p,'fmadd','dyn',O,O,bits(3*u/2,p))
        t.fma(p,'fnmadd','dyn',O,O,bits(u/2,p))
        t.fma(p,'fmsub','dyn',bits(-5,p),O,bits(-5,p))
    t.setfrm('rne')
    t.c('zeros')
    t.fma(p,'fmadd','rne',k['NZ'],O,k['NZ'],'-0 + -0 = -0')
    t.fma(p,'fmadd','rne',k['NZ'],O,k['Z'],'-0 + +0 = +0')
    t.fma(p,'fmadd','rdn',k['NZ'],O,k['Z'],'-0 + +0 = -0 (RDN)')
    t.fma(p,'fnmadd','rne',k['Z'],O,k['Z'],'-(0) - 0 = -0')
    t.fma(p,'fnmsub','rne',k['Z'],O,k['Z'],'-(0) + 0 = +0')
    t.fma(p,'fmsub','rne',k['Z'],O,k['Z'],'0 - 0 = +0')
    t.fma(p,'fmadd','rne',k['MINSUB'],k['MINSUB'],k['NZ'],'tiny product + -0: UF|NX, +0')
    t.c('invalid operations and NaNs')
    t.fma(p,'fmadd','rne',k['Z'],k['INF'],O,'0*inf + 1: NV')
    t.fma(p,'fmadd','rne',k['INF'],k['NZ'],k['QN'],'inf*0 + qNaN: still NV')
    t.fma(p,'fnmadd','rne',k['Z'],k['NINF'],k['QNP'],'0*-inf + qNaN: NV')
    t.fma(p,'fmadd','rne',k['INF'],O,k['NINF'],'inf - inf: NV')
    t.fma(p,'fmsub','rne',k['INF'],O,k['INF'],'inf - inf: NV')
    t.fma(p,'fmadd','rne',k['INF'],O,k['INF'])
    t.fma(p,'fmadd','rne',O,T2,k['NINF'])
    t.fma(p,'fmadd','rne',O,T2,k['QNP'],'qNaN addend: no flags')
    t.fma(p,'fmadd','rne',k['NQN'],T2,T3)
    t.fma(p,'fmadd','rne',O,k['SN'],T3,'NV')
    t.fma(p,'fmadd','rne',O,T2,k['NSN'],'NV')
    t.fma(p,'fmadd','rne',k['QN'],k['INF'],k['Z'],'qNaN*inf + 0: no flags')
    t.write()


def D(p): return 'f' if p=='s' else 'd'
def gen_sgnj(p):
    k = K(p)
    t = T('rv64%s/fsgnj.S' % D(p), f"""
FSGNJ/FSGNJN/FSGNJX.{p.upper()} ({title(p)} precision), incl. the fmv/fneg/fabs idioms (rs1 == rs2):
sign bits of every combination, NaN operands (bits copied untouched, payload and signalling
bit kept, no flags), infinities and zeros. Unboxed single operands: see rv64f/nanbox.S.""")
    vals = [(k['ONE'], bits(-2,p)), (bits(-3,p), bits(-4,p)), (k['Z'], k['NZ']), (k['NZ'], k['Z']),
            (k['INF'], k['NINF']), (k['NINF'], k['ONE'])]
    for op in ('fsgnj','fsgnjn','fsgnjx'):
        t.c(op)
        for a, b in vals: t.sgn(p, op, a, b)
        t.sgn(p, op, k['SN'], bits(-1,p), 'sNaN: no NV, payload kept')
        t.sgn(p, op, k['NSN'], k['ONE'])
        t.sgn(p, op, k['QNP'], k['QNP'] | k['SB'])
        t.sgn(p, op, bits(5,p), k['NQN'], 'sign taken from a NaN')
    t.c('rs1 == rs2: fmv / fneg / fabs')
    for name, op in (('fmv', 'fsgnj'), ('fneg', 'fsgnjn'), ('fabs', 'fsgnjx')):
        for v in (bits(-7,p), k['SN'], k['NZ']):
            r = {'fsgnj': v, 'fsgnjn': v ^ k['SB'], 'fsgnjx': v & ~k['SB']}[op]
            t.line('TEST_CASE(%d, a0, %s, FP_LD(%s, fa0, %s); csrwi fflags, 0; %s.%s fa3, fa0; fmv.x.d a0, fa3; csrr t1, fflags; bnez t1, fail)'
                   % (t.num(), '0x%016x' % (r | (0xffffffff00000000 if p=='s' else 0)), p.upper(), hx(v,p), name, p), '%s.%s (no flags)' % (name, p))
    t.write()

def gen_minmax(p):
    k = K(p)
    t = T('rv64%s/fmin_fmax.S' % D(p), f"""
FMIN.{p.upper()} / FMAX.{p.upper()} ({title(p)} precision): ordinary values, -0 < +0 in both operand
orders, infinities, subnormals, one quiet NaN (other operand returned, no flags), one
signalling NaN (other operand returned, NV), two NaNs (canonical NaN, NV iff any is sNaN).""")
    vals = [(k['ONE'], k['TWO']), (bits(-1,p), bits(-2,p)), (k['NZ'], k['Z']), (k['Z'], k['NZ']),
            (k['NZ'], k['NZ']), (k['INF'], k['MAX']), (k['NINF'], k['NMAX']), (k['MINSUB'], neg(k['MINSUB'],p)),
            (bits(3,p), bits(3,p)),
            (k['QN'], k['ONE']), (k['NINF'], k['QNP']), (k['SN'], k['ONE']), (bits(-5,p), k['NSN']),
            (k['QN'], k['NQN']), (k['SN'], k['QN']), (k['QNP'], k['NSN']), (k['SN'], k['SN'])]
    for op in ('fmin','fmax'):
        t.c(op)
        for a, b in vals: t.minmax(p, op, a, b)
    t.write()

def gen_cmp(p):
    k = K(p)
    t = T('rv64%s/fcmp.S' % D(p), f"""
FEQ/FLT/FLE.{p.upper()} ({title(p)} precision): less/equal/greater, -0 == +0, infinities,
subnormals, largest values; NaNs: FEQ is quiet (NV only for sNaN), FLT/FLE are signalling
(NV for any NaN); result 0 for any NaN, rd fully written (0 or 1).""")
    vals = [(k['ONE'], k['TWO']), (k['TWO'], k['ONE']), (k['ONE'], k['ONE']), (bits(-1,p), bits(-2,p)),
            (k['NZ'], k['Z']), (k['Z'], k['NZ']), (k['NINF'], k['NMAX']), (k['INF'], k['INF']), (k['MAX'], k['INF']),
            (k['MINSUB'], k['Z']), (neg(k['MINSUB'],p), k['Z']), (neg(k['MINSUB'],p), k['MINSUB']),
            (k['QN'], k['ONE']), (k['ONE'], k['QNP']), (k['NQN'], k['NQN']), (k['SN'], k['ONE']),
            (k['ONE'], k['NSN']), (k['QN'], k['SN']), (k['INF'], k['QN'])]
    for op in ('feq','flt','fle'):
        t.c(op)
        for a, b in vals: t.cmp(p, op, a, b)
    t.write()

def gen_class(p):
    k = K(p)
    t = T('rv64%s/fclass.S' % D(p), f"""
FCLASS.{p.upper()} ({title(p)} precision): each of the ten classes (-inf, -normal, -subnormal,
-0, +0, +subnormal, +normal, +inf, sNaN, qNaN), with boundary values of each; no flags.""")
    for v in (k['NINF'], bits(-1,p), k['NMAX'], neg(k['MINN'],p), neg(k['MINSUB'],p), neg(k['MAXSUB'],p),
              k['NZ'], k['Z'], k['MINSUB'], k['MAXSUB'], k['MINN'], k['ONE'], k['MAX'], k['INF'],
              k['SN'], k['NSN'], k['QN'], k['NQN'], k['QNP'], k['SN'] | (k['QN']>>1) ^ 0):
        t.fclass(p, v)
    t.write()

def cvt_vals(p, it):
    k = K(p); out = []
    b = {'w':32,'wu':32,'l':64,'lu':64}[it]; sg = it in ('w','l')
    hi = P2(b-1) if sg else P2(b)
    for x in (hi, -hi if sg else None, hi*2):
        if x is None: continue
        out.append(bits(x,p))
    # largest representable below the limit, and just beyond -limit
    e,m,bias = params(p)
    below = hi - P2(b-1-m-1) if sg else hi - P2(b-m-1)
    out.append(bits(below,p))
    if sg:
        nb = -hi - P2(b-1-m); out.append(bits(nb,p))
    # fractional values near the limit (only representable in double for 32-bit types)
    if p == 'd' and b == 32:
        out += [bits(hi - Fr(1,2),p), bits(hi - 1,p), bits(hi - Fr(3,2), p)]
        if sg: out += [bits(-hi - Fr(1,2),p), bits(-hi-1,p)]
    out += [k['INF'], k['NINF'], k['QN'], k['NQN'], k['SN'], k['NSN'], k['NZ'], k['MINSUB'], neg(k['MINSUB'],p),
            bits(-1,p), bits(P2(m),p) | 0, bits(1234567,p)]
    return out

def gen_toint(p, its, name):
    k = K(p)
    t = T('rv64%s/%s.S' % (D(p), name), f"""
FCVT.{{{','.join(i.upper() for i in its)}}}.{p.upper()} ({title(p)} to integer): every rounding mode
(static) on +-0.5, +-1.5, +-2.5, +-0.75 and 7.25 (NX when inexact, none when exact);
dynamic rounding through frm; saturation with NV: NaN (any sign) -> largest positive,
+inf/too large -> largest, -inf/too small -> smallest (0 for unsigned); negative values
to unsigned: NV unless they round to 0 (e.g. -0.5 RTZ -> 0 with NX only); the limits
themselves; 32-bit results sign-extended to 64 bits (also for WU).""")
    core = [Fr(1,2), Fr(-1,2), Fr(3,2), Fr(-3,2), Fr(5,2), Fr(-5,2), Fr(3,4), Fr(-3,4), Fr(29,4)]
    for it in its:
        for rm in RM5:
            t.c('fcvt.%s.%s static %s' % (it, p, rm.upper()))
            for v in core: t.toint(p, it, rm, bits(v,p))
        t.c('fcvt.%s.%s limits, saturation, specials' % (it, p))
        for v in cvt_vals(p, it): t.toint(p, it, 'rtz', v)
        for v in cvt_vals(p, it)[:6]: t.toint(p, it, 'rne', v)
        for rm in RM5:
            t.c('fcvt.%s.%s dynamic, frm = %s' % (it, p, rm.upper()))
            t.setfrm(rm)
            t.toint(p, it, 'dyn', bits(Fr(-5,2),p)); t.toint(p, it, 'dyn', bits(Fr(7,2),p))
        t.setfrm('rne')
    t.write()

def gen_fromint(p, its, name):
    k = K(p); e,m,bias = params(p)
    t = T('rv64%s/%s.S' % (D(p), name), f"""
FCVT.{p.upper()}.{{{','.join(i.upper() for i in its)}}} (integer to {title(p)}): exact conversions (no flags), 0 -> +0 in
every mode, values between representable neighbours (halfway and not, both signs) in
every rounding mode (static and dyn), the extreme integers; the W/WU forms read only the
low 32 bits of rs1.""")
    halfway = (1 << (m+1)) + 1; q = (1 << (m+2)) + 1
    exact = lambda it: (it in ('w','wu') and p == 'd')
    for it in its:
        bitsz = 32 if it in ('w','wu') else 64; sg = it in ('w','l')
        vals = [0, 1, 7, (1<<(bitsz-1))-1, 1<<(bitsz-1), (1<<bitsz)-1, halfway, q, 12345678]
        if sg: vals += [-1, -halfway, -q, -(1<<(bitsz-1))]
        if bitsz == 32: vals += [0x1234567800000005, 0xfffffffe00000003, 0xffffffff80000000]
        if bitsz == 64 and p == 's': vals += [(1<<40) + (1<<16) + 1, (1 << 63) + (1 << 39)]
        if bitsz == 64 and p == 'd': vals += [(1<<63) + (1<<10), (1<<63) + (1<<11) + (1 << 10), (1 << 64) - (1 << 11) + 1]
        if exact(it):
            t.c('fcvt.%s.%s: always exact' % (p, it))
            for v in vals: t.fromint(p, it, None, v)
            continue
        for rm in RM5:
            t.c('fcvt.%s.%s static %s' % (p, it, rm.upper()))
            for v in vals: t.fromint(p, it, rm, v)
        for rm in ('rdn', 'rup'):
            t.c('fcvt.%s.%s dynamic, frm = %s' % (p, it, rm.upper()))
            t.setfrm(rm)
            for v in (halfway, -halfway, 0): t.fromint(p, it, 'dyn', v)
        t.setfrm('rne')
    t.write()

def gen_cvt_sd():
    t = T('rv64d/fcvt_s_d.S', """
FCVT.S.D and FCVT.D.S: double -> single rounding in every mode (static and dyn) on halfway
and non-halfway values of both signs; overflow to inf or largest finite per mode (OF|NX);
underflow to subnormal/zero (UF|NX), exact subnormal results (no flags), tininess after
rounding (rounds up to the smallest normal: NX only); NaNs -> canonical single NaN
(payload not propagated, NV only for sNaN); zeros and infinities keep their sign.
Single -> double: exact for all finite values incl. subnormals, NaNs -> canonical
double NaN (NV for sNaN), the single result is NaN-boxed.""")
    ks, kd = K('s'), K('d')
    u = ks['ULP']
    vals = [bits(1 + u/2, 'd'), bits(1 + 3*u/2, 'd'), bits(-1 - u/2, 'd'), bits(1 + u/4, 'd'), bits(-1 - 3*u/4,'d'),
            bits(1 + u/2 + P2(-40), 'd'),
            bits(P2(128), 'd'), bits(-P2(128), 'd'), bits(P2(128) - P2(103), 'd'), bits(P2(128)-P2(104),'d'), bits(P2(128)-P2(104)-P2(105), 'd'),
            kd['MAX'], bits(P2(-140)*3, 'd'), bits(P2(-149)*Fr(5,2), 'd'), bits(P2(-150), 'd'), bits(-P2(-151), 'd'), bits(P2(-200), 'd'),
            bits(P2(-126)*(1 - P2(-25)), 'd'), bits(-P2(-126)*(1 - P2(-24)), 'd'), bits(P2(-126)*(1 - P2(-26)), 'd')]
    for rm in RM5:
        t.c('fcvt.s.d static %s' % rm.upper())
        for v in vals: t.cvt('d', 's', rm, v)
    for rm in RM5:
        t.c('fcvt.s.d dynamic, frm = %s' % rm.upper())
        t.setfrm(rm)
        for v in vals[:3] + [kd['MAX']]: t.cvt('d', 's', 'dyn', v)
    t.setfrm('rne')
    t.c('fcvt.s.d specials')
    for v in (kd['Z'], kd['NZ'], kd['INF'], kd['NINF'], kd['QN'], kd['NQN'], kd['QNP'], kd['SN'], kd['NSN'], kd['MINSUB'], bits(P2(-149),'d'), bits(-3*P2(-149),'d'), 0x3fb999999999999a):
        t.cvt('d', 's', 'rne', v)
    t.c('fcvt.d.s: exact')
    for v in (ks['ONE'], bits(Fr(-3,8),'s'), ks['MAX'], ks['NMAX'], ks['MINSUB'], neg(ks['MAXSUB'],'s'), ks['MINN'],
              ks['Z'], ks['NZ'], ks['INF'], ks['NINF'], ks['QN'], ks['NQN'], ks['QNP'], ks['SN'], ks['NSN'], 0x3dcccccd):
        t.cvt('s', 'd', None, v)
    t.write()

for p in ('s','d'):
    gen_addsub(p); gen_mul(p); gen_div(p); gen_sqrt(p); gen_fma(p)
    gen_sgnj(p); gen_minmax(p); gen_cmp(p); gen_class(p)
    gen_toint(p, ('w','wu'), 'fcvt_w'); gen_toint(p, ('l','lu'), 'fcvt_l'); gen_fromint(p, ('w','wu'), 'fcvt_from_w'); gen_fromint(p, ('l','lu'), 'fcvt_from_l')
gen_cvt_sd()

# ---- pseudo-random cases (fixed seed, so the files are reproducible) ----
import random

def rand_operand(rng, p):
    e, m, bias = params(p)
    sign = rng.getrandbits(1)
    r = rng.random()
    if r < 0.10: ex = 0                                    # zero / subnormal
    elif r < 0.18: ex = rng.randint(1, 3)                  # smallest normals
    elif r < 0.26: ex = (1 << e) - 2 - rng.randint(0, 2)   # largest finite
    elif r < 0.30: ex = (1 << e) - 1                       # inf / NaN
    elif r < 0.75: ex = bias + rng.randint(-8, 8)          # around 1
    else: ex = rng.randint(1, (1 << e) - 2)
    q = rng.random()
    if q < 0.3: frac = rng.getrandbits(m)
    elif q < 0.45: frac = (1 << m) - 1 - rng.getrandbits(rng.randint(0, 4))
    elif q < 0.6: frac = rng.getrandbits(rng.randint(0, 4))
    elif q < 0.75: frac = rng.getrandbits(m) & ~((1 << rng.randint(0, m)) - 1)
    else: frac = rng.getrandbits(m)
    if ex == (1 << e) - 1 and rng.random() < 0.6: frac = 0       # mostly infinities
    return (sign << (e + m)) | (ex << m) | frac

def gen_random(p):
    rng = random.Random(0x5b1d + (p == 'd'))
    d = D(p); e, m, bias = params(p)
    # arithmetic
    t = T('rv64%s/random_arith.S' % d, f"""
Pseudo-random FADD/FSUB/FMUL/FDIV/FSQRT.{p.upper()} cases (fixed seed): operands biased towards
subnormals, the smallest normals, the largest finite values, infinities and values
near 1 with dense or sparse significands; random static rounding modes.""")
    ops = ['fadd', 'fsub', 'fmul', 'fdiv', 'fsqrt']
    for i in range(250):
        op = ops[i % 5]; rm = rng.choice(RM5)
        a = rand_operand(rng, p); b = rand_operand(rng, p)
        if op in ('fadd', 'fsub') and rng.random() < 0.4:
            b = a ^ (rng.getrandbits(1) << (e + m)) ^ rng.getrandbits(3)   # cancellation
        if op == 'fsqrt': t.sq(p, rm, a & ~(1 << (e + m)) if rng.random() < 0.85 else a)
        else: t.op2(p, op, rm, a, b)
    t.write()
    # fused multiply-add
    t = T('rv64%s/random_fma.S' % d, f"""
Pseudo-random FMADD/FMSUB/FNMSUB/FNMADD.{p.upper()} cases (fixed seed): random operands as in
random_arith.S, and addends chosen close to -(a*b) for massive cancellation where the
exact (unrounded) product decides the result; random static rounding modes.""")
    fops = ['fmadd', 'fmsub', 'fnmsub', 'fnmadd']
    for i in range(250):
        op = fops[i % 4]; rm = rng.choice(RM5)
        a = rand_operand(rng, p); b = rand_operand(rng, p); c = rand_operand(rng, p)
        A, B = decode(a, p), decode(b, p)
        if rng.random() < 0.5 and A[0] == 'num' and B[0] == 'num':
            prod = val(A) * val(B)
            r, _ = round_fmt(prod, p, rng.choice(RM5), 0)
            if decode(r, p)[0] == 'num':
                c = r ^ rng.getrandbits(2)
                if op in ('fmadd', 'fnmadd'): c ^= 1 << (e + m)       # c ~ -(a*b)
        t.fma(p, op, rm, a, b, c)
    t.write()
    # conversions to and from integers
    t = T('rv64%s/random_cvt.S' % d, f"""
Pseudo-random FCVT.{{W,WU,L,LU}}.{p.upper()} and FCVT.{p.upper()}.{{W,WU,L,LU}} cases (fixed seed):
fp operands of every magnitude (incl. ones just inside and outside each integer range)
and integers of every bit length and sign; random static rounding modes.""")
    its = ['w', 'wu', 'l', 'lu']
    for i in range(250):
        it = its[i % 4]; rm = rng.choice(RM5)
        if i % 2 == 0:
            bitsz = 32 if it in ('w', 'wu') else 64
            ex = bias + rng.randint(-3, bitsz + 1)
            v = (rng.getrandbits(1) << (e + m)) | (ex << m) | rng.getrandbits(m)
            if rng.random() < 0.3: v = rand_operand(rng, p)
            t.toint(p, it, rm, v)
        else:
            n = rng.getrandbits(rng.randint(1, 64))
            if rng.random() < 0.5: n = (-n) & ((1 << 64) - 1)
            if p == 'd' and it in ('w', 'wu'): t.fromint(p, it, None, n)
            else: t.fromint(p, it, rm, n)
    t.write()

def gen_random_sd():
    rng = random.Random(0x5d5)
    t = T('rv64d/random_cvt_s_d.S', """
Pseudo-random FCVT.S.D and FCVT.D.S cases (fixed seed): doubles spread over and around
the single range (overflow, subnormal single results, underflow to zero) with random
significands, and random singles widened; random static rounding modes.""")
    for i in range(250):
        if i % 5 == 4:
            t.cvt('s', 'd', None, rand_operand(rng, 's'))
            continue
        rm = rng.choice(RM5)
        ex = 1023 + rng.randint(-155, 130)
        v = (rng.getrandbits(1) << 63) | (ex << 52) | (rng.getrandbits(52) if rng.random() < 0.6 else rng.getrandbits(52) & ~((1 << rng.randint(20, 52)) - 1) | (rng.getrandbits(1) << 28))
        if rng.random() < 0.1: v = rand_operand(rng, 'd')
        t.cvt('d', 's', rm, v)
    t.write()

for p in ('s', 'd'):
    gen_random(p)
gen_random_sd()
