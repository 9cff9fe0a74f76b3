//! Replica's own WASI preview1 host: one Rust function per import, grouped by interface,
//! listed once in [`wasi_functions`] with its wasm signature.
//!
//! The functions are engine-neutral: each takes a [`Ctx`] (the guest's memory, the run's
//! [`Host`] state and the metered fuel counter) and returns the errno for the guest, or a
//! [`Stop`] that ends the run. Each engine in `crate::engine` wraps the same list in its
//! own linker, so every engine runs exactly this code. wasmi's and wasmtime's WASI crates
//! sit on the operating system; this one sits on the in-memory tree, the virtual clock and
//! the seeded PRNG, so it behaves the same natively and in a browser.
//! Every preview1 function is defined, so any real module links; calls the sandbox cannot
//! support return an errno (`ENOSYS`, `ENOTSUP`) and never trap.

pub(crate) mod args_env;
pub(crate) mod clock_random;
pub(crate) mod fd;
pub(crate) mod path;
pub(crate) mod poll;
pub(crate) mod proc;
pub(crate) mod sock;

use crate::errno::{FAULT, WasiResult, code};
use crate::host::{Abort, Host};
use crate::memory::Mem;

/// The import module every WASI preview1 function lives in.
pub(crate) const MODULE: &str = "wasi_snapshot_preview1";

/// The one list of host functions, with the wasm signature of each: every engine's linker
/// and the import check come from it, so they cannot disagree. `$apply` is called with
/// entries `name(param: type, ...) -> result => function,`.
macro_rules! wasi_functions {
    ($apply:ident) => {
        $apply! {
            args_get(argv: i32, argv_buf: i32) -> i32 => $crate::wasi::args_env::args_get,
            args_sizes_get(argc: i32, argv_buf_size: i32) -> i32 => $crate::wasi::args_env::args_sizes_get,
            environ_get(environ: i32, environ_buf: i32) -> i32 => $crate::wasi::args_env::environ_get,
            environ_sizes_get(count: i32, buf_size: i32) -> i32 => $crate::wasi::args_env::environ_sizes_get,
            clock_res_get(id: i32, resolution: i32) -> i32 => $crate::wasi::clock_random::clock_res_get,
            clock_time_get(id: i32, precision: i64, time: i32) -> i32 => $crate::wasi::clock_random::clock_time_get,
            random_get(buf: i32, len: i32) -> i32 => $crate::wasi::clock_random::random_get,
            fd_advise(fd: i32, offset: i64, len: i64, advice: i32) -> i32 => $crate::wasi::fd::fd_advise,
            fd_allocate(fd: i32, offset: i64, len: i64) -> i32 => $crate::wasi::fd::fd_allocate,
            fd_close(fd: i32) -> i32 => $crate::wasi::fd::fd_close,
            fd_datasync(fd: i32) -> i32 => $crate::wasi::fd::fd_datasync,
            fd_fdstat_get(fd: i32, buf: i32) -> i32 => $crate::wasi::fd::fd_fdstat_get,
            fd_fdstat_set_flags(fd: i32, flags: i32) -> i32 => $crate::wasi::fd::fd_fdstat_set_flags,
            fd_fdstat_set_rights(fd: i32, base: i64, inheriting: i64) -> i32 => $crate::wasi::fd::fd_fdstat_set_rights,
            fd_filestat_get(fd: i32, buf: i32) -> i32 => $crate::wasi::fd::fd_filestat_get,
            fd_filestat_set_size(fd: i32, size: i64) -> i32 => $crate::wasi::fd::fd_filestat_set_size,
            fd_filestat_set_times(fd: i32, atim: i64, mtim: i64, flags: i32) -> i32 => $crate::wasi::fd::fd_filestat_set_times,
            fd_pread(fd: i32, iovs: i32, iovs_len: i32, offset: i64, nread: i32) -> i32 => $crate::wasi::fd::fd_pread,
            fd_prestat_get(fd: i32, buf: i32) -> i32 => $crate::wasi::fd::fd_prestat_get,
            fd_prestat_dir_name(fd: i32, path: i32, path_len: i32) -> i32 => $crate::wasi::fd::fd_prestat_dir_name,
            fd_pwrite(fd: i32, iovs: i32, iovs_len: i32, offset: i64, nwritten: i32) -> i32 => $crate::wasi::fd::fd_pwrite,
            fd_read(fd: i32, iovs: i32, iovs_len: i32, nread: i32) -> i32 => $crate::wasi::fd::fd_read,
            fd_readdir(fd: i32, buf: i32, buf_len: i32, cookie: i64, bufused: i32) -> i32 => $crate::wasi::fd::fd_readdir,
            fd_renumber(from: i32, to: i32) -> i32 => $crate::wasi::fd::fd_renumber,
            fd_seek(fd: i32, offset: i64, whence: i32, newoffset: i32) -> i32 => $crate::wasi::fd::fd_seek,
            fd_sync(fd: i32) -> i32 => $crate::wasi::fd::fd_sync,
            fd_tell(fd: i32, offset: i32) -> i32 => $crate::wasi::fd::fd_tell,
            fd_write(fd: i32, iovs: i32, iovs_len: i32, nwritten: i32) -> i32 => $crate::wasi::fd::fd_write,
            path_create_directory(fd: i32, path: i32, path_len: i32) -> i32 => $crate::wasi::path::path_create_directory,
            path_filestat_get(fd: i32, flags: i32, path: i32, path_len: i32, buf: i32) -> i32 => $crate::wasi::path::path_filestat_get,
            path_filestat_set_times(fd: i32, flags: i32, path: i32, path_len: i32, atim: i64, mtim: i64, fst_flags: i32) -> i32 => $crate::wasi::path::path_filestat_set_times,
            path_link(old_fd: i32, old_flags: i32, old_path: i32, old_path_len: i32, new_fd: i32, new_path: i32, new_path_len: i32) -> i32 => $crate::wasi::path::path_link,
            path_open(fd: i32, dirflags: i32, path: i32, path_len: i32, oflags: i32, rights_base: i64, rights_inheriting: i64, fdflags: i32, opened_fd: i32) -> i32 => $crate::wasi::path::path_open,
            path_readlink(fd: i32, path: i32, path_len: i32, buf: i32, buf_len: i32, bufused: i32) -> i32 => $crate::wasi::path::path_readlink,
            path_remove_directory(fd: i32, path: i32, path_len: i32) -> i32 => $crate::wasi::path::path_remove_directory,
            path_rename(fd: i32, old_path: i32, old_path_len: i32, new_fd: i32, new_path: i32, new_path_len: i32) -> i32 => $crate::wasi::path::path_rename,
            path_symlink(old_path: i32, old_path_len: i32, fd: i32, new_path: i32, new_path_len: i32) -> i32 => $crate::wasi::path::path_symlink,
            path_unlink_file(fd: i32, path: i32, path_len: i32) -> i32 => $crate::wasi::path::path_unlink_file,
            poll_oneoff(subscriptions: i32, events: i32, count: i32, nevents: i32) -> i32 => $crate::wasi::poll::poll_oneoff,
            proc_exit(code: i32) -> () => $crate::wasi::proc::proc_exit,
            proc_raise(signal: i32) -> i32 => $crate::wasi::proc::proc_raise,
            sched_yield() -> i32 => $crate::wasi::proc::sched_yield,
            sock_accept(fd: i32, flags: i32, ro_fd: i32) -> i32 => $crate::wasi::sock::sock_accept,
            sock_recv(fd: i32, ri_data: i32, ri_data_len: i32, ri_flags: i32, ro_datalen: i32, ro_flags: i32) -> i32 => $crate::wasi::sock::sock_recv,
            sock_send(fd: i32, si_data: i32, si_data_len: i32, si_flags: i32, so_datalen: i32) -> i32 => $crate::wasi::sock::sock_send,
            sock_shutdown(fd: i32, how: i32) -> i32 => $crate::wasi::sock::sock_shutdown,
        }
    };
}
pub(crate) use wasi_functions;

/// Why a host call ends the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// `proc_exit(code)`.
    Exit(i32),
    /// The host stopped the guest: output cap, fuel.
    Abort(Abort),
}

/// What a host function sees of the engine it runs in.
pub(crate) trait Ctx {
    /// The guest's exported memory (`None` before instantiation has found it, or when the
    /// module exports none) and the run's host state.
    fn parts(&mut self) -> (Option<Mem<'_>>, &mut Host);
    /// The metered fuel counter (the module's `replica_meter.fuel` global).
    fn fuel(&mut self) -> i64;
    /// Sets the metered fuel counter.
    fn set_fuel(&mut self, fuel: i64);
}

/// A wasm value type in a WASI signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    I32,
    I64,
}

/// The wasm signature of a WASI function: parameters and results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature {
    pub(crate) params: Vec<Ty>,
    pub(crate) results: Vec<Ty>,
}

/// The wasm type a Rust parameter or result type of the list stands for.
pub(crate) trait WasmTy {
    const TYPES: &'static [Ty];
}
impl WasmTy for i32 {
    const TYPES: &'static [Ty] = &[Ty::I32];
}
impl WasmTy for i64 {
    const TYPES: &'static [Ty] = &[Ty::I64];
}
impl WasmTy for () {
    const TYPES: &'static [Ty] = &[];
}

/// The signature of every WASI function, by name.
pub(crate) fn signatures() -> std::collections::BTreeMap<&'static str, Signature> {
    let mut out = std::collections::BTreeMap::new();
    macro_rules! collect {
        ($($name:ident($($arg:ident: $ty:ty),*) -> $ret:ty => $func:path,)*) => {
            $(
                #[allow(unused_mut)]
                let mut params = Vec::new();
                $( params.extend_from_slice(<$ty as WasmTy>::TYPES); )*
                out.insert(
                    stringify!($name),
                    Signature { params, results: <$ret as WasmTy>::TYPES.to_vec() },
                );
            )*
        };
    }
    wasi_functions!(collect);
    out
}

/// Runs one host call's body with the guest's memory and the host state, then settles
/// the fuel it owes and any request to stop the guest. Returns the errno for the guest.
///
/// # Errors
/// A [`Stop`] when the call ran out of fuel or hit the output cap.
pub(crate) fn with_memory(
    caller: &mut dyn Ctx,
    body: impl FnOnce(&mut Mem<'_>, &mut Host) -> WasiResult,
) -> Result<i32, Stop> {
    let (memory, host) = caller.parts();
    let Some(mut memory) = memory else {
        return Ok(code(Err(FAULT)));
    };
    let result = body(&mut memory, host);
    settle(caller)?;
    Ok(code(result))
}

/// Runs a host call that needs no guest memory.
///
/// # Errors
/// As [`with_memory`].
pub(crate) fn without_memory(
    caller: &mut dyn Ctx,
    body: impl FnOnce(&mut Host) -> WasiResult,
) -> Result<i32, Stop> {
    let result = body(caller.parts().1);
    settle(caller)?;
    Ok(code(result))
}

/// Charges the fuel the call owes and turns an abort into a [`Stop`].
fn settle(caller: &mut dyn Ctx) -> Result<(), Stop> {
    let host = caller.parts().1;
    if let Some(abort) = host.abort.take() {
        return Err(Stop::Abort(abort));
    }
    // One unit of fuel per path component walked; this also resets the symlink hop count
    // for the next call.
    let steps = std::mem::take(&mut host.lookup).steps;
    let debt = std::mem::take(&mut host.fuel_debt).saturating_add(steps);
    if debt == 0 {
        return Ok(());
    }
    let owed = caller
        .fuel()
        .saturating_sub(i64::try_from(debt).unwrap_or(i64::MAX));
    // A sliced run keeps most of the budget in the reserve; the call may spend both, so
    // it can afford exactly what it could in an unsliced run.
    refill(caller, owed, 0)
}

/// Sets the fuel counter to `owed` made good from the reserve, with at least `slice` more
/// when the reserve has it (see [`crate::host::Meter::refill`]): what a host call that
/// charged the counter and the meter's `out_of_fuel` both do.
///
/// # Errors
/// [`Abort::OutOfFuel`] when the whole remaining budget cannot pay; the counter is then 0.
pub(crate) fn refill(caller: &mut dyn Ctx, owed: i64, slice: u64) -> Result<(), Stop> {
    let paid = caller.parts().1.meter.refill(owed, slice);
    caller.set_fuel(paid.unwrap_or(0));
    match paid {
        Some(_) => Ok(()),
        None => Err(Stop::Abort(Abort::OutOfFuel)),
    }
}

/// Reinterprets a wasm `i32` argument as the unsigned value WASI means.
pub(crate) fn u32_of(value: i32) -> u32 {
    value as u32
}

/// Reinterprets a wasm `i64` argument as the unsigned value WASI means.
pub(crate) fn u64_of(value: i64) -> u64 {
    value as u64
}
