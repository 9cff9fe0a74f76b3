//! The participant's export: every record as JSONL (`replica.record/1`), in `seq` order,
//! optionally with each submission's module (`wasm_base64`) so the grade can be re-run.

use std::collections::BTreeMap;
use std::rc::Rc;

use base64::Engine as _;

/// The JSONL text: the saved lines, each ending in `\n`. With `include_wasm`, a
/// submission whose module is in `modules` gains a `wasm_base64` field.
pub fn jsonl(
    lines: &[String],
    modules: &BTreeMap<String, Rc<Vec<u8>>>,
    include_wasm: bool,
) -> String {
    let mut out = String::new();
    for line in lines {
        let module = include_wasm
            .then(|| serde_json::from_str::<serde_json::Value>(line).ok())
            .flatten()
            .filter(|v| {
                v["event"] == "submission"
                    && v.get("wasm_base64").is_none()
                    && !runs_on_a_runtime(v)
            })
            .and_then(|v| modules.get(v["submission"]["digest"].as_str()?).cloned());
        match (module, line.strip_suffix('}')) {
            // A line is one JSON object; the field is added before its closing brace.
            (Some(bytes), Some(open)) => {
                out.push_str(open);
                out.push_str(",\"wasm_base64\":\"");
                out.push_str(&base64::engine::general_purpose::STANDARD.encode(&*bytes));
                out.push_str("\"}");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Whether a submission line is a program a language runtime runs (Python, JavaScript):
/// the page keeps its source as its "module" (for the study server's regrade), and the
/// line already carries it as `source`, so it gets no `wasm_base64`.
pub fn runs_on_a_runtime(line: &serde_json::Value) -> bool {
    line["submission"]["language"]
        .as_str()
        .and_then(replica_judge::runtimes::Language::from_name)
        .is_some_and(replica_judge::runtimes::Language::has_runtime)
}

/// The download's file name: `replica-study-<study>-<participant>.jsonl`.
pub fn file_name(study: &str, participant: &str) -> String {
    format!("replica-study-{study}-{participant}.jsonl")
}
