//! The whole app's state as one [`Reducible`] driven by [`Action`]s. The reducer is pure
//! (no browser calls, no clock: timestamps come in with the actions), so it is tested
//! natively; effects (fetching, posting to the worker, storage) live in `app.rs`.

use std::collections::BTreeMap;
use std::rc::Rc;

use replica_judge::runtimes::Language;
use replica_judge::{CaseDiff, Report};
use yew::Reducible;

use crate::history::{self, Attempt};
use crate::protocol::{Envelope, Phase, Reply, RunInfo, Runs, TaskText};
use crate::route::Route;

/// Something fetched: still loading, there, or failed with a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// What the catalogue shows of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskMeta {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub minutes: u32,
    /// Number of visible cases.
    pub visible: usize,
    /// Hidden cases drawn by default.
    pub hidden: u32,
    pub program: String,
    pub compare: Vec<String>,
    /// Example submissions in the pack.
    pub examples: Vec<String>,
}

impl TaskMeta {
    /// Reads the catalogue fields from a parsed `task.toml`. Example names are made unique:
    /// the pack holds one module per name.
    pub fn new(task: &replica_judge::task::Task, mut examples: Vec<String>) -> TaskMeta {
        let mut seen = std::collections::BTreeSet::new();
        examples.retain(|name| seen.insert(name.clone()));
        TaskMeta {
            id: task.id.clone(),
            title: task.title.clone(),
            summary: task.summary.clone(),
            tags: task.tags.clone(),
            minutes: task.minutes,
            visible: task.cases.len(),
            hidden: task.hidden,
            program: task.program.clone(),
            compare: task.compare.iter().map(|c| c.name().to_string()).collect(),
            examples,
        }
    }
}

/// Everything the worker needs of a task.
#[derive(Debug, PartialEq, Eq)]
pub struct TaskFiles {
    pub text: TaskText,
    pub reference: Vec<u8>,
    pub generator: Vec<u8>,
}

/// A file the user picked, with its bytes shared rather than copied on every state change.
pub type Picked = (String, Rc<Vec<u8>>);

/// The "try the reference" form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunForm {
    /// Arguments as typed, split like a shell when run.
    pub args: String,
    /// Typed stdin, used unless a stdin file is picked.
    pub stdin: String,
    pub stdin_file: Option<Picked>,
    /// Input files by path, in the order added.
    pub files: Vec<Picked>,
}

/// What a reference run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutput {
    pub ending: String,
    pub exit_code: Option<i32>,
    pub fuel: u64,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Files in the tree after the run.
    pub files: Vec<(String, Vec<u8>)>,
}

impl RunOutput {
    /// A run the worker described in `info`, with its outputs and written files in
    /// `blobs` (stdout, stderr, then one per file).
    fn from_info(info: RunInfo, blobs: &mut impl Iterator<Item = Vec<u8>>) -> RunOutput {
        let stdout = blobs.next().unwrap_or_default();
        let stderr = blobs.next().unwrap_or_default();
        let files = info
            .files
            .into_iter()
            .map(|path| (path, blobs.next().unwrap_or_default()))
            .collect();
        RunOutput {
            ending: info.ending,
            exit_code: info.exit_code,
            fuel: info.fuel,
            stdout,
            stderr,
            files,
        }
    }
}

/// The module to grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// File name, or `example: <name>`.
    pub name: String,
    /// The module, or a program's source (see `source`).
    pub bytes: Rc<Vec<u8>>,
    /// The program's text, for a submission written in a language: the history keeps it
    /// so the attempt can be reopened in the editor.
    pub source: Option<SourceText>,
    /// What the worker is to make of `bytes` (for C, set once it compiled).
    pub program: crate::protocol::Program,
}

impl Submission {
    /// A module to grade.
    pub fn module(name: impl Into<String>, bytes: Vec<u8>) -> Submission {
        Submission {
            name: name.into(),
            bytes: Rc::new(bytes),
            source: None,
            program: crate::protocol::Program::Wasm,
        }
    }
}

/// A program's text and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    pub language: Language,
    pub text: Rc<str>,
}

/// The reference and your program on the same input, as "Run" in the editor shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Tried {
    pub reference: RunOutput,
    /// Your program's run; `None` when it did not compile (see `compile_error`).
    pub program: Option<RunOutput>,
    /// Its verdict had the input been a case.
    pub verdict: Option<String>,
    /// The compared channels that differ, and their diff.
    pub channels: Vec<String>,
    pub diff: Option<CaseDiff>,
    pub compile_error: Option<String>,
    /// The outputs' sizes before the worker cut them for the page.
    pub program_sizes: (u64, u64),
}

/// A graded submission: the parsed report for the view and its exact JSON for download.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub report: Rc<Report>,
    pub json: Rc<str>,
    pub submission: String,
    /// Where the worker ran it, for a report graded in this page (not one read back).
    pub runs: Option<Runs>,
}

impl Graded {
    /// Parses the worker's (or storage's) report JSON, keeping the exact bytes.
    ///
    /// # Errors
    /// A message when `json` is not a report.
    pub fn parse(json: &str, submission: &str) -> Result<Graded, String> {
        let report = serde_json::from_str::<Report>(json)
            .map_err(|e| format!("the report does not parse: {e}"))?;
        Ok(Graded {
            report: Rc::new(report),
            json: json.into(),
            submission: submission.to_string(),
            runs: None,
        })
    }

    /// What session storage keeps, so a reload shows the same result.
    pub fn to_stored(&self) -> String {
        serde_json::json!({ "submission": self.submission, "report": &*self.json }).to_string()
    }

    /// Reads [`Graded::to_stored`] back; anything else is no result.
    pub fn from_stored(stored: &str) -> Option<Graded> {
        let value: serde_json::Value = serde_json::from_str(stored).ok()?;
        let submission = value.get("submission")?.as_str()?;
        Graded::parse(value.get("report")?.as_str()?, submission).ok()
    }
}

/// The session storage key of a task's latest result.
pub fn result_key(task: &str) -> String {
    format!("replica.result.{task}")
}

/// Per-task state, kept while moving between pages.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskState {
    pub files: Load<Rc<TaskFiles>>,
    pub form: RunForm,
    pub ran: Option<Result<Rc<RunOutput>, String>>,
    pub submission: Option<Submission>,
    pub graded: Option<Graded>,
    /// Why the last grading did not give a report (a broken task, a crashed worker,
    /// cancelled by the user).
    pub notice: Option<String>,
    pub history: Vec<Attempt>,
    /// The editor's last "Run": your program beside the reference, or why it did not run.
    pub tried: Option<Result<Rc<Tried>, String>>,
    /// A program to put into the editor when it next shows (an attempt reopened from the
    /// history); the editor takes it as one undoable change.
    pub reopen: Option<SourceText>,
}

impl TaskState {
    fn new(history: Vec<Attempt>, graded: Option<Graded>) -> TaskState {
        TaskState {
            files: Load::Loading,
            form: RunForm::default(),
            ran: None,
            submission: None,
            graded,
            notice: None,
            history,
            tried: None,
            reopen: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// The reference on custom input.
    Run,
    Grade,
    /// The editor's program and the reference on custom input.
    Try,
}

/// What a job does before the worker's runs start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Compiling C in the page: the compiler's download, `done` of `total` bytes (`total`
    /// 0 once it is compiling).
    Compiling { done: u64, total: u64 },
    /// The worker loads a language runtime: `done` of `total` bytes, from the browser's
    /// cache when `cached`.
    Loading {
        what: String,
        done: u64,
        total: u64,
        cached: bool,
    },
}

/// The one request the worker is busy with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: u32,
    pub task: String,
    pub kind: JobKind,
    /// Latest progress: phase, runs done, runs in the phase.
    pub progress: Option<(Phase, usize, usize)>,
    /// Fuel used so far by the run under way and its budget, once it has run a slice.
    pub fuel: Option<(u64, u64)>,
    /// Compiling or loading a runtime, before any run.
    pub stage: Option<Stage>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub route: Route,
    pub catalogue: Load<Vec<TaskMeta>>,
    pub tasks: BTreeMap<String, TaskState>,
    pub job: Option<Job>,
    /// The seed field as typed.
    pub seed: String,
    /// Show only cases that did not pass.
    pub failing_only: bool,
}

impl AppState {
    pub fn new(route: Route, seed: u64) -> AppState {
        AppState {
            route,
            catalogue: Load::Loading,
            tasks: BTreeMap::new(),
            job: None,
            seed: seed.to_string(),
            failing_only: false,
        }
    }

    /// The seed field parsed, or why it is not a seed.
    pub fn seed(&self) -> Result<u64, String> {
        self.seed
            .trim()
            .parse()
            .map_err(|_| format!("the seed must be a whole number from 0 to {}", u64::MAX))
    }

    pub fn task(&self, id: &str) -> Option<&TaskState> {
        self.tasks.get(id)
    }

    pub fn meta(&self, id: &str) -> Option<&TaskMeta> {
        match &self.catalogue {
            Load::Ready(tasks) => tasks.iter().find(|t| t.id == id),
            _ => None,
        }
    }

    /// Whether a job of `kind` runs for `task`.
    pub fn busy(&self, task: &str, kind: JobKind) -> bool {
        self.job
            .as_ref()
            .is_some_and(|j| j.task == task && j.kind == kind)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Navigate(Route),
    CatalogueLoaded(Result<Vec<TaskMeta>, String>),
    /// Start tracking a task, with its stored history and latest result.
    TaskOpened {
        id: String,
        history: Vec<Attempt>,
        graded: Option<Graded>,
    },
    TaskLoaded {
        id: String,
        files: Result<Rc<TaskFiles>, String>,
    },
    SetArgs {
        id: String,
        args: String,
    },
    SetStdin {
        id: String,
        stdin: String,
    },
    SetStdinFile {
        id: String,
        file: Option<Picked>,
    },
    AddFiles {
        id: String,
        files: Vec<Picked>,
    },
    RemoveFile {
        id: String,
        path: String,
    },
    SetSubmission {
        id: String,
        submission: Submission,
    },
    /// Loading a submission failed (an example that could not be fetched, an unreadable file).
    SubmissionFailed {
        id: String,
        error: String,
    },
    SetSeed(String),
    ToggleFailingOnly,
    ClearHistory(String),
    /// A request with a fresh `id` was posted to the worker. Replies carry the id, so
    /// those of an older (cancelled) job are ignored.
    JobStarted {
        id: u32,
        task: String,
        kind: JobKind,
    },
    /// A message from the worker, with the time it arrived (ms since the epoch).
    Reply {
        reply: Envelope<Reply>,
        now: f64,
    },
    /// Progress of job `job` before the worker runs anything (compiling C in the page).
    Stage {
        job: u32,
        stage: Stage,
    },
    /// Job `job` ended before reaching the worker (C that could not be compiled for a
    /// reason other than its code: the compiler did not load).
    JobFailed {
        job: u32,
        error: String,
    },
    /// Put `source` into the task's editor when it next shows.
    Reopen {
        id: String,
        source: SourceText,
    },
    /// The editor took the program to reopen.
    Reopened(String),
    /// The user cancelled: the worker was terminated.
    Cancelled,
    /// The worker died (a panic in the engine, out of memory).
    WorkerCrashed(String),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

impl AppState {
    /// Applies one action in place.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Navigate(route) => self.route = route,
            Action::CatalogueLoaded(result) => {
                self.catalogue = match result {
                    Ok(tasks) => Load::Ready(tasks),
                    Err(e) => Load::Failed(e),
                }
            }
            Action::TaskOpened {
                id,
                history,
                graded,
            } => {
                self.tasks
                    .entry(id)
                    .or_insert_with(|| TaskState::new(history, graded));
            }
            Action::TaskLoaded { id, files } => {
                if let Some(t) = self.tasks.get_mut(&id) {
                    t.files = match files {
                        Ok(files) => Load::Ready(files),
                        Err(e) => Load::Failed(e),
                    };
                }
            }
            Action::SetArgs { id, args } => self.form(&id, |f| f.args = args),
            Action::SetStdin { id, stdin } => self.form(&id, |f| f.stdin = stdin),
            Action::SetStdinFile { id, file } => self.form(&id, |f| f.stdin_file = file),
            Action::AddFiles { id, files } => self.form(&id, |f| {
                for (path, bytes) in files {
                    // Picking a file with a name already there replaces it, as a copy would.
                    f.files.retain(|(p, _)| *p != path);
                    f.files.push((path, bytes));
                }
            }),
            Action::RemoveFile { id, path } => {
                self.form(&id, |f| f.files.retain(|(p, _)| *p != path))
            }
            Action::SetSubmission { id, submission } => {
                if let Some(t) = self.tasks.get_mut(&id) {
                    t.submission = Some(submission);
                    t.notice = None;
                }
            }
            Action::SubmissionFailed { id, error } => {
                if let Some(t) = self.tasks.get_mut(&id) {
                    t.notice = Some(error);
                }
            }
            Action::SetSeed(seed) => self.seed = seed,
            Action::ToggleFailingOnly => self.failing_only = !self.failing_only,
            Action::ClearHistory(id) => {
                if let Some(t) = self.tasks.get_mut(&id) {
                    t.history.clear();
                }
            }
            Action::JobStarted { id, task, kind } => {
                if let Some(t) = self.tasks.get_mut(&task) {
                    t.notice = None;
                }
                self.job = Some(Job {
                    id,
                    task,
                    kind,
                    progress: None,
                    fuel: None,
                    stage: None,
                });
            }
            Action::Reply { reply, now } => self.reply(reply, now),
            Action::Stage { job, stage } => {
                if let Some(j) = self.job.as_mut().filter(|j| j.id == job) {
                    j.stage = Some(stage);
                }
            }
            Action::JobFailed { job, error } => {
                if self.job.as_ref().is_some_and(|j| j.id == job) {
                    self.end_job(|_| error);
                }
            }
            Action::Reopen { id, source } => {
                if let Some(t) = self.tasks.get_mut(&id) {
                    t.reopen = Some(source);
                }
            }
            Action::Reopened(id) => {
                if let Some(t) = self.tasks.get_mut(&id) {
                    t.reopen = None;
                }
            }
            Action::Cancelled => self.end_job(|kind| match kind {
                JobKind::Run | JobKind::Try => "Run cancelled.".into(),
                JobKind::Grade => "Grading cancelled.".into(),
            }),
            Action::WorkerCrashed(why) => {
                self.end_job(|_| format!("The grading worker stopped unexpectedly: {why}"))
            }
        }
    }

    fn form(&mut self, id: &str, change: impl FnOnce(&mut RunForm)) {
        if let Some(t) = self.tasks.get_mut(id) {
            change(&mut t.form);
        }
    }

    /// Ends the current job without a result, leaving `notice(kind)` on its task.
    fn end_job(&mut self, notice: impl FnOnce(JobKind) -> String) {
        if let Some(job) = self.job.take()
            && let Some(t) = self.tasks.get_mut(&job.task)
        {
            let text = notice(job.kind);
            match job.kind {
                JobKind::Run => t.ran = Some(Err(text)),
                JobKind::Try => t.tried = Some(Err(text)),
                JobKind::Grade => t.notice = Some(text),
            }
        }
    }

    fn reply(&mut self, reply: Envelope<Reply>, now: f64) {
        let Envelope { header, blobs } = reply;
        // Replies of a cancelled job can still arrive; only the current job counts.
        let Some(job) = self.job.as_mut().filter(|j| Some(j.id) == header.job()) else {
            return;
        };
        if let Reply::Progress {
            phase,
            done,
            total,
            fuel,
            ..
        } = header
        {
            job.progress = Some((phase, done, total));
            job.fuel = fuel;
            job.stage = None;
            return;
        }
        if let Reply::Loading {
            what,
            done,
            total,
            cached,
            ..
        } = header
        {
            job.stage = Some(Stage::Loading {
                what,
                done,
                total,
                cached,
            });
            return;
        }
        let job = self.job.take().expect("matched above");
        let Some(task) = self.tasks.get_mut(&job.task) else {
            return;
        };
        match header {
            Reply::Ran {
                ending,
                exit_code,
                fuel,
                files,
                ..
            } => {
                let mut blobs = blobs.into_iter();
                let stdout = blobs.next().unwrap_or_default();
                let stderr = blobs.next().unwrap_or_default();
                let files = files.into_iter().zip(blobs).collect();
                task.ran = Some(Ok(Rc::new(RunOutput {
                    ending,
                    exit_code,
                    fuel,
                    stdout,
                    stderr,
                    files,
                })));
            }
            Reply::Graded {
                report: json, runs, ..
            } => {
                let submission = task.submission.as_ref().map_or("", |s| s.name.as_str());
                match Graded::parse(&json, submission) {
                    Ok(mut graded) => {
                        graded.runs = Some(runs);
                        let mut attempt = Attempt::from_report(&graded.report, submission, now);
                        if let Some(source) =
                            task.submission.as_ref().and_then(|s| s.source.as_ref())
                        {
                            attempt.keep_source(source.language, &source.text);
                        }
                        history::push(&mut task.history, attempt);
                        task.graded = Some(graded);
                    }
                    Err(e) => task.notice = Some(e),
                }
            }
            Reply::Tried {
                reference,
                program,
                verdict,
                channels,
                diff,
                compile_error,
                ..
            } => {
                let mut blobs = blobs.into_iter();
                let program_sizes = (program.stdout_bytes, program.stderr_bytes);
                let reference = RunOutput::from_info(reference, &mut blobs);
                let ran = compile_error.is_none();
                let program = RunOutput::from_info(program, &mut blobs);
                task.tried = Some(
                    diff.map(|d| serde_json::from_str::<CaseDiff>(&d))
                        .transpose()
                        .map_err(|e| format!("the worker's diff does not parse: {e}"))
                        .map(|diff| {
                            Rc::new(Tried {
                                reference,
                                program: ran.then_some(program),
                                verdict,
                                channels,
                                diff,
                                compile_error,
                                program_sizes,
                            })
                        }),
                );
            }
            Reply::Failed { error, .. } => match job.kind {
                JobKind::Run => task.ran = Some(Err(error)),
                JobKind::Try => task.tried = Some(Err(error)),
                JobKind::Grade => task.notice = Some(error),
            },
            Reply::Ready | Reply::Progress { .. } | Reply::Loading { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests;
