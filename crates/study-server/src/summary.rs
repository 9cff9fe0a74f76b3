//! The organiser's dashboard as data (`GET /api/admin/summary`): every participant, where
//! they are, their active time, and attempts and best reward per task, computed from the
//! database's [`Facts`]. Pure, so it is tested without a database.

use std::collections::BTreeMap;

use replica_task::Study;
use serde::Serialize;

use crate::db::Facts;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub study: StudyInfo,
    /// The server's clock when this was computed (ms since the epoch), so the page can say
    /// how long ago a participant was seen.
    pub now_ms: i64,
    pub participants: Vec<Participant>,
    pub regrades: Regrades,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StudyInfo {
    pub id: String,
    pub title: String,
    pub tasks: Vec<String>,
    pub seed: u64,
    pub hidden: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Participant {
    pub id: String,
    pub invited_at: i64,
    /// Server time of the latest upload.
    pub last_seen: Option<i64>,
    /// Events stored.
    pub events: u64,
    /// `invited` (never opened the link), `consent` (reading it), `task`, or `done`.
    pub stage: &'static str,
    pub current_task: Option<String>,
    /// The latest event's kind and browser time.
    pub last_event: Option<String>,
    pub last_at: Option<String>,
    /// Active time over every task, as recorded so far.
    pub active_ms: u64,
    /// One entry per task of the study, in study order.
    pub tasks: Vec<TaskProgress>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskProgress {
    pub task: String,
    pub active_ms: u64,
    pub attempts: u64,
    pub best_reward: Option<f64>,
    pub solved: bool,
    /// How the task ended: `finish` or `give_up`; `None` while open or not started.
    pub ended: Option<String>,
    /// Submissions whose reward the server's regrade contradicts.
    pub flagged: u64,
    /// Submissions not regraded yet (waiting for the module or the grader).
    pub pending: u64,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Regrades {
    pub pending: u64,
    pub agreed: u64,
    pub flagged: u64,
    pub errors: u64,
}

/// The summary of `facts` for `study`.
pub fn summarize(study: &Study, facts: &Facts, now_ms: i64) -> Summary {
    let counts: BTreeMap<&str, i64> = facts.counts.iter().map(|(p, n)| (p.as_str(), *n)).collect();
    let mut milestones: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for m in &facts.milestones {
        milestones.entry(m.0.as_str()).or_default().push(m);
    }
    let mut per_task: BTreeMap<(&str, &str), TaskProgress> = BTreeMap::new();
    for (p, task, active, attempts, best, solved) in &facts.tasks {
        per_task.insert(
            (p.as_str(), task.as_str()),
            TaskProgress {
                task: task.clone(),
                active_ms: active.map_or(0, |a| u64::try_from(a).unwrap_or(0)),
                attempts: u64::try_from(*attempts).unwrap_or(0),
                best_reward: *best,
                solved: *solved,
                ended: None,
                flagged: 0,
                pending: 0,
            },
        );
    }
    let mut regrades = Regrades::default();
    for (p, task, status, flagged) in &facts.regrades {
        let entry = per_task.get_mut(&(p.as_str(), task.as_str()));
        match (status.as_str(), flagged) {
            ("done", true) => {
                regrades.flagged += 1;
                if let Some(e) = entry {
                    e.flagged += 1;
                }
            }
            ("done", false) => regrades.agreed += 1,
            ("error", _) => regrades.errors += 1,
            _ => {
                regrades.pending += 1;
                if let Some(e) = entry {
                    e.pending += 1;
                }
            }
        }
    }
    let mut participants: Vec<Participant> = facts
        .participants
        .iter()
        .map(|(id, invited_at, last_seen)| {
            let mut list: Vec<_> = milestones.remove(id.as_str()).unwrap_or_default();
            list.sort_by_key(|m| m.1);
            let mut stage = if list.is_empty() {
                "invited"
            } else {
                "consent"
            };
            let mut current = None;
            let mut ended: BTreeMap<&str, &str> = BTreeMap::new();
            for (_, _, event, task, _) in &list {
                match (event.as_str(), task) {
                    ("consent", _) => stage = "task",
                    ("task_start", Some(t)) => {
                        stage = "task";
                        current = Some(t.clone());
                    }
                    ("finish" | "give_up", Some(t)) => {
                        ended.insert(t.as_str(), event.as_str());
                        if current.as_deref() == Some(t.as_str()) {
                            current = None;
                        }
                    }
                    ("end", _) => {
                        stage = "done";
                        current = None;
                    }
                    _ => {}
                }
            }
            let last = list.last();
            let tasks: Vec<TaskProgress> = study
                .tasks
                .iter()
                .map(|t| {
                    let mut progress =
                        per_task
                            .remove(&(id.as_str(), t.id.as_str()))
                            .unwrap_or(TaskProgress {
                                task: t.id.clone(),
                                active_ms: 0,
                                attempts: 0,
                                best_reward: None,
                                solved: false,
                                ended: None,
                                flagged: 0,
                                pending: 0,
                            });
                    progress.ended = ended.get(t.id.as_str()).map(|e| e.to_string());
                    progress
                })
                .collect();
            Participant {
                id: id.clone(),
                invited_at: *invited_at,
                last_seen: *last_seen,
                events: counts
                    .get(id.as_str())
                    .map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
                stage,
                current_task: current,
                last_event: last.map(|m| m.2.clone()),
                last_at: last.and_then(|m| m.4.clone()),
                active_ms: tasks.iter().map(|t| t.active_ms).sum(),
                tasks,
            }
        })
        .collect();
    participants.sort_by(|a, b| a.id.cmp(&b.id));
    Summary {
        study: StudyInfo {
            id: study.id.clone(),
            title: study.title.clone(),
            tasks: study.tasks.iter().map(|t| t.id.clone()).collect(),
            seed: study.seed,
            hidden: study.hidden,
        },
        now_ms,
        participants,
        regrades,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study() -> Study {
        Study::parse(
            "id = \"demo\"\ntitle = \"Demo\"\nconsent_text = \"ok\"\nidle_seconds = 60\nseed = 7\nhidden = 2\n[[task]]\nid = \"wc\"\n[[task]]\nid = \"base64\"\n",
            "study.toml",
        )
        .unwrap()
    }

    fn m(p: &str, seq: u64, event: &str, task: Option<&str>) -> crate::db::Milestone {
        (
            p.into(),
            seq,
            event.into(),
            task.map(Into::into),
            Some(format!("t{seq}")),
        )
    }

    #[test]
    fn participants_are_placed_by_their_milestones() {
        let facts = Facts {
            participants: vec![
                ("p002".into(), 1, None),
                ("p001".into(), 1, Some(50)),
                ("p003".into(), 1, Some(60)),
            ],
            counts: vec![("p001".into(), 9), ("p003".into(), 1)],
            milestones: vec![
                m("p001", 1, "join", None),
                m("p001", 2, "consent", None),
                m("p001", 3, "task_start", Some("wc")),
                m("p001", 6, "finish", Some("wc")),
                m("p001", 7, "task_start", Some("base64")),
                m("p001", 9, "probe", Some("base64")),
                m("p003", 1, "join", None),
            ],
            tasks: vec![
                ("p001".into(), "wc".into(), Some(60_000), 2, Some(1.0), true),
                ("p001".into(), "base64".into(), Some(5_000), 0, None, false),
            ],
            regrades: vec![
                ("p001".into(), "wc".into(), "done".into(), false),
                ("p001".into(), "wc".into(), "done".into(), true),
                ("p001".into(), "wc".into(), "pending".into(), false),
            ],
        };
        let s = summarize(&study(), &facts, 99);
        let ids: Vec<&str> = s.participants.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["p001", "p002", "p003"]);
        let p1 = &s.participants[0];
        assert_eq!(
            (p1.stage, p1.current_task.as_deref()),
            ("task", Some("base64"))
        );
        assert_eq!((p1.events, p1.active_ms), (9, 65_000));
        assert_eq!(p1.last_event.as_deref(), Some("probe"));
        assert_eq!(p1.tasks[0].ended.as_deref(), Some("finish"));
        assert_eq!(
            (
                p1.tasks[0].attempts,
                p1.tasks[0].flagged,
                p1.tasks[0].pending
            ),
            (2, 1, 1)
        );
        assert_eq!(p1.tasks[1].task, "base64");
        assert_eq!(s.participants[1].stage, "invited");
        assert_eq!(s.participants[2].stage, "consent");
        assert_eq!(
            s.regrades,
            Regrades {
                pending: 1,
                agreed: 1,
                flagged: 1,
                errors: 0
            }
        );
    }
}
