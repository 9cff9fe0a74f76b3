//! The candidate's fuel limit on each case follows from the reference's fuel there
//! (`replica_judge::limits`): candidates a few times slower than the reference pass,
//! far slower or looping ones are TLE at exactly their case's limit, the task's
//! budget caps every limit, and a language runtime's allowance raises them.
//!
//! Refresh the snapshots with `UPDATE_EXPECT=1 cargo test -p replica-judge --test limits`.

use std::fmt::Write as _;
use std::sync::Arc;

use expect_test::{Expect, expect};
use replica_judge::sandbox::Engine;
use replica_judge::{
    Candidate, FuelLimit, FuelPolicy, GradeOptions, Invocation, Prepared, Report, Runtime,
    RuntimeAllowance, TaskBundle, Verdict, grade, grade_candidate, grade_candidate_sliced, limits,
    prepare,
};

/// A command that reads stdin, spins `times` × `per_byte` loop iterations per byte
/// read after `fixed` iterations first, then prints `ok`. `per_byte` of `None` loops
/// forever instead.
fn spinner(fixed: u64, per_byte: Option<u64>) -> Vec<u8> {
    let work = match per_byte {
        Some(per_byte) => format!(
            "(call $spin (i64.mul (i64.extend_i32_u (local.get $len)) (i64.const {per_byte})))"
        ),
        None => "(loop $forever (br $forever))".to_owned(),
    };
    wat::parse_str(format!(
        r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 16) "ok\n")
  (func $spin (param $n i64) (local $i i64)
    (block $done
      (loop $again
        (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $again))))
  (func (export "_start") (local $len i32)
    (call $spin (i64.const {fixed}))
    (loop $more
      (i32.store (i32.const 0) (i32.const 1024))
      (i32.store (i32.const 4) (i32.const 65536))
      (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $len (i32.add (local.get $len) (i32.load (i32.const 8))))
      (br_if $more (i32.load (i32.const 8))))
    {work}
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#
    ))
    .expect("the spinner assembles")
}

/// Iterations per byte of stdin the reference spins.
const PER_BYTE: u64 = 100;

/// Cases from no work to past the ceiling: the reference spins 100 iterations (900 fuel)
/// per byte of stdin.
const CASES: [(&str, usize); 4] = [
    ("empty", 0),
    ("small", 100),
    ("large", 2_000),
    ("huge", 20_000),
];

fn task(cases: &[(&str, usize)]) -> String {
    let mut toml = String::from(
        r#"
id = "spin"
title = "spin"
summary = "Spins in proportion to its input, then prints ok."
minutes = 1
program = "spin"
compare = ["stdout", "exit_code"]
hidden = 0

[budget]
fuel = 100_000_000
"#,
    );
    for &(name, bytes) in cases {
        write!(
            toml,
            "\n[[case]]\nname = \"{name}\"\nstdin = \"{}\"\n",
            "x".repeat(bytes)
        )
        .unwrap();
    }
    toml
}

fn prepared(engine: Engine) -> Prepared {
    prepared_with(&CASES, engine)
}

fn prepared_with(cases: &[(&str, usize)], engine: Engine) -> Prepared {
    let bundle = TaskBundle::new(
        &task(cases),
        "spin/task.toml",
        String::new(),
        spinner(0, Some(PER_BYTE)),
        Vec::new(),
    )
    .expect("the task parses");
    let options = GradeOptions {
        seed: 1,
        hidden: None,
        engine,
    };
    prepare(&bundle, options, &mut |_| {}).expect("the reference spins and exits")
}

/// One line per case: name, verdict, reference fuel, candidate fuel, limit; and checks
/// that each limit is what the header's policy gives and a TLE used exactly its limit.
fn summary(report: &Report) -> String {
    let policy = report
        .fuel_limit
        .expect("every new report states its policy");
    let mut out = format!(
        "k {} floor {} ceiling {} start-up {} factor {}\n",
        policy.k, policy.floor, policy.ceiling, policy.startup_fuel, policy.factor
    );
    for case in &report.cases {
        let limit = case.fuel.limit.expect("every case states its limit");
        assert_eq!(limit, policy.limit(case.fuel.reference), "{}", case.name);
        if case.verdict == Verdict::TLE {
            assert_eq!(case.fuel.candidate, Some(limit), "{}", case.name);
        } else {
            assert!(case.fuel.candidate <= Some(limit), "{}", case.name);
        }
        writeln!(
            out,
            "{:<5} {:<3} reference {:>10} candidate {:>10} limit {:>10}",
            case.name,
            case.verdict.as_str(),
            case.fuel.reference,
            case.fuel.candidate.map_or("-".into(), |f| f.to_string()),
            limit
        )
        .unwrap();
    }
    out
}

fn check(candidate: Candidate<'_>, expect: Expect) {
    let report = grade_candidate(&prepared(Engine::default()), candidate, &mut |_| {});
    expect.assert_eq(&summary(&report));
}

#[test]
fn the_reference_itself_passes_with_room() {
    check(
        Candidate::wasm(&spinner(0, Some(PER_BYTE))),
        expect![[r#"
            k 20 floor 10000000 ceiling 100000000 start-up 0 factor 1
            empty AC  reference         56 candidate         56 limit   10001120
            small AC  reference      90077 candidate      90077 limit   11801540
            large AC  reference    1800107 candidate    1800107 limit   46002140
            huge  AC  reference   18000388 candidate   18000388 limit  100000000
        "#]],
    );
}

#[test]
fn five_times_slower_passes_and_fifty_times_slower_is_tle_where_k_binds() {
    check(
        Candidate::wasm(&spinner(0, Some(5 * PER_BYTE))),
        expect![[r#"
            k 20 floor 10000000 ceiling 100000000 start-up 0 factor 1
            empty AC  reference         56 candidate         56 limit   10001120
            small AC  reference      90077 candidate     450077 limit   11801540
            large AC  reference    1800107 candidate    9000107 limit   46002140
            huge  AC  reference   18000388 candidate   90000388 limit  100000000
        "#]],
    );
    // The floor covers the small cases; past it, fifty times the reference is too slow.
    check(
        Candidate::wasm(&spinner(0, Some(50 * PER_BYTE))),
        expect![[r#"
            k 20 floor 10000000 ceiling 100000000 start-up 0 factor 1
            empty AC  reference         56 candidate         56 limit   10001120
            small AC  reference      90077 candidate    4500077 limit   11801540
            large TLE reference    1800107 candidate   46002140 limit   46002140
            huge  TLE reference   18000388 candidate  100000000 limit  100000000
        "#]],
    );
}

#[test]
fn an_endless_loop_stops_at_each_cases_limit_not_the_budget() {
    check(
        Candidate::wasm(&spinner(0, None)),
        expect![[r#"
            k 20 floor 10000000 ceiling 100000000 start-up 0 factor 1
            empty TLE reference         56 candidate   10001120 limit   10001120
            small TLE reference      90077 candidate   11801540 limit   11801540
            large TLE reference    1800107 candidate   46002140 limit   46002140
            huge  TLE reference   18000388 candidate  100000000 limit  100000000
        "#]],
    );
}

#[test]
fn a_runtime_allowance_raises_every_limit() {
    // A "runtime" that spends about 34 million fuel starting, then runs fifty times slower
    // than the reference: TLE everywhere without an allowance.
    let slow_runtime = spinner(3_750_000, Some(50 * PER_BYTE));
    check(
        Candidate::wasm(&slow_runtime),
        expect![[r#"
            k 20 floor 10000000 ceiling 100000000 start-up 0 factor 1
            empty TLE reference         56 candidate   10001120 limit   10001120
            small TLE reference      90077 candidate   11801540 limit   11801540
            large TLE reference    1800107 candidate   46002140 limit   46002140
            huge  TLE reference   18000388 candidate  100000000 limit  100000000
        "#]],
    );
    // Its start-up paid for and k tripled: it passes wherever 60 × the reference is
    // under the ceiling, tripled as well.
    // (A runtime without a check of its program gets its measured start-up.)
    let runtime = Runtime::new(
        "toy",
        "slow-runtime",
        "1.0",
        Arc::new(slow_runtime.clone()),
        Invocation::default(),
        None,
        40_000_000,
        3,
    );
    check(
        Candidate::Source {
            runtime: &runtime,
            source: b"",
        },
        expect![[r#"
            k 20 floor 10000000 ceiling 100000000 start-up 40000000 factor 3
            empty AC  reference         56 candidate   33750056 limit   50003360
            small AC  reference      90077 candidate   38250077 limit   55404620
            large AC  reference    1800107 candidate  123750107 limit  158006420
            huge  TLE reference   18000388 candidate  340000000 limit  340000000
        "#]],
    );
}

/// The limit is the same on every engine and whether or not the runs go in slices, so
/// a report in the browser (sliced, its own engine) equals the CLI's.
#[test]
fn limits_are_the_same_on_every_engine_and_slice_size() {
    let candidates = [
        spinner(0, Some(5 * PER_BYTE)),
        spinner(0, Some(50 * PER_BYTE)),
        spinner(0, None),
    ];
    let mut reports = Vec::new();
    for &engine in Engine::ALL {
        // Without the huge case: sliced runs go to wasmi, which is slower.
        let prepared = prepared_with(&CASES[..3], engine);
        for candidate in &candidates {
            let whole = grade(&prepared, candidate, &mut |_| {});
            let sliced = grade_candidate_sliced(
                &prepared,
                Candidate::wasm(candidate),
                3_000_000,
                &mut |_| std::ops::ControlFlow::Continue(()),
            )
            .expect("nothing cancels");
            assert_eq!(whole, sliced, "{}", engine.name());
            reports.push(serde_json::to_string(&whole).unwrap());
        }
    }
    let per_engine = candidates.len();
    for (i, report) in reports.iter().enumerate() {
        assert_eq!(
            report,
            &reports[i % per_engine],
            "engine {}",
            i / per_engine
        );
    }
}

#[test]
fn the_policy_is_the_documented_one() {
    let prepared = prepared(Engine::default());
    assert_eq!(
        prepared.fuel_policy(),
        FuelPolicy {
            k: limits::K,
            floor: limits::FLOOR,
            ceiling: 100_000_000
        }
    );
    let report = grade(&prepared, &spinner(0, Some(PER_BYTE)), &mut |_| {});
    assert_eq!(
        report.fuel_limit,
        Some(FuelLimit::new(
            prepared.fuel_policy(),
            RuntimeAllowance::NONE
        ))
    );
    // A compile error still says what each case's limit would have been.
    let report = grade(&prepared, b"not wasm", &mut |_| {});
    assert!(report.compile_error.is_some());
    for (case, prepared_case) in report.cases.iter().zip(&prepared.cases) {
        assert_eq!(case.fuel.candidate, None);
        assert_eq!(
            case.fuel.limit,
            Some(limits::candidate_fuel(
                &prepared.fuel_policy(),
                &RuntimeAllowance::NONE,
                prepared_case.expected.fuel_used
            ))
        );
    }
}
