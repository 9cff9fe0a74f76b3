//! `sock_*`: there is no network in the sandbox, so no descriptor is a socket: each call
//! is `ENOTSOCK` on an open descriptor and `EBADF` on any other, as on Linux.

use super::without_memory;
use super::{Ctx, Stop, u32_of};
use crate::errno::{NOTSOCK, WasiResult};
use crate::host::Host;

/// What every socket call answers about `fd`.
fn not_a_socket(host: &Host, fd: i32) -> WasiResult {
    host.fd(u32_of(fd))?;
    Err(NOTSOCK)
}

pub(crate) fn sock_accept(
    caller: &mut dyn Ctx,
    fd: i32,
    _flags: i32,
    _ro_fd: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |host| not_a_socket(host, fd))
}

pub(crate) fn sock_recv(
    caller: &mut dyn Ctx,
    fd: i32,
    _ri_data: i32,
    _ri_data_len: i32,
    _ri_flags: i32,
    _ro_datalen: i32,
    _ro_flags: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |host| not_a_socket(host, fd))
}

pub(crate) fn sock_send(
    caller: &mut dyn Ctx,
    fd: i32,
    _si_data: i32,
    _si_data_len: i32,
    _si_flags: i32,
    _so_datalen: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |host| not_a_socket(host, fd))
}

pub(crate) fn sock_shutdown(caller: &mut dyn Ctx, fd: i32, _how: i32) -> Result<i32, Stop> {
    without_memory(caller, |host| not_a_socket(host, fd))
}
