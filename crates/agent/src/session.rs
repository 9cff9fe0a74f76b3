//! The six agent tools over one [`Workspace`], with the state an episode needs: loaded
//! tasks, prepared cases (visible, and hidden under the secret seed), attempt numbers and
//! the episode log.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine as _;
use replica_judge::sandbox::{Engine, Input, Module, Node, Outcome, Tree};
use replica_judge::task::{Content, Task};
use replica_judge::{
    GradeOptions, InputSummary, Prepared, Preview, Report, TaskBundle, Verdict, describe_ending,
    prepare,
};
use replica_record::{Event, Submission, ToolCall};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{BuildError, Built, Candidate, CandidateArgs, Episode};

/// Bytes of input (stdin plus files) one `run_reference` or `run_candidate` call may give
/// the program. A program's input lives in the sandbox's memory, and an agent that sends
/// more is almost always confused; 16 MiB is far above any task's cases and well under
/// the default `fs_bytes` budget.
pub const MAX_INPUT_BYTES: usize = 16 << 20;

/// Bytes of each output stream shown in a run's answer. A program may print up to its
/// output budget (16 MiB); an agent reads the head, and the full length is always given.
pub const OUTPUT_PREVIEW_BYTES: usize = 64 << 10;

/// Where tasks come from and how candidates are built: the CLI's tasks folder and the
/// host's compilers, or anything else that hands over the same bytes.
pub trait Workspace: Send + Sync {
    /// Task ids, sorted.
    ///
    /// # Errors
    /// When the catalogue cannot be read.
    fn task_ids(&self) -> anyhow::Result<Vec<String>>;

    /// The parsed `task.toml` of task `id`, without building its modules.
    ///
    /// # Errors
    /// When there is no such task or its file is broken.
    fn task(&self, id: &str) -> anyhow::Result<Task>;

    /// Task `id` with its spec and modules.
    ///
    /// # Errors
    /// When there is no such task, or it cannot be read or built.
    fn load(&self, id: &str) -> anyhow::Result<TaskBundle>;

    /// What `candidate` stands for: a module, or a program and the runtime that runs it.
    ///
    /// # Errors
    /// [`BuildError::Compile`] with the compiler's messages when the source does not
    /// compile (or [`Built::CompileError`], which also names the source in the report);
    /// [`BuildError::Unavailable`] when it cannot even be tried.
    fn build(&self, candidate: &Candidate) -> Result<Built, BuildError>;
}

/// How a session grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionOptions {
    /// The seed of `submit`'s hidden cases, never shown to the agent; it is in every
    /// submission record.
    pub seed: u64,
    /// Hidden cases per submission; `None` uses each task's own count.
    pub hidden: Option<u32>,
    /// The engine every guest runs on (reports are identical on all).
    pub engine: Engine,
}

/// Why a tool call failed. A candidate that misbehaves is never one of these: it gets a
/// verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolError {
    /// The arguments are missing, malformed or contradictory.
    BadArguments(String),
    /// No such tool.
    UnknownTool(String),
    /// No such task.
    UnknownTask(String),
    /// The call is understood but refused (a copy of the reference), or cannot be served
    /// here (a language this machine cannot build).
    Refused(String),
    /// The candidate module does not load, for `run_candidate` (graded calls give CE).
    Load(String),
    /// Replica or the task is at fault: a broken task, an unwritable log.
    Harness(String),
}

impl ToolError {
    /// A short name for the kind, as the Python package's exceptions and logs use it.
    pub fn kind(&self) -> &'static str {
        match self {
            ToolError::BadArguments(_) => "bad_arguments",
            ToolError::UnknownTool(_) => "unknown_tool",
            ToolError::UnknownTask(_) => "unknown_task",
            ToolError::Refused(_) => "refused",
            ToolError::Load(_) => "load",
            ToolError::Harness(_) => "harness",
        }
    }

    fn message(&self) -> &str {
        match self {
            ToolError::BadArguments(m)
            | ToolError::UnknownTool(m)
            | ToolError::UnknownTask(m)
            | ToolError::Refused(m)
            | ToolError::Load(m)
            | ToolError::Harness(m) => m,
        }
    }
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ToolError {}

/// `read_spec`'s arguments, and `list_tasks`' (which takes none).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskArgs {
    /// The task id, as `list_tasks` names it (e.g. `wc`).
    pub task: String,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

/// The input of one run: what `run_reference` takes, and `run_candidate` with a candidate.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunArgs {
    /// The task id (e.g. `wc`).
    pub task: String,
    /// Command-line arguments after the program name (`argv[1..]`).
    #[serde(default)]
    pub args: Vec<String>,
    /// Standard input, as text.
    #[serde(default)]
    pub stdin: Option<String>,
    /// Standard input, base64-encoded, for bytes that are not UTF-8 (instead of `stdin`).
    #[serde(default)]
    pub stdin_base64: Option<String>,
    /// Files placed in the program's tree (preopened as `/`, also the working directory):
    /// relative path to text contents.
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// Files as base64 contents, for binary files.
    #[serde(default)]
    pub files_base64: BTreeMap<String, String>,
    /// Environment variables.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// For `run_candidate`: the program as source text, in `language`.
    #[serde(default)]
    pub source: Option<String>,
    /// For `run_candidate`: the language of `source` (`c`, `rust`, `python`, `javascript`).
    #[serde(default)]
    pub language: Option<String>,
    /// For `run_candidate`: the program as a WASI command module, base64-encoded.
    #[serde(default)]
    pub wasm_base64: Option<String>,
    /// For `run_candidate`: a `.wasm`, `.c`, source file or crate folder on the server's
    /// machine.
    #[serde(default)]
    pub path: Option<String>,
}

impl RunArgs {
    fn candidate_args(&self) -> CandidateArgs {
        CandidateArgs {
            source: self.source.clone(),
            language: self.language.clone(),
            wasm_base64: self.wasm_base64.clone(),
            path: self.path.clone(),
        }
    }

    fn names_a_candidate(&self) -> bool {
        self.source.is_some()
            || self.language.is_some()
            || self.wasm_base64.is_some()
            || self.path.is_some()
    }
}

/// `evaluate_testcases`' and `submit`'s arguments: a task and a candidate.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitArgs {
    /// The task id (e.g. `wc`).
    pub task: String,
    /// The program as source text, in `language`.
    #[serde(default)]
    pub source: Option<String>,
    /// The language of `source`: `c`, `rust`, `python` or `javascript`.
    #[serde(default)]
    pub language: Option<String>,
    /// The program as a WASI preview1 command module, base64-encoded.
    #[serde(default)]
    pub wasm_base64: Option<String>,
    /// A `.wasm`, `.c`, source file or crate folder on the server's machine.
    #[serde(default)]
    pub path: Option<String>,
}

impl SubmitArgs {
    fn candidate_args(&self) -> CandidateArgs {
        CandidateArgs {
            source: self.source.clone(),
            language: self.language.clone(),
            wasm_base64: self.wasm_base64.clone(),
            path: self.path.clone(),
        }
    }
}

/// One tool: its name, what it is for, and the JSON Schema of its arguments.
#[derive(Debug, Clone)]
pub struct ToolInfo {
    pub name: &'static str,
    pub description: &'static str,
    pub schema: Value,
}

/// A task with its prepared cases, made once per session.
struct Loaded {
    bundle: TaskBundle,
    /// The visible cases only (seed 0): `evaluate_testcases`.
    visible: OnceLock<Result<Arc<Prepared>, String>>,
    /// Visible and hidden cases under the secret seed: `submit`.
    hidden: OnceLock<Result<Arc<Prepared>, String>>,
}

/// The agent tools and an episode's state. Every method takes `&self`: calls may come
/// from several threads, and grading runs outside any lock.
pub struct Session {
    workspace: Box<dyn Workspace>,
    options: SessionOptions,
    tasks: Mutex<BTreeMap<String, Arc<Loaded>>>,
    episode: Mutex<Episode>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("options", &"…")
            .finish_non_exhaustive()
    }
}

/// What a tool call answers, and what its record keeps.
struct Answer {
    value: Value,
    task: Option<String>,
    event: Event,
}

impl Session {
    /// A session over `workspace`, logging to `episode`.
    pub fn new(
        workspace: Box<dyn Workspace>,
        options: SessionOptions,
        episode: Episode,
    ) -> Session {
        Session {
            workspace,
            options,
            tasks: Mutex::new(BTreeMap::new()),
            episode: Mutex::new(episode),
        }
    }

    /// The tools, in the order `tools/list` gives them.
    pub fn tools() -> Vec<ToolInfo> {
        fn schema<T: JsonSchema>() -> Value {
            serde_json::to_value(schemars::schema_for!(T)).expect("schemas serialize")
        }
        vec![
            ToolInfo {
                name: "list_tasks",
                description: "List the tasks: id, title, summary, estimated minutes, visible cases.",
                schema: schema::<NoArgs>(),
            },
            ToolInfo {
                name: "read_spec",
                description: "Read a task's spec (markdown): the behaviour to replicate, the \
                              program name (argv[0]), the compared channels, the limits and \
                              the visible cases' inputs.",
                schema: schema::<TaskArgs>(),
            },
            ToolInfo {
                name: "run_reference",
                description: "Run the task's reference implementation (the oracle) on your own \
                              input: args, stdin, files, env. Returns its stdout, stderr, exit \
                              code and files. The reference module itself is never handed out.",
                schema: schema::<RunArgs>(),
            },
            ToolInfo {
                name: "run_candidate",
                description: "Run your program on your own input, like run_reference. Give the \
                              program as `source` with `language` (c, rust, python, javascript), \
                              as `wasm_base64` (a WASI preview1 command), or as a `path` on this \
                              machine.",
                schema: schema::<RunArgs>(),
            },
            ToolInfo {
                name: "evaluate_testcases",
                description: "Grade your program on the task's visible cases: a verdict per case \
                              (AC, WA, TLE, MLE, OLE, RE, CE) and diffs against the reference.",
                schema: schema::<SubmitArgs>(),
            },
            ToolInfo {
                name: "submit",
                description: "Submit your program: it is graded on the visible cases and on \
                              hidden cases drawn from a seed you do not know. Returns whether it \
                              solved the task, the pass rates and verdict counts; hidden inputs \
                              and diffs are not shown.",
                schema: schema::<SubmitArgs>(),
            },
        ]
    }

    /// Calls tool `name` with JSON `arguments` (an object, or null for none), appends the
    /// call to the episode log, and returns the tool's answer.
    ///
    /// # Errors
    /// A [`ToolError`] saying what is wrong; the call is logged all the same.
    pub fn call(&self, name: &str, arguments: Value) -> Result<Value, ToolError> {
        let arguments = match arguments {
            Value::Null => Value::Object(Default::default()),
            other => other,
        };
        let logged_arguments = summarize_arguments(&arguments);
        let task = arguments
            .get("task")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let result = self.dispatch(name, arguments);
        let (task, event, outcome) = match result {
            Ok(answer) => (answer.task, answer.event, Ok(answer.value)),
            Err(error) => (
                task,
                Event::Tool(Box::new(ToolCall {
                    tool: name.to_owned(),
                    arguments: logged_arguments,
                    result: Value::Null,
                    error: Some(error.to_string()),
                })),
                Err(error),
            ),
        };
        self.episode
            .lock()
            .expect("the episode lock is never poisoned")
            .append(task.as_deref(), event)
            .map_err(|e| ToolError::Harness(format!("writing the episode log: {e}")))?;
        outcome
    }

    fn dispatch(&self, name: &str, arguments: Value) -> Result<Answer, ToolError> {
        fn parse<T: for<'de> Deserialize<'de>>(tool: &str, value: Value) -> Result<T, ToolError> {
            serde_json::from_value(value)
                .map_err(|e| ToolError::BadArguments(format!("{tool}: {e}")))
        }
        let logged = summarize_arguments(&arguments);
        let tool_event = |task: &str, result: Value| {
            Event::Tool(Box::new(ToolCall {
                tool: name.to_owned(),
                arguments: logged.clone(),
                result,
                error: None,
            }))
            .with_task(task)
        };
        match name {
            "list_tasks" => {
                let NoArgs {} = parse(name, arguments)?;
                let value = self.list_tasks()?;
                let count = value["tasks"].as_array().map_or(0, Vec::len);
                Ok(Answer {
                    value,
                    task: None,
                    event: Event::Tool(Box::new(ToolCall {
                        tool: name.to_owned(),
                        arguments: Value::Null,
                        result: json!({"tasks": count}),
                        error: None,
                    })),
                })
            }
            "read_spec" => {
                let args: TaskArgs = parse(name, arguments)?;
                let value = self.read_spec(&args.task)?;
                let (task, event) = tool_event(&args.task, Value::Null);
                Ok(Answer { value, task, event })
            }
            "run_reference" => {
                let args: RunArgs = parse(name, arguments)?;
                if args.names_a_candidate() {
                    return Err(ToolError::BadArguments(
                        "run_reference runs the task's reference: drop `source`, `language`, \
                         `wasm_base64` and `path`, or call run_candidate"
                            .into(),
                    ));
                }
                let (value, outcome, input) = self.run_reference(&args)?;
                let event = Event::Probe {
                    args: input.args.clone(),
                    stdin: Content::encode(&input.stdin),
                    files: input
                        .files
                        .entries
                        .iter()
                        .filter_map(|(path, node)| match node {
                            Node::File(bytes) => Some((path.clone(), Content::encode(bytes))),
                            _ => None,
                        })
                        .collect(),
                    ending: describe_ending(&outcome),
                };
                Ok(Answer {
                    value,
                    task: Some(args.task),
                    event,
                })
            }
            "run_candidate" => {
                let args: RunArgs = parse(name, arguments)?;
                let value = self.run_candidate(&args)?;
                let summary = json!({"ending": value["ending"], "fuel": value["fuel"]});
                let (task, event) = tool_event(&args.task, summary);
                Ok(Answer { value, task, event })
            }
            "evaluate_testcases" => {
                let args: SubmitArgs = parse(name, arguments)?;
                let report = self.evaluate(&args)?;
                let summary = json!({
                    "submission": report.submission,
                    "accepted": report.accepted,
                    "total": report.total,
                    "verdicts": verdict_counts(&report, |_| true),
                    "compile_error": report.compile_error.is_some(),
                });
                let value = serde_json::to_value(&report).expect("reports serialize");
                let (task, event) = tool_event(&args.task, summary);
                Ok(Answer { value, task, event })
            }
            "submit" => {
                let args: SubmitArgs = parse(name, arguments)?;
                let (value, submission) = self.submit(&args)?;
                Ok(Answer {
                    value,
                    task: Some(args.task),
                    event: Event::Submission(Box::new(submission)),
                })
            }
            other => Err(ToolError::UnknownTool(format!(
                "no tool `{other}`; the tools are {}",
                Session::tools()
                    .iter()
                    .map(|t| t.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    fn loaded(&self, id: &str) -> Result<Arc<Loaded>, ToolError> {
        if let Some(loaded) = self.tasks.lock().expect("never poisoned").get(id) {
            return Ok(loaded.clone());
        }
        let ids = self
            .workspace
            .task_ids()
            .map_err(|e| ToolError::Harness(format!("{e:#}")))?;
        if !ids.iter().any(|known| known == id) {
            return Err(ToolError::UnknownTask(format!(
                "no task `{id}`; the tasks are {}",
                ids.join(", ")
            )));
        }
        // Loading may build the task's modules; it runs outside the lock, and a second
        // caller that raced us keeps the first bundle stored.
        let bundle = self
            .workspace
            .load(id)
            .map_err(|e| ToolError::Harness(format!("loading task `{id}`: {e:#}")))?;
        let loaded = Arc::new(Loaded {
            bundle,
            visible: OnceLock::new(),
            hidden: OnceLock::new(),
        });
        Ok(self
            .tasks
            .lock()
            .expect("never poisoned")
            .entry(id.to_owned())
            .or_insert(loaded)
            .clone())
    }

    fn prepared(&self, loaded: &Loaded, hidden_cases: bool) -> Result<Arc<Prepared>, ToolError> {
        let (cell, options) = if hidden_cases {
            (
                &loaded.hidden,
                GradeOptions {
                    seed: self.options.seed,
                    hidden: self.options.hidden,
                    engine: self.options.engine,
                },
            )
        } else {
            (
                &loaded.visible,
                GradeOptions {
                    seed: 0,
                    hidden: Some(0),
                    engine: self.options.engine,
                },
            )
        };
        cell.get_or_init(|| {
            prepare(&loaded.bundle, options, &mut |_| {})
                .map(Arc::new)
                .map_err(|e| format!("preparing task `{}`: {e}", loaded.bundle.task.id))
        })
        .clone()
        .map_err(ToolError::Harness)
    }

    /// `list_tasks`.
    fn list_tasks(&self) -> Result<Value, ToolError> {
        let ids = self
            .workspace
            .task_ids()
            .map_err(|e| ToolError::Harness(format!("{e:#}")))?;
        let mut tasks = Vec::new();
        for id in ids {
            let task = self
                .workspace
                .task(&id)
                .map_err(|e| ToolError::Harness(format!("{e:#}")))?;
            tasks.push(json!({
                "id": task.id,
                "title": task.title,
                "summary": task.summary,
                "tags": task.tags,
                "minutes": task.minutes,
                "visible_cases": task.cases.len(),
            }));
        }
        Ok(json!({ "tasks": tasks }))
    }

    /// `read_spec`.
    fn read_spec(&self, id: &str) -> Result<Value, ToolError> {
        let loaded = self.loaded(id)?;
        let bundle = &loaded.bundle;
        let task = &bundle.task;
        let budget = bundle.budget();
        Ok(json!({
            "id": task.id,
            "title": task.title,
            "program": task.program,
            "compare": task.compare.iter().map(|c| c.name()).collect::<Vec<_>>(),
            "hidden_cases": self.options.hidden.unwrap_or(task.hidden),
            "limits": {
                "fuel": budget.fuel,
                "memory_bytes": budget.memory_bytes,
                "output_bytes": budget.output_bytes,
            },
            "visible_cases": task.cases.iter().map(|case| json!({
                "name": case.name,
                "input": InputSummary::new(case),
            })).collect::<Vec<_>>(),
            "spec": bundle.spec,
        }))
    }

    /// `run_reference`: the answer, the outcome and the input it ran on.
    fn run_reference(&self, args: &RunArgs) -> Result<(Value, Outcome, Input), ToolError> {
        let loaded = self.loaded(&args.task)?;
        let input = run_input(&loaded.bundle, args)?;
        let budget = loaded.bundle.budget();
        let module = Module::with_engine(&loaded.bundle.reference, &budget, self.options.engine)
            .map_err(|e| ToolError::Harness(format!("the task's reference does not load: {e}")))?;
        let outcome = module.run(&input, &budget);
        Ok((run_answer(&outcome), outcome, input))
    }

    /// `run_candidate`.
    fn run_candidate(&self, args: &RunArgs) -> Result<Value, ToolError> {
        let candidate = args
            .candidate_args()
            .candidate()
            .map_err(ToolError::BadArguments)?;
        let loaded = self.loaded(&args.task)?;
        let input = run_input(&loaded.bundle, args)?;
        let built = self.build(&loaded.bundle, &candidate).and_then(|built| {
            built.map_err(|e| ToolError::Load(BuildError::Compile(e).to_string()))
        })?;
        let outcome = built
            .run(input, &loaded.bundle.budget(), self.options.engine)
            .map_err(ToolError::Load)?;
        Ok(run_answer(&outcome))
    }

    /// Builds `candidate` for the task of `bundle`: the module or program, or the
    /// compiler's messages. A copy of the reference module is refused.
    fn build(
        &self,
        bundle: &TaskBundle,
        candidate: &Candidate,
    ) -> Result<Result<Built, String>, ToolError> {
        let built = match self.workspace.build(candidate) {
            Ok(built) => built,
            Err(BuildError::Compile(messages)) => return Ok(Err(messages)),
            Err(BuildError::Unavailable(why)) => return Err(ToolError::Refused(why)),
        };
        if built.module() == Some(&bundle.reference[..]) {
            return Err(ToolError::Refused(format!(
                "refused: the candidate is byte for byte the reference module of `{}`; \
                 write your own implementation",
                bundle.task.id
            )));
        }
        Ok(Ok(built))
    }

    /// Grades `args`' candidate on `prepared`: a candidate that does not compile gets CE
    /// on every case, with the compiler's messages as the compile error. Also returns the
    /// source text a record keeps (for programs a runtime runs, as `replica grade`).
    fn grade(
        &self,
        loaded: &Loaded,
        prepared: &Prepared,
        args: &SubmitArgs,
    ) -> Result<(Report, Option<Vec<u8>>), ToolError> {
        let candidate = args
            .candidate_args()
            .candidate()
            .map_err(ToolError::BadArguments)?;
        Ok(match self.build(&loaded.bundle, &candidate)? {
            Ok(built) => (built.grade(prepared), built.source().map(<[u8]>::to_vec)),
            Err(messages) => {
                let mut report = replica_judge::grade(prepared, &[], &mut |_| {});
                report.compile_error = Some(messages);
                (report, None)
            }
        })
    }

    /// `evaluate_testcases`: the report on the visible cases.
    fn evaluate(&self, args: &SubmitArgs) -> Result<Report, ToolError> {
        let loaded = self.loaded(&args.task)?;
        let prepared = self.prepared(&loaded, false)?;
        Ok(self.grade(&loaded, &prepared, args)?.0)
    }

    /// `submit`: the answer the agent sees, and the record the log keeps (with the seed
    /// and the whole report).
    fn submit(&self, args: &SubmitArgs) -> Result<(Value, Submission), ToolError> {
        let loaded = self.loaded(&args.task)?;
        let prepared = self.prepared(&loaded, true)?;
        let (report, source) = self.grade(&loaded, &prepared, args)?;
        let attempt = self
            .episode
            .lock()
            .expect("never poisoned")
            .next_attempt(&args.task);
        let part = |hidden: bool| {
            let cases: Vec<_> = report.cases.iter().filter(|c| c.hidden == hidden).collect();
            let accepted = cases.iter().filter(|c| c.verdict == Verdict::AC).count();
            json!({
                "accepted": accepted,
                "total": cases.len(),
                "verdicts": verdict_counts(&report, |c| c.hidden == hidden),
            })
        };
        let visible = part(false);
        let hidden = part(true);
        let visible_total = visible["total"].as_u64().unwrap_or(0);
        let visible_accepted = visible["accepted"].as_u64().unwrap_or(0);
        let visible_pass_rate = if visible_total == 0 {
            0.0
        } else {
            visible_accepted as f64 / visible_total as f64
        };
        let mut value = json!({
            "task": args.task,
            "attempt": attempt,
            "solved": report.solved,
            "pass_rate": report.reward,
            "visible_pass_rate": visible_pass_rate,
            "accepted": report.accepted,
            "total": report.total,
            "verdicts": verdict_counts(&report, |_| true),
            "visible": visible,
            "hidden": hidden,
            "submission": report.submission,
        });
        if let Some(error) = &report.compile_error {
            value["compile_error"] = json!(error);
        }
        let mut submission = Submission::from_report(&report, attempt);
        submission.set_source(source.as_deref());
        submission.report = Some(report);
        Ok((value, submission))
    }
}

/// Records about one task: `(task, event)`.
trait WithTask {
    fn with_task(self, task: &str) -> (Option<String>, Event);
}

impl WithTask for Event {
    fn with_task(self, task: &str) -> (Option<String>, Event) {
        (Some(task.to_owned()), self)
    }
}

/// Verdict counts of the cases `keep` selects, in verdict order.
fn verdict_counts(
    report: &Report,
    keep: impl Fn(&replica_judge::CaseReport) -> bool,
) -> BTreeMap<Verdict, u32> {
    let mut counts = BTreeMap::new();
    for case in report.cases.iter().filter(|c| keep(c)) {
        *counts.entry(case.verdict).or_insert(0) += 1;
    }
    counts
}

/// The sandbox input `args` describe, for a task whose program is the bundle's.
fn run_input(bundle: &TaskBundle, args: &RunArgs) -> Result<Input, ToolError> {
    let bad = ToolError::BadArguments;
    let stdin = match (&args.stdin, &args.stdin_base64) {
        (Some(_), Some(_)) => return Err(bad("give `stdin` or `stdin_base64`, not both".into())),
        (Some(text), None) => text.as_bytes().to_vec(),
        (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
            .decode(encoded.trim().as_bytes())
            .map_err(|e| bad(format!("`stdin_base64` is not valid base64: {e}")))?,
        (None, None) => Vec::new(),
    };
    let mut files = Tree::new();
    let mut total = stdin.len();
    for (path, text) in &args.files {
        total += text.len();
        files.insert_file(path.clone(), text.as_bytes().to_vec());
    }
    for (path, encoded) in &args.files_base64 {
        if args.files.contains_key(path) {
            return Err(bad(format!(
                "file `{path}` is in both `files` and `files_base64`"
            )));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim().as_bytes())
            .map_err(|e| {
                bad(format!(
                    "file `{path}` in `files_base64` is not valid base64: {e}"
                ))
            })?;
        total += bytes.len();
        files.insert_file(path.clone(), bytes);
    }
    if total > MAX_INPUT_BYTES {
        return Err(bad(format!(
            "the input is {total} bytes (stdin and files); a run takes at most {MAX_INPUT_BYTES}"
        )));
    }
    files.check().map_err(|e| {
        bad(format!(
            "file {e}; give paths relative to the tree's root, like `dir/a.txt`"
        ))
    })?;
    if let Some(name) = args.env.keys().find(|k| k.is_empty() || k.contains('=')) {
        return Err(bad(format!(
            "environment variable name `{name}` must be non-empty and without `=`"
        )));
    }
    Ok(Input {
        program: bundle.task.program.clone(),
        args: args.args.clone(),
        env: args
            .env
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        stdin,
        files,
        seed: 0,
        source: None,
    })
}

/// A cut view of an output stream: the head as text or base64, and the full length.
fn output_preview(bytes: &[u8]) -> Value {
    let shown = &bytes[..bytes.len().min(OUTPUT_PREVIEW_BYTES)];
    let mut value = match std::str::from_utf8(shown) {
        Ok(text) => json!({ "text": text }),
        Err(e) if e.error_len().is_none() && shown.len() < bytes.len() => {
            json!({ "text": String::from_utf8_lossy(&shown[..e.valid_up_to()]) })
        }
        Err(_) => json!({ "base64": base64::engine::general_purpose::STANDARD.encode(shown) }),
    };
    value["bytes"] = json!(bytes.len());
    value["truncated"] = json!(shown.len() < bytes.len());
    value
}

/// What a run answers: how it ended, its output and the files it left.
fn run_answer(outcome: &Outcome) -> Value {
    let files: Vec<Value> = outcome
        .files
        .entries
        .iter()
        .map(|(path, node)| match node {
            Node::File(bytes) => json!({"path": path, "contents": Preview::new(bytes)}),
            Node::Dir => json!({"path": path, "dir": true}),
            Node::Symlink(target) => json!({"path": path, "symlink": target}),
        })
        .collect();
    json!({
        "ending": describe_ending(outcome),
        "exit_code": outcome.exit_code(),
        "stdout": output_preview(&outcome.stdout),
        "stderr": output_preview(&outcome.stderr),
        "files": files,
        "fuel": outcome.fuel_used,
    })
}

/// The arguments as a log keeps them: bulky strings (sources, modules, stdin, file
/// contents) replaced by their size and digest.
fn summarize_arguments(arguments: &Value) -> Value {
    const BULKY: [&str; 4] = ["source", "wasm_base64", "stdin", "stdin_base64"];
    let Value::Object(map) = arguments else {
        return arguments.clone();
    };
    let digest =
        |text: &str| json!({"bytes": text.len(), "digest": replica_judge::digest(text.as_bytes())});
    map.iter()
        .map(|(key, value)| {
            let value = match (key.as_str(), value) {
                (k, Value::String(text)) if BULKY.contains(&k) => digest(text),
                ("files" | "files_base64", Value::Object(files)) => Value::Object(
                    files
                        .iter()
                        .map(|(path, contents)| {
                            let summary = match contents {
                                Value::String(text) => digest(text),
                                other => other.clone(),
                            };
                            (path.clone(), summary)
                        })
                        .collect(),
                ),
                _ => value.clone(),
            };
            (key.clone(), value)
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}
