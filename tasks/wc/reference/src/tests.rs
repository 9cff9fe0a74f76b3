//! Native unit tests of the wc reference; expected values come from GNU coreutils 9.1 wc.

use super::*;

fn check_decode(input: &[u8], expect: Decoded) {
    assert_eq!(decode(input), expect, "decode {input:02x?}");
}

#[test]
fn decoding_follows_glibc() {
    check_decode(b"A", Decoded::Char(0x41, 1));
    check_decode(b"\0", Decoded::Char(0, 1));
    check_decode(b"\xC2\xA0", Decoded::Char(0xA0, 2));
    check_decode(b"\xC2", Decoded::Incomplete);
    check_decode(b"\xC1\xBF", Decoded::Invalid);
    check_decode(b"\xC0\x80", Decoded::Invalid);
    check_decode(b"\x80", Decoded::Invalid);
    check_decode(b"\xE2\x82\xAC", Decoded::Char(0x20AC, 3));
    check_decode(b"\xE2\x82", Decoded::Incomplete);
    check_decode(b"\xE2\x41", Decoded::Invalid);
    check_decode(b"\xE0\x80\x80", Decoded::Invalid);
    check_decode(b"\xED\xA0\x80", Decoded::Invalid);
    check_decode(b"\xED\x9F\xBF", Decoded::Char(0xD7FF, 3));
    check_decode(b"\xF0\x9F\x98\x80", Decoded::Char(0x1F600, 4));
    check_decode(b"\xF0\x41", Decoded::Invalid);
    check_decode(b"\xF0\x8F\xBF\xBF", Decoded::Invalid);
    check_decode(b"\xF4\x90\x80\x80", Decoded::Char(0x11_0000, 4));
    check_decode(b"\xF8\x88\x80\x80\x80", Decoded::Char(0x20_0000, 5));
    check_decode(b"\xF8\x87\xBF\xBF\xBF", Decoded::Invalid);
    check_decode(b"\xFD\xBF\xBF\xBF\xBF\xBF", Decoded::Char(0x7FFF_FFFF, 6));
    check_decode(b"\xFC\x83\xBF\xBF\xBF\xBF", Decoded::Invalid);
    check_decode(b"\xFE", Decoded::Invalid);
    check_decode(b"\xFF", Decoded::Invalid);
}

fn check_class(c: u32, expect: Option<(u8, bool)>) {
    let got = match classify(c) {
        Class::NonPrintable => None,
        Class::Printable { width, separator } => Some((width, separator)),
    };
    assert_eq!(got, expect, "class of U+{c:04X}");
}

#[test]
fn classes_follow_glibc() {
    check_class(0x41, Some((1, false)));
    check_class(0x7F, None);
    check_class(0x85, None);
    check_class(0xA0, Some((1, true)));
    check_class(0xE9, Some((1, false)));
    check_class(0x301, Some((0, false)));
    check_class(0x378, None);
    check_class(0x2003, Some((1, true)));
    check_class(0x200B, Some((0, false)));
    check_class(0x2028, None);
    check_class(0x202F, Some((1, true)));
    check_class(0x2060, Some((0, true)));
    check_class(0x3000, Some((2, true)));
    check_class(0x4E2D, Some((2, false)));
    check_class(0xE000, Some((1, false)));
    check_class(0xFEFF, Some((0, false)));
    check_class(0xFFFE, None);
    check_class(0x1F600, Some((2, false)));
    check_class(0x11_0000, None);
    check_class(0x7FFF_FFFF, None);
}

/// Expected counts as `[lines, words, chars, bytes, max line length]`.
fn check_counts(input: &[u8], expect: [u64; 5]) {
    let c = count_bytes(input);
    let got = [c.lines, c.words, c.chars, c.bytes, c.max_line_length];
    assert_eq!(
        got,
        expect,
        "counts of {:?}",
        String::from_utf8_lossy(input)
    );
    // Splitting the input at every point must not change anything.
    for cut in 0..=input.len() {
        let mut counter = Counter::new();
        counter.feed(&input[..cut]);
        counter.feed(&input[cut..]);
        assert_eq!(counter.finish(), c, "split at {cut} of {input:02x?}");
    }
}

#[test]
fn counting_matches_gnu() {
    check_counts(b"", [0, 0, 0, 0, 0]);
    check_counts(b"hello world\n", [1, 2, 12, 12, 11]);
    check_counts(b"no newline", [0, 2, 10, 10, 10]);
    check_counts(b"\n\n\n", [3, 0, 3, 3, 0]);
    check_counts(b"a\tb\n", [1, 2, 4, 4, 9]);
    check_counts(b"1234567\tx", [0, 2, 9, 9, 9]);
    check_counts(b"12345678\tx", [0, 2, 10, 10, 17]);
    check_counts(b"a\rbcd\n", [1, 2, 6, 6, 3]);
    check_counts(b"abc\x0cd", [0, 2, 5, 5, 3]);
    check_counts(b"a\x0bb", [0, 2, 3, 3, 2]);
    check_counts(b"a\x01b", [0, 1, 3, 3, 2]);
    check_counts(b"\x01\x02", [0, 0, 2, 2, 0]);
    check_counts(b"a\0b c", [0, 2, 5, 5, 4]);
    check_counts(b"x\xC2\xA0y", [0, 2, 3, 4, 3]);
    check_counts(b"x\xE2\x80\x83y", [0, 2, 3, 5, 3]);
    check_counts(b"x\xE2\x80\x8By", [0, 1, 3, 5, 2]);
    check_counts(b"x\xE2\x81\xA0y", [0, 2, 3, 5, 2]);
    check_counts(b"x\xE2\x80\xA8y", [0, 1, 3, 5, 2]);
    check_counts("中文 字\n".as_bytes(), [1, 2, 5, 11, 7]);
    check_counts("a\u{3000}b".as_bytes(), [0, 2, 3, 5, 4]);
    check_counts("e\u{301}\n".as_bytes(), [1, 1, 3, 4, 1]);
    check_counts("😀!".as_bytes(), [0, 1, 2, 5, 3]);
    check_counts(b"\xFFab\x80", [0, 1, 2, 4, 2]);
    check_counts(b"a\xF0b", [0, 1, 2, 3, 2]);
    check_counts(b"ab\xE2\x82", [0, 1, 2, 4, 2]);
    check_counts(b"\xE2\x82 y", [0, 1, 2, 4, 2]);
    check_counts(b"\xED\xA0\x80", [0, 0, 0, 3, 0]);
    check_counts(b"\xF4\x90\x80\x80", [0, 0, 1, 4, 0]);
    check_counts(b"\xF8\x88\x80\x80\x80", [0, 0, 1, 5, 0]);
}

#[test]
fn long_input_streams_across_chunks() {
    // A wide character straddles every 16 KiB chunk boundary of this input.
    let text = "字".repeat(20_000) + "\n";
    let c = count_bytes(text.as_bytes());
    assert_eq!(
        [c.lines, c.words, c.chars, c.bytes, c.max_line_length],
        [1, 1, 20_001, 60_001, 40_000]
    );
    let mut out = Vec::new();
    let mut err = Vec::new();
    let args = ["-lwmcL".to_owned()];
    let code = run(
        "wc",
        &args,
        &mut text.as_bytes(),
        FileStatus::Other,
        &mut out,
        &mut err,
    );
    assert_eq!(code, 0);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "      1       1   20001   60001   40000\n"
    );
}

fn check_width(statuses: &[FileStatus], expect: usize) {
    assert_eq!(number_width(statuses), expect, "width of {statuses:?}");
}

#[test]
fn widths_follow_compute_number_width() {
    use FileStatus::{Failed, Other, Regular};
    check_width(&[], 1);
    check_width(&[Regular(0)], 1);
    check_width(&[Regular(9)], 1);
    check_width(&[Regular(10)], 2);
    check_width(&[Regular(5), Regular(5)], 2);
    check_width(&[Regular(999_999), Regular(1)], 7);
    check_width(&[Regular(12_345_678)], 8);
    check_width(&[Other], 7);
    check_width(&[Regular(3), Other], 7);
    check_width(&[Failed, Regular(120)], 3);
    check_width(&[Failed], 1);
    check_width(&[Regular(123_456_789), Other], 9);
}

/// Runs with `args` and `stdin` (a pipe) and compares stdout, stderr and the exit code.
fn check(args: &[&str], stdin: &str, expect: (&str, &str, u8)) {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        "wc",
        &args,
        &mut stdin.as_bytes(),
        FileStatus::Other,
        &mut out,
        &mut err,
    );
    let got = (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
        code,
    );
    assert_eq!(
        (got.0.as_str(), got.1.as_str(), got.2),
        expect,
        "wc {args:?}"
    );
}

#[test]
fn standard_input_runs() {
    check(&[], "hi\n", ("      1       1       3\n", "", 0));
    check(&["-l"], "a\nb\n", ("2\n", "", 0));
    check(&["-c", "-"], "abc", ("3 -\n", "", 0));
    check(&["-wl"], "a b\n", ("      1       2\n", "", 0));
    check(
        &["-L", "-m", "-c", "-w", "-l"],
        "ab\n",
        ("      1       1       3       3       2\n", "", 0),
    );
    check(
        &["--lines", "--words"],
        "x y\n",
        ("      1       2\n", "", 0),
    );
    check(&["--li", "--by"], "x y\n", ("      1       4\n", "", 0));
    check(&["--max-line-length"], "abc\n", ("3\n", "", 0));
    check(&["--chars"], "é\n", ("2\n", "", 0));
    check(&["--debug", "-c"], "é\n", ("3\n", "", 0));
    check(
        &["-", "-"],
        "a\n",
        (
            "      1       1       2 -\n      0       0       0 -\n      1       1       2 total\n",
            "",
            0,
        ),
    );
}

const TRY: &str = "Try 'wc --help' for more information.\n";

#[test]
fn usage_errors() {
    let err = |m: &str| format!("wc: {m}\n{TRY}");
    check(&["-x"], "", ("", &err("invalid option -- 'x'"), 1));
    check(
        &["-lx", "nofile"],
        "",
        ("", &err("invalid option -- 'x'"), 1),
    );
    check(&["-l-"], "", ("", &err("invalid option -- '-'"), 1));
    check(&["--foo"], "", ("", &err("unrecognized option '--foo'"), 1));
    check(
        &["--total=always"],
        "",
        ("", &err("unrecognized option '--total=always'"), 1),
    );
    check(
        &["--lines=3"],
        "",
        ("", &err("option '--lines' doesn't allow an argument"), 1),
    );
    check(
        &["--by="],
        "",
        ("", &err("option '--bytes' doesn't allow an argument"), 1),
    );
    check(
        &["--files0-from"],
        "",
        ("", &err("option '--files0-from' requires an argument"), 1),
    );
    check(
        &["--=x"],
        "",
        (
            "",
            &err(
                "option '--=x' is ambiguous; possibilities: '--bytes' '--chars' '--lines' '--words' '--debug' '--files0-from' '--max-line-length' '--help' '--version'",
            ),
            1,
        ),
    );
    check(
        &["--files0-from=-", "a"],
        "",
        (
            "",
            &format!(
                "wc: extra operand 'a'\nfile operands cannot be combined with --files0-from\n{TRY}"
            ),
            1,
        ),
    );
    check(&[""], "", ("", "wc: invalid zero-length file name\n", 1));
    check(
        &["--files0-from=-"],
        "\0",
        ("", "wc: -:1: invalid zero-length file name\n", 1),
    );
    check(
        &["--files0-from=-"],
        "-",
        (
            "",
            "wc: when reading file names from stdin, no file name of '-' allowed\n",
            1,
        ),
    );
    check(&["--files0-from=-"], "", ("", "", 0));
}

/// A scratch directory for tests that need real files; names in output are made relative.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(tag: &str, files: &[(&str, &[u8])]) -> Self {
        let dir = std::env::temp_dir().join(format!("wc-reference-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("dir")).unwrap();
        for (name, data) in files {
            std::fs::write(dir.join(name), data).unwrap();
        }
        Scratch(dir)
    }

    /// Runs with every `@name` argument turned into a path inside the scratch directory.
    fn check(&self, args: &[&str], stdin: &str, expect: (&str, &str, u8)) {
        let prefix = format!("{}/", self.0.display());
        let args: Vec<String> = args
            .iter()
            .map(|a| match a.strip_prefix('@') {
                Some(name) => format!("{prefix}{name}"),
                None => (*a).to_owned(),
            })
            .collect();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = run(
            "wc",
            &args,
            &mut stdin.as_bytes(),
            FileStatus::Other,
            &mut out,
            &mut err,
        );
        let out = String::from_utf8(out).unwrap().replace(&prefix, "");
        let err = String::from_utf8(err).unwrap().replace(&prefix, "");
        assert_eq!((out.as_str(), err.as_str(), code), expect, "wc {args:?}");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn files_directories_and_totals() {
    let s = Scratch::new(
        "files",
        &[("a", b"hello world\n"), ("b", b"x"), ("list", b"a\0b\0")],
    );
    s.check(&["@a"], "", (" 1  2 12 a\n", "", 0));
    s.check(&["-l", "@a"], "", ("1 a\n", "", 0));
    s.check(
        &["@a", "@b"],
        "",
        (" 1  2 12 a\n 0  1  1 b\n 1  3 13 total\n", "", 0),
    );
    s.check(
        &["@a", "-"],
        "hi\n",
        (
            "      1       2      12 a\n      1       1       3 -\n      2       3      15 total\n",
            "",
            0,
        ),
    );
    s.check(
        &["@nofile", "@a"],
        "",
        (
            " 1  2 12 a\n 1  2 12 total\n",
            "wc: nofile: No such file or directory\n",
            1,
        ),
    );
    s.check(
        &["@dir"],
        "",
        (
            "      0       0       0 dir\n",
            "wc: dir: Is a directory\n",
            1,
        ),
    );
    s.check(
        &["-c", "@dir"],
        "",
        ("0 dir\n", "wc: dir: Is a directory\n", 1),
    );
    s.check(
        &["", "@a"],
        "",
        (
            " 1  2 12 a\n 1  2 12 total\n",
            "wc: invalid zero-length file name\n",
            1,
        ),
    );
    s.check(
        &["--", "-l"],
        "",
        ("", "wc: -l: No such file or directory\n", 1),
    );
    s.check(
        &["@nofile"],
        "",
        ("", "wc: nofile: No such file or directory\n", 1),
    );
}
