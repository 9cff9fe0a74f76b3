"""Buggy example for the basenc task in Python: decodes base16 in either case, where GNU
accepts only the upper-case digits it writes. Grade it with
`replica grade basenc tasks/basenc/examples-py/bug-base16-case-py/main.py`.
"""
import base64
import binascii
import os
import sys

PROG = sys.argv[0] or "basenc"
B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
B64URL = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B32HEX = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"
B16 = b"0123456789ABCDEF"
Z85 = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
Z85_VALUE = {c: i for i, c in enumerate(Z85)}
LONGS = ["decode", "wrap", "ignore-garbage", "base64", "base64url", "base32", "base32hex",
         "base16", "base2msbf", "base2lsbf", "z85", "help", "version"]
# What -i keeps besides '=' for each encoding. GNU tests Z85 membership with strchr,
# which also finds the string's terminating NUL.
KEEP = {"base64": B64, "base64url": B64URL, "base32": B32, "base32hex": B32HEX,
        "base16": B16, "base2msbf": b"01", "base2lsbf": b"01", "z85": Z85 + b"\0"}
# base32hex digits turned into the base32 letters of the same value.
HEX_TO_B32 = bytes.maketrans(B32HEX, B32)
B64URL_TO_B64 = bytes.maketrans(b"-_+/", b"+/\0\0")
# Characters of a base32 group that carry 1, 2, 3, 4 or 5 whole bytes.
NEEDS = [2, 4, 5, 7, 8]


class Failure(Exception):
    def __init__(self, message, usage=False):
        super().__init__()
        self.message = message
        self.usage = usage


def arg_bytes(arg):
    return arg.encode("utf-8", "surrogateescape")


def quoted(arg):
    """GNU's quoting of an argument in messages (C locale): 'text' with C escapes."""
    named = {7: b"\\a", 8: b"\\b", 12: b"\\f", 10: b"\\n", 13: b"\\r", 9: b"\\t", 11: b"\\v"}
    out = bytearray(b"'")
    for c in arg:
        if c in b"\\'":
            out += b"\\" + bytes([c])
        elif 0x20 <= c <= 0x7E:
            out.append(c)
        else:
            out += named.get(c) or b"\\%03o" % c
    return bytes(out) + b"'"


def shell_name(name):
    """GNU's shell-style quoting of a file name in messages (printable names)."""
    def alnum(c):
        return 0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A

    plain = len(name) > 0 and all(
        alnum(c) or c in b"%+,-./]_@" or (i > 0 and c in b"#~") or (c in b"{}" and len(name) > 1)
        for i, c in enumerate(name))
    if plain:
        return name
    double_ok = all(alnum(c) or c in b"%+,-./]_@: '" or (i == 0 and c in b"#~")
                    for i, c in enumerate(name))
    if double_ok and b"'" in name:
        return b'"' + name + b'"'
    return b"'" + name.replace(b"'", b"'\\''") + b"'"


def wrap_size(arg):
    """A wrap size like GNU's: blanks, a sign, decimal digits and nothing else."""
    text = arg.lstrip(b" \t\n\v\f\r")
    negative = text[:1] == b"-"
    if text[:1] in (b"+", b"-"):
        text = text[1:]
    if not text or not all(0x30 <= c <= 0x39 for c in text):
        raise Failure(b"invalid wrap size: " + quoted(arg))
    value = int(text)
    if negative:
        if value != 0:
            raise Failure(b"invalid wrap size: " + quoted(arg))
        return 0
    return 0 if value > 2**63 - 1 else value


def parse(args):
    settings = {"kind": None, "decode": False, "ignore": False, "wrap": 76}
    operands = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == b"--":
            operands.extend(args[i:])
            break
        if a.startswith(b"--"):
            name, eq, value = a[2:].partition(b"=")
            key = name.decode("latin-1")
            hits = [n for n in LONGS if n == key] or [n for n in LONGS if n.startswith(key)]
            if len(hits) > 1:
                listed = "".join(f" '--{h}'" for h in hits).encode()
                raise Failure(b"option '" + a + b"' is ambiguous; possibilities:" + listed, True)
            if not hits:
                raise Failure(b"unrecognized option '" + a + b"'", True)
            found = hits[0]
            if found == "wrap":
                if not eq:
                    if i >= len(args):
                        raise Failure(b"option '--wrap' requires an argument", True)
                    value = args[i]
                    i += 1
                settings["wrap"] = wrap_size(value)
            elif eq:
                raise Failure(b"option '--" + found.encode() + b"' doesn't allow an argument", True)
            elif found == "decode":
                settings["decode"] = True
            elif found == "ignore-garbage":
                settings["ignore"] = True
            elif found in ("help", "version"):
                return found
            else:
                settings["kind"] = found
        elif a.startswith(b"-") and a != b"-":
            p = 1
            while p < len(a):
                c = a[p:p + 1]
                if c == b"d":
                    settings["decode"] = True
                elif c == b"i":
                    settings["ignore"] = True
                elif c == b"w":
                    if p + 1 < len(a):
                        settings["wrap"] = wrap_size(a[p + 1:])
                    elif i < len(args):
                        settings["wrap"] = wrap_size(args[i])
                        i += 1
                    else:
                        raise Failure(b"option requires an argument -- 'w'", True)
                    break
                else:
                    raise Failure(b"invalid option -- '" + c + b"'", True)
                p += 1
        else:
            operands.append(a)
    if settings["kind"] is None:
        raise Failure(b"missing encoding type", True)
    if len(operands) > 1:
        raise Failure(b"extra operand " + quoted(operands[1]), True)
    settings["input"] = operands[0] if operands else b"-"
    return settings


def read_input(name):
    if name == b"-":
        try:
            return sys.stdin.buffer.read()
        except OSError as error:
            raise Failure(b"read error: " + os.strerror(error.errno).encode())
    try:
        fd = os.open(name, os.O_RDONLY)
    except OSError as error:
        raise Failure(shell_name(name) + b": " + os.strerror(error.errno).encode())
    chunks = []
    try:
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError as error:
        raise Failure(b"read error: " + os.strerror(error.errno).encode())
    finally:
        os.close(fd)
    return b"".join(chunks)


# ---- encoders --------------------------------------------------------------------------

def z85_encode(data):
    out = bytearray()
    for k in range(0, len(data), 4):
        n = int.from_bytes(data[k:k + 4], "big")
        five = bytearray(5)
        for slot in range(4, -1, -1):
            five[slot] = Z85[n % 85]
            n //= 85
        out += five
    return bytes(out)


def encode(kind, data):
    if kind == "base64":
        return base64.b64encode(data)
    if kind == "base64url":
        return base64.urlsafe_b64encode(data)
    if kind == "base32":
        return base64.b32encode(data)
    if kind == "base32hex":
        return base64.b32hexencode(data)
    if kind == "base16":
        return data.hex().upper().encode()
    if kind == "base2msbf":
        return "".join(format(b, "08b") for b in data).encode()
    if kind == "base2lsbf":
        return "".join(format(b, "08b")[::-1] for b in data).encode()
    return z85_encode(data)


def wrap(text, columns):
    if not columns:
        return text
    return b"".join(text[i:i + columns] + b"\n" for i in range(0, len(text), columns))


# ---- decoders: each returns (bytes, valid) and keeps the bytes decoded before an error --

def decode_b64(text):
    body = text.rstrip(b"=")
    if len(text) % 4 == 0 and len(text) - len(body) <= 2 and not body.translate(None, B64):
        try:
            return binascii.a2b_base64(text, strict_mode=True), True
        except binascii.Error:
            pass
    value = {c: i for i, c in enumerate(B64)}
    out = bytearray()
    for k in range(0, len(text), 4):
        q = text[k:k + 4]
        a = value.get(q[0]) if len(q) > 0 else None
        b = value.get(q[1]) if len(q) > 1 else None
        if a is None or b is None:
            return bytes(out), False
        out.append((a << 2 | b >> 4) & 0xFF)
        if len(q) == 2:
            return bytes(out), False
        if q[2] == 0x3D:
            if len(q) == 4 and q[3] == 0x3D:
                continue
            return bytes(out), False
        c = value.get(q[2])
        if c is None:
            return bytes(out), False
        out.append((b << 4 | c >> 2) & 0xFF)
        if len(q) == 3:
            return bytes(out), False
        if q[3] == 0x3D:
            continue
        d = value.get(q[3])
        if d is None:
            return bytes(out), False
        out.append((c << 6 | d) & 0xFF)
    return bytes(out), True


def decode_b32(text):
    body = text.rstrip(b"=")
    if len(text) % 8 == 0 and len(text) - len(body) in (0, 1, 3, 4, 6) \
            and not body.translate(None, B32):
        return base64.b32decode(text), True
    value = {c: i for i, c in enumerate(B32)}
    out = bytearray()
    for k in range(0, len(text), 8):
        group = text[k:k + 8]
        if len(group) < 8:
            return bytes(out), False
        known = 0
        bits = 0
        while known < 8 and group[known] in value:
            bits = bits << 5 | value[group[known]]
            known += 1
        whole = sum(1 for n in NEEDS if known >= n)
        bits <<= 5 * (8 - known)
        out += bits.to_bytes(5, "big")[:whole]
        if known == 8:
            continue
        if whole == 0 or known != NEEDS[whole - 1] or group[known:].strip(b"="):
            return bytes(out), False
    return bytes(out), True


def decode_b16(text):
    good = len(text) - len(text.lstrip(B16))
    pairs = good // 2 * 2
    out = bytes.fromhex(text[:pairs].decode())
    return out, good == len(text) and good % 2 == 0


def decode_b2(text, msb):
    good = len(text) - len(text.lstrip(b"01"))
    whole = good // 8 * 8
    out = bytearray()
    for k in range(0, whole, 8):
        bits = text[k:k + 8] if msb else text[k:k + 8][::-1]
        out.append(int(bits, 2))
    return bytes(out), good == len(text) and good % 8 == 0


def decode_z85(text):
    out = bytearray()
    for k in range(0, len(text), 5):
        group = text[k:k + 5]
        n = 0
        for c in group:
            d = Z85_VALUE.get(c)
            if d is None:
                return bytes(out), False
            n = n * 85 + d
        if len(group) < 5 or n > 0xFFFFFFFF:
            return bytes(out), False
        out += n.to_bytes(4, "big")
    return bytes(out), True


def decode(kind, text):
    if kind == "base64":
        return decode_b64(text)
    if kind == "base64url":
        # '+' and '/' must not pass as base64 characters, so they become NULs.
        return decode_b64(text.translate(B64URL_TO_B64))
    if kind == "base32":
        return decode_b32(text)
    if kind == "base32hex":
        # W, X, Y and Z are left alone and so stay invalid.
        return decode_b32(text.translate(HEX_TO_B32))
    if kind == "base16":
        return decode_b16(text.upper())
    if kind in ("base2msbf", "base2lsbf"):
        return decode_b2(text, kind == "base2msbf")
    return decode_z85(text)


def run(args):
    settings = parse(args)
    if settings == "help":
        sys.stdout.buffer.write(f"Usage: {PROG} [OPTION]... [FILE]\n".encode())
        return
    if settings == "version":
        sys.stdout.buffer.write(b"basenc (example submission)\n")
        return
    data = read_input(settings["input"])
    kind = settings["kind"]
    out = sys.stdout.buffer
    if not settings["decode"]:
        columns = settings["wrap"]
        if kind == "z85" and len(data) % 4:
            # GNU encodes 30720-byte blocks; the bad last block is never written and the
            # line is left open.
            whole = len(data) // 30720 * 30720
            text = wrap(encode(kind, data[:whole]), columns)
            if columns and whole and text.endswith(b"\n"):
                text = text[:-1]
            out.write(text)
            raise Failure(b"invalid input (length must be multiple of 4 characters)")
        out.write(wrap(encode(kind, data), columns))
        return
    if settings["ignore"]:
        drop = bytes(c for c in range(256) if c not in KEEP[kind] + b"=")
        data = data.translate(None, drop)
    if kind == "base64url" and not settings["ignore"]:
        # GNU reads 5600-byte blocks and rejects a block holding '+' or '/' before
        # decoding any of it. The blocks before it were decoded, except for a last partial
        # group, which was still waiting for the rest of its characters.
        before = []
        rejected = False
        for k in range(0, len(data), 5600):
            block = data[k:k + 5600]
            if b"+" in block or b"/" in block:
                rejected = True
                break
            before.append(block.replace(b"\n", b""))
        text = b"".join(before)
        if rejected:
            decoded, _ = decode(kind, text[:len(text) // 4 * 4])
            ok = False
        else:
            decoded, ok = decode(kind, text)
    else:
        decoded, ok = decode(kind, data.replace(b"\n", b""))
    out.write(decoded)
    if not ok:
        raise Failure(b"invalid input")


def main():
    try:
        run([arg_bytes(a) for a in sys.argv[1:]])
    except Failure as failure:
        sys.stdout.flush()
        prog = arg_bytes(PROG)
        message = prog + b": " + failure.message + b"\n"
        if failure.usage:
            message += b"Try '" + prog + b" --help' for more information.\n"
        sys.stderr.buffer.write(message)
        sys.stderr.flush()
        return 1
    return 0


sys.exit(main())
