//! Grades submissions: runs reference and candidate on each case, compares the channels the
//! task names, diffs what differs, and computes the reward.
//!
//! **API Boundary:** the CLI and the web app both call this crate, so that a verdict means
//! the same thing everywhere. It never touches the file system or the clock: task files and
//! modules come in as bytes, and the report is a pure function of (task, submission, seed).
//!
//! # Grading
//!
//! [`prepare`] draws the hidden cases from the task's generator (`generator SEED COUNT`)
//! and runs the reference on every case, once; [`grade`] then runs any number of
//! submissions on the same cases, with the same inputs, seed and budget
//! ([`TaskBundle::budget`]). A task or harness fault is a [`HarnessError`]; whatever a
//! submission does is a verdict, never an error.
//!
//! # Verdicts
//!
//! Each case gets one [`Verdict`], decided by how the candidate's run ended first and by
//! the compared channels (the task's `compare`: stdout, stderr, exit code, files) second:
//!
//! | verdict | when |
//! | --- | --- |
//! | CE  | the module does not load (invalid, too large, does not link as a WASI command), or a language runtime rejects the program (a syntax error); every case gets it |
//! | TLE | the run used up its fuel limit for the case (see below) |
//! | MLE | the run asked for more memory than the budget |
//! | OLE | the run wrote more than the budget's output bytes |
//! | RE  | the run trapped |
//! | WA  | the run exited, and some compared channel differs from the reference's |
//! | AC  | the run exited, and every compared channel matches the reference's, byte for byte |
//!
//! For every verdict but CE, the case report lists the compared channels that differ and
//! their diffs, computed on what the run produced before it ended, so a TLE that printed
//! the right answer shows no stdout difference.
//!
//! # Time limits
//!
//! The reference runs under the task's fuel budget ([`TaskBundle::budget`]). The
//! candidate's fuel limit on each case follows from what the reference used there:
//! `min(factor × ceiling, k × factor × reference + floor) + startup_fuel`, with `k` and `floor`
//! from [`limits`], the task's budget as the ceiling, and a language runtime's
//! [`RuntimeAllowance`] (none for a plain module). The report's header states the policy
//! (`fuel_limit`) and each case its limit (`fuel.limit`), so a candidate that loops costs
//! each case a few times the reference, not the whole budget.
//!
//! # Reward
//!
//! `reward = accepted / total` over all cases, visible and hidden alike, and `solved`
//! means every case is AC. A task with no cases gives reward 0 and is not solved: nothing
//! was checked.

mod bundle;
mod diff;
mod grade;
pub mod limits;
mod parallel;
mod report;
mod submission;

pub use bundle::TaskBundle;
pub use diff::{diff_streams, diff_trees};
pub use grade::{
    Event, GradeOptions, HarnessError, PrepareError, Prepared, PreparedCase, Progress, case_input,
    compare_outcomes, describe_ending, grade, grade_candidate, grade_candidate_sliced,
    grade_sliced, prepare, prepare_sliced,
};
pub use limits::{FuelPolicy, RuntimeAllowance};
pub use parallel::{THREADS_VAR, set_threads, threads, threads_from_env};
pub use replica_runtimes::Invocation;
pub use report::*;
pub use submission::{Candidate, Runtime};

pub use replica_runtimes as runtimes;
pub use replica_sandbox as sandbox;
pub use replica_task as task;

/// The version of Replica written in reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `sha256:<lowercase hex>` of `bytes`: how reports name a submission.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    sha256_name(&Sha256::digest(bytes))
}

/// `sha256:` and the lowercase hex of a finished SHA-256.
pub(crate) fn sha256_name(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut name = String::with_capacity(7 + 2 * digest.len());
    name.push_str("sha256:");
    for byte in digest {
        let _ = write!(name, "{byte:02x}");
    }
    name
}
