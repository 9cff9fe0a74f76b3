//! One participant in one study: where they are, and every event recorded so far.
//!
//! Pure: times come in as arguments (ms since the epoch, the browser's clock), and every
//! change appends a [`Record`] with the next `seq`, kept as its JSON line. The page
//! persists the lines it has not saved yet; [`Session::restore`] rebuilds the session from
//! the saved lines after a reload, a crash or a closed tab, so the participant resumes on
//! the same task with the active time recorded so far.
//!
//! Saved lines are read back as `serde_json::Value`, not as `Record`s: the page then needs
//! no `Record` deserializer (a flattened, internally tagged enum holding a whole optional
//! report is large code), and the export repeats the saved bytes exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use replica_judge::Report;
use replica_judge::runtimes::Language;
use replica_record::{Author, Event, FinishReason, Record, SCHEMA, Submission, rfc3339};
use replica_task::{Content, Study};
use serde_json::Value;

use super::timer::{Change, Timer};

/// Where the participant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the consent text.
    Consent,
    /// Working on the task at this index of the study.
    Task(usize),
    /// Every task is over.
    Done,
}

/// A run of the reference the participant asked for: its input and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeInput {
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    /// Input files in the order given; recorded sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub study: Rc<Study>,
    pub author: Author,
    /// `sha256:<hex>` of the consent text shown.
    pub consent_digest: String,
    /// Every record's JSON line, `seq` 1..=n in order. Shared so that a tick does not
    /// copy them.
    pub lines: Rc<Vec<String>>,
    /// Submitted modules by digest, for an export with `wasm_base64`.
    pub modules: Rc<BTreeMap<String, Rc<Vec<u8>>>>,
    pub stage: Stage,
    /// Running (or paused) while on a task.
    pub timer: Option<Timer>,
    /// Graded submissions per task id.
    attempts: BTreeMap<String, u32>,
    /// Tasks solved at some submission.
    solved: BTreeSet<String>,
}

impl Session {
    /// Rebuilds a session from `stored` JSON lines (possibly none: a new participant, who
    /// is recorded as joining). A task left unfinished is started again with
    /// `resumed: true` and its recorded active time.
    ///
    /// # Errors
    /// A message when the stored lines are not one participant's unbroken sequence.
    pub fn restore(
        study: Rc<Study>,
        author: Author,
        consent_digest: String,
        stored: Vec<String>,
        modules: BTreeMap<String, Rc<Vec<u8>>>,
        user_agent: Option<String>,
        now: f64,
    ) -> Result<Session, String> {
        let mut events = Vec::with_capacity(stored.len());
        let who = author.to_string();
        for (i, line) in stored.iter().enumerate() {
            let seq = i as u64 + 1;
            let damaged = |why: String| {
                format!(
                    "the saved record is damaged at event {seq}: {why}; export what there is and tell the organiser"
                )
            };
            let value: Value = serde_json::from_str(line).map_err(|e| damaged(e.to_string()))?;
            if value["schema"] != SCHEMA {
                return Err(damaged(format!("its schema is not {SCHEMA}")));
            }
            if value["seq"].as_u64() != Some(seq) {
                return Err(damaged(format!("it has seq {}", value["seq"])));
            }
            if value["author"] != who.as_str() || value["study"] != study.id.as_str() {
                return Err(format!(
                    "the saved event {seq} belongs to {} in study {}, not {who} in {}",
                    value["author"].as_str().unwrap_or("nobody"),
                    value["study"].as_str().unwrap_or("none"),
                    study.id
                ));
            }
            events.push(value);
        }
        let mut session = Session {
            study,
            author,
            consent_digest,
            lines: Rc::new(Vec::new()),
            modules: Rc::new(modules),
            stage: Stage::Consent,
            timer: None,
            attempts: BTreeMap::new(),
            solved: BTreeSet::new(),
        };
        if stored.is_empty() {
            session.push(None, None, Event::Join { user_agent }, now);
            return Ok(session);
        }

        let mut consented = false;
        let mut ended = false;
        let mut started = BTreeSet::new();
        let mut over = BTreeSet::new();
        let mut active: BTreeMap<String, u64> = BTreeMap::new();
        for value in &events {
            let task = value["task"].as_str().unwrap_or_default().to_string();
            match value["event"].as_str().unwrap_or_default() {
                "consent" => consented = true,
                "task_start" => {
                    started.insert(task.clone());
                }
                "give_up" | "finish" => {
                    over.insert(task.clone());
                }
                "submission" => {
                    let attempt = value["attempt"].as_u64().unwrap_or(0) as u32;
                    let n = session.attempts.entry(task.clone()).or_insert(0);
                    *n = (*n).max(attempt);
                    if value["solved"] == true {
                        session.solved.insert(task.clone());
                    }
                }
                "end" => ended = true,
                _ => {}
            }
            if let Some(ms) = value["active_ms"].as_u64() {
                let a = active.entry(task).or_insert(0);
                *a = (*a).max(ms);
            }
        }
        session.lines = Rc::new(stored);
        if ended {
            session.stage = Stage::Done;
        } else if consented {
            let next = session
                .study
                .tasks
                .iter()
                .position(|t| !over.contains(&t.id));
            match next {
                Some(index) => {
                    let id = &session.study.tasks[index].id;
                    let resumed = started.contains(id);
                    let ms = active.get(id).copied().unwrap_or(0);
                    session.start_task(index, resumed, ms, now);
                }
                None => session.end(now),
            }
        }
        Ok(session)
    }

    /// The id of the current task.
    pub fn task(&self) -> Option<&str> {
        match self.stage {
            Stage::Task(i) => Some(&self.study.tasks[i].id),
            _ => None,
        }
    }

    pub fn attempts(&self, task: &str) -> u32 {
        self.attempts.get(task).copied().unwrap_or(0)
    }

    pub fn solved(&self, task: &str) -> bool {
        self.solved.contains(task)
    }

    /// Active ms on the current task.
    pub fn active_ms(&self, now: f64) -> Option<u64> {
        self.timer.as_ref().map(|t| t.active_ms(now))
    }

    /// Active ms left before the current task's time limit, if it has one.
    pub fn remaining_ms(&self, now: f64) -> Option<u64> {
        let Stage::Task(i) = self.stage else {
            return None;
        };
        let limit = u64::from(self.study.tasks[i].minutes?) * 60_000;
        Some(limit.saturating_sub(self.active_ms(now).unwrap_or(0)))
    }

    /// Appends one record with the next `seq`.
    fn push(&mut self, task: Option<String>, active_ms: Option<u64>, event: Event, now: f64) {
        let lines = Rc::make_mut(&mut self.lines);
        let seq = lines.len() as u64 + 1;
        let record = Record {
            schema: SCHEMA.to_string(),
            seq,
            at: Some(rfc3339(now.max(0.0) as u64)),
            author: self.author.clone(),
            study: Some(self.study.id.clone()),
            task,
            active_ms,
            event,
        };
        lines.push(record.to_line());
    }

    /// Appends an event about the current task, with its active time.
    fn push_task(&mut self, event: Event, now: f64) {
        let task = self.task().map(str::to_string);
        let ms = self.active_ms(now);
        self.push(task, ms, event, now);
    }

    fn start_task(&mut self, index: usize, resumed: bool, active_ms: u64, now: f64) {
        self.stage = Stage::Task(index);
        self.timer = Some(Timer::start(active_ms, self.study.idle_seconds, now));
        self.push_task(
            Event::TaskStart {
                index: index as u32,
                resumed,
            },
            now,
        );
    }

    fn end(&mut self, now: f64) {
        self.stage = Stage::Done;
        self.timer = None;
        self.push(None, None, Event::End, now);
    }

    /// Ends the current task (already recorded) and starts the next, or ends the study.
    fn next(&mut self, now: f64) {
        let Stage::Task(i) = self.stage else { return };
        if i + 1 < self.study.tasks.len() {
            self.start_task(i + 1, false, 0, now);
        } else {
            self.end(now);
        }
    }

    /// The participant accepted the consent text: the first task starts.
    pub fn accept(&mut self, now: f64) {
        if self.stage != Stage::Consent {
            return;
        }
        let text_digest = self.consent_digest.clone();
        self.push(None, None, Event::Consent { text_digest }, now);
        self.start_task(0, false, 0, now);
    }

    fn record_changes(&mut self, changes: impl IntoIterator<Item = Change>, now: f64) {
        for change in changes {
            let event = match change {
                Change::Paused(reason) => Event::Pause { reason },
                Change::Resumed => Event::Resume,
            };
            self.push_task(event, now);
        }
    }

    /// Pointer or keyboard input.
    pub fn input(&mut self, now: f64) {
        if let Some(timer) = &mut self.timer {
            let changes = timer.input(now);
            self.record_changes(changes, now);
        }
    }

    /// The page became hidden or visible.
    pub fn visibility(&mut self, hidden: bool, now: f64) {
        if let Some(timer) = &mut self.timer {
            let change = timer.visibility(hidden, now);
            self.record_changes(change, now);
        }
    }

    /// Periodic: notices idleness and the end of the time limit.
    pub fn tick(&mut self, now: f64) {
        if let Some(timer) = &mut self.timer {
            let change = timer.tick(now);
            self.record_changes(change, now);
        }
        if self.remaining_ms(now) == Some(0) {
            let solved = self.task().is_some_and(|t| self.solved(t));
            self.push_task(
                Event::Finish {
                    solved,
                    reason: FinishReason::TimeLimit,
                },
                now,
            );
            self.next(now);
        }
    }

    /// The participant ran the reference of `task` on `input`; it ended as `ending`.
    pub fn probe(&mut self, task: &str, input: ProbeInput, ending: String, now: f64) {
        // Sorted by path through a map filled by `insert` (`collect` and `sort` would add
        // a sorting routine to the page's code).
        let mut sorted = BTreeMap::new();
        for (path, bytes) in &input.files {
            sorted.insert(path.clone(), Content::encode(bytes));
        }
        let files = sorted.into_iter().collect();
        let event = Event::Probe {
            args: input.args,
            stdin: Content::encode(&input.stdin),
            files,
            ending,
        };
        self.push_about(task, event, now);
    }

    /// A module submitted for `task` was graded. It is recorded even when the task ended
    /// meanwhile (its time ran out during grading): nothing the participant did is lost.
    pub fn graded(&mut self, task: &str, report: &Report, module: Rc<Vec<u8>>, now: f64) {
        self.record_graded(task, report, Some(module), None, now);
    }

    /// A program written in the editor for `task` was graded: its record carries the
    /// source (and the report's language and runtime), so the study can be replayed and
    /// regraded from its export. A Python or JavaScript program's source is also kept as
    /// its "module" (the report's digest is the source's), which the uploader sends to
    /// the study server for its regrade; C's compiled module stays in the page's worker.
    pub fn graded_source(&mut self, task: &str, report: &Report, source: Rc<Vec<u8>>, now: f64) {
        let module = report
            .submission
            .language
            .as_deref()
            .and_then(Language::from_name)
            .is_some_and(Language::has_runtime)
            .then(|| source.clone());
        self.record_graded(task, report, module, Some(&source), now);
    }

    fn record_graded(
        &mut self,
        task: &str,
        report: &Report,
        module: Option<Rc<Vec<u8>>>,
        source: Option<&[u8]>,
        now: f64,
    ) {
        let attempt = {
            let n = self.attempts.entry(task.to_string()).or_insert(0);
            *n += 1;
            *n
        };
        if report.solved {
            self.solved.insert(task.to_string());
        }
        if let Some(module) = module {
            Rc::make_mut(&mut self.modules).insert(report.submission.digest.clone(), module);
        }
        let mut submission = Submission::from_report(report, attempt);
        submission.set_source(source);
        let event = Event::Submission(Box::new(submission));
        self.push_about(task, event, now);
    }

    /// Records `event` about `task`, with active time when it is the current task.
    fn push_about(&mut self, task: &str, event: Event, now: f64) {
        if self.task() == Some(task) {
            self.push_task(event, now);
        } else {
            self.push(Some(task.to_string()), None, event, now);
        }
    }

    /// The participant gave up on the current task: the next one starts.
    pub fn give_up(&mut self, now: f64) {
        if self.task().is_some() {
            self.push_task(Event::GiveUp, now);
            self.next(now);
        }
    }

    /// The participant finished the current task (solved or moving on): the next starts.
    pub fn finish(&mut self, now: f64) {
        if let Some(task) = self.task() {
            let solved = self.solved(task);
            let reason = if solved {
                FinishReason::Solved
            } else {
                FinishReason::MovedOn
            };
            self.push_task(Event::Finish { solved, reason }, now);
            self.next(now);
        }
    }
}

/// Checks a participant id from the link: 1 to 64 ASCII letters, digits, `-`, `_` or `.`.
///
/// # Errors
/// A message for the participant saying what a valid id looks like.
pub fn participant(id: Option<&str>) -> Result<Author, String> {
    let Some(id) = id.filter(|id| !id.is_empty()) else {
        return Err(
            "This study link has no participant id. Open the link you were given; it ends in `?participant=<your id>`.".into(),
        );
    };
    if id.len() > 64
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(format!(
            "The participant id “{id}” is not valid: use 1 to 64 letters, digits, `-`, `_` or `.`. Check the link you were given."
        ));
    }
    Ok(Author {
        kind: "human".into(),
        name: id.into(),
    })
}

#[cfg(test)]
mod tests;
