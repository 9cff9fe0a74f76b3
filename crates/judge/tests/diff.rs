//! Snapshots of stream and tree diffs, and their bounds on huge inputs.
//!
//! Refresh the snapshots with `UPDATE_EXPECT=1 cargo test -p replica-judge --test diff`.
//! In them, `-` lines are expected only, `+` lines actual only, `⟨…⟩` marks changed
//! characters, and text is escaped as Rust would (`\n`, `\t`, `\r`).

use std::fmt::Write as _;

use expect_test::{Expect, expect};
use replica_judge::sandbox::{Node, Tree};
use replica_judge::{LineTag, StreamDiff, diff_streams, diff_trees};

/// Renders a diff for snapshots.
fn render(diff: Option<&StreamDiff>) -> String {
    let mut out = String::new();
    match diff {
        None => out.push_str("equal\n"),
        Some(StreamDiff::Text { lines, truncated }) => {
            let mut next = (1, 1);
            for line in lines {
                // Lines between hunks are left out; a gap in the numbers shows where.
                let (old, new) = (line.old.unwrap_or(next.0), line.new.unwrap_or(next.1));
                if (old, new) != next && line.tag == LineTag::Equal {
                    out.push_str("   ...\n");
                }
                next = match line.tag {
                    LineTag::Equal => (old + 1, new + 1),
                    LineTag::Delete => (old + 1, next.1),
                    LineTag::Insert => (next.0, new + 1),
                };
                let sign = match line.tag {
                    LineTag::Equal => ' ',
                    LineTag::Delete => '-',
                    LineTag::Insert => '+',
                };
                let number = |n: Option<u32>| n.map_or(String::new(), |n| n.to_string());
                write!(
                    out,
                    "{sign}{:>8}{:>8} |",
                    number(line.old),
                    number(line.new)
                )
                .unwrap();
                if line.skipped_before > 0 {
                    write!(out, "[{} bytes]", line.skipped_before).unwrap();
                }
                for segment in &line.segments {
                    let text = segment.text.escape_debug();
                    if segment.emph {
                        write!(out, "⟨{text}⟩").unwrap();
                    } else {
                        write!(out, "{text}").unwrap();
                    }
                }
                if line.skipped_after > 0 {
                    write!(out, "[{} bytes]", line.skipped_after).unwrap();
                }
                out.push('\n');
            }
            if *truncated {
                out.push_str("(truncated)\n");
            }
        }
        Some(StreamDiff::Hex { rows, truncated }) => {
            for row in rows {
                writeln!(out, "{:06x} - {}", row.offset, row.expected).unwrap();
                writeln!(out, "       + {}", row.actual).unwrap();
            }
            if *truncated {
                out.push_str("(truncated)\n");
            }
        }
    }
    out
}

fn check(expected: &[u8], actual: &[u8], expect: Expect) {
    expect.assert_eq(&render(diff_streams(expected, actual).as_ref()));
}

#[test]
fn equal_streams_have_no_diff() {
    check(
        b"same\n",
        b"same\n",
        expect![[r#"
        equal
    "#]],
    );
}

#[test]
fn empty_streams_have_no_diff() {
    check(
        b"",
        b"",
        expect![[r#"
        equal
    "#]],
    );
}

#[test]
fn one_changed_line_shows_its_context() {
    check(
        b"1\n2\n3\n4\n5\n6\n7\n8\n9\n",
        b"1\n2\n3\n4\n5!\n6\n7\n8\n9\n",
        expect![[r#"
           ...
                2       2 |2\n
                3       3 |3\n
                4       4 |4\n
        -       5         |5\n
        +               5 |5⟨!⟩\n
                6       6 |6\n
                7       7 |7\n
                8       8 |8\n
    "#]],
    );
}

#[test]
fn changed_characters_are_marked() {
    check(
        b"hello world\n",
        b"hallo wurld\n",
        expect![[r#"
        -       1         |h⟨e⟩llo w⟨o⟩rld\n
        +               1 |h⟨a⟩llo w⟨u⟩rld\n
    "#]],
    );
}

#[test]
fn changed_number_marks_the_digit() {
    check(
        b"total 1234\n",
        b"total 1284\n",
        expect![[r#"
        -       1         |total 12⟨3⟩4\n
        +               1 |total 12⟨8⟩4\n
    "#]],
    );
}

#[test]
fn unrelated_lines_are_marked_whole() {
    check(
        b"the quick brown fox\n",
        b"lorem ipsum dolor\n",
        expect![[r#"
        -       1         |⟨the quick brown fox⟩\n
        +               1 |⟨lorem ipsum dolor⟩\n
    "#]],
    );
}

#[test]
fn trailing_spaces_are_marked() {
    check(
        b"a\nb\n",
        b"a  \nb\n",
        expect![[r#"
        -       1         |a\n
        +               1 |a⟨  ⟩\n
                2       2 |b\n
    "#]],
    );
}

#[test]
fn tab_against_spaces() {
    check(
        b"key\tvalue\n",
        b"key    value\n",
        expect![[r#"
        -       1         |key⟨\t⟩value\n
        +               1 |key⟨    ⟩value\n
    "#]],
    );
}

#[test]
fn carriage_returns_are_marked() {
    check(
        b"one\ntwo\n",
        b"one\r\ntwo\r\n",
        expect![[r#"
        -       1         |one\n
        -       2         |two\n
        +               1 |one⟨\r⟩\n
        +               2 |two⟨\r⟩\n
    "#]],
    );
}

#[test]
fn missing_final_newline() {
    check(
        b"a\nb\n",
        b"a\nb",
        expect![[r#"
                1       1 |a\n
        -       2         |b⟨\n⟩
        +               2 |b
    "#]],
    );
}

#[test]
fn extra_final_newline() {
    check(
        b"a\nb",
        b"a\nb\n",
        expect![[r#"
                1       1 |a\n
        -       2         |b
        +               2 |b⟨\n⟩
    "#]],
    );
}

#[test]
fn extra_line_at_the_end() {
    check(
        b"a\nb\n",
        b"a\nb\nc\n",
        expect![[r#"
                1       1 |a\n
                2       2 |b\n
        +               3 |c\n
    "#]],
    );
}

#[test]
fn missing_line_at_the_start() {
    check(
        b"a\nb\nc\n",
        b"b\nc\n",
        expect![[r#"
        -       1         |a\n
                2       1 |b\n
                3       2 |c\n
    "#]],
    );
}

#[test]
fn nothing_printed() {
    check(
        b"a\nb\n",
        b"",
        expect![[r#"
        -       1         |a\n
        -       2         |b\n
    "#]],
    );
}

#[test]
fn nothing_expected() {
    check(
        b"",
        b"oops\n",
        expect![[r#"
        +               1 |oops\n
    "#]],
    );
}

#[test]
fn line_split_in_two_marks_the_newline() {
    check(
        b"a b\n",
        b"a\nb\n",
        expect![[r#"
        -       1         |a⟨ ⟩b\n
        +               1 |a⟨\n⟩
        +               2 |b\n
    "#]],
    );
}

#[test]
fn distant_changes_make_separate_hunks() {
    let expected: String = (1..=20).map(|i| format!("{i}\n")).collect();
    let actual = expected
        .replace("\n3\n", "\nthree\n")
        .replace("\n17\n", "\nseventeen\n");
    check(
        expected.as_bytes(),
        actual.as_bytes(),
        expect![[r#"
                1       1 |1\n
                2       2 |2\n
        -       3         |⟨3⟩\n
        +               3 |⟨three⟩\n
                4       4 |4\n
                5       5 |5\n
                6       6 |6\n
           ...
               14      14 |14\n
               15      15 |15\n
               16      16 |16\n
        -      17         |⟨17⟩\n
        +              17 |⟨seventeen⟩\n
               18      18 |18\n
               19      19 |19\n
               20      20 |20\n
    "#]],
    );
}

#[test]
fn multibyte_characters_are_kept_whole() {
    check(
        "prix: 5 €\n".as_bytes(),
        "prix: 5 £\n".as_bytes(),
        expect![[r#"
        -       1         |prix: 5 ⟨€⟩\n
        +               1 |prix: 5 ⟨£⟩\n
    "#]],
    );
}

#[test]
fn invalid_utf8_gives_hex_rows() {
    check(
        b"abc\xff\n",
        b"abd\xff\n",
        expect![[r#"
        000000 - 616263ff0a
               + 616264ff0a
    "#]],
    );
}

#[test]
fn hex_rows_show_one_row_of_context() {
    let expected: Vec<u8> = (0..=255).collect();
    let mut actual = expected.clone();
    actual[100] = 0;
    check(
        &expected,
        &actual,
        expect![[r#"
        000050 - 505152535455565758595a5b5c5d5e5f
               + 505152535455565758595a5b5c5d5e5f
        000060 - 606162636465666768696a6b6c6d6e6f
               + 606162630065666768696a6b6c6d6e6f
        000070 - 707172737475767778797a7b7c7d7e7f
               + 707172737475767778797a7b7c7d7e7f
    "#]],
    );
}

#[test]
fn hex_rows_past_the_shorter_stream_are_empty() {
    check(
        b"\x00\x01",
        b"\x00\x01\x02\x80",
        expect![[r#"
        000000 - 0001
               + 00010280
    "#]],
    );
}

#[test]
fn text_against_binary_gives_hex() {
    check(
        b"ok\n",
        b"\xfe\xff",
        expect![[r#"
        000000 - 6f6b0a
               + feff
    "#]],
    );
}

/// Lines `1..=count`, one number each.
fn numbers(count: usize) -> String {
    (1..=count).map(|i| format!("{i}\n")).collect()
}

/// Diffs `expected` against `actual`. Tests never assert on time (that flakes on shared
/// machines); a quadratic diff on these sizes would not finish at all, which the test
/// runner's own timeout would show. Speed lives in `cargo xtask bench`.
fn big_diff(expected: &[u8], actual: &[u8]) -> StreamDiff {
    diff_streams(expected, actual).expect("the streams differ")
}

/// Lines and bytes of text a text diff shows.
fn text_size(diff: &StreamDiff) -> (usize, usize, bool) {
    let StreamDiff::Text { lines, truncated } = diff else {
        panic!("not a text diff")
    };
    let bytes = lines
        .iter()
        .flat_map(|line| &line.segments)
        .map(|segment| segment.text.len())
        .sum();
    (lines.len(), bytes, *truncated)
}

#[test]
fn huge_outputs_that_differ_everywhere_are_cut_quickly() {
    // About 16 MiB each, every line different.
    let expected: String = (0..1_500_000).map(|i| format!("e{i:09}\n")).collect();
    let actual: String = (0..1_500_000).map(|i| format!("a{i:09}\n")).collect();
    let diff = big_diff(expected.as_bytes(), actual.as_bytes());
    let (lines, bytes, truncated) = text_size(&diff);
    assert!(truncated);
    assert!(
        lines <= 200 && bytes <= 64 << 10,
        "{lines} lines, {bytes} bytes"
    );
}

#[test]
fn huge_outputs_with_one_change_give_a_complete_diff() {
    let expected = numbers(2_000_000);
    let actual = expected.replace("\n1000000\n", "\n1000000 \n");
    check(
        expected.as_bytes(),
        actual.as_bytes(),
        expect![[r#"
           ...
           999997  999997 |999997\n
           999998  999998 |999998\n
           999999  999999 |999999\n
        - 1000000         |1000000\n
        +         1000000 |1000000⟨ ⟩\n
          1000001 1000001 |1000001\n
          1000002 1000002 |1000002\n
          1000003 1000003 |1000003\n
    "#]],
    );
}

#[test]
fn huge_output_against_nothing_is_cut() {
    let expected = numbers(2_000_000);
    let diff = big_diff(expected.as_bytes(), b"");
    let (lines, _, truncated) = text_size(&diff);
    assert!(truncated);
    assert_eq!(lines, 200);
}

#[test]
fn an_inserted_line_in_a_huge_region_is_not_followed_by_made_up_changes() {
    // The differing region is longer than what the line diff is handed; the diff must not
    // report the end of the shortened region as deleted.
    let body = numbers(10_000);
    let expected = format!("start\n{body}");
    let actual = format!("start\nnew\n{body}x\n");
    check(
        expected.as_bytes(),
        actual.as_bytes(),
        expect![[r#"
                1       1 |start\n
        +               2 |new\n
                2       3 |1\n
                3       4 |2\n
                4       5 |3\n
        (truncated)
    "#]],
    );
}

#[test]
fn many_scattered_changes_stop_at_200_lines() {
    let expected = numbers(10_000);
    let actual: String = (1..=10_000)
        .map(|i| {
            if i % 10 == 0 {
                format!("{i}!\n")
            } else {
                format!("{i}\n")
            }
        })
        .collect();
    let diff = big_diff(expected.as_bytes(), actual.as_bytes());
    let (lines, _, truncated) = text_size(&diff);
    assert!(truncated);
    assert_eq!(lines, 200);
}

/// The shape of a text diff with long lines: each line's skipped bytes and the lengths
/// of its segments, `⟨n⟩` for changed ones.
fn shape(diff: Option<&StreamDiff>) -> String {
    let Some(StreamDiff::Text { lines, truncated }) = diff else {
        panic!("not a text diff: {diff:?}")
    };
    let mut out = String::new();
    for line in lines {
        write!(out, "{:?} skip {} |", line.tag, line.skipped_before).unwrap();
        for segment in &line.segments {
            if segment.emph {
                write!(out, " ⟨{}⟩", segment.text.len()).unwrap();
            } else {
                write!(out, " {}", segment.text.len()).unwrap();
            }
        }
        writeln!(out, " | skip {}", line.skipped_after).unwrap();
    }
    writeln!(out, "truncated: {truncated}").unwrap();
    out
}

fn check_shape(expected: &str, actual: &str, expect: Expect) {
    let diff = big_diff(expected.as_bytes(), actual.as_bytes());
    expect.assert_eq(&shape(Some(&diff)));
}

#[test]
fn a_long_line_is_shown_around_its_change() {
    let expected = "x".repeat(100_000) + "\n";
    let mut actual = expected.clone();
    actual.replace_range(60_000..60_001, "y");
    check_shape(
        &expected,
        &actual,
        expect![[r#"
        Delete skip 59744 | 256 ⟨1⟩ 3839 | skip 36161
        Insert skip 59744 | 256 ⟨1⟩ 3839 | skip 36161
        truncated: true
    "#]],
    );
}

#[test]
fn a_long_line_changed_near_its_start_is_shown_from_its_start() {
    let expected = "x".repeat(100_000) + "\n";
    let actual = "xy".to_owned() + &expected[2..];
    check_shape(
        &expected,
        &actual,
        expect![[r#"
        Delete skip 0 | 1 ⟨1⟩ 4094 | skip 95905
        Insert skip 0 | 1 ⟨1⟩ 4094 | skip 95905
        truncated: true
    "#]],
    );
}

#[test]
fn a_long_equal_line_is_cut_at_its_end() {
    let long = "z".repeat(10_000);
    check_shape(
        &format!("{long}\na\n"),
        &format!("{long}\nb\n"),
        expect![[r#"
        Equal skip 0 | 4096 | skip 5905
        Delete skip 0 | ⟨1⟩ 1 | skip 0
        Insert skip 0 | ⟨1⟩ 1 | skip 0
        truncated: true
    "#]],
    );
}

#[test]
fn long_lines_stop_at_64_kib_of_text() {
    let expected: String = (0..40)
        .map(|i| format!("{i}{}\n", "x".repeat(5_000)))
        .collect();
    let actual: String = (0..40)
        .map(|i| format!("{i}{}\n", "y".repeat(5_000)))
        .collect();
    let diff = big_diff(expected.as_bytes(), actual.as_bytes());
    let (lines, bytes, truncated) = text_size(&diff);
    assert!(truncated);
    assert_eq!((lines, bytes), (16, 16 * 4096));
    // Deleted and inserted lines take turns, so the cut keeps pairs to compare.
    let StreamDiff::Text { lines, .. } = &diff else {
        unreachable!()
    };
    let deleted = lines.iter().filter(|l| l.tag == LineTag::Delete).count();
    assert_eq!(deleted, 8);
}

#[test]
fn huge_binary_outputs_are_cut_quickly() {
    let expected: Vec<u8> = (0..16 << 20).map(|i: u32| (i % 251) as u8).collect();
    let mut actual = expected.clone();
    actual.insert(0, 0xff);
    let diff = big_diff(&expected, &actual);
    let StreamDiff::Hex { rows, truncated } = diff else {
        panic!("not a hex diff")
    };
    assert!(truncated);
    assert_eq!(rows.len(), 200);
}

#[test]
fn huge_binary_outputs_with_one_change_show_three_rows() {
    let expected: Vec<u8> = (0..16 << 20).map(|i: u32| (i % 251) as u8).collect();
    let mut actual = expected.clone();
    actual[10 << 20] ^= 0x80;
    let diff = big_diff(&expected, &actual);
    check(
        &expected,
        &actual,
        expect![[r#"
        9ffff0 - dbdcdddedfe0e1e2e3e4e5e6e7e8e9ea
               + dbdcdddedfe0e1e2e3e4e5e6e7e8e9ea
        a00000 - ebecedeeeff0f1f2f3f4f5f6f7f8f9fa
               + 6becedeeeff0f1f2f3f4f5f6f7f8f9fa
        a00010 - 000102030405060708090a0b0c0d0e0f
               + 000102030405060708090a0b0c0d0e0f
    "#]],
    );
    assert!(matches!(
        diff,
        StreamDiff::Hex {
            truncated: false,
            ..
        }
    ));
}

/// Builds a tree from `(path, node)` pairs: `"dir/"` is a directory, `"link -> target"` a
/// symlink, anything else a file with the given contents.
fn tree(entries: &[(&str, &str)]) -> Tree {
    let mut tree = Tree::new();
    for (path, contents) in entries {
        let (path, node) = if let Some(dir) = path.strip_suffix('/') {
            (dir, Node::Dir)
        } else if let Some((link, target)) = path.split_once(" -> ") {
            (link, Node::Symlink(target.to_owned()))
        } else {
            (*path, Node::File(contents.as_bytes().to_vec()))
        };
        tree.entries.insert(path.to_owned(), node);
    }
    tree
}

fn check_trees(expected: &[(&str, &str)], actual: &[(&str, &str)], expect: Expect) {
    let mut out = String::new();
    for file in diff_trees(&tree(expected), &tree(actual)) {
        writeln!(out, "{:?} {}", file.change, file.path).unwrap();
        if let Some(diff) = &file.diff {
            for line in render(Some(diff)).lines() {
                writeln!(out, "    {line}").unwrap();
            }
        }
    }
    if out.is_empty() {
        out.push_str("equal\n");
    }
    expect.assert_eq(&out);
}

#[test]
fn equal_trees() {
    check_trees(
        &[("a", "1"), ("d/", "")],
        &[("a", "1"), ("d/", "")],
        expect![[r#"
        equal
    "#]],
    );
}

#[test]
fn implied_and_listed_directories_are_the_same() {
    check_trees(
        &[("d/a", "1")],
        &[("d/", ""), ("d/a", "1")],
        expect![[r#"
        equal
    "#]],
    );
}

#[test]
fn missing_extra_and_changed_files() {
    check_trees(
        &[("a", "1\n"), ("b", "x\n")],
        &[("b", "y\n"), ("c", "new\n")],
        expect![[r#"
            Missing a
            Changed b
                -       1         |⟨x⟩\n
                +               1 |⟨y⟩\n
            Extra c
        "#]],
    );
}

#[test]
fn an_extra_empty_directory_counts() {
    check_trees(
        &[("a", "1")],
        &[("a", "1"), ("out/", "")],
        expect![[r#"
        Extra out
    "#]],
    );
}

#[test]
fn an_extra_file_in_a_new_directory_lists_both() {
    check_trees(
        &[],
        &[("out/result.txt", "42\n")],
        expect![[r#"
        Extra out
        Extra out/result.txt
    "#]],
    );
}

#[test]
fn a_file_where_a_directory_was() {
    check_trees(
        &[("x/", "")],
        &[("x", "")],
        expect![[r#"
        KindChanged x
    "#]],
    );
}

#[test]
fn a_changed_symlink_target() {
    check_trees(
        &[("l -> a", "")],
        &[("l -> b", "")],
        expect![[r#"
        Changed l
            -       1         |⟨a⟩
            +               1 |⟨b⟩
    "#]],
    );
}

#[test]
fn control_characters_are_still_text() {
    check_trees(
        &[("f", "\u{0}")],
        &[("f", "\u{1}")],
        expect![[r#"
        Changed f
            -       1         |⟨\0⟩
            +               1 |⟨\u{1}⟩
    "#]],
    );
}

#[test]
fn content_diffs_of_many_changed_files_are_bounded() {
    let file = |i: usize, c: &str| (format!("f{i:04}"), c.repeat(10_000) + "\n");
    let expected: Vec<(String, String)> = (0..1_000).map(|i| file(i, "a")).collect();
    let actual: Vec<(String, String)> = (0..1_000).map(|i| file(i, "b")).collect();
    let pairs = |v: &[(String, String)]| -> Tree {
        let mut tree = Tree::new();
        for (path, contents) in v {
            tree.insert_file(path.clone(), contents.clone());
        }
        tree
    };
    let diffs = diff_trees(&pairs(&expected), &pairs(&actual));
    assert_eq!(diffs.len(), 1_000);
    let with_diff = diffs.iter().filter(|d| d.diff.is_some()).count();
    // Each diff shows two windows of 4 KiB; 256 KiB of diffs hold 32 of them.
    assert_eq!(with_diff, 32);
    assert!(diffs[..with_diff].iter().all(|d| d.diff.is_some()));
}
