//! `path_*`: opening, creating, renaming and removing entries by path.
//!
//! Every path is relative to a directory descriptor and resolved by [`crate::fs::Fs`],
//! which keeps lookups inside the tree.

use super::fd::{filestat, open_entry, set_times};
use super::{Ctx, Stop};
use super::{u32_of, u64_of, with_memory};
use crate::errno::{EXIST, INVAL, ISDIR, LOOP, NOENT, NOTDIR, NOTSUP, WasiResult};
use crate::fs::{Kind, Last, link_target};
use crate::host::{FDFLAGS_ALL, FdKind, Host, rights};
use crate::memory::Mem;
use std::borrow::Cow;

const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

const OFLAG_CREAT: u32 = 1;
const OFLAG_DIRECTORY: u32 = 2;
const OFLAG_EXCL: u32 = 4;
const OFLAG_TRUNC: u32 = 8;

/// Reads a path argument from guest memory.
fn path_arg<'m>(mem: &'m Mem<'_>, ptr: i32, len: i32) -> WasiResult<Cow<'m, str>> {
    mem.str(u32_of(ptr), u32_of(len))
}

pub(crate) fn path_create_directory(
    caller: &mut dyn Ctx,
    fd: i32,
    path: i32,
    path_len: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let base = host.dir_fd(u32_of(fd))?;
        let path = &path_arg(mem, path, path_len)?;
        let walk = host.fs.walk(base, path, &mut host.lookup)?;
        host.fs.create_dir(&walk).map(|_| ())
    })
}

pub(crate) fn path_filestat_get(
    caller: &mut dyn Ctx,
    fd: i32,
    flags: i32,
    path: i32,
    path_len: i32,
    buf: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let base = host.dir_fd(u32_of(fd))?;
        let follow = u32_of(flags) & LOOKUP_SYMLINK_FOLLOW != 0;
        let ino = host.fs.resolve(
            base,
            &path_arg(mem, path, path_len)?,
            follow,
            &mut host.lookup,
        )?;
        let stat = filestat(&host.fs, ino);
        mem.write(u32_of(buf), &stat)
    })
}

#[allow(clippy::too_many_arguments)] // The preview1 signature.
pub(crate) fn path_filestat_set_times(
    caller: &mut dyn Ctx,
    fd: i32,
    flags: i32,
    path: i32,
    path_len: i32,
    atim: i64,
    mtim: i64,
    fst_flags: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let base = host.dir_fd(u32_of(fd))?;
        let follow = u32_of(flags) & LOOKUP_SYMLINK_FOLLOW != 0;
        let ino = host.fs.resolve(
            base,
            &path_arg(mem, path, path_len)?,
            follow,
            &mut host.lookup,
        )?;
        set_times(host, ino, u64_of(atim), u64_of(mtim), u32_of(fst_flags))
    })
}

#[allow(clippy::too_many_arguments)] // The preview1 signature.
pub(crate) fn path_link(
    caller: &mut dyn Ctx,
    old_fd: i32,
    old_flags: i32,
    old_path: i32,
    old_path_len: i32,
    new_fd: i32,
    new_path: i32,
    new_path_len: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        // Both paths are looked up first, as Linux does before the file system refuses,
        // so bad descriptors, missing files and escapes get the errno any call gives them.
        let old_base = host.dir_fd(u32_of(old_fd))?;
        let new_base = host.dir_fd(u32_of(new_fd))?;
        let follow = u32_of(old_flags) & LOOKUP_SYMLINK_FOLLOW != 0;
        host.fs.resolve(
            old_base,
            &path_arg(mem, old_path, old_path_len)?,
            follow,
            &mut host.lookup,
        )?;
        host.lookup.next_path();
        host.fs.walk(
            new_base,
            &path_arg(mem, new_path, new_path_len)?,
            &mut host.lookup,
        )?;
        // The tree has no hard links, as on file systems like FAT: a `Tree` cannot express
        // them, and spelling each link out as a file copied its contents once per name
        // into the output, past the byte cap (64 MiB linked 100 times was 6.4 GB).
        Err(NOTSUP)
    })
}

#[allow(clippy::too_many_arguments)] // The preview1 signature.
pub(crate) fn path_open(
    caller: &mut dyn Ctx,
    fd: i32,
    dirflags: i32,
    path: i32,
    path_len: i32,
    oflags: i32,
    rights_base: i64,
    rights_inheriting: i64,
    fdflags: i32,
    opened_fd: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let opened_fd = u32_of(opened_fd);
        mem.check(opened_fd, 4)?;
        let oflags = u32_of(oflags);
        let fdflags = u32_of(fdflags);
        if oflags & !(OFLAG_CREAT | OFLAG_DIRECTORY | OFLAG_EXCL | OFLAG_TRUNC) != 0
            || fdflags & !u32::from(FDFLAGS_ALL) != 0
        {
            return Err(INVAL);
        }
        let rights_base = u64_of(rights_base) & rights::ALL;
        let rights_inheriting = u64_of(rights_inheriting) & rights::ALL;
        let follow = u32_of(dirflags) & LOOKUP_SYMLINK_FOLLOW != 0;
        let path = &path_arg(mem, path, path_len)?;
        let base = host.dir_fd(u32_of(fd))?;
        host.fd_available()?;
        let kind = open(host, base, path, follow, oflags, rights_base)?;
        let mut entry = open_entry(kind, rights_base, rights_inheriting, fdflags as u16);
        // A directory descriptor reports no data rights, whatever was asked (see
        // `rights::DIRECTORY`); one opened for reading still reads as Linux's does, with
        // `EISDIR`.
        if let FdKind::Dir { .. } = entry.kind {
            entry.rights_base &= rights::DIRECTORY;
        }
        let new_fd = host.insert_fd(entry)?;
        mem.write_u32(opened_fd, new_fd)
    })
}

/// Resolves, creates or truncates what `path_open` names and says what to open.
fn open(
    host: &mut Host,
    base: usize,
    path: &str,
    follow: bool,
    oflags: u32,
    rights_base: u64,
) -> WasiResult<FdKind> {
    let create = oflags & OFLAG_CREAT != 0;
    let exclusive = create && oflags & OFLAG_EXCL != 0;
    let want_dir = oflags & OFLAG_DIRECTORY != 0;
    let mut dir_base = base;
    let mut current = path.to_owned();
    loop {
        let fs = &mut host.fs;
        let walk = fs.walk(dir_base, &current, &mut host.lookup)?;
        let existing = match walk.last {
            Last::Dot => Some(walk.dir),
            Last::DotDot => Some(fs.climb(walk.dir, &host.lookup)?),
            Last::Name(name) => fs.lookup(walk.dir, name).ok(),
        };
        let Some(ino) = existing else {
            if !create {
                return Err(NOENT);
            }
            if want_dir {
                // As Linux since 6.4: O_CREAT | O_DIRECTORY never creates a directory.
                return Err(INVAL);
            }
            let ino = fs.create_file(&walk)?;
            return Ok(FdKind::File { ino, pos: 0 });
        };
        if exclusive {
            return Err(EXIST);
        }
        if let Kind::Symlink(target) = &fs.node(ino).kind {
            if !(follow || walk.trailing_slash) {
                // As Linux's O_NOFOLLOW on a symlink.
                return Err(LOOP);
            }
            // Follow it: a dangling symlink with O_CREAT creates its target, as on Linux.
            let next = link_target(target, &mut host.lookup)?.to_owned();
            dir_base = walk.dir;
            current = next;
            continue;
        }
        let is_dir = fs.node(ino).is_dir();
        if (want_dir || walk.trailing_slash) && !is_dir {
            return Err(NOTDIR);
        }
        if is_dir {
            if rights_base & rights::FD_WRITE != 0 || oflags & OFLAG_TRUNC != 0 {
                return Err(ISDIR);
            }
            return Ok(FdKind::Dir {
                ino,
                preopen: None,
                cursor: None,
            });
        }
        if rights_base & rights::FD_WRITE != 0 || oflags & OFLAG_TRUNC != 0 {
            fs.writable(ino)?;
        }
        if oflags & OFLAG_TRUNC != 0 {
            fs.set_len(ino, 0)?;
        }
        return Ok(FdKind::File { ino, pos: 0 });
    }
}

pub(crate) fn path_readlink(
    caller: &mut dyn Ctx,
    fd: i32,
    path: i32,
    path_len: i32,
    buf: i32,
    buf_len: i32,
    bufused: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let (buf, buf_len, bufused) = (u32_of(buf), u32_of(buf_len), u32_of(bufused));
        mem.check(buf, u64::from(buf_len))?;
        mem.check(bufused, 4)?;
        let base = host.dir_fd(u32_of(fd))?;
        let ino = host.fs.resolve(
            base,
            &path_arg(mem, path, path_len)?,
            false,
            &mut host.lookup,
        )?;
        let Kind::Symlink(target) = &host.fs.node(ino).kind else {
            return Err(INVAL);
        };
        // Like readlink(2), a short buffer gets a truncated target.
        let n = target.len().min(buf_len as usize);
        mem.write(buf, &target.as_bytes()[..n])?;
        mem.write_u32(bufused, n as u32)
    })
}

pub(crate) fn path_remove_directory(
    caller: &mut dyn Ctx,
    fd: i32,
    path: i32,
    path_len: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let base = host.dir_fd(u32_of(fd))?;
        let path = path_arg(mem, path, path_len)?;
        let walk = host.fs.walk(base, &path, &mut host.lookup)?;
        host.fs.remove_dir(&walk)
    })
}

pub(crate) fn path_rename(
    caller: &mut dyn Ctx,
    fd: i32,
    old_path: i32,
    old_path_len: i32,
    new_fd: i32,
    new_path: i32,
    new_path_len: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let old_base = host.dir_fd(u32_of(fd))?;
        let new_base = host.dir_fd(u32_of(new_fd))?;
        let old_path = path_arg(mem, old_path, old_path_len)?;
        let from = host.fs.walk(old_base, &old_path, &mut host.lookup)?;
        host.lookup.next_path();
        let new_path = path_arg(mem, new_path, new_path_len)?;
        let to = host.fs.walk(new_base, &new_path, &mut host.lookup)?;
        host.fs.rename(&from, &to, &mut host.lookup)
    })
}

pub(crate) fn path_symlink(
    caller: &mut dyn Ctx,
    old_path: i32,
    old_path_len: i32,
    fd: i32,
    new_path: i32,
    new_path_len: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let base = host.dir_fd(u32_of(fd))?;
        let target = &path_arg(mem, old_path, old_path_len)?;
        if target.is_empty() {
            return Err(NOENT);
        }
        let new_path = path_arg(mem, new_path, new_path_len)?;
        let walk = host.fs.walk(base, &new_path, &mut host.lookup)?;
        host.fs.create_symlink(&walk, target).map(|_| ())
    })
}

pub(crate) fn path_unlink_file(
    caller: &mut dyn Ctx,
    fd: i32,
    path: i32,
    path_len: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let base = host.dir_fd(u32_of(fd))?;
        let path = path_arg(mem, path, path_len)?;
        let walk = host.fs.walk(base, &path, &mut host.lookup)?;
        host.fs.unlink(&walk)
    })
}
