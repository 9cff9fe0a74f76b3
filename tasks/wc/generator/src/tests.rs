//! Tests of the wc case generator: determinism, shape, sizes and the documented repertoire.

use super::*;
use wc_reference::{Class, Decoded, classify, decode};

fn check_base64(input: &[u8], expect: &str) {
    assert_eq!(base64(input), expect, "base64 of {input:?}");
}

#[test]
fn base64_matches_rfc4648() {
    check_base64(b"", "");
    check_base64(b"f", "Zg==");
    check_base64(b"fo", "Zm8=");
    check_base64(b"foo", "Zm9v");
    check_base64(b"foob", "Zm9vYg==");
    check_base64(b"fooba", "Zm9vYmE=");
    check_base64(b"foobar", "Zm9vYmFy");
    check_base64(b"\xFF\x00\x80", "/wCA");
}

#[test]
fn output_is_a_pure_function_of_the_seed() {
    assert_eq!(cases_json(7, 40), cases_json(7, 40));
    assert_ne!(cases_json(7, 40), cases_json(8, 40));
    for count in [0, 1, 5, 33] {
        assert_eq!(generate(99, count).len(), count);
    }
}

#[test]
fn cases_are_well_formed_and_small() {
    for seed in [0, 1, 2, 0xDEAD_BEEF, u64::MAX] {
        let cases = generate(seed, 300);
        let mut names = std::collections::BTreeSet::new();
        for case in &cases {
            assert!(case.name.starts_with("gen-"), "{}", case.name);
            assert!(names.insert(case.name.clone()), "duplicate {}", case.name);
            let size: usize = case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
            assert!(size <= 40 * 1024, "{} holds {size} bytes", case.name);
            for name in case.files.keys() {
                assert!(!name.starts_with('/') && !name.contains(".."), "{name}");
            }
            // Operands must never depend on where the files live.
            assert!(
                case.args.iter().all(|a| !a.starts_with('/')),
                "{:?}",
                case.args
            );
        }
        let json: Value = serde_json::from_str(&cases_json(seed, 300)).unwrap();
        assert_eq!(json.as_array().map(Vec::len), Some(300));
    }
}

fn check_kind_frequency(kind: &str, at_least: usize) {
    let cases = generate(2024, 400);
    let n = cases.iter().filter(|c| c.name.ends_with(kind)).count();
    assert!(n >= at_least, "{kind}: {n} cases");
}

#[test]
fn every_kind_of_case_appears() {
    check_kind_frequency("-stdin", 30);
    check_kind_frequency("-file", 30);
    check_kind_frequency("-files", 50);
    check_kind_frequency("-widths", 25);
    check_kind_frequency("-files0", 30);
    check_kind_frequency("-bad-option", 20);
    check_kind_frequency("-dashes", 15);
    check_kind_frequency("-big", 5);
}

fn check_feature(what: &str, found: impl Fn(&Case) -> bool) {
    let cases = generate(5, 400);
    assert!(cases.iter().any(found), "no generated case has {what}");
}

#[test]
fn features_of_the_subset_are_exercised() {
    let any_arg = |f: fn(&str) -> bool| move |c: &Case| c.args.iter().any(|a| f(a));
    let any_data =
        |f: fn(&[u8]) -> bool| move |c: &Case| f(&c.stdin) || c.files.values().any(|d| f(d));
    check_feature("-m", any_arg(|a| a == "-m"));
    check_feature("-L", any_arg(|a| a == "-L"));
    check_feature(
        "an abbreviated option",
        any_arg(|a| {
            let full = [
                "--lines",
                "--words",
                "--chars",
                "--bytes",
                "--max-line-length",
            ];
            full.iter()
                .any(|f| f.starts_with(a) && f.len() > a.len() && a.len() > 2)
        }),
    );
    check_feature("an empty operand", any_arg(str::is_empty));
    check_feature("a directory", any_arg(|a| a == "dir"));
    check_feature("--", any_arg(|a| a == "--"));
    check_feature("an unknown option", any_arg(|a| a.starts_with("--total")));
    check_feature("a missing file", any_arg(|a| a == "nofile"));
    check_feature(
        "invalid UTF-8",
        any_data(|d| std::str::from_utf8(d).is_err()),
    );
    check_feature("a tab", any_data(|d| d.contains(&b'\t')));
    check_feature("a vertical tab", any_data(|d| d.contains(&0x0B)));
    check_feature("a form feed", any_data(|d| d.contains(&0x0C)));
    check_feature("a carriage return", any_data(|d| d.contains(&b'\r')));
    check_feature(
        "an ideographic space",
        any_data(|d| d.windows(3).any(|w| w == "\u{3000}".as_bytes())),
    );
    check_feature(
        "a 5-byte sequence",
        any_data(|d| d.iter().any(|&b| (0xF8..=0xFB).contains(&b))),
    );
    check_feature(
        "no final newline",
        any_data(|d| !d.is_empty() && !d.ends_with(b"\n")),
    );
}

fn check_ranges(ranges: &[(u32, u32, u8)], separator: bool) {
    for &(first, last, width) in ranges {
        for c in first..=last {
            let expect = Class::Printable { width, separator };
            assert_eq!(classify(c), expect, "U+{c:04X}");
        }
    }
}

#[test]
fn repertoire_matches_glibc_classes() {
    check_ranges(WORD_RANGES, false);
    let zero: Vec<(u32, u32, u8)> = ZERO_WIDTH_RANGES.iter().map(|&(a, b)| (a, b, 0)).collect();
    check_ranges(&zero, false);
    check_ranges(SEPARATOR_RANGES, true);
    for &(first, last) in NON_PRINTABLE_RANGES {
        for c in first..=last {
            assert_eq!(classify(c), Class::NonPrintable, "U+{c:04X}");
        }
    }
}

/// True if `c` is a character the spec's table documents (or one handled before the table).
fn documented(c: u32) -> bool {
    let in_ranges = |ranges: &[(u32, u32)]| ranges.iter().any(|&(a, b)| (a..=b).contains(&c));
    !(0x80..=0x10_FFFF).contains(&c)
        || WORD_RANGES.iter().any(|&(a, b, _)| (a..=b).contains(&c))
        || SEPARATOR_RANGES
            .iter()
            .any(|&(a, b, _)| (a..=b).contains(&c))
        || in_ranges(ZERO_WIDTH_RANGES)
        || in_ranges(NON_PRINTABLE_RANGES)
}

#[test]
fn generated_text_stays_in_the_documented_repertoire() {
    for seed in [3, 4, 5] {
        for case in generate(seed, 300) {
            for data in std::iter::once(&case.stdin).chain(case.files.values()) {
                let mut i = 0;
                while i < data.len() {
                    match decode(&data[i..]) {
                        Decoded::Char(c, len) => {
                            assert!(documented(c), "{}: U+{c:04X}", case.name);
                            i += len;
                        }
                        Decoded::Invalid | Decoded::Incomplete => i += 1,
                    }
                }
            }
        }
    }
}
