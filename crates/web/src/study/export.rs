//! The participant's export: every record as JSONL (`replica.record/1`), in `seq` order,
//! optionally with each submission's module (`wasm_base64`) so the grade can be re-run.

use std::collections::BTreeMap;
use std::rc::Rc;

use base64::Engine as _;
use replica_record::{Event, Record};

/// The JSONL text: one record per line, each line ending in `\n`. With `include_wasm`,
/// a submission whose module is in `modules` carries it as `wasm_base64`.
pub fn jsonl(
    records: &[Record],
    modules: &BTreeMap<String, Rc<Vec<u8>>>,
    include_wasm: bool,
) -> String {
    let mut out = String::new();
    for record in records {
        let line = match &record.event {
            Event::Submission(s) if include_wasm => {
                let mut record = record.clone();
                if let (Event::Submission(s2), Some(bytes)) =
                    (&mut record.event, modules.get(&s.submission.digest))
                {
                    s2.wasm_base64 =
                        Some(base64::engine::general_purpose::STANDARD.encode(&***bytes));
                }
                record.to_line()
            }
            _ => record.to_line(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The download's file name: `replica-study-<study>-<participant>.jsonl`.
pub fn file_name(study: &str, participant: &str) -> String {
    format!("replica-study-{study}-{participant}.jsonl")
}
