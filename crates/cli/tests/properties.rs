//! Properties of grading that must hold for any input, checked on many generated ones:
//! every reference grades perfectly against itself, reports survive JSON round trips, and
//! a complete text diff rebuilds either output from the other. Also replays every input
//! the fuzzers kept (`fuzz/corpus/`, `fuzz/artifacts/`) through the fuzz targets, so a
//! crash found once stays fixed without cargo-fuzz.

#[path = "../../../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

use replica_cli::local::{Catalog, load_submission};
use replica_judge::sandbox::Engine;
use replica_judge::{GradeOptions, StreamDiff, Verdict, grade, prepare};

/// Seeds for the hidden cases: a few, so each task's generator is exercised on more than
/// one draw.
const SEEDS: [u64; 3] = [3, 41, 20_251_122];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn catalog() -> Catalog {
    Catalog::locate(Some(&repo().join("tasks"))).expect("the repository's tasks folder")
}

/// splitmix64: small, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

#[test]
fn every_reference_grades_perfectly_against_itself() {
    let catalog = catalog();
    let mut problems = Vec::new();
    for id in catalog.ids().unwrap() {
        let bundle = catalog
            .load(&id)
            .unwrap_or_else(|e| panic!("task {id}: {e:#}"));
        for seed in SEEDS {
            let options = GradeOptions {
                seed,
                hidden: None,
                engine: Engine::default(),
            };
            let prepared = prepare(&bundle, options, &mut |_| {})
                .unwrap_or_else(|e| panic!("task {id}, seed {seed}: {e}"));
            let report = grade(&prepared, &bundle.reference, &mut |_| {});
            let failing: Vec<String> = report
                .cases
                .iter()
                .filter(|case| case.verdict != Verdict::AC)
                .map(|case| format!("{} ({})", case.name, case.verdict.as_str()))
                .collect();
            if report.reward != 1.0 || !report.solved || !failing.is_empty() {
                problems.push(format!(
                    "task {id}, seed {seed}: reward {}, failing {failing:?}",
                    report.reward
                ));
            }
            if report.total as usize != bundle.task.cases.len() + bundle.task.hidden as usize {
                problems.push(format!(
                    "task {id}, seed {seed}: {} cases graded, expected the visible and {} hidden",
                    report.total, bundle.task.hidden
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn reports_of_the_examples_survive_json_round_trips() {
    let catalog = catalog();
    let mut checked = 0;
    for id in catalog.ids().unwrap() {
        let bundle = catalog.load(&id).unwrap();
        let options = GradeOptions {
            seed: SEEDS[0],
            hidden: None,
            engine: Engine::default(),
        };
        let prepared = prepare(&bundle, options, &mut |_| {}).unwrap();
        let examples = catalog.module_examples(&id).unwrap();
        for (name, dir, _) in examples {
            let module = load_submission(&dir)
                .unwrap_or_else(|e| panic!("task {id}, example {name}: {e:#}"));
            let report = grade(&prepared, &module, &mut |_| {});
            targets::check_report_round_trip(&report);
            checked += 1;
        }
        // The module that does not load at all gives the other shape of report.
        targets::check_report_round_trip(&grade(&prepared, b"not wasm", &mut |_| {}));
    }
    assert!(checked >= 6, "only {checked} example reports");
}

/// Lines the generated outputs are made of: words, numbers, tabs, runs of spaces, text in
/// several scripts, and characters of several bytes that share leading or trailing bytes.
const LINES: [&str; 14] = [
    "hello world",
    "  3  12  80 notes.txt",
    "a\tb\tc",
    "\t",
    "",
    " ",
    "żółć gęślą jaźń",
    "日本語のテキスト",
    "€ ₤ é ©",
    "emoji 😀 and 👍🏽",
    "x",
    "x ",
    "0123456789",
    "total",
];

/// An output of a few lines, each ended by `\n`, `\r\n`, or (the last) nothing.
fn random_output(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(12) {
        out.push_str(LINES[rng.below(LINES.len())]);
        out.push_str(if rng.chance(6) { "\r\n" } else { "\n" });
    }
    if rng.chance(4) && out.ends_with('\n') {
        out.pop();
        if out.ends_with('\r') {
            out.pop();
        }
    }
    out
}

/// `text` edited the ways a candidate gets outputs wrong: lines inserted, deleted,
/// replaced or swapped, a character changed, tabs for spaces, CRLF for LF, trailing
/// spaces, a final newline dropped or added.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    for _ in 0..=rng.below(3) {
        let at = rng.below(lines.len() + 1);
        let line = |rng: &mut Rng| format!("{}\n", LINES[rng.below(LINES.len())]);
        match rng.below(9) {
            0 => lines.insert(at, line(rng)),
            1 if at < lines.len() => {
                lines.remove(at);
            }
            2 if at < lines.len() => lines[at] = line(rng),
            3 if at + 1 < lines.len() => lines.swap(at, at + 1),
            4 if at < lines.len() && !lines[at].is_empty() => {
                // Change one character, keeping the line's end.
                let chars: Vec<char> = lines[at].chars().collect();
                let pick = rng.below(chars.len());
                let replacement = ['y', 'é', '€', '\t', ' ', '😀'][rng.below(6)];
                lines[at] = chars
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| {
                        if i == pick && c != '\n' {
                            replacement
                        } else {
                            c
                        }
                    })
                    .collect();
            }
            5 if at < lines.len() => lines[at] = lines[at].replace('\t', "    "),
            6 if at < lines.len() => lines[at] = lines[at].replace('\n', "\r\n"),
            7 if at < lines.len() => lines[at] = lines[at].replace('\n', "  \n"),
            _ => match lines.last_mut() {
                Some(last) if last.ends_with('\n') => {
                    last.pop();
                }
                Some(last) => last.push('\n'),
                None => lines.push(line(rng)),
            },
        }
    }
    lines.concat()
}

#[test]
fn complete_text_diffs_rebuild_both_outputs() {
    let mut rng = Rng(6);
    let mut complete = 0;
    let mut equal = 0;
    for _ in 0..5_000 {
        let expected = random_output(&mut rng);
        let actual = mutate(&mut rng, &expected);
        let (expected, actual) = if rng.chance(2) {
            (expected, actual)
        } else {
            (actual, expected)
        };
        // Checks `None` for equal outputs, and that a complete diff rebuilds each side
        // from the other (see `targets::check_diff`).
        match targets::check_diff(expected.as_bytes(), actual.as_bytes()) {
            None => equal += 1,
            Some(StreamDiff::Text {
                truncated: false, ..
            }) => complete += 1,
            Some(_) => {}
        }
    }
    // The generator must mostly make outputs that differ, with diffs short enough to be
    // complete, or the property above was hardly tested.
    assert!(
        complete > 4_000,
        "only {complete} complete text diffs ({equal} equal pairs)"
    );
}

#[test]
fn diffs_of_long_and_binary_outputs_keep_their_promises() {
    let mut rng = Rng(7);
    let (mut truncated, mut hex) = (0, 0);
    for _ in 0..200 {
        // Long outputs (truncated diffs, windows on lines past 4 KiB) and bytes that are
        // not UTF-8 (hex diffs): no panic, true hex rows, `None` only for equal outputs.
        let mut expected: Vec<u8> = (0..rng.below(400))
            .flat_map(|_| {
                let repeat = if rng.chance(20) {
                    1 + rng.below(800)
                } else {
                    1
                };
                let line = LINES[rng.below(LINES.len())].repeat(repeat);
                format!("{line}\n").into_bytes()
            })
            .collect();
        let mut actual = expected.clone();
        // Half the pairs stay text (ASCII bytes replaced by ASCII, cuts between lines);
        // the others get bytes that are not UTF-8.
        let text = rng.chance(2);
        for _ in 0..rng.below(40) {
            if actual.is_empty() {
                break;
            }
            let at = rng.below(actual.len());
            if !text {
                actual[at] = [b'Z', b'\n', 0xff, 0x80][rng.below(4)];
            } else if actual[at].is_ascii() {
                actual[at] = [b'Z', b'\n'][rng.below(2)];
            }
        }
        if rng.chance(3) {
            let mut cut = rng.below(expected.len() + 1);
            if text {
                cut = expected[..cut]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
            }
            expected.truncate(cut);
        }
        match targets::check_diff(&expected, &actual) {
            Some(StreamDiff::Text {
                truncated: true, ..
            }) => truncated += 1,
            Some(StreamDiff::Hex { .. }) => hex += 1,
            _ => {}
        }
    }
    assert!(
        truncated >= 20 && hex >= 20,
        "too few truncated ({truncated}) or hex ({hex}) diffs to test"
    );
}

/// The folders a fuzz target's kept inputs live in.
fn kept_inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["corpus", "artifacts"] {
        let dir = repo().join("fuzz").join(folder).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_fuzz_target_has_an_entry_point_and_a_corpus() {
    let mut entry_points: Vec<String> = std::fs::read_dir(repo().join("fuzz/fuzz_targets"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            path.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    entry_points.sort();
    let mut names: Vec<String> = targets::ALL
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    names.sort();
    assert_eq!(
        entry_points, names,
        "fuzz/fuzz_targets/*.rs and targets::ALL differ"
    );
    let manifest = std::fs::read_to_string(repo().join("fuzz/Cargo.toml")).unwrap();
    for name in &names {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no [[bin]] for {name}"
        );
        assert!(
            !kept_inputs(name).is_empty(),
            "fuzz/corpus/{name} is empty: run `cargo xtask fuzz` to seed it"
        );
    }
}

#[test]
fn inputs_the_fuzzers_kept_still_pass() {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (name, target) in targets::ALL {
        for file in kept_inputs(name) {
            let data = std::fs::read(&file).unwrap();
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failures.push(file.display().to_string());
            }
            replayed += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {replayed} kept fuzz inputs fail (the panics are printed above):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
