//! Source submissions on a language runtime, with a tiny WAT "runtime" standing in for
//! CPython and QuickJS: the program reaches the runtime through the read-only `/.replica`
//! preopen and never the candidate's tree, input or diffs; a program the runtime's check
//! rejects is CE with its message; the check's fuel plus the runtime's measured start-up
//! is the start-up allowance of every case's limit, and the runtime's factor multiplies `k`;
//! the report names the language and runtime. Regression tests for issue 14.

use std::sync::Arc;

use replica_judge::sandbox::Engine;
use replica_judge::{
    Candidate, GradeOptions, Invocation, Prepared, Runtime, TaskBundle, Verdict, grade_candidate,
    prepare,
};

/// The fake runtime: spins `SPIN` loop turns (its start-up), then in check mode (argc 2)
/// exits 1 with `bad program` on stderr if the program starts with `!`, else 0; in run
/// mode writes the program, then stdin, to stdout, and lists nothing else.
const SPIN: u32 = 40_000;

fn runtime_wasm() -> Vec<u8> {
    wat::parse_str(format!(
        r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 100) "program")
  (data (i32.const 200) "bad program\n")
  ;; Reads all of $fd into 16384.., returns the length.
  (func $slurp (param $fd i32) (result i32)
    (local $len i32)
    (loop $more
      (i32.store (i32.const 0) (i32.add (i32.const 16384) (local.get $len)))
      (i32.store (i32.const 4) (i32.const 4096))
      (drop (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
      (if (i32.load (i32.const 8))
        (then
          (local.set $len (i32.add (local.get $len) (i32.load (i32.const 8))))
          (br $more))))
    (local.get $len))
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (local $i i32) (local $n i32)
    (loop $spin
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $spin (i32.lt_u (local.get $i) (i32.const {SPIN}))))
    ;; Open /.replica/program: preopen 4, path "program", read rights.
    (if (call $path_open (i32.const 4) (i32.const 0) (i32.const 100) (i32.const 7)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 12))
      (then (call $proc_exit (i32.const 70))))
    (local.set $n (call $slurp (i32.load (i32.const 12))))
    (drop (call $args_sizes (i32.const 20) (i32.const 24)))
    (if (i32.eq (i32.load (i32.const 20)) (i32.const 2))
      (then
        (if (i32.eq (i32.load8_u (i32.const 16384)) (i32.const 33))
          (then
            (call $write (i32.const 2) (i32.const 200) (i32.const 12))
            (call $proc_exit (i32.const 1))))
        (call $proc_exit (i32.const 0))))
    (call $write (i32.const 1) (i32.const 16384) (local.get $n))
    (local.set $n (call $slurp (i32.const 0)))
    (call $write (i32.const 1) (i32.const 16384) (local.get $n))))"#
    ))
    .expect("valid WAT")
}

/// A reference that prints `echo ` then stdin, as the program `echo ` should.
fn reference() -> Vec<u8> {
    wat::parse_str(
        r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "echo ")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 5))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 4096))
    (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.store (i32.const 4) (i32.load (i32.const 8)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#,
    )
    .expect("valid WAT")
}

/// The generator prints no cases; the task has only visible ones.
fn generator() -> Vec<u8> {
    wat::parse_str(
        r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "[]")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 2))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#,
    )
    .expect("valid WAT")
}

/// A budget the fake runtime's start-up alone exceeds, so only its allowance lets it run.
/// Its references use so little fuel that every candidate limit is the ceiling (the
/// budget, times the runtime's factor) plus the start-up allowance.
const TASK: &str = r#"
id = "echo"
title = "echo"
summary = "Prints echo, then stdin."
minutes = 1
program = "echo"
compare = ["stdout", "stderr", "exit_code", "files"]
hidden = 0

[budget]
fuel = 100_000

[[case]]
name = "hello"
stdin = "hello\n"

[[case]]
name = "with a file"
stdin = "x"
files = { "in.txt" = "data" }
"#;

fn prepared() -> Prepared {
    let bundle = TaskBundle::new(
        TASK,
        "task.toml",
        "# echo\n".into(),
        reference(),
        generator(),
    )
    .expect("the task parses");
    let options = GradeOptions {
        seed: 3,
        hidden: None,
        engine: Engine::default(),
    };
    prepare(&bundle, options, &mut |_| {}).expect("the task prepares")
}

/// The toy runtime, with `startup` as its measured start-up and a factor of 2.
fn runtime(startup: u64) -> Runtime {
    Runtime::new(
        "toy",
        "toy-runtime",
        "1.0",
        Arc::new(runtime_wasm()),
        Invocation::default(),
        Some(Invocation {
            args: vec!["--check".into()],
            env: Vec::new(),
        }),
        startup,
        2,
    )
}

fn verdicts(report: &replica_judge::Report) -> Vec<Verdict> {
    report.cases.iter().map(|c| c.verdict).collect()
}

#[test]
fn a_source_program_is_graded_on_its_runtime_and_named_in_the_report() {
    let runtime = runtime(1_000_000);
    let source = b"echo ";
    let report = grade_candidate(
        &prepared(),
        Candidate::Source {
            runtime: &runtime,
            source,
        },
        &mut |_| {},
    );
    assert_eq!(verdicts(&report), [Verdict::AC, Verdict::AC], "{report:#?}");
    let submission = &report.submission;
    assert_eq!(submission.digest, replica_judge::digest(source));
    assert_eq!(submission.bytes, 5);
    assert_eq!(submission.language.as_deref(), Some("toy"));
    let named = submission.runtime.as_ref().expect("the runtime is named");
    assert_eq!(
        (named.name.as_str(), named.version.as_str()),
        ("toy-runtime", "1.0")
    );
    assert_eq!(
        named.digest.as_deref(),
        Some(replica_judge::digest(&runtime_wasm()).as_str())
    );
    // The start-up allowance is the fuel of the check of this program (a spin and
    // reading the program) plus the runtime's measured start-up (1,000,000 here); the
    // factor is the runtime's.
    let limit = report.fuel_limit.expect("the policy is in the header");
    assert_eq!(limit.factor, 2);
    // (About eight operators per spin turn.)
    let spin = u64::from(SPIN);
    assert!(
        (1_000_000 + 7 * spin..1_000_000 + 9 * spin).contains(&limit.startup_fuel),
        "{limit:?}"
    );
    for case in &report.cases {
        // The ceiling, the task's budget, times the runtime's factor.
        assert_eq!(case.fuel.limit, Some(2 * 100_000 + limit.startup_fuel));
    }
    // The program is in no input and no tree: the case with a file compares trees (files
    // is a compared channel) and passes, and its input lists only the case's file.
    let with_file = &report.cases[1];
    assert_eq!(with_file.input.files.len(), 1);
    assert_eq!(with_file.input.files[0].0, "in.txt");
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("echo \\n") || json.contains("\"echo \""),
        "{json}"
    );
    // Byte-identical when graded again.
    let again = grade_candidate(
        &prepared(),
        Candidate::Source {
            runtime: &runtime,
            source,
        },
        &mut |_| {},
    );
    assert_eq!(serde_json::to_string(&again).unwrap(), json);
}

#[test]
fn the_allowance_pays_for_start_up() {
    // Start-up alone (SPIN loop turns) is over the task's 100,000 fuel.
    let report = grade_candidate(
        &prepared(),
        Candidate::Source {
            runtime: &runtime(0),
            source: b"echo ",
        },
        &mut |_| {},
    );
    assert_eq!(
        report.compile_error.as_deref().map(|e| e.contains("fuel")),
        Some(true),
        "{report:#?}"
    );
    let report = grade_candidate(
        &prepared(),
        Candidate::Source {
            runtime: &runtime(1_000_000),
            source: b"echo ",
        },
        &mut |_| {},
    );
    assert!(report.solved, "{report:#?}");
    for case in &report.cases {
        assert!(case.fuel.candidate.unwrap() > 100_000, "{case:?}");
    }
}

#[test]
fn a_program_the_check_rejects_is_ce_with_the_runtimes_message() {
    let runtime = runtime(1_000_000);
    let report = grade_candidate(
        &prepared(),
        Candidate::Source {
            runtime: &runtime,
            source: b"!nonsense",
        },
        &mut |_| {},
    );
    assert_eq!(verdicts(&report), [Verdict::CE, Verdict::CE]);
    let error = report.compile_error.expect("a compile error");
    assert!(
        error.starts_with("toy (toy-runtime 1.0) rejected the program")
            && error.ends_with("bad program"),
        "{error}"
    );
}

#[test]
fn a_wrong_program_is_graded_like_any_candidate() {
    let runtime = runtime(1_000_000);
    let report = grade_candidate(
        &prepared(),
        Candidate::Source {
            runtime: &runtime,
            source: b"ECHO ",
        },
        &mut |_| {},
    );
    assert_eq!(verdicts(&report), [Verdict::WA, Verdict::WA]);
    assert_eq!(report.cases[0].channels, ["stdout"]);
}
