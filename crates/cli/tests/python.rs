//! The Python package (crates/python), tested from Python: builds the abi3 wheel with
//! maturin (dev profile, in this workspace's `target/`, so the dependencies `cargo test`
//! compiled are reused), installs it into `target/venv` (which `cargo xtask test` creates
//! with the pinned packages), and runs `crates/python/tests/test_*.py` there (issue 17).
//!
//! It lives here rather than in crates/python so that `cargo test --workspace` never builds
//! the extension itself: maturin sets PYO3_PYTHON and friends, which pyo3's build script
//! tracks, so a cargo-built copy of pyo3 and the cdylib would be compiled for nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn venv_bin(name: &str) -> PathBuf {
    let bin = root().join("target/venv/bin").join(name);
    assert!(
        bin.is_file(),
        "{} is missing: run `cargo xtask test`, which installs the pinned Python packages",
        bin.display()
    );
    bin
}

/// Runs `cmd`, failing the test with its output when it fails.
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("starting {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Builds the wheel and installs it, once for all tests of this binary.
fn installed() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let wheels = root().join("target/wheels");
        let _ = std::fs::remove_dir_all(&wheels);
        run(Command::new(venv_bin("maturin"))
            .args(["build", "--profile", "dev", "--quiet", "--manifest-path"])
            .arg(root().join("crates/python/Cargo.toml"))
            .arg("--out")
            .arg(&wheels)
            .arg("--interpreter")
            .arg(venv_bin("python")));
        let wheel = std::fs::read_dir(&wheels)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "whl"))
            .expect("maturin wrote a wheel");
        let name = wheel.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.contains("-abi3-"),
            "one wheel for every CPython >= 3.10: {name}"
        );
        run(Command::new(venv_bin("python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(["--force-reinstall", "--no-deps"])
            .arg(&wheel));
    });
}

/// Runs one Python test file in the venv, from a folder outside the repository so the
/// installed wheel is what `import replica` finds.
fn python_tests(file: &str) {
    python_tests_in(&mut Command::new(venv_bin("python")), file);
}

fn python_tests_in(cmd: &mut Command, file: &str) {
    installed();
    let out = run(cmd
        .arg(root().join("crates/python/tests").join(file))
        .env("REPLICA_ROOT", root())
        .env_remove("REPLICA_TASKS")
        .current_dir(std::env::temp_dir()));
    assert!(out.contains("\nOK"), "{out}");
    eprintln!("{out}");
}

/// `python` in a network namespace of its own whose only interface is loopback: Ray
/// binds its servers to the node's address, and the only address there is 127.0.0.1,
/// so the cluster can contact nothing else (Ray picks the machine's outward address
/// otherwise, whatever `--node-ip-address` says).
fn loopback_only_python() -> Command {
    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let unshare = || {
        let mut cmd = Command::new("unshare");
        if !root_user {
            cmd.arg("--map-root-user");
        }
        cmd
    };
    let probe = unshare().args(["--net", "true"]).output();
    assert!(
        probe.as_ref().is_ok_and(|o| o.status.success()),
        "the Ray test needs a network namespace of its own (`unshare --net`, util-linux): \
         run as root, or allow unprivileged user namespaces \
         (`sysctl kernel.unprivileged_userns_clone=1`); in a container, give it \
         CAP_SYS_ADMIN (docker run --cap-add SYS_ADMIN): {probe:?}"
    );
    let mut cmd = unshare();
    cmd.args([
        "--net",
        "sh",
        "-c",
        "ip link set lo up && exec \"$0\" \"$@\"",
    ])
    .arg(venv_bin("python"));
    cmd
}

#[test]
fn package_api_errors_and_memory() {
    python_tests("test_package.py");
}

#[test]
fn rewards_environment_and_session() {
    python_tests("test_adapters.py");
}

#[test]
fn ray_recipe_matches_in_process_grading() {
    python_tests_in(&mut loopback_only_python(), "test_ray.py");
}

/// The README's "Models and RL" episode (`examples/agents/episode.py`), run as a newcomer
/// would, in a scratch folder that gets its `episodes/`.
#[test]
fn readme_episode_scores_one() {
    installed();
    let dir = std::env::temp_dir().join(format!("replica-test-episode-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = run(Command::new(venv_bin("python"))
        .arg(root().join("examples/agents/episode.py"))
        .env_remove("REPLICA_TASKS")
        .current_dir(&dir));
    assert!(out.contains("episode reward 1.0"), "{out}");
    let log = std::fs::read_to_string(dir.join("episodes/demo.0.jsonl")).unwrap();
    assert_eq!(
        log.lines().count(),
        4,
        "read_spec, probe, evaluate, submit:\n{log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
