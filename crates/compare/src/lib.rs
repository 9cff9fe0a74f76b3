//! Humans and models on the same tasks: reads `replica.record/1` files (study exports of
//! the browser, `replica grade --author`, `replica grade-batch`), groups their submissions
//! by task, author kind and author, and turns them into a table (markdown, CSV, LaTeX)
//! and SVG charts.
//!
//! **API Boundary:** the CLI (`replica compare`) and the web app's compare view both call
//! [`load`], [`table`] and [`charts`], so a number means the same thing everywhere.
//! Everything here is a pure function of the files' text: no clock, no file system, and
//! ordered maps only, so the same files give byte-identical output.
//!
//! # Grouping
//!
//! Submissions are grouped by task **id**. Records of one task may carry different task
//! digests (the task changed between a study and a model run); they are still grouped
//! together, and [`Dataset::warnings`] names the digests so that the reader can decide
//! whether the numbers compare. Within a task, authors are grouped by kind (`human`,
//! `model`, any other word) and ordered by kind, then name.

pub mod charts;
mod stats;
pub mod table;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use replica_record::{Author, Event, Record};

pub use stats::{Row, median, pass_at_k, rows};

/// One submission as the comparison sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// 1-based attempt number of this author on this task.
    pub attempt: u32,
    pub reward: f64,
    pub solved: bool,
    /// Active (humans) or reported wall (models) milliseconds when it was submitted.
    pub active_ms: Option<u64>,
    pub tokens: Option<u64>,
}

/// Everything one author did on one task.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorData {
    pub author: Author,
    /// Ordered by attempt number. Empty when the author only started the task.
    pub attempts: Vec<Attempt>,
}

impl AuthorData {
    /// The first solving attempt, if any.
    pub fn first_solve(&self) -> Option<&Attempt> {
        self.attempts.iter().find(|a| a.solved)
    }

    /// The best reward of any attempt, or `None` without attempts.
    pub fn best_reward(&self) -> Option<f64> {
        self.attempts.iter().map(|a| a.reward).reduce(f64::max)
    }
}

/// Everything recorded about one task.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskData {
    pub id: String,
    /// Task digests seen in its submissions.
    pub digests: BTreeSet<String>,
    /// Authors by kind, then by name.
    pub kinds: BTreeMap<String, BTreeMap<String, AuthorData>>,
}

/// Records of any number of files, grouped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    /// By task id.
    pub tasks: BTreeMap<String, TaskData>,
    /// Things the reader should know (differing task digests, duplicate attempts), in a
    /// fixed order.
    pub warnings: Vec<String>,
}

/// A record file that cannot be read: displays as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LoadError {}

/// Reads record files given as `(name, text)` and groups their submissions by task, kind
/// and author. Events other than submissions count only to list an author on a task
/// (a participant who started a task and never submitted is an author who did not solve
/// it).
///
/// # Errors
/// The first line that is not a `replica.record/1` record, as `file:line: message`.
pub fn load(files: &[(String, String)]) -> Result<Dataset, LoadError> {
    // (task, author) → attempts with the file they came from, in reading order.
    let mut seen: BTreeMap<(String, Author), Vec<(Attempt, &str)>> = BTreeMap::new();
    let mut digests: BTreeMap<String, BTreeMap<String, BTreeSet<&str>>> = BTreeMap::new();
    // task → (seed, hidden) → files: which hidden cases the rewards were computed on.
    let mut draws: BTreeMap<String, BTreeMap<(u64, u32), BTreeSet<&str>>> = BTreeMap::new();
    for (name, text) in files {
        let records = replica_record::parse_jsonl(text).map_err(|e| LoadError {
            file: name.clone(),
            line: e.line,
            message: e.message,
        })?;
        for record in records {
            let Record {
                author,
                task,
                active_ms,
                event,
                ..
            } = record;
            let Some(task) = task else { continue };
            let attempts = seen.entry((task.clone(), author)).or_default();
            if let Event::Submission(submission) = event {
                draws
                    .entry(task.clone())
                    .or_default()
                    .entry((submission.seed, submission.hidden))
                    .or_default()
                    .insert(name.as_str());
                digests
                    .entry(task)
                    .or_default()
                    .entry(submission.task_digest.clone())
                    .or_default()
                    .insert(name.as_str());
                attempts.push((
                    Attempt {
                        attempt: submission.attempt,
                        reward: submission.reward,
                        solved: submission.solved,
                        active_ms,
                        tokens: submission.tokens,
                    },
                    name.as_str(),
                ));
            }
        }
    }

    let mut dataset = Dataset::default();
    for (task, files) in &digests {
        if files.len() > 1 {
            let list: Vec<String> = files
                .iter()
                .map(|(digest, names)| {
                    let names: Vec<&str> = names.iter().copied().collect();
                    format!("{} in {}", short_digest(digest), names.join(", "))
                })
                .collect();
            dataset.warnings.push(format!(
                "task `{task}`: submissions were graded against {} different task versions ({}); \
                 they are grouped by task id, but rewards may not compare: regrade them with \
                 the same task",
                files.len(),
                list.join("; ")
            ));
        }
    }
    for (task, files) in &draws {
        if files.len() > 1 {
            let list: Vec<String> = files
                .iter()
                .map(|((seed, hidden), names)| {
                    let names: Vec<&str> = names.iter().copied().collect();
                    format!("seed {seed} with {hidden} hidden in {}", names.join(", "))
                })
                .collect();
            dataset.warnings.push(format!(
                "task `{task}`: submissions were graded on {} different draws of hidden cases \
                 ({}); rewards are comparable only on the same cases: regrade with one \
                 `--seed` and `--hidden` (a study's are in its study.toml)",
                files.len(),
                list.join("; ")
            ));
        }
    }
    for ((task, author), mut attempts) in seen {
        // A stable sort keeps reading order among equal attempt numbers, so "the first"
        // below is the first one read.
        attempts.sort_by_key(|(a, _)| a.attempt);
        let mut kept: Vec<Attempt> = Vec::with_capacity(attempts.len());
        let mut duplicates = BTreeSet::new();
        for (attempt, _) in attempts {
            if kept.last().is_some_and(|k| k.attempt == attempt.attempt) {
                duplicates.insert(attempt.attempt);
            } else {
                kept.push(attempt);
            }
        }
        if !duplicates.is_empty() {
            let numbers: Vec<String> = duplicates.iter().map(u32::to_string).collect();
            dataset.warnings.push(format!(
                "task `{task}`: {author} has more than one submission numbered attempt {}; \
                 kept the first read (was a file given twice?)",
                numbers.join(", ")
            ));
        }
        let data = dataset
            .tasks
            .entry(task.clone())
            .or_insert_with(|| TaskData {
                id: task.clone(),
                ..TaskData::default()
            });
        data.kinds.entry(author.kind.clone()).or_default().insert(
            author.name.clone(),
            AuthorData {
                author,
                attempts: kept,
            },
        );
    }
    for (task, files) in digests {
        if let Some(data) = dataset.tasks.get_mut(&task) {
            data.digests = files.into_keys().collect();
        }
    }
    Ok(dataset)
}

/// `sha256:0123456789ab…`: enough of a digest to tell versions apart in a message.
fn short_digest(digest: &str) -> String {
    let cut = digest
        .char_indices()
        .nth("sha256:".len() + 12)
        .map_or(digest.len(), |(i, _)| i);
    if cut < digest.len() {
        format!("{}…", &digest[..cut])
    } else {
        digest.to_string()
    }
}

/// Whether pass@k applies to authors of `kind`. A model's attempts are independent
/// samples of the same prompt; a human's are revisions informed by the previous grade,
/// so pass@k would not estimate anything for them.
pub fn samples_independently(kind: &str) -> bool {
    kind != "human"
}
