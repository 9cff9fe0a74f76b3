//! Checking an upload: a body of `replica.record/1` lines from one participant, in `seq`
//! order. Pure: the database decides afterwards whether the lines continue, repeat or
//! contradict what is stored.

use replica_record::{Event, Record, SCHEMA};
use replica_task::Study;

/// One checked line, with the fields the database copies into columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub seq: u64,
    /// The line exactly as uploaded (without its line ending).
    pub text: String,
    /// The event kind (`submission`, `task_start`, …).
    pub event: String,
    pub task: Option<String>,
    pub active_ms: Option<u64>,
    pub at: Option<String>,
    /// For submissions: what the page claims, for the dashboard and the regrade.
    pub submission: Option<Claim>,
}

/// What a submission line claims about its grade.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// `sha256:<hex>` of the graded module.
    pub module: String,
    pub reward: f64,
    pub solved: bool,
}

/// Why an upload's body is refused, for the uploader (HTTP 400).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub String);

/// Checks every line of `body`: UTF-8 JSON objects with schema `replica.record/1` that
/// parse as records, written by `human:<participant>` in `study`, about the study's tasks,
/// with `seq` counting up by one from the first line. Blank lines are ignored.
///
/// # Errors
/// [`Malformed`] naming the first bad line and what is wrong with it.
pub fn lines(body: &[u8], study: &Study, participant: &str) -> Result<Vec<Line>, Malformed> {
    let text = std::str::from_utf8(body)
        .map_err(|e| Malformed(format!("the body is not UTF-8 ({e}); send JSONL text")))?;
    let author = format!("human:{participant}");
    let mut out: Vec<Line> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let fail = |why: String| Malformed(format!("line {}: {why}", i + 1));
        let value: serde_json::Value =
            serde_json::from_str(raw).map_err(|e| fail(format!("not JSON: {e}")))?;
        if !value.is_object() {
            return Err(fail("not a JSON object".into()));
        }
        match value.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            Some(other) => return Err(fail(format!("schema `{other}` is not `{SCHEMA}`"))),
            None => return Err(fail(format!("no `schema` field; expected `{SCHEMA}`"))),
        }
        let record: Record = serde_json::from_value(value)
            .map_err(|e| fail(format!("not a {SCHEMA} record: {e}")))?;
        if record.author.to_string() != author {
            return Err(fail(format!(
                "the author is `{}`, but this token belongs to `{author}`",
                record.author
            )));
        }
        if record.study.as_deref() != Some(study.id.as_str()) {
            return Err(fail(format!(
                "the record belongs to study `{}`, this server runs study `{}`",
                record.study.as_deref().unwrap_or("(none)"),
                study.id
            )));
        }
        if let Some(task) = &record.task
            && !study.tasks.iter().any(|t| &t.id == task)
        {
            return Err(fail(format!(
                "task `{task}` is not part of study `{}`",
                study.id
            )));
        }
        if record.seq == 0 {
            return Err(fail("seq must be at least 1".into()));
        }
        if let Some(previous) = out.last()
            && record.seq != previous.seq + 1
        {
            return Err(fail(format!(
                "seq {} follows seq {}; an upload holds consecutive events",
                record.seq, previous.seq
            )));
        }
        let submission = match &record.event {
            Event::Submission(s) => {
                if !s.reward.is_finite() || !(0.0..=1.0).contains(&s.reward) {
                    return Err(fail(format!("reward {} is not between 0 and 1", s.reward)));
                }
                if !is_digest(&s.submission.digest) {
                    return Err(fail(format!(
                        "submission digest `{}` is not sha256:<64 hex digits>",
                        s.submission.digest
                    )));
                }
                Some(Claim {
                    module: s.submission.digest.clone(),
                    reward: s.reward,
                    solved: s.solved,
                })
            }
            _ => None,
        };
        out.push(Line {
            seq: record.seq,
            text: raw.to_string(),
            event: event_name(&record.event).to_string(),
            task: record.task,
            active_ms: record.active_ms,
            at: record.at,
            submission,
        });
    }
    if out.is_empty() {
        return Err(Malformed(
            "the body holds no records; send one replica.record/1 JSON object per line".into(),
        ));
    }
    Ok(out)
}

/// The `event` tag of an event, as serialized.
pub fn event_name(event: &Event) -> &'static str {
    match event {
        Event::Join { .. } => "join",
        Event::Consent { .. } => "consent",
        Event::TaskStart { .. } => "task_start",
        Event::Pause { .. } => "pause",
        Event::Resume => "resume",
        Event::Probe { .. } => "probe",
        Event::Submission(_) => "submission",
        Event::GiveUp => "give_up",
        Event::Finish { .. } => "finish",
        Event::End => "end",
        Event::Tool(_) => "tool",
    }
}

/// `sha256:` and 64 lowercase hex digits.
pub fn is_digest(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// Checks a participant id as the page does: 1 to 64 ASCII letters, digits, `-`, `_`, `.`.
pub fn is_participant(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study() -> Study {
        Study::parse(
            "id = \"demo\"\ntitle = \"t\"\nconsent_text = \"ok\"\nidle_seconds = 60\nseed = 7\nhidden = 2\n[[task]]\nid = \"wc\"\n",
            "study.toml",
        )
        .unwrap()
    }

    fn line(seq: u64, rest: &str) -> String {
        format!(
            r#"{{"schema":"replica.record/1","seq":{seq},"at":"2026-12-07T03:00:00.000Z","author":"human:p1","study":"demo"{rest}}}"#
        )
    }

    fn check(body: &str, expect: Result<usize, &str>) {
        match (lines(body.as_bytes(), &study(), "p1"), expect) {
            (Ok(got), Ok(n)) => assert_eq!(got.len(), n, "{body}"),
            (Err(Malformed(why)), Err(part)) => assert!(why.contains(part), "{why} lacks {part}"),
            (got, want) => panic!("{body}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn well_formed_uploads_pass() {
        let join = line(1, r#","event":"join""#);
        let start = line(
            2,
            r#","task":"wc","active_ms":0,"event":"task_start","index":0"#,
        );
        check(&format!("{join}\n{start}\n"), Ok(2));
        check(&format!("{join}\r\n\n{start}"), Ok(2));
        let got = lines(start.as_bytes(), &study(), "p1").unwrap();
        assert_eq!(got[0].text, start);
        assert_eq!((got[0].seq, got[0].event.as_str()), (2, "task_start"));
        assert_eq!(got[0].task.as_deref(), Some("wc"));
    }

    #[test]
    fn bad_uploads_say_which_line_and_why() {
        let join = line(1, r#","event":"join""#);
        check("", Err("holds no records"));
        check("{", Err("line 1: not JSON"));
        check("[1]", Err("not a JSON object"));
        check(
            r#"{"schema":"replica.report/1"}"#,
            Err("schema `replica.report/1`"),
        );
        check(
            &line(1, r#","event":"nap""#),
            Err("not a replica.record/1 record"),
        );
        check(
            &join.replace("human:p1", "human:p2"),
            Err("this token belongs to `human:p1`"),
        );
        check(
            &join.replace("\"demo\"", "\"other\""),
            Err("this server runs study `demo`"),
        );
        check(
            &line(1, r#","task":"ls","event":"give_up""#),
            Err("task `ls` is not part"),
        );
        check(&line(0, r#","event":"join""#), Err("at least 1"));
        check(
            &format!("{join}\n{}", line(3, r#","event":"end""#)),
            Err("line 2: seq 3 follows seq 1"),
        );
        let digest = format!("sha256:{}", "a".repeat(64));
        let sub = |reward: &str, digest: &str| {
            line(
                1,
                &format!(
                    r#","task":"wc","event":"submission","attempt":1,"submission":{{"digest":"{digest}","bytes":1}},"task_digest":"x","seed":7,"hidden":2,"reward":{reward},"solved":false,"accepted":0,"total":1,"verdicts":{{}}"#
                ),
            )
        };
        check(&sub("0.5", &digest), Ok(1));
        check(&sub("1.5", &digest), Err("not between 0 and 1"));
        check(&sub("0.5", "sha256:xyz"), Err("is not sha256:"));
        check("\u{0}", Err("not JSON"));
        assert!(
            lines(&[0xff, 0xfe], &study(), "p1")
                .unwrap_err()
                .0
                .contains("UTF-8")
        );
    }

    #[test]
    fn ids_and_digests() {
        assert!(is_participant("p-01_a.b"));
        for bad in ["", "a b", "p/1", &"x".repeat(65)] {
            assert!(!is_participant(bad), "{bad:?}");
        }
        assert!(is_digest(&format!("sha256:{}", "0f".repeat(32))));
        assert!(!is_digest(&format!("sha256:{}", "0F".repeat(32))));
    }
}
