//! Models attempt tasks (issue 17), tested end to end with the official clients: a
//! scripted agent drives `replica mcp` over stdio with the Python MCP client
//! (`mcp_agent.py`) and its episode log feeds `replica compare`; every task's
//! `replica export harbor` folder passes Harbor's own task model and linter
//! (`harbor_check.py`) and its `tests/test.sh` scores the examples. Both Python programs
//! run in `target/venv`, which `cargo xtask test` installs with pinned packages. One test
//! binary for both, so the CLI and wasmtime are linked once.

use std::path::{Path, PathBuf};
use std::process::Command;

use replica_cli::local::{Catalog, load_submission};
use replica_record::{Event, parse_jsonl};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Python of `target/venv`, which `cargo xtask test` creates with the pinned `mcp`.
fn venv_python() -> PathBuf {
    let python = root().join("target/venv/bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run `cargo xtask test`, which installs the pinned Python packages",
        python.display()
    );
    python
}

/// A scratch folder for this test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("replica-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A hostile module, assembled: a WASI command whose `_start` does `body`.
fn hostile(dir: &Path, name: &str, body: &str) {
    let wat = format!(r#"(module (memory (export "memory") 1) (func (export "_start") {body}))"#);
    std::fs::write(dir.join(name), wat::parse_str(&wat).unwrap()).unwrap();
}

#[test]
fn scripted_agent_over_stdio_then_compare() {
    let dir = scratch("mcp");
    hostile(&dir, "loop.wasm", "(loop $l (br $l))");
    hostile(&dir, "trap.wasm", "unreachable");
    let log = dir.join("episode.jsonl");
    let out = Command::new(venv_python())
        .arg(root().join("crates/cli/tests/mcp_agent.py"))
        .arg(env!("CARGO_BIN_EXE_replica"))
        .arg(root())
        .arg(&log)
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the scripted agent failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(r#""server": "replica""#), "{stdout}");
    // A C macro bomb and a Rust constant that never finishes evaluating were stopped at
    // the build time limit (seconds each answer took, in what the script saw).
    eprintln!("{stdout}");
    assert!(
        stdout.contains(r#""stopped_builds_s": {"c": "#) && stdout.contains(r#", "rust": "#),
        "{stdout}"
    );

    // Every call is a record: probes for the reference, submissions with the hidden seed
    // revealed, tool events (with errors) for the rest.
    let text = std::fs::read_to_string(&log).unwrap();
    let records = parse_jsonl(&text).unwrap();
    assert_eq!(records.len(), 25, "one record per call:\n{text}");
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record.seq, i as u64 + 1);
        assert_eq!(record.author.to_string(), "model:scripted");
        assert!(record.at.is_some(), "the server's clock dates every call");
    }
    let probes = records
        .iter()
        .filter(|r| matches!(&r.event, Event::Probe { args, .. } if args == &["-l"]))
        .count();
    assert_eq!(probes, 1, "one successful run_reference");
    let submissions: Vec<_> = records
        .iter()
        .filter_map(|r| match &r.event {
            Event::Submission(s) => Some(s),
            _ => None,
        })
        .collect();
    let summary: Vec<_> = submissions
        .iter()
        .map(|s| (s.attempt, s.seed, s.hidden, s.solved, s.report.is_some()))
        .collect();
    assert_eq!(
        summary,
        [
            (1, 7, 3, false, true),
            (2, 7, 3, true, true),
            (3, 7, 3, false, true),
            (4, 7, 3, true, true),
            (5, 7, 3, false, true)
        ]
    );
    // Source submissions are graded exactly as `replica grade wc main.js` grades them
    // (the same report), and their records keep the source, as `replica grade --author`.
    let main_py = root().join("tasks/wc/examples-py/correct-py/main.py");
    let python = submissions[3];
    assert_eq!(
        python.source_bytes().as_deref(),
        Some(std::fs::read(&main_py).unwrap().as_slice())
    );
    let bug_js = dir.join("bug-pad.js");
    let javascript = submissions[4];
    assert_eq!(
        javascript.source_bytes().as_deref(),
        Some(std::fs::read(&bug_js).unwrap().as_slice())
    );
    let cli = Command::new(env!("CARGO_BIN_EXE_replica"))
        .args(["grade", "wc"])
        .arg(&bug_js)
        .args(["--seed", "7", "--hidden", "3", "--json", "--tasks"])
        .arg(root().join("tasks"))
        .output()
        .unwrap();
    assert_eq!(
        cli.status.code(),
        Some(1),
        "replica grade wc bug-pad.js: {}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let cli_report: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(
        serde_json::to_value(javascript.report.as_ref().unwrap()).unwrap(),
        cli_report,
        "the MCP grade of bug-pad.js differs from `replica grade`"
    );
    let errors: Vec<_> = records
        .iter()
        .filter_map(|r| match &r.event {
            Event::Tool(call) => call.error.as_deref().map(|e| (call.tool.as_str(), e)),
            _ => None,
        })
        .collect();
    let tools: Vec<&str> = errors.iter().map(|(tool, _)| *tool).collect();
    assert_eq!(
        tools,
        [
            "run_reference",
            "read_spec",
            "submit",
            "no_such_tool",
            "run_reference",
            "run_candidate",
            "run_candidate",
            "submit"
        ],
        "{errors:?}"
    );
    // The huge stdin is logged by size and digest, not copied into the log.
    assert!(
        text.len() < 4 << 20,
        "the log holds no bulky input: {} bytes",
        text.len()
    );

    // The episode goes beside human baselines.
    let compare = Command::new(env!("CARGO_BIN_EXE_replica"))
        .arg("compare")
        .arg(&log)
        .arg(root().join("examples/records/study-demo-human.jsonl"))
        .arg("--csv")
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&compare.stdout);
    assert!(
        compare.status.success(),
        "{table}{}",
        String::from_utf8_lossy(&compare.stderr)
    );
    let model_row = table
        .lines()
        .find(|l| l.starts_with("wc,model,"))
        .unwrap_or_else(|| panic!("no model row for wc:\n{table}"));
    // One author, five submissions, solved, best reward 1, solved at attempt 2.
    assert!(
        model_row.starts_with("wc,model,1,5,1,1.000,1.000,2.0,"),
        "{model_row}"
    );
    assert!(table.lines().any(|l| l.starts_with("wc,human,")), "{table}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the exported `tests/test.sh` on the program in `app`; the reward file's text.
fn reward(export: &Path, app: &Path, logs: &Path) -> String {
    let _ = std::fs::remove_dir_all(logs);
    let out = Command::new("bash")
        .arg(export.join("tests/test.sh"))
        .env("REPLICA_APP", app)
        .env("REPLICA_LOGS", logs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "test.sh failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(logs.join("reward.json")).unwrap();
    // Harbor's verifier reads reward.json as an object of finite numbers; one key
    // (`reward`) so that pass@k is computed on it.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let object = value.as_object().expect("an object");
    assert_eq!(object.keys().collect::<Vec<_>>(), ["reward"], "{text}");
    assert!(object["reward"].is_number(), "{text}");
    text.trim().to_owned()
}

#[test]
fn every_task_exports_to_a_valid_harbor_task_whose_test_scores_examples() {
    let scratch = std::env::temp_dir().join(format!("replica-test-harbor-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let catalog = Catalog::locate(Some(&root().join("tasks"))).unwrap();
    // Without the runtimes an export would grade only modules and C: it stops, saying
    // what to do, before writing anything.
    let nowhere = scratch.join("no-runtimes");
    let out = Command::new(env!("CARGO_BIN_EXE_replica"))
        .args(["export", "harbor", "wc"])
        .arg(&nowhere)
        .arg("--tasks")
        .arg(root().join("tasks"))
        .arg("--runtimes")
        .arg(scratch.join("nowhere"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("cargo xtask runtimes") && stderr.contains("--runtimes"),
        "{stderr}"
    );
    assert!(!nowhere.exists());
    let mut exports = Vec::new();
    let mut python_js = 0;
    for id in catalog.ids().unwrap() {
        let export = scratch.join(&id);
        let out = Command::new(env!("CARGO_BIN_EXE_replica"))
            .args(["export", "harbor", &id])
            .arg(&export)
            .args(["--tasks"])
            .arg(root().join("tasks"))
            .args(["--hidden", "4"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "export {id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for file in [
            "instruction.md",
            "task.toml",
            "environment/Dockerfile",
            "tests/Dockerfile",
            "tests/test.sh",
            "tests/bin/replica",
            "solution/solve.sh",
            "solution/submission.wasm",
        ] {
            assert!(export.join(file).is_file(), "{id}: no {file}");
        }
        // The agent's side holds neither the reference nor the seed.
        let instruction = std::fs::read_to_string(export.join("instruction.md")).unwrap();
        assert!(instruction.contains("## Visible cases"), "{id}");
        assert!(!export.join("environment/reference.wasm").exists());

        // The language runtimes travel with the export, byte for byte, pinned by the
        // digests of the manifest beside them.
        for file in [
            "runtimes.json",
            "cpython-3.12.0.wasm",
            "quickjs-ng-0.16.2.wasm",
        ] {
            assert_eq!(
                std::fs::read(export.join("tests/runtimes").join(file)).unwrap(),
                std::fs::read(root().join("target/runtimes").join(file)).unwrap(),
                "{id}: tests/runtimes/{file}"
            );
        }
        assert!(instruction.contains("`/app/main.py`") && instruction.contains("`/app/main.js`"));

        // Examples: one module expected to solve scores 1, one buggy scores 0, and so does
        // every C example (compiled by the script); on wc, every Python and JavaScript
        // example too (graded with the bundled runtimes). The examples test grades every
        // example; here the script's scoring is what is checked, so a few runs per task
        // are enough (a Python case costs ~0.3-1.5 s of CPU).
        let examples = catalog.examples(&id).unwrap();
        let source = |path: &Path| {
            ["main.py", "main.js"]
                .into_iter()
                .find(|name| path.join(name).is_file())
        };
        let first_module = |solved: bool| {
            examples
                .iter()
                .position(|(_, path, e)| e.solved == solved && source(path).is_none())
        };
        let (first_solved, first_buggy) = (first_module(true), first_module(false));
        assert!(first_solved.is_some(), "{id} has a correct example");
        let chosen = examples.iter().enumerate().filter(|(i, (_, path, _))| {
            Some(*i) == first_solved
                || Some(*i) == first_buggy
                || path.join("main.c").is_file()
                || (id == "wc" && source(path).is_some())
        });
        for (_, (name, path, expect)) in chosen {
            let app = scratch.join(format!("app-{id}-{name}"));
            std::fs::create_dir_all(&app).unwrap();
            let language = if let Some(file) = source(path).or_else(|| {
                // C goes in as source, built inside the verifier with clang.
                path.join("main.c").is_file().then_some("main.c")
            }) {
                std::fs::copy(path.join(file), app.join(file)).unwrap();
                file
            } else {
                let wasm = load_submission(path).unwrap();
                std::fs::write(app.join("submission.wasm"), wasm).unwrap();
                "submission.wasm"
            };
            let logs = scratch.join("logs");
            let got = reward(&export, &app, &logs);
            let want = if expect.solved {
                r#"{"reward": 1}"#
            } else {
                r#"{"reward": 0}"#
            };
            assert_eq!(got, want, "{id} example {name}");
            if let Some(want) = match language {
                "main.py" => Some("python"),
                "main.js" => Some("javascript"),
                _ => None,
            } {
                // Graded by its runtime (some cases pass), not refused or failed to load.
                let text = std::fs::read_to_string(logs.join("record.jsonl")).unwrap();
                let record = &parse_jsonl(&text).unwrap()[0];
                let Event::Submission(sub) = &record.event else {
                    panic!("{id} {name}: {text}")
                };
                assert_eq!(sub.submission.language.as_deref(), Some(want), "{text}");
                assert!(sub.accepted > 0, "{id} {name}: ran nothing: {text}");
                python_js += 1;
            }
        }
        // No program, and a program that does not compile: 0, not a grader failure (the
        // script is the same for every task: checked on the first).
        if exports.is_empty() {
            let empty = scratch.join(format!("app-{id}-empty"));
            std::fs::create_dir_all(&empty).unwrap();
            assert_eq!(
                reward(&export, &empty, &scratch.join("logs")),
                r#"{"reward": 0}"#
            );
            std::fs::write(empty.join("main.c"), "int main(void) { return nope; }\n").unwrap();
            assert_eq!(
                reward(&export, &empty, &scratch.join("logs")),
                r#"{"reward": 0}"#
            );
        }
        exports.push(export);
    }

    assert!(
        python_js >= 3,
        "wc's Python and JavaScript examples were graded"
    );

    // Harbor's own task model and linter accept every folder.
    let out = Command::new(venv_python())
        .arg(root().join("crates/cli/tests/harbor_check.py"))
        .args(&exports)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "harbor rejects an export:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().count(), exports.len(), "{stdout}");
    assert!(
        stdout.contains(r#""verifier_mode": "separate""#),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
