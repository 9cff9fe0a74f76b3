//! The study format: `studies/<id>/study.toml`, which puts tasks in an order for human
//! participants, with consent text, time limits, an idle threshold and the grading seed.
//!
//! Like `task.toml`, a study is parsed from bytes and validated here; errors name the file,
//! the line, the column and the field. Whether its task ids exist is checked by whoever
//! knows the tasks ([`Study::check_tasks`]): `cargo xtask build` when it packs studies.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::TaskError;

/// Hidden cases beyond this many would make every participant's grading slow; the task
/// format has the same cap on cases.
const MAX_HIDDEN: u32 = 10_000;

/// The consent text: inline in `study.toml`, or a Markdown file beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// `consent_text = """…"""`.
    Text(String),
    /// `consent_file = "consent.md"`: a file name in the study's folder.
    File(String),
}

/// One task of a study, in the order participants get them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyTask {
    /// A task id under `tasks/`.
    pub id: String,
    /// Active minutes allowed; when they run out the task ends (`finish`, reason
    /// `time_limit`). `None`: no limit.
    pub minutes: Option<u32>,
    /// Where the entry is in `study.toml` (1-based), for errors found later.
    pub line: usize,
    pub column: usize,
}

/// A parsed and validated `study.toml`.
///
/// It also (de)serializes as JSON: `cargo xtask build` writes the checked study, with its
/// consent text inline, as `study.json` into the site's pack, so the page reads a study
/// without parsing TOML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Study {
    /// Lowercase letters, digits and `-`; equals the folder name.
    pub id: String,
    pub title: String,
    pub consent: Consent,
    /// Seconds without pointer or keyboard input after which active time stops counting.
    pub idle_seconds: u32,
    /// The seed every submission is graded with. Fixed, so that every participant (and
    /// `replica grade --seed`) gets the same hidden cases.
    pub seed: u64,
    /// Hidden cases drawn for every grading, the same for every participant.
    pub hidden: u32,
    /// Whether the participant's export includes each submission's module by default.
    pub export_wasm: bool,
    /// The tasks, in order; never empty, no id twice.
    pub tasks: Vec<StudyTask>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStudy {
    id: Spanned<String>,
    title: Spanned<String>,
    consent_text: Option<Spanned<String>>,
    consent_file: Option<Spanned<String>>,
    idle_seconds: Spanned<u32>,
    seed: u64,
    hidden: Spanned<u32>,
    #[serde(default)]
    export_wasm: bool,
    #[serde(default, rename = "task")]
    tasks: Vec<Spanned<RawStudyTask>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStudyTask {
    id: Spanned<String>,
    minutes: Option<Spanned<u32>>,
}

impl Study {
    /// Parses and validates `study.toml`. `file` names the file in error messages.
    ///
    /// # Errors
    /// A [`TaskError`] naming the file, the line and the field at fault.
    pub fn parse(source: &str, file: &str) -> Result<Study, TaskError> {
        let raw: RawStudy = toml::from_str(source).map_err(|e| {
            let error = TaskError::new(file, e.message().trim_end());
            match e.span() {
                Some(span) => error.at(source, span.start),
                None => error,
            }
        })?;
        let fail = |span: std::ops::Range<usize>, message: String| {
            Err(TaskError::new(file, message).at(source, span.start))
        };

        if !is_id(raw.id.get_ref()) {
            return fail(
                raw.id.span(),
                format!(
                    "field `id`: `{}` must be lowercase letters, digits and `-`",
                    raw.id.get_ref()
                ),
            );
        }
        if raw.title.get_ref().trim().is_empty() {
            return fail(raw.title.span(), "field `title` is empty".into());
        }
        let consent = match (raw.consent_text, raw.consent_file) {
            (Some(text), None) => {
                if text.get_ref().trim().is_empty() {
                    return fail(text.span(), "field `consent_text` is empty".into());
                }
                Consent::Text(text.into_inner())
            }
            (None, Some(name)) => {
                let n = name.get_ref();
                if n.is_empty() || n.contains(['/', '\\', '\0']) || n == "." || n == ".." {
                    return fail(
                        name.span(),
                        format!(
                            "field `consent_file`: `{n}` must be a file name in the study's folder, e.g. \"consent.md\""
                        ),
                    );
                }
                Consent::File(name.into_inner())
            }
            (Some(_), Some(file_name)) => {
                return fail(
                    file_name.span(),
                    "give either `consent_text` or `consent_file`, not both".into(),
                );
            }
            (None, None) => {
                return Err(TaskError::new(
                    file,
                    "missing consent: add `consent_file = \"consent.md\"` (a file beside study.toml) or `consent_text = \"…\"`",
                ));
            }
        };
        if *raw.idle_seconds.get_ref() == 0 {
            return fail(
                raw.idle_seconds.span(),
                "field `idle_seconds` must be at least 1 (seconds without input before the timer pauses)".into(),
            );
        }
        if *raw.hidden.get_ref() > MAX_HIDDEN {
            return fail(
                raw.hidden.span(),
                format!("field `hidden`: at most {MAX_HIDDEN} hidden cases"),
            );
        }
        if raw.tasks.is_empty() {
            return Err(TaskError::new(
                file,
                "no tasks: add at least one [[task]] with an `id`",
            ));
        }
        let mut seen = BTreeSet::new();
        let mut tasks = Vec::new();
        for entry in raw.tasks {
            let entry = entry.into_inner();
            let id_span = entry.id.span();
            let id = entry.id.into_inner();
            if !is_id(&id) {
                return fail(
                    id_span,
                    format!(
                        "[[task]]: field `id`: `{id}` is not a task id (lowercase letters, digits and `-`)"
                    ),
                );
            }
            if !seen.insert(id.clone()) {
                return fail(
                    id_span,
                    format!("[[task]]: task `{id}` is listed twice; a study gives each task once"),
                );
            }
            let minutes = match entry.minutes {
                Some(m) if *m.get_ref() == 0 => {
                    return fail(
                        m.span(),
                        format!(
                            "[[task]] `{id}`: field `minutes` must be at least 1; leave it out for no time limit"
                        ),
                    );
                }
                Some(m) => Some(m.into_inner()),
                None => None,
            };
            let at = TaskError::new(file, "").at(source, id_span.start);
            tasks.push(StudyTask {
                id,
                minutes,
                line: at.line.unwrap_or(1),
                column: at.column.unwrap_or(1),
            });
        }
        Ok(Study {
            id: raw.id.into_inner(),
            title: raw.title.into_inner(),
            consent,
            idle_seconds: raw.idle_seconds.into_inner(),
            seed: raw.seed,
            hidden: raw.hidden.into_inner(),
            export_wasm: raw.export_wasm,
            tasks,
        })
    }

    /// Checks that every task of the study exists. `file` names `study.toml` in the error.
    ///
    /// # Errors
    /// A [`TaskError`] at the first unknown task's line, listing the tasks there are.
    pub fn check_tasks(&self, file: &str, known: &[&str]) -> Result<(), TaskError> {
        match self.tasks.iter().find(|t| !known.contains(&t.id.as_str())) {
            None => Ok(()),
            Some(missing) => Err(TaskError {
                file: file.to_owned(),
                line: Some(missing.line),
                column: Some(missing.column),
                message: format!(
                    "[[task]]: there is no task `{}` under tasks/ (there are: {}); fix the id or add the task",
                    missing.id,
                    known.join(", ")
                ),
            }),
        }
    }
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
