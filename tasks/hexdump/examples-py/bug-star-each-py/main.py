"""Buggy example for the hexdump task in Python: prints a `*` line for every repeated block
instead of one `*` for a whole run of them. Grade it with
`replica grade hexdump tasks/hexdump/examples-py/bug-star-each-py/main.py`.
"""
import errno
import os
import stat
import sys

REASONS = {errno.ENOENT: "No such file or directory", errno.EISDIR: "Is a directory",
           errno.ENOTDIR: "Not a directory", errno.EACCES: "Permission denied"}
SPACE = b" \t\n\r\v\f"
DIGITS = b"0123456789"
NAMES = ["nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt",
         "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
         "can", "em", "sub", "esc", "fs", "gs", "rs", "us"]
ESCAPED = {0: b"\\0", 7: b"\\a", 8: b"\\b", 12: b"\\f", 10: b"\\n", 13: b"\\r", 9: b"\\t",
           11: b"\\v"}
# Long options: name, letter, 0 = no value, 1 = a value, 2 = an optional value.
LONGS = [("one-byte-octal", "b", 0), ("one-byte-char", "c", 0), ("canonical", "C", 0),
         ("two-bytes-decimal", "d", 0), ("two-bytes-octal", "o", 0),
         ("two-bytes-hex", "x", 0), ("format", "e", 1), ("format-file", "f", 1),
         ("color", "L", 2), ("length", "n", 1), ("skip", "s", 1), ("no-squeezing", "v", 0),
         ("help", "h", 0), ("version", "V", 0)]
OFFSET7 = b'"%07.7_Ax\\n"'
BUILTIN = {
    "b": [OFFSET7, b'"%07.7_ax " 16/1 "%03o " "\\n"'],
    "c": [OFFSET7, b'"%07.7_ax " 16/1 "%3_c " "\\n"'],
    "d": [OFFSET7, b'"%07.7_ax " 8/2 "  %05u " "\\n"'],
    "o": [OFFSET7, b'"%07.7_ax " 8/2 " %06o " "\\n"'],
    "x": [OFFSET7, b'"%07.7_ax " 8/2 "   %04x " "\\n"'],
    "C": [b'"%08.8_Ax\\n"', b'"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " ',
          b'"  |" 16/1 "%_p" "|\\n"'],
}
DEFAULT = [OFFSET7, b'"%07.7_ax " 8/2 "%04x " "\\n"']


class Fail(Exception):
    def __init__(self, message, status=1):
        super().__init__()
        self.message = message
        self.status = status


def b(text):
    return text.encode("utf-8", "surrogateescape")


def failure(message):
    return Fail(b"hexdump: " + message + b"\n")


def as_int32(value):
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def read_int(s, at):
    """Decimal digits at s[at:]: (value kept to 32 bits, end) or (None, at)."""
    end = at
    while end < len(s) and s[end] in DIGITS:
        end += 1
    if end == at:
        return None, at
    return as_int32(int(s[at:end])), end


def unescape(s):
    out = bytearray()
    k = 0
    table = {0x61: 7, 0x62: 8, 0x66: 12, 0x6E: 10, 0x72: 13, 0x74: 9, 0x76: 11}
    while k < len(s):
        c = s[k]
        k += 1
        if c == 0x5C:
            if k < len(s):
                out.append(table.get(s[k], s[k]))
                k += 1
        else:
            out.append(c)
    return bytes(out)


def split_units(f):
    """A format string's units: (reps, explicit reps, bytes, unescaped text)."""
    bad = failure(b"bad format {" + f + b"}")
    units = []
    at = 0
    n = len(f)

    def blanks(at):
        while at < n and f[at] in SPACE:
            at += 1
        return at

    while True:
        at = blanks(at)
        if at >= n:
            return units
        reps, explicit, nbytes = 1, False, 0
        if f[at] in DIGITS:
            reps, at = read_int(f, at)
            if at >= n or not (f[at] in SPACE or f[at] == 0x2F):
                raise bad
            explicit = True
            at = blanks(at + 1)
        if at < n and f[at] == 0x2F:
            at = blanks(at + 1)
        if at < n and f[at] in DIGITS:
            nbytes, at = read_int(f, at)
            if at >= n or f[at] not in SPACE:
                raise bad
            at = blanks(at + 1)
        if at >= n or f[at] != 0x22:
            raise bad
        close = f.find(b'"', at + 1)
        if close < 0:
            raise bad
        units.append((reps, explicit, nbytes, unescape(f[at + 1:close])))
        at = close + 1


def claimed(text):
    """The bytes a unit's text claims, counted as hexdump does before checking it."""
    total = 0
    k = 0
    while k < len(text):
        if text[k] != 0x25:
            k += 1
            continue
        k += 1
        while k < len(text) and text[k] in b"#-+ 0123456789":
            k += 1
        precision = 0
        if k < len(text) and text[k] == 0x2E:
            k += 1
            if k < len(text) and text[k] in DIGITS:
                precision, k = read_int(text, k)
        c = text[k:k + 1]
        if c and c in b"diouxX":
            total += 4
        elif c and c in b"efgEG":
            total += 8
        elif c == b"s":
            total += precision
        elif c == b"c":
            total += 1
        elif c == b"_":
            k += 1
            if text[k:k + 1] and text[k:k + 1] in b"cpu":
                total += 1
        k += 1
    return total


class Conv:
    """A piece of a unit: text, then (unless text_only) one conversion."""

    def __init__(self, pre, flags=b"", width=0, prec=None, kind="", radix="", nbytes=0):
        self.pre = pre
        self.flags = flags
        self.width = width
        self.prec = prec
        self.kind = kind
        self.radix = radix
        self.nbytes = nbytes
        self.text_only = kind == ""


def parse_convs(text, unit_bytes):
    """A unit's text as pieces, with the conversion checks."""
    convs = []
    start = 0
    counted = 0
    while start < len(text):
        pct = text.find(b"%", start)
        if pct < 0:
            convs.append(Conv(text[start:]))
            break
        k = pct + 1
        prec = None
        if unit_bytes:
            while k < len(text) and text[k] in b".#-+ 0123456789":
                k += 1
        else:
            while k < len(text) and text[k] in b"#-+ 0123456789":
                k += 1
            if k < len(text) and text[k] == 0x2E:
                k += 1
                if k < len(text) and text[k] in DIGITS:
                    prec, k = read_int(text, k)
        spec = text[pct + 1:k]
        flags = spec[:len(spec) - len(spec.lstrip(b"-+ #0"))]
        rest = spec[len(flags):]
        width_text = rest[:len(rest) - len(rest.lstrip(DIGITS))]
        width = int(width_text) if width_text else 0
        spec_prec = None
        if rest[len(width_text):].startswith(b"."):
            p = rest[len(width_text) + 1:]
            p = p[:len(p) - len(p.lstrip(DIGITS))]
            spec_prec = int(p) if p else 0
        c = chr(text[k]) if k < len(text) else "\0"
        end = k + 1
        ub = unit_bytes
        if c == "c":
            if ub > 1:
                raise failure(b"bad byte count for conversion character c")
            kind, radix, nbytes = "c", "", 1
        elif c in "diouxX":
            if ub == 0:
                kind, radix, nbytes = c, "", 4
            elif ub in (1, 2, 4, 8):
                kind, radix, nbytes = c, "", ub
            else:
                raise failure(b"bad byte count for conversion character " + b(c))
        elif c in "efgEG":
            if ub == 0 or ub in (4, 8):
                kind, radix, nbytes = "f", "", ub or 8
            else:
                raise failure(b"bad byte count for conversion character " + b(c))
        elif c == "s":
            if ub:
                kind, radix, nbytes = "s", "", ub
            elif prec is not None:
                kind, radix, nbytes = "s", "", prec
            else:
                raise failure(b"%s requires a precision or a byte count")
        elif c == "_":
            end += 1
            following = chr(text[k + 1]) if k + 1 < len(text) else "\0"
            if following in "aA":
                end += 1
                r = chr(text[k + 2]) if k + 2 < len(text) else "\0"
                if r not in "dox" or r == "\0":
                    raise failure(b"bad conversion character %" + text[k:k + 3])
                kind, radix, nbytes = following, r, 0
            elif following in "cpu" and following != "\0":
                if ub > 1:
                    raise failure(b"bad byte count for conversion character _" + b(following))
                kind, radix, nbytes = "_" + following, "", 1
            else:
                raise failure(b"bad conversion character %" + text[k:k + 2])
        else:
            raise failure(b"bad conversion character %" + text[k:k + 1])
        if kind not in ("a", "A") and unit_bytes:
            counted += 1
            if counted > 1:
                raise failure(b"byte count with multiple conversion characters")
        convs.append(Conv(text[start:pct], flags, width, spec_prec, kind, radix, nbytes))
        start = min(end, len(text))
    return convs


def pad(c, head, body, zero_ok):
    """body (after a sign or prefix in head) padded as printf would."""
    fill = max(0, c.width - len(head) - len(body))
    if b"-" in c.flags:
        return head + body + b" " * fill
    if b"0" in c.flags and zero_ok:
        return head + b"0" * fill + body
    return b" " * fill + head + body


def integer(c, conv, value):
    """C's %lld / %llo / %llu / %llx / %llX of a 64-bit value."""
    signed = conv in "di"
    if signed and value >> 63:
        value -= 1 << 64
    magnitude = abs(value)
    if conv == "o":
        digits = b"%o" % magnitude
    elif conv == "x":
        digits = b"%x" % magnitude
    elif conv == "X":
        digits = b"%X" % magnitude
    else:
        digits = b"%d" % magnitude
    if c.prec is not None:
        if c.prec == 0 and magnitude == 0:
            digits = b""
        digits = digits.rjust(c.prec, b"0")
    head = b""
    if signed:
        if value < 0:
            head = b"-"
        elif b"+" in c.flags:
            head = b"+"
        elif b" " in c.flags:
            head = b" "
    elif b"#" in c.flags:
        if conv == "o" and not digits.startswith(b"0"):
            digits = b"0" + digits
        elif conv == "x" and magnitude:
            head = b"0x"
        elif conv == "X" and magnitude:
            head = b"0X"
    return pad(c, head, digits, c.prec is None)


def string(c, s):
    if c.prec is not None:
        s = s[:c.prec]
    return pad(c, b"", s, False)


def show(c, data, at, address, past_end, drop_last):
    pre = c.pre[:-1] if drop_last and c.text_only else c.pre
    if c.text_only:
        return pre
    if past_end and c.kind != "A":
        return pre + b" " * c.width
    kind = c.kind
    x = data[at] if at < len(data) else 0
    if kind in ("a", "A"):
        return pre + integer(c, c.radix, address & ((1 << 64) - 1))
    if kind == "c":
        return pre + pad(c, b"", bytes([x]), False)
    if kind == "_p":
        return pre + pad(c, b"", bytes([x]) if 32 <= x < 127 else b".", False)
    if kind == "_c":
        if x in ESCAPED:
            return pre + string(c, ESCAPED[x])
        if 32 <= x < 127:
            return pre + pad(c, b"", bytes([x]), False)
        return pre + string(c, b"%03o" % x)
    if kind == "_u":
        if x < 32:
            return pre + string(c, NAMES[x].encode())
        if x == 127:
            return pre + string(c, b"del")
        if x < 127:
            return pre + pad(c, b"", bytes([x]), False)
        return pre + integer(c, "x", x)
    raw = data[at:at + c.nbytes].ljust(c.nbytes, b"\0")
    if kind == "s":
        return pre + string(c, raw.split(b"\0", 1)[0])
    value = int.from_bytes(raw, "little")
    if kind in "di":
        shift = 64 - 8 * c.nbytes
        value = ((value << shift) & ((1 << 64) - 1))
        if value >> 63:
            value -= 1 << 64
        value >>= shift
        value &= (1 << 64) - 1
    return pre + integer(c, kind, value)


def size(v, what):
    """A size: a C number and an optional K/M/G... suffix (KiB, KB)."""
    def bad(why):
        return failure(b"failed to parse " + what + b": '" + b(v) + b"': " + why)

    t = v.lstrip(" \t\n\r\v\f")
    if t.startswith("-") or not t:
        raise bad(b"Invalid argument")
    if t.startswith("+"):
        t = t[1:]
    if t[:2] in ("0x", "0X") and t[2:3] and t[2] in "0123456789abcdefABCDEF":
        radix, body = 16, t[2:]
    elif t.startswith("0"):
        radix, body = 8, t
    else:
        radix, body = 10, t
    allowed = "0123456789abcdef"[:radix]
    k = 0
    while k < len(body) and body[k].lower() in allowed:
        k += 1
    if k == 0:
        raise bad(b"Invalid argument")
    n = int(body[:k], radix)
    if n >= 1 << 64:
        raise bad(b"Numerical result out of range")
    suffix = body[k:]
    if suffix:
        if len(suffix) == 3 and suffix[1] == "i" and suffix[2] in "Bb":
            unit = 1024
        elif len(suffix) == 2 and suffix[1] in "Bb":
            unit = 1000
        elif len(suffix) == 1:
            unit = 1024
        else:
            raise bad(b"Invalid argument")
        power = "KMGTPEZY".find(suffix[0].upper())
        if power < 0 or not suffix[0].isascii():
            raise bad(b"Invalid argument")
        n *= unit ** (power + 1)
        if n >= 1 << 64:
            raise bad(b"Numerical result out of range")
    if n >= 1 << 63:
        n -= 1 << 64
    return n


def try_help(message):
    return Fail(b"hexdump: " + b(message) + b"\nTry 'hexdump --help' for more information.\n")


class Settings:
    def __init__(self):
        self.formats = []
        self.length = -1
        self.skip = 0
        self.squeeze = True
        self.files = []
        self.version = False

    def apply(self, letter, value):
        """One option, as soon as its word is read (a bad -e is found before later words)."""
        if letter in BUILTIN:
            self.formats += BUILTIN[letter]
        elif letter == "e":
            f = b(value)
            split_units(f)
            self.formats.append(f)
        elif letter == "n":
            self.length = size(value, b"length")
        elif letter == "s":
            self.skip = size(value, b"offset")
        elif letter == "v":
            self.squeeze = False
        else:
            self.version = True


def settings_from(args):
    """getopt_long's reading of the arguments, each word's options applied in turn."""
    s = Settings()
    i = 0
    while i < len(args) and not s.version:
        a = args[i]
        i += 1
        found = []
        if a == "--":
            s.files += args[i:]
            break
        if a.startswith("--"):
            body = a[2:]
            name, eq, value = body.partition("=")
            hits = [l for l in LONGS if l[0] == name] or [l for l in LONGS if l[0].startswith(name)]
            if not hits:
                raise try_help(f"unrecognized option '--{body}'")
            if len(hits) > 1:
                listed = "".join(f" '--{l[0]}'" for l in hits)
                raise try_help(f"option '--{body}' is ambiguous; possibilities:{listed}")
            full, letter, takes = hits[0]
            if takes == 0 and eq:
                raise try_help(f"option '--{full}' doesn't allow an argument")
            if takes == 0 or (takes == 2 and not eq):
                found.append((letter, None))
            elif eq:
                found.append((letter, value))
            elif i < len(args):
                found.append((letter, args[i]))
                i += 1
            else:
                raise try_help(f"option '--{full}' requires an argument")
        elif len(a) > 1 and a.startswith("-"):
            k = 1
            while k < len(a):
                c = a[k]
                k += 1
                if c in "bcCdoxvhV":
                    found.append((c, None))
                elif c in "efns":
                    if k < len(a):
                        value = a[k:]
                    elif i < len(args):
                        value = args[i]
                        i += 1
                    else:
                        raise try_help(f"option requires an argument -- '{c}'")
                    found.append((c, value))
                    break
                elif c == "L":
                    found.append((c, None))
                    break
                else:
                    raise try_help(f"invalid option -- '{c}'")
        else:
            s.files.append(a)
        for letter, value in found:
            s.apply(letter, value)
            if s.version:
                break
    if not s.formats:
        s.formats = list(DEFAULT)
    return s


class Unit:
    def __init__(self, reps, explicit, nbytes, text):
        self.reps = reps
        self.explicit = explicit
        self.nbytes = nbytes
        self.text = text
        self.convs = []
        self.end_address = False


def prepare(formats):
    """Units, block size, conversions, repetitions: ([units per format], block, end unit)."""
    all_units = []
    for f in formats:
        units = [Unit(*raw) for raw in split_units(f)]
        used = sum(u.reps * (u.nbytes if u.nbytes else claimed(u.text)) for u in units)
        all_units.append((units, used))
    block = max(used for _, used in all_units)
    end_unit = None
    for units, used in all_units:
        for u in units:
            u.convs = parse_convs(u.text, u.nbytes)
            if any(c.kind == "A" for c in u.convs):
                u.end_address = True
                end_unit = u
            if u.nbytes == 0:
                u.nbytes = sum(c.nbytes for c in u.convs)
        if units:
            last = units[-1]
            if used < block and not last.explicit and last.nbytes:
                last.reps += (block - used) // last.nbytes
    return [units for units, _ in all_units], block, end_unit


def read_fd(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def gather(s, err):
    """The input: (data, address of its first byte, status, whether any input opened)."""
    data = []
    status = 0
    base = 0
    left = s.skip
    if not s.files:
        if left > 0:
            raise Fail(b"hexdump: stdin: Illegal seek\n")
        return sys.stdin.buffer.read(), 0, 0, True
    opened = False
    for name in s.files:
        # Files after the last byte wanted are never opened.
        if s.length >= 0 and sum(map(len, data)) >= s.length:
            break
        raw = b(name)
        try:
            fd = os.open(raw, os.O_RDONLY)
        except OSError as error:
            err.append(b"hexdump: " + raw + b": " + REASONS.get(error.errno, "Input/output error").encode() + b"\n")
            status = 1
            continue
        opened = True
        try:
            info = os.fstat(fd)
            regular = info.st_size if stat.S_ISREG(info.st_mode) else None
            try:
                if stat.S_ISDIR(info.st_mode):
                    raise IsADirectoryError(errno.EISDIR, "Is a directory")
                content = read_fd(fd)
            except OSError as error:
                err.append(b"hexdump: " + raw + b": " + REASONS.get(error.errno, "Input/output error").encode() + b"\n")
                content = b""
        finally:
            os.close(fd)
        if left > 0:
            if regular is not None and left > regular:
                left -= regular
                base += regular
                continue
            base += left
            content = content[left:]
            left = 0
        data.append(content)
    if not opened and left > 0:
        # hexdump then tries to seek its closed standard input.
        raise Fail(b"hexdump: stdin: Bad file descriptor\n")
    return b"".join(data), base, status, opened


def run(out, err):
    s = settings_from(sys.argv[1:])
    if s.version:
        out.append(b"hexdump (example submission)\n")
        return 0
    all_units, block, end_unit = prepare(s.formats)
    if s.length == 0:
        # With -n 0 nothing is opened, skipped or shown.
        return 0
    data, address, status, opened = gather(s, err)
    if not opened:
        err.append(b"hexdump: all input file arguments failed\n")
        return status
    if s.length >= 0:
        data = data[:s.length]
    end_address = None
    previous = None
    star = False
    padded = False
    if block > 0:
        for k in range(0, len(data), block):
            chunk = data[k:k + block]
            full = len(chunk) == block
            if s.squeeze and full and chunk == previous:
                out.append(b"*\n")
                star = True
                address += block
                continue
            star = False
            buf = chunk.ljust(block, b"\0")
            end = None if full else address + len(chunk)
            if end is not None:
                end_address = end
            for units in all_units:
                at = 0
                addr = address
                for u in units:
                    if u.end_address:
                        break
                    last_piece = len(u.convs) - 1
                    for rep in range(u.reps, 0, -1):
                        for ci, c in enumerate(u.convs):
                            past = padded or (end is not None and addr >= end)
                            drop_last = (rep == 1 and u.reps > 1 and ci == last_piece
                                         and c.text_only and c.pre[-1:] != b""
                                         and c.pre[-1] in SPACE)
                            out.append(show(c, buf, at, addr, past and not c.text_only, drop_last))
                            addr += c.nbytes
                            at += c.nbytes
            if end is not None:
                padded = True
            previous = chunk
            address += block
    if end_unit is not None:
        end = end_address if end_address is not None else address
        if end_address is not None or address != 0:
            for c in end_unit.convs:
                out.append(c.pre)
                if c.kind == "A":
                    out.append(integer(c, c.radix, end & ((1 << 64) - 1)))
    return status


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
    sys.stderr.buffer.write(b"".join(err))
    sys.stderr.flush()
    return status


sys.exit(main())
