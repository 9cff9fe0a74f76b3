//! The wasmtime engine: Cranelift compiles the metered module to native code, for the CLI
//! and every native grader. It runs the same WASI host as wasmi and counts fuel, depth
//! and memory with the module's own meter, so where a run ends by an exit, the output cap
//! or the fuel running out, its outcome is wasmi's byte for byte. A run that traps (or
//! reaches the metered stack limit, or overflows wasmtime's own stack first) is not
//! reported from here: [`Compiled::run`] says so and the caller runs it on wasmi.

use wasmtime::{
    Caller, Config, Engine, Error, Extern, Global, GlobalType, Instance, Linker, Mutability, Store,
    Val, ValType,
};

use super::{finish, start};
use crate::host::{Abort, Host};
use crate::memory::Mem;
use crate::wasi::{self, Ctx, Stop, wasi_functions};
use crate::{Budget, Ending, Input, LoadError, Outcome};

/// How a host function stopped the guest, carried through wasmtime as an error.
#[derive(Debug, Clone, Copy)]
enum Halt {
    Stop(Stop),
    /// The metered stack limit: wasmi decides what happens there.
    Stack,
}

impl std::fmt::Display for Halt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Halt::Stop(Stop::Exit(code)) => write!(f, "exit {code}"),
            Halt::Stop(Stop::Abort(abort)) => write!(f, "{abort}"),
            Halt::Stack => f.write_str("call stack exhausted"),
        }
    }
}

impl std::error::Error for Halt {}

/// What one run's wasmtime store holds.
struct State {
    host: Host,
    memory: Option<wasmtime::Memory>,
    fuel: Option<Global>,
}

/// Host functions' view of a wasmtime call.
struct WasmtimeCtx<'a, 'b>(&'a mut Caller<'b, State>);

impl Ctx for WasmtimeCtx<'_, '_> {
    fn parts(&mut self) -> (Option<Mem<'_>>, &mut Host) {
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
        match self.0.data().fuel {
            Some(global) => global.get(&mut *self.0).i64().unwrap_or(0),
            None => 0,
        }
    }

    fn set_fuel(&mut self, fuel: i64) {
        if let Some(global) = self.0.data().fuel {
            // The global is the module's own `mut i64` import, so this cannot fail.
            let _ = global.set(&mut *self.0, Val::I64(fuel));
        }
    }
}

fn halt(stop: Stop) -> Error {
    Error::new(Halt::Stop(stop))
}

/// `replica_meter.out_of_fuel`: refill the counter from the reserve, or end the run.
fn out_of_fuel(mut caller: Caller<'_, State>) -> Result<(), Error> {
    let mut ctx = WasmtimeCtx(&mut caller);
    let counter = ctx.fuel();
    wasi::refill(&mut ctx, counter, 0).map_err(halt)
}

/// `replica_meter.stack_exhausted` and `replica_meter.fallback`.
fn stack_exhausted(_caller: Caller<'_, State>) -> Result<(), Error> {
    Err(Error::new(Halt::Stack))
}

/// What one import of the metered module is bound to.
#[derive(Debug, Clone)]
enum Import {
    /// The fuel counter, a global made per run.
    Fuel,
    /// A host function of the linker.
    Func { module: String, name: String },
}

/// A module compiled by Cranelift, with a linker holding every host function.
pub(crate) struct Compiled {
    engine: Engine,
    module: wasmtime::Module,
    linker: Linker<State>,
    imports: Vec<Import>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("wasmtime::Compiled").finish_non_exhaustive()
    }
}

impl Compiled {
    /// Compiles the metered module `wasm`.
    pub(crate) fn new(wasm: &[u8]) -> Result<Compiled, LoadError> {
        let mut config = Config::new();
        config
            .consume_fuel(false)
            // Floats as wasmi's deterministic profile computes them: every NaN a float
            // operation produces is the canonical one.
            .cranelift_nan_canonicalization(true)
            .wasm_tail_call(true);
        let engine = Engine::new(&config)
            .map_err(|error| LoadError::Invalid(format!("configuring wasmtime: {error:#}")))?;
        let module = wasmtime::Module::new(&engine, wasm)
            .map_err(|error| LoadError::Invalid(format!("{error:#}")))?;
        let mut linker = Linker::new(&engine);
        add_to_linker(&mut linker)
            .map_err(|error| LoadError::Link(format!("defining host functions: {error:#}")))?;
        let imports = module
            .imports()
            .map(|import| {
                if import.module() == replica_meter::IMPORT_MODULE
                    && import.name() == replica_meter::FUEL
                {
                    Import::Fuel
                } else {
                    Import::Func {
                        module: import.module().to_owned(),
                        name: import.name().to_owned(),
                    }
                }
            })
            .collect();
        Ok(Compiled {
            engine,
            module,
            linker,
            imports,
        })
    }

    /// Runs `_start` in one go. `None` when the run trapped: only wasmi reports those.
    pub(crate) fn run(&self, input: &Input, budget: &Budget) -> Option<Outcome> {
        let (host, counter) = start(input, budget, None);
        let mut store = Store::new(
            &self.engine,
            State {
                host,
                memory: None,
                fuel: None,
            },
        );
        let fuel = Global::new(
            &mut store,
            GlobalType::new(ValType::I64, Mutability::Var),
            Val::I64(counter),
        )
        .ok()?;
        store.data_mut().fuel = Some(fuel);
        let mut externs = Vec::with_capacity(self.imports.len());
        for import in &self.imports {
            externs.push(match import {
                Import::Fuel => Extern::Global(fuel),
                Import::Func { module, name } => self.linker.get(&mut store, module, name).ok()?,
            });
        }
        // A start section that exits or aborts is rare enough to leave to wasmi.
        let instance = Instance::new(&mut store, &self.module, &externs).ok()?;
        store.data_mut().memory = instance.get_memory(&mut store, "memory");
        let start = instance
            .get_typed_func::<(), ()>(&mut store, "_start")
            .ok()?;
        let result = match start.call(&mut store, ()) {
            Ok(()) => Ok(()),
            Err(error) => Err(ending_of(&error)?),
        };
        let counter = fuel.get(&mut store).i64().unwrap_or(0);
        let refused = refused(&mut store, instance);
        let state = store.into_data();
        Some(finish(state.host, budget, result, counter, refused))
    }
}

/// The ending of a call that stopped with `error`, when it is one this engine reports:
/// `None` for traps of any kind, the metered stack limit and wasmtime's own limits.
fn ending_of(error: &Error) -> Option<Ending> {
    match error.downcast_ref::<Halt>()? {
        Halt::Stop(Stop::Exit(code)) => Some(Ending::Exited(*code)),
        Halt::Stop(Stop::Abort(Abort::OutputLimit)) => Some(Ending::OutputLimit),
        Halt::Stop(Stop::Abort(Abort::OutOfFuel)) => Some(Ending::FuelExhausted),
        Halt::Stack => None,
    }
}

/// Whether the module's meter refused a memory or table grow.
fn refused(store: &mut Store<State>, instance: Instance) -> bool {
    instance
        .get_global(&mut *store, replica_meter::REFUSED_EXPORT)
        .and_then(|global| global.get(&mut *store).i32())
        .is_some_and(|flag| flag != 0)
}

/// Defines every WASI function and the meter's functions in `linker`.
fn add_to_linker(linker: &mut Linker<State>) -> Result<(), Error> {
    macro_rules! define {
        ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty => $func:path,)*) => {
            $(
                linker.func_wrap(
                    wasi::MODULE,
                    stringify!($name),
                    |mut caller: Caller<'_, State>, $($arg: $ty),*| -> Result<$ret, Error> {
                        $func(&mut WasmtimeCtx(&mut caller), $($arg),*).map_err(halt)
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

#[cfg(test)]
mod tests {
    use super::Compiled;
    use crate::{Budget, Ending, Input};

    fn run(wat: &str) -> Option<Ending> {
        let budget = Budget::default();
        let wasm = wat::parse_str(wat).unwrap();
        let metered =
            replica_meter::instrument(&wasm, &super::super::meter_config(&budget, None)).unwrap();
        let compiled = Compiled::new(&metered.wasm).unwrap();
        compiled
            .run(&Input::default(), &budget)
            .map(|outcome| outcome.ending)
    }

    const EXIT: &str = r#"(module
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        (func (export "_start") (call $exit (i32.const 3))))"#;

    /// Exits, the output cap and fuel are this engine's to report; a trap is not, so the
    /// run goes to wasmi. Without this, the cross-engine tests would pass even if every
    /// run fell back.
    #[test]
    fn wasmtime_reports_exits_and_fuel_and_hands_traps_back() {
        assert_eq!(run(EXIT), Some(Ending::Exited(3)));
        assert_eq!(
            run(r#"(module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))"#),
            Some(Ending::FuelExhausted)
        );
        assert_eq!(
            run(r#"(module (memory (export "memory") 1) (func (export "_start") unreachable))"#),
            None
        );
    }
}
