//! `cargo xtask bench`: figures measured in one run, each a median over several runs,
//! with its ratio to an anchor. Benchmarks print numbers; they never fail on a time.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::{build, run_cmd};

/// Runs per figure; the median is reported.
const RUNS: usize = 5;

/// Bytes hashed by the compute benchmark.
const HASH_BYTES: usize = 16 << 20;

pub fn bench(root: &Path, _args: &[String]) -> Result<()> {
    build::build_all(root)?;
    run_cmd(Command::new("cargo").args([
        "build",
        "--release",
        "-p",
        "replica-cli",
        "-p",
        "sha256sum-reference",
    ]))?;
    let replica = root.join("target/release/replica");
    let native = root.join("target/release/sha256sum-reference");
    let module = root.join("target/wasm32-wasip1/release/sha256sum-reference.wasm");

    // Deterministic pseudo-random input, so every run hashes the same bytes.
    let mut input = Vec::with_capacity(HASH_BYTES);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    while input.len() < HASH_BYTES {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        input.extend_from_slice(&state.to_le_bytes());
    }

    let native_time = median(RUNS, || time_stdin(Command::new(&native).arg("-"), &input))?;
    // The same source on sha2's portable code path, without the SHA-NI instructions that
    // wasm cannot use: the fair anchor for an interpreter.
    run_cmd(Command::new("cargo").args([
        "build",
        "--release",
        "-p",
        "sha256sum-reference",
        "--features",
        "sha2/force-soft",
    ]))?;
    let portable_time = median(RUNS, || time_stdin(Command::new(&native).arg("-"), &input))?;
    let sandbox_time = median(RUNS, || {
        time_stdin(
            Command::new(&replica).arg("exec").arg(&module).args([
                "--program",
                "sha256sum",
                // Hashing 16 MiB takes about 1.3 billion fuel, over the default budget.
                "--fuel",
                "100000000000",
                "--",
                "-",
            ]),
            &input,
        )
    })?;
    let mbps = |d: Duration| HASH_BYTES as f64 / 1e6 / d.as_secs_f64();
    let ratio = |d: Duration| portable_time.as_secs_f64() / d.as_secs_f64();
    println!("| figure | median of {RUNS} | MB/s | speed relative to portable native |");
    println!("|---|---|---|---|");
    for (name, time) in [
        (
            "sha256sum reference, 16 MiB stdin, native x86-64 (SHA-NI when the CPU has it)",
            native_time,
        ),
        (
            "same source, native x86-64, sha2 `force-soft` (portable, the anchor)",
            portable_time,
        ),
        (
            "same source as wasm32-wasip1 in Replica's sandbox (`replica exec`)",
            sandbox_time,
        ),
    ] {
        println!(
            "| {name} | {:.3} s | {:.1} | {:.3} |",
            time.as_secs_f64(),
            mbps(time),
            ratio(time)
        );
    }
    Ok(())
}

fn median(runs: usize, mut f: impl FnMut() -> Result<Duration>) -> Result<Duration> {
    let mut times = (0..runs).map(|_| f()).collect::<Result<Vec<_>>>()?;
    times.sort();
    Ok(times[runs / 2])
}

/// Wall time of `cmd` with `input` on stdin; its output is checked for success only.
#[allow(clippy::disallowed_methods)] // A benchmark measures wall time by definition.
fn time_stdin(cmd: &mut Command, input: &[u8]) -> Result<Duration> {
    let start = std::time::Instant::now();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {cmd:?}"))?;
    child.stdin.take().unwrap().write_all(input)?;
    let out = child.wait_with_output()?;
    let elapsed = start.elapsed();
    if !out.status.success() {
        bail!("{cmd:?} failed with {}", out.status);
    }
    Ok(elapsed)
}
