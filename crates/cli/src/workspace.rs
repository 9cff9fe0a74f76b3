//! The agent tools' [`Workspace`] on this machine: tasks from a [`Catalog`], candidates
//! built by the host's compilers (clang with wasi-libc for C, cargo for Rust), with the
//! compilers' messages kept for the agent rather than printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Result;
use replica_agent::{BuildError, Candidate, Language, Workspace};
use replica_judge::TaskBundle;
use replica_judge::task::Task;

use crate::local::Catalog;

/// Bytes of a compiler's messages kept for the agent: the first errors are what matter,
/// and a template explosion must not flood the tool's answer.
const COMPILER_MESSAGES: usize = 16 << 10;

/// Tasks from a folder and candidates built on this machine.
#[derive(Debug, Clone)]
pub struct LocalWorkspace {
    catalog: Catalog,
}

impl LocalWorkspace {
    /// A workspace over `catalog`.
    pub fn new(catalog: Catalog) -> LocalWorkspace {
        LocalWorkspace { catalog }
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

    fn build(&self, candidate: &Candidate) -> Result<Vec<u8>, BuildError> {
        build_candidate(candidate)
    }
}

/// The module `candidate` stands for, built on this machine.
///
/// # Errors
/// [`BuildError::Compile`] with the compiler's messages, or [`BuildError::Unavailable`]
/// when the file is missing or the language cannot be built here.
pub fn build_candidate(candidate: &Candidate) -> Result<Vec<u8>, BuildError> {
    match candidate {
        Candidate::Wasm(bytes) => Ok(bytes.clone()),
        Candidate::Source { language, text } => {
            let scratch = Scratch::new()?;
            match language {
                Language::C => {
                    let file = scratch.write("main.c", text)?;
                    compile_c(&file, &scratch.0)
                }
                Language::Rust => {
                    scratch.write("src/main.rs", text)?;
                    scratch.write(
                        "Cargo.toml",
                        "[package]\nname = \"candidate\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[workspace]\n",
                    )?;
                    build_rust(&scratch.0)
                }
                Language::Python | Language::JavaScript => Err(runtime_missing(*language)),
            }
        }
        Candidate::Path(path) => build_path(path),
    }
}

fn runtime_missing(language: Language) -> BuildError {
    BuildError::Unavailable(format!(
        "{language} candidates need the language runtimes (issue 14), which this build of \
         Replica does not have yet; give C or Rust source, or a .wasm module"
    ))
}

fn build_path(path: &Path) -> Result<Vec<u8>, BuildError> {
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
                .map_err(|e| BuildError::Compile(format!("{e:#}")));
        }
        if path.join("main.c").is_file() {
            let scratch = Scratch::new()?;
            return compile_c(&path.join("main.c"), &scratch.0);
        }
        for (file, language) in [
            ("main.py", Language::Python),
            ("main.js", Language::JavaScript),
        ] {
            if path.join(file).is_file() {
                return Err(runtime_missing(language));
            }
        }
        return Err(unavailable(format!(
            "{}: a folder candidate needs a Cargo.toml (Rust) or a main.c (C)",
            path.display()
        )));
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("c") => {
            let scratch = Scratch::new()?;
            compile_c(path, &scratch.0)
        }
        Some("py") => Err(runtime_missing(Language::Python)),
        Some("js") => Err(runtime_missing(Language::JavaScript)),
        _ => {
            std::fs::read(path).map_err(|e| unavailable(format!("reading {}: {e}", path.display())))
        }
    }
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

/// Runs a compiler; its messages on failure, cut to [`COMPILER_MESSAGES`].
fn compiler(cmd: &mut Command, install: &str) -> Result<(), BuildError> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| BuildError::Unavailable(format!("{e}: {install}")))?;
    if output.status.success() {
        return Ok(());
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

/// `clang --target=wasm32-wasi -O2`, as the README tells people to build C candidates.
fn compile_c(source: &Path, scratch: &Path) -> Result<Vec<u8>, BuildError> {
    let out = scratch.join("candidate.wasm");
    compiler(
        Command::new("clang")
            .args(["--target=wasm32-wasi", "-O2", "-o"])
            .arg(&out)
            .arg(source),
        "starting clang; install it with `apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32`",
    )?;
    std::fs::read(&out)
        .map_err(|e| BuildError::Unavailable(format!("reading {}: {e}", out.display())))
}

/// `cargo build --release --target wasm32-wasip1` of the crate in `dir`; its binary.
fn build_rust(dir: &Path) -> Result<Vec<u8>, BuildError> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // One target folder for every candidate this machine builds, so each build only
    // compiles the candidate itself.
    let target = std::env::temp_dir().join("replica-candidate-target");
    compiler(
        Command::new(cargo)
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
        "starting cargo; install Rust with rustup and `rustup target add wasm32-wasip1`",
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
