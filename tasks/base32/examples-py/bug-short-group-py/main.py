"""Buggy example for the base32 task in Python: decodes a last group that lacks its `=`
padding as if it were padded, where GNU decodes what it can and reports invalid input.
Grade it with `replica grade base32 tasks/base32/examples-py/bug-short-group-py/main.py`.
"""
import base64
import os
import sys

PROG = sys.argv[0] or "base32"
ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
VALUE = {c: i for i, c in enumerate(ALPHABET)}
# With -i, every byte outside the alphabet and '=' is dropped.
GARBAGE = bytes(c for c in range(256) if c not in ALPHABET + b"=")
LONGS = ["decode", "wrap", "ignore-garbage", "help", "version"]
# Characters of a group that carry 1, 2, 3, 4 or 5 whole bytes.
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


def decode(text):
    """Decodes filtered text: the bytes it gives and whether all of it was valid."""
    # Fast path: whole groups of alphabet characters with padding only at the very end.
    body = text.rstrip(b"=")
    if len(text) % 8 == 0 and len(text) - len(body) in (0, 1, 3, 4, 6) \
            and not body.translate(None, ALPHABET):
        return base64.b32decode(text), True
    out = bytearray()
    for k in range(0, len(text), 8):
        group = text[k:k + 8]
        group = group.ljust(8, b"=")
        known = 0
        bits = 0
        while known < 8 and group[known] in VALUE:
            bits = bits << 5 | VALUE[group[known]]
            known += 1
        whole = sum(1 for n in NEEDS if known >= n)
        bits <<= 5 * (8 - known)
        out += bits.to_bytes(5, "big")[:whole]
        if known == 8:
            continue
        if whole == 0 or known != NEEDS[whole - 1] or group[known:].strip(b"="):
            return bytes(out), False
    return bytes(out), True


def encode(data, wrap):
    text = base64.b32encode(data)
    if not wrap:
        return text
    return b"".join(text[i:i + wrap] + b"\n" for i in range(0, len(text), wrap))


def parse(args):
    settings = {"decode": False, "ignore": False, "wrap": 76}
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
            else:
                return found
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


def run(args):
    settings = parse(args)
    if settings == "help":
        sys.stdout.buffer.write(f"Usage: {PROG} [OPTION]... [FILE]\n".encode())
        return
    if settings == "version":
        sys.stdout.buffer.write(b"base32 (example submission)\n")
        return
    data = read_input(settings["input"])
    if settings["decode"]:
        if settings["ignore"]:
            text = data.translate(None, GARBAGE)
        else:
            text = data.replace(b"\n", b"")
        out, ok = decode(text)
        sys.stdout.buffer.write(out)
        if not ok:
            raise Failure(b"invalid input")
    else:
        sys.stdout.buffer.write(encode(data, settings["wrap"]))


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
