//! `sock_*`: there is no network in the sandbox, so every socket call is `ENOSYS`.

use super::without_memory;
use crate::errno::NOSYS;
use crate::host::Host;
use wasmi::{Caller, Error};

pub(crate) fn sock_accept(
    mut caller: Caller<'_, Host>,
    _fd: i32,
    _flags: i32,
    _ro_fd: i32,
) -> Result<i32, Error> {
    without_memory(&mut caller, |_| Err(NOSYS))
}

pub(crate) fn sock_recv(
    mut caller: Caller<'_, Host>,
    _fd: i32,
    _ri_data: i32,
    _ri_data_len: i32,
    _ri_flags: i32,
    _ro_datalen: i32,
    _ro_flags: i32,
) -> Result<i32, Error> {
    without_memory(&mut caller, |_| Err(NOSYS))
}

pub(crate) fn sock_send(
    mut caller: Caller<'_, Host>,
    _fd: i32,
    _si_data: i32,
    _si_data_len: i32,
    _si_flags: i32,
    _so_datalen: i32,
) -> Result<i32, Error> {
    without_memory(&mut caller, |_| Err(NOSYS))
}

pub(crate) fn sock_shutdown(
    mut caller: Caller<'_, Host>,
    _fd: i32,
    _how: i32,
) -> Result<i32, Error> {
    without_memory(&mut caller, |_| Err(NOSYS))
}
