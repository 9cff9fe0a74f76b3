//! Study mode: a participant follows a study's tasks in order while every event is
//! recorded (`replica.record/1`) into IndexedDB and can be exported as JSONL.
//!
//! The logic is pure and tested natively: the active-time [`timer`], the participant's
//! [`session`] (event sequencing, resuming from saved events), the [`export`] and, for
//! studies run by `replica study-server`, the [`upload`] of every saved event. The
//! browser glue is [`idb`] (IndexedDB) and `view/study.rs` (the page, the listeners).

pub mod dashboard;
pub mod export;
pub mod idb;
pub mod session;
pub mod timer;
pub mod upload;

use std::rc::Rc;

use yew::Reducible;

pub use session::{ProbeInput, Session, Stage};

/// The study page's state: the session once restored, and how saving goes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StudyState {
    /// `None` while loading; `Err` when the study cannot run (unknown study, bad link,
    /// no IndexedDB), with a message for the participant.
    pub session: Option<Result<Session, String>>,
    /// Records with `seq` up to this are safely in IndexedDB.
    pub saved_seq: u64,
    /// Why the last write failed; cleared by the next successful one.
    pub save_error: Option<String>,
    /// How uploading to the study server goes, when the link holds a token.
    pub upload: Option<UploadView>,
}

/// What the page shows of the upload (see [`upload::Uploader`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UploadView {
    /// Events up to this `seq` are on the server.
    pub acknowledged: u64,
    /// Why the last request failed, while retrying, and when the next try is.
    pub trouble: Option<String>,
    pub retry_at: f64,
    /// Why the server refused, when retrying will not help.
    pub refused: Option<String>,
    /// Counts answers, so that every answer lets the page send the next request.
    pub round: u64,
}

impl UploadView {
    pub fn of(up: &upload::Uploader, round: u64) -> UploadView {
        UploadView {
            acknowledged: up.acknowledged.unwrap_or(0),
            trouble: up.trouble.clone(),
            retry_at: up.retry_at,
            refused: up.refused.clone(),
            round,
        }
    }
}

/// What happens on the study page. Times are ms since the epoch, read by the glue.
#[derive(Debug, Clone, PartialEq)]
pub enum StudyAction {
    /// The session rebuilt from `stored` saved records (plus any it added itself).
    Restored {
        session: Result<Session, String>,
        stored: u64,
    },
    Accept {
        now: f64,
    },
    Input {
        now: f64,
    },
    Visibility {
        hidden: bool,
        now: f64,
    },
    Tick {
        now: f64,
    },
    Probe {
        task: String,
        input: ProbeInput,
        ending: String,
        now: f64,
    },
    /// A submission was graded: `module` is the uploaded module, or with `source` the
    /// program written in the editor.
    Graded {
        task: String,
        report: Rc<replica_judge::Report>,
        module: Rc<Vec<u8>>,
        source: bool,
        now: f64,
    },
    GiveUp {
        now: f64,
    },
    Finish {
        now: f64,
    },
    /// Records up to `seq` were written.
    Saved {
        seq: u64,
    },
    SaveFailed(String),
    /// The uploader's state after an answer from the study server.
    Upload(UploadView),
}

impl StudyState {
    /// Applies one action in place.
    pub fn apply(&mut self, action: StudyAction) {
        if let StudyAction::Restored { session, stored } = action {
            self.saved_seq = stored;
            self.save_error = None;
            self.session = Some(session);
            return;
        }
        match action {
            StudyAction::Saved { seq } => {
                self.saved_seq = self.saved_seq.max(seq);
                self.save_error = None;
                return;
            }
            StudyAction::SaveFailed(why) => {
                self.save_error = Some(why);
                return;
            }
            StudyAction::Upload(view) => {
                self.upload = Some(view);
                return;
            }
            _ => {}
        }
        let Some(Ok(session)) = &mut self.session else {
            return;
        };
        match action {
            StudyAction::Accept { now } => session.accept(now),
            StudyAction::Input { now } => session.input(now),
            StudyAction::Visibility { hidden, now } => session.visibility(hidden, now),
            StudyAction::Tick { now } => session.tick(now),
            StudyAction::Probe {
                task,
                input,
                ending,
                now,
            } => session.probe(&task, input, ending, now),
            StudyAction::Graded {
                task,
                report,
                module,
                source: false,
                now,
            } => session.graded(&task, &report, module, now),
            StudyAction::Graded {
                task,
                report,
                module,
                source: true,
                now,
            } => session.graded_source(&task, &report, module, now),
            StudyAction::GiveUp { now } => session.give_up(now),
            StudyAction::Finish { now } => session.finish(now),
            StudyAction::Restored { .. }
            | StudyAction::Saved { .. }
            | StudyAction::SaveFailed(_)
            | StudyAction::Upload(_) => {}
        }
    }
}

impl Reducible for StudyState {
    type Action = StudyAction;

    fn reduce(self: Rc<Self>, action: StudyAction) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}
