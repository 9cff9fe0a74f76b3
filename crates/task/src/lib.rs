//! The Replica task format: `task.toml`, the generator's JSON cases, and `expect.toml`.
//!
//! Pure types and parsers: this crate reads bytes it is handed and never touches the file
//! system, so the CLI and the web app share it. Serde lives here because these are the
//! boundaries where files enter the program. See `docs/tasks.md` for the format, and
//! `docs/records.md` for study files (`study.toml`, [`Study`]).

mod content;
mod error;
mod raw;
mod study;

use std::collections::BTreeMap;

pub use content::Content;
pub use error::TaskError;
pub use study::{Consent, Study, StudyTask};

/// The channels of behaviour a task can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    Stdout,
    Stderr,
    ExitCode,
    Files,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Stdout,
        Channel::Stderr,
        Channel::ExitCode,
        Channel::Files,
    ];

    /// The name used in task files and reports.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Stdout => "stdout",
            Channel::Stderr => "stderr",
            Channel::ExitCode => "exit_code",
            Channel::Files => "files",
        }
    }

    pub fn from_name(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Overrides of the sandbox's default budget. `None` keeps the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BudgetOverrides {
    pub fuel: Option<u64>,
    pub memory_bytes: Option<u64>,
    pub output_bytes: Option<u64>,
    pub fs_bytes: Option<u64>,
    pub fs_nodes: Option<u64>,
    pub stack_depth: Option<u32>,
    pub module_bytes: Option<u64>,
    pub table_elements: Option<u32>,
}

/// One input to run reference and candidate on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    /// `argv[1..]`.
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    /// Environment variables, sorted by name.
    pub env: BTreeMap<String, String>,
    /// Files of the in-memory tree, by relative path.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// How `cargo xtask test` checks the reference against a real native tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conformance {
    pub command: String,
    pub cases: u32,
    pub env: BTreeMap<String, String>,
    /// Debian packages the command comes from, installed by `cargo xtask test` when missing.
    pub packages: Vec<String>,
    /// Named normalisers (defined by the conformance test) applied to both sides' output
    /// before comparing, for fields that vary from run to run of the real tool.
    pub normalize: Vec<String>,
}

/// A parsed and validated `task.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub tags: Vec<String>,
    /// Estimated minutes a careful human needs.
    pub minutes: u32,
    /// `argv[0]` for every case.
    pub program: String,
    /// The compared channels, in [`Channel::ALL`] order, never empty.
    pub compare: Vec<Channel>,
    /// How many hidden cases to draw from the generator by default.
    pub hidden: u32,
    pub budget: BudgetOverrides,
    pub conformance: Option<Conformance>,
    /// The visible cases, in file order.
    pub cases: Vec<Case>,
}

impl Task {
    /// Parses and validates `task.toml`. `file` names the file in error messages.
    ///
    /// # Errors
    /// A [`TaskError`] naming the file, the line and the field at fault.
    pub fn parse(source: &str, file: &str) -> Result<Task, TaskError> {
        raw::parse_task(source, file)
    }

    pub fn compares(&self, channel: Channel) -> bool {
        self.compare.contains(&channel)
    }
}

/// Parses a generator's output: a JSON array of cases. `origin` names the generator run
/// in error messages.
///
/// # Errors
/// A [`TaskError`] when the output is not a JSON array of valid cases.
pub fn parse_generated(json: &[u8], origin: &str) -> Result<Vec<Case>, TaskError> {
    raw::parse_generated(json, origin)
}

/// Serializes cases in the generator's JSON format (the inverse of [`parse_generated`]).
pub fn cases_to_json(cases: &[Case]) -> String {
    raw::cases_to_json(cases)
}

/// What grading an example submission must give (`examples/<name>/expect.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectation {
    pub solved: bool,
    /// Visible cases that must fail.
    pub failing: Vec<String>,
    /// Visible cases that must pass.
    pub passing: Vec<String>,
}

impl Expectation {
    /// Parses `expect.toml`.
    ///
    /// # Errors
    /// A [`TaskError`] naming the file, line and field at fault.
    pub fn parse(source: &str, file: &str) -> Result<Expectation, TaskError> {
        raw::parse_expectation(source, file)
    }
}

/// Checks that `path` is a plain relative path inside the tree: `/`-separated, no empty,
/// `.` or `..` components, no leading `/`.
pub fn is_tree_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\0')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}
