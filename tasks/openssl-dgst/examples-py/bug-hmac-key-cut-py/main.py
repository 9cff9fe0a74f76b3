"""A buggy `openssl dgst` in Python: an HMAC key longer than the digest's block is cut to the block instead of hashed.

This CPython has no OpenSSL, so SHA-512/256, SM3 and RIPEMD-160 are written here by hand;
HMAC is built on the digests directly (RFC 2104)."""

import hashlib
import sys

# ---- digests hashlib lacks here (no OpenSSL in this CPython): SHA-512/256, SM3, RIPEMD-160
M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


def _pad(data, big, lenbytes=8, block=64):
    n = len(data)
    tail = b"\x80" + b"\0" * ((block - lenbytes - 1 - n) % block)
    return data + tail + (n * 8).to_bytes(lenbytes, "big" if big else "little")


class _Once:
    """A hashlib-like object over a function of the whole message."""

    def __init__(self, fn, size, block, data=b""):
        self.fn, self.digest_size, self.block_size, self.buf = fn, size, block, bytearray(data)

    def update(self, data):
        self.buf += data

    def copy(self):
        return _Once(self.fn, self.digest_size, self.block_size, self.buf)

    def digest(self):
        return self.fn(bytes(self.buf))


_K512 = None


def sha512_256(data):
    global _K512
    if _K512 is None:
        # The first 64 bits of the fractional parts of the cube roots of the first 80 primes.
        primes, c = [], 2
        while len(primes) < 80:
            if all(c % p for p in primes):
                primes.append(c)
            c += 1
        _K512 = [_frac_root(p, 3) for p in primes]
    h = [0x22312194FC2BF72C, 0x9F555FA3C84C64C2, 0x2393B86B6F53B151, 0x963877195940EABD,
         0x96283EE2A88EFFE3, 0xBE5E1E2553863992, 0x2B0199FC2C85B8AA, 0x0EB72DDC81C52CA2]
    m = _pad(data, True, 16, 128)
    K = _K512
    for o in range(0, len(m), 128):
        w = [int.from_bytes(m[o + 8 * i : o + 8 * i + 8], "big") for i in range(16)]
        for i in range(16, 80):
            x, y = w[i - 15], w[i - 2]
            s0 = ((x >> 1 | x << 63) ^ (x >> 8 | x << 56) ^ (x >> 7)) & M64
            s1 = ((y >> 19 | y << 45) ^ (y >> 61 | y << 3) ^ (y >> 6)) & M64
            w.append((w[i - 16] + s0 + w[i - 7] + s1) & M64)
        a, b, c, d, e, f, g, hh = h
        for i in range(80):
            S1 = ((e >> 14 | e << 50) ^ (e >> 18 | e << 46) ^ (e >> 41 | e << 23)) & M64
            t1 = hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]
            S0 = ((a >> 28 | a << 36) ^ (a >> 34 | a << 30) ^ (a >> 39 | a << 25)) & M64
            t2 = S0 + ((a & b) ^ (a & c) ^ (b & c))
            hh, g, f, e, d, c, b, a = g, f, e, (d + t1) & M64, c, b, a, (t1 + t2) & M64
        h = [(x + y) & M64 for x, y in zip(h, (a, b, c, d, e, f, g, hh))]
    return b"".join(x.to_bytes(8, "big") for x in h)[:32]


def _frac_root(p, k):
    # floor(frac(p ** (1/k)) * 2**64), exactly, by integer root of p << (64 k).
    n = p << (64 * k)
    x = 1 << ((n.bit_length() + k - 1) // k)
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            break
        x = y
    return x & M64


def _rotl(x, n):
    n &= 31
    return ((x << n) | (x >> (32 - n))) & M32


def sm3(data):
    v = [0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E]
    m = _pad(data, True)
    T = [_rotl(0x79CC4519 if j < 16 else 0x7A879D8A, j) for j in range(64)]
    for o in range(0, len(m), 64):
        w = [int.from_bytes(m[o + 4 * i : o + 4 * i + 4], "big") for i in range(16)]
        for j in range(16, 68):
            x = w[j - 16] ^ w[j - 9] ^ _rotl(w[j - 3], 15)
            w.append(x ^ _rotl(x, 15) ^ _rotl(x, 23) ^ _rotl(w[j - 13], 7) ^ w[j - 6])
        a, b, c, d, e, f, g, h = v
        for j in range(64):
            a12 = _rotl(a, 12)
            ss1 = _rotl((a12 + e + T[j]) & M32, 7)
            ss2 = ss1 ^ a12
            if j < 16:
                ff, gg = a ^ b ^ c, e ^ f ^ g
            else:
                ff, gg = (a & b) | (a & c) | (b & c), (e & f) | (~e & g)
            tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) & M32
            tt2 = (gg + h + ss1 + w[j]) & M32
            d, c, b, a = c, _rotl(b, 9), a, tt1
            h, g, f, e = g, _rotl(f, 19), e, tt2 ^ _rotl(tt2, 9) ^ _rotl(tt2, 17)
        v = [x ^ y for x, y in zip(v, (a, b, c, d, e, f, g, h))]
    return b"".join(x.to_bytes(4, "big") for x in v)


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


def ripemd160(data):
    h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
    m = _pad(data, False)
    for o in range(0, len(m), 64):
        x = [int.from_bytes(m[o + 4 * i : o + 4 * i + 4], "little") for i in range(16)]
        al, bl, cl, dl, el = h
        ar, br, cr, dr, er = h
        for j in range(80):
            r = j >> 4
            t = (_rotl((al + _f(r, bl, cl, dl) + x[_RL[j]] + _KL[r]) & M32, _SL[j]) + el) & M32
            al, el, dl, cl, bl = el, dl, _rotl(cl, 10), bl, t
            t = (_rotl((ar + _f(4 - r, br, cr, dr) + x[_RR[j]] + _KR[r]) & M32, _SR[j]) + er) & M32
            ar, er, dr, cr, br = er, dr, _rotl(cr, 10), br, t
        h = [(h[1] + cl + dr) & M32, (h[2] + dl + er) & M32, (h[3] + el + ar) & M32,
             (h[4] + al + br) & M32, (h[0] + bl + cr) & M32]
    return b"".join(v.to_bytes(4, "little") for v in h)


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
    key = key[:block]
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
