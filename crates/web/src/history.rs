//! Attempt history: every graded submission of a task, kept in `localStorage` so it
//! survives reloads. Serialized as JSON because it is a boundary (the browser's storage).

use replica_judge::Report;
use replica_judge::runtimes::Language;
use serde::{Deserialize, Serialize};

/// How many attempts a task keeps; older ones are dropped so storage stays small.
pub const MAX_ATTEMPTS: usize = 200;

/// The largest program an attempt keeps (bytes of text): browsers give a site about 5 MB
/// of local storage, which a few huge programs would fill, losing every history.
pub const MAX_SOURCE_KEPT: usize = 128 << 10;

/// One graded submission, as the history list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// The file name (or `example: <name>`).
    pub submission: String,
    /// `sha256:<hex>` of the module.
    pub digest: String,
    pub seed: u64,
    pub reward: f64,
    pub accepted: u32,
    pub total: u32,
    pub solved: bool,
    /// When it was graded, in milliseconds since the Unix epoch (the browser's clock: the
    /// history is the user's diary, not part of any report).
    pub at: f64,
    /// The language of a program written in the editor (`python`, `javascript`, `c`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The program's text, so the attempt can be reopened in the editor; `None` for a
    /// module, or a program over [`MAX_SOURCE_KEPT`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Attempt {
    pub fn from_report(report: &Report, submission: &str, at: f64) -> Attempt {
        Attempt {
            submission: submission.to_string(),
            digest: report.submission.digest.clone(),
            seed: report.seed,
            reward: report.reward,
            accepted: report.accepted,
            total: report.total,
            solved: report.solved,
            at,
            language: None,
            source: None,
        }
    }

    /// Keeps the program the attempt graded, unless it is too large to store.
    pub fn keep_source(&mut self, language: Language, text: &str) {
        self.language = Some(language.name().to_string());
        self.source = (text.len() <= MAX_SOURCE_KEPT).then(|| text.to_string());
    }

    /// The kept program and its language, to reopen in the editor.
    pub fn program(&self) -> Option<(Language, &str)> {
        let language = Language::from_name(self.language.as_deref()?)?;
        Some((language, self.source.as_deref()?))
    }
}

/// The storage key of a task's history.
pub fn storage_key(task: &str) -> String {
    format!("replica.history.{task}")
}

/// The session-storage key through which the history (on the main page) hands an
/// attempt's program to the editor (on the code page), which takes it once.
pub fn reopen_key(task: &str) -> String {
    format!("replica.reopen.{task}")
}

/// An attempt's program as [`reopen_key`] holds it: the language's name, a newline, the
/// text.
pub fn handoff(language: Language, text: &str) -> String {
    format!("{}\n{text}", language.name())
}

/// The program a [`handoff`] holds; `None` for anything else.
pub fn parse_handoff(stored: &str) -> Option<(Language, &str)> {
    let (name, text) = stored.split_once('\n')?;
    Some((Language::from_name(name)?, text))
}

/// Appends `attempt`, dropping the oldest past [`MAX_ATTEMPTS`].
pub fn push(attempts: &mut Vec<Attempt>, attempt: Attempt) {
    attempts.push(attempt);
    if attempts.len() > MAX_ATTEMPTS {
        let extra = attempts.len() - MAX_ATTEMPTS;
        attempts.drain(..extra);
    }
}

/// Parses stored history; anything unreadable (an older format, a hand edit) counts as
/// no history rather than breaking the page.
pub fn parse(stored: Option<&str>) -> Vec<Attempt> {
    stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}

pub fn to_json(attempts: &[Attempt]) -> String {
    serde_json::to_string(attempts).expect("attempts serialize")
}

/// The `points` of an SVG polyline drawing rewards (each in `[0, 1]`) left to right in a
/// `width` x `height` box, 1.0 at the top. One attempt is drawn as a flat line.
pub fn sparkline(rewards: &[f64], width: f64, height: f64) -> String {
    let y = |r: f64| (1.0 - r.clamp(0.0, 1.0)) * height;
    match rewards {
        [] => String::new(),
        [r] => format!("0,{:.1} {width:.1},{:.1}", y(*r), y(*r)),
        _ => {
            let step = width / (rewards.len() - 1) as f64;
            rewards
                .iter()
                .enumerate()
                .map(|(i, r)| format!("{:.1},{:.1}", i as f64 * step, y(*r)))
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

/// The best reward so far, if any.
pub fn best(attempts: &[Attempt]) -> Option<f64> {
    attempts.iter().map(|a| a.reward).reduce(f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(reward: f64) -> Attempt {
        Attempt {
            submission: "a.wasm".into(),
            digest: "sha256:00".into(),
            seed: 7,
            reward,
            accepted: (reward * 10.0) as u32,
            total: 10,
            solved: reward == 1.0,
            at: 0.0,
            language: None,
            source: None,
        }
    }

    #[test]
    fn a_handoff_carries_the_language_and_the_text_exactly() {
        for (language, text) in [
            (Language::Python, "import sys\nprint(1)\n"),
            (Language::JavaScript, ""),
            (Language::C, "\n\nint main(void) { return 0; }"),
        ] {
            assert_eq!(
                parse_handoff(&handoff(language, text)),
                Some((language, text))
            );
        }
        assert_eq!(parse_handoff("cobol\nDISPLAY 1"), None);
        assert_eq!(parse_handoff("python"), None);
    }

    #[test]
    fn attempts_keep_their_program_unless_it_is_huge() {
        let mut small = attempt(1.0);
        small.keep_source(Language::Python, "print(1)\n");
        assert_eq!(small.program(), Some((Language::Python, "print(1)\n")));
        assert_eq!(parse(Some(&to_json(std::slice::from_ref(&small)))), [small]);
        let mut huge = attempt(0.0);
        huge.keep_source(Language::C, &"x".repeat(MAX_SOURCE_KEPT + 1));
        assert_eq!(huge.language.as_deref(), Some("c"));
        assert_eq!(huge.program(), None);
        // A module's attempt has neither, and stores as before.
        assert!(!to_json(&[attempt(0.5)]).contains("source"));
    }

    #[test]
    fn keeps_the_newest() {
        let mut attempts = Vec::new();
        for i in 0..MAX_ATTEMPTS + 5 {
            let mut a = attempt(0.5);
            a.seed = i as u64;
            push(&mut attempts, a);
        }
        assert_eq!(attempts.len(), MAX_ATTEMPTS);
        assert_eq!(attempts[0].seed, 5);
        assert_eq!(attempts.last().unwrap().seed, (MAX_ATTEMPTS + 4) as u64);
    }

    #[test]
    fn round_trips_through_storage() {
        let attempts = vec![attempt(0.25), attempt(1.0)];
        assert_eq!(parse(Some(&to_json(&attempts))), attempts);
        assert_eq!(parse(None), []);
        assert_eq!(parse(Some("not json")), []);
    }

    #[test]
    fn sparkline_points() {
        assert_eq!(sparkline(&[], 100.0, 20.0), "");
        assert_eq!(sparkline(&[0.5], 100.0, 20.0), "0,10.0 100.0,10.0");
        assert_eq!(
            sparkline(&[0.0, 0.5, 1.0], 100.0, 20.0),
            "0.0,20.0 50.0,10.0 100.0,0.0"
        );
    }

    #[test]
    fn best_reward() {
        assert_eq!(best(&[]), None);
        assert_eq!(best(&[attempt(0.2), attempt(0.9), attempt(0.5)]), Some(0.9));
    }

    #[test]
    fn keys_are_per_task() {
        assert_eq!(storage_key("wc"), "replica.history.wc");
    }
}
