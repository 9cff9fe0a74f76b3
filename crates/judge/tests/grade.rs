//! Grading end to end with small WAT guests: verdicts, reward, compile errors, harness
//! errors, progress, and reports that are deterministic and survive JSON.
//!
//! Refresh the snapshots with `UPDATE_EXPECT=1 cargo test -p replica-judge --test grade`.

use std::fmt::Write as _;

use expect_test::{Expect, expect};
use replica_judge::sandbox::Engine;
use replica_judge::task::Case;
use replica_judge::{
    GradeOptions, HarnessError, Prepared, Progress, Report, TaskBundle, case_input, grade, prepare,
};

/// Builds a WASI command module: `_start` runs the pieces added, in order.
#[derive(Debug, Default)]
struct Guest {
    /// Bytes placed at [`DATA`].
    data: Vec<u8>,
    body: String,
}

/// Where a guest's strings live in its memory; below it are scratch words for iovecs.
const DATA: usize = 1024;

impl Guest {
    fn new() -> Guest {
        Guest::default()
    }

    /// Places `bytes` in memory and returns their address.
    fn place(&mut self, bytes: &[u8]) -> usize {
        let at = DATA + self.data.len();
        self.data.extend_from_slice(bytes);
        assert!(
            self.data.len() < 8192 - DATA,
            "guest data overlaps the read buffer"
        );
        at
    }

    /// Writes `bytes` to `fd` (1 stdout, 2 stderr).
    fn write(mut self, fd: u32, bytes: impl AsRef<[u8]>) -> Guest {
        let bytes = bytes.as_ref();
        let at = self.place(bytes);
        let len = bytes.len();
        write!(
            self.body,
            "(call $write (i32.const {fd}) (i32.const {at}) (i32.const {len}))"
        )
        .unwrap();
        self
    }

    /// Creates (or truncates) the file `path` and writes `contents` to it.
    fn create(mut self, path: &str, contents: &str) -> Guest {
        let path_at = self.place(path.as_bytes());
        let at = self.place(contents.as_bytes());
        write!(
            self.body,
            "(call $create (i32.const {path_at}) (i32.const {}) (i32.const {at}) (i32.const {}))",
            path.len(),
            contents.len()
        )
        .unwrap();
        self
    }

    /// Creates the directory `path`.
    fn mkdir(mut self, path: &str) -> Guest {
        let at = self.place(path.as_bytes());
        write!(
            self.body,
            "(drop (call $mkdir (i32.const 3) (i32.const {at}) (i32.const {})))",
            path.len()
        )
        .unwrap();
        self
    }

    /// Raw instructions, such as `(call $cat)` or `unreachable`.
    fn code(mut self, wat: &str) -> Guest {
        self.body.push_str(wat);
        self
    }

    fn wasm(&self) -> Vec<u8> {
        let data: String = self.data.iter().map(|b| format!("\\{b:02x}")).collect();
        let body = &self.body;
        wat::parse_str(format!(
            r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $mkdir (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func $cat
    (local $n i32)
    (loop $more
      (i32.store (i32.const 0) (i32.const 8192))
      (i32.store (i32.const 4) (i32.const 4096))
      (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $n (i32.load (i32.const 8)))
      (if (local.get $n)
        (then
          (call $write (i32.const 1) (i32.const 8192) (local.get $n))
          (br $more)))))
  (func $create (param $path i32) (param $path_len i32) (param $ptr i32) (param $len i32)
    ;; oflags 9: O_CREAT | O_TRUNC.
    (drop (call $path_open (i32.const 3) (i32.const 0) (local.get $path) (local.get $path_len)
      (i32.const 9) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 12)))
    (call $write (i32.load (i32.const 12)) (local.get $ptr) (local.get $len)))
  (data (i32.const {DATA}) "{data}")
  (func (export "_start") {body}))"#
        ))
        .expect("test guests are valid WAT")
    }
}

/// The reference of the test task: copies stdin to stdout and writes `out.txt`.
fn reference() -> Guest {
    Guest::new().code("(call $cat)").create("out.txt", "done\n")
}

/// A generator printing exactly `json`, whatever it is asked for.
fn generator(json: &str) -> Vec<u8> {
    Guest::new().write(1, json).wasm()
}

const HIDDEN_CASES: &str =
    r#"[{"name": "h1", "stdin": "one\n"}, {"name": "h2", "stdin": "two\ntwo\n", "args": ["-x"]}]"#;

/// The test task: two visible cases, two hidden ones, every channel compared, and a small
/// budget so that limits are reached quickly.
const TASK: &str = r#"
id = "cat"
title = "cat"
summary = "Copies stdin to stdout and leaves a note."
minutes = 1
program = "cat"
compare = ["stdout", "stderr", "exit_code", "files"]
hidden = 2

[budget]
fuel = 1_000_000
memory_bytes = 1_048_576
output_bytes = 65_536

[[case]]
name = "hello"
stdin = "hello\n"

[[case]]
name = "empty"
stdin = ""
"#;

fn bundle_with(task: &str, reference: Vec<u8>, generator: Vec<u8>) -> TaskBundle {
    TaskBundle::new(
        task,
        "task.toml",
        "# cat\n".to_owned(),
        reference,
        generator,
    )
    .expect("the test task parses")
}

fn bundle() -> TaskBundle {
    bundle_with(TASK, reference().wasm(), generator(HIDDEN_CASES))
}

fn options() -> GradeOptions {
    GradeOptions {
        seed: 7,
        hidden: None,
        engine: Engine::default(),
    }
}

fn prepared() -> Prepared {
    prepare(&bundle(), options(), &mut |_| {}).expect("the test task prepares")
}

/// One line per case: name, hidden or not, verdict, ending, differing channels.
fn summary(report: &Report) -> String {
    let mut out = format!(
        "reward {} ({}/{}), solved {}\n",
        report.reward, report.accepted, report.total, report.solved
    );
    if let Some(error) = &report.compile_error {
        writeln!(out, "compile error: {error}").unwrap();
    }
    for case in &report.cases {
        writeln!(
            out,
            "{:<6} {:<7} {:<3} {:<30} {}",
            case.name,
            if case.hidden { "hidden" } else { "visible" },
            case.verdict.as_str(),
            case.ending.as_deref().unwrap_or("-"),
            case.channels.join(" ")
        )
        .unwrap();
        // Padding leaves spaces at the ends of lines, which snapshots should not hold.
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out
}

fn check(candidate: &[u8], expect: Expect) {
    let report = grade(&prepared(), candidate, &mut |_| {});
    expect.assert_eq(&summary(&report));
}

#[test]
fn the_reference_itself_is_accepted() {
    check(
        &reference().wasm(),
        expect![[r#"
            reward 1 (4/4), solved true
            hello  visible AC  exit 0
            empty  visible AC  exit 0
            h1     hidden  AC  exit 0
            h2     hidden  AC  exit 0
        "#]],
    );
}

#[test]
fn a_fixed_answer_passes_one_case() {
    check(
        &Guest::new()
            .write(1, "hello\n")
            .create("out.txt", "done\n")
            .wasm(),
        expect![[r#"
            reward 0.25 (1/4), solved false
            hello  visible AC  exit 0
            empty  visible WA  exit 0                         stdout
            h1     hidden  WA  exit 0                         stdout
            h2     hidden  WA  exit 0                         stdout
        "#]],
    );
}

#[test]
fn a_missing_file_is_wrong() {
    check(
        &Guest::new().code("(call $cat)").wasm(),
        expect![[r#"
        reward 0 (0/4), solved false
        hello  visible WA  exit 0                         files
        empty  visible WA  exit 0                         files
        h1     hidden  WA  exit 0                         files
        h2     hidden  WA  exit 0                         files
    "#]],
    );
}

#[test]
fn a_wrong_file_is_wrong() {
    check(
        &Guest::new()
            .code("(call $cat)")
            .create("out.txt", "Done\n")
            .wasm(),
        expect![[r#"
            reward 0 (0/4), solved false
            hello  visible WA  exit 0                         files
            empty  visible WA  exit 0                         files
            h1     hidden  WA  exit 0                         files
            h2     hidden  WA  exit 0                         files
        "#]],
    );
}

#[test]
fn an_extra_directory_is_wrong() {
    check(
        &reference().mkdir("tmp").wasm(),
        expect![[r#"
        reward 0 (0/4), solved false
        hello  visible WA  exit 0                         files
        empty  visible WA  exit 0                         files
        h1     hidden  WA  exit 0                         files
        h2     hidden  WA  exit 0                         files
    "#]],
    );
}

#[test]
fn a_wrong_exit_code_is_wrong() {
    check(
        &reference().code("(call $proc_exit (i32.const 3))").wasm(),
        expect![[r#"
            reward 0 (0/4), solved false
            hello  visible WA  exit 3                         exit_code
            empty  visible WA  exit 3                         exit_code
            h1     hidden  WA  exit 3                         exit_code
            h2     hidden  WA  exit 3                         exit_code
        "#]],
    );
}

#[test]
fn extra_stderr_is_wrong() {
    check(
        &reference().write(2, "warning\n").wasm(),
        expect![[r#"
        reward 0 (0/4), solved false
        hello  visible WA  exit 0                         stderr
        empty  visible WA  exit 0                         stderr
        h1     hidden  WA  exit 0                         stderr
        h2     hidden  WA  exit 0                         stderr
    "#]],
    );
}

#[test]
fn an_endless_loop_runs_out_of_fuel() {
    check(
        &Guest::new().code("(loop $forever (br $forever))").wasm(),
        expect![[r#"
            reward 0 (0/4), solved false
            hello  visible TLE fuel exhausted after 1000000   stdout exit_code files
            empty  visible TLE fuel exhausted after 1000000   exit_code files
            h1     hidden  TLE fuel exhausted after 1000000   stdout exit_code files
            h2     hidden  TLE fuel exhausted after 1000000   stdout exit_code files
        "#]],
    );
}

#[test]
fn a_trap_after_the_right_output_is_a_runtime_error() {
    check(
        &Guest::new().code("(call $cat) unreachable").wasm(),
        expect![[r#"
            reward 0 (0/4), solved false
            hello  visible RE  trap: unreachable              exit_code files
            empty  visible RE  trap: unreachable              exit_code files
            h1     hidden  RE  trap: unreachable              exit_code files
            h2     hidden  RE  trap: unreachable              exit_code files
        "#]],
    );
}

#[test]
fn dividing_by_zero_is_a_runtime_error() {
    check(
        &Guest::new()
            .code("(drop (i32.div_u (i32.const 1) (i32.const 0)))")
            .wasm(),
        expect![[r#"
            reward 0 (0/4), solved false
            hello  visible RE  trap: integer divide by zero   stdout exit_code files
            empty  visible RE  trap: integer divide by zero   exit_code files
            h1     hidden  RE  trap: integer divide by zero   stdout exit_code files
            h2     hidden  RE  trap: integer divide by zero   stdout exit_code files
        "#]],
    );
}

#[test]
fn growing_memory_without_end_hits_the_memory_limit() {
    let grow = "(loop $grow (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1)))) unreachable";
    check(
        &Guest::new().code(grow).wasm(),
        expect![[r#"
        reward 0 (0/4), solved false
        hello  visible MLE memory limit                   stdout exit_code files
        empty  visible MLE memory limit                   exit_code files
        h1     hidden  MLE memory limit                   stdout exit_code files
        h2     hidden  MLE memory limit                   stdout exit_code files
    "#]],
    );
}

#[test]
fn flooding_stdout_hits_the_output_limit() {
    let flood =
        "(loop $flood (call $write (i32.const 1) (i32.const 0) (i32.const 4096)) (br $flood))";
    check(
        &Guest::new().code(flood).wasm(),
        expect![[r#"
        reward 0 (0/4), solved false
        hello  visible OLE output limit                   stdout exit_code files
        empty  visible OLE output limit                   stdout exit_code files
        h1     hidden  OLE output limit                   stdout exit_code files
        h2     hidden  OLE output limit                   stdout exit_code files
    "#]],
    );
}

#[test]
fn garbage_bytes_are_a_compile_error() {
    check(
        b"this is not wasm",
        expect![[r#"
            reward 0 (0/4), solved false
            compile error: invalid module: not a WebAssembly binary: it starts with bytes 74 68 69 73, not 00 61 73 6d (\0asm); build for wasm32-wasip1, or convert a .wat text file with wat2wasm
            hello  visible CE  -
            empty  visible CE  -
            h1     hidden  CE  -
            h2     hidden  CE  -
        "#]],
    );
}

#[test]
fn an_empty_submission_is_a_compile_error() {
    check(
        b"",
        expect![[r#"
            reward 0 (0/4), solved false
            compile error: invalid module: the file is empty
            hello  visible CE  -
            empty  visible CE  -
            h1     hidden  CE  -
            h2     hidden  CE  -
        "#]],
    );
}

#[test]
fn a_module_without_start_is_a_compile_error() {
    let wasm = wat::parse_str(r#"(module (memory (export "memory") 1))"#).unwrap();
    check(
        &wasm,
        expect![[r#"
            reward 0 (0/4), solved false
            compile error: link error: no `_start` export: build a WASI command (a program with `main`), not a library or reactor
            hello  visible CE  -
            empty  visible CE  -
            h1     hidden  CE  -
            h2     hidden  CE  -
        "#]],
    );
}

#[test]
fn an_unknown_import_is_a_compile_error() {
    let wasm = wat::parse_str(
        r#"(module (import "env" "f" (func)) (memory (export "memory") 1) (func (export "_start")))"#,
    )
    .unwrap();
    check(
        &wasm,
        expect![[r#"
            reward 0 (0/4), solved false
            compile error: link error: import `env::f` is not provided: the sandbox only provides `wasi_snapshot_preview1` functions, so build for `wasm32-wasip1` without other host imports
            hello  visible CE  -
            empty  visible CE  -
            h1     hidden  CE  -
            h2     hidden  CE  -
        "#]],
    );
}

/// The diff and input summary of the first case of a report, as the JSON clients read.
fn check_case_json(candidate: &[u8], case: usize, expect: Expect) {
    let report = grade(&prepared(), candidate, &mut |_| {});
    let case = &report.cases[case];
    let json = serde_json::json!({ "input": case.input, "diff": case.diff });
    expect.assert_eq(&serde_json::to_string_pretty(&json).unwrap());
}

#[test]
fn json_of_a_wrong_answer() {
    let candidate = Guest::new()
        .write(1, "hallo\n")
        .write(2, "oops\n")
        .code("(call $proc_exit (i32.const 1))");
    check_case_json(
        &candidate.wasm(),
        0,
        expect![[r#"
        {
          "diff": {
            "exit_code": {
              "actual": 1,
              "expected": 0
            },
            "files": [
              {
                "change": "missing",
                "path": "out.txt"
              }
            ],
            "stderr": {
              "kind": "text",
              "lines": [
                {
                  "new": 1,
                  "segments": [
                    {
                      "emph": false,
                      "text": "oops\n"
                    }
                  ],
                  "tag": "insert"
                }
              ],
              "truncated": false
            },
            "stdout": {
              "kind": "text",
              "lines": [
                {
                  "old": 1,
                  "segments": [
                    {
                      "emph": false,
                      "text": "h"
                    },
                    {
                      "emph": true,
                      "text": "e"
                    },
                    {
                      "emph": false,
                      "text": "llo\n"
                    }
                  ],
                  "tag": "delete"
                },
                {
                  "new": 1,
                  "segments": [
                    {
                      "emph": false,
                      "text": "h"
                    },
                    {
                      "emph": true,
                      "text": "a"
                    },
                    {
                      "emph": false,
                      "text": "llo\n"
                    }
                  ],
                  "tag": "insert"
                }
              ],
              "truncated": false
            }
          },
          "input": {
            "args": [],
            "env": [],
            "files": [],
            "stdin": {
              "bytes": 6,
              "text": "hello\n",
              "truncated": false
            }
          }
        }"#]],
    );
}

#[test]
fn json_of_binary_output_and_changed_files() {
    let candidate = Guest::new()
        .write(1, b"hel\xfflo\n")
        .create("out.txt", "dome\n")
        .mkdir("d");
    check_case_json(
        &candidate.wasm(),
        3,
        expect![[r#"
            {
              "diff": {
                "files": [
                  {
                    "change": "extra",
                    "path": "d"
                  },
                  {
                    "change": "changed",
                    "diff": {
                      "kind": "text",
                      "lines": [
                        {
                          "old": 1,
                          "segments": [
                            {
                              "emph": false,
                              "text": "do"
                            },
                            {
                              "emph": true,
                              "text": "n"
                            },
                            {
                              "emph": false,
                              "text": "e\n"
                            }
                          ],
                          "tag": "delete"
                        },
                        {
                          "new": 1,
                          "segments": [
                            {
                              "emph": false,
                              "text": "do"
                            },
                            {
                              "emph": true,
                              "text": "m"
                            },
                            {
                              "emph": false,
                              "text": "e\n"
                            }
                          ],
                          "tag": "insert"
                        }
                      ],
                      "truncated": false
                    },
                    "path": "out.txt"
                  }
                ],
                "stdout": {
                  "kind": "hex",
                  "rows": [
                    {
                      "actual": "68656cff6c6f0a",
                      "expected": "74776f0a74776f0a",
                      "offset": 0
                    }
                  ],
                  "truncated": false
                }
              },
              "input": {
                "args": [
                  "-x"
                ],
                "env": [],
                "files": [],
                "stdin": {
                  "bytes": 8,
                  "text": "two\ntwo\n",
                  "truncated": false
                }
              }
            }"#]],
    );
}

#[test]
fn the_reward_counts_hidden_cases_too() {
    // Accepted on the visible cases only: one prints nothing, the other `hello`.
    let candidate = Guest::new()
        .write(1, "hello\n")
        .create("out.txt", "done\n")
        .wasm();
    let report = grade(&prepared(), &candidate, &mut |_| {});
    assert_eq!((report.accepted, report.total, report.reward), (1, 4, 0.25));
}

#[test]
fn no_cases_give_no_reward() {
    let task = TASK.split("[[case]]").next().unwrap();
    let bundle = bundle_with(task, reference().wasm(), Vec::new());
    let options = GradeOptions {
        seed: 1,
        hidden: Some(0),
        engine: Engine::default(),
    };
    let prepared = prepare(&bundle, options, &mut |_| {}).unwrap();
    let report = grade(&prepared, &reference().wasm(), &mut |_| {});
    expect![[r#"
        reward 0 (0/0), solved false
    "#]]
    .assert_eq(&summary(&report));
}

#[test]
fn the_report_names_what_was_graded() {
    let candidate = reference().wasm();
    let bundle = bundle();
    let prepared = prepare(&bundle, options(), &mut |_| {}).unwrap();
    let report = grade(&prepared, &candidate, &mut |_| {});
    assert_eq!(report.schema, replica_judge::SCHEMA);
    assert_eq!(report.task.id, "cat");
    assert_eq!(report.task.digest, bundle.digest);
    assert_eq!(report.submission.digest, replica_judge::digest(&candidate));
    assert_eq!(report.submission.bytes, candidate.len() as u64);
    assert_eq!(report.engine, replica_judge::sandbox::ENGINE);
    assert_eq!(report.replica, replica_judge::VERSION);
    assert_eq!((report.seed, report.hidden), (7, 2));
}

/// Candidates that between them reach every verdict and every kind of diff.
fn candidates() -> Vec<Vec<u8>> {
    vec![
        reference().wasm(),
        Guest::new()
            .write(1, "hel\u{7f}lo\n")
            .create("out.txt", "dome\n")
            .mkdir("d")
            .wasm(),
        Guest::new()
            .write(1, "x")
            .code("(call $proc_exit (i32.const 2))")
            .wasm(),
        Guest::new().code("(loop $forever (br $forever))").wasm(),
        Guest::new().code("unreachable").wasm(),
        b"garbage".to_vec(),
    ]
}

#[test]
fn grading_twice_gives_the_same_json() {
    let first = prepared();
    let second = prepared();
    for candidate in candidates() {
        let a = serde_json::to_string(&grade(&first, &candidate, &mut |_| {})).unwrap();
        let b = serde_json::to_string(&grade(&first, &candidate, &mut |_| {})).unwrap();
        let c = serde_json::to_string(&grade(&second, &candidate, &mut |_| {})).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
    }
}

#[test]
fn reports_survive_a_json_round_trip() {
    let prepared = prepared();
    for candidate in candidates() {
        let report = grade(&prepared, &candidate, &mut |_| {});
        let json = serde_json::to_string(&report).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
    }
}

#[test]
fn every_reward_survives_a_json_round_trip() {
    let mut report = grade(&prepared(), &reference().wasm(), &mut |_| {});
    for total in 1..=300u32 {
        for accepted in 0..=total {
            report.reward = f64::from(accepted) / f64::from(total);
            let back: Report =
                serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
            assert_eq!(
                back.reward.to_bits(),
                report.reward.to_bits(),
                "{accepted}/{total}"
            );
        }
    }
}

#[test]
fn progress_is_reported_after_each_run() {
    let mut events = Vec::new();
    let prepared = prepare(&bundle(), options(), &mut |p| events.push(p)).unwrap();
    grade(&prepared, &reference().wasm(), &mut |p| events.push(p));
    grade(&prepared, b"garbage", &mut |p| events.push(p));
    let reference = |done| Progress::Reference { done, total: 4 };
    let candidate = |done| Progress::Candidate { done, total: 4 };
    assert_eq!(
        events,
        [
            reference(1),
            reference(2),
            reference(3),
            reference(4),
            candidate(1),
            candidate(2),
            candidate(3),
            candidate(4),
            // A compile error finishes every case at once.
            candidate(4),
        ]
    );
}

#[test]
fn prepared_cases_come_visible_first() {
    let prepared = prepared();
    let cases: Vec<(&str, bool)> = prepared
        .cases
        .iter()
        .map(|c| (c.case.name.as_str(), c.hidden))
        .collect();
    assert_eq!(
        cases,
        [
            ("hello", false),
            ("empty", false),
            ("h1", true),
            ("h2", true)
        ]
    );
    assert_eq!(prepared.cases[3].expected.stdout, b"two\ntwo\n");
}

#[test]
fn no_hidden_cases_skip_the_generator() {
    // The generator is not even a module; it is never loaded.
    let bundle = bundle_with(TASK, reference().wasm(), b"not wasm".to_vec());
    let options = GradeOptions {
        seed: 7,
        hidden: Some(0),
        engine: Engine::default(),
    };
    let prepared = prepare(&bundle, options, &mut |_| {}).unwrap();
    assert_eq!(prepared.cases.len(), 2);
    assert_eq!(prepared.hidden(), 0);
}

fn check_harness_error(
    reference: Vec<u8>,
    generator: Vec<u8>,
    hidden: Option<u32>,
    expect: Expect,
) {
    let bundle = bundle_with(TASK, reference, generator);
    let options = GradeOptions {
        seed: 7,
        hidden,
        engine: Engine::default(),
    };
    let error = prepare(&bundle, options, &mut |_| {}).expect_err("the harness fails");
    // A final newline makes expect-test write a raw block, which rustfmt leaves alone.
    expect.assert_eq(&format!("{error}\n"));
}

#[test]
fn a_generator_that_fails() {
    let generator = Guest::new()
        .write(2, "panicked at src/main.rs:3:5\n")
        .code("(call $proc_exit (i32.const 101))");
    check_harness_error(
        reference().wasm(),
        generator.wasm(),
        None,
        expect![[r#"
            the task's generator failed: `generator 7 2` ended with exit 101; stderr: panicked at src/main.rs:3:5
        "#]],
    );
}

#[test]
fn a_generator_that_traps() {
    let generator = Guest::new().code("unreachable");
    check_harness_error(
        reference().wasm(),
        generator.wasm(),
        None,
        expect![[r#"
            the task's generator failed: `generator 7 2` ended with trap: unreachable
        "#]],
    );
}

#[test]
fn a_generator_that_prints_invalid_json() {
    let generator = Guest::new().write(1, "[{\"name\": ").write(2, "oops\n");
    check_harness_error(
        reference().wasm(),
        generator.wasm(),
        None,
        expect![[r#"
            the task's generator failed: output of `generator 7 2`:1:10: expected a JSON array of cases: EOF while parsing a value; stderr: oops
        "#]],
    );
}

#[test]
fn a_generator_that_prints_too_few_cases() {
    check_harness_error(
        reference().wasm(),
        generator(HIDDEN_CASES),
        Some(3),
        expect![[r#"
            the task's generator failed: `generator 7 3` printed 2 cases instead of 3
        "#]],
    );
}

#[test]
fn a_generator_that_reuses_a_visible_name() {
    let generator = generator(r#"[{"name": "h1"}, {"name": "hello"}]"#);
    check_harness_error(
        reference().wasm(),
        generator,
        None,
        expect![[r#"
            the task's generator failed: `generator 7 2` printed a case named `hello`, like a visible case
        "#]],
    );
}

#[test]
fn a_generator_that_does_not_load() {
    check_harness_error(
        reference().wasm(),
        b"junk".to_vec(),
        None,
        expect![[r#"
            the task's generator failed: it does not load: invalid module: not a WebAssembly binary: it starts with bytes 6a 75 6e 6b, not 00 61 73 6d (\0asm); build for wasm32-wasip1, or convert a .wat text file with wat2wasm
        "#]],
    );
}

#[test]
fn a_reference_that_does_not_load() {
    check_harness_error(
        b"junk".to_vec(),
        generator(HIDDEN_CASES),
        None,
        expect![[r#"
            the task's reference does not load: invalid module: not a WebAssembly binary: it starts with bytes 6a 75 6e 6b, not 00 61 73 6d (\0asm); build for wasm32-wasip1, or convert a .wat text file with wat2wasm
        "#]],
    );
}

#[test]
fn a_reference_that_traps() {
    let reference = Guest::new().write(2, "bad input\n").code("unreachable");
    check_harness_error(
        reference.wasm(),
        generator(HIDDEN_CASES),
        None,
        expect![[r#"
            the task's reference failed on case `hello`: trap: unreachable; stderr: bad input
        "#]],
    );
}

#[test]
fn harness_errors_are_typed() {
    let bundle = bundle_with(TASK, b"junk".to_vec(), generator(HIDDEN_CASES));
    let error = prepare(&bundle, options(), &mut |_| {}).unwrap_err();
    assert!(matches!(error, HarnessError::ReferenceLoad(_)), "{error:?}");
}

#[test]
fn case_input_gives_argv_env_stdin_files_and_seed() {
    let case = Case {
        name: "c".to_owned(),
        args: vec!["-n".to_owned(), "2".to_owned()],
        stdin: b"in".to_vec(),
        env: [("TZ", "UTC"), ("LANG", "C")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into(),
        files: [("d/a.txt", "x")]
            .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
            .into(),
    };
    let input = case_input("prog", &case, 42);
    assert_eq!(input.program, "prog");
    assert_eq!(input.args, ["-n", "2"]);
    let env: Vec<(&str, &str)> = input
        .env
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(env, [("LANG", "C"), ("TZ", "UTC")]);
    assert_eq!(input.stdin, b"in");
    assert_eq!(input.files.entries.len(), 1);
    assert_eq!(
        input.files.entries.get("d/a.txt"),
        Some(&replica_judge::sandbox::Node::File(b"x".to_vec()))
    );
    assert_eq!(input.seed, 42);
}
