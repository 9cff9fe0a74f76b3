//! Submissions given as source: telling their language, compiling C with the host's
//! clang, and loading the Python and JavaScript runtimes from `target/runtimes/`.
//!
//! A submission on the command line is a `.wasm` file, a Rust crate folder, a C, Python
//! or JavaScript file (by extension, or any file with `--language`), or a folder holding
//! `main.c`, `main.py` or `main.js`. [`load`] turns it into a [`Loaded`], and
//! [`Loaded::grade`] grades it like a module.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};
use replica_judge::runtimes::{Language, MANIFEST_FILE, Manifest};
use replica_judge::sandbox::{Budget, Ending, Engine, Input, Module};
use replica_judge::{Candidate, Prepared, Progress, Report, Runtime, RuntimeRef};

/// A submission read from disk, ready to grade.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// A module, given as such or built from a Rust crate.
    Wasm(Vec<u8>),
    /// A module compiled from C.
    Compiled {
        wasm: Vec<u8>,
        language: Language,
        compiler: RuntimeRef,
    },
    /// C that did not compile: graded as CE on every case with the compiler's message.
    CompileError {
        source: Vec<u8>,
        language: Language,
        compiler: RuntimeRef,
        message: String,
    },
    /// A program a runtime runs.
    Source { language: Language, source: Vec<u8> },
}

impl Loaded {
    /// The language, for source submissions.
    pub fn language(&self) -> Option<Language> {
        match self {
            Loaded::Wasm(_) => None,
            Loaded::Compiled { language, .. }
            | Loaded::CompileError { language, .. }
            | Loaded::Source { language, .. } => Some(*language),
        }
    }

    /// The bytes that identify the submission: the module, or the source.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Loaded::Wasm(wasm) | Loaded::Compiled { wasm, .. } => wasm,
            Loaded::CompileError { source, .. } | Loaded::Source { source, .. } => source,
        }
    }

    /// The source text, for source submissions.
    pub fn source(&self) -> Option<&[u8]> {
        match self {
            Loaded::CompileError { source, .. } | Loaded::Source { source, .. } => Some(source),
            _ => None,
        }
    }

    /// A key that is equal for submissions that grade the same.
    pub fn key(&self) -> String {
        let kind = match self {
            Loaded::Wasm(_) | Loaded::Compiled { .. } => "wasm",
            Loaded::CompileError { .. } => "ce",
            Loaded::Source { language, .. } => language.name(),
        };
        format!("{kind}:{}", replica_judge::digest(self.bytes()))
    }

    /// Grades the submission on `prepared`; source programs run on the runtime from
    /// `runtimes`.
    ///
    /// # Errors
    /// When the runtime the language needs cannot be loaded.
    pub fn grade(
        &self,
        prepared: &Prepared,
        runtimes: &Runtimes,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Report> {
        Ok(match self {
            Loaded::Wasm(wasm) => replica_judge::grade(prepared, wasm, progress),
            Loaded::Compiled {
                wasm,
                language,
                compiler,
            } => replica_judge::grade_candidate(
                prepared,
                Candidate::Compiled {
                    wasm,
                    language: language.name(),
                    compiler,
                },
                progress,
            ),
            Loaded::CompileError {
                source,
                language,
                compiler,
                message,
            } => {
                let mut report = replica_judge::grade(prepared, &[], progress);
                report.submission = replica_judge::SubmissionRef {
                    digest: replica_judge::digest(source),
                    bytes: source.len() as u64,
                    language: Some(language.name().to_owned()),
                    runtime: Some(compiler.clone()),
                };
                report.compile_error = Some(message.clone());
                report
            }
            Loaded::Source { language, source } => {
                let runtime = runtimes.get(*language)?;
                replica_judge::grade_candidate(
                    prepared,
                    Candidate::Source {
                        runtime: &runtime,
                        source,
                    },
                    progress,
                )
            }
        })
    }
}

/// Reads the submission at `path`: a `.wasm` file, a Rust crate folder, a source file
/// of a known language, or a folder with `main.c`, `main.py` or `main.js`. `language`
/// (`--language`) overrides the file's extension.
///
/// # Errors
/// When the file cannot be read, its language is unknown, or a Rust crate does not
/// build. C that does not compile is a [`Loaded::CompileError`], not an error.
pub fn load(path: &Path, language: Option<Language>) -> Result<Loaded> {
    if path.is_dir() {
        if let Some(language) = language {
            let file = path.join(language.file_name());
            return load_file(&file, language);
        }
        if path.join("Cargo.toml").is_file() {
            return crate::local::load_submission(path).map(Loaded::Wasm);
        }
        let found: Vec<Language> = Language::ALL
            .into_iter()
            .filter(|l| path.join(l.file_name()).is_file())
            .collect();
        return match found[..] {
            [language] => load_file(&path.join(language.file_name()), language),
            [] => bail!(
                "{}: a folder submission needs a Cargo.toml (Rust), main.c, main.py or main.js",
                path.display()
            ),
            _ => bail!(
                "{}: the folder holds {}; say which with --language",
                path.display(),
                found
                    .iter()
                    .map(|l| l.file_name())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        };
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if let Some(language) = language.or_else(|| Language::from_file_name(&name)) {
        return load_file(path, language);
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if name.ends_with(".wasm") || bytes.starts_with(b"\0asm") {
        return Ok(Loaded::Wasm(bytes));
    }
    bail!(
        "{}: unknown language; give a .wasm module, a .py, .js or .c file, or say the language with --language python|javascript|c",
        path.display()
    )
}

fn load_file(path: &Path, language: Language) -> Result<Loaded> {
    let source = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if language == Language::C {
        return compile_c(path, source);
    }
    Ok(Loaded::Source { language, source })
}

/// Compiles C with the host's clang and wasi-libc, as the README tells users to:
/// `clang --target=wasm32-wasi -O2 -o out.wasm main.c`. A source over
/// [`replica_judge::runtimes::MAX_SOURCE_BYTES`] is CE without compiling.
fn compile_c(path: &Path, source: Vec<u8>) -> Result<Loaded> {
    let compiler = clang_version()?;
    // Over the size limit: CE with the judge's wording for Python and JavaScript, unread.
    if let Some(message) = replica_judge::runtimes::too_large(source.len()) {
        return Ok(Loaded::CompileError {
            source,
            language: Language::C,
            compiler,
            message,
        });
    }
    let out = crate::scratch_path("c.wasm");
    // A hostile source must not stall the caller: clang runs under the build time limit.
    let limit = crate::limit::build_timeout().map_err(anyhow::Error::msg)?;
    let output = crate::limit::limited("clang", limit)
        .args(["--target=wasm32-wasi", "-O2", "-o"])
        .arg(&out)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .output()
        .context("starting clang under `timeout` (GNU coreutils), which limits its time")?;
    if crate::limit::stop(output.status) == crate::limit::Stop::TimedOut {
        let _ = std::fs::remove_file(&out);
        bail!(crate::limit::timed_out_message("clang", limit));
    }
    if !output.status.success() {
        let _ = std::fs::remove_file(&out);
        let message = String::from_utf8_lossy(&output.stderr);
        let message = message.replace(&path.display().to_string(), "main.c");
        return Ok(Loaded::CompileError {
            source,
            language: Language::C,
            compiler,
            message: format!("clang failed ({}):\n{}", output.status, message.trim_end()),
        });
    }
    let wasm = std::fs::read(&out).with_context(|| format!("reading {}", out.display()));
    let _ = std::fs::remove_file(&out);
    Ok(Loaded::Compiled {
        wasm: wasm?,
        language: Language::C,
        compiler,
    })
}

/// `clang` and its version, from `clang --version` (`Debian clang version 14.0.6`).
fn clang_version() -> Result<RuntimeRef> {
    let output = Command::new("clang").arg("--version").output().context(
        "starting clang; install it with `apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32`",
    )?;
    let text = String::from_utf8_lossy(&output.stdout);
    let version = text
        .lines()
        .next()
        .and_then(|line| line.split("version ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("unknown")
        .to_owned();
    Ok(RuntimeRef {
        name: "clang".to_owned(),
        version,
        digest: None,
    })
}

/// The built runtimes under a folder (`target/runtimes/` of the repository), loaded on
/// first use and shared.
#[derive(Debug)]
pub struct Runtimes {
    /// The folder holding `runtimes.json` and the modules.
    pub dir: PathBuf,
    /// The repository root, where `cargo xtask runtimes` builds missing runtimes.
    root: Option<PathBuf>,
    loaded: Mutex<BTreeMap<Language, Arc<Runtime>>>,
}

impl Runtimes {
    /// The runtimes in `dir` (`--runtimes`), else `REPLICA_RUNTIMES`, else
    /// `target/runtimes/` beside the tasks folder `tasks` (the repository root).
    pub fn locate(dir: Option<&Path>, tasks: &Path) -> Runtimes {
        let root = tasks.parent().map(Path::to_path_buf);
        let dir = dir
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("REPLICA_RUNTIMES").map(PathBuf::from))
            .unwrap_or_else(|| {
                root.clone()
                    .unwrap_or_else(|| PathBuf::from("."))
                    .join("target/runtimes")
            });
        Runtimes {
            dir,
            root,
            loaded: Mutex::new(BTreeMap::new()),
        }
    }

    /// The manifest, building the runtimes with `cargo xtask runtimes` first when it is
    /// missing and this is a Replica checkout.
    ///
    /// # Errors
    /// When the manifest is missing and cannot be built, or is broken.
    pub fn manifest(&self) -> Result<Manifest> {
        let file = self.dir.join(MANIFEST_FILE);
        // Missing, or written by a build that has not measured start-up yet (maybe
        // running now in another test thread: `cargo xtask runtimes` waits for it).
        let unfinished = !file.is_file()
            || std::fs::read_to_string(&file)
                .ok()
                .and_then(|text| Manifest::parse(&text).ok())
                .is_none_or(|m| m.runtimes.values().any(|b| b.startup_fuel.is_none()));
        if unfinished
            && let Some(root) = &self.root
            && root.join("crates/xtask").is_dir()
            && self.dir == root.join("target/runtimes")
        {
            eprintln!("replica: building the language runtimes (cargo xtask runtimes)");
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let status = Command::new(cargo)
                .args(["xtask", "runtimes"])
                .current_dir(root)
                .status()
                .context("starting `cargo xtask runtimes`")?;
            if !status.success() {
                bail!("`cargo xtask runtimes` failed ({status})");
            }
        }
        let text = std::fs::read_to_string(&file).with_context(|| {
            format!(
                "reading {}; build the language runtimes with `cargo xtask runtimes` from the repository, or point --runtimes at them",
                file.display()
            )
        })?;
        Manifest::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", self.dir.display()))
    }

    /// The runtime of `language`.
    ///
    /// # Errors
    /// When it is not built, does not match the manifest, or was never measured.
    pub fn get(&self, language: Language) -> Result<Arc<Runtime>> {
        let mut loaded = self
            .loaded
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(runtime) = loaded.get(&language) {
            return Ok(runtime.clone());
        }
        let manifest = self.manifest()?;
        let built = manifest.get(language).with_context(|| {
            format!(
                "{} lists no {} runtime; rebuild with `cargo xtask runtimes`",
                self.dir.join(MANIFEST_FILE).display(),
                language.title()
            )
        })?;
        let file = self.dir.join(&built.file);
        let module = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let runtime = Runtime::from_built(language, built, Arc::new(module))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let runtime = Arc::new(runtime);
        loaded.insert(language, runtime.clone());
        Ok(runtime)
    }

    /// Measures the start-up fuel of every runtime that lacks it (the fuel an
    /// empty program uses under the default budget) and writes it into the manifest.
    /// Returns the manifest.
    ///
    /// # Errors
    /// When the manifest cannot be read or written, or an empty program does not exit 0.
    pub fn measure(&self, engine: Engine) -> Result<Manifest> {
        // A manifest without start-up fuel is what `cargo xtask runtimes` writes before it
        // runs this (holding its build lock): measuring it must not start that build
        // again, which would wait for the lock forever. Only a missing manifest builds.
        let file = self.dir.join(MANIFEST_FILE);
        let mut manifest = if file.is_file() {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            Manifest::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", self.dir.display()))?
        } else {
            self.manifest()?
        };
        let mut changed = false;
        for (name, built) in manifest.runtimes.iter_mut() {
            if built.startup_fuel.is_some() {
                continue;
            }
            let language = Language::from_name(name)
                .with_context(|| format!("runtimes.json names an unknown language `{name}`"))?;
            let file = self.dir.join(&built.file);
            let module =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let mut unmeasured = built.clone();
            unmeasured.startup_fuel = Some(0);
            let runtime = Runtime::from_built(language, &unmeasured, Arc::new(module))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let fuel = startup_fuel(&runtime, engine)?;
            eprintln!(
                "replica: the {} runtime ({} {}) starts an empty program in {fuel} fuel",
                language.title(),
                built.name,
                built.version
            );
            built.startup_fuel = Some(fuel);
            changed = true;
        }
        if changed {
            // Written aside and renamed, so a reader never sees half a manifest.
            let file = self.dir.join(MANIFEST_FILE);
            let part = self.dir.join(format!("{MANIFEST_FILE}.part"));
            std::fs::write(&part, manifest.to_json())
                .and_then(|()| std::fs::rename(&part, &file))
                .with_context(|| format!("writing {}", file.display()))?;
            self.loaded
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clear();
        }
        Ok(manifest)
    }
}

/// Fuel `runtime` uses to run an empty program (`main`, no arguments, seed 0) under the
/// default budget: its start-up.
///
/// # Errors
/// When the module does not load or the run does not exit 0.
pub fn startup_fuel(runtime: &Runtime, engine: Engine) -> Result<u64> {
    let budget = Budget::default();
    let module = Module::with_engine(&runtime.module, &budget, engine)
        .map_err(|e| anyhow::anyhow!("the {} runtime does not load: {e}", runtime.language))?;
    let input = runtime.input(
        Input {
            program: "main".to_owned(),
            ..Input::default()
        },
        &runtime.run,
        b"",
    );
    let outcome = module.run(&input, &budget);
    if outcome.ending != Ending::Exited(0) {
        bail!(
            "the {} runtime did not run an empty program: {}; stderr: {}",
            runtime.language,
            replica_judge::describe_ending(&outcome),
            String::from_utf8_lossy(&outcome.stderr)
        );
    }
    Ok(outcome.fuel_used)
}
