//! Reports as text for terminals: a summary, a verdict table and the first diffs.
//!
//! Diff lines make invisible differences visible: tabs show as `→`, carriage returns as
//! `␍`, trailing spaces as `·`, other control bytes as `\xNN`, and a last line without a
//! newline says so. Changed characters are wrapped in `[-…-]` (expected) and `{+…+}` (actual).

use std::fmt::Write as _;

use replica_judge::{
    CaseReport, DiffLine, FileChange, FuelLimit, LineTag, Report, StreamDiff, Verdict,
};

/// How many failing cases get their diff printed; the rest are in `--json`.
pub const DIFFS_SHOWN: usize = 3;

/// The whole text report of one submission.
pub fn report(report: &Report, label: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{label}: task {} · seed {} · {} hidden cases",
        report.task.id, report.seed, report.hidden
    );
    let _ = writeln!(
        out,
        "reward {:.3} ({}/{}){}",
        report.reward,
        report.accepted,
        report.total,
        if report.solved {
            " · solved"
        } else {
            " · not solved"
        }
    );
    if let Some(limit) = &report.fuel_limit {
        let _ = writeln!(out, "{}", fuel_limit(limit));
    }
    if let Some(why) = &report.compile_error {
        let _ = writeln!(out, "compile error: {why}");
        return out;
    }
    out.push('\n');
    out.push_str(&table(&report.cases));
    let failing: Vec<&CaseReport> = report
        .cases
        .iter()
        .filter(|c| c.verdict != Verdict::AC)
        .collect();
    for case in failing.iter().take(DIFFS_SHOWN) {
        out.push('\n');
        out.push_str(&case_diff(case));
    }
    if failing.len() > DIFFS_SHOWN {
        let _ = writeln!(
            out,
            "\n… and {} more failing cases (see --json for every diff)",
            failing.len() - DIFFS_SHOWN
        );
    }
    out
}

/// The fuel policy in one line: `fuel limit per case: min(1,000,000,000, 10 × reference +
/// 10,000,000)`, with a runtime's factor and start-up when it has them.
fn fuel_limit(limit: &FuelLimit) -> String {
    let k = u64::from(limit.factor.max(1)).saturating_mul(limit.k);
    let factor = if limit.factor > 1 {
        format!(" ({} × runtime factor {})", limit.k, limit.factor)
    } else {
        String::new()
    };
    let startup = if limit.startup_fuel > 0 {
        format!(" + {} runtime start-up", group_digits(limit.startup_fuel))
    } else {
        String::new()
    };
    format!(
        "fuel limit per case: min({}, {k}{factor} × reference + {}){startup}",
        group_digits(limit.ceiling),
        group_digits(limit.floor),
    )
}

fn table(cases: &[CaseReport]) -> String {
    let width = cases
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  {:<width$}  {:<6}  {:<7}  {:<26}  fuel (reference / candidate / limit)",
        "case", "hidden", "verdict", "differs"
    );
    for case in cases {
        let name: String = case.name.chars().take(width).collect();
        let candidate = case
            .fuel
            .candidate
            .map_or_else(|| "-".to_owned(), group_digits);
        let limit = case.fuel.limit.map_or_else(|| "-".to_owned(), group_digits);
        let _ = writeln!(
            out,
            "  {:<width$}  {:<6}  {:<7}  {:<26}  {} / {} / {}",
            name,
            if case.hidden { "yes" } else { "no" },
            case.verdict.as_str(),
            case.channels.join(" "),
            group_digits(case.fuel.reference),
            candidate,
            limit,
        );
    }
    out
}

fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The diff of one failing case.
pub fn case_diff(case: &CaseReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "── case `{}`{}: {} ({}){}",
        case.name,
        if case.hidden { " (hidden)" } else { "" },
        case.verdict.as_str(),
        case.verdict.describe(),
        case.ending
            .as_ref()
            .map(|e| format!(", ended with {e}"))
            .unwrap_or_default()
    );
    if !case.input.args.is_empty() {
        let _ = writeln!(out, "args: {}", shell_words(&case.input.args));
    }
    let Some(diff) = &case.diff else {
        return out;
    };
    if let Some(stdout) = &diff.stdout {
        out.push_str("stdout (- expected, + actual):\n");
        out.push_str(&stream_diff(stdout));
    }
    if let Some(stderr) = &diff.stderr {
        out.push_str("stderr (- expected, + actual):\n");
        out.push_str(&stream_diff(stderr));
    }
    if let Some(exit) = &diff.exit_code {
        let actual = exit
            .actual
            .map_or_else(|| "no exit".to_owned(), |c| c.to_string());
        let _ = writeln!(out, "exit code: expected {}, got {actual}", exit.expected);
    }
    if let Some(files) = &diff.files {
        for file in files {
            let what = match file.change {
                FileChange::Missing => "missing",
                FileChange::Extra => "not expected",
                FileChange::Changed => "differs",
                FileChange::KindChanged => "is of another kind",
            };
            let _ = writeln!(out, "file {}: {what}", file.path);
            if let Some(d) = &file.diff {
                out.push_str(&stream_diff(d));
            }
        }
    }
    out
}

fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_=./,:+@%".contains(&b))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A stream diff as text lines.
pub fn stream_diff(diff: &StreamDiff) -> String {
    let mut out = String::new();
    match diff {
        StreamDiff::Text { lines, truncated } => {
            for line in lines {
                out.push_str(&diff_line(line));
            }
            if *truncated {
                out.push_str("  … (diff cut short)\n");
            }
        }
        StreamDiff::Hex { rows, truncated } => {
            out.push_str("  binary output, as hex (offset: expected | actual):\n");
            for row in rows {
                let mark = if row.expected == row.actual { ' ' } else { '!' };
                let _ = writeln!(
                    out,
                    "{mark} {:08x}: {:<32} | {}",
                    row.offset, row.expected, row.actual
                );
            }
            if *truncated {
                out.push_str("  … (diff cut short)\n");
            }
        }
    }
    out
}

fn diff_line(line: &DiffLine) -> String {
    let (sign, open, close) = match line.tag {
        LineTag::Equal => (' ', "", ""),
        LineTag::Delete => ('-', "[-", "-]"),
        LineTag::Insert => ('+', "{+", "+}"),
    };
    let number = |n: Option<u32>| n.map_or_else(|| "    ".to_owned(), |n| format!("{n:>4}"));
    let mut text = String::new();
    if line.skipped_before > 0 {
        text.push('…');
    }
    let full: String = line.segments.iter().map(|s| s.text.as_str()).collect();
    let has_newline = full.ends_with('\n');
    let content_len = full.len() - usize::from(has_newline);
    let trailing_start = full[..content_len].trim_end_matches(' ').len();
    let mut offset = 0;
    for segment in &line.segments {
        let mut shown = String::new();
        for (i, c) in segment.text.char_indices() {
            let at = offset + i;
            if at >= content_len {
                break;
            }
            shown.push_str(&visible(c, at >= trailing_start));
        }
        offset += segment.text.len();
        if segment.emph && !shown.is_empty() {
            text.push_str(open);
            text.push_str(&shown);
            text.push_str(close);
        } else {
            text.push_str(&shown);
        }
    }
    if line.skipped_after > 0 {
        text.push('…');
    }
    let mut out = format!("{sign} {} {} | {text}", number(line.old), number(line.new));
    if !has_newline && line.skipped_after == 0 {
        out.push_str("  (no newline at end)");
    }
    out.push('\n');
    out
}

fn visible(c: char, trailing_space: bool) -> String {
    match c {
        '\t' => "→".to_owned(),
        '\r' => "␍".to_owned(),
        ' ' if trailing_space => "·".to_owned(),
        c if c.is_control() => format!("\\x{:02x}", c as u32),
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use replica_judge::Segment;

    fn line(tag: LineTag, parts: &[(&str, bool)]) -> DiffLine {
        DiffLine {
            tag,
            old: Some(1),
            new: None,
            skipped_before: 0,
            skipped_after: 0,
            segments: parts
                .iter()
                .map(|(t, e)| Segment {
                    text: (*t).to_owned(),
                    emph: *e,
                })
                .collect(),
        }
    }

    fn check(tag: LineTag, parts: &[(&str, bool)], expect: &str) {
        assert_eq!(diff_line(&line(tag, parts)), expect);
    }

    #[test]
    fn lines_show_invisible_characters_and_changes() {
        check(LineTag::Equal, &[("a b\n", false)], "     1      | a b\n");
        check(
            LineTag::Delete,
            &[("x", false), ("y", true), ("z\n", false)],
            "-    1      | x[-y-]z\n",
        );
        check(
            LineTag::Insert,
            &[("a\tb\r\n", false)],
            "+    1      | a→b␍\n",
        );
        check(
            LineTag::Insert,
            &[("ab  \n", false)],
            "+    1      | ab··\n",
        );
        check(
            LineTag::Insert,
            &[("ab", false)],
            "+    1      | ab  (no newline at end)\n",
        );
        check(
            LineTag::Insert,
            &[("a", false), ("\u{1}\n", true)],
            "+    1      | a{+\\x01+}\n",
        );
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(1234), "1,234");
        assert_eq!(group_digits(1234567), "1,234,567");
    }

    #[test]
    fn args_are_quoted_like_a_shell() {
        let args = [
            "-c".to_owned(),
            "a b".to_owned(),
            "it's".to_owned(),
            String::new(),
        ];
        assert_eq!(shell_words(&args), "-c 'a b' 'it'\\''s' ''");
    }
}
