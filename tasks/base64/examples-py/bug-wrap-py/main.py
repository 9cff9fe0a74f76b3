"""Example submission for the base64 task in Python, with a bug: lines wrap at 64 columns
by default instead of 76. Otherwise written from
spec.md. Grade it with `replica grade base64 tasks/base64/examples-py/bug-wrap-py/main.py`.
"""
import binascii
import os
import sys

PROG = sys.argv[0] or "base64"
ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
VALUE = {c: i for i, c in enumerate(ALPHABET)}
# With -i, every byte outside the alphabet and '=' is dropped.
GARBAGE = bytes(c for c in range(256) if c not in ALPHABET + b"=")
LONGS = ["decode", "wrap", "ignore-garbage", "help", "version"]


def fail(message, usage=False):
    sys.stdout.flush()
    sys.stderr.buffer.write(PROG.encode("utf-8", "surrogateescape") + b": " + message + b"\n")
    if usage:
        sys.stderr.write(f"Try '{PROG} --help' for more information.\n")
    sys.exit(1)


def escape(c):
    named = {7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}
    return (named.get(c) or "\\%03o" % c).encode()


def quoted(arg):
    """GNU's quoting of an argument in messages (C locale): 'text' with C escapes."""
    out = b"'"
    for c in arg:
        if c in b"\\'":
            out += b"\\" + bytes([c])
        elif 0x20 <= c <= 0x7E:
            out += bytes([c])
        else:
            out += escape(c)
    return out + b"'"


def shell_name(name):
    """GNU's shell-style quoting of a file name in messages."""
    n = len(name)
    plain = n > 0
    double_ok = True
    has_quote = False
    for i, c in enumerate(name):
        alnum = c in ALPHABET and c not in b"+/"
        start_char = c in b"#~"
        brace = c in b"{}"
        if not (alnum or c in b"%+,-./]_@" or (start_char and i > 0) or (brace and n > 1)) or c == 0:
            plain = False
        if not (alnum or c in b"%+,-./]_@: '" or (start_char and i == 0)) or c == 0:
            double_ok = False
        if c == 0x27:
            has_quote = True
    if plain:
        return name
    if has_quote and double_ok:
        return b'"' + name + b'"'
    out = b"'"
    escaping = False
    for c in name:
        if c == 0x27:
            out += b"'\\''"
            escaping = False
        elif 0x20 <= c <= 0x7E:
            if escaping:
                out += b"''"
            escaping = False
            out += bytes([c])
        else:
            if not escaping:
                out += b"'$'"
            escaping = True
            out += escape(c)
    return out + b"'"


def wrap_size(arg):
    """A wrap size like GNU's: blanks, a sign, decimal digits and nothing else."""
    text = arg.lstrip(b" \t\n\v\f\r")
    negative = text[:1] == b"-"
    if text[:1] in (b"+", b"-"):
        text = text[1:]
    if not text or not text.isdigit():
        fail(b"invalid wrap size: " + quoted(arg))
    value = int(text)
    if negative:
        if value != 0:
            fail(b"invalid wrap size: " + quoted(arg))
        return 0
    return 0 if value > 2**63 - 1 else value


def decode(data, garbage):
    if garbage:
        data = data.translate(None, GARBAGE)
    else:
        data = data.replace(b"\n", b"")
    # Fast path: whole groups, padding only at the end.
    body = data.rstrip(b"=")
    if len(data) % 4 == 0 and len(data) - len(body) <= 2 and not body.strip(ALPHABET):
        try:
            return binascii.a2b_base64(data, strict_mode=True), True
        except binascii.Error:
            pass
    out = bytearray()
    for k in range(0, len(data), 4):
        q = data[k:k + 4]
        a = VALUE.get(q[0]) if len(q) > 0 else None
        b = VALUE.get(q[1]) if len(q) > 1 else None
        if len(q) < 2 or a is None or b is None:
            return bytes(out), False
        out.append((a << 2 | b >> 4) & 0xFF)
        if len(q) == 2:
            return bytes(out), False
        if q[2] == 0x3D:
            if len(q) == 4 and q[3] == 0x3D:
                continue
            return bytes(out), False
        c = VALUE.get(q[2])
        if c is None:
            return bytes(out), False
        out.append((b << 4 | c >> 2) & 0xFF)
        if len(q) == 3:
            return bytes(out), False
        if q[3] == 0x3D:
            continue
        d = VALUE.get(q[3])
        if d is None:
            return bytes(out), False
        out.append((c << 6 | d) & 0xFF)
    return bytes(out), True


def encode(data, wrap):
    text = binascii.b2a_base64(data, newline=False)
    if not wrap:
        return text
    lines = [text[i:i + wrap] for i in range(0, len(text), wrap)]
    return b"\n".join(lines) + b"\n" if lines else b""


def main():
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv[1:]]
    do_decode = False
    garbage = False
    wrap = 64  # the bug: GNU wraps at 76
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
            key = name.decode("utf-8", "surrogateescape")
            hits = [l for l in LONGS if l == key] or [l for l in LONGS if l.startswith(key)]
            if len(hits) > 1:
                listed = "".join(f" '--{h}'" for h in hits)
                fail(b"option '" + a + b"' is ambiguous; possibilities:" + listed.encode(), True)
            if not hits:
                fail(b"unrecognized option '" + a + b"'", True)
            found = hits[0]
            if found == "wrap":
                if not eq:
                    if i >= len(args):
                        fail(b"option '--wrap' requires an argument", True)
                    value = args[i]
                    i += 1
                wrap = wrap_size(value)
            elif eq:
                fail(b"option '--" + found.encode() + b"' doesn't allow an argument", True)
            elif found == "decode":
                do_decode = True
            elif found == "ignore-garbage":
                garbage = True
            else:
                sys.stdout.write(f"Usage: {PROG} [-d] [-i] [-w COLS] [FILE]\n")
                return 0
        elif a.startswith(b"-") and a != b"-":
            p = 1
            while p < len(a):
                c = a[p:p + 1]
                if c == b"d":
                    do_decode = True
                elif c == b"i":
                    garbage = True
                elif c == b"w":
                    if p + 1 < len(a):
                        wrap = wrap_size(a[p + 1:])
                    elif i < len(args):
                        wrap = wrap_size(args[i])
                        i += 1
                    else:
                        fail(b"option requires an argument -- 'w'", True)
                    break
                else:
                    fail(b"invalid option -- '" + c + b"'", True)
                p += 1
        else:
            operands.append(a)
    if len(operands) > 1:
        fail(b"extra operand " + quoted(operands[1]), True)
    name = operands[0] if operands else b"-"
    if name == b"-":
        data = sys.stdin.buffer.read()
    else:
        try:
            fd = os.open(name, os.O_RDONLY)
        except OSError as error:
            fail(shell_name(name) + b": " + os.strerror(error.errno).encode())
        try:
            chunks = []
            while True:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
            data = b"".join(chunks)
        except OSError as error:
            fail(b"read error: " + os.strerror(error.errno).encode())
    if do_decode:
        out, ok = decode(data, garbage)
        sys.stdout.buffer.write(out)
        if not ok:
            fail(b"invalid input")
    else:
        sys.stdout.buffer.write(encode(data, wrap))
    return 0


sys.exit(main())
