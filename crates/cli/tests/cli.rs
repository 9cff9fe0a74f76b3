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

/// Issue 4: `grade --json --author` writes `replica.record/1` lines, numbered from 1, the
/// attempts counting up from `--attempt`, each embedding the report `--json` alone prints.
#[test]
fn grade_with_an_author_writes_records() {
    let correct = root().join("tasks/base64/examples/correct");
    let bug = root().join("tasks/base64/examples/bug-padding");
    let (correct, bug) = (correct.to_str().unwrap(), bug.to_str().unwrap());
    let common = [
        "grade", "base64", correct, bug, "--seed", "5", "--hidden", "3", "--json",
    ];
    let plain = replica(&common, b"");
    let out = replica(
        &[&common[..], &["--author", "model:gpt-x", "--attempt", "4"]].concat(),
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let records = replica_record::parse_jsonl(&text(&out.stdout)).unwrap();
    let reports: Vec<serde_json::Value> = text(&plain.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record.seq, i as u64 + 1);
        assert_eq!(record.at, None, "the CLI never invents a time");
        assert_eq!(record.author.to_string(), "model:gpt-x");
        assert_eq!(record.task.as_deref(), Some("base64"));
        let replica_record::Event::Submission(s) = &record.event else {
            panic!("{record:?}")
        };
        assert_eq!(s.attempt, 4 + i as u32);
        assert_eq!(s.seed, 5);
        assert_eq!(
            serde_json::to_value(s.report.as_ref().unwrap()).unwrap(),
            reports[i]
        );
        assert_eq!(s.solved, i == 0);
    }

    let check = |args: &[&str], expect: &str| {
        let out = replica(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(expect),
            "{args:?}: {}",
            text(&out.stderr)
        );
    };
    check(
        &["grade", "wc", "x.wasm", "--author", "model:x"],
        "add --json",
    );
    check(
        &["grade", "wc", "x.wasm", "--json", "--attempt", "2"],
        "--attempt needs --author",
    );
    check(
        &["grade", "wc", "x.wasm", "--json", "--author", "gpt"],
        "has no kind",
    );
    check(
        &[
            "grade",
            "wc",
            "x.wasm",
            "--json",
            "--author",
            "model:x",
            "--attempt",
            "0",
        ],
        "counts from 1",
    );
}

/// Issue 4: `grade-batch` grades a manifest's submissions into records in manifest order,
/// identically whatever the number of threads; a submission that does not build is a CE
/// record, not an abort.
#[test]
fn grade_batch_writes_one_record_per_entry() {
    let dir = std::env::temp_dir().join(format!("replica-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let examples = root().join("tasks/wc/examples");
    let entry = |path: &str, author: &str, attempt: u32, extra: &str| {
        format!(
            "[[submission]]\npath = \"{path}\"\ntask = \"wc\"\nauthor = \"{author}\"\nattempt = {attempt}\n{extra}\n"
        )
    };
    let manifest = [
        entry(
            &format!("{}/correct", examples.display()),
            "model:a",
            1,
            "tokens = 10\nwall_ms = 1500\nat = \"2026-11-22T01:02:03.000Z\"",
        ),
        entry("missing.wasm", "model:a", 2, ""),
        entry(
            &format!("{}/bug-widths", examples.display()),
            "model:b",
            1,
            "",
        ),
        entry(&format!("{}/correct", examples.display()), "model:b", 2, ""),
    ]
    .concat();
    std::fs::write(dir.join("manifest.toml"), manifest).unwrap();
    let dir_arg = dir.to_str().unwrap();
    let out_file = dir.join("out.jsonl");
    let one = replica(
        &[
            "grade-batch",
            dir_arg,
            "--hidden",
            "2",
            "--jobs",
            "1",
            "--include-report",
        ],
        b"",
    );
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    assert!(
        text(&one.stderr).contains("seed 42"),
        "{}",
        text(&one.stderr)
    );
    let three = replica(
        &[
            "grade-batch",
            dir_arg,
            "--hidden",
            "2",
            "--jobs",
            "3",
            "--include-report",
            "--out",
            out_file.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(three.status.code(), Some(0), "{}", text(&three.stderr));
    assert!(three.stdout.is_empty());
    assert_eq!(
        std::fs::read(&out_file).unwrap(),
        one.stdout,
        "output depends on --jobs"
    );

    let records = replica_record::parse_jsonl(&text(&one.stdout)).unwrap();
    let summary: Vec<String> = records
        .iter()
        .map(|r| {
            let replica_record::Event::Submission(s) = &r.event else {
                panic!()
            };
            format!(
                "{} {} {} attempt {} solved {} seed {} tokens {:?} active {:?} at {:?} ce {}",
                r.seq,
                r.author,
                r.task.as_deref().unwrap(),
                s.attempt,
                s.solved,
                s.seed,
                s.tokens,
                r.active_ms,
                r.at,
                s.report
                    .as_ref()
                    .unwrap()
                    .compile_error
                    .as_deref()
                    .unwrap_or("-")
                    .lines()
                    .next()
                    .unwrap()
            )
        })
        .collect();
    let digest_of = |i: usize| match &records[i].event {
        replica_record::Event::Submission(s) => s.submission.digest.clone(),
        _ => unreachable!(),
    };
    assert_eq!(digest_of(0), digest_of(3));
    assert_eq!(
        summary.join("\n"),
        "1 model:a wc attempt 1 solved true seed 42 tokens Some(10) active Some(1500) at Some(\"2026-11-22T01:02:03.000Z\") ce -\n\
         2 model:a wc attempt 2 solved false seed 42 tokens None active None at None ce building missing.wasm: reading "
            .to_string()
            + &dir.join("missing.wasm").display().to_string()
            + ": No such file or directory (os error 2)\n\
         3 model:b wc attempt 1 solved false seed 42 tokens None active None at None ce -\n\
         4 model:b wc attempt 2 solved true seed 42 tokens None active None at None ce -"
    );

    // Broken manifests name the line; unknown tasks name the manifest line of the entry.
    std::fs::write(dir.join("manifest.toml"), entry("x.wasm", "gpt", 1, "")).unwrap();
    let out = replica(&["grade-batch", dir_arg], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("manifest.toml:4:10: author `gpt` has no kind"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(
        dir.join("manifest.toml"),
        entry("x.wasm", "model:x", 1, "").replace("\"wc\"", "\"nope\""),
    )
    .unwrap();
    let out = replica(&["grade-batch", dir_arg], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("manifest.toml:1: task `nope`: no task `nope`"),
        "{}",
        text(&out.stderr)
    );
    let out = replica(&["grade-batch", "/nonexistent"], b"");
    assert!(
        text(&out.stderr).contains("/nonexistent/manifest.toml; a batch folder needs a manifest"),
        "{}",
        text(&out.stderr)
    );
}

/// Issue 4: `compare` prints the table of `replica-compare` in three formats, warns on
/// stderr, and names the file and line of a broken record.
#[test]
fn compare_prints_tables_and_names_broken_lines() {
    let data = root().join("crates/compare/tests/data/digests");
    let files: Vec<String> = ["new.jsonl", "old.jsonl"]
        .iter()
        .map(|f| data.join(f).display().to_string())
        .collect();
    let args = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["compare".to_string()];
        args.extend(files.iter().cloned());
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    for (flag, expected) in [
        (None, "expected.md"),
        (Some("--csv"), "expected.csv"),
        (Some("--latex"), "expected.tex"),
    ] {
        let argv = args(flag.as_slice());
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let out = replica(&argv, b"");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            std::fs::read_to_string(data.join(expected)).unwrap()
        );
        assert!(text(&out.stderr).starts_with("replica: warning: task `wc`: submissions were graded against 2 different task versions"), "{}", text(&out.stderr));
    }
    let charts = std::env::temp_dir().join(format!("replica-charts-{}", std::process::id()));
    let argv = args(&["--charts", charts.to_str().unwrap()]);
    let out = replica(&argv.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    assert_eq!(out.status.code(), Some(0));
    for chart in ["rewards", "progress", "attempts", "pass-at-k"] {
        let svg = std::fs::read_to_string(charts.join(format!("wc-{chart}.svg"))).unwrap();
        assert!(svg.contains("<title id=\"cmp-wc-"), "{svg}");
    }

    let bad = scratch("bad.jsonl", b"{\"schema\":\"replica.record/1\",\"seq\":1,\"author\":\"human:x\",\"event\":\"end\"}\n{oops\n");
    let out = replica(&["compare", bad.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains(&format!("{}:2: not JSON", bad.display())),
        "{}",
        text(&out.stderr)
    );
    let out = replica(&["compare"], b"");
    assert!(
        text(&out.stderr).contains("needs record files"),
        "{}",
        text(&out.stderr)
    );
    let out = replica(&["compare", "x.jsonl", "--csv", "--latex"], b"");
    assert!(
        text(&out.stderr).contains("at most one of --csv and --latex"),
        "{}",
        text(&out.stderr)
    );
}
