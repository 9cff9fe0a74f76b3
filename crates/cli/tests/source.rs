//! Source submissions from the command line (issue 14): Python, JavaScript and C programs
//! run and graded with no toolchain of the user's own, and every kind of bad input gets a
//! clear verdict or error. One check per behaviour; each runs the real runtimes once or a
//! few times, so the slow CPython start-up is paid as little as possible.

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

/// A file `name` with `bytes` in a folder of its own: tests run in parallel and several
/// write a `main.js` (with one folder per name, one test ran another's program).
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "replica-source-test-{}-{n}-{}",
        std::process::id(),
        name.replace('.', "-")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `run` with a program: what it printed on stdout and stderr, and the exit code.
fn run(task: &str, program: &Path, args: &[&str], stdin: &[u8]) -> (String, String, Option<i32>) {
    let mut all = vec!["run", task, "--submission", program.to_str().unwrap(), "--"];
    all.extend_from_slice(args);
    let out = replica(&all, stdin);
    (text(&out.stdout), text(&out.stderr), out.status.code())
}

#[test]
fn python_and_javascript_programs_run_like_modules() {
    let py = scratch(
        "main.py",
        b"import sys\nprint(sys.argv, sys.stdin.read().upper(), end='')\nsys.exit(3)\n",
    );
    assert_eq!(
        run("wc", &py, &["-l", "x"], b"hi\n"),
        ("['wc', '-l', 'x'] HI\n".into(), String::new(), Some(3))
    );
    let js = scratch(
        "main.js",
        b"const fs = require('fs');\nprocess.stdout.write(JSON.stringify(process.argv.slice(1)) + fs.readFileSync(0, 'utf8'));\nprocess.exit(4);\n",
    );
    assert_eq!(
        run("wc", &js, &["-l"], b"hi\n"),
        ("[\"wc\",\"-l\"]hi\n".into(), String::new(), Some(4))
    );
}

#[test]
fn the_program_is_not_in_its_own_tree() {
    let py = scratch(
        "main.py",
        b"import os\nprint(sorted(os.listdir('/')))\nopen('/.replica/program', 'a')\n",
    );
    let (stdout, stderr, code) = run("wc", &py, &[], b"");
    assert_eq!(stdout, "[]\n");
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    assert_eq!(code, Some(1));
}

#[test]
fn a_syntax_error_is_a_compile_error_with_the_interpreters_message() {
    for (name, source, message) in [
        ("main.py", &b"print('unclosed'\n"[..], "SyntaxError"),
        ("main.js", b"console.log(;\n", "SyntaxError"),
    ] {
        let file = scratch(name, source);
        let out = replica(
            &[
                "grade",
                "base64",
                file.to_str().unwrap(),
                "--seed",
                "7",
                "--hidden",
                "0",
                "--json",
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let error = report["compile_error"].as_str().unwrap_or_default();
        assert!(error.contains(message), "{name}: {error}");
        assert!(
            report["cases"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["verdict"] == "CE"),
            "{name}"
        );
        assert_eq!(report["submission"]["bytes"], source.len());
    }
}

#[test]
fn c_that_does_not_compile_is_a_compile_error_with_clangs_message() {
    let c = scratch("main.c", b"int main(void) { return nope; }\n");
    let out = replica(
        &[
            "grade",
            "wc",
            c.to_str().unwrap(),
            "--hidden",
            "0",
            "--json",
            "--seed",
            "1",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let error = report["compile_error"].as_str().unwrap();
    assert!(
        error.contains("clang failed") && error.contains("nope"),
        "{error}"
    );
    assert_eq!(report["submission"]["language"], "c");
    assert_eq!(report["submission"]["runtime"]["name"], "clang");
}

#[test]
fn endless_loops_and_floods_end_with_a_limit() {
    let spin = scratch("main.js", b"while (true) {}\n");
    let (_, stderr, code) = run("wc", &spin, &[], b"");
    assert_eq!(code, Some(125));
    assert!(stderr.contains("ran out of fuel"), "{stderr}");
    let flood = scratch(
        "main.js",
        b"const s = 'x'.repeat(1 << 20); for (;;) process.stdout.write(s);\n",
    );
    let (stdout, stderr, code) = run("wc", &flood, &[], b"");
    assert_eq!(code, Some(125));
    assert!(stderr.contains("output limit"), "{stderr}");
    assert_eq!(stdout.len(), 16 << 20);
}

#[test]
fn bad_submissions_get_clear_errors_or_verdicts() {
    // A language Replica does not know: an error that says what to do, exit 2.
    let ruby = scratch("main.rb", b"puts 1\n");
    let out = replica(&["grade", "wc", ruby.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown language"),
        "{}",
        text(&out.stderr)
    );
    // An empty program runs and prints nothing.
    let empty = scratch("main.py", b"");
    assert_eq!(
        run("wc", &empty, &[], b"x"),
        (String::new(), String::new(), Some(0))
    );
    // A program over 1 MiB (10 MB here) is CE in every language without being read, with
    // the one message the web editor shows too; `run` refuses it with the same words.
    let mut big = b"x = 0;\n".repeat((10 << 20) / 7);
    big.resize(10 << 20, b'\n');
    for name in ["main.py", "main.js", "main.c"] {
        let file = scratch(name, &big);
        let out = replica(
            &[
                "grade",
                "wc",
                file.to_str().unwrap(),
                "--hidden",
                "0",
                "--json",
                "--seed",
                "1",
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["submission"]["bytes"], 10 << 20);
        let error = report["compile_error"].as_str().unwrap_or_default();
        assert_eq!(
            error,
            "the program is 10.00 MiB (10485760 bytes); a program in Python, JavaScript or C may be at most 1 MiB (1048576 bytes): keep it small and generate large data inside it",
            "{name}"
        );
        assert!(
            report["cases"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["verdict"] == "CE")
        );
        let (stdout, stderr, code) = run("wc", &file, &[], b"");
        assert_eq!((stdout.as_str(), code), ("", Some(125)), "{name}");
        assert_eq!(stderr, format!("replica: {error}\n"), "{name}");
    }
}
