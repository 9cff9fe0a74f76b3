"""Example submission for the wc task in Python: a correct wc written from spec.md.

Grade it with `replica grade wc tasks/wc/examples-py/correct-py/main.py`.
"""
import os
import sys

PROG = sys.argv[0]
LINES, WORDS, CHARS, BYTES, LONGEST = range(5)
INVISIBLE, WORD, GAP = range(3)


def classify(c):
    """(kind, width) of a non-ASCII-control character, from the spec's table."""
    if c == 0xA0 or 0x2000 <= c <= 0x200A or c == 0x202F or c == 0x205F:
        return GAP, 1
    if c == 0x2060:
        return GAP, 0
    if c == 0x3000:
        return GAP, 2
    if (0x300 <= c <= 0x36F or 0x483 <= c <= 0x489 or 0x200B <= c <= 0x200F
            or 0x202A <= c <= 0x202E or 0x2061 <= c <= 0x2064
            or 0x2066 <= c <= 0x206F or c == 0xFEFF):
        return WORD, 0
    if (0x3041 <= c <= 0x3096 or 0x30A1 <= c <= 0x30FA or 0x4E00 <= c <= 0x9FFF
            or 0xAC00 <= c <= 0xD7A3 or 0xFF01 <= c <= 0xFF60 or 0x1F600 <= c <= 0x1F64F
            or 0x20000 <= c <= 0x2A6DF):
        return WORD, 2
    if (0x21 <= c <= 0x7E or 0xA1 <= c <= 0x24F or 0x391 <= c <= 0x3A1
            or 0x3A3 <= c <= 0x3C9 or 0x400 <= c <= 0x482 or 0x2010 <= c <= 0x2027
            or 0x2030 <= c <= 0x205E or 0xE000 <= c <= 0xF8FF or 0xFF61 <= c <= 0xFF9F):
        return WORD, 1
    return INVISIBLE, 0


ASCII = [classify(c) for c in range(128)]
LEAST = [0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000]


class Classes(dict):
    """str.translate table: each character to one letter naming what it does (see
    count_text), computed once per distinct character."""

    def __missing__(self, c):
        if c == 10:
            letter = "n"
        elif c in (12, 13):
            letter = "r"
        elif c == 9:
            letter = "t"
        elif c == 32:
            letter = "s"
        elif c == 11:
            letter = "v"
        else:
            kind, w = classify(c)
            letter = ("i" if kind == INVISIBLE else "abc"[w] if kind == WORD else "xyz"[w])
        self[c] = letter
        return letter


CLASSES = Classes()
# Separators become spaces and invisible characters vanish: what is left splits into words.
TO_WORDS = str.maketrans({"n": " ", "r": " ", "t": " ", "s": " ", "v": " ", "x": " ", "y": " ",
                       "z": " ", "i": None})


def line_width(piece):
    return piece.count("b") + piece.count("y") + piece.count("s") + 2 * (
        piece.count("c") + piece.count("z"))


def count_text(text, n):
    """Valid UTF-8, with str methods on one letter per character: a/b/c word characters of
    width 0/1/2, x/y/z gaps of width 0/1/2, i invisible, n newline, r CR or FF (end a line's
    width), t tab, s space, v vertical tab."""
    classes = text.translate(CLASSES)
    n[CHARS] = len(text)
    n[LINES] = classes.count("n")
    n[WORDS] = len(classes.translate(TO_WORDS).split())
    longest = 0
    for line in classes.replace("r", "n").split("n"):
        if "t" in line:
            col = 0
            pieces = line.split("t")
            for piece in pieces[:-1]:
                col = ((col + line_width(piece)) // 8 + 1) * 8
            col += line_width(pieces[-1])
        else:
            col = line_width(line)
        if col > longest:
            longest = col
    n[LONGEST] = longest
    return n


def count_bytes(data):
    """Counts lines, words, characters, bytes and the longest line of `data`."""
    n = [0, 0, 0, len(data), 0]
    if data.isascii() and b"\r" not in data and b"\f" not in data and b"\t" not in data:
        return count_plain_ascii(data, n)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return count_text(text, n)
    col = 0
    in_word = False
    chars = 0
    lines = 0
    words = 0
    longest = 0
    need = 0
    length = 0
    val = 0

    def character(c):
        nonlocal col, in_word, chars, lines, words, longest
        chars += 1
        gap = True
        if c == 10:
            lines += 1
            if col > longest:
                longest = col
            col = 0
        elif c == 13 or c == 12:
            if col > longest:
                longest = col
            col = 0
        elif c == 9:
            col = (col // 8 + 1) * 8
        elif c == 32:
            col += 1
        elif c == 11:
            pass
        else:
            kind, w = ASCII[c] if c < 128 else classify(c)
            if kind == WORD:
                col += w
                in_word = True
                gap = False
            elif kind == GAP:
                col += w
            else:
                gap = False
        if gap and in_word:
            words += 1
            in_word = False

    for b in data:
        if need:
            if b & 0xC0 == 0x80:
                val = (val << 6) | (b & 0x3F)
                need -= 1
                if need == 0 and not (val < LEAST[length] or 0xD800 <= val <= 0xDFFF):
                    character(val)
                continue
            need = 0
        if b < 0x80:
            character(b)
        elif 0xC0 <= b <= 0xFD:
            length = 6 if b >= 0xFC else 5 if b >= 0xF8 else 4 if b >= 0xF0 else 3 if b >= 0xE0 else 2
            need = length - 1
            val = b & (0x7F >> length)
    if col > longest:
        longest = col
    if in_word:
        words += 1
    n[LINES], n[WORDS], n[CHARS], n[LONGEST] = lines, words, chars, longest
    return n


# ASCII bytes without width that do not end a word (controls but \t\n\v\f\r).
INVISIBLE_BYTES = bytes(c for c in range(128) if c < 32 and c not in (9, 10, 11, 12, 13) or c == 127)


def count_plain_ascii(data, n):
    """The common case, ASCII without tabs, CR or FF, with bytes methods: words are the
    runs between spaces, vertical tabs and newlines that hold a visible character, and a
    line's width is its count of visible characters and spaces."""
    n[LINES] = data.count(b"\n")
    n[CHARS] = len(data)
    visible = data.translate(None, INVISIBLE_BYTES)
    n[WORDS] = len(visible.split())
    n[LONGEST] = max(len(line) - line.count(b"\v") for line in visible.split(b"\n"))
    return n


show = [False] * 5
width = 1
status = 0
total = [0] * 5
stdin_used = False


def row(n, name):
    fields = [str(n[i]).rjust(width) for i in range(5) if show[i]]
    line = " ".join(fields)
    if name is not None:
        line += " " + name
    sys.stdout.write(line + "\n")


def reason(error):
    return os.strerror(error.errno)


def read_all(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def count(name):
    global status, stdin_used
    is_stdin = name is None or name == "-"
    data = b""
    if is_stdin:
        fd = 0
    else:
        try:
            fd = os.open(name, os.O_RDONLY)
        except OSError as error:
            sys.stderr.write(f"{PROG}: {name}: {reason(error)}\n")
            status = 1
            return
    try:
        if not (is_stdin and stdin_used):
            data = read_all(fd)
    except OSError as error:
        shown = name if name is not None else "standard input"
        sys.stdout.flush()
        sys.stderr.write(f"{PROG}: {shown}: {reason(error)}\n")
        status = 1
    if is_stdin:
        stdin_used = True
    else:
        os.close(fd)
    n = count_bytes(data)
    row(n, name)
    for i in range(LONGEST):
        total[i] += n[i]
    total[LONGEST] = max(total[LONGEST], n[LONGEST])


def usage_error():
    sys.stderr.write(f"Try '{PROG} --help' for more information.\n")
    sys.exit(1)


LONG_NAMES = ["bytes", "chars", "lines", "words", "debug", "files0-from",
              "max-line-length", "help", "version"]
SLOT = {"bytes": BYTES, "chars": CHARS, "lines": LINES, "words": WORDS,
        "max-line-length": LONGEST}


def main():
    global width, status, stdin_used
    args = sys.argv[1:]
    names = []
    files0 = None
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            names.extend(args[i:])
            break
        if a.startswith("--"):
            body = a[2:]
            key, eq, value = body.partition("=")
            exact = [n for n in LONG_NAMES if n == key]
            hits = exact or [n for n in LONG_NAMES if n.startswith(key)]
            if not hits:
                sys.stderr.write(f"{PROG}: unrecognized option '{a}'\n")
                usage_error()
            if len(hits) > 1:
                listed = "".join(f" '--{h}'" for h in hits)
                sys.stderr.write(f"{PROG}: option '{a}' is ambiguous; possibilities:{listed}\n")
                usage_error()
            full = hits[0]
            if full == "files0-from":
                if eq:
                    files0 = value
                elif i < len(args):
                    files0 = args[i]
                    i += 1
                else:
                    sys.stderr.write(f"{PROG}: option '--files0-from' requires an argument\n")
                    usage_error()
                continue
            if eq:
                sys.stderr.write(f"{PROG}: option '--{full}' doesn't allow an argument\n")
                usage_error()
            if full in ("help", "version"):
                sys.stdout.write(f"Usage: {PROG} [OPTION]... [FILE]...\n")
                return 0
            if full in SLOT:
                show[SLOT[full]] = True
            continue
        if a.startswith("-") and a != "-":
            for ch in a[1:]:
                at = "lwmcL".find(ch)
                if at < 0:
                    sys.stderr.write(f"{PROG}: invalid option -- '{ch}'\n")
                    usage_error()
                show[at] = True
            continue
        names.append(a)
    selected = sum(show)
    if selected == 0:
        show[LINES] = show[WORDS] = show[BYTES] = True
        selected = 3

    names_from_stdin = False
    if files0 is not None:
        if names:
            sys.stderr.write(f"{PROG}: extra operand '{names[0]}'\n")
            sys.stderr.write("file operands cannot be combined with --files0-from\n")
            usage_error()
        try:
            if files0 == "-":
                names_from_stdin = True
                listing = sys.stdin.buffer.read()
                stdin_used = True
            else:
                try:
                    fd = os.open(files0, os.O_RDONLY)
                except OSError as error:
                    sys.stderr.write(
                        f"{PROG}: cannot open '{files0}' for reading: {reason(error)}\n")
                    return 1
                try:
                    listing = read_all(fd)
                finally:
                    os.close(fd)
        except OSError as error:
            sys.stderr.write(f"{PROG}: {files0}: read error: {reason(error)}\n")
            return 1
        parts = listing.split(b"\0")
        if parts and parts[-1] == b"":
            parts.pop()
        names = [p.decode("utf-8", "surrogateescape") for p in parts]

    unnamed = files0 is None and not names
    inputs = ["-"] if unnamed else names
    if names_from_stdin or (len(inputs) == 1 and selected == 1):
        width = 1
    else:
        size = 0
        floor = 1
        for n in inputs:
            if n == "-":
                floor = 7
            elif n == "":
                continue
            else:
                try:
                    st = os.stat(n)
                except OSError:
                    continue
                if os.path.isfile(n):
                    size += st.st_size
                else:
                    floor = 7
        width = max(len(str(size)), floor)

    if unnamed:
        count(None)
    for index, n in enumerate(names):
        if names_from_stdin and n == "-":
            sys.stderr.write(
                f"{PROG}: when reading file names from stdin, no file name of '-' allowed\n")
            status = 1
        elif n == "":
            if files0 is not None:
                sys.stderr.write(f"{PROG}: {files0}:{index + 1}: invalid zero-length file name\n")
            else:
                sys.stderr.write(f"{PROG}: invalid zero-length file name\n")
            status = 1
        else:
            count(n)
    if len(names) > 1:
        row(total, "total")
    return status


sys.exit(main())
