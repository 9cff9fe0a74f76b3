//! The engines a metered module runs on, and what they share: how a run starts, how its
//! [`Outcome`] is built, and the names of traps.
//!
//! Every engine runs the same metered module (see `replica_meter`) over the same WASI host
//! (`crate::wasi`), so fuel, call depth and memory caps are counted by the module itself
//! and mean the same everywhere. An engine other than wasmi only reports runs whose
//! ending it observes exactly as wasmi would: an exit, the output cap or the fuel running
//! out, all decided by shared host code and the module's own counters. Any trap (where
//! engines word and detect things differently, and where a native stack may overflow
//! before the metered depth does) hands the run to wasmi, the reference.

#[cfg(all(target_arch = "wasm32", feature = "browser"))]
pub(crate) mod browser;
pub(crate) mod wasmi;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod wasmtime;

use crate::host::{Host, Meter};
use crate::{Budget, Ending, Input, Outcome};

/// Stack units a budget allows per frame of [`Budget::stack_depth`]: a frame's units are
/// its parameters, locals and operand stack height plus a few (see `replica_meter`), so
/// this lets ordinary functions recurse to the full depth while bounding the memory deep
/// recursion of very wide frames can take.
const UNITS_PER_FRAME: u64 = 64;

/// The stack units `budget` allows.
pub(crate) fn stack_units(budget: &Budget) -> u64 {
    u64::from(budget.stack_depth.max(1)).saturating_mul(UNITS_PER_FRAME)
}

/// The caps the meter bakes into a module for `budget`.
pub(crate) fn meter_config(budget: &Budget, fallback_units: Option<u64>) -> replica_meter::Config {
    replica_meter::Config {
        // The module's own counter, granted after instantiation: nothing is imported per
        // run, so wasmtime links a module once for all its runs.
        export_fuel: true,
        stack_depth: budget.stack_depth.max(1),
        stack_units: stack_units(budget),
        fallback_units,
        memory_pages: budget.memory_bytes / 65_536,
        table_elements: u64::from(budget.table_elements),
        canonicalize_nans: false,
    }
}

/// The host one run starts with: its whole budget in the reserve, handed to the guest's
/// counter once the instance is made (see [`crate::host::Meter`]) all at once, or in
/// slices of `slice` for a sliced run.
pub(crate) fn start(input: &Input, budget: &Budget, slice: Option<u64>) -> Host {
    let mut host = Host::new(input, budget);
    host.meter = Meter::start(budget.fuel, slice);
    host
}

/// Builds the [`Outcome`] of a finished run from its host, how the call ended (`Err` for
/// any ending but `_start` returning), the fuel counter's last value and whether a cap
/// refused memory or table space.
pub(crate) fn finish(
    host: Host,
    budget: &Budget,
    result: Result<(), Ending>,
    counter: i64,
    refused: bool,
) -> Outcome {
    let mut ending = result.err().unwrap_or(Ending::Exited(0));
    // Out of fuel means all of it was used, even if the segment that did not fit needed
    // more than was left.
    let fuel_used = if ending == Ending::FuelExhausted {
        budget.fuel
    } else {
        budget.fuel.saturating_sub(host.meter.left(counter))
    };
    if refused && ending != Ending::Exited(0) {
        // The guest failed after being denied memory: that denial is the real story.
        ending = Ending::MemoryLimit;
    }
    Outcome {
        ending,
        stdout: host.stdout,
        stderr: host.stderr,
        files: host.fs.to_tree(),
        fuel_used,
    }
}

/// The outcome of a module whose declared memory or tables exceed the budget: it never
/// starts.
pub(crate) fn over_budget(input: &Input, budget: &Budget) -> Outcome {
    let host = Host::new(input, budget);
    Outcome {
        ending: Ending::MemoryLimit,
        stdout: Vec::new(),
        stderr: Vec::new(),
        files: host.fs.to_tree(),
        fuel_used: 0,
    }
}

/// Traps, whichever engine saw them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trap {
    Unreachable,
    MemoryOutOfBounds,
    TableOutOfBounds,
    IndirectCallToNull,
    IntegerDivisionByZero,
    IntegerOverflow,
    BadConversionToInteger,
    StackOverflow,
    BadSignature,
    OutOfFuel,
    GrowthOperationLimited,
    OutOfSystemMemory,
}

/// The text of a trap, as the WebAssembly spec tests name it.
pub(crate) fn trap_text(trap: Trap) -> &'static str {
    match trap {
        Trap::Unreachable => "unreachable",
        Trap::MemoryOutOfBounds => "out of bounds memory access",
        Trap::TableOutOfBounds => "out of bounds table access",
        Trap::IndirectCallToNull => "uninitialized element",
        Trap::IntegerDivisionByZero => "integer divide by zero",
        Trap::IntegerOverflow => "integer overflow",
        Trap::BadConversionToInteger => "invalid conversion to integer",
        Trap::StackOverflow => "call stack exhausted",
        Trap::BadSignature => "indirect call type mismatch",
        Trap::OutOfFuel => "out of fuel",
        Trap::GrowthOperationLimited => "growth operation limited",
        Trap::OutOfSystemMemory => "out of system memory",
    }
}
