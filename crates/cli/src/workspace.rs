//! The agent tools' [`Workspace`] on this machine: tasks from a [`Catalog`], candidates
//! loaded as `replica grade` loads them (Python and JavaScript with the language runtimes,
//! C with the host's clang and wasi-libc) or built by the host's cargo (Rust), with the
//! compilers' messages kept for the agent rather than printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Result;
use replica_agent::{BuildError, Built, Candidate, Language, Workspace};
use replica_judge::runtimes::Language as SourceLanguage;
use replica_judge::task::Task;
use replica_judge::{SubmissionRef, TaskBundle};

use crate::limit;
use crate::local::Catalog;
use crate::source::{self, Loaded, Runtimes};

/// Bytes of a compiler's messages kept for the agent: the first errors are what matter,
/// and a template explosion must not flood the tool's answer.
const COMPILER_MESSAGES: usize = 16 << 10;

/// Tasks from a folder and candidates built on this machine.
#[derive(Debug, Clone)]
pub struct LocalWorkspace {
    catalog: Catalog,
    runtimes: Arc<Runtimes>,
}

impl LocalWorkspace {
    /// A workspace over `catalog`, with the language runtimes `replica grade` finds
    /// (`REPLICA_RUNTIMES`, else `target/runtimes/` beside the tasks folder).
    pub fn new(catalog: Catalog) -> LocalWorkspace {
        let runtimes = Arc::new(Runtimes::locate(None, &catalog.dir));
        LocalWorkspace { catalog, runtimes }
    }

    /// A workspace over `catalog` whose Python and JavaScript programs run on `runtimes`.
    pub fn with_runtimes(catalog: Catalog, runtimes: Arc<Runtimes>) -> LocalWorkspace {
        LocalWorkspace { catalog, runtimes }
    }

    /// The catalogue it reads.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
}

impl Workspace for LocalWorkspace {
    fn task_ids(&self) -> Result<Vec<String>> {
        self.catalog.ids()
    }

    fn task(&self, id: &str) -> Result<Task> {
        Ok(self.catalog.read_task(id)?.0)
    }

    fn load(&self, id: &str) -> Result<TaskBundle> {
        self.catalog.load(id)
    }

    fn build(&self, candidate: &Candidate) -> Result<Built, BuildError> {
        build_candidate(candidate, &self.runtimes)
    }
}

/// What `candidate` stands for on this machine: Python and JavaScript programs with
/// their runtime from `runtimes`, C compiled by the host's clang and Rust by its cargo;
/// C and source files exactly as `replica grade` loads them (the same report).
///
/// # Errors
/// [`BuildError::Compile`] with cargo's messages, or [`BuildError::Unavailable`] when the
/// file is missing or the language cannot be built or run here. C that does not compile
/// is a [`Built::CompileError`].
pub fn build_candidate(candidate: &Candidate, runtimes: &Runtimes) -> Result<Built, BuildError> {
    match candidate {
        Candidate::Wasm(bytes) => Ok(Built::Wasm(bytes.clone())),
        Candidate::Source { language, text } => {
            let scratch = Scratch::new()?;
            match language {
                Language::C | Language::Python | Language::JavaScript => {
                    let (file, language) = match language {
                        Language::C => ("main.c", SourceLanguage::C),
                        Language::Python => ("main.py", SourceLanguage::Python),
                        _ => ("main.js", SourceLanguage::JavaScript),
                    };
                    let path = scratch.write(file, text)?;
                    load_source(&path, Some(language), runtimes)
                }
                Language::Rust => {
                    scratch.write("src/main.rs", text)?;
                    scratch.write(
                        "Cargo.toml",
                        "[package]\nname = \"candidate\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[workspace]\n",
                    )?;
                    build_rust(&scratch.0).map(Built::Wasm)
                }
            }
        }
        Candidate::Path(path) => build_path(path, runtimes),
    }
}

/// A source file (or a folder holding `main.c`, `main.py` or `main.js`) loaded as
/// `replica grade` loads it, with the runtime its language needs.
fn load_source(
    path: &Path,
    language: Option<SourceLanguage>,
    runtimes: &Runtimes,
) -> Result<Built, BuildError> {
    let loaded =
        source::load(path, language).map_err(|e| BuildError::Unavailable(format!("{e:#}")))?;
    Ok(match loaded {
        Loaded::Wasm(wasm) => Built::Wasm(wasm),
        Loaded::Compiled {
            wasm,
            language,
            compiler,
        } => Built::Compiled {
            wasm,
            language: language.name().to_owned(),
            compiler,
        },
        Loaded::CompileError {
            source,
            language,
            compiler,
            message,
        } => Built::CompileError {
            submission: SubmissionRef {
                digest: replica_judge::digest(&source),
                bytes: source.len() as u64,
                language: Some(language.name().to_owned()),
                runtime: Some(compiler),
            },
            source,
            message,
        },
        Loaded::Source { language, source } => {
            let runtime = runtimes.get(language).map_err(|e| {
                BuildError::Unavailable(format!(
                    "{} programs need the {} runtime, which this machine cannot load: {e:#}",
                    language.title(),
                    language.title()
                ))
            })?;
            Built::Source { runtime, source }
        }
    })
}

fn build_path(path: &Path, runtimes: &Runtimes) -> Result<Built, BuildError> {
    let unavailable = |why: String| BuildError::Unavailable(why);
    if !path.exists() {
        return Err(unavailable(format!(
            "{}: no such file or folder on the server's machine",
            path.display()
        )));
    }
    if path.is_dir() {
        if path.join("Cargo.toml").is_file() {
            // A crate on this machine (an example, the agent's own folder): built in the
            // workspace's target folder like `replica grade` builds it, with cargo's
            // messages on the server's stderr.
            return crate::local::load_submission(path)
                .map(Built::Wasm)
                .map_err(|e| BuildError::Compile(format!("{e:#}")));
        }
        return load_source(path, None, runtimes);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if SourceLanguage::from_file_name(&name).is_some() {
        return load_source(path, None, runtimes);
    }
    std::fs::read(path)
        .map(Built::Wasm)
        .map_err(|e| unavailable(format!("reading {}: {e}", path.display())))
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, BuildError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "replica-candidate-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir)
            .map_err(|e| BuildError::Unavailable(format!("creating {}: {e}", dir.display())))?;
        Ok(Scratch(dir))
    }

    fn write(&self, name: &str, text: &str) -> Result<PathBuf, BuildError> {
        let path = self.0.join(name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        written.map_err(|e| BuildError::Unavailable(format!("writing {}: {e}", path.display())))?;
        Ok(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs a compiler made by [`limit::limited`]; its messages on failure, cut to
/// [`COMPILER_MESSAGES`]. Stopped at the build time limit, it is a tool error, not a
/// compile error: how long a build takes depends on the machine, a verdict must not.
fn compiler(
    cmd: &mut Command,
    tool: &str,
    limit: Duration,
    install: &str,
) -> Result<(), BuildError> {
    let output = cmd.stdin(Stdio::null()).output().map_err(|e| {
        BuildError::Unavailable(format!(
            "starting {tool} under `timeout` (GNU coreutils), which limits its time: {e}"
        ))
    })?;
    match limit::stop(output.status) {
        limit::Stop::TimedOut => {
            return Err(BuildError::Unavailable(limit::timed_out_message(
                tool, limit,
            )));
        }
        limit::Stop::NotStarted => {
            return Err(BuildError::Unavailable(format!(
                "{}: {install}",
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        limit::Stop::Ran if output.status.success() => return Ok(()),
        limit::Stop::Ran => {}
    }
    let mut messages = String::from_utf8_lossy(&output.stderr).into_owned();
    if messages.trim().is_empty() {
        messages = String::from_utf8_lossy(&output.stdout).into_owned();
    }
    if messages.len() > COMPILER_MESSAGES {
        let mut cut = COMPILER_MESSAGES;
        while !messages.is_char_boundary(cut) {
            cut -= 1;
        }
        messages.truncate(cut);
        messages.push_str("\n[…]");
    }
    Err(BuildError::Compile(format!(
        "{} ({})",
        messages.trim_end(),
        output.status
    )))
}

/// `cargo build --release --target wasm32-wasip1` of the crate in `dir`; its binary.
fn build_rust(dir: &Path) -> Result<Vec<u8>, BuildError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // One target folder for every candidate this machine builds, so each build only
    // compiles the candidate itself.
    let target = std::env::temp_dir().join("replica-candidate-target");
    let limit = limit::build_timeout().map_err(BuildError::Unavailable)?;
    compiler(
        limit::limited(cargo, limit)
            .args([
                "build",
                "--quiet",
                "--release",
                "--target",
                "wasm32-wasip1",
                "--manifest-path",
            ])
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target),
        "cargo",
        limit,
        "install Rust with rustup and `rustup target add wasm32-wasip1`",
    )?;
    let release = target.join("wasm32-wasip1/release");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
    let name = manifest
        .lines()
        .skip_while(|l| l.trim() != "[package]")
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "name").then(|| value.trim().trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| "candidate".to_owned());
    let module = release.join(format!("{name}.wasm"));
    std::fs::read(&module).map_err(|e| {
        BuildError::Unavailable(format!(
            "cargo built no {}: {e}; the crate must have a binary named like its package",
            module.display()
        ))
    })
}
