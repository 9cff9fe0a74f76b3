//! The native side of Replica: finding tasks on disk, building their modules, and rendering
//! reports for terminals. The `replica` binary is a thin layer over this library, and the
//! integration tests use it directly.
//!
//! This is the only library crate that touches the file system and starts processes.

pub mod batch;
pub mod limit;
pub mod local;
pub mod render;
pub mod source;
pub mod workspace;

/// A path in the temporary folder that no other call, in this process or another, is
/// given: `replica-PID-N-NAME`. Two threads compiling the same C source at once (a trainer
/// scoring identical completions in a thread pool) each write and remove their own file.
pub(crate) fn scratch_path(name: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("replica-{}-{n}-{name}", std::process::id()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn scratch_paths_are_never_handed_out_twice() {
        let paths: std::collections::BTreeSet<_> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        (0..100)
                            .map(|_| super::scratch_path("c.wasm"))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            threads
                .into_iter()
                .flat_map(|t| t.join().unwrap())
                .collect()
        });
        assert_eq!(paths.len(), 400);
    }
}
