//! `replica grade-batch`: grade a folder of submissions described by a manifest
//! (`docs/batch.md`) and produce one `replica.record/1` submission record per entry.
//!
//! It is the bridge for model runs produced elsewhere, so it is built for throughput:
//! every task is prepared once (hidden cases drawn and the reference run once per task
//! and seed), identical modules (same task, same digest) are graded once, and grading
//! runs on every core, while the output stays in manifest order and byte-identical
//! whatever the number of threads.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use replica_judge::sandbox::Engine;
use replica_judge::{GradeOptions, Prepared, Report, TaskBundle, prepare};
use replica_record::{Author, Event, Record, SCHEMA, Submission};
use serde::Deserialize;
use toml::Spanned;

use crate::local::Catalog;
use crate::source::{self, Loaded, Runtimes};
use replica_judge::runtimes::Language;

/// The seed `grade-batch` uses when none is given: fixed, so that every model graded by
/// any batch meets the same hidden cases, and records from separate runs compare.
pub const DEFAULT_SEED: u64 = 42;

/// The manifest's file name inside the batch folder.
pub const MANIFEST: &str = "manifest.toml";

/// One submission of the manifest, validated, with its path resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path as written in the manifest, for messages.
    pub label: String,
    /// The path relative to the current directory.
    pub path: PathBuf,
    pub task: String,
    pub author: Author,
    pub attempt: u32,
    pub tokens: Option<u64>,
    /// The language of a source file whose extension does not say (`language = "python"`).
    pub language: Option<Language>,
    /// The submitter's wall time, written as the record's `active_ms`.
    pub wall_ms: Option<u64>,
    /// When it was produced, RFC 3339 UTC, copied to the record's `at`.
    pub at: Option<String>,
    /// 1-based line of the entry's `[[submission]]` header, for messages.
    pub line: usize,
}

/// A manifest that cannot be used: displays as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ManifestError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default, rename = "submission")]
    submissions: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    path: Spanned<String>,
    task: Spanned<String>,
    author: Spanned<String>,
    attempt: Spanned<u32>,
    tokens: Option<u64>,
    language: Option<Spanned<String>>,
    wall_ms: Option<u64>,
    at: Option<Spanned<String>>,
}

/// 1-based line and column of byte `offset` of `source`.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// Whether `text` is RFC 3339 UTC as records write it: `2026-11-22T03:30:00Z`, with
/// optional fractional seconds.
fn is_utc_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 20 || b[b.len() - 1] != b'Z' {
        return false;
    }
    let shape = b"dddd-dd-ddTdd:dd:dd";
    let base = b.iter().zip(shape).all(|(&c, &s)| match s {
        b'd' => c.is_ascii_digit(),
        _ => c == s,
    });
    let fraction = &b[shape.len()..b.len() - 1];
    base && (fraction.is_empty()
        || (fraction.len() >= 2
            && fraction[0] == b'.'
            && fraction[1..].iter().all(u8::is_ascii_digit)))
}

/// Parses and validates a manifest. `file` names it in errors; `dir` is the folder entry
/// paths are relative to.
///
/// # Errors
/// A [`ManifestError`] at the line and column of the first problem: TOML syntax, an
/// unknown or missing field, an author that is not `KIND:NAME`, attempt 0, a malformed
/// `at`, or two entries with the same task, author and attempt.
pub fn parse_manifest(source: &str, file: &str, dir: &Path) -> Result<Vec<Entry>, ManifestError> {
    let fail = |offset: usize, message: String| {
        let (line, column) = line_column(source, offset);
        ManifestError {
            file: file.to_string(),
            line,
            column,
            message,
        }
    };
    let raw: RawManifest = toml::from_str(source).map_err(|e| {
        fail(
            e.span().map_or(0, |s| s.start),
            e.message().trim_end().to_string(),
        )
    })?;
    if raw.submissions.is_empty() {
        return Err(fail(
            0,
            "no [[submission]] entries; add one per graded module (see docs/batch.md)".into(),
        ));
    }
    let mut entries = Vec::with_capacity(raw.submissions.len());
    let mut seen = BTreeMap::new();
    for spanned in raw.submissions {
        let header = spanned.span().start;
        let raw = spanned.into_inner();
        let label = raw.path.get_ref().clone();
        if label.is_empty() {
            return Err(fail(raw.path.span().start, "field `path` is empty".into()));
        }
        let task = raw.task.get_ref().clone();
        if task.is_empty() || task.contains('/') {
            return Err(fail(
                raw.task.span().start,
                format!("field `task` must be a task id such as `wc`, not `{task}`"),
            ));
        }
        let author =
            Author::parse(raw.author.get_ref()).map_err(|e| fail(raw.author.span().start, e))?;
        let attempt = *raw.attempt.get_ref();
        if attempt == 0 {
            return Err(fail(
                raw.attempt.span().start,
                "field `attempt` counts from 1".into(),
            ));
        }
        let at = match raw.at {
            Some(at) if !is_utc_timestamp(at.get_ref()) => {
                return Err(fail(
                    at.span().start,
                    format!(
                        "field `at` must be RFC 3339 UTC like `2026-11-22T03:30:00.000Z`, not `{}`",
                        at.get_ref()
                    ),
                ));
            }
            Some(at) => Some(at.into_inner()),
            None => None,
        };
        let language = match raw.language {
            Some(name) => Some(Language::from_name(name.get_ref()).ok_or_else(|| {
                fail(
                    name.span().start,
                    format!(
                        "field `language` must be python, javascript or c, not `{}`",
                        name.get_ref()
                    ),
                )
            })?),
            None => None,
        };
        let (line, _) = line_column(source, header);
        if let Some(first) = seen.insert((task.clone(), author.clone(), attempt), line) {
            return Err(fail(
                header,
                format!(
                    "{author} has attempt {attempt} on task `{task}` twice (also at line {first}); number attempts 1, 2, …"
                ),
            ));
        }
        entries.push(Entry {
            path: dir.join(&label),
            label,
            task,
            author,
            attempt,
            tokens: raw.tokens,
            language,
            wall_ms: raw.wall_ms,
            at,
            line,
        });
    }
    Ok(entries)
}

/// Choices for a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOptions {
    pub seed: u64,
    pub hidden: Option<u32>,
    /// Embed the whole report in each record.
    pub include_report: bool,
    /// Embed the module, base64, in each record.
    pub include_wasm: bool,
    /// The engine guests run on (it changes speed, never a record).
    pub engine: Engine,
    /// Grading threads.
    pub jobs: usize,
}

/// What a batch did, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchStats {
    pub submissions: usize,
    /// Distinct (task, module) pairs actually graded.
    pub graded: usize,
    pub tasks: usize,
    /// Candidate runs (cases × distinct modules that loaded).
    pub runs: usize,
    /// Submissions that could not be read or built.
    pub unbuilt: usize,
}

/// The tasks of a batch, loaded (and their modules built) once each.
pub type Bundles = BTreeMap<String, TaskBundle>;

/// Each submission by path, or why it could not be read or built.
pub type Modules = BTreeMap<PathBuf, Result<Arc<Loaded>, String>>;

/// Loads every task the entries name, so that a typo in a task id fails before any
/// submission is built.
///
/// # Errors
/// When a task does not exist or its files are broken; the message names the manifest
/// line of its first entry.
pub fn load_tasks(catalog: &Catalog, entries: &[Entry], manifest: &str) -> Result<Bundles> {
    let mut bundles = BTreeMap::new();
    for entry in entries {
        if !bundles.contains_key(&entry.task) {
            let bundle = catalog
                .load(&entry.task)
                .with_context(|| format!("{manifest}:{}: task `{}`", entry.line, entry.task))?;
            bundles.insert(entry.task.clone(), bundle);
        }
    }
    Ok(bundles)
}

/// Reads or builds every submission once per path. A failure is kept as its message:
/// it becomes a CE record, not an abort.
pub fn load_modules(entries: &[Entry]) -> Modules {
    let mut modules = BTreeMap::new();
    for entry in entries {
        modules.entry(entry.path.clone()).or_insert_with(|| {
            source::load(&entry.path, entry.language)
                .map(Arc::new)
                .map_err(|e| format!("{:#}", e.context(format!("building {}", entry.label))))
        });
    }
    modules
}

/// Grades every entry and returns one record per entry, in manifest order, numbered
/// from 1.
///
/// # Errors
/// When a task cannot be prepared (a fault of the task, not of a submission), or the
/// runtime of a source submission's language cannot be loaded. A submission that could
/// not be read or built is a record with CE on every case, its `compile_error` saying
/// why.
///
/// # Panics
/// When `bundles` or `modules` lack an entry's task or path (use [`load_tasks`] and
/// [`load_modules`] on the same entries).
pub fn grade_batch(
    bundles: &Bundles,
    modules: &Modules,
    entries: &[Entry],
    runtimes: &Runtimes,
    options: BatchOptions,
) -> Result<(Vec<Record>, BatchStats)> {
    // Every runtime the batch needs loads before any grading starts.
    for loaded in modules.values().flatten() {
        if let Some(language) = loaded.language()
            && language.has_runtime()
        {
            runtimes.get(language)?;
        }
    }
    let task_ids: BTreeSet<&str> = entries.iter().map(|e| e.task.as_str()).collect();

    // Prepare every task in parallel: each runs the generator and the reference once.
    let grade_options = GradeOptions {
        seed: options.seed,
        hidden: options.hidden,
        engine: options.engine,
    };
    let prepared: BTreeMap<&str, Prepared> = std::thread::scope(|scope| {
        let handles: Vec<_> = bundles
            .iter()
            .filter(|(id, _)| task_ids.contains(id.as_str()))
            .map(|(id, bundle)| {
                scope.spawn(move || {
                    let prepared = prepare(bundle, grade_options, &mut |_| {})
                        .with_context(|| format!("preparing task `{id}`"));
                    (id.as_str(), prepared)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                let (id, prepared) = h.join().expect("preparing a task does not panic");
                prepared.map(|p| (id, p))
            })
            .collect::<Result<_>>()
    })?;

    // Distinct jobs: one per (task, module digest); an unbuilt module is graded as no
    // bytes once per task, and each entry then says why it did not build.
    let mut jobs: Vec<(&str, Arc<Loaded>)> = Vec::new();
    let mut job_of: BTreeMap<(&str, String), usize> = BTreeMap::new();
    let mut entry_job = Vec::with_capacity(entries.len());
    let empty = Arc::new(Loaded::Wasm(Vec::new()));
    for entry in entries {
        let bytes = match &modules[&entry.path] {
            Ok(loaded) => loaded.clone(),
            Err(_) => empty.clone(),
        };
        let key = (entry.task.as_str(), bytes.key());
        let next = jobs.len();
        let job = *job_of.entry(key).or_insert_with(|| {
            jobs.push((entry.task.as_str(), bytes));
            next
        });
        entry_job.push(job);
    }

    let reports = run_jobs(&jobs, &prepared, runtimes, options.jobs)?;

    let mut stats = BatchStats {
        submissions: entries.len(),
        graded: jobs.len(),
        tasks: task_ids.len(),
        ..BatchStats::default()
    };
    for report in &reports {
        if report.compile_error.is_none() {
            stats.runs += report.cases.len();
        }
    }
    let mut records = Vec::with_capacity(entries.len());
    for (i, (entry, &job)) in entries.iter().zip(&entry_job).enumerate() {
        let mut report = reports[job].clone();
        let module = &modules[&entry.path];
        if let Err(why) = module {
            stats.unbuilt += 1;
            report.compile_error = Some(why.clone());
        }
        let mut submission = Submission::from_report(&report, entry.attempt);
        submission.tokens = entry.tokens;
        if let Ok(loaded) = module {
            submission.set_source(loaded.source());
            if options.include_wasm
                && let Loaded::Wasm(wasm) | Loaded::Compiled { wasm, .. } = &**loaded
            {
                use base64::Engine as _;
                submission.wasm_base64 =
                    Some(base64::engine::general_purpose::STANDARD.encode(wasm));
            }
        }
        if options.include_report {
            submission.report = Some(report);
        }
        records.push(Record {
            schema: SCHEMA.to_string(),
            seq: i as u64 + 1,
            at: entry.at.clone(),
            author: entry.author.clone(),
            study: None,
            task: Some(entry.task.clone()),
            active_ms: entry.wall_ms,
            event: Event::Submission(Box::new(submission)),
        });
    }
    Ok((records, stats))
}

/// Grades `jobs` on `threads` threads, each taking the next job in turn; the reports
/// come back in job order, so the output does not depend on the number of threads.
fn run_jobs(
    jobs: &[(&str, Arc<Loaded>)],
    prepared: &BTreeMap<&str, Prepared>,
    runtimes: &Runtimes,
    threads: usize,
) -> Result<Vec<Report>> {
    let next = AtomicUsize::new(0);
    let threads = threads.clamp(1, jobs.len().max(1));
    let mut done: Vec<(usize, Result<Report>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((task, loaded)) = jobs.get(i) else {
                            break;
                        };
                        mine.push((i, loaded.grade(&prepared[task], runtimes, &mut |_| {})));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("grading does not panic"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, report)| report).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, expect: &str) {
        let got = match parse_manifest(source, "manifest.toml", Path::new("run")) {
            Ok(entries) => format!("{entries:?}"),
            Err(e) => e.to_string(),
        };
        assert!(got.contains(expect), "expected {expect:?} in\n{got}");
    }

    const GOOD: &str =
        "[[submission]]\npath = \"a.wasm\"\ntask = \"wc\"\nauthor = \"model:x\"\nattempt = 1\n";

    #[test]
    fn manifests_parse() {
        check(GOOD, "path: \"run/a.wasm\"");
        check(
            &format!("{GOOD}tokens = 5\nwall_ms = 700\nat = \"2026-11-22T03:30:00.123Z\"\n"),
            "tokens: Some(5), language: None, wall_ms: Some(700), at: Some(\"2026-11-22T03:30:00.123Z\"), line: 1",
        );
    }

    #[test]
    fn manifest_errors_name_the_line_and_column() {
        check("", "manifest.toml:1:1: no [[submission]] entries");
        check(
            &GOOD.replace("model:x", "gpt"),
            "manifest.toml:4:10: author `gpt` has no kind",
        );
        check(
            &GOOD.replace("attempt = 1", "attempt = 0"),
            "manifest.toml:5:11: field `attempt` counts from 1",
        );
        check(
            &format!("{GOOD}wall = 3\n"),
            "manifest.toml:6:1: unknown field `wall`",
        );
        check(
            &format!("{GOOD}at = \"yesterday\"\n"),
            "manifest.toml:6:6: field `at` must be RFC 3339 UTC",
        );
        check(
            &format!("{GOOD}\n{GOOD}"),
            "manifest.toml:7:1: model:x has attempt 1 on task `wc` twice (also at line 1)",
        );
        check(
            &GOOD.replace("task = \"wc\"\n", ""),
            "manifest.toml:1:1: missing field `task`",
        );
        check("[[submission]\n", "manifest.toml:1:");
    }

    #[test]
    fn timestamps() {
        for good in ["2026-11-22T03:30:00Z", "2026-11-22T03:30:00.123Z"] {
            assert!(is_utc_timestamp(good), "{good}");
        }
        for bad in [
            "2026-11-22",
            "2026-11-22T03:30:00",
            "2026-11-22T03:30:00.Z",
            "2026-11-22T03:30:00+01:00",
        ] {
            assert!(!is_utc_timestamp(bad), "{bad}");
        }
    }
}
