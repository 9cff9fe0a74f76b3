//! `cargo xtask bench [--runs N] [--no-browser] [--only FIGURES]`: figures measured in one
//! run, each a median over several runs, with its ratio to an anchor and the goal it is
//! held against, printed as one table. `--only 1,2` measures just those figures (figures
//! 3 to 5 come from one browser session, so any of them measures the three). Benchmarks print numbers; they never fail on a time (only on a
//! program that does not do its job).
//!
//! 1. Sandbox compute: the sha256sum reference hashing 16 MiB of stdin natively (SHA-NI;
//!    portable, the anchor), in Replica's sandbox (`replica exec`, with a warm compile
//!    cache and without one), and under wasmtime
//!    (`bench/wasmtime-peer`, unmetered and with fuel metering).
//! 2. Grading overhead: 1,000 tiny cases of `wc` graded in one process
//!    (`crates/cli/examples/grade-throughput.rs`), against one process per run.
//! 3. Grading a whole task (every example, the task's hidden count): the CLI against
//!    headless Chromium (`tests/e2e/bench.cjs`).
//! 4. The web app's size: wasm and JS, raw and gzipped, page and worker apart.
//! 5. Cold start: a fresh browser context until the first task page answers a click.
//! 6. The study server under load: 200 simulated participants uploading for 10 s, the
//!    server killed and restarted halfway, on SQLite and on PostgreSQL (`study.rs`).
//! 7. Models and RL: `run_reference` over MCP, the Python package against Rust in one
//!    process, the Ray recipe with 1 and 2 actors (`bench/agents.rs`).
//! 8. Language runtimes: CPython's and QuickJS-NG's start-up (fuel, time) and grading
//!    base64 with the Python and JavaScript examples natively (`bench/runtimes.rs`).

mod agents;
mod compute;
mod grading;
mod page;
mod runtimes;
mod study;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::{build, run_cmd};

/// Options of one bench run.
#[derive(Debug, Clone, Copy)]
struct Options {
    /// Runs per figure; the median is reported.
    runs: usize,
    /// Skip figures 3-5 (no site build, no Chromium).
    browser: bool,
    /// The figures to measure (bit `n` for figure `n`); every figure when not limited.
    only: u32,
}

/// Every figure, 1 to 8.
const ALL_FIGURES: u32 = 0b1_1111_1110;

impl Options {
    /// Whether figure `n` is measured.
    fn wants(self, n: u32) -> bool {
        self.only & (1 << n) != 0
    }
}

/// `--only`'s list: figure numbers from 1 to 8, separated by commas.
fn parse_figures(list: &str) -> Result<u32> {
    let mut figures = 0;
    for item in list.split(',') {
        let n: u32 = item
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=8).contains(n))
            .with_context(|| {
                format!(
                    "--only {list}: `{item}` is not a figure number from 1 to 8 (e.g. --only 1,2)"
                )
            })?;
        figures |= 1 << n;
    }
    Ok(figures)
}

/// One line of the table.
#[derive(Debug)]
struct Row {
    figure: &'static str,
    what: String,
    /// The median, with its unit.
    median: String,
    /// A rate derived from the median (MB/s, cases/s), or a size.
    rate: String,
    /// Relative to the figure's anchor, saying which way is better.
    ratio: String,
    goal: String,
    met: Option<bool>,
}

impl Row {
    fn new(figure: &'static str, what: impl Into<String>) -> Row {
        Row {
            figure,
            what: what.into(),
            median: String::new(),
            rate: String::new(),
            ratio: String::new(),
            goal: String::new(),
            met: None,
        }
    }
}

pub fn bench(root: &Path, args: &[String]) -> Result<()> {
    let mut options = Options {
        runs: 5,
        browser: true,
        only: ALL_FIGURES,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                options.runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .context("--runs needs a positive number")?
            }
            "--no-browser" => options.browser = false,
            "--only" => {
                options.only = parse_figures(
                    args.next()
                        .context("--only needs figure numbers, e.g. --only 1,2")?,
                )?
            }
            other => bail!(
                "unknown argument `{other}` \
                 (usage: cargo xtask bench [--runs N] [--no-browser] [--only 1,2,...])"
            ),
        }
    }
    let tasks = build::build_all(root)?;
    run_cmd(Command::new("cargo").args([
        "build",
        "--release",
        "-p",
        "replica-cli",
        "--bins",
        "--example",
        "grade-throughput",
    ]))?;
    let replica = root.join("target/release/replica");

    let mut rows = Vec::new();
    let mut anchor_mbps = None;
    if options.wants(1) || options.wants(2) {
        let peer = build_peer(root)?;
        if options.wants(1) {
            anchor_mbps = Some(compute::figure(root, options, &replica, &peer, &mut rows)?);
        }
        if options.wants(2) {
            grading::figure(root, options, &replica, &peer, &mut rows)?;
        }
    }
    if options.browser && (options.wants(3) || options.wants(4) || options.wants(5)) {
        page::figures(root, options, &replica, &tasks, anchor_mbps, &mut rows)?;
    }
    if options.wants(6) {
        study::figure(&replica, &mut rows)?;
    }
    if options.wants(7) {
        agents::figure(root, options, &replica, &mut rows)?;
    }
    if options.wants(8) {
        runtimes::figure(root, options, &replica, &mut rows)?;
    }
    // Figures in order; a stable sort keeps each figure's rows as they were added.
    rows.sort_by_key(|row| row.figure);
    print_table(options, &rows);
    Ok(())
}

/// Builds `bench/wasmtime-peer` in release, into `target/bench-peer/`; the first build
/// compiles wasmtime and takes a few minutes.
fn build_peer(root: &Path) -> Result<PathBuf> {
    run_cmd(
        Command::new("cargo")
            .args(["build", "--release", "--manifest-path"])
            .arg(root.join("bench/wasmtime-peer/Cargo.toml"))
            .env("CARGO_TARGET_DIR", root.join("target/bench-peer")),
    )
    .context("building the wasmtime peer (bench/wasmtime-peer)")?;
    Ok(root.join("target/bench-peer/release/wasmtime-peer"))
}

fn print_table(options: Options, rows: &[Row]) {
    println!();
    println!(
        "| # | measurement (median of {} runs) | median | rate | ratio | goal | met |",
        options.runs
    );
    println!("|---|---|---|---|---|---|---|");
    for row in rows {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "",
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {met} |",
            row.figure, row.what, row.median, row.rate, row.ratio, row.goal
        );
    }
}

fn median(runs: usize, mut f: impl FnMut() -> Result<Duration>) -> Result<Duration> {
    let mut times = (0..runs).map(|_| f()).collect::<Result<Vec<_>>>()?;
    times.sort();
    Ok(times[runs / 2])
}

/// The median of measured values.
fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Wall time of `f`.
#[allow(clippy::disallowed_methods)] // A benchmark measures wall time by definition.
fn timed<T>(f: impl FnOnce() -> Result<T>) -> Result<(Duration, T)> {
    let start = std::time::Instant::now();
    let value = f()?;
    Ok((start.elapsed(), value))
}

/// `cmd`'s stdout; it must exit with a status `ok` accepts.
fn output(cmd: &mut Command, ok: impl Fn(i32) -> bool) -> Result<Vec<u8>> {
    let out = cmd
        .output()
        .with_context(|| format!("starting {}", crate::show(cmd)))?;
    if !out.status.code().is_some_and(ok) {
        bail!(
            "`{}` failed with {}: {}",
            crate::show(cmd),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(out.stdout)
}
