//! Determinism across fuel slice sizes (issue 6): the browser's worker runs guests in slices
//! of fuel to report progress within a long case, and a report must be byte-identical "at
//! any fuel slice size the browser uses to stay responsive".
//!
//! Every example submission of every task (on its visible cases and a few hidden ones), and
//! a few hostile modules (an endless loop, a memory bomb, an output flood, unbounded
//! recursion, a file bomb, a module trapping in a `start` section), is graded unsliced and
//! at several slice sizes; the prepared reference outcomes and the reports (`fuel`
//! included) must be identical, and the sliced runs must really have paused. A slice of 1
//! fuel pauses before nearly every basic block, so it runs on the hostile modules under a
//! small budget and on one solved example per task.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::Path;

use replica_cli::local::{Catalog, load_submission};
use replica_judge::sandbox::{Budget, Cancelled, Engine, Input, Module};
use replica_judge::{
    Event, GradeOptions, PrepareError, Prepared, TaskBundle, grade, grade_sliced, prepare,
    prepare_sliced,
};

/// Slice sizes the examples are graded at: a prime that cuts runs at odd places, and a
/// size near what the browser's worker uses per progress message.
const SLICES: [u64; 3] = [997, 100_000, 10_000_000];

const SEED: u64 = 20261122;

/// Hidden cases drawn per task. Slicing is a property of every run, not of the inputs:
/// a few hidden cases beside the visible ones cover each example's paths; the whole draw,
/// graded four times over, only made the test longer.
const HIDDEN: u32 = 6;

fn catalog() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tasks");
    Catalog::locate(Some(&root)).expect("the repository's tasks folder")
}

/// What sliced grading saw.
#[derive(Debug, Default)]
struct Seen {
    pauses: u64,
}

impl Seen {
    fn on(&mut self, event: Event) -> ControlFlow<()> {
        if let Event::Paused { pause, .. } = event {
            self.pauses += 1;
            assert!(
                pause.fuel_used <= pause.fuel,
                "{pause:?} is past the budget"
            );
        }
        ControlFlow::Continue(())
    }
}

/// Grades `modules` on `bundle` unsliced, then at each of `slices`, and checks that the
/// preparation and every report are the same. Returns the pauses seen per slice size.
fn check_slices(
    what: &str,
    bundle: &TaskBundle,
    options: GradeOptions,
    modules: &BTreeMap<String, Vec<u8>>,
    slices: &[u64],
) -> BTreeMap<u64, u64> {
    let prepared = prepare(bundle, options, &mut |_| {}).expect("the task prepares");
    let reports: BTreeMap<&String, String> = modules
        .iter()
        .map(|(name, wasm)| {
            let report = grade(&prepared, wasm, &mut |_| {});
            (name, serde_json::to_string(&report).unwrap())
        })
        .collect();
    let mut pauses = BTreeMap::new();
    for &slice in slices {
        let mut seen = Seen::default();
        let sliced = prepare_sliced(bundle, options, slice, &mut |e| seen.on(e))
            .expect("the task prepares sliced");
        same_preparation(what, slice, &prepared, &sliced);
        for (name, wasm) in modules {
            let report =
                grade_sliced(&sliced, wasm, slice, &mut |e| seen.on(e)).expect("nothing cancels");
            let report = serde_json::to_string(&report).unwrap();
            if report != reports[name] {
                panic!(
                    "{what}, {name}: the report at slice {slice} differs from the unsliced one: {}",
                    first_difference(&report, &reports[name])
                );
            }
        }
        pauses.insert(slice, seen.pauses);
    }
    pauses
}

/// Where two reports part, with some context: whole reports can be megabytes.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let from = a.floor_char_boundary(at.saturating_sub(200));
    let show = |s: &str| s[from..s.ceil_char_boundary((at + 100).min(s.len()))].to_owned();
    format!("at byte {at}: …{}… vs …{}…", show(a), show(b))
}

fn same_preparation(what: &str, slice: u64, a: &Prepared, b: &Prepared) {
    assert_eq!(
        a.cases.len(),
        b.cases.len(),
        "{what}: cases at slice {slice}"
    );
    for (x, y) in a.cases.iter().zip(&b.cases) {
        assert_eq!(x.case, y.case, "{what}: case inputs at slice {slice}");
        assert!(
            x.expected == y.expected,
            "{what}: the reference's outcome on `{}` differs at slice {slice}",
            x.case.name
        );
    }
}

#[test]
fn every_example_grades_identically_at_any_slice_size() {
    let catalog = catalog();
    let ids = catalog.ids().unwrap();
    // Tasks are independent: spread them over the cores, as the examples test does.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(id) =
                    ids.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    check_task(&catalog, id);
                }
            });
        }
    });
}

/// Every example of `id` at [`SLICES`], on the visible cases and [`HIDDEN`] hidden ones,
/// then one solved example at a slice of 1 on the visible cases.
fn check_task(catalog: &Catalog, id: &str) {
    let bundle = catalog.load(id).unwrap();
    let examples = catalog.module_examples(id).unwrap();
    let modules: BTreeMap<String, Vec<u8>> = examples
        .iter()
        .map(|(name, dir, _)| (name.clone(), load_submission(dir).unwrap()))
        .collect();
    let options = GradeOptions {
        seed: SEED,
        hidden: Some(HIDDEN),
        engine: Engine::default(),
    };
    let pauses = check_slices(&format!("task {id}"), &bundle, options, &modules, &SLICES);
    // The references alone use tens of thousands of fuel per case, so the smallest
    // slice must have paused many times; otherwise nothing was sliced at all.
    assert!(pauses[&997] > 1_000, "task {id}: only {pauses:?} pauses");

    // Slice 1 on the visible cases and one solved example: pauses before nearly every
    // basic block.
    let (name, _, _) = examples
        .iter()
        .find(|(_, _, expect)| expect.solved)
        .expect("every task has a solved example");
    let one = BTreeMap::from([(name.clone(), modules[name].clone())]);
    let visible = GradeOptions {
        seed: SEED,
        hidden: Some(0),
        engine: Engine::default(),
    };
    let pauses = check_slices(&format!("task {id}"), &bundle, visible, &one, &[1]);
    assert!(pauses[&1] > 10_000, "task {id}: only {pauses:?} pauses");
}

/// A tiny task for the hostile modules: the reference prints `ok`. The fuel budget is
/// small so that slice 1 (a pause per basic block) runs an endless loop to its end quickly.
const HOSTILE_TASK: &str = r#"
id = "hostile"
title = "hostile: print ok"
summary = "The reference prints ok."
minutes = 1
program = "hostile"
compare = ["stdout", "stderr", "exit_code"]
hidden = 0

[budget]
fuel = 3_000_000
memory_bytes = 67_108_864
output_bytes = 1_048_576
stack_depth = 1_000

[[case]]
name = "the case"
args = ["a"]
stdin = "abc"
[case.files]
"f.txt" = "hello\n"
"#;

const OK: &str = r#"
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
"#;

/// Loops in a wasm `start` section, which wasmi runs before `_start` and cannot pause:
/// the sliced run must still end exactly as the unsliced one.
const START_SECTION_LOOP: &str = r#"
(module
  (memory (export "memory") 1)
  (func $spin (loop $l (br $l)))
  (start $spin)
  (func (export "_start")))
"#;

/// Writes 512 KiB in one `fd_write` call: the host charges 8,192 fuel for it at once, far
/// more than a small slice holds, so the charge must reach into the rest of the budget.
const BIG_WRITE: &str = r#"
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 9)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (i32.const 524288))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))))
"#;

fn hostile(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/hostile")
        .join(format!("{name}.wat"));
    wat::parse_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn hostile_modules_grade_identically_at_any_slice_size() {
    let bundle = TaskBundle::new(
        HOSTILE_TASK,
        "hostile/task.toml",
        String::new(),
        wat::parse_str(OK).unwrap(),
        Vec::new(),
    )
    .expect("the inline task parses");
    let mut modules: BTreeMap<String, Vec<u8>> = [
        "endless-loop",
        "memory-grow-until-refused",
        "output-flood-stdout",
        "unbounded-recursion",
        "file-bomb",
        "spin-on-clock",
        "proc-exit-255",
    ]
    .into_iter()
    .map(|name| (name.to_owned(), hostile(name)))
    .collect();
    modules.insert(
        "start-section-loop".into(),
        wat::parse_str(START_SECTION_LOOP).unwrap(),
    );
    modules.insert("big-write".into(), wat::parse_str(BIG_WRITE).unwrap());
    let options = GradeOptions {
        seed: 7,
        hidden: None,
        engine: Engine::default(),
    };
    let pauses = check_slices("hostile", &bundle, options, &modules, &[1, 997, 100_000]);
    // The endless loop alone pauses at least once per 997 fuel of its 3,000,000.
    assert!(pauses[&997] >= 3_000, "only {pauses:?} pauses");
}

#[test]
fn a_sliced_run_can_be_cancelled() {
    let module = Module::new(&hostile("endless-loop"), &Budget::default()).unwrap();
    let mut pauses = 0;
    let mut last = 0;
    let result = module.run_sliced(
        &Input::default(),
        &Budget::default(),
        10_000,
        &mut |pause| {
            pauses += 1;
            // Each pause comes about one slice after the last: the loop's step is a few fuel.
            assert!(pause.fuel_used > last + 9_900, "{pause:?} after {last}");
            last = pause.fuel_used;
            if pauses == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    assert_eq!(result, Err(Cancelled));
    assert_eq!(pauses, 3);

    // Cancelling grading stops at the first pause and reports it as such.
    let bundle = catalog().load("wc").unwrap();
    let options = GradeOptions {
        seed: SEED,
        hidden: Some(0),
        engine: Engine::default(),
    };
    let cancelled = prepare_sliced(&bundle, options, 1_000, &mut |event| match event {
        Event::Paused { .. } => ControlFlow::Break(()),
        Event::Progress(_) => ControlFlow::Continue(()),
    });
    assert!(
        matches!(cancelled, Err(PrepareError::Cancelled)),
        "{cancelled:?}"
    );
}
