//! The candidate's fuel limit on each case: a deterministic function of the reference's
//! fuel on that case, as judges set time limits from a model solution's time.
//!
//! ```text
//! limit = min(factor × ceiling, k × factor × reference_fuel + floor) + startup_fuel
//! ```
//!
//! - `reference_fuel` is what the task's reference used on the case (its report's
//!   `fuel.reference`);
//! - `k` ([`K`]) lets a correct candidate be several times less efficient than the
//!   reference, and `floor` ([`FLOOR`]) covers what does not scale with the case: a
//!   language's start-up, and references so quick that `k` times their fuel is nothing;
//! - `ceiling` is the task's fuel budget (`[budget] fuel`, 1,000,000,000 by default),
//!   the same absolute budget `replica run` and `replica exec` give every run;
//! - a [`RuntimeAllowance`] comes with submissions that run inside a language runtime
//!   (an interpreter compiled to wasm): `factor` multiplies `k` and the ceiling for its
//!   slowdown (the task's budget is what compiled code may spend; the same work in an
//!   interpreter costs `factor` times more), and `startup_fuel` is added to every case's
//!   limit for the runtime's own start-up. A plain `.wasm` has factor 1 and no start-up
//!   allowance. Without the factor on the ceiling, no JavaScript program could pass the
//!   largest cases of `base32` and `basenc`: their correct example needs 480 times the
//!   reference's fuel there, over a billion, and the budget is a billion.
//!
//! The arithmetic is on integers and saturates, so the limit is the same natively and in
//! the browser. An endless loop then costs each case `floor` plus `k` times the
//! reference's fuel instead of the whole budget.

use serde::{Deserialize, Serialize};

/// How many times the reference's fuel a candidate may use on a case, before the floor.
///
/// Measured on the tasks' examples (Rust and C, correct or with bugs; every visible case
/// and the hidden cases of seeds 1, 2, 3, 7, 42 and 20261122): on the cases they pass,
/// `wc`'s and `sha256sum`'s use at most 2.8 and 4.3 times the reference's fuel, and
/// `base64`'s correct example, the slowest, about 2.6 million plus 5 times the
/// reference's (11.3 times on a mid-sized case, 6.8 on the largest). 20 leaves that
/// example a margin of four on large inputs, and of almost two with no floor at all;
/// `crates/cli/tests/examples.rs` checks that every passing case of every example stays
/// within half of its limit, so a new task's examples are held to the same margin.
pub const K: u64 = 20;

/// Fuel every case's limit has on top of `k` times the reference's, whatever the
/// reference used: 10 million. A tiny case of a Rust or C command costs 16,000 to 100,000
/// with its start-up, and the largest fixed cost measured in an example is base64's 2.6
/// million, so it leaves a margin of about four for work that does not grow with the
/// input (a bigger runtime's start-up, a table built at start). Ten million fuel is a few
/// milliseconds of compiled code.
pub const FLOOR: u64 = 10_000_000;

/// The fuel policy a grade runs under, written in the report's header: `k`, `floor` and
/// the `ceiling` (the task's fuel budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuelPolicy {
    /// Multiplies the reference's fuel.
    pub k: u64,
    /// Added to `k` times the reference's fuel.
    pub floor: u64,
    /// No limit (before a runtime's start-up allowance) exceeds it: the task's fuel budget.
    pub ceiling: u64,
}

impl FuelPolicy {
    /// The policy for a task whose fuel budget is `ceiling`: [`K`] and [`FLOOR`].
    pub fn for_ceiling(ceiling: u64) -> FuelPolicy {
        FuelPolicy {
            k: K,
            floor: FLOOR,
            ceiling,
        }
    }
}

/// What a language runtime adds to every case's limit. A submission that runs inside a
/// runtime (CPython or QuickJS compiled to wasm, say) pays for the runtime's start-up on
/// every case and runs its program more slowly than compiled code would; the grader that
/// knows the runtime says by how much. A plain `.wasm` submission has
/// [`RuntimeAllowance::NONE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeAllowance {
    /// Fuel added to every case's limit, after the ceiling: the runtime's own start-up.
    pub startup_fuel: u64,
    /// Multiplies `k`: how many times more fuel the runtime needs than compiled code for
    /// the same work. 0 counts as 1.
    pub factor: u32,
}

impl RuntimeAllowance {
    /// No runtime: a plain `.wasm` submission.
    pub const NONE: RuntimeAllowance = RuntimeAllowance {
        startup_fuel: 0,
        factor: 1,
    };
}

impl Default for RuntimeAllowance {
    fn default() -> RuntimeAllowance {
        RuntimeAllowance::NONE
    }
}

/// The candidate's fuel limit on a case where the reference used `reference_fuel`:
/// `min(factor × ceiling, k × factor × reference_fuel + floor) + startup_fuel`, saturating.
pub fn candidate_fuel(
    policy: &FuelPolicy,
    allowance: &RuntimeAllowance,
    reference_fuel: u64,
) -> u64 {
    let factor = u64::from(allowance.factor.max(1));
    reference_fuel
        .saturating_mul(policy.k.saturating_mul(factor))
        .saturating_add(policy.floor)
        .min(policy.ceiling.saturating_mul(factor))
        .saturating_add(allowance.startup_fuel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(policy: (u64, u64, u64), allowance: (u64, u32), reference: u64, limit: u64) {
        let (k, floor, ceiling) = policy;
        let (startup_fuel, factor) = allowance;
        let got = candidate_fuel(
            &FuelPolicy { k, floor, ceiling },
            &RuntimeAllowance {
                startup_fuel,
                factor,
            },
            reference,
        );
        assert_eq!(
            got, limit,
            "k {k}, floor {floor}, ceiling {ceiling}, start-up {startup_fuel}, factor {factor}, reference {reference}"
        );
    }

    #[test]
    fn k_times_the_reference_plus_the_floor() {
        check((10, 1_000, 1_000_000), (0, 1), 0, 1_000);
        check((10, 1_000, 1_000_000), (0, 1), 1, 1_010);
        check((10, 1_000, 1_000_000), (0, 1), 50_000, 501_000);
    }

    #[test]
    fn the_ceiling_caps_it() {
        check((10, 1_000, 1_000_000), (0, 1), 99_900, 1_000_000);
        check((10, 1_000, 1_000_000), (0, 1), 99_899, 999_990);
        check((10, 1_000, 1_000_000), (0, 1), 1_000_000, 1_000_000);
        // A floor above the ceiling still stops at it.
        check((10, 5_000, 1_000), (0, 1), 0, 1_000);
    }

    #[test]
    fn a_runtime_multiplies_k_and_the_ceiling_and_adds_its_start_up_after_it() {
        check((10, 1_000, 1_000_000), (300, 1), 50, 1_800);
        check((10, 1_000, 1_000_000), (0, 3), 50, 2_500);
        check((10, 1_000, 1_000_000), (300, 3), 50, 2_800);
        check((10, 1_000, 1_000_000), (300, 3), 99_000, 2_971_300);
        check((10, 1_000, 1_000_000), (300, 3), 1_000_000, 3_000_300);
        // Factor 0 is factor 1.
        check((10, 1_000, 1_000_000), (0, 0), 50, 1_500);
    }

    #[test]
    fn it_saturates_instead_of_overflowing() {
        check((10, 1_000, u64::MAX), (0, 1), u64::MAX / 2, u64::MAX);
        check((10, 1_000, u64::MAX / 2), (0, 3), 1, 1_030);
        check((10, 1_000, u64::MAX / 2), (0, 3), u64::MAX / 4, u64::MAX);
        check((u64::MAX, 1_000, u64::MAX), (0, u32::MAX), 2, u64::MAX);
        check((10, 1_000, u64::MAX), (u64::MAX, 1), 0, u64::MAX);
    }

    #[test]
    fn the_default_policy_and_allowance() {
        let policy = FuelPolicy::for_ceiling(1_000_000_000);
        assert_eq!((policy.k, policy.floor), (K, FLOOR));
        assert_eq!(RuntimeAllowance::default(), RuntimeAllowance::NONE);
        assert_eq!(
            candidate_fuel(&policy, &RuntimeAllowance::NONE, 16_000),
            FLOOR + 320_000
        );
        // A reference near the ceiling leaves the candidate the task's whole budget.
        assert_eq!(
            candidate_fuel(&policy, &RuntimeAllowance::NONE, 100_000_000),
            1_000_000_000
        );
    }
}
