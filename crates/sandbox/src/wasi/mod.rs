//! Replica's own WASI preview1 host: one Rust function per import, grouped by interface,
//! all registered by [`add_to_linker`].
//!
//! wasmi's WASI crate sits on the operating system; this one sits on the in-memory tree,
//! the virtual clock and the seeded PRNG, so it runs the same natively and in a browser.
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
use std::collections::BTreeMap;
use wasmi::{Caller, Engine, Error, Extern, Func, FuncType, Linker, Store};

/// The import module every WASI preview1 function lives in.
pub(crate) const MODULE: &str = "wasi_snapshot_preview1";

/// The one list of host functions: both the linker and the signature check come from it,
/// so they cannot disagree.
macro_rules! wasi_functions {
    ($apply:ident) => {
        $apply! {
            args_get => args_env::args_get,
            args_sizes_get => args_env::args_sizes_get,
            environ_get => args_env::environ_get,
            environ_sizes_get => args_env::environ_sizes_get,
            clock_res_get => clock_random::clock_res_get,
            clock_time_get => clock_random::clock_time_get,
            random_get => clock_random::random_get,
            fd_advise => fd::fd_advise,
            fd_allocate => fd::fd_allocate,
            fd_close => fd::fd_close,
            fd_datasync => fd::fd_datasync,
            fd_fdstat_get => fd::fd_fdstat_get,
            fd_fdstat_set_flags => fd::fd_fdstat_set_flags,
            fd_fdstat_set_rights => fd::fd_fdstat_set_rights,
            fd_filestat_get => fd::fd_filestat_get,
            fd_filestat_set_size => fd::fd_filestat_set_size,
            fd_filestat_set_times => fd::fd_filestat_set_times,
            fd_pread => fd::fd_pread,
            fd_prestat_get => fd::fd_prestat_get,
            fd_prestat_dir_name => fd::fd_prestat_dir_name,
            fd_pwrite => fd::fd_pwrite,
            fd_read => fd::fd_read,
            fd_readdir => fd::fd_readdir,
            fd_renumber => fd::fd_renumber,
            fd_seek => fd::fd_seek,
            fd_sync => fd::fd_sync,
            fd_tell => fd::fd_tell,
            fd_write => fd::fd_write,
            path_create_directory => path::path_create_directory,
            path_filestat_get => path::path_filestat_get,
            path_filestat_set_times => path::path_filestat_set_times,
            path_link => path::path_link,
            path_open => path::path_open,
            path_readlink => path::path_readlink,
            path_remove_directory => path::path_remove_directory,
            path_rename => path::path_rename,
            path_symlink => path::path_symlink,
            path_unlink_file => path::path_unlink_file,
            poll_oneoff => poll::poll_oneoff,
            proc_exit => proc::proc_exit,
            proc_raise => proc::proc_raise,
            sched_yield => proc::sched_yield,
            sock_accept => sock::sock_accept,
            sock_recv => sock::sock_recv,
            sock_send => sock::sock_send,
            sock_shutdown => sock::sock_shutdown,
        }
    };
}

/// Defines every WASI preview1 function in `linker`.
///
/// # Errors
/// Only if `linker` already defines one of them.
pub(crate) fn add_to_linker(linker: &mut Linker<Host>) -> Result<(), wasmi::errors::LinkerError> {
    macro_rules! define {
        ($($name:ident => $func:path,)*) => {
            $( linker.func_wrap(MODULE, stringify!($name), $func)?; )*
        };
    }
    wasi_functions!(define);
    Ok(())
}

/// The wasm signature of every function [`add_to_linker`] defines, by name.
pub(crate) fn signatures(engine: &Engine) -> BTreeMap<&'static str, FuncType> {
    // Wrapping each function in a throwaway store is the public way to ask wasmi for the
    // signature it derives from the Rust types.
    let mut store = Store::new(
        engine,
        Host::new(&crate::Input::default(), &crate::Budget::default()),
    );
    let mut out = BTreeMap::new();
    macro_rules! collect {
        ($($name:ident => $func:path,)*) => {
            $( out.insert(stringify!($name), Func::wrap(&mut store, $func).ty(&store)); )*
        };
    }
    wasi_functions!(collect);
    out
}

/// Runs one host call's body with the guest's memory and the host state, then settles
/// the fuel it owes and any request to stop the guest. Returns the errno for the guest.
///
/// # Errors
/// A wasmi error (a trap for the guest) when the call ran out of fuel or hit the output cap.
pub(crate) fn with_memory(
    caller: &mut Caller<'_, Host>,
    body: impl FnOnce(&mut Mem<'_>, &mut Host) -> WasiResult,
) -> Result<i32, Error> {
    // The memory handle is cached after instantiation; a start function calling WASI
    // before that still finds it by name.
    let memory = caller
        .data()
        .memory
        .or_else(|| caller.get_export("memory").and_then(Extern::into_memory));
    let Some(memory) = memory else {
        return Ok(code(Err(FAULT)));
    };
    let (bytes, host) = memory.data_and_store_mut(&mut *caller);
    let result = body(&mut Mem::new(bytes), host);
    settle(caller)?;
    Ok(code(result))
}

/// Runs a host call that needs no guest memory.
///
/// # Errors
/// As [`with_memory`].
pub(crate) fn without_memory(
    caller: &mut Caller<'_, Host>,
    body: impl FnOnce(&mut Host) -> WasiResult,
) -> Result<i32, Error> {
    let result = body(caller.data_mut());
    settle(caller)?;
    Ok(code(result))
}

/// Charges the fuel the call owes and turns an abort into a trap.
fn settle(caller: &mut Caller<'_, Host>) -> Result<(), Error> {
    let host = caller.data_mut();
    if let Some(abort) = host.abort.take() {
        return Err(Error::host(abort));
    }
    // One unit of fuel per path component walked; this also resets the symlink hop count
    // for the next call.
    let steps = std::mem::take(&mut host.lookup).steps;
    let debt = std::mem::take(&mut host.fuel_debt).saturating_add(steps);
    if debt == 0 {
        return Ok(());
    }
    // A sliced run keeps most of the budget in the reserve; the call may spend both, so
    // it can afford exactly what it could in an unsliced run.
    let fuel = caller.get_fuel()?;
    let reserve = caller.data().fuel_reserve;
    if fuel.saturating_add(reserve) < debt {
        caller.set_fuel(0)?;
        caller.data_mut().fuel_reserve = 0;
        return Err(Error::host(Abort::OutOfFuel));
    }
    let from_reserve = debt.saturating_sub(fuel);
    caller.data_mut().fuel_reserve = reserve - from_reserve;
    caller.set_fuel(fuel - (debt - from_reserve))
}

/// Reinterprets a wasm `i32` argument as the unsigned value WASI means.
pub(crate) fn u32_of(value: i32) -> u32 {
    value as u32
}

/// Reinterprets a wasm `i64` argument as the unsigned value WASI means.
pub(crate) fn u64_of(value: i64) -> u64 {
    value as u64
}
