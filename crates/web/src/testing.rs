//! Test support shared by the crate's unit tests: small synthetic reports.

use replica_judge::{
    CaseReport, Fuel, InputSummary, Preview, Report, SubmissionRef, TaskRef, Verdict,
};

/// A report of `task` for the module `submission` (its digest) with `total` cases, the
/// first `accepted` of them AC and the rest WA; the last `hidden` cases are hidden ones.
pub(crate) fn report(
    task: &str,
    submission: &str,
    accepted: u32,
    total: u32,
    hidden: u32,
) -> Report {
    let case = |i: u32| CaseReport {
        name: format!("case {i}"),
        hidden: i >= total - hidden,
        verdict: if i < accepted {
            Verdict::AC
        } else {
            Verdict::WA
        },
        channels: Vec::new(),
        ending: Some("exit 0".into()),
        fuel: Fuel {
            reference: 1,
            candidate: Some(1),
            limit: Some(10_000_010),
        },
        input: InputSummary {
            args: Vec::new(),
            stdin: Preview {
                bytes: 0,
                text: Some(String::new()),
                base64: None,
                truncated: false,
            },
            env: Vec::new(),
            files: Vec::new(),
        },
        diff: None,
    };
    Report {
        schema: replica_judge::SCHEMA.into(),
        task: TaskRef {
            id: task.into(),
            digest: "sha256:aa".into(),
        },
        submission: SubmissionRef {
            digest: submission.into(),
            bytes: 3,
            language: None,
            runtime: None,
        },
        engine: "wasmi".into(),
        replica: "0.1.0".into(),
        seed: 7,
        hidden,
        fuel_limit: None,
        reward: f64::from(accepted) / f64::from(total),
        solved: accepted == total,
        accepted,
        total,
        compile_error: None,
        cases: (0..total).map(case).collect(),
    }
}
