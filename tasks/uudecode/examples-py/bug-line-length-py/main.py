"""Buggy example for the uudecode task in Python: writes every byte of a line's last
four-character group, ignoring the line's length character when it is not a multiple
of three. Grade it with
`replica grade uudecode tasks/uudecode/examples-py/bug-line-length-py/main.py`.
"""
import errno
import os
import sys

PATH = sys.argv[0] or "uudecode"
BASE = PATH.rsplit("/", 1)[-1]
USAGE = (b"uudecode (GNU sharutils) - decode an encoded file\n"
         b"Usage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\n"
         b"Try 'uudecode --help' for more information.\n")
NAMES = ["output-file", "ignore-chmod", "version", "help", "more-help", "save-opts",
         "load-opts", "no-load-opts"]
B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
B64_VALUE = {c: i for i, c in enumerate(B64)}
BLANKS = b" \t\n\r\v\f"
# Linux's numbers and texts for the errors the task can meet.
LINUX = {errno.ENOENT: 2, errno.ENOTDIR: 20, errno.EISDIR: 21, errno.EACCES: 13}
TEXTS = {0: "Success", 2: "No such file or directory", 20: "Not a directory",
         21: "Is a directory", 13: "Permission denied", 5: "Input/output error"}


def b(text):
    return text.encode("utf-8", "surrogateescape")


class Fatal(Exception):
    """A fatal end: text for standard error and the status."""

    def __init__(self, text, status):
        super().__init__()
        self.text = text
        self.status = status


def fatal(status, message):
    return Fatal(b"uudecode fatal error:\n" + message, status)


def fserr(status, number, what, name):
    return fatal(status, b"fserr %d (%s) performing '%s' on %s\n"
                 % (number, TEXTS.get(number, "Input/output error").encode(), what, name))


def linux_errno(error):
    return LINUX.get(error.errno, 5)


def fgets_lines(data):
    """Splits like repeated fgets calls with a 16384-byte buffer."""
    lines = []
    start = 0
    while start < len(data):
        end = data.find(b"\n", start, start + 16383)
        end = min(start + 16383, len(data)) if end < 0 else end + 1
        lines.append(data[start:end])
        start = end
    return lines


def cstr(line):
    """The bytes before the first NUL."""
    return line.split(b"\0", 1)[0]


def quartet(q, out):
    """Decodes one base64 group (or a shorter tail) into out; whether it was valid."""
    if len(q) < 2 or q[0] not in B64_VALUE or q[1] not in B64_VALUE:
        return False
    a, b_ = B64_VALUE[q[0]], B64_VALUE[q[1]]
    out.append((a << 2 | b_ >> 4) & 0xFF)
    if len(q) == 2:
        return False
    if q[2] == 0x3D:
        return len(q) == 4 and q[3] == 0x3D
    if q[2] not in B64_VALUE:
        return False
    c = B64_VALUE[q[2]]
    out.append((b_ << 4 | c >> 2) & 0xFF)
    if len(q) == 3:
        return False
    if q[3] == 0x3D:
        return True
    if q[3] not in B64_VALUE:
        return False
    out.append((c << 6 | B64_VALUE[q[3]]) & 0xFF)
    return True


class State:
    def __init__(self):
        self.file = None  # the output file, when one replaced standard output
        self.err = bytearray()
        self.errno = 0
        self.forced = None
        home = os.environ.get("HOME")
        self.home = None if home is None else b(home)

    def write(self, data):
        if self.file is None:
            sys.stdout.buffer.write(data)
        else:
            self.file.write(data)

    def open(self, name, what):
        if self.file is not None:
            # The new file may be the same one: what was written must be there first.
            self.file.flush()
        try:
            if not name:
                raise FileNotFoundError(errno.ENOENT, "empty name")
            new = open(name, "wb")
        except OSError as error:
            raise fserr(8, linux_errno(error), what, name)
        if self.file is not None:
            self.file.close()
        self.file = new

    def close(self):
        if self.file is not None:
            self.file.close()
        sys.stdout.flush()

    def begin_line(self, lines, inname):
        """Finds the begin line: (base64, encoded, name, index of the next line)."""
        bad = fatal(2, inname + b": Invalid or missing 'begin' line\n")
        for at, raw in enumerate(lines):
            line = cstr(raw)
            if b"\n" not in line:
                raise bad
            if not line.startswith(b"begin"):
                continue
            rest = line[5:]
            b64 = enc = False
            while rest[:1] != b" ":
                if rest.startswith(b"-base64") and not b64:
                    b64, rest = True, rest[7:]
                elif rest.startswith(b"-encoded") and not enc:
                    enc, rest = True, rest[8:]
                else:
                    raise bad
            rest = rest.lstrip(BLANKS)
            if rest[:1] in (b"+", b"-"):
                rest = rest[1:]
            digits = len(rest) - len(rest.lstrip(b"01234567"))
            if digits == 0:
                raise bad
            name = rest[digits:].lstrip(BLANKS).split(b"\n", 1)[0]
            if not name:
                raise bad
            return b64, enc, name, at + 1
        raise bad

    def output_name(self, name, enc):
        """The name the begin line gives, or None when the input is abandoned."""
        if enc:
            invalid = fatal(2, b"invalid base64 encoded name: " + name)
            if len(name) % 4:
                raise invalid
            decoded = bytearray()
            groups = len(name) // 4
            for k in range(groups):
                q = name[4 * k:4 * k + 4]
                if (b"=" in q and k + 1 < groups) or not quartet(q, decoded):
                    raise invalid
            name = cstr(bytes(decoded))
        if name.startswith(b"~"):
            if name[1:2] == b"/":
                if self.home is None:
                    raise fatal(2, b"cannot expand $HOME")
                name = self.home + b"/" + name[2:]
            else:
                user = name[1:].split(b"/", 1)[0]
                self.err += b(PATH) + b": No user '" + user + b"'\n"
                return None
        return name.rstrip(b" \t\n\r\v\f")

    def decode(self, data, inname):
        lines = fgets_lines(data)
        b64, enc, name, at = self.begin_line(lines, inname)
        if self.forced is not None:
            outname = self.forced
        else:
            outname = self.output_name(name, enc)
            if outname is None:
                return 8
        if outname not in (b"-", b"/dev/stdout"):
            try:
                if not outname:
                    raise FileNotFoundError(errno.ENOENT, "empty name")
                os.stat(outname)
            except OSError as error:
                self.errno = linux_errno(error)
            self.open(outname, b"freopen")
        if b64:
            group = b""
            while True:
                if at >= len(lines):
                    raise fserr(2, self.errno, b"%s: Short file", inname)
                line = lines[at]
                at += 1
                if line.startswith(b"===="):
                    return 0
                out = bytearray()
                group += cstr(line).replace(b"\n", b"")
                whole = len(group) // 4 * 4
                for k in range(0, whole, 4):
                    if not quartet(group[k:k + 4], out):
                        raise fatal(2, inname + b": invalid input")
                group = group[whole:]
                if not out:
                    raise fserr(8, self.errno, b"fwrite", outname)
                self.write(bytes(out))
        while True:
            if at >= len(lines):
                raise fatal(2, inname + b": Short file")
            # The line as fgets leaves it: its bytes, then a NUL (and zeros beyond).
            buf = lines[at] + b"\0"
            at += 1
            dec = [(c - 32) & 63 for c in buf]
            n = dec[0]
            if n == 0:
                break
            dec += [32] * 4
            out = bytearray()
            k = 1
            while len(out) < n:
                v0, v1, v2, v3 = dec[k:k + 4]
                out += bytes([(v0 << 2 | v1 >> 4) & 0xFF, (v1 << 4 | v2 >> 2) & 0xFF,
                              (v2 << 6 | v3) & 0xFF])
                k += 4
            self.write(bytes(out))
        if at < len(lines) and cstr(lines[at]) in (b"end\n", b"end\r\n"):
            return 0
        raise fatal(2, inname + b": No `end' line")


def usage_fail(line):
    return Fatal(b(line) + b"\n" + USAGE, 1)


def fold(name):
    """AutoOpts compares long names without case, with '-', '_' and '^' all alike."""
    return name.lower().replace("_", "-").replace("^", "-")


def parse(argv):
    """Round 1: the options in order as (letter, value), or "help"; and the operands."""
    opts = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-") or arg == "-":
            break
        i += 1
        if arg == "--":
            break
        if arg.startswith("--"):
            name, eq, value = arg[2:].partition("=")
            if len(name) < 2:
                raise usage_fail(f"{BASE}: invalid option name: {name}")
            hits = [full for full in NAMES if full.startswith(fold(name))]
            if not hits:
                raise usage_fail(f"{PATH}: illegal option -- {name}")
            full = hits[0]
            if full == "output-file":
                if not eq:
                    if i >= len(argv):
                        raise usage_fail(f"{PATH}: The 'output-file' option requires an argument.")
                    value = argv[i]
                    i += 1
                opts.append(("o", value))
            elif full == "ignore-chmod":
                if eq:
                    raise usage_fail(f"{PATH}: The 'ignore-chmod' option cannot have an argument.")
                opts.append(("c", None))
            else:
                return "help", []
            continue
        k = 1
        while k < len(arg):
            c = arg[k]
            if c == "c":
                opts.append(("c", None))
            elif c == "o":
                if k + 1 < len(arg):
                    value = arg[k + 1:]
                elif i < len(argv):
                    value = argv[i]
                    i += 1
                else:
                    raise usage_fail(f"{PATH}: The 'output-file' option requires an argument.")
                opts.append(("o", value))
                break
            elif c in "vh!Rr":
                return "help", []
            else:
                raise usage_fail(f"{PATH}: illegal option -- {c}")
            k += 1
    return opts, argv[i:]


def run_inputs(state, opts, operands):
    # Round 2: in order; -o creates its file at once.
    seen = set()
    for letter, value in opts:
        full = "output-file" if letter == "o" else "ignore-chmod"
        if full in seen:
            raise Fatal(b(f"{BASE} error:  only one {full} option allowed\n") + USAGE, 1)
        seen.add(full)
        if value is not None:
            value = b(value)
            if value not in (b"-", b"/dev/stdout"):
                state.open(value, b"freopen-ing for stdout")
            state.forced = value
    if not operands:
        return state.decode(sys.stdin.buffer.read(), b"standard input")
    if len(operands) > 1 and state.forced is not None:
        raise Fatal(b"uudecode usage error:\nYou cannot specify an output file when processing\n"
                    b"multiple input files.\n" + USAGE, 64)
    status = 0
    for operand in operands:
        name = b(operand)
        try:
            fd = os.open(name, os.O_RDONLY)
        except OSError as error:
            state.errno = linux_errno(error)
            state.err += b(PATH) + b": " + name + b": " + TEXTS[state.errno].encode() + b"\n"
            status |= 4
            continue
        chunks = []
        try:
            while True:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            # A directory opens; reading it fails and it counts as empty.
            chunks = []
        finally:
            os.close(fd)
        status |= state.decode(b"".join(chunks), name)
    return status


def main():
    state = State()
    try:
        opts, operands = parse(sys.argv)
        if opts == "help":
            sys.stdout.buffer.write(USAGE)
            return 0
        status = run_inputs(state, opts, operands)
    except Fatal as stop:
        state.err += stop.text
        status = stop.status
    state.close()
    sys.stderr.buffer.write(bytes(state.err))
    sys.stderr.flush()
    return status


sys.exit(main())
