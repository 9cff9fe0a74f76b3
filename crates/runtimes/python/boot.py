# Replica's start-up code for Python candidates, run by CPython as `-c` (see lib.rs).
# CHECK is replaced by True (compile only) or False (run) before use.
def _replica(check):
    import builtins, posix, sys
    # PYTHONHASHSEED is set by the runtime's environment so that set and dict order never
    # depend on the seed; the program does not see it.
    posix.environ.pop(b"PYTHONHASHSEED", None)
    posix.unsetenv("PYTHONHASHSEED")
    with open("/.replica/program", "rb") as f:
        source = f.read()

    def show(error, tb):
        import linecache, traceback
        text = source.decode("utf-8", "replace")
        linecache.cache["main.py"] = (len(text), None, text.splitlines(True), "main.py")
        traceback.print_exception(type(error), error, tb)
        sys.stderr.flush()

    try:
        code = compile(source, "main.py", "exec")
    except (SyntaxError, ValueError) as error:
        show(error, None)
        sys.exit(1)
    if check:
        sys.exit(0)
    sys.argv[0] = sys.orig_argv[0]
    builtins.exit = builtins.quit = sys.exit
    scope = sys.modules["__main__"].__dict__
    scope.clear()
    scope.update(
        __name__="__main__",
        __builtins__=builtins,
        __file__="main.py",
        __doc__=None,
        __package__=None,
        __spec__=None,
        __loader__=None,
    )
    try:
        exec(code, scope)
    except SystemExit:
        raise
    except BaseException as error:
        show(error, error.__traceback__.tb_next)
        sys.exit(1)


_replica(CHECK)
