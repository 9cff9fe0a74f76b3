//! Bounds-checked access to the guest's linear memory.
//!
//! Every pointer and length a guest passes is hostile until checked here: an access
//! outside linear memory becomes `EFAULT`, never a panic and never a host allocation
//! sized by the guest.

use crate::errno::{FAULT, ILSEQ, WasiResult};
use std::borrow::Cow;
use std::ops::Range;

/// The guest's linear memory during one host call.
#[derive(Debug)]
pub(crate) struct Mem<'a> {
    bytes: Bytes<'a>,
}

/// Where the guest's bytes are.
#[derive(Debug)]
enum Bytes<'a> {
    /// In this process: wasmi's and wasmtime's memories lend them as a slice.
    Slice(&'a mut [u8]),
    /// In another WebAssembly instance of the browser (see `crate::engine::browser`):
    /// reached through a view on its buffer, so every access copies.
    #[cfg(all(target_arch = "wasm32", feature = "browser"))]
    Js(js_sys::Uint8Array),
}

impl<'a> Mem<'a> {
    pub(crate) fn new(bytes: &'a mut [u8]) -> Mem<'a> {
        Mem {
            bytes: Bytes::Slice(bytes),
        }
    }

    /// A view on the whole buffer of a browser `WebAssembly.Memory`, valid until the guest
    /// next grows its memory (which detaches the buffer), so made anew for each host call.
    #[cfg(all(target_arch = "wasm32", feature = "browser"))]
    pub(crate) fn js(view: js_sys::Uint8Array) -> Mem<'static> {
        Mem {
            bytes: Bytes::Js(view),
        }
    }

    fn len(&self) -> usize {
        match &self.bytes {
            Bytes::Slice(bytes) => bytes.len(),
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Bytes::Js(view) => view.length() as usize,
        }
    }

    /// The byte range `[ptr, ptr + len)`, or `EFAULT` if any of it lies outside memory.
    pub(crate) fn range(&self, ptr: u32, len: u64) -> WasiResult<Range<usize>> {
        let start = usize::try_from(ptr).map_err(|_| FAULT)?;
        let len = usize::try_from(len).map_err(|_| FAULT)?;
        let end = start.checked_add(len).ok_or(FAULT)?;
        if end > self.len() {
            return Err(FAULT);
        }
        Ok(start..end)
    }

    /// Checks that `[ptr, ptr + len)` is inside memory without touching it.
    pub(crate) fn check(&self, ptr: u32, len: u64) -> WasiResult {
        self.range(ptr, len).map(|_| ())
    }

    /// The bytes `[ptr, ptr + len)`: borrowed where the memory is in this process, copied
    /// where it is not.
    pub(crate) fn read(&self, ptr: u32, len: u32) -> WasiResult<Cow<'_, [u8]>> {
        let range = self.range(ptr, u64::from(len))?;
        match &self.bytes {
            Bytes::Slice(bytes) => Ok(Cow::Borrowed(&bytes[range])),
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Bytes::Js(_) => {
                let mut out = vec![0; range.len()];
                self.read_into(ptr, &mut out)?;
                Ok(Cow::Owned(out))
            }
        }
    }

    /// Copies `[ptr, ptr + target.len())` into `target`.
    pub(crate) fn read_into(&self, ptr: u32, target: &mut [u8]) -> WasiResult {
        let range = self.range(ptr, target.len() as u64)?;
        match &self.bytes {
            Bytes::Slice(bytes) => target.copy_from_slice(&bytes[range]),
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Bytes::Js(view) => view
                .subarray(range.start as u32, range.end as u32)
                .copy_to(target),
        }
        Ok(())
    }

    /// Fills `[ptr, ptr + len)` with what `fill` writes into a buffer of that length.
    pub(crate) fn fill_with(
        &mut self,
        ptr: u32,
        len: u32,
        fill: impl FnOnce(&mut [u8]),
    ) -> WasiResult {
        let range = self.range(ptr, u64::from(len))?;
        match &mut self.bytes {
            Bytes::Slice(bytes) => fill(&mut bytes[range]),
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Bytes::Js(_) => {
                let mut buffer = vec![0; range.len()];
                fill(&mut buffer);
                self.write(ptr, &buffer)?;
            }
        }
        Ok(())
    }

    /// A UTF-8 string in guest memory; WASI paths are strings, so anything else is `EILSEQ`.
    pub(crate) fn str(&self, ptr: u32, len: u32) -> WasiResult<Cow<'_, str>> {
        match self.read(ptr, len)? {
            Cow::Borrowed(bytes) => std::str::from_utf8(bytes).map(Cow::Borrowed),
            Cow::Owned(bytes) => String::from_utf8(bytes)
                .map(Cow::Owned)
                .map_err(|e| e.utf8_error()),
        }
        .map_err(|_| ILSEQ)
    }

    fn array<const N: usize>(&self, ptr: u32) -> WasiResult<[u8; N]> {
        let mut out = [0; N];
        self.read_into(ptr, &mut out)?;
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
        match &mut self.bytes {
            Bytes::Slice(bytes) => bytes[range].copy_from_slice(data),
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Bytes::Js(view) => view
                .subarray(range.start as u32, range.end as u32)
                .copy_from(data),
        }
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
