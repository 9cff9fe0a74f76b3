//! Differential check of every task's reference against the real tool it replicates.
//!
//! For each task whose `task.toml` has a `[conformance]` table, the reference runs in the
//! sandbox and the native command (e.g. GNU `sha256sum`) runs in a temporary directory
//! holding the same files, on every visible case and on generated ones. Their stdout,
//! stderr, exit code and (when the task compares them) files must be identical.
//! `REPLICA_CONFORMANCE_SEED` picks the generator seed (default 1).

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use replica_cli::local::Catalog;
use replica_judge::sandbox::{Ending, Engine, Node, Tree};
use replica_judge::task::{Case, Channel, Conformance};
use replica_judge::{GradeOptions, prepare};

fn catalog() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tasks");
    Catalog::locate(Some(&root)).expect("the repository's tasks folder")
}

/// The native output of one case.
struct Native {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    code: i32,
    files: Tree,
}

fn find_command(name: &str) -> PathBuf {
    for dir in ["/usr/bin", "/bin", "/usr/local/bin"] {
        let path = Path::new(dir).join(name);
        if path.is_file() {
            return path;
        }
    }
    panic!(
        "`{name}` is not installed; `cargo xtask test` installs coreutils (apt-get install coreutils)"
    );
}

fn run_native(conformance: &Conformance, case: &Case, scratch: &Path) -> Native {
    if scratch.exists() {
        std::fs::remove_dir_all(scratch).unwrap();
    }
    std::fs::create_dir_all(scratch).unwrap();
    for (path, bytes) in &case.files {
        let file = scratch.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    let mut child = Command::new(find_command(&conformance.command))
        .arg0(&conformance.command)
        .args(&case.args)
        .env_clear()
        .envs(&conformance.env)
        .envs(&case.env)
        .current_dir(scratch)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = case.stdin.clone();
    // A writer thread, so a tool that writes before reading all its input cannot deadlock us.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Native {
        stdout: output.stdout,
        stderr: output.stderr,
        code: output
            .status
            .code()
            .expect("the native tool was killed by a signal"),
        files: read_tree(scratch),
    }
}

/// The directory as a sandbox tree: every directory explicit, as the sandbox reports them.
fn read_tree(root: &Path) -> Tree {
    fn walk(root: &Path, dir: &Path, entries: &mut BTreeMap<String, Node>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                entries.insert(rel, Node::Dir);
                walk(root, &path, entries);
            } else if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                entries.insert(rel, Node::Symlink(target.to_string_lossy().into_owned()));
            } else {
                entries.insert(rel, Node::File(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut entries = BTreeMap::new();
    walk(root, root, &mut entries);
    Tree { entries }
}

/// Applies the task's named normalisers to one channel of output, before comparing.
///
/// - `openssl-thread-id` (stderr): OpenSSL's error-queue lines start with the printing
///   thread's id in upper-case hex, different on every run; it becomes `0000000000000000`,
///   the value the openssl-* task specs fix.
fn normalise(names: &[String], channel: Channel, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for name in names {
        match name.as_str() {
            "openssl-thread-id" if channel == Channel::Stderr => {
                let mut fixed = Vec::with_capacity(out.len());
                for line in out.split_inclusive(|&c| c == b'\n') {
                    let id = line
                        .iter()
                        .take_while(|c| matches!(c, b'0'..=b'9' | b'A'..=b'F'))
                        .count();
                    if id > 0 && line[id..].starts_with(b":error:") {
                        fixed.extend_from_slice(b"0000000000000000");
                        fixed.extend_from_slice(&line[id..]);
                    } else {
                        fixed.extend_from_slice(line);
                    }
                }
                out = fixed;
            }
            "openssl-thread-id" => {}
            other => panic!(
                "unknown conformance normaliser `{other}`; add it to `normalise` in crates/cli/tests/conformance.rs"
            ),
        }
    }
    out
}

fn show(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let cut: String = text.chars().take(600).collect();
    format!(
        "{cut:?}{}",
        if text.chars().count() > 600 {
            "…"
        } else {
            ""
        }
    )
}

#[test]
fn references_match_the_real_tools() {
    let catalog = catalog();
    let seed = std::env::var("REPLICA_CONFORMANCE_SEED")
        .ok()
        .map_or(1, |s| {
            s.parse().expect("REPLICA_CONFORMANCE_SEED is a number")
        });
    let mut checked = 0;
    let mut failures = Vec::new();
    for id in catalog.ids().unwrap() {
        let bundle = catalog.load(&id).unwrap();
        let Some(conformance) = bundle.task.conformance.clone() else {
            continue;
        };
        let prepared = prepare(
            &bundle,
            GradeOptions {
                seed,
                hidden: Some(conformance.cases),
                engine: Engine::default(),
            },
            &mut |_| {},
        )
        .unwrap_or_else(|e| panic!("task {id}: {e}"));
        let scratch =
            std::env::temp_dir().join(format!("replica-conformance-{}-{id}", std::process::id()));
        for prepared_case in &prepared.cases {
            let case = &prepared_case.case;
            let expected = &prepared_case.expected;
            let native = run_native(&conformance, case, &scratch);
            checked += 1;
            let mut differs = Vec::new();
            let Ending::Exited(code) = expected.ending else {
                unreachable!("prepare only accepts references that exit")
            };
            let norm = |channel, bytes: &[u8]| normalise(&conformance.normalize, channel, bytes);
            if bundle.task.compares(Channel::Stdout)
                && norm(Channel::Stdout, &expected.stdout) != norm(Channel::Stdout, &native.stdout)
            {
                differs.push(format!(
                    "stdout: reference {} vs {} {}",
                    show(&expected.stdout),
                    conformance.command,
                    show(&native.stdout)
                ));
            }
            if bundle.task.compares(Channel::Stderr)
                && norm(Channel::Stderr, &expected.stderr) != norm(Channel::Stderr, &native.stderr)
            {
                differs.push(format!(
                    "stderr: reference {} vs {} {}",
                    show(&expected.stderr),
                    conformance.command,
                    show(&native.stderr)
                ));
            }
            if bundle.task.compares(Channel::ExitCode) && code != native.code {
                differs.push(format!(
                    "exit code: reference {code} vs {} {}",
                    conformance.command, native.code
                ));
            }
            if bundle.task.compares(Channel::Files) && expected.files != native.files {
                differs.push("files differ".to_owned());
            }
            if !differs.is_empty() {
                failures.push(format!(
                    "task {id}, case `{}` (seed {seed}), args {:?}, stdin {}:\n  {}",
                    case.name,
                    case.args,
                    show(&case.stdin),
                    differs.join("\n  ")
                ));
            }
        }
        let _ = std::fs::remove_dir_all(&scratch);
    }
    assert!(checked > 0, "no task has a [conformance] table");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ from the real tools:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("conformance: {checked} cases identical to the real tools");
}
