//! Runs instrumented modules in wasmi with a recording host for the meter's imports.

#![allow(dead_code)] // Each test file uses a different part of the harness.

use replica_meter::{
    Config, FALLBACK, FUEL, IMPORT_MODULE, OUT_OF_FUEL, REFUSED_EXPORT, STACK_EXHAUSTED, instrument,
};
use wasmi::{Caller, Engine, Extern, Global, Linker, Module, Mutability, Store, Val};

/// Roomy caps, for tests about something else than the caps.
pub const ROOMY: Config = Config {
    stack_depth: 500,
    stack_units: u64::MAX,
    fallback_units: None,
    memory_pages: 65_536,
    table_elements: u32::MAX as u64,
};

/// What the host's `out_of_fuel` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refill {
    /// Traps with "out of fuel".
    Never,
    /// Adds `size` fuel as many times as it takes to make the counter non-negative, as
    /// long as the fuel granted in all stays within `budget` (the initial fuel included);
    /// then traps.
    Slices { size: i64, budget: i64 },
}

/// Everything a run showed the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The results (integers only, as i64) or the trap's message.
    pub result: Result<Vec<i64>, String>,
    /// Fuel granted minus fuel left: what the guest consumed.
    pub fuel_used: i64,
    /// The fuel counter each time `out_of_fuel` was called.
    pub out_of_fuel_at: Vec<i64>,
    pub stack_exhausted: u32,
    pub fallback: u32,
    pub refused: i32,
}

#[derive(Debug, Default)]
struct Host {
    fuel: Option<Global>,
    refill: Option<Refill>,
    granted: i64,
    out_of_fuel_at: Vec<i64>,
    stack_exhausted: u32,
    fallback: u32,
}

pub fn wasm(wat: &str) -> Vec<u8> {
    wat::parse_str(wat).expect("test module parses")
}

/// Instruments `wat` and checks that the output validates.
pub fn meter(wat: &str, config: &Config) -> replica_meter::Metered {
    let metered = instrument(&wasm(wat), config).expect("test module instruments");
    wasmparser::validate(&metered.wasm).expect("instrumented module validates");
    metered
}

/// Instruments `wat` with `config` and calls `export` with `args`, starting from `fuel`.
pub fn run(
    wat: &str,
    config: &Config,
    fuel: i64,
    refill: Refill,
    export: &str,
    args: &[Val],
) -> Outcome {
    run_wasm(&meter(wat, config).wasm, fuel, refill, export, args)
}

/// Like [`run`] with roomy caps and plenty of fuel.
pub fn run_roomy(wat: &str, export: &str, args: &[Val]) -> Outcome {
    run(wat, &ROOMY, 1 << 40, Refill::Never, export, args)
}

pub fn run_wasm(wasm: &[u8], fuel: i64, refill: Refill, export: &str, args: &[Val]) -> Outcome {
    let engine = Engine::new(&wasmi::Config::default());
    let module = Module::new(&engine, wasm).expect("wasmi compiles the instrumented module");
    let mut store = Store::new(
        &engine,
        Host {
            refill: Some(refill),
            granted: fuel,
            ..Host::default()
        },
    );
    let global = Global::new(&mut store, Val::I64(fuel), Mutability::Var);
    store.data_mut().fuel = Some(global);
    let mut linker = Linker::<Host>::new(&engine);
    linker.define(IMPORT_MODULE, FUEL, global).unwrap();
    linker
        .func_wrap(IMPORT_MODULE, OUT_OF_FUEL, out_of_fuel)
        .unwrap();
    linker
        .func_wrap(
            IMPORT_MODULE,
            STACK_EXHAUSTED,
            |mut caller: Caller<'_, Host>| -> Result<(), wasmi::Error> {
                caller.data_mut().stack_exhausted += 1;
                Err(wasmi::Error::new("stack exhausted"))
            },
        )
        .unwrap();
    linker
        .func_wrap(
            IMPORT_MODULE,
            FALLBACK,
            |mut caller: Caller<'_, Host>| -> Result<(), wasmi::Error> {
                caller.data_mut().fallback += 1;
                Err(wasmi::Error::new("fallback"))
            },
        )
        .unwrap();
    define_env(&mut linker);
    let (result, refused) = match linker.instantiate_and_start(&mut store, &module) {
        Err(error) => (Err(error.to_string()), 0),
        Ok(instance) => {
            let result = invoke(&mut store, instance, export, args);
            let refused = match instance
                .get_global(&store, REFUSED_EXPORT)
                .map(|g| g.get(&store))
            {
                Some(Val::I32(flag)) => flag,
                other => panic!("{REFUSED_EXPORT} holds {other:?}"),
            };
            (result, refused)
        }
    };
    let left = match global.get(&store) {
        Val::I64(left) => left,
        other => panic!("fuel global holds {other:?}"),
    };
    let host = store.data();
    Outcome {
        result,
        fuel_used: host.granted - left,
        out_of_fuel_at: host.out_of_fuel_at.clone(),
        stack_exhausted: host.stack_exhausted,
        fallback: host.fallback,
        refused,
    }
}

fn out_of_fuel(mut caller: Caller<'_, Host>) -> Result<(), wasmi::Error> {
    let global = caller.data().fuel.expect("fuel global is set");
    let Val::I64(mut left) = global.get(&caller) else {
        panic!("fuel global is not an i64");
    };
    caller.data_mut().out_of_fuel_at.push(left);
    match caller.data().refill {
        Some(Refill::Slices { size, budget }) => {
            while left < 0 {
                if caller.data().granted + size > budget {
                    return Err(wasmi::Error::new("out of fuel"));
                }
                caller.data_mut().granted += size;
                left += size;
            }
            global.set(&mut caller, Val::I64(left)).unwrap();
            Ok(())
        }
        _ => Err(wasmi::Error::new("out of fuel")),
    }
}

/// Imports a few test modules use: `env.reenter` calls the guest's export `leaf` back,
/// `env.twice` doubles an i32.
fn define_env(linker: &mut Linker<Host>) {
    linker
        .func_wrap(
            "env",
            "reenter",
            |mut caller: Caller<'_, Host>| -> Result<(), wasmi::Error> {
                let Some(Extern::Func(leaf)) = caller.get_export("leaf") else {
                    return Err(wasmi::Error::new("no leaf export"));
                };
                leaf.call(&mut caller, &[], &mut [])
            },
        )
        .unwrap();
    linker
        .func_wrap("env", "twice", |x: i32| x.wrapping_mul(2))
        .unwrap();
}

fn invoke(
    store: &mut Store<Host>,
    instance: wasmi::Instance,
    export: &str,
    args: &[Val],
) -> Result<Vec<i64>, String> {
    let func = instance
        .get_func(&*store, export)
        .unwrap_or_else(|| panic!("no export {export}"));
    let results = func.ty(&*store).results().len();
    let mut values = vec![Val::I32(0); results];
    func.call(&mut *store, args, &mut values)
        .map_err(|error| error.to_string())?;
    Ok(values.iter().map(integer).collect())
}

pub fn integer(value: &Val) -> i64 {
    match value {
        Val::I32(x) => i64::from(*x),
        Val::I64(x) => *x,
        other => panic!("non-integer result {other:?}"),
    }
}

/// Runs the ORIGINAL module in wasmi (no meter), with the same `env` imports.
pub fn run_original(wat: &str, export: &str, args: &[Val]) -> Result<Vec<i64>, String> {
    let engine = Engine::new(&wasmi::Config::default());
    let module = Module::new(&engine, wasm(wat)).expect("wasmi compiles the module");
    let mut store = Store::new(&engine, Host::default());
    let mut linker = Linker::<Host>::new(&engine);
    define_env(&mut linker);
    let instance = linker
        .instantiate_and_start(&mut store, &module)
        .map_err(|error| error.to_string())?;
    invoke(&mut store, instance, export, args)
}
