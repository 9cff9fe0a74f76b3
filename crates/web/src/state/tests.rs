//! Reducer tests: each drives the state through actions and checks what the view will see.

use super::*;

fn opened(id: &str) -> AppState {
    let mut state = AppState::new(Route::Catalogue, 7);
    state.apply(Action::TaskOpened {
        id: id.into(),
        history: Vec::new(),
        graded: None,
    });
    state
}

fn report(accepted: u32, total: u32) -> Report {
    crate::testing::report("wc", "sha256:bb", accepted, total, 0)
}

fn reply(header: Reply) -> Action {
    Action::Reply {
        reply: Envelope {
            header,
            blobs: Vec::new(),
        },
        now: 1000.0,
    }
}

fn start_grade(state: &mut AppState, task: &str) -> u32 {
    let id = 7;
    state.apply(Action::JobStarted {
        id,
        task: task.into(),
        kind: JobKind::Grade,
    });
    id
}

#[test]
fn navigation_changes_the_route() {
    let mut state = AppState::new(Route::Catalogue, 1);
    let route = Route::parse("#/task/wc/run");
    state.apply(Action::Navigate(route.clone()));
    assert_eq!(state.route, route);
}

#[test]
fn seed_must_be_a_number() {
    let mut state = AppState::new(Route::Catalogue, 42);
    assert_eq!(state.seed(), Ok(42));
    state.apply(Action::SetSeed(" 18446744073709551615 ".into()));
    assert_eq!(state.seed(), Ok(u64::MAX));
    state.apply(Action::SetSeed("-1".into()));
    assert!(state.seed().is_err());
}

#[test]
fn opening_twice_keeps_the_first_state() {
    let mut state = opened("wc");
    state.apply(Action::SetArgs {
        id: "wc".into(),
        args: "-l".into(),
    });
    state.apply(Action::TaskOpened {
        id: "wc".into(),
        history: Vec::new(),
        graded: None,
    });
    assert_eq!(state.task("wc").unwrap().form.args, "-l");
}

#[test]
fn picked_files_replace_same_names() {
    let mut state = opened("wc");
    let file = |name: &str, byte: u8| (name.to_string(), Rc::new(vec![byte]));
    state.apply(Action::AddFiles {
        id: "wc".into(),
        files: vec![file("a", 1), file("b", 2)],
    });
    state.apply(Action::AddFiles {
        id: "wc".into(),
        files: vec![file("a", 3)],
    });
    let files = &state.task("wc").unwrap().form.files;
    assert_eq!(files, &[file("b", 2), file("a", 3)]);
    state.apply(Action::RemoveFile {
        id: "wc".into(),
        path: "b".into(),
    });
    assert_eq!(state.task("wc").unwrap().form.files, [file("a", 3)]);
}

#[test]
fn progress_then_report_records_an_attempt() {
    let mut state = opened("wc");
    state.apply(Action::SetSubmission {
        id: "wc".into(),
        submission: Submission::module("mine.wasm", vec![0]),
    });
    let job = start_grade(&mut state, "wc");
    assert!(state.busy("wc", JobKind::Grade));
    state.apply(reply(Reply::Progress {
        job,
        phase: Phase::Candidate,
        done: 2,
        total: 4,
        fuel: Some((30_000_000, 1_000_000_000)),
    }));
    let current = state.job.as_ref().unwrap();
    assert_eq!(current.progress, Some((Phase::Candidate, 2, 4)));
    assert_eq!(current.fuel, Some((30_000_000, 1_000_000_000)));
    // A finished run clears the fuel of the one before.
    state.apply(reply(Reply::Progress {
        job,
        phase: Phase::Candidate,
        done: 3,
        total: 4,
        fuel: None,
    }));
    assert_eq!(state.job.as_ref().unwrap().fuel, None);
    let json = serde_json::to_string(&report(3, 4)).unwrap();
    state.apply(reply(Reply::Graded {
        job,
        report: json.clone(),
        runs: Runs {
            browser: 5,
            wasmi: 2,
        },
    }));
    assert_eq!(state.job, None);
    let task = state.task("wc").unwrap();
    let graded = task.graded.as_ref().unwrap();
    assert_eq!(&*graded.json, json);
    assert_eq!(
        graded.runs,
        Some(Runs {
            browser: 5,
            wasmi: 2
        })
    );
    assert_eq!(graded.report.accepted, 3);
    assert_eq!(task.history.len(), 1);
    assert_eq!(task.history[0].submission, "mine.wasm");
    assert_eq!(task.history[0].reward, 0.75);
    assert_eq!(task.history[0].at, 1000.0);
}

#[test]
fn replies_of_cancelled_jobs_are_ignored() {
    let mut state = opened("wc");
    let start = |state: &mut AppState, id| {
        state.apply(Action::JobStarted {
            id,
            task: "wc".into(),
            kind: JobKind::Grade,
        })
    };
    start(&mut state, 1);
    state.apply(Action::Cancelled);
    assert_eq!(state.job, None);
    assert_eq!(
        state.task("wc").unwrap().notice.as_deref(),
        Some("Grading cancelled.")
    );
    start(&mut state, 2);
    let json = serde_json::to_string(&report(1, 1)).unwrap();
    state.apply(reply(Reply::Graded {
        job: 1,
        report: json,
        runs: Runs::default(),
    }));
    assert!(
        state.job.is_some(),
        "a stale reply must not end the new job"
    );
    assert!(state.task("wc").unwrap().graded.is_none());
}

#[test]
fn harness_failures_become_notices() {
    let mut state = opened("wc");
    let job = start_grade(&mut state, "wc");
    state.apply(reply(Reply::Failed {
        job,
        error: "the task's generator failed: trap".into(),
    }));
    assert_eq!(state.job, None);
    assert_eq!(
        state.task("wc").unwrap().notice.as_deref(),
        Some("the task's generator failed: trap")
    );
}

#[test]
fn a_run_keeps_its_outputs() {
    let mut state = opened("wc");
    let job = 3;
    state.apply(Action::JobStarted {
        id: job,
        task: "wc".into(),
        kind: JobKind::Run,
    });
    state.apply(Action::Reply {
        reply: Envelope {
            header: Reply::Ran {
                job,
                ending: "exit 0".into(),
                exit_code: Some(0),
                fuel: 10,
                files: vec!["out.txt".into()],
            },
            blobs: vec![b"1\n".to_vec(), Vec::new(), b"x".to_vec()],
        },
        now: 0.0,
    });
    let ran = state.task("wc").unwrap().ran.clone().unwrap().unwrap();
    assert_eq!(ran.stdout, b"1\n");
    assert_eq!(ran.files, [("out.txt".to_string(), b"x".to_vec())]);
}

#[test]
fn a_crashed_worker_ends_the_run_with_a_message() {
    let mut state = opened("wc");
    state.apply(Action::JobStarted {
        id: 1,
        task: "wc".into(),
        kind: JobKind::Run,
    });
    state.apply(Action::WorkerCrashed("RuntimeError: unreachable".into()));
    assert_eq!(state.job, None);
    let ran = state.task("wc").unwrap().ran.clone().unwrap();
    assert!(ran.unwrap_err().contains("unreachable"));
}

#[test]
fn history_can_be_cleared() {
    let mut state = AppState::new(Route::Catalogue, 1);
    let attempt = Attempt::from_report(&report(1, 2), "a.wasm", 5.0);
    state.apply(Action::TaskOpened {
        id: "wc".into(),
        history: vec![attempt],
        graded: None,
    });
    assert_eq!(state.task("wc").unwrap().history.len(), 1);
    state.apply(Action::ClearHistory("wc".into()));
    assert!(state.task("wc").unwrap().history.is_empty());
}

#[test]
fn results_survive_storage() {
    let json = serde_json::to_string(&report(2, 3)).unwrap();
    let graded = Graded::parse(&json, "example: bug").unwrap();
    let back = Graded::from_stored(&graded.to_stored()).unwrap();
    assert_eq!(back, graded);
    assert_eq!(&*back.json, json, "the stored report keeps its exact bytes");
    assert_eq!(Graded::from_stored("{}"), None);
    assert_eq!(result_key("wc"), "replica.result.wc");
}
