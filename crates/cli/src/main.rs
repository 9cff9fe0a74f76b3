//! `replica`: list tasks, run a task's reference (the oracle) or any WASI module on your own
//! input, and grade submissions.
//!
//! Exit codes: `grade` exits 0 when every submission solves the task, 1 when one does not,
//! 2 on a usage or harness error. `run` and `exec` exit with the program's own code, or
//! 125 when it did not exit (trap or limit), or 2 on a usage error. `grade-batch` and
//! `compare` exit 0 when they wrote their output (a submission that fails is data, not an
//! error), 2 on a usage error, a broken manifest or record file, or a broken task.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use replica_cli::batch::{self, BatchOptions};
use replica_cli::local::{Catalog, load_submission};
use replica_cli::render;
use replica_cli::source::{self, Loaded, Runtimes};
use replica_judge::Runtime;
use replica_judge::runtimes::Language;
use replica_judge::sandbox::{Budget, Ending, Engine, Input, Module, Tree};
use replica_judge::{GradeOptions, prepare};
use replica_record::{Author, Event, Record, SCHEMA, Submission};
use std::sync::Arc;

const USAGE: &str = "\
usage:
  replica tasks [--tasks DIR]
  replica run TASK [--submission FILE [--language L]] [--file NAME=PATH]... [--env K=V]... [--seed N] [--fuel N] [-- ARGS...]
  replica exec FILE.wasm [--program NAME] [--file NAME=PATH]... [--env K=V]... [--seed N] [--fuel N] [-- ARGS...]
  replica grade TASK SUBMISSION... [--language L] [--seed N] [--hidden N] [--json [--author KIND:NAME] [--attempt K]]
  replica grade-batch DIR [--out FILE] [--seed N] [--hidden N] [--include-report] [--include-wasm] [--jobs N]
  replica compare FILE.jsonl... [--csv | --latex] [--charts DIR]
  replica runtimes [--runtimes DIR]
  replica mcp [--author model:NAME] [--log FILE] [--seed N] [--hidden N] [--runtimes DIR]
  replica export harbor TASK DIR [--seed N] [--hidden N] [--runtimes DIR]
  replica study-server --study DIR [...] | invite | export | load-test   (see `replica study-server --help`)

  run     runs the task's reference (or --submission) on your input: stdin is replica's own
          stdin (empty when it is a terminal), files are placed in the in-memory tree
  exec    runs any WASI command module under the sandbox with the default limits
  grade   grades submissions: .wasm files, Rust crate folders, C, Python or JavaScript
          programs (main.c, main.py, main.js, or a folder holding one; --language
          python|javascript|c for other file names); --json prints one report per
          line, or with --author (and --attempt K, default 1, counting up per
          SUBMISSION) one replica.record/1 line
  grade-batch  grades the submissions listed in DIR/manifest.toml (docs/batch.md) and
          writes one replica.record/1 line each (stdout, or --out FILE); the seed is
          42 unless given, so every batch grades on the same hidden cases; --jobs
          defaults to the number of cores
  runtimes  lists the Python and JavaScript runtimes (built by `cargo xtask runtimes`,
          or on first use) with their versions, sizes, digests, the start-up fuel
          of an empty program (measured when not yet measured) and the slowdown
          factor their programs' fuel limits get
  study-server  serves a study to many participants and collects their records
          (the README's section Running a study)
  compare reads record files of humans and models and prints a table per task and
          author kind: markdown, or --csv, or --latex; --charts DIR also writes the
          SVG charts of every task there
  mcp     serves the agent tools (list_tasks, read_spec, run_reference, run_candidate,
          evaluate_testcases, submit) over MCP on stdin/stdout (docs/agents.md); every
          call is appended to --log FILE (default replica-episodes/NAME-TIME.jsonl),
          one replica.record/1 line each; submit's hidden cases come from --seed
          (fresh when omitted), which the agent never sees
  export harbor  writes TASK as a Harbor task folder in DIR (docs/agents.md): its
          tests/test.sh grades /app (submission.wasm, main.c, main.py or main.js) with
          this replica and the bundled runtimes on hidden cases of --seed (42)

options:
  --tasks DIR   the tasks folder (default: tasks/ here or in a parent folder)
  --seed N      seeds hidden cases and random_get (grade: fresh each run unless given; run/exec: 0)
  --fuel N      overrides the fuel budget (instructions) for run/exec
  --stats       run/exec: print how the run ended and the fuel it used on stderr
  --language L  the language of source submissions: python, javascript or c
  --runtimes DIR  the built language runtimes (default: target/runtimes/ beside tasks/)
  --engine E    runs guests on `wasmtime` (the default: runs go to wasmi until a long
                run has Cranelift compile the module, then to compiled code),
                `wasmtime-only` (every run compiled) or `wasmi` (the interpreter the
                browser uses); reports are identical on all
";

/// What the user asked for, before any I/O.
#[derive(Debug)]
enum Cmd {
    Tasks,
    Run {
        task: Option<String>,
        module: Option<PathBuf>,
        language: Option<Language>,
        program: Option<String>,
        files: Vec<(String, PathBuf)>,
        env: Vec<(String, String)>,
        seed: u64,
        fuel: Option<u64>,
        stats: bool,
        args: Vec<String>,
    },
    Grade {
        task: String,
        submissions: Vec<PathBuf>,
        language: Option<Language>,
        seed: Option<u64>,
        hidden: Option<u32>,
        json: bool,
        author: Option<Author>,
        attempt: Option<u32>,
    },
    GradeBatch {
        dir: PathBuf,
        out: Option<PathBuf>,
        options: BatchOptions,
    },
    Compare {
        files: Vec<PathBuf>,
        format: TableFormat,
        charts: Option<PathBuf>,
    },
    Runtimes,
    ExportHarbor {
        task: String,
        dir: PathBuf,
        seed: u64,
        hidden: Option<u32>,
    },
    Mcp {
        author: Author,
        log: Option<PathBuf>,
        seed: Option<u64>,
        hidden: Option<u32>,
    },
    /// `replica study-server ARGS`: parsed by the study server's own command line.
    StudyServer(Vec<std::ffi::OsString>),
    Help,
}

/// How `compare` prints its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableFormat {
    Markdown,
    Csv,
    Latex,
}

#[derive(Debug)]
struct Cli {
    tasks: Option<PathBuf>,
    runtimes: Option<PathBuf>,
    engine: Engine,
    cmd: Cmd,
}

fn parse_args() -> Result<Cli, lexopt::Error> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut tasks = None;
    let mut engine = Engine::default();
    let Some(sub) = parser.next()? else {
        return Ok(Cli {
            tasks,
            runtimes: None,
            engine,
            cmd: Cmd::Help,
        });
    };
    let sub = match sub {
        Value(v) => v.string()?,
        Long("help") | Short('h') => {
            return Ok(Cli {
                tasks,
                runtimes: None,
                engine,
                cmd: Cmd::Help,
            });
        }
        other => return Err(other.unexpected()),
    };
    if sub == "study-server" {
        return Ok(Cli {
            tasks,
            runtimes: None,
            engine,
            cmd: Cmd::StudyServer(parser.raw_args()?.collect()),
        });
    }
    let mut positional: Vec<String> = Vec::new();
    let mut module = None;
    let mut program = None;
    let mut files = Vec::new();
    let mut env = Vec::new();
    let mut seed = None;
    let mut hidden = None;
    let mut json = false;
    let mut fuel = None;
    let mut author = None;
    let mut attempt = None;
    let mut out = None;
    let mut include_report = false;
    let mut include_wasm = false;
    let mut jobs = None;
    let mut format = None;
    let mut charts = None;
    let mut language = None;
    let mut stats = false;
    let mut runtimes = None;
    let mut log = None;
    let batch = sub == "grade-batch";
    while let Some(arg) = parser.next()? {
        match arg {
            Long("tasks") => tasks = Some(PathBuf::from(parser.value()?)),
            Long("runtimes") => runtimes = Some(PathBuf::from(parser.value()?)),
            Long("language") if sub == "run" || sub == "grade" => {
                let name = parser.value()?.string()?;
                language = Some(Language::from_name(&name).ok_or_else(|| {
                    format!("--language {name}: Replica runs python, javascript and c")
                })?);
            }
            Long("engine") => {
                let name = parser.value()?.string()?;
                engine = Engine::from_name(&name).ok_or_else(|| {
                    format!(
                        "--engine {name}: this build has `wasmtime`, `wasmtime-only` and `wasmi`"
                    )
                })?;
            }
            Long("submission") if sub == "run" => module = Some(PathBuf::from(parser.value()?)),
            Long("program") if sub == "exec" => program = Some(parser.value()?.string()?),
            Long("file") if sub == "run" || sub == "exec" => {
                let value = parser.value()?.string()?;
                let (name, path) = match value.split_once('=') {
                    Some((name, path)) => (name.to_owned(), PathBuf::from(path)),
                    None => {
                        let path = PathBuf::from(&value);
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or(value);
                        (name, path)
                    }
                };
                files.push((name, path));
            }
            Long("env") if sub == "run" || sub == "exec" => {
                let value = parser.value()?.string()?;
                let Some((k, v)) = value.split_once('=') else {
                    return Err(format!("--env {value}: write it as NAME=VALUE").into());
                };
                env.push((k.to_owned(), v.to_owned()));
            }
            Long("fuel") if sub == "run" || sub == "exec" => {
                fuel = Some(parser.value()?.parse::<u64>()?);
            }
            Long("stats") if sub == "run" || sub == "exec" => stats = true,
            Long("seed") => seed = Some(parser.value()?.parse::<u64>()?),
            Long("hidden") if sub == "grade" || sub == "mcp" || sub == "export" || batch => {
                hidden = Some(parser.value()?.parse::<u32>()?)
            }
            Long("json") if sub == "grade" => json = true,
            Long("author") if sub == "grade" || sub == "mcp" => {
                author = Some(Author::parse(&parser.value()?.string()?)?);
            }
            Long("attempt") if sub == "grade" => {
                let k = parser.value()?.parse::<u32>()?;
                if k == 0 {
                    return Err("--attempt counts from 1".into());
                }
                attempt = Some(k);
            }
            Long("out") if batch => out = Some(PathBuf::from(parser.value()?)),
            Long("include-report") if batch => include_report = true,
            Long("include-wasm") if batch => include_wasm = true,
            Long("jobs") if batch => {
                let n = parser.value()?.parse::<usize>()?;
                if n == 0 {
                    return Err("--jobs needs at least 1".into());
                }
                jobs = Some(n);
            }
            Long(flag @ ("csv" | "latex")) if sub == "compare" => {
                let wanted = if flag == "csv" {
                    TableFormat::Csv
                } else {
                    TableFormat::Latex
                };
                if format.is_some_and(|f| f != wanted) {
                    return Err("give at most one of --csv and --latex".into());
                }
                format = Some(wanted);
            }
            Long("charts") if sub == "compare" => charts = Some(PathBuf::from(parser.value()?)),
            Long("log") if sub == "mcp" => log = Some(PathBuf::from(parser.value()?)),
            Long("help") | Short('h') => {
                return Ok(Cli {
                    tasks,
                    runtimes,
                    engine,
                    cmd: Cmd::Help,
                });
            }
            // Operands, and everything after `--`, which goes to the program untouched.
            Value(v) => positional.push(v.string()?),
            other => return Err(other.unexpected()),
        }
    }
    let cmd = match sub.as_str() {
        "tasks" if positional.is_empty() => Cmd::Tasks,
        "tasks" => return Err("`replica tasks` takes no operands".into()),
        "run" | "exec" => {
            let mut positional = positional.into_iter();
            let Some(first) = positional.next() else {
                return Err(format!(
                    "`replica {sub}` needs a {}",
                    if sub == "run" { "TASK" } else { "FILE.wasm" }
                )
                .into());
            };
            let args: Vec<String> = positional.collect();
            if sub == "run" {
                Cmd::Run {
                    task: Some(first),
                    module,
                    language,
                    program: None,
                    files,
                    env,
                    seed: seed.unwrap_or(0),
                    fuel,
                    stats,
                    args,
                }
            } else {
                Cmd::Run {
                    task: None,
                    module: Some(PathBuf::from(first)),
                    language: None,
                    program,
                    files,
                    env,
                    seed: seed.unwrap_or(0),
                    fuel,
                    stats,
                    args,
                }
            }
        }
        "grade" => {
            let mut positional = positional.into_iter();
            let Some(task) = positional.next() else {
                return Err("`replica grade` needs a TASK and at least one SUBMISSION".into());
            };
            let submissions: Vec<PathBuf> = positional.map(PathBuf::from).collect();
            if submissions.is_empty() {
                return Err(
                    "`replica grade` needs at least one SUBMISSION (.wasm, crate folder, .c, .py or .js)"
                        .into(),
                );
            }
            if (author.is_some() || attempt.is_some()) && !json {
                return Err("--author and --attempt write records: add --json".into());
            }
            if attempt.is_some() && author.is_none() {
                return Err("--attempt needs --author KIND:NAME (e.g. model:gpt-x)".into());
            }
            Cmd::Grade {
                task,
                submissions,
                language,
                seed,
                hidden,
                json,
                author,
                attempt,
            }
        }
        "grade-batch" => {
            let [dir] = <[String; 1]>::try_from(positional).map_err(
                |_| "`replica grade-batch` takes one DIR holding manifest.toml (see docs/batch.md)",
            )?;
            Cmd::GradeBatch {
                dir: PathBuf::from(dir),
                out,
                options: BatchOptions {
                    seed: seed.unwrap_or(batch::DEFAULT_SEED),
                    hidden,
                    include_report,
                    include_wasm,
                    engine,
                    jobs: jobs.unwrap_or_else(|| {
                        std::thread::available_parallelism().map_or(1, |n| n.get())
                    }),
                },
            }
        }
        "compare" => {
            if positional.is_empty() {
                return Err(
                    "`replica compare` needs record files (.jsonl from grade --author, grade-batch or a study export)"
                        .into(),
                );
            }
            Cmd::Compare {
                files: positional.into_iter().map(PathBuf::from).collect(),
                format: format.unwrap_or(TableFormat::Markdown),
                charts,
            }
        }
        "runtimes" if positional.is_empty() => Cmd::Runtimes,
        "runtimes" => return Err("`replica runtimes` takes no operands".into()),
        "mcp" => {
            if !positional.is_empty() {
                return Err(
                    "`replica mcp` takes no operands; it serves MCP on stdin/stdout".into(),
                );
            }
            Cmd::Mcp {
                author: match author {
                    Some(author) => author,
                    None => Author::parse("model:unnamed")?,
                },
                log,
                seed,
                hidden,
            }
        }
        "export" => {
            let [format, task, dir] = <[String; 3]>::try_from(positional).map_err(|_| {
                "`replica export` takes a format, a TASK and a DIR: `replica export harbor wc DIR`"
            })?;
            if format != "harbor" {
                return Err(
                    format!("`replica export {format}`: the one format is `harbor`").into(),
                );
            }
            Cmd::ExportHarbor {
                task,
                dir: PathBuf::from(dir),
                seed: seed.unwrap_or(batch::DEFAULT_SEED),
                hidden,
            }
        }
        "help" => Cmd::Help,
        other => return Err(format!("unknown command `{other}`").into()),
    };
    if language.is_some()
        && !matches!(
            cmd,
            Cmd::Grade { .. }
                | Cmd::Run {
                    module: Some(_),
                    ..
                }
        )
    {
        return Err(
            "--language names the language of a SUBMISSION (grade, run --submission)".into(),
        );
    }
    Ok(Cli {
        tasks,
        runtimes,
        engine,
        cmd,
    })
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(err) => {
            eprintln!("replica: {err}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Cranelift's code for each module is kept in the user's cache folder (issue 15):
    // a module compiled by one `replica` process loads in milliseconds in the next.
    replica_judge::sandbox::set_cache_dir(replica_judge::sandbox::default_cache_dir());
    // The cache folder is kept to 1 GiB, least recently used entries out first, or to
    // `REPLICA_CACHE_MAX_MB` megabytes.
    if let Some(value) = std::env::var_os("REPLICA_CACHE_MAX_MB") {
        match value.to_str().and_then(|v| v.trim().parse::<u64>().ok()) {
            Some(mb) => replica_judge::sandbox::set_cache_limit(mb.saturating_mul(1 << 20)),
            None => {
                eprintln!(
                    "replica: REPLICA_CACHE_MAX_MB={value:?} is not a number of megabytes; \
                     set it to the cache folder's size limit (e.g. 1024), or unset it for 1 GiB"
                );
                return ExitCode::from(2);
            }
        }
    }
    // Grading runs a task's cases on every core, or on `REPLICA_THREADS` threads (issue 15).
    if let Err(why) = replica_judge::threads_from_env() {
        eprintln!("replica: {why}");
        return ExitCode::from(2);
    }
    match execute(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("replica: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn execute(cli: Cli) -> Result<ExitCode> {
    match cli.cmd {
        Cmd::Help => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Tasks => list_tasks(&Catalog::locate(cli.tasks.as_deref())?),
        Cmd::Run {
            task,
            module,
            language,
            program,
            files,
            env,
            seed,
            fuel,
            stats,
            args,
        } => {
            let (wasm, mut budget, program, runtime) = match &task {
                Some(id) => {
                    let catalog = Catalog::locate(cli.tasks.as_deref())?;
                    let bundle = catalog.load(id)?;
                    let (wasm, runtime) = match &module {
                        Some(path) => {
                            let runtimes = Runtimes::locate(cli.runtimes.as_deref(), &catalog.dir);
                            match source::load(path, language)? {
                                Loaded::Wasm(wasm) | Loaded::Compiled { wasm, .. } => (wasm, None),
                                Loaded::CompileError { message, .. } => {
                                    eprintln!("replica: {message}");
                                    return Ok(ExitCode::from(125));
                                }
                                Loaded::Source { language, source } => {
                                    // Refused as `grade` refuses it (CE), in its words.
                                    let size = replica_judge::runtimes::too_large(source.len());
                                    if let Some(why) = size {
                                        eprintln!("replica: {why}");
                                        return Ok(ExitCode::from(125));
                                    }
                                    let runtime = runtimes.get(language)?;
                                    (runtime.module.to_vec(), Some((runtime, source)))
                                }
                            }
                        }
                        None => (bundle.reference.clone(), None),
                    };
                    (wasm, bundle.budget(), bundle.task.program.clone(), runtime)
                }
                None => {
                    let path = module.expect("exec always names a module");
                    let program = program.unwrap_or_else(|| {
                        path.file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_else(|| "main".to_owned())
                    });
                    (load_submission(&path)?, Budget::default(), program, None)
                }
            };
            if let Some(fuel) = fuel {
                budget.fuel = fuel;
            }
            let run = RunInput {
                stats,
                program,
                files,
                env,
                seed,
                args,
            };
            run_module(&wasm, &budget, cli.engine, run, runtime.as_ref())
        }
        Cmd::Grade {
            task,
            submissions,
            language,
            seed,
            hidden,
            json,
            author,
            attempt,
        } => {
            let records = author.map(|author| (author, attempt.unwrap_or(1)));
            grade(
                cli.tasks,
                cli.runtimes,
                cli.engine,
                &task,
                &submissions,
                language,
                seed,
                hidden,
                json,
                records,
            )
        }
        Cmd::GradeBatch { dir, out, options } => {
            grade_batch(cli.tasks, cli.runtimes, &dir, out, options)
        }
        Cmd::Runtimes => list_runtimes(cli.tasks, cli.runtimes, cli.engine),
        Cmd::Compare {
            files,
            format,
            charts,
        } => compare(&files, format, charts),
        Cmd::Mcp {
            author,
            log,
            seed,
            hidden,
        } => mcp(
            cli.tasks,
            cli.runtimes,
            cli.engine,
            author,
            log,
            seed,
            hidden,
        ),
        Cmd::ExportHarbor {
            task,
            dir,
            seed,
            hidden,
        } => export_harbor(cli.tasks, cli.runtimes, &task, &dir, seed, hidden),
        Cmd::StudyServer(args) => replica_study_server::cli::main(args),
    }
}

fn list_tasks(catalog: &Catalog) -> Result<ExitCode> {
    let mut rows = Vec::new();
    for id in catalog.ids()? {
        let (task, _) = catalog.read_task(&id)?;
        rows.push(task);
    }
    let width = rows.iter().map(|t| t.id.len()).max().unwrap_or(2).max(2);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<width$}  {:>7}  {:>5}  title",
        "id", "minutes", "cases"
    )?;
    for task in rows {
        writeln!(
            out,
            "{:<width$}  {:>7}  {:>5}  {}",
            task.id,
            task.minutes,
            task.cases.len(),
            task.title
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `run` and `exec` give the program, as typed.
struct RunInput {
    /// Print how the run ended and the fuel it used on stderr (`--stats`).
    stats: bool,
    program: String,
    files: Vec<(String, PathBuf)>,
    env: Vec<(String, String)>,
    seed: u64,
    args: Vec<String>,
}

/// Runs `wasm` on the input; with `runtime`, `wasm` is that runtime's module and the
/// program is its source (in the `/.replica` preopen), run under the budget plus the
/// runtime's start-up fuel.
fn run_module(
    wasm: &[u8],
    budget: &Budget,
    engine: Engine,
    run: RunInput,
    runtime: Option<&(Arc<Runtime>, Vec<u8>)>,
) -> Result<ExitCode> {
    let module = match Module::with_engine(wasm, budget, engine) {
        Ok(module) => module,
        Err(err) => {
            eprintln!("replica: the module cannot run: {err}");
            return Ok(ExitCode::from(125));
        }
    };
    let mut tree = Tree::new();
    for (name, path) in &run.files {
        let bytes =
            std::fs::read(path).with_context(|| format!("--file: reading {}", path.display()))?;
        tree.insert_file(name, bytes);
    }
    tree.check()
        .map_err(|e| anyhow::anyhow!("--file: {e}; give names relative to the tree's root"))?;
    let mut stdin = Vec::new();
    if !std::io::stdin().is_terminal() {
        std::io::stdin()
            .read_to_end(&mut stdin)
            .context("reading standard input")?;
    }
    let mut input = Input {
        program: run.program.clone(),
        args: run.args.clone(),
        env: run.env.clone(),
        stdin,
        files: tree,
        seed: run.seed,
        source: None,
    };
    let mut budget = *budget;
    if let Some((runtime, source)) = runtime {
        input = runtime.input(input, &runtime.run, source);
        // `run` has no reference to scale a limit from: the task's budget plus the
        // runtime's start-up, as a runtime's check of a program gets.
        budget = runtime.check_budget(&budget);
    }
    let budget = &budget;
    let outcome = module.run(&input, budget);
    std::io::stdout().write_all(&outcome.stdout)?;
    std::io::stdout().flush()?;
    std::io::stderr().write_all(&outcome.stderr)?;
    if run.stats {
        eprintln!(
            "replica: {} after {} fuel of {}",
            replica_judge::describe_ending(&outcome),
            outcome.fuel_used,
            budget.fuel
        );
    }
    match outcome.ending {
        // The low 8 bits, as a POSIX shell would see them.
        Ending::Exited(code) => Ok(ExitCode::from(code as u8)),
        other => {
            let why = match other {
                Ending::FuelExhausted => format!(
                    "the program ran out of fuel after {} instructions (time limit)",
                    outcome.fuel_used
                ),
                Ending::MemoryLimit => "the program hit the memory limit".to_owned(),
                Ending::OutputLimit => "the program hit the output limit".to_owned(),
                Ending::Trap(code) => format!("the program trapped: {code}"),
                Ending::Exited(_) => unreachable!(),
            };
            eprintln!("replica: {why}");
            Ok(ExitCode::from(125))
        }
    }
}

/// A seed for hidden cases when the user gives none: fresh per invocation, printed in every
/// report so the grade can be reproduced with `--seed`.
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.finish() % 1_000_000_000
}

#[allow(clippy::too_many_arguments)]
fn grade(
    tasks: Option<PathBuf>,
    runtimes: Option<PathBuf>,
    engine: Engine,
    task: &str,
    submissions: &[PathBuf],
    language: Option<Language>,
    seed: Option<u64>,
    hidden: Option<u32>,
    json: bool,
    records: Option<(Author, u32)>,
) -> Result<ExitCode> {
    let catalog = Catalog::locate(tasks.as_deref())?;
    let bundle = catalog.load(task)?;
    let runtimes = Runtimes::locate(runtimes.as_deref(), &catalog.dir);
    // Read every submission first, so a typo fails before minutes of grading.
    let mut modules = Vec::new();
    for path in submissions {
        let loaded = source::load(path, language)
            .with_context(|| format!("loading submission {}", path.display()))?;
        if let Some(language) = loaded.language()
            && language.has_runtime()
        {
            runtimes.get(language)?;
        }
        modules.push((path.display().to_string(), loaded));
    }
    let options = GradeOptions {
        seed: seed.unwrap_or_else(fresh_seed),
        hidden,
        engine,
    };
    let prepared = prepare(&bundle, options, &mut |_| {})
        .with_context(|| format!("preparing task `{task}`"))?;
    let mut all_solved = true;
    let mut out = std::io::stdout().lock();
    for (i, (label, loaded)) in modules.iter().enumerate() {
        let report = loaded.grade(&prepared, &runtimes, &mut |_| {})?;
        all_solved &= report.solved;
        if let Some((author, first)) = &records {
            let mut submission = Submission::from_report(&report, first + i as u32);
            submission.set_source(loaded.source());
            submission.report = Some(report);
            let record = Record {
                schema: SCHEMA.to_owned(),
                seq: i as u64 + 1,
                at: None,
                author: author.clone(),
                study: None,
                task: Some(task.to_owned()),
                active_ms: None,
                event: Event::Submission(Box::new(submission)),
            };
            writeln!(out, "{}", record.to_line())?;
        } else if json {
            writeln!(out, "{}", serde_json::to_string(&report)?)?;
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            write!(out, "{}", render::report(&report, label))?;
        }
    }
    out.flush()?;
    if all_solved {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

fn grade_batch(
    tasks: Option<PathBuf>,
    runtimes: Option<PathBuf>,
    dir: &std::path::Path,
    out: Option<PathBuf>,
    options: BatchOptions,
) -> Result<ExitCode> {
    let file = dir.join(batch::MANIFEST);
    let source = std::fs::read_to_string(&file).with_context(|| {
        format!(
            "reading {}; a batch folder needs a manifest (see docs/batch.md)",
            file.display()
        )
    })?;
    let label = file.display().to_string();
    let entries = batch::parse_manifest(&source, &label, dir)?;
    let catalog = Catalog::locate(tasks.as_deref())?;
    let bundles = batch::load_tasks(&catalog, &entries, &label)?;
    let runtimes = Runtimes::locate(runtimes.as_deref(), &catalog.dir);
    let started = stopwatch();
    let modules = batch::load_modules(&entries);
    let built = started.elapsed().as_secs_f64();
    let (records, stats) = batch::grade_batch(&bundles, &modules, &entries, &runtimes, options)?;
    let seconds = started.elapsed().as_secs_f64() - built;
    let mut text = String::new();
    for record in &records {
        text.push_str(&record.to_line());
        text.push('\n');
    }
    match &out {
        Some(path) => {
            std::fs::write(path, &text).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    eprintln!(
        "replica: {} submissions of {} tasks ({} not built), modules read or built in {built:.2} s; \
         graded {} distinct modules with seed {} on {} threads in {seconds:.2} s: {} runs, {:.0} runs/s",
        stats.submissions,
        stats.tasks,
        stats.unbuilt,
        stats.graded,
        options.seed,
        options.jobs,
        stats.runs,
        stats.runs as f64 / seconds.max(1e-9),
    );
    Ok(ExitCode::SUCCESS)
}

/// Wall time for the summary line on stderr only; records never carry it.
#[allow(clippy::disallowed_methods)]
fn stopwatch() -> std::time::Instant {
    std::time::Instant::now()
}

fn list_runtimes(
    tasks: Option<PathBuf>,
    runtimes: Option<PathBuf>,
    engine: Engine,
) -> Result<ExitCode> {
    let tasks_dir = match (&runtimes, Catalog::locate(tasks.as_deref())) {
        (_, Ok(catalog)) => catalog.dir,
        (Some(_), Err(_)) => PathBuf::from("tasks"),
        (None, Err(e)) => return Err(e),
    };
    let runtimes = Runtimes::locate(runtimes.as_deref(), &tasks_dir);
    let manifest = runtimes.measure(engine)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<10}  {:<10}  {:<8}  {:>10}  {:>13}  {:>6}  digest",
        "language", "runtime", "version", "bytes", "start-up fuel", "factor"
    )?;
    for (language, built) in &manifest.runtimes {
        writeln!(
            out,
            "{:<10}  {:<10}  {:<8}  {:>10}  {:>13}  {:>6}  {}",
            language,
            built.name,
            built.version,
            built.bytes,
            built.startup_fuel.map_or("-".to_owned(), |a| a.to_string()),
            replica_judge::runtimes::Language::from_name(language)
                .map_or("-".to_owned(), |l| replica_judge::runtimes::factor(l)
                    .to_string()),
            built.digest
        )?;
    }
    writeln!(out, "(in {})", runtimes.dir.display())?;
    Ok(ExitCode::SUCCESS)
}

fn compare(files: &[PathBuf], format: TableFormat, charts: Option<PathBuf>) -> Result<ExitCode> {
    let mut inputs = Vec::with_capacity(files.len());
    for path in files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        inputs.push((path.display().to_string(), text));
    }
    let dataset = replica_compare::load(&inputs)?;
    for warning in &dataset.warnings {
        eprintln!("replica: warning: {warning}");
    }
    if dataset.tasks.is_empty() {
        bail!(
            "the files hold no records about a task; give the JSONL of `replica grade --json --author`, \
             `replica grade-batch` or a study export"
        );
    }
    let rows = replica_compare::rows(&dataset);
    let table = match format {
        TableFormat::Markdown => replica_compare::table::markdown(&rows),
        TableFormat::Csv => replica_compare::table::csv(&rows),
        TableFormat::Latex => replica_compare::table::latex(&rows),
    };
    if let Some(dir) = charts {
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for task in dataset.tasks.values() {
            for chart in replica_compare::charts::all(task) {
                let file = dir.join(format!("{}-{}.svg", task.id, chart.name));
                std::fs::write(&file, &chart.svg)
                    .with_context(|| format!("writing {}", file.display()))?;
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(table.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `replica mcp`: the agent tools over MCP on stdio, every call logged.
fn mcp(
    tasks: Option<PathBuf>,
    runtimes: Option<PathBuf>,
    engine: Engine,
    author: Author,
    log: Option<PathBuf>,
    seed: Option<u64>,
    hidden: Option<u32>,
) -> Result<ExitCode> {
    let catalog = Catalog::locate(tasks.as_deref())?;
    let runtimes = Runtimes::locate(runtimes.as_deref(), &catalog.dir);
    let log = match log {
        Some(path) => path,
        None => {
            let name: String = author
                .name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            PathBuf::from("replica-episodes").join(format!(
                "{name}-{}-{}.jsonl",
                replica_record::rfc3339(wall_ms()).replace([':', '.'], ""),
                std::process::id()
            ))
        }
    };
    if let Some(dir) = log.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // A new file per episode: appending a second episode would restart `seq`.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&log)
        .with_context(|| {
            format!(
                "creating the episode log {}; give --log a file that does not exist yet",
                log.display()
            )
        })?;
    eprintln!(
        "replica mcp: serving the agent tools on stdio as {author}; episode log {}",
        log.display()
    );
    let episode = replica_agent::Episode::new(author, Some(Box::new(file)), true);
    let session = replica_agent::Session::new(
        Box::new(replica_cli::workspace::LocalWorkspace::with_runtimes(
            catalog,
            std::sync::Arc::new(runtimes),
        )),
        replica_agent::SessionOptions {
            seed: seed.unwrap_or_else(fresh_seed),
            hidden,
            engine,
        },
        episode,
    );
    replica_agent::mcp::serve_stdio(std::sync::Arc::new(session))?;
    Ok(ExitCode::SUCCESS)
}

/// Milliseconds since the Unix epoch, for naming a new episode log only.
#[allow(clippy::disallowed_methods)]
fn wall_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The language runtimes a Harbor export bundles so its verifier grades `main.py` and
/// `main.js`: every runtime in the manifest, each loaded once here, which checks its
/// module against the manifest's digest and that its start-up fuel was measured (the
/// verifier then grades with exactly these modules and start-ups).
///
/// # Errors
/// When the runtimes are not built (and cannot be, outside a checkout) or do not load.
fn harbor_runtimes(runtimes: &Runtimes) -> Result<replica_agent::harbor::Bundle> {
    let manifest = runtimes.manifest().context(
        "a Harbor export bundles the Python and JavaScript runtimes: build them with \
         `cargo xtask runtimes`, or point --runtimes at a folder holding them",
    )?;
    let mut files = vec![replica_judge::runtimes::MANIFEST_FILE.to_owned()];
    let mut languages = Vec::new();
    for (name, built) in &manifest.runtimes {
        let language = Language::from_name(name)
            .with_context(|| format!("runtimes.json names an unknown language `{name}`"))?;
        runtimes
            .get(language)
            .with_context(|| format!("loading the {} runtime to bundle", language.title()))?;
        files.push(built.file.clone());
        languages.push((name.clone(), format!("{} {}", built.name, built.version)));
    }
    Ok(replica_agent::harbor::Bundle {
        dir: runtimes.dir.clone(),
        files,
        languages,
    })
}

/// `replica export harbor TASK DIR`.
fn export_harbor(
    tasks: Option<PathBuf>,
    runtimes: Option<PathBuf>,
    id: &str,
    dir: &std::path::Path,
    seed: u64,
    hidden: Option<u32>,
) -> Result<ExitCode> {
    let catalog = Catalog::locate(tasks.as_deref())?;
    let (_, task_toml) = catalog.read_task(id)?;
    let bundle = catalog.load(id)?;
    // Harbor's oracle agent hands in a known solution: the task's `correct` example, or
    // another example expected to solve it.
    let mut examples = catalog.module_examples(id)?;
    examples.sort_by_key(|(name, _, expect)| (!expect.solved, name != "correct"));
    let solution = match examples.first() {
        Some((name, path, expect)) if expect.solved => match load_submission(path) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                eprintln!(
                    "replica: warning: example `{name}` does not build ({e:#}); no solution/ folder"
                );
                None
            }
        },
        _ => None,
    };
    let replica = std::env::current_exe().context("finding the replica binary to bundle")?;
    let runtimes = harbor_runtimes(&Runtimes::locate(runtimes.as_deref(), &catalog.dir))?;
    let written = replica_agent::harbor::export(
        &replica_agent::harbor::Export {
            bundle: &bundle,
            task_toml: &task_toml,
            replica: &replica,
            runtimes: Some(&runtimes),
            solution: solution.as_deref(),
            seed,
            hidden,
        },
        dir,
    )?;
    for path in written {
        println!("{}", dir.join(path).display());
    }
    Ok(ExitCode::SUCCESS)
}
