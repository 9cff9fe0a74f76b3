//! Runs instrumented modules in wasmi with a recording host for the meter's imports.

#![allow(dead_code)] // Each test file uses a different part of the harness.

use replica_meter::{
    Config, FALLBACK, FUEL, IMPORT_MODULE, OUT_OF_FUEL, REFUSED_EXPORT, STACK_EXHAUSTED, instrument,
};
use wasmi::{Caller, Engine, Extern, Global, Linker, Module, Mutability, Store, Val};

/// Roomy caps, for tests about something else than the caps.
pub const ROOMY: Config = Config {
    export_fuel: false,
    stack_depth: 500,
    stack_units: u64::MAX,
    fallback_units: None,
    memory_pages: 65_536,
    table_elements: u32::MAX as u64,
    canonicalize_nans: false,
};

/// What the host's `out_of_fuel` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refill {
    /// Traps with "out of fuel".
    Never,
    /// Adds the fewest whole slices of `size` fuel that make the counter non-negative, if
    /// the fuel granted in all (the initial fuel included) stays within `budget`; else
    /// traps with "out of fuel", granting nothing.
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
    /// What the guest wrote to WASI's fd 1.
    pub stdout: Vec<u8>,
}

#[derive(Debug, Default)]
struct Host {
    fuel: Option<Global>,
    refill: Option<Refill>,
    granted: i64,
    out_of_fuel_at: Vec<i64>,
    stack_exhausted: u32,
    fallback: u32,
    stdout: Vec<u8>,
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
        stdout: host.stdout.clone(),
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
            // The fewest whole slices that make the counter non-negative, all or none.
            let slices = (-left + size - 1) / size;
            if caller.data().granted + slices * size > budget {
                return Err(wasmi::Error::new("out of fuel"));
            }
            caller.data_mut().granted += slices * size;
            left += slices * size;
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
    define_wasi(linker);
}

/// Just enough WASI preview1 for a Rust `println!` program: one argument, `hello`, no
/// environment, and fd 1 captured.
fn define_wasi(linker: &mut Linker<Host>) {
    const WASI: &str = "wasi_snapshot_preview1";
    fn memory(caller: &Caller<'_, Host>) -> wasmi::Memory {
        match caller.get_export("memory") {
            Some(Extern::Memory(memory)) => memory,
            _ => panic!("the guest exports no memory"),
        }
    }
    fn write_u32(caller: &mut Caller<'_, Host>, at: i32, value: u32) {
        let memory = memory(caller);
        memory
            .write(caller, at as u32 as usize, &value.to_le_bytes())
            .unwrap();
    }
    fn read_u32(caller: &Caller<'_, Host>, at: u32) -> u32 {
        let mut bytes = [0; 4];
        memory(caller)
            .read(caller, at as usize, &mut bytes)
            .unwrap();
        u32::from_le_bytes(bytes)
    }
    linker
        .func_wrap(
            WASI,
            "args_sizes_get",
            |mut caller: Caller<'_, Host>, argc: i32, size: i32| {
                write_u32(&mut caller, argc, 1);
                write_u32(&mut caller, size, 6);
                0i32
            },
        )
        .unwrap();
    linker
        .func_wrap(
            WASI,
            "args_get",
            |mut caller: Caller<'_, Host>, argv: i32, buf: i32| {
                write_u32(&mut caller, argv, buf as u32);
                let memory = memory(&caller);
                memory
                    .write(&mut caller, buf as u32 as usize, b"hello\0")
                    .unwrap();
                0i32
            },
        )
        .unwrap();
    linker
        .func_wrap(
            WASI,
            "environ_sizes_get",
            |mut caller: Caller<'_, Host>, count: i32, size: i32| {
                write_u32(&mut caller, count, 0);
                write_u32(&mut caller, size, 0);
                0i32
            },
        )
        .unwrap();
    linker
        .func_wrap(WASI, "environ_get", |_: i32, _: i32| 0i32)
        .unwrap();
    linker
        .func_wrap(
            WASI,
            "fd_write",
            |mut caller: Caller<'_, Host>, fd: i32, iovs: i32, len: i32, written: i32| {
                let mut total = 0;
                for i in 0..len as u32 {
                    let iov = iovs as u32 + 8 * i;
                    let (base, n) = (read_u32(&caller, iov), read_u32(&caller, iov + 4));
                    let mut bytes = vec![0; n as usize];
                    memory(&caller)
                        .read(&caller, base as usize, &mut bytes)
                        .unwrap();
                    if fd == 1 {
                        caller.data_mut().stdout.extend_from_slice(&bytes);
                    }
                    total += n;
                }
                write_u32(&mut caller, written, total);
                0i32
            },
        )
        .unwrap();
    linker
        .func_wrap(WASI, "proc_exit", |code: i32| -> Result<(), wasmi::Error> {
            Err(wasmi::Error::i32_exit(code))
        })
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
    run_original_wasm(&wasm(wat), export, args).0
}

/// Like [`run_original`] on bytes; also returns what the guest wrote to fd 1.
pub fn run_original_wasm(
    wasm: &[u8],
    export: &str,
    args: &[Val],
) -> (Result<Vec<i64>, String>, Vec<u8>) {
    let engine = Engine::new(&wasmi::Config::default());
    let module = Module::new(&engine, wasm).expect("wasmi compiles the module");
    let mut store = Store::new(&engine, Host::default());
    let mut linker = Linker::<Host>::new(&engine);
    define_env(&mut linker);
    let result = linker
        .instantiate_and_start(&mut store, &module)
        .map_err(|error| error.to_string())
        .and_then(|instance| invoke(&mut store, instance, export, args));
    (result, store.data().stdout.clone())
}
