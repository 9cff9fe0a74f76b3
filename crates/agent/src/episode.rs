//! The episode log: every tool call of one agent, appended as a `replica.record/1` line as
//! it happens, so `replica compare` can put the episode beside human baselines.

use std::collections::BTreeMap;
use std::io::Write;

use replica_record::{Author, Event, Record, SCHEMA};

/// Where an episode's records go, numbered as they are written.
pub struct Episode {
    author: Author,
    sink: Option<Box<dyn Write + Send>>,
    clock: bool,
    seq: u64,
    /// Milliseconds since the Unix epoch of each task's first call, for `active_ms`.
    started: BTreeMap<String, u64>,
    /// Submissions graded so far, per task: the next attempt is one more.
    attempts: BTreeMap<String, u32>,
}

impl std::fmt::Debug for Episode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Episode")
            .field("author", &self.author)
            .field("logging", &self.sink.is_some())
            .field("seq", &self.seq)
            .finish()
    }
}

impl Episode {
    /// An episode of `author` written to `sink` (or kept nowhere). With `clock`, each
    /// record carries `at` and `active_ms` by this machine's clock: the time the server
    /// observed the call, as the browser's study mode records human events. Without it
    /// the log is a pure function of the calls.
    pub fn new(author: Author, sink: Option<Box<dyn Write + Send>>, clock: bool) -> Episode {
        Episode {
            author,
            sink,
            clock,
            seq: 0,
            started: BTreeMap::new(),
            attempts: BTreeMap::new(),
        }
    }

    /// The author every record names.
    pub fn author(&self) -> &Author {
        &self.author
    }

    /// The attempt number the next graded submission on `task` gets, counting it.
    pub fn next_attempt(&mut self, task: &str) -> u32 {
        let attempt = self.attempts.entry(task.to_owned()).or_insert(0);
        *attempt += 1;
        *attempt
    }

    /// Appends one record about `task` (or about no task).
    ///
    /// # Errors
    /// When the log cannot be written: the caller must not lose the record silently.
    pub fn append(&mut self, task: Option<&str>, event: Event) -> std::io::Result<()> {
        self.seq += 1;
        let (at, active_ms) = match (self.clock, task) {
            (false, _) => (None, None),
            (true, task) => {
                let now = now_ms();
                let active = task.map(|task| {
                    let start = *self.started.entry(task.to_owned()).or_insert(now);
                    now.saturating_sub(start)
                });
                (Some(replica_record::rfc3339(now)), active)
            }
        };
        let record = Record {
            schema: SCHEMA.to_owned(),
            seq: self.seq,
            at,
            author: self.author.clone(),
            study: None,
            task: task.map(str::to_owned),
            active_ms,
            event,
        };
        if let Some(sink) = &mut self.sink {
            let mut line = record.to_line();
            line.push('\n');
            sink.write_all(line.as_bytes())?;
            sink.flush()?;
        }
        Ok(())
    }
}

/// Milliseconds since the Unix epoch, by this machine's clock. Only the episode log reads
/// it, to say when a call happened; the sandbox and the grades never see it.
#[allow(clippy::disallowed_methods)]
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}
