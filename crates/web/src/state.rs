//! The whole app's state as one [`Reducible`] driven by [`Action`]s. The reducer is pure
//! (no browser calls, no clock: timestamps come in with the actions), so it is tested
//! natively; effects (fetching, posting to the worker, storage) live in `app.rs`.

use std::collections::BTreeMap;
use std::rc::Rc;

use replica_judge::Report;
use yew::Reducible;

use crate::history::{self, Attempt};
use crate::protocol::{Envelope, Phase, Reply, Runs, TaskText};
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

/// The module to grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// File name, or `example: <name>`.
    pub name: String,
    pub bytes: Rc<Vec<u8>>,
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
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Run,
    Grade,
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
                });
            }
            Action::Reply { reply, now } => self.reply(reply, now),
            Action::Cancelled => self.end_job(|kind| match kind {
                JobKind::Run => "Run cancelled.".into(),
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
                        history::push(
                            &mut task.history,
                            Attempt::from_report(&graded.report, submission, now),
                        );
                        task.graded = Some(graded);
                    }
                    Err(e) => task.notice = Some(e),
                }
            }
            Reply::Failed { error, .. } => match job.kind {
                JobKind::Run => task.ran = Some(Err(error)),
                JobKind::Grade => task.notice = Some(error),
            },
            Reply::Ready | Reply::Progress { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests;
