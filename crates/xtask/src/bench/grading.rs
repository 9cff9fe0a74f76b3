//! Figure 2, grading overhead: 1,000 tiny `wc` cases graded in one process (on every
//! core, and on one thread for comparison; with wasmtime's pooling allocator and without) by
//! `replica_judge::prepare` (the reference's runs) and `grade` (the candidate's runs and the
//! comparison), measured by `crates/cli/examples/grade-throughput.rs`. The anchor is a
//! harness that starts a process per run, as one built on `wasmtime run` or a container
//! does: `bench/wasmtime-peer` run twice per case (reference, then candidate).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use super::{Options, Row, median_of, output, timed};

/// Tiny cases graded in process.
const CASES: usize = 1000;

/// Cases run as processes: each costs two process starts and two JIT compilations.
const SPAWNED: usize = 30;

/// Cases a second the in-process grader should reach, both runs of a case counted.
const GOAL: f64 = 20_000.0;

/// The task and the example (which must solve it) graded.
const TASK: &str = "wc";
const EXAMPLE: &str = "correct";

pub(super) fn figure(
    root: &Path,
    options: Options,
    replica: &Path,
    peer: &Path,
    rows: &mut Vec<Row>,
) -> Result<()> {
    let tool = root.join("target/release/examples/grade-throughput");
    // The 1,000 cases graded in process with `extra` arguments: the total time.
    let variant = |extra: &[&str]| -> Result<f64> {
        let out = output(
            Command::new(&tool)
                .arg(root.join("target/site/tasks"))
                .args([TASK, EXAMPLE])
                .args(["--cases", &CASES.to_string()])
                .args(["--runs", &options.runs.to_string()])
                .args(["--spawned", "0"])
                .args(extra),
            |code| code == 0,
        )?;
        total(&serde_json::from_slice(&out).context("reading grade-throughput's output")?)
    };
    // The interpreter behind every engine, in process, for comparison.
    let wasmi_total = variant(&["--engine", "wasmi"])?;
    // The default engine on one thread, and with wasmtime's instances made on demand
    // rather than from its pool: what parallel cases and pooling each bring.
    let one_thread = variant(&["--threads", "1"])?;
    let compiled_one_thread = variant(&["--threads", "1", "--engine", "wasmtime-only"])?;
    let compiled_no_pool = variant(&["--engine", "wasmtime-only", "--no-pool"])?;
    // Every run compiled: what tiering is measured against.
    let compiled_total = variant(&["--engine", "wasmtime-only"])?;
    let out = output(
        Command::new(&tool)
            .arg(root.join("target/site/tasks"))
            .args([TASK, EXAMPLE])
            .args(["--cases", &CASES.to_string()])
            .args(["--runs", &options.runs.to_string()])
            .args(["--spawned", &SPAWNED.to_string()])
            .arg("--peer")
            .arg(peer)
            .arg("--replica")
            .arg(replica),
        |code| code == 0,
    )?;
    let json: serde_json::Value =
        serde_json::from_slice(&out).context("reading grade-throughput's output")?;
    let field = |name: &str| {
        json[name]
            .as_f64()
            .with_context(|| format!("grade-throughput printed no `{name}`"))
    };
    let reference = field("reference_s")?;
    let candidate = field("candidate_s")?;
    let peer_case = field("peer_case_s")?;
    let replica_case = field("replica_case_s")?;

    // wasmtime in one process, the module compiled once, a fresh instance per run: what a
    // wasmtime-based grader could reach per run, before any comparison or report.
    let module = root.join(format!("target/site/tasks/{TASK}/examples/{EXAMPLE}.wasm"));
    let mut per_run = Vec::new();
    for _ in 0..options.runs {
        let time = |k: u32| {
            timed(|| {
                output(
                    Command::new(peer)
                        .args(["--repeat", &k.to_string()])
                        .arg(&module)
                        .arg("-l"),
                    |code| code == 0,
                )
            })
            .map(|(d, _)| d.as_secs_f64())
        };
        per_run.push((time(1001)? - time(1)?) / 1000.0);
    }
    let jit_run = median_of(per_run);

    let anchor = 1.0 / peer_case;
    let n = CASES as f64;
    let mut add = |what: String, median: String, cases_per_s: f64, goal: bool| {
        let mut row = Row::new("2", what);
        row.median = median;
        let short = |x: f64| {
            if x < 100.0 {
                format!("{x:.1}")
            } else {
                format!("{x:.0}")
            }
        };
        row.rate = format!("{} cases/s", short(cases_per_s));
        row.ratio = format!("{}× anchor rate", short(cases_per_s / anchor));
        if goal {
            row.goal = "≥ 20,000 cases/s".into();
            row.met = Some(cases_per_s >= GOAL);
        }
        rows.push(row);
    };
    add(
        format!(
            "{CASES} tiny `{TASK}` cases in one process, on the default engine (wasmtime after \
             tiering): `prepare` (reference runs) + `grade` (candidate runs, compare, report), \
             both modules' compilation included; both runs of a case counted"
        ),
        format!("{:.3} s", reference + candidate),
        n / (reference + candidate),
        true,
    );
    add(
        "same, `grade` alone (candidate runs, compare, report; reference outcomes prepared)".into(),
        format!("{candidate:.3} s"),
        n / candidate,
        false,
    );
    add(
        "same `prepare` + `grade`, every run compiled (`--engine wasmtime-only`)".into(),
        format!("{compiled_total:.3} s"),
        n / compiled_total,
        false,
    );
    add(
        "same `prepare` + `grade`, default engine, one thread (`--threads 1`; the default is \
         every core)"
            .into(),
        format!("{one_thread:.3} s"),
        n / one_thread,
        false,
    );
    add(
        "same `prepare` + `grade`, every run compiled, one thread".into(),
        format!("{compiled_one_thread:.3} s"),
        n / compiled_one_thread,
        false,
    );
    add(
        "same `prepare` + `grade`, every run compiled, instances on demand instead of \
         wasmtime's pooling allocator (`--no-pool`)"
            .into(),
        format!("{compiled_no_pool:.3} s"),
        n / compiled_no_pool,
        false,
    );
    add(
        "same `prepare` + `grade` on wasmi (`--engine wasmi`, the interpreter behind every engine)"
            .into(),
        format!("{wasmi_total:.3} s"),
        n / wasmi_total,
        false,
    );
    add(
        format!(
            "one process per run: `wasmtime-peer MODULE ARGS` for the reference and the \
             candidate, stdout compared ({SPAWNED} cases): **anchor**"
        ),
        format!("{:.1} ms/case", peer_case * 1e3),
        anchor,
        false,
    );
    add(
        format!("one process per run: `replica exec` twice per case ({SPAWNED} cases)"),
        format!("{:.1} ms/case", replica_case * 1e3),
        1.0 / replica_case,
        false,
    );
    add(
        "for the plan: wasmtime in one process, module compiled once, a fresh instance per \
         run (2 runs a case; empty stdin, output discarded, nothing compared)"
            .into(),
        format!("{:.1} µs/run", jit_run * 1e6),
        1.0 / (2.0 * jit_run),
        false,
    );
    Ok(())
}

/// `reference_s + candidate_s` of a grade-throughput report.
fn total(json: &serde_json::Value) -> Result<f64> {
    ["reference_s", "candidate_s"]
        .iter()
        .map(|name| {
            json[*name]
                .as_f64()
                .with_context(|| format!("grade-throughput printed no `{name}`"))
        })
        .sum()
}
