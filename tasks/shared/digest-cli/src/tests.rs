//! Check-line parsing with the state GNU keeps between lines, for each kind of program.
//!
//! The hash functions do not matter here, so the algorithms are stand-ins with GNU's
//! tags and lengths; whole-program behaviour is tested in each task's reference with
//! outputs recorded from GNU coreutils 9.1, and by the conformance test.

use crate::{Algorithm, BSD, CRC, Hasher, Io, Kind, Output, Program, SYSV, Settings, Tool};

/// A stand-in hasher: the right number of zero bytes.
struct Zeros(usize);

impl Hasher for Zeros {
    fn update(&mut self, _: &[u8]) {}

    fn finish(self: Box<Self>) -> Vec<u8> {
        vec![0; self.0]
    }
}

const fn algorithm(arg: &'static str, tag: &'static str, bits: u64) -> Algorithm {
    Algorithm {
        arg,
        tag,
        bits,
        output: Output::Digest,
        new: |bytes| Box::new(Zeros(bytes)),
    }
}

pub(crate) const MD5: Algorithm = algorithm("md5", "MD5", 128);
const SHA256: Algorithm = algorithm("sha256", "SHA256", 256);
const BLAKE2B: Algorithm = algorithm("blake2b", "BLAKE2b", 512);

const CKSUM: &[Algorithm] = &[
    BSD,
    SYSV,
    CRC,
    MD5,
    algorithm("sha1", "SHA1", 160),
    algorithm("sha224", "SHA224", 224),
    SHA256,
    algorithm("sha384", "SHA384", 384),
    algorithm("sha512", "SHA512", 512),
    BLAKE2B,
    algorithm("sm3", "SM3", 256),
];

/// Parses `lines` in order with the state of one program given the options `setup`
/// and `-c`, as one list would be. The lines spell digests as `{N}` (N hex digits) and
/// `%` (64); each outcome is `name/digest length`, or `-` for an improperly formatted
/// line.
fn parse_lines(kind: Kind, setup: &[&str], lines: &[&str]) -> Vec<String> {
    let tool = Tool {
        kind,
        help: "",
        version: "",
    };
    let (mut stdin, mut out, mut err) = (&b""[..], Vec::new(), Vec::new());
    let mut io = Io {
        stdin: &mut stdin,
        stdout: &mut out,
        stderr: &mut err,
        files: &crate::RealFiles,
    };
    let cksum = matches!(kind, Kind::Cksum(_));
    let mut program = Program {
        tool: &tool,
        name: b"prog".to_vec(),
        io: &mut io,
        settings: Settings {
            check: false,
            binary: if cksum { 1 } else { -1 },
            tag: cksum,
            delim: b'\n',
            ignore_missing: false,
            quiet: false,
            status: false,
            strict: false,
            warn: false,
            length: 0,
            length_arg: Vec::new(),
            algorithm: if cksum { 2 } else { 0 },
            algorithm_given: false,
        },
        hex_len: 0,
        bsd_reversed: None,
        buf: Vec::new(),
        out: Vec::new(),
        write_error: None,
    };
    let mut args: Vec<Vec<u8>> = setup.iter().map(|a| a.as_bytes().to_vec()).collect();
    args.push(b"-c".to_vec());
    assert!(program.parse(&args).is_ok(), "options {setup:?}");
    lines
        .iter()
        .map(|line| {
            let line = digits(&line.replace('%', "{64}"));
            match program.split_line(line.as_bytes()) {
                Some(entry) => format!(
                    "{}/{}",
                    String::from_utf8_lossy(&entry.name),
                    entry.digest.len()
                ),
                None => "-".to_string(),
            }
        })
        .collect()
}

/// Replaces `{N}` in `line` by N hex digits.
fn digits(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').expect("a closing brace") + open;
        out.push_str(&rest[..open]);
        let n: usize = rest[open + 1..close].parse().expect("a count");
        out.push_str(&"b".repeat(n));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// sha256sum: `expect` lists the names, `-` for an improperly formatted line; every
/// digest is 64 digits.
fn check(lines: &[&str], expect: &[&str]) {
    let expect: Vec<String> = expect
        .iter()
        .map(|e| {
            if *e == "-" {
                "-".into()
            } else {
                format!("{e}/64")
            }
        })
        .collect();
    assert_eq!(parse_lines(FIXED, &[], lines), expect, "lines {lines:?}");
}

/// Any program and options; `expect` as [`parse_lines`] gives it.
fn check_lengths(kind: Kind, setup: &[&str], lines: &[&str], expect: &[&str]) {
    assert_eq!(parse_lines(kind, setup, lines), expect, "lines {lines:?}");
}

const FIXED: Kind = Kind::Fixed(&SHA256);
const B2: Kind = Kind::Blake2(&BLAKE2B);
const CK: Kind = Kind::Cksum(CKSUM);

#[test]
fn gnu_format() {
    check(&["%  a.txt"], &["a.txt"]);
    check(&["% *a.txt"], &["a.txt"]);
    check(&["  %  a.txt", "\t% *b"], &["a.txt", "b"]);
    check(&["%  a b "], &["a b "]);
    check(&["%   a"], &[" a"]);
    check(&["%  a", "% a"], &["a", "-"]);
    check(&["%  x\0y"], &["x"]);
}

#[test]
fn reversed_format_sticks() {
    check(&["% a", "%  a"], &["a", " a"]);
    check(&["% *"], &["*"]);
    check(&["%  "], &[" "]);
    check(&["% x", "% *x"], &["x", "*x"]);
}

#[test]
fn bad_untagged_lines() {
    check(
        &["junk", "%", "% ", "%x  a", "ab  a"],
        &["-", "-", "-", "-", "-"],
    );
    check(&["%\ta"], &["a"]);
    check(&["%\t b", "%\ta"], &["b", "-"]);
    check(&["\\ %  a"], &["-"]);
    let short = format!("{}  a", "a".repeat(63));
    check(&[&short, "%a  a"], &["-", "-"]);
}

#[test]
fn bsd_format() {
    check(&["SHA256 (a.txt) = %"], &["a.txt"]);
    check(
        &["SHA256(a.txt)= %", "SHA256 (a.txt)=%", "SHA256 (a) b) = %"],
        &["a.txt", "a.txt", "a) b"],
    );
    check(
        &["SHA256 (a.txt)\t=\t%", "SHA256 ( a) = %", "SHA256 () = %"],
        &["a.txt", " a", ""],
    );
    check(
        &[
            "SHA256  (a) = %",
            "SHA256\t(a) = %",
            "sha256 (a) = %",
            "SHA2567 (a) = %",
        ],
        &["-", "-", "-", "-"],
    );
    check(
        &[
            "SHA256 (a) = % ",
            "SHA256 (a) =",
            "SHA256 a) = %",
            "SHA256 (a = %",
        ],
        &["-", "-", "-", "-"],
    );
    check(&["  SHA256 (a) = %", "% a", "%  b"], &["a", "a", " b"]);
}

#[test]
fn escaped_names() {
    check(
        &["\\%  a\\\\b", "\\%  a\\nb", "\\%  a\\rb"],
        &["a\\b", "a\nb", "a\rb"],
    );
    check(&["\\%  a\\x", "\\%  a\\", "%  a\\nb"], &["-", "-", "a\\nb"]);
    check(
        &[" \\%  a", "\\SHA256 (a\\\\b) = %", "\\SHA256 (a\\qb) = %"],
        &["a", "a\\b", "-"],
    );
}

#[test]
fn blake2_lengths() {
    check_lengths(
        B2,
        &[],
        &[
            "{128}  a",
            "{64}  b",
            "{2} c",
            "BLAKE2b (d) = {128}",
            "BLAKE2b-256 (e) = {64}",
            "BLAKE2b-8 (f) = {2}",
        ],
        &["a/128", "b/64", "-", "d/128", "e/64", "f/2"],
    );
    check_lengths(
        B2,
        &[],
        &["{2} c", "{4}  d", "ab ", "{130}  x", "{3}  x", "{0}  x"],
        &["c/2", " d/4", "/2", "-", "-", "-"],
    );
    check_lengths(
        B2,
        &[],
        &[
            "BLAKE2b-0x100 (a) = {64}",
            "BLAKE2b-0400(b)= {64}",
            "BLAKE2bX (c) = {128}",
            "BLAKE2b  (d) = {128}",
            "BLAKE2b(e) = {128}",
            "BLAKE2b-7 (f) = {2}",
            "BLAKE2b-520 (g) = {130}",
            "BLAKE2b-0 (h) = ",
            "BLAKE2b-256 (i) = {128}",
            "BLAKE2b- 8 (j) = {2}",
        ],
        &[
            "a/64", "b/64", "c/128", "d/128", "e/128", "-", "-", "-", "-", "j/2",
        ],
    );
    // `-l` sets the length of untagged lines no more than tagged ones: each line says.
    check_lengths(B2, &["-l", "256"], &["{128}  a"], &["a/128"]);
}

#[test]
fn cksum_tags_pick_the_algorithm() {
    check_lengths(
        CK,
        &[],
        &[
            "MD5 (a) = {32}",
            "SHA512 (b) = {128}",
            "SHA256-128 (c) = {32}",
            "BLAKE2b-8 (d) = {2}",
            "SM3 (e) = {64}",
            "SHA1(f)= {40}",
        ],
        &["a/32", "b/128", "c/32", "d/2", "e/64", "f/40"],
    );
    check_lengths(
        CK,
        &[],
        &[
            "{32}  untagged",
            "CRC (a) = 1234",
            "BSD (a) = 1",
            "SHA3 (x) = {64}",
            "BLAKE2bb (x) = {128}",
            "SHA256-264 (x) = {66}",
        ],
        &["-", "-", "-", "-", "-", "-"],
    );
    check_lengths(
        CK,
        &["-a", "sha256"],
        &[
            "{64}  a",
            "SHA256 (b) = {64}",
            "MD5 (c) = {32}",
            "SHA256-128 (d) = {32}",
            "{32}  e",
        ],
        &["a/64", "b/64", "-", "d/32", "e/32"],
    );
    check_lengths(
        CK,
        &["-a", "blake2b"],
        &["{16}  a", "BLAKE2b-64 (b) = {16}", "SHA256 (c) = {64}"],
        &["a/16", "b/16", "-"],
    );
}
