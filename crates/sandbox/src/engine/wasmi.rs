//! The wasmi engine: an interpreter that runs the same natively and, compiled to
//! `wasm32-unknown-unknown`, inside the browser's worker. It is the reference engine:
//! every other engine hands a run back to it when it cannot vouch for its own answer.
//!
//! wasmi runs the metered module with its own fuel metering off: fuel, call depth and
//! memory caps all come from the instrumentation (`replica_meter`), so they mean the same
//! on every engine. wasmi's own limits stay on as backstops, set above the metered ones.

use std::ops::ControlFlow;

use wasmi::{Caller, Engine, Error, Extern, Global, Instance, Linker, Store, Val};

use super::{finish, start, trap_text};
use crate::host::{Abort, Host};
use crate::limiter::Limiter;
use crate::memory::Mem;
use crate::wasi::{self, Ctx, Stop, wasi_functions};
use crate::{Budget, Cancelled, Ending, Input, LoadError, Outcome, Pause};

impl wasmi::errors::HostError for Abort {}

/// A host call asked a sliced run to pause between slices; the run resumes after it.
#[derive(Debug, Clone, Copy)]
struct SlicePause;

impl std::fmt::Display for SlicePause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("paused between fuel slices")
    }
}

impl wasmi::errors::HostError for SlicePause {}

/// What one run's wasmi store holds.
#[derive(Debug)]
pub(crate) struct State {
    host: Host,
    /// The guest's exported `memory`, set once instantiation finishes.
    memory: Option<wasmi::Memory>,
    /// The metered fuel counter, exported by the module: set once instantiation finishes
    /// or a host call during it first needs the counter.
    fuel: Option<Global>,
    limiter: Limiter,
    /// `out_of_fuel` pauses the run after refilling: a sliced run past instantiation.
    pausing: bool,
}

/// Host functions' view of a wasmi call.
struct WasmiCtx<'a, 'b>(&'a mut Caller<'b, State>);

impl Ctx for WasmiCtx<'_, '_> {
    fn parts(&mut self) -> (Option<Mem<'_>>, &mut Host) {
        // The memory handle is cached after instantiation; a start function calling WASI
        // before that still finds it by name.
        let memory = self
            .0
            .data()
            .memory
            .or_else(|| self.0.get_export("memory").and_then(Extern::into_memory));
        match memory {
            Some(memory) => {
                let (bytes, state) = memory.data_and_store_mut(&mut *self.0);
                (Some(Mem::new(bytes)), &mut state.host)
            }
            None => (None, &mut self.0.data_mut().host),
        }
    }

    fn fuel(&mut self) -> i64 {
        match self.fuel_global() {
            Some(global) => global.get(&*self.0).i64().unwrap_or(0),
            None => 0,
        }
    }

    fn set_fuel(&mut self, fuel: i64) {
        if let Some(global) = self.fuel_global() {
            // The global is the module's own `mut i64` export, so this cannot fail.
            let _ = global.set(&mut *self.0, Val::I64(fuel));
        }
    }
}

impl WasmiCtx<'_, '_> {
    /// The counter, found by name during instantiation (a start section) and kept, so
    /// that the run's end can read it even if instantiation fails. Until a host call
    /// touched it, it holds its initial 0.
    fn fuel_global(&mut self) -> Option<Global> {
        if let Some(global) = self.0.data().fuel {
            return Some(global);
        }
        let global = self
            .0
            .get_export(replica_meter::FUEL_EXPORT)
            .and_then(Extern::into_global)?;
        self.0.data_mut().fuel = Some(global);
        Some(global)
    }
}

fn stop(stop: Stop) -> Error {
    match stop {
        Stop::Exit(code) => Error::i32_exit(code),
        Stop::Abort(abort) => Error::host(abort),
    }
}

/// `replica_meter.out_of_fuel`: the counter went negative; refill it from the reserve or
/// end the run. A sliced run then pauses, so its caller can report progress.
fn out_of_fuel(mut caller: Caller<'_, State>) -> Result<(), Error> {
    let mut ctx = WasmiCtx(&mut caller);
    let counter = ctx.fuel();
    let slice = ctx.parts().1.meter.slice;
    wasi::refill(&mut ctx, counter, slice).map_err(stop)?;
    if caller.data().pausing {
        return Err(Error::host(SlicePause));
    }
    Ok(())
}

/// `replica_meter.stack_exhausted` and `replica_meter.fallback`: the guest went deeper
/// than the budget allows.
fn stack_exhausted(_caller: Caller<'_, State>) -> Result<(), Error> {
    Err(Error::from(wasmi::TrapCode::StackOverflow))
}

/// A sliced run's slice size and the callback between slices.
pub(crate) type Slicing<'a> = (u64, &'a mut dyn FnMut(Pause) -> ControlFlow<()>);

/// A module compiled for wasmi, with a linker holding every host function.
pub(crate) struct Compiled {
    engine: Engine,
    module: wasmi::Module,
    linker: Linker<State>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("wasmi::Compiled").finish_non_exhaustive()
    }
}

/// wasmi keeps each frame's locals and temporaries on a value stack separate from the
/// call stack. The metered stack units (see `replica_meter`) bound what a guest can keep
/// live; wasmi gets this many bytes per unit, more than any frame needs per unit, so its
/// own cap never binds before the metered one does.
const VALUE_STACK_BYTES_PER_UNIT: u64 = 32;

/// Frames wasmi allows beyond the metered depth: `_start` and host calls.
const EXTRA_FRAMES: u32 = 64;

impl Compiled {
    /// Compiles the metered module `wasm`.
    pub(crate) fn new(wasm: &[u8], budget: &Budget) -> Result<Compiled, LoadError> {
        let mut config = wasmi::Config::default();
        let units = super::stack_units(budget);
        config
            .consume_fuel(false)
            // Eager compilation: a module's first run does the same work as every later
            // one, and invalid code is found when the module loads.
            .compilation_mode(wasmi::CompilationMode::Eager)
            .set_max_recursion_depth(budget.stack_depth.saturating_add(EXTRA_FRAMES) as usize)
            .set_max_stack_height(
                usize::try_from(units.saturating_mul(VALUE_STACK_BYTES_PER_UNIT))
                    .unwrap_or(usize::MAX)
                    .max(1 << 20),
            );
        let engine = Engine::new(&config);
        let module = wasmi::Module::new(&engine, wasm)
            .map_err(|error| LoadError::Invalid(error.to_string()))?;
        let mut linker = Linker::new(&engine);
        add_to_linker(&mut linker)
            .map_err(|error| LoadError::Link(format!("defining host functions: {error}")))?;
        Ok(Compiled {
            engine,
            module,
            linker,
        })
    }

    /// Runs `_start`, in slices when `sliced` says so (see [`crate::Module::run_sliced`]).
    pub(crate) fn run(
        &self,
        input: &Input,
        budget: &Budget,
        sliced: Option<Slicing<'_>>,
    ) -> Result<Outcome, Cancelled> {
        let (slice, between) = match sliced {
            Some((slice, between)) => (Some(slice), Some(between)),
            None => (None, None),
        };
        let host = start(input, budget, slice);
        let mut store = Store::new(
            &self.engine,
            State {
                host,
                memory: None,
                fuel: None,
                limiter: Limiter::new(budget.memory_bytes, budget.table_elements),
                pausing: false,
            },
        );
        store.limiter(|state| &mut state.limiter);
        let instance = match self.linker.instantiate_and_start(&mut store, &self.module) {
            Ok(instance) => instance,
            Err(error) => return Ok(end(store, None, budget, Err(ending_of(&error)))),
        };
        store.data_mut().memory = instance.get_memory(&store, "memory");
        let Some(fuel) = instance.get_global(&store, replica_meter::FUEL_EXPORT) else {
            let missing = format!("the module exports no `{}`", replica_meter::FUEL_EXPORT);
            return Ok(end(
                store,
                Some(instance),
                budget,
                Err(Ending::Trap(missing)),
            ));
        };
        store.data_mut().fuel = Some(fuel);
        let counter = fuel.get(&store).i64().unwrap_or(0);
        let granted = store.data_mut().host.meter.grant(counter);
        // The module's own `mut i64` export, so this cannot fail.
        let _ = fuel.set(&mut store, Val::I64(granted));
        let start = match instance.get_typed_func::<(), ()>(&store, "_start") {
            Ok(start) => start,
            Err(error) => return Ok(end(store, Some(instance), budget, Err(ending_of(&error)))),
        };
        let Some(between) = between else {
            let result = start
                .call(&mut store, ())
                .map_err(|error| ending_of(&error));
            return Ok(end(store, Some(instance), budget, result));
        };
        store.data_mut().pausing = true;
        let mut call = start.call_resumable(&mut store, ());
        let result = loop {
            let paused = match call {
                Ok(wasmi::TypedResumableCall::Finished(())) => break Ok(()),
                Ok(wasmi::TypedResumableCall::HostTrap(trap))
                    if trap.host_error().downcast_ref::<SlicePause>().is_some() =>
                {
                    trap
                }
                // Every other host error ends the run (`proc_exit`, the output cap, fuel).
                Ok(wasmi::TypedResumableCall::HostTrap(trap)) => {
                    break Err(ending_of(trap.host_error()));
                }
                // wasmi's own fuel metering is off.
                Ok(wasmi::TypedResumableCall::OutOfFuel(_)) => break Err(Ending::FuelExhausted),
                Err(error) => break Err(ending_of(&error)),
            };
            let counter = fuel.get(&store).i64().unwrap_or(0);
            let pause = Pause {
                fuel_used: budget.fuel - store.data().host.meter.left(counter).min(budget.fuel),
                fuel: budget.fuel,
            };
            if between(pause).is_break() {
                return Err(Cancelled);
            }
            call = paused.resume(&mut store, &[]);
        };
        Ok(end(store, Some(instance), budget, result))
    }
}

/// Reads what the run left in the store and builds its [`Outcome`].
fn end(
    store: Store<State>,
    instance: Option<Instance>,
    budget: &Budget,
    result: Result<(), Ending>,
) -> Outcome {
    let counter = store
        .data()
        .fuel
        .map_or(0, |fuel| fuel.get(&store).i64().unwrap_or(0));
    let refused = instance
        .and_then(|instance| instance.get_global(&store, replica_meter::REFUSED_EXPORT))
        .and_then(|global| global.get(&store).i32())
        .is_some_and(|flag| flag != 0)
        || store.data().limiter.refused;
    let state = store.into_data();
    finish(state.host, budget, result, counter, refused)
}

/// Maps how wasmi stopped the guest to an [`Ending`].
fn ending_of(error: &Error) -> Ending {
    if let Some(code) = error.i32_exit_status() {
        return Ending::Exited(code);
    }
    if let Some(abort) = error.downcast_ref::<Abort>() {
        return match abort {
            Abort::OutputLimit => Ending::OutputLimit,
            Abort::OutOfFuel => Ending::FuelExhausted,
        };
    }
    match error.as_trap_code() {
        Some(wasmi::TrapCode::OutOfFuel) => Ending::FuelExhausted,
        Some(code) => Ending::Trap(wasmi_trap_text(code).to_owned()),
        None => Ending::Trap(error.to_string()),
    }
}

/// The text of a wasmi trap, as the WebAssembly spec tests name it.
fn wasmi_trap_text(code: wasmi::TrapCode) -> &'static str {
    use super::Trap;
    use wasmi::TrapCode;
    trap_text(match code {
        TrapCode::UnreachableCodeReached => Trap::Unreachable,
        TrapCode::MemoryOutOfBounds => Trap::MemoryOutOfBounds,
        TrapCode::TableOutOfBounds => Trap::TableOutOfBounds,
        TrapCode::IndirectCallToNull => Trap::IndirectCallToNull,
        TrapCode::IntegerDivisionByZero => Trap::IntegerDivisionByZero,
        TrapCode::IntegerOverflow => Trap::IntegerOverflow,
        TrapCode::BadConversionToInteger => Trap::BadConversionToInteger,
        TrapCode::StackOverflow => Trap::StackOverflow,
        TrapCode::BadSignature => Trap::BadSignature,
        TrapCode::OutOfFuel => Trap::OutOfFuel,
        TrapCode::GrowthOperationLimited => Trap::GrowthOperationLimited,
        TrapCode::OutOfSystemMemory => Trap::OutOfSystemMemory,
    })
}

/// Defines every WASI function and the meter's functions in `linker`.
fn add_to_linker(linker: &mut Linker<State>) -> Result<(), wasmi::errors::LinkerError> {
    macro_rules! define {
        ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty => $func:path,)*) => {
            $(
                linker.func_wrap(
                    wasi::MODULE,
                    stringify!($name),
                    |mut caller: Caller<'_, State>, $($arg: $ty),*| -> Result<$ret, Error> {
                        $func(&mut WasmiCtx(&mut caller), $($arg),*).map_err(stop)
                    },
                )?;
            )*
        };
    }
    wasi_functions!(define);
    linker.func_wrap(
        replica_meter::IMPORT_MODULE,
        replica_meter::OUT_OF_FUEL,
        out_of_fuel,
    )?;
    linker.func_wrap(
        replica_meter::IMPORT_MODULE,
        replica_meter::STACK_EXHAUSTED,
        stack_exhausted,
    )?;
    linker.func_wrap(
        replica_meter::IMPORT_MODULE,
        replica_meter::FALLBACK,
        stack_exhausted,
    )?;
    Ok(())
}
