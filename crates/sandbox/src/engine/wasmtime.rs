//! The wasmtime engine: Cranelift compiles the metered module to native code, for the CLI
//! and every native grader. It runs the same WASI host as wasmi and counts fuel, depth
//! and memory with the module's own meter, so where a run ends by an exit, the output cap
//! or the fuel running out, its outcome is wasmi's byte for byte. A run that traps (or
//! reaches the metered stack limit, or overflows wasmtime's own stack first) is not
//! reported from here: [`Compiled::run`] says so and the caller runs it on wasmi.

use std::sync::OnceLock;

use wasmtime::{
    Caller, Config, Engine, Error, Extern, Global, InstanceAllocationStrategy, InstancePre, Linker,
    ModuleExport, PoolingAllocationConfig, Store, TypedFunc, Val,
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
        match self.fuel_global() {
            Some(global) => global.get(&mut *self.0).i64().unwrap_or(0),
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

impl WasmtimeCtx<'_, '_> {
    /// The counter; during instantiation (a start section), found by name and kept.
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

fn halt(stop: Stop) -> Error {
    Error::new(Halt::Stop(stop))
}

/// `replica_meter.out_of_fuel`: refill the counter from the reserve, or end the run.
fn out_of_fuel(mut caller: Caller<'_, State>) -> Result<(), Error> {
    let mut ctx = WasmtimeCtx(&mut caller);
    let counter = ctx.fuel();
    let slice = ctx.parts().1.meter.slice;
    wasi::refill(&mut ctx, counter, slice).map_err(halt)
}

/// `replica_meter.stack_exhausted` and `replica_meter.fallback`.
fn stack_exhausted(_caller: Caller<'_, State>) -> Result<(), Error> {
    Err(Error::new(Halt::Stack))
}

/// The engine configuration below, in words: part of every disk cache key (see
/// `crate::cache`), so change it with the configuration. The instance allocator is added
/// by [`config`].
const CODE_CONFIG: &str =
    "consume_fuel=false cranelift_nan_canonicalization=true wasm_tail_call=true";

/// Instances the pool holds at once: far more than runs at once (one per grading thread).
/// Each slot reserves address space for a 4 GiB memory (nothing is committed until a
/// guest touches it); a run that finds the pool full goes to wasmi, as a trap would.
const POOL_INSTANCES: u32 = 256;

/// Table elements a pooled table may have; a module whose table is larger (a task that
/// raises `table_elements` past this) fails to instantiate on wasmtime and runs on wasmi.
const POOL_TABLE_ELEMENTS: usize = 100_000;

static POOLING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Chooses wasmtime's instance allocator for this process: the pooling allocator (the
/// default: each run's instance, memory and table come from slots reserved once and
/// reset between runs, instead of mapping and unmapping memory per run) or on demand.
/// Takes effect only before the first module is compiled for wasmtime; for benchmarks
/// comparing the two. Outcomes are the same either way.
pub fn set_pooling(pooling: bool) {
    POOLING.store(pooling, std::sync::atomic::Ordering::Relaxed);
}

/// The configuration of [`engine`], in words, for the disk cache's key.
pub(crate) fn config() -> String {
    let allocator = match engine().map(|_| POOLED.get().copied().unwrap_or(false)) {
        Ok(true) => "pooling",
        _ => "on-demand",
    };
    format!("{CODE_CONFIG} allocator={allocator}")
}

/// Whether [`engine`] got the pooling allocator.
static POOLED: OnceLock<bool> = OnceLock::new();

/// The engine every module shares: one configuration, and compiling a module does not
/// pay for setting up an engine. With the pooling allocator unless [`set_pooling`] said
/// otherwise or the system refuses the pool's address space (then on demand).
pub(crate) fn engine() -> Result<&'static Engine, LoadError> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let base = || {
                let mut config = Config::new();
                config
                    .consume_fuel(false)
                    // Floats as wasmi's deterministic profile computes them: every NaN a
                    // float operation produces is the canonical one.
                    .cranelift_nan_canonicalization(true)
                    .wasm_tail_call(true);
                config
            };
            if POOLING.load(std::sync::atomic::Ordering::Relaxed) {
                let mut pool = PoolingAllocationConfig::new();
                pool.total_core_instances(POOL_INSTANCES)
                    .total_memories(POOL_INSTANCES)
                    .total_tables(POOL_INSTANCES)
                    .max_memory_size(1 << 32)
                    .table_elements(POOL_TABLE_ELEMENTS);
                let mut config = base();
                config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
                if let Ok(engine) = Engine::new(&config) {
                    let _ = POOLED.set(true);
                    return Ok(engine);
                }
            }
            let _ = POOLED.set(false);
            Engine::new(&base()).map_err(|error| format!("configuring wasmtime: {error:#}"))
        })
        .as_ref()
        .map_err(|error| LoadError::Invalid(error.clone()))
}

/// A module compiled by Cranelift and linked once with every host function: a run only
/// makes a store and instantiates. The metered module defines its fuel counter (see
/// `replica_meter::Config::export_fuel`), so no import differs between runs.
pub(crate) struct Compiled {
    pre: InstancePre<State>,
    memory: Option<ModuleExport>,
    fuel: ModuleExport,
    refused: ModuleExport,
    start: ModuleExport,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("wasmtime::Compiled").finish_non_exhaustive()
    }
}

impl Compiled {
    /// Compiles the metered module `wasm` with Cranelift; also returns wasmtime's module,
    /// for the disk cache to serialize. Use `crate::cache::compile`, which compiles each
    /// module once.
    pub(crate) fn new(wasm: &[u8]) -> Result<(Compiled, wasmtime::Module), LoadError> {
        let module = wasmtime::Module::new(engine()?, wasm)
            .map_err(|error| LoadError::Invalid(format!("{error:#}")))?;
        Ok((Compiled::link(&module)?, module))
    }

    /// Loads code `wasmtime::Module::serialize` wrote for this engine (see `crate::cache`).
    pub(crate) fn deserialize(code: &[u8]) -> Result<Compiled, LoadError> {
        let engine = engine()?;
        // SAFETY: wasmtime requires that the bytes be what `Module::serialize` produced
        // for a compatible engine, since it runs them as machine code. `crate::cache`
        // hands over only an entry whose SHA-256 matches the digest written beside it
        // when this process family serialized it, under a key naming wasmtime's version,
        // this engine's configuration and its compatibility hash, in the user's own cache
        // folder; wasmtime itself rejects a header of another version or configuration.
        #[allow(unsafe_code)]
        let module = unsafe { wasmtime::Module::deserialize(engine, code) }
            .map_err(|error| LoadError::Invalid(format!("{error:#}")))?;
        Compiled::link(&module)
    }

    /// Links `module` with every host function.
    fn link(module: &wasmtime::Module) -> Result<Compiled, LoadError> {
        let mut linker = Linker::new(module.engine());
        add_to_linker(&mut linker)
            .map_err(|error| LoadError::Link(format!("defining host functions: {error:#}")))?;
        let pre = linker
            .instantiate_pre(module)
            .map_err(|error| LoadError::Link(format!("{error:#}")))?;
        let export = |name: &str| {
            module
                .get_export_index(name)
                .ok_or_else(|| LoadError::Link(format!("the module exports no `{name}`")))
        };
        Ok(Compiled {
            memory: module.get_export_index("memory"),
            fuel: export(replica_meter::FUEL_EXPORT)?,
            refused: export(replica_meter::REFUSED_EXPORT)?,
            start: export("_start")?,
            pre,
        })
    }

    /// Runs `_start` in one go. `None` when the run trapped: only wasmi reports those.
    pub(crate) fn run(&self, input: &Input, budget: &Budget) -> Option<Outcome> {
        let host = start(input, budget, None);
        let mut store = Store::new(
            self.pre.module().engine(),
            State {
                host,
                memory: None,
                fuel: None,
            },
        );
        // A start section that exits or aborts is rare enough to leave to wasmi.
        let instance = self.pre.instantiate(&mut store).ok()?;
        let export = |store: &mut Store<State>, index: &ModuleExport| {
            instance.get_module_export(&mut *store, index)
        };
        store.data_mut().memory = self
            .memory
            .as_ref()
            .and_then(|index| export(&mut store, index))
            .and_then(Extern::into_memory);
        let fuel = export(&mut store, &self.fuel).and_then(Extern::into_global)?;
        store.data_mut().fuel = Some(fuel);
        let counter = fuel.get(&mut store).i64()?;
        let granted = store.data_mut().host.meter.grant(counter);
        fuel.set(&mut store, Val::I64(granted)).ok()?;
        let start: TypedFunc<(), ()> = export(&mut store, &self.start)
            .and_then(Extern::into_func)?
            .typed(&store)
            .ok()?;
        let result = match start.call(&mut store, ()) {
            Ok(()) => Ok(()),
            Err(error) => Err(ending_of(&error)?),
        };
        let counter = fuel.get(&mut store).i64().unwrap_or(0);
        let refused = export(&mut store, &self.refused)
            .and_then(Extern::into_global)
            .and_then(|global| global.get(&mut store).i32())
            .is_some_and(|flag| flag != 0);
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
        let (compiled, _) = Compiled::new(&metered.wasm).unwrap();
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
