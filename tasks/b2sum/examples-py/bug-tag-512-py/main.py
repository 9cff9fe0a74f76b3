"""Buggy example for the b2sum task in Python: always writes the length into `--tag` lines
(`BLAKE2b-512 (`), where GNU leaves it out for the default 512 bits. Grade it with
`replica grade b2sum tasks/b2sum/examples-py/bug-tag-512-py/main.py`.
"""
import os
import sys

TOOL = "b2sum"
CKSUM = TOOL == "cksum"

ALGORITHMS = [("blake2b", "BLAKE2b", 512)]
LEGACY = ()
SHORT = {"l": ("length", True), "b": ("binary", False), "c": ("check", False),
         "t": ("text", False), "w": ("warn", False), "z": ("zero", False)}
LONG = [("length", True), ("check", False), ("ignore-missing", False), ("quiet", False),
        ("status", False), ("warn", False), ("strict", False), ("tag", False),
        ("zero", False), ("binary", False), ("text", False), ("help", False),
        ("version", False)]


class Stop(Exception):
    """Ends the run: `lines` (each gets the program prefix, except `raw`) then maybe Try."""

    def __init__(self, lines, try_help=True, raw=b""):
        super().__init__()
        self.lines, self.try_help, self.raw = lines, try_help, raw


def scan(args):
    """getopt_long: yields ("opt", name, value) and ("operand", arg); raises Stop."""
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == b"--":
            for rest in args[i:]:
                yield ("operand", rest, None)
            return
        if arg.startswith(b"--"):
            body = arg[2:]
            name, eq, value = body.partition(b"=")
            exact = [o for o in LONG if o[0].encode() == name]
            found = exact or [o for o in LONG if o[0].encode().startswith(name)]
            if not found:
                raise Stop([b"unrecognized option '--" + body + b"'"])
            if len(found) > 1:
                listed = "".join(f" '--{o[0]}'" for o in found).encode()
                raise Stop([b"option '--" + body + b"' is ambiguous; possibilities:" + listed])
            full, takes = found[0]
            if not takes:
                if eq:
                    raise Stop([f"option '--{full}' doesn't allow an argument".encode()])
                yield ("opt", full, None)
            elif eq:
                yield ("opt", full, value)
            elif i < len(args):
                i += 1
                yield ("opt", full, args[i - 1])
            else:
                raise Stop([f"option '--{full}' requires an argument".encode()])
        elif len(arg) > 1 and arg[:1] == b"-":
            cluster = arg[1:]
            for at in range(len(cluster)):
                letter = chr(cluster[at])
                if letter not in SHORT:
                    raise Stop([b"invalid option -- '" + cluster[at:at + 1] + b"'"])
                name, takes = SHORT[letter]
                if not takes:
                    yield ("opt", name, None)
                    continue
                if at + 1 < len(cluster):
                    yield ("opt", name, cluster[at + 1:])
                elif i < len(args):
                    i += 1
                    yield ("opt", name, args[i - 1])
                else:
                    raise Stop([b"option requires an argument -- '" + letter.encode() + b"'"])
                break
        else:
            yield ("operand", arg, None)


SPACE = b" \t\n\x0b\x0c\r"


def strtoumax(s, base):
    """(value, end) as strtoumax reads a number without a sign; None when none."""
    i = 0
    while i < len(s) and s[i] in SPACE:
        i += 1
    if s[i:i + 1] == b"+":
        i += 1
    if base == 0:
        if s[i:i + 1] == b"0" and s[i + 1:i + 2] in (b"x", b"X"):
            if not (s[i + 2:i + 3] and s[i + 2:i + 3] in b"0123456789abcdefABCDEF"):
                return 0, i + 1
            i += 2
            base = 16
        elif s[i:i + 1] == b"0":
            base = 8
        else:
            base = 10
    digits = "0123456789abcdef"[:base]
    start = i
    while i < len(s) and chr(s[i]).lower() in digits:
        i += 1
    if i == start:
        return None
    return int(s[start:i], base), i


def starts_negative(s):
    stripped = s.lstrip(SPACE)
    return stripped[:1] == b"-"


def quote_value(arg):
    """gnulib's quote() in the C locale."""
    out = bytearray(b"'")
    named = {7: b"\\a", 8: b"\\b", 12: b"\\f", 10: b"\\n", 13: b"\\r", 9: b"\\t", 11: b"\\v",
             0x5C: b"\\\\", 0x27: b"\\'"}
    for c in arg:
        if c in named:
            out += named[c]
        elif 0x20 <= c < 0x7F:
            out.append(c)
        else:
            out += b"\\%03o" % c
    return bytes(out + b"'")


def escape_name(name):
    return name.replace(b"\\", b"\\\\").replace(b"\n", b"\\n").replace(b"\r", b"\\r")


def unescape(text):
    if b"\0" in text:
        return None
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        nxt = text[i + 1:i + 2]
        if nxt == b"\\":
            out.append(0x5C)
        elif nxt == b"n":
            out.append(10)
        elif nxt == b"r":
            out.append(13)
        else:
            return None
        i += 2
    return bytes(out)


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


def compute(arg, data, nbytes):
    """BLAKE2b of `data`, `nbytes` long."""
    import hashlib
    return hashlib.blake2b(data, digest_size=nbytes).digest()


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


def hexdigits(s):
    return bool(s) and not s.strip(b"0123456789abcdefABCDEF")


def split_lines(text):
    lines = text.split(b"\n")
    out = [line + b"\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def warning(n, one, many):
    return f"WARNING: {n} {one if n == 1 else many}".encode()


class Program:
    def __init__(self, name):
        self.name = name
        self.check = False
        self.binary = 1 if CKSUM else -1
        self.tag = CKSUM
        self.zero = False
        self.ignore_missing = self.quiet = self.status = self.strict = self.warn = False
        self.length = 0
        self.length_arg = b""
        self.algorithm = "crc" if CKSUM else "blake2b"
        self.algorithm_given = False
        self.hex_len = 0
        self.reversed = None
        self.out = []

    def error(self, message):
        sys.stderr.buffer.write(self.name + b": " + message + b"\n")

    def file_error(self, name, error):
        self.error(quote(name) + b": " + describe(error).encode())

    def bits(self):
        return dict((a, b) for a, _, b in ALGORITHMS)[self.algorithm]

    def tag_name(self):
        return dict((a, t) for a, t, _ in ALGORITHMS)[self.algorithm]

    # ---- the command line ----
    def apply(self, opt, value):
        if opt == "binary":
            self.binary = 1
        elif opt == "text":
            self.binary = 0
        elif opt == "check":
            self.check = True
        elif opt == "zero":
            self.zero = True
        elif opt == "ignore-missing":
            self.ignore_missing = True
        elif opt == "strict":
            self.strict = True
        elif opt == "tag":
            self.tag, self.binary = True, 1
        elif opt == "untagged":
            self.tag = False
        elif opt == "status":
            self.status, self.warn, self.quiet = True, False, False
        elif opt == "warn":
            self.status, self.warn, self.quiet = False, True, False
        elif opt == "quiet":
            self.status, self.warn, self.quiet = False, False, True
        elif opt == "nomode":
            raise Stop([])
        elif opt == "length":
            self.set_length(value)
        elif opt == "algorithm":
            self.set_algorithm(value)
        elif opt == "help":
            self.out.append(b"Usage: " + self.name + b" [OPTION]... [FILE]...\n")
            raise Stop([], False)
        elif opt == "version":
            self.out.append(TOOL.encode() + b" (example) 1.0\n")
            raise Stop([], False)

    def set_length(self, arg):
        bad = b"invalid length: " + quote_value(arg)
        parsed = None if starts_negative(arg) else strtoumax(arg, 10)
        if parsed is None or parsed[1] < len(arg):
            raise Stop([bad], False)
        if parsed[0] >= 1 << 64:
            raise Stop([bad + b": Value too large for defined data type"], False)
        if parsed[0] % 8:
            raise Stop([bad, b"length is not a multiple of 8"], False)
        self.length, self.length_arg = parsed[0], arg

    def set_algorithm(self, arg):
        for name, _, _ in ALGORITHMS:
            if name.encode() == arg:
                self.algorithm, self.algorithm_given = name, True
                return
        valid = b"Valid arguments are:" + b"".join(
            b"\n  - " + quote_value(a.encode()) for a, _, _ in ALGORITHMS) + b"\n"
        raise Stop([b"invalid argument " + quote_value(arg) + b" for '--algorithm'"], True, valid)

    def check_settings(self):
        if self.length and self.algorithm != "blake2b":
            raise Stop([b"--length is only supported with --algorithm=blake2b"], False)
        if self.length > 512:
            raise Stop([b"invalid length: " + quote_value(self.length_arg),
                        b"maximum digest length for " + quote_value(self.tag_name().encode())
                        + b" is 512 bits"], False)
        if not self.length:
            self.length = self.bits()
        self.hex_len = self.length // 4
        no = not self.check
        for bad, message in [
                (self.tag and self.binary == 0, "--tag does not support --text mode"),
                (self.zero and self.check, "the --zero option is not supported when verifying checksums"),
                (not CKSUM and self.tag and self.check, "the --tag option is meaningless when verifying checksums"),
                (not CKSUM and self.binary >= 0 and self.check,
                 "the --binary and --text options are meaningless when verifying checksums"),
                (self.ignore_missing and no, "the --ignore-missing option is meaningful only when verifying checksums"),
                (self.status and no, "the --status option is meaningful only when verifying checksums"),
                (self.warn and no, "the --warn option is meaningful only when verifying checksums"),
                (self.quiet and no, "the --quiet option is meaningful only when verifying checksums"),
                (self.strict and no, "the --strict option is meaningful only when verifying checksums")]:
            if bad:
                raise Stop([message.encode()])

    # ---- hashing ----
    def digest(self, name):
        data = read_all(name)
        return compute(self.algorithm, data, self.length // 8), len(data)

    def hash_operand(self, name, named):
        try:
            digest, size = self.digest(name)
        except OSError as error:
            self.file_error(name, error)
            return False
        escape = not self.zero and any(c in name for c in b"\\\n\r")
        shown = escape_name(name) if escape else name
        digits = digest[:self.hex_len // 2].hex().encode()
        line = b"\\" if escape else b""
        if self.tag:
            line += b"BLAKE2b-%d" % self.length
            line += b" (" + shown + b") = " + digits
        else:
            line += digits + b" " + (b"*" if self.binary == 1 else b" ") + shown
        self.out.append(line + (b"\0" if self.zero else b"\n"))
        return True

    # ---- check mode ----
    def tag_length(self, s):
        """After a tag: `-BITS` or the byte skipped; returns where reading goes on."""
        i = 0 if s[:1] == b"(" else 1
        longest = self.bits()
        self.length = longest
        if s[:1] == b"-":
            if starts_negative(s[1:]):
                return None
            parsed = strtoumax(s[1:], 0)
            if parsed is None or parsed[0] >= 1 << 64:
                return None
            bits, end = parsed
            if not (0 < bits <= longest and bits % 8 == 0):
                return None
            i += end
            self.length = bits
        self.hex_len = self.length // 4
        return i

    def bsd_split(self, s, escaped):
        close = s.rfind(b")")
        if close < 0:
            return None
        name = unescape(s[:close]) if escaped else s[:close].split(b"\0")[0]
        if name is None:
            return None
        rest = s[close + 1:].lstrip(b" \t")
        if rest[:1] != b"=":
            return None
        digest = rest[1:].lstrip(b" \t")
        if len(digest) != self.hex_len or not hexdigits(digest):
            return None
        return digest, name

    def split_line(self, s):
        i = len(s) - len(s.lstrip(b" \t"))
        escaped = s[i:i + 1] == b"\\"
        if escaped:
            i += 1
        tag = self.tag_name().encode()
        if s[i:].startswith(tag):
            rest = s[i + len(tag):]
            j = self.tag_length(rest)
            if j is None:
                return None
            if rest[j:j + 1] == b" ":
                j += 1
            if rest[j:j + 1] != b"(":
                return None
            return self.bsd_split(rest[j + 1:], escaped)
        if len(s) - i < 3 + (s[i:i + 1] == b"\\"):
            return None
        start = i
        if self.algorithm == "blake2b":
            digits = len(s[i:]) - len(s[i:].lstrip(b"0123456789abcdefABCDEF"))
            if digits < 2 or digits % 2 or digits > 128:
                return None
            self.hex_len = digits
            self.length = 4 * digits
        i += self.hex_len
        if s[i:i + 1] not in (b" ", b"\t") or i >= len(s):
            return None
        digest = s[start:i]
        i += 1
        if not hexdigits(digest) or len(digest) != self.hex_len:
            return None
        mode = s[i:i + 1]
        if len(s) - i == 1 or mode not in (b" ", b"*"):
            if self.reversed is False:
                return None
            self.reversed = True
        elif self.reversed is not True:
            self.reversed = False
            i += 1
        rest = s[i:]
        name = unescape(rest) if escaped else rest.split(b"\0")[0]
        if name is None:
            return None
        return digest, name

    def check_file(self, listing):
        from_stdin = listing == b"-"
        shown = quote(b"standard input" if from_stdin else listing)
        try:
            data = sys.stdin.buffer.read() if from_stdin else read_all(listing)
        except IsADirectoryError:
            self.error(shown + b": read error")
            return False
        except OSError as error:
            self.file_error(listing, error)
            return False
        improper = mismatched = unreadable = 0
        proper = matched = False
        for index, raw in enumerate(split_lines(data)):
            if raw[:1] == b"#":
                continue
            line = raw[:-1] if raw.endswith(b"\n") else raw
            if line.endswith(b"\r"):
                line = line[:-1]
            if not line:
                continue
            entry = self.split_line(line)
            if entry is not None and from_stdin and entry[1] == b"-":
                entry = None
            if entry is None:
                improper += 1
                if self.warn:
                    self.error(shown + b": %d: improperly formatted " % (index + 1)
                               + self.tag_name().encode() + b" checksum line")
                continue
            proper = True
            expected, name = entry
            shown_name = b"\\" + escape_name(name) if b"\n" in name else name
            try:
                digest = self.digest(name)[0]
            except FileNotFoundError as error:
                if self.ignore_missing:
                    continue
                self.file_error(name, error)
                unreadable += 1
                if not self.status:
                    self.out.append(shown_name + b": FAILED open or read\n")
                continue
            except OSError as error:
                self.file_error(name, error)
                unreadable += 1
                if not self.status:
                    self.out.append(shown_name + b": FAILED open or read\n")
                continue
            good = expected.lower() == digest[:self.hex_len // 2].hex().encode()
            if good:
                matched = True
            else:
                mismatched += 1
            if not (self.status or (good and self.quiet)):
                self.out.append(shown_name + (b": OK\n" if good else b": FAILED\n"))
        if not proper:
            self.error(shown + b": no properly formatted checksum lines found")
        elif not self.status:
            if improper:
                self.error(warning(improper, "line is improperly formatted", "lines are improperly formatted"))
            if unreadable:
                self.error(warning(unreadable, "listed file could not be read", "listed files could not be read"))
            if mismatched:
                self.error(warning(mismatched, "computed checksum did NOT match", "computed checksums did NOT match"))
            if self.ignore_missing and not matched:
                self.error(shown + b": no file was verified")
        return proper and matched and not mismatched and not unreadable and not (self.strict and improper)

    def run(self, args):
        operands = []
        try:
            for kind, item, value in scan(args):
                if kind == "operand":
                    operands.append(item)
                else:
                    self.apply(item, value)
            self.check_settings()
        except Stop as stop:
            for line in stop.lines:
                self.error(line)
            sys.stderr.buffer.write(stop.raw)
            if stop.try_help:
                sys.stderr.buffer.write(b"Try '" + self.name + b" --help' for more information.\n")
            return 0 if self.out else 1
        named = bool(operands)
        good = True
        for operand in operands or [b"-"]:
            ok = self.check_file(operand) if self.check else self.hash_operand(operand, named)
            good = good and ok
        return 0 if good else 1


def main():
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv]
    program = Program(args[0] if args else TOOL.encode())
    status = program.run(args[1:])
    sys.stdout.buffer.write(b"".join(program.out))
    return status


sys.exit(main())
