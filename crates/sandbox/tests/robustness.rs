//! Random WASI calls with random (often hostile) arguments: whatever a guest passes, the
//! host returns an errno or ends the run as data, and never panics.

mod common;

use common::{ALL_FUNCTIONS, sample_input, signature, small_budget, wat_types};
use replica_sandbox::{Ending, Module};
use std::fmt::Write as _;

/// splitmix64, so the calls are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Memory is two pages; paths the sample tree has sit at 4096.., then other bytes.
const MEMORY: u32 = 2 * 65536;
const PATHS: &[&str] = &[
    "hello.txt",
    "dir",
    "dir/a.txt",
    "link",
    "loop",
    "escape",
    "..",
    "new",
    "dir/sub/x",
    ".",
];

/// An i32 argument: mostly values that mean something to some call (counts, descriptors,
/// flags, a path, an iovec array, the end of memory), sometimes anything at all.
fn i32_arg(rng: &mut Rng) -> i64 {
    const INTERESTING: &[i64] = &[
        0,
        1,
        2,
        3,
        4,
        5,
        6,
        8,
        9,
        4096,
        4112,
        4128,
        8192,
        8192,
        12000,
        65536,
        MEMORY as i64 - 4,
        MEMORY as i64,
        -1,
        i32::MAX as i64,
    ];
    match rng.below(10) {
        0 => rng.below(u64::from(MEMORY)) as i64,
        1 => rng.next() as u32 as i32 as i64,
        2 => 4096 + 16 * rng.below(PATHS.len() as u64) as i64,
        _ => INTERESTING[rng.below(INTERESTING.len() as u64) as usize],
    }
}

fn i64_arg(rng: &mut Rng) -> i64 {
    match rng.below(6) {
        0 => rng.below(16) as i64,
        1 => 0x1FFF_FFFF,
        2 => -1,
        3 => 4_000_000_000,
        4 => 1 << 40,
        _ => rng.next() as i64,
    }
}

fn random_module(rng: &mut Rng) -> String {
    let mut wat = String::from("(module\n");
    for name in ALL_FUNCTIONS {
        let (params, results) = signature(name);
        let results = if results.is_empty() {
            ""
        } else {
            " (result i32)"
        };
        let _ = writeln!(
            wat,
            "(import \"wasi_snapshot_preview1\" \"{name}\" (func ${name} (param{}){results}))",
            wat_types(params)
        );
    }
    let _ = writeln!(wat, "(memory (export \"memory\") 2)");
    for (index, path) in PATHS.iter().enumerate() {
        let _ = writeln!(wat, "(data (i32.const {}) \"{path}\")", 4096 + 16 * index);
    }
    // Plausible iovecs at 8192: (4096, 16), (0, 65536).
    let _ = writeln!(
        wat,
        "(data (i32.const 8192) \"\\00\\10\\00\\00\\10\\00\\00\\00\\00\\00\\00\\00\\00\\00\\01\\00\")"
    );
    wat.push_str("(func (export \"_start\")\n");
    // Open descriptors to play with: hello.txt read-write (4), dir (5), a new file (6).
    for (path, oflags) in [(0, 0), (1, 0), (7, 1)] {
        let _ = writeln!(
            wat,
            "(drop (call $path_open (i32.const 3) (i32.const 1) (i32.const {}) (i32.const {}) (i32.const {oflags}) (i64.const 0x1FFFFFFF) (i64.const 0x1FFFFFFF) (i32.const 0) (i32.const 12000)))",
            4096 + 16 * path,
            PATHS[path].len()
        );
    }
    for _ in 0..100 {
        let name = ALL_FUNCTIONS[rng.below(ALL_FUNCTIONS.len() as u64) as usize];
        if name == "proc_exit" && rng.below(10) != 0 {
            continue;
        }
        let (params, results) = signature(name);
        let mut call = format!("(call ${name}");
        for ty in params.chars() {
            if ty == 'I' {
                let _ = write!(call, " (i64.const {})", i64_arg(rng));
            } else {
                let _ = write!(call, " (i32.const {})", i32_arg(rng) as i32);
            }
        }
        call.push(')');
        if results.is_empty() {
            let _ = writeln!(wat, "{call}");
        } else {
            let _ = writeln!(wat, "(drop {call})");
        }
    }
    wat.push_str("))\n");
    wat
}

#[test]
fn random_calls_never_panic_the_host() {
    let mut rng = Rng(2024);
    let budget = small_budget();
    let input = sample_input();
    let mut exits = 0;
    for _ in 0..1000 {
        let wat = random_module(&mut rng);
        let wasm = wat::parse_str(&wat).expect("generated WAT parses");
        let module = Module::new(&wasm, &budget).expect("generated module links");
        let outcome = module.run(&input, &budget);
        match outcome.ending {
            Ending::Exited(_) => exits += 1,
            Ending::OutputLimit | Ending::FuelExhausted => {}
            other => panic!("unexpected ending {other:?} for:\n{wat}"),
        }
        // Replaying the same module gives the same outcome.
        assert_eq!(module.run(&input, &budget), outcome);
    }
    assert!(exits > 800, "only {exits} runs exited");
}

/// Every engine gives the canonical NaN for an arithmetic float result that is NaN, even
/// from an input NaN with a payload: wasmi does, wasmtime canonicalises, and the browser
/// engine's meter inserts the canonicalisation. Bit operations keep payloads.
#[test]
fn float_results_that_are_nan_are_canonical() {
    let wat = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $nan32 (result f32) (f32.const nan:0x200000))
  (func (export "_start")
    (i32.store (i32.const 100) (i32.reinterpret_f32 (f32.sub (f32.const inf) (f32.const inf))))
    (i64.store (i32.const 104) (i64.reinterpret_f64 (f64.div (f64.const 0) (f64.const 0))))
    (i64.store (i32.const 112) (i64.reinterpret_f64 (f64.sqrt (f64.const -1))))
    (i32.store (i32.const 120) (i32.reinterpret_f32 (f32.add (call $nan32) (f32.const 1))))
    (i32.store (i32.const 124) (i32.reinterpret_f32 (f32.neg (call $nan32))))
    (i64.store (i32.const 128) (i64.reinterpret_f64 (f64.promote_f32 (call $nan32))))
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 36))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#;
    let out = common::run_wat(wat, &replica_sandbox::Input::default(), &small_budget());
    assert_eq!(out.ending, Ending::Exited(0));
    let mut expected = Vec::new();
    expected.extend(0x7fc0_0000_u32.to_le_bytes());
    expected.extend(0x7ff8_0000_0000_0000_u64.to_le_bytes());
    expected.extend(0x7ff8_0000_0000_0000_u64.to_le_bytes());
    expected.extend(0x7fc0_0000_u32.to_le_bytes());
    expected.extend(0xffa0_0000_u32.to_le_bytes());
    expected.extend(0x7ff8_0000_0000_0000_u64.to_le_bytes());
    assert_eq!(out.stdout, expected);
}
