"""Buggy example for the sha1sum task in Python: reads every untagged check line on its own,
never holding later lines to the layout (two-field or one-space) the first one fixed.
Grade it with `replica grade sha1sum tasks/sha1sum/examples-py/bug-layout-py/main.py`.
"""
import hashlib
import os
import sys

LONG_OPTIONS = [("check", "c"), ("ignore-missing", "I"), ("quiet", "Q"), ("status", "S"),
                ("warn", "w"), ("strict", "X"), ("tag", "T"), ("zero", "z"),
                ("binary", "b"), ("text", "t"), ("help", "H"), ("version", "V")]
HEX = b"0123456789abcdefABCDEF"


class Usage(Exception):
    pass


class Config:
    def __init__(self):
        self.check = False
        self.binary = None
        self.tag = False
        self.zero = False
        self.ignore_missing = False
        self.quiet = False
        self.status = False
        self.strict = False
        self.warn = False
        self.operands = []

    def apply(self, code):
        if code == "c":
            self.check = True
        elif code == "b":
            self.binary = True
        elif code == "t":
            self.binary = False
        elif code == "z":
            self.zero = True
        elif code == "I":
            self.ignore_missing = True
        elif code == "X":
            self.strict = True
        elif code == "T":
            self.tag = True
            self.binary = True
        elif code == "S":
            self.status, self.warn, self.quiet = True, False, False
        elif code == "w":
            self.status, self.warn, self.quiet = False, True, False
        elif code == "Q":
            self.status, self.warn, self.quiet = False, False, True
        elif code == "H":
            return "help"
        else:
            return "version"
        return None

    def problem(self):
        if self.tag and self.binary is False:
            return "--tag does not support --text mode"
        if self.check:
            if self.zero:
                return "the --zero option is not supported when verifying checksums"
            if self.tag:
                return "the --tag option is meaningless when verifying checksums"
            if self.binary is not None:
                return "the --binary and --text options are meaningless when verifying checksums"
            return None
        for flag, name in [(self.ignore_missing, "ignore-missing"), (self.status, "status"),
                           (self.warn, "warn"), (self.quiet, "quiet"), (self.strict, "strict")]:
            if flag:
                return f"the --{name} option is meaningful only when verifying checksums"
        return None


def long_option(spec):
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
    return code


def parse(args):
    config = Config()
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == b"--":
            config.operands.extend(args[i:])
            break
        if arg.startswith(b"--"):
            request = config.apply(long_option(arg[2:]))
            if request:
                return request
        elif arg.startswith(b"-") and len(arg) > 1:
            for letter in arg[1:]:
                if letter not in b"bctwz":
                    raise Usage(b"invalid option -- '" + bytes([letter]) + b"'")
                config.apply(chr(letter))
        else:
            config.operands.append(arg)
    problem = config.problem()
    if problem:
        raise Usage(problem.encode())
    return config


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
    return {2: "No such file or directory", 31: "Is a directory", 54: "Not a directory",
            63: "Permission denied"}.get(error.errno, os.strerror(error.errno) if error.errno else "Input/output error")


class Missing(Exception):
    pass


class Session:
    def __init__(self, program, config):
        self.program = program
        self.config = config
        self.out = []
        self.layout = "unknown"

    def complain(self, message):
        sys.stderr.buffer.write(self.program + b": " + message + b"\n")

    def complain_about_file(self, name, error):
        self.complain(quote(name) + b": " + describe(error).encode())

    def digest_named(self, name):
        """The digest of a file or of stdin; raises Missing or OSError."""
        if name == b"-":
            return hashlib.sha1(sys.stdin.buffer.read()).hexdigest().encode()
        if not name:
            raise Missing(FileNotFoundError(2, "No such file or directory"))
        try:
            fd = os.open(name, os.O_RDONLY)
        except FileNotFoundError as error:
            raise Missing(error)
        try:
            h = hashlib.sha1()
            while True:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return h.hexdigest().encode()
                h.update(chunk)
        finally:
            os.close(fd)

    def hash(self, name):
        try:
            digest = self.digest_named(name)
        except Missing as missing:
            self.complain_about_file(name, missing.args[0])
            return False
        except OSError as error:
            self.complain_about_file(name, error)
            return False
        escape = not self.config.zero and any(c in name for c in b"\\\n\r")
        shown = escape_name(name) if escape else name
        line = b"\\" if escape else b""
        if self.config.tag:
            line += b"SHA1 (" + shown + b") = " + digest
        else:
            line += digest + (b" *" if self.config.binary else b"  ") + shown
        line += b"\0" if self.config.zero else b"\n"
        self.out.append(line)
        return True

    def parse_line(self, line):
        stripped = line.lstrip(b" \t")
        escaped = stripped[:1] == b"\\"
        rest = stripped[1:] if escaped else stripped

        def name_of(text):
            return unescape(text) if escaped else text.split(b"\0")[0]

        if rest.startswith(b"SHA1"):
            after = rest[4:]
            if after[:1] == b" ":
                after = after[1:]
            if after[:1] != b"(":
                return None
            text = after[1:]
            close = text.rfind(b")")
            if close < 0:
                return None
            name = name_of(text[:close])
            if name is None:
                return None
            tail = text[close + 1:].lstrip(b" \t")
            if tail[:1] != b"=":
                return None
            tail = tail[1:].lstrip(b" \t")
            if len(tail) != 40 or tail.strip(HEX):
                return None
            return tail, name
        extra = 1 if rest[:1] == b"\\" else 0
        if len(rest) < 42 + extra:
            return None
        end = len(rest)
        for i, c in enumerate(rest):
            if c in (0, 0x20, 0x09):
                end = i
                break
        digest = rest[:end]
        if end == len(rest) or len(digest) != 40 or digest.strip(HEX):
            return None
        tail = rest[end + 1:]
        if tail[:1] in (b" ", b"*") and len(tail) > 1:
            text = tail[1:]
        else:
            text = tail
        name = name_of(text)
        if name is None:
            return None
        return digest, name

    def check(self, listing):
        from_stdin = listing == b"-"
        label = quote(b"standard input" if from_stdin else listing)
        try:
            if from_stdin:
                text = sys.stdin.buffer.read()
            else:
                try:
                    fd = os.open(listing, os.O_RDONLY)
                except OSError as error:
                    self.complain_about_file(listing, error)
                    return False
                try:
                    chunks = []
                    while True:
                        chunk = os.read(fd, 1 << 16)
                        if not chunk:
                            break
                        chunks.append(chunk)
                    text = b"".join(chunks)
                finally:
                    os.close(fd)
        except OSError:
            self.complain(label + b": read error")
            return False
        improper = proper = unreadable = mismatched = matched = 0
        for number, raw in enumerate(split_lines(text), 1):
            if raw.startswith(b"#"):
                continue
            line = raw[:-1] if raw.endswith(b"\n") else raw
            if line.endswith(b"\r"):
                line = line[:-1]
            if not line:
                continue
            parsed = self.parse_line(line)
            if parsed is not None and from_stdin and parsed[1] == b"-":
                parsed = None
            if parsed is None:
                improper += 1
                if self.config.warn:
                    self.complain(label + f": {number}: improperly formatted SHA1 checksum line".encode())
                continue
            proper += 1
            digest, name = parsed
            verdict = None
            try:
                got = self.digest_named(name)
                if digest.lower() == got:
                    matched += 1
                    verdict = None if self.config.quiet else b"OK"
                else:
                    mismatched += 1
                    verdict = b"FAILED"
            except Missing as missing:
                if not self.config.ignore_missing:
                    self.complain_about_file(name, missing.args[0])
                    unreadable += 1
                    verdict = b"FAILED open or read"
            except OSError as error:
                self.complain_about_file(name, error)
                unreadable += 1
                verdict = b"FAILED open or read"
            if verdict is not None and not self.config.status:
                shown = b"\\" + escape_name(name) if b"\n" in name else name
                self.out.append(shown + b": " + verdict + b"\n")
        if proper == 0:
            self.complain(label + b": no properly formatted checksum lines found")
            return False
        if not self.config.status:
            def plural(n, one, many):
                return f"WARNING: {n} {one if n == 1 else many}".encode()
            if improper:
                self.complain(plural(improper, "line is improperly formatted",
                                     "lines are improperly formatted"))
            if unreadable:
                self.complain(plural(unreadable, "listed file could not be read",
                                     "listed files could not be read"))
            if mismatched:
                self.complain(plural(mismatched, "computed checksum did NOT match",
                                     "computed checksums did NOT match"))
            if self.config.ignore_missing and matched == 0:
                self.complain(label + b": no file was verified")
        return (matched > 0 and mismatched == 0 and unreadable == 0
                and not (self.config.strict and improper > 0))


def split_lines(text):
    """Lines with their newline, like Rust's split_inclusive(b'\\n')."""
    lines = text.split(b"\n")
    out = [line + b"\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def main():
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv]
    program = args.pop(0) if args else b"sha1sum"
    try:
        config = parse(args)
    except Usage as usage:
        sys.stderr.buffer.write(program + b": " + usage.args[0] + b"\nTry '" + program
                                + b" --help' for more information.\n")
        return 1
    if config == "help":
        sys.stdout.buffer.write(b"Usage: " + program + b" [OPTION]... [FILE]...\n")
        return 0
    if config == "version":
        sys.stdout.buffer.write(b"sha1sum (example) 1.0\n")
        return 0
    session = Session(program, config)
    operands = config.operands or [b"-"]
    good = True
    for operand in operands:
        ok = session.check(operand) if config.check else session.hash(operand)
        good = good and ok
        # stdout is written in one piece at the end; order against stderr does not matter.
    sys.stdout.buffer.write(b"".join(session.out))
    return 0 if good else 1


sys.exit(main())
