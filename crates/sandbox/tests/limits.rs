//! Hostile and misbehaving guests: each must end as data (an `Ending`) within a small
//! budget, quickly, without crashing or bloating the test process.

mod common;

use common::{render, run_wat, sample_input, small_budget};
use replica_sandbox::{Budget, Ending, Input, LoadError, Module, Outcome};

/// Standard imports and helpers for the guests below: `$print(ptr, len)` writes to stdout.
const PRELUDE: &str = r#"
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Prints a number in decimal using bytes 16..48 as scratch.
  (func $print_num (param $n i32) (local $at i32)
    (local.set $at (i32.const 48))
    (loop $digits
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digits (local.get $n)))
    (call $print (local.get $at) (i32.sub (i32.const 48) (local.get $at))))
"#;

/// Wraps guest items in a module with the prelude and one page of exported memory
/// (unless `items` declares its own memory).
fn module(items: &str) -> String {
    let memory = if items.contains("(memory (export") {
        ""
    } else {
        r#"(memory (export "memory") 1)"#
    };
    format!("(module {PRELUDE} {memory} {items})")
}

/// Runs `items` under `budget` and compares the rendered outcome.
fn check_with(items: &str, budget: &Budget, expect: &str) -> Outcome {
    let outcome = run_wat(&module(items), &sample_input(), budget);
    assert_eq!(render(&outcome), expect);
    outcome
}

fn check(items: &str, expect: &str) -> Outcome {
    check_with(items, &small_budget(), expect)
}

// ---- traps ----

#[test]
fn unreachable() {
    check(
        r#"(func (export "_start") unreachable)"#,
        r#"=> Trap("unreachable")"#,
    );
}
#[test]
fn divide_by_zero() {
    check(
        r#"(func (export "_start") (drop (i32.div_s (i32.const 1) (i32.const 0))))"#,
        r#"=> Trap("integer divide by zero")"#,
    );
}
#[test]
fn out_of_bounds_load() {
    check(
        r#"(func (export "_start") (drop (i32.load (i32.const 70000))))"#,
        r#"=> Trap("out of bounds memory access")"#,
    );
}
#[test]
fn indirect_call_to_null() {
    check(
        r#"(table 1 funcref) (type $t (func)) (func (export "_start") (call_indirect (type $t) (i32.const 0)))"#,
        r#"=> Trap("uninitialized element")"#,
    );
}
#[test]
fn output_before_a_trap_is_kept() {
    check(
        r#"(data (i32.const 100) "partial") (func (export "_start") (call $print (i32.const 100) (i32.const 7)) unreachable)"#,
        r#"partial=> Trap("unreachable")"#,
    );
}
#[test]
fn data_segment_out_of_bounds_traps_at_instantiation() {
    check(
        r#"(memory (export "memory") 1) (data (i32.const 65535) "ab") (func (export "_start"))"#,
        r#"=> Trap("out of bounds memory access")"#,
    );
}
#[test]
fn start_section_may_call_wasi() {
    check(
        r#"(data (i32.const 100) "from start;") (func $init (call $print (i32.const 100) (i32.const 11))) (start $init) (func (export "_start"))"#,
        "from start;=> exit 0",
    );
}

// ---- exit codes ----

#[test]
fn return_from_start_is_exit_zero() {
    check(r#"(func (export "_start"))"#, "=> exit 0");
}
#[test]
fn proc_exit_code() {
    check(
        r#"(func (export "_start") (call $proc_exit (i32.const 3)))"#,
        "=> exit 3",
    );
}
#[test]
fn proc_exit_negative_code() {
    check(
        r#"(func (export "_start") (call $proc_exit (i32.const -1)))"#,
        "=> exit -1",
    );
}
#[test]
fn proc_exit_from_deep_calls() {
    check(
        r#"(func $down (param $n i32)
             (if (i32.eqz (local.get $n)) (then (call $proc_exit (i32.const 42))))
             (call $down (i32.sub (local.get $n) (i32.const 1))))
           (func (export "_start") (call $down (i32.const 500)) unreachable)"#,
        "=> exit 42",
    );
}

// ---- fuel ----

#[test]
fn endless_loop_runs_out_of_fuel() {
    let outcome = check(
        r#"(func (export "_start") (loop $forever (br $forever)))"#,
        "=> FuelExhausted",
    );
    assert_eq!(outcome.fuel_used, small_budget().fuel);
}
#[test]
fn fuel_used_is_counted_and_deterministic() {
    let items = r#"(func (export "_start") (local $i i32)
        (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (i32.const 1000)))))"#;
    let first = check(items, "=> exit 0");
    let second = check(items, "=> exit 0");
    assert!(
        first.fuel_used > 1000 && first.fuel_used < 10_000,
        "fuel {}",
        first.fuel_used
    );
    assert_eq!(first.fuel_used, second.fuel_used);
}
#[test]
fn host_calls_pay_for_the_bytes_they_move() {
    // One 60 KiB write costs far more than the handful of instructions around it.
    let outcome = run_wat(
        &module(r#"(func (export "_start") (call $print (i32.const 1024) (i32.const 61440)))"#),
        &Input::default(),
        &small_budget(),
    );
    assert_eq!(outcome.stdout.len(), 61440);
    assert!(
        outcome.fuel_used >= 61440 / 64,
        "fuel {}",
        outcome.fuel_used
    );
}
#[test]
fn path_lookups_pay_per_component() {
    // `./` 2,000 times, then the file: one call, over 2,000 components walked.
    let path = format!("{}hello.txt", "./".repeat(2000));
    let outcome = run_wat(
        &module(&format!(
            r#"(data (i32.const 1024) "{path}")
               (func (export "_start")
                 (call $print_num (call $path_filestat_get (i32.const 3) (i32.const 0)
                   (i32.const 1024) (i32.const {}) (i32.const 512))))"#,
            path.len()
        )),
        &sample_input(),
        &small_budget(),
    );
    assert_eq!(render(&outcome), "0=> exit 0");
    assert!(outcome.fuel_used > 2001, "fuel {}", outcome.fuel_used);
}
#[test]
fn host_call_without_enough_fuel_ends_the_run() {
    // Each write costs about 940 fuel for its bytes: the first one already overdraws.
    let budget = Budget {
        fuel: 200,
        ..small_budget()
    };
    let outcome = run_wat(
        &module(
            r#"(func (export "_start") (loop $l (call $print (i32.const 1024) (i32.const 60000)) (br $l)))"#,
        ),
        &Input::default(),
        &budget,
    );
    assert_eq!(outcome.ending, Ending::FuelExhausted);
    assert_eq!(outcome.stdout.len(), 60000);
    assert_eq!(outcome.fuel_used, 200);
}

// ---- memory ----

#[test]
fn grow_until_refused_then_trap_is_memory_limit() {
    // 16 MiB budget: the guest starts with 1 page and grows until memory.grow says -1.
    check(
        r#"(func (export "_start")
             (loop $more (br_if $more (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
             unreachable)"#,
        "=> MemoryLimit",
    );
}
#[test]
fn grow_refused_then_exit_failure_is_memory_limit() {
    check(
        r#"(func (export "_start")
             (if (i32.eq (memory.grow (i32.const 1000)) (i32.const -1)) (then (call $proc_exit (i32.const 1)))))"#,
        "=> MemoryLimit",
    );
}
#[test]
fn grow_refused_but_success_stays_success() {
    check(
        r#"(data (i32.const 100) "coped") (func (export "_start")
             (drop (memory.grow (i32.const 1000)))
             (call $print (i32.const 100) (i32.const 5)))"#,
        "coped=> exit 0",
    );
}
#[test]
fn grow_within_budget_succeeds() {
    // 255 more pages make exactly 16 MiB, the budget.
    check(
        r#"(data (i32.const 100) "ok") (func (export "_start")
             (if (i32.eq (memory.grow (i32.const 255)) (i32.const 1)) (then (call $print (i32.const 100) (i32.const 2))))
             (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (call $print (i32.const 100) (i32.const 2)))))"#,
        "okok=> exit 0",
    );
}
#[test]
fn several_memories_are_refused() {
    // The memory budget is one cap the meter bakes into the module's one memory; with
    // several, a guest could take the budget once per memory. Real toolchains emit one.
    let wasm = wat::parse_str(module(
        r#"(memory (export "memory") 128) (memory $second 128)
           (func (export "_start") (drop (memory.grow $second (i32.const 1))))"#,
    ))
    .unwrap();
    match Module::new(&wasm, &small_budget()) {
        Err(LoadError::Unsupported(why)) => assert!(why.contains("memor"), "{why}"),
        other => panic!("expected an unsupported-module error, got {other:?}"),
    }
}
#[test]
fn declared_huge_memory() {
    check(
        r#"(memory (export "memory") 1000) (func (export "_start"))"#,
        "=> MemoryLimit",
    );
}
#[test]
fn declared_maximum_memory() {
    check(
        r#"(memory (export "memory") 65536) (func (export "_start"))"#,
        "=> MemoryLimit",
    );
}

// ---- tables ----

#[test]
fn huge_table_grow_is_refused_without_allocating() {
    check(
        r#"(table $t 1 funcref) (data (i32.const 100) "refused")
           (func (export "_start")
             (if (i32.eq (table.grow $t (ref.null func) (i32.const 100000000)) (i32.const -1))
               (then (call $print (i32.const 100) (i32.const 7)))))"#,
        "refused=> exit 0",
    );
}
#[test]
fn declared_huge_table() {
    check(
        r#"(table 100000000 funcref) (func (export "_start"))"#,
        "=> MemoryLimit",
    );
}

// ---- stack ----

#[test]
fn unbounded_recursion_traps() {
    check(
        r#"(func $f (call $f)) (func (export "_start") (call $f))"#,
        r#"=> Trap("call stack exhausted")"#,
    );
}
#[test]
fn unbounded_recursion_with_many_locals_traps() {
    check(
        r#"(func $f (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
             (local.set 0 (i64.const 1)) (call $f) (drop (local.get 0)))
           (func (export "_start") (call $f))"#,
        r#"=> Trap("call stack exhausted")"#,
    );
}
#[test]
fn recursion_within_the_depth_limit_works() {
    check(
        r#"(data (i32.const 100) "deep") (func $down (param $n i32)
             (if (local.get $n) (then (call $down (i32.sub (local.get $n) (i32.const 1))))))
           (func (export "_start") (call $down (i32.const 900)) (call $print (i32.const 100) (i32.const 4)))"#,
        "deep=> exit 0",
    );
}
#[test]
fn default_budget_allows_deep_recursion() {
    let budget = Budget::default();
    let outcome = run_wat(
        &module(
            r#"(data (i32.const 100) "deep") (func $down (param $n i32)
                 (if (local.get $n) (then (call $down (i32.sub (local.get $n) (i32.const 1))))))
               (func (export "_start") (call $down (i32.const 40000)) (call $print (i32.const 100) (i32.const 4)))"#,
        ),
        &Input::default(),
        &budget,
    );
    assert_eq!(render(&outcome), "deep=> exit 0");
}

#[test]
fn unbounded_recursion_under_the_default_budget() {
    // The deepest the defaults allow, through frames with many locals: still a clean trap.
    let outcome = run_wat(
        &module(
            r#"(func $f (param i64 i64 i64 i64) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
                 (call $f (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
               (func (export "_start") (call $f (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)))"#,
        ),
        &Input::default(),
        &Budget::default(),
    );
    assert_eq!(outcome.ending, Ending::Trap("call stack exhausted".into()));
}

// ---- output ----

#[test]
fn stdout_flood_keeps_exactly_the_limit() {
    let outcome = check(
        r#"(func (export "_start") (loop $l (call $print (i32.const 1024) (i32.const 3000)) (br $l)))"#,
        &format!("{}=> OutputLimit", "\0".repeat(1 << 20)),
    );
    assert_eq!(outcome.stdout.len(), 1 << 20);
}
#[test]
fn stderr_flood_keeps_exactly_the_limit() {
    let outcome = run_wat(
        &module(
            r#"(func (export "_start") (loop $l
                 (i32.store (i32.const 0) (i32.const 1024)) (i32.store (i32.const 4) (i32.const 777))
                 (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8))) (br $l)))"#,
        ),
        &Input::default(),
        &small_budget(),
    );
    assert_eq!(outcome.ending, Ending::OutputLimit);
    assert_eq!(outcome.stderr.len(), 1 << 20);
    assert!(outcome.stdout.is_empty());
}

// ---- file system caps ----

/// Creates files `0`, `1`, ... until path_open fails, then prints the count and errno.
const FILE_BOMB: &str = r#"
  (func (export "_start") (local $i i32) (local $err i32) (local $len i32) (local $n i32)
    (block $stop (loop $more
      ;; Write the decimal name of $i at 200.., length in $len.
      (local.set $n (local.get $i)) (local.set $len (i32.const 0))
      (loop $digits
        (i32.store8 (i32.sub (i32.const 240) (local.get $len)) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
        (br_if $digits (local.get $n)))
      (local.set $err (call $path_open (i32.const 3) (i32.const 0)
        (i32.sub (i32.const 241) (local.get $len)) (local.get $len)
        (i32.const 1) (i64.const 0x1FFFFFFF) (i64.const 0) (i32.const 0) (i32.const 300)))
      (br_if $stop (local.get $err))
      (drop (call $fd_close (i32.load (i32.const 300))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $i) (i32.const 100000)))))
    (call $print_num (local.get $i)) (call $print (i32.const 241) (i32.const 1))
    (call $print_num (local.get $err)))
  (data (i32.const 241) " ")
"#;

#[test]
fn file_bomb_stops_at_fs_nodes() {
    let budget = Budget {
        fuel: 500_000_000,
        ..small_budget()
    };
    let outcome = run_wat(&module(FILE_BOMB), &Input::default(), &budget);
    assert_eq!(render(&outcome), "1000 51=> exit 0");
    assert_eq!(outcome.files.entries.len(), 1000);
}
#[test]
fn input_files_count_towards_fs_nodes() {
    let budget = Budget {
        fs_nodes: 20,
        ..small_budget()
    };
    // The sample tree already holds 11 nodes.
    let outcome = run_wat(&module(FILE_BOMB), &sample_input(), &budget);
    assert_eq!(render(&outcome), "9 51=> exit 0");
}
#[test]
fn file_bytes_cap_cuts_writes_short() {
    // Write 600 KiB twice into one file with a 1 MiB cap (the sample tree holds 13 bytes).
    let outcome = run_wat(
        &module(
            r#"(data (i32.const 100) "big") (func (export "_start") (local $err i32)
                 (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 3)
                   (i32.const 1) (i64.const 0x1FFFFFFF) (i64.const 0) (i32.const 0) (i32.const 300)))
                 (i32.store (i32.const 400) (i32.const 1024)) (i32.store (i32.const 404) (i32.const 614400))
                 (drop (call $fd_write (i32.load (i32.const 300)) (i32.const 400) (i32.const 1) (i32.const 408)))
                 (call $print_num (i32.load (i32.const 408)))
                 (local.set $err (call $fd_write (i32.load (i32.const 300)) (i32.const 400) (i32.const 1) (i32.const 408)))
                 (call $print (i32.const 103) (i32.const 1)) (call $print_num (i32.load (i32.const 408)))
                 (local.set $err (call $fd_write (i32.load (i32.const 300)) (i32.const 400) (i32.const 1) (i32.const 408)))
                 (call $print (i32.const 103) (i32.const 1)) (call $print_num (local.get $err)))
               (data (i32.const 103) " ")
               (memory (export "memory") 16)"#,
        ),
        &sample_input(),
        &small_budget(),
    );
    assert_eq!(render(&outcome), "614400 434163 51=> exit 0");
    let total: usize = outcome
        .files
        .entries
        .values()
        .map(|node| match node {
            replica_sandbox::Node::File(contents) => contents.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(total, 1 << 20);
}

// ---- determinism ----

/// Prints 8 random bytes as raw output.
const RANDOM: &str = r#"
  (func (export "_start") (drop (call $random_get (i32.const 100) (i32.const 8))) (call $print (i32.const 100) (i32.const 8)))
"#;

#[test]
fn random_is_the_same_for_a_seed_and_differs_across_seeds() {
    let wasm = wat::parse_str(module(RANDOM)).unwrap();
    let budget = small_budget();
    let module = Module::new(&wasm, &budget).unwrap();
    let run = |seed| {
        module
            .run(
                &Input {
                    seed,
                    ..Input::default()
                },
                &budget,
            )
            .stdout
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1), run(2));
    assert_eq!(run(1).len(), 8);
}

#[test]
fn same_input_same_outcome() {
    let wasm = wat::parse_str(module(FILE_BOMB)).unwrap();
    let budget = small_budget();
    let module = Module::new(&wasm, &budget).unwrap();
    let input = sample_input();
    assert_eq!(module.run(&input, &budget), module.run(&input, &budget));
}
