//! Cranelift on a background thread, for [`crate::Engine::Wasmtime`]: runs start on wasmi
//! while the module compiles, and take the compiled code once it is ready.

use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;

use crate::engine::wasmtime::Compiled;

/// A module being compiled by wasmtime, then compiled (or not: a module wasmtime cannot
/// compile just stays on wasmi).
pub(crate) struct Background {
    pending: Mutex<Option<JoinHandle<Option<Compiled>>>>,
    done: OnceLock<Option<Compiled>>,
}

impl Background {
    /// Starts compiling the metered module `wasm`. Dropping the result before it is done
    /// leaves the thread to finish and its code unused.
    pub(crate) fn start(wasm: Vec<u8>) -> Background {
        let spawned = std::thread::Builder::new()
            .name("replica-cranelift".to_owned())
            .spawn(move || Compiled::new(&wasm).ok());
        let background = Background {
            pending: Mutex::new(None),
            done: OnceLock::new(),
        };
        match spawned {
            Ok(handle) => *background.lock() = Some(handle),
            // No thread to spare: every run stays on wasmi.
            Err(_) => {
                let _ = background.done.set(None);
            }
        }
        background
    }

    /// The compiled module, once it is ready: `None` while it compiles, and when it did
    /// not compile. Never waits for the compiler.
    pub(crate) fn get(&self) -> Option<&Compiled> {
        self.get_or_wait(false)
    }

    /// The compiled module, waiting for the compiler.
    #[cfg(test)]
    pub(crate) fn wait(&self) -> Option<&Compiled> {
        self.get_or_wait(true)
    }

    fn get_or_wait(&self, wait: bool) -> Option<&Compiled> {
        if let Some(done) = self.done.get() {
            return done.as_ref();
        }
        let mut pending = self.lock();
        if self.done.get().is_none() {
            if !wait && pending.as_ref().is_some_and(|handle| !handle.is_finished()) {
                return None;
            }
            // A compiler that panicked compiled nothing.
            let compiled = pending
                .take()
                .and_then(|handle| handle.join().ok())
                .flatten();
            let _ = self.done.set(compiled);
        }
        drop(pending);
        self.done.get().and_then(Option::as_ref)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<JoinHandle<Option<Compiled>>>> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
