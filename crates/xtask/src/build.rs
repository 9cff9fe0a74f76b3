//! `cargo xtask build`: every task's modules for wasm32-wasip1, and the site's task pack.
//!
//! Rust crates are built in one `cargo build` (package `<id>-reference`, `<id>-generator`,
//! `<id>-example-<name>`); C examples with clang and wasi-libc. The pack under
//! `target/site/tasks/` is what the web app fetches: `index.json`, and per task its
//! `task.toml`, `spec.md`, `reference.wasm`, `generator.wasm` and `examples/<name>.wasm`.
//! Studies (`studies/<id>/study.toml`) are checked against the tasks and packed under
//! `target/site/studies/`: `index.json`, and per study its `study.toml` and the checked
//! study as `study.json` (consent text inline), which the page reads.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{run_cmd, tools};
use replica_runtimes::Language;

/// One task folder and what was built for it.
#[derive(Debug)]
pub struct BuiltTask {
    pub id: String,
    pub dir: PathBuf,
    pub reference: PathBuf,
    pub generator: PathBuf,
    /// `(name, module)`, sorted by name; C examples included.
    pub examples: Vec<(String, PathBuf)>,
    /// `(name, language, source file)` of the Python and JavaScript examples, sorted.
    pub sources: Vec<(String, Language, PathBuf)>,
}

/// Task folders under `tasks/`, sorted.
pub fn task_dirs(root: &Path) -> Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(root.join("tasks")).context("reading tasks/")? {
        let path = entry?.path();
        if path.join("task.toml").is_file() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// The Debian packages every task's `[conformance]` table names, sorted, without repeats.
pub fn conformance_packages(root: &Path) -> Result<Vec<String>> {
    let mut packages = std::collections::BTreeSet::new();
    for dir in task_dirs(root)? {
        let file = dir.join("task.toml");
        let shown = file.display().to_string();
        let source = std::fs::read_to_string(&file).with_context(|| format!("reading {shown}"))?;
        let task =
            replica_task::Task::parse(&source, &shown).map_err(|e| anyhow::anyhow!("{e}"))?;
        if let Some(conformance) = task.conformance {
            packages.extend(conformance.packages);
        }
    }
    Ok(packages.into_iter().collect())
}

fn subdirs(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Builds every task's modules and writes the site pack.
pub fn build_all(root: &Path) -> Result<Vec<BuiltTask>> {
    tools::ensure_targets()?;
    let release = root.join("target/wasm32-wasip1/release");
    let c_out = root.join("target/wasm32-wasip1/c-examples");
    let mut packages = Vec::new();
    let mut tasks = Vec::new();
    let mut c_examples = Vec::new();
    for dir in task_dirs(root)? {
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        // A task's reference and generator are built together and apart from every other
        // package, exactly as the CLI builds them (`replica_cli::local`): cargo unifies
        // dependency features over the packages of one build, so building them beside
        // other tasks (the OpenSSL ones turn on digest's `mac` and `alloc`) gave other
        // bytes, another task digest, and the browser's report differed from the CLI's.
        let mut cmd = Command::new("cargo");
        cmd.args(["build", "--release", "--target", "wasm32-wasip1"]);
        cmd.args([
            "-p",
            &format!("{id}-reference"),
            "-p",
            &format!("{id}-generator"),
        ]);
        run_cmd(&mut cmd)?;
        let mut examples = Vec::new();
        for name in subdirs(&dir.join("examples"))? {
            let package = format!("{id}-example-{name}");
            examples.push((name, release.join(format!("{package}.wasm"))));
            packages.push(package);
        }
        for name in subdirs(&dir.join("examples-c"))? {
            let source = dir.join("examples-c").join(&name).join("main.c");
            let module = c_out.join(format!("{id}-example-{name}.wasm"));
            c_examples.push((source, module.clone()));
            examples.push((name, module));
        }
        examples.sort();
        let mut sources = Vec::new();
        for language in [Language::Python, Language::JavaScript] {
            let folder = dir.join(language.examples_dir());
            for name in subdirs(&folder)? {
                let file = folder.join(&name).join(language.file_name());
                if !file.is_file() {
                    bail!(
                        "{} has no {}",
                        folder.join(&name).display(),
                        language.file_name()
                    );
                }
                sources.push((name, language, file));
            }
        }
        sources.sort();
        tasks.push(BuiltTask {
            sources,
            reference: release.join(format!("{id}-reference.wasm")),
            generator: release.join(format!("{id}-generator.wasm")),
            id,
            dir,
            examples,
        });
    }
    // The examples are submissions, graded from these files by the CLI and the page alike.
    let mut cmd = Command::new("cargo");
    cmd.args(["build", "--release", "--target", "wasm32-wasip1"]);
    for package in &packages {
        cmd.args(["-p", package]);
    }
    run_cmd(&mut cmd)?;
    if !c_examples.is_empty() {
        tools::ensure_apt(tools::C_TOOLCHAIN)?;
        std::fs::create_dir_all(&c_out)?;
        for (source, module) in &c_examples {
            compile_c(source, module)?;
        }
    }
    let runtimes = crate::runtimes::build(root)?;
    write_pack(root, &tasks, &runtimes)?;
    let ids: Vec<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    write_studies(root, &ids)?;
    Ok(tasks)
}

/// Compiles one C submission with clang and wasi-libc, the way the README tells users to.
pub fn compile_c(source: &Path, module: &Path) -> Result<()> {
    let fresh = match (std::fs::metadata(source), std::fs::metadata(module)) {
        (Ok(s), Ok(m)) => m.modified()? >= s.modified()?,
        _ => false,
    };
    if !fresh {
        run_cmd(
            Command::new("clang")
                .args(["--target=wasm32-wasi", "-O2", "-o"])
                .arg(module)
                .arg(source),
        )?;
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    Ok(())
}

/// Writes `target/site/tasks/` and `target/site/runtimes/`, replacing what was there.
/// Python and JavaScript examples go in as `examples/<name>.py|.js`, listed in the index
/// under `sources` with their language.
fn write_pack(root: &Path, tasks: &[BuiltTask], runtimes: &Path) -> Result<()> {
    let site_runtimes = root.join("target/site/runtimes");
    if site_runtimes.exists() {
        std::fs::remove_dir_all(&site_runtimes)?;
    }
    std::fs::create_dir_all(&site_runtimes)?;
    let manifest_path = runtimes.join(replica_runtimes::MANIFEST_FILE);
    let manifest = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("reading {}", manifest_path.display()))?;
    let manifest = replica_runtimes::Manifest::parse(&manifest).map_err(|e| anyhow::anyhow!(e))?;
    for built in manifest.runtimes.values() {
        copy(
            &runtimes.join(&built.file),
            &site_runtimes.join(&built.file),
        )?;
    }
    std::fs::write(
        site_runtimes.join(replica_runtimes::MANIFEST_FILE),
        manifest.to_json(),
    )?;
    let pack = root.join("target/site/tasks");
    if pack.exists() {
        std::fs::remove_dir_all(&pack)?;
    }
    let mut index = Vec::new();
    for task in tasks {
        let out = pack.join(&task.id);
        std::fs::create_dir_all(out.join("examples"))?;
        for file in ["task.toml", "spec.md"] {
            if !task.dir.join(file).is_file() {
                bail!("{} has no {file}", task.dir.display());
            }
            copy(&task.dir.join(file), &out.join(file))?;
        }
        copy(&task.reference, &out.join("reference.wasm"))?;
        copy(&task.generator, &out.join("generator.wasm"))?;
        let mut examples = Vec::new();
        for (name, module) in &task.examples {
            copy(module, &out.join("examples").join(format!("{name}.wasm")))?;
            examples.push(serde_json::Value::String(name.clone()));
        }
        let mut sources = Vec::new();
        for (name, language, file) in &task.sources {
            let packed = format!(
                "{name}.{}",
                file.extension().unwrap_or_default().to_string_lossy()
            );
            copy(file, &out.join("examples").join(&packed))?;
            sources.push(serde_json::json!({
                "name": name,
                "language": language.name(),
                "file": format!("examples/{packed}"),
            }));
        }
        index.push(serde_json::json!({ "id": task.id, "examples": examples, "sources": sources }));
    }
    let index = serde_json::json!({ "tasks": index });
    std::fs::write(
        pack.join("index.json"),
        serde_json::to_string_pretty(&index)? + "\n",
    )?;
    Ok(())
}

/// A checked study: its folder, its parsed file and its consent text.
#[derive(Debug)]
pub struct CheckedStudy {
    pub dir: PathBuf,
    pub study: replica_task::Study,
    pub consent: String,
}

/// Parses every `studies/<id>/study.toml`, sorted by id, and checks it against the task
/// ids `known`: the folder name equals the id, the tasks exist, the consent file is there.
pub fn check_studies(root: &Path, known: &[&str]) -> Result<Vec<CheckedStudy>> {
    let mut studies = Vec::new();
    let dir = root.join("studies");
    for name in subdirs(&dir)? {
        let folder = dir.join(&name);
        let path = folder.join("study.toml");
        let shown = format!("studies/{name}/study.toml");
        let source = std::fs::read_to_string(&path).with_context(|| format!("reading {shown}"))?;
        let study =
            replica_task::Study::parse(&source, &shown).map_err(|e| anyhow::anyhow!("{e}"))?;
        if study.id != name {
            bail!(
                "{shown}: the id `{}` differs from the folder name `{name}`; rename one of them",
                study.id
            );
        }
        study
            .check_tasks(&shown, known)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let consent = match &study.consent {
            replica_task::Consent::Text(text) => text.clone(),
            replica_task::Consent::File(file) => std::fs::read_to_string(folder.join(file))
                .with_context(|| {
                    format!("{shown}: reading the consent file studies/{name}/{file}")
                })?,
        };
        studies.push(CheckedStudy {
            dir: folder,
            study,
            consent,
        });
    }
    Ok(studies)
}

/// Writes `target/site/studies/`, replacing what was there.
fn write_studies(root: &Path, known: &[&str]) -> Result<()> {
    let studies = check_studies(root, known)?;
    let pack = root.join("target/site/studies");
    if pack.exists() {
        std::fs::remove_dir_all(&pack)?;
    }
    std::fs::create_dir_all(&pack)?;
    let mut index = Vec::new();
    for checked in &studies {
        let study = &checked.study;
        let out = pack.join(&study.id);
        std::fs::create_dir_all(&out)?;
        copy(&checked.dir.join("study.toml"), &out.join("study.toml"))?;
        let mut packed = study.clone();
        packed.consent = replica_task::Consent::Text(checked.consent.clone());
        std::fs::write(
            out.join("study.json"),
            serde_json::to_string_pretty(&packed)? + "\n",
        )?;
        let tasks: Vec<&str> = study.tasks.iter().map(|t| t.id.as_str()).collect();
        index.push(serde_json::json!({ "id": study.id, "title": study.title, "tasks": tasks }));
    }
    let index = serde_json::json!({ "studies": index });
    std::fs::write(
        pack.join("index.json"),
        serde_json::to_string_pretty(&index)? + "\n",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn the_repository_studies_are_valid() {
        let root = root();
        let ids: Vec<String> = task_dirs(&root)
            .unwrap()
            .iter()
            .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let studies = check_studies(&root, &ids).unwrap();
        assert!(studies.iter().any(|s| s.study.id == "demo"));
        assert!(studies.iter().all(|s| !s.consent.trim().is_empty()));
    }

    #[test]
    fn a_study_with_a_missing_task_says_which() {
        let err = check_studies(&root(), &["wc"]).unwrap_err().to_string();
        assert!(
            err.contains("studies/demo/study.toml:") && err.contains("no task `base64`"),
            "{err}"
        );
    }
}
