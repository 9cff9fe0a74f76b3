//! Cranelift on a background thread, for [`crate::Engine::Wasmtime`]: runs go to wasmi
//! until the module is worth compiling and compiled, then take the compiled code.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::JoinHandle;

use crate::engine::wasmtime::Compiled;

/// Fuel a module's runs may spend on wasmi in all before Cranelift compiles it, when none
/// of them is long (a run past [`crate::TIER_FUEL`] starts the compiler at once). Cranelift
/// takes about 0.4 s of a core for a 150 KB Rust module (spread over every core, with
/// wasmtime's `parallel-compilation`), the time wasmi needs for some 40
/// to 250 million fuel (100 million a second on tiny runs, which are mostly start-up, 650
/// million on long ones): past this much interpreted work the compiler is likely to pay
/// for itself, and below it a module that only ever runs tiny cases (a task's examples,
/// one `replica exec`) never spends a core on code it would not use.
pub(crate) const COMPILE_AFTER_FUEL: u64 = 50_000_000;

/// Where the compiler stands.
enum Stage {
    /// Not started: the metered module to compile.
    Waiting(Vec<u8>),
    Running(JoinHandle<Option<Arc<Compiled>>>),
    /// Done; the result is in `done`.
    Finished,
}

/// A module wasmtime may compile, is compiling or has compiled (or not: a module wasmtime
/// cannot compile stays on wasmi).
pub(crate) struct Background {
    stage: Mutex<Stage>,
    done: OnceLock<Option<Arc<Compiled>>>,
    /// Fuel the module's finished runs used on wasmi so far.
    interpreted: AtomicU64,
}

impl Background {
    /// A compiler for the metered module `wasm`, not started yet; or, when this process
    /// or the disk cache has the module's code already (see `crate::cache`), that code,
    /// ready for the first run.
    pub(crate) fn new(wasm: Vec<u8>) -> Background {
        let done = OnceLock::new();
        if let Some(compiled) = crate::cache::cached(&wasm) {
            let _ = done.set(Some(compiled));
            return Background {
                stage: Mutex::new(Stage::Finished),
                done,
                interpreted: AtomicU64::new(0),
            };
        }
        Background {
            stage: Mutex::new(Stage::Waiting(wasm)),
            done,
            interpreted: AtomicU64::new(0),
        }
    }

    /// Notes that a run on wasmi used `fuel`; past [`COMPILE_AFTER_FUEL`] in all, starts
    /// the compiler.
    pub(crate) fn interpreted(&self, fuel: u64) {
        let before = self.interpreted.fetch_add(fuel, Ordering::Relaxed);
        if before.saturating_add(fuel) >= COMPILE_AFTER_FUEL {
            self.start();
        }
    }

    /// Starts the compiler if it is not running or done. Dropping the `Background` before
    /// it is done leaves the thread to finish and its code unused.
    pub(crate) fn start(&self) {
        let mut stage = self.lock();
        if !matches!(*stage, Stage::Waiting(_)) {
            return;
        }
        let Stage::Waiting(wasm) = std::mem::replace(&mut *stage, Stage::Finished) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("replica-cranelift".to_owned())
            .spawn(move || crate::cache::compile(&wasm).ok());
        match spawned {
            Ok(handle) => *stage = Stage::Running(handle),
            // No thread to spare: every run stays on wasmi.
            Err(_) => {
                let _ = self.done.set(None);
            }
        }
    }

    /// The compiled module, once it is ready: `None` before, and when it did not compile.
    /// Never waits for the compiler.
    pub(crate) fn get(&self) -> Option<&Compiled> {
        self.get_or_wait(false)
    }

    /// The compiled module, starting the compiler and waiting for it.
    #[cfg(test)]
    pub(crate) fn wait(&self) -> Option<&Compiled> {
        self.start();
        self.get_or_wait(true)
    }

    fn get_or_wait(&self, wait: bool) -> Option<&Compiled> {
        if let Some(done) = self.done.get() {
            return done.as_deref();
        }
        let mut stage = self.lock();
        if let Stage::Running(handle) = &*stage
            && (wait || handle.is_finished())
            && let Stage::Running(handle) = std::mem::replace(&mut *stage, Stage::Finished)
        {
            // A compiler that panicked compiled nothing.
            let _ = self.done.set(handle.join().ok().flatten());
        }
        drop(stage);
        self.done.get().and_then(Option::as_deref)
    }

    /// Whether the compiler was started.
    #[cfg(test)]
    pub(crate) fn started(&self) -> bool {
        !matches!(*self.lock(), Stage::Waiting(_))
    }

    fn lock(&self) -> MutexGuard<'_, Stage> {
        self.stage.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
