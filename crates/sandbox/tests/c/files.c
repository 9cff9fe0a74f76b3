// Files and directories through wasi-libc: the calls C command-line tools make.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void list(const char *path) {
    DIR *dir = opendir(path);
    if (!dir) {
        printf("opendir %s: %s\n", path, strerror(errno));
        return;
    }
    printf("%s:", path);
    struct dirent *entry;
    while ((entry = readdir(dir))) printf(" %s%s", entry->d_name, entry->d_type == DT_DIR ? "/" : "");
    printf("\n");
    closedir(dir);
}

static void cat(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("fopen %s: %s\n", path, strerror(errno));
        return;
    }
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    if (ferror(f)) printf("fread %s: %s\n", path, strerror(errno));
    else printf("%s = \"%s\"\n", path, buf);
    fclose(f);
}

int main(void) {
    cat("hello.txt");
    cat("/hello.txt");
    cat("missing.txt");
    cat("dir");
    cat("../outside.txt");

    FILE *out = fopen("out/new.txt", "w");
    printf("fopen without parent: %s\n", out ? "ok" : strerror(errno));
    printf("mkdir out: %d\n", mkdir("out", 0755));
    printf("mkdir out again: %s\n", mkdir("out", 0755) ? strerror(errno) : "ok");
    out = fopen("out/new.txt", "w");
    fprintf(out, "line %d\n", 1);
    fputs("line 2\n", out);
    fclose(out);
    cat("out/new.txt");

    out = fopen("out/new.txt", "a");
    fputs("line 3\n", out);
    fclose(out);
    FILE *in = fopen("out/new.txt", "r");
    fseek(in, -7, SEEK_END);
    printf("ftell after seek: %ld\n", ftell(in));
    char tail[16] = {0};
    fread(tail, 1, 6, in);
    printf("tail: %s\n", tail);
    fclose(in);

    struct stat st;
    stat("out/new.txt", &st);
    printf("stat: size=%lld regular=%d mtime=%lld\n", (long long)st.st_size, S_ISREG(st.st_mode), (long long)st.st_mtime);
    stat("dir", &st);
    printf("stat dir: directory=%d\n", S_ISDIR(st.st_mode));

    printf("rename: %d\n", rename("hello.txt", "out/moved.txt"));
    printf("rename missing: %s\n", rename("hello.txt", "x") ? strerror(errno) : "ok");
    printf("unlink: %d\n", unlink("dir/a.txt"));
    printf("unlink missing: %s\n", unlink("dir/a.txt") ? strerror(errno) : "ok");
    printf("rmdir nonempty: %s\n", rmdir("out") ? strerror(errno) : "ok");
    printf("rmdir: %d\n", rmdir("dir/sub"));
    printf("symlink: %d\n", symlink("out/moved.txt", "shortcut"));
    char target[64] = {0};
    printf("readlink: %zd %s\n", readlink("shortcut", target, sizeof target - 1), target);
    cat("shortcut");
    printf("access escape: %s\n", access("../etc/passwd", R_OK) ? strerror(errno) : "ok");

    list(".");
    list("out");
    list("nope");
    int fd = open("dir", O_RDONLY);
    char byte;
    printf("read on directory fd: %zd %s\n", read(fd, &byte, 1), strerror(errno));
    close(fd);
    return 0;
}
