//! Messages between the page and the grading worker.
//!
//! A message is a JSON header plus byte blobs, posted as the JS array
//! `[header, Uint8Array, ...]`: modules and outputs travel as typed arrays instead of JSON
//! arrays of numbers, which would be slow and large. Every request carries the task's
//! files, so a freshly spawned worker (after Cancel) needs no other state.

use replica_judge::RuntimeRef;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// A header and the blobs it refers to by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope<T> {
    pub header: T,
    pub blobs: Vec<Vec<u8>>,
}

/// The text files of a task; its modules travel as the first two blobs
/// (`reference.wasm`, `generator.wasm`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskText {
    pub id: String,
    pub task_toml: String,
    pub spec: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Run the reference on custom input. Blobs: reference, generator, stdin, then the
    /// contents of `files` in order.
    Run {
        job: u32,
        task: TaskText,
        args: Vec<String>,
        files: Vec<String>,
        /// Environment variables, in the order the program sees them (the page sends
        /// none; the WASI test suite's browser run does).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        env: Vec<(String, String)>,
    },
    /// Grade a submission. Blobs: reference, generator, submission (what `program` says).
    Grade {
        job: u32,
        task: TaskText,
        seed: u64,
        /// Hidden cases to draw; `None` uses the task's `hidden`. A study fixes it, and
        /// re-running a shared report sets the report's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hidden: Option<u32>,
        #[serde(default, skip_serializing_if = "Program::is_wasm")]
        program: Program,
    },
    /// Run the reference and a program on the same custom input, and compare them as a
    /// case would be. Blobs: reference, generator, stdin, the contents of `files` in
    /// order, then the program (what `program` says).
    Try {
        job: u32,
        task: TaskText,
        args: Vec<String>,
        files: Vec<String>,
        program: Program,
    },
}

impl Request {
    /// The job this request starts.
    pub fn job(&self) -> u32 {
        match self {
            Request::Run { job, .. } | Request::Grade { job, .. } | Request::Try { job, .. } => {
                *job
            }
        }
    }

    /// The program the request runs, if it is not the reference's run.
    pub fn program(&self) -> Option<&Program> {
        match self {
            Request::Run { .. } => None,
            Request::Grade { program, .. } | Request::Try { program, .. } => Some(program),
        }
    }
}

/// What a request's program blob holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Program {
    /// A WASI command module.
    #[default]
    Wasm,
    /// Source code that the language's runtime runs (`python`, `javascript`); the worker
    /// loads the runtime named in `runtimes/runtimes.json` on first use.
    Source { language: String },
    /// A module compiled from source in the page (C, by clang compiled to wasm).
    Compiled {
        language: String,
        compiler: RuntimeRef,
    },
    /// Source that did not compile: the blob is the source, graded CE on every case with
    /// `message` (the compiler's), as the CLI grades it.
    CompileError {
        language: String,
        compiler: RuntimeRef,
        message: String,
    },
}

impl Program {
    pub fn is_wasm(&self) -> bool {
        *self == Program::Wasm
    }

    /// The language whose runtime runs this program, if one does.
    pub fn runtime_language(&self) -> Option<&str> {
        match self {
            Program::Source { language } => Some(language),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Reference,
    Candidate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker has loaded and listens; requests posted before this are queued by the page.
    Ready,
    /// `done` of `total` runs of `phase` finished. While a long run is under way the
    /// worker also posts its fuel after every slice: `fuel` is (used so far, budget).
    Progress {
        job: u32,
        phase: Phase,
        done: usize,
        total: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fuel: Option<(u64, u64)>,
    },
    /// The reference ran. Blobs: stdout, stderr, then the contents of `files`.
    Ran {
        job: u32,
        ending: String,
        exit_code: Option<i32>,
        fuel: u64,
        /// Files the run created or changed, sorted by path.
        files: Vec<String>,
    },
    /// Graded: `report` is exactly `serde_json::to_string(&report)`. `runs` says which
    /// engine the worker's runs for it went to (never part of the report, which is the
    /// same either way).
    Graded {
        job: u32,
        report: String,
        #[serde(default)]
        runs: Runs,
    },
    /// The reference and the program ran on the same input ([`Request::Try`]). Blobs:
    /// the reference's stdout, stderr and `reference.files`, then the program's stdout,
    /// stderr and `program.files`; outputs past [`TRY_SHOWN_BYTES`] are cut (the
    /// comparison used all of them).
    Tried {
        job: u32,
        reference: RunInfo,
        program: RunInfo,
        /// The program's verdict had this been a case (`AC`, `WA`, `TLE`, ...); `None`
        /// when it did not run.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        verdict: Option<String>,
        /// The compared channels that differ (`stdout`, `exit_code`, ...), as a report
        /// names them.
        channels: Vec<String>,
        /// Their diff: a report's `CaseDiff` as JSON, or `None` when they agree.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        diff: Option<String>,
        /// The program's compile error instead of a run (C that did not compile).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        compile_error: Option<String>,
    },
    /// The worker is loading a language runtime for the job: `done` of `total` bytes,
    /// from the browser's cache when `cached`.
    Loading {
        job: u32,
        /// What loads, for people: `CPython 3.12.0`.
        what: String,
        done: u64,
        total: u64,
        cached: bool,
    },
    /// The task itself is broken (generator or reference failed, task.toml invalid), or
    /// the job could not start (a runtime that did not load).
    Failed { job: u32, error: String },
}

/// Output bytes of a [`Reply::Tried`] run shown in the page: a flood of output is cut
/// here rather than carried into the page whole.
pub const TRY_SHOWN_BYTES: usize = 256 << 10;

/// One run of a [`Reply::Tried`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunInfo {
    /// As reports write it: `exit 0`, `fuel exhausted after N`, `output limit`, ...
    pub ending: String,
    pub exit_code: Option<i32>,
    pub fuel: u64,
    /// Files the run created or changed, sorted by path.
    pub files: Vec<String>,
    /// Sizes of stdout and stderr before [`TRY_SHOWN_BYTES`] cut them.
    pub stdout_bytes: u64,
    pub stderr_bytes: u64,
}

/// How many of a job's runs the browser's own engine reported, and how many wasmi did
/// (traps, deep recursion and modules the browser's engine cannot take go to wasmi).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Runs {
    pub browser: u64,
    pub wasmi: u64,
}

impl Reply {
    /// The job this reply belongs to (`None` for [`Reply::Ready`]).
    pub fn job(&self) -> Option<u32> {
        match self {
            Reply::Ready => None,
            Reply::Progress { job, .. }
            | Reply::Ran { job, .. }
            | Reply::Graded { job, .. }
            | Reply::Tried { job, .. }
            | Reply::Loading { job, .. }
            | Reply::Failed { job, .. } => Some(*job),
        }
    }
}

impl<T: Serialize> Envelope<T> {
    /// The JS array to post.
    pub fn to_js(&self) -> JsValue {
        let array = js_sys::Array::new();
        let header = serde_json::to_string(&self.header).expect("messages serialize");
        array.push(&JsValue::from_str(&header));
        for blob in &self.blobs {
            array.push(&js_sys::Uint8Array::from(&blob[..]));
        }
        array.into()
    }
}

impl<T: for<'de> Deserialize<'de>> Envelope<T> {
    /// Reads a posted JS array back.
    ///
    /// # Errors
    /// A message when `value` is not an envelope of `T`.
    pub fn from_js(value: &JsValue) -> Result<Envelope<T>, String> {
        let array: &js_sys::Array = value.dyn_ref().ok_or("message is not an array")?;
        let header = array
            .get(0)
            .as_string()
            .ok_or("message has no JSON header")?;
        let header = serde_json::from_str(&header).map_err(|e| format!("bad message: {e}"))?;
        let blobs = (1..array.length())
            .map(|i| {
                array
                    .get(i)
                    .dyn_into::<js_sys::Uint8Array>()
                    .map(|a| a.to_vec())
                    .map_err(|_| "message blob is not a Uint8Array".to_string())
            })
            .collect::<Result<_, _>>()?;
        Ok(Envelope { header, blobs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip_as_json() {
        let requests = [
            Request::Grade {
                job: 3,
                task: TaskText {
                    id: "wc".into(),
                    task_toml: "id = \"wc\"".into(),
                    spec: "# wc".into(),
                },
                seed: u64::MAX,
                hidden: Some(3),
                program: Program::Wasm,
            },
            Request::Grade {
                job: 5,
                task: TaskText {
                    id: "wc".into(),
                    task_toml: String::new(),
                    spec: String::new(),
                },
                seed: 1,
                hidden: None,
                program: Program::CompileError {
                    language: "c".into(),
                    compiler: RuntimeRef {
                        name: "clang".into(),
                        version: "22".into(),
                        digest: None,
                    },
                    message: "main.c:1: error".into(),
                },
            },
            Request::Try {
                job: 6,
                task: TaskText {
                    id: "wc".into(),
                    task_toml: String::new(),
                    spec: String::new(),
                },
                args: vec![],
                files: vec![],
                program: Program::Source {
                    language: "python".into(),
                },
            },
            Request::Run {
                job: 4,
                task: TaskText {
                    id: "wc".into(),
                    task_toml: String::new(),
                    spec: String::new(),
                },
                args: vec!["-l".into()],
                files: vec!["a.txt".into()],
                env: vec![("LANG".into(), "C".into())],
            },
        ];
        for request in requests {
            let json = serde_json::to_string(&request).unwrap();
            assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
        }
        // A module's grade request reads as before this field existed.
        let old = r#"{"Grade":{"job":1,"task":{"id":"x","task_toml":"","spec":""},"seed":2}}"#;
        let Request::Grade { program, .. } = serde_json::from_str(old).unwrap() else {
            panic!()
        };
        assert_eq!(program, Program::Wasm);
    }

    #[test]
    fn replies_name_their_job() {
        assert_eq!(Reply::Ready.job(), None);
        let graded = Reply::Graded {
            job: 9,
            report: "{}".into(),
            runs: Runs::default(),
        };
        assert_eq!(graded.job(), Some(9));
    }
}
