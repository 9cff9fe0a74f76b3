//! `sock_*`: there is no network in the sandbox, so every socket call is `ENOSYS`.

use super::without_memory;
use super::{Ctx, Stop};
use crate::errno::NOSYS;

pub(crate) fn sock_accept(
    caller: &mut dyn Ctx,
    _fd: i32,
    _flags: i32,
    _ro_fd: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |_| Err(NOSYS))
}

pub(crate) fn sock_recv(
    caller: &mut dyn Ctx,
    _fd: i32,
    _ri_data: i32,
    _ri_data_len: i32,
    _ri_flags: i32,
    _ro_datalen: i32,
    _ro_flags: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |_| Err(NOSYS))
}

pub(crate) fn sock_send(
    caller: &mut dyn Ctx,
    _fd: i32,
    _si_data: i32,
    _si_data_len: i32,
    _si_flags: i32,
    _so_datalen: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |_| Err(NOSYS))
}

pub(crate) fn sock_shutdown(caller: &mut dyn Ctx, _fd: i32, _how: i32) -> Result<i32, Stop> {
    without_memory(caller, |_| Err(NOSYS))
}
