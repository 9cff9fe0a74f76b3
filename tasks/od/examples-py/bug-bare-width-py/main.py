"""Buggy example for the od task in Python: `-w` without a value gives 16 bytes per line,
the default width, where GNU takes 32. Grade it with
`replica grade od tasks/od/examples-py/bug-bare-width-py/main.py`.
"""
import errno
import math
import os
import stat
import sys

REASONS = {errno.ENOENT: "No such file or directory", errno.EISDIR: "Is a directory",
           errno.ENOTDIR: "Not a directory", errno.EACCES: "Permission denied"}
# Long options: name, letter, 0 = no value, 1 = a value, 2 = an optional value.
LONGS = [("skip-bytes", "j", 1), ("address-radix", "A", 1), ("read-bytes", "N", 1),
         ("format", "t", 1), ("output-duplicates", "v", 0), ("strings", "S", 2),
         ("traditional", "T", 0), ("width", "w", 2), ("endian", "E", 1), ("help", "h", 0),
         ("version", "V", 0)]
# The traditional options' types.
ALIASES = {"a": "a", "b": "o1", "c": "c", "D": "u4", "d": "u2", "e": "fD", "F": "fD",
           "f": "fF", "H": "x4", "X": "x4", "i": "dI", "I": "dL", "L": "dL", "l": "dL",
           "O": "o4", "o": "o2", "B": "o2", "s": "d2", "h": "x2", "x": "x2"}
WIDTHS = {"d": [4, 6, 11, 20], "u": [3, 5, 10, 20], "o": [3, 6, 11, 22], "x": [2, 4, 8, 16],
          "f": [0, 0, 14, 24, 29]}
NAMED = ["nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt",
         "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
         "can", "em", "sub", "esc", "fs", "gs", "rs", "us", "sp"]
ESCAPED = {0: "\\0", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}
MULTIPLIERS = "bEGKkMmPTYZ0"


class Fail(Exception):
    def __init__(self, message, status=1):
        super().__init__()
        self.message = message
        self.status = status


def name_quote(name):
    """A file name in messages: bare when harmless, else in quotes."""
    def ok(c, extra):
        return c.isascii() and (c.isalnum() or c in "%+,-./:_@" + extra)

    if name and all(ok(c, "") for c in name):
        return name
    if "'" in name and all(ok(c, " '") for c in name):
        return f'"{name}"'
    return "'" + name.replace("'", "'\\''") + "'"


class Type:
    def __init__(self, kind, size, width, z):
        self.kind = kind
        self.size = size
        self.width = width
        self.z = z
        self.pad = 0


def parse_type(s, types, err):
    """Parses a -t string; errors go to err and make it return False."""
    q = "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"
    i = 0
    while i < len(s):
        kind = s[i]
        i += 1
        if kind not in "douxacf":
            err.append(f"od: invalid character '{kind}' in type string {q}\n")
            return False
        size = 1
        if kind in "douxf":
            letter = s[i:i + 1]
            if kind == "f":
                by_letter = {"F": 4, "D": 8, "L": 16}.get(letter)
            else:
                by_letter = {"C": 1, "S": 2, "I": 4, "L": 8}.get(letter)
            if by_letter is not None:
                size = by_letter
                i += 1
            else:
                k = i
                while k < len(s) and s[k] in "0123456789":
                    k += 1
                digits = s[i:k]
                if not digits:
                    size = 8 if kind == "f" else 4
                else:
                    n = int(digits)
                    if n >= 1 << 64:
                        err.append(f"od: invalid type string {q}\n")
                        return False
                    if n not in ((4, 8, 16) if kind == "f" else (1, 2, 4, 8)):
                        what = "floating point" if kind == "f" else "integral"
                        err.append(f"od: invalid type string {q};\n"
                                   f"this system doesn't provide a {n}-byte {what} type\n")
                        return False
                    size = n
                    i = k
        width = 3 if kind in "ac" else WIDTHS[kind][size.bit_length() - 1]
        z = s[i:i + 1] == "z"
        if z:
            i += 1
        types.append(Type(kind, size, width, z))
    return True


class NumberError(Exception):
    """0: invalid, 1: invalid suffix, 2: too large."""

    def __init__(self, kind):
        super().__init__()
        self.kind = kind


def number(s, base, suffixes):
    """gnulib's xstrtoumax with od's suffixes."""
    t = s.lstrip(" \t\n\r\v\f")
    if t.startswith("-"):
        raise NumberError(0)
    body = t[1:] if t.startswith("+") else t
    digits_from = 0
    hex_start = body[:2] in ("0x", "0X")
    if base == 0:
        if hex_start and body[2:3] and body[2] in "0123456789abcdefABCDEF":
            radix, digits_from = 16, 2
        elif body.startswith("0"):
            radix = 8
        else:
            radix = 10
    elif base == 16 and hex_start:
        radix, digits_from = 16, 2
    else:
        radix = base
    allowed = "0123456789abcdef"[:radix]
    k = digits_from
    while k < len(body) and body[k].lower() in allowed and body[k].isascii():
        k += 1
    digits = body[digits_from:k]
    big = False
    if not digits:
        if s[:1] and s[0] in suffixes:
            value = 1
        else:
            raise NumberError(0)
        rest = s
    else:
        value = int(digits, radix)
        if value >= 1 << 64:
            big = True
            value = (1 << 64) - 1
        rest = s[len(s) - len(body) + k:]
    if not rest:
        if big:
            raise NumberError(2)
        return value
    first = rest[0]
    if first not in suffixes:
        raise NumberError(1)
    unit, length = 1024, 1
    if first in "EGgkKMmPTtYZ" and "0" in suffixes:
        if rest[1:3] == "iB":
            length = 3
        elif rest[1:2] in ("B", "D"):
            unit, length = 1000, 2
    powers = {"b": (512, 1), "B": (1024, 1), "c": (1, 1), "w": (2, 1), "k": (unit, 1),
              "K": (unit, 1), "M": (unit, 2), "m": (unit, 2), "G": (unit, 3), "g": (unit, 3),
              "T": (unit, 4), "t": (unit, 4), "P": (unit, 5), "E": (unit, 6), "Z": (unit, 7),
              "Y": (unit, 8)}
    if first not in powers:
        raise NumberError(1)
    factor, times = powers[first]
    value *= factor ** times
    if value >= 1 << 64:
        big = True
    if len(rest) > length:
        raise NumberError(1)
    if big:
        raise NumberError(2)
    return value


def usage(message):
    return Fail(f"od: {message}\nTry 'od --help' for more information.\n")


class Settings:
    def __init__(self):
        self.types = []
        self.radix = "o"
        self.skip = 0
        self.limit = None
        self.strings = None
        self.width = None
        self.squeeze = True
        self.modern = False
        self.ok = True
        self.operands = []
        self.stop = None  # text for standard output when --help or --version ends it

    def apply(self, letter, value, shown, err):
        def num(base, suffixes):
            try:
                return number(value, base, suffixes)
            except NumberError as error:
                message = [f"invalid {shown} argument '{value}'",
                           f"invalid suffix in {shown} argument '{value}'",
                           f"{shown} argument '{value}' too large"][error.kind]
                raise Fail(f"od: {message}\n")

        if letter in "AjNStvw":
            self.modern = True
        if letter == "A":
            first = value[:1]
            if first not in ("d", "o", "x", "n"):
                raise Fail(f"od: invalid output address radix '{first or chr(0)}'; "
                           "it must be one character from [doxn]\n")
            self.radix = first
        elif letter == "j":
            self.skip = num(0, MULTIPLIERS)
        elif letter == "N":
            self.limit = num(0, MULTIPLIERS)
        elif letter == "S":
            self.strings = 3 if value is None else num(0, MULTIPLIERS)
        elif letter == "t":
            self.ok &= parse_type(value, self.types, err)
        elif letter == "v":
            self.squeeze = False
        elif letter == "w":
            self.width = 16 if value is None else num(10, "")
        elif letter in "TE":
            pass
        elif letter == "h" and shown == "--help":
            self.stop = "Usage: od [OPTION]... [FILE]...\n"
        elif letter == "V":
            self.stop = "od (example)\n"
        else:
            self.ok &= parse_type(ALIASES[letter], self.types, err)


def settings_from(args, err):
    """getopt_long's reading of the arguments, each word's options applied in turn."""
    s = Settings()
    i = 0
    while i < len(args) and s.stop is None:
        a = args[i]
        i += 1
        found = []
        if a == "--":
            s.operands += args[i:]
            break
        if a.startswith("--"):
            body = a[2:]
            name, eq, value = body.partition("=")
            hits = [l for l in LONGS if l[0] == name] or [l for l in LONGS if l[0].startswith(name)]
            if not hits:
                raise usage(f"unrecognized option '--{body}'")
            if len(hits) > 1:
                listed = "".join(f" '--{l[0]}'" for l in hits)
                raise usage(f"option '--{body}' is ambiguous; possibilities:{listed}")
            full, letter, takes = hits[0]
            if takes == 0 and eq:
                raise usage(f"option '--{full}' doesn't allow an argument")
            if takes == 0 or (takes == 2 and not eq):
                found.append((letter, None, "--" + full))
            elif eq:
                found.append((letter, value, "--" + full))
            elif i < len(args):
                found.append((letter, args[i], "--" + full))
                i += 1
            else:
                raise usage(f"option '--{full}' requires an argument")
        elif len(a) > 1 and a.startswith("-"):
            k = 1
            while k < len(a):
                c = a[k]
                k += 1
                rest = a[k:]
                if c in "AjNtS":
                    if rest:
                        value = rest
                    elif i < len(args):
                        value = args[i]
                        i += 1
                    else:
                        raise usage(f"option requires an argument -- '{c}'")
                    found.append((c, value, "-" + c))
                    break
                if c == "w":
                    found.append((c, rest or None, "-w"))
                    break
                if c in ALIASES or c == "v":
                    found.append((c, None, "-" + c))
                else:
                    raise usage(f"invalid option -- '{c}'")
        else:
            s.operands.append(a)
        for letter, value, shown in found:
            s.apply(letter, value, shown, err)
            if s.stop is not None:
                break
    return s


def operand_offset(text):
    """A POSIX operand offset, or None."""
    if not text:
        return None
    body = text[1:] if text.startswith("+") else text
    if "." in body:
        base = 10
    elif body[:2] in ("0x", "0X"):
        base = 16
    else:
        base = 8
    try:
        return number(body, base, "Bb")
    except NumberError:
        return None


def read_fd(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def gather(operands, err):
    """All the input: (data, whether any file opened, whether some file failed)."""
    data = []
    opened = failed = False
    for name in operands:
        if name == "-":
            opened = True
            data.append(sys.stdin.buffer.read())
            continue
        try:
            fd = os.open(name.encode("utf-8", "surrogateescape"), os.O_RDONLY)
        except OSError as error:
            err.append(f"od: {name_quote(name)}: {REASONS.get(error.errno, 'Input/output error')}\n")
            failed = True
            continue
        opened = True
        try:
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                raise IsADirectoryError(errno.EISDIR, "Is a directory")
            data.append(read_fd(fd))
        except OSError as error:
            err.append(f"od: {name_quote(name)}: {REASONS.get(error.errno, 'Input/output error')}\n")
            failed = True
        finally:
            os.close(fd)
    return b"".join(data), opened, failed


def field_text(t, chunk):
    v = int.from_bytes(chunk, "little")
    kind = t.kind
    if kind == "d":
        if v >> (8 * t.size - 1):
            v -= 1 << (8 * t.size)
        return str(v)
    if kind == "u":
        return str(v)
    if kind == "o":
        return format(v, "0%do" % t.width)
    if kind == "x":
        return format(v, "0%dx" % t.width)
    if kind == "a":
        c = chunk[0] & 0x7F
        return "del" if c == 127 else NAMED[c] if c <= 32 else chr(c)
    if kind == "c":
        c = chunk[0]
        if c in ESCAPED:
            return ESCAPED[c]
        return chr(c) if 32 <= c < 127 else "%03o" % c
    return repr(float(v))


def run(out, err):
    s = settings_from(sys.argv[1:], err)
    if s.stop is not None:
        out.append(s.stop.encode())
        return 0
    if not s.ok:
        return 1
    types = s.types
    if s.strings is not None and types:
        raise Fail("od: no type may be specified when dumping strings\n")
    operands = s.operands
    skip = s.skip
    if not s.modern:
        if len(operands) == 1 and operands[0].startswith("+"):
            offset = operand_offset(operands[0])
            if offset is not None:
                skip = offset
                operands = []
        elif len(operands) == 2 and operands[1][:1] and (operands[1][0] == "+" or operands[1][0] in "0123456789"):
            offset = operand_offset(operands[1])
            if offset is not None:
                skip = offset
                operands = operands[:1]
    limit = s.limit
    if limit is not None and skip + limit >= 1 << 64:
        raise Fail("od: skip-bytes + read-bytes is too large\n")
    if not types:
        parse_type("o2", types, err)
    data, opened, failed = gather(operands or ["-"], err)
    if not opened:
        return 1
    if len(data) < skip:
        raise Fail("od: cannot skip past end of combined input\n")
    body = data[skip:]
    if limit is not None:
        body = body[:limit]
    radix = s.radix
    pad_len = {"x": 6, "n": 0}.get(radix, 7)
    formats = {"d": "%07d", "x": "%06x", "o": "%07o"}

    def address(a):
        return formats[radix] % a if radix != "n" else ""

    if s.strings is not None:
        strings(body, skip, limit, len(data), s.strings, radix, address, out)
        return int(failed)
    lcm = 1
    for t in types:
        lcm = lcm * t.size // math.gcd(lcm, t.size)
    width = s.width
    if width is None:
        per_line = 16 // lcm * lcm if lcm < 16 else lcm
    elif width != 0 and width % lcm == 0:
        per_line = width
    else:
        err.append(f"od: warning: invalid width {width}; using {lcm} instead\n")
        per_line = lcm
    widest = max((t.width + 1) * (per_line // t.size) for t in types)
    for t in types:
        t.pad = widest - t.width * (per_line // t.size)
    previous = None
    star = False
    offset = skip
    for k in range(0, len(body), per_line):
        line = body[k:k + per_line]
        if s.squeeze and len(line) == per_line and line == previous:
            if not star:
                out.append(b"*\n")
                star = True
            offset += per_line
            continue
        star = False
        previous = line
        block = line.ljust(-(-len(line) // lcm) * lcm, b"\0")
        text = []
        for ti, t in enumerate(types):
            text.append(address(offset) if ti == 0 else " " * pad_len)
            fields = per_line // t.size
            blank = (per_line - len(line)) // t.size
            for f in range(fields - blank):
                col = t.width + t.pad * (fields - f) // fields - t.pad * (fields - f - 1) // fields
                text.append(field_text(t, block[f * t.size:(f + 1) * t.size]).rjust(col))
            if t.z:
                text.append(" " * (blank * t.width + t.pad * blank // fields) + "  >")
                text.append("".join(chr(c) if 32 <= c < 127 else "." for c in line) + "<")
            text.append("\n")
        out.append("".join(text).encode("latin-1"))
        offset += len(line)
    if radix != "n":
        out.append((address(offset) + "\n").encode())
    return int(failed)


def strings(body, skip, limit, total, minimum, radix, address, out):
    """-S: runs of at least `minimum` printable characters ended by a NUL."""
    def show(start_address, text):
        out.append(address(start_address).encode() + (b" " if radix != "n" else b"") + text + b"\n")

    k = 0
    n = len(body)
    while k < n:
        start = k
        run = 0
        restart = False
        while k < n:
            c = body[k]
            k += 1
            if c == 0 and run >= minimum:
                show(skip + start, body[start:start + run])
                restart = True
                break
            if not 32 <= c < 127:
                restart = True
                break
            run += 1
        if restart:
            continue
        # The end: with -N, a string that reaches the limit is printed anyway, if it
        # started more than `minimum` bytes before the limit.
        if limit is not None and total - skip >= limit and run > minimum:
            show((skip + n - run - 1) & ((1 << 64) - 1), body[start:start + run])
        break


def main():
    out = []
    err = []
    try:
        status = run(out, err)
    except Fail as fail:
        err.append(fail.message)
        status = fail.status
    sys.stdout.buffer.write(b"".join(out))
    sys.stdout.flush()
    sys.stderr.buffer.write("".join(err).encode("utf-8", "surrogateescape"))
    sys.stderr.flush()
    return status


sys.exit(main())
