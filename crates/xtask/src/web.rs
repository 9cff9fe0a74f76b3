//! The web app's commands: `serve`, `dist`, and the browser end-to-end tests.
//!
//! Trunk builds the site from `index.html`. Its tools are installed here at pinned
//! versions (trunk, a wasm-bindgen-cli matching Cargo.lock, binaryen's wasm-opt from npm)
//! and put first on PATH, and Trunk runs `--offline`, so nothing is ever downloaded by it.
//! A small static server (`web/server.rs`) serves the result: no watcher, no extra tool.

mod server;

use std::ffi::OsString;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{build, run_cmd, tools};

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN: &str = "binaryen@132";
const PLAYWRIGHT: &str = "playwright-core@1.65.1";

/// Cargo profiles for the two Trunk builds, named in `index.html`
/// (`data-cargo-profile-release`). They are defined here through Cargo's environment
/// configuration so that the root manifest needs no web-specific section; the page favours
/// size, the worker (which interprets every guest) favours speed.
const PROFILES: &[(&str, &str)] = &[
    ("CARGO_PROFILE_WEB_APP_INHERITS", "release"),
    ("CARGO_PROFILE_WEB_APP_OPT_LEVEL", "z"),
    ("CARGO_PROFILE_WEB_APP_LTO", "true"),
    ("CARGO_PROFILE_WEB_APP_CODEGEN_UNITS", "1"),
    ("CARGO_PROFILE_WEB_APP_PANIC", "abort"),
    ("CARGO_PROFILE_WEB_WORKER_INHERITS", "release"),
    ("CARGO_PROFILE_WEB_WORKER_OPT_LEVEL", "3"),
    ("CARGO_PROFILE_WEB_WORKER_LTO", "true"),
    ("CARGO_PROFILE_WEB_WORKER_CODEGEN_UNITS", "1"),
    ("CARGO_PROFILE_WEB_WORKER_PANIC", "abort"),
];

/// `cargo xtask serve [--port N] [--dev]`: builds everything and serves the playground.
pub fn serve(root: &Path, args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut release = true;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                port = args
                    .next()
                    .context("--port needs a number")?
                    .parse()
                    .context("--port needs a number")?
            }
            "--dev" => release = false,
            other => {
                bail!("unknown argument `{other}` (usage: cargo xtask serve [--port N] [--dev])")
            }
        }
    }
    let out = root.join("target/web-serve");
    build_site(root, &out, "./", release)?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("listening on 127.0.0.1:{port}; is it in use? try --port"))?;
    eprintln!("xtask: serving the playground on http://127.0.0.1:{port}/ (Ctrl-C stops)");
    server::run(listener, out, "/".into());
    Ok(())
}

/// `cargo xtask dist [--public-url URL] [--out DIR]`: a static site that works from any
/// host and path, offline.
pub fn dist(root: &Path, args: &[String]) -> Result<()> {
    let mut public_url = "./".to_string();
    let mut out = root.join("dist");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--public-url" => public_url = args.next().context("--public-url needs a URL")?.clone(),
            "--out" => out = root.join(args.next().context("--out needs a directory")?),
            other => bail!(
                "unknown argument `{other}` (usage: cargo xtask dist [--public-url URL] [--out DIR])"
            ),
        }
    }
    build_site(root, &out, &public_url, true)?;
    eprintln!("xtask: wrote {}", out.display());
    Ok(())
}

/// Browser end-to-end tests, run by `cargo xtask test`: builds the site, serves it under a
/// sub-path on a free port, and runs `tests/e2e/run.cjs` in node with playwright-core
/// driving Debian's Chromium.
pub fn e2e(root: &Path) -> Result<()> {
    tools::ensure_apt(tools::BROWSER)?;
    let node_bin = tools::ensure_npm(root, "playwright", &[PLAYWRIGHT])?;
    let site = root.join("target/e2e-site");
    build_site(root, &site, "./", true)?;
    // The tests compare the page's reports with the CLI's, byte for byte.
    run_cmd(Command::new("cargo").args(["build", "-q", "-p", "replica-cli"]))?;
    let cli = root.join("target/debug/replica");

    let listener = TcpListener::bind("127.0.0.1:0").context("binding a free local port")?;
    let port = listener.local_addr()?.port();
    let prefix = "/replica/e2e/";
    std::thread::spawn(move || server::run(listener, site, prefix.into()));

    let artifacts = root.join("target/e2e-artifacts");
    std::fs::create_dir_all(&artifacts)?;
    let node_modules = node_bin.parent().context("npm prefix")?.to_path_buf();
    run_cmd(
        Command::new("node")
            .arg(root.join("tests/e2e/run.cjs"))
            .env("NODE_PATH", &node_modules)
            .env("E2E_BASE_URL", format!("http://127.0.0.1:{port}{prefix}"))
            .env("E2E_ROOT", root)
            .env("E2E_CLI", &cli)
            .env("E2E_ARTIFACTS", &artifacts)
            .env("E2E_CHROMIUM", "/usr/bin/chromium"),
    )
    .context("browser tests failed (screenshots in target/e2e-artifacts/)")
}

/// Installs the pinned tools and returns a PATH that finds them first.
fn ensure_tools(root: &Path) -> Result<OsString> {
    tools::ensure_targets()?;
    tools::ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    let bindgen = tools::locked_version(root, "wasm-bindgen")?;
    let pinned = std::fs::read_to_string(root.join("Trunk.toml")).context("reading Trunk.toml")?;
    if !pinned.contains(&format!("wasm_bindgen = \"{bindgen}\"")) {
        bail!(
            "Cargo.lock has wasm-bindgen {bindgen} but Trunk.toml pins another version; \
             set `wasm_bindgen = \"{bindgen}\"` in Trunk.toml"
        );
    }
    // wasm-bindgen-cli must equal the library exactly; its lock file is too strict to use.
    tools::ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &bindgen, false)?;
    let binaryen = tools::ensure_npm(root, "binaryen", &[BINARYEN])?;
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|p| p.join("bin"));
    let mut paths = vec![binaryen];
    paths.extend(cargo_bin);
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).context("building PATH")
}

/// Builds the task pack and the app into `out`.
fn build_site(root: &Path, out: &Path, public_url: &str, release: bool) -> Result<()> {
    let path = ensure_tools(root)?;
    build::build_all(root)?;
    // Trunk 0.21 once left the tail of a longer previous `replica-worker_bg.wasm` behind a
    // shorter new one (an invalid module the worker then failed to compile). The worker's
    // files have fixed names, unlike the app's hashed ones, so they are removed first.
    // (Only these: `--out` may name a folder that holds other things.)
    for name in ["replica-worker_bg.wasm", "replica-worker.js"] {
        let stale = out.join(name);
        if stale.exists() {
            std::fs::remove_file(&stale)
                .with_context(|| format!("removing {}", stale.display()))?;
        }
    }
    let mut cmd = Command::new("trunk");
    cmd.arg("build");
    if release {
        cmd.arg("--release");
    }
    cmd.args(["--offline", "--public-url", public_url, "--dist"])
        .arg(out)
        .current_dir(root)
        .env("PATH", path)
        // Trunk's own update check would reach for the network.
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .envs(PROFILES.iter().copied());
    run_cmd(&mut cmd)
}
