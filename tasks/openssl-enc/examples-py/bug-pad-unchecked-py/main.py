"""A buggy `openssl enc` in Python: decryption strips the padding its last byte announces without checking it.

AES (ECB, CBC, CTR), ChaCha20 and Triple DES written here from FIPS 197, RFC 8439 and
SP 800-67: this CPython has no OpenSSL and the standard library no ciphers."""

import binascii
import sys

M32 = 0xFFFFFFFF


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


# ---- DES and Triple DES (FIPS 46-3, SP 800-67) ----
_IP = [58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6,
       64, 56, 48, 40, 32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
       61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7]
_FP = [_IP.index(i) + 1 for i in range(1, 65)]
_E = [32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
      16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1]
_P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9,
      19, 13, 30, 6, 22, 11, 4, 25]
_PC1 = [57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3,
        60, 52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37,
        29, 21, 13, 5, 28, 20, 12, 4]
_PC2 = [14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
        41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32]
_SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1]
_S = [
    "14 4 13 1 2 15 11 8 3 10 6 12 5 9 0 7 0 15 7 4 14 2 13 1 10 6 12 11 9 5 3 8 4 1 14 8 13 6 2 11 15 12 9 7 3 10 5 0 15 12 8 2 4 9 1 7 5 11 3 14 10 0 6 13",
    "15 1 8 14 6 11 3 4 9 7 2 13 12 0 5 10 3 13 4 7 15 2 8 14 12 0 1 10 6 9 11 5 0 14 7 11 10 4 13 1 5 8 12 6 9 3 2 15 13 8 10 1 3 15 4 2 11 6 7 12 0 5 14 9",
    "10 0 9 14 6 3 15 5 1 13 12 7 11 4 2 8 13 7 0 9 3 4 6 10 2 8 5 14 12 11 15 1 13 6 4 9 8 15 3 0 11 1 2 12 5 10 14 7 1 10 13 0 6 9 8 7 4 15 14 3 11 5 2 12",
    "7 13 14 3 0 6 9 10 1 2 8 5 11 12 4 15 13 8 11 5 6 15 0 3 4 7 2 12 1 10 14 9 10 6 9 0 12 11 7 13 15 1 3 14 5 2 8 4 3 15 0 6 10 1 13 8 9 4 5 11 12 7 2 14",
    "2 12 4 1 7 10 11 6 8 5 3 15 13 0 14 9 14 11 2 12 4 7 13 1 5 0 15 10 3 9 8 6 4 2 1 11 10 13 7 8 15 9 12 5 6 3 0 14 11 8 12 7 1 14 2 13 6 15 0 9 10 4 5 3",
    "12 1 10 15 9 2 6 8 0 13 3 4 14 7 5 11 10 15 4 2 7 12 9 5 6 1 13 14 0 11 3 8 9 14 15 5 2 8 12 3 7 0 4 10 1 13 11 6 4 3 2 12 9 5 15 10 11 14 1 7 6 0 8 13",
    "4 11 2 14 15 0 8 13 3 12 9 7 5 10 6 1 13 0 11 7 4 9 1 10 14 3 5 12 2 15 8 6 1 4 11 13 12 3 7 14 10 15 6 8 0 5 9 2 6 11 13 8 1 4 10 7 9 5 0 15 14 2 3 12",
    "13 2 8 4 6 15 11 1 10 9 3 14 5 0 12 7 1 15 13 8 10 3 7 4 12 5 6 11 0 14 9 2 7 11 4 1 9 12 14 2 0 6 10 13 15 3 5 8 2 1 14 7 4 10 8 13 15 12 9 0 3 5 6 11"]
_S = [[int(v) for v in s.split()] for s in _S]


def _perm(x, table, width):
    out = 0
    for t in table:
        out = (out << 1) | ((x >> (width - t)) & 1)
    return out


# S-box then P as one table per S-box: the 32-bit contribution of each 6-bit input.
_SP = []
for _i in range(8):
    _row = []
    for _v in range(64):
        _s = _S[_i][(((_v >> 5) << 1) | (_v & 1)) * 16 + ((_v >> 1) & 15)]
        _row.append(_perm(_s << (28 - 4 * _i), _P, 32))
    _SP.append(_row)


def des_keys(key):
    """The 16 round keys, each as eight 6-bit S-box inputs."""
    cd = _perm(int.from_bytes(key, "big"), _PC1, 64)
    c, d = cd >> 28, cd & 0xFFFFFFF
    keys = []
    for s in _SHIFTS:
        c = ((c << s) | (c >> (28 - s))) & 0xFFFFFFF
        d = ((d << s) | (d >> (28 - s))) & 0xFFFFFFF
        k = _perm((c << 28) | d, _PC2, 56)
        keys.append([(k >> (42 - 6 * i)) & 63 for i in range(8)])
    return keys


def _rounds(l, r, keys):
    s0, s1, s2, s3, s4, s5, s6, s7 = _SP
    for k in keys:
        # E(r) as a 34-bit word r32 r1 ... r32 r1: S-box i reads its bits 4i+1 .. 4i+6.
        y = (r & 1) << 33 | r << 1 | r >> 31
        f = (s0[(y >> 28) & 63 ^ k[0]] | s1[(y >> 24) & 63 ^ k[1]] | s2[(y >> 20) & 63 ^ k[2]]
             | s3[(y >> 16) & 63 ^ k[3]] | s4[(y >> 12) & 63 ^ k[4]] | s5[(y >> 8) & 63 ^ k[5]]
             | s6[(y >> 4) & 63 ^ k[6]] | s7[y & 63 ^ k[7]])
        l, r = r, l ^ f
    return r, l


class DES3:
    """Triple DES, EDE: one initial and one final permutation around the 48 rounds."""

    def __init__(self, key):
        k1, k2, k3 = (des_keys(key[i : i + 8]) for i in (0, 8, 16))
        self.enc = (k1, k2[::-1], k3)
        self.dec = (k3[::-1], k2, k1[::-1])

    def _run(self, stages, block):
        x = _perm(int.from_bytes(block, "big"), _IP, 64)
        l, r = x >> 32, x & 0xFFFFFFFF
        for keys in stages:
            l, r = _rounds(l, r, keys)
        return _perm((l << 32) | r, _FP, 64).to_bytes(8, "big")

    def encrypt(self, block):
        return self._run(self.enc, block)

    def decrypt(self, block):
        return self._run(self.dec, block)


# ---- ChaCha20 (RFC 8439's block function) ----
def chacha_block(state):
    x = list(state)

    def qr(a, b, c, d):
        x[a] = (x[a] + x[b]) & M32; t = x[d] ^ x[a]; x[d] = (t << 16 | t >> 16) & M32
        x[c] = (x[c] + x[d]) & M32; t = x[b] ^ x[c]; x[b] = (t << 12 | t >> 20) & M32
        x[a] = (x[a] + x[b]) & M32; t = x[d] ^ x[a]; x[d] = (t << 8 | t >> 24) & M32
        x[c] = (x[c] + x[d]) & M32; t = x[b] ^ x[c]; x[b] = (t << 7 | t >> 25) & M32

    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return b"".join(((a + b) & M32).to_bytes(4, "little") for a, b in zip(x, state))


def chacha20(key, iv, data):
    words = lambda b: [int.from_bytes(b[i : i + 4], "little") for i in range(0, len(b), 4)]  # noqa: E731
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574] + words(key) + words(iv)
    out = bytearray()
    for o in range(0, len(data), 64):
        ks = chacha_block(state)
        out += bytes(a ^ b for a, b in zip(data[o : o + 64], ks))
        state[12] = (state[12] + 1) & M32
        if state[12] == 0:
            state[13] = (state[13] + 1) & M32
    return bytes(out)


def ctr(aes, iv, data):
    counter = int.from_bytes(iv, "big")
    out = bytearray()
    for o in range(0, len(data), 16):
        ks = aes.encrypt(counter.to_bytes(16, "big"))
        out += bytes(a ^ b for a, b in zip(data[o : o + 16], ks))
        counter = (counter + 1) & ((1 << 128) - 1)
    return bytes(out)


# name: (kind, key bytes, IV bytes, block)
CIPHERS = {}
for _bits in (128, 192, 256):
    CIPHERS[f"aes-{_bits}-ecb"] = ("ecb", _bits // 8, 0, 16)
    CIPHERS[f"aes-{_bits}-cbc"] = CIPHERS[f"aes{_bits}"] = ("cbc", _bits // 8, 16, 16)
    CIPHERS[f"aes-{_bits}-ctr"] = ("ctr", _bits // 8, 16, 1)
CIPHERS["chacha20"] = ("chacha", 32, 16, 1)
CIPHERS["des-ede3-cbc"] = CIPHERS["des3"] = ("des3", 24, 8, 8)

BAD_FINAL_ENC = ("bad encrypt\n0000000000000000:error:1C80006B:Provider routines:ossl_cipher_generic_block_final:"
                 "wrong final block length:../providers/implementations/ciphers/ciphercommon.c:417:\n")
BAD_FINAL_DEC = ("bad decrypt\n0000000000000000:error:1C80006B:Provider routines:ossl_cipher_generic_block_final:"
                 "wrong final block length:../providers/implementations/ciphers/ciphercommon.c:440:\n")
BAD_PAD = ("bad decrypt\n0000000000000000:error:1C800064:Provider routines:ossl_cipher_unpadblock:bad decrypt:"
           "../providers/implementations/ciphers/ciphercommon_block.c:%d:\n")


def crypt(spec, key, iv, data, decrypt, pad):
    """(output, error text or None)."""
    kind, _, _, bs = spec
    if kind == "chacha":
        return chacha20(key, iv, data), None
    if kind == "ctr":
        return ctr(AES(key), iv, data), None
    box = DES3(key) if kind == "des3" else AES(key)
    if not decrypt:
        err = None
        if pad:
            n = bs - len(data) % bs
            data = data + bytes([n]) * n
        elif len(data) % bs:
            err = BAD_FINAL_ENC
            data = data[: len(data) - len(data) % bs]
        out, prev = bytearray(), iv
        for o in range(0, len(data), bs):
            b = data[o : o + bs]
            if kind != "ecb":
                b = bytes(x ^ y for x, y in zip(b, prev))
            prev = box.encrypt(b)
            out += prev
        return bytes(out), err
    whole = len(data) - len(data) % bs
    out, prev = bytearray(), iv
    for o in range(0, whole, bs):
        c = data[o : o + bs]
        p = box.decrypt(c)
        if kind != "ecb":
            p = bytes(x ^ y for x, y in zip(p, prev))
        prev = c
        out += p
    if not pad:
        return bytes(out), BAD_FINAL_DEC if whole != len(data) else None
    if whole != len(data) or not whole:
        # A ragged end: every whole block went out (none was held back).
        return bytes(out), BAD_FINAL_DEC
    return bytes(out[: len(out) - out[-1]]), None


def b64_lines(data, one_line):
    """`-a` output: whole 48-byte groups per line of 64 characters (or one line with -A)."""
    if one_line:
        return binascii.b2a_base64(data, newline=False)
    return b"".join(binascii.b2a_base64(data[i : i + 48]) for i in range(0, len(data), 48))


# ---- openssl enc ----
Z = "0000000000000000"
VALUED = {b"K", b"iv", b"in", b"out"}
FLAGS = {b"e", b"d", b"nopad", b"a", b"base64", b"A", b"p", b"P", b"nosalt"}
HEX = b"0123456789abcdefABCDEF"


def set_hex(text, size, err):
    """Bytes of `size` from hex `text` as OpenSSL's set_hex reads it, or None."""
    if len(text) > 2 * size:
        err.append("hex string is too long, ignoring excess\n")
        text = text[: 2 * size]
    elif len(text) < 2 * size:
        err.append("hex string is too short, padding with zero bytes to length\n")
    if any(c not in HEX for c in text):
        err.append("non-hex digit\n")
        return None
    return bytes.fromhex((text + b"0" * (2 * size - len(text))).decode())


def main(argv, err):
    flags = set()
    values = {}
    cipher = None
    i = 0
    while i < len(argv) and argv[i].startswith(b"-"):
        a = argv[i]
        i += 1
        if a == b"--":
            break
        body = a[2:] if a.startswith(b"--") else a[1:]
        name, eq, value = body.partition(b"=")
        if name in VALUED:
            if not eq:
                if i == len(argv):
                    err.append(f"enc: Option -{name.decode()} needs a value\nenc: Use -help for summary.\n")
                    return 1
                value = argv[i]
                i += 1
            values[name] = value
        elif name in FLAGS:
            if name in (b"e", b"d"):
                flags.discard(b"e" if name == b"d" else b"d")
            if name in (b"p", b"P"):
                flags.discard(b"P" if name == b"p" else b"p")
            flags.add(b"a" if name == b"base64" else name)
        else:
            cipher = body.decode("utf-8", "surrogateescape")
    if i < len(argv):
        err.append("enc: Use -help for summary.\n")
        return 1
    spec = CIPHERS.get((cipher or "").lower())
    if spec is None:
        err.append(f"enc: Unknown cipher: {cipher}\nenc: Use -help for summary.\n"
                   f"{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:"
                   f"../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({cipher} : 0), Properties (<null>)\n")
        return 1
    decrypt, base64 = b"d" in flags, b"a" in flags
    if b"in" in values:
        name = values[b"in"].decode("utf-8", "surrogateescape")
        try:
            with open(values[b"in"], "rb") as f:
                data = f.read()
        except OSError:
            mode = "r" if decrypt and base64 else "rb"
            err.append(f'Can\'t open "{name}" for reading, No such file or directory\n'
                       f"{Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen({name}, {mode})\n"
                       f"{Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n")
            return 1
    else:
        data = sys.stdin.buffer.read()
    out = open(values[b"out"], "wb") if b"out" in values else sys.stdout.buffer
    if decrypt and base64:
        data = binascii.a2b_base64(b"".join(data.split()))
    kind, klen, ivlen, bs = spec
    iv = None
    if ivlen:
        if b"iv" not in values:
            err.append("iv undefined\n")
            return 1
        iv = set_hex(values[b"iv"], ivlen, err)
        if iv is None:
            err.append("invalid hex iv value\n")
            return 1
    elif b"iv" in values:
        err.append("warning: iv not used by this cipher\n")
    key = set_hex(values.get(b"K", b""), klen, err)
    if key is None:
        err.append("invalid hex key value\n")
        return 1
    if b"p" in flags or b"P" in flags:
        lines = ("" if b"nosalt" in flags else "salt=" + "00" * 8 + "\n") + "key=" + key.hex().upper() + "\n"
        if iv is not None:
            lines += "iv =" + iv.hex().upper() + "\n"
        sys.stdout.buffer.write(lines.encode())
        sys.stdout.buffer.flush()
        if b"P" in flags:
            return 0
    result, failure = crypt(spec, key, iv, data, decrypt, b"nopad" not in flags)
    if base64 and not decrypt:
        if failure:
            result = result[: len(result) - len(result) % 48]
        result = b64_lines(result, b"A" in flags)
    out.write(result)
    out.flush()
    if failure:
        err.append(failure)
        return 1
    return 0


if __name__ == "__main__":
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv[1:]]
    messages = []
    # The command name comes first: `openssl enc ...`.
    status = main(args[1:] if args[:1] == [b"enc"] else args, messages)
    sys.stderr.write("".join(messages))
    sys.exit(status)
