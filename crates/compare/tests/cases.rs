//! Data-driven tests: every folder under `tests/data/` holds record files (`*.jsonl`,
//! read in name order) and what comparing them must give: `expected.md`, `expected.csv`,
//! `expected.tex` and `expected.warnings`, or `expected.err` when loading must fail, and
//! the SVG charts of every task under `charts/`. `UPDATE_EXPECT=1 cargo test` rewrites
//! them; review the diff.

use std::path::{Path, PathBuf};

use expect_test::expect_file;

fn cases() -> Vec<PathBuf> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn inputs(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no .jsonl files", dir.display());
    files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

#[test]
fn every_case_gives_its_expected_outputs() {
    let cases = cases();
    assert!(cases.len() >= 7, "found only {cases:?}");
    for dir in cases {
        match replica_compare::load(&inputs(&dir)) {
            Err(err) => {
                expect_file![dir.join("expected.err")].assert_eq(&format!("{err}\n"));
                assert!(
                    !dir.join("expected.md").exists(),
                    "{}: loading failed but expected.md exists: {err}",
                    dir.display()
                );
            }
            Ok(dataset) => {
                let rows = replica_compare::rows(&dataset);
                expect_file![dir.join("expected.md")]
                    .assert_eq(&replica_compare::table::markdown(&rows));
                expect_file![dir.join("expected.csv")]
                    .assert_eq(&replica_compare::table::csv(&rows));
                expect_file![dir.join("expected.tex")]
                    .assert_eq(&replica_compare::table::latex(&rows));
                let warnings: String = dataset.warnings.iter().map(|w| format!("{w}\n")).collect();
                expect_file![dir.join("expected.warnings")].assert_eq(&warnings);
                if std::env::var_os("UPDATE_EXPECT").is_some() {
                    std::fs::create_dir_all(dir.join("charts")).unwrap();
                }
                for task in dataset.tasks.values() {
                    for chart in replica_compare::charts::all(task) {
                        check_svg(&chart.svg, &chart.title);
                        let file = dir.join(format!("charts/{}-{}.svg", task.id, chart.name));
                        expect_file![file].assert_eq(&chart.svg);
                    }
                }
            }
        }
    }
}

/// What a browser needs to render and a screen reader to announce the chart: one root,
/// a title and a description, balanced elements, and no NaN from a division by zero.
fn check_svg(svg: &str, title: &str) {
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.ends_with("</svg>\n"), "{svg}");
    assert!(svg.contains("role=\"img\""));
    assert!(
        svg.contains(&format!(
            ">{}</title>",
            title.replace('&', "&amp;").replace('<', "&lt;")
        )),
        "{svg}"
    );
    assert!(svg.contains("<desc id="));
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    let opened = svg.matches("<text").count();
    assert_eq!(opened, svg.matches("</text>").count(), "{svg}");
    assert_eq!(svg.matches("<svg").count(), 1);
}
