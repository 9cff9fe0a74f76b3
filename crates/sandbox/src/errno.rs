//! WASI preview1 errno values, as the spec numbers them (`wasi_snapshot_preview1` witx).
//!
//! Host functions compute `Result<(), Errno>` and the linker glue turns it into the `i32`
//! the guest sees. Only the values Replica actually returns are listed.

/// A WASI preview1 error number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Errno(pub(crate) u16);

/// The result of most host functions: success or one errno.
pub(crate) type WasiResult<T = ()> = Result<T, Errno>;

pub(crate) const SUCCESS: u16 = 0;
pub(crate) const BADF: Errno = Errno(8);
pub(crate) const EXIST: Errno = Errno(20);
pub(crate) const FAULT: Errno = Errno(21);
pub(crate) const ILSEQ: Errno = Errno(25);
pub(crate) const INVAL: Errno = Errno(28);
pub(crate) const ISDIR: Errno = Errno(31);
pub(crate) const LOOP: Errno = Errno(32);
pub(crate) const MFILE: Errno = Errno(33);
pub(crate) const NAMETOOLONG: Errno = Errno(37);
pub(crate) const NOENT: Errno = Errno(44);
pub(crate) const NOSPC: Errno = Errno(51);
pub(crate) const NOSYS: Errno = Errno(52);
pub(crate) const NOTDIR: Errno = Errno(54);
pub(crate) const NOTEMPTY: Errno = Errno(55);
pub(crate) const NOTSOCK: Errno = Errno(57);
pub(crate) const NOTSUP: Errno = Errno(58);
pub(crate) const OVERFLOW: Errno = Errno(61);
pub(crate) const ROFS: Errno = Errno(69);
pub(crate) const SPIPE: Errno = Errno(70);
pub(crate) const NOTCAPABLE: Errno = Errno(76);

/// Turns a host result into the value a WASI function returns to the guest.
pub(crate) fn code(result: WasiResult) -> i32 {
    match result {
        Ok(()) => i32::from(SUCCESS),
        Err(Errno(errno)) => i32::from(errno),
    }
}
