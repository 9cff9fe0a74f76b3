//! Uploading a participant's record to `replica study-server`, when the study link holds
//! an invitation token (`#/study/<id>?participant=<p>&token=<t>`). Pure: the page's glue
//! (`view/study.rs`) asks [`Uploader::next`] what to send, sends it, and reports the
//! answer back; the rules for retrying live here and are tested natively.
//!
//! Every event is in IndexedDB before it is sent (only saved events are uploaded). The
//! server acknowledges by `seq` and stores a retried event once, so the uploader simply
//! resends whatever is not acknowledged: after a failure (with exponential backoff), after
//! a reload (it first asks the server how far it got) and after the server restarts.

use std::collections::BTreeSet;

/// The most bytes of events sent in one request (a single larger event goes alone).
pub const BATCH_BYTES: usize = 256 << 10;

/// The longest wait between retries.
pub const MAX_BACKOFF_MS: f64 = 30_000.0;

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Ask the server how far the record is stored (`GET api/me`).
    Hello,
    /// Upload the module with this digest first: a submission about to be sent names it.
    Module(String),
    /// Send events `from..=to` (`POST api/events`).
    Events { from: u64, to: u64 },
    /// Nothing can be done before this time (ms since the epoch): a retry is waiting.
    WaitUntil(u64),
    /// Everything saved is uploaded, or the server refused for good.
    Idle,
}

/// How a request ended, as far as the uploader cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `GET api/me`: what the server holds.
    Hello {
        acknowledged: u64,
        modules: Vec<String>,
    },
    /// The module is stored.
    Module(String),
    /// Events up to this `seq` are stored.
    Acknowledged(u64),
    /// HTTP 409: out of sequence or conflicting; the server holds up to `acknowledged`.
    Conflict { acknowledged: u64, message: String },
    /// The server refused for a reason a retry will not change (400, 401, 403, 413).
    Refused(String),
    /// No answer, or the server is unavailable (network error, 5xx): retry later.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Uploader {
    /// The invitation token.
    pub token: String,
    /// What the server holds; `None` until it said.
    pub acknowledged: Option<u64>,
    /// Digests of modules the server has.
    pub modules: BTreeSet<String>,
    /// Consecutive failures, for the backoff.
    pub failures: u32,
    /// No request before this time (ms since the epoch).
    pub retry_at: f64,
    /// Why the last request failed, while retrying.
    pub trouble: Option<String>,
    /// A refusal that retrying will not fix; uploading stops until the participant asks.
    pub refused: Option<String>,
}

/// The module digest a submission line names, if it is a submission.
fn submitted_module(line: &str) -> Option<String> {
    if !line.contains("\"event\":\"submission\"") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    Some(value["submission"]["digest"].as_str()?.to_string())
}

impl Uploader {
    pub fn new(token: String) -> Uploader {
        Uploader {
            token,
            ..Uploader::default()
        }
    }

    /// The next request, given every record's line (`seq` 1..) of which the first `saved`
    /// are in IndexedDB, which modules the page holds (`has_module`), and the time.
    pub fn next(
        &self,
        lines: &[String],
        saved: u64,
        has_module: &dyn Fn(&str) -> bool,
        now: f64,
    ) -> Step {
        if self.refused.is_some() {
            return Step::Idle;
        }
        if now < self.retry_at {
            return Step::WaitUntil(self.retry_at as u64);
        }
        let Some(acknowledged) = self.acknowledged else {
            return Step::Hello;
        };
        let saved = saved.min(lines.len() as u64);
        if acknowledged >= saved {
            return Step::Idle;
        }
        let from = acknowledged + 1;
        let mut to = acknowledged;
        let mut bytes = 0;
        for seq in from..=saved {
            let line = &lines[(seq - 1) as usize];
            if to >= from && bytes + line.len() > BATCH_BYTES {
                break;
            }
            if let Some(digest) = submitted_module(line)
                && !self.modules.contains(&digest)
                && has_module(&digest)
            {
                if to >= from {
                    break; // send what comes before it, then the module
                }
                return Step::Module(digest);
            }
            bytes += line.len() + 1;
            to = seq;
        }
        Step::Events { from, to }
    }

    /// Takes in how a request ended, at `now`.
    pub fn answer(&mut self, answer: Answer, now: f64) {
        match answer {
            Answer::Hello {
                acknowledged,
                modules,
            } => {
                self.acknowledged = Some(acknowledged);
                self.modules = modules.into_iter().collect();
                self.recovered();
            }
            Answer::Module(digest) => {
                self.modules.insert(digest);
                self.recovered();
            }
            Answer::Acknowledged(n) => {
                self.acknowledged = Some(self.acknowledged.unwrap_or(0).max(n));
                self.recovered();
            }
            Answer::Conflict {
                acknowledged,
                message,
            } => {
                // Behind what the server holds: continue from there. The server holding
                // other content for an event this page has is a refusal.
                let sent_from = self.acknowledged.map_or(1, |a| a + 1);
                if acknowledged >= sent_from {
                    self.refused = Some(message);
                } else {
                    self.acknowledged = Some(acknowledged);
                    self.recovered();
                }
            }
            Answer::Refused(why) => self.refused = Some(why),
            Answer::Failed(why) => {
                self.failures += 1;
                self.retry_at = now + backoff(self.failures);
                self.trouble = Some(why);
            }
        }
    }

    fn recovered(&mut self) {
        self.failures = 0;
        self.retry_at = 0.0;
        self.trouble = None;
    }

    /// Retry now: after a refusal the participant asked for, or when the browser says it
    /// is online again.
    pub fn retry_now(&mut self) {
        self.refused = None;
        self.retry_at = 0.0;
    }
}

/// The wait after `failures` consecutive failures: 1 s, 2 s, 4 s, … up to 30 s.
pub fn backoff(failures: u32) -> f64 {
    (1000.0 * 2f64.powi(failures.saturating_sub(1).min(16) as i32)).min(MAX_BACKOFF_MS)
}

/// The invitation token in a study link's hash (`…&token=<t>`), if any.
pub fn token_in(hash: &str) -> Option<String> {
    let query = hash.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "token")
        .map(|(_, v)| v.to_string())
        .filter(|v| {
            !v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(seq: u64, event: &str) -> String {
        format!(r#"{{"schema":"replica.record/1","seq":{seq},"event":"{event}"}}"#)
    }

    fn submission(seq: u64, digest: &str) -> String {
        format!(
            r#"{{"schema":"replica.record/1","seq":{seq},"event":"submission","submission":{{"digest":"{digest}","bytes":3}}}}"#
        )
    }

    #[test]
    fn hello_first_then_saved_events_in_order() {
        let lines = vec![line(1, "join"), line(2, "consent"), line(3, "task_start")];
        let mut up = Uploader::new("t".into());
        let all = |_: &str| true;
        assert_eq!(up.next(&lines, 3, &all, 0.0), Step::Hello);
        up.answer(
            Answer::Hello {
                acknowledged: 1,
                modules: vec![],
            },
            0.0,
        );
        // Only what IndexedDB holds is sent.
        assert_eq!(
            up.next(&lines, 2, &all, 0.0),
            Step::Events { from: 2, to: 2 }
        );
        assert_eq!(
            up.next(&lines, 3, &all, 0.0),
            Step::Events { from: 2, to: 3 }
        );
        up.answer(Answer::Acknowledged(3), 0.0);
        assert_eq!(up.next(&lines, 3, &all, 0.0), Step::Idle);
    }

    #[test]
    fn a_submissions_module_goes_before_it() {
        let lines = vec![
            line(1, "join"),
            submission(2, "sha256:aa"),
            line(3, "finish"),
        ];
        let mut up = Uploader::new("t".into());
        up.answer(
            Answer::Hello {
                acknowledged: 0,
                modules: vec![],
            },
            0.0,
        );
        let all = |_: &str| true;
        assert_eq!(
            up.next(&lines, 3, &all, 0.0),
            Step::Events { from: 1, to: 1 }
        );
        up.answer(Answer::Acknowledged(1), 0.0);
        assert_eq!(
            up.next(&lines, 3, &all, 0.0),
            Step::Module("sha256:aa".into())
        );
        up.answer(Answer::Module("sha256:aa".into()), 0.0);
        assert_eq!(
            up.next(&lines, 3, &all, 0.0),
            Step::Events { from: 2, to: 3 }
        );
        // A module the page no longer holds (cleared storage) does not block the events.
        let mut up = Uploader::new("t".into());
        up.answer(
            Answer::Hello {
                acknowledged: 1,
                modules: vec![],
            },
            0.0,
        );
        assert_eq!(
            up.next(&lines, 3, &|_| false, 0.0),
            Step::Events { from: 2, to: 3 }
        );
    }

    #[test]
    fn failures_back_off_and_resume_from_the_server() {
        let lines: Vec<String> = (1..=4).map(|s| line(s, "pause")).collect();
        let mut up = Uploader::new("t".into());
        let all = |_: &str| true;
        up.answer(
            Answer::Hello {
                acknowledged: 0,
                modules: vec![],
            },
            0.0,
        );
        up.answer(Answer::Failed("connection refused".into()), 1000.0);
        assert_eq!(up.next(&lines, 4, &all, 1500.0), Step::WaitUntil(2000));
        up.answer(Answer::Failed("connection refused".into()), 2000.0);
        assert_eq!(up.next(&lines, 4, &all, 3000.0), Step::WaitUntil(4000));
        assert_eq!(up.trouble.as_deref(), Some("connection refused"));
        // The server came back holding more than this page knew (an earlier request was
        // stored but its answer lost): continue after it.
        up.answer(
            Answer::Conflict {
                acknowledged: 0,
                message: "gap".into(),
            },
            4000.0,
        );
        assert_eq!(
            up.next(&lines, 4, &all, 4000.0),
            Step::Events { from: 1, to: 4 }
        );
        up.answer(Answer::Acknowledged(2), 4000.0);
        assert_eq!(
            up.next(&lines, 4, &all, 4000.0),
            Step::Events { from: 3, to: 4 }
        );
        assert_eq!(up.trouble, None);
    }

    #[test]
    fn refusals_stop_until_asked() {
        let lines = vec![line(1, "join")];
        let mut up = Uploader::new("t".into());
        up.answer(
            Answer::Hello {
                acknowledged: 0,
                modules: vec![],
            },
            0.0,
        );
        up.answer(Answer::Refused("wrong token".into()), 0.0);
        assert_eq!(up.next(&lines, 1, &|_| true, 0.0), Step::Idle);
        up.retry_now();
        assert_eq!(
            up.next(&lines, 1, &|_| true, 0.0),
            Step::Events { from: 1, to: 1 }
        );
        // Other content under an event this page sends: refused, not resent for ever.
        up.answer(
            Answer::Conflict {
                acknowledged: 1,
                message: "seq 1 differs".into(),
            },
            0.0,
        );
        assert_eq!(up.refused.as_deref(), Some("seq 1 differs"));
    }

    #[test]
    fn batches_stay_small() {
        let big = "x".repeat(BATCH_BYTES / 2);
        let lines: Vec<String> = (1..=5)
            .map(|s| format!(r#"{{"seq":{s},"pad":"{big}"}}"#))
            .collect();
        let mut up = Uploader::new("t".into());
        up.answer(
            Answer::Hello {
                acknowledged: 0,
                modules: vec![],
            },
            0.0,
        );
        assert_eq!(
            up.next(&lines, 5, &|_| true, 0.0),
            Step::Events { from: 1, to: 1 }
        );
    }

    #[test]
    fn backoff_doubles_up_to_a_limit() {
        let waits: Vec<f64> = (1..=7).map(backoff).collect();
        assert_eq!(
            waits,
            [1000.0, 2000.0, 4000.0, 8000.0, 16000.0, 30000.0, 30000.0]
        );
    }

    #[test]
    fn tokens_in_links() {
        assert_eq!(
            token_in("#/study/demo?participant=p1&token=Ab-_9"),
            Some("Ab-_9".into())
        );
        assert_eq!(token_in("#/study/demo?token=a%20b"), None);
        assert_eq!(token_in("#/study/demo?participant=p1"), None);
    }
}
