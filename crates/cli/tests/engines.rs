//! Determinism across engines (issue 6): natively, guests run on wasmtime, and wasmi (the
//! interpreter the browser's worker runs) is the reference. "Time limits must mean the
//! same on every engine": the same task, submission and seed must give byte-identical
//! reports, fuel included, whichever engine ran them.
//!
//! Every task is prepared on each engine (the generator's cases and the reference's
//! outcomes must agree), and every example submission of every task is graded on each;
//! the reports' JSON must be equal byte for byte. The engines are the default, tiered
//! `wasmtime` (where short runs end on wasmi), `wasmtime-only` (every run compiled, so
//! every case, long ones included, meets Cranelift's code) and `wasmi`. The hostile
//! corpus gets the same check in `hostile.rs`, and `slicing.rs` compares unsliced runs
//! (the default engine) with sliced ones (always wasmi).

use std::path::Path;

use replica_cli::local::{Catalog, load_submission};
use replica_judge::sandbox::{Budget, Engine, Input, Module};
use replica_judge::{GradeOptions, grade, prepare};

const SEED: u64 = 20261203;

fn catalog() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tasks");
    Catalog::locate(Some(&root)).expect("the repository's tasks folder")
}

#[test]
fn every_example_grades_identically_on_every_engine() {
    assert!(Engine::ALL.len() >= 2, "natively, both engines are built");
    let catalog = catalog();
    let mut compared = 0;
    for id in catalog.ids().unwrap() {
        let bundle = catalog.load(&id).unwrap();
        let prepared: Vec<_> = Engine::ALL
            .iter()
            .map(|&engine| {
                let options = GradeOptions {
                    seed: SEED,
                    hidden: None,
                    engine,
                };
                prepare(&bundle, options, &mut |_| {}).expect("the task prepares")
            })
            .collect();
        let (first, rest) = prepared.split_first().unwrap();
        for other in rest {
            assert_eq!(
                first.cases.len(),
                other.cases.len(),
                "task {id}: case count"
            );
            for (a, b) in first.cases.iter().zip(&other.cases) {
                assert_eq!(a.case, b.case, "task {id}: generated cases differ");
                assert!(
                    a.expected == b.expected,
                    "task {id}: the reference's outcome on `{}` differs between {} and {}",
                    a.case.name,
                    first.options.engine.name(),
                    other.options.engine.name()
                );
            }
        }
        for (name, dir, _) in catalog.module_examples(&id).unwrap() {
            let wasm = load_submission(&dir).unwrap();
            let reports: Vec<String> = prepared
                .iter()
                .map(|prepared| {
                    serde_json::to_string(&grade(prepared, &wasm, &mut |_| {})).unwrap()
                })
                .collect();
            for (engine, report) in Engine::ALL.iter().zip(&reports).skip(1) {
                assert!(
                    *report == reports[0],
                    "task {id}, example {name}: the report on {} differs from the one on {}",
                    engine.name(),
                    Engine::ALL[0].name()
                );
            }
            compared += 1;
        }
    }
    assert!(compared >= 10, "only {compared} examples compared");
}

/// A run that traps on wasmtime is handed to wasmi, which reports it: the trap text, the
/// output before it and the fuel are wasmi's.
#[test]
fn a_trap_on_wasmtime_is_reported_as_wasmi_reports_it() {
    let wat = r#"
        (module
          (import "wasi_snapshot_preview1" "fd_write"
            (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "before\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 7))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (drop (i32.div_u (i32.const 1) (i32.const 0)))))
    "#;
    let wasm = wat::parse_str(wat).unwrap();
    let budget = Budget::default();
    let input = Input::default();
    let outcomes: Vec<_> = Engine::ALL
        .iter()
        .map(|&engine| {
            Module::with_engine(&wasm, &budget, engine)
                .unwrap()
                .run(&input, &budget)
        })
        .collect();
    assert_eq!(
        outcomes[0].ending,
        replica_judge::sandbox::Ending::Trap("integer divide by zero".into())
    );
    assert_eq!(outcomes[0].stdout, b"before\n");
    for outcome in &outcomes[1..] {
        assert_eq!(outcome, &outcomes[0]);
    }
}
