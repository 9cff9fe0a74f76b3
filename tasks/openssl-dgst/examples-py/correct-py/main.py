"""A correct `openssl dgst` for the openssl-dgst task, in Python (CPython 3.12, stdlib only).

This CPython has no OpenSSL, so SHA-512/256, SM3 and RIPEMD-160 are written here by hand;
HMAC is built on the digests directly (RFC 2104)."""

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


# ---- openssl dgst ----
def _lib(name, block):
    return lambda data: hashlib.new(name, data).digest(), block


ALGS = {}
for _names, _shown, _fn in (
    ("md5 ssl3-md5", "MD5", _lib("md5", 64)),
    ("sha1 sha-1 ssl3-sha1", "SHA1", _lib("sha1", 64)),
    ("sha224 sha2-224 sha-224", "SHA2-224", _lib("sha224", 64)),
    ("sha256 sha2-256 sha-256", "SHA2-256", _lib("sha256", 64)),
    ("sha384 sha2-384 sha-384", "SHA2-384", _lib("sha384", 128)),
    ("sha512 sha2-512 sha-512", "SHA2-512", _lib("sha512", 128)),
    ("sha512-256 sha2-512/256 sha-512/256", "SHA2-512/256", (sha512_256, 128)),
    ("sha3-256", "SHA3-256", _lib("sha3_256", 136)),
    ("sha3-512", "SHA3-512", _lib("sha3_512", 72)),
    ("blake2b512 blake2b-512", "BLAKE2B-512", _lib("blake2b", 128)),
    ("blake2s256 blake2s-256", "BLAKE2S-256", _lib("blake2s", 64)),
    ("sm3", "SM3", (sm3, 64)),
    ("ripemd160 ripemd-160 ripemd rmd160", "RIPEMD-160", (ripemd160, 64)),
):
    for _n in _names.split():
        ALGS[_n] = (_shown, _fn[0], _fn[1])

VALUED = {"out", "hmac", "mac", "macopt"}
FLAGS = {"hex", "binary", "r", "c"}
Z = "0000000000000000"


def hmac(fn, block, key, data):
    if len(key) > block:
        key = fn(key)
    key = key.ljust(block, b"\0")
    inner = fn(bytes(k ^ 0x36 for k in key) + data)
    return fn(bytes(k ^ 0x5C for k in key) + inner)


def main(argv):
    err = sys.stderr.buffer

    def die(text):
        err.write(text.encode("utf-8", "surrogateescape"))
        return 1

    binary = False
    form = None  # "r" or "c"
    out_name = hmac_key = mac = None
    macopts = []
    digest = None
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        a = argv[i]
        i += 1
        if a == "--":
            break
        body = a[2:] if a.startswith("--") else a[1:]
        name, eq, value = body.partition("=")
        if name in VALUED:
            if not eq:
                if i == len(argv):
                    return die(f"dgst: Option -{name} needs a value\ndgst: Use -help for summary.\n")
                value = argv[i]
                i += 1
            if name == "out":
                out_name = value
            elif name == "hmac":
                hmac_key = value
            elif name == "mac":
                mac = value
            else:
                macopts.append(value)
        elif name in FLAGS:
            if eq:
                return die(f"dgst: Option -{name} does not take a value\ndgst: Use -help for summary.\n")
            if name in ("hex", "binary"):
                binary = name == "binary"
            else:
                form = name
        else:
            digest = body
    files = argv[i:]
    if digest is None:
        shown, fn, block = "SHA256", *ALGS["sha256"][1:]
    elif digest.lower() in ALGS:
        shown, fn, block = ALGS[digest.lower()]
    else:
        return die(
            f"dgst: Unknown option or message digest: {digest}\ndgst: Use -help for summary.\n"
            f"{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:"
            f"../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({digest} : 0), Properties (<null>)\n"
        )
    if out_name is not None:
        out = open(out_name, "wb")
    else:
        out = sys.stdout.buffer
    key = None
    if hmac_key is not None:
        if mac is not None:
            return die("MAC and signing key cannot both be specified\n")
        key = hmac_key.encode("utf-8", "surrogateescape")
    elif mac is not None:
        if mac.lower() != "hmac":
            return die("Error setting context\n")
        for opt in macopts:
            kind, colon, text = opt.partition(":")
            bad = f'MAC parameter error "{opt}"\n'
            if not colon or kind not in ("key", "hexkey"):
                return die(bad)
            if not text:
                return die(bad + f"{Z}:error:1C8C0100:Provider routines:mac_gen_set_params:malloc failure:"
                           "../providers/implementations/keymgmt/mac_legacy_kmgmt.c:433:\n")
            if kind == "key":
                key = text.encode("utf-8", "surrogateescape")
            elif len(text) % 2:
                return die(bad + f"{Z}:error:07800067:common libcrypto routines:prepare_from_text:"
                           "odd number of digits:../crypto/params_from_text.c:124:\n")
            else:
                try:
                    key = bytes.fromhex(text)
                    if not text.isascii() or not all(c in "0123456789abcdefABCDEF" for c in text):
                        raise ValueError
                except ValueError:
                    return die(bad + f"{Z}:error:07800066:common libcrypto routines:hexstr2buf_sep:"
                               "illegal hex digit:../crypto/o_str.c:167:\n")
        if key is None:
            return die(f"dgst: Error generating HMAC key\n{Z}:error:1C80009E:Provider routines:mac_gen:"
                       "invalid key:../providers/implementations/keymgmt/mac_legacy_kmgmt.c:498:\n")
        if digest is None:
            return die(f"Error setting context\n{Z}:error:0300009E:digital envelope routines:"
                       "do_sigver_init:no default digest:../crypto/evp/m_sigver.c:282:\n")
    status = 0
    label = ("HMAC-" + shown) if key is not None else shown
    sources = [(f, f) for f in files] or [(None, "stdin")]
    for path, shown_name in sources:
        if path is None:
            data = sys.stdin.buffer.read()
        else:
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                status = 1
                die(f"{path}: No such file or directory\n"
                    f"{Z}:error:80000002:system library:file_ctrl:No such file or directory:../crypto/bio/bss_file.c:297:calling fopen({path}, r)\n"
                    f"{Z}:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n")
                continue
        d = hmac(fn, block, key, data) if key is not None else fn(data)
        if binary:
            line = d
        elif form == "r":
            if "\n" in shown_name:
                line = "\\" + d.hex() + " *" + shown_name.replace("\n", "\\n") + "\n"
            else:
                line = d.hex() + " *" + shown_name + "\n"
        else:
            hx = ":".join(f"{b:02x}" for b in d) if form == "c" else d.hex()
            name = label if path is not None else shown
            line = f"{name}({shown_name})= {hx}\n"
        out.write(line if isinstance(line, bytes) else line.encode("utf-8", "surrogateescape"))
        out.flush()
    return status


if __name__ == "__main__":
    # The command name comes first: `openssl dgst ...`.
    args = sys.argv[1:]
    sys.exit(main(args[1:] if args[:1] == ["dgst"] else args))
