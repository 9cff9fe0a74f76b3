//! `replica._replica`, the native half of the `replica` Python package: tasks, reference
//! runs, grading with the GIL released, and the agent tools' [`Session`].
//!
//! The pure-Python half (`python/replica/`) re-exports these and adds the trainer-facing
//! adapters: `replica.rewards` (verl and TRL reward functions), `replica.env` (a
//! Gymnasium-style text environment) and `replica.ray` (grading on a Ray cluster).
//! `docs/agents.md` documents the API; every call that grades or runs a guest releases
//! the GIL, so Python threads grade in parallel.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use replica_agent::{
    BuildError, Built, Candidate, Episode, Language, Session, SessionOptions, ToolError,
};
use replica_cli::local::Catalog;
use replica_cli::source::Runtimes;
use replica_cli::workspace::{LocalWorkspace, build_candidate};
use replica_judge::sandbox::{Engine, Input, Module, Node, Outcome, Tree};
use replica_judge::{GradeOptions, Prepared, Report, TaskBundle, describe_ending};
use replica_record::Author;

create_exception!(
    replica._replica,
    ReplicaError,
    PyException,
    "Base class of the errors Replica raises."
);
create_exception!(
    replica._replica,
    UnknownTaskError,
    ReplicaError,
    "No task has that id."
);
create_exception!(
    replica._replica,
    HarnessError,
    ReplicaError,
    "Replica or the task is at fault (a broken task, a failing reference): never the candidate's reward."
);
create_exception!(
    replica._replica,
    CompileError,
    ReplicaError,
    "A candidate given to `Task.run` does not compile or load (grading gives CE instead)."
);
create_exception!(
    replica._replica,
    RefusedError,
    ReplicaError,
    "The candidate is refused: it is a copy of the task's reference."
);
create_exception!(
    replica._replica,
    UnavailableError,
    ReplicaError,
    "The candidate cannot be built on this machine (a missing compiler or language runtime)."
);

/// A task's files, kept whole so it can be pickled to another process or machine.
struct TaskData {
    toml: String,
    bundle: TaskBundle,
}

/// The folder tasks are read from: `root`, else `$REPLICA_TASKS`, else a `tasks/` in the
/// current folder or a parent, else the repository this package was built from.
fn catalog(root: Option<PathBuf>) -> PyResult<Catalog> {
    let root = root.or_else(|| std::env::var_os("REPLICA_TASKS").map(PathBuf::from));
    if root.is_some() {
        return Catalog::locate(root.as_deref()).map_err(harness);
    }
    match Catalog::locate(None) {
        Ok(catalog) => Ok(catalog),
        Err(first) => {
            let built_from = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tasks"));
            if built_from.is_dir() {
                Catalog::locate(Some(&built_from)).map_err(harness)
            } else {
                Err(HarnessError::new_err(format!(
                    "{first:#}; pass root= or set REPLICA_TASKS to a tasks folder"
                )))
            }
        }
    }
}

/// The language runtimes Python and JavaScript candidates run on, shared by every task
/// of the process: `$REPLICA_RUNTIMES`, else `target/runtimes/` of the repository this
/// package was built from (built there by `cargo xtask runtimes` on first use).
fn runtimes() -> Arc<Runtimes> {
    static RUNTIMES: OnceLock<Arc<Runtimes>> = OnceLock::new();
    RUNTIMES
        .get_or_init(|| {
            let tasks = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tasks"));
            Arc::new(Runtimes::locate(None, &tasks))
        })
        .clone()
}

fn harness(error: anyhow::Error) -> PyErr {
    HarnessError::new_err(format!("{error:#}"))
}

fn load(catalog: &Catalog, id: &str) -> PyResult<TaskData> {
    if !catalog
        .ids()
        .map_err(harness)?
        .iter()
        .any(|known| known == id)
    {
        let known = catalog.ids().unwrap_or_default().join(", ");
        return Err(UnknownTaskError::new_err(format!(
            "no task `{id}` in {}; the tasks are {known}",
            catalog.dir.display()
        )));
    }
    let (_, toml) = catalog.read_task(id).map_err(harness)?;
    let bundle = catalog.load(id).map_err(harness)?;
    Ok(TaskData { toml, bundle })
}

/// Every task of the catalogue, loaded (modules built when needed).
#[pyfunction]
#[pyo3(signature = (root = None))]
fn tasks(py: Python<'_>, root: Option<PathBuf>) -> PyResult<Vec<Task>> {
    let catalog = catalog(root)?;
    py.detach(|| {
        let ids = catalog.ids().map_err(harness)?;
        ids.iter()
            .map(|id| {
                load(&catalog, id).map(|data| Task {
                    data: Arc::new(data),
                })
            })
            .collect()
    })
}

/// Task `id`.
#[pyfunction]
#[pyo3(signature = (id, root = None))]
fn task(py: Python<'_>, id: &str, root: Option<PathBuf>) -> PyResult<Task> {
    let catalog = catalog(root)?;
    py.detach(|| {
        load(&catalog, id).map(|data| Task {
            data: Arc::new(data),
        })
    })
}

/// Builds a candidate into its WebAssembly module: bytes pass through, str source needs
/// `language` (C with the host's clang and wasi-libc, Rust with the host's cargo), a path
/// names a `.wasm`, a `.c` or a crate folder. Raises `CompileError` with the compiler's
/// messages when it does not compile, and `ValueError` for Python and JavaScript, which
/// a runtime runs as source (grade or run the source itself).
#[pyfunction]
#[pyo3(signature = (submission, language = None))]
fn build<'py>(
    py: Python<'py>,
    submission: &Bound<'py, PyAny>,
    language: Option<&str>,
) -> PyResult<Bound<'py, PyBytes>> {
    let candidate = candidate(submission, language)?;
    let built = py.detach(move || build_candidate(&candidate, &runtimes()));
    match built {
        Ok(Built::Wasm(wasm) | Built::Compiled { wasm, .. }) => Ok(PyBytes::new(py, &wasm)),
        Ok(Built::Source { runtime, .. }) => Err(PyValueError::new_err(format!(
            "{} programs are not built into a module: the {} runtime runs the source; \
             pass the source to Prepared.grade or Task.run",
            runtime.language, runtime.name
        ))),
        Ok(Built::CompileError { message, .. }) | Err(BuildError::Compile(message)) => Err(
            CompileError::new_err(format!("the candidate does not compile: {message}")),
        ),
        Err(BuildError::Unavailable(why)) => Err(UnavailableError::new_err(why)),
    }
}

/// A replication task: its spec, its reference as an oracle, and `prepare` for grading.
#[pyclass(frozen, module = "replica._replica")]
struct Task {
    data: Arc<TaskData>,
}

/// What a candidate given from Python is.
fn candidate(submission: &Bound<'_, PyAny>, language: Option<&str>) -> PyResult<Candidate> {
    if let Ok(bytes) = submission.cast::<PyBytes>() {
        if let Some(language) = language.filter(|l| *l != "wasm") {
            return Err(PyValueError::new_err(format!(
                "bytes are a WebAssembly module; for {language} source pass a str"
            )));
        }
        return Ok(Candidate::Wasm(bytes.as_bytes().to_vec()));
    }
    if let Ok(text) = submission.extract::<String>() {
        let Some(language) = language else {
            return Err(PyValueError::new_err(format!(
                "a str submission is source code: pass language= (one of {})",
                Language::ALL.map(Language::name).join(", ")
            )));
        };
        let language = Language::parse(language).map_err(PyValueError::new_err)?;
        return Ok(Candidate::Source { language, text });
    }
    if let Ok(path) = submission.extract::<PathBuf>() {
        return Ok(Candidate::Path(path));
    }
    if let Ok(bytes) = submission.extract::<Vec<u8>>() {
        return Ok(Candidate::Wasm(bytes));
    }
    Err(PyTypeError::new_err(format!(
        "a submission is bytes (a .wasm module), str source with language=, or a path; got {}",
        submission.get_type().name()?
    )))
}

/// Builds `candidate` for a task; `Err(messages)` when it does not compile.
fn build_for(bundle: &TaskBundle, candidate: &Candidate) -> PyResult<Result<Built, String>> {
    match build_candidate(candidate, &runtimes()) {
        Ok(built) if built.module() == Some(&bundle.reference[..]) => {
            Err(RefusedError::new_err(format!(
                "the candidate is byte for byte the reference module of `{}`",
                bundle.task.id
            )))
        }
        Ok(built) => Ok(Ok(built)),
        Err(BuildError::Compile(messages)) => Ok(Err(messages)),
        Err(BuildError::Unavailable(why)) => Err(UnavailableError::new_err(why)),
    }
}

/// A `bytes` or `str` argument as bytes.
fn input_bytes(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<u8>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = value.extract::<String>() {
        return Ok(text.into_bytes());
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes or str, not {}",
        value.get_type().name()?
    )))
}

/// The sandbox input of one run.
fn run_input(
    program: &str,
    args: Option<Vec<String>>,
    stdin: Option<&Bound<'_, PyAny>>,
    files: Option<&Bound<'_, PyDict>>,
    env: Option<Vec<(String, String)>>,
    seed: u64,
) -> PyResult<Input> {
    let mut tree = Tree::new();
    if let Some(files) = files {
        for (path, contents) in files.iter() {
            let path: String = path
                .extract()
                .map_err(|_| PyTypeError::new_err("file paths must be str"))?;
            let bytes = input_bytes(Some(&contents), &format!("file `{path}`"))?;
            tree.insert_file(path, bytes);
        }
    }
    tree.check().map_err(|e| {
        PyValueError::new_err(format!("file {e}; give paths relative to the tree's root"))
    })?;
    let mut env = env.unwrap_or_default();
    env.sort();
    Ok(Input {
        program: program.to_owned(),
        args: args.unwrap_or_default(),
        env,
        stdin: input_bytes(stdin, "stdin")?,
        files: tree,
        seed,
        source: None,
    })
}

/// A run as a dict: `stdout`, `stderr` (bytes), `exit_code` (None unless it exited),
/// `ending`, `fuel`, `files` (path to bytes).
fn outcome_dict<'py>(py: Python<'py>, outcome: &Outcome) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("stdout", PyBytes::new(py, &outcome.stdout))?;
    dict.set_item("stderr", PyBytes::new(py, &outcome.stderr))?;
    dict.set_item("exit_code", outcome.exit_code())?;
    dict.set_item("ending", describe_ending(outcome))?;
    dict.set_item("fuel", outcome.fuel_used)?;
    let files = PyDict::new(py);
    for (path, node) in &outcome.files.entries {
        if let Node::File(bytes) = node {
            files.set_item(path, PyBytes::new(py, bytes))?;
        }
    }
    dict.set_item("files", files)?;
    Ok(dict)
}

fn json_to_python<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

#[pymethods]
impl Task {
    /// A task from its four files' contents: `task.toml`, `spec.md`, the reference and
    /// generator modules. This is how a pickled task comes back on another machine.
    #[staticmethod]
    fn from_parts(
        task_toml: String,
        spec: String,
        reference: Vec<u8>,
        generator: Vec<u8>,
    ) -> PyResult<Task> {
        let bundle = TaskBundle::new(&task_toml, "task.toml", spec, reference, generator)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Task {
            data: Arc::new(TaskData {
                toml: task_toml,
                bundle,
            }),
        })
    }

    #[getter]
    fn id(&self) -> &str {
        &self.data.bundle.task.id
    }

    #[getter]
    fn title(&self) -> &str {
        &self.data.bundle.task.title
    }

    #[getter]
    fn summary(&self) -> &str {
        &self.data.bundle.task.summary
    }

    /// The spec, as markdown.
    #[getter]
    fn spec(&self) -> &str {
        &self.data.bundle.spec
    }

    /// `argv[0]` of every run.
    #[getter]
    fn program(&self) -> &str {
        &self.data.bundle.task.program
    }

    /// `sha256:…` over the task's files, as reports name it.
    #[getter]
    fn digest(&self) -> &str {
        &self.data.bundle.digest
    }

    /// The task's own count of hidden cases.
    #[getter]
    fn hidden(&self) -> u32 {
        self.data.bundle.task.hidden
    }

    #[getter]
    fn minutes(&self) -> u32 {
        self.data.bundle.task.minutes
    }

    /// The visible cases' names and inputs (as reports summarise them).
    #[getter]
    fn visible_cases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cases: Vec<_> = self
            .data
            .bundle
            .task
            .cases
            .iter()
            .map(|case| {
                serde_json::json!({
                    "name": case.name,
                    "input": replica_judge::InputSummary::new(case),
                })
            })
            .collect();
        json_to_python(py, &serde_json::to_string(&cases).expect("serializes"))
    }

    /// Runs the reference (the oracle) on an input of your own.
    #[pyo3(signature = (args = None, stdin = None, files = None, env = None, seed = 0))]
    fn run_reference<'py>(
        &self,
        py: Python<'py>,
        args: Option<Vec<String>>,
        stdin: Option<&Bound<'py, PyAny>>,
        files: Option<&Bound<'py, PyDict>>,
        env: Option<Vec<(String, String)>>,
        seed: u64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let bundle = &self.data.bundle;
        let input = run_input(&bundle.task.program, args, stdin, files, env, seed)?;
        let data = self.data.clone();
        let outcome = py.detach(move || {
            let budget = data.bundle.budget();
            Module::new(&data.bundle.reference, &budget)
                .map(|module| module.run(&input, &budget))
                .map_err(|e| format!("the task's reference does not load: {e}"))
        });
        outcome_dict(py, &outcome.map_err(HarnessError::new_err)?)
    }

    /// Runs a candidate on an input of your own. A candidate that does not compile or
    /// load raises `CompileError`.
    #[pyo3(signature = (submission, language = None, args = None, stdin = None, files = None, env = None, seed = 0))]
    #[allow(clippy::too_many_arguments)]
    fn run<'py>(
        &self,
        py: Python<'py>,
        submission: &Bound<'py, PyAny>,
        language: Option<&str>,
        args: Option<Vec<String>>,
        stdin: Option<&Bound<'py, PyAny>>,
        files: Option<&Bound<'py, PyDict>>,
        env: Option<Vec<(String, String)>>,
        seed: u64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let candidate = candidate(submission, language)?;
        let input = run_input(
            &self.data.bundle.task.program,
            args,
            stdin,
            files,
            env,
            seed,
        )?;
        let data = self.data.clone();
        let outcome = py.detach(move || -> PyResult<Outcome> {
            let built = build_for(&data.bundle, &candidate)?.map_err(|messages| {
                CompileError::new_err(format!("the candidate does not compile: {messages}"))
            })?;
            built
                .run(input, &data.bundle.budget(), Engine::default())
                .map_err(|e| CompileError::new_err(format!("the candidate cannot run: {e}")))
        })?;
        outcome_dict(py, &outcome)
    }

    /// Draws `hidden` hidden cases (the task's own count when None) with `seed` and runs
    /// the reference on every case, once; the `Prepared` grades any number of candidates.
    #[pyo3(signature = (seed = 0, hidden = None))]
    fn prepare(&self, py: Python<'_>, seed: u64, hidden: Option<u32>) -> PyResult<PreparedTask> {
        let data = self.data.clone();
        let prepared = py.detach(move || {
            replica_judge::prepare(
                &data.bundle,
                GradeOptions {
                    seed,
                    hidden,
                    engine: Engine::default(),
                },
                &mut |_| {},
            )
        });
        let prepared = prepared.map_err(|e| HarnessError::new_err(e.to_string()))?;
        Ok(PreparedTask {
            task: self.data.clone(),
            prepared: Arc::new(prepared),
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let from_parts = py.get_type::<Task>().getattr("from_parts")?;
        let bundle = &self.data.bundle;
        let parts = (
            self.data.toml.clone(),
            bundle.spec.clone(),
            PyBytes::new(py, &bundle.reference),
            PyBytes::new(py, &bundle.generator),
        );
        (from_parts, parts).into_pyobject(py).map(Bound::into_any)
    }

    fn __repr__(&self) -> String {
        format!("<replica.Task {}>", self.data.bundle.task.id)
    }
}

/// A task ready to grade: hidden cases drawn and the reference's outcomes computed.
#[pyclass(frozen, name = "Prepared", module = "replica._replica")]
struct PreparedTask {
    task: Arc<TaskData>,
    prepared: Arc<Prepared>,
}

impl PreparedTask {
    fn report(
        &self,
        py: Python<'_>,
        submission: &Bound<'_, PyAny>,
        language: Option<&str>,
    ) -> PyResult<Report> {
        let candidate = candidate(submission, language)?;
        let task = self.task.clone();
        let prepared = self.prepared.clone();
        py.detach(move || -> PyResult<Report> {
            Ok(match build_for(&task.bundle, &candidate)? {
                Ok(built) => built.grade(&prepared),
                Err(messages) => {
                    let mut report = replica_judge::grade(&prepared, &[], &mut |_| {});
                    report.compile_error = Some(messages);
                    report
                }
            })
        })
    }
}

#[pymethods]
impl PreparedTask {
    /// Grades a candidate: bytes (a .wasm module), str source with `language`, or a path.
    /// Returns the `replica.report/1` report as a dict. A candidate that does not compile
    /// or load gets CE on every case (a verdict, not an exception).
    #[pyo3(signature = (submission, language = None))]
    fn grade<'py>(
        &self,
        py: Python<'py>,
        submission: &Bound<'py, PyAny>,
        language: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = self.report(py, submission, language)?;
        json_to_python(
            py,
            &serde_json::to_string(&report).expect("reports serialize"),
        )
    }

    /// `grade`, returning the report's JSON text exactly as `replica grade --json` prints it.
    #[pyo3(signature = (submission, language = None))]
    fn grade_json(
        &self,
        py: Python<'_>,
        submission: &Bound<'_, PyAny>,
        language: Option<&str>,
    ) -> PyResult<String> {
        let report = self.report(py, submission, language)?;
        Ok(serde_json::to_string(&report).expect("reports serialize"))
    }

    #[getter]
    fn task(&self) -> Task {
        Task {
            data: self.task.clone(),
        }
    }

    #[getter]
    fn seed(&self) -> u64 {
        self.prepared.options.seed
    }

    /// Hidden cases drawn.
    #[getter]
    fn hidden(&self) -> u32 {
        self.prepared.hidden()
    }

    /// Cases in all, visible and hidden.
    #[getter]
    fn cases(&self) -> usize {
        self.prepared.cases.len()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let task = Task {
            data: self.task.clone(),
        }
        .into_pyobject(py)?;
        let prepare = task.getattr("prepare")?;
        (prepare, (self.seed(), self.hidden()))
            .into_pyobject(py)
            .map(Bound::into_any)
    }

    fn __repr__(&self) -> String {
        format!(
            "<replica.Prepared {} seed={} hidden={} cases={}>",
            self.task.bundle.task.id,
            self.seed(),
            self.hidden(),
            self.cases()
        )
    }
}

/// The agent tools (`list_tasks`, `read_spec`, `run_reference`, `run_candidate`,
/// `evaluate_testcases`, `submit`), exactly as `replica mcp` serves them, with an
/// optional episode log.
#[pyclass(frozen, name = "Session", module = "replica._replica")]
struct PySession {
    session: Arc<Session>,
}

#[pymethods]
impl PySession {
    /// Tools over the tasks of `root` (see `tasks`). `seed` is the hidden seed of
    /// `submit` (fresh when None); `log` a new JSONL file for the episode's records.
    #[new]
    #[pyo3(signature = (root = None, author = "model:unnamed", seed = None, hidden = None, log = None))]
    fn new(
        root: Option<PathBuf>,
        author: &str,
        seed: Option<u64>,
        hidden: Option<u32>,
        log: Option<PathBuf>,
    ) -> PyResult<PySession> {
        let author = Author::parse(author).map_err(PyValueError::new_err)?;
        let sink: Option<Box<dyn std::io::Write + Send>> = match &log {
            None => None,
            Some(path) => Some(Box::new(
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(path)
                    .map_err(|e| {
                        PyValueError::new_err(format!(
                            "log {}: {e}; give a file that does not exist yet",
                            path.display()
                        ))
                    })?,
            )),
        };
        let seed = seed.unwrap_or_else(fresh_seed);
        Ok(PySession {
            session: Arc::new(Session::new(
                Box::new(LocalWorkspace::with_runtimes(catalog(root)?, runtimes())),
                SessionOptions {
                    seed,
                    hidden,
                    engine: Engine::default(),
                },
                Episode::new(author, sink, log.is_some()),
            )),
        })
    }

    /// The tools: `name`, `description` and `input_schema` (JSON Schema) of each.
    #[staticmethod]
    fn tools<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for tool in Session::tools() {
            let dict = PyDict::new(py);
            dict.set_item("name", tool.name)?;
            dict.set_item("description", tool.description)?;
            dict.set_item(
                "input_schema",
                json_to_python(py, &tool.schema.to_string())?,
            )?;
            list.append(dict)?;
        }
        Ok(list)
    }

    /// Calls tool `name` with `arguments` (a dict); returns its answer as a dict.
    #[pyo3(signature = (name, arguments = None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        arguments: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let arguments: serde_json::Value = match arguments {
            None => serde_json::Value::Null,
            Some(value) => {
                let text: String = py
                    .import("json")?
                    .call_method1("dumps", (value,))?
                    .extract()?;
                serde_json::from_str(&text).map_err(|e| PyValueError::new_err(e.to_string()))?
            }
        };
        let session = self.session.clone();
        let name = name.to_owned();
        let answer = py.detach(move || session.call(&name, arguments));
        match answer {
            Ok(value) => json_to_python(py, &value.to_string()),
            Err(error) => Err(match &error {
                ToolError::BadArguments(_) | ToolError::UnknownTool(_) => {
                    PyValueError::new_err(error.to_string())
                }
                ToolError::UnknownTask(_) => UnknownTaskError::new_err(error.to_string()),
                ToolError::Refused(_) => RefusedError::new_err(error.to_string()),
                ToolError::Load(_) => CompileError::new_err(error.to_string()),
                ToolError::Harness(_) => HarnessError::new_err(error.to_string()),
            }),
        }
    }
}

/// A seed nobody chose: the hidden seed of a session when none is given.
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.finish() % 1_000_000_000
}

/// The native module.
#[pymodule]
fn _replica(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(tasks, m)?)?;
    m.add_function(wrap_pyfunction!(task, m)?)?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_class::<Task>()?;
    m.add_class::<PreparedTask>()?;
    m.add_class::<PySession>()?;
    m.add("ReplicaError", py.get_type::<ReplicaError>())?;
    m.add("UnknownTaskError", py.get_type::<UnknownTaskError>())?;
    m.add("HarnessError", py.get_type::<HarnessError>())?;
    m.add("CompileError", py.get_type::<CompileError>())?;
    m.add("RefusedError", py.get_type::<RefusedError>())?;
    m.add("UnavailableError", py.get_type::<UnavailableError>())?;
    m.add("__version__", replica_judge::VERSION)?;
    Ok(())
}
