"""Example submission for the sum task in Python: a correct sum (BSD and System V
checksums) written from spec.md. Grade it with
`replica grade sum tasks/sum/examples-py/correct-py/main.py`.
"""
import os
import sys

LONG_OPTIONS = [("sysv", "s"), ("help", "H"), ("version", "V")]


class Usage(Exception):
    pass


def parse(args):
    """Returns (sysv, operands) or "help"/"version"; raises Usage."""
    sysv = False
    operands = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == b"--":
            operands.extend(args[i:])
            break
        if arg.startswith(b"--"):
            spec = arg[2:]
            name, eq, _ = spec.partition(b"=")
            exact = [o for o in LONG_OPTIONS if o[0].encode() == name]
            candidates = exact or [o for o in LONG_OPTIONS if o[0].encode().startswith(name)]
            if not candidates:
                raise Usage(b"unrecognized option '--" + spec + b"'")
            if len(candidates) > 1:
                listed = "".join(f" '--{full}'" for full, _ in candidates)
                raise Usage(b"option '--" + spec + b"' is ambiguous; possibilities:" + listed.encode())
            full, code = candidates[0]
            if eq:
                raise Usage(b"option '--" + full.encode() + b"' doesn't allow an argument")
            if code == "H":
                return "help"
            if code == "V":
                return "version"
            sysv = True
        elif arg.startswith(b"-") and len(arg) > 1:
            for letter in arg[1:]:
                if letter == 0x72:
                    sysv = False
                elif letter == 0x73:
                    sysv = True
                else:
                    raise Usage(b"invalid option -- '" + bytes([letter]) + b"'")
        else:
            operands.append(arg)
    return sysv, operands


def c_escape(c):
    named = {7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}
    return (named.get(c) or "\\%03o" % c).encode()


BARE = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%+,-./]_@")


def kind(name, i):
    c = name[i]
    if c == 0x27:
        return "apostrophe"
    if c in BARE or (c in b"#~" and i > 0) or (c in b"{}" and len(name) > 1):
        return "bare"
    if 0x20 <= c <= 0x7E:
        return "quote"
    return "escape"


def single_quoted(name, in_dollar):
    out = bytearray(b"'")
    for i, c in enumerate(name):
        k = kind(name, i)
        if k == "escape":
            if not in_dollar:
                out += b"'$'"
                in_dollar = True
            out += c_escape(c)
        elif k == "apostrophe":
            out += b"'\\''"
            in_dollar = False
        else:
            if in_dollar:
                out += b"''"
                in_dollar = False
            out.append(c)
    out += b"'"
    return bytes(out), in_dollar


def quote(name):
    """A file name as GNU 9.1 shows it in a diagnostic (shell-escape style)."""
    if name and all(kind(name, i) == "bare" for i in range(len(name))):
        return name
    if b"'" not in name:
        return single_quoted(name, False)[0]

    def double_ok(i):
        c = name[i]
        return (chr(c).isalnum() and c < 128) or c in b"%+,-./:]_@ '" or (
            c in b"#~" and i == 0) or (c in b"{}" and len(name) == 1)

    if all(double_ok(i) for i in range(len(name))):
        return b'"' + name + b'"'
    _, open_at_end = single_quoted(name, False)
    return single_quoted(name, open_at_end)[0]


def describe(error):
    if isinstance(error, FileNotFoundError):
        return "No such file or directory"
    if isinstance(error, IsADirectoryError):
        return "Is a directory"
    if isinstance(error, NotADirectoryError):
        return "Not a directory"
    if isinstance(error, PermissionError):
        return "Permission denied"
    return "Input/output error"


def read_all(name):
    if name == b"-":
        return sys.stdin.buffer.read()
    if not name:
        raise FileNotFoundError(2, "No such file or directory")
    fd = os.open(name, os.O_RDONLY)
    try:
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def bsd(data):
    # The rotation as a table, so each byte costs one lookup and one addition: rotating
    # right moves bit 0 to bit 15, so even c give c / 2 and odd c give 32768 + c // 2. The
    # table runs 255 entries past 65535 so the sum needs no mask until the end, and the
    # loop takes eight bytes a turn (CPython's per-turn overhead is most of the cost).
    r = [0] * 65536
    r[0::2] = range(32768)
    r[1::2] = range(32768, 65536)
    r += r[:255]
    c = 0
    n = len(data) & ~7
    it = iter(data[:n])
    for a, b, d, e, f, g, h, i in zip(it, it, it, it, it, it, it, it):
        c = r[r[r[r[r[r[r[r[c] + a] + b] + d] + e] + f] + g] + h] + i
    for b in data[n:]:
        c = r[c] + b
    checksum = c & 0xFFFF
    return b"%05d %5d" % (checksum, (len(data) + 1023) // 1024)


def sysv(data):
    s = sum(data) & 0xFFFFFFFF
    r = (s & 0xFFFF) + (s >> 16)
    return b"%d %d" % ((r & 0xFFFF) + (r >> 16), (len(data) + 511) // 512)


def main():
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv]
    program = args.pop(0) if args else b"sum"
    try:
        parsed = parse(args)
    except Usage as usage:
        sys.stderr.buffer.write(program + b": " + usage.args[0] + b"\nTry '" + program
                                + b" --help' for more information.\n")
        return 1
    if parsed == "help":
        sys.stdout.buffer.write(b"Usage: " + program + b" [OPTION]... [FILE]...\n")
        return 0
    if parsed == "version":
        sys.stdout.buffer.write(b"sum (example) 1.0\n")
        return 0
    use_sysv, operands = parsed
    out = []
    good = True
    for name in operands or [b"-"]:
        try:
            data = read_all(name)
        except OSError as error:
            sys.stderr.buffer.write(program + b": " + quote(name) + b": " + describe(error).encode() + b"\n")
            good = False
            continue
        line = sysv(data) if use_sysv else bsd(data)
        out.append(line + (b" " + name if operands else b"") + b"\n")
    sys.stdout.buffer.write(b"".join(out))
    return 0 if good else 1


sys.exit(main())
