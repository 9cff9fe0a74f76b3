//! Figure 1, sandbox compute: the sha256sum reference hashing 16 MiB of stdin, natively
//! and as wasm in Replica's sandbox and under wasmtime. The anchor is the same source built
//! natively on sha2's portable code path: wasm has no SHA instructions, so that is what an
//! engine can at best reach.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::{Options, Row, median};
use crate::run_cmd;

/// Bytes hashed.
const HASH_BYTES: usize = 16 << 20;

/// Fuel for hashing 16 MiB: it takes about 1.3 billion, over the default budget.
const FUEL: &str = "100000000000";

/// The sandbox should reach a third of the portable native speed.
pub(super) const GOAL: f64 = 1.0 / 3.0;

pub(super) fn figure(
    root: &Path,
    options: Options,
    replica: &Path,
    peer: &Path,
    rows: &mut Vec<Row>,
) -> Result<f64> {
    let native = root.join("target/release/sha256sum-reference");
    let module = root.join("target/wasm32-wasip1/release/sha256sum-reference.wasm");
    let input = input();
    let runs = options.runs;

    run_cmd(Command::new("cargo").args(["build", "--release", "-p", "sha256sum-reference"]))?;
    let expected = hash_output(Command::new(&native).arg("-"), &input)?;
    let check = |cmd: &mut Command| -> Result<Duration> {
        let (time, out) = time_stdin(cmd, &input)?;
        if out != expected {
            bail!(
                "{cmd:?} printed {:?}, not the native hash",
                String::from_utf8_lossy(&out)
            );
        }
        Ok(time)
    };
    let native_time = median(runs, || check(Command::new(&native).arg("-")))?;
    // The same source on sha2's portable code path, without the SHA-NI instructions that
    // wasm cannot use: the fair anchor for an engine.
    run_cmd(Command::new("cargo").args([
        "build",
        "--release",
        "-p",
        "sha256sum-reference",
        "--features",
        "sha2/force-soft",
    ]))?;
    let portable_time = median(runs, || check(Command::new(&native).arg("-")))?;
    // The CLI's compile cache, in a folder of the bench's own: the first run fills it and
    // the median is of warm runs, as a user's second `replica` command is. `off` for
    // none, to show what the cache saves.
    let cache_dir = root.join("target/bench-compile-cache");
    let _ = std::fs::remove_dir_all(&cache_dir);
    let sandbox_cached = |engine: &str, cache: bool| {
        let mut cmd = Command::new(replica);
        if cache {
            cmd.env("REPLICA_CACHE_DIR", &cache_dir);
        } else {
            cmd.env("REPLICA_CACHE_DIR", "off");
        }
        cmd.arg("exec").arg(&module).args([
            "--engine",
            engine,
            "--program",
            "sha256sum",
            "--fuel",
            FUEL,
            "--",
            "-",
        ]);
        cmd
    };
    let sandbox = |engine: &str| sandbox_cached(engine, true);
    let wasmtime = || {
        let mut cmd = Command::new(peer);
        cmd.arg(&module).arg("-");
        cmd
    };
    let metered = || {
        let mut cmd = Command::new(peer);
        cmd.args(["--fuel", FUEL]).arg(&module).arg("-");
        cmd
    };
    // The same commands on empty stdin: process start, module load and compilation.
    let start_up = |cmd: &mut Command| -> Result<Duration> { Ok(time_stdin(cmd, &[])?.0) };
    let sandbox_time = median(runs, || check(&mut sandbox("wasmtime")))?;
    let sandbox_start = median(runs, || start_up(&mut sandbox("wasmtime")))?;
    let compiled_time = median(runs, || check(&mut sandbox("wasmtime-only")))?;
    let compiled_start = median(runs, || start_up(&mut sandbox("wasmtime-only")))?;
    let uncached_time = median(runs, || check(&mut sandbox_cached("wasmtime-only", false)))?;
    let uncached_start = median(runs, || {
        start_up(&mut sandbox_cached("wasmtime-only", false))
    })?;
    let wasmi_time = median(runs, || check(&mut sandbox("wasmi")))?;
    let wasmi_start = median(runs, || start_up(&mut sandbox("wasmi")))?;
    let wasmtime_time = median(runs, || check(&mut wasmtime()))?;
    let wasmtime_start = median(runs, || start_up(&mut wasmtime()))?;
    let metered_time = median(runs, || check(&mut metered()))?;
    let metered_start = median(runs, || start_up(&mut metered()))?;

    let mbps = |d: Duration| HASH_BYTES as f64 / 1e6 / d.as_secs_f64();
    let speed = |d: Duration| portable_time.as_secs_f64() / d.as_secs_f64();
    let wasm = "same module (wasm32-wasip1)";
    for (what, time, start, goal) in [
        (
            "sha256sum reference, 16 MiB stdin, native x86-64 (SHA-NI when the CPU has it)"
                .to_owned(),
            native_time,
            None,
            false,
        ),
        (
            "same source, native, sha2 `force-soft` (portable): **anchor**".to_owned(),
            portable_time,
            None,
            false,
        ),
        (
            format!(
                "{wasm} in Replica's sandbox, metered, on wasmtime after tiering (`replica exec`, \
                 the default engine: wasmi while Cranelift compiles, then redone compiled; \
                 compiled at once when the compile cache has the module, as here)"
            ),
            sandbox_time,
            Some(sandbox_start),
            true,
        ),
        (
            format!(
                "{wasm} in Replica's sandbox, metered, compiled before it runs (`replica exec \
                 --engine wasmtime-only`)"
            ),
            compiled_time,
            Some(compiled_start),
            false,
        ),
        (
            format!(
                "{wasm}, same, without the compile cache (`REPLICA_CACHE_DIR=off`: Cranelift \
                 compiles in every process)"
            ),
            uncached_time,
            Some(uncached_start),
            false,
        ),
        (
            format!(
                "{wasm} in Replica's sandbox, metered, on wasmi (`replica exec --engine wasmi`, the interpreter behind every engine)"
            ),
            wasmi_time,
            Some(wasmi_start),
            false,
        ),
        (
            format!("{wasm} under wasmtime 48 (Cranelift JIT, `bench/wasmtime-peer`), no metering"),
            wasmtime_time,
            Some(wasmtime_start),
            false,
        ),
        (
            format!("{wasm} under wasmtime 48 with fuel metering on"),
            metered_time,
            Some(metered_start),
            false,
        ),
    ] {
        let mut row = Row::new("1", what);
        row.median = format!("{:.3} s", time.as_secs_f64());
        row.rate = format!("{:.1} MB/s", mbps(time));
        // Whole processes are compared; start-up (load, compile) is shown apart, with the
        // hashing speed net of it, since a grader compiles a module once for all its cases.
        if let Some(start) = start {
            row.rate = format!(
                "{} ({:.3} s start-up; {:.1} MB/s net of it)",
                row.rate,
                start.as_secs_f64(),
                mbps(time.saturating_sub(start))
            );
        }
        row.ratio = format!("{:.3}× anchor speed", speed(time));
        if goal {
            row.goal = "≥ 0.333× anchor speed".into();
            row.met = Some(speed(time) >= GOAL);
        }
        rows.push(row);
    }
    Ok(mbps(portable_time))
}

/// Deterministic pseudo-random input, so every run hashes the same bytes.
fn input() -> Vec<u8> {
    let mut input = Vec::with_capacity(HASH_BYTES);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    while input.len() < HASH_BYTES {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        input.extend_from_slice(&state.to_le_bytes());
    }
    input
}

fn hash_output(cmd: &mut Command, input: &[u8]) -> Result<Vec<u8>> {
    Ok(time_stdin(cmd, input)?.1)
}

/// Wall time of `cmd` with `input` on stdin, and its stdout; it must succeed.
#[allow(clippy::disallowed_methods)] // A benchmark measures wall time by definition.
fn time_stdin(cmd: &mut Command, input: &[u8]) -> Result<(Duration, Vec<u8>)> {
    let start = std::time::Instant::now();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {cmd:?}"))?;
    child.stdin.take().expect("piped").write_all(input)?;
    let out = child.wait_with_output()?;
    let elapsed = start.elapsed();
    if !out.status.success() {
        bail!("{cmd:?} failed with {}", out.status);
    }
    Ok((elapsed, out.stdout))
}
