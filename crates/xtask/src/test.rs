//! `cargo xtask test`: everything CI checks, in order from cheapest to dearest.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::{build, disk, run_cmd, tools, web};

pub fn test(root: &Path, args: &[String]) -> Result<()> {
    disk::warn_if_short(root);
    steps(root, args).map_err(|error| disk::explain(root, error))
}

fn steps(root: &Path, _args: &[String]) -> Result<()> {
    tools::ensure_targets()?;
    tools::ensure_apt(tools::GNU_TOOLS)?;
    // The real tools the references are checked against, as each task's
    // `[conformance] packages` names them.
    let packages = build::conformance_packages(root)?;
    tools::ensure_apt(&packages.iter().map(String::as_str).collect::<Vec<_>>())?;
    tools::ensure_apt(tools::C_TOOLCHAIN)?;
    // The Python package's tests, the MCP client test and the Ray recipe's test run in
    // this environment (crates/cli/tests/python.rs, crates/cli/tests/agents.rs); the Ray test in
    // a network namespace with only loopback (`unshare`, `ip`).
    tools::ensure_apt(tools::PYTHON)?;
    tools::ensure_venv(root)?;
    tools::ensure_apt(tools::DATABASE)?;
    run_cmd(Command::new("cargo").args(["fmt", "--all", "--", "--check"]))?;
    run_cmd(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The crates that run in the browser must also be clean for wasm32.
    run_cmd(Command::new("cargo").args([
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "replica-sandbox",
        "-p",
        "replica-meter",
        "-p",
        "replica-judge",
        "-p",
        "replica-task",
        "-p",
        "replica-web",
        "--",
        "-D",
        "warnings",
    ]))?;
    build::build_all(root)?;
    run_cmd(Command::new("cargo").args(["test", "--workspace"]))?;
    web::e2e(root)?;
    Ok(())
}
