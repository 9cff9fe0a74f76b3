//! Figures 3-5, the browser: grading every task's examples in headless Chromium against the
//! CLI, the web app's size, and cold start; and figure 8's browser rows (the code page's
//! first and later Python Run and C compile), from the same browser session. The site is built and served by the same code
//! as the browser tests (`web::serve_for_node`); `tests/e2e/bench.cjs` drives Chromium and
//! prints its measurements as JSON.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::{Options, Row, median, median_of, output, timed};
use crate::build::BuiltTask;
use crate::web;

/// The seed every grade uses, in the CLI and the page alike.
const SEED: &str = "7";

/// The browser should grade a task within this factor of the CLI's time.
const GRADE_GOAL: f64 = 1.5;

/// What the main page's app (`replica-app`'s wasm and JS glue) may weigh, gzipped: what
/// loads before the first task page is interactive. The worker starts with the first
/// run or grade; study and compare are pages of their own (`study.html`, `compare.html`).
const SIZE_GOAL: u64 = 400 << 10;

/// The first task page should answer within this long of a cold navigation.
const COLD_GOAL_MS: f64 = 1000.0;

pub(super) fn figures(
    root: &Path,
    options: Options,
    replica: &Path,
    tasks: &[BuiltTask],
    anchor_mbps: Option<f64>,
    rows: &mut Vec<Row>,
) -> Result<()> {
    let site = web::serve_for_node(root)?;

    // Figure 3, the CLI side: one process grades every example, preparing the task once,
    // as the page's worker does.
    let mut cli = Vec::new();
    for task in tasks {
        let time = median(options.runs, || {
            let mut cmd = Command::new(replica);
            cmd.args(["grade", &task.id]);
            for (name, _) in &task.examples {
                cmd.arg(root.join(format!(
                    "target/site/tasks/{}/examples/{name}.wasm",
                    task.id
                )));
            }
            cmd.args(["--seed", SEED, "--json"]);
            // 1 means some example does not solve the task, which most do not.
            timed(|| output(&mut cmd, |code| code == 0 || code == 1)).map(|(d, _)| d)
        })?;
        cli.push((task, time.as_secs_f64()));
    }

    let out = output(
        site.node(root, "tests/e2e/bench.cjs")
            .env("BENCH_SEED", SEED)
            .env("BENCH_RUNS", options.runs.to_string()),
        |code| code == 0,
    )
    .context("the browser benchmark (tests/e2e/bench.cjs) failed")?;
    let text = String::from_utf8_lossy(&out);
    let last = text.lines().last().context("bench.cjs printed nothing")?;
    let json: serde_json::Value = serde_json::from_str(last).context("reading bench.cjs output")?;
    let samples = |value: &serde_json::Value| -> Result<f64> {
        let values: Vec<f64> = value
            .as_array()
            .context("bench.cjs: expected an array of times")?
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect();
        if values.is_empty() {
            bail!("bench.cjs: no times");
        }
        Ok(median_of(values))
    };

    for (task, cli_s) in cli {
        let browser_s = samples(&json["grade_ms"][&task.id])? / 1e3;
        let mut anchor = Row::new(
            "3",
            format!(
                "`{}`: {} examples, default hidden count, seed {SEED}, CLI (`replica grade`, one process): **anchor**",
                task.id,
                task.examples.len()
            ),
        );
        anchor.median = format!("{cli_s:.2} s");
        anchor.ratio = "1.00× CLI time".into();
        rows.push(anchor);
        let runs = &json["grade_runs"][&task.id];
        let mut row = Row::new(
            "3",
            format!(
                "`{}`: same in headless Chromium (page + worker: the browser's engine ran {} runs, \
                 wasmi compiled to wasm {})",
                task.id, runs["browser"], runs["wasmi"]
            ),
        );
        row.median = format!("{browser_s:.2} s");
        row.ratio = format!("{:.2}× CLI time", browser_s / cli_s);
        row.goal = "≤ 1.5× CLI time".into();
        row.met = Some(browser_s / cli_s <= GRADE_GOAL);
        rows.push(row);
    }

    // Figure 1, in the browser: the Run page hashing stdin in the worker.
    if json["hash_ms"].as_array().is_some_and(|a| !a.is_empty()) {
        let seconds = samples(&json["hash_ms"])? / 1e3;
        let bytes = json["hash_bytes"]
            .as_f64()
            .context("bench.cjs: no hash_bytes")?;
        let mbps = bytes / 1e6 / seconds;
        let mut row = Row::new(
            "1",
            format!(
                "same module in headless Chromium's worker (the browser's engine; Run page, {} MiB \
                 stdin: the task's fuel budget does not cover 16 MiB)",
                bytes / (1 << 20) as f64
            ),
        );
        row.median = format!("{seconds:.3} s");
        row.rate = format!("{mbps:.1} MB/s");
        // The anchor is figure 1's; without it (`--only` without 1) the rate stands alone.
        if let Some(anchor_mbps) = anchor_mbps {
            row.ratio = format!("{:.3}× anchor speed", mbps / anchor_mbps);
            row.goal = "≥ 0.333× anchor speed".into();
            row.met = Some(mbps / anchor_mbps >= super::compute::GOAL);
        }
        rows.push(row);
    }

    sizes(&site.dir, rows)?;

    for (what, key) in [
        (
            "cold start: fresh context, navigation until the first task page shows its spec",
            "cold_shown_ms",
        ),
        (
            "cold start: same, until a click on its Submit tab has shown the form (interactive)",
            "cold_interactive_ms",
        ),
    ] {
        let ms = samples(&json[key])?;
        let mut row = Row::new("5", what);
        row.median = format!("{ms:.0} ms");
        if key == "cold_interactive_ms" {
            row.goal = "< 1 s".into();
            row.met = Some(ms < COLD_GOAL_MS);
        }
        rows.push(row);
    }

    // Figure 8 in the browser: the code page (base64's examples, a fresh context each run).
    for (what, key) in [
        (
            "Python in headless Chromium: first Run in a fresh tab (CPython fetched from the site and compiled in the worker), until the verdict",
            "python_first_ms",
        ),
        (
            "Python in headless Chromium: a later Run in the same tab",
            "python_later_ms",
        ),
        (
            "C in headless Chromium: first compile and Run in a fresh tab (clang fetched from the site into its worker)",
            "c_first_ms",
        ),
        (
            "C in headless Chromium: a later compile (changed source) and Run in the same tab",
            "c_later_ms",
        ),
    ] {
        if json[key].as_array().is_some_and(|a| !a.is_empty()) {
            let mut row = Row::new("8", what);
            row.median = format!("{:.2} s", samples(&json[key])? / 1e3);
            rows.push(row);
        }
    }
    Ok(())
}

/// The parts of the site figure 4 weighs, by the file-name prefixes of their wasm and JS
/// (Trunk appends a hash to the pages' names). The first is the one with the goal.
const PARTS: &[(&str, &[&str])] = &[
    ("main page (index.html)", &["replica-app-"]),
    ("study page (study.html)", &["replica-study-app-"]),
    ("compare page (compare.html)", &["replica-compare-app-"]),
    ("code editor page (code.html)", &["replica-code-app-"]),
    ("worker", &["replica-worker", "worker-loader"]),
    ("embedding loader", &["embed"]),
    ("other files", &[""]),
];

/// Figure 4: the wasm and JS files of the built site, raw and gzipped (`gzip -9`), file by
/// file and per part; the goal is on the main page's app.
fn sizes(site: &Path, rows: &mut Vec<Row>) -> Result<()> {
    let mut files: Vec<(usize, String, u64, u64)> = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(site)
        .with_context(|| format!("reading {}", site.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wasm") || n.ends_with(".js"))
        .collect();
    names.sort();
    for name in names {
        let part = PARTS
            .iter()
            .position(|(_, prefixes)| prefixes.iter().any(|p| name.starts_with(p)))
            .context("the last part takes every file")?;
        let path = site.join(&name);
        let raw = std::fs::metadata(&path)?.len();
        let gz = output(Command::new("gzip").args(["-9", "-c"]).arg(&path), |c| {
            c == 0
        })
        .context("gzip is needed to measure compressed sizes")?
        .len() as u64;
        files.push((part, name, raw, gz));
    }
    let kib = |b: u64| match b as f64 / 1024.0 {
        k if k < 10.0 => format!("{k:.1} KiB"),
        k => format!("{k:.0} KiB"),
    };
    files.sort_by_key(|f| f.0);
    for (part, name, raw, gz) in &files {
        let mut row = Row::new("4", format!("{}: `{name}`", PARTS[*part].0));
        row.median = format!("{} raw", kib(*raw));
        row.rate = format!("{} gz", kib(*gz));
        rows.push(row);
    }
    for (part, (label, _)) in PARTS.iter().enumerate() {
        let (raw, gz) = files
            .iter()
            .filter(|f| f.0 == part)
            .fold((0, 0), |(r, g), f| (r + f.2, g + f.3));
        match (raw, part) {
            (0, 0) => bail!(
                "figure 4: no wasm or JS of the {label} in {}",
                site.display()
            ),
            (0, _) => continue,
            _ => {}
        }
        let mut row = Row::new("4", format!("{label} total (wasm + JS)"));
        row.median = format!("{} raw", kib(raw));
        row.rate = format!("{} gz", kib(gz));
        if part == 0 {
            row.goal = "≤ 400 KiB gz".into();
            row.met = Some(gz <= SIZE_GOAL);
        }
        rows.push(row);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_reported_per_page_with_the_goal_on_the_main_page() {
        let site = std::env::temp_dir().join(format!("replica-bench-sizes-{}", std::process::id()));
        std::fs::create_dir_all(&site).unwrap();
        for name in [
            "replica-app-0123_bg.wasm",
            "replica-app-0123.js",
            "replica-study-app-4567_bg.wasm",
            "replica-compare-app-89ab.js",
            "replica-worker_bg.wasm",
            "worker-loader.js",
            "embed.js",
            "style.css",
        ] {
            std::fs::write(site.join(name), name.repeat(100)).unwrap();
        }
        let mut rows = Vec::new();
        sizes(&site, &mut rows).unwrap();
        std::fs::remove_dir_all(&site).unwrap();
        let what: Vec<&str> = rows.iter().map(|r| r.what.as_str()).collect();
        assert_eq!(
            what,
            [
                "main page (index.html): `replica-app-0123.js`",
                "main page (index.html): `replica-app-0123_bg.wasm`",
                "study page (study.html): `replica-study-app-4567_bg.wasm`",
                "compare page (compare.html): `replica-compare-app-89ab.js`",
                "worker: `replica-worker_bg.wasm`",
                "worker: `worker-loader.js`",
                "embedding loader: `embed.js`",
                "main page (index.html) total (wasm + JS)",
                "study page (study.html) total (wasm + JS)",
                "compare page (compare.html) total (wasm + JS)",
                "worker total (wasm + JS)",
                "embedding loader total (wasm + JS)",
            ]
        );
        let goals: Vec<Option<bool>> = rows.iter().map(|r| r.met).collect();
        assert_eq!(goals.iter().filter(|g| g.is_some()).count(), 1);
        assert_eq!(rows[7].met, Some(true));
    }
}
