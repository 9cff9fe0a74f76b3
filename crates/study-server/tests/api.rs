//! Every API path and refusal of the study server, on SQLite and on a real PostgreSQL
//! started here (Debian's server, a private cluster on 127.0.0.1, removed afterwards).
//! The same scenarios run on both, each on a fresh database, through the real router.
//!
//! Needs the site's task pack (`target/site/tasks`, written by `cargo xtask build`, which
//! `cargo xtask test` runs first) for the regrading scenarios.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use replica_record::{Author, Event, Record, SCHEMA, Submission};
use replica_study_server::api::{self, App};
use replica_study_server::db::Store;
use replica_study_server::regrade::Regrader;
use replica_study_server::{load_study, testing::Postgres, token};
use replica_task::Study;
use serde_json::{Value, json};
use tokio::sync::Notify;
use tower::ServiceExt;

const ADMIN: &str = "admin-token-for-the-api-tests";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap()
        .to_path_buf()
}

/// The site the tests serve: the task pack of `cargo xtask build` and a page.
fn site() -> PathBuf {
    let site = root().join("target/site");
    assert!(
        site.join("tasks/wc/reference.wasm").is_file(),
        "no task pack in {}: run `cargo xtask build` first (cargo xtask test does)",
        site.display()
    );
    site
}

struct Harness {
    router: axum::Router,
    store: Store,
    study: Arc<Study>,
    regrader: Regrader,
}

struct Reply {
    status: StatusCode,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("{e}: {}", self.text))
    }

    fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Harness {
    async fn new(url: &str) -> Harness {
        let store = Store::open(url).await.expect("opening the database");
        let study = Arc::new(load_study(&root().join("studies/demo")).unwrap());
        let app = Arc::new(App {
            study: study.clone(),
            store: store.clone(),
            admin_hash: token::hash(ADMIN),
            wake: Arc::new(Notify::new()),
        });
        Harness {
            router: api::router(app, site()),
            store,
            regrader: Regrader::new(study.clone(), site()),
            study,
        }
    }

    async fn call(&self, method: Method, path: &str, bearer: Option<&str>, body: Vec<u8>) -> Reply {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(t) = bearer {
            request = request.header("authorization", format!("Bearer {t}"));
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn post(&self, token: &str, lines: &[String]) -> Reply {
        self.call(
            Method::POST,
            "/api/events",
            Some(token),
            lines.join("\n").into_bytes(),
        )
        .await
    }

    async fn invite(&self, n: u32) -> Vec<(String, String)> {
        self.store.invite(&self.study.id, "p", n, 1).await.unwrap()
    }

    async fn count(&self, table: &str) -> u64 {
        self.store.count(table).await.unwrap()
    }
}

fn record(participant: &str, seq: u64, task: Option<&str>, event: Event) -> String {
    Record {
        schema: SCHEMA.into(),
        seq,
        at: Some(format!("2026-12-07T03:00:{:02}.000Z", seq % 60)),
        author: Author::parse(&format!("human:{participant}")).unwrap(),
        study: Some("demo".into()),
        task: task.map(Into::into),
        active_ms: task.map(|_| seq * 1000),
        event,
    }
    .to_line()
}

/// A participant's first events: join, consent, task_start, then pauses and resumes.
fn events(participant: &str, seqs: std::ops::RangeInclusive<u64>) -> Vec<String> {
    seqs.map(|seq| match seq {
        1 => record(participant, 1, None, Event::Join { user_agent: None }),
        2 => record(
            participant,
            2,
            None,
            Event::Consent {
                text_digest: "sha256:00".into(),
            },
        ),
        3 => record(
            participant,
            3,
            Some("wc"),
            Event::TaskStart {
                index: 0,
                resumed: false,
            },
        ),
        n if n % 2 == 0 => record(
            participant,
            n,
            Some("wc"),
            Event::Pause {
                reason: replica_record::PauseReason::Idle,
            },
        ),
        n => record(participant, n, Some("wc"), Event::Resume),
    })
    .collect()
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(site().join(format!("tasks/wc/examples/{name}.wasm"))).unwrap()
}

// ------------------------------------------------------------------ the scenarios

async fn participants_see_only_themselves(h: &Harness) {
    let invited = h.invite(2).await;
    let [(p1, t1), (p2, t2)] = [invited[0].clone(), invited[1].clone()];
    assert_eq!((p1.as_str(), p2.as_str()), ("p001", "p002"));
    let me = h.call(Method::GET, "/api/me", Some(&t1), vec![]).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.json()["participant"], "p001");
    assert_eq!(me.json()["acknowledged"], 0);
    // Invitations continue the numbering.
    assert_eq!(h.invite(1).await[0].0, "p003");

    for (token, expect) in [
        (None, "no invitation token"),
        (Some("not-a-token"), "not an invitation"),
        (Some(ADMIN), "not an invitation"),
    ] {
        let r = h.call(Method::GET, "/api/me", token, vec![]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(r.error().contains(expect), "{}", r.text);
    }

    assert_eq!(
        h.post(&t1, &events(&p1, 1..=3)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        h.post(&t2, &events(&p2, 1..=1)).await.status,
        StatusCode::OK
    );
    // A token reads only its own record…
    let mine = h.call(Method::GET, "/api/events", Some(&t2), vec![]).await;
    assert_eq!(mine.text, format!("{}\n", events(&p2, 1..=1)[0]));
    // …and cannot write another participant's.
    let r = h.post(&t2, &events(&p1, 4..=4)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.error().contains("this token belongs to `human:p002`"),
        "{}",
        r.text
    );
    assert_eq!(
        h.count("events").await,
        4,
        "the refused upload stored nothing"
    );
    let r = h.call(Method::GET, "/api/events", None, vec![]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn uploads_are_idempotent_in_sequence(h: &Harness) {
    let (p, t) = h.invite(1).await.remove(0);
    let all = events(&p, 1..=6);
    let r = h.post(&t, &all[0..3]).await;
    assert_eq!(
        (r.status, r.json()["acknowledged"].clone()),
        (StatusCode::OK, json!(3))
    );
    // A retry of stored events with new ones: the old are recognised, the new stored.
    let r = h.post(&t, &all[1..4]).await;
    assert_eq!(r.json()["acknowledged"], 4, "{}", r.text);
    // A pure retry stores nothing and answers the same.
    let r = h.post(&t, &all[0..2]).await;
    assert_eq!(
        (r.status, r.json()["acknowledged"].clone()),
        (StatusCode::OK, json!(4))
    );
    assert_eq!(h.count("events").await, 4);
    // Blank lines and CRLF are fine.
    let r = h
        .call(
            Method::POST,
            "/api/events",
            Some(&t),
            format!("{}\r\n\n{}\r\n", all[4], all[5]).into_bytes(),
        )
        .await;
    assert_eq!(r.json()["acknowledged"], 6, "{}", r.text);
    let stored = h.call(Method::GET, "/api/events", Some(&t), vec![]).await;
    assert_eq!(
        stored.text,
        all.iter().map(|l| format!("{l}\n")).collect::<String>()
    );
    let me = h.call(Method::GET, "/api/me", Some(&t), vec![]).await;
    assert_eq!(me.json()["acknowledged"], 6);
}

async fn gaps_and_conflicts_are_refused_without_side_effects(h: &Harness) {
    let (p, t) = h.invite(1).await.remove(0);
    let all = events(&p, 1..=8);
    h.post(&t, &all[0..4]).await;
    // A gap: seq 6 after 4.
    let r = h.post(&t, &all[5..7]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["acknowledged"], 4);
    assert!(r.error().contains("send from seq 5 on"), "{}", r.text);
    // Other content under a stored seq, even with a good new event after it.
    let mut changed = events(&p, 3..=5);
    changed[0] = record(&p, 3, Some("wc"), Event::GiveUp);
    let r = h.post(&t, &changed).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.error()
            .contains("seq 3 is already stored with other content"),
        "{}",
        r.text
    );
    assert_eq!(r.json()["acknowledged"], 4);
    assert_eq!(h.count("events").await, 4);
    let stored = h.call(Method::GET, "/api/events", Some(&t), vec![]).await;
    assert!(
        stored.text.contains(&all[2]),
        "the stored event is kept as it was"
    );
    // The acknowledged events survive reopening the database.
    let url_events = h.count("events").await;
    assert_eq!(url_events, 4);
}

async fn malformed_and_hostile_bodies_are_refused(h: &Harness) {
    let (p, t) = h.invite(1).await.remove(0);
    h.post(&t, &events(&p, 1..=2)).await;
    let good = events(&p, 3..=3).remove(0);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"".to_vec(), "holds no records"),
        (b"{not json".to_vec(), "line 1: not JSON"),
        (b"[1,2]".to_vec(), "not a JSON object"),
        (vec![0xff, 0xfe, 0x00], "not UTF-8"),
        (
            br#"{"schema":"replica.report/1"}"#.to_vec(),
            "schema `replica.report/1`",
        ),
        (
            good.replace("\"task_start\"", "\"teleport\"").into_bytes(),
            "not a replica.record/1 record",
        ),
        (
            good.replace("\"demo\"", "\"other\"").into_bytes(),
            "this server runs study `demo`",
        ),
        (
            good.replace("\"wc\"", "\"sha256sum\"").into_bytes(),
            "not part of study",
        ),
        (
            format!("{good}\n{}", events(&p, 5..=5)[0]).into_bytes(),
            "line 2: seq 5 follows seq 3",
        ),
        (format!("{good}\n{{").into_bytes(), "line 2: not JSON"),
        ("{\"a\":".repeat(100_000).into_bytes(), "not JSON"),
    ];
    for (body, expect) in cases {
        let r = h.call(Method::POST, "/api/events", Some(&t), body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{expect}: {}", r.text);
        assert!(r.error().contains(expect), "{expect}: {}", r.text);
        assert!(r.error().contains("nothing was stored"), "{}", r.text);
        assert_eq!(r.json()["acknowledged"], 2);
    }
    // Oversized bodies.
    let big = vec![b' '; api::MAX_EVENTS_BODY + 1];
    let r = h.call(Method::POST, "/api/events", Some(&t), big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
    assert!(r.error().contains("larger than 8 MiB"), "{}", r.text);
    let huge = vec![0u8; api::MAX_MODULE_BODY + 1];
    let path = format!("/api/modules/{}", replica_judge::digest(&huge));
    let r = h.call(Method::PUT, &path, Some(&t), huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
    assert_eq!(h.count("events").await, 2);
    assert_eq!(h.count("modules").await, 0);
    assert_eq!(h.count("regrades").await, 0);
}

async fn modules_are_checked_against_their_digest(h: &Harness) {
    let (_, t) = h.invite(1).await.remove(0);
    let wasm = example("correct");
    let digest = replica_judge::digest(&wasm);
    let r = h
        .call(
            Method::PUT,
            &format!("/api/modules/{digest}"),
            Some(&t),
            b"other".to_vec(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.error().contains("not ") && r.error().contains(&digest),
        "{}",
        r.text
    );
    let r = h
        .call(
            Method::PUT,
            "/api/modules/sha256:XYZ",
            Some(&t),
            wasm.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = h
        .call(
            Method::PUT,
            &format!("/api/modules/{digest}"),
            None,
            wasm.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(h.count("modules").await, 0);
    for _ in 0..2 {
        let r = h
            .call(
                Method::PUT,
                &format!("/api/modules/{digest}"),
                Some(&t),
                wasm.clone(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    assert_eq!(h.count("modules").await, 1);
    let me = h.call(Method::GET, "/api/me", Some(&t), vec![]).await;
    assert_eq!(me.json()["modules"], json!([digest]));
}

async fn the_admin_api_needs_the_admin_token(h: &Harness) {
    let (_, t) = h.invite(1).await.remove(0);
    for path in [
        "/api/admin/summary",
        "/api/admin/export",
        "/api/admin/export.jsonl?wasm=1",
    ] {
        for bearer in [None, Some("wrong-admin-token-123456"), Some(t.as_str())] {
            let r = h.call(Method::GET, path, bearer, vec![]).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path} {bearer:?}");
            assert!(r.error().contains("admin token"), "{}", r.text);
        }
        let r = h.call(Method::GET, path, Some(ADMIN), vec![]).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
    }
    let r = h.call(Method::GET, "/api/nowhere", None, vec![]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.error().contains("no such API path"));
    let r = h.call(Method::GET, "/api/study", None, vec![]).await;
    assert_eq!(r.json()["seed"], 7);
    // The site is served beside the API.
    let r = h
        .call(Method::GET, "/studies/demo/study.json", None, vec![])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["id"], "demo");
}

/// A submission line as the page writes it, claiming `reward`, or the true grade.
fn submission(
    h: &Harness,
    p: &str,
    seq: u64,
    attempt: u32,
    wasm: &[u8],
    reward: Option<f64>,
) -> String {
    let report = h.regrader.report("wc", wasm).unwrap();
    let mut sub = Submission::from_report(&report, attempt);
    if let Some(r) = reward {
        sub.reward = r;
        sub.solved = r == 1.0;
        sub.accepted = sub.total;
    }
    record(p, seq, Some("wc"), Event::Submission(Box::new(sub)))
}

async fn submissions_are_regraded_and_lies_flagged(h: &Harness) {
    let (p, t) = h.invite(1).await.remove(0);
    let (buggy, correct) = (example("bug-whitespace"), example("correct"));
    let mut lines = events(&p, 1..=3);
    lines.push(submission(h, &p, 4, 1, &buggy, Some(1.0))); // a tampered page's claim
    lines.push(submission(h, &p, 5, 2, &correct, None));
    lines.push(submission(h, &p, 6, 3, &example("bug-whitespace"), None));
    let r = h.post(&t, &lines).await;
    assert_eq!(r.json()["acknowledged"], 6, "{}", r.text);
    // The modules arrive after their submissions (a reload in between): still regraded.
    for wasm in [&buggy, &correct] {
        let path = format!("/api/modules/{}", replica_judge::digest(wasm));
        assert_eq!(
            h.call(Method::PUT, &path, Some(&t), wasm.clone())
                .await
                .status,
            StatusCode::OK
        );
    }
    let mut regraded = 0;
    while let Some(job) = h.store.claim_regrade("demo", 10, 0).await.unwrap() {
        let result = h.regrader.regrade(&job);
        h.store
            .finish_regrade("demo", &job.participant, job.seq, &result)
            .await
            .unwrap();
        assert_eq!(
            result.flagged,
            job.seq == 4,
            "seq {}: {:?}",
            job.seq,
            result.note
        );
        regraded += 1;
    }
    assert_eq!(regraded, 3);

    let export = h
        .call(Method::GET, "/api/admin/export", Some(ADMIN), vec![])
        .await;
    let exported: Vec<&str> = export.text.lines().collect();
    assert_eq!(exported.len(), 6);
    for (i, line) in exported.iter().enumerate() {
        if i == 3 {
            let v: Value = serde_json::from_str(line).unwrap();
            assert!(
                v["flagged"]
                    .as_str()
                    .unwrap()
                    .contains("the record says reward 1"),
                "{line}"
            );
            assert_eq!(v["reward"], 1.0, "the claim is kept");
            assert!(v["server_regrade"]["reward"].as_f64().unwrap() < 1.0);
        } else {
            assert_eq!(*line, lines[i], "an honest line is exported as uploaded");
        }
    }
    // `replica compare` reads the export unchanged.
    let records = replica_record::parse_jsonl(&export.text).unwrap();
    assert_eq!(records.len(), 6);
    // With modules: each submission carries its module, like the page's own export.
    let with = h
        .call(Method::GET, "/api/admin/export?wasm=1", Some(ADMIN), vec![])
        .await;
    let v: Value = serde_json::from_str(with.text.lines().nth(4).unwrap()).unwrap();
    use base64::Engine as _;
    let module = base64::engine::general_purpose::STANDARD
        .decode(v["wasm_base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(module, correct);

    let summary = h
        .call(Method::GET, "/api/admin/summary", Some(ADMIN), vec![])
        .await
        .json();
    let me = &summary["participants"][0];
    assert_eq!(me["stage"], "task");
    assert_eq!(me["current_task"], "wc");
    assert_eq!(me["tasks"][0]["attempts"], 3);
    assert_eq!(me["tasks"][0]["best_reward"], 1.0);
    assert_eq!(me["tasks"][0]["flagged"], 1);
    assert_eq!(
        summary["regrades"],
        json!({"pending": 0, "agreed": 2, "flagged": 1, "errors": 0})
    );
}

type Scenario =
    for<'a> fn(&'a Harness) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>;

fn scenarios() -> Vec<(&'static str, Scenario)> {
    vec![
        ("participants_see_only_themselves", |h| {
            Box::pin(participants_see_only_themselves(h))
        }),
        ("uploads_are_idempotent_in_sequence", |h| {
            Box::pin(uploads_are_idempotent_in_sequence(h))
        }),
        ("gaps_and_conflicts_are_refused_without_side_effects", |h| {
            Box::pin(gaps_and_conflicts_are_refused_without_side_effects(h))
        }),
        ("malformed_and_hostile_bodies_are_refused", |h| {
            Box::pin(malformed_and_hostile_bodies_are_refused(h))
        }),
        ("modules_are_checked_against_their_digest", |h| {
            Box::pin(modules_are_checked_against_their_digest(h))
        }),
        ("the_admin_api_needs_the_admin_token", |h| {
            Box::pin(the_admin_api_needs_the_admin_token(h))
        }),
        ("submissions_are_regraded_and_lies_flagged", |h| {
            Box::pin(submissions_are_regraded_and_lies_flagged(h))
        }),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_path_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("replica-api-sqlite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, scenario) in scenarios() {
        let url = format!("sqlite://{}", dir.join(format!("{name}.db")).display());
        let h = Harness::new(&url).await;
        scenario(&h).await;
        h.store.close().await;
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_path_on_postgres() {
    let pg = Postgres::start().expect("a private PostgreSQL");
    for (name, scenario) in scenarios() {
        let url = pg.database(name).await.unwrap();
        let h = Harness::new(&url).await;
        scenario(&h).await;
        h.store.close().await;
    }
    drop(pg);
}
