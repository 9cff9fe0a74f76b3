//! Records: what a human or a model did on a task, one JSON object per line (JSONL).
//!
//! One schema, `replica.record/1`, is written by the browser's study mode (every event of
//! a participant), by `replica grade --json --author …` and by `replica grade-batch`
//! (one `submission` record per graded module), and read by `replica compare` and the
//! browser's compare view. `docs/records.md` documents it for people.
//!
//! **API Boundary:** this crate only defines and (de)serializes records. It never reads a
//! clock or a file: the writer supplies `seq`, `at` and `active_ms`.

use std::collections::BTreeMap;
use std::fmt;

use replica_judge::{Report, SubmissionRef, Verdict};
use replica_task::Content;
use serde::{Deserialize, Serialize};

/// The schema identifier written in every record. Bump on incompatible changes.
pub const SCHEMA: &str = "replica.record/1";

/// One line of a record file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Position in the stream it was written to, from 1, strictly increasing. A study
    /// record numbers every event of one participant in one study; the CLI numbers the
    /// lines it writes in one run.
    pub seq: u64,
    /// When it happened, as RFC 3339 UTC with milliseconds (`2026-11-22T03:30:00.123Z`),
    /// by the recorder's clock. The browser always sets it; the CLI only copies a time the
    /// submitter reported (a manifest's `at`), so that regrading gives identical lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Who acted.
    pub author: Author,
    /// The study this event belongs to, when it was recorded in study mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<String>,
    /// The task id, for events about one task (all but `join`, `consent` and `end`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// Active milliseconds the author had spent on `task` when this happened: time with
    /// the page visible and not idle (humans), or the wall time the submitter reported
    /// (models). Absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_ms: Option<u64>,
    /// What happened; its `event` field names the kind.
    #[serde(flatten)]
    pub event: Event,
}

/// What happened. Serialized inline in the [`Record`], tagged by `"event"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A participant opened the study link.
    Join {
        /// The browser's user agent, for people reading the data.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_agent: Option<String>,
    },
    /// The participant accepted the study's consent text (its digest, `sha256:<hex>`).
    Consent { text_digest: String },
    /// The participant began (or, after a reload, resumed) a task.
    TaskStart {
        /// 0-based position of the task in the study.
        index: u32,
        /// `true` when this is a resumption after a reload or a closed tab.
        #[serde(default)]
        resumed: bool,
    },
    /// Active time stopped counting: the page was hidden or idle past the threshold.
    Pause { reason: PauseReason },
    /// Active time counts again.
    Resume,
    /// The author ran the reference on an input of their own.
    Probe {
        args: Vec<String>,
        stdin: Content,
        /// Input files, sorted by path.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        files: Vec<(String, Content)>,
        /// How the reference's run ended (`exit 0`, `trap: …`).
        ending: String,
    },
    /// A module was graded.
    Submission(Box<Submission>),
    /// A model called an agent tool (`replica mcp`, the Python package's environment)
    /// that has no event of its own: `list_tasks`, `read_spec`, `run_candidate`,
    /// `evaluate_testcases`, or any call that failed. (`run_reference` is a `probe`,
    /// a graded `submit` a `submission`.)
    Tool(Box<ToolCall>),
    /// The author stopped working on the task without solving it.
    GiveUp,
    /// The author finished the task (after solving it, or when its time limit ran out).
    Finish {
        /// Solved at some submission.
        solved: bool,
        /// Why the task ended: `solved`, `time_limit` or `moved_on`.
        reason: FinishReason,
    },
    /// The participant reached the end of the study.
    End,
}

/// One call of an agent tool, as an episode log keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// The tool's name, e.g. `evaluate_testcases`.
    pub tool: String,
    /// The arguments, with bulky values (modules, sources, stdin) replaced by their size
    /// and digest, so a log stays small and never holds a submission twice.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub arguments: serde_json::Value,
    /// A summary of what the tool answered (verdict counts, how a run ended).
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub result: serde_json::Value,
    /// The error the caller got, when the call failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Why active time stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    Hidden,
    Idle,
}

/// Why a task ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FinishReason {
    Solved,
    TimeLimit,
    MovedOn,
}

/// A graded submission: the report's summary, and optionally the whole report and module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// 1-based attempt number of this author on this task.
    pub attempt: u32,
    /// The graded module's digest and size.
    pub submission: SubmissionRef,
    /// `sha256:<hex>` of the task bundle graded against (the report's `task.digest`).
    pub task_digest: String,
    pub seed: u64,
    pub hidden: u32,
    pub reward: f64,
    pub solved: bool,
    pub accepted: u32,
    pub total: u32,
    /// Cases per verdict, e.g. `{"AC": 50, "WA": 5}`, verdicts in report order.
    pub verdicts: BTreeMap<Verdict, u32>,
    /// Tokens the model used, when the submitter reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<u64>,
    /// The whole `replica.report/1`, when the writer included it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    /// The module itself, base64, when the writer included it, so the grade can be re-run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wasm_base64: Option<String>,
    /// The program's text, for a submission in a source language (its `submission`
    /// names the language and runtime), so the grade can be replayed and re-run. Always
    /// written for source submissions; `source_base64` instead when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The program's bytes, base64, when they are not UTF-8 (see `source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_base64: Option<String>,
}

impl Submission {
    /// The summary of `report`, numbered `attempt`, without the report itself.
    pub fn from_report(report: &Report, attempt: u32) -> Submission {
        let mut verdicts = BTreeMap::new();
        for case in &report.cases {
            *verdicts.entry(case.verdict).or_insert(0) += 1;
        }
        Submission {
            attempt,
            submission: report.submission.clone(),
            task_digest: report.task.digest.clone(),
            seed: report.seed,
            hidden: report.hidden,
            reward: report.reward,
            solved: report.solved,
            accepted: report.accepted,
            total: report.total,
            verdicts,
            tokens: None,
            report: None,
            wasm_base64: None,
            source: None,
            source_base64: None,
        }
    }

    /// Carries `source`, the program of a source submission: as text when it is UTF-8,
    /// else as base64. `None` clears both fields.
    pub fn set_source(&mut self, source: Option<&[u8]>) {
        self.source = None;
        self.source_base64 = None;
        if let Some(bytes) = source {
            match Content::encode(bytes) {
                Content::Text(text) => self.source = Some(text),
                Content::Base64 { base64 } => self.source_base64 = Some(base64),
            }
        }
    }

    /// The program of a source submission, from `source` or `source_base64`.
    pub fn source_bytes(&self) -> Option<Vec<u8>> {
        if let Some(text) = &self.source {
            return Some(text.clone().into_bytes());
        }
        let base64 = self.source_base64.as_ref()?;
        Content::Base64 {
            base64: base64.clone(),
        }
        .decode()
        .ok()
    }
}

/// Who acted: a kind (`human`, `model`, or any other word) and a name, written
/// `KIND:NAME` (`model:gpt-x`, `human:p07`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Author {
    pub kind: String,
    pub name: String,
}

impl Author {
    /// Parses `KIND:NAME`: both parts non-empty, the kind lowercase ASCII letters, digits
    /// or `-`; the name anything without control characters (it may contain `:`).
    pub fn parse(text: &str) -> Result<Author, String> {
        let Some((kind, name)) = text.split_once(':') else {
            return Err(format!(
                "author `{text}` has no kind: write KIND:NAME, e.g. `model:gpt-x` or `human:p07`"
            ));
        };
        if kind.is_empty()
            || !kind
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(format!(
                "author kind `{kind}` must be lowercase letters, digits or `-` (e.g. `model`, `human`)"
            ));
        }
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(format!(
                "author `{text}` needs a name after the `:` without control characters"
            ));
        }
        Ok(Author {
            kind: kind.to_string(),
            name: name.to_string(),
        })
    }
}

impl fmt::Display for Author {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.name)
    }
}

impl Serialize for Author {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Author {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Author, D::Error> {
        let text = String::deserialize(d)?;
        Author::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Record {
    /// One JSON line, without the trailing newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("records serialize")
    }
}

/// A record file that could not be read: `name:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Reads JSONL: one record per non-blank line, each with schema [`SCHEMA`].
pub fn parse_jsonl(text: &str) -> Result<Vec<Record>, ParseError> {
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fail = |message: String| ParseError {
            line: i + 1,
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| fail(format!("not JSON: {e}")))?;
        match value.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            Some(other) => {
                return Err(fail(format!(
                    "schema `{other}` is not `{SCHEMA}`; this Replica reads only `{SCHEMA}`"
                )));
            }
            None => return Err(fail(format!("no `schema` field; expected `{SCHEMA}`"))),
        }
        let record: Record = serde_json::from_value(value).map_err(|e| fail(e.to_string()))?;
        records.push(record);
    }
    Ok(records)
}

/// Formats milliseconds since the Unix epoch as RFC 3339 UTC with milliseconds.
pub fn rfc3339(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339(1_795_318_200_123), "2026-11-22T03:30:00.123Z");
    }

    #[test]
    fn authors_parse_and_print() {
        let a = Author::parse("model:gpt-x:2025").unwrap();
        assert_eq!((a.kind.as_str(), a.name.as_str()), ("model", "gpt-x:2025"));
        assert_eq!(a.to_string(), "model:gpt-x:2025");
        for bad in ["gpt", ":x", "model:", "Model:x", "a b:x", "human:\n"] {
            assert!(Author::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn events_round_trip_through_jsonl() {
        let events = [
            Event::Join {
                user_agent: Some("test".into()),
            },
            Event::Consent {
                text_digest: "sha256:00".into(),
            },
            Event::TaskStart {
                index: 1,
                resumed: true,
            },
            Event::Pause {
                reason: PauseReason::Idle,
            },
            Event::Resume,
            Event::Probe {
                args: vec!["-w".into()],
                stdin: Content::Text("a b\n".into()),
                files: vec![(
                    "f".into(),
                    Content::Base64 {
                        base64: "/w==".into(),
                    },
                )],
                ending: "exit 0".into(),
            },
            Event::GiveUp,
            Event::Tool(Box::new(ToolCall {
                tool: "evaluate_testcases".into(),
                arguments: serde_json::json!({"task": "wc", "wasm": {"bytes": 8}}),
                result: serde_json::json!({"accepted": 3, "total": 4}),
                error: None,
            })),
            Event::Finish {
                solved: true,
                reason: FinishReason::Solved,
            },
            Event::End,
        ];
        let lines: Vec<String> = events
            .iter()
            .enumerate()
            .map(|(i, event)| {
                Record {
                    schema: SCHEMA.into(),
                    seq: i as u64 + 1,
                    at: Some(rfc3339(1000 * i as u64)),
                    author: Author::parse("human:p01").unwrap(),
                    study: Some("demo".into()),
                    task: Some("wc".into()),
                    active_ms: Some(7),
                    event: event.clone(),
                }
                .to_line()
            })
            .collect();
        let back = parse_jsonl(&lines.join("\n")).unwrap();
        assert_eq!(
            back.into_iter().map(|r| r.event).collect::<Vec<_>>(),
            events
        );
        assert!(lines[4].contains(r#""event":"resume""#), "{}", lines[4]);
    }

    #[test]
    fn bad_lines_say_where_and_why() {
        let err = parse_jsonl("\n{\"schema\":\"replica.report/1\"}").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("replica.record/1"), "{err}");
        let err = parse_jsonl("nope").unwrap_err();
        assert!(err.to_string().starts_with("line 1: not JSON"), "{err}");
    }
}
