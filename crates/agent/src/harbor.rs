//! `replica export harbor TASK DIR`: a task as a Harbor task folder, for trainers and
//! harnesses that read Harbor tasks.
//!
//! ```text
//! DIR/
//!   instruction.md          the spec, how to hand in a program, the visible cases with
//!                           the reference's answers
//!   task.toml               Harbor's task config (schema 1.4)
//!   environment/Dockerfile  Debian with clang and wasi-libc, to build C candidates
//!   solution/solve.sh       the oracle: copies a module that solves the task to /app
//!   solution/submission.wasm
//!   tests/Dockerfile        the verifier's own environment (Harbor's separate mode)
//!   tests/test.sh           grades /app with Replica; writes /logs/verifier/reward.json
//!                           ({"reward": 1} when solved, else 0) and the record beside it
//!   tests/bin/replica       the Replica CLI that grades
//!   tests/tasks/TASK/       the task's files, byte for byte (same task digest)
//!   tests/runtimes/         the language runtimes that run main.py and main.js (CPython,
//!                           QuickJS-NG) and their runtimes.json with digests and start-up
//! ```
//!
//! The reference module and the hidden seed are only under `tests/`, which Harbor builds
//! into the verifier's own environment (`environment_mode = "separate"`); the agent's
//! `/app` is handed over as an artifact.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use replica_judge::sandbox::{Module, Node};
use replica_judge::{Preview, TaskBundle, case_input, describe_ending};

/// What an export needs.
#[derive(Debug)]
pub struct Export<'a> {
    /// The task.
    pub bundle: &'a TaskBundle,
    /// Its `task.toml` exactly as on disk, so the exported task has the same digest.
    pub task_toml: &'a str,
    /// The `replica` binary copied into `tests/bin/`.
    pub replica: &'a Path,
    /// A module that solves the task, for `solution/` (Harbor's oracle agent).
    pub solution: Option<&'a [u8]>,
    /// The built language runtimes copied into `tests/runtimes/`, so the verifier grades
    /// `main.py` and `main.js`; `None` exports a task that takes modules and C only.
    pub runtimes: Option<&'a Bundle>,
    /// The seed of the hidden cases the verifier draws.
    pub seed: u64,
    /// Hidden cases; `None` uses the task's own count.
    pub hidden: Option<u32>,
}

/// Language runtimes to bundle: the folder's manifest (`runtimes.json`, which pins each
/// module by its SHA-256 digest and holds its measured start-up fuel) and the modules it
/// names, each checked against its digest by whoever built this value.
#[derive(Debug)]
pub struct Bundle {
    /// The folder holding the manifest and the modules.
    pub dir: PathBuf,
    /// The manifest's file name, then each module's, relative to `dir`.
    pub files: Vec<String>,
    /// The languages they run, with the runtime's name and version, e.g.
    /// `("python", "CPython 3.12.0")`, for `instruction.md`.
    pub languages: Vec<(String, String)>,
}

/// Writes the Harbor task folder into `dir`, which must be empty or absent; returns the
/// files written, relative to `dir`.
///
/// # Errors
/// When `dir` holds something, a file cannot be written, or the reference fails.
pub fn export(export: &Export<'_>, dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} is not empty; export into a new or empty folder",
            dir.display()
        );
    }
    let task = &export.bundle.task;
    let id = &task.id;
    let mut written = Vec::new();
    let mut write = |path: &str, bytes: &[u8], executable: bool| -> Result<()> {
        write_file(dir, path, bytes, executable)?;
        written.push(PathBuf::from(path));
        Ok(())
    };
    write("instruction.md", instruction(export)?.as_bytes(), false)?;
    write("task.toml", harbor_toml(export).as_bytes(), false)?;
    write("environment/Dockerfile", DOCKERFILE.as_bytes(), false)?;
    write("tests/Dockerfile", VERIFIER_DOCKERFILE.as_bytes(), false)?;
    write("tests/test.sh", test_script(export).as_bytes(), true)?;
    let pack = format!("tests/tasks/{id}");
    write(
        &format!("{pack}/task.toml"),
        export.task_toml.as_bytes(),
        false,
    )?;
    write(
        &format!("{pack}/spec.md"),
        export.bundle.spec.as_bytes(),
        false,
    )?;
    write(
        &format!("{pack}/reference.wasm"),
        &export.bundle.reference,
        false,
    )?;
    write(
        &format!("{pack}/generator.wasm"),
        &export.bundle.generator,
        false,
    )?;
    if let Some(solution) = export.solution {
        write("solution/submission.wasm", solution, false)?;
        write("solution/solve.sh", SOLVE.as_bytes(), true)?;
    }
    // The grader and the runtimes: hard links when the folder is on their file system
    // (an export is often one of many), copies otherwise.
    link_or_copy(export.replica, dir, "tests/bin/replica", true)?;
    written.push(PathBuf::from("tests/bin/replica"));
    if let Some(runtimes) = export.runtimes {
        for file in &runtimes.files {
            let path = format!("tests/runtimes/{file}");
            link_or_copy(&runtimes.dir.join(file), dir, &path, false)?;
            written.push(PathBuf::from(path));
        }
    }
    Ok(written)
}

/// Puts `from` at `dir/path`: a hard link when both are on one file system, else a copy.
fn link_or_copy(from: &Path, dir: &Path, path: &str, executable: bool) -> Result<()> {
    let to = dir.join(path);
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    if std::fs::hard_link(from, &to).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(from).with_context(|| format!("reading {}", from.display()))?;
    write_file(dir, path, &bytes, executable)
}

/// Writes `bytes` to `dir/path`, creating folders, executable when asked.
fn write_file(dir: &Path, path: &str, bytes: &[u8], executable: bool) -> Result<()> {
    let full = dir.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(&full, bytes).with_context(|| format!("writing {}", full.display()))?;
    if executable {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&full, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("making {} executable", full.display()))?;
    }
    Ok(())
}

/// The environment the agent works in: Debian (whose glibc the bundled `replica` needs)
/// with clang and wasi-libc for C candidates.
const DOCKERFILE: &str = "\
FROM debian:bookworm-slim

# C candidates are built with clang and wasi-libc, as Replica's README says:
#   clang --target=wasm32-wasi -O2 -o submission.wasm main.c
RUN apt-get update \\
    && apt-get install -y --no-install-recommends clang lld wasi-libc libclang-rt-14-dev-wasm32 \\
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
";

/// The verifier's environment: the same compilers, and the tests folder (the grader,
/// the task's files) copied in.
const VERIFIER_DOCKERFILE: &str = "\
FROM debian:bookworm-slim

RUN apt-get update \\
    && apt-get install -y --no-install-recommends clang lld wasi-libc libclang-rt-14-dev-wasm32 \\
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

COPY . /tests/
";

/// Harbor's oracle: hand in a module known to solve the task.
const SOLVE: &str = "\
#!/bin/bash
# Harbor's oracle agent: hands in a module that solves the task.
set -euo pipefail
mkdir -p /app
cp \"$(dirname \"$0\")/submission.wasm\" /app/submission.wasm
";

fn harbor_toml(export: &Export<'_>) -> String {
    let task = &export.bundle.task;
    let quoted = |s: &str| serde_json::to_string(s).expect("strings serialize");
    let mut tags = vec![quoted("replica"), quoted("replication")];
    tags.extend(task.tags.iter().map(|t| quoted(t)));
    format!(
        "\
# A Replica replication task, exported by `replica export harbor {id}`.
schema_version = \"1.4\"
# The agent's work, handed to the separate verifier environment.
artifacts = [\"/app\"]

[metadata]
author_name = \"Replica\"
category = \"replication\"
tags = [{tags}]
replica_task = {id_q}
replica_task_digest = {digest}

[verifier]
timeout_sec = 900.0
# Grading runs in its own environment (tests/Dockerfile), so the reference module and
# the hidden seed under tests/ never share a machine with the agent.
environment_mode = \"separate\"

[agent]
timeout_sec = {agent}.0

[environment]
build_timeout_sec = 600.0
cpus = 1
memory_mb = 4096
",
        id = task.id,
        id_q = quoted(&task.id),
        tags = tags.join(", "),
        digest = quoted(&export.bundle.digest),
        agent = u64::from(task.minutes.max(10)) * 60,
    )
}

fn test_script(export: &Export<'_>) -> String {
    let task = &export.bundle.task;
    let hidden = export
        .hidden
        .map_or(String::new(), |n| format!(" --hidden {n}"));
    format!(
        r#"#!/bin/bash
# Grades the program in /app on task `{id}` with Replica: the visible cases and hidden
# cases drawn with a fixed seed. Writes /logs/verifier/reward.json with one key,
# {{"reward": 1}} when every case matches the reference and {{"reward": 0}} otherwise, and
# beside it record.jsonl (the replica.record/1 line with the whole report).
# A program that does not build is graded CE (reward 0); a fault of the grader itself
# exits non-zero without a reward, so it is never mistaken for a wrong answer.
# REPLICA_APP, REPLICA_LOGS and REPLICA_BIN override the paths, to run it outside Harbor.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="${{REPLICA_APP:-/app}}"
logs="${{REPLICA_LOGS:-/logs/verifier}}"
replica="${{REPLICA_BIN:-$here/bin/replica}}"
mkdir -p "$logs"

# The first of these that exists is graded.
submission=""
for name in {accepted}; do
    if [ -f "$app/$name" ]; then
        submission="$app/$name"
        break
    fi
done
if [ -z "$submission" ]; then
    echo "no program in $app: write one of {accepted}" >&2
    echo '{{"reward": 0}}' > "$logs/reward.json"
    exit 0
fi

batch="$(mktemp -d)"
trap 'rm -rf "$batch"' EXIT
cat > "$batch/manifest.toml" <<EOF
[[submission]]
path = "$submission"
task = "{id}"
author = "model:harbor"
attempt = 1
EOF
"$replica" grade-batch "$batch" --tasks "$here/tasks"{runtimes} --seed {seed}{hidden} \
    --include-report --out "$logs/record.jsonl" 2> "$logs/grade.log"
status=$?
if [ "$status" -ne 0 ]; then
    echo "replica grade-batch failed with exit status $status:" >&2
    cat "$logs/grade.log" >&2
    exit "$status"
fi
if grep -q '"event":"submission".*"solved":true' "$logs/record.jsonl"; then
    echo '{{"reward": 1}}' > "$logs/reward.json"
else
    echo '{{"reward": 0}}' > "$logs/reward.json"
fi
cat "$logs/reward.json"
"#,
        id = task.id,
        seed = export.seed,
        accepted = accepted(export).join(" "),
        runtimes = if export.runtimes.is_some() {
            r#" --runtimes "$here/runtimes""#
        } else {
            ""
        },
    )
}

/// The files `test.sh` grades, in the order it looks for them.
fn accepted(export: &Export<'_>) -> Vec<&'static str> {
    let mut names = vec!["submission.wasm", "main.c"];
    for (language, file) in [("python", "main.py"), ("javascript", "main.js")] {
        if export
            .runtimes
            .is_some_and(|r| r.languages.iter().any(|(l, _)| l == language))
        {
            names.push(file);
        }
    }
    names
}

/// A fenced block showing `bytes`, cut like a report's input previews.
fn shown(out: &mut String, label: &str, bytes: &[u8]) {
    let preview = Preview::new(bytes);
    let cut = if preview.truncated {
        format!(" (the first bytes of {})", bytes.len())
    } else {
        String::new()
    };
    match (preview.text, preview.base64) {
        (Some(text), _) => {
            let fence = if text.contains("```") { "~~~~" } else { "```" };
            let _ = write!(out, "{label}{cut}:\n\n{fence}text\n{text}");
            if !text.ends_with('\n') && !text.is_empty() {
                let _ = writeln!(out, "\n{fence}\n\n(no final newline)\n");
            } else {
                let _ = writeln!(out, "{fence}\n");
            }
        }
        (None, Some(base64)) => {
            let _ = writeln!(out, "{label}{cut}, base64:\n\n```text\n{base64}\n```\n");
        }
        (None, None) => {}
    }
}

fn instruction(export: &Export<'_>) -> Result<String> {
    let bundle = export.bundle;
    let task = &bundle.task;
    let hidden = export.hidden.unwrap_or(task.hidden);
    let mut out = String::new();
    let _ = writeln!(out, "# Replicate `{}`: {}\n", task.program, task.title);
    let _ = writeln!(
        out,
        "Write a program that behaves exactly like the reference implementation this spec \
         describes: same standard output, standard error, exit code{} on every input.\n",
        if task.compares(replica_judge::task::Channel::Files) {
            " and files"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "## How your program is graded\n");
    let mut ways = String::from(
        "- `/app/main.c`: C, built with `clang --target=wasm32-wasi -O2` (installed here);\n\
         - `/app/submission.wasm`: any WASI preview1 command module (Rust: \
         `cargo build --release --target wasm32-wasip1` wherever you have Rust);\n",
    );
    let mut languages: Vec<_> = export.runtimes.iter().flat_map(|r| &r.languages).collect();
    // Python first, as test.sh looks for main.py before main.js.
    languages.sort_by_key(|(language, _)| language != "python");
    for (language, runtime) in languages {
        match language.as_str() {
            "python" => {
                let _ = writeln!(
                    ways,
                    "- `/app/main.py`: Python, run by {runtime} compiled to WebAssembly (the \
                     standard library, no third-party packages, no threads, subprocesses or \
                     sockets); `sys.argv` is `[program, *args]`;"
                );
            }
            "javascript" => {
                let _ = writeln!(
                    ways,
                    "- `/app/main.js`: JavaScript, run by {runtime} compiled to WebAssembly, \
                     with a Node-like `process` (`process.argv.slice(2)` are the arguments), \
                     `require(\"fs\")` and `Buffer`;"
                );
            }
            _ => {}
        }
    }
    let _ = writeln!(
        out,
        "Put it in `/app`, as one of (the first present is graded: {order}):\n\n{ways}\n\
         It runs in Replica's deterministic WebAssembly sandbox as `{program}` (`argv[0]`), \
         with its input files in an in-memory tree preopened as `/`, which is also the \
         working directory. It is run on the {visible} visible cases below and on {hidden} \
         hidden cases of the same kinds, and compared with the reference's runs byte for \
         byte. The reward is 1 only when every case matches, else 0. Limits per run: {fuel} \
         fuel (about one per WebAssembly instruction; Python and JavaScript programs get \
         that times their runtime's cost factor, plus its start-up), {memory} MiB of \
         memory.\n",
        order = accepted(export).join(", "),
        program = task.program,
        visible = task.cases.len(),
        hidden = hidden,
        fuel = bundle.budget().fuel,
        memory = bundle.budget().memory_bytes >> 20,
    );
    let _ = writeln!(out, "## Spec\n\n{}\n", bundle.spec.trim_end());
    let _ = writeln!(out, "## Visible cases, with the reference's answers\n");
    let budget = bundle.budget();
    let reference = Module::new(&bundle.reference, &budget)
        .map_err(|e| anyhow::anyhow!("the task's reference does not load: {e}"))?;
    for case in &task.cases {
        let input = case_input(&task.program, case, 0);
        let outcome = reference.run(&input, &budget);
        let _ = writeln!(out, "### {}\n", case.name);
        let mut argv = vec![task.program.clone()];
        argv.extend(case.args.iter().cloned());
        let _ = writeln!(
            out,
            "Command line: `{}`\n",
            serde_json::to_string(&argv).expect("strings serialize")
        );
        for (name, value) in &case.env {
            let _ = writeln!(out, "Environment: `{name}={value}`\n");
        }
        if !case.stdin.is_empty() {
            shown(&mut out, "Standard input", &case.stdin);
        }
        for (path, bytes) in &case.files {
            shown(&mut out, &format!("File `{path}`"), bytes);
        }
        shown(&mut out, "Standard output", &outcome.stdout);
        if !outcome.stderr.is_empty() {
            shown(&mut out, "Standard error", &outcome.stderr);
        }
        let _ = writeln!(out, "Ends with: {}\n", describe_ending(&outcome));
        let written: Vec<&String> = outcome
            .files
            .entries
            .iter()
            .filter(|(path, node)| matches!(node, Node::File(_)) && !case.files.contains_key(*path))
            .map(|(path, _)| path)
            .collect();
        if !written.is_empty() {
            let _ = writeln!(
                out,
                "Files written: {}\n",
                written
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    Ok(out)
}
