"""Buggy example for the uuencode task in Python: writes a zero six-bit value as a space,
where GNU writes a backquote (so padding and zero bytes come out differently). Grade
it with `replica grade uuencode tasks/uuencode/examples-py/bug-space-zero-py/main.py`.
"""
import binascii
import errno
import os
import stat
import sys

PATH = sys.argv[0] or "uuencode"
BASE = PATH.rsplit("/", 1)[-1]
USAGE = (b"uuencode (GNU sharutils) - encode a file into email friendly text\n"
         b"Usage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\n"
         b"Try 'uuencode --help' for more information.\n")
# Every long name AutoOpts knows for uuencode; only the first two are in the subset.
NAMES = ["base64", "encode-file-name", "version", "help", "more-help", "save-opts",
         "load-opts", "no-load-opts"]
# Linux's numbers for the errors the task can meet.
NUMBERS = {errno.ENOENT: 2, errno.ENOTDIR: 20, errno.EISDIR: 21, errno.EACCES: 13}


class Stop(Exception):
    """An early end: text for standard error and the exit status."""

    def __init__(self, text, status):
        super().__init__()
        self.text = text
        self.status = status


def option_error(line):
    return Stop(line.encode("utf-8", "surrogateescape") + b"\n" + USAGE, 1)


def fold(name):
    """AutoOpts compares long names without case, with '-', '_' and '^' all alike."""
    return name.lower().replace("_", "-").replace("^", "-")


def fserr(error, operation, name):
    number = NUMBERS.get(error.errno, 5)
    text = os.strerror(error.errno) if number != 5 else "Input/output error"
    line = f"uuencode fatal error:\nfserr {number} ({text}) performing '{operation}' on {name}\n"
    return Stop(line.encode("utf-8", "surrogateescape"), 1)


def parse(argv):
    """Both of AutoOpts' rounds: the options given, or "help", and the operands."""
    seen = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-") or arg == "-":
            break
        i += 1
        if arg == "--":
            break
        if arg.startswith("--"):
            name, eq, _ = arg[2:].partition("=")
            if len(name) < 2:
                raise option_error(f"{BASE}: invalid option name: {name}")
            hits = [full for full in NAMES if fold(full).startswith(fold(name))]
            if not hits:
                raise option_error(f"{PATH}: illegal option -- {name}")
            full = hits[0]
            if full not in ("base64", "encode-file-name"):
                return "help", []
            if eq:
                raise option_error(f"{PATH}: The '{full}' option cannot have an argument.")
            seen.append(full)
            continue
        for c in arg[1:]:
            if c == "m":
                seen.append("base64")
            elif c == "e":
                seen.append("encode-file-name")
            elif c in "vh!Rr":
                return "help", []
            else:
                raise option_error(f"{PATH}: illegal option -- {c}")
    given = set()
    for name in seen:
        if name in given:
            raise option_error(f"{BASE} error:  only one {name} option allowed")
        given.add(name)
    return given, argv[i:]


def run(out):
    given, operands = parse(sys.argv)
    if given == "help":
        out.write(USAGE)
        return
    if len(operands) == 1:
        source, name = None, operands[0]
    elif len(operands) == 2:
        source, name = operands
    else:
        raise Stop(USAGE, 64)
    base64 = "base64" in given
    encode_name = "encode-file-name" in given
    mode = b"644"
    read_error = None
    data = b""
    if source is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            fd = os.open(source, os.O_RDONLY)
        except OSError as error:
            raise fserr(error, "freopen of stdin", source)
        try:
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                mode = b"755"
                raise OSError(errno.EISDIR, os.strerror(errno.EISDIR))
            chunks = []
            while True:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
            data = b"".join(chunks)
        except OSError as error:
            read_error = error
        finally:
            os.close(fd)
    raw_name = name.encode("utf-8", "surrogateescape")
    header = b"begin" + (b"-base64" if base64 else b"") + (b"-encoded" if encode_name else b"")
    header += b" " + mode + b" "
    header += binascii.b2a_base64(raw_name, newline=False) if encode_name else raw_name
    out.write(header + b"\n")
    if read_error is not None:
        raise fserr(read_error, "fread", source)
    lines = []
    for k in range(0, len(data), 45):
        chunk = data[k:k + 45]
        if base64:
            lines.append(binascii.b2a_base64(chunk))
        else:
            lines.append(binascii.b2a_uu(chunk))
    lines.append(b"====\n" if base64 else b"`\nend\n")
    out.write(b"".join(lines))


def main():
    out = sys.stdout.buffer
    try:
        run(out)
    except Stop as stop:
        out.flush()
        sys.stderr.buffer.write(stop.text)
        sys.stderr.flush()
        return stop.status
    return 0


sys.exit(main())
