//! Figure 6, the study server under load: `replica study-server load-test` has 200
//! simulated participants upload events over keep-alive connections to a real server
//! process on 127.0.0.1 for 10 s, kills the server (SIGKILL) halfway and restarts it, then
//! checks the export holds every acknowledged event once. One run per database (SQLite,
//! and a private PostgreSQL cluster the load test starts); each run is thousands of
//! requests, so its percentiles are the figure.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use super::{Row, output};
use crate::tools;

const PARTICIPANTS: &str = "200";
const SECONDS: &str = "10";

pub(super) fn figure(replica: &Path, rows: &mut Vec<Row>) -> Result<()> {
    tools::ensure_apt(tools::DATABASE)?;
    for (name, extra) in [("SQLite", None), ("PostgreSQL", Some("--postgres"))] {
        let mut cmd = Command::new(replica);
        cmd.args(["study-server", "load-test", "--participants", PARTICIPANTS])
            .args(["--seconds", SECONDS])
            .args(extra);
        let out = output(&mut cmd, |code| code == 0 || code == 1)?;
        let report: serde_json::Value =
            serde_json::from_slice(&out).context("reading the load test's report")?;
        let number = |key: &str| report[key].as_f64().unwrap_or(f64::NAN);
        let latency = |key: &str| report["latency_ms"][key].as_f64().unwrap_or(f64::NAN);
        let lost = report["lost"].as_u64().unwrap_or(u64::MAX)
            + report["duplicates"].as_u64().unwrap_or(u64::MAX)
            + report["mismatched"].as_u64().unwrap_or(u64::MAX);
        let mut row = Row::new(
            "6",
            format!(
                "study server on {name}: {PARTICIPANTS} participants upload for {SECONDS} s, \
                 server killed and restarted once (one run; {} requests, {} failed while down)",
                report["requests"], report["failed_attempts"]
            ),
        );
        row.median = format!("p50 {:.1} ms", latency("p50"));
        row.rate = format!("{:.0} events/s", number("events_per_second"));
        row.ratio = format!(
            "p90 {:.1} ms, p99 {:.1} ms, max {:.0} ms",
            latency("p90"),
            latency("p99"),
            latency("max")
        );
        row.goal = "no acknowledged event lost or stored twice".into();
        row.met = Some(lost == 0);
        rows.push(row);
    }
    Ok(())
}
