//! Parallel grading (issue 15): the cases of a grade run on every core, and the report is
//! byte-identical, in the same order, to the one a single thread gives, on every engine.
//!
//! The `wc` task with 120 hidden cases is prepared and graded on 1 and 3 threads
//! (`replica_judge::set_threads`, which `REPLICA_THREADS` sets for the CLI) with each of
//! its Rust examples (AC and WA cases) and the hostile corpus's `unreachable` (RE on every
//! case; `hostile.rs` has the endless loop, TLE on each case, which costs seconds a grade). The prepared cases (the reference's outcomes) and each report's JSON must not
//! depend on the thread count or the engine, and progress must count every run once, up
//! to the total. One test function, because the thread count is process-wide.

use std::path::Path;

use replica_cli::local::{Catalog, load_submission};
use replica_judge::sandbox::Engine;
use replica_judge::{GradeOptions, Progress, grade, prepare, set_threads};

const SEED: u64 = 20261207;

/// Hidden cases drawn: "many cases", more than the threads by far.
const HIDDEN: u32 = 120;

const THREADS: [usize; 2] = [1, 3];

#[test]
fn a_grade_on_several_threads_is_the_grade_on_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let catalog = Catalog::locate(Some(&root.join("tasks"))).expect("the tasks folder");
    let bundle = catalog.load("wc").expect("the wc task");
    let mut submissions = Vec::new();
    for (name, dir, _) in catalog.module_examples("wc").unwrap() {
        // The Rust examples; C ones need clang, which `examples.rs` covers.
        if dir.parent().and_then(Path::file_name) == Some("examples".as_ref()) {
            submissions.push((name, load_submission(&dir).unwrap()));
        }
    }
    assert!(
        submissions.len() >= 2,
        "wc has a correct and a buggy example"
    );
    let trap = wat::parse_file(root.join("tests/hostile/unreachable.wat")).unwrap();
    submissions.push(("unreachable".to_owned(), trap));

    // (engine, threads) -> the prepared cases and each submission's report, as JSON.
    let mut first: Option<(String, Vec<String>)> = None;
    for &engine in Engine::ALL {
        for threads in THREADS {
            set_threads(threads);
            let at = format!("{} on {threads} threads", engine.name());
            let options = GradeOptions {
                seed: SEED,
                hidden: Some(HIDDEN),
                engine,
            };
            let mut reference_runs = 0;
            let prepared = prepare(&bundle, options, &mut |progress| {
                if let Progress::Reference { done, total } = progress {
                    reference_runs += 1;
                    assert!(done <= total, "{at}");
                }
            })
            .unwrap();
            let total = prepared.cases.len();
            assert!(total > HIDDEN as usize, "{at}: visible and hidden cases");
            assert_eq!(reference_runs, total, "{at}: one progress event a run");
            let cases = format!("{:?}", prepared.cases);
            let mut reports = Vec::new();
            let mut verdicts = std::collections::BTreeSet::new();
            for (name, wasm) in &submissions {
                let mut done = Vec::new();
                let report = grade(&prepared, wasm, &mut |progress| {
                    if let Progress::Candidate { done: d, .. } = progress {
                        done.push(d);
                    }
                });
                assert_eq!(
                    done,
                    (1..=total).collect::<Vec<_>>(),
                    "{at}, {name}: progress counts each run once, in order"
                );
                verdicts.extend(report.cases.iter().map(|case| case.verdict));
                reports.push(serde_json::to_string(&report).unwrap());
            }
            assert!(
                verdicts.len() >= 3,
                "{at}: AC, WA and RE cases: {verdicts:?}"
            );
            match &first {
                None => first = Some((cases, reports)),
                Some((first_cases, first_reports)) => {
                    assert!(cases == *first_cases, "{at}: the prepared cases differ");
                    for ((name, _), (report, expected)) in
                        submissions.iter().zip(reports.iter().zip(first_reports))
                    {
                        assert!(
                            report == expected,
                            "{at}, {name}: the report differs from {} on 1 thread",
                            Engine::ALL[0].name()
                        );
                    }
                }
            }
        }
    }
    set_threads(0);
}
