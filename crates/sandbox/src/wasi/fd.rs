//! `fd_*`: reading, writing, seeking and describing open descriptors.

use super::{Ctx, Stop};
use super::{u32_of, u64_of, with_memory, without_memory};
use crate::errno::{
    BADF, INVAL, ISDIR, NAMETOOLONG, NOTCAPABLE, NOTDIR, OVERFLOW, SPIPE, WasiResult,
};
use crate::fs::{FILETYPE_DIRECTORY, FILETYPE_UNKNOWN, Fs, Ino, report_ino};
use crate::host::{FDFLAG_APPEND, FDFLAGS_ALL, FdEntry, FdKind, Host, Stream, rights};
use crate::memory::{Mem, check_iovecs, iovec};
use crate::wasi::clock_random::CLOCK_REALTIME;
use std::ops::Bound;

const WHENCE_SET: u32 = 0;
const WHENCE_CUR: u32 = 1;
const WHENCE_END: u32 = 2;

const FSTFLAG_ATIM: u32 = 1;
const FSTFLAG_ATIM_NOW: u32 = 2;
const FSTFLAG_MTIM: u32 = 4;
const FSTFLAG_MTIM_NOW: u32 = 8;

/// Size of a `filestat` record.
const FILESTAT_SIZE: usize = 64;
/// Size of a `dirent` header; the name follows it.
const DIRENT_SIZE: usize = 24;

/// Copies `source` into the guest's iovecs in order; returns the bytes copied.
fn scatter(mem: &mut Mem<'_>, iovs: u32, count: u32, source: &[u8]) -> WasiResult<usize> {
    let mut done = 0;
    for index in 0..count {
        if done == source.len() {
            break;
        }
        let iov = iovec(mem, iovs, index)?;
        let n = (iov.len as usize).min(source.len() - done);
        mem.write(iov.ptr, &source[done..done + n])?;
        done += n;
    }
    Ok(done)
}

/// Copies the guest's iovecs, in order, into `target`, which the caller sized to at most
/// their total length; returns the bytes copied.
fn gather(mem: &Mem<'_>, iovs: u32, count: u32, target: &mut [u8]) -> WasiResult<usize> {
    let mut done = 0;
    for index in 0..count {
        if done == target.len() {
            break;
        }
        let iov = iovec(mem, iovs, index)?;
        let n = (iov.len as usize).min(target.len() - done);
        mem.read_into(iov.ptr, &mut target[done..done + n])?;
        done += n;
    }
    Ok(done)
}

/// Reads file `ino` at `offset` into the iovecs; returns the bytes read.
fn read_file(
    mem: &mut Mem<'_>,
    host: &mut Host,
    ino: Ino,
    offset: u64,
    iovs: u32,
    count: u32,
) -> WasiResult<usize> {
    let contents = host.fs.contents(ino)?;
    let start = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(contents.len());
    let n = scatter(mem, iovs, count, &contents[start..])?;
    host.charge_bytes(n as u64);
    Ok(n)
}

/// Writes the iovecs into file `ino` at `offset`, growing it within the byte cap; returns
/// the bytes written (fewer than asked when the cap cuts the write short).
fn write_file(
    mem: &Mem<'_>,
    host: &mut Host,
    ino: Ino,
    offset: u64,
    iovs: u32,
    count: u32,
    total: u64,
) -> WasiResult<usize> {
    let fits = host.fs.reserve(ino, offset, total)?;
    if fits == 0 {
        // Nothing to copy; the offset may lie far past the end, so do not slice at it.
        return Ok(0);
    }
    // `reserve` grew the file to hold `offset + fits`, so both fit in usize.
    let start = offset as usize;
    let contents = host.fs.contents_mut(ino)?;
    let n = gather(
        mem,
        iovs,
        count,
        &mut contents[start..start + fits as usize],
    )?;
    host.charge_bytes(n as u64);
    Ok(n)
}

/// The `filestat` record of inode `ino`.
pub(crate) fn filestat(fs: &Fs, ino: Ino) -> [u8; FILESTAT_SIZE] {
    let node = fs.node(ino);
    let mut out = [0; FILESTAT_SIZE];
    out[0..8].copy_from_slice(&1u64.to_le_bytes());
    out[8..16].copy_from_slice(&report_ino(ino).to_le_bytes());
    out[16] = node.filetype();
    out[24..32].copy_from_slice(&fs.nlink(ino).to_le_bytes());
    out[32..40].copy_from_slice(&fs.size(ino).to_le_bytes());
    out[40..48].copy_from_slice(&node.atim.to_le_bytes());
    out[48..56].copy_from_slice(&node.mtim.to_le_bytes());
    out[56..64].copy_from_slice(&node.ctim.to_le_bytes());
    out
}

/// The `filestat` of a standard stream: an unknown file type, no inode, size 0.
fn stream_filestat() -> [u8; FILESTAT_SIZE] {
    let mut out = [0; FILESTAT_SIZE];
    out[16] = FILETYPE_UNKNOWN;
    out[24..32].copy_from_slice(&1u64.to_le_bytes());
    out
}

/// Applies `fd_filestat_set_times`/`path_filestat_set_times` flags to inode `ino`.
/// "Now" is the virtual realtime clock.
pub(crate) fn set_times(host: &mut Host, ino: Ino, atim: u64, mtim: u64, flags: u32) -> WasiResult {
    let known = FSTFLAG_ATIM | FSTFLAG_ATIM_NOW | FSTFLAG_MTIM | FSTFLAG_MTIM_NOW;
    if flags & !known != 0
        || (flags & FSTFLAG_ATIM != 0 && flags & FSTFLAG_ATIM_NOW != 0)
        || (flags & FSTFLAG_MTIM != 0 && flags & FSTFLAG_MTIM_NOW != 0)
    {
        return Err(INVAL);
    }
    let now = if flags & (FSTFLAG_ATIM_NOW | FSTFLAG_MTIM_NOW) != 0 {
        host.clock.read(CLOCK_REALTIME)?
    } else {
        0
    };
    host.fs.writable(ino)?;
    let node = host.fs.node_mut(ino);
    if flags & FSTFLAG_ATIM != 0 {
        node.atim = atim;
    }
    if flags & FSTFLAG_ATIM_NOW != 0 {
        node.atim = now;
    }
    if flags & FSTFLAG_MTIM != 0 {
        node.mtim = mtim;
    }
    if flags & FSTFLAG_MTIM_NOW != 0 {
        node.mtim = now;
    }
    Ok(())
}

/// Checks that `fd` is a file opened for writing and returns its inode.
fn writable_file(host: &Host, fd: u32) -> WasiResult<Ino> {
    let entry = host.fd(fd)?;
    match entry.kind {
        FdKind::File { ino, .. } if entry.write => Ok(ino),
        FdKind::File { .. } => Err(BADF),
        FdKind::Dir { .. } => Err(ISDIR),
        _ => Err(INVAL),
    }
}

pub(crate) fn fd_advise(
    caller: &mut dyn Ctx,
    fd: i32,
    _offset: i64,
    _len: i64,
    advice: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |host| {
        let entry = host.fd(u32_of(fd))?;
        if u32_of(advice) > 5 {
            return Err(INVAL);
        }
        match entry.kind {
            FdKind::Stdin | FdKind::Stdout | FdKind::Stderr => Err(SPIPE),
            _ => Ok(()),
        }
    })
}

pub(crate) fn fd_allocate(
    caller: &mut dyn Ctx,
    fd: i32,
    offset: i64,
    len: i64,
) -> Result<i32, Stop> {
    without_memory(caller, |host| {
        if matches!(
            host.fd(u32_of(fd))?.kind,
            FdKind::Stdin | FdKind::Stdout | FdKind::Stderr
        ) {
            return Err(SPIPE);
        }
        let ino = writable_file(host, u32_of(fd))?;
        let end = u64_of(offset).checked_add(u64_of(len)).ok_or(OVERFLOW)?;
        if end > host.fs.file_len(ino)? {
            host.fs.set_len(ino, end)?;
        }
        Ok(())
    })
}

pub(crate) fn fd_close(caller: &mut dyn Ctx, fd: i32) -> Result<i32, Stop> {
    without_memory(caller, |host| host.close_fd(u32_of(fd)))
}

/// `fd_sync` and `fd_datasync`: nothing to flush in memory, but streams are not files.
fn sync(host: &Host, fd: u32) -> WasiResult {
    match host.fd(fd)?.kind {
        FdKind::Stdin | FdKind::Stdout | FdKind::Stderr => Err(INVAL),
        _ => Ok(()),
    }
}

pub(crate) fn fd_datasync(caller: &mut dyn Ctx, fd: i32) -> Result<i32, Stop> {
    without_memory(caller, |host| sync(host, u32_of(fd)))
}

pub(crate) fn fd_sync(caller: &mut dyn Ctx, fd: i32) -> Result<i32, Stop> {
    without_memory(caller, |host| sync(host, u32_of(fd)))
}

pub(crate) fn fd_fdstat_get(caller: &mut dyn Ctx, fd: i32, buf: i32) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let entry = host.fd(u32_of(fd))?;
        let filetype = match entry.kind {
            FdKind::Stdin | FdKind::Stdout | FdKind::Stderr => FILETYPE_UNKNOWN,
            FdKind::File { ino, .. } => host.fs.node(ino).filetype(),
            FdKind::Dir { .. } => FILETYPE_DIRECTORY,
        };
        let mut out = [0u8; 24];
        out[0] = filetype;
        out[2..4].copy_from_slice(&entry.flags.to_le_bytes());
        out[8..16].copy_from_slice(&entry.rights_base.to_le_bytes());
        out[16..24].copy_from_slice(&entry.rights_inheriting.to_le_bytes());
        mem.write(u32_of(buf), &out)
    })
}

pub(crate) fn fd_fdstat_set_flags(caller: &mut dyn Ctx, fd: i32, flags: i32) -> Result<i32, Stop> {
    without_memory(caller, |host| {
        let flags = u32_of(flags);
        let entry = host.fd_mut(u32_of(fd))?;
        if flags & !u32::from(FDFLAGS_ALL) != 0 {
            return Err(INVAL);
        }
        // Non-blocking mode changes nothing: reads never block in the sandbox.
        entry.flags = flags as u16;
        Ok(())
    })
}

pub(crate) fn fd_fdstat_set_rights(
    caller: &mut dyn Ctx,
    fd: i32,
    base: i64,
    inheriting: i64,
) -> Result<i32, Stop> {
    without_memory(caller, |host| {
        let entry = host.fd_mut(u32_of(fd))?;
        let (base, inheriting) = (u64_of(base), u64_of(inheriting));
        // Rights can only be dropped, never gained.
        if base & !entry.rights_base != 0 || inheriting & !entry.rights_inheriting != 0 {
            return Err(NOTCAPABLE);
        }
        entry.rights_base = base;
        entry.rights_inheriting = inheriting;
        entry.read &= base & rights::FD_READ != 0;
        entry.write &= base & rights::FD_WRITE != 0;
        Ok(())
    })
}

pub(crate) fn fd_filestat_get(caller: &mut dyn Ctx, fd: i32, buf: i32) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let stat = match host.fd(u32_of(fd))?.ino() {
            Some(ino) => filestat(&host.fs, ino),
            None => stream_filestat(),
        };
        mem.write(u32_of(buf), &stat)
    })
}

pub(crate) fn fd_filestat_set_size(caller: &mut dyn Ctx, fd: i32, size: i64) -> Result<i32, Stop> {
    without_memory(caller, |host| {
        let ino = writable_file(host, u32_of(fd))?;
        let size = u64_of(size);
        if size > i64::MAX as u64 {
            return Err(INVAL);
        }
        host.fs.set_len(ino, size)
    })
}

pub(crate) fn fd_filestat_set_times(
    caller: &mut dyn Ctx,
    fd: i32,
    atim: i64,
    mtim: i64,
    flags: i32,
) -> Result<i32, Stop> {
    without_memory(caller, |host| {
        match host.fd(u32_of(fd))?.ino() {
            Some(ino) => set_times(host, ino, u64_of(atim), u64_of(mtim), u32_of(flags)),
            // Streams have no timestamps to set; like Linux on a pipe, this succeeds.
            None => Ok(()),
        }
    })
}

pub(crate) fn fd_pread(
    caller: &mut dyn Ctx,
    fd: i32,
    iovs: i32,
    iovs_len: i32,
    offset: i64,
    nread: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let (iovs, count, nread) = (u32_of(iovs), u32_of(iovs_len), u32_of(nread));
        check_iovecs(mem, iovs, count)?;
        mem.check(nread, 4)?;
        let entry = host.fd(u32_of(fd))?;
        let ino = match entry.kind {
            FdKind::File { ino, .. } if entry.read => ino,
            FdKind::File { .. } | FdKind::Stdout | FdKind::Stderr => return Err(BADF),
            FdKind::Dir { .. } => return Err(ISDIR),
            FdKind::Stdin => return Err(SPIPE),
        };
        let n = read_file(mem, host, ino, u64_of(offset), iovs, count)?;
        mem.write_u32(nread, n as u32)
    })
}

pub(crate) fn fd_pwrite(
    caller: &mut dyn Ctx,
    fd: i32,
    iovs: i32,
    iovs_len: i32,
    offset: i64,
    nwritten: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let (iovs, count, nwritten) = (u32_of(iovs), u32_of(iovs_len), u32_of(nwritten));
        let total = check_iovecs(mem, iovs, count)?;
        mem.check(nwritten, 4)?;
        let entry = host.fd(u32_of(fd))?;
        let ino = match entry.kind {
            FdKind::File { ino, .. } if entry.write => ino,
            FdKind::File { .. } | FdKind::Dir { .. } | FdKind::Stdin => return Err(BADF),
            FdKind::Stdout | FdKind::Stderr => return Err(SPIPE),
        };
        let offset = u64_of(offset);
        if offset > i64::MAX as u64 {
            return Err(INVAL);
        }
        let n = write_file(mem, host, ino, offset, iovs, count, total)?;
        mem.write_u32(nwritten, n as u32)
    })
}

pub(crate) fn fd_prestat_get(caller: &mut dyn Ctx, fd: i32, buf: i32) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let FdKind::Dir {
            preopen: Some(name),
            ..
        } = host.fd(u32_of(fd))?.kind
        else {
            return Err(BADF);
        };
        let mut out = [0u8; 8];
        // Tag 0 is `preopentype::dir`; the name length follows at offset 4.
        out[4..8].copy_from_slice(&(name.len() as u32).to_le_bytes());
        mem.write(u32_of(buf), &out)
    })
}

pub(crate) fn fd_prestat_dir_name(
    caller: &mut dyn Ctx,
    fd: i32,
    path: i32,
    path_len: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let FdKind::Dir {
            preopen: Some(name),
            ..
        } = host.fd(u32_of(fd))?.kind
        else {
            return Err(BADF);
        };
        if (u32_of(path_len) as usize) < name.len() {
            return Err(NAMETOOLONG);
        }
        mem.write(u32_of(path), name.as_bytes())
    })
}

pub(crate) fn fd_read(
    caller: &mut dyn Ctx,
    fd: i32,
    iovs: i32,
    iovs_len: i32,
    nread: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let (fd, iovs, count, nread) = (u32_of(fd), u32_of(iovs), u32_of(iovs_len), u32_of(nread));
        check_iovecs(mem, iovs, count)?;
        mem.check(nread, 4)?;
        let entry = host.fd(fd)?;
        if !entry.read {
            return Err(BADF);
        }
        let n = match entry.kind {
            FdKind::Stdin => {
                let n = scatter(mem, iovs, count, &host.stdin[host.stdin_pos..])?;
                host.stdin_pos += n;
                host.charge_bytes(n as u64);
                n
            }
            FdKind::File { ino, pos } => {
                let n = read_file(mem, host, ino, pos, iovs, count)?;
                if let FdKind::File { pos, .. } = &mut host.fd_mut(fd)?.kind {
                    *pos += n as u64;
                }
                n
            }
            // Linux opens directories for reading but read(2) on them fails; GNU tools
            // print "Is a directory" from exactly this error.
            FdKind::Dir { .. } => return Err(ISDIR),
            FdKind::Stdout | FdKind::Stderr => return Err(BADF),
        };
        mem.write_u32(nread, n as u32)
    })
}

pub(crate) fn fd_readdir(
    caller: &mut dyn Ctx,
    fd: i32,
    buf: i32,
    buf_len: i32,
    cookie: i64,
    bufused: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let (fd, buf, buf_len, bufused) =
            (u32_of(fd), u32_of(buf), u32_of(buf_len), u32_of(bufused));
        let cookie = u64_of(cookie);
        mem.check(buf, u64::from(buf_len))?;
        mem.check(bufused, 4)?;
        let (ino, cursor) = match &host.fd(fd)?.kind {
            FdKind::Dir { ino, cursor, .. } => (*ino, cursor.as_ref()),
            FdKind::File { .. } => return Err(NOTDIR),
            _ => return Err(BADF),
        };
        // Entries are read from the live directory, never copied: cookies 1 and 2 follow
        // `.` and `..`, and cookie N > 2 follows the (N-2)-th name, unless it is the cookie
        // this descriptor's last listing stopped at, which resumes after the name it
        // stopped at, wherever that now sorts.
        let (entries, parent) = host.fs.dir_entries(ino);
        let dots = [(".", ino), ("..", parent)]
            .into_iter()
            .skip(usize::try_from(cookie).unwrap_or(usize::MAX).min(2));
        let mut skipped = 0;
        let names: Box<dyn Iterator<Item = (&String, &Ino)>> = match cursor {
            Some((at, name)) if *at == cookie && cookie > 2 => Box::new(
                entries.range::<str, _>((Bound::Excluded(name.as_str()), Bound::Unbounded)),
            ),
            _ => {
                skipped = usize::try_from(cookie.saturating_sub(2))
                    .unwrap_or(usize::MAX)
                    .min(entries.len());
                Box::new(entries.iter().skip(skipped))
            }
        };
        let listing = dots
            .map(|(name, ino)| (name, ino, FILETYPE_DIRECTORY))
            .chain(names.map(|(name, &ino)| (name.as_str(), ino, host.fs.node(ino).filetype())));
        let mut used: usize = 0;
        let capacity = buf_len as usize;
        let mut next = cookie;
        let mut stopped_after = None;
        for (name, entry_ino, filetype) in listing {
            if used >= capacity {
                break;
            }
            next = next.saturating_add(1);
            let whole = DIRENT_SIZE + name.len() <= capacity - used;
            let mut header = [0u8; DIRENT_SIZE];
            header[0..8].copy_from_slice(&next.to_le_bytes());
            header[8..16].copy_from_slice(&report_ino(entry_ino).to_le_bytes());
            header[16..20].copy_from_slice(&(name.len() as u32).to_le_bytes());
            header[20] = filetype;
            // The last entry may be cut short; the guest sees a full buffer and asks again
            // with a bigger one, as the preview1 spec intends.
            for part in [&header[..], name.as_bytes()] {
                let n = part.len().min(capacity - used);
                mem.write(buf.wrapping_add(used as u32), &part[..n])?;
                used += n;
            }
            if whole && next > 2 {
                // Programs continue from the last entry they got whole.
                stopped_after = Some((next, name));
            }
        }
        let stopped_after = stopped_after.map(|(next, name)| (next, name.to_owned()));
        host.lookup.steps += skipped as u64;
        host.charge_bytes(used as u64);
        if let Some(stopped) = stopped_after
            && let FdKind::Dir { cursor, .. } = &mut host.fd_mut(fd)?.kind
        {
            *cursor = Some(stopped);
        }
        mem.write_u32(bufused, used as u32)
    })
}

pub(crate) fn fd_renumber(caller: &mut dyn Ctx, from: i32, to: i32) -> Result<i32, Stop> {
    without_memory(caller, |host| host.renumber_fd(u32_of(from), u32_of(to)))
}

pub(crate) fn fd_seek(
    caller: &mut dyn Ctx,
    fd: i32,
    offset: i64,
    whence: i32,
    newoffset: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let newoffset = u32_of(newoffset);
        mem.check(newoffset, 8)?;
        let fd = u32_of(fd);
        let (ino, current) = match host.fd(fd)?.kind {
            FdKind::File { ino, pos } => (ino, pos),
            // Directories have no position (listings resume from cookies); Linux lets
            // `lseek` on one succeed, WASI runtimes and the WASI test suite refuse it.
            FdKind::Dir { .. } => return Err(ISDIR),
            _ => return Err(SPIPE),
        };
        let base = match u32_of(whence) {
            WHENCE_SET => 0,
            WHENCE_CUR => current,
            WHENCE_END => host.fs.file_len(ino).map_err(|_| INVAL)?,
            _ => return Err(INVAL),
        };
        let target = i128::from(base) + i128::from(offset);
        if target < 0 || target > i128::from(i64::MAX) {
            return Err(INVAL);
        }
        let target = target as u64;
        match &mut host.fd_mut(fd)?.kind {
            FdKind::File { pos, .. } => *pos = target,
            _ => return Err(SPIPE),
        }
        mem.write_u64(newoffset, target)
    })
}

pub(crate) fn fd_tell(caller: &mut dyn Ctx, fd: i32, offset: i32) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let pos = match host.fd(u32_of(fd))?.kind {
            FdKind::File { pos, .. } => pos,
            FdKind::Dir { .. } => return Err(ISDIR),
            _ => return Err(SPIPE),
        };
        mem.write_u64(u32_of(offset), pos)
    })
}

pub(crate) fn fd_write(
    caller: &mut dyn Ctx,
    fd: i32,
    iovs: i32,
    iovs_len: i32,
    nwritten: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let (fd, iovs, count, nwritten) =
            (u32_of(fd), u32_of(iovs), u32_of(iovs_len), u32_of(nwritten));
        let total = check_iovecs(mem, iovs, count)?;
        mem.check(nwritten, 4)?;
        let entry = host.fd(fd)?;
        if !entry.write {
            return Err(BADF);
        }
        let n = match entry.kind {
            FdKind::Stdout | FdKind::Stderr => {
                let stream = if matches!(entry.kind, FdKind::Stdout) {
                    Stream::Stdout
                } else {
                    Stream::Stderr
                };
                for index in 0..count {
                    let iov = iovec(mem, iovs, index)?;
                    // Past the output cap nothing more is kept, so a memory that must be
                    // copied to be read (the browser's) is read only as far as counts.
                    let len = iov.len.min(host.room(stream).saturating_add(1));
                    host.emit(stream, &mem.read(iov.ptr, len)?);
                    if host.abort.is_some() {
                        break;
                    }
                }
                host.charge_bytes(total);
                total as usize
            }
            FdKind::File { ino, pos } => {
                let offset = if entry.flags & FDFLAG_APPEND != 0 {
                    host.fs.file_len(ino)?
                } else {
                    pos
                };
                let n = write_file(mem, host, ino, offset, iovs, count, total)?;
                if let FdKind::File { pos, .. } = &mut host.fd_mut(fd)?.kind {
                    *pos = offset + n as u64;
                }
                n
            }
            FdKind::Stdin | FdKind::Dir { .. } => return Err(BADF),
        };
        mem.write_u32(nwritten, n as u32)
    })
}

/// A new descriptor for a file or directory, with the access its rights ask for.
pub(crate) fn open_entry(
    kind: FdKind,
    rights_base: u64,
    rights_inheriting: u64,
    flags: u16,
) -> FdEntry {
    FdEntry {
        read: rights_base & rights::FD_READ != 0,
        write: rights_base & rights::FD_WRITE != 0,
        kind,
        flags,
        rights_base,
        rights_inheriting,
    }
}
