//! What a site carries for embedding (docs/embedding.md): reports of the example
//! submissions graded by the CLI, and for `cargo xtask dist --bundle wc,sha256sum
//! [--reports DIR]` a self-contained folder with only the chosen tasks, the given reports,
//! and an example page embedding them. `web/embed.js` and `web/examples/` reach the site
//! through `index.html`, like every other static file.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::run_cmd;

/// The seed the example reports are graded with, the same as the browser tests'.
pub const EXAMPLE_SEED: &str = "7";

/// `--bundle` and `--reports`.
#[derive(Debug, Default)]
pub struct Options {
    /// Only these tasks, in this order; `None` keeps every task.
    pub tasks: Option<Vec<String>>,
    /// Report files (`*.json`) to ship in `reports/`.
    pub reports: Option<PathBuf>,
}

impl Options {
    /// Reads `--bundle LIST` or `--reports DIR` at `args`' front; `Ok(false)` when the
    /// argument is neither.
    pub fn parse_arg(
        &mut self,
        arg: &str,
        args: &mut std::slice::Iter<'_, String>,
    ) -> Result<bool> {
        match arg {
            "--bundle" => {
                let list = args
                    .next()
                    .context("--bundle needs task ids, e.g. wc,sha256sum")?;
                let tasks: Vec<String> = list
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect();
                if tasks.is_empty() {
                    bail!("--bundle needs task ids, e.g. wc,sha256sum");
                }
                self.tasks = Some(tasks);
            }
            "--reports" => {
                self.reports = Some(PathBuf::from(
                    args.next().context("--reports needs a directory")?,
                ))
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// A task of the site's `tasks/index.json`.
#[derive(Debug)]
struct Entry {
    id: String,
    examples: Vec<String>,
}

fn read_index(pack: &Path) -> Result<Vec<Entry>> {
    let file = pack.join("index.json");
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let index: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    let tasks = index["tasks"]
        .as_array()
        .context("index.json has no tasks")?;
    Ok(tasks
        .iter()
        .map(|t| Entry {
            id: t["id"].as_str().unwrap_or_default().to_string(),
            examples: t["examples"]
                .as_array()
                .map(|e| {
                    e.iter()
                        .filter_map(|n| n.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}

/// Finishes the site Trunk wrote to `out`: keeps only the bundled tasks, grades every
/// example of the remaining ones into `reports/<task>/<example>.json`, copies the user's
/// reports into `reports/`, and writes the bundle's example page.
pub fn finish(root: &Path, out: &Path, options: &Options) -> Result<()> {
    let pack = out.join("tasks");
    let mut entries = read_index(&pack)?;
    if let Some(chosen) = &options.tasks {
        let known: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        for id in chosen {
            if !known.contains(&id.as_str()) {
                bail!(
                    "--bundle: there is no task `{id}` (tasks: {})",
                    known.join(", ")
                );
            }
        }
        for entry in &entries {
            if !chosen.contains(&entry.id) {
                std::fs::remove_dir_all(pack.join(&entry.id))?;
            }
        }
        entries.retain(|e| chosen.contains(&e.id));
        entries.sort_by_key(|e| chosen.iter().position(|c| *c == e.id));
        let index = serde_json::json!({
            "tasks": entries.iter().map(|e| serde_json::json!({"id": e.id, "examples": e.examples})).collect::<Vec<_>>()
        });
        std::fs::write(
            pack.join("index.json"),
            serde_json::to_string_pretty(&index)? + "\n",
        )?;
    }

    let reports = out.join("reports");
    if reports.exists() {
        std::fs::remove_dir_all(&reports)?;
    }
    run_cmd(Command::new("cargo").args(["build", "-q", "-p", "replica-cli"]))?;
    let cli = root.join("target/debug/replica");
    let mut first_unsolved = None;
    for entry in &entries {
        std::fs::create_dir_all(reports.join(&entry.id))?;
        for example in &entry.examples {
            let wasm = pack
                .join(&entry.id)
                .join("examples")
                .join(format!("{example}.wasm"));
            let graded = Command::new(&cli)
                .args(["grade", &entry.id])
                .arg(&wasm)
                .args(["--seed", EXAMPLE_SEED, "--json"])
                .current_dir(root)
                .output()
                .with_context(|| format!("running {}", cli.display()))?;
            // 0: solved, 1: not solved; anything else is a harness error.
            if !matches!(graded.status.code(), Some(0 | 1)) {
                bail!(
                    "grading {}/{example} failed: {}",
                    entry.id,
                    String::from_utf8_lossy(&graded.stderr)
                );
            }
            if graded.status.code() == Some(1) && first_unsolved.is_none() {
                first_unsolved = Some((entry.id.clone(), example.clone()));
            }
            let file = reports.join(&entry.id).join(format!("{example}.json"));
            std::fs::write(&file, &graded.stdout)?;
        }
    }

    if let Some(dir) = &options.reports {
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        copy_reports(dir, &reports, &ids)?;
    }

    if let Some(chosen) = &options.tasks {
        let tasks: Vec<&str> = chosen.iter().map(String::as_str).collect();
        let page = example_page(
            &tasks,
            first_unsolved
                .as_ref()
                .map(|(t, e)| (t.as_str(), e.as_str())),
        );
        std::fs::create_dir_all(out.join("examples"))?;
        std::fs::write(out.join("examples/embed.html"), page)?;
    }
    Ok(())
}

/// Copies every `*.json` of `dir` into `reports/`, refusing files that are not reports of
/// a task in the site: an embed of them would only show an error.
fn copy_reports(dir: &Path, reports: &Path, tasks: &[&str]) -> Result<()> {
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("reading --reports {}", dir.display()))?
    {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("--reports {}: no .json report files in it", dir.display());
    }
    for path in files {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let report: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{}: not JSON (one report per file)", path.display()))?;
        if report["schema"] != "replica.report/1" {
            bail!("{}: not a replica.report/1 report", path.display());
        }
        let task = report["task"]["id"].as_str().unwrap_or_default();
        if !tasks.contains(&task) {
            bail!(
                "{}: a report of task `{task}`, which is not in the site (tasks: {})",
                path.display(),
                tasks.join(", ")
            );
        }
        let name = path.file_name().context("a file name")?;
        std::fs::copy(&path, reports.join(name))?;
    }
    Ok(())
}

/// The example page: `tasks` embedded live, then `report` (task, example) as a graded
/// attempt that can be re-run. It sits in `examples/`, one level below the app.
pub fn example_page(tasks: &[&str], report: Option<(&str, &str)>) -> String {
    let mut body = String::new();
    for task in tasks {
        body.push_str(&format!(
            "\n    <h2>The task <code>{task}</code></h2>\n    <replica-task task=\"{task}\"></replica-task>\n"
        ));
    }
    if let Some((task, example)) = report {
        body.push_str(&format!(
            r#"
    <h2>A graded attempt</h2>
    <p>The example submission <code>{example}</code> of <code>{task}</code>, graded by
      <code>replica grade {task} {example}.wasm --seed {EXAMPLE_SEED} --json</code>. The report is shown
      as graded; “Re-run live” grades the module again in your browser.</p>
    <replica-report src="../reports/{task}/{example}.json" wasm="../tasks/{task}/examples/{example}.wasm"></replica-report>
"#
        ));
    }
    format!(
        r#"<!doctype html>
<!-- The example page of docs/embedding.md. `cargo xtask dist --bundle ...` writes one like it
     for the chosen tasks; a test keeps this copy equal to what xtask would write. -->
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Replica embedded in a page</title>
    <style>
      body {{ font: 17px/1.6 Georgia, "Times New Roman", serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }}
      code {{ font-size: 0.9em; }}
    </style>
  </head>
  <body>
    <h1>Replication tasks, embedded</h1>
    <p>An article or a paper's companion page with Replica in it. Every frame below is served
      from this folder: nothing is fetched from anywhere else.</p>
{body}
    <script src="../embed.js"></script>
  </body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tasks and the report that `web/examples/embed.html` shows: the report is the
    /// first example of wc that does not solve it, as `finish` picks for a bundle.
    const EXAMPLE_TASKS: [&str; 2] = ["wc", "sha256sum"];
    const EXAMPLE_REPORT: (&str, &str) = ("wc", "bug-no-trailing-newline");

    #[test]
    fn the_example_page_is_what_xtask_writes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/examples/embed.html");
        let expect = example_page(&EXAMPLE_TASKS, Some(EXAMPLE_REPORT));
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&root, &expect).unwrap();
        }
        let actual = std::fs::read_to_string(&root).unwrap_or_default();
        assert!(
            actual == expect,
            "web/examples/embed.html is out of date; run UPDATE_EXPECT=1 cargo test -p xtask"
        );
    }

    #[test]
    fn copies_only_reports_of_bundled_tasks() {
        let dir = std::env::temp_dir().join(format!("xtask-reports-{}", std::process::id()));
        let (src, out) = (dir.join("in"), dir.join("out"));
        std::fs::create_dir_all(&src).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        let report =
            |task: &str| format!(r#"{{"schema":"replica.report/1","task":{{"id":"{task}"}}}}"#);
        std::fs::write(src.join("a.json"), report("wc")).unwrap();
        std::fs::write(src.join("notes.txt"), "ignored").unwrap();
        copy_reports(&src, &out, &["wc"]).unwrap();
        assert!(out.join("a.json").is_file() && !out.join("notes.txt").exists());

        let check = |name: &str, text: &str, expect: &str| {
            std::fs::write(src.join(name), text).unwrap();
            let e = format!("{:#}", copy_reports(&src, &out, &["wc"]).unwrap_err());
            assert!(e.contains(expect), "{e}");
            std::fs::remove_file(src.join(name)).unwrap();
        };
        check(
            "b.json",
            &report("base64"),
            "task `base64`, which is not in the site",
        );
        check(
            "c.json",
            r#"{"schema":"other"}"#,
            "not a replica.report/1 report",
        );
        check("d.json", "{", "not JSON");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_bundle_arguments() {
        let args: Vec<String> = ["wc, sha256sum", "--reports", "r"]
            .map(String::from)
            .to_vec();
        let mut options = Options::default();
        let mut it = args.iter();
        assert!(options.parse_arg("--bundle", &mut it).unwrap());
        let next = it.next().unwrap().clone();
        assert!(options.parse_arg(&next, &mut it).unwrap());
        assert_eq!(
            options.tasks,
            Some(vec!["wc".to_string(), "sha256sum".to_string()])
        );
        assert_eq!(options.reports, Some(PathBuf::from("r")));
        assert!(!options.parse_arg("--out", &mut it).unwrap());
        let empty = [",".to_string()];
        assert!(
            Options::default()
                .parse_arg("--bundle", &mut empty.iter())
                .is_err()
        );
    }
}
