//! Session tests: scripted participants, checked by the kinds of events they leave, their
//! numbering, active times, and what a reload rebuilds from the saved records.

use std::collections::BTreeMap;
use std::rc::Rc;

use replica_judge::Report;
use replica_record::{Author, Event, FinishReason, PauseReason, Record};
use replica_task::Study;

use super::{ProbeInput, Session, Stage, participant};
use crate::study::export;

const S: f64 = 1000.0;
/// 2026-11-22T03:30:00.000Z
const T0: f64 = 1_795_318_200_000.0;

fn study(minutes: &str) -> Rc<Study> {
    let source = format!(
        "id = \"demo\"\ntitle = \"Demo\"\nconsent_text = \"ok\"\nidle_seconds = 60\nseed = 7\nhidden = 3\n\
         [[task]]\nid = \"wc\"\n{minutes}\n[[task]]\nid = \"base64\"\n"
    );
    Rc::new(Study::parse(&source, "study.toml").unwrap())
}

fn author() -> Author {
    participant(Some("p01")).unwrap()
}

fn new_session(study: Rc<Study>) -> Session {
    Session::restore(
        study,
        author(),
        "sha256:c0".into(),
        Vec::new(),
        BTreeMap::new(),
        Some("test".into()),
        T0,
    )
    .unwrap()
}

/// Every case but the first is hidden, as in a study with `hidden = total - 1`.
fn report(task: &str, digest: &str, accepted: u32, total: u32) -> Report {
    crate::testing::report(task, digest, accepted, total, total - 1)
}

/// `kind[:task][@active_ms]` per record, e.g. `task_start:wc@0`.
fn summary(records: &[Record]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            let kind = serde_json::to_value(&r.event).unwrap()["event"]
                .as_str()
                .unwrap()
                .to_string();
            let task = r.task.as_ref().map_or(String::new(), |t| format!(":{t}"));
            let ms = r.active_ms.map_or(String::new(), |ms| format!("@{ms}"));
            format!("{kind}{task}{ms}")
        })
        .collect()
}

/// The session's lines read back as records.
fn records(s: &Session) -> Vec<Record> {
    replica_record::parse_jsonl(&s.lines.join("\n")).unwrap()
}

fn check_sequence(records: &[Record]) {
    for (i, r) in records.iter().enumerate() {
        assert_eq!(r.seq, i as u64 + 1, "{records:?}");
        assert_eq!(r.study.as_deref(), Some("demo"));
        assert_eq!(r.author.to_string(), "human:p01");
        assert!(r.at.as_deref().unwrap().starts_with("2026-11-22T0"));
    }
}

#[test]
fn a_whole_study() {
    let mut s = new_session(study(""));
    assert_eq!(s.stage, Stage::Consent);
    s.input(T0 + S); // no task yet: nothing recorded
    s.accept(T0 + 10.0 * S);
    assert_eq!(s.task(), Some("wc"));
    s.probe(
        "wc",
        ProbeInput {
            args: vec!["-l".into()],
            stdin: b"a\n".to_vec(),
            files: vec![("z".into(), vec![0xff]), ("a".into(), b"x".to_vec())],
        },
        "exit 0".into(),
        T0 + 20.0 * S,
    );
    s.graded(
        "wc",
        &report("wc", "sha256:01", 2, 4),
        Rc::new(vec![1]),
        T0 + 30.0 * S,
    );
    s.graded(
        "wc",
        &report("wc", "sha256:02", 4, 4),
        Rc::new(vec![2]),
        T0 + 40.0 * S,
    );
    s.finish(T0 + 45.0 * S);
    assert_eq!(s.task(), Some("base64"));
    s.give_up(T0 + 50.0 * S);
    assert_eq!(s.stage, Stage::Done);
    check_sequence(&records(&s));
    assert_eq!(
        summary(&records(&s)),
        [
            "join",
            "consent",
            "task_start:wc@0",
            "probe:wc@10000",
            "submission:wc@20000",
            "submission:wc@30000",
            "finish:wc@35000",
            "task_start:base64@0",
            "give_up:base64@5000",
            "end",
        ]
    );
    let Event::Probe { files, stdin, .. } = &records(&s)[3].event else {
        panic!()
    };
    assert_eq!(files[0].0, "a", "files are sorted by path");
    assert_eq!(*stdin, replica_task::Content::Text("a\n".into()));
    let Event::Submission(sub) = &records(&s)[5].event else {
        panic!()
    };
    assert_eq!((sub.attempt, sub.solved, sub.reward), (2, true, 1.0));
    assert_eq!(
        records(&s)[6].event,
        Event::Finish {
            solved: true,
            reason: FinishReason::Solved
        }
    );
    // Actions after the end record nothing.
    let n = s.lines.len();
    s.give_up(T0 + 60.0 * S);
    s.finish(T0 + 60.0 * S);
    s.tick(T0 + 999.0 * S);
    assert_eq!(s.lines.len(), n);
}

#[test]
fn moving_on_unsolved_and_pauses() {
    let mut s = new_session(study(""));
    s.accept(T0);
    s.visibility(true, T0 + 5.0 * S);
    s.visibility(false, T0 + 100.0 * S);
    s.tick(T0 + 161.0 * S); // idle since the page came back at 100 s
    s.input(T0 + 200.0 * S);
    s.finish(T0 + 201.0 * S);
    assert_eq!(
        summary(&records(&s)),
        [
            "join",
            "consent",
            "task_start:wc@0",
            "pause:wc@5000",
            "resume:wc@5000",
            "pause:wc@65000",
            "resume:wc@65000",
            "finish:wc@66000",
            "task_start:base64@0",
        ]
    );
    assert_eq!(
        records(&s)[3].event,
        Event::Pause {
            reason: PauseReason::Hidden
        }
    );
    assert_eq!(
        records(&s)[5].event,
        Event::Pause {
            reason: PauseReason::Idle
        }
    );
    assert_eq!(
        records(&s)[7].event,
        Event::Finish {
            solved: false,
            reason: FinishReason::MovedOn
        }
    );
}

#[test]
fn the_time_limit_ends_the_task_on_active_time() {
    let mut s = new_session(study("minutes = 1"));
    s.accept(T0);
    s.visibility(true, T0 + 30.0 * S);
    // Hidden for ten minutes: the limit counts active time only.
    s.tick(T0 + 630.0 * S);
    assert_eq!(s.task(), Some("wc"));
    s.visibility(false, T0 + 630.0 * S);
    assert_eq!(s.remaining_ms(T0 + 640.0 * S), Some(20_000));
    s.input(T0 + 650.0 * S);
    s.tick(T0 + 660.0 * S);
    assert_eq!(s.task(), Some("base64"));
    assert_eq!(s.remaining_ms(T0 + 660.0 * S), None, "base64 has no limit");
    let finish = &records(&s)[s.lines.len() - 2];
    assert_eq!(finish.active_ms, Some(60_000));
    assert_eq!(
        finish.event,
        Event::Finish {
            solved: false,
            reason: FinishReason::TimeLimit
        }
    );
}

#[test]
fn a_grade_arriving_after_the_task_ended_is_still_recorded() {
    let mut s = new_session(study(""));
    s.accept(T0);
    s.give_up(T0 + S);
    s.graded(
        "wc",
        &report("wc", "sha256:01", 1, 4),
        Rc::new(vec![1]),
        T0 + 2.0 * S,
    );
    let last = records(&s).last().unwrap().clone();
    assert_eq!((last.task.as_deref(), last.active_ms), (Some("wc"), None));
    assert!(matches!(last.event, Event::Submission(_)));
}

/// Saves `records` as the page does (JSON lines), and restores from them.
fn reload(s: &Session, now: f64) -> Session {
    let stored = s.lines.to_vec();
    Session::restore(
        s.study.clone(),
        author(),
        "sha256:c0".into(),
        stored,
        (*s.modules).clone(),
        None,
        now,
    )
    .unwrap()
}

#[test]
fn a_reload_resumes_the_task_with_its_active_time() {
    let mut s = new_session(study("minutes = 30"));
    let before_consent = reload(&s, T0 + S);
    assert_eq!(before_consent.stage, Stage::Consent);
    assert_eq!(
        summary(&records(&before_consent)),
        ["join"],
        "no second join"
    );

    s.accept(T0);
    s.graded(
        "wc",
        &report("wc", "sha256:01", 1, 4),
        Rc::new(vec![1]),
        T0 + 7.0 * S,
    );
    // The tab closes at 9 s; it is reopened an hour later.
    let mut r = reload(&s, T0 + 3600.0 * S);
    assert_eq!(r.task(), Some("wc"));
    assert_eq!(r.attempts("wc"), 1);
    assert_eq!(r.active_ms(T0 + 3601.0 * S), Some(8000));
    let last = records(&r).last().unwrap().clone();
    assert_eq!(last.seq, s.lines.len() as u64 + 1);
    assert_eq!(
        last.event,
        Event::TaskStart {
            index: 0,
            resumed: true
        }
    );
    assert_eq!(last.active_ms, Some(7000));
    r.graded(
        "wc",
        &report("wc", "sha256:02", 4, 4),
        Rc::new(vec![2]),
        T0 + 3602.0 * S,
    );
    let Event::Submission(sub) = &records(&r).last().unwrap().clone().event else {
        panic!()
    };
    assert_eq!(sub.attempt, 2, "attempts continue after a reload");
    r.finish(T0 + 3603.0 * S);
    check_sequence(&records(&r));

    // Finished studies stay finished.
    r.give_up(T0 + 3604.0 * S);
    assert_eq!(r.stage, Stage::Done);
    let done = reload(&r, T0 + 4000.0 * S);
    assert_eq!(done.stage, Stage::Done);
    assert_eq!(done.lines.len(), r.lines.len(), "nothing added");
}

#[test]
fn damaged_or_foreign_records_are_refused() {
    let mut s = new_session(study(""));
    s.accept(T0);
    let mut records = s.lines.to_vec();
    records.remove(1);
    let err = Session::restore(
        s.study.clone(),
        author(),
        "x".into(),
        records,
        BTreeMap::new(),
        None,
        T0,
    )
    .unwrap_err();
    assert!(err.contains("damaged at event 2: it has seq 3"), "{err}");
    let other = participant(Some("p02")).unwrap();
    let err = Session::restore(
        s.study.clone(),
        other,
        "x".into(),
        s.lines.to_vec(),
        BTreeMap::new(),
        None,
        T0,
    )
    .unwrap_err();
    assert!(err.contains("belongs to human:p01"), "{err}");
}

#[test]
fn export_includes_modules_on_request() {
    let mut s = new_session(study(""));
    s.accept(T0);
    s.graded(
        "wc",
        &report("wc", "sha256:01", 1, 4),
        Rc::new(vec![0, 1, 2]),
        T0 + S,
    );
    let without = export::jsonl(&s.lines, &s.modules, false);
    let with = export::jsonl(&s.lines, &s.modules, true);
    assert!(without.ends_with('\n') && without.lines().count() == 4);
    assert!(!without.contains("wasm_base64"));
    let last = replica_record::parse_jsonl(&with).unwrap().pop().unwrap();
    let Event::Submission(sub) = last.event else {
        panic!()
    };
    assert_eq!(sub.wasm_base64.as_deref(), Some("AAEC"));
    assert_eq!(
        export::file_name("demo", "p01"),
        "replica-study-demo-p01.jsonl"
    );
}

#[test]
fn programs_from_the_editor_are_recorded_with_their_source() {
    let mut s = new_session(study(""));
    s.accept(T0);
    let graded = |language: &str, digest: &str| {
        let mut r = report("wc", digest, 4, 4);
        r.submission.language = Some(language.into());
        r
    };
    let python = b"import sys\nprint(len(sys.stdin.read()))\n";
    s.graded_source(
        "wc",
        &graded("python", "sha256:0a"),
        Rc::new(python.to_vec()),
        T0 + S,
    );
    s.graded_source(
        "wc",
        &graded("c", "sha256:0c"),
        Rc::new(b"int main(void) { return 0; }\n".to_vec()),
        T0 + 2.0 * S,
    );
    // Python's source is kept for the upload (its digest is the report's); C's module is
    // not the source, so nothing is kept for it.
    assert_eq!(
        s.modules.keys().collect::<Vec<_>>(),
        ["sha256:0a"],
        "{:?}",
        s.modules
    );
    let with = export::jsonl(&s.lines, &s.modules, true);
    assert!(!with.contains("wasm_base64"), "{with}");
    let subs: Vec<_> = replica_record::parse_jsonl(&with)
        .unwrap()
        .into_iter()
        .filter_map(|r| match r.event {
            Event::Submission(sub) => Some(sub),
            _ => None,
        })
        .collect();
    assert_eq!(subs.len(), 2);
    assert_eq!(subs[0].source_bytes().as_deref(), Some(&python[..]));
    assert_eq!(subs[0].submission.language.as_deref(), Some("python"));
    assert_eq!(
        subs[1].source.as_deref(),
        Some("int main(void) { return 0; }\n")
    );
    assert_eq!((subs[0].attempt, subs[1].attempt), (1, 2));
}

#[test]
fn participant_ids() {
    assert_eq!(participant(Some("p-01_a.b")).unwrap().name, "p-01_a.b");
    for bad in [None, Some(""), Some("a b"), Some("ü"), Some("x/y")] {
        assert!(participant(bad).is_err(), "{bad:?}");
    }
    assert!(participant(Some(&"x".repeat(65))).is_err());
    assert!(participant(None).unwrap_err().contains("?participant="));
}

/// The example export in the repository (made by the browser test) is a valid record of
/// one participant, and a session restores from it to the end of the study.
#[test]
fn the_example_export_restores() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/records/study-demo-human.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let records = replica_record::parse_jsonl(&text).unwrap();
    assert!(matches!(records[0].event, Event::Join { .. }));
    let author = records[0].author.clone();
    let source = "id = \"demo\"\ntitle = \"Demo\"\nconsent_text = \"ok\"\nidle_seconds = 120\nseed = 7\nhidden = 20\n\
                  [[task]]\nid = \"wc\"\n[[task]]\nid = \"base64\"\n";
    let study = Rc::new(Study::parse(source, "study.toml").unwrap());
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let s = Session::restore(study, author, "x".into(), lines, BTreeMap::new(), None, T0).unwrap();
    assert_eq!(s.stage, Stage::Done);
    assert_eq!(s.attempts("wc"), 2);
    assert!(s.solved("wc"));
    assert!(matches!(records.last().unwrap().event, Event::End));
}
