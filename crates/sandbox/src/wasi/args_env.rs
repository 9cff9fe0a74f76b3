//! `args_*` and `environ_*`: the command line and environment from [`crate::Input`].

use super::{Ctx, Stop};
use super::{u32_of, with_memory};
use crate::errno::WasiResult;
use crate::memory::Mem;

/// Writes `strings` the way `args_get` and `environ_get` lay them out: an array of
/// pointers at `ptrs`, the NUL-terminated strings packed at `buf`.
fn put_strings(mem: &mut Mem<'_>, strings: &[String], ptrs: u32, buf: u32) -> WasiResult {
    let (count, size) = sizes(strings);
    // Check both areas first so a bad pointer leaves memory untouched.
    mem.check(ptrs, u64::from(count) * 4)?;
    mem.check(buf, u64::from(size))?;
    // Both areas are inside memory, so these offsets cannot wrap before the last write;
    // wrapping arithmetic only keeps the final, unused advance from overflowing.
    let mut at = buf;
    let mut ptr = ptrs;
    for string in strings {
        let len = string.len() as u32;
        mem.write_u32(ptr, at)?;
        mem.write(at, string.as_bytes())?;
        mem.write_u8(at.wrapping_add(len), 0)?;
        at = at.wrapping_add(len).wrapping_add(1);
        ptr = ptr.wrapping_add(4);
    }
    Ok(())
}

/// The count of `strings` and the bytes they take with their NUL terminators.
fn sizes(strings: &[String]) -> (u32, u32) {
    let size: usize = strings.iter().map(|string| string.len() + 1).sum();
    // Inputs come from the grader and are far below 4 GiB; saturating keeps a
    // pathological input from wrapping into a small, wrong size.
    let count = u32::try_from(strings.len()).unwrap_or(u32::MAX);
    (count, u32::try_from(size).unwrap_or(u32::MAX))
}

fn put_sizes(mem: &mut Mem<'_>, strings: &[String], count_ptr: u32, size_ptr: u32) -> WasiResult {
    let (count, size) = sizes(strings);
    mem.check(count_ptr, 4)?;
    mem.check(size_ptr, 4)?;
    mem.write_u32(count_ptr, count)?;
    mem.write_u32(size_ptr, size)
}

pub(crate) fn args_get(caller: &mut dyn Ctx, argv: i32, argv_buf: i32) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        put_strings(mem, &host.args, u32_of(argv), u32_of(argv_buf))
    })
}

pub(crate) fn args_sizes_get(
    caller: &mut dyn Ctx,
    argc: i32,
    argv_buf_size: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        put_sizes(mem, &host.args, u32_of(argc), u32_of(argv_buf_size))
    })
}

pub(crate) fn environ_get(
    caller: &mut dyn Ctx,
    environ: i32,
    environ_buf: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        put_strings(mem, &host.env, u32_of(environ), u32_of(environ_buf))
    })
}

pub(crate) fn environ_sizes_get(
    caller: &mut dyn Ctx,
    count: i32,
    buf_size: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        put_sizes(mem, &host.env, u32_of(count), u32_of(buf_size))
    })
}
