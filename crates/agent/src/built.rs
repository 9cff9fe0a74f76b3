//! A candidate ready to run: a module, a module compiled from source by a named compiler,
//! a program a language runtime runs (Python, JavaScript), or source that did not
//! compile. Graded exactly as `replica grade` grades the same file.

use std::sync::Arc;

use replica_judge::sandbox::{Budget, Engine, Input, Module, Outcome};
use replica_judge::{Candidate, Prepared, Report, Runtime, RuntimeRef, SubmissionRef};

/// What a [`crate::Workspace`] makes of a candidate.
#[derive(Debug, Clone)]
pub enum Built {
    /// A module, given as such or built from a Rust crate.
    Wasm(Vec<u8>),
    /// A module compiled from source (C with clang); reports name the language and
    /// compiler.
    Compiled {
        wasm: Vec<u8>,
        /// As reports write it: `c`.
        language: String,
        compiler: RuntimeRef,
    },
    /// A program `runtime` runs (from `/.replica/program`, outside the task's tree).
    Source {
        runtime: Arc<Runtime>,
        source: Vec<u8>,
    },
    /// Source that did not compile: CE on every case, the report naming the source.
    CompileError {
        submission: SubmissionRef,
        /// The source text, which records keep.
        source: Vec<u8>,
        message: String,
    },
}

impl Built {
    /// The module, when the candidate is one (given or compiled): what is compared with
    /// the reference to refuse a copy.
    pub fn module(&self) -> Option<&[u8]> {
        match self {
            Built::Wasm(wasm) | Built::Compiled { wasm, .. } => Some(wasm),
            Built::Source { .. } | Built::CompileError { .. } => None,
        }
    }

    /// The source text of a program a runtime runs or of source that did not compile,
    /// as `replica grade --author` records it.
    pub fn source(&self) -> Option<&[u8]> {
        match self {
            Built::Source { source, .. } | Built::CompileError { source, .. } => Some(source),
            Built::Wasm(_) | Built::Compiled { .. } => None,
        }
    }

    /// The report on `prepared`, as `replica grade` makes it.
    pub fn grade(&self, prepared: &Prepared) -> Report {
        let progress = &mut |_| {};
        match self {
            Built::Wasm(wasm) => replica_judge::grade(prepared, wasm, progress),
            Built::Compiled {
                wasm,
                language,
                compiler,
            } => replica_judge::grade_candidate(
                prepared,
                Candidate::Compiled {
                    wasm,
                    language,
                    compiler,
                },
                progress,
            ),
            Built::Source { runtime, source } => replica_judge::grade_candidate(
                prepared,
                Candidate::Source { runtime, source },
                progress,
            ),
            Built::CompileError {
                submission,
                message,
                ..
            } => {
                let mut report = replica_judge::grade(prepared, &[], progress);
                report.submission = submission.clone();
                report.compile_error = Some(message.clone());
                report
            }
        }
    }

    /// Runs the candidate on `input` under the task's `budget`, as `replica run` does: a
    /// runtime's program runs under the budget plus the runtime's start-up fuel.
    ///
    /// # Errors
    /// Why the module does not load, or the compiler's messages.
    pub fn run(&self, input: Input, budget: &Budget, engine: Engine) -> Result<Outcome, String> {
        match self {
            Built::Wasm(wasm) | Built::Compiled { wasm, .. } => {
                let module = Module::with_engine(wasm, budget, engine)
                    .map_err(|e| format!("the module does not load: {e}"))?;
                Ok(module.run(&input, budget))
            }
            Built::Source { runtime, source } => {
                let budget = runtime.check_budget(budget);
                let input = runtime.input(input, &runtime.run, source);
                match &*runtime.module(&budget, engine) {
                    Ok(module) => Ok(module.run(&input, &budget)),
                    Err(e) => Err(format!("the {} runtime does not load: {e}", runtime.name)),
                }
            }
            Built::CompileError { message, .. } => {
                Err(format!("the candidate does not compile: {message}"))
            }
        }
    }
}
