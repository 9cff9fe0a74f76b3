//! The web app's commands: `serve`, `dist`, and the browser end-to-end tests.
//!
//! Trunk builds the site from `index.html`. Its tools are installed here at pinned
//! versions (trunk, a wasm-bindgen-cli matching Cargo.lock, binaryen's wasm-opt from npm)
//! and put first on PATH, and Trunk runs `--offline`, so nothing is ever downloaded by it.
//! A small static server (`web/server.rs`) serves the result: no watcher, no extra tool.
//! `web/bundle.rs` adds what embedding needs: example reports and the static bundle;
//! `web/playground.rs` the code editor and the C compiler.

mod bundle;
mod playground;
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

/// The site's pages besides `index.html` (see `replica_web::route::Page`): each is a Trunk
/// build of its own, since Trunk builds one HTML file per run. Their files are written
/// next to `index.html`'s, which provides what they share (the worker, the task pack).
const PAGES: &[&str] = &["study.html", "compare.html", "code.html"];

/// Cargo profiles for the Trunk builds, named in `index.html` and the other pages
/// (`data-cargo-profile-release`). They are defined here through Cargo's environment
/// configuration so that the root manifest needs no web-specific section; the pages favour
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
    build_site(root, &out, "./", release, &bundle::Options::default())?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("listening on 127.0.0.1:{port}; is it in use? try --port"))?;
    eprintln!("xtask: serving the playground on http://127.0.0.1:{port}/ (Ctrl-C stops)");
    server::run(listener, out, "/".into());
    Ok(())
}

/// `cargo xtask dist [--public-url URL] [--out DIR] [--bundle TASKS] [--reports DIR]`: a
/// static site that works from any host and path, offline; with `--bundle`, only those
/// tasks and an example page embedding them (docs/embedding.md).
pub fn dist(root: &Path, args: &[String]) -> Result<()> {
    let mut public_url = "./".to_string();
    let mut out = root.join("dist");
    let mut extras = bundle::Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if extras.parse_arg(arg, &mut args)? {
            continue;
        }
        match arg.as_str() {
            "--public-url" => public_url = args.next().context("--public-url needs a URL")?.clone(),
            "--out" => out = root.join(args.next().context("--out needs a directory")?),
            other => bail!(
                "unknown argument `{other}` (usage: cargo xtask dist [--public-url URL] [--out DIR] \
                 [--bundle TASK,TASK] [--reports DIR])"
            ),
        }
    }
    build_site(root, &out, &public_url, true, &extras)?;
    eprintln!("xtask: wrote {}", out.display());
    Ok(())
}

/// Browser end-to-end tests, run by `cargo xtask test`: builds the site, serves it under a
/// sub-path on a free port, and runs `tests/e2e/run.cjs` in node with playwright-core
/// driving Debian's Chromium.
pub fn e2e(root: &Path) -> Result<()> {
    let site = serve_for_node(root)?;
    // The tests compare the page's reports with the CLI's, byte for byte.
    run_cmd(Command::new("cargo").args(["build", "-q", "-p", "replica-cli"]))?;
    let cli = root.join("target/debug/replica");
    let hostile = assemble_hostile(root)?;
    run_cmd(
        site.node(root, "tests/e2e/run.cjs")
            .env("E2E_CLI", &cli)
            .env("E2E_HOSTILE", &hostile),
    )
    .context("browser tests failed (screenshots in target/e2e-artifacts/)")
}

/// Assembles the hostile corpus (`tests/hostile/*.wat`, and copies its `.wasm` files) into
/// `target/e2e-hostile/`, where the browser tests grade them as files, the way a user would.
fn assemble_hostile(root: &Path) -> Result<PathBuf> {
    let from = root.join("tests/hostile");
    let to = root.join("target/e2e-hostile");
    std::fs::create_dir_all(&to)?;
    for entry in std::fs::read_dir(&from).with_context(|| format!("reading {}", from.display()))? {
        let path = entry?.path();
        let (Some(stem), Some(ext)) = (path.file_stem(), path.extension()) else {
            continue;
        };
        let out = to.join(stem).with_extension("wasm");
        if ext == "wat" {
            let wasm =
                wat::parse_file(&path).with_context(|| format!("assembling {}", path.display()))?;
            std::fs::write(&out, wasm)?;
        } else if ext == "wasm" {
            std::fs::copy(&path, &out)?;
        }
    }
    Ok(to)
}

/// The release site, built into `target/e2e-site/` and served on a free local port, ready
/// for a node script that drives Chromium: the browser tests and `cargo xtask bench`.
#[derive(Debug)]
pub struct ServedSite {
    /// The built site.
    pub dir: PathBuf,
    /// Where it is served: `http://127.0.0.1:PORT/replica/e2e/`, under a sub-path that
    /// proves every URL in it is relative.
    pub base_url: String,
    /// playwright-core's `node_modules`, for `NODE_PATH`.
    node_modules: PathBuf,
}

impl ServedSite {
    /// `node SCRIPT` with the `E2E_*` variables scripts read (`E2E_BASE_URL`, `E2E_ROOT`,
    /// `E2E_ARTIFACTS`, `E2E_CHROMIUM`) and playwright-core on `NODE_PATH`.
    pub fn node(&self, root: &Path, script: &str) -> Command {
        let mut cmd = Command::new("node");
        cmd.arg(root.join(script))
            .env("NODE_PATH", &self.node_modules)
            .env("E2E_BASE_URL", &self.base_url)
            .env("E2E_ROOT", root)
            .env("E2E_ARTIFACTS", root.join("target/e2e-artifacts"))
            .env("E2E_CHROMIUM", "/usr/bin/chromium");
        cmd
    }
}

/// Installs Chromium and playwright-core, builds the site, and serves it from a thread that
/// lives as long as the process.
pub fn serve_for_node(root: &Path) -> Result<ServedSite> {
    tools::ensure_apt(tools::BROWSER)?;
    let node_bin = tools::ensure_npm(root, "playwright", &[PLAYWRIGHT])?;
    let dir = root.join("target/e2e-site");
    build_site(root, &dir, "./", true, &bundle::Options::default())?;
    let listener = TcpListener::bind("127.0.0.1:0").context("binding a free local port")?;
    let port = listener.local_addr()?.port();
    let prefix = "/replica/e2e/";
    let served = dir.clone();
    std::thread::spawn(move || server::run(listener, served, prefix.into()));
    std::fs::create_dir_all(root.join("target/e2e-artifacts"))?;
    Ok(ServedSite {
        dir,
        base_url: format!("http://127.0.0.1:{port}{prefix}"),
        node_modules: node_bin.parent().context("npm prefix")?.to_path_buf(),
    })
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

/// Builds the task pack and the app's pages into `out`, then its embedding extras.
fn build_site(
    root: &Path,
    out: &Path,
    public_url: &str,
    release: bool,
    extras: &bundle::Options,
) -> Result<()> {
    let path = ensure_tools(root)?;
    build::build_all(root)?;
    playground::build(root)?;
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
    trunk(root, &path, "index.html", out, public_url, release)?;
    // Trunk empties its `--dist` first, so each other page is built into a folder of its
    // own and its files are copied beside index.html's (the style sheet is the same file).
    for page in PAGES {
        let staged = root
            .join("target/web-pages")
            .join(page.trim_end_matches(".html"));
        std::fs::create_dir_all(&staged)?;
        trunk(root, &path, page, &staged, public_url, release)?;
        for entry in std::fs::read_dir(&staged)? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                std::fs::copy(entry.path(), out.join(entry.file_name()))
                    .with_context(|| format!("copying {} of {page}", entry.path().display()))?;
            }
        }
    }
    bundle::finish(root, out, extras)
}

/// `trunk build` of the page `html` into `dist`, written there under the same name.
fn trunk(
    root: &Path,
    path: &OsString,
    html: &str,
    dist: &Path,
    public_url: &str,
    release: bool,
) -> Result<()> {
    let mut cmd = Command::new("trunk");
    cmd.args(["build", html, "--html-output", html]);
    if release {
        cmd.arg("--release");
    }
    cmd.args(["--offline", "--public-url", public_url, "--dist"])
        .arg(dist)
        .current_dir(root)
        .env("PATH", path)
        // Trunk's own update check would reach for the network.
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .envs(PROFILES.iter().copied());
    run_cmd(&mut cmd)
}
