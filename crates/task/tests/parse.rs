//! Data-driven tests of `task.toml` parsing: good files parse, broken ones name the line and field.

use replica_task::{Case, Channel, Expectation, Task, parse_generated};

const HEADER: &str = r#"id = "demo"
title = "Demo"
summary = "A demo task."
minutes = 5
program = "demo"
compare = ["stdout", "exit_code"]
"#;

/// Parses `HEADER` followed by `rest` and returns the error text, or "ok".
fn error_of(source: &str) -> String {
    match Task::parse(source, "tasks/demo/task.toml") {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.to_string(),
    }
}

fn check_error(rest: &str, expect: &str) {
    let source = format!("{HEADER}{rest}");
    let got = error_of(&source);
    assert!(
        got.contains(expect),
        "for\n{source}\nexpected an error containing {expect:?}, got {got:?}"
    );
}

#[test]
fn minimal_task_parses_with_defaults() {
    let task = Task::parse(HEADER, "task.toml").unwrap();
    assert_eq!(task.id, "demo");
    assert_eq!(task.compare, vec![Channel::Stdout, Channel::ExitCode]);
    assert_eq!(task.hidden, 20);
    assert!(task.cases.is_empty());
    assert!(task.conformance.is_none());
}

#[test]
fn cases_with_text_binary_files_and_env() {
    let source = format!(
        r#"{HEADER}
[budget]
fuel = 1_000

[conformance]
command = "demo"
env = {{ LC_ALL = "C" }}

[[case]]
name = "one"
args = ["-x", "a b"]
stdin = "hi\n"
env = {{ K = "V" }}
[case.files]
"a.txt" = "alpha"
"d/b.bin" = {{ base64 = "AAEC" }}

[[case]]
name = "two"
stdin = {{ base64 = "/w==" }}
"#
    );
    let task = Task::parse(&source, "task.toml").unwrap();
    assert_eq!(task.budget.fuel, Some(1_000));
    let conformance = task.conformance.as_ref().unwrap();
    assert_eq!(conformance.cases, 200);
    assert!(conformance.packages.is_empty() && conformance.normalize.is_empty());
    assert_eq!(
        task.cases[0],
        Case {
            name: "one".into(),
            args: vec!["-x".into(), "a b".into()],
            stdin: b"hi\n".to_vec(),
            env: [("K".to_owned(), "V".to_owned())].into(),
            files: [
                ("a.txt".to_owned(), b"alpha".to_vec()),
                ("d/b.bin".to_owned(), vec![0, 1, 2]),
            ]
            .into(),
        }
    );
    assert_eq!(task.cases[1].stdin, vec![0xff]);
}

#[test]
fn conformance_packages_and_normalisers() {
    let source = format!(
        "{HEADER}[conformance]\ncommand = \"b3sum\"\npackages = [\"b3sum\", \"libc6-dev\"]\n\
         normalize = [\"openssl-thread-id\"]\n"
    );
    let task = Task::parse(&source, "task.toml").unwrap();
    let conformance = task.conformance.unwrap();
    assert_eq!(conformance.packages, ["b3sum", "libc6-dev"]);
    assert_eq!(conformance.normalize, ["openssl-thread-id"]);
    check_error(
        "[conformance]\ncommand = \"x\"\npackages = [\"ok\", \"Bad Name\"]\n",
        "task.toml:9:19: [conformance] field `packages`: `Bad Name` is not a Debian package name",
    );
    check_error(
        "[conformance]\ncommand = \"x\"\nnormalize = [\"\"]\n",
        "task.toml:9:14: [conformance] field `normalize`: `` is not a normaliser name",
    );
}

#[test]
fn broken_files_name_line_and_field() {
    check_error("bogus = 1\n", "task.toml:7:1: unknown field `bogus`");
    check_error(
        "[[case]]\nname = \"a\"\nstdn = \"x\"\n",
        "unknown field `stdn`",
    );
    check_error(
        "[[case]]\nname = \"a\"\n[[case]]\nname = \"a\"\n",
        ":9:1: [[case]]: case name `a` is used twice",
    );
    check_error(
        "[[case]]\nname = \"a\"\nfiles = { \"../x\" = \"\" }\n",
        "file `../x`: use a relative path",
    );
    check_error(
        "[[case]]\nname = \"a\"\nfiles = { \"/etc/passwd\" = \"\" }\n",
        "use a relative path",
    );
    check_error(
        "[[case]]\nname = \"a\"\nfiles = { \"d\" = \"\", \"d/e\" = \"\" }\n",
        "`d` is both a file and a directory",
    );
    check_error(
        "[[case]]\nname = \"a\"\nstdin = { base64 = \"!!\" }\n",
        "field `stdin`: invalid base64",
    );
    check_error("[budget]\nfuel = -1\n", "task.toml:8:8");
    check_error("[budget]\nfule = 1\n", "unknown field `fule`");
    check_error("hidden = \"many\"\n", "task.toml:7:10");
}

#[test]
fn broken_header_fields() {
    let check = |source: &str, expect: &str| {
        let got = error_of(source);
        assert!(got.contains(expect), "expected {expect:?} in {got:?}");
    };
    check(
        &HEADER.replace("\"demo\"\ntitle", "\"De mo\"\ntitle"),
        "task.toml:1:6: field `id`",
    );
    check(
        &HEADER.replace("minutes = 5", "minutes = 0"),
        "task.toml:4:11: field `minutes`",
    );
    check(
        &HEADER.replace("\"exit_code\"", "\"exitcode\""),
        "task.toml:6:22: field `compare`: unknown channel `exitcode`",
    );
    check(
        &HEADER.replace("[\"stdout\", \"exit_code\"]", "[]"),
        "field `compare` is empty",
    );
    check(
        &HEADER.replace("program = \"demo\"\n", ""),
        "missing field `program`",
    );
    check("id = \n", "task.toml:1:6");
}

#[test]
fn generated_cases_round_trip() {
    let json = br#"[{"name":"g1","args":["-c"],"stdin":{"base64":"AP8="},"files":{"f":"x"}},{"name":"g2"}]"#;
    let cases = parse_generated(json, "generator").unwrap();
    assert_eq!(cases[0].stdin, vec![0, 255]);
    assert_eq!(cases[1].args, Vec::<String>::new());
    let again = parse_generated(replica_task::cases_to_json(&cases).as_bytes(), "again").unwrap();
    assert_eq!(cases, again);
}

#[test]
fn generated_errors() {
    let check = |json: &str, expect: &str| {
        let got = parse_generated(json.as_bytes(), "generator seed 7")
            .unwrap_err()
            .to_string();
        assert!(got.contains(expect), "expected {expect:?} in {got:?}");
    };
    check("{}", "generator seed 7:1:1: expected a JSON array of cases");
    check(
        "[{\"name\":\"a\"},{\"name\":\"a\"}]",
        "case 2: case name `a` is used twice",
    );
    check(
        "[{\"name\":\"a\",\"files\":{\"..\":\"\"}}]",
        "case 1: case `a`: file `..`",
    );
    check("[{\"nam\":\"a\"}]", "unknown field `nam`");
}

#[test]
fn expectations() {
    let e = Expectation::parse("solved = false\nfailing = [\"a\"]\n", "expect.toml").unwrap();
    assert_eq!(e.failing, vec!["a".to_owned()]);
    let err = Expectation::parse("solved = 1\n", "expect.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("expect.toml:1:10:"), "{err}");
}
