//! `replica study-server` as a user runs it: invitations, the checks before serving, the
//! CLI export, and the load test (200 simulated participants uploading to a real server
//! process on 127.0.0.1 for a few seconds, the server killed with SIGKILL and restarted
//! halfway) on SQLite and on a private PostgreSQL cluster: no acknowledged event may be lost or
//! stored twice. Its figures are printed by `cargo xtask bench`, not checked here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap()
        .to_path_buf()
}

fn replica(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_replica"))
        .arg("study-server")
        .args(args)
        .current_dir(dir)
        .env_remove("REPLICA_ADMIN_TOKEN")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("replica-cli-study-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn invitations_are_links_with_unguessable_tokens() {
    let dir = scratch("invite");
    let study = root().join("studies/demo");
    let study = study.to_str().unwrap();
    let out = replica(
        &[
            "invite",
            "--study",
            study,
            "--count",
            "3",
            "--url",
            "https://study.example/run",
        ],
        &dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let links = text(&out.stdout);
    let lines: Vec<&str> = links.lines().collect();
    assert_eq!(lines.len(), 3, "{links}");
    let mut tokens = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (id, link) = line.split_once('\t').unwrap();
        assert_eq!(id, format!("p{:03}", i + 1));
        let prefix =
            format!("https://study.example/run/study.html#/study/demo?participant={id}&token=");
        let token = link
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{link}"));
        assert_eq!(token.len(), 43, "{token}");
        tokens.push(token.to_string());
    }
    tokens.dedup();
    assert_eq!(tokens.len(), 3);
    assert!(text(&out.stderr).contains("not shown again"));
    // The default database is a file here; more invitations continue the numbering, and
    // the tokens are not in it.
    let db = dir.join("replica-study-demo.db");
    assert!(db.is_file());
    let stored = std::fs::read(&db).unwrap();
    assert!(
        !stored.windows(43).any(|w| w == tokens[0].as_bytes()),
        "a token is stored in clear"
    );
    let out = replica(&["invite", "--study", study, "--count", "1"], &dir);
    assert!(
        text(&out.stdout).starts_with(
            "p004\thttp://127.0.0.1:8090/study.html#/study/demo?participant=p004&token="
        )
    );
    // The export of a study nobody took part in yet is empty.
    let out = replica(&["export", "--study", study], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout, b"");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_server_says_what_is_missing_before_it_starts() {
    let dir = scratch("checks");
    let study = root().join("studies/demo");
    let study = study.to_str().unwrap();
    let check = |args: &[&str], expect: &str| {
        let out = replica(args, &dir);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(expect), "{args:?}: {err}");
    };
    check(&["--study", study], "there is no site at dist");
    let site_dir = dir.join("site");
    std::fs::create_dir_all(site_dir.join("studies/demo")).unwrap();
    std::fs::write(site_dir.join("index.html"), "x").unwrap();
    let site = site_dir.to_str().unwrap();
    check(&["--study", study, "--site", site], "has no study `demo`");
    // The packed study, as `cargo xtask build` writes it.
    let packed = root().join("target/site/studies/demo/study.json");
    std::fs::copy(&packed, site_dir.join("studies/demo/study.json"))
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask build` first", packed.display()));
    check(
        &["--study", study, "--site", site],
        "no admin token: give --admin-token T or set REPLICA_ADMIN_TOKEN",
    );
    check(
        &["--study", study, "--site", site, "--admin-token", "short"],
        "shorter than 16",
    );
    check(
        &[
            "--study",
            study,
            "--site",
            site,
            "--admin-token",
            "long-enough-admin-token",
            "--database",
            "mysql://x",
        ],
        "give `sqlite:FILE`",
    );
    check(&["--study", "nowhere"], "--study names a study folder");
    check(&["invite", "--study", study], "invite needs --count N");
    check(&["frobnicate"], "unknown study-server command");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn load_test(extra: &[&str]) {
    let mut args = vec!["load-test", "--participants", "200", "--seconds", "4"];
    args.extend(extra);
    let out = replica(&args, &root());
    let report = text(&out.stdout);
    assert!(out.status.success(), "{report}\n{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["restarts"], 1, "{report}");
    assert_eq!(
        (
            v["lost"].as_u64(),
            v["duplicates"].as_u64(),
            v["mismatched"].as_u64()
        ),
        (Some(0), Some(0), Some(0)),
        "{report}"
    );
    // Every participant got events through, before and after the restart.
    assert!(v["acknowledged"].as_u64().unwrap() >= 200 * 4, "{report}");
}

/// One test, so the two runs do not share the two cores with each other.
#[test]
fn no_acknowledged_event_is_lost_under_load_and_a_kill() {
    load_test(&[]);
    // A private cluster on 127.0.0.1, started and removed by the load test itself.
    load_test(&["--postgres"]);
}
