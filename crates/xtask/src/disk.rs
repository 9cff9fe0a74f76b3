//! Free space where `target/` lives: a cold `cargo xtask test` writes gigabytes there,
//! and running out shows up minutes in as a compiler's "No space left on device".

use std::path::Path;
use std::process::Command;

/// About what a cold `cargo xtask test` leaves in `target/`, rounded up. With 3 tasks
/// `du -sh target` read 4.9 GiB after one (issue 6's closing note); with 25 tasks, the
/// runtimes, the agent tools and the study server a CI run filled its disk (2026-12-07)
/// while this machine's target/ held 17 GiB, 5.7 of them incremental caches that the dev
/// profile no longer keeps: an estimate of 11 GiB, not measured from clean.
const COLD_TEST_BYTES: u64 = 12 << 30;

/// Below this much free space, a failed step is most likely the disk's doing.
const NEARLY_FULL: u64 = 512 << 20;

/// Warns, before a long run starts, when the disk holding `target/` has less free space
/// than a cold run writes, less what `target/` already holds.
pub fn warn_if_short(root: &Path) {
    let target = root.join("target");
    let Some(free) = free_bytes(if target.is_dir() { &target } else { root }) else {
        return;
    };
    let held = used_bytes(&target).unwrap_or(0);
    let needed = COLD_TEST_BYTES.saturating_sub(held);
    if free < needed {
        eprintln!(
            "xtask: warning: {} free on the disk holding target/, and a cold `cargo xtask \
             test` writes about {} there (target/ holds {} now); if a step fails with \"No \
             space left on device\", free some space",
            gib(free),
            gib(COLD_TEST_BYTES),
            gib(held),
        );
    }
}

/// `error`, with a word on the disk when it is nearly full.
pub fn explain(root: &Path, error: anyhow::Error) -> anyhow::Error {
    match free_bytes(root) {
        Some(free) if free < NEARLY_FULL => error.context(format!(
            "the disk holding target/ has only {} free: a compiler that ran out of space \
             fails like this; free some space (`cargo clean` empties target/) and run again",
            gib(free)
        )),
        _ => error,
    }
}

/// Free bytes on the file system holding `dir`, as `df` tells (`None` where it cannot).
fn free_bytes(dir: &Path) -> Option<u64> {
    let out = Command::new("df").arg("-Pk").arg(dir).output().ok()?;
    available(&String::from_utf8(out.stdout).ok()?)
}

/// The "Available" column of `df -Pk` (POSIX format: one line per file system, in KiB).
fn available(df: &str) -> Option<u64> {
    let kib: u64 = df.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()?;
    Some(kib * 1024)
}

/// Bytes under `dir`, as `du` tells.
fn used_bytes(dir: &Path) -> Option<u64> {
    if !dir.is_dir() {
        return Some(0);
    }
    let out = Command::new("du").arg("-sk").arg(dir).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let kib: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(kib * 1024)
}

fn gib(bytes: u64) -> String {
    format!("{:.1} GiB", bytes as f64 / f64::from(1u32 << 30))
}

#[cfg(test)]
mod tests {
    #[test]
    fn available_reads_the_posix_column() {
        let df = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                  /dev/vda         263174212 13421772 293888     98% /\n";
        assert_eq!(super::available(df), Some(293_888 * 1024));
        assert_eq!(
            super::available("Filesystem 1024-blocks Used Available\n"),
            None
        );
        assert_eq!(super::available(""), None);
    }
}
