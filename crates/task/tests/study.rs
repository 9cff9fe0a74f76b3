//! Data-driven tests of `study.toml` parsing: good files parse, broken ones name the line
//! and field, unknown tasks are reported where they are listed.

use replica_task::{Consent, Study};

const GOOD: &str = r#"id = "demo"
title = "Demo study"
consent_file = "consent.md"
idle_seconds = 120
seed = 7
hidden = 20
export_wasm = true

[[task]]
id = "wc"
minutes = 25

[[task]]
id = "base64"
"#;

/// Parses `source` and returns the error text, or "ok".
fn error_of(source: &str) -> String {
    match Study::parse(source, "studies/demo/study.toml") {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.to_string(),
    }
}

/// `GOOD` with `from` replaced by `to` must fail with an error containing `expect`.
fn check(from: &str, to: &str, expect: &str) {
    assert!(GOOD.contains(from), "{from:?} is not in GOOD");
    let source = GOOD.replacen(from, to, 1);
    let got = error_of(&source);
    assert!(
        got.contains(expect),
        "for\n{source}\nexpected an error containing {expect:?}, got {got:?}"
    );
}

#[test]
fn good_study_parses() {
    let study = Study::parse(GOOD, "study.toml").unwrap();
    assert_eq!(study.id, "demo");
    assert_eq!(study.consent, Consent::File("consent.md".into()));
    assert_eq!((study.idle_seconds, study.seed, study.hidden), (120, 7, 20));
    assert!(study.export_wasm);
    let tasks: Vec<_> = study
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t.minutes, t.line))
        .collect();
    assert_eq!(tasks, [("wc", Some(25), 10), ("base64", None, 14)]);
}

#[test]
fn inline_consent_and_defaults() {
    let source = GOOD
        .replace(
            "consent_file = \"consent.md\"",
            "consent_text = \"I agree.\"",
        )
        .replace("export_wasm = true\n", "");
    let study = Study::parse(&source, "study.toml").unwrap();
    assert_eq!(study.consent, Consent::Text("I agree.".into()));
    assert!(!study.export_wasm);
}

#[test]
fn broken_fields_name_line_and_field() {
    check(
        "id = \"demo\"",
        "id = \"De mo\"",
        "study.toml:1:6: field `id`",
    );
    check(
        "title = \"Demo study\"",
        "title = \" \"",
        "study.toml:2:9: field `title` is empty",
    );
    check(
        "idle_seconds = 120",
        "idle_seconds = 0",
        "study.toml:4:16: field `idle_seconds` must be at least 1",
    );
    check("seed = 7", "seed = -7", "study.toml:5:8");
    check(
        "hidden = 20",
        "hidden = 20000",
        "study.toml:6:10: field `hidden`: at most 10000",
    );
    check(
        "minutes = 25",
        "minutes = 0",
        "study.toml:11:11: [[task]] `wc`: field `minutes` must be at least 1",
    );
    check(
        "id = \"base64\"",
        "id = \"wc\"",
        "study.toml:14:6: [[task]]: task `wc` is listed twice",
    );
    check(
        "id = \"base64\"",
        "id = \"Base64\"",
        "study.toml:14:6: [[task]]: field `id`",
    );
    check(
        "minutes = 25",
        "minutse = 25",
        "study.toml:11:1: unknown field `minutse`",
    );
    check(
        "export_wasm = true",
        "export_wasm = \"yes\"",
        "study.toml:7:15",
    );
    check("seed = 7\n", "", "missing field `seed`");
    check(
        "consent_file = \"consent.md\"",
        "consent_file = \"../consent.md\"",
        "study.toml:3:16: field `consent_file`: `../consent.md` must be a file name",
    );
    check(
        "consent_file = \"consent.md\"",
        "consent_file = \"consent.md\"\nconsent_text = \"x\"",
        "give either `consent_text` or `consent_file`, not both",
    );
    check(
        "consent_file = \"consent.md\"\n",
        "",
        "missing consent: add `consent_file = \"consent.md\"`",
    );
}

#[test]
fn a_study_needs_tasks() {
    let source = GOOD.split("[[task]]").next().unwrap();
    assert!(
        error_of(source).contains("no tasks: add at least one [[task]]"),
        "{}",
        error_of(source)
    );
}

#[test]
fn unknown_tasks_are_named_where_listed() {
    let study = Study::parse(GOOD, "studies/demo/study.toml").unwrap();
    assert!(study.check_tasks("x", &["base64", "wc"]).is_ok());
    let err = study
        .check_tasks("studies/demo/study.toml", &["sha256sum", "wc"])
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "studies/demo/study.toml:14:6: [[task]]: there is no task `base64` under tasks/ \
         (there are: sha256sum, wc); fix the id or add the task"
    );
}

#[test]
fn the_packed_json_form_round_trips() {
    let mut study = Study::parse(GOOD, "study.toml").unwrap();
    study.consent = Consent::Text("# Consent\n".into());
    let json = serde_json::to_string(&study).unwrap();
    assert!(
        json.contains(r##""consent":{"text":"# Consent\n"}"##),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Study>(&json).unwrap(), study);
}
