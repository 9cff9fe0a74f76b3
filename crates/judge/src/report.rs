//! The graded report: a versioned JSON schema shared by the CLI, the web app and embeds.
//!
//! Byte-identical for the same task, submission and seed: no wall-clock time, no host
//! paths, ordered maps only.

use serde::{Deserialize, Serialize};

/// The schema identifier written in every report. Bump on incompatible changes.
pub const SCHEMA: &str = "replica.report/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    pub task: TaskRef,
    pub submission: SubmissionRef,
    /// The sandbox engine and its version, e.g. `wasmi 2.0.0`.
    pub engine: String,
    /// The version of Replica that graded.
    pub replica: String,
    /// The seed the hidden cases were drawn with.
    pub seed: u64,
    /// How many hidden cases were drawn.
    pub hidden: u32,
    /// `accepted / total`, in `[0, 1]`.
    pub reward: f64,
    /// Every case accepted.
    pub solved: bool,
    pub accepted: u32,
    pub total: u32,
    /// Why the submission could not be loaded, when every case is CE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compile_error: Option<String>,
    pub cases: Vec<CaseReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskRef {
    pub id: String,
    /// `sha256:<hex>` over the task's files and its reference and generator modules.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRef {
    /// `sha256:<hex>` of the module's bytes.
    pub digest: String,
    pub bytes: u64,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseReport {
    pub name: String,
    pub hidden: bool,
    pub verdict: Verdict,
    /// Compared channels that differ (`stdout`, `stderr`, `exit_code`, `files`).
    pub channels: Vec<String>,
    /// How the candidate's run ended, for people: `exit 0`, `trap: unreachable`,
    /// `fuel exhausted`, ... (`None` for CE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<String>,
    pub fuel: Fuel,
    /// What the case gave the program, with long inputs cut (see [`Preview`]).
    pub input: InputSummary,
    /// Present when some compared channel differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<CaseDiff>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fuel {
    pub reference: u64,
    /// `None` when the candidate never ran (CE).
    pub candidate: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSummary {
    pub args: Vec<String>,
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

/// The differences of one case, channel by channel. Only differing compared channels are set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDiff {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<StreamDiff>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<StreamDiff>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<ExitDiff>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileDiff>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitDiff {
    pub expected: i32,
    /// `None` when the candidate did not exit (trap, limit).
    pub actual: Option<i32>,
}

/// A diff of two byte streams: by lines with changed characters marked when both are
/// UTF-8, as hex rows otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum StreamDiff {
    Text {
        lines: Vec<DiffLine>,
        /// Lines were left out to bound the report's size.
        truncated: bool,
    },
    Hex {
        rows: Vec<HexRow>,
        truncated: bool,
    },
}

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
    pub tag: LineTag,
    /// 1-based line number in the expected output (Equal, Delete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<u32>,
    /// 1-based line number in the actual output (Equal, Insert).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<u32>,
    /// The line in pieces; `emph` marks the characters that changed.
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub text: String,
    pub emph: bool,
}

/// 16 bytes at `offset` in each stream, for binary output. Bytes past a stream's end are absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HexRow {
    pub offset: u64,
    /// Lowercase hex of the expected bytes of this row.
    pub expected: String,
    /// Lowercase hex of the actual bytes of this row.
    pub actual: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDiff {
    pub path: String,
    pub change: FileChange,
    /// For a changed file, the contents' diff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<StreamDiff>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileChange {
    /// Expected but absent.
    Missing,
    /// Present but not expected.
    Extra,
    /// Both present, contents differ.
    Changed,
    /// A file in one, a directory or symlink in the other.
    KindChanged,
}
