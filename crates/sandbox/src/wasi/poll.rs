//! `poll_oneoff`: nothing in the sandbox ever blocks, so polling answers at once.
//!
//! Descriptor subscriptions are always ready (stdin holds all its input up front). Clock
//! subscriptions complete by moving the virtual clock forward to the earliest deadline, so
//! a program that sleeps for an hour finishes instantly and deterministically.

use super::{Ctx, Stop};
use super::{u32_of, with_memory};
use crate::errno::{INVAL, WasiResult};
use crate::host::{FdKind, Host};
use crate::memory::Mem;

/// Size of a `subscription` record.
const SUBSCRIPTION_SIZE: u32 = 48;
/// Size of an `event` record.
const EVENT_SIZE: u32 = 32;

const EVENTTYPE_CLOCK: u8 = 0;
const EVENTTYPE_FD_READ: u8 = 1;
const EVENTTYPE_FD_WRITE: u8 = 2;

const SUBCLOCKFLAG_ABSTIME: u16 = 1;
const EVENTRWFLAG_HANGUP: u16 = 1;

/// One subscription, decoded.
#[derive(Debug, Clone, Copy)]
enum Subscription {
    Clock {
        id: u32,
        timeout: u64,
        absolute: bool,
    },
    Fd {
        fd: u32,
        kind: u8,
    },
    Bad,
}

fn subscription(mem: &Mem<'_>, at: u32) -> WasiResult<(u64, Subscription)> {
    let userdata = mem.read_u64(at)?;
    let tag = mem.read_u8(at + 8)?;
    let sub = match tag {
        EVENTTYPE_CLOCK => Subscription::Clock {
            id: mem.read_u32(at + 16)?,
            timeout: mem.read_u64(at + 24)?,
            absolute: mem.read_u16(at + 40)? & SUBCLOCKFLAG_ABSTIME != 0,
        },
        EVENTTYPE_FD_READ | EVENTTYPE_FD_WRITE => Subscription::Fd {
            fd: mem.read_u32(at + 16)?,
            kind: tag,
        },
        _ => Subscription::Bad,
    };
    Ok((userdata, sub))
}

fn write_event(
    mem: &mut Mem<'_>,
    at: u32,
    userdata: u64,
    errno: u16,
    kind: u8,
    nbytes: u64,
    flags: u16,
) -> WasiResult {
    let mut out = [0u8; EVENT_SIZE as usize];
    out[0..8].copy_from_slice(&userdata.to_le_bytes());
    out[8..10].copy_from_slice(&errno.to_le_bytes());
    out[10] = kind;
    out[16..24].copy_from_slice(&nbytes.to_le_bytes());
    out[24..26].copy_from_slice(&flags.to_le_bytes());
    mem.write(at, &out)
}

/// How many bytes a read on `fd` would return now, and whether it is at end of input.
fn fd_readiness(host: &Host, fd: u32, kind: u8) -> WasiResult<(u64, u16)> {
    let entry = host.fd(fd)?;
    if kind == EVENTTYPE_FD_WRITE {
        return Ok((0, 0));
    }
    Ok(match entry.kind {
        FdKind::Stdin => {
            let left = (host.stdin.len() - host.stdin_pos) as u64;
            (left, if left == 0 { EVENTRWFLAG_HANGUP } else { 0 })
        }
        FdKind::File { ino, pos } => {
            let len = host.fs.file_len(ino).unwrap_or(0);
            (len.saturating_sub(pos), 0)
        }
        _ => (0, 0),
    })
}

pub(crate) fn poll_oneoff(
    caller: &mut dyn Ctx,
    subscriptions: i32,
    events: i32,
    count: i32,
    nevents: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        let (subscriptions, events, count, nevents) = (
            u32_of(subscriptions),
            u32_of(events),
            u32_of(count),
            u32_of(nevents),
        );
        if count == 0 {
            return Err(INVAL);
        }
        mem.check(
            subscriptions,
            u64::from(count) * u64::from(SUBSCRIPTION_SIZE),
        )?;
        mem.check(events, u64::from(count) * u64::from(EVENT_SIZE))?;
        mem.check(nevents, 4)?;
        host.charge_bytes(u64::from(count) * u64::from(SUBSCRIPTION_SIZE + EVENT_SIZE));
        let start = host.clock.elapsed();

        // First pass: anything ready at once (a descriptor, a malformed subscription)
        // means no sleep, as poll(2) returns what is ready. Otherwise sleep until the
        // earliest clock deadline.
        let mut immediate = false;
        let mut wake: Option<u64> = None;
        for index in 0..count {
            let (_, sub) = subscription(mem, subscriptions + index * SUBSCRIPTION_SIZE)?;
            match sub {
                Subscription::Clock {
                    id,
                    timeout,
                    absolute,
                } => match host.clock.deadline(id, timeout, absolute, start) {
                    Ok(deadline) => wake = Some(wake.map_or(deadline, |w| w.min(deadline))),
                    Err(_) => immediate = true,
                },
                Subscription::Fd { .. } | Subscription::Bad => immediate = true,
            }
        }
        if let (false, Some(wake)) = (immediate, wake) {
            host.clock.advance_to(wake);
        }
        let now = host.clock.elapsed();

        // Second pass: report every subscription that is ready now.
        let mut written = 0;
        for index in 0..count {
            let (userdata, sub) = subscription(mem, subscriptions + index * SUBSCRIPTION_SIZE)?;
            let event = match sub {
                Subscription::Clock {
                    id,
                    timeout,
                    absolute,
                } => match host.clock.deadline(id, timeout, absolute, start) {
                    Ok(deadline) => (deadline <= now).then_some((0, EVENTTYPE_CLOCK, 0, 0)),
                    Err(errno) => Some((errno.0, EVENTTYPE_CLOCK, 0, 0)),
                },
                Subscription::Fd { fd, kind } => Some(match fd_readiness(host, fd, kind) {
                    Ok((nbytes, flags)) => (0, kind, nbytes, flags),
                    Err(errno) => (errno.0, kind, 0, 0),
                }),
                Subscription::Bad => Some((INVAL.0, EVENTTYPE_CLOCK, 0, 0)),
            };
            if let Some((errno, kind, nbytes, flags)) = event {
                let at = events + written * EVENT_SIZE;
                write_event(mem, at, userdata, errno, kind, nbytes, flags)?;
                written += 1;
            }
        }
        mem.write_u32(nevents, written)
    })
}
