//! Figure 8, the language runtimes (issue 14) natively: the fuel and wall time CPython
//! and QuickJS-NG take to start a program that does nothing, and grading base64 with the
//! task's Python and JavaScript examples (`replica grade ... --seed 7 --json`, every case
//! paying the runtime's start-up). The start-up fuel is the manifest's
//! (`target/runtimes/runtimes.json`, measured by `replica runtimes`); times are medians of
//! the release CLI's runs, process start included. Its browser rows (first Python Run and
//! C compile on the code page) come from figures 3-5's browser session (`page.rs`).

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

use super::{Options, Row, median, output, timed};

/// (language, runtime as people say it, a program that does nothing, the base64 example)
const RUNTIMES: [(&str, &str, &str, &str); 2] = [
    (
        "python",
        "Python (CPython 3.12)",
        "pass\n",
        "tasks/base64/examples-py/correct-py/main.py",
    ),
    (
        "javascript",
        "JavaScript (QuickJS-NG)",
        "0;\n",
        "tasks/base64/examples-js/correct-js/main.js",
    ),
];

pub(super) fn figure(
    root: &Path,
    options: Options,
    replica: &Path,
    rows: &mut Vec<Row>,
) -> Result<()> {
    let manifest = std::fs::read_to_string(root.join("target/runtimes/runtimes.json"))
        .context("reading target/runtimes/runtimes.json (built by `cargo xtask build`)")?;
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest).context("reading the runtimes' manifest")?;
    let scratch = root.join("target/bench-runtimes");
    std::fs::create_dir_all(&scratch)?;
    for (language, title, nothing, example) in RUNTIMES {
        let fuel = manifest["runtimes"][language]["startup_fuel"].as_u64();
        let program = scratch.join(if language == "python" {
            "main.py"
        } else {
            "main.js"
        });
        std::fs::write(&program, nothing)?;
        let start = median(options.runs, || {
            let mut cmd = Command::new(replica);
            cmd.current_dir(root)
                .args(["run", "base64", "--submission"])
                .arg(&program)
                .stdin(Stdio::null());
            timed(|| output(&mut cmd, |code| code == 0)).map(|(t, _)| t)
        })?;
        let mut row = Row::new(
            "8",
            format!("{title}: start an empty program (replica run)"),
        );
        row.median = format!("{:.2} s", start.as_secs_f64());
        row.rate = fuel.map_or("fuel not measured".into(), |f| {
            format!("{:.0}M fuel", f as f64 / 1e6)
        });
        rows.push(row);

        // The number of cases is the report's: the task's visible cases change.
        let mut cases = 0;
        let grade = median(options.runs.min(3), || {
            let mut cmd = Command::new(replica);
            cmd.current_dir(root)
                .args(["grade", "base64", example, "--seed", "7", "--json"]);
            let (time, out) = timed(|| output(&mut cmd, |code| code == 0))?;
            let report: serde_json::Value =
                serde_json::from_slice(&out).context("reading replica grade's report")?;
            cases = report["cases"]
                .as_array()
                .context("a report without `cases`")?
                .len();
            Ok(time)
        })?;
        let mut row = Row::new(
            "8",
            format!("{title}: grade base64's example natively ({cases} cases, --seed 7)"),
        );
        row.median = format!("{:.1} s", grade.as_secs_f64());
        row.rate = format!("{:.1} cases/s", cases as f64 / grade.as_secs_f64());
        row.goal = "solved (reward 1.0)".into();
        row.met = Some(true);
        rows.push(row);
    }
    Ok(())
}
