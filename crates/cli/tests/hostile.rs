//! The hostile corpus: every module in `tests/hostile/` misbehaves in one way (loops,
//! floods, bombs, bad pointers, escapes, broken files), and grading it as a submission of
//! a tiny task gives the outcome `tests/hostile/expect.toml` names for it.
//!
//! The task's reference prints `ok` and exits 0, so a module that checks something about
//! the sandbox itself (every bad pointer got EFAULT, every escape got ENOTCAPABLE) prints
//! `ok` when it holds and is accepted: the verdict proves the check ran and passed, where
//! a trap would have been RE. Every module is graded on each engine (the default, tiered
//! wasmtime; wasmtime for every run; wasmi), and must give byte-identical reports, which is what makes clocks and
//! `random_get` deterministic rather than merely plausible, and every engine the same.
//!
//! A module that shows a known sandbox bug is listed with today's outcome and a FIXME in
//! `expect.toml`, so the fix shows up as a failure here to update, not as a surprise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use replica_judge::sandbox::{Engine, Module};
use replica_judge::{
    GradeOptions, Prepared, Report, TaskBundle, Verdict, case_input, grade, prepare,
};

/// The task every module is graded against. Small budgets keep the whole corpus to a few
/// seconds and a bounded amount of memory; `fs_nodes` stays at its default so the file
/// bomb meets the limit users get.
const TASK: &str = r#"
id = "hostile"
title = "hostile: print ok"
summary = "The reference prints ok; the modules under tests/hostile misbehave."
minutes = 1
program = "hostile"
compare = ["stdout", "stderr", "exit_code"]
hidden = 0

[budget]
fuel = 50_000_000
memory_bytes = 67_108_864
output_bytes = 1_048_576
stack_depth = 1_000
table_elements = 10_000
module_bytes = 1_048_576

[[case]]
name = "the case"
args = ["a"]
stdin = "abc"
env = { HOSTILE = "yes" }
[case.files]
"f.txt" = "hello\n"
"#;

/// Prints `ok` and exits 0.
const REFERENCE: &str = r#"
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
"#;

/// Seeds `random_get`; any fixed value does.
const SEED: u64 = 7;

/// Peak resident memory the whole test process may reach. The corpus asks for 4 GiB of
/// memory, 100 million table elements and gigabytes of output; none of it may turn into
/// host allocations.
const MAX_PEAK_RSS: u64 = 1 << 30;

/// What `expect.toml` says about one module.
#[derive(Debug, Default)]
struct Expect {
    verdict: Option<Verdict>,
    ending: Option<String>,
    compile_error: Option<String>,
    stdout: Option<String>,
    stdout_end: Option<String>,
    stdout_bytes: Option<u64>,
    stderr_bytes: Option<u64>,
    files: Option<u64>,
    max_fuel: Option<u64>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile")
}

/// The modules of the corpus by name: `NAME.wat` (assembled here) or `NAME.wasm`.
fn modules() -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(corpus_dir()).expect("tests/hostile exists") {
        let path = entry.unwrap().path();
        let is_module = path
            .extension()
            .is_some_and(|ext| ext == "wat" || ext == "wasm");
        if is_module {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let previous = found.insert(name.clone(), path);
            assert!(previous.is_none(), "two modules named `{name}`");
        }
    }
    found
}

fn verdict_named(name: &str) -> Option<Verdict> {
    use Verdict::*;
    [AC, WA, TLE, MLE, OLE, RE, CE]
        .into_iter()
        .find(|verdict| verdict.as_str() == name)
}

/// Parses `expect.toml`. Unknown keys are errors, so a misspelt fact cannot go unchecked.
fn manifest() -> BTreeMap<String, Expect> {
    let file = corpus_dir().join("expect.toml");
    let source = std::fs::read_to_string(&file).expect("tests/hostile/expect.toml");
    let table: toml::Table = source
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut out = BTreeMap::new();
    for (name, facts) in table {
        let facts = facts
            .as_table()
            .unwrap_or_else(|| panic!("expect.toml: `{name}` must be a table"));
        let mut expect = Expect::default();
        for (key, value) in facts {
            let text = || {
                value
                    .as_str()
                    .unwrap_or_else(|| panic!("expect.toml: {name}.{key} must be a string"))
                    .to_owned()
            };
            let number = || {
                value
                    .as_integer()
                    .and_then(|n| u64::try_from(n).ok())
                    .unwrap_or_else(|| panic!("expect.toml: {name}.{key} must be a count"))
            };
            match key.as_str() {
                "verdict" => {
                    let verdict = verdict_named(&text());
                    assert!(verdict.is_some(), "expect.toml: {name}.verdict is unknown");
                    expect.verdict = verdict;
                }
                "ending" => expect.ending = Some(text()),
                "compile_error" => expect.compile_error = Some(text()),
                "stdout" => expect.stdout = Some(text()),
                "stdout_end" => expect.stdout_end = Some(text()),
                "stdout_bytes" => expect.stdout_bytes = Some(number()),
                "stderr_bytes" => expect.stderr_bytes = Some(number()),
                "files" => expect.files = Some(number()),
                "max_fuel" => expect.max_fuel = Some(number()),
                // Prose for people reading the manifest.
                "why" => {}
                other => panic!("expect.toml: {name}.{other} is not a known fact"),
            }
        }
        assert!(
            expect.verdict.is_some(),
            "expect.toml: `{name}` needs a verdict"
        );
        out.insert(name, expect);
    }
    out
}

fn prepared() -> Prepared {
    prepared_on(Engine::default())
}

fn prepared_on(engine: Engine) -> Prepared {
    let reference = wat::parse_str(REFERENCE).expect("the reference assembles");
    let bundle = TaskBundle::new(
        TASK,
        "hostile/task.toml",
        String::new(),
        reference,
        Vec::new(),
    )
    .expect("the inline task parses");
    let options = GradeOptions {
        seed: SEED,
        hidden: None,
        engine,
    };
    prepare(&bundle, options, &mut |_| {}).expect("the reference prints ok")
}

fn load(path: &Path) -> Vec<u8> {
    if path.extension().is_some_and(|ext| ext == "wat") {
        wat::parse_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    } else {
        std::fs::read(path).unwrap()
    }
}

/// Grades `wasm` (twice: on `prepared`'s engine and on wasmi with `reference`) and runs
/// it directly, and lists every way the result differs from `expect`.
fn check(
    prepared: &Prepared,
    reference: &Prepared,
    name: &str,
    wasm: &[u8],
    expect: &Expect,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut problem = |what: String| problems.push(format!("{name}: {what}"));
    let report = grade(prepared, wasm, &mut |_| {});
    let again = grade(reference, wasm, &mut |_| {});
    let json = serde_json::to_string(&report).unwrap();
    let json_again = serde_json::to_string(&again).unwrap();
    if json != json_again {
        problem(format!(
            "grading on {} and on {} gave different reports:\n  {json}\n  {json_again}",
            prepared.options.engine.name(),
            reference.options.engine.name()
        ));
    }
    // Hostile reports have every shape (CE, limits, hex and text diffs): they must come
    // back from JSON unchanged.
    match serde_json::from_str::<Report>(&json) {
        Ok(decoded) if decoded == report => {}
        Ok(_) => problem("the report changed in a JSON round trip".into()),
        Err(e) => problem(format!("the report's JSON does not decode: {e}")),
    }
    let case = &report.cases[0];
    let verdict = expect.verdict.expect("checked by manifest()");
    if case.verdict != verdict {
        problem(format!(
            "verdict {} (ending {:?}, compile error {:?}), expected {}; diff: {}",
            case.verdict.as_str(),
            case.ending,
            report.compile_error,
            verdict.as_str(),
            serde_json::to_string(&case.diff).unwrap()
        ));
    }
    if let Some(ending) = &expect.ending
        && case.ending.as_ref() != Some(ending)
    {
        problem(format!("ending {:?}, expected {ending:?}", case.ending));
    }
    if let Some(part) = &expect.compile_error
        && !report
            .compile_error
            .as_ref()
            .is_some_and(|why| why.contains(part.as_str()))
    {
        problem(format!(
            "compile error {:?}, expected one mentioning {part:?}",
            report.compile_error
        ));
    }
    if let (Some(max), Some(used)) = (expect.max_fuel, case.fuel.candidate)
        && used > max
    {
        problem(format!("used {used} fuel, expected at most {max}"));
    }

    // Facts about what the run produced come from running the module directly, with the
    // same input and budget the grader used.
    let budget = prepared.budget();
    let Ok(module) = Module::new(wasm, &budget) else {
        return problems;
    };
    // `hostile` is the task's `program`, argv[0].
    let input = case_input("hostile", &prepared.cases[0].case, SEED);
    let outcome = module.run(&input, &budget);
    if let Some(stdout) = &expect.stdout
        && outcome.stdout != stdout.as_bytes()
    {
        problem(format!(
            "stdout {:?}, expected {stdout:?}",
            String::from_utf8_lossy(&outcome.stdout)
        ));
    }
    if let Some(end) = &expect.stdout_end
        && !outcome.stdout.ends_with(end.as_bytes())
    {
        let tail = &outcome.stdout[outcome.stdout.len().saturating_sub(end.len() + 8)..];
        problem(format!(
            "stdout ends {:?}, expected it to end {end:?}",
            String::from_utf8_lossy(tail)
        ));
    }
    let counts = [
        ("stdout bytes", expect.stdout_bytes, outcome.stdout.len()),
        ("stderr bytes", expect.stderr_bytes, outcome.stderr.len()),
        ("tree entries", expect.files, outcome.files.entries.len()),
    ];
    for (what, expected, actual) in counts {
        if let Some(expected) = expected
            && actual as u64 != expected
        {
            problem(format!("{actual} {what}, expected {expected}"));
        }
    }
    problems
}

#[test]
fn every_module_has_an_expectation_and_every_expectation_a_module() {
    let modules = modules();
    let manifest = manifest();
    let unlisted: Vec<_> = modules
        .keys()
        .filter(|name| !manifest.contains_key(*name))
        .collect();
    let missing: Vec<_> = manifest
        .keys()
        .filter(|name| !modules.contains_key(*name))
        .collect();
    assert!(
        unlisted.is_empty(),
        "modules in tests/hostile without an entry in expect.toml: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "entries in tests/hostile/expect.toml without a module: {missing:?}"
    );
}

#[test]
fn hostile_modules_get_their_verdicts() {
    let prepared = prepared();
    // Every run compiled, so that long and hostile runs surely meet wasmtime.
    let compiled = prepared_on(Engine::WasmtimeOnly);
    let reference = prepared_on(Engine::Wasmi);
    let manifest = manifest();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, path) in modules() {
        let Some(expect) = manifest.get(&name) else {
            continue; // Reported by the test above.
        };
        let wasm = load(&path);
        problems.extend(check(&prepared, &reference, &name, &wasm, expect));
        problems.extend(check(&compiled, &reference, &name, &wasm, expect));
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} modules in the corpus");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    if let Some(peak) = peak_rss() {
        assert!(
            peak < MAX_PEAK_RSS,
            "the test process peaked at {} MiB of resident memory",
            peak >> 20
        );
    }
}

/// Issue 15: a candidate that loops on every case of a task with many cases meets each
/// case's own fuel limit (k × the reference's fuel + the floor, see `replica_judge::limits`)
/// and is TLE on every one, having used exactly that limit, on every engine, with
/// byte-identical reports. How long grading it takes is a row of `cargo xtask bench`.
#[test]
fn a_candidate_that_loops_on_every_case_is_tle_on_each() {
    const CASES: usize = 12;
    let mut task = TASK.split("[[case]]").next().unwrap().to_owned();
    for case in 0..CASES {
        task.push_str(&format!(
            "[[case]]\nname = \"case {case}\"\nstdin = \"{case}\"\n"
        ));
    }
    let reference = wat::parse_str(REFERENCE).unwrap();
    let endless = load(&corpus_dir().join("endless-loop.wat"));
    let mut reports = Vec::new();
    for &engine in Engine::ALL {
        let bundle = TaskBundle::new(
            &task,
            "hostile/task.toml",
            String::new(),
            reference.clone(),
            Vec::new(),
        )
        .unwrap();
        let options = GradeOptions {
            seed: SEED,
            hidden: None,
            engine,
        };
        let prepared = prepare(&bundle, options, &mut |_| {}).unwrap();
        let report = grade(&prepared, &endless, &mut |_| {});
        assert_eq!(report.cases.len(), CASES);
        for case in &report.cases {
            assert_eq!(case.verdict, Verdict::TLE, "{}: {case:?}", engine.name());
            let limit = case.fuel.limit.expect("each case says its limit");
            assert!(
                limit < 50_000_000,
                "the limit follows the reference's fuel, not the task's budget: {limit}"
            );
            assert_eq!(case.fuel.candidate, Some(limit), "{}", engine.name());
        }
        reports.push((engine, serde_json::to_string(&report).unwrap()));
    }
    for (engine, json) in &reports[1..] {
        assert_eq!(
            json,
            &reports[0].1,
            "{} and {} disagree",
            engine.name(),
            reports[0].0.name()
        );
    }
}

/// Peak resident memory of this process (`VmHWM`), where the system says (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib << 10)
}
