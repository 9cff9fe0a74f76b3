// Standard streams, arguments, environment and clocks through wasi-libc.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    const char *home = getenv("HOME");
    printf("HOME=%s\n", home ? home : "(unset)");
    printf("MISSING=%s\n", getenv("MISSING") ? "set" : "(unset)");
    printf("isatty(0)=%d isatty(1)=%d\n", isatty(0), isatty(1));

    char line[256];
    int lines = 0;
    size_t bytes = 0;
    while (fgets(line, sizeof line, stdin)) {
        lines++;
        bytes += strlen(line);
        printf("stdin %d: %s", lines, line);
    }
    printf("stdin: %d lines, %zu bytes, eof=%d\n", lines, bytes, feof(stdin));
    // Reading past the end keeps returning end of file.
    printf("getchar after eof=%d\n", getchar());

    time_t now = time(NULL);
    struct tm *utc = gmtime(&now);
    char stamp[64];
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", utc);
    printf("time=%s\n", stamp);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("monotonic advances: %d\n", b.tv_nsec > a.tv_nsec || b.tv_sec > a.tv_sec);
    sleep(3600);
    time_t later = time(NULL);
    printf("slept: %lld s\n", (long long)(later - now));

    fprintf(stderr, "to stderr\n");
    if (lseek(0, 0, SEEK_SET) < 0) printf("lseek stdin: %s\n", strerror(errno));
    return 3;
}
