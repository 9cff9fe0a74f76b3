//! A time limit for the host tools that build submissions (clang for C, cargo for Rust),
//! so a hostile source (a macro that expands forever, a constant that never finishes
//! evaluating) cannot stall `replica grade`, an MCP tool call or a package call.
//!
//! The tool runs under GNU `timeout` (coreutils), which puts it in a process group of its
//! own and signals the whole group, so clang's `cc1` and cargo's `rustc` stop with it:
//! `TERM` at the limit, `KILL` five seconds later. The limit is wall time, so a build that
//! hits it is an error of this machine ("stopped after N s"), never a verdict: the same
//! source must not be graded differently on a slower machine.

use std::ffi::OsStr;
use std::process::{Command, ExitStatus};
use std::time::Duration;

/// The variable that sets the limit, in seconds.
pub const BUILD_TIMEOUT_VAR: &str = "REPLICA_BUILD_TIMEOUT";

/// The limit when [`BUILD_TIMEOUT_VAR`] is not set: far above what a one-file C or Rust
/// program needs (clang well under a second, cargo a few seconds on a cold target).
pub const DEFAULT_BUILD_TIMEOUT: Duration = Duration::from_secs(120);

/// The build time limit: [`BUILD_TIMEOUT_VAR`] seconds, else [`DEFAULT_BUILD_TIMEOUT`].
///
/// # Errors
/// When the variable is set but is not a whole number of seconds above 0.
pub fn build_timeout() -> Result<Duration, String> {
    match std::env::var(BUILD_TIMEOUT_VAR) {
        Err(_) => Ok(DEFAULT_BUILD_TIMEOUT),
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(seconds) if seconds > 0 => Ok(Duration::from_secs(seconds)),
            _ => Err(format!(
                "{BUILD_TIMEOUT_VAR}={text:?}: give the build time limit in whole seconds above 0"
            )),
        },
    }
}

/// `program` under `timeout`: a command whose arguments the caller adds as to
/// `Command::new(program)`.
pub fn limited(program: impl AsRef<OsStr>, limit: Duration) -> Command {
    let mut cmd = Command::new("timeout");
    cmd.arg("--kill-after=5")
        .arg(format!("{}s", limit.as_secs().max(1)))
        .arg(program);
    cmd
}

/// How a [`limited`] command ended, beyond its own exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// It ran and ended with this status.
    Ran,
    /// It was stopped at the limit.
    TimedOut,
    /// The program could not be started (not installed): `timeout` exits 126 or 127.
    NotStarted,
}

/// What `status` of a [`limited`] command means.
pub fn stop(status: ExitStatus) -> Stop {
    use std::os::unix::process::ExitStatusExt as _;
    match (status.code(), status.signal()) {
        // 124: timed out and TERM ended it; KILL after the grace ends `timeout` too.
        (Some(124), _) | (None, Some(9)) => Stop::TimedOut,
        (Some(126 | 127), _) => Stop::NotStarted,
        _ => Stop::Ran,
    }
}

/// The message for a build stopped at `limit`.
pub fn timed_out_message(tool: &str, limit: Duration) -> String {
    format!(
        "the build was stopped after {} s: {tool} took longer than the build time limit \
         (set {BUILD_TIMEOUT_VAR}=SECONDS to change it); simplify the source",
        limit.as_secs().max(1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::disallowed_methods)] // How long the stop took is what is checked.
    fn a_command_that_outlives_the_limit_is_stopped_with_its_children() {
        let started = std::time::Instant::now();
        // The shell's child `sleep` is in the same process group and is stopped too:
        // otherwise `output()` would wait for the pipe it holds open.
        let out = limited("sh", Duration::from_secs(1))
            .args(["-c", "sleep 30 & sleep 30; echo never"])
            .output()
            .unwrap();
        assert_eq!(stop(out.status), Stop::TimedOut, "{out:?}");
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            started.elapsed()
        );
        assert!(out.stdout.is_empty());
    }

    #[test]
    fn statuses_of_runs_and_missing_programs() {
        let ok = limited("true", Duration::from_secs(30)).status().unwrap();
        assert_eq!((stop(ok), ok.success()), (Stop::Ran, true));
        let failed = limited("false", Duration::from_secs(30)).status().unwrap();
        assert_eq!((stop(failed), failed.success()), (Stop::Ran, false));
        let missing = limited("replica-no-such-program", Duration::from_secs(30))
            .status()
            .unwrap();
        assert_eq!(stop(missing), Stop::NotStarted);
    }
}
