//! Real C programs, compiled with clang against wasi-libc at test time, run in the sandbox.
//! They exercise the host the way C command-line tools do: stdio buffering, `isatty`,
//! `opendir`/`readdir`, `rename`, errno strings.

mod common;

use common::render_tree;
use replica_sandbox::{Budget, Ending, Input, Module, Node, Outcome, Tree};
use std::path::{Path, PathBuf};
use std::process::Command;

const INSTALL_HINT: &str = "the C tests need clang with a wasm32-wasi sysroot: run \
    `apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32` \
    (or set WASI_SYSROOT to a wasi-sdk sysroot)";

/// The wasi-libc sysroot: `$WASI_SYSROOT`, Debian's (`/usr`), or wasi-sdk's.
fn sysroot() -> PathBuf {
    if let Some(path) = std::env::var_os("WASI_SYSROOT") {
        return PathBuf::from(path);
    }
    for candidate in ["/usr", "/opt/wasi-sdk/share/wasi-sysroot"] {
        let root = Path::new(candidate);
        if root.join("lib/wasm32-wasi/libc.a").exists() {
            return root.to_owned();
        }
    }
    panic!("no wasi-libc found: {INSTALL_HINT}");
}

/// Compiles `tests/c/<name>.c` to wasm and returns the module bytes.
fn compile(name: &str) -> Vec<u8> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/c/{name}.c"));
    let output = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.wasm"));
    let result = Command::new("clang")
        .arg("--target=wasm32-wasi")
        .arg(format!("--sysroot={}", sysroot().display()))
        .args(["-O2", "-Wall", "-Werror", "-o"])
        .arg(&output)
        .arg(&source)
        .output()
        .unwrap_or_else(|error| panic!("running clang failed ({error}): {INSTALL_HINT}"));
    assert!(
        result.status.success(),
        "clang failed on {}:\n{}\n{INSTALL_HINT}",
        source.display(),
        String::from_utf8_lossy(&result.stderr)
    );
    std::fs::read(&output).expect("clang wrote the module")
}

fn run(name: &str, input: &Input) -> Outcome {
    let wasm = compile(name);
    let budget = Budget::default();
    let module = Module::new(&wasm, &budget).unwrap_or_else(|e| panic!("{name}: {e}"));
    module.run(input, &budget)
}

fn check(outcome: &Outcome, stdout: &str, stderr: &str, ending: Ending) {
    assert_eq!(String::from_utf8_lossy(&outcome.stdout), stdout);
    assert_eq!(String::from_utf8_lossy(&outcome.stderr), stderr);
    assert_eq!(outcome.ending, ending);
}

#[test]
fn stdio_args_env_and_clocks() {
    let input = Input {
        program: "stdio".into(),
        args: vec!["-n".into(), "two words".into()],
        env: vec![("HOME".into(), "/home/guest".into())],
        stdin: b"alpha\nbeta\n".to_vec(),
        ..Input::default()
    };
    let outcome = run("stdio", &input);
    check(
        &outcome,
        "argc=3
argv[0]=stdio
argv[1]=-n
argv[2]=two words
HOME=/home/guest
MISSING=(unset)
isatty(0)=0 isatty(1)=0
stdin 1: alpha
stdin 2: beta
stdin: 2 lines, 11 bytes, eof=1
getchar after eof=-1
time=2000-01-01 00:00:00
monotonic advances: 1
slept: 3600 s
lseek stdin: Invalid seek
",
        "to stderr\n",
        Ending::Exited(3),
    );
}

#[test]
fn files_and_directories() {
    let mut files = Tree::new();
    files.insert_file("hello.txt", "hello world\n");
    files.insert_file("dir/a.txt", "A");
    files.entries.insert("dir/sub".into(), Node::Dir);
    let input = Input {
        program: "files".into(),
        files,
        ..Input::default()
    };
    let outcome = run("files", &input);
    check(
        &outcome,
        r#"hello.txt = "hello world
"
/hello.txt = "hello world
"
fopen missing.txt: No such file or directory
fread dir: Is a directory
fopen ../outside.txt: Capabilities insufficient
fopen without parent: No such file or directory
mkdir out: 0
mkdir out again: File exists
out/new.txt = "line 1
line 2
"
ftell after seek: 14
tail: line 3
stat: size=21 regular=1 mtime=946684800
stat dir: directory=1
rename: 0
rename missing: No such file or directory
unlink: 0
unlink missing: No such file or directory
rmdir nonempty: Directory not empty
rmdir: 0
symlink: 0
readlink: 13 out/moved.txt
shortcut = "hello world
"
access escape: Capabilities insufficient
.: ./ ../ dir/ out/ shortcut
out: ./ ../ moved.txt new.txt
opendir nope: No such file or directory
read on directory fd: -1 Is a directory
"#,
        "",
        Ending::Exited(0),
    );
    assert_eq!(
        render_tree(&outcome.files),
        r#"dir/
out/
out/moved.txt = "hello world\n"
out/new.txt = "line 1\nline 2\nline 3\n"
shortcut -> out/moved.txt
"#
    );
}

/// A large stdin streams through `fread` intact, and the fuel it costs is the same on
/// every run.
#[test]
fn sha256_of_a_large_stdin() {
    use sha2::Digest as _;
    let mut state = 1u32;
    let stdin: Vec<u8> = (0..1 << 20)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect();
    let expected: String = sha2::Sha256::digest(&stdin)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let input = Input {
        program: "sha256".into(),
        stdin,
        ..Input::default()
    };
    let wasm = compile("sha256");
    let budget = Budget::default();
    let module = Module::new(&wasm, &budget).expect("sha256 loads");
    let first = module.run(&input, &budget);
    check(&first, &format!("{expected}  -\n"), "", Ending::Exited(0));
    assert_eq!(module.run(&input, &budget).fuel_used, first.fuel_used);
}
