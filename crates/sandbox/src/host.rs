//! The state of one run, owned by the engine's store: streams, file tree, descriptors,
//! virtual clock, PRNG and the fuel not yet handed to the guest.

use crate::errno::{BADF, MFILE, WasiResult};
use crate::fs::{Fs, Ino, Lookup, ROOT};
use crate::wasi::clock_random::{Clock, Rng};
use crate::{Budget, Input};
use std::fmt;

/// Most descriptors open at once, as Linux's default `ulimit -n`. Guards against a guest
/// opening descriptors until the host runs out of memory; past it `path_open` is `EMFILE`.
pub(crate) const MAX_FDS: usize = 1024;

/// Bytes the host copies per unit of fuel charged, the rate the meter charges for
/// `memory.copy`. Host calls that move data pay for it, so a guest cannot get unbounded
/// host work (say, rewriting 64 MiB in a loop) for a few instructions' worth of fuel.
pub(crate) const BYTES_PER_FUEL: u64 = 64;

/// WASI rights bits Replica looks at or reports.
pub(crate) mod rights {
    pub(crate) const FD_READ: u64 = 1 << 1;
    pub(crate) const FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
    pub(crate) const FD_WRITE: u64 = 1 << 6;
    pub(crate) const FD_FILESTAT_GET: u64 = 1 << 21;
    pub(crate) const POLL_FD_READWRITE: u64 = 1 << 27;
    /// Every right preview1 defines.
    pub(crate) const ALL: u64 = (1 << 30) - 1;
    /// The rights a directory descriptor has: every `path_*` right, listing, and its own
    /// status and times, but nothing that reads, writes or seeks data. The WASI test
    /// suite and other runtimes give a preopen exactly these, and programs open `.` with
    /// the rights the preopen reports (a directory asked for with `FD_WRITE` is EISDIR).
    pub(crate) const DIRECTORY: u64 = PATH_CREATE_DIRECTORY
        | PATH_CREATE_FILE
        | PATH_LINK_SOURCE
        | PATH_LINK_TARGET
        | PATH_OPEN
        | FD_READDIR
        | PATH_READLINK
        | PATH_RENAME_SOURCE
        | PATH_RENAME_TARGET
        | PATH_FILESTAT_GET
        | PATH_FILESTAT_SET_TIMES
        | FD_FILESTAT_GET
        | FD_FILESTAT_SET_TIMES
        | PATH_SYMLINK
        | PATH_REMOVE_DIRECTORY
        | PATH_UNLINK_FILE;
    const PATH_CREATE_DIRECTORY: u64 = 1 << 9;
    const PATH_CREATE_FILE: u64 = 1 << 10;
    const PATH_LINK_SOURCE: u64 = 1 << 11;
    const PATH_LINK_TARGET: u64 = 1 << 12;
    const PATH_OPEN: u64 = 1 << 13;
    const FD_READDIR: u64 = 1 << 14;
    const PATH_READLINK: u64 = 1 << 15;
    const PATH_RENAME_SOURCE: u64 = 1 << 16;
    const PATH_RENAME_TARGET: u64 = 1 << 17;
    const PATH_FILESTAT_GET: u64 = 1 << 18;
    const PATH_FILESTAT_SET_TIMES: u64 = 1 << 20;
    const FD_FILESTAT_SET_TIMES: u64 = 1 << 23;
    const PATH_SYMLINK: u64 = 1 << 24;
    const PATH_REMOVE_DIRECTORY: u64 = 1 << 25;
    const PATH_UNLINK_FILE: u64 = 1 << 26;
    /// What the standard streams offer: no seek or tell, so wasi-libc's `isatty` is false.
    pub(crate) const STDIN: u64 =
        FD_READ | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
    pub(crate) const STDOUT: u64 =
        FD_WRITE | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;
}

/// fdflags bits.
pub(crate) const FDFLAG_APPEND: u16 = 1;
/// All fdflags preview1 defines: APPEND, DSYNC, NONBLOCK, RSYNC, SYNC.
pub(crate) const FDFLAGS_ALL: u16 = 0b1_1111;

/// Why the host stopped the guest early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abort {
    OutputLimit,
    OutOfFuel,
}

impl fmt::Display for Abort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Abort::OutputLimit => f.write_str("output limit exceeded"),
            Abort::OutOfFuel => f.write_str("fuel exhausted in a host call"),
        }
    }
}

/// The part of a run's fuel that is not in the guest's counter.
///
/// The metered module (see `replica_meter`) subtracts each code segment's cost from its
/// `fuel` global before running it and calls `out_of_fuel` when the counter goes negative.
/// The module defines that counter, starting at 0, and exports it, so a run's whole budget
/// starts here. Once the instance is made, [`Meter::grant`] moves it to the counter: all
/// of it in an unsliced run, one slice in a sliced run ([`crate::Module::run_sliced`]),
/// which keeps the rest here. `out_of_fuel` and host calls refill the counter from it
/// (a start section, which runs while the instance is made, from 0), so slicing never
/// changes what the guest can afford or where it runs out.
#[derive(Debug, Default)]
pub(crate) struct Meter {
    /// Fuel not yet handed to the counter.
    pub(crate) reserve: u64,
    /// How much a grant or a refill for `out_of_fuel` hands out at least: the slice of a
    /// sliced run, `u64::MAX` (everything) in an unsliced one.
    pub(crate) slice: u64,
}

impl Meter {
    /// The whole of `fuel` in the reserve, handed out in slices of `slice` (at least 1)
    /// or, without one, all at once.
    pub(crate) fn start(fuel: u64, slice: Option<u64>) -> Meter {
        Meter {
            reserve: fuel,
            slice: slice.map_or(u64::MAX, |slice| slice.max(1)),
        }
    }

    /// Tops the counter (never negative between segments) up to a slice from the reserve,
    /// once the instance is made: what it holds then is what the run starts `_start` with.
    pub(crate) fn grant(&mut self, counter: i64) -> i64 {
        let counter = counter.max(0);
        // Budgets beyond i64::MAX stay in the reserve; the counter is signed.
        let room = (i64::MAX - counter) as u64;
        let add = self
            .slice
            .saturating_sub(counter as u64)
            .min(self.reserve)
            .min(room);
        self.reserve -= add;
        counter + add as i64
    }

    /// Brings a counter that went negative back to zero or more from the reserve, adding
    /// at least `slice` when the reserve has it. `None` when the whole remaining budget
    /// cannot pay what the counter owes: the run is out of fuel.
    pub(crate) fn refill(&mut self, counter: i64, slice: u64) -> Option<i64> {
        if counter >= 0 {
            return Some(counter);
        }
        let need = counter.unsigned_abs();
        if need > self.reserve {
            self.reserve = 0;
            return None;
        }
        let room = (i64::MAX as u64).saturating_sub(need);
        let add = need.max(slice.min(room)).min(self.reserve);
        self.reserve -= add;
        // `add` is at least `need` and at most `need + room`, so this stays in range.
        Some(counter.saturating_add(add as i64))
    }

    /// Fuel left in all: the counter (never negative at the end of a run) and the reserve.
    pub(crate) fn left(&self, counter: i64) -> u64 {
        self.reserve.saturating_add(counter.max(0) as u64)
    }
}

/// What an open descriptor refers to.
#[derive(Debug)]
pub(crate) enum FdKind {
    Stdin,
    Stdout,
    Stderr,
    File {
        ino: Ino,
        pos: u64,
    },
    Dir {
        ino: Ino,
        /// The name a preopen is announced under.
        preopen: Option<&'static str>,
        /// Where the last `fd_readdir` stopped: the cookie after the last entry it returned
        /// whole, and that entry's name. Continuing from that cookie resumes after the name
        /// in the live directory, so deleting entries while listing them (as `rm -r` does)
        /// skips nothing. One name per descriptor, not a copy of the listing: a snapshot
        /// per descriptor let a guest make the host hold the same big listing a thousand
        /// times over.
        cursor: Option<(u64, String)>,
    },
}

/// One open descriptor.
#[derive(Debug)]
pub(crate) struct FdEntry {
    pub(crate) kind: FdKind,
    pub(crate) read: bool,
    pub(crate) write: bool,
    pub(crate) flags: u16,
    pub(crate) rights_base: u64,
    pub(crate) rights_inheriting: u64,
}

impl FdEntry {
    fn stream(kind: FdKind, rights_base: u64) -> FdEntry {
        FdEntry {
            read: matches!(kind, FdKind::Stdin),
            write: !matches!(kind, FdKind::Stdin),
            kind,
            flags: 0,
            rights_base,
            rights_inheriting: 0,
        }
    }

    /// The inode behind a file or directory descriptor.
    pub(crate) fn ino(&self) -> Option<Ino> {
        match self.kind {
            FdKind::File { ino, .. } | FdKind::Dir { ino, .. } => Some(ino),
            _ => None,
        }
    }
}

/// Which captured stream a write goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// Everything one run's host functions read and change.
#[derive(Debug)]
pub(crate) struct Host {
    /// `argv`, program name first.
    pub(crate) args: Vec<String>,
    /// The environment as `KEY=VALUE` strings.
    pub(crate) env: Vec<String>,
    pub(crate) stdin: Vec<u8>,
    pub(crate) stdin_pos: usize,
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    output_bytes: u64,
    pub(crate) fs: Fs,
    fds: Vec<Option<FdEntry>>,
    pub(crate) clock: Clock,
    pub(crate) rng: Rng,
    /// Fuel the current host call owes for the data it moved, charged when it returns.
    pub(crate) fuel_debt: u64,
    /// Fuel of the budget not yet handed to the guest's counter.
    pub(crate) meter: Meter,
    /// Set by a host call that must stop the guest.
    pub(crate) abort: Option<Abort>,
    /// Path lookups of the current host call, charged when it returns.
    pub(crate) lookup: Lookup,
}

impl Host {
    pub(crate) fn new(input: &Input, budget: &Budget) -> Host {
        let mut args = Vec::with_capacity(input.args.len() + 1);
        args.push(input.program.clone());
        args.extend(input.args.iter().cloned());
        let env = input
            .env
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        let mut fs = Fs::from_tree(&input.files, budget.fs_nodes, budget.fs_bytes);
        fs.open(ROOT);
        let preopen = FdEntry {
            kind: FdKind::Dir {
                ino: ROOT,
                preopen: Some("/"),
                cursor: None,
            },
            read: true,
            write: false,
            flags: 0,
            rights_base: rights::DIRECTORY,
            rights_inheriting: rights::ALL,
        };
        let mut fds = vec![
            Some(FdEntry::stream(FdKind::Stdin, rights::STDIN)),
            Some(FdEntry::stream(FdKind::Stdout, rights::STDOUT)),
            Some(FdEntry::stream(FdKind::Stderr, rights::STDOUT)),
            Some(preopen),
        ];
        if let Some(source) = &input.source {
            let ino = fs.program_dir(source.clone());
            fs.open(ino);
            fds.push(Some(FdEntry {
                kind: FdKind::Dir {
                    ino,
                    preopen: Some(crate::SOURCE_DIR),
                    cursor: None,
                },
                read: true,
                write: false,
                flags: 0,
                rights_base: rights::DIRECTORY,
                rights_inheriting: rights::ALL,
            }));
        }
        Host {
            args,
            env,
            stdin: input.stdin.clone(),
            stdin_pos: 0,
            stdout: Vec::new(),
            stderr: Vec::new(),
            output_bytes: budget.output_bytes,
            fs,
            fds,
            clock: Clock::new(),
            rng: Rng::new(input.seed),
            fuel_debt: 0,
            meter: Meter::default(),
            abort: None,
            lookup: Lookup::default(),
        }
    }

    /// Records that this call moved `bytes` bytes on the guest's behalf.
    pub(crate) fn charge_bytes(&mut self, bytes: u64) {
        self.fuel_debt = self.fuel_debt.saturating_add(bytes / BYTES_PER_FUEL);
    }

    /// Appends to stdout or stderr. Past the output cap, keeps exactly the first
    /// `output_bytes` bytes and asks the run to stop.
    /// How many more bytes `stream` keeps before the output cap.
    pub(crate) fn room(&self, stream: Stream) -> u32 {
        let used = match stream {
            Stream::Stdout => self.stdout.len(),
            Stream::Stderr => self.stderr.len(),
        };
        u32::try_from(self.output_bytes.saturating_sub(used as u64)).unwrap_or(u32::MAX)
    }

    pub(crate) fn emit(&mut self, stream: Stream, data: &[u8]) {
        let limit = self.output_bytes;
        let buffer = match stream {
            Stream::Stdout => &mut self.stdout,
            Stream::Stderr => &mut self.stderr,
        };
        let room = limit.saturating_sub(buffer.len() as u64);
        if data.len() as u64 > room {
            // `room` is below `data.len()`, so it fits in usize.
            buffer.extend_from_slice(&data[..room as usize]);
            self.abort = Some(Abort::OutputLimit);
        } else {
            buffer.extend_from_slice(data);
        }
    }

    pub(crate) fn fd(&self, fd: u32) -> WasiResult<&FdEntry> {
        match self.fds.get(fd as usize) {
            Some(Some(entry)) => Ok(entry),
            _ => Err(BADF),
        }
    }

    pub(crate) fn fd_mut(&mut self, fd: u32) -> WasiResult<&mut FdEntry> {
        match self.fds.get_mut(fd as usize) {
            Some(Some(entry)) => Ok(entry),
            _ => Err(BADF),
        }
    }

    /// The directory a path call resolves against.
    pub(crate) fn dir_fd(&self, fd: u32) -> WasiResult<Ino> {
        match self.fd(fd)?.kind {
            FdKind::Dir { ino, .. } => Ok(ino),
            _ => Err(crate::errno::NOTDIR),
        }
    }

    /// Installs a descriptor at the lowest free number, as POSIX does.
    pub(crate) fn insert_fd(&mut self, entry: FdEntry) -> WasiResult<u32> {
        let slot = match self.fds.iter().position(Option::is_none) {
            Some(slot) => slot,
            None if self.fds.len() < MAX_FDS => {
                self.fds.push(None);
                self.fds.len() - 1
            }
            None => return Err(MFILE),
        };
        if let Some(ino) = entry.ino() {
            self.fs.open(ino);
        }
        self.fds[slot] = Some(entry);
        // `slot` is below MAX_FDS.
        Ok(slot as u32)
    }

    /// Whether a new descriptor could be installed now.
    pub(crate) fn fd_available(&self) -> WasiResult {
        if self.fds.len() < MAX_FDS || self.fds.iter().any(Option::is_none) {
            Ok(())
        } else {
            Err(MFILE)
        }
    }

    /// Closes a descriptor, releasing its inode if nothing else holds it.
    pub(crate) fn close_fd(&mut self, fd: u32) -> WasiResult {
        let entry = self
            .fds
            .get_mut(fd as usize)
            .and_then(Option::take)
            .ok_or(BADF)?;
        if let Some(ino) = entry.ino() {
            self.fs.close(ino);
        }
        Ok(())
    }

    /// Moves descriptor `from` to number `to`, closing whatever `to` was.
    pub(crate) fn renumber_fd(&mut self, from: u32, to: u32) -> WasiResult {
        self.fd(from)?;
        self.fd(to)?;
        if from == to {
            return Ok(());
        }
        self.close_fd(to)?;
        let entry = self.fds[from as usize].take();
        self.fds[to as usize] = entry;
        Ok(())
    }
}
