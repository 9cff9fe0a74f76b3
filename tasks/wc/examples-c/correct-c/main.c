/* Example submission for the wc task, in portable C: a correct wc written from spec.md.
 *
 * Build for the sandbox (Debian's wasi-libc and clang 14; the wasm32 compiler-rt builtins
 * come from libclang-rt-14-dev-wasm32, and clang finds the sysroot in /usr by itself):
 *
 *   clang --target=wasm32-wasi -O2 -o wc.wasm main.c
 *
 * Natively, for comparing with GNU wc:
 *
 *   gcc -std=c11 -O2 -Wall -Wextra -o wc main.c
 *
 * Only ISO C and POSIX calls that wasi-libc provides are used: no getopt_long (musl's
 * messages differ from glibc's), no locale functions (the character table is the spec's).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef unsigned long long u64;

enum { LINES, WORDS, CHARS, BYTES, LONGEST, NCOUNTS };

static const char *prog = "wc";
static int show[NCOUNTS];
static int width = 1;
static int status = 0;
static u64 total[NCOUNTS];

/* Character kinds of the spec's table. */
enum kind { INVISIBLE, WORD, GAP };

static enum kind classify(unsigned long c, int *w) {
  *w = 0;
  if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F) {
    *w = 1;
    return GAP;
  }
  if (c == 0x2060) return GAP;
  if (c == 0x3000) {
    *w = 2;
    return GAP;
  }
  if ((c >= 0x300 && c <= 0x36F) || (c >= 0x483 && c <= 0x489) || (c >= 0x200B && c <= 0x200F) ||
      (c >= 0x202A && c <= 0x202E) || (c >= 0x2061 && c <= 0x2064) ||
      (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF)
    return WORD;
  if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) ||
      (c >= 0xFF01 && c <= 0xFF60) || (c >= 0x1F600 && c <= 0x1F64F) ||
      (c >= 0x20000 && c <= 0x2A6DF)) {
    *w = 2;
    return WORD;
  }
  if ((c >= 0x21 && c <= 0x7E) || (c >= 0xA1 && c <= 0x24F) || (c >= 0x391 && c <= 0x3A1) ||
      (c >= 0x3A3 && c <= 0x3C9) || (c >= 0x400 && c <= 0x482) ||
      (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
      (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFF61 && c <= 0xFF9F)) {
    *w = 1;
    return WORD;
  }
  return INVISIBLE;
}

/* Streaming counter. The UTF-8 decoder is a byte-at-a-time state machine: when a sequence
 * breaks, its lead and the continuation bytes seen so far are all encoding errors (a
 * continuation byte never starts a character), and the breaking byte starts afresh. */
struct counter {
  u64 n[NCOUNTS];
  u64 col;
  int in_word;
  int need;           /* continuation bytes still expected */
  int len;            /* length of the pending sequence */
  unsigned long val;  /* value decoded so far */
};

static void end_line(struct counter *k) {
  if (k->col > k->n[LONGEST]) k->n[LONGEST] = k->col;
  k->col = 0;
}

static void character(struct counter *k, unsigned long c) {
  int gap = 1, w;
  k->n[CHARS]++;
  switch (c) {
    case '\n':
      k->n[LINES]++;
      end_line(k);
      break;
    case '\r':
    case '\f':
      end_line(k);
      break;
    case '\t':
      k->col = (k->col / 8 + 1) * 8;
      break;
    case ' ':
      k->col++;
      break;
    case '\v':
      break;
    default:
      switch (classify(c, &w)) {
        case WORD:
          k->col += (u64)w;
          k->in_word = 1;
          gap = 0;
          break;
        case GAP:
          k->col += (u64)w;
          break;
        case INVISIBLE:
          gap = 0;
          break;
      }
  }
  if (gap && k->in_word) {
    k->n[WORDS]++;
    k->in_word = 0;
  }
}

static void feed(struct counter *k, const unsigned char *p, size_t size) {
  static const unsigned long least[7] = {0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
  k->n[BYTES] += size;
  for (size_t i = 0; i < size; i++) {
    unsigned b = p[i];
    if (k->need > 0) {
      if ((b & 0xC0) == 0x80) {
        k->val = (k->val << 6) | (b & 0x3F);
        if (--k->need == 0) {
          int bad = k->val < least[k->len] || (k->val >= 0xD800 && k->val <= 0xDFFF);
          if (!bad) character(k, k->val);
        }
        continue;
      }
      k->need = 0; /* broken sequence: drop it and decode this byte afresh */
    }
    if (b < 0x80) {
      character(k, b);
    } else if (b >= 0xC0 && b <= 0xFD) {
      int len = b >= 0xFC ? 6 : b >= 0xF8 ? 5 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      k->len = len;
      k->need = len - 1;
      k->val = b & (0x7Fu >> len);
    }
    /* Other bytes (80-BF alone, FE, FF) are encoding errors: bytes only. */
  }
}

static void finish(struct counter *k) {
  end_line(k);
  if (k->in_word) k->n[WORDS]++;
}

static void row(const u64 *n, const char *name) {
  const char *sep = "";
  for (int i = 0; i < NCOUNTS; i++) {
    if (!show[i]) continue;
    printf("%s%*llu", sep, width, n[i]);
    sep = " ";
  }
  if (name) printf(" %s", name);
  putchar('\n');
}

static const char *reason(int e) {
  return strerror(e);
}

static int stdin_used = 0;

/* Counts one input; name NULL is unnamed standard input. */
static void count(const char *name) {
  struct counter k;
  memset(&k, 0, sizeof k);
  int fd = 0;
  int is_stdin = name == NULL || strcmp(name, "-") == 0;
  if (!is_stdin) {
    fd = open(name, O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "%s: %s: %s\n", prog, name, reason(errno));
      status = 1;
      return;
    }
  }
  static unsigned char buf[16384];
  if (!(is_stdin && stdin_used)) {
    for (;;) {
      ssize_t got = read(fd, buf, sizeof buf);
      if (got == 0) break;
      if (got < 0) {
        if (errno == EINTR) continue;
        fprintf(stderr, "%s: %s: %s\n", prog, name ? name : "standard input", reason(errno));
        status = 1;
        break;
      }
      feed(&k, buf, (size_t)got);
    }
  }
  if (is_stdin)
    stdin_used = 1;
  else
    close(fd);
  finish(&k);
  row(k.n, name);
  for (int i = 0; i < LONGEST; i++) total[i] += k.n[i];
  if (k.n[LONGEST] > total[LONGEST]) total[LONGEST] = k.n[LONGEST];
}

static void usage_error(void) {
  fprintf(stderr, "Try '%s --help' for more information.\n", prog);
  exit(1);
}

static const char *const long_names[] = {"bytes", "chars",           "lines", "words",  "debug",
                                          "files0-from", "max-line-length", "help", "version"};

/* Reads all of fd into a malloc'd buffer; returns NULL with errno set on a read error. */
static char *slurp(int fd, size_t *size) {
  size_t cap = 4096, len = 0;
  char *data = malloc(cap + 1);
  if (!data) return NULL;
  for (;;) {
    if (len == cap) {
      char *bigger = realloc(data, cap * 2 + 1);
      if (!bigger) {
        free(data);
        return NULL;
      }
      data = bigger;
      cap *= 2;
    }
    ssize_t got = read(fd, data + len, cap - len);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      free(data);
      errno = e;
      return NULL;
    }
    len += (size_t)got;
  }
  data[len] = '\0';
  *size = len;
  return data;
}

int main(int argc, char **argv) {
  if (argc > 0) prog = argv[0];
  const char *list = NULL;
  char **names = malloc(sizeof(char *) * (size_t)(argc + 1));
  int nnames = 0;
  if (!names) return 1;

  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      while (++i < argc) names[nnames++] = argv[i];
      break;
    }
    if (a[0] == '-' && a[1] == '-') {
      char *body = a + 2;
      char *eq = strchr(body, '=');
      size_t nlen = eq ? (size_t)(eq - body) : strlen(body);
      int hit = -1, hits = 0;
      for (int j = 0; j < 9; j++) {
        if (strncmp(long_names[j], body, nlen) == 0) {
          if (strlen(long_names[j]) == nlen) {
            hit = j;
            hits = 1;
            break;
          }
          hit = j;
          hits++;
        }
      }
      if (hits == 0) {
        fprintf(stderr, "%s: unrecognized option '%s'\n", prog, a);
        usage_error();
      }
      if (hits > 1) {
        fprintf(stderr, "%s: option '%s' is ambiguous; possibilities:", prog, a);
        for (int j = 0; j < 9; j++)
          if (strncmp(long_names[j], body, nlen) == 0) fprintf(stderr, " '--%s'", long_names[j]);
        fputc('\n', stderr);
        usage_error();
      }
      const char *full = long_names[hit];
      if (strcmp(full, "files0-from") == 0) {
        if (eq) {
          list = eq + 1;
        } else if (i + 1 < argc) {
          list = argv[++i];
        } else {
          fprintf(stderr, "%s: option '--files0-from' requires an argument\n", prog);
          usage_error();
        }
        continue;
      }
      if (eq) {
        fprintf(stderr, "%s: option '--%s' doesn't allow an argument\n", prog, full);
        usage_error();
      }
      if (strcmp(full, "help") == 0 || strcmp(full, "version") == 0) {
        printf("Usage: %s [OPTION]... [FILE]...\n", prog);
        return 0;
      }
      static const int slot[] = {BYTES, CHARS, LINES, WORDS, -1, -1, LONGEST};
      if (slot[hit] >= 0) show[slot[hit]] = 1;
      continue;
    }
    if (a[0] == '-' && a[1] != '\0') {
      for (char *p = a + 1; *p; p++) {
        const char *at = strchr("lwmcL", *p);
        if (!at) {
          fprintf(stderr, "%s: invalid option -- '%c'\n", prog, *p);
          usage_error();
        }
        show[at - "lwmcL"] = 1;
      }
      continue;
    }
    names[nnames++] = a;
  }
  int selected = 0;
  for (int i = 0; i < NCOUNTS; i++) selected += show[i];
  if (selected == 0) {
    show[LINES] = show[WORDS] = show[BYTES] = 1;
    selected = 3;
  }

  int names_from_stdin = 0;
  char *list_data = NULL;
  if (list) {
    if (nnames > 0) {
      fprintf(stderr, "%s: extra operand '%s'\n", prog, names[0]);
      fputs("file operands cannot be combined with --files0-from\n", stderr);
      usage_error();
    }
    int fd = 0;
    if (strcmp(list, "-") == 0) {
      names_from_stdin = 1;
    } else {
      fd = open(list, O_RDONLY);
      if (fd < 0) {
        fprintf(stderr, "%s: cannot open '%s' for reading: %s\n", prog, list, reason(errno));
        return 1;
      }
    }
    size_t size = 0;
    list_data = slurp(fd, &size);
    if (!list_data) {
      fprintf(stderr, "%s: %s: read error: %s\n", prog, list, reason(errno));
      return 1;
    }
    if (names_from_stdin) stdin_used = 1;
    /* Split at NULs; a final name needs no terminator, and nothing after the last NUL
     * means no further name. */
    free(names);
    names = malloc(sizeof(char *) * (size + 1));
    if (!names) return 1;
    nnames = 0;
    size_t start = 0;
    for (size_t i = 0; i <= size; i++) {
      if (i == size && start == size) break;
      if (i == size || list_data[i] == '\0') {
        list_data[i] = '\0';
        names[nnames++] = list_data + start;
        start = i + 1;
      }
    }
  }

  int unnamed = !list && nnames == 0;
  int inputs = unnamed ? 1 : nnames;
  if (names_from_stdin || (inputs == 1 && selected == 1)) {
    width = 1;
  } else {
    u64 sum = 0;
    int floor = 1;
    for (int i = 0; i < inputs; i++) {
      const char *n = unnamed ? "-" : names[i];
      struct stat st;
      if (strcmp(n, "-") == 0)
        floor = 7; /* standard input is never a regular file here */
      else if (n[0] == '\0')
        continue; /* never ask the file system about the empty name */
      else if (stat(n, &st) != 0)
        continue;
      else if (S_ISREG(st.st_mode))
        sum += (u64)st.st_size;
      else
        floor = 7;
    }
    width = 1;
    for (; sum >= 10; sum /= 10) width++;
    if (width < floor) width = floor;
  }

  if (unnamed) count(NULL);
  for (int i = 0; i < nnames; i++) {
    const char *n = names[i];
    if (names_from_stdin && strcmp(n, "-") == 0) {
      fprintf(stderr, "%s: when reading file names from stdin, no file name of '-' allowed\n",
              prog);
      status = 1;
    } else if (n[0] == '\0') {
      if (list)
        fprintf(stderr, "%s: %s:%d: invalid zero-length file name\n", prog, list, i + 1);
      else
        fprintf(stderr, "%s: invalid zero-length file name\n", prog);
      status = 1;
    } else {
      count(n);
    }
  }
  if (nnames > 1) row(total, "total");
  if (fflush(stdout) != 0) status = 1;
  free(list_data);
  free(names);
  return status;
}
