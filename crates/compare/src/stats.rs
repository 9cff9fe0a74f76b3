//! The numbers of the table: one [`Row`] per task and author kind.

use crate::{AuthorData, Dataset, samples_independently};

/// One task and one author kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub task: String,
    pub kind: String,
    /// Authors of this kind who did anything on the task.
    pub authors: usize,
    /// Submissions of all those authors.
    pub submissions: usize,
    /// Authors who solved the task at some attempt.
    pub solved: usize,
    /// The best reward of any submission; `None` without submissions.
    pub best_reward: Option<f64>,
    /// The mean over authors with submissions of each one's best reward.
    pub mean_best_reward: Option<f64>,
    /// The median over solving authors of the attempt number of their first solve.
    pub median_attempts_to_solve: Option<f64>,
    /// The median over solving authors (whose records carry `active_ms`) of the active
    /// minutes at their first solve.
    pub median_minutes_to_solve: Option<f64>,
    /// pass@1 averaged over authors, for kinds whose attempts are independent samples.
    pub pass_at_1: Option<f64>,
    /// pass@k for the largest `k` every author of this kind has (k ≥ 2), averaged.
    pub pass_at_k: Option<(u32, f64)>,
}

/// The median of `values` (the mean of the middle two for an even count); `None` when
/// empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The unbiased estimator of pass@k from `n` samples of which `c` are correct:
/// `1 − C(n−c, k) / C(n, k)` (Chen et al. 2021), computed as a product so that it never
/// overflows. `None` when `k` is 0 or more than `n`.
pub fn pass_at_k(n: u32, c: u32, k: u32) -> Option<f64> {
    if k == 0 || k > n || c > n {
        return None;
    }
    if n - c < k {
        return Some(1.0);
    }
    // C(n−c, k) / C(n, k) = Π_{i = n−c+1}^{n} (1 − k / i).
    let mut fail = 1.0;
    for i in (n - c + 1)..=n {
        fail *= 1.0 - f64::from(k) / f64::from(i);
    }
    Some(1.0 - fail)
}

/// pass@k of every author of a kind, averaged; `None` when some author has fewer than
/// `k` attempts.
pub(crate) fn mean_pass_at_k(authors: &[&AuthorData], k: u32) -> Option<f64> {
    let mut sum = 0.0;
    for author in authors {
        let n = u32::try_from(author.attempts.len()).ok()?;
        let c = u32::try_from(author.attempts.iter().filter(|a| a.solved).count()).ok()?;
        sum += pass_at_k(n, c, k)?;
    }
    (!authors.is_empty()).then(|| sum / authors.len() as f64)
}

/// One row per task and author kind, by task id then kind.
pub fn rows(dataset: &Dataset) -> Vec<Row> {
    let mut rows = Vec::new();
    for task in dataset.tasks.values() {
        for (kind, authors) in &task.kinds {
            let all: Vec<&AuthorData> = authors.values().collect();
            let with: Vec<&AuthorData> = all
                .iter()
                .copied()
                .filter(|a| !a.attempts.is_empty())
                .collect();
            let bests: Vec<f64> = with.iter().filter_map(|a| a.best_reward()).collect();
            let firsts: Vec<_> = all.iter().filter_map(|a| a.first_solve()).collect();
            let attempts: Vec<f64> = firsts.iter().map(|a| f64::from(a.attempt)).collect();
            let minutes: Vec<f64> = firsts
                .iter()
                .filter_map(|a| a.active_ms)
                .map(|ms| ms as f64 / 60_000.0)
                .collect();
            let independent = samples_independently(kind) && !with.is_empty();
            let k_max = with
                .iter()
                .map(|a| u32::try_from(a.attempts.len()).unwrap_or(u32::MAX))
                .min()
                .unwrap_or(0);
            rows.push(Row {
                task: task.id.clone(),
                kind: kind.clone(),
                authors: all.len(),
                submissions: all.iter().map(|a| a.attempts.len()).sum(),
                solved: firsts.len(),
                best_reward: bests.iter().copied().reduce(f64::max),
                mean_best_reward: (!bests.is_empty())
                    .then(|| bests.iter().sum::<f64>() / bests.len() as f64),
                median_attempts_to_solve: median(&attempts),
                median_minutes_to_solve: median(&minutes),
                pass_at_1: if independent {
                    mean_pass_at_k(&with, 1)
                } else {
                    None
                },
                pass_at_k: if independent && k_max >= 2 {
                    mean_pass_at_k(&with, k_max).map(|p| (k_max, p))
                } else {
                    None
                },
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_at_k_matches_the_binomial_formula() {
        fn binomial(n: u32, k: u32) -> f64 {
            (0..k).fold(1.0, |acc, i| acc * f64::from(n - i) / f64::from(i + 1))
        }
        for n in 1..=12 {
            for c in 0..=n {
                for k in 1..=n {
                    let direct = if n - c < k {
                        1.0
                    } else {
                        1.0 - binomial(n - c, k) / binomial(n, k)
                    };
                    let got = pass_at_k(n, c, k).unwrap();
                    assert!((got - direct).abs() < 1e-12, "n={n} c={c} k={k}");
                }
            }
        }
        assert_eq!(pass_at_k(5, 0, 3), Some(0.0));
        assert_eq!(pass_at_k(5, 5, 1), Some(1.0));
        assert_eq!(pass_at_k(4, 1, 1), Some(0.25));
        assert_eq!(pass_at_k(3, 1, 0), None);
        assert_eq!(pass_at_k(3, 1, 4), None);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 10.0]), Some(3.0));
    }
}
