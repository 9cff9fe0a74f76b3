//! The graded report: a versioned JSON schema shared by the CLI, the web app and embeds.
//!
//! Byte-identical for the same task, submission and seed: no wall-clock time, no host
//! paths, ordered maps only.

use replica_task::{Case, Content};
use serde::{Deserialize, Serialize};

use crate::limits::{FuelPolicy, RuntimeAllowance};

/// The schema identifier written in every report. Bump on incompatible changes.
pub const SCHEMA: &str = "replica.report/1";

/// The result of grading one submission on every case of a task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The task graded against.
    pub task: TaskRef,
    /// The graded module.
    pub submission: SubmissionRef,
    /// The sandbox engine and its version, e.g. `wasmi 2.0.0`.
    pub engine: String,
    /// The version of Replica that graded.
    pub replica: String,
    /// The seed the hidden cases were drawn with.
    pub seed: u64,
    /// How many hidden cases were drawn.
    pub hidden: u32,
    /// How each case's fuel limit for the candidate was set from the reference's fuel
    /// (see [`FuelLimit`]). Absent only in reports written before limits were per case,
    /// when every run had the task's whole budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_limit: Option<FuelLimit>,
    /// `accepted / total`, in `[0, 1]`; 0 when there are no cases.
    pub reward: f64,
    /// Every case accepted, and there is at least one case.
    pub solved: bool,
    /// Cases with verdict AC.
    pub accepted: u32,
    /// Cases graded: the visible ones, then the hidden ones.
    pub total: u32,
    /// Why the submission could not be loaded, when every case is CE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compile_error: Option<String>,
    /// One report per case, visible cases first, in the order they were graded.
    pub cases: Vec<CaseReport>,
}

/// Which task, exactly, a report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskRef {
    /// The task's `id`, as in `task.toml`.
    pub id: String,
    /// `sha256:<hex>` over the task's files and its reference and generator modules.
    pub digest: String,
}

/// Which submission, exactly, was graded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRef {
    /// `sha256:<hex>` of the module's bytes, or of the source text when a language
    /// runtime ran it.
    pub digest: String,
    /// Size of the module (or of the source text) in bytes.
    pub bytes: u64,
    /// The source language (`python`, `javascript`, `c`); absent for a module given as
    /// such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The runtime that ran the source, or the compiler that built the module.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<RuntimeRef>,
}

/// A language runtime or compiler, as reports name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeRef {
    /// `cpython`, `quickjs-ng`, `clang`.
    pub name: String,
    /// Its version.
    pub version: String,
    /// `sha256:<hex>` of the runtime's module (absent for a native compiler).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// The verdict of one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Accepted: every compared channel matches.
    AC,
    /// Wrong answer: the run exited normally but some compared channel differs.
    WA,
    /// Time limit: the fuel budget ran out.
    TLE,
    /// Memory limit.
    MLE,
    /// Output limit.
    OLE,
    /// Runtime error: a trap.
    RE,
    /// Compile error: the module could not be loaded or linked.
    CE,
}

impl Verdict {
    /// The abbreviation, as serialized: `AC`, `WA`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::AC => "AC",
            Verdict::WA => "WA",
            Verdict::TLE => "TLE",
            Verdict::MLE => "MLE",
            Verdict::OLE => "OLE",
            Verdict::RE => "RE",
            Verdict::CE => "CE",
        }
    }

    /// A few words for people.
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::AC => "accepted",
            Verdict::WA => "wrong answer",
            Verdict::TLE => "time limit exceeded",
            Verdict::MLE => "memory limit exceeded",
            Verdict::OLE => "output limit exceeded",
            Verdict::RE => "runtime error",
            Verdict::CE => "compile error",
        }
    }
}

/// What happened on one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseReport {
    /// The case's name, unique within the task.
    pub name: String,
    /// Drawn from the generator rather than listed in `task.toml`.
    pub hidden: bool,
    /// The case's verdict; see the crate documentation for how it is decided.
    pub verdict: Verdict,
    /// Compared channels that differ (`stdout`, `stderr`, `exit_code`, `files`, in this
    /// order), whatever the verdict but CE, where it is empty.
    pub channels: Vec<String>,
    /// How the candidate's run ended, for people: `exit 0`, `trap: unreachable`,
    /// `fuel exhausted after N`, `memory limit`, `output limit` (`None` for CE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<String>,
    /// Fuel the runs used.
    pub fuel: Fuel,
    /// What the case gave the program, with long inputs cut (see [`Preview`]).
    pub input: InputSummary,
    /// Present when some compared channel differs: the diffs of exactly the channels in
    /// `channels`, computed on whatever the candidate produced, even when it was stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<CaseDiff>,
}

/// Fuel used on one case: a deterministic stand-in for running time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fuel {
    /// Fuel the reference used.
    pub reference: u64,
    /// `None` when the candidate never ran (CE).
    pub candidate: Option<u64>,
    /// The candidate's limit on this case, from `reference` by the report's
    /// [`FuelLimit`]: a run that needs more ends as TLE with `candidate` equal to it.
    /// Absent only in reports written before limits were per case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
}

/// How the candidate's fuel limit on each case follows from the reference's fuel there
/// (`crate::limits`): `min(factor × ceiling, k × factor × reference + floor) + startup_fuel`.
/// `k`, `floor` and `ceiling` are the grade's [`FuelPolicy`]; `startup_fuel` and
/// `factor` the submission's [`RuntimeAllowance`] (0 and 1 for a plain `.wasm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuelLimit {
    /// Multiplies the reference's fuel.
    pub k: u64,
    /// Added to every limit before the ceiling.
    pub floor: u64,
    /// The most a limit can be before the start-up allowance: the task's fuel budget.
    pub ceiling: u64,
    /// The language runtime's start-up allowance, added to every limit.
    pub startup_fuel: u64,
    /// The language runtime's slowdown factor, multiplying `k` and the ceiling.
    pub factor: u32,
}

impl FuelLimit {
    /// The policy and allowance a grade ran under.
    pub fn new(policy: FuelPolicy, allowance: RuntimeAllowance) -> FuelLimit {
        FuelLimit {
            k: policy.k,
            floor: policy.floor,
            ceiling: policy.ceiling,
            startup_fuel: allowance.startup_fuel,
            factor: allowance.factor,
        }
    }

    /// The policy part.
    pub fn policy(&self) -> FuelPolicy {
        FuelPolicy {
            k: self.k,
            floor: self.floor,
            ceiling: self.ceiling,
        }
    }

    /// The runtime's part.
    pub fn allowance(&self) -> RuntimeAllowance {
        RuntimeAllowance {
            startup_fuel: self.startup_fuel,
            factor: self.factor,
        }
    }

    /// The candidate's limit on a case where the reference used `reference_fuel`.
    pub fn limit(&self, reference_fuel: u64) -> u64 {
        crate::limits::candidate_fuel(&self.policy(), &self.allowance(), reference_fuel)
    }
}

/// What a case gives the program, for people reading a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSummary {
    /// `argv[1..]`.
    pub args: Vec<String>,
    /// Standard input.
    pub stdin: Preview,
    /// Environment variables as `(name, value)`, sorted by name.
    pub env: Vec<(String, String)>,
    /// Input files with previews, sorted by path.
    pub files: Vec<(String, Preview)>,
}

/// A possibly cut view of some bytes: the first bytes as text when they are UTF-8, as
/// base64 otherwise, with the full length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preview {
    /// Full length in bytes.
    pub bytes: u64,
    /// The shown prefix, when it is valid UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The shown prefix as base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    /// The prefix is shorter than the whole.
    pub truncated: bool,
}

impl InputSummary {
    /// Summarizes what `case` gives the program.
    pub fn new(case: &Case) -> InputSummary {
        InputSummary {
            args: case.args.clone(),
            stdin: Preview::new(&case.stdin),
            env: case
                .env
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
            files: case
                .files
                .iter()
                .map(|(path, bytes)| (path.clone(), Preview::new(bytes)))
                .collect(),
        }
    }
}

/// Bytes shown of each input in a [`Preview`]. Inputs can be megabytes and a report holds
/// one summary per case; 4 KiB is enough to recognize an input, and the full input can
/// always be regenerated from the task and the seed.
pub const PREVIEW_BYTES: usize = 4 << 10;

impl Preview {
    /// The first [`PREVIEW_BYTES`] of `bytes`: as text when they are UTF-8 (cut back to
    /// a character boundary when the cut falls inside one), as base64 otherwise.
    pub fn new(bytes: &[u8]) -> Preview {
        let shown = &bytes[..bytes.len().min(PREVIEW_BYTES)];
        let (text, base64) = match std::str::from_utf8(shown) {
            Ok(text) => (Some(text.to_owned()), None),
            // `error_len` is `None` when the bytes end inside a character: the text is
            // fine up to there, and the character was cut by the preview, not broken.
            Err(e) if e.error_len().is_none() && shown.len() < bytes.len() => {
                let text = std::str::from_utf8(&shown[..e.valid_up_to()]).unwrap_or_default();
                (Some(text.to_owned()), None)
            }
            Err(_) => match Content::encode(shown) {
                Content::Base64 { base64 } => (None, Some(base64)),
                Content::Text(text) => (Some(text), None),
            },
        };
        let shown_len = text.as_ref().map_or(shown.len(), String::len);
        Preview {
            bytes: bytes.len() as u64,
            text,
            base64,
            truncated: shown_len < bytes.len(),
        }
    }
}

/// The differences of one case, channel by channel. Only differing compared channels are set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDiff {
    /// Standard output, expected (the reference's) against actual (the candidate's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<StreamDiff>,
    /// Standard error, expected against actual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<StreamDiff>,
    /// The exit codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<ExitDiff>,
    /// The file trees after the runs, entry by entry (see [`crate::diff_trees`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileDiff>>,
}

/// Differing exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitDiff {
    /// The reference's exit code.
    pub expected: i32,
    /// `None` when the candidate did not exit (trap, limit).
    pub actual: Option<i32>,
}

/// A diff of two byte streams: by lines with changed characters marked when both are
/// UTF-8, as hex rows otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum StreamDiff {
    /// Both streams are UTF-8.
    Text {
        /// Changed lines with up to three lines of context; runs of equal lines between
        /// changes are left out (the line numbers show the gap).
        lines: Vec<DiffLine>,
        /// Something was left out to bound the report's size (lines past the first 200 or
        /// 64 KiB of text, or parts of lines longer than 4 KiB). When `false`, the diff
        /// shows every difference and the expected stream with it rebuilds the actual one.
        truncated: bool,
    },
    /// At least one stream is not UTF-8.
    Hex {
        /// Rows that differ, each with the rows just before and after it.
        rows: Vec<HexRow>,
        /// Rows past the first 200 were left out.
        truncated: bool,
    },
}

/// Where a line of a text diff comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineTag {
    /// In both (context).
    Equal,
    /// Only in the expected output.
    Delete,
    /// Only in the actual output.
    Insert,
}

/// One line of a text diff. Lines keep their `\n` (a last line without one shows that the
/// final newline is missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffLine {
    /// Which side the line comes from.
    pub tag: LineTag,
    /// 1-based line number in the expected output (Equal, Delete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<u32>,
    /// 1-based line number in the actual output (Equal, Insert).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<u32>,
    /// The line in pieces; `emph` marks the characters that changed.
    pub segments: Vec<Segment>,
    /// Bytes of the line left out before the first segment. A line longer than 4 KiB is
    /// shown as a window starting a little before its first change; the diff is then
    /// `truncated`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skipped_before: u64,
    /// Bytes of the line left out after the last segment (see `skipped_before`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub skipped_after: u64,
}

/// For `skip_serializing_if`: keeps the common case, a whole line, as small as before.
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A piece of a diff line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// A piece of the line, in order; the pieces together make the (shown part of the) line.
    pub text: String,
    /// These characters changed: in a deleted line, they are not in the actual output; in
    /// an inserted line, they are not in the expected output.
    pub emph: bool,
}

/// 16 bytes at `offset` in each stream, for binary output. Bytes past a stream's end are absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HexRow {
    /// Offset of the row's first byte, a multiple of 16.
    pub offset: u64,
    /// Lowercase hex of the expected bytes of this row.
    pub expected: String,
    /// Lowercase hex of the actual bytes of this row.
    pub actual: String,
}

/// One entry of the file tree that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDiff {
    /// The entry's path, relative to the tree's root.
    pub path: String,
    /// How it differs.
    pub change: FileChange,
    /// For a changed file, the contents' diff (for a changed symlink, the target's); absent
    /// when past the bound on the size of one tree's diffs (see [`crate::diff_trees`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<StreamDiff>,
}

/// How a file tree entry differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileChange {
    /// Expected but absent.
    Missing,
    /// Present but not expected.
    Extra,
    /// Both present, contents (or symlink targets) differ.
    Changed,
    /// A file in one, a directory or symlink in the other.
    KindChanged,
}
