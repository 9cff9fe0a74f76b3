//! `proc_exit`, `proc_raise` and `sched_yield`.

use super::without_memory;
use crate::errno::NOSYS;
use crate::host::Host;
use wasmi::{Caller, Error};

/// Ends the run with `code`: wasmi unwinds the guest with an `i32_exit` error, which
/// [`crate::Module::run`] turns into [`crate::Ending::Exited`].
pub(crate) fn proc_exit(_caller: Caller<'_, Host>, code: i32) -> Result<(), Error> {
    Err(Error::i32_exit(code))
}

/// Signals are not part of the sandbox; programs see `ENOSYS` and carry on.
pub(crate) fn proc_raise(mut caller: Caller<'_, Host>, _signal: i32) -> Result<i32, Error> {
    without_memory(&mut caller, |_| Err(NOSYS))
}

/// There is only ever one thread; yielding returns at once.
pub(crate) fn sched_yield(mut caller: Caller<'_, Host>) -> Result<i32, Error> {
    without_memory(&mut caller, |_| Ok(()))
}
