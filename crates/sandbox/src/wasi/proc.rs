//! `proc_exit`, `proc_raise` and `sched_yield`.

use super::without_memory;
use super::{Ctx, Stop};
use crate::errno::NOSYS;

/// Ends the run with `code`: the engine unwinds the guest, and [`crate::Module::run`]
/// turns the stop into [`crate::Ending::Exited`].
pub(crate) fn proc_exit(_caller: &mut dyn Ctx, code: i32) -> Result<(), Stop> {
    Err(Stop::Exit(code))
}

/// Signals are not part of the sandbox; programs see `ENOSYS` and carry on.
pub(crate) fn proc_raise(caller: &mut dyn Ctx, _signal: i32) -> Result<i32, Stop> {
    without_memory(caller, |_| Err(NOSYS))
}

/// There is only ever one thread; yielding returns at once.
pub(crate) fn sched_yield(caller: &mut dyn Ctx) -> Result<i32, Stop> {
    without_memory(caller, |_| Ok(()))
}
