//! Independent runs on every core: grading's cases in parallel, with results in case order
//! so that a report is byte-identical whatever the number of threads.
//!
//! How many threads grading uses is a process-wide setting: [`set_threads`], else the
//! environment variable `REPLICA_THREADS`, else [`std::thread::available_parallelism`].
//! It changes how fast a grade is, never its report: each case's outcome depends only on
//! the module, the case's input and its budget, and the results are put back in case
//! order before anything is judged in order. Inside the browser (wasm32) grading is always
//! on one thread; natively a sliced grade (progress within runs) is too.

#[cfg(not(target_arch = "wasm32"))]
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicUsize, Ordering};
#[cfg(not(target_arch = "wasm32"))]
use std::sync::mpsc;

/// 0: not set, use the environment or the machine.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// The environment variable that sets the default number of grading threads.
pub const THREADS_VAR: &str = "REPLICA_THREADS";

/// Sets how many threads grading uses from now on in this process; 0 goes back to the
/// default (see [`threads`]).
pub fn set_threads(threads: usize) {
    THREADS.store(threads, Ordering::Relaxed);
}

/// How many threads grading uses: what [`set_threads`] set; else `REPLICA_THREADS` when it
/// is a positive number; else the cores this process may use. Always 1 on wasm32.
pub fn threads() -> usize {
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    match THREADS.load(Ordering::Relaxed) {
        0 => default_threads(),
        n => n,
    }
}

/// `REPLICA_THREADS` parsed: `Err` with what to do when it is set but not a positive number.
///
/// # Errors
/// A message naming the variable and the value, for a caller to print.
pub fn threads_from_env() -> Result<Option<usize>, String> {
    match std::env::var(THREADS_VAR) {
        Err(_) => Ok(None),
        Ok(value) => match value.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(format!(
                "{THREADS_VAR}={value:?} is not a positive number of threads; \
                 set it to 1 or more, or unset it to use every core"
            )),
        },
    }
}

fn default_threads() -> usize {
    // A bad value is reported by the CLI (`threads_from_env`); here it means the default.
    threads_from_env().ok().flatten().unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    })
}

/// `Sync` natively, where cases run on several threads; nothing on wasm32, where they do
/// not and the browser's compiled modules (JavaScript objects) are not `Sync`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}
#[cfg(target_arch = "wasm32")]
pub(crate) trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// `Send` natively; nothing on wasm32 (see [`MaybeSync`]).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}
#[cfg(target_arch = "wasm32")]
pub(crate) trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// Runs `run(0..total)` on up to `threads` threads and returns the results in index order.
/// Indices are handed out in increasing order; `finished` hears, on the calling thread, of
/// each result as it arrives. Once `stop` is true of a result, no further index is started
/// (those already running finish), and the indices never started are `None`: every index
/// below a stopping one has a result, so the first stopping result in index order is the
/// one a sequential loop would have stopped at.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn map<T: Send>(
    total: usize,
    threads: usize,
    run: impl Fn(usize) -> T + Sync,
    stop: impl Fn(&T) -> bool + Sync,
    finished: &mut dyn FnMut(&T),
) -> Vec<Option<T>> {
    let threads = threads.clamp(1, total.max(1));
    if threads == 1 {
        return sequential(total, run, stop, finished);
    }
    let mut results: Vec<Option<T>> = (0..total).map(|_| None).collect();
    let next = AtomicUsize::new(0);
    let stopped = AtomicBool::new(false);
    let (send, receive) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (next, stopped, run, stop) = (&next, &stopped, &run, &stop);
            scope.spawn(move || {
                while !stopped.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= total {
                        break;
                    }
                    let result = run(index);
                    if stop(&result) {
                        stopped.store(true, Ordering::Relaxed);
                    }
                    if send.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Ends when every worker has finished and dropped its sender.
        for (index, result) in receive {
            finished(&result);
            results[index] = Some(result);
        }
    });
    results
}

/// The same on wasm32, where grading has one thread: the browser's compiled modules are
/// JavaScript objects, neither `Send` nor `Sync`, so the threaded version's bounds would
/// not even type-check there.
#[cfg(target_arch = "wasm32")]
pub(crate) fn map<T>(
    total: usize,
    _threads: usize,
    run: impl Fn(usize) -> T,
    stop: impl Fn(&T) -> bool,
    finished: &mut dyn FnMut(&T),
) -> Vec<Option<T>> {
    sequential(total, run, stop, finished)
}

/// [`map`] on one thread: index after index until `stop`.
fn sequential<T>(
    total: usize,
    run: impl Fn(usize) -> T,
    stop: impl Fn(&T) -> bool,
    finished: &mut dyn FnMut(&T),
) -> Vec<Option<T>> {
    let mut results: Vec<Option<T>> = (0..total).map(|_| None).collect();
    for (index, slot) in results.iter_mut().enumerate() {
        let result = run(index);
        finished(&result);
        let done = stop(&result);
        *slot = Some(result);
        if done {
            break;
        }
    }
    results
}

#[cfg(test)]
mod tests {
    use super::map;

    /// Every thread count gives the sequential results, in order, and hears of each.
    #[test]
    fn results_come_back_in_index_order() {
        for threads in [1, 2, 3, 8, 100] {
            let mut heard = 0;
            let results = map(50, threads, |i| i * i, |_| false, &mut |_| heard += 1);
            let expected: Vec<_> = (0..50).map(|i| Some(i * i)).collect();
            assert_eq!(results, expected, "{threads} threads");
            assert_eq!(heard, 50);
        }
        assert!(map(0, 4, |i| i, |_| false, &mut |_| {}).is_empty());
    }

    /// A stopping result leaves every lower index done, so the first stop in index order
    /// is the sequential loop's; nothing past it counts.
    #[test]
    fn a_stop_keeps_every_earlier_index() {
        for threads in [1, 2, 4] {
            let results = map(1000, threads, |i| i, |&i| i == 7 || i == 9, &mut |_| {});
            let first = results
                .iter()
                .position(|r| matches!(r, Some(7 | 9)))
                .unwrap();
            assert_eq!(first, 7, "{threads} threads");
            assert!(results[..7].iter().all(Option::is_some));
        }
        let one = map(1000, 1, |i| i, |&i| i == 7, &mut |_| {});
        assert_eq!(one.iter().filter(|r| r.is_some()).count(), 8);
    }
}
