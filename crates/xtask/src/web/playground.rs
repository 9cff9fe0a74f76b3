//! The playground's JavaScript parts, built into the site before Trunk copies it:
//!
//! - `target/site/editor/editor.js`: the code editor (CodeMirror 6 with Python,
//!   JavaScript and C) and the driver of the C compiler's worker, bundled and minified by
//!   esbuild from `web/playground/editor.js`. The page loads it only when a task's "Write
//!   code" tab opens, so the main app's size budget does not carry it.
//! - `target/site/clang/`: YoWASP's clang (npm `@yowasp/clang`, its LLVM module checked
//!   against `replica_runtimes::PINS.clang`), its sysroot archive, the module worker that
//!   runs it (`web/playground/clang-worker.js`) and `compiler.json` (name, version,
//!   digest, flags), which reports of C graded in the browser name.
//!
//! The npm packages are those of `web/playground/package-lock.json`, installed with
//! `npm ci` (versions and integrity hashes as locked) into `target/tools/playground/`.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use replica_runtimes::{BROWSER_C_FLAGS, PINS};

use crate::{run_cmd, tools};

/// The files of `@yowasp/clang`'s `gen/` folder the browser needs.
const CLANG_FILES: &[&str] = &[
    "bundle.js",
    "llvm.core.wasm",
    "llvm.core2.wasm",
    "llvm.core3.wasm",
    "llvm.core4.wasm",
    "llvm-resources.tar",
];

/// Builds the editor bundle and the C compiler's folder into `target/site/`.
pub fn build(root: &Path) -> Result<()> {
    let sources = root.join("web/playground");
    let modules = tools::ensure_npm_locked(root, "playground", &sources)?;
    let site = root.join("target/site");

    let editor = site.join("editor");
    std::fs::create_dir_all(&editor)?;
    run_cmd(
        Command::new("node")
            .arg(modules.join("esbuild/bin/esbuild"))
            .arg(sources.join("editor.js"))
            .args([
                "--bundle",
                "--minify",
                "--format=iife",
                "--target=es2020",
                "--legal-comments=none",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", editor.join("editor.js").display()))
            .env("NODE_PATH", &modules),
    )
    .context("bundling the code editor with esbuild")?;

    let clang = site.join("clang");
    std::fs::create_dir_all(&clang)?;
    let package = modules.join(PINS.clang.package).join("gen");
    for file in CLANG_FILES {
        copy_if_changed(&package.join(file), &clang.join(file))?;
    }
    let core = std::fs::read(clang.join("llvm.core.wasm"))?;
    let sha256 = crate::runtimes::sha256_hex(&core);
    if sha256 != PINS.clang.sha256 {
        bail!(
            "{} {}'s {} has SHA-256 {sha256}, but the pin in crates/runtimes/src/lib.rs says {}; \
             check web/playground/package-lock.json",
            PINS.clang.package,
            PINS.clang.version,
            PINS.clang.file,
            PINS.clang.sha256
        );
    }
    std::fs::copy(sources.join("clang-worker.js"), clang.join("worker.js"))?;
    let compiler = serde_json::json!({
        "name": "clang",
        "version": PINS.clang.runtime_version,
        "digest": format!("sha256:{sha256}"),
        "args": BROWSER_C_FLAGS,
        "package": format!("{}@{}", PINS.clang.package, PINS.clang.version),
        "bytes": CLANG_FILES.iter().map(|f| std::fs::metadata(clang.join(f)).map(|m| m.len()).unwrap_or(0)).sum::<u64>(),
    });
    std::fs::write(
        clang.join("compiler.json"),
        serde_json::to_string_pretty(&compiler)? + "\n",
    )?;
    Ok(())
}

/// Copies `from` to `to` unless `to` already has the same size and is not older.
fn copy_if_changed(from: &Path, to: &Path) -> Result<()> {
    let (Ok(a), Ok(b)) = (std::fs::metadata(from), std::fs::metadata(to)) else {
        std::fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
        return Ok(());
    };
    let newer = match (a.modified(), b.modified()) {
        (Ok(a), Ok(b)) => a > b,
        _ => true,
    };
    if a.len() != b.len() || newer {
        std::fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    }
    Ok(())
}
