//! The rewrite's semantics, observed by running instrumented modules in wasmi.

mod harness;

use harness::{
    ROOMY, Refill, meter, run, run_original, run_original_wasm, run_roomy, run_wasm, wasm,
};
use replica_meter::{Config, Error, instrument};
use wasmi::Val;

fn i32s(args: &[i32]) -> Vec<Val> {
    args.iter().map(|&x| Val::I32(x)).collect()
}

// ---- fuel ------------------------------------------------------------------------------

/// Runs `export(args)` and checks its result and exact fuel, from several initial amounts
/// that all suffice: the count must not depend on them.
#[track_caller]
fn check_fuel(wat: &str, export: &str, args: &[i32], result: i64, fuel: i64) {
    for initial in [fuel, fuel + 1, 1_000_000, 1 << 40] {
        let outcome = run(wat, &ROOMY, initial, Refill::Never, export, &i32s(args));
        assert_eq!(
            outcome.result,
            Ok(vec![result]),
            "{export}{args:?} from {initial}"
        );
        assert_eq!(outcome.fuel_used, fuel, "{export}{args:?} from {initial}");
        assert!(
            outcome.out_of_fuel_at.is_empty(),
            "{export}{args:?} from {initial}"
        );
    }
    // One less does not suffice.
    let outcome = run(wat, &ROOMY, fuel - 1, Refill::Never, export, &i32s(args));
    assert_eq!(
        outcome.out_of_fuel_at.len(),
        1,
        "{export}{args:?} with one fuel short"
    );
}

const STRAIGHT: &str = r#"(module
  (func (export "run") (result i32)
    i32.const 1 i32.const 2 i32.add))"#;

/// ops: loop | local.get i32.const i32.add local.set local.get local.get i32.lt_u br_if |
/// end | local.get end: 1 + 8n + 1 + 2.
const COUNTED_LOOP: &str = r#"(module
  (func (export "run") (param $n i32) (result i32) (local $i i32)
    (loop $l
      local.get $i i32.const 1 i32.add local.set $i
      local.get $i local.get $n i32.lt_u
      br_if $l)
    local.get $i))"#;

/// Segments: [local.get if] [i32.const else] [i32.const i32.const i32.add end] [end].
const IF_ELSE: &str = r#"(module
  (func (export "run") (param i32) (result i32)
    local.get 0
    if (result i32)
      i32.const 10
    else
      i32.const 20 i32.const 1 i32.add
    end))"#;

/// Segments: [block] [block] [block] [local.get br_table] [end] [i32.const return] [end]
/// [4 ops + return] [end] [5 ops + end]; each target pays 5 plus its own arm.
const BR_TABLE: &str = r#"(module
  (func (export "run") (param i32) (result i32)
    (block $b2
      (block $b1
        (block $b0
          local.get 0
          br_table $b0 $b1 $b2)
        i32.const 100
        return)
      i32.const 50 i32.const 51 i32.add
      return)
    i32.const 100 i32.const 2 i32.add i32.const 0 i32.add))"#;

/// The callee's 4 operators are charged on each of the two calls: 4 + 4 + 4.
const CALLS: &str = r#"(module
  (func $square (param i32) (result i32)
    local.get 0 local.get 0 i32.mul)
  (func (export "run") (param i32) (result i32)
    local.get 0 call $square call $square))"#;

#[test]
fn straight_line_code_costs_one_per_operator() {
    check_fuel(STRAIGHT, "run", &[], 3, 4);
}

#[test]
fn counted_loop_costs_its_body_per_iteration() {
    check_fuel(COUNTED_LOOP, "run", &[1], 1, 12);
    check_fuel(COUNTED_LOOP, "run", &[10], 10, 84);
    check_fuel(COUNTED_LOOP, "run", &[1000], 1000, 8004);
}

#[test]
fn if_else_charges_the_arm_taken() {
    check_fuel(IF_ELSE, "run", &[1], 10, 5);
    check_fuel(IF_ELSE, "run", &[0], 21, 7);
}

#[test]
fn br_table_charges_the_target_taken() {
    check_fuel(BR_TABLE, "run", &[0], 100, 7);
    check_fuel(BR_TABLE, "run", &[1], 101, 9);
    check_fuel(BR_TABLE, "run", &[2], 102, 11);
    check_fuel(BR_TABLE, "run", &[7], 102, 11);
}

#[test]
fn callees_are_charged_separately() {
    check_fuel(CALLS, "run", &[3], 81, 12);
}

const ENDLESS: &str = r#"(module (func (export "run") (loop (br 0))))"#;

#[test]
fn out_of_fuel_is_called_when_the_counter_goes_negative() {
    // The entry segment [loop] costs 1 and each iteration's [br] 1, so with F fuel the
    // (F+1)-th charge, at iteration F, takes the counter to -1.
    for fuel in [0, 1, 2, 10, 12_345] {
        let outcome = run(ENDLESS, &ROOMY, fuel, Refill::Never, "run", &[]);
        assert_eq!(outcome.out_of_fuel_at, [-1], "from {fuel}");
        assert_eq!(outcome.fuel_used, fuel + 1, "from {fuel}");
        assert!(matches!(&outcome.result, Err(trap) if trap.contains("out of fuel")));
    }
}

#[test]
fn slicing_never_changes_a_run() {
    // Runs that end and runs that run out, some with one big bulk charge; every budget is
    // a multiple of every slice size.
    let programs: [(&str, &str, &[i32], i64); 6] = [
        (COUNTED_LOOP, "run", &[1000], 7_007_000),
        (COUNTED_LOOP, "run", &[1000], 7_000),
        (CALLS, "run", &[5], 7_007_000),
        (ENDLESS, "run", &[], 7_007_000),
        (BULK_MEMORY, "copy", &[65_536], 7_007_000),
        (BULK_MEMORY, "copy", &[65_536], 7_000),
    ];
    for (wat, export, args, budget) in programs {
        let whole = run(wat, &ROOMY, budget, Refill::Never, export, &i32s(args));
        for size in [1, 7, 1000] {
            let refill = Refill::Slices { size, budget };
            let sliced = run(wat, &ROOMY, size, refill, export, &i32s(args));
            assert_eq!(
                sliced.result, whole.result,
                "{export}{args:?} in slices of {size}"
            );
            assert_eq!(
                sliced.fuel_used, whole.fuel_used,
                "{export}{args:?} in slices of {size}"
            );
        }
    }
}

/// `len` bytes by each bulk memory operation: 5 operators plus `len >> 6`.
const BULK_MEMORY: &str = r#"(module
  (memory 2)
  (data $d "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
  (func (export "fill") (param $len i32) (result i32)
    i32.const 0 i32.const 7 local.get $len memory.fill i32.const 0)
  (func (export "copy") (param $len i32) (result i32)
    i32.const 0 i32.const 100 local.get $len memory.copy i32.const 0)
  (func (export "init") (param $len i32) (result i32)
    i32.const 0 i32.const 0 local.get $len memory.init $d i32.const 0))"#;

/// `n` elements by each bulk table operation: 5 operators plus `n >> 3`.
const BULK_TABLE: &str = r#"(module
  (table $t 200 funcref)
  (table $u 200 funcref)
  (elem $e func $f $f $f $f $f $f $f $f $f $f $f $f $f $f $f $f $f $f $f $f)
  (func $f)
  (func (export "fill") (param $n i32) (result i32)
    i32.const 0 ref.null func local.get $n table.fill $t i32.const 0)
  (func (export "copy") (param $n i32) (result i32)
    i32.const 0 i32.const 0 local.get $n table.copy $t $u i32.const 0)
  (func (export "init") (param $n i32) (result i32)
    i32.const 0 i32.const 0 local.get $n table.init $t $e i32.const 0))"#;

#[test]
fn bulk_memory_pays_per_64_bytes() {
    for export in ["fill", "copy", "init"] {
        for (len, extra) in [(0, 0), (63, 0), (64, 1), (128, 2), (144, 2)] {
            check_fuel(BULK_MEMORY, export, &[len], 0, 6 + extra);
        }
    }
    for (len, extra) in [(65_536, 1024), (131_072 - 100, 2046)] {
        check_fuel(BULK_MEMORY, "copy", &[len], 0, 6 + extra);
    }
}

#[test]
fn bulk_table_pays_per_8_elements() {
    for export in ["fill", "copy", "init"] {
        for (n, extra) in [(0, 0), (7, 0), (8, 1), (20, 2)] {
            check_fuel(BULK_TABLE, export, &[n], 0, 6 + extra);
        }
    }
    check_fuel(BULK_TABLE, "fill", &[200], 0, 6 + 25);
}

#[test]
fn bulk_charges_happen_before_the_operation() {
    // 65,536 bytes cost 1024 beyond the 6 operators: with only the operators paid for,
    // the host hears of it before the copy runs.
    let outcome = run(
        BULK_MEMORY,
        &ROOMY,
        6,
        Refill::Never,
        "copy",
        &i32s(&[65_536]),
    );
    assert_eq!(outcome.out_of_fuel_at, [-1024]);
}

// ---- stack depth and units ---------------------------------------------------------------

/// `rec(n)` nests n + 1 frames.
const RECURSION: &str = r#"(module
  (func $rec (export "rec") (param $n i32) (result i32)
    local.get $n
    if (result i32)
      local.get $n i32.const 1 i32.sub call $rec i32.const 1 i32.add
    else
      i32.const 0
    end))"#;

fn depth(stack_depth: u32) -> Config {
    Config {
        stack_depth,
        ..ROOMY
    }
}

#[test]
fn recursion_up_to_the_depth_limit_runs() {
    for limit in [1, 2, 10, 100] {
        let ok = run(
            RECURSION,
            &depth(limit),
            1 << 30,
            Refill::Never,
            "rec",
            &i32s(&[limit as i32 - 1]),
        );
        assert_eq!(ok.result, Ok(vec![i64::from(limit) - 1]), "limit {limit}");
        assert_eq!(ok.stack_exhausted, 0);
        let deep = run(
            RECURSION,
            &depth(limit),
            1 << 30,
            Refill::Never,
            "rec",
            &i32s(&[limit as i32]),
        );
        assert_eq!(deep.stack_exhausted, 1, "limit {limit}");
        assert!(matches!(&deep.result, Err(trap) if trap.contains("stack exhausted")));
    }
}

#[test]
fn the_start_function_leaves_no_frame_counted() {
    // With a depth limit of 3, `rec(2)` needs all three frames: the start function (which
    // used three frames itself) must not still count as one.
    let wat = RECURSION.replace(
        "(func $rec",
        "(func $start (drop (call $rec (i32.const 1)))) (start $start) (func $rec",
    );
    let outcome = run(&wat, &depth(3), 1 << 30, Refill::Never, "rec", &i32s(&[2]));
    assert_eq!((outcome.result, outcome.stack_exhausted), (Ok(vec![2]), 0));
    // The start function's own frames are checked as usual: it needs three.
    let outcome = run(&wat, &depth(2), 1 << 30, Refill::Never, "rec", &i32s(&[0]));
    assert_eq!(outcome.stack_exhausted, 1);
}

#[test]
fn calls_restore_the_counters() {
    // 1,000 calls in a row with a depth limit of 3: direct, through a table, and through
    // an import that re-enters the guest. Left unrestored, depth would reach 1,000.
    let wat = r#"(module
      (import "env" "reenter" (func $reenter))
      (type $v (func))
      (table 1 funcref)
      (elem (i32.const 0) $leaf)
      (func $leaf (export "leaf"))
      (func (export "direct") (result i32) (local $i i32)
        (loop $l
          call $leaf
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
        local.get $i)
      (func (export "indirect") (result i32) (local $i i32)
        (loop $l
          (call_indirect (type $v) (i32.const 0))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
        local.get $i)
      (func (export "import") (result i32) (local $i i32)
        (loop $l
          call $reenter
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
        local.get $i))"#;
    for export in ["direct", "indirect", "import"] {
        let outcome = run(wat, &depth(3), 1 << 30, Refill::Never, export, &[]);
        assert_eq!(outcome.result, Ok(vec![1000]), "{export}");
        assert_eq!(outcome.stack_exhausted, 0, "{export}");
    }
    // A guest frame called from the host counts: the import's call to `leaf` is the
    // second frame, so a limit of 1 stops it.
    let outcome = run(wat, &depth(1), 1 << 30, Refill::Never, "import", &[]);
    assert_eq!(outcome.stack_exhausted, 1);
}

/// frame_units(wide) = 4 + 1 param + 1000 locals + max height 2 + 1 const = 1008.
const WIDE: &str = r#"(module
  (func $wide (export "wide") (param $n i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (local i32) LOCALS
    local.get $n
    if
      local.get $n i32.const 1 i32.sub call $wide drop
    end
    local.get $n))"#;

fn wide() -> String {
    // 10 + 1 declared above, 989 more here: 1000 declared locals.
    WIDE.replace("LOCALS", &"(local f64) ".repeat(989))
}

fn units(stack_units: u64, fallback_units: Option<u64>) -> Config {
    Config {
        stack_units,
        fallback_units,
        ..ROOMY
    }
}

#[test]
fn units_limit_counts_wide_frames() {
    let wat = wide();
    // (stack_units, argument, frames exhausted?)
    let cases = [
        (1008, 0, false),
        (1007, 0, true),
        (5 * 1008, 4, false),
        (5 * 1008, 5, true),
        (5 * 1008 + 1007, 5, true),
    ];
    for (stack_units, arg, exhausted) in cases {
        let outcome = run(
            &wat,
            &units(stack_units, None),
            1 << 30,
            Refill::Never,
            "wide",
            &i32s(&[arg]),
        );
        assert_eq!(
            outcome.stack_exhausted,
            u32::from(exhausted),
            "{stack_units} units, wide({arg})"
        );
        assert_eq!(outcome.fallback, 0);
    }
}

#[test]
fn fallback_fires_before_the_limits() {
    let wat = wide();
    // (fallback_units, argument, fallback?, stack exhausted?)
    let cases = [
        (Some(2 * 1008), 1, false, false),
        (Some(2 * 1008), 2, true, false),
        (Some(2 * 1008), 9, true, false),
        // Not below the units limit: never checked.
        (Some(5 * 1008), 5, false, true),
        (Some(100 * 1008), 5, false, true),
        (None, 5, false, true),
    ];
    for (fallback_units, arg, fallback, exhausted) in cases {
        let config = units(5 * 1008, fallback_units);
        let outcome = run(&wat, &config, 1 << 30, Refill::Never, "wide", &i32s(&[arg]));
        assert_eq!(
            outcome.fallback,
            u32::from(fallback),
            "{fallback_units:?}, wide({arg})"
        );
        assert_eq!(
            outcome.stack_exhausted,
            u32::from(exhausted),
            "{fallback_units:?}, wide({arg})"
        );
    }
}

#[test]
fn tail_calls_do_not_accumulate_depth() {
    let wat = r#"(module
      (func $count (export "count") (param $n i32) (param $acc i32) (result i32)
        local.get $n
        i32.eqz
        if (result i32)
          local.get $acc
        else
          local.get $n i32.const 1 i32.sub
          local.get $acc i32.const 1 i32.add
          return_call $count
        end))"#;
    let mut config = depth(100);
    config.stack_units = 100 * 20;
    let outcome = run(
        wat,
        &config,
        1 << 40,
        Refill::Never,
        "count",
        &i32s(&[1_000_000, 0]),
    );
    assert_eq!(outcome.result, Ok(vec![1_000_000]));
    assert_eq!(outcome.stack_exhausted, 0);
}

// ---- memory and tables ---------------------------------------------------------------------

fn caps(memory_pages: u64, table_elements: u64) -> Config {
    Config {
        memory_pages,
        table_elements,
        ..ROOMY
    }
}

/// (memory declaration, grow request, result, refused flag) under a cap of 4 pages.
#[test]
fn memory_grow_past_the_cap_is_refused_and_flagged() {
    let cases = [
        ("(memory 1)", 3, 1, 0),
        ("(memory 1)", 4, -1, 1),
        ("(memory 1)", 65_535, -1, 1),
        ("(memory 1)", 65_536, -1, 0),
        ("(memory 1)", -1, -1, 0),
        ("(memory 1 2)", 1, 1, 0),
        ("(memory 1 2)", 2, -1, 0),
        ("(memory 1 8)", 5, -1, 1),
        ("(memory 1 8)", 8, -1, 0),
    ];
    for (memory, delta, result, refused) in cases {
        let wat = format!(
            r#"(module {memory} (func (export "grow") (param i32) (result i32)
                local.get 0 memory.grow))"#
        );
        let outcome = run(
            &wat,
            &caps(4, 100),
            1 << 30,
            Refill::Never,
            "grow",
            &i32s(&[delta]),
        );
        assert_eq!(outcome.result, Ok(vec![result]), "{memory} grow {delta}");
        assert_eq!(outcome.refused, refused, "{memory} grow {delta}");
    }
}

#[test]
fn table_grow_past_the_cap_is_refused_and_flagged() {
    let cases = [
        ("(table 1 funcref)", 3, 1, 0),
        ("(table 1 funcref)", 4, -1, 1),
        ("(table 1 funcref)", -2, -1, 1),
        ("(table 1 funcref)", -1, -1, 0),
        ("(table 1 2 funcref)", 2, -1, 0),
        ("(table 1 8 funcref)", 5, -1, 1),
    ];
    for (table, delta, result, refused) in cases {
        let wat = format!(
            r#"(module {table} (func (export "grow") (param i32) (result i32)
                ref.null func local.get 0 table.grow 0))"#
        );
        let outcome = run(
            &wat,
            &caps(100, 4),
            1 << 30,
            Refill::Never,
            "grow",
            &i32s(&[delta]),
        );
        assert_eq!(outcome.result, Ok(vec![result]), "{table} grow {delta}");
        assert_eq!(outcome.refused, refused, "{table} grow {delta}");
    }
}

#[test]
fn initial_size_over_the_cap_is_over_budget() {
    let cases = [
        ("(memory 4)", false),
        ("(memory 5)", true),
        ("(memory 5 10)", true),
        ("(table 4 funcref)", false),
        ("(table 5 funcref)", true),
        ("(memory 1) (table 2 funcref) (table 5 externref)", true),
    ];
    for (declarations, over_budget) in cases {
        let metered = meter(&format!("(module {declarations})"), &caps(4, 4));
        assert_eq!(metered.over_budget, over_budget, "{declarations}");
    }
}

// ---- index renumbering ------------------------------------------------------------------------

const INDICES: &str = r#"(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (type $r (func (result i32)))
  (memory (export "memory") 1)
  (global $slot i32 (i32.const 1))
  (global $base i32 (i32.const 16))
  (global $counter (mut i32) (i32.const 0))
  (table $t 4 funcref)
  (table $t2 2 funcref)
  (elem (table $t) (i32.const 1) func $a $b)
  (elem (table $t2) (i32.const 0) funcref (ref.func $b) (ref.null func))
  (elem declare func $c)
  (data (i32.const 16) "hi")
  (func $start (global.set $counter (i32.const 5)))
  (start $start)
  (func $a (type $r) i32.const 10)
  (func $b (type $r) i32.const 20)
  (func $c (export "c") (type $r) i32.const 30)
  (func (export "run") (result i32)
    global.get $counter
    (call_indirect $t (type $r) (global.get $slot)) i32.add
    (call_indirect $t (type $r) (i32.const 2)) i32.add
    (call_indirect $t2 (type $r) (i32.const 0)) i32.add
    (call $twice (i32.load8_u (global.get $base))) i32.add
    (table.set $t (i32.const 3) (ref.func $c))
    (call_indirect $t (type $r) (i32.const 3)) i32.add)
  (func (export "counter") (result i32) global.get $counter)
  (export "counter_global" (global $counter)))"#;

/// Wasm 2.0 allows `global.get` in constant expressions only of imported globals, which
/// accepted modules cannot have, so offsets here are constants; globals are renumbered in
/// code and in exports.
#[test]
fn indices_are_renumbered_consistently() {
    // 5 + 10 + 20 + 20 + 2 * 'h' + 30.
    for export in ["run", "c", "counter"] {
        let original = run_original(INDICES, export, &[]);
        assert_eq!(run_roomy(INDICES, export, &[]).result, original, "{export}");
    }
    assert_eq!(
        run_original(INDICES, "run", &[]),
        Ok(vec![5 + 10 + 20 + 20 + 208 + 30])
    );
}

#[test]
fn the_name_section_is_renumbered() {
    let metered = meter(INDICES, &ROOMY);
    let (mut functions, mut globals) = (Vec::new(), Vec::new());
    let pairs = |map: wasmparser::NameMap<'_>| -> Vec<(u32, String)> {
        map.into_iter()
            .map(|naming| {
                let naming = naming.unwrap();
                (naming.index, naming.name.to_owned())
            })
            .collect()
    };
    for payload in wasmparser::Parser::new(0).parse_all(&metered.wasm) {
        let wasmparser::Payload::CustomSection(section) = payload.unwrap() else {
            continue;
        };
        let wasmparser::KnownCustom::Name(names) = section.as_known() else {
            continue;
        };
        for name in names {
            match name.unwrap() {
                wasmparser::Name::Function(map) => functions = pairs(map),
                wasmparser::Name::Global(map) => globals = pairs(map),
                _ => {}
            }
        }
    }
    let named = |list: &[(u32, String)], index| {
        list.iter()
            .find(|(i, _)| *i == index)
            .map(|(_, n)| n.clone())
    };
    // $twice stays import 0; the meter's three imports follow; $start was 1, now 4.
    assert_eq!(named(&functions, 0).as_deref(), Some("twice"));
    assert_eq!(named(&functions, 4).as_deref(), Some("start"));
    assert_eq!(named(&functions, 7).as_deref(), Some("c"));
    assert_eq!(named(&globals, 1).as_deref(), Some("slot"));
    assert_eq!(named(&globals, 3).as_deref(), Some("counter"));
}

// ---- refusals -----------------------------------------------------------------------------------

#[track_caller]
fn check_refused(wat: &str, words: &str) {
    match instrument(&wasm(wat), &ROOMY) {
        Err(Error::Unsupported(message)) => {
            assert!(message.contains(words), "{message:?} lacks {words:?}");
            assert_eq!(message, message.to_lowercase(), "messages are lowercase");
        }
        other => panic!("{wat}: expected unsupported, got {other:?}"),
    }
}

#[test]
fn unsupported_modules_are_refused() {
    check_refused("(module (memory 1) (memory 1))", "single memory");
    check_refused("(module (memory i64 1))", "memory64");
    check_refused("(module (table i64 1 funcref))", "memory64");
    check_refused(
        r#"(module (import "env" "m" (memory 1)))"#,
        "import `env.m` is a memory",
    );
    check_refused(r#"(module (import "env" "g" (global i32)))"#, "is a global");
    check_refused(
        r#"(module (import "env" "t" (table 1 funcref)))"#,
        "is a table",
    );
    check_refused(
        r#"(module (import "replica_meter" "fuel" (func)))"#,
        "reserved",
    );
    check_refused(
        r#"(module (func (export "replica_meter:refused")))"#,
        "reserved",
    );
    check_refused("(module (memory 1 1 shared))", "threads");
    check_refused("(module (tag $e) (func (throw $e)))", "exceptions");
    check_refused("(module (type (struct)))", "wasm 2.0");
}

#[test]
fn invalid_modules_are_invalid() {
    let cases: [&[u8]; 4] = [
        b"",
        b"nope",
        b"\0asm\x01\0\0\0\x01",
        &wasm("(module (func (result i32)))"),
    ];
    for bytes in cases {
        assert!(
            matches!(instrument(bytes, &ROOMY), Err(Error::Invalid(_))),
            "{bytes:?}"
        );
    }
    // Invalid wins over unsupported.
    let both = wasm("(module (memory 1) (memory 1) (func (result i32)))");
    assert!(matches!(instrument(&both, &ROOMY), Err(Error::Invalid(_))));
    let message = instrument(b"nope", &ROOMY).unwrap_err().to_string();
    assert!(message.starts_with("invalid module: "), "{message}");
}

// ---- behaviour is preserved ----------------------------------------------------------------------

#[test]
fn instrumented_programs_compute_what_the_originals_do() {
    let programs: [(&str, &str, &[&[i32]]); 6] = [
        (
            r#"(module (func $fib (export "fib") (param i32) (result i32)
                (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
                  (then (local.get 0))
                  (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                                 (call $fib (i32.sub (local.get 0) (i32.const 2))))))))"#,
            "fib",
            &[&[0], &[1], &[10], &[20]],
        ),
        (COUNTED_LOOP, "run", &[&[1], &[77], &[5000]]),
        (BR_TABLE, "run", &[&[0], &[1], &[2], &[-1]]),
        (IF_ELSE, "run", &[&[0], &[1]]),
        (
            // Fills, copies and sums memory; grows it too.
            r#"(module (memory 1)
              (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
                (memory.fill (i32.const 0) (i32.const 3) (local.get $n))
                (memory.copy (i32.const 1000) (i32.const 0) (local.get $n))
                (drop (memory.grow (i32.const 1)))
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                  (local.set $s (i32.add (local.get $s) (i32.load8_u offset=1000 (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (i32.add (local.get $s) (memory.size))))"#,
            "sum",
            &[&[0], &[10], &[999]],
        ),
        (
            // Multi-value blocks, select and a tail-recursive factorial in i64.
            r#"(module
              (func $fact (param $n i64) (param $acc i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n))
                  (then (local.get $acc))
                  (else (return_call $fact (i64.sub (local.get $n) (i64.const 1))
                                           (i64.mul (local.get $n) (local.get $acc))))))
              (func (export "mix") (param $x i32) (result i64)
                (block (result i32 i32) (local.get $x) (i32.const 3))
                i32.add
                (select (i32.const 1) (i32.const 2) (local.get $x))
                i32.add
                i64.extend_i32_u
                (call $fact (i64.const 1))))"#,
            "mix",
            &[&[0], &[1], &[5]],
        ),
    ];
    for (wat, export, inputs) in programs {
        for args in inputs {
            let original = run_original(wat, export, &i32s(args));
            let metered = run_roomy(wat, export, &i32s(args));
            assert_eq!(metered.result, original, "{export}{args:?}");
        }
    }
}

/// Every hostile test module that validates instruments to a valid module, and the ones
/// refused are refused for what they use.
#[test]
fn hostile_modules_instrument() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/hostile");
    let mut instrumented = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let bytes = match path.extension().and_then(|e| e.to_str()) {
            Some("wat") => match wat::parse_file(&path) {
                Ok(bytes) => bytes,
                Err(_) => continue,
            },
            Some("wasm") => std::fs::read(&path).unwrap(),
            _ => continue,
        };
        let valid = wasmparser::validate(&bytes).is_ok();
        match instrument(&bytes, &ROOMY) {
            Ok(metered) => {
                assert!(valid, "{path:?} is invalid but instrumented");
                wasmparser::validate(&metered.wasm)
                    .unwrap_or_else(|e| panic!("{path:?}: output invalid: {e}"));
                instrumented += 1;
            }
            Err(Error::Invalid(_)) => assert!(!valid, "{path:?} is valid but called invalid"),
            Err(Error::Unsupported(message)) => {
                assert!(valid, "{path:?}");
                assert!(message.contains("import"), "{path:?}: {message}");
            }
        }
    }
    assert!(
        instrumented >= 30,
        "only {instrumented} hostile modules instrumented"
    );
}

#[test]
fn the_run_of_a_sliced_host_equals_a_direct_run_of_the_same_wasm() {
    // The harness's own check: run_wasm on an already-instrumented module.
    let metered = meter(COUNTED_LOOP, &ROOMY);
    let a = run_wasm(&metered.wasm, 1 << 30, Refill::Never, "run", &i32s(&[3]));
    assert_eq!(a.fuel_used, 28);
}

/// A real toolchain module: `fixtures/hello-wasip1.rs` built with
/// `rustc --target wasm32-wasip1 -C opt-level=z -C lto -C codegen-units=1 -C strip=symbols
/// -C panic=abort` (rustc 1.95). Its std runtime brings `memcpy`, formatting through
/// `call_indirect`, bulk memory and hundreds of functions.
#[test]
fn a_rust_wasip1_program_runs_the_same_metered() {
    let bytes = include_bytes!("fixtures/hello-wasip1.wasm");
    let metered = instrument(bytes, &ROOMY).expect("rustc's output instruments");
    assert!(!metered.over_budget);
    wasmparser::validate(&metered.wasm).expect("instrumented module validates");
    let (result, stdout) = run_original_wasm(bytes, "_start", &[]);
    assert_eq!((result, stdout.as_slice()), (Ok(vec![]), &b"hello 1\n"[..]));

    let whole = run_wasm(&metered.wasm, 1 << 40, Refill::Never, "_start", &[]);
    assert_eq!(whole.result, Ok(vec![]));
    assert_eq!(whole.stdout, b"hello 1\n");
    assert!(whole.fuel_used > 1000, "{}", whole.fuel_used);
    for size in [1, 999] {
        let budget = whole.fuel_used * 2;
        let sliced = run_wasm(
            &metered.wasm,
            size,
            Refill::Slices { size, budget },
            "_start",
            &[],
        );
        assert_eq!(
            (sliced.result.clone(), sliced.fuel_used),
            (whole.result.clone(), whole.fuel_used)
        );
        assert_eq!(sliced.stdout, whole.stdout);
    }
    // Short of fuel, it stops at the same point however it is sliced.
    let budget = whole.fuel_used / 2 / 7 * 7;
    let short = run_wasm(&metered.wasm, budget, Refill::Never, "_start", &[]);
    assert!(short.result.is_err());
    assert!(short.fuel_used > budget);
    let sliced = run_wasm(
        &metered.wasm,
        7,
        Refill::Slices { size: 7, budget },
        "_start",
        &[],
    );
    assert_eq!(
        (sliced.result, sliced.fuel_used, sliced.stdout),
        (short.result, short.fuel_used, short.stdout)
    );
}

// ---- exported fuel ---------------------------------------------------------------------

/// A start section that loops and a function that loops: both pay fuel.
const START_AND_WORK: &str = r#"(module
  (global $g (mut i32) (i32.const 0))
  (func $start
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 10)))))
  (start $start)
  (func (export "work") (param $n i32) (result i32)
    (loop $l
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (br_if $l (i32.lt_u (global.get $g) (local.get $n))))
    (global.get $g)))"#;

/// Runs `work(n)` on a module metered with `export_fuel`: the counter starts at 0, so the
/// start section calls `out_of_fuel`, which grants everything; after instantiation the
/// host adds what is left. Returns the result, the fuel used and the `out_of_fuel` calls.
fn run_exported(wat: &str, fuel: i64, n: i32) -> (i32, i64, u32) {
    use replica_meter::{FALLBACK, FUEL, FUEL_EXPORT, IMPORT_MODULE, OUT_OF_FUEL, STACK_EXHAUSTED};
    use wasmi::{Caller, Engine, Extern, Linker, Module, Store};
    struct Host {
        reserve: i64,
        calls: u32,
    }
    let config = Config {
        export_fuel: true,
        ..ROOMY
    };
    let metered = meter(wat, &config);
    let engine = Engine::new(&wasmi::Config::default());
    let module = Module::new(&engine, &metered.wasm).unwrap();
    assert!(
        module
            .imports()
            .all(|import| !(import.module() == IMPORT_MODULE && import.name() == FUEL)),
        "the counter is not imported"
    );
    let mut store = Store::new(
        &engine,
        Host {
            reserve: fuel,
            calls: 0,
        },
    );
    let mut linker = Linker::<Host>::new(&engine);
    linker
        .func_wrap(
            IMPORT_MODULE,
            OUT_OF_FUEL,
            |mut caller: Caller<'_, Host>| -> Result<(), wasmi::Error> {
                let Some(Extern::Global(global)) = caller.get_export(FUEL_EXPORT) else {
                    panic!("{FUEL_EXPORT} is exported");
                };
                let Val::I64(left) = global.get(&caller) else {
                    panic!("the counter is an i64");
                };
                let reserve = std::mem::take(&mut caller.data_mut().reserve);
                caller.data_mut().calls += 1;
                if left + reserve < 0 {
                    return Err(wasmi::Error::new("out of fuel"));
                }
                global.set(&mut caller, Val::I64(left + reserve)).unwrap();
                Ok(())
            },
        )
        .unwrap();
    for name in [STACK_EXHAUSTED, FALLBACK] {
        linker
            .func_wrap(IMPORT_MODULE, name, || -> Result<(), wasmi::Error> {
                Err(wasmi::Error::new("stack"))
            })
            .unwrap();
    }
    let instance = linker.instantiate_and_start(&mut store, &module).unwrap();
    let global = instance.get_global(&store, FUEL_EXPORT).unwrap();
    let Val::I64(left) = global.get(&store) else {
        panic!("the counter is an i64");
    };
    let reserve = std::mem::take(&mut store.data_mut().reserve);
    global.set(&mut store, Val::I64(left + reserve)).unwrap();
    let work = instance.get_typed_func::<i32, i32>(&store, "work").unwrap();
    let result = work.call(&mut store, n).unwrap();
    let Val::I64(left) = global.get(&store) else {
        panic!("the counter is an i64");
    };
    (result, fuel - left, store.data().calls)
}

#[test]
fn exported_fuel_costs_what_imported_fuel_does() {
    for n in [1, 5, 100] {
        let imported = run(
            START_AND_WORK,
            &ROOMY,
            1 << 40,
            Refill::Never,
            "work",
            &i32s(&[n]),
        );
        let (result, fuel_used, calls) = run_exported(START_AND_WORK, 1 << 40, n);
        assert_eq!(imported.result, Ok(vec![i64::from(result)]), "work({n})");
        assert_eq!(fuel_used, imported.fuel_used, "work({n})");
        // The start section's first segment found the counter at 0.
        assert_eq!(calls, 1, "work({n})");
    }
}

#[test]
fn the_fuel_export_name_is_reserved_with_export_fuel() {
    let wat = r#"(module (global (export "replica_meter:fuel") i32 (i32.const 0)))"#;
    let config = Config {
        export_fuel: true,
        ..ROOMY
    };
    assert!(matches!(
        instrument(&wasm(wat), &config),
        Err(Error::Unsupported(_))
    ));
    assert!(instrument(&wasm(wat), &ROOMY).is_ok());
}
