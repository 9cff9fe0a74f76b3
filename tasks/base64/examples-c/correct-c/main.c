/* A correct base64 submission in portable C (C99 plus strerror), for wasi-libc or any libc.
 *
 * Build for the sandbox (Debian packages clang, wasi-libc and libclang-rt-14-dev-wasm32; clang
 * finds the sysroot in /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi by itself):
 *
 *     clang --target=wasm32-wasi -O2 -Wall -Wextra -o base64.wasm main.c
 *
 * Build natively to compare with GNU coreutils:
 *
 *     gcc -O2 -Wall -Wextra -o base64 main.c
 *
 * It parses its options by hand rather than with getopt_long, because wasi-libc's getopt
 * (from musl) words its error messages differently from glibc's. The whole input is read
 * into memory, newlines (or, with -i, every byte outside the alphabet except '=') are
 * dropped, and the rest is decoded four characters at a time. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char DIGITS[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static const char *program = "base64";

/* A growable byte buffer. */
struct buf {
    unsigned char *data;
    size_t len, cap;
};

static void push(struct buf *b, const void *bytes, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *grown = realloc(b->data, cap);
        if (!grown) {
            fprintf(stderr, "%s: memory exhausted\n", program);
            exit(1);
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
}

static void push_str(struct buf *b, const char *s) { push(b, s, strlen(s)); }

static void push_byte(struct buf *b, unsigned char c) { push(b, &c, 1); }

/* The value of a base64 digit, or -1. */
static int digit(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

static int printable(unsigned char c) { return c >= 0x20 && c <= 0x7e; }

/* Appends the C escape of a byte that is not printable ASCII. */
static void push_escape(struct buf *b, unsigned char c) {
    const char *letters = "\a\b\f\n\r\t\v";
    const char *names = "abfnrtv";
    const char *hit = c ? strchr(letters, c) : NULL;
    char tmp[8];
    if (hit)
        snprintf(tmp, sizeof tmp, "\\%c", names[hit - letters]);
    else
        snprintf(tmp, sizeof tmp, "\\%03o", c);
    push_str(b, tmp);
}

/* GNU's quoting of arguments in messages (C locale): 'text' with C escapes. */
static void push_quoted(struct buf *b, const char *s) {
    push_byte(b, '\'');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == '\'') {
            push_byte(b, '\\');
            push_byte(b, c);
        } else if (printable(c)) {
            push_byte(b, c);
        } else {
            push_escape(b, c);
        }
    }
    push_byte(b, '\'');
}

/* GNU's shell-style quoting of file names in messages. */
static void push_name(struct buf *b, const char *s) {
    size_t n = strlen(s), i;
    int plain = n > 0, double_ok = 1, has_quote = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int alnum = digit(c) >= 0 && c != '+' && c != '/';
        int start_char = (c == '#' || c == '~');
        int brace = (c == '{' || c == '}');
        if (!(alnum || strchr("%+,-./]_@", c) || (start_char && i > 0) || (brace && n > 1)) || !c)
            plain = 0;
        if (!(alnum || strchr("%+,-./]_@: '", c) || (start_char && i == 0)) || !c)
            double_ok = 0;
        if (c == '\'')
            has_quote = 1;
    }
    if (plain) {
        push_str(b, s);
        return;
    }
    if (has_quote && double_ok) {
        push_byte(b, '"');
        push_str(b, s);
        push_byte(b, '"');
        return;
    }
    int escaping = 0;
    push_byte(b, '\'');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\'') {
            push_str(b, "'\\''");
            escaping = 0;
        } else if (printable(c)) {
            if (escaping) push_str(b, "''");
            escaping = 0;
            push_byte(b, c);
        } else {
            if (!escaping) push_str(b, "'$'");
            escaping = 1;
            push_escape(b, c);
        }
    }
    push_byte(b, '\'');
}

/* Prints "program: message" and, for usage errors, the --help hint; then exits with 1. */
static void fail(struct buf *message, int usage) {
    fflush(stdout);
    fprintf(stderr, "%s: ", program);
    fwrite(message->data, 1, message->len, stderr);
    fputc('\n', stderr);
    if (usage)
        fprintf(stderr, "Try '%s --help' for more information.\n", program);
    exit(1);
}

static void fail_text(const char *text, int usage) {
    struct buf m = {0};
    push_str(&m, text);
    fail(&m, usage);
}

/* Parses a wrap size like GNU: blanks, a sign, decimal digits and nothing else. Returns
 * the column count; a positive value beyond the 64-bit signed range turns wrapping off. */
static unsigned long long wrap_size(const char *arg) {
    const char *p = arg;
    int negative = 0, overflow = 0, ndigits = 0;
    unsigned long long v = 0;
    const unsigned long long limit = 9223372036854775807ULL;
    while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        p++;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    for (; *p >= '0' && *p <= '9'; p++, ndigits++) {
        unsigned d = (unsigned)(*p - '0');
        if (v > (limit - d) / 10)
            overflow = 1;
        else
            v = v * 10 + d;
    }
    if (ndigits == 0 || *p != '\0' || (negative && (v != 0 || overflow))) {
        struct buf m = {0};
        push_str(&m, "invalid wrap size: ");
        push_quoted(&m, arg);
        fail(&m, 0);
    }
    if (negative)
        return 0;
    return overflow ? 0 : v;
}

static const char *const LONGS[] = {"decode", "wrap", "ignore-garbage", "help", "version"};
#define NLONGS 5

int main(int argc, char **argv) {
    int decode = 0, garbage = 0;
    unsigned long long wrap = 76;
    const char **operands = calloc((size_t)argc + 1, sizeof *operands);
    int noperands = 0, i;
    if (argc > 0 && argv[0][0])
        program = argv[0];
    if (!operands)
        fail_text("memory exhausted", 0);

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                operands[noperands++] = argv[i];
            break;
        }
        if (a[0] == '-' && a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            int found = -1, matches = 0, k;
            for (k = 0; k < NLONGS; k++)
                if (strlen(LONGS[k]) == len && strncmp(LONGS[k], name, len) == 0)
                    found = k;
            if (found < 0) {
                for (k = 0; k < NLONGS; k++)
                    if (strncmp(LONGS[k], name, len) == 0) {
                        found = k;
                        matches++;
                    }
                if (matches > 1) {
                    struct buf m = {0};
                    push_str(&m, "option '");
                    push_str(&m, a);
                    push_str(&m, "' is ambiguous; possibilities:");
                    for (k = 0; k < NLONGS; k++)
                        if (strncmp(LONGS[k], name, len) == 0) {
                            push_str(&m, " '--");
                            push_str(&m, LONGS[k]);
                            push_str(&m, "'");
                        }
                    fail(&m, 1);
                }
            }
            if (found < 0) {
                struct buf m = {0};
                push_str(&m, "unrecognized option '");
                push_str(&m, a);
                push_str(&m, "'");
                fail(&m, 1);
            }
            if (found == 1) {
                const char *value = eq ? eq + 1 : NULL;
                if (!value) {
                    if (i + 1 >= argc)
                        fail_text("option '--wrap' requires an argument", 1);
                    value = argv[++i];
                }
                wrap = wrap_size(value);
            } else if (eq) {
                struct buf m = {0};
                push_str(&m, "option '--");
                push_str(&m, LONGS[found]);
                push_str(&m, "' doesn't allow an argument");
                fail(&m, 1);
            } else if (found == 0) {
                decode = 1;
            } else if (found == 2) {
                garbage = 1;
            } else {
                printf("Usage: %s [-d] [-i] [-w COLS] [FILE]\n", program);
                return 0;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            const char *p;
            for (p = a + 1; *p; p++) {
                if (*p == 'd') {
                    decode = 1;
                } else if (*p == 'i') {
                    garbage = 1;
                } else if (*p == 'w') {
                    if (p[1]) {
                        wrap = wrap_size(p + 1);
                    } else if (i + 1 < argc) {
                        wrap = wrap_size(argv[++i]);
                    } else {
                        fail_text("option requires an argument -- 'w'", 1);
                    }
                    break;
                } else {
                    struct buf m = {0};
                    push_str(&m, "invalid option -- '");
                    push_byte(&m, (unsigned char)*p);
                    push_str(&m, "'");
                    fail(&m, 1);
                }
            }
        } else {
            operands[noperands++] = a;
        }
    }
    if (noperands > 1) {
        struct buf m = {0};
        push_str(&m, "extra operand ");
        push_quoted(&m, operands[1]);
        fail(&m, 1);
    }

    const char *name = noperands ? operands[0] : "-";
    FILE *in = stdin;
    if (strcmp(name, "-") != 0) {
        in = fopen(name, "rb");
        if (!in) {
            struct buf m = {0};
            push_name(&m, name);
            push_str(&m, ": ");
            push_str(&m, strerror(errno));
            fail(&m, 0);
        }
    }
    struct buf input = {0};
    unsigned char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, in)) > 0)
        push(&input, chunk, got);
    if (ferror(in)) {
        struct buf m = {0};
        push_str(&m, "read error: ");
        push_str(&m, strerror(errno));
        fail(&m, 0);
    }

    struct buf out = {0};
    if (decode) {
        size_t kept = 0, k;
        for (k = 0; k < input.len; k++) {
            unsigned char c = input.data[k];
            int keep = garbage ? (c == '=' || digit(c) >= 0) : (c != '\n');
            if (keep)
                input.data[kept++] = c;
        }
        int ok = 1;
        for (k = 0; k < kept && ok; k += 4) {
            const unsigned char *q = input.data + k;
            size_t n = kept - k < 4 ? kept - k : 4;
            int a = n > 0 ? digit(q[0]) : -1, b = n > 1 ? digit(q[1]) : -1;
            ok = 0;
            if (n < 2 || a < 0 || b < 0)
                break;
            push_byte(&out, (unsigned char)(a << 2 | b >> 4));
            if (n == 2)
                break;
            if (q[2] == '=') {
                ok = n == 4 && q[3] == '=';
                continue;
            }
            int c = digit(q[2]);
            if (c < 0)
                break;
            push_byte(&out, (unsigned char)((b << 4 | c >> 2) & 0xff));
            if (n == 3)
                break;
            if (q[3] == '=') {
                ok = 1;
                continue;
            }
            int d = digit(q[3]);
            if (d < 0)
                break;
            push_byte(&out, (unsigned char)((c << 6 | d) & 0xff));
            ok = 1;
        }
        fwrite(out.data, 1, out.len, stdout);
        if (!ok)
            fail_text("invalid input", 0);
    } else {
        size_t k, column = 0;
        for (k = 0; k < input.len; k += 3) {
            size_t n = input.len - k < 3 ? input.len - k : 3, j;
            unsigned long bits = 0;
            for (j = 0; j < 3; j++)
                bits = bits << 8 | (j < n ? input.data[k + j] : 0);
            for (j = 0; j < 4; j++) {
                if (wrap && column == wrap) {
                    push_byte(&out, '\n');
                    column = 0;
                }
                push_byte(&out, j <= n ? (unsigned char)DIGITS[bits >> (18 - 6 * j) & 63] : '=');
                column++;
            }
        }
        if (wrap && column > 0)
            push_byte(&out, '\n');
        fwrite(out.data, 1, out.len, stdout);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        struct buf m = {0};
        push_str(&m, "write error: ");
        push_str(&m, strerror(errno));
        fail(&m, 0);
    }
    return 0;
}
