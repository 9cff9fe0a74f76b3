//! Whole-program tests over in-memory files, with outputs recorded from GNU coreutils 9.1.

use digest_cli::hex;
use digest_cli::testing::{MemFiles, run_in_memory};

/// The tree most cases share: files with contents, directories as `None`.
fn tree() -> MemFiles {
    MemFiles::default()
        .file("a.txt", b"hello\n")
        .file("empty", b"")
        .file("a b", b"x")
        .file("back\\slash", b"y")
        .file("new\nline", b"z")
        .file("cr\rret", b"w")
        .dir("dir")
        .file(
            "sums",
                b"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  a.txt\n\
                  e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty\n\
                  junk\n",
        )
        .file(
            "mixed",
                b"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  gone\n\
                  5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  a.txt\n\
                  5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  empty\n\
                  zzz\n",
        )
        .file(
            "escaped",
                b"\\594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06  new\\nline\n\
                  SHA256 (back\\slash) = a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa\r\n\
                  \\50E721E49C013F00C62CF59F2163542A9D8DF02464EFEB615D31051B0FDDC326 *cr\\rret\n",
        )
}

const HELLO: &str = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
const EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const TRY: &str = "Try 'sha256sum --help' for more information.\n";

/// Runs `sha256sum ARGS` over [`tree`] with `stdin` and compares all three outputs.
fn check(args: &[&str], stdin: &str, expect_out: &str, expect_err: &str, expect_code: i32) {
    let ran = run_in_memory(
        &crate::SHA256SUM,
        "sha256sum",
        args,
        stdin.as_bytes(),
        &tree(),
    );
    let expect_out = expect_out.replace("HELLO", HELLO).replace("EMPTY", EMPTY);
    let expect_err = expect_err.replace("TRY", TRY);
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        expect_out,
        "stdout of {args:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        expect_err,
        "stderr of {args:?}"
    );
    assert_eq!(ran.status, expect_code, "exit status of {args:?}");
}

#[test]
fn hashing() {
    check(&[], "hello\n", "HELLO  -\n", "", 0);
    check(&["-"], "", "EMPTY  -\n", "", 0);
    check(&["-", "-"], "hello\n", "HELLO  -\nEMPTY  -\n", "", 0);
    check(
        &["a.txt", "empty"],
        "",
        "HELLO  a.txt\nEMPTY  empty\n",
        "",
        0,
    );
    check(&["a.txt", "-b"], "", "HELLO *a.txt\n", "", 0);
    check(&["-b", "-t", "a.txt"], "", "HELLO  a.txt\n", "", 0);
    check(
        &["--tag", "a.txt", "-"],
        "",
        "SHA256 (a.txt) = HELLO\nSHA256 (-) = EMPTY\n",
        "",
        0,
    );
    check(
        &["-t", "--tag", "a.txt"],
        "",
        "SHA256 (a.txt) = HELLO\n",
        "",
        0,
    );
    check(&["-z", "a.txt"], "", "HELLO  a.txt\0", "", 0);
    check(
        &["--zero", "--tag", "-b", "a.txt"],
        "",
        "SHA256 (a.txt) = HELLO\0",
        "",
        0,
    );
    check(&["--", "-"], "", "EMPTY  -\n", "", 0);
}

#[test]
fn escaping_names() {
    check(
        &["back\\slash", "new\nline", "cr\rret", "a b"],
        "",
        "\\a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa  back\\\\slash\n\
         \\594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06  new\\nline\n\
         \\50e721e49c013f00c62cf59f2163542a9d8df02464efeb615d31051b0fddc326  cr\\rret\n\
         2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  a b\n",
        "",
        0,
    );
    check(
        &["--tag", "back\\slash"],
        "",
        "\\SHA256 (back\\\\slash) = a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa\n",
        "",
        0,
    );
    check(
        &["-z", "new\nline"],
        "",
        "594e519ae499312b29433b7dd8a97ff068defcba9755b6d5d00e84c524d67b06  new\nline\0",
        "",
        0,
    );
}

#[test]
fn unreadable_operands() {
    check(
        &["missing", "a.txt", "dir", "mis sing", ""],
        "",
        "HELLO  a.txt\n",
        "sha256sum: missing: No such file or directory\n\
         sha256sum: dir: Is a directory\n\
         sha256sum: 'mis sing': No such file or directory\n\
         sha256sum: '': No such file or directory\n",
        1,
    );
    check(
        &["new\nline2"],
        "",
        "",
        "sha256sum: 'new'$'\\n''line2': No such file or directory\n",
        1,
    );
}

#[test]
fn bad_options() {
    check(&["-x"], "", "", "sha256sum: invalid option -- 'x'\nTRY", 1);
    check(
        &["a.txt", "--foo"],
        "",
        "",
        "sha256sum: unrecognized option '--foo'\nTRY",
        1,
    );
    check(
        &["--s"],
        "",
        "",
        "sha256sum: option '--s' is ambiguous; possibilities: '--status' '--strict'\nTRY",
        1,
    );
    check(
        &["--tag=1"],
        "",
        "",
        "sha256sum: option '--tag' doesn't allow an argument\nTRY",
        1,
    );
    let help = format!(
        "Usage: sha256sum [OPTION]... [FILE]...\n{}",
        crate::SHA256SUM.help
    );
    check(&["--help", "--foo"], "", &help, "", 0);
    check(&["--ver", "--foo"], "", crate::SHA256SUM.version, "", 0);
}

#[test]
fn option_conflicts() {
    let cases: &[(&[&str], &str)] = &[
        (&["--tag", "-t"], "--tag does not support --text mode"),
        (
            &["-c", "-z", "--tag"],
            "the --zero option is not supported when verifying checksums",
        ),
        (
            &["-c", "--tag"],
            "the --tag option is meaningless when verifying checksums",
        ),
        (
            &["-c", "-t"],
            "the --binary and --text options are meaningless when verifying checksums",
        ),
        (
            &["--status", "--ignore-missing"],
            "the --ignore-missing option is meaningful only when verifying checksums",
        ),
        (
            &["--status"],
            "the --status option is meaningful only when verifying checksums",
        ),
        (
            &["-w"],
            "the --warn option is meaningful only when verifying checksums",
        ),
        (
            &["--status", "--quiet"],
            "the --quiet option is meaningful only when verifying checksums",
        ),
        (
            &["--strict"],
            "the --strict option is meaningful only when verifying checksums",
        ),
    ];
    for (args, message) in cases {
        check(args, "", "", &format!("sha256sum: {message}\nTRY"), 1);
    }
}

#[test]
fn checking() {
    check(
        &["-c", "sums"],
        "",
        "a.txt: OK\nempty: OK\n",
        "sha256sum: WARNING: 1 line is improperly formatted\n",
        0,
    );
    check(
        &["-c", "-w", "sums"],
        "",
        "a.txt: OK\nempty: OK\n",
        "sha256sum: sums: 3: improperly formatted SHA256 checksum line\n\
         sha256sum: WARNING: 1 line is improperly formatted\n",
        0,
    );
    check(
        &["-c", "--strict", "sums"],
        "",
        "a.txt: OK\nempty: OK\n",
        "sha256sum: WARNING: 1 line is improperly formatted\n",
        1,
    );
    check(
        &["-c", "--quiet", "sums"],
        "",
        "",
        "sha256sum: WARNING: 1 line is improperly formatted\n",
        0,
    );
    check(&["-c", "--status", "sums"], "", "", "", 0);
    check(
        &["-c", "mixed"],
        "",
        "gone: FAILED open or read\na.txt: OK\nempty: FAILED\n",
        "sha256sum: gone: No such file or directory\n\
         sha256sum: WARNING: 1 line is improperly formatted\n\
         sha256sum: WARNING: 1 listed file could not be read\n\
         sha256sum: WARNING: 1 computed checksum did NOT match\n",
        1,
    );
    check(
        &["-c", "--status", "mixed"],
        "",
        "",
        "sha256sum: gone: No such file or directory\n",
        1,
    );
    check(
        &["--ignore-missing", "-c", "--quiet", "mixed"],
        "",
        "empty: FAILED\n",
        "sha256sum: WARNING: 1 line is improperly formatted\n\
         sha256sum: WARNING: 1 computed checksum did NOT match\n",
        1,
    );
    check(
        &["-c", "escaped"],
        "",
        "\\new\\nline: OK\nback\\slash: OK\ncr\rret: OK\n",
        "",
        0,
    );
}

#[test]
fn checking_edge_cases() {
    check(
        &["-c"],
        "",
        "",
        "sha256sum: 'standard input': no properly formatted checksum lines found\n",
        1,
    );
    check(
        &["-c", "--status"],
        "garbage\n",
        "",
        "sha256sum: 'standard input': no properly formatted checksum lines found\n",
        1,
    );
    check(&["-c", "dir"], "", "", "sha256sum: dir: read error\n", 1);
    check(
        &["-c", "nope"],
        "",
        "",
        "sha256sum: nope: No such file or directory\n",
        1,
    );
    check(
        &["-c", "--ignore-missing"],
        &format!("{HELLO}  gone\n{HELLO}  gone2\n"),
        "",
        "sha256sum: 'standard input': no file was verified\n",
        1,
    );
    check(
        &["-c", "-"],
        &format!("{HELLO}  dir\n{EMPTY}  -\n"),
        "dir: FAILED open or read\n",
        "sha256sum: dir: Is a directory\n\
         sha256sum: WARNING: 1 line is improperly formatted\n\
         sha256sum: WARNING: 1 listed file could not be read\n",
        1,
    );
    check(
        &["-c"],
        &format!("{HELLO} a.txt\n{HELLO}  a.txt\n#{HELLO}  a.txt\n\n"),
        "a.txt: OK\n a.txt: FAILED open or read\n",
        "sha256sum: ' a.txt': No such file or directory\n\
         sha256sum: WARNING: 1 listed file could not be read\n",
        1,
    );
    // Once stdin's list shows the one-space format, `sums` is read that way too.
    check(
        &["-c", "-", "sums"],
        &format!("{HELLO} a.txt\n"),
        "a.txt: OK\n a.txt: FAILED open or read\n empty: FAILED open or read\n",
        "sha256sum: ' a.txt': No such file or directory\n\
         sha256sum: ' empty': No such file or directory\n\
         sha256sum: WARNING: 1 line is improperly formatted\n\
         sha256sum: WARNING: 2 listed files could not be read\n",
        1,
    );
}

/// The FIPS 180-4 / NIST example vectors, for the reference and the `correct` example.
#[test]
fn nist_vectors() {
    let million_a = vec![b'a'; 1_000_000];
    let vectors: &[(&[u8], &str)] = &[
        (
            b"",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            b"abc",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),
        (
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        ),
        (
            &million_a,
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        ),
    ];
    for (data, expect) in vectors {
        // The reference's hash, fed in uneven pieces as files are read.
        let mut hasher = (crate::SHA256.new)(32);
        for piece in data.chunks(1000) {
            hasher.update(piece);
        }
        assert_eq!(hex(&hasher.finish()), expect.as_bytes());
        // The `correct` example's independent implementation, fed unevenly.
        let mut theirs = sha256sum_example_correct::sha256::Sha256::new();
        for piece in data.chunks(777) {
            theirs.update(piece);
        }
        assert_eq!(&hex(&theirs.finish()), expect.as_bytes(), "correct example");
    }
}
