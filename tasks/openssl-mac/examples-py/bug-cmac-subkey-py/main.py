"""A buggy `openssl mac` in Python: CMAC masks a padded last block with the first subkey K1 instead of K2.

HMAC, CMAC, SipHash, Poly1305, KMAC and BLAKE2b-MAC from their specifications. This
CPython has no OpenSSL, so AES, Keccak (for KMAC's cSHAKE), SHA-512/256, SM3 and
RIPEMD-160 are written here; BLAKE2b's keyed mode is hashlib's."""

import hashlib
import sys

# ---- digests hashlib lacks here (no OpenSSL in this CPython): SHA-512/256, SM3, RIPEMD-160
from struct import unpack_from as _unpack_from

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


class _Pure:
    """A hashlib-like object over a compression function `fn(state, data, offset)`."""

    def __init__(self, kind, data=b""):
        self.kind, self.state, self.buf, self.count = kind, list(kind[1]), b"", 0
        (self.digest_size, self.block_size) = kind[2], kind[3]
        self.update(data)

    def update(self, data):
        buf = self.buf + data
        fn, block = self.kind[0], self.block_size
        end = len(buf) - len(buf) % block
        for o in range(0, end, block):
            fn(self.state, buf, o)
        self.buf, self.count = buf[end:], self.count + len(data)

    def copy(self):
        other = _Pure.__new__(_Pure)
        other.__dict__.update(self.__dict__)
        other.state = list(self.state)
        return other

    def digest(self):
        fn, iv, size, block, big, lenbytes, word = self.kind
        n = self.count
        tail = self.buf + b"\x80" + b"\0" * ((block - lenbytes - 1 - n) % block)
        tail += (n * 8).to_bytes(lenbytes, "big" if big else "little")
        state = list(self.state)
        for o in range(0, len(tail), block):
            fn(state, tail, o)
        return b"".join(v.to_bytes(word, "big" if big else "little") for v in state)[:size]


_K512 = []


def _k512():
    # The first 64 bits of the fractional parts of the cube roots of the first 80 primes.
    primes, c = [], 2
    while len(primes) < 80:
        if all(c % p for p in primes):
            primes.append(c)
        c += 1
    for p in primes:
        n = p << 192
        x = 1 << ((n.bit_length() + 2) // 3)
        while True:
            y = (2 * x + n // (x * x)) // 3
            if y >= x:
                break
            x = y
        _K512.append(x & M64)


def _c512(h, m, o):
    w = list(_unpack_from('>16Q', m, o))
    for i in range(16, 80):
        x = w[i - 15]; x |= x << 64
        y = w[i - 2]; y |= y << 64
        w.append((w[i - 16] + w[i - 7] + (((x >> 1) ^ (x >> 8)) & M64 ^ (x & M64) >> 7) + (((y >> 19) ^ (y >> 61)) & M64 ^ (y & M64) >> 6)) & M64)
    a, b, c, d, e, f, g, hh = h
    K = _K512
    for i in range(0, 80, 8):
        x = e | e << 64
        t = hh + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((e & f) ^ (~e & g)) + K[i + 0] + w[i + 0]
        x = a | a << 64
        d = (d + t) & M64
        hh = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((a & b) ^ (a & c) ^ (b & c))) & M64
        x = d | d << 64
        t = g + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((d & e) ^ (~d & f)) + K[i + 1] + w[i + 1]
        x = hh | hh << 64
        c = (c + t) & M64
        g = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((hh & a) ^ (hh & b) ^ (a & b))) & M64
        x = c | c << 64
        t = f + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((c & d) ^ (~c & e)) + K[i + 2] + w[i + 2]
        x = g | g << 64
        b = (b + t) & M64
        f = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((g & hh) ^ (g & a) ^ (hh & a))) & M64
        x = b | b << 64
        t = e + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((b & c) ^ (~b & d)) + K[i + 3] + w[i + 3]
        x = f | f << 64
        a = (a + t) & M64
        e = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((f & g) ^ (f & hh) ^ (g & hh))) & M64
        x = a | a << 64
        t = d + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((a & b) ^ (~a & c)) + K[i + 4] + w[i + 4]
        x = e | e << 64
        hh = (hh + t) & M64
        d = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((e & f) ^ (e & g) ^ (f & g))) & M64
        x = hh | hh << 64
        t = c + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((hh & a) ^ (~hh & b)) + K[i + 5] + w[i + 5]
        x = d | d << 64
        g = (g + t) & M64
        c = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((d & e) ^ (d & f) ^ (e & f))) & M64
        x = g | g << 64
        t = b + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((g & hh) ^ (~g & a)) + K[i + 6] + w[i + 6]
        x = c | c << 64
        f = (f + t) & M64
        b = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((c & d) ^ (c & e) ^ (d & e))) & M64
        x = f | f << 64
        t = a + (((x >> 14) ^ (x >> 18) ^ (x >> 41)) & M64) + ((f & g) ^ (~f & hh)) + K[i + 7] + w[i + 7]
        x = b | b << 64
        e = (e + t) & M64
        a = (t + (((x >> 28) ^ (x >> 34) ^ (x >> 39)) & M64) + ((b & c) ^ (b & d) ^ (c & d))) & M64
    h[:] = [(p + q) & M64 for p, q in zip(h, (a, b, c, d, e, f, g, hh))]


def _c512_first(h, m, o):
    _k512()
    SHA512_256[0] = _c512
    _c512(h, m, o)


# [compress, IV, digest size, block size, big-endian, length bytes, word bytes]
SHA512_256 = [_c512_first, (0x22312194FC2BF72C, 0x9F555FA3C84C64C2, 0x2393B86B6F53B151, 0x963877195940EABD,
              0x96283EE2A88EFFE3, 0xBE5E1E2553863992, 0x2B0199FC2C85B8AA, 0x0EB72DDC81C52CA2), 32, 128, True, 16, 8]


def _rotl(x, n):
    n &= 31
    return ((x << n) | (x >> (32 - n))) & M32


_T_SM3 = [_rotl(0x79CC4519 if j < 16 else 0x7A879D8A, j) for j in range(64)]


def _csm3(v, m, o):
    w = list(_unpack_from(">16L", m, o))
    for j in range(16, 68):
        x = w[j - 16] ^ w[j - 9]
        y = w[j - 3]
        x ^= (y << 15 | y >> 17) & M32
        y = w[j - 13]
        w.append(x ^ (x << 15 | x >> 17) & M32 ^ (x << 23 | x >> 9) & M32 ^ (y << 7 | y >> 25) & M32 ^ w[j - 6])
    a, b, c, d, e, f, g, h = v
    T = _T_SM3
    for j in range(64):
        a12 = (a << 12 | a >> 20) & M32
        ss1 = (a12 + e + T[j]) & M32
        ss1 = (ss1 << 7 | ss1 >> 25) & M32
        if j < 16:
            tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4])) & M32
            tt2 = ((e ^ f ^ g) + h + ss1 + w[j]) & M32
        else:
            tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (w[j] ^ w[j + 4])) & M32
            tt2 = (((e & f) | (~e & g)) + h + ss1 + w[j]) & M32
        d, c, b, a = c, (b << 9 | b >> 23) & M32, a, tt1
        h, g, f, e = g, (f << 19 | f >> 13) & M32, e, tt2 ^ (tt2 << 9 | tt2 >> 23) & M32 ^ (tt2 << 17 | tt2 >> 15) & M32
    v[:] = [p ^ q for p, q in zip(v, (a, b, c, d, e, f, g, h))]


SM3 = [_csm3, (0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E),
       32, 64, True, 8, 4]

_RL = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
    3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
    4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13]
_RR = [
    5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
    15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
    12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11]
_SL = [
    11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
    11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
    9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6]
_SR = [
    8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
    9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
    8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11]
_KL = [0, 0x5A827999, 0x6ED9EBA1, 0x8F1BBCDC, 0xA953FD4E]
_KR = [0x50A28BE6, 0x5C4DD124, 0x6D703EF3, 0x7A6D76E9, 0]


def _f(j, x, y, z):
    if j == 0:
        return x ^ y ^ z
    if j == 1:
        return (x & y) | (~x & z)
    if j == 2:
        return (x | (~y & M32)) ^ z
    if j == 3:
        return (x & z) | (y & ~z)
    return x ^ (y | (~z & M32))


def _crmd(h, m, o):
    x = _unpack_from("<16L", m, o)
    if True:
        al, bl, cl, dl, el = h
        ar, br, cr, dr, er = h
        for j in range(80):
            r = j >> 4
            t = (_rotl((al + _f(r, bl, cl, dl) + x[_RL[j]] + _KL[r]) & M32, _SL[j]) + el) & M32
            al, el, dl, cl, bl = el, dl, _rotl(cl, 10), bl, t
            t = (_rotl((ar + _f(4 - r, br, cr, dr) + x[_RR[j]] + _KR[r]) & M32, _SR[j]) + er) & M32
            ar, er, dr, cr, br = er, dr, _rotl(cr, 10), br, t
        h[:] = [(h[1] + cl + dr) & M32, (h[2] + dl + er) & M32, (h[3] + el + ar) & M32,
                (h[4] + al + br) & M32, (h[0] + bl + cr) & M32]


RIPEMD160 = [_crmd, (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0), 20, 64, False, 8, 4]


def sha512_256(data):
    return _Pure(SHA512_256, data).digest()


def sm3(data):
    return _Pure(SM3, data).digest()


def ripemd160(data):
    return _Pure(RIPEMD160, data).digest()


# ---- digests by OpenSSL name, and HMAC ----
def _lib(name, block):
    return (lambda data=b"": hashlib.new(name, data)), block


def _pure(kind):
    return (lambda data=b"": _Pure(kind, data)), kind[3]


DIGESTS = {}
for _names, _made in (
    ("md5", _lib("md5", 64)),
    ("sha1 sha-1", _lib("sha1", 64)),
    ("sha224 sha2-224 sha-224", _lib("sha224", 64)),
    ("sha256 sha2-256 sha-256", _lib("sha256", 64)),
    ("sha384 sha2-384 sha-384", _lib("sha384", 128)),
    ("sha512 sha2-512 sha-512", _lib("sha512", 128)),
    ("sha512-256 sha2-512/256 sha-512/256", _pure(SHA512_256)),
    ("sha3-256", _lib("sha3_256", 136)),
    ("sha3-512", _lib("sha3_512", 72)),
    ("blake2b512 blake2b-512", _lib("blake2b", 128)),
    ("blake2s256 blake2s-256", _lib("blake2s", 64)),
    ("sm3", _pure(SM3)),
    ("ripemd160 ripemd-160 ripemd rmd160", _pure(RIPEMD160)),
):
    for _n in _names.split():
        DIGESTS[_n] = _made


class Hmac:
    """HMAC (RFC 2104) keyed once, then applied to many messages."""

    def __init__(self, digest, key):
        new, block = digest
        if len(key) > block:
            key = new(key).digest()
        key = key.ljust(block, b"\0")
        self.inner = new(bytes(k ^ 0x36 for k in key))
        self.outer = new(bytes(k ^ 0x5C for k in key))
        self.size = self.inner.digest_size

    def __call__(self, data):
        i = self.inner.copy()
        i.update(data)
        o = self.outer.copy()
        o.update(i.digest())
        return o.digest()


# ---- OpenSSL's -Xopt NAME:VALUE parameters ----
Z = "0000000000000000"
HEXDIGITS = set(b"0123456789abcdefABCDEF")


def parse_params(opts, known):
    """[(name, value)] from NAME:VALUE texts; `known` maps a name to "b", "n" or "t".

    Raises ValueError with the lines to print for the first bad one."""
    got = []
    for opt in opts:
        key, _, value = opt.partition(b":")
        shown = opt.decode("utf-8", "replace")
        kind = known.get(key)
        if kind == "b" or kind == "t":
            got.append((key, value))
        elif kind == "n":
            if not value or not value.isdigit() or int(value) >= 1 << 64:
                raise ValueError(f"Parameter error '{shown}'\n")
            got.append((key, int(value)))
        elif key.startswith(b"hex") and known.get(key[3:]) == "b":
            if len(value) % 2:
                raise ValueError(f"Parameter error '{shown}'\n{Z}:error:07800067:common libcrypto routines:"
                                 "prepare_from_text:odd number of digits:../crypto/params_from_text.c:124:\n")
            if not all(c in HEXDIGITS for c in value):
                raise ValueError(f"Parameter error '{shown}'\n{Z}:error:07800066:common libcrypto routines:"
                                 "hexstr2buf_sep:illegal hex digit:../crypto/o_str.c:167:\n")
            got.append((key[3:], bytes.fromhex(value.decode())))
        else:
            raise ValueError(f"Parameter unknown '{shown}'\n")
    return got


def first(params, name):
    for k, v in params:
        if k == name:
            return v
    return None


def fetch_error(name):
    return (f"{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:"
            f"../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({name} : 0), Properties (<null>)\n")


def read_options(argv, cmd, valued, flags):
    """OpenSSL's option reading: ([(name, value)], rest) or raises ValueError."""
    got = []
    i = 0
    while i < len(argv) and argv[i].startswith(b"-"):
        a = argv[i]
        i += 1
        if a == b"--":
            break
        body = a[2:] if a.startswith(b"--") else a[1:]
        name, eq, value = body.partition(b"=")
        shown = name.decode("utf-8", "replace")
        if name in valued:
            if not eq:
                if i == len(argv):
                    raise ValueError(f"{cmd}: Option -{shown} needs a value\n{cmd}: Use -help for summary.\n")
                value = argv[i]
                i += 1
            got.append((name, value))
        elif name in flags:
            got.append((name, None))
        else:
            raise ValueError(f"{cmd}: Unknown option: -{shown}\n{cmd}: Use -help for summary.\n")
    return got, argv[i:]


# ---- AES (FIPS 197), tables built at start ----
def _aes_tables():
    sbox = [0] * 256
    p = q = 1
    while True:
        p = p ^ (p << 1) ^ (0x1B if p & 0x80 else 0)
        p &= 0xFF
        q ^= q << 1
        q ^= q << 2
        q ^= q << 4
        q &= 0xFF
        if q & 0x80:
            q ^= 0x09
        x = q ^ (q << 1 | q >> 7) ^ (q << 2 | q >> 6) ^ (q << 3 | q >> 5) ^ (q << 4 | q >> 4)
        sbox[p] = (x ^ 0x63) & 0xFF
        if p == 1:
            break
    sbox[0] = 0x63
    inv = [0] * 256
    for i, v in enumerate(sbox):
        inv[v] = i
    return sbox, inv


SBOX, INV_SBOX = _aes_tables()


def _xt(a):
    return ((a << 1) ^ 0x1B) & 0xFF if a & 0x80 else a << 1


def _mul(a, b):
    r = 0
    while b:
        if b & 1:
            r ^= a
        a = _xt(a)
        b >>= 1
    return r


MUL = {k: [_mul(i, k) for i in range(256)] for k in (2, 3, 9, 11, 13, 14)}


class AES:
    def __init__(self, key):
        nk = len(key) // 4
        self.nr = nk + 6
        w = [list(key[4 * i : 4 * i + 4]) for i in range(nk)]
        rcon = 1
        for i in range(nk, 4 * (self.nr + 1)):
            t = list(w[i - 1])
            if i % nk == 0:
                t = [SBOX[t[1]] ^ rcon, SBOX[t[2]], SBOX[t[3]], SBOX[t[0]]]
                rcon = _xt(rcon)
            elif nk > 6 and i % nk == 4:
                t = [SBOX[b] for b in t]
            w.append([a ^ b for a, b in zip(w[i - nk], t)])
        self.rk = [sum(w[4 * r : 4 * r + 4], []) for r in range(self.nr + 1)]

    def encrypt(self, block):
        s = [a ^ b for a, b in zip(block, self.rk[0])]
        m2, m3 = MUL[2], MUL[3]
        for r in range(1, self.nr + 1):
            s = [SBOX[s[(i + 4 * (i & 3)) & 15]] for i in range(16)]  # SubBytes + ShiftRows
            if r != self.nr:
                t = []
                for c in range(0, 16, 4):
                    a0, a1, a2, a3 = s[c : c + 4]
                    t += (m2[a0] ^ m3[a1] ^ a2 ^ a3, a0 ^ m2[a1] ^ m3[a2] ^ a3,
                          a0 ^ a1 ^ m2[a2] ^ m3[a3], m3[a0] ^ a1 ^ a2 ^ m2[a3])
                s = t
            s = [a ^ b for a, b in zip(s, self.rk[r])]
        return bytes(s)

    def decrypt(self, block):
        s = [a ^ b for a, b in zip(block, self.rk[self.nr])]
        m9, m11, m13, m14 = MUL[9], MUL[11], MUL[13], MUL[14]
        for r in range(self.nr - 1, -1, -1):
            s = [INV_SBOX[s[(i - 4 * (i & 3)) & 15]] for i in range(16)]  # inverse ShiftRows + SubBytes
            s = [a ^ b for a, b in zip(s, self.rk[r])]
            if r:
                t = []
                for c in range(0, 16, 4):
                    a0, a1, a2, a3 = s[c : c + 4]
                    t += (m14[a0] ^ m11[a1] ^ m13[a2] ^ m9[a3], m9[a0] ^ m14[a1] ^ m11[a2] ^ m13[a3],
                          m13[a0] ^ m9[a1] ^ m14[a2] ^ m11[a3], m11[a0] ^ m13[a1] ^ m9[a2] ^ m14[a3])
                s = t
        return bytes(s)


# ---- Keccak-f[1600] and cSHAKE / KMAC (FIPS 202, SP 800-185) ----
_RC = [0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
       0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
       0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
       0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
       0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
       0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008]
_ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14]
_M64 = (1 << 64) - 1


def keccak_f(a):
    for rc in _RC:
        c = [a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] for x in range(5)]
        d = [c[(x - 1) % 5] ^ ((c[(x + 1) % 5] << 1 | c[(x + 1) % 5] >> 63) & _M64) for x in range(5)]
        b = [0] * 25
        for i in range(25):
            x, y = i % 5, i // 5
            v = a[i] ^ d[x]
            r = _ROT[i]
            b[y + 5 * ((2 * x + 3 * y) % 5)] = ((v << r) | (v >> (64 - r))) & _M64 if r else v
        a = [b[i] ^ (~b[i - i % 5 + (i + 1) % 5] & b[i - i % 5 + (i + 2) % 5]) for i in range(25)]
        a[0] ^= rc
    return a


def keccak(rate, data, suffix, n):
    data = bytearray(data)
    data.append(suffix)
    data += b"\0" * (-len(data) % rate)
    data[-1] |= 0x80
    a = [0] * 25
    for o in range(0, len(data), rate):
        for i in range(rate // 8):
            a[i] ^= int.from_bytes(data[o + 8 * i : o + 8 * i + 8], "little")
        a = keccak_f(a)
    out = bytearray()
    while True:
        out += b"".join(v.to_bytes(8, "little") for v in a[: rate // 8])
        if len(out) >= n:
            return bytes(out[:n])
        a = keccak_f(a)


def left_encode(x):
    b = x.to_bytes(max(1, (x.bit_length() + 7) // 8), "big")
    return bytes([len(b)]) + b


def right_encode(x):
    b = x.to_bytes(max(1, (x.bit_length() + 7) // 8), "big")
    return b + bytes([len(b)])


def encode_string(s):
    return left_encode(8 * len(s)) + s


def bytepad(x, w):
    z = left_encode(w) + x
    return z + b"\0" * (-len(z) % w)


def kmac(rate, key, data, size, custom, xof):
    prefix = bytepad(encode_string(b"KMAC") + encode_string(custom), rate)
    body = bytepad(encode_string(key), rate) + data + right_encode(0 if xof else 8 * size)
    return keccak(rate, prefix + body, 0x04, size)


# ---- the other MACs ----
def cmac(key, data):
    aes = AES(key)

    def dbl(b):
        n = int.from_bytes(b, "big") << 1
        if n >> 128:
            n ^= (1 << 128) | 0x87
        return n.to_bytes(16, "big")

    k1 = dbl(aes.encrypt(bytes(16)))
    k2 = dbl(k1)
    blocks = [data[i : i + 16] for i in range(0, len(data), 16)] or [b""]
    last = blocks.pop()
    if len(last) == 16:
        last = bytes(a ^ b for a, b in zip(last, k1))
    else:
        last = bytes(a ^ b for a, b in zip(last + b"\x80" + bytes(15 - len(last)), k1))
    c = bytes(16)
    for b in blocks + [last]:
        c = aes.encrypt(bytes(a ^ b for a, b in zip(c, b)))
    return c


def siphash(key, data, size, c, d):
    k0, k1 = int.from_bytes(key[:8], "little"), int.from_bytes(key[8:], "little")
    v = [k0 ^ 0x736F6D6570736575, k1 ^ 0x646F72616E646F6D, k0 ^ 0x6C7967656E657261, k1 ^ 0x7465646279746573]
    if size == 16:
        v[1] ^= 0xEE

    def rounds(n):
        v0, v1, v2, v3 = v
        for _ in range(n):
            v0 = (v0 + v1) & M64; v1 = ((v1 << 13 | v1 >> 51) & M64) ^ v0; v0 = (v0 << 32 | v0 >> 32) & M64
            v2 = (v2 + v3) & M64; v3 = ((v3 << 16 | v3 >> 48) & M64) ^ v2
            v0 = (v0 + v3) & M64; v3 = ((v3 << 21 | v3 >> 43) & M64) ^ v0
            v2 = (v2 + v1) & M64; v1 = ((v1 << 17 | v1 >> 47) & M64) ^ v2; v2 = (v2 << 32 | v2 >> 32) & M64
        v[:] = v0, v1, v2, v3

    n = len(data)
    tail = data[n - n % 8 :] + bytes(7 - n % 8) + bytes([n & 0xFF])
    for m in [int.from_bytes(data[i : i + 8], "little") for i in range(0, n - n % 8, 8)] + [int.from_bytes(tail, "little")]:
        v[3] ^= m
        rounds(c)
        v[0] ^= m
    v[2] ^= 0xEE if size == 16 else 0xFF
    rounds(d)
    out = (v[0] ^ v[1] ^ v[2] ^ v[3]).to_bytes(8, "little")
    if size == 16:
        v[1] ^= 0xDD
        rounds(d)
        out += (v[0] ^ v[1] ^ v[2] ^ v[3]).to_bytes(8, "little")
    return out


def poly1305(key, data):
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    s = int.from_bytes(key[16:], "little")
    p = (1 << 130) - 5
    acc = 0
    for i in range(0, len(data), 16):
        acc = (acc + int.from_bytes(data[i : i + 16] + b"\x01", "little")) * r % p
    return ((acc + s) & ((1 << 128) - 1)).to_bytes(16, "little")


# ---- openssl mac ----
MACS = {"hmac": "HMAC", "cmac": "CMAC", "siphash": "SIPHASH", "poly1305": "POLY1305", "kmac128": "KMAC128",
        "kmac-128": "KMAC128", "kmac256": "KMAC256", "kmac-256": "KMAC256", "blake2bmac": "BLAKE2BMAC"}
KMAC_KNOWN = {b"key": "b", b"custom": "b", b"size": "n", b"xof": "n"}
KNOWN = {
    "HMAC": {b"key": "b", b"tls-data-size": "n", b"digest": "t", b"properties": "t"},
    "CMAC": {b"key": "b", b"cipher": "t", b"properties": "t"},
    "SIPHASH": {b"key": "b", b"size": "n", b"c-rounds": "n", b"d-rounds": "n"},
    "POLY1305": {b"key": "b"},
    "KMAC128": KMAC_KNOWN,
    "KMAC256": KMAC_KNOWN,
    "BLAKE2BMAC": {b"key": "b", b"custom": "b", b"salt": "b", b"size": "n"},
}
CIPHERS = {"aes-128-cbc": 16, "aes128": 16, "aes-192-cbc": 24, "aes192": 24, "aes-256-cbc": 32, "aes256": 32}


def pline(code, function, reason, place):
    return f"{Z}:error:{code}:Provider routines:{function}:{reason}:../providers/implementations/{place}:\n"


def check(mac, params):
    """Raises ValueError with the lines after `MAC parameter error` when a value is refused."""
    key = first(params, b"key")
    if mac == "HMAC":
        name = first(params, b"digest")
        if name is not None and name.decode("utf-8", "replace").lower() not in DIGESTS:
            raise ValueError(fetch_error(name.decode("utf-8", "replace")))
        if key is not None and name is None:
            raise ValueError("")
    elif mac == "CMAC":
        name = first(params, b"cipher")
        if name is not None and name.decode("utf-8", "replace").lower() not in CIPHERS:
            raise ValueError(fetch_error(name.decode("utf-8", "replace")))
        if key is not None and name is None:
            raise ValueError("")
        if key is not None and len(key) != CIPHERS[name.decode().lower()]:
            raise ValueError(f"{Z}:error:03000082:digital envelope routines:EVP_CIPHER_CTX_set_key_length:"
                             "invalid key length:../crypto/evp/evp_enc.c:1045:\n")
    elif mac == "SIPHASH":
        if first(params, b"size") not in (None, 8, 16) or (key is not None and len(key) != 16):
            raise ValueError("")
    elif mac == "POLY1305":
        if key is not None and len(key) != 32:
            raise ValueError(pline("1C800069", "poly1305_setkey", "invalid key length", "macs/poly1305_prov.c:85"))
    elif mac.startswith("KMAC"):
        if key is not None and not 4 <= len(key) <= 512:
            raise ValueError(pline("1C800069", "kmac_setkey", "invalid key length", "macs/kmac_prov.c:249"))
    else:
        size = first(params, b"size")
        if size is not None and not 1 <= size <= 64:
            raise ValueError(pline("1C800071", "blake2_mac_set_ctx_params", "not xof or invalid length",
                                   "macs/blake2_mac_impl.c:203"))
        if key is not None and not 1 <= len(key) <= 64:
            raise ValueError(pline("1C800069", "blake2_setkey", "invalid key length", "macs/blake2_mac_impl.c:94"))
        salt = first(params, b"salt")
        if salt is not None and len(salt) > 16:
            raise ValueError(pline("1C800070", "blake2_mac_set_ctx_params", "invalid salt length",
                                   "macs/blake2_mac_impl.c:232"))


def tag(mac, params, data):
    key = first(params, b"key")
    if key is None:
        if mac.startswith("KMAC"):
            raise ValueError("EVP_MAC_Init failed\n" + pline("1C800072", "kmac_init", "no key set", "macs/kmac_prov.c:284"))
        if mac == "BLAKE2BMAC":
            raise ValueError("EVP_MAC_Init failed\n" + pline("1C800072", "blake2_mac_init", "no key set",
                                                             "macs/blake2_mac_impl.c:117"))
        raise ValueError("EVP_MAC_final failed\n" if mac == "SIPHASH" else "EVP_MAC_Init failed\n")
    get = lambda k, d: d if first(params, k) is None else first(params, k)  # noqa: E731
    if mac == "HMAC":
        return Hmac(DIGESTS[first(params, b"digest").decode().lower()], key)(data)
    if mac == "CMAC":
        return cmac(key, data)
    if mac == "SIPHASH":
        return siphash(key, data, get(b"size", 16), get(b"c-rounds", 0) or 2, get(b"d-rounds", 0) or 4)
    if mac == "POLY1305":
        return poly1305(key, data)
    if mac.startswith("KMAC"):
        wide = mac == "KMAC256"
        return kmac(136 if wide else 168, key, data, get(b"size", 64 if wide else 32), get(b"custom", b""),
                    get(b"xof", 0))
    return hashlib.blake2b(data, digest_size=get(b"size", 64), key=key, salt=get(b"salt", b""),
                           person=get(b"custom", b"")).digest()


def main(argv):
    opts, rest = read_options(argv, "mac", {b"macopt", b"digest", b"cipher", b"in", b"out"}, {b"binary"})
    if len(rest) != 1:
        raise ValueError("mac: Use -help for summary.\n")
    name = rest[0].decode("utf-8", "replace")
    mac = MACS.get(name.lower())
    if mac is None:
        raise ValueError(f"Invalid MAC name {name}\nmac: Use -help for summary.\n" + fetch_error(name))
    texts = [v for k, v in opts if k == b"macopt"]
    for opt in (b"digest", b"cipher"):
        values = [v for k, v in opts if k == opt]
        if values:
            texts.append(opt + b":" + values[-1])
    params = parse_params(texts, KNOWN[mac])
    try:
        check(mac, params)
    except ValueError as e:
        raise ValueError("MAC parameter error\n" + str(e)) from None
    source = out_name = None
    for k, v in opts:
        if k == b"in":
            source = v
        elif k == b"out":
            out_name = v
    if source is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(source, "rb") as f:
                data = f.read()
        except OSError:
            s = source.decode("utf-8", "replace")
            raise ValueError(
                f'Can\'t open "{s}" for reading, No such file or directory\n'
                f"{Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen({s}, rb)\n"
                f"{Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n"
            ) from None
    out = open(out_name, "wb") if out_name is not None else sys.stdout.buffer
    t = tag(mac, params, data)
    binary = any(k == b"binary" for k, _ in opts)
    out.write(t if binary else t.hex().upper().encode() + (b"" if out_name is not None else b"\n"))
    out.flush()


if __name__ == "__main__":
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv[1:]]
    try:
        # The command name comes first: `openssl mac ...`.
        main(args[1:] if args[:1] == [b"mac"] else args)
    except ValueError as e:
        sys.stderr.write(str(e))
        sys.exit(1)
