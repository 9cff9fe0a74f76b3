//! Bounds-checked access to the guest's linear memory.
//!
//! Every pointer and length a guest passes is hostile until checked here: an access
//! outside linear memory becomes `EFAULT`, never a panic and never a host allocation
//! sized by the guest.

use crate::errno::{FAULT, ILSEQ, WasiResult};
use std::ops::Range;

/// The guest's linear memory during one host call.
#[derive(Debug)]
pub(crate) struct Mem<'a> {
    bytes: &'a mut [u8],
}

impl<'a> Mem<'a> {
    pub(crate) fn new(bytes: &'a mut [u8]) -> Mem<'a> {
        Mem { bytes }
    }

    /// The byte range `[ptr, ptr + len)`, or `EFAULT` if any of it lies outside memory.
    pub(crate) fn range(&self, ptr: u32, len: u64) -> WasiResult<Range<usize>> {
        let start = usize::try_from(ptr).map_err(|_| FAULT)?;
        let len = usize::try_from(len).map_err(|_| FAULT)?;
        let end = start.checked_add(len).ok_or(FAULT)?;
        if end > self.bytes.len() {
            return Err(FAULT);
        }
        Ok(start..end)
    }

    /// Checks that `[ptr, ptr + len)` is inside memory without touching it.
    pub(crate) fn check(&self, ptr: u32, len: u64) -> WasiResult {
        self.range(ptr, len).map(|_| ())
    }

    pub(crate) fn slice(&self, ptr: u32, len: u32) -> WasiResult<&[u8]> {
        let range = self.range(ptr, u64::from(len))?;
        Ok(&self.bytes[range])
    }

    pub(crate) fn slice_mut(&mut self, ptr: u32, len: u32) -> WasiResult<&mut [u8]> {
        let range = self.range(ptr, u64::from(len))?;
        Ok(&mut self.bytes[range])
    }

    /// A UTF-8 string in guest memory; WASI paths are strings, so anything else is `EILSEQ`.
    pub(crate) fn str(&self, ptr: u32, len: u32) -> WasiResult<&str> {
        std::str::from_utf8(self.slice(ptr, len)?).map_err(|_| ILSEQ)
    }

    fn array<const N: usize>(&self, ptr: u32) -> WasiResult<[u8; N]> {
        let range = self.range(ptr, N as u64)?;
        let mut out = [0; N];
        out.copy_from_slice(&self.bytes[range]);
        Ok(out)
    }

    pub(crate) fn read_u8(&self, ptr: u32) -> WasiResult<u8> {
        Ok(self.array::<1>(ptr)?[0])
    }

    pub(crate) fn read_u16(&self, ptr: u32) -> WasiResult<u16> {
        Ok(u16::from_le_bytes(self.array(ptr)?))
    }

    pub(crate) fn read_u32(&self, ptr: u32) -> WasiResult<u32> {
        Ok(u32::from_le_bytes(self.array(ptr)?))
    }

    pub(crate) fn read_u64(&self, ptr: u32) -> WasiResult<u64> {
        Ok(u64::from_le_bytes(self.array(ptr)?))
    }

    pub(crate) fn write(&mut self, ptr: u32, data: &[u8]) -> WasiResult {
        let range = self.range(ptr, data.len() as u64)?;
        self.bytes[range].copy_from_slice(data);
        Ok(())
    }

    pub(crate) fn write_u8(&mut self, ptr: u32, value: u8) -> WasiResult {
        self.write(ptr, &[value])
    }

    pub(crate) fn write_u32(&mut self, ptr: u32, value: u32) -> WasiResult {
        self.write(ptr, &value.to_le_bytes())
    }

    pub(crate) fn write_u64(&mut self, ptr: u32, value: u64) -> WasiResult {
        self.write(ptr, &value.to_le_bytes())
    }
}

/// The most iovecs one read or write call may pass, as Linux's `IOV_MAX`. Guards against a
/// guest making the host walk hundreds of millions of iovecs in one call for one unit of fuel.
pub(crate) const IOV_MAX: u32 = 1024;

/// One `(buf, buf_len)` pair of an iovec array, already checked against memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Iovec {
    pub(crate) ptr: u32,
    pub(crate) len: u32,
}

/// Checks an iovec array: every buffer must lie inside memory before the host moves any
/// data, so a bad pointer late in the list cannot leave half an operation done. Returns the
/// total length of all buffers.
pub(crate) fn check_iovecs(mem: &Mem<'_>, iovs: u32, count: u32) -> WasiResult<u64> {
    if count > IOV_MAX {
        return Err(crate::errno::INVAL);
    }
    mem.check(iovs, u64::from(count) * 8)?;
    let mut total: u64 = 0;
    for index in 0..count {
        let iovec = iovec(mem, iovs, index)?;
        mem.check(iovec.ptr, u64::from(iovec.len))?;
        total += u64::from(iovec.len);
    }
    // Byte counts travel back to the guest as a u32 `size`; like Linux rejecting totals
    // past `SSIZE_MAX`, refuse rather than report a wrapped count.
    if total > u64::from(u32::MAX) {
        return Err(crate::errno::INVAL);
    }
    Ok(total)
}

/// The `index`th entry of an iovec array that [`check_iovecs`] accepted.
pub(crate) fn iovec(mem: &Mem<'_>, iovs: u32, index: u32) -> WasiResult<Iovec> {
    let at = iovs.checked_add(index * 8).ok_or(FAULT)?;
    Ok(Iovec {
        ptr: mem.read_u32(at)?,
        len: mem.read_u32(at.checked_add(4).ok_or(FAULT)?)?,
    })
}
