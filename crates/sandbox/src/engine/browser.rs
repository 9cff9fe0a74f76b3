//! The browser's own engine (V8, SpiderMonkey, JavaScriptCore), for the grading worker:
//! the metered module is compiled with `WebAssembly.Module` and runs as native code beside
//! the worker's own module, which holds the WASI host. Like wasmtime natively, it reports
//! a run only when it ended by an exit, the output cap or the fuel running out, all
//! decided by the shared host code and the module's own counters; any trap, the metered
//! stack limit or the lower `fallback` threshold hands the run to wasmi (see
//! [`Compiled::run`]).
//!
//! What differs from the native engines, and how it is kept from showing:
//! - **Memory is another instance's.** Host calls reach it through a `Uint8Array` view on
//!   its buffer, made anew for each call (a grow detaches the old one); every access
//!   copies ([`crate::memory::Mem::js`]).
//! - **NaN bits.** Browser engines do not canonicalise NaNs, so the module run here is
//!   metered with `canonicalize_nans`, which makes every arithmetic NaN the canonical
//!   one, as wasmi and wasmtime give.
//! - **A small native stack.** Guest frames share the worker's stack (about 1 MB). The
//!   module is metered with a `fallback` threshold of [`FALLBACK_UNITS`] stack units,
//!   below the budget's; a guest that goes deeper is rerun on wasmi, whose stack is on
//!   its heap. Below the threshold the browser's own stack may still run out (how many
//!   bytes a unit takes depends on the frame's shape and the engine's tier): in guest
//!   code that is a `RangeError` trap, and the run goes to wasmi like any trap; before a
//!   host call, the worker's loader checks that about 140 KB of stack are left (its
//!   stack guard, `web/worker-loader.js`) and throws that trap itself otherwise. So the
//!   overflow never happens inside a host call, where it would unwind the host's Rust
//!   frames without running their destructors.
//! - **Host calls cannot return early.** A host function that stops the guest (exit,
//!   output cap, fuel) records why and throws; the exception unwinds the guest's frames
//!   back to [`Compiled::run`], which finds the recorded reason.
//! - **A start section** runs inside `new WebAssembly.Instance`, before the instance's
//!   exports (its memory) exist, so a host call there could not reach memory. Such
//!   modules (hand-written ones; toolchains do not emit start sections for commands) run
//!   on wasmi only.
//!
//! wasm-bindgen closures take at most eight arguments and `path_open` has nine, so every
//! host function is a closure over one dispatcher, given the arguments as an array by
//! `self.replicaVariadic`, a three-line function the worker's loader defines
//! (`web/worker-loader.js`). Without it, this engine is unavailable and wasmi runs
//! everything.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::{finish, start};
use crate::host::{Abort, Host};
use crate::memory::Mem;
use crate::wasi::{self, Ctx, Stop, wasi_functions};
use crate::{Budget, Ending, Input, Outcome};

/// Stack units (see `replica_meter`) past which a run leaves the browser's engine for
/// wasmi. A unit stands for a value of a frame; Chromium's frames take 8 to 16 bytes a
/// unit (measured in a worker: wide frames about 8, frames of a few values about 14), so
/// past this no guest fits in the worker's 1 MB stack anyway. Below it a deep guest may
/// overflow that stack, which ends as a trap and goes to wasmi too (see the module's
/// doc). CPython's start-up reaches about 63,000 units (base32's Python example;
/// base64's about 43,000), far over the 16,384 this once was, which sent every Python
/// run to wasmi.
pub(crate) const FALLBACK_UNITS: u64 = 131_072;

/// The global function, defined by the worker's loader, that turns a function of one
/// array into a function of any number of arguments: `(f, i) => (...a) => f(i, a)`.
const VARIADIC: &str = "replicaVariadic";

/// What a host function threw to stop the guest; the reason is in [`Run::halt`].
const HALT: &str = "replica: the host stopped the guest";

/// Why a host call stopped the guest.
#[derive(Debug, Clone, Copy)]
enum Halt {
    Stop(Stop),
    /// The metered stack limit or the fallback threshold: wasmi decides.
    Stack,
}

/// One run's state, lent to each host call.
#[derive(Debug)]
struct Run {
    host: Host,
    /// The guest's exported memory, once instantiation has made it.
    memory: Option<WebAssembly::Memory>,
    /// The metered fuel counter, the module's export `replica_meter:fuel`.
    fuel: Option<WebAssembly::Global>,
    /// Why the guest was stopped, when a host call stopped it.
    halt: Option<Halt>,
}

/// What the host closures share with [`Compiled`].
struct Shared {
    /// The run in progress. A host call takes it and puts it back, so if a call were
    /// ever unwound half-way (the browser's own stack overflowing inside it) the run is
    /// simply gone, and the run goes to wasmi, rather than a borrow staying held.
    run: Cell<Option<Run>>,
}

/// Host functions' view of a browser call.
struct BrowserCtx<'a> {
    run: &'a mut Run,
}

impl Ctx for BrowserCtx<'_> {
    fn parts(&mut self) -> (Option<Mem<'_>>, &mut Host) {
        let memory = self
            .run
            .memory
            .as_ref()
            .map(|memory| Mem::js(Uint8Array::new(&memory.buffer())));
        (memory, &mut self.run.host)
    }

    fn fuel(&mut self) -> i64 {
        self.run.fuel.as_ref().map_or(0, fuel_of)
    }

    fn set_fuel(&mut self, fuel: i64) {
        if let Some(global) = &self.run.fuel {
            global.set_value(&JsValue::from(fuel));
        }
    }
}

/// The value of the fuel counter (an i64 global: a BigInt on the JS side).
fn fuel_of(global: &WebAssembly::Global) -> i64 {
    i64::try_from(global.value()).unwrap_or(0)
}

/// A wasm argument of a host function, as the browser passes it.
trait FromJs {
    fn from_js(value: JsValue) -> Self;
}

impl FromJs for i32 {
    fn from_js(value: JsValue) -> i32 {
        // The browser passes an i32 as a Number holding exactly that value.
        value.as_f64().map_or(0, |number| number as i32)
    }
}

impl FromJs for i64 {
    fn from_js(value: JsValue) -> i64 {
        // And an i64 as a BigInt in its range.
        i64::try_from(value).unwrap_or(0)
    }
}

/// A host function's result, as the browser takes it.
trait ToJs {
    fn to_js(self) -> JsValue;
}

impl ToJs for i32 {
    fn to_js(self) -> JsValue {
        JsValue::from(self)
    }
}

impl ToJs for () {
    fn to_js(self) -> JsValue {
        JsValue::UNDEFINED
    }
}

/// The host functions by index: the WASI list in order, then the meter's three.
macro_rules! dispatcher {
    ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty => $func:path,)*) => {
        /// The WASI functions' names, by index.
        const WASI_NAMES: &[&str] = &[$(stringify!($name)),*];

        fn dispatch(index: u32, ctx: &mut BrowserCtx<'_>, args: &Array) -> Result<JsValue, Halt> {
            let mut at = 0;
            $(
                if index == at {
                    #[allow(unused_mut)]
                    let mut next = 0;
                    $(
                        let $arg = <$ty as FromJs>::from_js(args.get(next));
                        next += 1;
                    )*
                    let _ = next;
                    return $func(ctx, $($arg),*).map(ToJs::to_js).map_err(Halt::Stop);
                }
                at += 1;
            )*
            match index - at {
                OUT_OF_FUEL => {
                    let counter = ctx.fuel();
                    let slice = ctx.run.host.meter.slice;
                    wasi::refill(ctx, counter, slice)
                        .map(|()| JsValue::UNDEFINED)
                        .map_err(Halt::Stop)
                }
                // `stack_exhausted` and `fallback`.
                _ => Err(Halt::Stack),
            }
        }
    };
}
wasi_functions!(dispatcher);

/// The meter's functions, by index after the WASI ones.
const OUT_OF_FUEL: u32 = 0;
const METER_NAMES: [&str; 3] = [
    replica_meter::OUT_OF_FUEL,
    replica_meter::STACK_EXHAUSTED,
    replica_meter::FALLBACK,
];

/// Runs host function `index` with the run in progress.
fn call(shared: &Shared, index: u32, args: &Array) -> Result<JsValue, JsValue> {
    let Some(mut run) = shared.run.take() else {
        // Only a guest still running after its run ended could call; stop it.
        return Err(JsValue::from_str(HALT));
    };
    let mut ctx = BrowserCtx { run: &mut run };
    let result = match dispatch(index, &mut ctx, args) {
        Ok(value) => Ok(value),
        Err(halt) => {
            run.halt = Some(halt);
            Err(JsValue::from_str(HALT))
        }
    };
    shared.run.set(Some(run));
    result
}

/// A module compiled by the browser, with the import object holding every host function.
pub(crate) struct Compiled {
    module: WebAssembly::Module,
    imports: Object,
    shared: Rc<Shared>,
    /// Keeps the host functions alive as long as the module.
    _host: Closure<dyn FnMut(u32, Array) -> Result<JsValue, JsValue>>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("browser::Compiled").finish_non_exhaustive()
    }
}

impl Compiled {
    /// Compiles the module `wasm`, metered for this engine (with `canonicalize_nans` and
    /// [`FALLBACK_UNITS`]). `None` when this engine cannot run it: outside a worker whose
    /// loader defines `replicaVariadic`, for a module with a start section, or when the
    /// browser rejects the module.
    pub(crate) fn new(wasm: &[u8]) -> Option<Compiled> {
        if has_start(wasm) {
            return None;
        }
        let variadic: Function = Reflect::get(&js_sys::global(), &VARIADIC.into())
            .ok()?
            .dyn_into()
            .ok()?;
        let module = WebAssembly::Module::new(&Uint8Array::from(wasm).into()).ok()?;
        let shared = Rc::new(Shared {
            run: Cell::new(None),
        });
        let host = {
            let shared = Rc::clone(&shared);
            Closure::<dyn FnMut(u32, Array) -> Result<JsValue, JsValue>>::new(
                move |index: u32, args: Array| call(&shared, index, &args),
            )
        };
        let function = |index: usize| {
            variadic
                .call2(&JsValue::NULL, host.as_ref(), &JsValue::from(index as u32))
                .ok()
        };
        let wasi_imports = Object::new();
        for (index, name) in WASI_NAMES.iter().enumerate() {
            Reflect::set(&wasi_imports, &(*name).into(), &function(index)?).ok()?;
        }
        let meter_imports = Object::new();
        for (index, name) in METER_NAMES.iter().enumerate() {
            let function = function(WASI_NAMES.len() + index)?;
            Reflect::set(&meter_imports, &(*name).into(), &function).ok()?;
        }
        let imports = Object::new();
        Reflect::set(&imports, &wasi::MODULE.into(), &wasi_imports).ok()?;
        Reflect::set(
            &imports,
            &replica_meter::IMPORT_MODULE.into(),
            &meter_imports,
        )
        .ok()?;
        Some(Compiled {
            module,
            imports,
            shared,
            _host: host,
        })
    }

    /// Runs `_start` in one go. `None` when the run trapped, went past the fallback
    /// threshold, or the browser refused something (memory for a new instance): wasmi
    /// reports those.
    pub(crate) fn run(&self, input: &Input, budget: &Budget) -> Option<Outcome> {
        self.shared.run.set(Some(Run {
            host: start(input, budget, None),
            memory: None,
            fuel: None,
            halt: None,
        }));
        let outcome = self.go(budget);
        // Whatever happened, no run is left behind for the next one.
        self.shared.run.set(None);
        outcome
    }

    fn go(&self, budget: &Budget) -> Option<Outcome> {
        let instance = WebAssembly::Instance::new(&self.module, &self.imports).ok()?;
        let exports = instance.exports();
        let memory = Reflect::get(&exports, &"memory".into())
            .ok()
            .and_then(|memory| memory.dyn_into::<WebAssembly::Memory>().ok());
        let fuel: WebAssembly::Global = Reflect::get(&exports, &replica_meter::FUEL_EXPORT.into())
            .ok()?
            .dyn_into()
            .ok()?;
        // The module's counter starts at 0; the run's budget goes in now (see
        // `crate::host::Meter`).
        let mut run = self.shared.run.take()?;
        let granted = run.host.meter.grant(fuel_of(&fuel));
        fuel.set_value(&JsValue::from(granted));
        run.memory = memory;
        run.fuel = Some(fuel.clone());
        self.shared.run.set(Some(run));
        let entry: Function = Reflect::get(&exports, &"_start".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let called = entry.call0(&JsValue::UNDEFINED);
        // Gone only if a host call was unwound half-way: the browser's doing, not the
        // guest's, so wasmi runs it again.
        let run = self.shared.run.take()?;
        let result = match called {
            Ok(_) => Ok(()),
            Err(_) => Err(match run.halt? {
                Halt::Stop(Stop::Exit(code)) => Ending::Exited(code),
                Halt::Stop(Stop::Abort(Abort::OutputLimit)) => Ending::OutputLimit,
                Halt::Stop(Stop::Abort(Abort::OutOfFuel)) => Ending::FuelExhausted,
                Halt::Stack => return None,
            }),
        };
        let counter = i64::try_from(fuel.value()).ok()?;
        let refused = Reflect::get(&exports, &replica_meter::REFUSED_EXPORT.into())
            .ok()
            .and_then(|global| global.dyn_into::<WebAssembly::Global>().ok())
            .and_then(|global| global.value().as_f64())
            .is_some_and(|flag| flag != 0.0);
        Some(finish(run.host, budget, result, counter, refused))
    }
}

/// Whether the module has a start section.
fn has_start(wasm: &[u8]) -> bool {
    wasmparser::Parser::new(0)
        .parse_all(wasm)
        .any(|payload| matches!(payload, Ok(wasmparser::Payload::StartSection { .. })))
}
