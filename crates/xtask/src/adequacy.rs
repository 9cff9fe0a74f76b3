//! `cargo xtask adequacy TASK...`: how well a task's cases catch bugs, by mutation testing
//! its reference.
//!
//! cargo-mutants (from crates.io, pinned, installed on first use) lists the mutants of
//! the reference crate and of the shared code the task's `adequacy.toml` names: each one
//! small change such as `<` to `<=`, a deleted `!` or match arm, or a function body
//! replaced by a default value. For each mutant this command applies the change to a copy
//! of the repository, builds the reference for wasm32-wasip1, and grades the build with
//! `replica grade` on the task's visible cases plus the hidden cases of a fixed seed,
//! against the unmutated reference. A mutant is
//!
//! - **caught** when any case differs (output, exit status, files, or a trap or limit),
//! - **missed** when every case is accepted: no case checks the behaviour it changed,
//! - **unviable** when it does not compile,
//! - **excluded** when `adequacy.toml` lists it as equivalent (it cannot change what the
//!   program does, or changes only behaviour outside the tested subset), with a reason.
//!
//! The score is caught / (caught + missed). Mutants run in a copy under
//! `target/adequacy/`, never in the source tree, built with a fast profile (no
//! optimisation of the task's own crates, dependencies at `opt-level` 2, no overflow
//! checks: release semantics). Every outcome is appended to the task's journal in
//! `target/adequacy/results/` (the last line for a mutant wins), so `--shard K/N` runs on
//! several machines or at different times can be summed with `--summary`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::{show, tools};

/// The cargo-mutants release the commands below are written for.
const CARGO_MUTANTS_VERSION: &str = "27.0.0";

/// Seed of the hidden cases every mutant is graded on, unless `--seed` says otherwise.
const DEFAULT_SEED: u64 = 1;

/// Mutants graded by one `replica grade` call: it prepares the task once per call.
const GRADE_BATCH: usize = 40;

const USAGE: &str = "\
usage: cargo xtask adequacy [OPTIONS] TASK...

Mutation testing of each task's reference: prints mutants, caught, missed, unviable
and excluded, the score (caught of the viable mutants not excluded), and every missed
mutant as file:line:column and the change.
  --seed N         hidden cases drawn with this seed (default 1)
  --hidden N       this many hidden cases (default: the task's `hidden`)
  --shard K/N      only mutants K, K+N, K+2N, ... (K from 0); one run per shard at a time
  --not-run        only the mutants of this shard that no kept shard has an outcome for
                   (after a stopped run, or when the list of mutants changed)
  --rerun-missed   only the mutants of this shard that the kept results say were missed;
                   the others keep their earlier outcome (a quick loop while adding cases)
  --summary        run nothing: sum up every outcome kept for each task
  --list           run nothing: print the mutants in scope and the excluded ones
Run it under `nice`: every mutant is a build and a grading.
";

/// What the command line asked for.
#[derive(Debug)]
struct Options {
    seed: u64,
    hidden: Option<u32>,
    shard: (usize, usize),
    rerun_missed: bool,
    not_run: bool,
    summary: bool,
    list: bool,
    tasks: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options {
        seed: DEFAULT_SEED,
        hidden: None,
        shard: (0, 1),
        rerun_missed: false,
        not_run: false,
        summary: false,
        list: false,
        tasks: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .with_context(|| format!("{name} needs a value\n\n{USAGE}"))
        };
        match arg.as_str() {
            "--seed" => {
                let v = value("--seed")?;
                options.seed = v
                    .parse()
                    .with_context(|| format!("--seed {v}: expected a number"))?;
            }
            "--hidden" => {
                let v = value("--hidden")?;
                options.hidden = Some(
                    v.parse()
                        .with_context(|| format!("--hidden {v}: expected a number"))?,
                );
            }
            "--shard" => {
                let v = value("--shard")?;
                options.shard = v
                    .split_once('/')
                    .and_then(|(k, n)| Some((k.parse().ok()?, n.parse().ok()?)))
                    .filter(|&(k, n)| n > 0 && k < n)
                    .with_context(|| format!("--shard {v}: expected K/N with 0 <= K < N"))?;
            }
            "--rerun-missed" => options.rerun_missed = true,
            "--not-run" => options.not_run = true,
            "--summary" => options.summary = true,
            "--list" => options.list = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            other if other.starts_with('-') => bail!("unknown option `{other}`\n\n{USAGE}"),
            task => options.tasks.push(task.to_owned()),
        }
    }
    if options.tasks.is_empty() {
        bail!("name at least one task\n\n{USAGE}");
    }
    Ok(options)
}

/// A task's `adequacy.toml`: which shared files count, and the excluded mutants.
#[derive(Debug, Default)]
struct Config {
    /// Files outside the reference crate whose mutants count, relative to the root.
    shared: Vec<String>,
    excluded: Vec<Exclusion>,
}

/// One `[[exclude]]`: every mutant in `file` (a suffix of its path) whose function is
/// `function` and, when given, whose change is `change`, whose line is `line` and whose
/// column is `column` (for a change that occurs more than once in a function or a line).
#[derive(Debug)]
struct Exclusion {
    file: String,
    function: String,
    change: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    reason: String,
}

impl Exclusion {
    fn matches(&self, mutant: &Mutant) -> bool {
        mutant.file.ends_with(&self.file)
            && mutant.function == self.function
            && self.change.as_ref().is_none_or(|c| *c == mutant.change)
            && self.line.is_none_or(|l| l == mutant.line)
            && self.column.is_none_or(|c| c == mutant.column)
    }
}

fn read_config(root: &Path, id: &str) -> Result<Config> {
    let path = root.join("tasks").join(id).join("adequacy.toml");
    let shown = format!("tasks/{id}/adequacy.toml");
    let Ok(source) = std::fs::read_to_string(&path) else {
        return Ok(Config::default());
    };
    let table: toml::Table = toml::from_str(&source).with_context(|| format!("parsing {shown}"))?;
    let mut config = Config::default();
    for (key, value) in &table {
        match key.as_str() {
            "shared" => {
                for file in value.as_array().with_context(|| {
                    format!("{shown}: `shared` is a list of paths from the repository root")
                })? {
                    let file = file
                        .as_str()
                        .with_context(|| format!("{shown}: `shared` holds strings"))?;
                    if !root.join(file).is_file() {
                        bail!("{shown}: shared file `{file}` does not exist");
                    }
                    config.shared.push(file.to_owned());
                }
            }
            "exclude" => {
                for entry in value
                    .as_array()
                    .with_context(|| format!("{shown}: `exclude` is an array of tables"))?
                {
                    let get = |field: &str| {
                        entry
                            .get(field)
                            .and_then(toml::Value::as_str)
                            .map(str::to_owned)
                    };
                    let (Some(file), Some(function), Some(reason)) =
                        (get("file"), get("function"), get("reason"))
                    else {
                        bail!(
                            "{shown}: every [[exclude]] needs `file`, `function` and `reason` \
                             (and optionally `change`, `line` and `column`); got {entry}"
                        );
                    };
                    if reason.trim().is_empty() {
                        bail!("{shown}: the exclusion of `{function}` needs a reason");
                    }
                    let number = |field: &str| -> Result<Option<usize>> {
                        let Some(v) = entry.get(field) else {
                            return Ok(None);
                        };
                        v.as_integer()
                            .and_then(|n| usize::try_from(n).ok())
                            .map(Some)
                            .with_context(|| {
                                format!(
                                    "{shown}: `{field}` of the exclusion of `{function}` is a \
                                     positive number"
                                )
                            })
                    };
                    let line = number("line")?;
                    let column = number("column")?;
                    config.excluded.push(Exclusion {
                        file,
                        function,
                        change: get("change"),
                        line,
                        column,
                        reason,
                    });
                }
            }
            other => bail!("{shown}: unknown key `{other}`; expected `shared` or `exclude`"),
        }
    }
    Ok(config)
}

/// One mutant as cargo-mutants lists it.
#[derive(Debug, Clone)]
struct Mutant {
    /// Path from the repository root.
    file: String,
    line: usize,
    column: usize,
    /// The function it sits in (`Type::method`), empty outside any.
    function: String,
    /// The change as cargo-mutants words it, e.g. `replace < with <= in Program::print`.
    change: String,
    /// The span replaced, 1-based lines and columns in characters, end exclusive.
    start: (usize, usize),
    end: (usize, usize),
    replacement: String,
}

impl Mutant {
    /// `file:line:column: change`, as cargo-mutants prints it.
    fn name(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.change
        )
    }
}

/// What grading one mutant showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Caught,
    Missed,
    Unviable,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Caught => "caught",
            Outcome::Missed => "missed",
            Outcome::Unviable => "unviable",
        }
    }

    fn from_str(s: &str) -> Option<Outcome> {
        [Outcome::Caught, Outcome::Missed, Outcome::Unviable]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// Lists the mutants cargo-mutants finds in `files` (paths from the root).
fn list_mutants(root: &Path, files: &[String]) -> Result<Vec<Mutant>> {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root)
        .args(["mutants", "--list", "--json", "--line-col=true"]);
    for file in files {
        cmd.args(["--file", file]);
    }
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("starting `{}`", show(&cmd)))?;
    if !output.status.success() {
        bail!("`{}` failed with {}", show(&cmd), output.status);
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("reading the JSON `{}` printed", show(&cmd)))?;
    let list = json
        .as_array()
        .context("cargo mutants --list --json printed no array")?;
    let mut mutants = Vec::new();
    for item in list {
        mutants.push(mutant_from_json(item).with_context(|| {
            format!("cargo-mutants {CARGO_MUTANTS_VERSION} printed a mutant this command cannot read: {item}")
        })?);
    }
    Ok(mutants)
}

fn mutant_from_json(item: &serde_json::Value) -> Option<Mutant> {
    let pos = |v: &serde_json::Value| -> Option<(usize, usize)> {
        Some((
            usize::try_from(v["line"].as_u64()?).ok()?,
            usize::try_from(v["column"].as_u64()?).ok()?,
        ))
    };
    let span = &item["span"];
    let start = pos(&span["start"])?;
    let end = pos(&span["end"])?;
    let function = item["function"]["function_name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let name = item["name"].as_str()?;
    // `name` is `file:line:column: change`.
    let change = name.splitn(4, ':').nth(3)?.trim_start().to_owned();
    Some(Mutant {
        file: item["file"].as_str()?.to_owned(),
        line: start.0,
        column: start.1,
        function,
        change,
        start,
        end,
        replacement: item["replacement"].as_str()?.to_owned(),
    })
}

/// Byte offset of 1-based (line, column-in-characters) in `text`.
fn offset(text: &str, (line, column): (usize, usize)) -> Option<usize> {
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(rest.len()))
        .nth(column - 1)?;
    Some(line_start + within)
}

/// `text` with the mutant's span replaced.
fn apply(text: &str, mutant: &Mutant) -> Option<String> {
    let start = offset(text, mutant.start)?;
    let end = offset(text, mutant.end)?;
    (start <= end).then(|| format!("{}{}{}", &text[..start], mutant.replacement, &text[end..]))
}

/// Copies the repository's files (tracked and untracked, not ignored) into `copy`.
fn copy_tree(root: &Path, copy: &Path) -> Result<()> {
    let out = Command::new("git")
        .current_dir(root)
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .output()
        .context("listing the repository's files with git")?;
    if !out.status.success() {
        bail!("`git ls-files` failed; run this in the repository");
    }
    for name in out.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name);
        let from = root.join(&*name);
        if !from.is_file() {
            continue; // deleted but not yet committed
        }
        let to = copy.join(&*name);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // Copy only what changed, so cargo's fingerprints stay valid between runs.
        let same =
            std::fs::read(&to).is_ok_and(|old| std::fs::read(&from).is_ok_and(|new| old == new));
        if !same {
            std::fs::copy(&from, &to)
                .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
        }
    }
    Ok(())
}

/// `cargo build` of the references of `ids` in the copy, with the fast profile; their
/// modules' paths in the same order, or `None` when the build fails.
fn build_references(copy: &Path, target: &Path, ids: &[String]) -> Result<Option<Vec<PathBuf>>> {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(copy)
        .env("CARGO_TARGET_DIR", target)
        .args([
            "build",
            "--quiet",
            "--target",
            "wasm32-wasip1",
            "--profile",
            "adequacy",
        ])
        .args([
            "--config",
            "profile.adequacy.inherits=\"dev\"",
            "--config",
            "profile.adequacy.debug=false",
            "--config",
            "profile.adequacy.debug-assertions=false",
            "--config",
            "profile.adequacy.overflow-checks=false",
            "--config",
            "profile.adequacy.incremental=true",
            "--config",
            "profile.adequacy.package.\"*\".opt-level=2",
        ]);
    for id in ids {
        cmd.args(["-p", &format!("{id}-reference")]);
    }
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("starting cargo")?;
    if !status.success() {
        return Ok(None);
    }
    Ok(Some(
        ids.iter()
            .map(|id| target.join(format!("wasm32-wasip1/adequacy/{id}-reference.wasm")))
            .collect(),
    ))
}

/// Grades `modules` with `replica grade` against the task in the source tree, on its
/// visible cases and `hidden` hidden ones (`None`: the task's count); true for each module
/// that solved the task (every case as the unmutated reference).
fn grade(
    root: &Path,
    id: &str,
    modules: &[PathBuf],
    options: &Options,
    hidden: Option<u32>,
) -> Result<Vec<bool>> {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root)
        .args([
            "run",
            "--quiet",
            "-p",
            "replica-cli",
            "--",
            "grade",
            "--tasks",
        ])
        .arg(root.join("tasks"))
        .arg(id)
        .args(modules)
        .args(["--seed", &options.seed.to_string(), "--json"]);
    if let Some(hidden) = hidden {
        cmd.args(["--hidden", &hidden.to_string()]);
    }
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("starting `{}`", show(&cmd)))?;
    // Exit status 1 means some module did not solve the task; 2 is a harness error.
    if output.status.code() == Some(2) || output.status.code().is_none() {
        bail!("`{}` failed with {}", show(&cmd), output.status);
    }
    let mut solved = Vec::new();
    for line in output
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
    {
        let report: serde_json::Value =
            serde_json::from_slice(line).context("reading a report from replica grade")?;
        solved.push(
            report["solved"]
                .as_bool()
                .context("a report without `solved`")?,
        );
    }
    if solved.len() != modules.len() {
        bail!(
            "replica grade printed {} reports for {} modules",
            solved.len(),
            modules.len()
        );
    }
    Ok(solved)
}

/// The mutants of task `id` in scope: its reference crate's files and its shared files.
fn mutants_in_scope(root: &Path, id: &str, config: &Config) -> Result<Vec<Mutant>> {
    let reference = format!("tasks/{id}/reference/src");
    let mut files: Vec<String> = Vec::new();
    let mut stack = vec![root.join(&reference)];
    while let Some(dir) = stack.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path.strip_prefix(root)?.to_string_lossy().into_owned());
            }
        }
    }
    files.extend(config.shared.iter().cloned());
    files.sort();
    let mut mutants = list_mutants(root, &files)?;
    mutants.retain(|m| files.contains(&m.file));
    Ok(mutants)
}

/// The journal of task `id`'s outcomes: every run appends a line per mutant it graded,
/// and the last line for a mutant is its outcome. (Files from other machines' runs can be
/// copied beside it as `ID.journal-NAME.tsv`; `ID.shard-K-of-N.tsv` files are the
/// older per-shard format, read before every journal.)
fn journal(root: &Path, id: &str) -> PathBuf {
    root.join("target/adequacy/results")
        .join(format!("{id}.journal.tsv"))
}

/// Reads kept outcomes: `outcome TAB mutant name` per line, the last line for a mutant
/// winning.
fn read_results(path: &Path) -> BTreeMap<String, Outcome> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (outcome, name) = line.split_once('\t')?;
            Some((name.to_owned(), Outcome::from_str(outcome)?))
        })
        .collect()
}

/// Appends outcomes to task `id`'s journal. One `write` per call, in append mode, so
/// runs of other shards appending at the same time never interleave within a line.
fn record(root: &Path, id: &str, outcomes: &[(String, Outcome)]) -> Result<()> {
    use std::io::Write as _;
    if outcomes.is_empty() {
        return Ok(());
    }
    let path = journal(root, id);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut text = String::new();
    for (name, outcome) in outcomes {
        let _ = writeln!(text, "{}\t{name}", outcome.as_str());
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .with_context(|| format!("appending to {}", path.display()))
}

/// Runs the command; see [`USAGE`].
///
/// # Errors
/// When cargo-mutants cannot be installed, a task is unknown, its `adequacy.toml` is
/// broken, the unmutated reference does not build in the copy or does not solve its own
/// task, or grading fails.
pub fn adequacy(root: &Path, args: &[String]) -> Result<()> {
    let options = parse(args)?;
    for id in &options.tasks {
        if !root.join("tasks").join(id).join("task.toml").is_file() {
            bail!("no task `{id}` under tasks/");
        }
    }
    if !options.summary {
        tools::ensure_targets()?;
    }
    // Listing the mutants runs nothing; the summary lists them too, to say how many of
    // them the kept shards have not run yet.
    tools::ensure_cargo_subcommand("mutants", "cargo-mutants", CARGO_MUTANTS_VERSION)?;
    let mut scopes = Vec::new();
    for id in &options.tasks {
        let config = read_config(root, id)?;
        let all = mutants_in_scope(root, id, &config)?;
        let (excluded, mutants): (Vec<Mutant>, Vec<Mutant>) = all
            .into_iter()
            .partition(|m| config.excluded.iter().any(|e| e.matches(m)));
        for exclusion in &config.excluded {
            if !excluded.iter().any(|m| exclusion.matches(m)) {
                bail!(
                    "tasks/{id}/adequacy.toml excludes `{}` in {} ({}), which matches no \
                     mutant any more; update or delete that entry",
                    exclusion.function,
                    exclusion.file,
                    exclusion.change.as_deref().unwrap_or("every change")
                );
            }
        }
        if options.list {
            for m in &mutants {
                println!("{id}: {}", m.name());
            }
            for m in &excluded {
                let why = config
                    .excluded
                    .iter()
                    .find(|e| e.matches(m))
                    .map_or("", |e| e.reason.as_str());
                println!("{id}: excluded: {} ({why})", m.name());
            }
        }
        scopes.push((id.clone(), mutants, excluded.len()));
    }
    if options.list {
        return Ok(());
    }
    if !options.summary {
        let tasks: Vec<(String, Vec<Mutant>)> = scopes
            .iter()
            .map(|(id, mutants, _)| (id.clone(), mutants.clone()))
            .collect();
        run_tasks(root, &tasks, &options)?;
    }
    for (id, mutants, excluded) in &scopes {
        println!("{}", summarise(root, id, mutants, *excluded));
    }
    Ok(())
}

/// Builds and grades the mutants of this shard for every task named. A mutant of code
/// several tasks share (the same file, place and change) is built once, with all their
/// references in one `cargo build`, and graded against each task.
fn run_tasks(root: &Path, tasks: &[(String, Vec<Mutant>)], options: &Options) -> Result<()> {
    let (k, n) = options.shard;
    let work = root
        .join("target/adequacy")
        .join(format!("shard-{k}-of-{n}"));
    let copy = work.join("tree");
    // A target directory per shard, never shared: cargo's final artifact
    // (`wasm32-wasip1/adequacy/<id>-reference.wasm`) has the same name for every copy of
    // the tree, and a copy whose sources are older than that artifact counts as fresh, so
    // a shared one handed a shard another shard's last mutant as its baseline.
    let target = work.join("target");
    let _lock = ShardLock::take(&work, options.shard)?;
    copy_tree(root, &copy)?;
    let ids: Vec<String> = tasks.iter().map(|(id, _)| id.clone()).collect();

    // The unmutated references, built the same way, must solve their own tasks.
    eprintln!(
        "xtask: adequacy: building the unmutated references in {}",
        copy.display()
    );
    let baseline = build_references(&copy, &target, &ids)?.with_context(|| {
        format!(
            "the unmutated references do not build in {}",
            copy.display()
        )
    })?;
    for (id, module) in ids.iter().zip(&baseline) {
        let dir = work.join("modules").join(id);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let kept = dir.join("baseline.wasm");
        std::fs::copy(module, &kept)?;
        if grade(root, id, &[kept], options, options.hidden)? != [true] {
            bail!(
                "the unmutated {id} reference, built with the adequacy profile, does not \
                 solve its own task"
            );
        }
    }

    // Every distinct mutant, with the tasks it counts for, in a stable order.
    let mut distinct: BTreeMap<String, (Mutant, Vec<usize>)> = BTreeMap::new();
    for (t, (_, mutants)) in tasks.iter().enumerate() {
        for m in mutants {
            distinct
                .entry(m.name())
                .or_insert_with(|| (m.clone(), Vec::new()))
                .1
                .push(t);
        }
    }
    let kept: Vec<BTreeMap<String, Outcome>> =
        ids.iter().map(|id| kept_outcomes(root, id)).collect();
    let mine: Vec<(&Mutant, Vec<usize>)> = distinct
        .values()
        .enumerate()
        .filter(|(i, _)| i % n == k)
        .map(|(_, (m, users))| {
            let users: Vec<usize> = users
                .iter()
                .copied()
                .filter(|&t| {
                    (!options.rerun_missed || kept[t].get(&m.name()) == Some(&Outcome::Missed))
                        && (!options.not_run || !kept[t].contains_key(&m.name()))
                })
                .collect();
            (m, users)
        })
        .filter(|(_, users)| !users.is_empty())
        .collect();
    eprintln!(
        "xtask: adequacy: {} distinct mutants in shard {k}/{n} ({} in all) for {}",
        mine.len(),
        distinct.len(),
        ids.join(", ")
    );
    let mut pending: Vec<Vec<(String, PathBuf)>> = vec![Vec::new(); tasks.len()];
    let flush = |t: usize, pending: &mut Vec<(String, PathBuf)>| -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let solved = grade_in_two_steps(root, &ids[t], pending, options)?;
        let outcomes: Vec<(String, Outcome)> = pending
            .drain(..)
            .zip(solved)
            .map(|((name, _), solved)| {
                let outcome = if solved {
                    Outcome::Missed
                } else {
                    Outcome::Caught
                };
                (name, outcome)
            })
            .collect();
        record(root, &ids[t], &outcomes)
    };
    for (i, (mutant, users)) in mine.iter().enumerate() {
        let file = copy.join(&mutant.file);
        let original = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        let mutated = apply(&original, mutant)
            .with_context(|| format!("applying {}: the span is outside the file", mutant.name()))?;
        std::fs::write(&file, mutated)?;
        let these: Vec<String> = users.iter().map(|&t| ids[t].clone()).collect();
        let built = build_references(&copy, &target, &these);
        std::fs::write(&file, &original)?;
        match built? {
            None => {
                for &t in users {
                    record(root, &ids[t], &[(mutant.name(), Outcome::Unviable)])?;
                }
            }
            Some(modules) => {
                for (&t, module) in users.iter().zip(modules) {
                    let kept = work.join("modules").join(&ids[t]).join(format!("{i}.wasm"));
                    std::fs::copy(&module, &kept)?;
                    pending[t].push((mutant.name(), kept));
                    if pending[t].len() == GRADE_BATCH {
                        flush(t, &mut pending[t])?;
                    }
                }
            }
        }
        if (i + 1) % 20 == 0 {
            eprintln!("xtask: adequacy: {} of {} built", i + 1, mine.len());
        }
    }
    for (t, pending) in pending.iter_mut().enumerate() {
        flush(t, pending)?;
    }
    Ok(())
}

/// Whether each pending module solved task `id` on its visible and hidden cases, graded in
/// two steps: on the visible cases alone first, where most mutants already differ, then
/// the modules that passed them on every case. The outcome is the one grading on every
/// case at once gives (a module that differs on a visible case differs there in the full
/// grade too), for about half the grading work: hidden cases are as many as visible ones
/// and most mutants are caught.
fn grade_in_two_steps(
    root: &Path,
    id: &str,
    pending: &[(String, PathBuf)],
    options: &Options,
) -> Result<Vec<bool>> {
    let paths: Vec<PathBuf> = pending.iter().map(|p| p.1.clone()).collect();
    let mut solved = grade(root, id, &paths, options, Some(0))?;
    let survivors: Vec<usize> = (0..solved.len()).filter(|&i| solved[i]).collect();
    if survivors.is_empty() || options.hidden == Some(0) {
        return Ok(solved);
    }
    let again: Vec<PathBuf> = survivors.iter().map(|&i| paths[i].clone()).collect();
    for (i, full) in survivors
        .into_iter()
        .zip(grade(root, id, &again, options, options.hidden)?)
    {
        solved[i] = full;
    }
    Ok(solved)
}

/// Keeps two runs of the same shard apart: they share its copy of the tree, and one
/// restoring a file under the other's mutant build would grade an unmutated reference as
/// a missed mutant. Holds `lock` in the shard's folder, with the owner's pid; a lock
/// whose process is gone (a run stopped with Ctrl-C) is taken over.
struct ShardLock(PathBuf);

impl ShardLock {
    fn take(work: &Path, (k, n): (usize, usize)) -> Result<ShardLock> {
        std::fs::create_dir_all(work)?;
        let path = work.join("lock");
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    use std::io::Write as _;
                    write!(file, "{}", std::process::id())?;
                    return Ok(ShardLock(path));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&path).unwrap_or_default();
                    let pid = pid.trim();
                    if !pid.is_empty() && Path::new("/proc").join(pid).exists() {
                        bail!(
                            "another `cargo xtask adequacy` (pid {pid}) is running shard \
                             {k}/{n} in {}; wait for it, or give this run another \
                             `--shard`",
                            work.display()
                        );
                    }
                    std::fs::remove_file(&path).ok();
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("creating {}", path.display()));
                }
            }
        }
        bail!(
            "could not take {}; remove it if no run uses it",
            path.display()
        )
    }
}

impl Drop for ShardLock {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

/// The outcomes kept for task `id`, by mutant name: the older per-shard files first (in
/// the order they were written), then the journals; within a file, the last line wins.
fn kept_outcomes(root: &Path, id: &str) -> BTreeMap<String, Outcome> {
    let dir = root.join("target/adequacy/results");
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let (shards, journals) = (format!("{id}.shard-"), format!("{id}.journal"));
        let mut files: Vec<(bool, Option<std::time::SystemTime>, PathBuf)> = entries
            .flatten()
            .map(|e| e.path())
            .filter_map(|p| {
                let name = p.file_name()?.to_string_lossy().into_owned();
                let is_journal = name.starts_with(&journals);
                (is_journal || name.starts_with(&shards)).then(|| {
                    let written = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
                    (is_journal, written, p)
                })
            })
            .collect();
        files.sort();
        for (_, _, file) in files {
            outcomes.extend(read_results(&file));
        }
    }
    outcomes
}

/// One task's summary over every kept shard: counts, score and the missed mutants.
/// `current` is the task's mutants in scope now; kept outcomes of mutants that no longer
/// exist (the code changed) do not count, and those not run yet are counted apart.
fn summarise(root: &Path, id: &str, current: &[Mutant], excluded: usize) -> String {
    let mut outcomes = kept_outcomes(root, id);
    let names: std::collections::BTreeSet<String> = current.iter().map(Mutant::name).collect();
    outcomes.retain(|name, _| names.contains(name));
    if outcomes.is_empty() {
        return format!(
            "{id}: no results yet for its {} mutants ({excluded} excluded); run `cargo xtask \
             adequacy {id}`",
            current.len()
        );
    }
    let count = |o: Outcome| outcomes.values().filter(|&&x| x == o).count();
    let (caught, missed, unviable) = (
        count(Outcome::Caught),
        count(Outcome::Missed),
        count(Outcome::Unviable),
    );
    let viable = caught + missed;
    let score = if viable == 0 {
        100.0
    } else {
        100.0 * caught as f64 / viable as f64
    };
    let mut text = format!(
        "{id}: {} mutants: {caught} caught, {missed} missed, {unviable} unviable, {excluded} \
         excluded; score {score:.1}% of {viable} viable",
        outcomes.len(),
    );
    if current.len() > outcomes.len() {
        let _ = write!(
            text,
            " ({} of {} in scope not run in the kept shards)",
            current.len() - outcomes.len(),
            current.len()
        );
    }
    for (name, outcome) in &outcomes {
        if *outcome == Outcome::Missed {
            let _ = write!(text, "\n  missed: {name}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mutant(start: (usize, usize), end: (usize, usize), replacement: &str) -> Mutant {
        Mutant {
            file: "src/lib.rs".into(),
            line: start.0,
            column: start.1,
            function: "f".into(),
            change: "replace".into(),
            start,
            end,
            replacement: replacement.into(),
        }
    }

    #[test]
    fn spans_are_lines_and_character_columns() {
        let text = "fn f() -> bool {\n    a < b\n}\n";
        assert_eq!(
            apply(text, &mutant((2, 7), (2, 8), "<=")).unwrap(),
            "fn f() -> bool {\n    a <= b\n}\n"
        );
        assert_eq!(
            apply(text, &mutant((1, 16), (3, 2), "{ true }")).unwrap(),
            "fn f() -> bool { true }\n"
        );
        // Columns count characters, not bytes.
        assert_eq!(
            apply("é < x\n", &mutant((1, 3), (1, 4), ">")).unwrap(),
            "é > x\n"
        );
        assert!(apply(text, &mutant((9, 1), (9, 2), "x")).is_none());
    }

    #[test]
    fn exclusions_match_by_file_function_change_line_and_column() {
        let m = mutant((7, 5), (7, 7), "||");
        let exclusion =
            |change: Option<&str>, line: Option<usize>, column: Option<usize>| Exclusion {
                file: "lib.rs".into(),
                function: "f".into(),
                change: change.map(str::to_owned),
                line,
                column,
                reason: "r".into(),
            };
        assert!(exclusion(None, None, None).matches(&m));
        assert!(exclusion(Some("replace"), Some(7), None).matches(&m));
        assert!(exclusion(Some("replace"), Some(7), Some(5)).matches(&m));
        assert!(!exclusion(Some("replace"), Some(7), Some(6)).matches(&m));
        assert!(!exclusion(Some("replace"), Some(8), None).matches(&m));
        assert!(!exclusion(Some("delete"), None, None).matches(&m));
    }

    #[test]
    fn the_latest_outcome_of_a_mutant_is_kept() {
        let root = std::env::temp_dir().join(format!("xtask-adequacy-{}", std::process::id()));
        let m = |n: &str| format!("src/lib.rs:1:1: {n}");
        let dir = root.join("target/adequacy/results");
        std::fs::create_dir_all(&dir).unwrap();
        // An old-format shard file missed a and b; another task kept an outcome for a.
        let both_missed = "missed\tsrc/lib.rs:1:1: a\nmissed\tsrc/lib.rs:1:1: b\n";
        std::fs::write(dir.join("t.shard-1-of-2.tsv"), both_missed).unwrap();
        record(&root, "u", &[(m("a"), Outcome::Missed)]).unwrap();
        // A rerun with a new case catches a, a later one b.
        record(&root, "t", &[(m("a"), Outcome::Caught)]).unwrap();
        record(&root, "t", &[(m("b"), Outcome::Caught)]).unwrap();
        // An old shard file written after the journal (copied in) does not win.
        std::fs::write(dir.join("t.shard-0-of-1.tsv"), both_missed).unwrap();
        let kept = kept_outcomes(&root, "t");
        let other = kept_outcomes(&root, "u");
        // The code changed and a is graded again: its last line wins.
        record(&root, "t", &[(m("a"), Outcome::Missed)]).unwrap();
        let later = kept_outcomes(&root, "t");
        std::fs::remove_dir_all(&root).ok();
        assert_eq!(kept.get(&m("a")), Some(&Outcome::Caught), "{kept:?}");
        assert_eq!(kept.get(&m("b")), Some(&Outcome::Caught), "{kept:?}");
        assert_eq!(other.get(&m("a")), Some(&Outcome::Missed), "another task's");
        assert_eq!(later.get(&m("a")), Some(&Outcome::Missed), "{later:?}");
    }

    #[test]
    fn a_shard_is_run_by_one_process_at_a_time() {
        let work = std::env::temp_dir().join(format!("xtask-shard-lock-{}", std::process::id()));
        let first = ShardLock::take(&work, (0, 1)).unwrap();
        let second = ShardLock::take(&work, (0, 1)).err().unwrap().to_string();
        assert!(
            second.contains("another `cargo xtask adequacy`"),
            "{second}"
        );
        drop(first);
        drop(ShardLock::take(&work, (0, 1)).unwrap());
        // A lock left by a process that is gone is taken over.
        std::fs::write(work.join("lock"), "4294967295").unwrap();
        drop(ShardLock::take(&work, (0, 1)).unwrap());
        std::fs::remove_dir_all(&work).ok();
    }

    #[test]
    fn options_parse() {
        let args: Vec<String> = ["--shard", "1/3", "wc", "--seed", "7"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let options = parse(&args).unwrap();
        assert_eq!(
            (options.shard, options.seed, options.tasks),
            ((1, 3), 7, vec!["wc".to_owned()])
        );
        let bad: Vec<String> = vec!["--shard".into(), "3/3".into(), "wc".into()];
        assert!(parse(&bad).unwrap_err().to_string().contains("0 <= K < N"));
        assert!(parse(&[]).is_err());
    }
}
