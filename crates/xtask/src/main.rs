//! `cargo xtask`: the one entry point for building, serving and testing Replica.
//!
//! Every command installs what it needs and is missing (rustup targets, pinned tools,
//! Debian packages when run as root), so a new machine needs nothing but `cargo`.

mod adequacy;
mod bench;
mod build;
mod disk;
mod fuzz;
mod runtimes;
mod test;
mod tidy;
mod tools;
mod web;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  build     build every task's modules (reference, generator, examples) for wasm32-wasip1,
            and the language runtimes
  runtimes  fetch and build the Python and JavaScript runtimes into target/runtimes/
  serve     build everything and serve the playground on http://127.0.0.1:8080
  dist      write a static site to dist/ (works offline and under a sub-path);
            --bundle wc,sha256sum [--reports DIR]: only those tasks, for embedding
  test      run every check: fmt, clippy, unit, integration, differential and browser tests
  e2e       run only the browser tests (headless Chromium)
  bench     print benchmark figures (medians of several runs, with ratios)
  fuzz      run each fuzz target for a while (cargo-fuzz), growing fuzz/corpus
  adequacy  mutation testing of task references: how many injected bugs the cases catch
            (cargo xtask adequacy --help)
";

fn main() {
    if let Err(err) = run() {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    std::env::set_current_dir(&root)
        .with_context(|| format!("entering the project root {}", root.display()))?;
    match args.first().map(String::as_str) {
        Some("build") => build::build_all(&root).map(|_| ()),
        Some("runtimes") => runtimes::build(&root).map(|_| ()),
        Some("serve") => web::serve(&root, &args[1..]),
        Some("dist") => web::dist(&root, &args[1..]),
        Some("test") => test::test(&root, &args[1..]),
        Some("e2e") => web::e2e(&root),
        Some("bench") => bench::bench(&root, &args[1..]),
        Some("fuzz") => fuzz::fuzz(&root, &args[1..]),
        Some("adequacy") => adequacy::adequacy(&root, &args[1..]),
        Some("help" | "-h" | "--help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// The workspace root: xtask lives in `crates/xtask`.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels below the root")
        .to_path_buf()
}

/// Runs `cmd`, echoing it, and fails with its exit status.
fn run_cmd(cmd: &mut Command) -> Result<()> {
    eprintln!("xtask: $ {}", show(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("starting `{}`", show(cmd)))?;
    if !status.success() {
        bail!("`{}` failed with {status}", show(cmd));
    }
    Ok(())
}

fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}
