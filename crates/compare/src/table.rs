//! The comparison table in three formats. Every format has the same columns and the same
//! values, formatted once by [`cells`]: rewards and pass@k with 3 decimals, medians with
//! 1; an empty cell (nothing to say, e.g. no author solved) is blank in CSV, `—` in
//! markdown and the web app, `--` in LaTeX.

use crate::Row;

/// The columns: CSV header name, and the label people read.
pub const COLUMNS: [(&str, &str); 12] = [
    ("task", "task"),
    ("kind", "kind"),
    ("authors", "authors"),
    ("submissions", "submissions"),
    ("solved", "solved"),
    ("best_reward", "best reward"),
    ("mean_best_reward", "mean best reward"),
    ("median_attempts_to_solve", "attempts to solve (median)"),
    ("median_minutes_to_solve", "minutes to solve (median)"),
    ("pass_at_1", "pass@1"),
    ("k", "k"),
    ("pass_at_k", "pass@k"),
];

/// The cells of `row` in [`COLUMNS`] order; `None` is an empty cell.
pub fn cells(row: &Row) -> Vec<Option<String>> {
    let fixed = |value: Option<f64>, decimals: usize| value.map(|v| format!("{v:.decimals$}"));
    vec![
        Some(row.task.clone()),
        Some(row.kind.clone()),
        Some(row.authors.to_string()),
        Some(row.submissions.to_string()),
        Some(row.solved.to_string()),
        fixed(row.best_reward, 3),
        fixed(row.mean_best_reward, 3),
        fixed(row.median_attempts_to_solve, 1),
        fixed(row.median_minutes_to_solve, 1),
        fixed(row.pass_at_1, 3),
        row.pass_at_k.map(|(k, _)| k.to_string()),
        fixed(row.pass_at_k.map(|(_, p)| p), 3),
    ]
}

/// Whether column `i` holds numbers (right-aligned).
fn numeric(i: usize) -> bool {
    i >= 2
}

/// A GitHub-flavoured markdown table.
pub fn markdown(rows: &[Row]) -> String {
    let escape = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    let labels: Vec<&str> = COLUMNS.iter().map(|(_, label)| *label).collect();
    out.push_str(&format!("| {} |\n", labels.join(" | ")));
    let rules: Vec<&str> = (0..COLUMNS.len())
        .map(|i| if numeric(i) { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rules.join("|")));
    for row in rows {
        let cells: Vec<String> = cells(row)
            .into_iter()
            .map(|c| c.map_or_else(|| "—".to_string(), |c| escape(&c)))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// CSV (RFC 4180) with a header line of [`COLUMNS`] names.
pub fn csv(rows: &[Row]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let names: Vec<&str> = COLUMNS.iter().map(|(name, _)| *name).collect();
    out.push_str(&names.join(","));
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = cells(row)
            .into_iter()
            .map(|c| c.map_or_else(String::new, |c| quote(&c)))
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// A LaTeX `tabular` (plain `\hline` rules, so it needs no package).
pub fn latex(rows: &[Row]) -> String {
    let spec: String = (0..COLUMNS.len())
        .map(|i| if numeric(i) { 'r' } else { 'l' })
        .collect();
    let mut out = format!("\\begin{{tabular}}{{{spec}}}\n\\hline\n");
    let labels: Vec<String> = COLUMNS.iter().map(|(_, label)| tex(label)).collect();
    out.push_str(&format!("{} \\\\\n\\hline\n", labels.join(" & ")));
    for row in rows {
        let cells: Vec<String> = cells(row)
            .into_iter()
            .map(|c| c.map_or_else(|| "--".to_string(), |c| tex(&c)))
            .collect();
        out.push_str(&format!("{} \\\\\n", cells.join(" & ")));
    }
    out.push_str("\\hline\n\\end{tabular}\n");
    out
}

/// Escapes LaTeX's special characters.
fn tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(tex("a_b & 50% {x}"), "a\\_b \\& 50\\% \\{x\\}");
        assert_eq!(
            tex("~^\\"),
            "\\textasciitilde{}\\textasciicircum{}\\textbackslash{}"
        );
        let row = Row {
            task: "a,\"b\"|c".into(),
            kind: "model".into(),
            authors: 1,
            submissions: 0,
            solved: 0,
            best_reward: None,
            mean_best_reward: None,
            median_attempts_to_solve: None,
            median_minutes_to_solve: None,
            pass_at_1: None,
            pass_at_k: None,
        };
        let csv = csv(std::slice::from_ref(&row));
        assert!(
            csv.ends_with("\"a,\"\"b\"\"|c\",model,1,0,0,,,,,,,\n"),
            "{csv}"
        );
        assert!(markdown(&[row]).contains("| a,\"b\"\\|c | model |"));
    }
}
