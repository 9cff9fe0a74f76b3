//! The official WASI preview1 test programs (WebAssembly/wasi-testsuite, prebuilt, copied
//! with their licence into `tests/wasi-testsuite/suite/`) run through the sandbox on every
//! engine, the way
//! the suite's README says: each `NAME.wasm` with the arguments, environment and file tree
//! its `NAME.json` gives, passing when it exits with the expected code and prints what is
//! expected. Prints `N passed, M failed` per engine.
//!
//! A program that cannot pass in a deterministic in-memory sandbox is listed, with the
//! reason, in `tests/wasi-testsuite/known-failures.toml`; the test fails when a program
//! fails without being listed there, when a listed one passes (update the list), or when
//! fewer than 95% pass. `$REPLICA_WASI_TESTSUITE` points the test at another copy of the
//! suite (the folder holding `tests/`), e.g. a newer one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use replica_sandbox::{Budget, Ending, Engine, Input, Module, Tree};

/// What share of the suite must pass.
const GOAL: f64 = 0.95;

/// One program of the suite with what its JSON asks.
#[derive(Debug)]
struct Program {
    /// `rust/close_preopen`: language folder and file stem.
    name: String,
    wasm: Vec<u8>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    files: Tree,
    exit_code: i32,
    stdout: Option<String>,
    stderr: Option<String>,
}

/// The suite's folder: the repository's copy, or `$REPLICA_WASI_TESTSUITE`.
fn suite_dir() -> PathBuf {
    let dir = match std::env::var_os("REPLICA_WASI_TESTSUITE") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/wasi-testsuite/suite"),
    };
    assert!(
        dir.join("tests").is_dir(),
        "the WASI test suite is not at {} (the folder holding its tests/); restore \
         tests/wasi-testsuite/suite from git, or set REPLICA_WASI_TESTSUITE to a copy",
        dir.display()
    );
    dir
}

/// Adds the files under `dir` to `tree`, at `prefix`; empty directories are kept.
fn add_dir(tree: &mut Tree, dir: &Path, prefix: &str) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    if entries.is_empty() && !prefix.is_empty() {
        tree.entries.insert(
            prefix.trim_end_matches('/').to_owned(),
            replica_sandbox::Node::Dir,
        );
    }
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let at = format!("{prefix}{name}");
        if path.is_dir() {
            add_dir(tree, &path, &format!("{at}/"));
        } else {
            tree.insert_file(at, std::fs::read(&path).unwrap());
        }
    }
}

/// Every program of the suite, in name order.
fn programs() -> Vec<Program> {
    let suite = suite_dir().join("tests");
    let mut programs = Vec::new();
    for language in ["assemblyscript", "c", "rust"] {
        let dir = suite.join(language).join("testsuite/wasm32-wasip1");
        let mut wasm_files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "wasm"))
            .collect();
        wasm_files.sort();
        for path in wasm_files {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let spec: serde_json::Value = match std::fs::read(path.with_extension("json")) {
                Ok(json) => serde_json::from_slice(&json)
                    .unwrap_or_else(|e| panic!("{}.json: {e}", path.display())),
                Err(_) => serde_json::json!({}),
            };
            let strings = |key: &str| -> Vec<String> {
                spec[key]
                    .as_array()
                    .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
                    .unwrap_or_default()
            };
            let env = spec["env"]
                .as_object()
                .map(|env| {
                    env.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                        .collect()
                })
                .unwrap_or_default();
            let mut files = Tree::new();
            if let Some(root) = spec["root"].as_str() {
                add_dir(&mut files, &dir.join(root), "");
            }
            programs.push(Program {
                name: format!("{language}/{stem}"),
                wasm: std::fs::read(&path).unwrap(),
                args: strings("args"),
                env,
                files,
                exit_code: spec["exit_code"].as_i64().unwrap_or(0) as i32,
                stdout: spec["stdout"].as_str().map(str::to_owned),
                stderr: spec["stderr"].as_str().map(str::to_owned),
            });
        }
    }
    programs
}

/// `tests/wasi-testsuite/known-failures.toml`: program name to the reason it fails.
fn known_failures() -> BTreeMap<String, String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/wasi-testsuite/known-failures.toml");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    table
        .into_iter()
        .map(|(name, entry)| {
            let why = entry
                .get("why")
                .and_then(|why| why.as_str())
                .unwrap_or_else(|| panic!("known-failures.toml: `{name}` needs a `why`"));
            (name, why.to_owned())
        })
        .collect()
}

/// Why `program` failed on `engine`, or `None` when it passed.
fn run(program: &Program, engine: Engine) -> Option<String> {
    let budget = Budget::default();
    let module = match Module::with_engine(&program.wasm, &budget, engine) {
        Ok(module) => module,
        Err(error) => return Some(format!("does not load: {error}")),
    };
    let input = Input {
        program: format!("{}.wasm", program.name.rsplit('/').next().unwrap()),
        args: program.args.clone(),
        env: program.env.clone(),
        stdin: Vec::new(),
        files: program.files.clone(),
        seed: 1,
        source: None,
    };
    let outcome = module.run(&input, &budget);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut problems = Vec::new();
    if outcome.ending != Ending::Exited(program.exit_code) {
        problems.push(format!(
            "ended with {:?}, expected exit {}",
            outcome.ending, program.exit_code
        ));
    }
    if let Some(stdout) = &program.stdout
        && outcome.stdout != stdout.as_bytes()
    {
        problems.push(format!(
            "stdout {:?}, expected {stdout:?}",
            text(&outcome.stdout)
        ));
    }
    if let Some(stderr) = &program.stderr
        && outcome.stderr != stderr.as_bytes()
    {
        problems.push(format!(
            "stderr {:?}, expected {stderr:?}",
            text(&outcome.stderr)
        ));
    }
    if problems.is_empty() {
        return None;
    }
    let stderr = text(&outcome.stderr);
    let stderr: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .collect();
    if !stderr.is_empty() && program.stderr.is_none() {
        problems.push(format!("stderr: {}", stderr.join(" / ")));
    }
    Some(problems.join("; "))
}

#[test]
fn the_wasi_testsuite_passes_on_every_engine() {
    let programs = programs();
    assert!(
        programs.len() >= 70,
        "expected the suite's 72 programs, found {}",
        programs.len()
    );
    let known = known_failures();
    for name in known.keys() {
        assert!(
            programs.iter().any(|p| &p.name == name),
            "known-failures.toml lists `{name}`, which is not in the suite"
        );
    }
    let mut problems = Vec::new();
    for &engine in Engine::ALL {
        let mut failed = Vec::new();
        for program in &programs {
            if let Some(why) = run(program, engine) {
                failed.push((program.name.as_str(), why));
            }
        }
        let passed = programs.len() - failed.len();
        println!(
            "wasi-testsuite on {}: {passed} passed, {} failed (of {})",
            engine.name(),
            failed.len(),
            programs.len()
        );
        for (name, why) in &failed {
            match known.get(*name) {
                Some(reason) => println!("  known failure {name}: {why}\n    because {reason}"),
                None => problems.push(format!("{}: {name} fails: {why}", engine.name())),
            }
        }
        for name in known.keys() {
            if !failed.iter().any(|(failed, _)| failed == name) {
                problems.push(format!(
                    "{}: {name} passes now; remove it from known-failures.toml",
                    engine.name()
                ));
            }
        }
        let share = passed as f64 / programs.len() as f64;
        if share < GOAL {
            problems.push(format!(
                "{}: {:.1}% pass, under the goal of {:.0}%",
                engine.name(),
                share * 100.0,
                GOAL * 100.0
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
