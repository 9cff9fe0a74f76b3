//! Meters a WebAssembly module by rewriting it, so every engine observes the same fuel,
//! stack and memory behaviour.
//!
//! Replica runs guests on several engines (wasmi, wasmtime, the browser's own engine),
//! and reports must be byte-identical on all of them, including the fuel a run used and
//! exactly where it ran out of fuel or stack. Engines meter differently or not at all, so
//! [`instrument`] rewrites the module itself: the counters become ordinary wasm globals
//! and the checks ordinary wasm instructions, which every engine executes the same way.
//!
//! # The host's side
//!
//! The instrumented module imports, after its own imports and in this order:
//!
//! | import                             | type       | meaning |
//! |------------------------------------|------------|---------|
//! | `replica_meter.fuel`               | `mut i64`  | fuel left; the module only ever subtracts from it |
//! | `replica_meter.out_of_fuel`        | `() -> ()` | called when the counter went negative |
//! | `replica_meter.stack_exhausted`    | `() -> ()` | called when a frame exceeds [`Config::stack_depth`] or [`Config::stack_units`] |
//! | `replica_meter.fallback`           | `() -> ()` | called when a frame exceeds [`Config::fallback_units`] |
//!
//! and exports the global `replica_meter:refused` (`mut i32`), 1 once a `memory.grow` or
//! `table.grow` failed that the module's own maximum allowed (the budget refused it).
//!
//! With [`Config::export_fuel`], the fuel counter is not imported: the module defines it
//! (a `mut i64` global starting at 0, still global 0) and exports it as
//! `replica_meter:fuel`, so an instance needs no per-instance import and an engine can
//! link the module once for every run (wasmtime's `InstancePre`). The host grants fuel by
//! setting that export after instantiation. A start function runs during instantiation,
//! before the host can, so it starts from 0: its first segment calls `out_of_fuel`, which
//! grants fuel as for any other refill (the host reaches the counter through the
//! instance's exports, as it reaches the memory). Fuel and exhaustion points are the same
//! in both schemes, for a host that grants the same fuel in all.
//!
//! `out_of_fuel` must either add fuel so that the counter is `>= 0` again and return, or
//! trap. The module does not check again after the call. `stack_exhausted` and `fallback`
//! are expected to trap; if one returns, the guest simply goes on.
//!
//! # Fuel
//!
//! Every operator of the original body costs 1 fuel, control operators, calls and the
//! body's final `end` included; the rewrite's own instructions cost nothing. A body is cut
//! into *segments* at metering points: the function entry, and right after every `block`,
//! `loop`, `if`, `else`, `end` (except the final one), `br`, `br_if`, `br_table`,
//! `return`, `unreachable`, `return_call` and `return_call_indirect`. Each segment is
//! charged its whole cost (its number of operators) when it is entered, before any of it
//! runs:
//!
//! ```wat
//! global.get $fuel  i64.const COST  i64.sub  global.set $fuel
//! global.get $fuel  i64.const 0  i64.lt_s  if  call $out_of_fuel  end
//! ```
//!
//! So the fuel of a run is the sum of the costs of the segments it entered. A segment is
//! the operators between two metering points, so in `if A else B end` the `else` belongs
//! to the then-arm's segment and that `end` to the else-arm's one: a run pays for the
//! operators on the path it took, where a branch skips the rest of a segment that was
//! already paid for. The counter is subtracted first and compared after, so with `F` fuel
//! the host is called exactly when the cumulative cost passes `F`; since a refill only
//! raises the counter, refilling in slices of any size leaves the total consumed, and
//! where each segment starts, unchanged.
//!
//! Bulk operations also pay by size at run time, right before they execute (after their
//! segment was charged): `memory.copy`, `memory.fill` and `memory.init` cost
//! `len >> 6` more (one per 64 bytes), `table.copy`, `table.fill` and `table.init` cost
//! `n >> 3` more (one per 8 elements), where `len`/`n` is the operation's length
//! operand, compared unsigned. The check is the same as above.
//!
//! # Stack depth and units
//!
//! Every defined function `f` has `frame_units(f) = 4 + params + declared locals +
//! max operand stack height + const operators`, where a v128 parameter or local counts 2,
//! the operand stack height is the validator's (one per value, v128 included), and const
//! operators are `i32/i64/f32/f64/v128.const`. It stands for the native stack an engine
//! needs for the frame, so that a limit on it is a limit every engine can honour.
//!
//! Two module globals count the live guest frames (`$depth`) and their units (`$units`),
//! both starting at 0. On entry, *before* the entry segment's fuel charge, a function
//! computes `$d = $depth + 1` and `$u = $units + frame_units(f)`, stores both in the
//! globals and in two locals of its own, then:
//!
//! 1. if [`Config::fallback_units`] is `Some(n)` with `n < stack_units` and `$u > n`,
//!    calls `fallback`;
//! 2. if `$d > stack_depth` or `$u > stack_units`, calls `stack_exhausted`.
//!
//! After every `call` and `call_indirect`, the caller puts its own `$d`/`$u` back into
//! the globals: whatever the callee was (an import, a function that returned early),
//! this is the caller's frame again. Returns do nothing; the caller restores. Before a
//! `return_call`/`return_call_indirect` the frame leaves the counters (`$depth = $d - 1`,
//! `$units = $u - frame_units(f)`), since the callee replaces it: tail recursion does not
//! accumulate depth. A frame counts while it is live, so with `stack_depth = N` a chain
//! of N nested guest calls runs and the (N+1)-th call's entry calls `stack_exhausted`.
//!
//! A start function returns to the engine rather than to a caller that restores, so the
//! rewrite makes the start section point to an appended wrapper (which costs no fuel and
//! no frame) that calls it and then sets both counters back to 0: calls made into the
//! instance afterwards start from an empty stack. The counters belong to one run: after
//! a trap they are stale, so instantiate anew for each run.
//!
//! # Memory and tables
//!
//! The memory's maximum becomes `min(declared maximum or 65,536, memory_pages)` and each
//! table's `min(declared maximum or u32::MAX, table_elements)`, so the engine itself
//! refuses growing past the budget. A declared initial size above the cap sets
//! [`Metered::over_budget`] (and is clamped so the output still validates; the host is
//! expected not to run it). A `memory.grow` or `table.grow` that returns -1 although
//! `size + delta` (in i64) was within the module's *own* maximum sets the exported
//! `replica_meter:refused` to 1; the guest still sees -1.
//!
//! # NaN canonicalisation
//!
//! Wasm leaves the bits of a NaN that an arithmetic operator produces partly open (sign
//! and payload), and engines differ: wasmi and wasmtime with Cranelift's NaN
//! canonicalisation produce the canonical NaN (positive, quiet, zero payload:
//! `0x7fc00000` and `0x7ff8000000000000`), while the browser's engine gives whatever the
//! hardware does (`0xffc00000` for `inf - inf` on x86, input payloads propagated). With
//! [`Config::canonicalize_nans`], the rewrite makes every engine agree with the first two:
//! right after each operator whose result may be an arithmetic NaN, exactly those
//! Cranelift canonicalises,
//!
//! - `f32`/`f64` `add`, `sub`, `mul`, `div`, `min`, `max`, `sqrt`, `ceil`, `floor`,
//!   `trunc`, `nearest`,
//! - `f32.demote_f64` and `f64.promote_f32`,
//!
//! it inserts, for an `f32` result (`f64` alike, with an `f64` scratch local):
//!
//! ```wat
//! local.tee $f32  f32.const nan:0x400000  local.get $f32  local.get $f32  f32.eq  select
//! ```
//!
//! which keeps a number (it equals itself) and replaces a NaN (the only value that does
//! not) with the canonical one. Sign-bit operators (`neg`, `abs`, `copysign`),
//! reinterpretations, loads, stores, constants, `select`, parameters and conversions from
//! integers are left alone: they move NaN bits unchanged on every engine, so a payload
//! reaches them only from the guest's own bits. The scratch locals (one `f32`, one `f64`)
//! come after the meter's other locals, and only in functions that have such a result of
//! that type. These instructions are the rewrite's own: fuel and `frame_units` are those
//! of the original body, the same with the option on or off. Room for both locals is
//! reserved either way (a function may have at most 49,994 parameters and locals of its
//! own), so the option never changes which modules are accepted.
//!
//! # Index renumbering
//!
//! The three imported functions come right after the module's imported functions, so
//! every defined function's index grows by 3 (calls, `ref.func`, exports, elements, the
//! start function, the name section). The imported fuel global is global 0 (with
//! [`Config::export_fuel`], the fuel global is the first defined global, also global 0)
//! and every defined global's index grows by 1; `$depth`, `$units` and `$refused` are
//! appended after the module's own globals. One function type `() -> ()` is appended to
//! the type section, and, when there is a start function, the start wrapper to the
//! functions. The `name` section is kept, renumbered; other custom sections are dropped,
//! since debug information describes code offsets the rewrite changes.
//!
//! # What is accepted
//!
//! Wasm 2.0 without SIMD (multi-value, bulk memory, reference types, sign extension,
//! saturating conversions, mutable globals) plus tail calls and extended constant
//! expressions, with at most one 32-bit, unshared memory and only function imports
//! (WASI commands import only functions). Anything else is refused with
//! [`Error::Unsupported`]; a module that no feature set makes valid is
//! [`Error::Invalid`].

mod body;
mod module;

use std::fmt;

/// Caps baked into the instrumented module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Define the fuel counter in the module and export it as [`FUEL_EXPORT`], instead of
    /// importing [`FUEL`] (see "The host's side").
    pub export_fuel: bool,
    /// Most nested guest frames; entering a function that would make it deeper calls
    /// `stack_exhausted`. A bound every engine can honour, unlike each engine's own
    /// native or heap stack limit.
    pub stack_depth: u32,
    /// Most stack units (sum over live frames of each function's `frame_units`); past it,
    /// `stack_exhausted`. Depth alone does not bound the stack: a frame with thousands
    /// of locals costs more than a small one.
    pub stack_units: u64,
    /// When `Some(n)`, entering a function that makes the live stack units exceed `n`
    /// (checked before the two limits above, and only when `n` is below `stack_units`)
    /// calls `fallback` instead. Used by engines with a small native stack, which can
    /// then hand the run to an engine with a larger one.
    pub fallback_units: Option<u64>,
    /// Most pages (64 KiB) of linear memory. Guards the host against guest-controlled
    /// memory exhaustion, and makes the limit the same on every engine.
    pub memory_pages: u64,
    /// Most elements of any one table, for the same reasons.
    pub table_elements: u64,
    /// Replace every NaN that an arithmetic float operator produces with the canonical
    /// NaN of its type, as Cranelift's NaN canonicalisation does (see "NaN
    /// canonicalisation"). Needed on engines that do not canonicalise themselves, such
    /// as the browser's; costs no fuel and no stack units.
    pub canonicalize_nans: bool,
}

/// An instrumented module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metered {
    /// The instrumented module.
    pub wasm: Vec<u8>,
    /// The declared initial size of the memory exceeds `memory_pages`, or some table's
    /// initial size exceeds `table_elements` (the module would not instantiate under the
    /// budget; the host reports a memory limit).
    pub over_budget: bool,
}

/// Why a module could not be instrumented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a valid WebAssembly module under any feature set; the message is
    /// the validator's.
    Invalid(String),
    /// The module is valid but uses something the meter refuses; the message says what
    /// and what to do instead.
    Unsupported(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(message) => write!(f, "invalid module: {message}"),
            Error::Unsupported(message) => write!(f, "unsupported module: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// The module name of the rewrite's imports.
pub const IMPORT_MODULE: &str = "replica_meter";
/// The imported fuel counter, a `mut i64` global.
pub const FUEL: &str = "fuel";
/// The imported `() -> ()` function called when the fuel counter goes negative.
pub const OUT_OF_FUEL: &str = "out_of_fuel";
/// The imported `() -> ()` function called past `stack_depth` or `stack_units`.
pub const STACK_EXHAUSTED: &str = "stack_exhausted";
/// The imported `() -> ()` function called past `fallback_units`.
pub const FALLBACK: &str = "fallback";
/// The exported `mut i64` fuel counter, starting at 0, with [`Config::export_fuel`].
pub const FUEL_EXPORT: &str = "replica_meter:fuel";
/// The exported `mut i32` global set to 1 when the budget refused a grow.
pub const REFUSED_EXPORT: &str = "replica_meter:refused";

/// Instruments `wasm` as the crate documentation describes.
///
/// # Errors
///
/// [`Error::Invalid`] when `wasm` is not a valid module, [`Error::Unsupported`] when it
/// uses a feature or an import the meter refuses (see "What is accepted").
///
/// # Panics
///
/// Never; every malformed input is an [`Error`].
pub fn instrument(wasm: &[u8], config: &Config) -> Result<Metered, Error> {
    module::instrument(wasm, config)
}
