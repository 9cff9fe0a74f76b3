"""A buggy `openssl passwd` in Python: password lines split with `splitlines()`, which also splits at a carriage return."""

import hashlib
import sys

B64 = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
USAGE = "passwd: Use -help for summary.\n"
Z = "0000000000000000"


def put(out, v, n):
    for _ in range(n):
        out.append(B64[v & 63])
        v >>= 6


def md5_crypt(pw, magic, salt):
    s = salt[:8]
    alt = hashlib.md5(pw + s + pw).digest()
    h = hashlib.md5(pw + b"$" + magic + b"$" + s)
    n = len(pw)
    while n > 0:
        h.update(alt[: min(n, 16)])
        n -= 16
    i = len(pw)
    while i:
        h.update(b"\0" if i & 1 else pw[:1])
        i >>= 1
    a = h.digest()
    for r in range(1000):
        h = hashlib.md5()
        h.update(pw if r & 1 else a)
        if r % 3:
            h.update(s)
        if r % 7:
            h.update(pw)
        h.update(a if r & 1 else pw)
        a = h.digest()
    out = bytearray(b"$" + magic + b"$" + s + b"$")
    for x, y, z in ((0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)):
        put(out, a[x] << 16 | a[y] << 8 | a[z], 4)
    put(out, a[11], 2)
    return bytes(out)


def strtoul(t):
    i = 0
    while i < len(t) and t[i : i + 1] in (b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c"):
        i += 1
    j = i
    if t[j : j + 1] in (b"+", b"-"):
        j += 1
    k = j
    while k < len(t) and 48 <= t[k] <= 57:
        k += 1
    if k == j:
        return 0, 0
    return int(t[j:k]), k


def sha_crypt(pw, wide, salt):
    H = hashlib.sha512 if wide else hashlib.sha256
    rounds, custom = 5000, False
    if salt.startswith(b"rounds="):
        num = salt[7:]
        n, end = strtoul(num)
        if num[end : end + 1] != b"$":
            return None
        salt = num[end + 1 :]
        rounds, custom = min(max(n, 1000), 999999999), True
    salt = salt[:16]
    if not salt or not pw:
        return None
    size = H().digest_size
    b = H(pw + salt + pw).digest()
    h = H(pw + salt)
    n = len(pw)
    while n > 0:
        h.update(b[: min(n, size)])
        n -= size
    i = len(pw)
    while i:
        h.update(b if i & 1 else pw)
        i >>= 1
    a = h.digest()
    dp = H(pw * len(pw)).digest()
    p = (dp * (len(pw) // size + 1))[: len(pw)]
    ds = H(salt * (16 + a[0])).digest()
    s = (ds * (len(salt) // size + 1))[: len(salt)]
    c = a
    for r in range(rounds):
        h = H(p if r & 1 else c)
        if r % 3:
            h.update(s)
        if r % 7:
            h.update(p)
        h.update(c if r & 1 else p)
        c = h.digest()
    out = bytearray(b"$6$" if wide else b"$5$")
    if custom:
        out += b"rounds=%d$" % rounds
    out += salt + b"$"
    if wide:
        i, j, k = 0, 21, 42
        for _ in range(21):
            put(out, c[i] << 16 | c[j] << 8 | c[k], 4)
            i, j, k = (j + 1) % 63, (k + 1) % 63, (i + 1) % 63
        put(out, c[63], 2)
    else:
        i, j, k = 0, 10, 20
        for _ in range(10):
            put(out, c[i] << 16 | c[j] << 8 | c[k], 4)
            i, j, k = (k + 1) % 30, (i + 1) % 30, (j + 1) % 30
        put(out, c[31] << 8 | c[30], 3)
    return bytes(out)


def main(argv):
    err = sys.stderr.buffer
    out = sys.stdout.buffer
    scheme = salt = None
    source = None  # None: arguments; b"": stdin; otherwise a file name
    table = reverse = quiet = False
    i = 0
    while i < len(argv) and argv[i].startswith(b"-"):
        a = argv[i]
        i += 1
        if a == b"--":
            break
        body = a[2:] if a.startswith(b"--") else a[1:]
        name, eq, inline = body.partition(b"=")
        if name in (b"1", b"apr1", b"5", b"6"):
            if scheme is not None:
                err.write(USAGE.encode())
                return 1
            scheme = name
        elif name in (b"salt", b"in"):
            if eq:
                value = inline
            elif i < len(argv):
                value = argv[i]
                i += 1
            else:
                err.write(b"passwd: Option -" + name + b" needs a value\n" + USAGE.encode())
                return 1
            if name == b"salt":
                salt = value
            else:
                if source is not None:
                    err.write(USAGE.encode())
                    return 1
                source = value
        elif name == b"stdin":
            if source is not None:
                err.write(USAGE.encode())
                return 1
            source = b""
        elif name == b"table":
            table = True
        elif name == b"reverse":
            reverse = True
        elif name == b"quiet":
            quiet = True
        elif name == b"noverify":
            pass
        else:
            err.write(b"passwd: Unknown option: -" + name + b"\n" + USAGE.encode())
            return 1
    rest = argv[i:]
    if rest and source is not None:
        err.write(USAGE.encode())
        return 1
    salt = salt or b""
    if source is None:
        passwords = []
        for p in rest:
            if len(p) > 256:
                if not quiet:
                    err.write(b"Warning: truncating password to 256 characters\n")
                p = p[:256]
            passwords.append(p)
    else:
        if source == b"":
            data = sys.stdin.buffer.read()
        else:
            try:
                with open(source, "rb") as f:
                    data = f.read()
            except OSError:
                f = source.decode("utf-8", "surrogateescape")
                err.write(
                    (
                        f'Can\'t open "{f}" for reading, No such file or directory\n'
                        f"{Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen({f}, r)\n"
                        f"{Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n"
                    ).encode("utf-8", "surrogateescape")
                )
                return 1
        lines = data.splitlines()
        passwords = [line[:256] for line in lines]
    for pw in passwords:
        if scheme == b"5":
            h = sha_crypt(pw, False, salt)
        elif scheme == b"6":
            h = sha_crypt(pw, True, salt)
        else:
            h = md5_crypt(pw, scheme or b"1", salt)
        h = h if h is not None else b"<NULL>"
        if table and reverse:
            out.write(h + b"\t" + pw + b"\n")
        elif table:
            out.write(pw + b"\t" + h + b"\n")
        else:
            out.write(h + b"\n")
    return 0


if __name__ == "__main__":
    args = [a.encode("utf-8", "surrogateescape") for a in sys.argv[1:]]
    # The command name comes first: `openssl passwd ...`.
    sys.exit(main(args[1:] if args[:1] == [b"passwd"] else args))
