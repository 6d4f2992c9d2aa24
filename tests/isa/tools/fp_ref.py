"""Reference model for the F/D ISA tests: IEEE 754 binary32/binary64 results and RISC-V
fflags computed with exact rational arithmetic (fractions.Fraction), written from the
RISC-V unprivileged spec (canonical NaN, tininess after rounding, fcvt saturation).
Independent of QEMU, which the generated tests are then checked against."""
from fractions import Fraction as Fr
import math
NX,UF,OF,DZ,NV = 1,2,4,8,16
FMT = {'s':(8,23),'d':(11,52)}
RMS = {'rne':0,'rtz':1,'rdn':2,'rup':3,'rmm':4}
def params(f):
    e,m = FMT[f]; bias=(1<<(e-1))-1; return e,m,bias
def qnan(f): return 0x7fc00000 if f=='s' else 0x7ff8000000000000
def decode(bits,f):
    e,m,bias=params(f); W=1+e+m
    s=(bits>>(W-1))&1; ex=(bits>>m)&((1<<e)-1); fr=bits&((1<<m)-1)
    if ex==(1<<e)-1:
        if fr==0: return ('inf',s)
        return ('snan' if not (fr>>(m-1))&1 else 'qnan', s)
    if ex==0: v=Fr(fr,1)*Fr(2)**(1-bias-m)
    else: v=Fr(fr+(1<<m),1)*Fr(2)**(ex-bias-m)
    return ('num', s, v)   # v magnitude
def val(d):  # signed value for 'num'
    return -d[2] if d[1] else d[2]
def enc_inf(s,f):
    e,m,bias=params(f); return (s<<(e+m))|(((1<<e)-1)<<m)
def enc_max(s,f):
    e,m,bias=params(f); return (s<<(e+m))|(((1<<e)-2)<<m)|((1<<m)-1)
def rnd_int(x, rm, neg):
    # round positive Fraction x to integer, neg = sign of the real value
    fl=math.floor(x); rem=x-fl
    if rem==0: return fl
    if rm=='rtz': return fl
    if rm=='rdn': return fl+1 if neg else fl
    if rm=='rup': return fl if neg else fl+1
    if rm=='rne':
        if rem>Fr(1,2): return fl+1
        if rem<Fr(1,2): return fl
        return fl if fl%2==0 else fl+1
    if rm=='rmm': return fl+1 if rem>=Fr(1,2) else fl
def ilog2(a):
    e=a.numerator.bit_length()-a.denominator.bit_length()
    if Fr(2)**e>a: e-=1
    if Fr(2)**(e+1)<=a: e+=1
    return e
def round_fmt(x, f, rm, zsign=0, sticky=False):
    """x exact signed Fraction (sticky: true value is slightly away from x in magnitude
       direction - x itself never on a rounding boundary). returns bits, flags"""
    e,m,bias=params(f); emin=1-bias; emax=bias
    if x==0: return (zsign<<(e+m)), 0
    neg = x<0; a=abs(x); s=1 if neg else 0
    E=ilog2(a)
    def rnd(Eq):
        q=Fr(2)**(Eq-m); mm=a/q
        r=rnd_int(mm,rm,neg); return r*q, (r*q!=a) or sticky
    # tininess after rounding: unbounded exponent
    ru,_=rnd(E)
    tiny = ru < Fr(2)**emin
    Eq=max(E,emin)
    r,inexact=rnd(Eq)
    flags=0
    if r>=Fr(2)**(emax+1):
        flags=OF|NX
        toinf = rm in ('rne','rmm') or (rm=='rup' and not neg) or (rm=='rdn' and neg)
        return (enc_inf(s,f) if toinf else enc_max(s,f)), flags
    if inexact: flags|=NX
    if tiny and inexact: flags|=UF
    if r==0: return s<<(e+m), flags
    if r<Fr(2)**emin:
        fr=int(r/Fr(2)**(emin-m)); return (s<<(e+m))|fr, flags
    Er=ilog2(r); fr=int(r/Fr(2)**(Er-m))-(1<<m)
    return (s<<(e+m))|((Er+bias)<<m)|fr, flags
def isnan(d): return d[0] in ('snan','qnan')
def nanres(f, ds):
    fl = NV if any(d[0]=='snan' for d in ds) else 0
    return qnan(f), fl
def add(f,rm,a,b,sub=False):
    A=decode(a,f); B=decode(b,f)
    if isnan(A) or isnan(B): return nanres(f,[A,B])
    if sub: B=(B[0],B[1]^1)+tuple(B[2:])
    if A[0]=='inf' and B[0]=='inf':
        if A[1]!=B[1]: return qnan(f),NV
        return enc_inf(A[1],f),0
    if A[0]=='inf': return enc_inf(A[1],f),0
    if B[0]=='inf': return enc_inf(B[1],f),0
    x=val(A)+val(B)
    if x==0:
        if A[2]==0 and B[2]==0 and A[1]==B[1]: zs=A[1]
        else: zs=1 if rm=='rdn' else 0
        return round_fmt(x,f,rm,zs)
    return round_fmt(x,f,rm)
def mul(f,rm,a,b):
    A=decode(a,f); B=decode(b,f)
    if isnan(A) or isnan(B): return nanres(f,[A,B])
    s=A[1]^B[1]
    if A[0]=='inf' or B[0]=='inf':
        if (A[0]=='num' and A[2]==0) or (B[0]=='num' and B[2]==0): return qnan(f),NV
        return enc_inf(s,f),0
    return round_fmt(val(A)*val(B),f,rm,s)
def div(f,rm,a,b):
    A=decode(a,f); B=decode(b,f)
    if isnan(A) or isnan(B): return nanres(f,[A,B])
    s=A[1]^B[1]
    if A[0]=='inf':
        if B[0]=='inf': return qnan(f),NV
        return enc_inf(s,f),0
    if B[0]=='inf': return round_fmt(Fr(0),f,rm,s)
    if B[2]==0:
        if A[2]==0: return qnan(f),NV
        return enc_inf(s,f),DZ
    return round_fmt(val(A)/val(B),f,rm,s)
def sqrt(f,rm,a):
    A=decode(a,f)
    if isnan(A): return nanres(f,[A])
    if A[0]=='inf': return (qnan(f),NV) if A[1] else (enc_inf(0,f),0)
    if A[2]==0: return round_fmt(Fr(0),f,rm,A[1])
    if A[1]: return qnan(f),NV
    v=A[2]; K=2400
    n=v.numerator*(1<<(2*K)); d=v.denominator
    # sqrt(n/d) = sqrt(n*d)/d
    r=math.isqrt(n*d)
    exact = r*r==n*d and True
    if exact: x=Fr(r,d)/Fr(2)**K
    else: x=(Fr(r,1)+Fr(1,2))/d/Fr(2)**K
    # careful: non-exact => rounding with x representative; mark sticky
    return round_fmt(x,f,rm,0,sticky=not exact)
def fma(f,rm,a,b,c,negprod=False,negc=False):
    A=decode(a,f); B=decode(b,f); C=decode(c,f)
    ps=A[1]^B[1]^(1 if negprod else 0)
    Cs = C[1]^(1 if negc else 0)
    zinf = (A[0]=='inf' and B[0]=='num' and B[2]==0) or (B[0]=='inf' and A[0]=='num' and A[2]==0)
    if zinf: return qnan(f),NV
    if isnan(A) or isnan(B) or isnan(C): return nanres(f,[A,B,C])
    pinf = A[0]=='inf' or B[0]=='inf'
    if pinf:
        if C[0]=='inf' and Cs!=ps: return qnan(f),NV
        return enc_inf(ps,f),0
    if C[0]=='inf': return enc_inf(Cs,f),0
    p=A[2]*B[2]*(-1 if ps else 1); cv=C[2]*(-1 if Cs else 1)
    x=p+cv
    if x==0:
        if p==0 and cv==0 and ps==Cs: zs=ps
        else: zs=1 if rm=='rdn' else 0
        return round_fmt(x,f,rm,zs)
    return round_fmt(x,f,rm)
def f2i(f,rm,a,bits,signed):
    A=decode(a,f)
    lo = -(1<<(bits-1)) if signed else 0
    hi = (1<<(bits-1))-1 if signed else (1<<bits)-1
    if isnan(A): r,fl=hi,NV
    elif A[0]=='inf': r,fl=(lo if A[1] else hi),NV
    else:
        v=A[2]; neg=A[1]==1
        ri=rnd_int(v,rm,neg); ri=-ri if neg else ri
        if ri<lo: r,fl=lo,NV
        elif ri>hi: r,fl=hi,NV
        else: r=ri; fl=NX if Fr(ri)!=val(A) else 0
    # RV64: 32-bit results sign-extended
    r &= (1<<bits)-1
    if bits==32 and r>>31: r|=0xffffffff00000000
    return r & 0xffffffffffffffff, fl
def i2f(f,rm,x,bits,signed):
    x &= (1<<bits)-1
    if signed and x>>(bits-1): x-= 1<<bits
    return round_fmt(Fr(x),f,rm,0)
def cvtf(fi,fo,rm,a):
    A=decode(a,fi)
    if isnan(A): return qnan(fo), (NV if A[0]=='snan' else 0)
    if A[0]=='inf': return enc_inf(A[1],fo),0
    return round_fmt(val(A),fo,rm,A[1])
def lt(f,a,b,signaling=True,le=False,eq=False):
    A=decode(a,f); B=decode(b,f)
    if isnan(A) or isnan(B):
        if signaling or A[0]=='snan' or B[0]=='snan': return 0,NV
        return 0,0
    def v(D): return (Fr(10)**5000*(-1 if D[1] else 1)) if D[0]=='inf' else val(D)
    x,y=v(A),v(B)
    if eq: return int(x==y),0
    if le: return int(x<=y),0
    return int(x<y),0
