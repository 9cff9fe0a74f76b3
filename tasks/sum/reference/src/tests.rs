//! Whole-program runs with outputs recorded from GNU sum 9.1, for the reference and the
//! correct example's sums.

use digest_cli::testing::{MemFiles, run_in_memory};

#[test]
fn bsd_and_sysv_like_gnu() {
    let files = MemFiles::default()
        .file("check", b"123456789")
        .file("a.txt", b"hello\n")
        .dir("dir");
    let cases: &[(&[&str], &str, &str, i32)] = &[
        (&["check"], "53615     1 check\n", "", 0),
        (
            &["-s", "check", "a.txt"],
            "477 1 check\n542 1 a.txt\n",
            "",
            0,
        ),
        (
            &["--sysv", "-r", "missing", "dir", "a.txt"],
            "36979     1 a.txt\n",
            "sum: missing: No such file or directory\nsum: dir: Is a directory\n",
            1,
        ),
        (
            &["-c"],
            "",
            "sum: invalid option -- 'c'\nTry 'sum --help' for more information.\n",
            1,
        ),
    ];
    for (args, out, err, status) in cases {
        let ran = run_in_memory(&crate::SUM, "sum", args, b"", &files);
        assert_eq!(String::from_utf8_lossy(&ran.stdout), *out, "{args:?}");
        assert_eq!(String::from_utf8_lossy(&ran.stderr), *err, "{args:?}");
        assert_eq!(ran.status, *status, "{args:?}");
    }
    assert_eq!(gnu_sums::sums::bsd(b"123456789"), 53615, "correct example");
    assert_eq!(gnu_sums::sums::sysv(b"123456789"), 477, "correct example");
}
