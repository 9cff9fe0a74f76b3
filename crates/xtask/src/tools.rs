//! Installs what a command needs and a machine lacks: rustup targets, pinned cargo tools,
//! npm packages into `target/tools`, and Debian packages (as root).
//!
//! Each `ensure_*` is cheap when the thing is already there, so every command calls the
//! ones it needs instead of relying on a warm machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::run_cmd;

/// The wasm targets: `wasm32-wasip1` for tasks and submissions, `wasm32-unknown-unknown`
/// for the web app.
pub fn ensure_targets() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("running `rustup target list`; install rustup from your distribution")?;
    let installed = String::from_utf8_lossy(&out.stdout);
    let missing: Vec<&str> = ["wasm32-wasip1", "wasm32-unknown-unknown"]
        .into_iter()
        .filter(|t| !installed.lines().any(|l| l.trim() == *t))
        .collect();
    if !missing.is_empty() {
        run_cmd(
            Command::new("rustup")
                .args(["target", "add"])
                .args(&missing),
        )?;
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// Debian packages, installed with apt-get when missing (root only; otherwise a clear error).
pub fn ensure_apt(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !dpkg_installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "missing Debian packages: {}; install them with `sudo apt-get install {}`",
            missing.join(" "),
            missing.join(" ")
        );
    }
    run_cmd(Command::new("apt-get").args(["update", "-q"]))?;
    run_cmd(
        Command::new("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// clang, lld and wasi-libc: builds the C example submissions and test guests.
pub const C_TOOLCHAIN: &[&str] = &["clang", "lld", "wasi-libc", "libclang-rt-14-dev-wasm32"];

/// The real GNU tools the task references are checked against.
pub const GNU_TOOLS: &[&str] = &["coreutils"];

/// Debian's PostgreSQL server: the study server's tests and load figures start a private
/// cluster of it on 127.0.0.1 (`replica_study_server::testing`), never the system's.
pub const DATABASE: &[&str] = &["postgresql"];

/// Debian's Chromium and its driver, for browser tests.
pub const BROWSER: &[&str] = &["chromium", "chromium-driver"];

/// `cargo install`s `krate` at `version` unless `bin --version` already prints it.
pub fn ensure_cargo_tool(bin: &str, krate: &str, version: &str, locked: bool) -> Result<()> {
    let current = Command::new(bin)
        .arg("--version")
        .stderr(Stdio::null())
        .output();
    if let Ok(out) = current
        && String::from_utf8_lossy(&out.stdout).contains(version)
    {
        return Ok(());
    }
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", version]);
    if locked {
        cmd.arg("--locked");
    }
    run_cmd(&mut cmd)
}

/// `cargo install`s `krate` at `version` (locked) unless `cargo SUBCOMMAND --version`
/// already prints it: for cargo plugins whose binary cannot be asked directly.
pub fn ensure_cargo_subcommand(subcommand: &str, krate: &str, version: &str) -> Result<()> {
    let current = Command::new("cargo")
        .args([subcommand, "--version"])
        .stderr(Stdio::null())
        .output();
    if let Ok(out) = current
        && String::from_utf8_lossy(&out.stdout).contains(version)
    {
        return Ok(());
    }
    run_cmd(Command::new("cargo").args(["install", krate, "--version", version, "--locked"]))
}

/// The version of `package` in Cargo.lock (e.g. the wasm-bindgen that wasm-bindgen-cli must match).
pub fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .with_context(|| format!("Cargo.lock has no package `{package}`"))?
        + needle.len();
    let end = lock[start..].find('"').context("malformed Cargo.lock")? + start;
    Ok(lock[start..end].to_owned())
}

/// Installs npm packages (`name@version`) into `target/tools/<dir>` and returns its
/// `node_modules/.bin`.
pub fn ensure_npm(root: &Path, dir: &str, packages: &[&str]) -> Result<PathBuf> {
    let prefix = root.join("target/tools").join(dir);
    let stamp = prefix.join("installed.txt");
    let want = packages.join("\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(want.as_str()) {
        std::fs::create_dir_all(&prefix)?;
        run_cmd(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .args(packages),
        )
        .context("installing npm packages; is Node.js with npm installed?")?;
        std::fs::write(&stamp, want)?;
    }
    Ok(prefix.join("node_modules/.bin"))
}

/// Installs the npm packages a `package.json` and its `package-lock.json` in `from` name,
/// exactly as locked (versions and integrity hashes, with `npm ci`), into
/// `target/tools/<dir>`, and returns its `node_modules`. Install scripts are not run: the
/// packages used this way need none.
pub fn ensure_npm_locked(root: &Path, dir: &str, from: &Path) -> Result<PathBuf> {
    let prefix = root.join("target/tools").join(dir);
    let stamp = prefix.join("installed.txt");
    let mut want = String::new();
    for file in ["package.json", "package-lock.json"] {
        let text = std::fs::read_to_string(from.join(file))
            .with_context(|| format!("reading {}", from.join(file).display()))?;
        std::fs::create_dir_all(&prefix)?;
        std::fs::write(prefix.join(file), &text)?;
        want.push_str(&text);
    }
    let modules = prefix.join("node_modules");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(want.as_str()) || !modules.is_dir() {
        run_cmd(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
                .current_dir(&prefix),
        )
        .with_context(|| {
            format!(
                "installing the npm packages of {}; is Node.js with npm installed?",
                from.display()
            )
        })?;
        std::fs::write(&stamp, want)?;
    }
    Ok(modules)
}

/// The interpreter `target/venv` is made from, and what the Python tests need around it:
/// `unshare` and `ip` put the Ray test in a loopback-only network namespace.
pub const PYTHON: &[&str] = &["python3", "python3-venv", "iproute2", "util-linux"];

/// The CPython whose wheels crates/python/requirements-dev.txt pins.
const PYTHON_VERSION: &str = "3.11";

/// The Python virtual environment under `target/venv` with the pinned packages of
/// `crates/python/requirements-dev.txt` (maturin, the MCP client, Ray, and what Harbor's
/// task linter imports) and Harbor itself (`requirements-harbor.txt`), every wheel
/// checked against its sha256. Returns the environment's `python`.
pub fn ensure_venv(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target/venv");
    let python = venv.join("bin/python");
    let dev = root.join("crates/python/requirements-dev.txt");
    let harbor = root.join("crates/python/requirements-harbor.txt");
    let want = format!(
        "{}\n{}",
        std::fs::read_to_string(&dev).with_context(|| format!("reading {}", dev.display()))?,
        std::fs::read_to_string(&harbor)
            .with_context(|| format!("reading {}", harbor.display()))?
    );
    let stamp = venv.join("installed.txt");
    if python.is_file() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&want) {
        return Ok(python);
    }
    if !python.is_file() {
        ensure_apt(PYTHON)?;
        // The pins are wheels for one interpreter: say so rather than let pip report
        // a missing distribution.
        let version = Command::new("python3")
            .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
            .output()
            .context("running python3; install CPython 3.11 (Debian 12: `apt-get install python3 python3-venv`)")?;
        let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
        if version != PYTHON_VERSION {
            bail!(
                "python3 is CPython {version}, but crates/python/requirements-dev.txt pins wheels \
                 for CPython {PYTHON_VERSION} (Debian 12's); install it, or regenerate the pins as \
                 that file's header says"
            );
        }
        run_cmd(Command::new("python3").args(["-m", "venv"]).arg(&venv)).context(
            "creating a Python virtual environment; install CPython 3.11 with its venv module \
             (Debian: `apt-get install python3 python3-venv`)",
        )?;
    }
    let pip = |requirements: &Path, extra: &[&str]| {
        run_cmd(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(["--require-hashes", "--no-deps", "--only-binary=:all:", "-r"])
                .arg(requirements)
                .args(extra),
        )
    };
    pip(&dev, &[])?;
    // Harbor 0.26 declares Python >= 3.12; only its task models and linter are used, which
    // run on 3.11 (see docs/agents.md).
    pip(&harbor, &["--ignore-requires-python"])?;
    std::fs::write(&stamp, want)?;
    Ok(python)
}
