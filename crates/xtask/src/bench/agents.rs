//! Figure 7, models and RL (issue 17): the round trip of `run_reference` over MCP, the
//! 1,000 tiny `wc` cases of figure 2 graded through the Python package against the same
//! figure from Rust in one process (goal: within 10%), and the Ray recipe's grades a
//! second with 1 and 2 actors on a local 2-CPU cluster. Measured by
//! `crates/python/bench/bench_agents.py` with the release wheel.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use super::{Options, Row, output};
use crate::{run_cmd, tools};

/// Tiny cases, as figure 2.
const CASES: usize = 1000;

/// The Python package may be this much slower than Rust in one process.
const GOAL: f64 = 1.10;

pub(super) fn figure(
    root: &Path,
    options: Options,
    replica: &Path,
    rows: &mut Vec<Row>,
) -> Result<()> {
    let python = tools::ensure_venv(root)?;
    let wheels = root.join("target/wheels-release");
    let _ = std::fs::remove_dir_all(&wheels);
    run_cmd(
        Command::new(root.join("target/venv/bin/maturin"))
            .args(["build", "--release", "--quiet", "--manifest-path"])
            .arg(root.join("crates/python/Cargo.toml"))
            .arg("--out")
            .arg(&wheels)
            .arg("--interpreter")
            .arg(&python),
    )?;
    let wheel = std::fs::read_dir(&wheels)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .context("maturin wrote no wheel")?;
    run_cmd(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(["--force-reinstall", "--no-deps"])
            .arg(&wheel),
    )?;
    let pack = root.join("target/site/tasks");
    // In a network namespace whose only interface is loopback, so the Ray cluster binds
    // to 127.0.0.1 (as in crates/cli/tests/python.rs); stdio needs no network.
    let out = output(
        Command::new("unshare")
            .args([
                "--net",
                "sh",
                "-c",
                "ip link set lo up && exec \"$0\" \"$@\"",
            ])
            .arg(&python)
            .arg(root.join("crates/python/bench/bench_agents.py"))
            .arg(&pack)
            .arg(replica)
            .args(["--runs", &options.runs.to_string()])
            .args(["--cases", &CASES.to_string()])
            .current_dir(std::env::temp_dir()),
        |code| code == 0,
    )?;
    let json: serde_json::Value =
        serde_json::from_slice(&out).context("reading bench_agents.py's output")?;
    // The same cases from Rust in one process, on the same engine.
    let rust_out = output(
        Command::new(root.join("target/release/examples/grade-throughput"))
            .arg(&pack)
            .args(["wc", "correct"])
            .args(["--cases", &CASES.to_string()])
            .args(["--runs", &options.runs.to_string()])
            .args(["--spawned", "0"]),
        |code| code == 0,
    )?;
    let rust: serde_json::Value =
        serde_json::from_slice(&rust_out).context("reading grade-throughput's output")?;
    let field = |value: &serde_json::Value, name: &str| {
        value[name]
            .as_f64()
            .with_context(|| format!("no `{name}` in {value}"))
    };
    let python_s = field(&json, "python_reference_s")? + field(&json, "python_candidate_s")?;
    let rust_s = field(&rust, "reference_s")? + field(&rust, "candidate_s")?;

    let mut row = Row::new(
        "7",
        "`run_reference` over MCP: one call's round trip, `replica mcp` on stdio with the official Python client (tiny `wc` input)",
    );
    let mcp = field(&json, "mcp_run_reference_s")?;
    row.median = format!("{:.2} ms", mcp * 1e3);
    row.rate = format!("{:.0} calls/s", 1.0 / mcp);
    rows.push(row);

    let mut row = Row::new(
        "7",
        format!(
            "{CASES} tiny `wc` cases (figure 2's) through the Python package: `Task.prepare` + \
             `Prepared.grade` of the release wheel, against the same from Rust in one process"
        ),
    );
    row.median = format!("{python_s:.3} s");
    row.rate = format!("{:.0} cases/s", CASES as f64 / python_s);
    row.ratio = format!("{:.3}× Rust's time ({rust_s:.3} s)", python_s / rust_s);
    row.goal = "≤ 1.10× Rust's time".into();
    row.met = Some(python_s <= GOAL * rust_s);
    rows.push(row);

    for workers in [1, 2] {
        let rate = field(&json, &format!("ray_grades_per_s_{workers}"))?;
        let mut row = Row::new(
            "7",
            format!(
                "Ray recipe, {workers} grading actor{} on a local 2-CPU cluster: grades of the \
                 {CASES} tiny `wc` cases a second (actors started and tasks prepared first)",
                if workers == 1 { "" } else { "s" }
            ),
        );
        row.median = format!("{:.3} s/grade", 1.0 / rate);
        row.rate = format!("{rate:.2} grades/s");
        row.ratio = format!(
            "{:.2}× one in-process grade",
            rate * field(&json, "python_candidate_s")?
        );
        rows.push(row);
    }
    Ok(())
}
