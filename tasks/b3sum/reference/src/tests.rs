//! The official BLAKE3 test vectors through the whole program (and the correct
//! example's own BLAKE3), and clap's messages as Debian's b3sum 1.2.0 printed them.

use digest_cli::testing::{MemFiles, Ran, run_in_memory_with};

/// `b3sum ARGS` over `files` with `stdin`.
fn b3sum(args: &[&str], stdin: &[u8], files: &MemFiles) -> Ran {
    run_in_memory_with(crate::run, "b3sum", args, stdin, files)
}

/// The input of BLAKE3's vectors: `len` bytes counting 0..=250 over and over.
fn input(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

/// BLAKE3's `test_vectors.json`: hash, keyed_hash and derive_key, each as a 131-byte
/// extended output (so the default 32 bytes are its first 64 digits).
#[test]
fn official_test_vectors() {
    let json: serde_json::Value = serde_json::from_str(include_str!(
        "../../../shared/testdata/blake3-test_vectors.json"
    ))
    .expect("the vectors are JSON");
    let key = json["key"].as_str().expect("a key");
    let context = json["context_string"].as_str().expect("a context");
    let cases = json["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 35);
    for case in cases {
        let len = case["input_len"].as_u64().expect("a length") as usize;
        let data = input(len);
        let files = MemFiles::default().file("in", &data);
        for (mode, args, stdin) in [
            ("hash", vec!["-l", "131", "--no-names", "in"], Vec::new()),
            (
                "keyed_hash",
                vec!["--keyed", "in", "--length=131", "--no-names"],
                key.as_bytes().to_vec(),
            ),
            (
                "derive_key",
                vec!["--derive-key", context, "-l131", "--no-names", "in"],
                Vec::new(),
            ),
        ] {
            let expect = case[mode].as_str().expect("hex");
            let ran = b3sum(&args, &stdin, &files);
            assert_eq!(
                String::from_utf8_lossy(&ran.stdout),
                format!("{expect}\n"),
                "{mode}, {len} bytes"
            );
            let theirs = match mode {
                "hash" => b3sum_example_correct::blake3::hash(&data, 131),
                "keyed_hash" => b3sum_example_correct::blake3::keyed(
                    key.as_bytes().try_into().expect("32 bytes"),
                    &data,
                    131,
                ),
                _ => b3sum_example_correct::blake3::derive_key(context, &data, 131),
            };
            assert_eq!(
                digest_cli::testing::hex_string(&theirs),
                expect,
                "correct example, {mode}, {len} bytes"
            );
        }
    }
}

/// Runs `b3sum ARGS` over a small tree; compares stderr, stdout and the status.
fn check(args: &[&str], stdin: &str, expect_out: &str, expect_err: &str, expect_status: i32) {
    let files = MemFiles::default().file("a.txt", b"hello\n").dir("dir");
    let ran = b3sum(args, stdin.as_bytes(), &files);
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        expect_err,
        "stderr of {args:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        expect_out,
        "stdout of {args:?}"
    );
    assert_eq!(ran.status, expect_status, "status of {args:?}");
}

const MORE: &str = "\n\nFor more information try --help\n";

/// Recorded from Debian's b3sum 1.2.0.
#[test]
fn clap_messages() {
    check(
        &["--quite"],
        "",
        "",
        &format!(
            "error: Found argument '--quite' which wasn't expected, or isn't valid in this context\n\
             \tDid you mean \x1b[32m--\x1b[0m\x1b[32mquiet\x1b[0m?\n\nUSAGE:\n    b3sum --check --quiet{MORE}"
        ),
        1,
    );
    check(
        &["-x"],
        "",
        "",
        &format!(
            "error: Found argument '-x' which wasn't expected, or isn't valid in this context\n\n\
             USAGE:\n    b3sum [FLAGS] [OPTIONS] [FILE]...{MORE}"
        ),
        1,
    );
    check(
        &["-cx"],
        "",
        "",
        &format!(
            "error: Found argument '-x' which wasn't expected, or isn't valid in this context\n\n\
             USAGE:\n    b3sum --check{MORE}"
        ),
        1,
    );
    check(
        &["-l", "--raw", "a.txt"],
        "",
        "",
        &format!(
            "error: The argument '--length <LEN>' requires a value but none was supplied\n\n\
             USAGE:\n    b3sum --length <LEN> --raw{MORE}"
        ),
        1,
    );
    check(
        &["--keyed", "--derive-key", "x", "a.txt"],
        "",
        "",
        &format!(
            "error: The argument '--keyed' cannot be used with '--derive-key <CONTEXT>'\n\n\
             USAGE:\n    b3sum <FILE>... --derive-key <CONTEXT> --keyed{MORE}"
        ),
        1,
    );
    check(
        &["--keyed"],
        "",
        "",
        &format!(
            "error: The following required arguments were not provided:\n    <FILE>...\n\n\
             USAGE:\n    b3sum <FILE>... --keyed{MORE}"
        ),
        1,
    );
    check(
        &["--check", "--quiet", "--quiet"],
        "",
        "",
        &format!(
            "error: The argument '--quiet' was provided more than once, but cannot be used multiple times\n\n\
             USAGE:\n    b3sum --check --quiet{MORE}"
        ),
        1,
    );
}

#[test]
fn runtime_errors() {
    check(
        &["-l", "abc", "a.txt", "missing", "dir"],
        "",
        "",
        "b3sum: a.txt: Failed to parse length.\n\
         b3sum: missing: No such file or directory (os error 2)\n\
         b3sum: dir: Is a directory (os error 21)\n",
        1,
    );
    check(
        &["--num-threads", "x", "a.txt"],
        "",
        "",
        "Error: Failed to parse num threads.\n\nCaused by:\n    invalid digit found in string\n",
        1,
    );
    check(
        &["--keyed", "a.txt"],
        "short",
        "",
        "Error: expected 32 key bytes from stdin, found 5\n",
        1,
    );
    check(
        &["-c", "missing", "a.txt"],
        "",
        "",
        "Error: No such file or directory (os error 2)\n",
        1,
    );
    check(
        &["-l", "8", "a.txt", "-l=8"],
        "",
        "",
        &format!(
            "error: The argument '--length <LEN>' was provided more than once, but cannot be used multiple times\n\n\
             USAGE:\n    b3sum --length <LEN>{MORE}"
        ),
        1,
    );
    check(&["-l=8", "a.txt"], "", "8e4c7c1b99dbfd50  a.txt\n", "", 0);
}
