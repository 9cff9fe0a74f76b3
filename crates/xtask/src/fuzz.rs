//! `cargo xtask fuzz`: runs every fuzz target in `fuzz/` for a bounded time with
//! cargo-fuzz (libFuzzer), growing the corpus under `fuzz/corpus/<target>/` and keeping
//! crashing inputs under `fuzz/artifacts/<target>/`.
//!
//! The targets' bodies live in `fuzz/src/targets.rs`, which `cargo test` also runs on
//! every kept input (`crates/cli/tests/properties.rs`), so what a fuzzer finds becomes a
//! regression test by committing the file.
//!
//! libFuzzer's instrumentation needs unstable rustc flags. Rather than require a nightly
//! toolchain, the build runs on the pinned stable one with `RUSTC_BOOTSTRAP=1`. By default
//! it has no sanitizer (`--sanitizer none`): Replica's crates forbid `unsafe`, so their
//! bugs show as panics, and without AddressSanitizer the WASI target runs several times
//! more inputs per second. `--asan` turns it on, for the `unsafe` inside wasmi and the
//! other dependencies. Debug assertions are always on, so integer overflow panics.

use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

use anyhow::{Context, Result, bail};

use crate::{show, tools};

/// The cargo-fuzz release the commands below are written for.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Seconds each target runs when `--seconds` is not given.
const DEFAULT_SECONDS: u64 = 60;

/// libFuzzer's limit on one input's run, in seconds: an input slower than this is kept as
/// a `timeout-*` artifact. Generous, because the machine may be busy.
const INPUT_TIMEOUT_SECONDS: u64 = 30;

/// libFuzzer's memory limit; an input that makes the process exceed it is kept as an
/// `oom-*` artifact. The sandbox's budgets are far smaller, so reaching it is a bug.
const RSS_LIMIT_MB: u64 = 2048;

const USAGE: &str = "\
usage: cargo xtask fuzz [--seconds N] [--keep-corpus] [--asan] [TARGET...]

Runs each fuzz target (all of them unless some are named) for N seconds (default 60),
keeping new inputs in fuzz/corpus/TARGET and crashes in fuzz/artifacts/TARGET. Then
shrinks each corpus to the inputs that add coverage (`cargo fuzz cmin`), so it stays
small enough to commit.
  --seconds N     how long each target runs
  --keep-corpus   skip the shrinking
  --asan          build with AddressSanitizer (slower; checks the dependencies' unsafe code)
";

/// What the command line asked for.
#[derive(Debug)]
struct Options {
    seconds: u64,
    shrink: bool,
    asan: bool,
    targets: Vec<String>,
}

fn parse(args: &[String], known: &[String]) -> Result<Options> {
    let mut options = Options {
        seconds: DEFAULT_SECONDS,
        shrink: true,
        asan: false,
        targets: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args.next().context("--seconds needs a number")?;
                options.seconds = value
                    .parse()
                    .ok()
                    .filter(|&seconds| seconds > 0)
                    .with_context(|| format!("--seconds {value}: expected a positive number"))?;
            }
            "--keep-corpus" => options.shrink = false,
            "--asan" => options.asan = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            name if known.iter().any(|k| k == name) => options.targets.push(name.to_owned()),
            other => bail!(
                "unknown fuzz target or option `{other}`; the targets are: {}\n\n{USAGE}",
                known.join(", ")
            ),
        }
    }
    if options.targets.is_empty() {
        options.targets = known.to_vec();
    }
    Ok(options)
}

/// The fuzz targets: the files in `fuzz/fuzz_targets/`, sorted.
fn targets(root: &Path) -> Result<Vec<String>> {
    let dir = root.join("fuzz/fuzz_targets");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "rs")
            && let Some(stem) = path.file_stem()
        {
            names.push(stem.to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// `cargo fuzz <subcommand> <target>` with the flags every run shares.
fn cargo_fuzz(root: &Path, subcommand: &str, target: &str, options: &Options) -> Command {
    let sanitizer = if options.asan { "address" } else { "none" };
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root)
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", subcommand, "--sanitizer", sanitizer])
        .arg("--debug-assertions")
        .arg(target);
    cmd
}

/// Runs `cmd`, echoing it, with its output appended to `log` (libFuzzer prints a line per
/// new input: too much for a terminal, but what a failure needs).
fn run_logged(cmd: &mut Command, log: &Path) -> Result<ExitStatus> {
    eprintln!(
        "xtask: $ RUSTC_BOOTSTRAP=1 {} >> {}",
        show(cmd),
        log.display()
    );
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("opening {}", log.display()))?;
    cmd.stdout(Stdio::from(file.try_clone()?))
        .stderr(Stdio::from(file))
        .status()
        .with_context(|| format!("starting `{}`", show(cmd)))
}

/// Files in `dir`, or 0 when it does not exist.
fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.filter(Result::is_ok).count())
}

/// The runs libFuzzer reports in its last `Done N runs in S second(s)` line.
fn runs_done(log: &str) -> Option<u64> {
    let line = log.lines().rev().find(|line| line.starts_with("Done "))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the fuzz targets the arguments name; see [`USAGE`].
///
/// # Errors
/// When cargo-fuzz cannot be installed, a target does not build, or a target found a
/// crash (after every target has had its turn).
pub fn fuzz(root: &Path, args: &[String]) -> Result<()> {
    let known = targets(root)?;
    let options = parse(args, &known)?;
    tools::ensure_cargo_tool("cargo-fuzz", "cargo-fuzz", CARGO_FUZZ_VERSION, true)?;
    let logs = root.join("target/fuzz-logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;

    let mut summary = Vec::new();
    let mut crashed = Vec::new();
    for target in &options.targets {
        let corpus = root.join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus)?;
        let artifacts = root.join("fuzz/artifacts").join(target);
        let artifacts_before = count_files(&artifacts);
        let log = logs.join(format!("{target}.log"));
        let _ = std::fs::remove_file(&log);
        let mut cmd = cargo_fuzz(root, "run", target, &options);
        cmd.arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={}", options.seconds))
            .arg(format!("-timeout={INPUT_TIMEOUT_SECONDS}"))
            .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"));
        let status = run_logged(&mut cmd, &log)?;
        let output = std::fs::read_to_string(&log).unwrap_or_default();
        let runs = runs_done(&output).map_or_else(|| "?".to_owned(), |n| n.to_string());
        if !status.success() {
            let tail: Vec<&str> = output.lines().rev().take(40).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            eprintln!("{}", tail.join("\n"));
            let new_artifacts = count_files(&artifacts).saturating_sub(artifacts_before);
            summary.push(format!(
                "{target}: FAILED ({status}) after {runs} runs; {new_artifacts} new files in {}; log {}",
                artifacts.display(),
                log.display()
            ));
            crashed.push(target.clone());
            continue;
        }
        let grown = count_files(&corpus);
        let mut line = format!("{target}: {runs} runs, no crash; corpus {grown} files");
        if options.shrink {
            let status = run_logged(
                cargo_fuzz(root, "cmin", target, &options)
                    .arg(&corpus)
                    // Keep an input for each code edge it reaches first, not for each new
                    // hit count: a third of the files, and the corpus is committed.
                    .args(["--", "-use_counters=0"]),
                &log,
            )?;
            if !status.success() {
                bail!(
                    "`cargo fuzz cmin {target}` failed ({status}); see {}",
                    log.display()
                );
            }
            line.push_str(&format!(", {} after cmin", count_files(&corpus)));
        }
        summary.push(line);
    }
    for line in &summary {
        eprintln!("xtask: fuzz: {line}");
    }
    if !crashed.is_empty() {
        bail!(
            "fuzz targets failed: {}; the inputs are in fuzz/artifacts/ (commit them: \
             `cargo test -p replica-cli --test properties` replays them)",
            crashed.join(", ")
        );
    }
    Ok(())
}
