//! Active time on a task: a stopwatch that runs while the page is visible and the
//! participant is not idle. Pure: every method takes the time (ms since the epoch, from the
//! browser's clock) as an argument, so the state machine is tested natively.
//!
//! States: running; paused because hidden; paused because idle (no input for the
//! threshold). Hidden wins over idle. Idle time counts up to the moment the threshold is
//! reached (the participant may have been reading), not beyond it.

use replica_record::PauseReason;

/// What a call changed, to be recorded as a `pause` or `resume` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Paused(PauseReason),
    Resumed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timer {
    /// Active milliseconds counted before `since`.
    banked: u64,
    /// When the current running stretch started; `None` while paused.
    since: Option<f64>,
    /// Why it is paused, when it is.
    paused: Option<PauseReason>,
    /// The last pointer or keyboard input.
    last_input: f64,
    idle_ms: u64,
}

/// Milliseconds from `from` to `to`, never negative (the wall clock can be set back).
fn elapsed(from: f64, to: f64) -> u64 {
    if to > from { (to - from) as u64 } else { 0 }
}

impl Timer {
    /// A timer that has counted `active_ms` already and runs from `now` (the page is
    /// visible and the participant just acted: they opened or resumed the task).
    pub fn start(active_ms: u64, idle_seconds: u32, now: f64) -> Timer {
        Timer {
            banked: active_ms,
            since: Some(now),
            paused: None,
            last_input: now,
            idle_ms: u64::from(idle_seconds) * 1000,
        }
    }

    /// Active milliseconds so far.
    pub fn active_ms(&self, now: f64) -> u64 {
        self.banked + self.since.map_or(0, |since| elapsed(since, now))
    }

    pub fn paused(&self) -> Option<PauseReason> {
        self.paused
    }

    fn pause(&mut self, reason: PauseReason, at: f64) -> Option<Change> {
        if let Some(since) = self.since.take() {
            self.banked += elapsed(since, at);
        }
        let changed = self.paused.is_none();
        self.paused = Some(reason);
        changed.then_some(Change::Paused(reason))
    }

    fn resume(&mut self, now: f64) -> Option<Change> {
        self.last_input = now;
        if self.paused.take().is_some() {
            self.since = Some(now);
            Some(Change::Resumed)
        } else {
            None
        }
    }

    /// Pointer or keyboard input at `now`: resumes an idle timer. When no tick noticed
    /// that the threshold had passed (a throttled background timer), the idle pause is
    /// reported first, so the idle stretch never counts: the result is then
    /// `[Paused(Idle), Resumed]`.
    pub fn input(&mut self, now: f64) -> Vec<Change> {
        match self.paused {
            Some(PauseReason::Hidden) => Vec::new(),
            Some(PauseReason::Idle) => self.resume(now).into_iter().collect(),
            None => {
                let mut changes: Vec<Change> = self.tick(now).into_iter().collect();
                changes.extend(self.resume(now));
                changes
            }
        }
    }

    /// The page became hidden or visible at `now`.
    pub fn visibility(&mut self, hidden: bool, now: f64) -> Option<Change> {
        match (hidden, self.paused) {
            (true, Some(PauseReason::Hidden)) => None,
            (true, Some(PauseReason::Idle)) => {
                // Already not counting; remember the stronger reason, record nothing.
                self.paused = Some(PauseReason::Hidden);
                None
            }
            (true, None) => self.pause(PauseReason::Hidden, now),
            // Coming back counts as activity.
            (false, Some(_)) => self.resume(now),
            (false, None) => None,
        }
    }

    /// Called periodically: pauses once the participant has been idle for the threshold.
    pub fn tick(&mut self, now: f64) -> Option<Change> {
        let idle_at = self.last_input + self.idle_ms as f64;
        if self.paused.is_none() && now >= idle_at {
            self.pause(
                PauseReason::Idle,
                idle_at.max(self.since.unwrap_or(idle_at)),
            )
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: f64 = 1000.0;

    #[test]
    fn counts_while_running() {
        let t = Timer::start(500, 60, 10.0 * S);
        assert_eq!(t.active_ms(10.0 * S), 500);
        assert_eq!(t.active_ms(12.5 * S), 3000);
        assert_eq!(t.paused(), None);
    }

    #[test]
    fn hidden_pauses_and_visible_resumes() {
        let mut t = Timer::start(0, 60, 0.0);
        assert_eq!(
            t.visibility(true, 5.0 * S),
            Some(Change::Paused(PauseReason::Hidden))
        );
        assert_eq!(t.visibility(true, 6.0 * S), None, "no second pause");
        assert_eq!(t.active_ms(100.0 * S), 5000, "hidden time does not count");
        assert_eq!(t.input(101.0 * S), [], "input while hidden changes nothing");
        assert_eq!(t.visibility(false, 100.0 * S), Some(Change::Resumed));
        assert_eq!(t.active_ms(103.0 * S), 8000);
        assert_eq!(t.visibility(false, 104.0 * S), None);
    }

    #[test]
    fn idle_pauses_at_the_threshold_and_input_resumes() {
        let mut t = Timer::start(0, 60, 0.0);
        assert_eq!(t.input(10.0 * S), []);
        assert_eq!(t.tick(69.0 * S), None);
        assert_eq!(t.tick(75.0 * S), Some(Change::Paused(PauseReason::Idle)));
        assert_eq!(t.tick(80.0 * S), None, "paused once");
        // Counted up to the last input plus the threshold: 70 s.
        assert_eq!(t.active_ms(200.0 * S), 70_000);
        assert_eq!(t.input(200.0 * S), [Change::Resumed]);
        assert_eq!(t.active_ms(201.0 * S), 71_000);
    }

    #[test]
    fn input_after_an_unnoticed_idle_stretch_does_not_count_it() {
        let mut t = Timer::start(0, 60, 0.0);
        // No tick ran for 500 s (a throttled background timer), then input arrives.
        assert_eq!(
            t.input(500.0 * S),
            [Change::Paused(PauseReason::Idle), Change::Resumed]
        );
        assert_eq!(t.paused(), None);
        assert_eq!(t.active_ms(501.0 * S), 61_000);
    }

    #[test]
    fn hidden_while_idle_then_visible() {
        let mut t = Timer::start(0, 60, 0.0);
        assert!(t.tick(61.0 * S).is_some());
        assert_eq!(t.visibility(true, 70.0 * S), None);
        assert_eq!(t.paused(), Some(PauseReason::Hidden));
        assert_eq!(t.input(80.0 * S), [], "input cannot arrive while hidden");
        assert_eq!(t.visibility(false, 90.0 * S), Some(Change::Resumed));
        assert_eq!(t.active_ms(91.0 * S), 61_000);
    }

    #[test]
    fn a_clock_set_back_never_counts_negative_time() {
        let mut t = Timer::start(1000, 60, 50.0 * S);
        assert_eq!(t.active_ms(40.0 * S), 1000);
        assert!(t.visibility(true, 30.0 * S).is_some());
        assert_eq!(t.active_ms(0.0), 1000);
    }
}
