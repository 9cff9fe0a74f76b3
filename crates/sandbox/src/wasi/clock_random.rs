//! `clock_*` and `random_get`: a virtual clock and a seeded PRNG, never the host's.

use super::{Ctx, Stop};
use super::{u32_of, with_memory};
use crate::errno::{INVAL, WasiResult};
use crate::fs::EPOCH_NS;

/// How far the virtual clock moves on every read: 1 µs. Programs that spin until some time
/// has passed still finish, and two reads never return the same instant.
pub(crate) const CLOCK_STEP_NS: u64 = 1_000;

pub(crate) const CLOCK_REALTIME: u32 = 0;
pub(crate) const CLOCK_MONOTONIC: u32 = 1;
pub(crate) const CLOCK_PROCESS_CPUTIME: u32 = 2;
pub(crate) const CLOCK_THREAD_CPUTIME: u32 = 3;

/// The virtual clock: nanoseconds elapsed since the run started. Realtime is
/// 2000-01-01T00:00:00Z plus that; monotonic and CPU time are that alone.
#[derive(Debug)]
pub(crate) struct Clock {
    elapsed: u64,
}

impl Clock {
    pub(crate) fn new() -> Clock {
        Clock { elapsed: 0 }
    }

    /// The value of clock `id` at `elapsed`, or `EINVAL` for an unknown clock.
    fn value_at(id: u32, elapsed: u64) -> WasiResult<u64> {
        match id {
            CLOCK_REALTIME => Ok(EPOCH_NS.saturating_add(elapsed)),
            CLOCK_MONOTONIC | CLOCK_PROCESS_CPUTIME | CLOCK_THREAD_CPUTIME => Ok(elapsed),
            _ => Err(INVAL),
        }
    }

    /// Reads clock `id` and advances time by one step.
    pub(crate) fn read(&mut self, id: u32) -> WasiResult<u64> {
        let value = Clock::value_at(id, self.elapsed)?;
        self.elapsed = self.elapsed.saturating_add(CLOCK_STEP_NS);
        Ok(value)
    }

    /// Reads clock `id` without advancing it.
    pub(crate) fn peek(&self, id: u32) -> WasiResult<u64> {
        Clock::value_at(id, self.elapsed)
    }

    /// The elapsed time at which a `poll_oneoff` clock subscription fires: `timeout` after
    /// `start` if relative, or when clock `id` shows `timeout` if absolute.
    pub(crate) fn deadline(
        &self,
        id: u32,
        timeout: u64,
        absolute: bool,
        start: u64,
    ) -> WasiResult<u64> {
        let offset = match id {
            CLOCK_REALTIME => EPOCH_NS,
            CLOCK_MONOTONIC | CLOCK_PROCESS_CPUTIME | CLOCK_THREAD_CPUTIME => 0,
            _ => return Err(INVAL),
        };
        Ok(if absolute {
            timeout.saturating_sub(offset)
        } else {
            start.saturating_add(timeout)
        })
    }

    pub(crate) fn elapsed(&self) -> u64 {
        self.elapsed
    }

    /// Jumps forward to `elapsed` (sleeping costs no real time).
    pub(crate) fn advance_to(&mut self, elapsed: u64) {
        self.elapsed = self.elapsed.max(elapsed);
    }
}

/// xoshiro256** seeded through splitmix64: small, fast, and the same on every platform.
#[derive(Debug)]
pub(crate) struct Rng {
    state: [u64; 4],
}

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        let mut splitmix = seed;
        let mut next = || {
            splitmix = splitmix.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = splitmix;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        Rng {
            state: [next(), next(), next(), next()],
        }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    pub(crate) fn fill(&mut self, out: &mut [u8]) {
        for chunk in out.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

pub(crate) fn clock_res_get(caller: &mut dyn Ctx, id: i32, resolution: i32) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        host.clock.peek(u32_of(id))?;
        mem.write_u64(u32_of(resolution), CLOCK_STEP_NS)
    })
}

pub(crate) fn clock_time_get(
    caller: &mut dyn Ctx,
    id: i32,
    _precision: i64,
    time: i32,
) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        mem.check(u32_of(time), 8)?;
        let now = host.clock.read(u32_of(id))?;
        mem.write_u64(u32_of(time), now)
    })
}

pub(crate) fn random_get(caller: &mut dyn Ctx, buf: i32, len: i32) -> Result<i32, Stop> {
    with_memory(caller, |mem, host| {
        mem.fill_with(u32_of(buf), u32_of(len), |out| host.rng.fill(out))?;
        host.charge_bytes(u64::from(u32_of(len)));
        Ok(())
    })
}
