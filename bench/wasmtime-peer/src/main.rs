//! `wasmtime-peer`: runs one WASI preview1 command module under wasmtime (Cranelift JIT),
//! with the process's stdin, stdout and stderr, and exits with the guest's code: what
//! `wasmtime run MODULE ARGS...` does, built only for `cargo xtask bench`.
//!
//! ```text
//! wasmtime-peer [--fuel N] [--repeat K] MODULE.wasm [ARGS...]
//! ```
//!
//! `--fuel N` turns on wasmtime's fuel metering with a budget of N (the instruction-count
//! metering a faster grading engine would need); without it the guest runs unmetered.
//! `--repeat K` compiles the module once and runs it K times in fresh stores, each on empty
//! stdin with its output discarded: the in-process per-case cost of a wasmtime harness.
//! Exit status: the guest's exit code; 125 when the guest trapped or ran out of fuel; 2 on
//! a usage or harness error.

use std::process::ExitCode;

use wasmtime::error::Context as _;
use wasmtime::{Result, bail};
use wasmtime::{Config, Engine, Linker, Module, Store};
use wasmtime_wasi::WasiCtxBuilder;
use wasmtime_wasi::p1::{self, WasiP1Ctx};

struct Options {
    fuel: Option<u64>,
    repeat: Option<u64>,
    module: String,
    args: Vec<String>,
}

fn parse() -> Result<Options> {
    let mut fuel = None;
    let mut repeat = None;
    let mut args = std::env::args().skip(1);
    let module = loop {
        match args.next().as_deref() {
            Some("--fuel") => fuel = Some(args.next().context("--fuel needs a number")?.parse()?),
            Some("--repeat") => {
                repeat = Some(args.next().context("--repeat needs a number")?.parse()?)
            }
            Some(flag) if flag.starts_with("--") => bail!("unknown flag {flag}"),
            Some(module) => break module.to_owned(),
            None => bail!("usage: wasmtime-peer [--fuel N] [--repeat K] MODULE.wasm [ARGS...]"),
        }
    };
    Ok(Options {
        fuel,
        repeat,
        module,
        args: args.collect(),
    })
}

/// How one run ended.
enum Ending {
    Exited(i32),
    Trapped(String),
}

fn run_once(
    engine: &Engine,
    linker: &Linker<WasiP1Ctx>,
    module: &Module,
    options: &Options,
    inherit: bool,
) -> Result<Ending> {
    let mut builder = WasiCtxBuilder::new();
    if inherit {
        builder.inherit_stdio();
    }
    let mut argv = vec![options.module.clone()];
    argv.extend(options.args.iter().cloned());
    builder.args(&argv);
    let mut store = Store::new(engine, builder.build_p1());
    if let Some(fuel) = options.fuel {
        store.set_fuel(fuel)?;
    }
    let instance = linker.instantiate(&mut store, module)?;
    let start = instance.get_typed_func::<(), ()>(&mut store, "_start")?;
    Ok(match start.call(&mut store, ()) {
        Ok(()) => Ending::Exited(0),
        Err(error) => match error.downcast_ref::<wasmtime_wasi::I32Exit>() {
            Some(exit) => Ending::Exited(exit.0),
            None => Ending::Trapped(format!("{error:#}")),
        },
    })
}

fn run() -> Result<ExitCode> {
    let options = parse()?;
    let mut config = Config::new();
    config.consume_fuel(options.fuel.is_some());
    let engine = Engine::new(&config)?;
    let module = Module::from_file(&engine, &options.module)
        .with_context(|| format!("loading {}", options.module))?;
    let mut linker = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |ctx| ctx)?;
    let (runs, inherit) = match options.repeat {
        Some(k) => (k, false),
        None => (1, true),
    };
    let mut last = Ending::Exited(0);
    for _ in 0..runs {
        last = run_once(&engine, &linker, &module, &options, inherit)?;
        if let Ending::Trapped(why) = &last {
            eprintln!("wasmtime-peer: the guest trapped: {why}");
            return Ok(ExitCode::from(125));
        }
    }
    match last {
        Ending::Exited(code) => Ok(ExitCode::from(code as u8)),
        Ending::Trapped(_) => Ok(ExitCode::from(125)),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("wasmtime-peer: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
