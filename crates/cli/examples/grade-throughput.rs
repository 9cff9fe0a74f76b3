//! Grading overhead, for `cargo xtask bench`: how many tiny cases a second Replica grades
//! in one process, against a harness that starts one process per run (the way one built
//! on `wasmtime run` or a container works).
//!
//! ```text
//! grade-throughput PACK TASK EXAMPLE [--cases N] [--runs R] [--spawned M]
//!                  [--peer WASMTIME_PEER] [--replica REPLICA] [--engine wasmtime|wasmtime-only|wasmi]
//!                  [--threads T] [--no-pool]
//! ```
//!
//! `PACK` is the site's task pack (`target/site/tasks`, written by `cargo xtask build`).
//! The task's own `task.toml` is kept but its cases are replaced by `N` tiny ones (a line
//! or two on stdin, a few argument sets, no hidden cases), so the figure is the per-case
//! overhead rather than the programs' work. In process, `prepare` runs the reference on
//! every case and `grade` runs `EXAMPLE` (which must solve the task) and judges it; both
//! are timed, `R` times each. Spawned, each of the first `M` cases runs the reference and
//! the example as two processes of the given binary (`wasmtime-peer MODULE ARGS` or
//! `replica exec MODULE -- ARGS`) with the case's stdin, and their stdout is compared.
//!
//! `--no-pool` runs wasmtime's instances on demand instead of from its pooling allocator
//! (`replica_sandbox::set_pooling`), for comparison. `--threads` sets the grading threads (`replica_judge::set_threads`; default
//! `REPLICA_THREADS`, else every core). Prints one JSON object of medians in seconds:
//! `reference_s`, `candidate_s` (whole phases of N runs), `peer_case_s`, `replica_case_s`
//! (one case, two processes), and the `threads` used.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use replica_judge::sandbox::Engine;
use replica_judge::{GradeOptions, TaskBundle, grade, prepare};

struct Options {
    pack: PathBuf,
    task: String,
    example: String,
    cases: usize,
    runs: usize,
    spawned: usize,
    peer: Option<PathBuf>,
    replica: Option<PathBuf>,
    engine: Engine,
    threads: usize,
    pool: bool,
}

fn parse() -> Result<Options> {
    let mut positional = Vec::new();
    let mut options = Options {
        pack: PathBuf::new(),
        task: String::new(),
        example: String::new(),
        cases: 1000,
        runs: 5,
        spawned: 40,
        peer: None,
        replica: None,
        engine: Engine::default(),
        threads: 0,
        pool: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--cases" => options.cases = value()?.parse()?,
            "--runs" => options.runs = value()?.parse()?,
            "--spawned" => options.spawned = value()?.parse()?,
            "--threads" => options.threads = value()?.parse()?,
            "--no-pool" => options.pool = false,
            "--peer" => options.peer = Some(value()?.into()),
            "--replica" => options.replica = Some(value()?.into()),
            "--engine" => {
                let name = value()?;
                options.engine = Engine::from_name(&name).with_context(|| {
                    format!("--engine {name}: wasmtime, wasmtime-only or wasmi")
                })?;
            }
            flag if flag.starts_with("--") => bail!("unknown flag {flag}"),
            _ => positional.push(arg),
        }
    }
    let [pack, task, example] = <[String; 3]>::try_from(positional)
        .map_err(|_| anyhow::anyhow!("usage: grade-throughput PACK TASK EXAMPLE [flags]"))?;
    ensure!(
        options.runs > 0 && options.cases > 0,
        "--runs and --cases must be positive"
    );
    options.pack = pack.into();
    options.task = task;
    options.example = example;
    Ok(options)
}

/// One tiny case: arguments and stdin.
struct Tiny {
    args: Vec<&'static str>,
    stdin: String,
}

/// `n` tiny cases, different enough that no output is cached anywhere.
fn tiny_cases(n: usize) -> Vec<Tiny> {
    const ARGS: [&[&str]; 5] = [&[], &["-l"], &["-w"], &["-c"], &["-lw"]];
    const WORDS: [&str; 8] = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
    ];
    (0..n)
        .map(|i| Tiny {
            args: ARGS[i % ARGS.len()].to_vec(),
            stdin: format!(
                "{} {} {i}\n{}\n",
                WORDS[i % 8],
                WORDS[(i / 8) % 8],
                WORDS[(i / 64) % 8]
            ),
        })
        .collect()
}

/// The task's `task.toml` up to its first case, with no hidden cases, then `cases`.
fn task_toml(original: &str, cases: &[Tiny]) -> String {
    let head = original.split("\n[[case]]").next().unwrap_or(original);
    let mut out = String::new();
    for line in head.lines() {
        if line.trim_start().starts_with("hidden ") || line.trim_start().starts_with("hidden=") {
            out.push_str("hidden = 0\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    for (i, case) in cases.iter().enumerate() {
        let args: Vec<String> = case.args.iter().map(|a| format!("{a:?}")).collect();
        out.push_str(&format!(
            "\n[[case]]\nname = \"tiny {i}\"\nargs = [{}]\nstdin = {:?}\n",
            args.join(", "),
            case.stdin
        ));
    }
    out
}

#[allow(clippy::disallowed_methods)] // A benchmark measures wall time by definition.
fn timed<T>(f: impl FnOnce() -> Result<T>) -> Result<(Duration, T)> {
    let start = std::time::Instant::now();
    let value = f()?;
    Ok((start.elapsed(), value))
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

/// Runs `cmd` with `stdin` and returns its stdout; it must exit 0.
fn spawn(cmd: &mut Command, stdin: &[u8]) -> Result<Vec<u8>> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {cmd:?}"))?;
    child.stdin.take().expect("piped").write_all(stdin)?;
    let out = child.wait_with_output()?;
    ensure!(
        out.status.success(),
        "{cmd:?} failed with {}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(out.stdout)
}

/// Median time of one case run as two processes (reference, then example) by `command`.
fn spawned_case(
    cases: &[Tiny],
    reference: &Path,
    example: &Path,
    command: impl Fn(&Path, &[&str]) -> Command,
) -> Result<f64> {
    let mut times = Vec::with_capacity(cases.len());
    for case in cases {
        let (time, ()) = timed(|| {
            let expected = spawn(&mut command(reference, &case.args), case.stdin.as_bytes())?;
            let actual = spawn(&mut command(example, &case.args), case.stdin.as_bytes())?;
            ensure!(expected == actual, "the example differs from the reference");
            Ok(())
        })?;
        times.push(time);
    }
    Ok(median(times))
}

fn main() -> Result<()> {
    let options = parse()?;
    if let Err(why) = replica_judge::threads_from_env() {
        bail!("{why}");
    }
    replica_judge::set_threads(options.threads);
    replica_judge::sandbox::set_pooling(options.pool);
    let dir = options.pack.join(&options.task);
    let read =
        |path: PathBuf| std::fs::read(&path).with_context(|| format!("reading {}", path.display()));
    let original = String::from_utf8(read(dir.join("task.toml"))?)?;
    let cases = tiny_cases(options.cases);
    let toml = task_toml(&original, &cases);
    let reference_path = dir.join("reference.wasm");
    let example_path = dir
        .join("examples")
        .join(format!("{}.wasm", options.example));
    let bundle = TaskBundle::new(
        &toml,
        &format!("{}/task.toml", options.task),
        String::new(),
        read(reference_path.clone())?,
        read(dir.join("generator.wasm"))?,
    )
    .context("the rewritten task")?;
    let example = read(example_path.clone())?;
    let grade_options = GradeOptions {
        seed: 1,
        hidden: None,
        engine: options.engine,
    };

    let mut reference_times = Vec::new();
    let mut candidate_times = Vec::new();
    for _ in 0..options.runs {
        let (time, prepared) = timed(|| Ok(prepare(&bundle, grade_options, &mut |_| {})?))?;
        ensure!(
            prepared.cases.len() == options.cases,
            "expected {} cases",
            options.cases
        );
        reference_times.push(time);
        let (time, report) = timed(|| Ok(grade(&prepared, &example, &mut |_| {})))?;
        ensure!(
            report.solved,
            "{} does not solve the tiny cases (reward {})",
            options.example,
            report.reward
        );
        candidate_times.push(time);
    }
    let mut out = serde_json::json!({
        "cases": options.cases,
        "threads": replica_judge::threads(),
        "pool": options.pool,
        "reference_s": median(reference_times),
        "candidate_s": median(candidate_times),
    });
    let some = &cases[..options.spawned.min(cases.len())];
    if let Some(peer) = &options.peer {
        out["peer_case_s"] = spawned_case(some, &reference_path, &example_path, |module, args| {
            let mut cmd = Command::new(peer);
            cmd.arg(module).args(args);
            cmd
        })?
        .into();
    }
    if let Some(replica) = &options.replica {
        let program = options.task.clone();
        out["replica_case_s"] =
            spawned_case(some, &reference_path, &example_path, |module, args| {
                let mut cmd = Command::new(replica);
                cmd.arg("exec")
                    .arg(module)
                    .args(["--program", &program, "--"])
                    .args(args);
                cmd
            })?
            .into();
    }
    println!("{out}");
    Ok(())
}
