//! Tasks on disk: finding the tasks folder, loading a task into a [`TaskBundle`], and
//! building the modules it needs.
//!
//! A task's modules come from, in order: prebuilt files beside `task.toml`
//! (`reference.wasm`, `generator.wasm`, for tasks shipped without sources), or a
//! `cargo build --release --target wasm32-wasip1` of its crates, which is a quick no-op
//! when nothing changed. So the CLI works from a fresh checkout with no other step, and a
//! changed reference is always rebuilt before it is trusted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use replica_judge::TaskBundle;
use replica_judge::task::{Expectation, Task};

/// A folder of tasks, one sub-folder each.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub dir: PathBuf,
}

impl Catalog {
    /// `explicit` when given, else the first `tasks/` folder holding a task, looking in the
    /// current directory and its ancestors.
    ///
    /// # Errors
    /// When no such folder exists.
    pub fn locate(explicit: Option<&Path>) -> Result<Catalog> {
        if let Some(dir) = explicit {
            if !dir.is_dir() {
                bail!("--tasks {}: no such folder", dir.display());
            }
            return Ok(Catalog {
                dir: dir.to_path_buf(),
            });
        }
        let cwd = std::env::current_dir().context("reading the current directory")?;
        for ancestor in cwd.ancestors() {
            let candidate = ancestor.join("tasks");
            if candidate.is_dir() {
                let catalog = Catalog { dir: candidate };
                if !catalog.ids()?.is_empty() {
                    return Ok(catalog);
                }
            }
        }
        bail!(
            "no tasks folder found in {} or its parents; run replica from the repository \
             root or pass --tasks DIR",
            cwd.display()
        )
    }

    /// Task ids (folder names holding a `task.toml`), sorted.
    ///
    /// # Errors
    /// When the folder cannot be read.
    pub fn ids(&self) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        let entries = std::fs::read_dir(&self.dir)
            .with_context(|| format!("reading {}", self.dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.join("task.toml").is_file()
                && let Some(name) = path.file_name()
            {
                ids.push(name.to_string_lossy().into_owned());
            }
        }
        ids.sort();
        Ok(ids)
    }

    /// The folder of task `id`.
    ///
    /// # Errors
    /// When there is no such task.
    pub fn task_dir(&self, id: &str) -> Result<PathBuf> {
        let dir = self.dir.join(id);
        if id.contains('/') || !dir.join("task.toml").is_file() {
            let known = self.ids().unwrap_or_default().join(", ");
            bail!(
                "no task `{id}` in {}; the tasks there are: {known}",
                self.dir.display()
            );
        }
        Ok(dir)
    }

    /// Reads and validates `task.toml` of task `id`.
    ///
    /// # Errors
    /// When the file cannot be read or is broken (the error names the line and field).
    pub fn read_task(&self, id: &str) -> Result<(Task, String)> {
        let file = self.task_dir(id)?.join("task.toml");
        let source = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        let task = Task::parse(&source, &file.display().to_string())?;
        if task.id != id {
            bail!(
                "{}: field `id` is `{}` but the folder is `{id}`; make them equal",
                file.display(),
                task.id
            );
        }
        Ok((task, source))
    }

    /// Loads task `id` with its spec and modules, building the modules when needed.
    ///
    /// # Errors
    /// When a file is missing or broken, or the modules cannot be built.
    pub fn load(&self, id: &str) -> Result<TaskBundle> {
        let dir = self.task_dir(id)?;
        let (task, source) = self.read_task(id)?;
        let spec_file = dir.join("spec.md");
        let spec = std::fs::read_to_string(&spec_file)
            .with_context(|| format!("reading {}", spec_file.display()))?;
        let modules = task_modules(&dir, id)?;
        let reference = read(&modules.reference)?;
        let generator = read(&modules.generator)?;
        let bundle = TaskBundle::new(
            &source,
            &dir.join("task.toml").display().to_string(),
            spec,
            reference,
            generator,
        )?;
        debug_assert_eq!(bundle.task, task);
        Ok(bundle)
    }

    /// The example submissions of task `id`: `(name, folder, expectation)`, Rust crates
    /// from `examples/`, and C, Python and JavaScript programs from `examples-c/`,
    /// `examples-py/` and `examples-js/` (a folder holding `main.c`, `main.py` or
    /// `main.js`, which [`crate::source::load`] reads), sorted by name.
    ///
    /// # Errors
    /// When a folder cannot be read or an `expect.toml` is missing or broken.
    pub fn examples(&self, id: &str) -> Result<Vec<(String, PathBuf, Expectation)>> {
        let dir = self.task_dir(id)?;
        let mut examples = Vec::new();
        for sub in ["examples", "examples-c", "examples-py", "examples-js"] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for entry in entries {
                let path = entry?.path();
                if !path.is_dir() {
                    continue;
                }
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let file = path.join("expect.toml");
                let source = std::fs::read_to_string(&file).with_context(|| {
                    format!("reading {}; every example needs one", file.display())
                })?;
                let expectation = Expectation::parse(&source, &file.display().to_string())?;
                examples.push((name, path, expectation));
            }
        }
        examples.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(examples)
    }

    /// The examples of task `id` that are modules or build into one (a `.wasm`, Rust, C),
    /// for what grades a module directly: Python and JavaScript examples run inside a
    /// language runtime and are loaded with [`crate::source::load`].
    pub fn module_examples(&self, id: &str) -> Result<Vec<(String, PathBuf, Expectation)>> {
        let mut examples = self.examples(id)?;
        examples.retain(|(_, path, _)| {
            !path.join("main.py").is_file() && !path.join("main.js").is_file()
        });
        Ok(examples)
    }
}

/// Paths of a task's two modules.
#[derive(Debug)]
struct TaskModules {
    reference: PathBuf,
    generator: PathBuf,
}

fn task_modules(dir: &Path, id: &str) -> Result<TaskModules> {
    let prebuilt = TaskModules {
        reference: dir.join("reference.wasm"),
        generator: dir.join("generator.wasm"),
    };
    if prebuilt.reference.is_file() && prebuilt.generator.is_file() {
        return Ok(prebuilt);
    }
    let reference = format!("{id}-reference");
    let generator = format!("{id}-generator");
    let built = cargo_build_wasm(&dir.join("reference/Cargo.toml"), &[&reference, &generator])
        .with_context(|| {
            format!(
                "building the modules of task `{id}`; \
                 `cargo xtask build` builds every task"
            )
        })?;
    let get = |name: &str| {
        built
            .get(name)
            .cloned()
            .with_context(|| format!("cargo built no module for package `{name}`"))
    };
    Ok(TaskModules {
        reference: get(&reference)?,
        generator: get(&generator)?,
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// `cargo build --release --target wasm32-wasip1` of `packages` in the workspace of
/// `manifest`; returns each binary's `.wasm` by target name.
fn cargo_build_wasm(manifest: &Path, packages: &[&str]) -> Result<BTreeMap<String, PathBuf>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args([
        "build",
        "--quiet",
        "--release",
        "--target",
        "wasm32-wasip1",
        "--message-format=json-render-diagnostics",
        "--manifest-path",
    ])
    .arg(manifest);
    for package in packages {
        cmd.args(["-p", package]);
    }
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .context("starting cargo; install Rust (rustup) or use prebuilt .wasm files")?;
    if !output.status.success() {
        bail!(
            "cargo build failed ({}); if the target is missing, run `rustup target add wasm32-wasip1`",
            output.status
        );
    }
    let mut built = BTreeMap::new();
    for line in output.stdout.split(|&b| b == b'\n') {
        let Ok(message) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact" {
            continue;
        }
        let name = message["target"]["name"].as_str().unwrap_or_default();
        let files = message["filenames"].as_array().cloned().unwrap_or_default();
        for file in files {
            if let Some(path) = file.as_str()
                && path.ends_with(".wasm")
            {
                built.insert(name.to_owned(), PathBuf::from(path));
            }
        }
    }
    Ok(built)
}

/// The bytes of a submission given on the command line: a `.wasm` file, a Rust crate
/// folder (built for wasm32-wasip1), or a C program (`.c` file, or a folder with
/// `main.c`, compiled with clang and wasi-libc).
///
/// # Errors
/// When the file cannot be read or the build fails.
pub fn load_submission(path: &Path) -> Result<Vec<u8>> {
    if path.is_dir() {
        if path.join("Cargo.toml").is_file() {
            return build_crate(path);
        }
        if path.join("main.c").is_file() {
            return compile_c(&path.join("main.c"));
        }
        bail!(
            "{}: a folder submission needs a Cargo.toml (Rust) or a main.c (C)",
            path.display()
        );
    }
    if path.extension().is_some_and(|e| e == "c") {
        return compile_c(path);
    }
    read(path)
}

fn build_crate(dir: &Path) -> Result<Vec<u8>> {
    let manifest = dir.join("Cargo.toml");
    let source = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let package = source
        .lines()
        .skip_while(|l| l.trim() != "[package]")
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "name").then(|| value.trim().trim_matches('"').to_owned())
        })
        .with_context(|| format!("{}: no [package] name", manifest.display()))?;
    let built = cargo_build_wasm(&manifest, &[&package])?;
    let module = built
        .get(&package)
        .or_else(|| built.values().next())
        .with_context(|| format!("cargo built no binary for `{package}`"))?;
    read(module)
}

/// Compiles a C submission the way the README tells users to:
/// `clang --target=wasm32-wasi -O2 -o out.wasm main.c`.
fn compile_c(source: &Path) -> Result<Vec<u8>> {
    let out = crate::scratch_path("c.wasm");
    let status = Command::new("clang")
        .args(["--target=wasm32-wasi", "-O2", "-o"])
        .arg(&out)
        .arg(source)
        .status()
        .context(
            "starting clang; install it with `apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32`",
        )?;
    if !status.success() {
        bail!("clang failed on {} ({status})", source.display());
    }
    let bytes = read(&out);
    let _ = std::fs::remove_file(&out);
    bytes
}
