//! A Rust std program built for wasm32-wasip1 at test time (from `tests/guests/rust-std`),
//! run in the sandbox: std's fs, env, args, stdin, exit codes, panics and allocation
//! failure must all behave as on a real WASI host.

mod common;

use common::render_tree;
use replica_sandbox::{Budget, Ending, Input, Module, Outcome, Tree};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// Builds the guest once per test binary and returns the module bytes.
fn guest() -> &'static [u8] {
    static WASM: OnceLock<Vec<u8>> = OnceLock::new();
    WASM.get_or_init(|| {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let guest = manifest_dir.join("tests/guests/rust-std/Cargo.toml");
        let target_dir = manifest_dir.join("../../target/sandbox-guests");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["build", "--quiet", "--release", "--target", "wasm32-wasip1", "--manifest-path"])
            .arg(&guest)
            .arg("--target-dir")
            .arg(&target_dir)
            // The outer test run's flags are for the host, not for the guest.
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .expect("running cargo to build the Rust guest");
        assert!(
            output.status.success(),
            "building the Rust guest failed (is the target installed? `rustup target add wasm32-wasip1`):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let wasm = target_dir.join("wasm32-wasip1/release/sandbox-guest-rust-std.wasm");
        std::fs::read(&wasm).expect("cargo wrote the guest module")
    })
}

fn run(args: &[&str], stdin: &[u8], files: Tree, budget: &Budget) -> Outcome {
    let module = Module::new(guest(), budget).expect("the Rust guest loads");
    let input = Input {
        program: "guest".into(),
        args: args.iter().map(|arg| arg.to_string()).collect(),
        env: vec![
            ("LANG".into(), "C".into()),
            ("HOME".into(), "/home/guest".into()),
        ],
        stdin: stdin.to_vec(),
        files,
        seed: 1,
        source: None,
    };
    module.run(&input, budget)
}

fn check(
    args: &[&str],
    stdin: &[u8],
    files: Tree,
    stdout: &str,
    stderr: &str,
    ending: Ending,
) -> Outcome {
    let outcome = run(args, stdin, files, &Budget::default());
    assert_eq!(String::from_utf8_lossy(&outcome.stdout), stdout);
    assert_eq!(String::from_utf8_lossy(&outcome.stderr), stderr);
    assert_eq!(outcome.ending, ending);
    outcome
}

#[test]
fn args_env_and_random_seeded_hashmap() {
    check(
        &["env", "x y"],
        b"",
        Tree::new(),
        r#"args: ["guest", "env", "x y"]
vars: [("HOME", "/home/guest"), ("LANG", "C")]
cwd: /
map len: 3
"#,
        "",
        Ending::Exited(0),
    );
}

#[test]
fn stdin_to_eof_and_past_it() {
    check(
        &["stdin"],
        b"a\nb\nc\n",
        Tree::new(),
        "read 6 bytes, 3 lines\nread past the end: 0\n",
        "stderr works\n",
        Ending::Exited(0),
    );
}

#[test]
fn std_fs() {
    let mut files = Tree::new();
    files.insert_file("input.txt", "from the grader\n");
    let outcome = check(
        &["fs"],
        b"",
        files,
        r#"input.txt: "from the grader\n"
out: ["input.txt", "nested"]
data.txt: 10 bytes, file=true
missing: No such file or directory (os error 44)
escape: Capabilities insufficient (os error 76)
absolute: "some data\n"
dir as file: Is a directory (os error 31)
"#,
        "",
        Ending::Exited(0),
    );
    assert_eq!(
        render_tree(&outcome.files),
        "out/\nout/input.txt = \"from the grader\\n\"\n"
    );
}

#[test]
fn exit_code() {
    check(
        &["exit", "17"],
        b"",
        Tree::new(),
        "",
        "",
        Ending::Exited(17),
    );
}

#[test]
fn panic_is_a_trap_with_the_message_on_stderr() {
    check(
        &["panic"],
        b"",
        Tree::new(),
        "",
        "\nthread 'main' (1) panicked at src/main.rs:14:26:\ndeliberate panic\n\
         note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
        Ending::Trap("unreachable".into()),
    );
}

#[test]
fn allocation_failure_is_memory_limit() {
    let budget = Budget {
        memory_bytes: 64 << 20,
        ..Budget::default()
    };
    let outcome = run(&["alloc"], b"", Tree::new(), &budget);
    assert_eq!(outcome.ending, Ending::MemoryLimit);
    assert_eq!(
        String::from_utf8_lossy(&outcome.stderr),
        "memory allocation of 8388608 bytes failed\n\
         note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n"
    );
    // 64 MiB of memory holds the program and seven 8 MiB blocks, not eight.
    assert!(String::from_utf8_lossy(&outcome.stdout).ends_with("allocated 56 MiB\n"));
}

#[test]
fn clocks_and_sleep() {
    check(
        &["time"],
        b"",
        Tree::new(),
        "unix seconds: 946684800\nslept at least 10 s: true\n",
        "",
        Ending::Exited(0),
    );
}
