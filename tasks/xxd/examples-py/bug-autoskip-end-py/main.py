"""Buggy example for the xxd task in Python: with `-a`, collapses three zero lines that end
the input like any longer run (first line, `*`, last line), where xxd prints all three.
Grade it with `replica grade xxd tasks/xxd/examples-py/bug-autoskip-end-py/main.py`.
"""
import errno
import os
import sys

PROG = (sys.argv[0] or "xxd").rsplit("/", 1)[-1]
VERSION = "xxd 2022-01-14 by Juergen Weigert et al."
U64 = (1 << 64) - 1
REASONS = {errno.ENOENT: "No such file or directory", errno.EISDIR: "Is a directory",
           errno.ENOTDIR: "Not a directory", errno.EACCES: "Permission denied"}
HELP = [
    "-a          toggle autoskip: A single '*' replaces nul-lines. Default off.",
    "-b          binary digit dump (incompatible with -ps,-i,-r). Default hex.",
    "-C          capitalize variable names in C include file style (-i).",
    "-c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).",
    "-E          show characters in EBCDIC. Default ASCII.",
    "-e          little-endian dump (incompatible with -ps,-i,-r).",
    "-g bytes    number of octets per group in normal output. Default 2 (-e: 4).",
    "-h          print this summary.",
    "-i          output in C include file style.",
    "-l len      stop after <len> octets.",
    "-n name     set the variable name used in C include output (-i).",
    "-o off      add <off> to the displayed file position.",
    "-ps         output in postscript plain hexdump style.",
    "-r          reverse operation: convert (or patch) hexdump into binary.",
    "-r -s off   revert with <off> added to file positions found in hexdump.",
    "-d          show offset in decimal instead of hex.",
    "-s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.",
    "-u          use upper case hex letters.",
    f"-v          show version: \"{VERSION}\".",
]


class Fail(Exception):
    def __init__(self, message, status):
        super().__init__()
        self.message = message
        self.status = status


def reason(error):
    return REASONS.get(error.errno, "Input/output error")


def usage():
    text = (f"Usage:\n       {PROG} [options] [infile [outfile]]\n    or\n"
            f"       {PROG} -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n")
    text += "".join("    " + line + "\n" for line in HELP)
    return Fail(text, 1)


def c_number(text):
    """C's strtol/strtoul with base 0, as an unbounded integer."""
    t = text.lstrip(" \t\n\r\v\f")
    negative = t[:1] == "-"
    if t[:1] in "+-" and t:
        t = t[1:]
    if t[:2] in ("0x", "0X") and t[2:3] and t[2] in "0123456789abcdefABCDEF":
        radix, t = 16, t[2:]
    elif t[:1] == "0":
        radix = 8
    else:
        radix = 10
    digits = "0123456789abcdef"[:radix]
    k = 0
    while k < len(t) and t[k].lower() in digits:
        k += 1
    value = int(t[:k], radix) if k else 0
    return -value if negative else value


def strtol(text):
    return max(-(1 << 63), min((1 << 63) - 1, c_number(text)))


def strtoul(text):
    value = c_number(text)
    if abs(value) > U64:
        return U64
    return value & U64


def as_int32(value):
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def parse(argv):
    o = {"mode": "hex", "autoskip": False, "upper": False, "cap": False, "decimal": False,
         "revert": False, "cols": None, "group": None, "display": 0, "seek": None,
         "len": -1, "name": None}
    i = 1

    def value(rest, long):
        """The option's value: attached, unless the rest is empty or begins with `long`."""
        nonlocal i
        if rest and not rest.startswith(long):
            return rest
        if i + 1 >= len(argv):
            raise usage()
        i += 1
        return argv[i]

    while i < len(argv):
        raw = argv[i]
        w = raw[1:] if len(raw) > 2 and raw.startswith("--") else raw
        two, rest = w[:2], w[2:]
        flags = {"-a": None, "-b": "bits", "-e": "little", "-p": "plain", "-i": "include"}
        if two in flags:
            if two == "-a":
                o["autoskip"] = not o["autoskip"]
            else:
                o["mode"] = flags[two]
        elif two == "-u":
            o["upper"] = True
        elif two == "-C":
            o["cap"] = True
        elif two == "-d":
            o["decimal"] = True
        elif two == "-r":
            o["revert"] = True
        elif two == "-E":
            pass
        elif two == "-v":
            raise Fail(VERSION + "\n", 0)
        elif two == "-c":
            if rest.startswith("apitalize"):
                o["cap"] = True
            else:
                o["cols"] = as_int32(strtol(value(rest, "ols")))
        elif two == "-g":
            o["group"] = as_int32(strtol(value(rest, "roup")))
        elif two == "-o":
            if rest and not rest.startswith("ffset"):
                o["display"] = strtoul(rest)
            else:
                v = value(rest, "ffset")
                v = v[1:] if v.startswith("+") else v
                o["display"] = (-strtoul(v[1:])) & U64 if v.startswith("-") else strtoul(v)
        elif two == "-s":
            if rest and not rest.startswith("kip") and not rest.startswith("eek"):
                v = rest
            else:
                v = value("", "")
            relative = v.startswith("+")
            body = v[1:] if relative else v
            negative = body.startswith("-")
            body = body[1:] if negative else body
            o["seek"] = (relative, negative, strtol(body))
        elif two == "-l":
            o["len"] = strtol(value(rest, "en"))
        elif two == "-n":
            o["name"] = value(rest, "ame")
        elif w == "--":
            i += 1
            break
        elif w.startswith("-") and len(w) > 1:
            raise usage()
        else:
            break
        i += 1
    return o, argv[i:]


def settle(o, operands):
    """The defaults and checks: (cols, group)."""
    mode = o["mode"]
    cols = o["cols"]
    if cols is None or (cols == 0 and mode != "plain"):
        cols = {"plain": 30, "include": 12, "bits": 6}.get(mode, 16)
    group = o["group"]
    if group is None:
        group = {"bits": 1, "hex": 2, "little": 4}.get(mode, 0)
    dump_mode = mode in ("hex", "bits", "little")
    if (mode == "plain" and cols < 0) or (mode != "plain" and cols < 1) or (dump_mode and cols > 256):
        raise Fail(f"{PROG}: invalid number of columns (max. 256).\n", 1)
    if group < 1 or group > cols:
        group = cols
    elif mode == "little" and group & (group - 1):
        raise Fail(f"{PROG}: number of octets per group must be a power of 2 with -e.\n", 1)
    if len(operands) > 2:
        raise usage()
    return cols, group


def dump(body, o, cols, group, seek, hexdigits):
    """The hex, bits and little-endian dumps."""
    bits = o["mode"] == "bits"
    little = o["mode"] == "little"
    width = 8 * group + 1 if bits else 2 * group + 1
    chars_at = 3 + (width * cols - 1) // group
    lines = []
    for row in range(0, len(body), cols):
        chunk = body[row:row + cols]
        address = (row + seek + o["display"]) & U64
        if o["decimal"]:
            signed = address - (1 << 64) if address >> 63 else address
            head = "%08d:" % signed
        else:
            head = "%08x:" % address
        a = len(head)
        grid = bytearray(b" " * 2600)
        grid[:a] = head.encode()
        last = 0
        for k, b in enumerate(chunk):
            x = k ^ (group - 1) if little else k
            at = a + 1 + (width * x) // group
            if bits:
                grid[at:at + 8] = format(b, "08b").encode()
            else:
                grid[at] = hexdigits[b >> 4]
                grid[at + 1] = hexdigits[b & 15]
            last = a + chars_at + k
            grid[last] = b if 32 <= b < 127 else 0x2E
        lines.append((bytes(grid[:last + 1]) + b"\n", len(chunk) == cols and not chunk.strip(b"\0")))
    if not o["autoskip"]:
        return b"".join(line for line, _ in lines)
    # Runs of zero lines: the first shown, then "*" for three or more, then the last one
    # only where the spec says it shows.
    out = []
    full_end = len(body) % cols == 0
    n = len(lines)
    k = 0
    while k < n:
        if not lines[k][1]:
            out.append(lines[k][0])
            k += 1
            continue
        start = k
        while k < n and lines[k][1]:
            k += 1
        run = k - start
        at_end = k == n and full_end
        out.append(lines[start][0])
        if run == 2:
            out.append(lines[start + 1][0])
        elif run >= 3:
            out.append(b"*\n")
            if at_end:
                out.append(lines[k - 1][0])
    return b"".join(out)


def include(body, o, cols, name, hexdigits):
    def ident(s):
        raw = s.encode("utf-8", "surrogateescape")
        v = "__" if raw[:1].isdigit() else ""
        for c in raw:
            ch = chr(c)
            if ch.isascii() and ch.isalnum():
                v += ch.upper() if o["cap"] else ch
            else:
                v += "_"
        return v

    head = f"unsigned char {ident(name)}[] = {{\n".encode() if name is not None else b""
    prefix = b"0X" if o["upper"] else b"0x"
    parts = []
    for k, b in enumerate(body):
        sep = b"  " if k == 0 else b",\n  " if k % cols == 0 else b", "
        parts.append(sep + prefix + bytes([hexdigits[b >> 4], hexdigits[b & 15]]))
    text = b"".join(parts) + (b"\n" if body else b"")
    if name is not None:
        suffix = "LEN" if o["cap"] else "len"
        text += f"}};\nunsigned int {ident(name)}_{suffix} = {len(body)};\n".encode()
    return head, text


def plain(body, cols, hexdigits):
    text = body.hex().encode()
    if hexdigits[10] == 0x41:
        text = text.upper()
    if cols == 0:
        return text + b"\n"
    step = 2 * cols
    return b"".join(text[k:k + step] + b"\n" for k in range(0, len(text), step))


class Output:
    """Standard output, or OUTFILE through its descriptor (which can seek)."""

    def __init__(self, fd):
        self.fd = fd
        self.buffer = bytearray()

    def write(self, data):
        self.buffer += data

    def flush(self):
        if self.fd is None:
            sys.stdout.buffer.write(bytes(self.buffer))
            sys.stdout.flush()
        else:
            view = memoryview(bytes(self.buffer))
            while view:
                view = view[os.write(self.fd, view):]
        self.buffer = bytearray()

    def seek(self, position):
        """Moves a file to `position`; whether it could."""
        if self.fd is None or position < 0:
            return False
        self.flush()
        try:
            os.lseek(self.fd, position, os.SEEK_SET)
        except OSError:
            return False
        return True


def revert(data, is_plain, cols, base, out):
    """-r: the hex dump back to bytes, with the state machine the spec gives."""
    values = {c: int(chr(c), 16) for c in b"0123456789abcdefABCDEF"}
    n1, n2, n3 = -1, 0, 0
    skipping = True
    col = cols
    want = have = 0
    k = 0
    size = len(data)
    ignored = b"\r \t\n" if is_plain else b"\r"
    while k < size:
        c = data[k]
        k += 1
        if c in ignored:
            continue
        n3, n2, n1 = n2, n1, values.get(c, -1)
        if n1 < 0 and skipping:
            continue
        skipping = False
        if not is_plain and col >= cols:
            if n1 < 0:
                col = 0
            else:
                want = want * 16 + n1
            continue
        goal = base + want
        if goal != have:
            if out.seek(goal):
                have = goal
            if goal < have:
                raise Fail(f"{PROG}: Sorry, cannot seek backwards.\n", 5)
            if have < goal:
                out.write(bytes(goal - have))
                have = goal
        skip_line = False
        if n2 >= 0 and n1 >= 0:
            out.write(bytes([n2 << 4 | n1]))
            have += 1
            want += 1
            n1 = -1
            if not is_plain:
                col += 1
                skip_line = col >= cols
        elif n1 < 0 and n2 < 0 and n3 < 0:
            skip_line = True
        if skip_line:
            end = data.find(b"\n", k)
            if end < 0:
                k = size
                c = 0
            else:
                k = end + 1
                c = 0x0A
        if c == 0x0A:
            if not is_plain:
                want = 0
            col = cols
            skipping = True


def read_all(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def run(out_holder):
    o, operands = parse(sys.argv)
    cols, group = settle(o, operands)
    names = [a.encode("utf-8", "surrogateescape") for a in operands]
    infile = operands[0] if operands and operands[0] != "-" else None
    outfile = operands[1] if len(operands) > 1 and operands[1] != "-" else None
    in_fd = None
    if infile is not None:
        try:
            in_fd = os.open(names[0], os.O_RDONLY)
        except OSError as error:
            raise Fail(f"{PROG}: {infile}: {reason(error)}\n", 2)
    out_fd = None
    if outfile is not None:
        flags = os.O_WRONLY | os.O_CREAT | (0 if o["revert"] else os.O_TRUNC)
        try:
            out_fd = os.open(names[1], flags, 0o644)
        except OSError as error:
            raise Fail(f"{PROG}: {outfile}: {reason(error)}\n", 3)
    out = out_holder[0] = Output(out_fd)
    read_error = None
    try:
        data = read_all(in_fd) if in_fd is not None else sys.stdin.buffer.read()
    except OSError as error:
        data = b""
        read_error = Fail(f"{PROG}: {reason(error)}\n", 2)
    if o["revert"]:
        if o["mode"] not in ("hex", "plain"):
            raise Fail(f"{PROG}: Sorry, cannot revert this type of hexdump\n", 255)
        base = 0
        if o["seek"] is not None:
            _, negative, n = o["seek"]
            base = -n if negative else n
        revert(data, o["mode"] == "plain", cols, base, out)
        return
    seek = 0
    if o["seek"] is not None and o["seek"] != (True, False, 0):
        relative, negative, n = o["seek"]
        if infile is not None:
            position = (-n if relative else len(data) - n) if negative else n
            if position < 0:
                raise Fail(f"{PROG}: Sorry, cannot seek.\n", 4)
        else:
            if negative or n > len(data):
                raise Fail(f"{PROG}: Sorry, cannot seek.\n", 4)
            position = n
        seek = position
    body = data[seek:]
    if o["len"] >= 0:
        body = body[:o["len"]]
    hexdigits = b"0123456789ABCDEF" if o["upper"] else b"0123456789abcdef"
    if o["mode"] == "include":
        name = o["name"] if o["name"] is not None else infile
        head, text = include(body, o, cols, name, hexdigits)
        out.write(head)
        if read_error:
            raise read_error
        out.write(text)
        return
    if read_error:
        raise read_error
    if o["mode"] == "plain":
        out.write(plain(body, cols, hexdigits))
    else:
        out.write(dump(body, o, cols, group, seek, hexdigits))


def main():
    holder = [None]
    status = 0
    message = ""
    try:
        run(holder)
    except Fail as fail:
        message, status = fail.message, fail.status
    if holder[0] is not None:
        holder[0].flush()
    sys.stderr.buffer.write(message.encode("utf-8", "surrogateescape"))
    sys.stderr.flush()
    return status


sys.exit(main())
