//! Grading: prepare a task once (cases and the reference's outcomes), then grade any number
//! of submissions against it.

use replica_sandbox::{Input, Outcome};
use replica_task::Case;

use crate::{Report, TaskBundle};

/// Choices made at grading time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeOptions {
    /// Seeds the generator (hidden cases) and every run's `random_get`.
    pub seed: u64,
    /// How many hidden cases to draw; `None` uses the task's `hidden`.
    pub hidden: Option<u32>,
}

/// Where grading is, for progress bars: `done` of `total` runs finished in the current phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Running the reference on every case.
    Reference { done: usize, total: usize },
    /// Running the candidate on every case.
    Candidate { done: usize, total: usize },
}

/// A fault of the task or the harness, never of the candidate: the generator failed, the
/// reference did not exit on a case, or the reference or generator module does not load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HarnessError {
    Generator(String),
    Reference { case: String, why: String },
}

impl std::fmt::Display for HarnessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HarnessError::Generator(why) => write!(f, "the task's generator failed: {why}"),
            HarnessError::Reference { case, why } => {
                write!(f, "the task's reference failed on case `{case}`: {why}")
            }
        }
    }
}

impl std::error::Error for HarnessError {}

/// One case with the reference's outcome on it.
#[derive(Debug, Clone)]
pub struct PreparedCase {
    pub case: Case,
    pub hidden: bool,
    pub expected: Outcome,
}

/// A task ready to grade submissions: cases drawn and the reference's outcomes computed once.
#[derive(Debug)]
pub struct Prepared {
    pub options: GradeOptions,
    pub cases: Vec<PreparedCase>,
    // Implementation: the bundle's id, digest, program, compared channels and budget.
}

/// Draws the hidden cases and runs the reference on every case.
///
/// # Errors
/// A [`HarnessError`] when the generator or the reference misbehaves.
pub fn prepare(
    bundle: &TaskBundle,
    options: GradeOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Prepared, HarnessError> {
    let _ = (bundle, options, progress);
    todo!("judge implementation")
}

/// Grades one submission. Never fails: a module that cannot load gives CE on every case.
pub fn grade(prepared: &Prepared, submission: &[u8], progress: &mut dyn FnMut(Progress)) -> Report {
    let _ = (prepared, submission, progress);
    todo!("judge implementation")
}

/// The sandbox input for `case` of a task whose program is `program`.
pub fn case_input(program: &str, case: &Case, seed: u64) -> Input {
    let _ = (program, case, seed);
    todo!("judge implementation")
}
