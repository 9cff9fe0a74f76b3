//! Study mode: a participant follows a study's tasks in order while every event is
//! recorded (`replica.record/1`) into IndexedDB and can be exported as JSONL.
//!
//! The logic is pure and tested natively: the active-time [`timer`], the participant's
//! [`session`] (event sequencing, resuming from saved events) and the [`export`]. The
//! browser glue is [`idb`] (IndexedDB) and `view/study.rs` (the page, the listeners).

pub mod export;
pub mod idb;
pub mod session;
pub mod timer;

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
    Graded {
        task: String,
        report: Rc<replica_judge::Report>,
        module: Rc<Vec<u8>>,
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
                now,
            } => session.graded(&task, &report, module, now),
            StudyAction::GiveUp { now } => session.give_up(now),
            StudyAction::Finish { now } => session.finish(now),
            StudyAction::Restored { .. }
            | StudyAction::Saved { .. }
            | StudyAction::SaveFailed(_) => {}
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
