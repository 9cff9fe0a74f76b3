//! NaN canonicalisation (`Config::canonicalize_nans`), observed by running instrumented
//! modules in wasmi and by reading the instrumented code.
//!
//! The wasmi these tests run on is built `deterministic`, so it canonicalises NaNs by
//! itself: running an instrumented module there shows that the rewrite keeps every
//! result right, but not that the inserted code canonicalises. That is shown on its own
//! below: the code is read back and checked after every operator that needs it, and an
//! instrumented module whose `ceil` is patched into a (non-canonicalising) `neg` shows
//! the inserted code replacing a NaN wasmi passed through untouched.

mod harness;

use harness::{ROOMY, Refill, meter, run, run_wasm};
use replica_meter::Config;
use wasmi::Val;

const CANON_F32: u32 = 0x7fc0_0000;
const CANON_F64: u64 = 0x7ff8_0000_0000_0000;

fn nans() -> Config {
    Config {
        canonicalize_nans: true,
        ..ROOMY
    }
}

/// The operators that must be canonicalised, as (name, params, result) over the bits:
/// each becomes an export `name` that reinterprets its integer arguments, applies the
/// operator and reinterprets the result back.
const CANONICALISED: [(&str, &str, &str); 26] = [
    ("f32.add", "f32 f32", "f32"),
    ("f32.sub", "f32 f32", "f32"),
    ("f32.mul", "f32 f32", "f32"),
    ("f32.div", "f32 f32", "f32"),
    ("f32.min", "f32 f32", "f32"),
    ("f32.max", "f32 f32", "f32"),
    ("f32.sqrt", "f32", "f32"),
    ("f32.ceil", "f32", "f32"),
    ("f32.floor", "f32", "f32"),
    ("f32.trunc", "f32", "f32"),
    ("f32.nearest", "f32", "f32"),
    ("f32.demote_f64", "f64", "f32"),
    ("f64.add", "f64 f64", "f64"),
    ("f64.sub", "f64 f64", "f64"),
    ("f64.mul", "f64 f64", "f64"),
    ("f64.div", "f64 f64", "f64"),
    ("f64.min", "f64 f64", "f64"),
    ("f64.max", "f64 f64", "f64"),
    ("f64.sqrt", "f64", "f64"),
    ("f64.ceil", "f64", "f64"),
    ("f64.floor", "f64", "f64"),
    ("f64.trunc", "f64", "f64"),
    ("f64.nearest", "f64", "f64"),
    ("f64.promote_f32", "f32", "f64"),
    // Two in one body, of both types: each gets its own sequence.
    ("f32.add f32.sqrt", "f32 f32", "f32"),
    ("f64.mul f64.neg f64.floor", "f64 f64", "f64"),
];

/// Operators that move NaN bits unchanged and must be left alone.
const PRESERVING: [(&str, &str, &str); 8] = [
    ("f32.neg", "f32", "f32"),
    ("f32.abs", "f32", "f32"),
    ("f32.copysign", "f32 f32", "f32"),
    ("f64.neg", "f64", "f64"),
    ("f64.abs", "f64", "f64"),
    ("f64.copysign", "f64 f64", "f64"),
    ("select", "f32 f32", "f32"),
    ("f32.store", "f32", "f32"),
];

/// One export per operator sequence: integer bits in, the operators, integer bits out.
/// `select` picks its first operand; `f32.store` stores at 0 and loads back.
fn module() -> String {
    let mut wat = String::from("(module (memory 1)\n");
    for (ops, params, result) in CANONICALISED.iter().chain(&PRESERVING) {
        let params: Vec<&str> = params.split(' ').collect();
        let int = |ty: &str| if ty == "f32" { "i32" } else { "i64" };
        let int_params: Vec<&str> = params.iter().map(|&ty| int(ty)).collect();
        let mut body = String::new();
        if *ops == "f32.store" {
            body.push_str("i32.const 0 ");
        }
        for (i, ty) in params.iter().enumerate() {
            body.push_str(&format!("local.get {i} {ty}.reinterpret_{} ", int(ty)));
        }
        match *ops {
            "select" => body.push_str("i32.const 1 select "),
            "f32.store" => body.push_str("f32.store i32.const 0 f32.load "),
            ops => body.push_str(&format!("{ops} ")),
        }
        body.push_str(&format!("{}.reinterpret_{result} ", int(result)));
        wat.push_str(&format!(
            "  (func (export \"{ops}\") (param {}) (result {}) {body})\n",
            int_params.join(" "),
            int(result),
        ));
    }
    wat.push(')');
    wat
}

/// An argument: f32 bits as `Val::I32`, f64 bits as `Val::I64`.
#[derive(Debug, Clone, Copy)]
enum Bits {
    S(u32),
    D(u64),
}

use Bits::{D, S};

fn val(bits: Bits) -> Val {
    match bits {
        S(x) => Val::I32(x as i32),
        D(x) => Val::I64(x as i64),
    }
}

fn as_i64(bits: Bits) -> i64 {
    match bits {
        S(x) => i64::from(x as i32),
        D(x) => x as i64,
    }
}

const INF32: u32 = 0x7f80_0000;
const ONE32: u32 = 0x3f80_0000;
const INF64: u64 = 0x7ff0_0000_0000_0000;
const ONE64: u64 = 0x3ff0_0000_0000_0000;
/// Quiet NaNs with a payload, positive and negative, and a signalling one.
const PAYLOAD32: u32 = 0x7fa0_0000;
const NEG_PAYLOAD32: u32 = 0xffa0_0001;
const SIGNALLING32: u32 = 0x7f80_0001;
const PAYLOAD64: u64 = 0x7ff4_0000_0000_0000;
const NEG_PAYLOAD64: u64 = 0xfff4_0000_0000_0001;

fn s(x: f32) -> Bits {
    S(x.to_bits())
}

fn d(x: f64) -> Bits {
    D(x.to_bits())
}

/// (export, arguments, expected bits with canonicalisation).
fn cases() -> Vec<(&'static str, Vec<Bits>, Bits)> {
    vec![
        // NaNs made from numbers.
        ("f32.sub", vec![S(INF32), S(INF32)], S(CANON_F32)),
        ("f32.add", vec![S(INF32), S(0xff80_0000)], S(CANON_F32)),
        ("f32.mul", vec![S(INF32), s(0.0)], S(CANON_F32)),
        ("f32.div", vec![s(0.0), s(0.0)], S(CANON_F32)),
        ("f64.div", vec![d(0.0), d(0.0)], D(CANON_F64)),
        ("f64.sub", vec![D(INF64), D(INF64)], D(CANON_F64)),
        ("f32.sqrt", vec![s(-1.0)], S(CANON_F32)),
        ("f64.sqrt", vec![d(-1.0)], D(CANON_F64)),
        // NaNs with payloads in.
        ("f32.add", vec![S(PAYLOAD32), S(ONE32)], S(CANON_F32)),
        ("f32.add", vec![S(NEG_PAYLOAD32), S(ONE32)], S(CANON_F32)),
        ("f32.mul", vec![S(SIGNALLING32), S(ONE32)], S(CANON_F32)),
        ("f64.add", vec![D(NEG_PAYLOAD64), D(ONE64)], D(CANON_F64)),
        ("f32.min", vec![S(PAYLOAD32), S(ONE32)], S(CANON_F32)),
        ("f32.max", vec![S(ONE32), S(NEG_PAYLOAD32)], S(CANON_F32)),
        ("f64.min", vec![D(ONE64), D(NEG_PAYLOAD64)], D(CANON_F64)),
        ("f64.max", vec![D(PAYLOAD64), D(ONE64)], D(CANON_F64)),
        ("f32.ceil", vec![S(NEG_PAYLOAD32)], S(CANON_F32)),
        ("f32.floor", vec![S(PAYLOAD32)], S(CANON_F32)),
        ("f32.trunc", vec![S(SIGNALLING32)], S(CANON_F32)),
        ("f32.nearest", vec![S(NEG_PAYLOAD32)], S(CANON_F32)),
        ("f64.ceil", vec![D(NEG_PAYLOAD64)], D(CANON_F64)),
        ("f64.floor", vec![D(PAYLOAD64)], D(CANON_F64)),
        ("f64.trunc", vec![D(NEG_PAYLOAD64)], D(CANON_F64)),
        ("f64.nearest", vec![D(PAYLOAD64)], D(CANON_F64)),
        ("f64.promote_f32", vec![S(NEG_PAYLOAD32)], D(CANON_F64)),
        ("f64.promote_f32", vec![S(SIGNALLING32)], D(CANON_F64)),
        ("f32.demote_f64", vec![D(NEG_PAYLOAD64)], S(CANON_F32)),
        ("f32.demote_f64", vec![D(PAYLOAD64)], S(CANON_F32)),
        (
            "f32.add f32.sqrt",
            vec![S(NEG_PAYLOAD32), S(ONE32)],
            S(CANON_F32),
        ),
        ("f32.add f32.sqrt", vec![s(-2.0), s(1.0)], S(CANON_F32)),
        (
            "f64.mul f64.neg f64.floor",
            vec![D(INF64), d(0.0)],
            D(CANON_F64),
        ),
        // Numbers stay exactly what they were, signed zeros and infinities included.
        ("f32.add", vec![s(1.5), s(2.25)], s(3.75)),
        ("f32.sub", vec![S(INF32), S(ONE32)], S(INF32)),
        ("f32.div", vec![s(-1.0), s(0.0)], s(f32::NEG_INFINITY)),
        ("f32.min", vec![s(0.0), s(-0.0)], s(-0.0)),
        ("f32.max", vec![s(-0.0), s(0.0)], s(0.0)),
        ("f32.sqrt", vec![s(-0.0)], s(-0.0)),
        ("f32.ceil", vec![s(-0.5)], s(-0.0)),
        ("f32.nearest", vec![s(2.5)], s(2.0)),
        ("f32.demote_f64", vec![d(1e300)], S(INF32)),
        ("f32.demote_f64", vec![d(0.1)], s(0.1)),
        ("f64.mul", vec![d(-3.0), d(0.5)], d(-1.5)),
        ("f64.min", vec![d(-0.0), d(0.0)], d(-0.0)),
        ("f64.trunc", vec![d(-1.5)], d(-1.0)),
        ("f64.promote_f32", vec![s(1.5)], d(1.5)),
        (
            "f64.promote_f32",
            vec![S(0x0000_0001)],
            d(f64::from(f32::from_bits(1))),
        ),
        ("f64.mul f64.neg f64.floor", vec![d(2.5), d(1.0)], d(-3.0)),
        // Bit operations keep payloads and signs, canonicalisation or not.
        ("f32.neg", vec![S(PAYLOAD32)], S(PAYLOAD32 | 0x8000_0000)),
        (
            "f32.abs",
            vec![S(NEG_PAYLOAD32)],
            S(NEG_PAYLOAD32 & 0x7fff_ffff),
        ),
        (
            "f32.copysign",
            vec![S(PAYLOAD32), s(-1.0)],
            S(PAYLOAD32 | 0x8000_0000),
        ),
        (
            "f32.neg",
            vec![S(SIGNALLING32)],
            S(SIGNALLING32 | 0x8000_0000),
        ),
        (
            "f64.neg",
            vec![D(NEG_PAYLOAD64)],
            D(NEG_PAYLOAD64 & !(1 << 63)),
        ),
        (
            "f64.abs",
            vec![D(NEG_PAYLOAD64)],
            D(NEG_PAYLOAD64 & !(1 << 63)),
        ),
        (
            "f64.copysign",
            vec![D(PAYLOAD64), d(-0.0)],
            D(PAYLOAD64 | 1 << 63),
        ),
        ("select", vec![S(NEG_PAYLOAD32), S(ONE32)], S(NEG_PAYLOAD32)),
        ("f32.store", vec![S(NEG_PAYLOAD32)], S(NEG_PAYLOAD32)),
    ]
}

#[test]
fn nan_results_become_canonical_and_everything_else_stays() {
    let wat = module();
    for config in [nans(), ROOMY] {
        let wasm = meter(&wat, &config).wasm;
        for (export, args, expected) in cases() {
            let args: Vec<Val> = args.iter().copied().map(val).collect();
            let outcome = run_wasm(&wasm, 1 << 30, Refill::Never, export, &args);
            assert_eq!(
                outcome.result,
                Ok(vec![as_i64(expected)]),
                "{export}{args:?}, canonicalize_nans: {}",
                config.canonicalize_nans
            );
        }
    }
}

/// One function body: its declared locals and its operators.
type Code<'a> = (
    Vec<(u32, wasmparser::ValType)>,
    Vec<wasmparser::Operator<'a>>,
);

/// Each function body of `wasm`'s code section.
fn bodies(wasm: &[u8]) -> Vec<Code<'_>> {
    let mut bodies = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload.unwrap() {
            let locals = body
                .get_locals_reader()
                .unwrap()
                .into_iter()
                .map(Result::unwrap)
                .collect();
            let ops = body
                .get_operators_reader()
                .unwrap()
                .into_iter()
                .map(Result::unwrap)
                .collect();
            bodies.push((locals, ops));
        }
    }
    bodies
}

/// Whether `ops[i]` is an operator the rewrite must canonicalise after, by its name.
fn needs_canonicalising(op: &wasmparser::Operator<'_>) -> Option<wasmparser::ValType> {
    let name = format!("{op:?}");
    let arithmetic = [
        "Add", "Sub", "Mul", "Div", "Min", "Max", "Sqrt", "Ceil", "Floor", "Trunc", "Nearest",
    ];
    for (prefix, ty) in [
        ("F32", wasmparser::ValType::F32),
        ("F64", wasmparser::ValType::F64),
    ] {
        if let Some(rest) = name.strip_prefix(prefix)
            && arithmetic.contains(&rest)
        {
            return Some(ty);
        }
    }
    match name.as_str() {
        "F32DemoteF64" => Some(wasmparser::ValType::F32),
        "F64PromoteF32" => Some(wasmparser::ValType::F64),
        _ => None,
    }
}

#[test]
fn the_sequence_follows_exactly_the_operators_that_need_it() {
    use wasmparser::{Operator as O, ValType as T};
    let wasm = wat::parse_str(module()).unwrap();
    let original = bodies(&wasm);
    let off = meter(&module(), &ROOMY).wasm;
    let on = meter(&module(), &nans()).wasm;
    let (off, on) = (bodies(&off), bodies(&on));
    assert_eq!((off.len(), on.len()), (original.len(), original.len()));
    let mut sequences = 0;
    for ((original, off), on) in original.iter().zip(&off).zip(&on) {
        // Without the option: no float scratch local, and no `local.tee` after a float
        // operator.
        assert!(off.0.iter().all(|&(_, ty)| ty == T::I32 || ty == T::I64));
        // With it: the meter's four scratch locals, then one f32 and/or one f64, only
        // if the body has a result of that type to canonicalise.
        let wants = |ty| {
            original
                .1
                .iter()
                .any(|op| needs_canonicalising(op) == Some(ty))
        };
        let mut expected_locals = vec![(3, T::I32), (1, T::I64)];
        if wants(T::F32) {
            expected_locals.push((1, T::F32));
        }
        if wants(T::F64) {
            expected_locals.push((1, T::F64));
        }
        assert_eq!(on.0, expected_locals, "{:?}", original.1);
        // Each parameter is read once, and the body declares no locals of its own.
        let params = original
            .1
            .iter()
            .filter(|op| matches!(op, O::LocalGet { .. }))
            .count() as u32;
        let f32_local = params + 4;
        let f64_local = params + 4 + u32::from(wants(T::F32));

        // Walk `on`: every original operator appears in order, and after each one that
        // needs it comes exactly the sequence; nothing else is inserted next to a float
        // operator.
        let ops = &on.1;
        let mut i = 0;
        for op in &original.1 {
            while &ops[i] != op {
                i += 1;
            }
            i += 1;
            match needs_canonicalising(op) {
                Some(T::F32) => {
                    let t = f32_local;
                    let expected = [
                        O::LocalTee { local_index: t },
                        O::F32Const {
                            value: wasmparser::Ieee32::from(f32::from_bits(CANON_F32)),
                        },
                        O::LocalGet { local_index: t },
                        O::LocalGet { local_index: t },
                        O::F32Eq,
                        O::Select,
                    ];
                    assert_eq!(ops[i..i + 6], expected, "after {op:?}");
                    i += 6;
                    sequences += 1;
                }
                Some(_) => {
                    let t = f64_local;
                    let expected = [
                        O::LocalTee { local_index: t },
                        O::F64Const {
                            value: wasmparser::Ieee64::from(f64::from_bits(CANON_F64)),
                        },
                        O::LocalGet { local_index: t },
                        O::LocalGet { local_index: t },
                        O::F64Eq,
                        O::Select,
                    ];
                    assert_eq!(ops[i..i + 6], expected, "after {op:?}");
                    i += 6;
                    sequences += 1;
                }
                None if format!("{op:?}").starts_with('F') => {
                    assert!(
                        !matches!(ops[i], O::LocalTee { .. }),
                        "something inserted after {op:?}"
                    );
                }
                None => {}
            }
        }
    }
    // 24 single operators, 2 + 2 in the combined bodies.
    assert_eq!(sequences, 28);
}

/// Replaces the first `from` right after `after` and right before a `local.tee` (the
/// sequence's start) with `to`, in the instrumented code.
fn patch(wasm: &mut [u8], after: u8, from: u8, to: u8) {
    let at = wasm
        .windows(3)
        .position(|w| w == [after, from, 0x22])
        .expect("the operator is followed by the sequence");
    wasm[at + 1] = to;
}

#[test]
fn the_sequence_canonicalises_a_nan_the_engine_let_through() {
    // wasmi canonicalises `ceil` itself, but not `neg`, which has the same shape: patched
    // into a `neg` after the rewrite, the operator hands the sequence a payload NaN as an
    // engine that does not canonicalise would.
    let wat = r#"(module
      (func (export "f32") (param i32) (result i32)
        local.get 0 f32.reinterpret_i32 f32.ceil i32.reinterpret_f32)
      (func (export "f64") (param i64) (result i64)
        local.get 0 f64.reinterpret_i64 f64.ceil i64.reinterpret_f64))"#;
    let mut wasm = meter(wat, &nans()).wasm;
    // f32.reinterpret_i32 f32.ceil → f32.neg; f64.reinterpret_i64 f64.ceil → f64.neg.
    patch(&mut wasm, 0xbe, 0x8d, 0x8c);
    patch(&mut wasm, 0xbf, 0x9b, 0x9a);
    wasmparser::validate(&wasm).unwrap();
    let cases = [
        ("f32", S(PAYLOAD32), S(CANON_F32)),
        ("f32", S(NEG_PAYLOAD32), S(CANON_F32)),
        ("f32", S(SIGNALLING32), S(CANON_F32)),
        ("f32", S(CANON_F32), S(CANON_F32)),
        ("f32", s(1.5), s(-1.5)),
        ("f32", s(0.0), s(-0.0)),
        ("f32", S(INF32), s(f32::NEG_INFINITY)),
        ("f64", D(PAYLOAD64), D(CANON_F64)),
        ("f64", D(NEG_PAYLOAD64), D(CANON_F64)),
        ("f64", D(CANON_F64), D(CANON_F64)),
        ("f64", d(-2.0), d(2.0)),
        ("f64", d(-0.0), d(0.0)),
    ];
    for (export, arg, expected) in cases {
        let outcome = run_wasm(&wasm, 1 << 30, Refill::Never, export, &[val(arg)]);
        assert_eq!(
            outcome.result,
            Ok(vec![as_i64(expected)]),
            "{export}({arg:?})"
        );
    }
    // The same patch without the option: the payload gets through (and only its sign
    // flips), which is what the sequence is there to prevent.
    let plain = meter(
        &wat.replace(" f32.ceil ", " f32.neg ")
            .replace(" f64.ceil ", " f64.neg "),
        &ROOMY,
    )
    .wasm;
    wasmparser::validate(&plain).unwrap();
    let outcome = run_wasm(&plain, 1 << 30, Refill::Never, "f32", &[val(S(PAYLOAD32))]);
    assert_eq!(outcome.result, Ok(vec![as_i64(S(PAYLOAD32 | 0x8000_0000))]));
}

/// Float work in a loop and in a recursion, to compare runs with and without the option.
/// `run(n)` recurses n deep, each frame looping over float operators of both types.
const FLOATS: &str = r#"(module
  (func $work (param $n i32) (param $x f64) (result f64) (local $i i32) (local $y f32)
    (loop $l
      (local.set $y (f32.sqrt (f32.add (local.get $y) (f32.demote_f64 (local.get $x)))))
      (local.set $x (f64.min (f64.mul (local.get $x) (f64.const 1.5))
                             (f64.promote_f32 (f32.nearest (local.get $y)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 10))))
    (if (result f64) (i32.eqz (local.get $n))
      (then (f64.div (local.get $x) (f64.const 0)))
      (else (f64.sub (call $work (i32.sub (local.get $n) (i32.const 1)) (local.get $x))
                     (f64.floor (local.get $x))))))
  (func (export "run") (param $n i32) (result i64)
    (i64.reinterpret_f64 (call $work (local.get $n) (f64.const -2.5)))))"#;

#[test]
fn fuel_and_stack_are_the_same_with_the_option() {
    let run_both = |config: &Config, fuel: i64, n: i32| {
        let off = run(FLOATS, config, fuel, Refill::Never, "run", &[Val::I32(n)]);
        let on = run(
            FLOATS,
            &Config {
                canonicalize_nans: true,
                ..*config
            },
            fuel,
            Refill::Never,
            "run",
            &[Val::I32(n)],
        );
        assert_eq!(on, off, "{config:?}, fuel {fuel}, run({n})");
        off
    };
    // Whole runs, and runs cut short at every point of a short one.
    let whole = run_both(&ROOMY, 1 << 40, 20);
    assert!(whole.result.is_ok() && whole.fuel_used > 1000);
    let short = run_both(&ROOMY, 1 << 40, 1);
    for fuel in 0..=short.fuel_used {
        let outcome = run_both(&ROOMY, fuel, 1);
        assert_eq!(
            outcome.result.is_ok(),
            fuel == short.fuel_used,
            "fuel {fuel}"
        );
    }
    // Sliced refills.
    for size in [1, 7, 100] {
        let refill = Refill::Slices {
            size,
            budget: 1 << 20,
        };
        let off = run(FLOATS, &ROOMY, size, refill, "run", &[Val::I32(5)]);
        let on = run(FLOATS, &nans(), size, refill, "run", &[Val::I32(5)]);
        assert_eq!(on, off, "slices of {size}");
    }
    // Depth: the same call is the first one refused.
    for limit in [2, 5, 30] {
        let config = Config {
            stack_depth: limit,
            ..ROOMY
        };
        assert_eq!(
            run_both(&config, 1 << 40, limit as i32 - 2).stack_exhausted,
            0
        );
        assert_eq!(
            run_both(&config, 1 << 40, limit as i32 - 1).stack_exhausted,
            1
        );
    }
    // Units: every limit up to a few frames' worth exhausts at the same point, so
    // `frame_units` is the same (the fallback too).
    let mut exhausted = 0;
    for stack_units in 1..=200 {
        let config = Config {
            stack_units,
            ..ROOMY
        };
        exhausted += run_both(&config, 1 << 40, 5).stack_exhausted;
        let config = Config {
            fallback_units: Some(stack_units),
            stack_units: 1000,
            ..ROOMY
        };
        run_both(&config, 1 << 40, 5);
    }
    assert!(exhausted > 0 && exhausted < 200, "{exhausted}");
}

#[test]
fn room_for_the_float_locals_is_kept_with_the_option_off_too() {
    use replica_meter::{Error, instrument};
    // 49,994 parameters and locals of its own, and results of both float types: the
    // output has the wasm maximum of 50,000 locals. One more is refused, whatever the
    // option.
    let module = |own: usize| {
        format!(
            r#"(module (func (export "run") (param i32) (result i32) (local {}) (local f64)
                 (drop (f64.add (local.get {}) (local.get {})))
                 (i32.reinterpret_f32 (f32.sqrt (f32.reinterpret_i32 (local.get 0))))))"#,
            "i32 ".repeat(own - 2),
            own - 1,
            own - 1,
        )
    };
    for config in [ROOMY, nans()] {
        let metered = meter(&module(49_994), &config);
        // (wasmi refuses to run a function this wide, so only the output is checked.)
        let locals: u32 = bodies(&metered.wasm)[0].0.iter().map(|&(n, _)| n).sum();
        assert_eq!(
            locals + 1,
            49_994 + 4 + 2 * u32::from(config.canonicalize_nans)
        );
        match instrument(&harness::wasm(&module(49_995)), &config) {
            Err(Error::Unsupported(message)) => assert!(message.contains("too many"), "{message}"),
            other => panic!("{other:?}"),
        }
    }
}
