//! Diffs of outputs: text by lines with changed characters marked, hex rows for bytes that
//! are not UTF-8, and file trees file by file.
//!
//! Every diff is bounded twice: in what it shows (lines, rows, bytes of text, so a report
//! stays small) and in the work it does (lines and characters handed to the diff
//! algorithm, so a 16 MiB output is diffed quickly). The bounds are sizes, never time, so
//! the same inputs give the same diff on every machine and in the browser.

use std::collections::BTreeMap;
use std::ops::Range;

use replica_sandbox::{Node, Tree};
use similar::{Algorithm, DiffOp, DiffTag, capture_diff_slices, group_diff_ops};

use crate::{DiffLine, FileChange, FileDiff, HexRow, LineTag, Segment, StreamDiff};

/// Unchanged lines shown around each change, as in a unified diff.
const CONTEXT_LINES: usize = 3;

/// Lines of one text diff. Bounds the report: past a few hundred lines people stop
/// reading, and the first differences are the ones that explain the rest.
const MAX_DIFF_LINES: usize = 200;

/// Bytes of line text in one stream diff, for the same reason as [`MAX_DIFF_LINES`] when
/// lines are long.
const MAX_DIFF_TEXT: usize = 64 << 10;

/// Bytes shown of one line. A longer line (minified JSON, unwrapped base64) is shown as a
/// window that starts a little before its first change, so one line cannot use up the
/// whole [`MAX_DIFF_TEXT`] and hide its partner.
const MAX_LINE_TEXT: usize = 4 << 10;

/// Bytes shown before the first change of a windowed long line.
const LINE_WINDOW_LEAD: usize = 256;

/// Hex rows of one binary diff, like [`MAX_DIFF_LINES`].
const MAX_HEX_ROWS: usize = 200;

/// Bytes per hex row.
const HEX_ROW_BYTES: usize = 16;

/// Lines of each side handed to the line diff, counted from the first difference. Myers'
/// algorithm takes time proportional to size times distance, quadratic for outputs that
/// differ everywhere; this keeps the worst case to tens of milliseconds while covering far
/// more than [`MAX_DIFF_LINES`] can show.
const MAX_DIFF_INPUT_LINES: usize = 2_000;

/// Characters (both sides together) of a changed region handed to the character diff.
/// A larger region is marked changed as a whole; that bounds the quadratic worst case.
const MAX_INLINE_CHARS: usize = 2_000;

/// Bytes of text of all the content diffs of one tree diff. Past it, changed files are
/// still listed but without their contents' diff, so a run that rewrites thousands of
/// files cannot make the report huge.
const MAX_TREE_DIFF_TEXT: usize = 256 << 10;

/// The diff of two streams, or `None` when they are equal.
///
/// Both valid UTF-8: a [`StreamDiff::Text`] by lines, with three lines of context around
/// each change and the changed characters of replaced lines marked `emph`. Otherwise a
/// [`StreamDiff::Hex`] with the rows of 16 bytes that differ and one row of context.
/// A diff that is not `truncated` shows every difference: with the expected stream, it is
/// enough to rebuild the actual one.
pub fn diff_streams(expected: &[u8], actual: &[u8]) -> Option<StreamDiff> {
    if expected == actual {
        return None;
    }
    Some(
        match (std::str::from_utf8(expected), std::str::from_utf8(actual)) {
            (Ok(old), Ok(new)) => text_diff(old, new),
            _ => hex_diff(expected, actual),
        },
    )
}

/// The differences between two trees, file by file, sorted by path; empty when equal.
///
/// Directories count as nodes, whether listed in the tree or implied by a path under
/// them: a directory present on one side only is [`FileChange::Missing`] or
/// [`FileChange::Extra`] like a file. A changed file or symlink carries the diff of its
/// contents (or target), until 256 KiB of text of diffs have been given;
/// later changed files have no `diff`. The list itself is bounded by the two trees' node
/// counts, which the budget's `fs_nodes` caps.
pub fn diff_trees(expected: &Tree, actual: &Tree) -> Vec<FileDiff> {
    let old = nodes(expected);
    let new = nodes(actual);
    let mut paths: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
    paths.sort_unstable();
    paths.dedup();
    let mut budget = MAX_TREE_DIFF_TEXT;
    let mut diffs = Vec::new();
    for path in paths {
        let (change, diff) = match (old.get(path), new.get(path)) {
            (Some(_), None) => (FileChange::Missing, None),
            (None, Some(_)) => (FileChange::Extra, None),
            (Some(a), Some(b)) if a == b => continue,
            (Some(View::File(a)), Some(View::File(b))) => (FileChange::Changed, Some((*a, *b))),
            (Some(View::Symlink(a)), Some(View::Symlink(b))) => {
                (FileChange::Changed, Some((a.as_bytes(), b.as_bytes())))
            }
            (Some(_), Some(_)) => (FileChange::KindChanged, None),
            (None, None) => unreachable!("every path comes from one of the trees"),
        };
        let diff = match diff {
            Some((a, b)) if budget > 0 => {
                let diff = diff_streams(a, b);
                budget = budget.saturating_sub(diff.as_ref().map_or(0, shown_bytes));
                diff
            }
            _ => None,
        };
        diffs.push(FileDiff {
            path: path.to_owned(),
            change,
            diff,
        });
    }
    diffs
}

/// A tree node as compared: contents only, so a directory is a directory however it was
/// listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View<'a> {
    File(&'a [u8]),
    Dir,
    Symlink(&'a str),
}

/// Every node of `tree`, with the directories its paths imply.
fn nodes(tree: &Tree) -> BTreeMap<&str, View<'_>> {
    let mut nodes = BTreeMap::new();
    for (path, node) in &tree.entries {
        for (i, byte) in path.bytes().enumerate() {
            if byte == b'/' {
                nodes.entry(&path[..i]).or_insert(View::Dir);
            }
        }
        let view = match node {
            Node::File(bytes) => View::File(bytes),
            Node::Dir => View::Dir,
            Node::Symlink(target) => View::Symlink(target),
        };
        nodes.insert(path.as_str(), view);
    }
    nodes
}

/// Roughly how many bytes a diff adds to a report.
fn shown_bytes(diff: &StreamDiff) -> usize {
    match diff {
        StreamDiff::Text { lines, .. } => lines
            .iter()
            .flat_map(|line| &line.segments)
            .map(|segment| segment.text.len())
            .sum(),
        StreamDiff::Hex { rows, .. } => rows.len() * 4 * HEX_ROW_BYTES,
    }
}

/// Hex rows of two byte streams that are not both text.
fn hex_diff(expected: &[u8], actual: &[u8]) -> StreamDiff {
    let row_count = expected.len().max(actual.len()).div_ceil(HEX_ROW_BYTES);
    let row = |bytes: &[u8], r: usize| -> Range<usize> {
        let start = (r * HEX_ROW_BYTES).min(bytes.len());
        start..((r + 1) * HEX_ROW_BYTES).min(bytes.len())
    };
    let differs = |r: usize| expected[row(expected, r)] != actual[row(actual, r)];
    let mut rows = Vec::new();
    let mut truncated = false;
    // The next row not yet shown; rows before it were shown or are not near a difference.
    let mut next = 0;
    for r in 0..row_count {
        if !differs(r) {
            continue;
        }
        let first = r.saturating_sub(1).max(next);
        let last = (r + 1).min(row_count - 1);
        for shown in first..=last {
            if rows.len() == MAX_HEX_ROWS {
                truncated = true;
                break;
            }
            rows.push(HexRow {
                offset: (shown * HEX_ROW_BYTES) as u64,
                expected: hex(&expected[row(expected, shown)]),
                actual: hex(&actual[row(actual, shown)]),
            });
        }
        next = last + 1;
        if truncated {
            break;
        }
    }
    StreamDiff::Hex { rows, truncated }
}

/// Lowercase hex, two digits per byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 15)] as char);
    }
    text
}

/// A line diff of two texts that differ.
fn text_diff(old: &str, new: &str) -> StreamDiff {
    let window = Window::new(old, new);
    let mut out = Emitter {
        truncated: window.cut,
        ..Emitter::default()
    };
    let hunks = group_diff_ops(window.ops(), CONTEXT_LINES);
    'hunks: for hunk in hunks {
        for op in hunk {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let old_lines = &window.old_lines[old_range.clone()];
            let new_lines = &window.new_lines[new_range.clone()];
            let full = match tag {
                DiffTag::Equal => old_lines.iter().enumerate().all(|(i, line)| {
                    out.push(
                        LineTag::Equal,
                        Some(window.old_number(old_range.start + i)),
                        Some(window.new_number(new_range.start + i)),
                        line,
                        &[],
                    )
                }),
                DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                    // Pure insertions and deletions mark nothing: the whole line is the change.
                    let (old_marks, new_marks) = if tag == DiffTag::Replace {
                        inline_marks(old_lines, new_lines)
                    } else {
                        (Vec::new(), Vec::new())
                    };
                    let old_sizes = shown_sizes(old_lines, &old_marks);
                    let new_sizes = shown_sizes(new_lines, &new_marks);
                    let (old_shown, new_shown) = out.balance(&old_sizes, &new_sizes);
                    for (i, line) in old_lines[..old_shown].iter().enumerate() {
                        let number = Some(window.old_number(old_range.start + i));
                        out.push(LineTag::Delete, number, None, line, marks_of(&old_marks, i));
                    }
                    for (i, line) in new_lines[..new_shown].iter().enumerate() {
                        let number = Some(window.new_number(new_range.start + i));
                        out.push(LineTag::Insert, None, number, line, marks_of(&new_marks, i));
                    }
                    old_shown == old_lines.len() && new_shown == new_lines.len()
                }
            };
            if !full {
                break 'hunks;
            }
        }
    }
    StreamDiff::Text {
        lines: out.lines,
        truncated: out.truncated,
    }
}

/// The part of two texts handed to the line diff: the lines from the first difference to
/// the last (at most [`MAX_DIFF_INPUT_LINES`] of each), with the context lines around them.
#[derive(Debug)]
struct Window<'a> {
    old_lines: Vec<&'a str>,
    new_lines: Vec<&'a str>,
    /// 0-based line number of the first line of the window, the same in both texts since
    /// the lines before it are equal.
    first: usize,
    /// Context lines before the differing lines (the same in both).
    before: usize,
    /// Context lines after the differing lines (the same in both).
    after: usize,
    /// Lines of the differing region were left out.
    cut: bool,
    old_cut: bool,
    new_cut: bool,
}

impl<'a> Window<'a> {
    fn new(old: &'a str, new: &'a str) -> Window<'a> {
        // The common prefix, back to a line start: the lines before it are equal.
        let prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let prefix = old.as_bytes()[..prefix]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // The common suffix, forward to a line start in both texts.
        let max_suffix = old.len().min(new.len()) - prefix;
        let mut suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        let starts_line = |text: &str, at: usize| at == prefix || text.as_bytes()[at - 1] == b'\n';
        if !(starts_line(old, old.len() - suffix) && starts_line(new, new.len() - suffix)) {
            // Bytes, not `str`: the suffix may start inside a character.
            let tail = &old.as_bytes()[old.len() - suffix..];
            suffix = tail
                .iter()
                .position(|&b| b == b'\n')
                .map_or(0, |i| tail.len() - i - 1);
        }
        let (old_middle, old_cut) =
            first_lines(&old[prefix..old.len() - suffix], MAX_DIFF_INPUT_LINES);
        let (new_middle, new_cut) =
            first_lines(&new[prefix..new.len() - suffix], MAX_DIFF_INPUT_LINES);
        let cut = old_cut || new_cut;
        let before: Vec<&str> = last_lines(&old[..prefix], CONTEXT_LINES);
        // After a cut the lines that follow are not the suffix, so they are not context.
        let after: Vec<&str> = if cut {
            Vec::new()
        } else {
            first_lines(&old[old.len() - suffix..], CONTEXT_LINES).0
        };
        let first = count_lines(&old[..prefix]) - before.len();
        let join = |middle: Vec<&'a str>| -> Vec<&'a str> {
            before
                .iter()
                .copied()
                .chain(middle)
                .chain(after.iter().copied())
                .collect()
        };
        Window {
            old_lines: join(old_middle),
            new_lines: join(new_middle),
            first,
            before: before.len(),
            after: after.len(),
            cut,
            old_cut,
            new_cut,
        }
    }

    /// The line diff of the window, as operations on `old_lines` and `new_lines`.
    fn ops(&self) -> Vec<DiffOp> {
        let old_end = self.old_lines.len() - self.after;
        let new_end = self.new_lines.len() - self.after;
        // Lines are interned to numbers, so that each of the algorithm's many comparisons
        // compares integers rather than possibly long lines.
        let mut ids = BTreeMap::new();
        let mut intern = |lines: &[&'a str]| -> Vec<usize> {
            lines
                .iter()
                .map(|line| {
                    let next = ids.len();
                    *ids.entry(*line).or_insert(next)
                })
                .collect()
        };
        let old_ids = intern(&self.old_lines[self.before..old_end]);
        let new_ids = intern(&self.new_lines[self.before..new_end]);
        let middle = capture_diff_slices(Algorithm::Myers, &old_ids, &new_ids);
        let mut ops = vec![DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: self.before,
        }];
        // A cut side ends in the middle of the differences, where the diff of the shortened
        // texts is made up: a line seems deleted because its partner lies past the cut.
        // Only the first half of a cut side is trusted.
        let old_limit = if self.old_cut {
            old_ids.len() / 2
        } else {
            usize::MAX
        };
        let new_limit = if self.new_cut {
            new_ids.len() / 2
        } else {
            usize::MAX
        };
        for op in middle {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            if old_range.start >= old_limit || new_range.start >= new_limit {
                break;
            }
            let op = match tag {
                DiffTag::Equal => DiffOp::Equal {
                    old_index: old_range.start,
                    new_index: new_range.start,
                    len: old_range
                        .len()
                        .min(old_limit - old_range.start)
                        .min(new_limit - new_range.start),
                },
                _ => op,
            };
            ops.push(shift(op, self.before));
        }
        ops.push(DiffOp::Equal {
            old_index: old_end,
            new_index: new_end,
            len: self.after,
        });
        ops.retain(|op| !op.old_range().is_empty() || !op.new_range().is_empty());
        ops
    }

    /// The 1-based line number in the expected text of `old_lines[i]`.
    fn old_number(&self, i: usize) -> u32 {
        u32::try_from(self.first + i + 1).unwrap_or(u32::MAX)
    }

    /// The 1-based line number in the actual text of `new_lines[i]`.
    fn new_number(&self, i: usize) -> u32 {
        u32::try_from(self.first + i + 1).unwrap_or(u32::MAX)
    }
}

/// `op` with both its ranges moved `by` lines later.
fn shift(op: DiffOp, by: usize) -> DiffOp {
    let (tag, old, new) = op.as_tag_tuple();
    let (old_index, new_index) = (old.start + by, new.start + by);
    match tag {
        DiffTag::Equal => DiffOp::Equal {
            old_index,
            new_index,
            len: old.len(),
        },
        DiffTag::Delete => DiffOp::Delete {
            old_index,
            old_len: old.len(),
            new_index,
        },
        DiffTag::Insert => DiffOp::Insert {
            old_index,
            new_index,
            new_len: new.len(),
        },
        DiffTag::Replace => DiffOp::Replace {
            old_index,
            old_len: old.len(),
            new_index,
            new_len: new.len(),
        },
    }
}

/// The first `count` lines of `text` (each with its `\n`), and whether more follow.
fn first_lines(text: &str, count: usize) -> (Vec<&str>, bool) {
    let mut lines = text.split_inclusive('\n');
    let first: Vec<&str> = lines.by_ref().take(count).collect();
    (first, lines.next().is_some())
}

/// The last `count` lines of `text`, which is empty or ends with `\n`.
fn last_lines(text: &str, count: usize) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split_inclusive('\n').rev().take(count).collect();
    lines.reverse();
    lines
}

/// Lines in `text`, which is empty or ends with `\n`.
fn count_lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// The marks of line `i` of a block; none past the lines that were marked.
fn marks_of(marks: &Marks, i: usize) -> &[Range<usize>] {
    marks.get(i).map_or(&[], Vec::as_slice)
}

/// Bytes each of `lines` shows in a diff.
fn shown_sizes(lines: &[&str], marks: &Marks) -> Vec<usize> {
    (0..lines.len())
        .map(|i| line_window(lines[i], marks_of(marks, i)).len())
        .collect()
}

/// Changed bytes of each line of a replaced block, as ranges within the line.
type Marks = Vec<Vec<Range<usize>>>;

/// The changed characters of a block of old lines replaced by new lines. The blocks are
/// compared as wholes, so a line split in two or joined shows as a changed `\n`.
fn inline_marks(old_lines: &[&str], new_lines: &[&str]) -> (Marks, Marks) {
    // Only the first lines of a block can be shown; the rest need no marks.
    let old_lines = &old_lines[..old_lines.len().min(MAX_DIFF_LINES)];
    let new_lines = &new_lines[..new_lines.len().min(MAX_DIFF_LINES)];
    let old = old_lines.concat();
    let new = new_lines.concat();
    let (old_changed, new_changed) = changed_ranges(&old, &new);
    (
        split_marks(old_lines, &old_changed),
        split_marks(new_lines, &new_changed),
    )
}

/// Cuts ranges over the concatenation of `lines` into ranges within each line.
fn split_marks(lines: &[&str], changed: &[Range<usize>]) -> Marks {
    let mut start = 0;
    lines
        .iter()
        .map(|line| {
            let end = start + line.len();
            let marks = changed
                .iter()
                .filter(|range| range.start < end && range.end > start)
                .map(|range| range.start.max(start) - start..range.end.min(end) - start)
                .collect();
            start = end;
            marks
        })
        .collect()
}

/// The byte ranges of `old` and of `new` that a character diff finds changed.
fn changed_ranges(old: &str, new: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let prefix = common_prefix(old, new);
    let (old_rest, new_rest) = (&old[prefix..], &new[prefix..]);
    let suffix = common_suffix(old_rest, new_rest);
    let old_middle = &old_rest[..old_rest.len() - suffix];
    let new_middle = &new_rest[..new_rest.len() - suffix];
    let whole = |middle: &str| -> Vec<Range<usize>> {
        if middle.is_empty() {
            Vec::new()
        } else {
            let range = prefix..prefix + middle.len();
            vec![range]
        }
    };
    if old_middle.is_empty()
        || new_middle.is_empty()
        || old_middle.chars().count() + new_middle.chars().count() > MAX_INLINE_CHARS
    {
        return (whole(old_middle), whole(new_middle));
    }
    let old_chars: Vec<char> = old_middle.chars().collect();
    let new_chars: Vec<char> = new_middle.chars().collect();
    let mut runs: Vec<Run> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_chars, &new_chars) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let run = match tag {
            DiffTag::Equal => Run::Equal(old_range.len()),
            _ => Run::Edit(old_range.len(), new_range.len()),
        };
        match (runs.last_mut(), run) {
            (Some(Run::Edit(del, ins)), Run::Edit(more_del, more_ins)) => {
                *del += more_del;
                *ins += more_ins;
            }
            _ => runs.push(run),
        }
    }
    cleanup(&mut runs);
    let (mut old_at, mut new_at) = (prefix, prefix);
    let (mut old_changed, mut new_changed) = (Vec::new(), Vec::new());
    let (mut old_iter, mut new_iter) = (old_chars.iter(), new_chars.iter());
    let advance = |iter: &mut std::slice::Iter<'_, char>, count: usize| -> usize {
        iter.by_ref().take(count).map(|c| c.len_utf8()).sum()
    };
    for run in runs {
        match run {
            Run::Equal(len) => {
                old_at += advance(&mut old_iter, len);
                new_at += advance(&mut new_iter, len);
            }
            Run::Edit(del, ins) => {
                let old_len = advance(&mut old_iter, del);
                let new_len = advance(&mut new_iter, ins);
                if old_len > 0 {
                    old_changed.push(old_at..old_at + old_len);
                }
                if new_len > 0 {
                    new_changed.push(new_at..new_at + new_len);
                }
                old_at += old_len;
                new_at += new_len;
            }
        }
    }
    (old_changed, new_changed)
}

/// A stretch of a character diff: equal characters, or characters deleted and inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Run {
    Equal(usize),
    Edit(usize, usize),
}

/// Folds into the edits around them the short equalities that a character diff finds
/// between unrelated texts (`cat` and `dog` "share" nothing worth showing, yet `kitten`
/// and `sitting` share `itt`): an equality no longer than the edits on both sides of it
/// goes. This is the rule of diff-match-patch's semantic cleanup.
fn cleanup(runs: &mut Vec<Run>) {
    loop {
        let found = (1..runs.len().saturating_sub(1)).find(|&i| match runs[i - 1..=i + 1] {
            [Run::Edit(d1, i1), Run::Equal(len), Run::Edit(d2, i2)] => {
                len <= d1.max(i1) && len <= d2.max(i2)
            }
            _ => false,
        });
        let Some(i) = found else { return };
        if let [Run::Edit(d1, i1), Run::Equal(len), Run::Edit(d2, i2)] = runs[i - 1..=i + 1] {
            runs.splice(i - 1..=i + 1, [Run::Edit(d1 + len + d2, i1 + len + i2)]);
        }
    }
}

/// Bytes at the start of both texts that are equal, ending on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut len = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(len) {
        len -= 1;
    }
    len
}

/// Bytes at the end of both texts that are equal, starting on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut len = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - len) {
        len -= 1;
    }
    len
}

/// Collects diff lines within the report's bounds.
#[derive(Debug, Default)]
struct Emitter {
    lines: Vec<DiffLine>,
    text_bytes: usize,
    truncated: bool,
}

impl Emitter {
    /// How many of a block's deleted and inserted lines fit, given the bytes each shows.
    /// The two sides take turns, so that when a large replaced block does not fit, what is
    /// shown still pairs expected lines with actual ones. Marks the diff truncated when
    /// not everything fits.
    fn balance(&mut self, old: &[usize], new: &[usize]) -> (usize, usize) {
        let sides = [old, new];
        let mut shown = [0, 0];
        let mut lines = self.lines.len();
        let mut bytes = self.text_bytes;
        'turns: while shown != [old.len(), new.len()] {
            for side in 0..2 {
                let Some(&size) = sides[side].get(shown[side]) else {
                    continue;
                };
                if lines == MAX_DIFF_LINES || bytes + size > MAX_DIFF_TEXT {
                    self.truncated = true;
                    break 'turns;
                }
                shown[side] += 1;
                lines += 1;
                bytes += size;
            }
        }
        (shown[0], shown[1])
    }

    /// Adds a line with the changed byte ranges `marks`; `false` when the diff is full.
    fn push(
        &mut self,
        tag: LineTag,
        old: Option<u32>,
        new: Option<u32>,
        line: &str,
        marks: &[Range<usize>],
    ) -> bool {
        let Range { start, end } = line_window(line, marks);
        if self.lines.len() == MAX_DIFF_LINES || self.text_bytes + (end - start) > MAX_DIFF_TEXT {
            self.truncated = true;
            return false;
        }
        let mut segments: Vec<Segment> = Vec::new();
        let mut add = |range: Range<usize>, emph: bool| {
            let range = range.start.max(start)..range.end.min(end);
            if range.is_empty() {
                return;
            }
            match segments.last_mut() {
                Some(last) if last.emph == emph => last.text.push_str(&line[range]),
                _ => segments.push(Segment {
                    text: line[range].to_owned(),
                    emph,
                }),
            }
        };
        let mut at = 0;
        for range in marks {
            add(at..range.start, false);
            add(range.clone(), true);
            at = range.end;
        }
        add(at..line.len(), false);
        let (skipped_before, skipped_after) = (start as u64, (line.len() - end) as u64);
        if skipped_before > 0 || skipped_after > 0 {
            self.truncated = true;
        }
        self.text_bytes += end - start;
        self.lines.push(DiffLine {
            tag,
            old,
            new,
            segments,
            skipped_before,
            skipped_after,
        });
        true
    }
}

/// The part of `line` shown: all of it, or for a line longer than [`MAX_LINE_TEXT`] a
/// window of that size starting a little before the first change.
fn line_window(line: &str, marks: &[Range<usize>]) -> Range<usize> {
    if line.len() <= MAX_LINE_TEXT {
        return 0..line.len();
    }
    let first_change = marks.first().map_or(0, |range| range.start);
    let start = floor_boundary(line, first_change.saturating_sub(LINE_WINDOW_LEAD));
    start..floor_boundary(line, start + MAX_LINE_TEXT)
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    //! The property issue 6 relies on: a complete text diff rebuilds the actual output.

    use super::*;

    /// A small deterministic generator (xorshift64*), so the test needs no dependency
    /// and fails the same way every time.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// A random text from few distinct pieces, so that lines repeat and diffs are tricky.
    fn random_text(rng: &mut Rng) -> String {
        // `é` and `©` end in the same byte, `€` and `₤` start with the same two: common
        // prefixes and suffixes must not cut a character.
        const PIECES: [&str; 12] = [
            "a", "b", "ab", " ", "\t", "\r", "é", "©", "€", "₤", "\n", "\n",
        ];
        (0..rng.below(40))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect()
    }

    /// `text` with a few random lines inserted, deleted or changed.
    fn mutate(rng: &mut Rng, text: &str) -> String {
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
        for _ in 0..=rng.below(4) {
            let at = rng.below(lines.len() + 1);
            match rng.below(4) {
                0 => lines.insert(at, random_text(rng)),
                1 if at < lines.len() => {
                    lines.remove(at);
                }
                2 if at < lines.len() => lines[at] = random_text(rng),
                _ => lines.push(random_text(rng)),
            }
        }
        lines.concat()
    }

    /// The actual text rebuilt from the expected one and a complete diff.
    fn rebuild(expected: &str, diff: &StreamDiff) -> String {
        let StreamDiff::Text { lines, truncated } = diff else {
            panic!("not a text diff: {diff:?}")
        };
        assert!(!truncated);
        let old: Vec<&str> = expected.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut next = 0;
        for line in lines {
            let text: String = line.segments.iter().map(|s| s.text.as_str()).collect();
            match line.tag {
                LineTag::Equal | LineTag::Delete => {
                    let at = line
                        .old
                        .expect("equal and deleted lines have an old number")
                        as usize
                        - 1;
                    out.extend(old[next..at].iter().copied());
                    assert_eq!(text, old[at], "{line:?}");
                    if line.tag == LineTag::Equal {
                        out.push_str(&text);
                    }
                    next = at + 1;
                }
                LineTag::Insert => out.push_str(&text),
            }
        }
        out.extend(old[next..].iter().copied());
        out
    }

    #[test]
    fn complete_text_diffs_rebuild_the_actual_output() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        for _ in 0..5_000 {
            let expected = (0..rng.below(30))
                .map(|_| random_text(&mut rng))
                .collect::<String>();
            let actual = mutate(&mut rng, &expected);
            match diff_streams(expected.as_bytes(), actual.as_bytes()) {
                None => assert_eq!(expected, actual),
                Some(diff) => {
                    assert_eq!(
                        rebuild(&expected, &diff),
                        actual,
                        "{expected:?} -> {actual:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 4_000, "only {checked} pairs differed");
    }

    #[test]
    fn marks_cover_exactly_what_changed() {
        let check = |old: &str, new: &str, expect_old: &[&str], expect_new: &[&str]| {
            let (a, b) = changed_ranges(old, new);
            let texts = |s: &str, ranges: Vec<Range<usize>>| -> Vec<String> {
                ranges.into_iter().map(|r| s[r].to_owned()).collect()
            };
            assert_eq!(texts(old, a), expect_old, "{old:?} -> {new:?}");
            assert_eq!(texts(new, b), expect_new, "{old:?} -> {new:?}");
        };
        check("hello world\n", "hallo wurld\n", &["e", "o"], &["a", "u"]);
        check("cat\n", "dog\n", &["cat"], &["dog"]);
        check("abc  \n", "abc\n", &["  "], &[]);
        check("x\r\n", "x\n", &["\r"], &[]);
        check("a\tb\n", "a    b\n", &["\t"], &["    "]);
        check("€1\n", "€2\n", &["1"], &["2"]);
        check("1 2 3 4 5\n", "1 2 9 4 5\n", &["3"], &["9"]);
        check("last", "last\n", &[], &["\n"]);
        check(
            "the quick brown fox\n",
            "lorem ipsum dolor\n",
            &["the quick brown fox"],
            &["lorem ipsum dolor"],
        );
    }
}
