"""A correct `openssl kdf` for the openssl-kdf task, in Python (CPython 3.12, stdlib only).

PBKDF2, HKDF, scrypt and the TLS PRF from their RFCs. This CPython has no OpenSSL (no
`hashlib.pbkdf2_hmac` or `scrypt`), so HMAC, the KDFs, SHA-512/256, SM3 and RIPEMD-160 are
written here."""

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


# ---- the KDFs ----
def pbkdf2(mac, salt, iters, n):
    out = bytearray()
    block = 1
    while len(out) < n:
        u = mac(salt + block.to_bytes(4, "big"))
        acc = int.from_bytes(u, "big")
        for _ in range(iters - 1):
            u = mac(u)
            acc ^= int.from_bytes(u, "big")
        out += acc.to_bytes(len(u), "big")
        block += 1
    return bytes(out[:n])


def hkdf_expand(mac, info, n):
    out, t, i = bytearray(), b"", 1
    while len(out) < n:
        t = mac(t + info + bytes([i]))
        out += t
        i += 1
    return bytes(out[:n])


def p_hash(mac, seed, n):
    out, a = bytearray(), seed
    while len(out) < n:
        a = mac(a)
        out += mac(a + seed)
    return bytes(out[:n])


# A 64-byte Salsa20 block is kept as four Python integers, each holding four 32-bit words
# in 64-bit lanes (the diagonals' order of SIMD implementations), so that one line of
# Python does a quarter-round step on four words at once.
LANES = sum(M32 << (64 * i) for i in range(4))
LOW1, LOW2, LOW3 = (1 << 64) - 1, (1 << 128) - 1, (1 << 192) - 1
ORDER = ((0, 5, 10, 15), (4, 9, 14, 3), (8, 13, 2, 7), (12, 1, 6, 11))


def pack(w):
    return tuple(w[p] | w[q] << 64 | w[r] << 128 | w[s] << 192 for p, q, r, s in ORDER)


def unpack(block):
    w = [0] * 16
    for v, idx in zip(block, ORDER):
        for lane, i in enumerate(idx):
            w[i] = (v >> (64 * lane)) & M32
    return w


def salsa8(a0, b0, c0, d0):
    M = LANES
    a, b, c, d = a0, b0, c0, d0
    for _ in range(4):
        t = (a + d) & M; b ^= (t << 7 | t >> 25) & M
        t = (b + a) & M; c ^= (t << 9 | t >> 23) & M
        t = (c + b) & M; d ^= (t << 13 | t >> 19) & M
        t = (d + c) & M; a ^= (t << 18 | t >> 14) & M
        d = d >> 64 | (d & LOW1) << 192
        c = c >> 128 | (c & LOW2) << 128
        b = b >> 192 | (b & LOW3) << 64
        t = (a + b) & M; d ^= (t << 7 | t >> 25) & M
        t = (d + a) & M; c ^= (t << 9 | t >> 23) & M
        t = (c + d) & M; b ^= (t << 13 | t >> 19) & M
        t = (b + c) & M; a ^= (t << 18 | t >> 14) & M
        d = d >> 192 | (d & LOW3) << 64
        c = c >> 128 | (c & LOW2) << 128
        b = b >> 64 | (b & LOW1) << 192
    return (a + a0) & M, (b + b0) & M, (c + c0) & M, (d + d0) & M


def block_mix(blocks):
    x = blocks[-1]
    even, odd = [], []
    for i, b in enumerate(blocks):
        x = salsa8(x[0] ^ b[0], x[1] ^ b[1], x[2] ^ b[2], x[3] ^ b[3])
        (odd if i & 1 else even).append(x)
    return even + odd


def scrypt(mac, salt, n, r, p, size):
    """scrypt with `mac` the HMAC-SHA-256 keyed with the password."""
    b = pbkdf2(mac, salt, 1, p * 128 * r)
    out = bytearray()
    for k in range(p):
        chunk = b[128 * r * k : 128 * r * (k + 1)]
        words = [int.from_bytes(chunk[i : i + 4], "little") for i in range(0, len(chunk), 4)]
        x = [pack(words[i : i + 16]) for i in range(0, len(words), 16)]
        v = []
        for _ in range(n):
            v.append(x)
            x = block_mix(x)
        for _ in range(n):
            y = v[x[-1][0] & (n - 1)]
            x = block_mix([(s[0] ^ t[0], s[1] ^ t[1], s[2] ^ t[2], s[3] ^ t[3]) for s, t in zip(x, y)])
        for blk in x:
            out += b"".join(w.to_bytes(4, "little") for w in unpack(blk))
    return pbkdf2(mac, bytes(out), 1, size)


# ---- openssl kdf ----
KNOWN = {
    "PBKDF2": {b"pass": "b", b"salt": "b", b"iter": "n", b"pkcs5": "n", b"digest": "t", b"properties": "t"},
    "HKDF": {b"key": "b", b"salt": "b", b"info": "b", b"digest": "t", b"mode": "t", b"properties": "t"},
    "SCRYPT": {b"pass": "b", b"salt": "b", b"n": "n", b"r": "n", b"p": "n", b"maxmem_bytes": "n", b"properties": "t"},
    "TLS1-PRF": {b"secret": "b", b"seed": "b", b"digest": "t", b"properties": "t"},
}
NAMES = {"pbkdf2": "PBKDF2", "hkdf": "HKDF", "scrypt": "SCRYPT", "id-scrypt": "SCRYPT", "tls1-prf": "TLS1-PRF"}
MODES = ("extract_and_expand", "extract_only", "expand_only")


def atoi(text):
    s = text.lstrip(b" \t\n\r\x0b\x0c")
    sign = 1
    if s[:1] in (b"+", b"-"):
        sign = -1 if s[:1] == b"-" else 1
        s = s[1:]
    digits = b""
    for c in s:
        if not 48 <= c <= 57:
            break
        digits += bytes([c])
    return sign * int(digits) if digits else 0


def provider(code, function, reason, place):
    return f"{Z}:error:{code}:Provider routines:{function}:{reason}:../providers/implementations/kdfs/{place}:\n"


def derive(kdf, params, n):
    """The derived bytes, or raises ValueError with the lines after `EVP_KDF_derive failed`."""
    dname = first(params, b"digest")
    if kdf == "PBKDF2":
        digest = DIGESTS[(dname or b"sha1").decode().lower()]
        password, salt = first(params, b"pass"), first(params, b"salt")
        if password is None:
            raise ValueError(provider("1C800082", "kdf_pbkdf2_derive", "missing pass", "pbkdf2.c:154"))
        if salt is None:
            raise ValueError(provider("1C800083", "kdf_pbkdf2_derive", "missing salt", "pbkdf2.c:159"))
        iters = first(params, b"iter")
        return pbkdf2(Hmac(digest, password), salt, 2048 if iters is None else iters, n)
    if kdf == "HKDF":
        if dname is None:
            raise ValueError(provider("1C800081", "kdf_hkdf_derive", "missing message digest", "hkdf.c:161"))
        key = first(params, b"key")
        if key is None:
            raise ValueError(provider("1C800080", "kdf_hkdf_derive", "missing key", "hkdf.c:165"))
        digest = DIGESTS[dname.decode().lower()]
        info = b"".join(v for k, v in params if k == b"info")
        mode = (first(params, b"mode") or b"extract_and_expand").decode().lower()
        if mode != "expand_only":
            key = Hmac(digest, first(params, b"salt") or b"")(key)
            if mode == "extract_only":
                if n != len(key):
                    raise ValueError(provider("1C80008B", "HKDF_Extract", "wrong output buffer size", "hkdf.c:462"))
                return key
        return hkdf_expand(Hmac(digest, key), info, n)
    if kdf == "SCRYPT":
        password, salt = first(params, b"pass"), first(params, b"salt")
        if password is None:
            raise ValueError(provider("1C800082", "kdf_scrypt_derive", "missing pass", "scrypt.c:162"))
        if salt is None:
            raise ValueError(provider("1C800083", "kdf_scrypt_derive", "missing salt", "scrypt.c:167"))
        get = lambda k, d: d if first(params, k) is None else first(params, k)  # noqa: E731
        return scrypt(Hmac(DIGESTS["sha256"], password), salt, get(b"n", 1048576), get(b"r", 8), get(b"p", 1), n)
    if dname is None:
        raise ValueError(provider("1C800081", "kdf_tls1_prf_derive", "missing message digest", "tls1_prf.c:145"))
    secret = first(params, b"secret")
    if secret is None:
        raise ValueError(provider("1C800084", "kdf_tls1_prf_derive", "missing secret", "tls1_prf.c:149"))
    seed = b"".join(v for k, v in params if k == b"seed")
    if not seed:
        raise ValueError(provider("1C80008C", "kdf_tls1_prf_derive", "missing seed", "tls1_prf.c:153"))
    if dname.lower() == b"md5-sha1":
        half = (len(secret) + 1) // 2
        a = p_hash(Hmac(DIGESTS["md5"], secret[:half]), seed, n)
        b = p_hash(Hmac(DIGESTS["sha1"], secret[len(secret) - half :]), seed, n)
        return bytes(x ^ y for x, y in zip(a, b))
    return p_hash(Hmac(DIGESTS[dname.decode().lower()], secret), seed, n)


def main(argv):
    opts, rest = read_options(argv, "kdf", {b"keylen", b"kdfopt", b"out"}, {b"binary"})
    if len(rest) != 1:
        raise ValueError("kdf: Use -help for summary.\n")
    name = rest[0].decode("utf-8", "replace")
    kdf = NAMES.get(name.lower())
    if kdf is None:
        raise ValueError(f"Invalid KDF name {name}\nkdf: Use -help for summary.\n" + fetch_error(name))
    params = parse_params([v for k, v in opts if k == b"kdfopt"], KNOWN[kdf])
    dname = first(params, b"digest")
    if dname is not None and not (dname.decode("utf-8", "replace").lower() in DIGESTS
                                  or (kdf == "TLS1-PRF" and dname.lower() == b"md5-sha1")):
        raise ValueError("KDF parameter error\n" + fetch_error(dname.decode("utf-8", "replace")))
    mode = first(params, b"mode")
    if mode is not None and mode.decode("utf-8", "replace").lower() not in MODES:
        raise ValueError("KDF parameter error\n" + provider(
            "1C80007D", "hkdf_common_set_ctx_params", "invalid mode", "hkdf.c:210"))
    if kdf == "PBKDF2" and first(params, b"iter") == 0:
        raise ValueError("KDF parameter error\n" + provider(
            "1C80007B", "kdf_pbkdf2_set_ctx_params", "invalid iteration count", "pbkdf2.c:208"))
    if kdf == "SCRYPT":
        cost = first(params, b"n")
        if (cost is not None and (cost <= 1 or cost & (cost - 1))) or first(params, b"r") == 0 or first(params, b"p") == 0:
            raise ValueError("KDF parameter error\n")
    binary = any(k == b"binary" for k, _ in opts)
    keylen = 0
    out = sys.stdout.buffer
    for k, v in opts:
        if k == b"keylen":
            keylen = atoi(v)
        elif k == b"out":
            out = open(v, "wb")
    if keylen <= 0:
        raise ValueError("Invalid derived key length.\n")
    try:
        key = derive(kdf, params, keylen)
    except ValueError as e:
        raise ValueError("EVP_KDF_derive failed\n" + str(e)) from None
    out.write(key if binary else ":".join(f"{b:02X}" for b in key).encode() + b"\n\n")
    out.flush()


if __name__ == "__main__":
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv[1:]]
    try:
        # The command name comes first: `openssl kdf ...`.
        main(args[1:] if args[:1] == [b"kdf"] else args)
    except ValueError as e:
        sys.stderr.write(str(e))
        sys.exit(1)
