//! Differential check of every task's reference against the real tool it replicates.
//!
//! For each task whose `task.toml` has a `[conformance]` table, the reference runs in the
//! sandbox and the native command (e.g. GNU `sha256sum`) runs in a temporary directory
//! holding the same files, on every visible case and on generated ones. Their stdout,
//! stderr, exit code and (when the task compares them) files must be identical.
//!
//! The real tool sees what the sandbox shows: every file and directory of the tree
//! (the working directory included) has the mtime 2000-01-01T00:00:00Z, `TZ` is `UTC`
//! and the umask is 022, and its environment holds only `TZ`, the task's `[conformance]
//! env` and the case's own variables. Output fields that vary from run to run of the real
//! tool are made comparable by the named normalisers the task lists (see [`normalise`]).
//!
//! `REPLICA_CONFORMANCE_SEED` picks the generator seed (default 1) and
//! `REPLICA_CONFORMANCE_TASKS` (comma-separated ids) limits the run to some tasks.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

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

/// The folders the real tools are looked up in, in order (the `PATH` the tool is run with).
const TOOL_PATH: &str = "/usr/bin:/bin:/usr/local/bin";

/// The sandbox's clock starts at 2000-01-01T00:00:00Z, and every node of its tree has
/// that mtime.
const SANDBOX_EPOCH: u64 = 946_684_800;

/// Fails with what to install when `conformance.command` is missing.
fn check_installed(id: &str, conformance: &Conformance) {
    let found = TOOL_PATH
        .split(':')
        .any(|dir| Path::new(dir).join(&conformance.command).is_file());
    if !found {
        let packages = if conformance.packages.is_empty() {
            "coreutils".to_owned()
        } else {
            conformance.packages.join(" ")
        };
        panic!(
            "task {id}: `{}` is not installed; `cargo xtask test` installs it when run as root \
             (apt-get install {packages})",
            conformance.command
        );
    }
}

/// Sets the mtime of `path` and, for a directory, of everything below it (children first,
/// since creating them changed the directory's own mtime).
fn set_mtimes(path: &Path, when: SystemTime) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            set_mtimes(&entry.unwrap().path(), when);
        }
    }
    // A directory opened read-only takes futimens like a file does.
    let file = std::fs::File::open(path).unwrap();
    file.set_modified(when).unwrap();
}

/// The command line that runs the real tool under umask 022: a POSIX shell sets the umask
/// and execs the tool by name, so `argv[0]` is the bare name (GNU tools print it in every
/// diagnostic). `PATH` is a shell variable there, not exported, so the tool's environment
/// holds only what the caller gives it.
fn native_command(command: &str) -> Command {
    let mut cmd = Command::new("/bin/sh");
    cmd.arg("-c")
        .arg(format!(
            "umask 022 && PATH={TOOL_PATH} && unset PWD && exec \"$0\" \"$@\""
        ))
        .arg(command);
    cmd
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
    set_mtimes(
        scratch,
        SystemTime::UNIX_EPOCH + Duration::from_secs(SANDBOX_EPOCH),
    );
    let mut child = native_command(&conformance.command)
        .args(&case.args)
        .env_clear()
        .env("TZ", "UTC")
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

/// Applies the normaliser `name` to one channel's output of either side. Each normaliser
/// rewrites only what varies between runs of the real tool; the reference's output goes
/// through it too, so it may print the normalised form or anything the normaliser maps to
/// it. Unknown names are an error listing the known ones.
fn normalise(name: &str, channel: Channel, bytes: &[u8]) -> Result<Vec<u8>, String> {
    match name {
        // OpenSSL 3 starts each error line with the id of the thread that queued it,
        // `4067B7F5117F0000:error:...`: the run of upper-case hex digits before `:error:`
        // becomes sixteen zeros.
        "openssl-thread-id" => Ok(if channel == Channel::Stderr {
            map_lines(bytes, |line| {
                let digits = line
                    .iter()
                    .take_while(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c))
                    .count();
                if digits > 0 && line[digits..].starts_with(b":error:") {
                    let mut out = b"0000000000000000".to_vec();
                    out.extend_from_slice(&line[digits..]);
                    out
                } else {
                    line.to_vec()
                }
            })
        } else {
            bytes.to_vec()
        }),
        _ => Err(format!(
            "unknown normaliser `{name}`; the known ones are: {}",
            NORMALISERS.join(", ")
        )),
    }
}

/// Every name [`normalise`] knows.
const NORMALISERS: &[&str] = &["openssl-thread-id"];

/// Applies `f` to each line of `bytes` (without its newline), keeping the newlines.
fn map_lines(bytes: &[u8], f: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for line in bytes.split_inclusive(|&c| c == b'\n') {
        let (body, end) = match line.strip_suffix(b"\n") {
            Some(body) => (body, &b"\n"[..]),
            None => (line, &b""[..]),
        };
        out.extend_from_slice(&f(body));
        out.extend_from_slice(end);
    }
    out
}

/// Runs every normaliser of `names` over `bytes`, in order.
fn normalise_all(names: &[String], channel: Channel, bytes: &[u8]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for name in names {
        bytes = normalise(name, channel, &bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    bytes
}

#[test]
fn normalisers_rewrite_only_what_varies() {
    let line = b"4067B7F5117F0000:error:0308010C:digital envelope routines:x\nplain\nAB:errorx\n";
    let got = normalise("openssl-thread-id", Channel::Stderr, line).unwrap();
    assert_eq!(
        String::from_utf8(got).unwrap(),
        "0000000000000000:error:0308010C:digital envelope routines:x\nplain\nAB:errorx\n"
    );
    assert_eq!(
        normalise("openssl-thread-id", Channel::Stdout, line).unwrap(),
        line
    );
    let err = normalise("no-such", Channel::Stdout, b"").unwrap_err();
    assert!(err.contains("openssl-thread-id"), "{err}");
}

#[test]
fn the_native_tool_sees_the_sandbox_epoch_utc_and_umask_022() {
    let scratch = std::env::temp_dir().join(format!(
        "replica-conformance-{}-environment",
        std::process::id()
    ));
    let case = Case {
        name: "probe".into(),
        // `sh -c` prints the umask, the environment (but `PWD`, which this probe shell
        // sets itself), the mtimes of a file, a directory, a file in it and the working
        // directory as seconds since the epoch, and the mode of a file it creates.
        args: vec![
            "-c".into(),
            "umask; env | grep -v ^PWD= | sort; stat -c %Y a.txt d d/b .; touch new; stat -c %a new"
                .into(),
        ],
        files: [
            ("a.txt".to_owned(), b"x".to_vec()),
            ("d/b".to_owned(), b"y".to_vec()),
        ]
        .into(),
        ..Case::default()
    };
    let conformance = Conformance {
        command: "sh".into(),
        cases: 0,
        env: [("LC_ALL".to_owned(), "C".to_owned())].into(),
        packages: Vec::new(),
        normalize: Vec::new(),
    };
    let native = run_native(&conformance, &case, &scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    assert_eq!(
        String::from_utf8_lossy(&native.stdout),
        "0022\nLC_ALL=C\nTZ=UTC\n946684800\n946684800\n946684800\n946684800\n644\n"
    );
    assert_eq!(
        native.code,
        0,
        "{}",
        String::from_utf8_lossy(&native.stderr)
    );
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
    let only: Option<Vec<String>> = std::env::var("REPLICA_CONFORMANCE_TASKS")
        .ok()
        .map(|ids| ids.split(',').map(str::to_owned).collect());
    let mut checked = 0;
    let mut per_task = Vec::new();
    let mut failures = Vec::new();
    for id in catalog.ids().unwrap() {
        if only.as_ref().is_some_and(|only| !only.contains(&id)) {
            continue;
        }
        let bundle = catalog.load(&id).unwrap();
        let Some(conformance) = bundle.task.conformance.clone() else {
            continue;
        };
        check_installed(&id, &conformance);
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
            let names = &conformance.normalize;
            for (channel, reference, real) in [
                (Channel::Stdout, &expected.stdout, &native.stdout),
                (Channel::Stderr, &expected.stderr, &native.stderr),
            ] {
                let reference = normalise_all(names, channel, reference);
                let real = normalise_all(names, channel, real);
                if bundle.task.compares(channel) && reference != real {
                    differs.push(format!(
                        "{}: reference {} vs {} {}",
                        channel.name(),
                        show(&reference),
                        conformance.command,
                        show(&real)
                    ));
                }
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
        per_task.push(format!("{id} {}", prepared.cases.len()));
    }
    assert!(checked > 0, "no task has a [conformance] table");
    eprintln!("conformance: cases per task: {}", per_task.join(", "));
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
