//! What is graded: a WASI module, a module compiled from source by a named toolchain, or
//! source code that a language runtime runs.
//!
//! A language runtime ([`Runtime`]) is a task-independent WASI command (CPython,
//! QuickJS) that reads the candidate's program from `/.replica/program`, a read-only
//! preopen outside the candidate's tree ([`replica_sandbox::Input::source`]), so the program is
//! never part of the tree a task compares, of a diff or of the report's input. `argv[0]`
//! stays the task's program name; the runtime's own arguments go between it and the
//! case's, and its environment before the case's.

use std::sync::{Arc, Mutex};

use replica_runtimes::{Built, Invocation, Language};
use replica_sandbox::{Budget, Engine, Input, LoadError, Module};

use crate::limits::RuntimeAllowance;

/// What is graded, borrowed: the one thing [`crate::grade_candidate`] takes.
#[derive(Debug, Clone, Copy)]
pub enum Candidate<'a> {
    /// A WASI command module.
    Wasm(&'a [u8]),
    /// A module built from source by a compiler the report names (C with clang).
    Compiled {
        /// The module.
        wasm: &'a [u8],
        /// The source language, as [`crate::SubmissionRef::language`] writes it (`c`).
        language: &'a str,
        /// The compiler, e.g. `clang` `14.0.6`.
        compiler: &'a crate::RuntimeRef,
    },
    /// A program a language runtime runs.
    Source {
        /// The runtime, which names the language.
        runtime: &'a Runtime,
        /// The program's text as submitted.
        source: &'a [u8],
    },
}

impl<'a> Candidate<'a> {
    /// A plain module.
    pub fn wasm(wasm: &'a [u8]) -> Candidate<'a> {
        Candidate::Wasm(wasm)
    }

    /// What the candidate's runtime adds to every case's fuel limit (see
    /// [`crate::limits`]): nothing for a module; for a program a runtime runs, the
    /// runtime's slowdown factor ([`Runtime::factor`]) and, as start-up, the fuel of the
    /// runtime's check of this very program (`check_fuel`: start-up plus compiling the
    /// program, deterministic) plus the runtime's measured start-up of an empty program.
    pub fn allowance(&self, check_fuel: Option<u64>) -> RuntimeAllowance {
        match self {
            Candidate::Wasm(_) | Candidate::Compiled { .. } => RuntimeAllowance::NONE,
            // A case does more before the program's own work than the check does (the
            // check compiles the program but runs none of it: no imports, no prelude
            // for QuickJS), so the allowance is the check's fuel plus the runtime's
            // measured start-up of an empty program.
            Candidate::Source { runtime, .. } => RuntimeAllowance {
                startup_fuel: check_fuel.unwrap_or(0).saturating_add(runtime.startup),
                factor: runtime.factor,
            },
        }
    }
}

/// A language runtime: a WASI command that runs the program at `/.replica/program`.
pub struct Runtime {
    /// The language it runs, as reports write it: `python`, `javascript`.
    pub language: String,
    /// The runtime's name: `cpython`, `quickjs-ng`.
    pub name: String,
    /// The runtime's version.
    pub version: String,
    /// The module.
    pub module: Arc<Vec<u8>>,
    /// `sha256:<hex>` of `module`.
    pub digest: String,
    /// How each case runs the program.
    pub run: Invocation,
    /// How the program is checked before any case runs: the runtime compiles it without
    /// running it and exits 0, or prints why not and exits non-zero, and the submission
    /// gets CE on every case with that message (a syntax error). `None`: no check.
    pub check: Option<Invocation>,
    /// The fuel an empty program uses, measured once per runtime build (`replica
    /// runtimes`). The check of a program runs under the task's fuel budget plus this;
    /// a runtime without a check gets it as every case's start-up allowance.
    pub startup: u64,
    /// How many times more fuel than compiled code the runtime needs for the same work:
    /// multiplies `k` in every case's limit (see [`crate::limits`]). A constant per
    /// runtime, measured on the examples ([`replica_runtimes::factor`]).
    pub factor: u32,
    /// The module compiled per budget and engine, shared by every grade.
    compiled: Mutex<Vec<CompiledRuntime>>,
}

type CompiledRuntime = (Budget, Engine, Arc<Result<Module, LoadError>>);

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("language", &self.language)
            .field("name", &self.name)
            .field("version", &self.version)
            .field("digest", &self.digest)
            .field("bytes", &self.module.len())
            .field("run", &self.run)
            .field("check", &self.check)
            .field("startup", &self.startup)
            .field("factor", &self.factor)
            .finish()
    }
}

impl Runtime {
    /// A runtime around `module`; the digest is computed here.
    #[allow(clippy::too_many_arguments)] // One per field a runtime's manifest entry names.
    pub fn new(
        language: impl Into<String>,
        name: impl Into<String>,
        version: impl Into<String>,
        module: Arc<Vec<u8>>,
        run: Invocation,
        check: Option<Invocation>,
        startup: u64,
        factor: u32,
    ) -> Runtime {
        Runtime {
            language: language.into(),
            name: name.into(),
            version: version.into(),
            digest: crate::digest(&module),
            module,
            run,
            check,
            startup,
            factor,
            compiled: Mutex::new(Vec::new()),
        }
    }

    /// The runtime of `language` around `module`, as its manifest entry `built`
    /// describes it (see `replica_runtimes`).
    ///
    /// # Errors
    /// When the language has no runtime, the module's digest is not the manifest's (a
    /// partial rebuild), or its start-up fuel was never measured.
    pub fn from_built(
        language: Language,
        built: &Built,
        module: Arc<Vec<u8>>,
    ) -> Result<Runtime, String> {
        let Some((run, check)) = replica_runtimes::invocations(language) else {
            return Err(format!(
                "{} programs are compiled, not run by a runtime",
                language.title()
            ));
        };
        let digest = crate::digest(&module);
        if digest != built.digest {
            return Err(format!(
                "the {} runtime {} is {digest}, but runtimes.json says {}; rebuild it with `cargo xtask runtimes`",
                language.title(),
                built.file,
                built.digest
            ));
        }
        let Some(startup) = built.startup_fuel else {
            return Err(format!(
                "the {} runtime's start-up fuel was never measured; run `replica runtimes` (or `cargo xtask runtimes`)",
                language.title()
            ));
        };
        Ok(Runtime::new(
            language.name(),
            built.name.clone(),
            built.version.clone(),
            module,
            run,
            Some(check),
            startup,
            replica_runtimes::factor(language),
        ))
    }

    /// How reports name this runtime.
    pub fn reference(&self) -> crate::RuntimeRef {
        crate::RuntimeRef {
            name: self.name.clone(),
            version: self.version.clone(),
            digest: Some(self.digest.clone()),
        }
    }

    /// The module compiled for `budget` and `engine`, compiled once and shared.
    pub fn module(&self, budget: &Budget, engine: Engine) -> Arc<Result<Module, LoadError>> {
        let mut compiled = self
            .compiled
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, _, module)) = compiled
            .iter()
            .find(|(b, e, _)| b == budget && *e == engine)
        {
            return module.clone();
        }
        // In the browser a module is tied to its one thread (not `Send`), and so is this
        // cache; natively it is shared across grading threads.
        #[cfg_attr(target_arch = "wasm32", allow(clippy::arc_with_non_send_sync))]
        let module = Arc::new(Module::with_engine(&self.module, budget, engine));
        compiled.push((*budget, engine, module.clone()));
        module
    }

    /// The budget of the check of a program: `budget` (the task's) with the measured
    /// start-up added.
    pub fn check_budget(&self, budget: &Budget) -> Budget {
        Budget {
            fuel: budget.fuel.saturating_add(self.startup),
            ..*budget
        }
    }

    /// `input` (a case's, with the task's program as `argv[0]`) as this runtime runs
    /// `source` on it.
    pub fn input(&self, mut input: Input, invocation: &Invocation, source: &[u8]) -> Input {
        input.args = invocation.args.iter().cloned().chain(input.args).collect();
        input.env = invocation.env.iter().cloned().chain(input.env).collect();
        input.source = Some(source.to_vec());
        input
    }
}
