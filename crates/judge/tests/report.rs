//! Input previews in reports: the 4 KiB cap, text or base64, cuts on character boundaries.
//!
//! Refresh the snapshots with `UPDATE_EXPECT=1 cargo test -p replica-judge --test report`.

use expect_test::{Expect, expect};
use replica_judge::task::Case;
use replica_judge::{InputSummary, PREVIEW_BYTES, Preview};

/// A preview in one line: full size, what is shown (length and start), and whether cut.
fn render(preview: &Preview) -> String {
    let shown = |label: &str, text: &Option<String>| match text {
        Some(text) => {
            let start: String = text.chars().take(12).collect();
            format!(" {label} {} {:?}", text.len(), start)
        }
        None => String::new(),
    };
    format!(
        "{} bytes{}{}{}\n",
        preview.bytes,
        shown("text", &preview.text),
        shown("base64", &preview.base64),
        if preview.truncated { " truncated" } else { "" }
    )
}

fn check(bytes: &[u8], expect: Expect) {
    expect.assert_eq(&render(&Preview::new(bytes)));
}

#[test]
fn empty() {
    check(
        b"",
        expect![[r#"
        0 bytes text 0 ""
    "#]],
    );
}

#[test]
fn short_text() {
    check(
        b"hello\n",
        expect![[r#"
        6 bytes text 6 "hello\n"
    "#]],
    );
}

#[test]
fn text_of_exactly_the_cap() {
    check(
        &[b'a'; PREVIEW_BYTES],
        expect![[r#"
        4096 bytes text 4096 "aaaaaaaaaaaa"
    "#]],
    );
}

#[test]
fn long_text_is_cut() {
    check(
        &[b'a'; 5000],
        expect![[r#"
        5000 bytes text 4096 "aaaaaaaaaaaa" truncated
    "#]],
    );
}

#[test]
fn a_character_across_the_cap_is_left_out() {
    let text = "a".repeat(PREVIEW_BYTES - 1) + "€";
    check(
        text.as_bytes(),
        expect![[r#"
        4098 bytes text 4095 "aaaaaaaaaaaa" truncated
    "#]],
    );
}

#[test]
fn binary_is_base64() {
    check(
        b"\x00\xff\x10",
        expect![[r#"
        3 bytes base64 4 "AP8Q"
    "#]],
    );
}

#[test]
fn long_binary_is_cut_then_encoded() {
    check(
        &[0xff; 5000],
        expect![[r#"
        5000 bytes base64 5464 "////////////" truncated
    "#]],
    );
}

#[test]
fn text_before_binary_past_the_cap_is_text() {
    let mut bytes = vec![b'x'; PREVIEW_BYTES];
    bytes.push(0xff);
    check(
        &bytes,
        expect![[r#"
        4097 bytes text 4096 "xxxxxxxxxxxx" truncated
    "#]],
    );
}

#[test]
fn input_summary_sorts_env_and_files() {
    let case = Case {
        name: "c".to_owned(),
        args: vec!["-w".to_owned()],
        stdin: b"in".to_vec(),
        env: [("TZ", "UTC"), ("LANG", "C")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into(),
        files: [("b", &b"\xff"[..]), ("a", b"text")]
            .map(|(k, v)| (k.to_owned(), v.to_vec()))
            .into(),
    };
    let summary = InputSummary::new(&case);
    let json = serde_json::to_string_pretty(&summary).unwrap();
    expect![[r#"
        {
          "args": [
            "-w"
          ],
          "stdin": {
            "bytes": 2,
            "text": "in",
            "truncated": false
          },
          "env": [
            [
              "LANG",
              "C"
            ],
            [
              "TZ",
              "UTC"
            ]
          ],
          "files": [
            [
              "a",
              {
                "bytes": 4,
                "text": "text",
                "truncated": false
              }
            ],
            [
              "b",
              {
                "bytes": 1,
                "base64": "/w==",
                "truncated": false
              }
            ]
          ]
        }"#]]
    .assert_eq(&json);
}
