//! The `replica` binary as a user runs it: output, exit codes and errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs `replica ARGS` from the repository root with `stdin`.
fn replica(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_replica"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("replica-cli-test-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn tasks_lists_the_catalogue() {
    let out = replica(&["tasks"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("id "), "{stdout}");
    for id in ["base64", "sha256sum", "wc"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(id)),
            "{id} missing from\n{stdout}"
        );
    }
}

#[test]
fn run_is_the_oracle() {
    let out = replica(&["run", "sha256sum"], b"abc");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n"
    );

    let file = scratch("hello.txt", b"hello\n");
    let arg = format!("greeting={}", file.display());
    let out = replica(
        &["run", "wc", "--file", &arg, "--", "-l", "greeting", "nope"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "1 greeting\n1 total\n");
    assert_eq!(text(&out.stderr), "wc: nope: No such file or directory\n");

    let out = replica(&["run", "base64", "--", "-d"], b"aGVsbG8=\n");
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "hello".to_owned())
    );
}

#[test]
fn exec_runs_any_module_and_reports_how_it_ended() {
    let endless = wat::parse_str(
        r#"(module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))"#,
    )
    .unwrap();
    let endless = scratch("loop.wasm", &endless);
    let out = replica(
        &["exec", endless.to_str().unwrap(), "--fuel", "100000"],
        b"",
    );
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out.stderr).contains("ran out of fuel"),
        "{}",
        text(&out.stderr)
    );

    let exits = wat::parse_str(
        r#"(module
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        (func (export "_start") (call $exit (i32.const 7))))"#,
    )
    .unwrap();
    let exits = scratch("exit7.wasm", &exits);
    let out = replica(&["exec", exits.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(7));

    let junk = scratch("junk.wasm", b"this is not wasm");
    let out = replica(&["exec", junk.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(125));
    assert!(
        text(&out.stderr).starts_with("replica: the module cannot run: invalid module"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn grade_exit_codes_and_json() {
    let junk = scratch("garbage.wasm", b"\0asm garbage");
    let out = replica(
        &[
            "grade",
            "base64",
            junk.to_str().unwrap(),
            "--seed",
            "3",
            "--hidden",
            "2",
            "--json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["reward"], 0.0);
    assert_eq!(report["seed"], 3);
    assert!(
        report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["verdict"] == "CE")
    );
    assert!(
        report["compile_error"]
            .as_str()
            .unwrap()
            .contains("invalid module")
    );

    let correct = root().join("tasks/base64/examples/correct");
    let args = [
        "grade",
        "base64",
        correct.to_str().unwrap(),
        "--seed",
        "9",
        "--json",
    ];
    let first = replica(&args, b"");
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let second = replica(&args, b"");
    assert_eq!(
        first.stdout, second.stdout,
        "grading twice must give byte-identical JSON"
    );

    let out = replica(
        &["grade", "base64", correct.to_str().unwrap(), "--seed", "9"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("task base64 · seed 9"), "{stdout}");
    assert!(stdout.contains("reward 1.000"), "{stdout}");
}

#[test]
fn usage_and_harness_errors_exit_2() {
    let check = |args: &[&str], expect: &str| {
        let out = replica(args, b"");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains(expect),
            "{args:?}: expected {expect:?} in {}",
            text(&out.stderr)
        );
    };
    check(&["grade", "nosuchtask", "x.wasm"], "no task `nosuchtask`");
    check(&["grade", "wc"], "needs at least one SUBMISSION");
    check(
        &["grade", "wc", "/nonexistent.wasm"],
        "loading submission /nonexistent.wasm",
    );
    check(&["frobnicate"], "unknown command `frobnicate`");
    check(&["grade", "wc", "x.wasm", "--seed", "many"], "many");
    check(
        &["tasks", "--tasks", "/nonexistent"],
        "--tasks /nonexistent: no such folder",
    );
}

#[test]
fn broken_task_files_name_the_line() {
    let dir = std::env::temp_dir().join(format!("replica-broken-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("demo")).unwrap();
    std::fs::write(dir.join("demo/task.toml"), "id = \"demo\"\ntitle = \"x\"\nsummary = \"\"\nminutes = 1\nprogram = \"p\"\ncompare = [\"stdout\"]\n[[case]]\nnam = \"a\"\n").unwrap();
    let out = replica(&["tasks", "--tasks", dir.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("demo/task.toml:8:1: unknown field `nam`"),
        "{stderr}"
    );
}
