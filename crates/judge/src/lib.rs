//! Grades submissions: runs reference and candidate on each case, compares the channels the
//! task names, diffs what differs, and computes the reward.
//!
//! **API Boundary:** the CLI and the web app both call this crate, so that a verdict means
//! the same thing everywhere. It never touches the file system or the clock: task files and
//! modules come in as bytes, and the report is a pure function of (task, submission, seed).

mod bundle;
mod diff;
mod grade;
mod report;

pub use bundle::TaskBundle;
pub use diff::{diff_streams, diff_trees};
pub use grade::{
    GradeOptions, HarnessError, Prepared, PreparedCase, Progress, case_input, grade, prepare,
};
pub use report::*;

pub use replica_sandbox as sandbox;
pub use replica_task as task;

/// The version of Replica written in reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `sha256:<lowercase hex>` of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("sha256:{:x}", Sha256::digest(bytes))
}
