//! Every example submission grades as its `expect.toml` says (correct ones on the hidden
//! cases of several seeds), and grading is byte-for-byte deterministic. Also checks that
//! every task has what a task needs.

use std::path::Path;

use replica_cli::local::Catalog;
use replica_cli::source::{self, Loaded, Runtimes};
use replica_judge::runtimes::Language;
use replica_judge::sandbox::Engine;
use replica_judge::{GradeOptions, Verdict, prepare};

const SEEDS: [u64; 2] = [1, 20261122];

/// Hidden cases Python and JavaScript examples are graded on per seed, instead of the
/// task's 30: every case pays the interpreter's start-up (CPython's is about 320 million
/// fuel, see `replica runtimes`), and code by hand in an interpreter costs hundreds of
/// times the reference's fuel. Measured with the debug CLI on a quiet machine, `replica
/// grade TASK correct-py --seed 1 --hidden 3` (28 cases) takes 43-45 s of CPU for wc,
/// base64 and sha256sum; a JavaScript SHA-crypt (openssl-passwd) graded on the full 30
/// took over 12 CPU-minutes (session 5, loaded machine).
// FIXME(issue 14): grade them on every hidden case once the interpreters start from a
// snapshot and run faster.
const SOURCE_HIDDEN: u32 = 4;

/// Tasks without some of their Python and JavaScript examples, because code written by
/// hand in that interpreter runs out of fuel on some case (figures in the session-5
/// closing note of issue 14): which are missing (`correct-py`, `buggy-py`, `correct-js`)
/// and why.
// FIXME(issue 14): faster interpreters (an optimised CPython, QuickJS's cost per
// operation) or a per-runtime factor for such tasks, then examples for these.
const INTERPRETED_MISSING: &[(&str, &[&str], &str)] = &[
    (
        "b2sum",
        &["correct-js"],
        "BLAKE2b's 64-bit words in QuickJS: 192% of the margin",
    ),
    (
        "b3sum",
        &["correct-py", "buggy-py"],
        "BLAKE3 by hand in CPython: out of fuel at 8 KB",
    ),
    (
        "cksum",
        &["correct-py", "correct-js"],
        "SM3 by hand in CPython: 143% of the margin",
    ),
    (
        "openssl-enc",
        &["correct-js"],
        "Triple DES in QuickJS runs out of fuel",
    ),
    (
        "openssl-enc-pass",
        &["correct-js"],
        "PBKDF2 at 10,000 iterations in QuickJS",
    ),
    (
        "openssl-kdf",
        &["correct-py", "correct-js"],
        "PBKDF2 over SHA-512/256 by hand",
    ),
    (
        "openssl-passwd",
        &["correct-js"],
        "SHA-crypt in QuickJS: minutes a grade",
    ),
];

fn catalog() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tasks");
    Catalog::locate(Some(&root)).expect("the repository's tasks folder")
}

#[test]
fn every_task_has_its_parts() {
    let catalog = catalog();
    let ids = catalog.ids().unwrap();
    assert!(
        ids.len() >= 3,
        "expected the first three tasks, found {ids:?}"
    );
    for id in ids {
        let dir = catalog.task_dir(&id).unwrap();
        for part in [
            "task.toml",
            "spec.md",
            "reference/Cargo.toml",
            "generator/Cargo.toml",
        ] {
            assert!(dir.join(part).is_file(), "task {id} lacks {part}");
        }
        let (task, _) = catalog.read_task(&id).unwrap();
        assert!(!task.cases.is_empty(), "task {id} has no visible cases");
        let examples = catalog.examples(&id).unwrap();
        let mut names: Vec<&str> = examples.iter().map(|e| e.0.as_str()).collect();
        names.dedup();
        assert_eq!(
            names.len(),
            examples.len(),
            "task {id}: example names must be unique across examples/, examples-c/, examples-py/ and examples-js/ \
             (the site pack stores them side by side)"
        );
        // Issue 14: every task has a correct Python and JavaScript example and a buggy
        // Python one, but for those an interpreter cannot yet run within the fuel limits.
        let (missing, why) = INTERPRETED_MISSING
            .iter()
            .find(|(task, _, _)| *task == id)
            .map_or((&[][..], ""), |(_, kinds, why)| (*kinds, *why));
        for (kind, folder, solved) in [
            ("correct-py", "examples-py", true),
            ("buggy-py", "examples-py", false),
            ("correct-js", "examples-js", true),
        ] {
            let has = examples.iter().any(|(_, dir, e)| {
                dir.parent().is_some_and(|p| p.ends_with(folder)) && e.solved == solved
            });
            let excused = missing.contains(&kind);
            assert!(
                has || excused,
                "task {id} needs a {} example in {folder}/",
                if solved { "correct" } else { "buggy" }
            );
            assert!(
                !(has && excused),
                "task {id} has a {kind} example in {folder}/ now: remove it from \
                 INTERPRETED_MISSING (which said: {why})"
            );
        }
        let solved = examples.iter().filter(|e| e.2.solved).count();
        let buggy = examples.len() - solved;
        assert!(solved >= 1, "task {id} needs a correct example");
        assert!(
            buggy >= 2,
            "task {id} needs at least two buggy examples, has {buggy}"
        );
        for (name, _, expect) in &examples {
            for case in expect.failing.iter().chain(&expect.passing) {
                assert!(
                    task.cases.iter().any(|c| &c.name == case),
                    "task {id}, example {name}: expect.toml names `{case}`, which is not a visible case"
                );
            }
            if !expect.solved {
                assert!(
                    !expect.failing.is_empty() && !expect.passing.is_empty(),
                    "task {id}, example {name}: a buggy example lists cases it must fail and pass"
                );
            }
        }
    }
}

#[test]
fn examples_grade_as_expected() {
    // Tasks are independent: grade them on every core (the Python and JavaScript examples
    // made this the suite's longest test), each thread taking the next task.
    let catalog = catalog();
    let runtimes = Runtimes::locate(None, &catalog.dir);
    let ids = catalog.ids().unwrap();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let problems = std::sync::Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(id) = ids.get(i) else { break };
                    let found = check_task(&catalog, &runtimes, id);
                    problems.lock().unwrap().extend(found);
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Grades every example of task `id` on [`SEEDS`]; returns what is wrong.
fn check_task(catalog: &Catalog, runtimes: &Runtimes, id: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let bundle = catalog.load(id).unwrap();
    let examples = catalog.examples(id).unwrap();
    let modules: Vec<Loaded> = examples
        .iter()
        .map(|(name, dir, _)| {
            source::load(dir, None).unwrap_or_else(|e| panic!("task {id}, example {name}: {e:#}"))
        })
        .collect();
    for seed in SEEDS {
        let first = seed == SEEDS[0];
        let options = GradeOptions {
            seed,
            hidden: None,
            engine: Engine::default(),
        };
        // Visible cases do not depend on the seed: after the first seed, examples are
        // graded on the hidden cases alone, and only the correct ones (a buggy example's
        // expectations name visible cases and are checked on the first seed). That halves
        // this test's cost, which the Python examples dominate (each case pays CPython's
        // start-up).
        let later = |mut prepared: replica_judge::Prepared| {
            if !first {
                prepared.cases.retain(|c| c.hidden);
            }
            prepared
        };
        let prepared = later(prepare(&bundle, options, &mut |_| {}).unwrap());
        let interpreted = later(
            prepare(
                &bundle,
                GradeOptions {
                    hidden: Some(SOURCE_HIDDEN),
                    ..options
                },
                &mut |_| {},
            )
            .unwrap(),
        );
        for ((name, _, expect), module) in examples.iter().zip(&modules) {
            if !first && !expect.solved {
                continue;
            }
            let is_interpreted = matches!(
                module.language(),
                Some(Language::Python | Language::JavaScript)
            );
            let prepared = if is_interpreted {
                &interpreted
            } else {
                &prepared
            };
            let grade = |prepared| {
                module
                    .grade(prepared, runtimes, &mut |_| {})
                    .unwrap_or_else(|e| panic!("task {id}, example {name}: {e:#}"))
            };
            let report = grade(prepared);
            let what = format!("task {id}, example {name}, seed {seed}");
            if let Some(why) = &report.compile_error {
                problems.push(format!("{what}: compile error: {why}"));
                continue;
            }
            if expect.solved && !report.solved {
                let failing: Vec<_> = report
                    .cases
                    .iter()
                    .filter(|c| c.verdict != Verdict::AC)
                    .map(|c| format!("{} ({})", c.name, c.verdict.as_str()))
                    .collect();
                problems.push(format!(
                    "{what}: expected solved, reward {} fails {failing:?}",
                    report.reward
                ));
            }
            if !expect.solved && (report.reward <= 0.0 || report.reward >= 1.0) {
                problems.push(format!(
                    "{what}: expected a reward strictly between 0 and 1, got {}",
                    report.reward
                ));
            }
            // A language runtime's start-up allowance is in every limit and in every
            // run's fuel alike; the margin below is on what lies above it.
            let startup = report.fuel_limit.map_or(0, |f| f.startup_fuel);
            for case in &report.cases {
                // Correct programs must not live near their time limit: an accepted
                // case that used more than half of it (past the start-up allowance)
                // means `k`, the floor or a runtime's factor
                // (crates/judge/src/limits.rs) leave too little margin.
                if let (Verdict::AC, Some(used), Some(limit)) =
                    (case.verdict, case.fuel.candidate, case.fuel.limit)
                    && used.saturating_sub(startup) > limit.saturating_sub(startup) / 2
                {
                    problems.push(format!(
                        "{what}: case `{}` used {used} fuel of its limit {limit} (reference {})",
                        case.name, case.fuel.reference
                    ));
                }
                if expect.failing.contains(&case.name) && case.verdict == Verdict::AC {
                    problems.push(format!(
                        "{what}: case `{}` should fail but passed",
                        case.name
                    ));
                }
                if expect.passing.contains(&case.name) && case.verdict != Verdict::AC {
                    problems.push(format!(
                        "{what}: case `{}` should pass but got {}",
                        case.name,
                        case.verdict.as_str()
                    ));
                }
            }
            // The same task, submission and seed give byte-identical reports. Checked on
            // the compiled examples: a JavaScript example's three grades of sha256sum
            // cost more than all its other checks (its largest case takes 4.5 billion
            // fuel), and runtimes are graded by the same code.
            if first && module.language().is_none_or(|l| l == Language::C) {
                let again = grade(prepared);
                let prepared_again = prepare(&bundle, options, &mut |_| {}).unwrap();
                let fresh = grade(&prepared_again);
                let json = serde_json::to_string(&report).unwrap();
                if json != serde_json::to_string(&again).unwrap()
                    || json != serde_json::to_string(&fresh).unwrap()
                {
                    problems.push(format!("{what}: grading twice gave different reports"));
                }
            }
        }
    }
    problems
}
