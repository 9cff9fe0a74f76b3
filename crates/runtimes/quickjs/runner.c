/*
 * Replica's JavaScript runtime: QuickJS-NG as a WASI command that runs one script.
 *
 * The candidate's program is not a file in its tree: the sandbox hands it over as
 * /.replica/program, in a read-only directory preopened outside the tree, which this
 * runner reads before anything else runs. argv is the task's program name, then the case's
 * arguments; the script sees them Node-style as process.argv.slice(2).
 *
 * Output to stdout and stderr is buffered here and written in large pieces, since every
 * host call costs fuel. The Node-like API (process, require('fs'), console, Buffer,
 * TextEncoder/TextDecoder, setTimeout) is defined in prelude.js over the few native
 * functions below, on the object `__replica`, which the prelude removes again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quickjs.h"
#include "prelude.h" /* const char PRELUDE[]; generated from prelude.js at build time */

/* How the prelude wraps a script, CommonJS style; on one line, so line numbers hold. */
#define WRAP_HEAD "(function (exports, require, module, __filename, __dirname) {"
#define WRAP_TAIL "\n})"

/* Where the sandbox puts the program: a read-only preopen outside the candidate's tree. */
#define SOURCE_PATH "/.replica/program"
/* Exit code for a script that threw, as Node uses. */
#define EXIT_UNCAUGHT 1
/* Exit code when the runner itself cannot start the script. */
#define EXIT_RUNNER 70

typedef struct {
    char *data;
    size_t len, cap;
} Out;

static Out out_buf[3];

static void out_flush(int fd) {
    Out *o = &out_buf[fd];
    size_t done = 0;
    while (done < o->len) {
        ssize_t n = write(fd, o->data + done, o->len - done);
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    o->len = 0;
}

/* Buffers `len` bytes for stdout (1) or stderr (2), flushing past 64 KiB. */
static void out_write(int fd, const char *data, size_t len) {
    Out *o = &out_buf[fd];
    if (o->len + len > o->cap) {
        out_flush(fd);
        if (len > 65536) {
            /* Large writes go straight out. */
            size_t done = 0;
            while (done < len) {
                ssize_t n = write(fd, data + done, len - done);
                if (n <= 0)
                    return;
                done += (size_t)n;
            }
            return;
        }
        if (o->cap < 65536) {
            o->cap = 65536;
            o->data = realloc(o->data, o->cap);
        }
    }
    memcpy(o->data + o->len, data, len);
    o->len += len;
}

static void flush_all(void) {
    out_flush(1);
    out_flush(2);
}

static void finish(int code) {
    flush_all();
    _exit(code);
}

/* Reads all of `fd`; returns a malloc'd buffer (NUL-terminated) or NULL with errno. */
static char *read_all(int fd, size_t *plen) {
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return NULL;
    for (;;) {
        if (len == cap) {
            cap *= 2;
            char *grown = realloc(buf, cap + 1);
            if (!grown) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = grown;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0) {
            int saved = errno;
            free(buf);
            errno = saved;
            return NULL;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    buf[len] = 0;
    *plen = len;
    return buf;
}

/* Throws a Node-style error: message "CODE: text, op 'path'", with .code and .errno. */
static JSValue throw_errno(JSContext *ctx, int err, const char *op, const char *path) {
    const char *code = "EIO";
    switch (err) {
    case ENOENT: code = "ENOENT"; break;
    case EISDIR: code = "EISDIR"; break;
    case ENOTDIR: code = "ENOTDIR"; break;
    case EACCES: code = "EACCES"; break;
    case EEXIST: code = "EEXIST"; break;
    case ENOSPC: code = "ENOSPC"; break;
    case EBADF: code = "EBADF"; break;
    case EINVAL: code = "EINVAL"; break;
    case ENOTEMPTY: code = "ENOTEMPTY"; break;
    case ENOTCAPABLE: code = "EACCES"; break;
    case ENAMETOOLONG: code = "ENAMETOOLONG"; break;
    }
    char message[512];
    if (path)
        snprintf(message, sizeof message, "%s: %s, %s '%s'", code, strerror(err), op, path);
    else
        snprintf(message, sizeof message, "%s: %s, %s", code, strerror(err), op);
    JSValue error = JS_NewError(ctx);
    JS_SetPropertyStr(ctx, error, "message", JS_NewString(ctx, message));
    JS_SetPropertyStr(ctx, error, "code", JS_NewString(ctx, code));
    JS_SetPropertyStr(ctx, error, "errno", JS_NewInt32(ctx, -err));
    JS_SetPropertyStr(ctx, error, "syscall", JS_NewString(ctx, op));
    if (path)
        JS_SetPropertyStr(ctx, error, "path", JS_NewString(ctx, path));
    return JS_Throw(ctx, error);
}

/* Bytes of a Uint8Array/ArrayBuffer argument, or a string as UTF-8. */
static const uint8_t *bytes_of(JSContext *ctx, JSValueConst v, size_t *len, const char **str) {
    *str = NULL;
    if (JS_IsString(v)) {
        *str = JS_ToCStringLen(ctx, len, v);
        return (const uint8_t *)*str;
    }
    uint8_t *p = JS_GetUint8Array(ctx, len, v);
    if (p)
        return p;
    JS_FreeValue(ctx, JS_GetException(ctx));
    p = JS_GetArrayBuffer(ctx, len, v);
    if (p)
        return p;
    JS_FreeValue(ctx, JS_GetException(ctx));
    size_t offset, elem;
    JSValue buffer = JS_GetTypedArrayBuffer(ctx, v, &offset, len, &elem);
    if (JS_IsException(buffer))
        return NULL;
    size_t total;
    p = JS_GetArrayBuffer(ctx, &total, buffer);
    JS_FreeValue(ctx, buffer);
    return p ? p + offset : NULL;
}

/* __replica.read(fdOrPath) -> Uint8Array of the whole file or stream. */
static JSValue js_read(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    int fd;
    const char *path = NULL;
    if (JS_IsNumber(argv[0])) {
        if (JS_ToInt32(ctx, &fd, argv[0]))
            return JS_EXCEPTION;
    } else {
        path = JS_ToCString(ctx, argv[0]);
        if (!path)
            return JS_EXCEPTION;
        fd = open(path, O_RDONLY);
        if (fd < 0) {
            JSValue e = throw_errno(ctx, errno, "open", path);
            JS_FreeCString(ctx, path);
            return e;
        }
    }
    size_t len;
    char *data = read_all(fd, &len);
    int err = errno;
    if (path)
        close(fd);
    if (!data) {
        JSValue e = throw_errno(ctx, err, "read", path);
        if (path)
            JS_FreeCString(ctx, path);
        return e;
    }
    if (path)
        JS_FreeCString(ctx, path);
    JSValue result = JS_NewUint8ArrayCopy(ctx, (uint8_t *)data, len);
    free(data);
    return result;
}

/* __replica.write(fd, data): stdout and stderr are buffered, other descriptors not. */
static JSValue js_write(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    int fd;
    if (JS_ToInt32(ctx, &fd, argv[0]))
        return JS_EXCEPTION;
    size_t len;
    const char *str;
    const uint8_t *p = bytes_of(ctx, argv[1], &len, &str);
    if (!p)
        return JS_EXCEPTION;
    if (fd == 1 || fd == 2) {
        out_write(fd, (const char *)p, len);
    } else {
        size_t done = 0;
        while (done < len) {
            ssize_t n = write(fd, p + done, len - done);
            if (n < 0) {
                if (str)
                    JS_FreeCString(ctx, str);
                return throw_errno(ctx, errno, "write", NULL);
            }
            done += (size_t)n;
        }
    }
    if (str)
        JS_FreeCString(ctx, str);
    return JS_UNDEFINED;
}

/* __replica.writeFile(path, data, append) */
static JSValue js_write_file(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    const char *path = JS_ToCString(ctx, argv[0]);
    if (!path)
        return JS_EXCEPTION;
    int append = JS_ToBool(ctx, argv[2]);
    int fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0) {
        JSValue e = throw_errno(ctx, errno, "open", path);
        JS_FreeCString(ctx, path);
        return e;
    }
    size_t len;
    const char *str;
    const uint8_t *p = bytes_of(ctx, argv[1], &len, &str);
    if (!p) {
        close(fd);
        JS_FreeCString(ctx, path);
        return JS_EXCEPTION;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0) {
            int err = errno;
            close(fd);
            if (str)
                JS_FreeCString(ctx, str);
            JSValue e = throw_errno(ctx, err, "write", path);
            JS_FreeCString(ctx, path);
            return e;
        }
        done += (size_t)n;
    }
    close(fd);
    if (str)
        JS_FreeCString(ctx, str);
    JS_FreeCString(ctx, path);
    return JS_UNDEFINED;
}

/* __replica.kind(path) -> "file" | "dir" | "other" | null when it does not exist. */
static JSValue js_kind(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    const char *path = JS_ToCString(ctx, argv[0]);
    if (!path)
        return JS_EXCEPTION;
    struct stat st;
    int r = stat(path, &st);
    JS_FreeCString(ctx, path);
    if (r < 0)
        return JS_NULL;
    if (S_ISREG(st.st_mode))
        return JS_NewString(ctx, "file");
    if (S_ISDIR(st.st_mode))
        return JS_NewString(ctx, "dir");
    return JS_NewString(ctx, "other");
}

/* __replica.utf8Decode(bytes) -> string (invalid sequences become U+FFFD). */
static JSValue js_utf8_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    size_t len;
    const char *str;
    const uint8_t *p = bytes_of(ctx, argv[0], &len, &str);
    if (!p)
        return JS_EXCEPTION;
    JSValue result = JS_NewStringLen(ctx, (const char *)p, len);
    if (str)
        JS_FreeCString(ctx, str);
    return result;
}

/* __replica.utf8Valid(bytes) -> whether bytes are well-formed UTF-8 (no overlong forms,
   surrogates or code points past U+10FFFF), for TextDecoder's `fatal` option. */
static JSValue js_utf8_valid(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    size_t len;
    const char *str;
    const uint8_t *p = bytes_of(ctx, argv[0], &len, &str);
    if (!p)
        return JS_EXCEPTION;
    size_t i = 0;
    int ok = 1;
    while (i < len && ok) {
        uint8_t b = p[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        int n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
        if (n < 0 || b > 0xF4 || i + n >= len) {
            ok = 0;
            break;
        }
        uint32_t c = b & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            if (i + k >= len || (p[i + k] & 0xC0) != 0x80) {
                ok = 0;
                break;
            }
            c = (c << 6) | (p[i + k] & 0x3F);
        }
        if (!ok)
            break;
        static const uint32_t least[4] = {0, 0x80, 0x800, 0x10000};
        if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            ok = 0;
        i += n + 1;
    }
    if (str)
        JS_FreeCString(ctx, str);
    return JS_NewBool(ctx, ok);
}

/* __replica.utf8Encode(string) -> Uint8Array */
static JSValue js_utf8_encode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    size_t len;
    const char *s = JS_ToCStringLen(ctx, &len, argv[0]);
    if (!s)
        return JS_EXCEPTION;
    JSValue result = JS_NewUint8ArrayCopy(ctx, (const uint8_t *)s, len);
    JS_FreeCString(ctx, s);
    return result;
}

/* __replica.evalScript(source, filename) -> the value of the script, run as global code. */
static JSValue js_eval_script(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    size_t len;
    const char *src = JS_ToCStringLen(ctx, &len, argv[0]);
    if (!src)
        return JS_EXCEPTION;
    const char *name = JS_ToCString(ctx, argv[1]);
    if (!name) {
        JS_FreeCString(ctx, src);
        return JS_EXCEPTION;
    }
    JSValue result = JS_Eval(ctx, src, len, name, JS_EVAL_TYPE_GLOBAL);
    JS_FreeCString(ctx, src);
    JS_FreeCString(ctx, name);
    return result;
}

/* __replica.exit(code): flushes and ends the program at once. */
static JSValue js_exit(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
    int code = 0;
    if (argc > 0 && JS_ToInt32(ctx, &code, argv[0]))
        return JS_EXCEPTION;
    finish(code & 0xff);
    return JS_UNDEFINED;
}

static const JSCFunctionListEntry native_funcs[] = {
    JS_CFUNC_DEF("read", 1, js_read),
    JS_CFUNC_DEF("write", 2, js_write),
    JS_CFUNC_DEF("writeFile", 3, js_write_file),
    JS_CFUNC_DEF("kind", 1, js_kind),
    JS_CFUNC_DEF("utf8Decode", 1, js_utf8_decode),
    JS_CFUNC_DEF("utf8Valid", 1, js_utf8_valid),
    JS_CFUNC_DEF("utf8Encode", 1, js_utf8_encode),
    JS_CFUNC_DEF("exit", 1, js_exit),
    JS_CFUNC_DEF("evalScript", 2, js_eval_script),
};

/* Prints an uncaught exception the way Node does (the stack, or the value) to stderr. */
static void report_exception(JSContext *ctx) {
    JSValue exception = JS_GetException(ctx);
    JSValue text = JS_UNDEFINED;
    if (JS_IsError(exception)) {
        JSValue name = JS_GetPropertyStr(ctx, exception, "name");
        JSValue message = JS_GetPropertyStr(ctx, exception, "message");
        JSValue stack = JS_GetPropertyStr(ctx, exception, "stack");
        const char *n = JS_ToCString(ctx, name);
        const char *m = JS_ToCString(ctx, message);
        const char *s = JS_IsUndefined(stack) ? NULL : JS_ToCString(ctx, stack);
        char head[1024];
        snprintf(head, sizeof head, "%s: %s\n", n ? n : "Error", m ? m : "");
        out_write(2, head, strlen(head));
        if (s)
            out_write(2, s, strlen(s));
        JS_FreeCString(ctx, n);
        JS_FreeCString(ctx, m);
        if (s)
            JS_FreeCString(ctx, s);
        JS_FreeValue(ctx, name);
        JS_FreeValue(ctx, message);
        JS_FreeValue(ctx, stack);
    } else {
        const char *prefix = "Uncaught ";
        out_write(2, prefix, strlen(prefix));
        text = JS_ToString(ctx, exception);
        const char *t = JS_ToCString(ctx, text);
        if (t) {
            out_write(2, t, strlen(t));
            JS_FreeCString(ctx, t);
        }
        out_write(2, "\n", 1);
    }
    JS_FreeValue(ctx, text);
    JS_FreeValue(ctx, exception);
}

/* Runs queued promise jobs and the prelude's timers until nothing is left. */
static int drain(JSContext *ctx, JSValueConst timers) {
    JSRuntime *rt = JS_GetRuntime(ctx);
    for (;;) {
        JSContext *job_ctx;
        int r;
        while ((r = JS_ExecutePendingJob(rt, &job_ctx)) > 0) {
        }
        if (r < 0)
            return -1;
        JSValue more = JS_Call(ctx, timers, JS_UNDEFINED, 0, NULL);
        if (JS_IsException(more))
            return -1;
        int again = JS_ToBool(ctx, more);
        JS_FreeValue(ctx, more);
        if (!again)
            return 0;
    }
}

int main(int argc, char **argv) {
    size_t source_len;
    int source_fd = open(SOURCE_PATH, O_RDONLY);
    char *source = source_fd < 0 ? NULL : read_all(source_fd, &source_len);
    if (!source) {
        fprintf(stderr, "replica-js: cannot read the program %s: %s\n", SOURCE_PATH, strerror(errno));
        return EXIT_RUNNER;
    }
    close(source_fd);

    JSRuntime *rt = JS_NewRuntime();
    /* The sandbox bounds memory and call depth; QuickJS's own stack check would measure
       the wasm shadow stack, which the linker sizes (see the build), so keep it on with
       room below that size. */
    JS_SetMaxStackSize(rt, 7 << 20);
    JSContext *ctx = JS_NewContext(rt);

    if (getenv("REPLICA_CHECK_ONLY")) {
        /* Compile the script as the prelude will wrap it, without running anything. */
        size_t wrapped_len = strlen(WRAP_HEAD) + source_len + strlen(WRAP_TAIL);
        char *wrapped = malloc(wrapped_len + 1);
        if (!wrapped)
            finish(EXIT_RUNNER);
        memcpy(wrapped, WRAP_HEAD, strlen(WRAP_HEAD));
        memcpy(wrapped + strlen(WRAP_HEAD), source, source_len);
        memcpy(wrapped + strlen(WRAP_HEAD) + source_len, WRAP_TAIL, strlen(WRAP_TAIL) + 1);
        JSValue compiled = JS_Eval(ctx, wrapped, wrapped_len, "main.js",
                                   JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
        if (JS_IsException(compiled)) {
            report_exception(ctx);
            finish(EXIT_UNCAUGHT);
        }
        finish(0);
    }

    JSValue global = JS_GetGlobalObject(ctx);
    JSValue native = JS_NewObject(ctx);
    JS_SetPropertyFunctionList(ctx, native, native_funcs, sizeof native_funcs / sizeof native_funcs[0]);
    JSValue args = JS_NewArray(ctx);
    for (int i = 0; i < argc; i++)
        JS_SetPropertyUint32(ctx, args, i, JS_NewString(ctx, argv[i]));
    JS_SetPropertyStr(ctx, native, "argv", args);
    extern char **environ;
    JSValue env = JS_NewArray(ctx);
    for (int i = 0; environ && environ[i]; i++)
        JS_SetPropertyUint32(ctx, env, i, JS_NewString(ctx, environ[i]));
    JS_SetPropertyStr(ctx, native, "env", env);
    JS_SetPropertyStr(ctx, native, "source", JS_NewStringLen(ctx, source, source_len));
    JS_SetPropertyStr(ctx, native, "wrapHead", JS_NewString(ctx, WRAP_HEAD));
    JS_SetPropertyStr(ctx, native, "wrapTail", JS_NewString(ctx, WRAP_TAIL));
    free(source);
    JS_SetPropertyStr(ctx, global, "__replica", native);

    /* The prelude evaluates to a function running the script; it returns the timer pump. */
    JSValue run = JS_Eval(ctx, PRELUDE, sizeof PRELUDE - 1, "<replica prelude>", JS_EVAL_TYPE_GLOBAL);
    if (JS_IsException(run)) {
        report_exception(ctx);
        finish(EXIT_RUNNER);
    }
    JSValue timers = JS_Call(ctx, run, JS_UNDEFINED, 0, NULL);
    int code = 0;
    if (JS_IsException(timers)) {
        report_exception(ctx);
        finish(EXIT_UNCAUGHT);
    }
    if (drain(ctx, timers) < 0) {
        report_exception(ctx);
        finish(EXIT_UNCAUGHT);
    }
    JSValue exit_code = JS_GetPropertyStr(ctx, global, "__replicaExitCode");
    JS_ToInt32(ctx, &code, exit_code);
    finish(code & 0xff);
    return 0;
}
