//! The organiser's dashboard data: `GET api/admin/summary` of `replica study-server`
//! (its `summary.rs` is the other side of this boundary), and how its figures are written.
//! Pure, tested natively; `view/dashboard.rs` fetches and renders.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    pub study: StudyInfo,
    pub now_ms: i64,
    pub participants: Vec<Participant>,
    pub regrades: Regrades,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StudyInfo {
    pub id: String,
    pub title: String,
    pub tasks: Vec<String>,
    pub seed: u64,
    pub hidden: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Participant {
    pub id: String,
    pub last_seen: Option<i64>,
    pub events: u64,
    pub stage: String,
    pub current_task: Option<String>,
    pub last_event: Option<String>,
    pub active_ms: u64,
    pub tasks: Vec<TaskProgress>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TaskProgress {
    pub task: String,
    pub active_ms: u64,
    pub attempts: u64,
    pub best_reward: Option<f64>,
    pub solved: bool,
    pub ended: Option<String>,
    pub flagged: u64,
    pub pending: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Regrades {
    pub pending: u64,
    pub agreed: u64,
    pub flagged: u64,
    pub errors: u64,
}

/// Where a participant is, in words.
pub fn whereabouts(p: &Participant) -> String {
    match (p.stage.as_str(), &p.current_task) {
        ("invited", _) => "invited, not started".into(),
        ("consent", _) => "reading the consent".into(),
        ("done", _) => "finished the study".into(),
        (_, Some(task)) => format!("on {task}"),
        _ => "between tasks".into(),
    }
}

/// `ms` ago, roughly: `12 s ago`, `3 min ago`, `2 h ago`.
pub fn ago(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s} s ago"),
        60..3600 => format!("{} min ago", s / 60),
        _ => format!("{} h ago", s / 3600),
    }
}

/// One task's cell: attempts, best reward, how it ended, and the regrade's flags.
pub fn task_cell(t: &TaskProgress) -> String {
    let mut parts = Vec::new();
    if t.attempts > 0 || t.ended.is_some() || t.active_ms > 0 {
        parts.push(format!(
            "{} attempt{}",
            t.attempts,
            if t.attempts == 1 { "" } else { "s" }
        ));
    }
    if let Some(best) = t.best_reward {
        parts.push(format!(
            "best {best:.2}{}",
            if t.solved { " ✓" } else { "" }
        ));
    }
    match t.ended.as_deref() {
        Some("give_up") => parts.push("gave up".into()),
        Some("finish") => parts.push("finished".into()),
        _ => {}
    }
    if t.flagged > 0 {
        parts.push(format!("⚑ {} flagged", t.flagged));
    }
    if t.pending > 0 {
        parts.push(format!("{} regrading", t.pending));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_summary_reads() {
        let json = r#"{"study":{"id":"demo","title":"Demo","tasks":["wc"],"seed":7,"hidden":20},
            "now_ms":5000,"regrades":{"pending":1,"agreed":2,"flagged":0,"errors":0},
            "participants":[{"id":"p001","invited_at":1,"last_seen":4000,"events":12,"stage":"task",
              "current_task":"wc","last_event":"probe","last_at":"x","active_ms":65000,
              "tasks":[{"task":"wc","active_ms":65000,"attempts":2,"best_reward":0.85,"solved":false,
                "ended":null,"flagged":1,"pending":1}]}]}"#;
        let s: Summary = serde_json::from_str(json).unwrap();
        let p = &s.participants[0];
        assert_eq!(whereabouts(p), "on wc");
        assert_eq!(
            task_cell(&p.tasks[0]),
            "2 attempts · best 0.85 · ⚑ 1 flagged · 1 regrading"
        );
    }

    #[test]
    fn cells_and_times() {
        let t = TaskProgress {
            task: "wc".into(),
            active_ms: 0,
            attempts: 0,
            best_reward: None,
            solved: false,
            ended: None,
            flagged: 0,
            pending: 0,
        };
        assert_eq!(task_cell(&t), "—");
        let done = TaskProgress {
            attempts: 1,
            best_reward: Some(1.0),
            solved: true,
            ended: Some("finish".into()),
            ..t
        };
        assert_eq!(task_cell(&done), "1 attempt · best 1.00 ✓ · finished");
        assert_eq!(ago(12_500), "12 s ago");
        assert_eq!(ago(185_000), "3 min ago");
        assert_eq!(ago(7_300_000), "2 h ago");
    }
}
