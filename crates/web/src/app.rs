//! The root component: owns the state, the worker, and every effect (fetching the task
//! pack, posting requests, storage, the URL hash). Pages get slices of state and two
//! callbacks: `dispatch` for state changes and `command` for effects.
//!
//! The same shell runs each page of the site ([`Page`]: its own HTML file and binary);
//! what differs is the [`PageView`] it is built with, so each binary links only its own
//! pages' views. A route of another page loads that page ([`mount`], [`App`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use replica_judge::runtimes::Language;

use crate::browser::{self, WorkerBridge};
use crate::history;
use crate::protocol::{Envelope, Program, Request};
use crate::route::{Page, Route};
use crate::state::{
    self, Action, AppState, Graded, JobKind, Load, SourceText, Stage, Submission, TaskFiles,
    TaskMeta,
};
use crate::view;

/// Effects the pages ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Run the task's reference on the form's input.
    Run(String),
    /// Grade this submission of the task with the current seed.
    Grade {
        task: String,
        submission: Submission,
    },
    /// Fetch the example and grade it.
    GradeExample { task: String, name: String },
    /// Stop the running job at once.
    Cancel,
    /// Save the latest report of the task.
    DownloadReport(String),
    /// Fetch the module at `wasm` and grade it as `name` with this seed and hidden count:
    /// a shared report's "Re-run live".
    Rerun {
        task: String,
        wasm: String,
        name: String,
        seed: u64,
        hidden: u32,
    },
    /// Start tracking a task and fetch its files, unless that has happened (a study
    /// opens its tasks this way, since its route names no task).
    OpenTask(String),
    /// Grade with a fixed seed and hidden count (a study's), not the seed field's.
    GradeFixed {
        task: String,
        submission: Submission,
        seed: u64,
        hidden: u32,
    },
    /// Run a program (the editor's) and the reference on the form's input, side by side.
    TryCode {
        task: String,
        language: Language,
        text: Rc<str>,
    },
    /// Grade a program written in `language` (the editor's, or a source file), named
    /// `name`; C is compiled in the page first. `fixed`: a study's seed and hidden count.
    GradeCode {
        task: String,
        name: String,
        language: Language,
        source: Rc<Vec<u8>>,
        fixed: Option<(u64, u32)>,
    },
}

/// The worker, the counter of job ids, and the state as of the latest render, kept across
/// renders. Commands finish asynchronously (reading a picked file, fetching an example), so
/// they read the latest state from here rather than the snapshot they were created with.
#[derive(Debug, Default)]
pub struct Worker {
    bridge: RefCell<Option<WorkerBridge>>,
    last_job: Cell<u32>,
    latest: RefCell<Option<UseReducerHandle<AppState>>>,
}

/// A page of the site as its binary shows it: which routes it owns ([`Page::of`]) and how
/// it renders them. Implemented in [`crate::pages`].
pub trait PageView: 'static {
    /// The routes this binary shows; the shell sends the others to their page.
    const PAGE: Page;

    /// Renders the current route, one of this page's.
    fn view(shell: &Shell<'_>) -> Html;

    /// Runs the code editor's commands ([`Command::TryCode`], [`Command::GradeCode`]):
    /// only the code page ([`crate::pages::Code`]) has them, calling
    /// [`run_source_command`], so the other pages' binaries do not link that logic.
    fn source_command(_worker: &Rc<RefCell<Worker>>, _command: Command) {}
}

/// What a page's view gets from the shell.
#[derive(Debug)]
pub struct Shell<'a> {
    pub state: &'a UseReducerHandle<AppState>,
    pub dispatch: &'a Callback<Action>,
    pub command: &'a Callback<Command>,
    /// Loaded as `#/embed/...`: shown in an iframe with minimal chrome.
    pub embedded: bool,
}

/// Runs page `P` on `<body>`, unless the URL's route belongs to another page: that page is
/// then loaded instead, with the same hash (`#/study/demo` given to `index.html` opens
/// `study.html#/study/demo`), before anything renders.
pub fn mount<P: PageView>() {
    if !leave_for_route_page(P::PAGE) {
        yew::Renderer::<App<P>>::new().render();
    }
}

/// Loads the page of the current hash's route when that is not `here`; whether it did.
/// The history entry is replaced, so going back skips the page that only passed it on.
fn leave_for_route_page(here: Page) -> bool {
    let hash = browser::hash();
    let page = Page::of(&Route::parse(&hash));
    if page == here {
        return false;
    }
    if let Err(e) = gloo::utils::window().location().replace(&page.url(&hash)) {
        gloo::console::error!("opening the page of the route failed", e);
        return false;
    }
    true
}

#[component]
pub fn App<P: PageView>() -> Html {
    let state =
        use_reducer(|| AppState::new(Route::parse(&browser::hash()), browser::random_seed()));
    let worker = use_mut_ref(Worker::default);
    *worker.borrow().latest.borrow_mut() = Some(state.clone());
    // Loaded as `#/embed/...`: an iframe's page for its whole life, whatever links it follows.
    let embedded = *use_state(|| crate::route::is_embed(&browser::hash()));
    use_effect_with(embedded, |&embedded| {
        let reporter = embedded.then(crate::frame::HeightReporter::start).flatten();
        move || drop(reporter)
    });
    use_effect_with(embedded && crate::frame::settled(&state), |&loaded| {
        if loaded {
            crate::frame::post_loaded();
        }
    });

    // Once: follow the URL hash and load the catalogue.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let navigate = dispatcher.clone();
            let listener = gloo::events::EventListener::new(&window, "hashchange", move |_| {
                navigate.dispatch(Action::Navigate(Route::parse(&browser::hash())));
            });
            spawn_local(async move {
                dispatcher.dispatch(Action::CatalogueLoaded(load_catalogue().await));
            });
            move || drop(listener)
        });
    }

    // Open the task the route names: its stored history at once, its files by fetch.
    {
        let dispatcher = state.dispatcher();
        let known = state
            .route
            .task()
            .is_some_and(|id| state.tasks.contains_key(id));
        use_effect_with(state.route.task().map(str::to_string), move |id| {
            if let Some(id) = id.clone()
                && !known
            {
                open_task(dispatcher, id);
            }
        });
    }

    // Keep each task's history in storage.
    {
        let histories: Vec<(String, String)> = state
            .tasks
            .iter()
            .map(|(id, t)| (id.clone(), history::to_json(&t.history)))
            .collect();
        use_effect_with(histories, |histories| {
            for (id, json) in histories {
                browser::store(&history::storage_key(id), json);
            }
        });
    }

    // Keep each task's latest result for reloads of this tab.
    {
        let results: Vec<(String, Option<Rc<str>>)> = state
            .tasks
            .iter()
            .map(|(id, t)| (id.clone(), t.graded.as_ref().map(|g| g.json.clone())))
            .collect();
        let tasks = state.tasks.clone();
        use_effect_with(results, move |results| {
            for (id, json) in results {
                if json.is_some()
                    && let Some(graded) = tasks.get(id).and_then(|t| t.graded.as_ref())
                {
                    browser::session_store(&state::result_key(id), &graded.to_stored());
                }
            }
        });
    }

    // The tab's title names the page, for history menus and screen readers.
    {
        let title = match state.route.task().and_then(|id| state.meta(id)) {
            Some(meta) => format!("{} — Replica", meta.id),
            None => "Replica — replication tasks in your browser".to_string(),
        };
        use_effect_with(title, |title| gloo::utils::document().set_title(title));
    }

    // A new page starts at its top; a case keeps the scroll so the list stays in view.
    use_effect_with(state.route.clone(), |route| {
        if !matches!(
            route,
            Route::Case { .. } | Route::Study { case: Some(_), .. }
        ) {
            gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    });

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    let command = {
        let worker = worker.clone();
        Callback::from(move |command| match command {
            Command::TryCode { .. } | Command::GradeCode { .. } => {
                P::source_command(&worker, command);
            }
            command => run_command(&worker, command),
        })
    };

    // A link to another page's route (`#/compare` followed on the main page) loads that
    // page; meanwhile this one shows that it is on its way.
    let here = Page::of(&state.route) == P::PAGE;
    use_effect_with(state.route.clone(), |_| {
        leave_for_route_page(P::PAGE);
    });
    let page = match here {
        true => P::view(&Shell {
            state: &state,
            dispatch: &dispatch,
            command: &command,
            embedded,
        }),
        false => view::loading("Opening the page…"),
    };

    if embedded {
        // Minimal chrome: the page in a root whose height is posted to the parent, and a
        // way out to the full app.
        let full = Page::of(&state.route).url(&state.route.href());
        return html! {
            <div class={crate::frame::ROOT_CLASS}>
                <main id="main" tabindex="-1">{page}</main>
                <footer class="embed-foot">
                    <a href={full} target="_blank" rel="noopener">{"Open in Replica ↗"}</a>
                    <span class="muted">{" · runs in your browser, in a WebAssembly sandbox"}</span>
                </footer>
            </div>
        };
    }

    html! {
        <>
            <a class="skip" href="#main" onclick={skip_to_main()}>{"Skip to content"}</a>
            <header class="topbar">
                <div class="topbar-inner">
                    <a class="brand" href={P::PAGE.link("#/")}>
                        <span class="brand-mark" aria-hidden="true">{"R"}</span>
                        <span>{"Replica"}</span>
                    </a>
                    <span class="tagline">{"Reproduce a program's behaviour, exactly."}</span>
                    <nav class="topnav" aria-label="Pages">
                        <a href={P::PAGE.link("#/compare")} data-testid="nav-compare"
                           aria-current={matches!(state.route, Route::Compare { .. }).then_some("page")}>{"Compare"}</a>
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1">{page}</main>
            <footer class="footer">
                {"Everything runs in your browser: references and submissions execute in a deterministic WebAssembly sandbox inside a web worker."}
            </footer>
        </>
    }
}

/// Starts tracking task `id` with its stored history and latest result, and fetches its
/// files.
fn open_task(dispatcher: UseReducerDispatcher<AppState>, id: String) {
    let stored = browser::load(&history::storage_key(&id));
    let graded = browser::session_load(&state::result_key(&id));
    dispatcher.dispatch(Action::TaskOpened {
        id: id.clone(),
        history: history::parse(stored.as_deref()),
        graded: graded.as_deref().and_then(Graded::from_stored),
    });
    spawn_local(async move {
        let files = load_task(&id).await.map(Rc::new);
        dispatcher.dispatch(Action::TaskLoaded { id, files });
    });
}

/// The skip link must not change the hash, which holds the route.
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(main) = gloo::utils::document().get_element_by_id("main") {
            use wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    })
}

fn run_command(worker: &Rc<RefCell<Worker>>, command: Command) {
    let Some(state) = worker.borrow().latest.borrow().clone() else {
        return;
    };
    let state = &state;
    match command {
        Command::Run(id) => {
            let Some(task) = state.task(&id) else { return };
            let Load::Ready(files) = &task.files else {
                return;
            };
            let form = &task.form;
            // The form shows why arguments do not split and disables Run meanwhile.
            let Ok(args) = crate::args::split(&form.args) else {
                return;
            };
            let stdin = match &form.stdin_file {
                Some((_, bytes)) => bytes.to_vec(),
                None => form.stdin.as_bytes().to_vec(),
            };
            let mut blobs = vec![files.reference.clone(), files.generator.clone(), stdin];
            blobs.extend(form.files.iter().map(|(_, bytes)| bytes.to_vec()));
            let names = form.files.iter().map(|(path, _)| path.clone()).collect();
            start(state, worker, &id, JobKind::Run, |job| Envelope {
                header: Request::Run {
                    job,
                    task: files.text.clone(),
                    args,
                    files: names,
                    env: Vec::new(),
                },
                blobs,
            });
        }
        Command::Grade {
            task: id,
            submission,
        } => match state.seed() {
            Ok(seed) => grade(state, worker, id, submission, seed, None),
            Err(error) => state.dispatch(Action::SubmissionFailed { id, error }),
        },
        Command::GradeFixed {
            task,
            submission,
            seed,
            hidden,
        } => grade(state, worker, task, submission, seed, Some(hidden)),
        Command::OpenTask(id) => {
            if !state.tasks.contains_key(&id) {
                open_task(state.dispatcher(), id);
            }
        }
        Command::GradeExample { task, name } => {
            let state = state.clone();
            let worker = worker.clone();
            spawn_local(async move {
                let url = format!("tasks/{task}/examples/{name}.wasm");
                match browser::fetch_bytes(&url).await {
                    Ok(bytes) => {
                        let submission = Submission::module(format!("example: {name}"), bytes);
                        run_command(&worker, Command::Grade { task, submission });
                    }
                    Err(error) => state.dispatch(Action::SubmissionFailed { id: task, error }),
                }
            });
        }
        Command::Cancel => {
            // Dropping the bridge terminates the worker mid-run; the next job spawns a
            // fresh one, which needs nothing but the request. A C compile under way stops
            // the same way.
            worker.borrow().bridge.borrow_mut().take();
            crate::editor::cancel_compile();
            state.dispatch(Action::Cancelled);
        }
        // The page's own (see `PageView::source_command`).
        Command::TryCode { .. } | Command::GradeCode { .. } => {}
        Command::DownloadReport(id) => {
            if let Some(graded) = state.task(&id).and_then(|t| t.graded.as_ref()) {
                let report = &graded.report;
                let name = format!("replica-{}-seed{}.json", report.task.id, report.seed);
                // The CLI prints the JSON and a newline; the file holds the same bytes.
                browser::download(&name, &format!("{}\n", graded.json), "application/json");
            }
        }
        Command::Rerun {
            task,
            wasm,
            name,
            seed,
            hidden,
        } => rerun(worker, task, wasm, name, seed, hidden),
    }
}

/// Opens the task, loads its files and the module, then grades with the given options.
/// The files are loaded here, not through the state, because the shared report's page
/// does not open the task until now.
fn rerun(
    worker: &Rc<RefCell<Worker>>,
    id: String,
    wasm: String,
    name: String,
    seed: u64,
    hidden: u32,
) {
    let Some(state) = worker.borrow().latest.borrow().clone() else {
        return;
    };
    let stored = browser::load(&history::storage_key(&id));
    state.dispatch(Action::TaskOpened {
        id: id.clone(),
        history: history::parse(stored.as_deref()),
        graded: None,
    });
    let worker = worker.clone();
    spawn_local(async move {
        let loaded = async {
            let files = load_task(&id).await?;
            let bytes = browser::fetch_bytes(&wasm).await?;
            Ok::<_, String>((files, bytes))
        };
        let (files, bytes) = match loaded.await {
            Ok(loaded) => loaded,
            Err(error) => {
                state.dispatch(Action::SubmissionFailed { id, error });
                return;
            }
        };
        let Some(state) = worker.borrow().latest.borrow().clone() else {
            return;
        };
        state.dispatch(Action::SetSubmission {
            id: id.clone(),
            submission: Submission::module(name, bytes.clone()),
        });
        start(&state, &worker, &id, JobKind::Grade, |job| Envelope {
            header: Request::Grade {
                job,
                task: files.text,
                seed,
                hidden: Some(hidden),
                program: Program::Wasm,
            },
            blobs: vec![files.reference, files.generator, bytes],
        });
    });
}

/// Grades `submission` of task `id` with `seed` and `hidden` (`None`: the task's).
fn grade(
    state: &UseReducerHandle<AppState>,
    worker: &Rc<RefCell<Worker>>,
    id: String,
    submission: Submission,
    seed: u64,
    hidden: Option<u32>,
) {
    let Some(Load::Ready(files)) = state.task(&id).map(|t| &t.files) else {
        return;
    };
    let files = files.clone();
    let bytes = submission.bytes.to_vec();
    let program = submission.program.clone();
    state.dispatch(Action::SetSubmission {
        id: id.clone(),
        submission,
    });
    start(state, worker, &id, JobKind::Grade, |job| Envelope {
        header: Request::Grade {
            job,
            task: files.text.clone(),
            seed,
            hidden,
            program,
        },
        blobs: vec![files.reference.clone(), files.generator.clone(), bytes],
    });
}

/// Runs the code editor's Run and Grade of a program written in a language (the code
/// page's [`PageView::source_command`]).
pub fn run_source_command(worker: &Rc<RefCell<Worker>>, command: Command) {
    let Some(state) = worker.borrow().latest.borrow().clone() else {
        return;
    };
    let state = &state;
    match command {
        Command::TryCode {
            task,
            language,
            text,
        } => try_code(state, worker, task, language, text),
        Command::GradeCode {
            task,
            name,
            language,
            source,
            fixed,
        } => grade_code(state, worker, task, name, language, source, fixed),
        _ => {}
    }
}

/// Why a program cannot be run or graded before anything starts: an empty editor, or a
/// program over [`replica_judge::runtimes::MAX_SOURCE_BYTES`] (which the worker's judge
/// and the CLI grade CE with the same words).
fn refuse(source: &[u8]) -> Option<String> {
    if let Some(why) = replica_judge::runtimes::too_large(source.len()) {
        return Some(format!("Not run: {why}."));
    }
    source
        .iter()
        .all(u8::is_ascii_whitespace)
        .then(|| "The program is empty: write some code first (the starter is one click away: \"Start over\").".to_string())
}

/// Grades a program in `language`: Python and JavaScript go to the worker as source, C
/// is compiled in the page first (then graded as a module, or as CE with clang's message).
fn grade_code(
    state: &UseReducerHandle<AppState>,
    worker: &Rc<RefCell<Worker>>,
    id: String,
    name: String,
    language: Language,
    source: Rc<Vec<u8>>,
    fixed: Option<(u64, u32)>,
) {
    if let Some(error) = refuse(&source) {
        state.dispatch(Action::SubmissionFailed { id, error });
        return;
    }
    let (seed, hidden) = match fixed {
        Some((seed, hidden)) => (seed, Some(hidden)),
        None => match state.seed() {
            Ok(seed) => (seed, None),
            Err(error) => {
                state.dispatch(Action::SubmissionFailed { id, error });
                return;
            }
        },
    };
    let text: Rc<str> = String::from_utf8_lossy(&source).into();
    let submission = Submission {
        name,
        bytes: source.clone(),
        source: Some(SourceText {
            language,
            text: text.clone(),
        }),
        program: Program::Source {
            language: language.name().to_string(),
        },
    };
    if language.has_runtime() {
        grade(state, worker, id, submission, seed, hidden);
        return;
    }
    let Some(Load::Ready(files)) = state.task(&id).map(|t| t.files.clone()) else {
        return;
    };
    let Some(job) = begin(state, worker, &id, JobKind::Grade) else {
        return;
    };
    state.dispatch(Action::SetSubmission {
        id: id.clone(),
        submission,
    });
    let worker = worker.clone();
    spawn_local(async move {
        let Some((program, blob)) = compile(&worker, job, &text, &source).await else {
            return;
        };
        post(&worker, job, |job| Envelope {
            header: Request::Grade {
                job,
                task: files.text.clone(),
                seed,
                hidden,
                program,
            },
            blobs: vec![files.reference.clone(), files.generator.clone(), blob],
        });
    });
}

/// Runs a program and the reference on the form's input (C compiled first).
fn try_code(
    state: &UseReducerHandle<AppState>,
    worker: &Rc<RefCell<Worker>>,
    id: String,
    language: Language,
    text: Rc<str>,
) {
    let Some(task) = state.task(&id) else { return };
    let Load::Ready(files) = task.files.clone() else {
        return;
    };
    let source = text.as_bytes().to_vec();
    let Some(job) = begin(state, worker, &id, JobKind::Try) else {
        return;
    };
    if let Some(error) = refuse(&source) {
        state.dispatch(Action::JobFailed { job, error });
        return;
    }
    let form = &task.form;
    let Ok(args) = crate::args::split(&form.args) else {
        state.dispatch(Action::JobFailed {
            job,
            error: "The arguments do not split: see the message under them.".into(),
        });
        return;
    };
    let stdin = match &form.stdin_file {
        Some((_, bytes)) => bytes.to_vec(),
        None => form.stdin.as_bytes().to_vec(),
    };
    let mut blobs = vec![files.reference.clone(), files.generator.clone(), stdin];
    blobs.extend(form.files.iter().map(|(_, bytes)| bytes.to_vec()));
    let names: Vec<String> = form.files.iter().map(|(path, _)| path.clone()).collect();
    let worker = worker.clone();
    spawn_local(async move {
        let (program, blob) = if language.has_runtime() {
            let language = language.name().to_string();
            (Program::Source { language }, source)
        } else {
            match compile(&worker, job, &text, &source).await {
                Some(compiled) => compiled,
                None => return,
            }
        };
        blobs.push(blob);
        post(&worker, job, |job| Envelope {
            header: Request::Try {
                job,
                task: files.text.clone(),
                args,
                files: names,
                program,
            },
            blobs,
        });
    });
}

/// Compiles C for job `job`, showing the compiler's download: the program to send and its
/// blob (the module, or the source with clang's message), or `None` when the job ended
/// meanwhile (cancelled, or the compiler failed, which ends it with the reason).
async fn compile(
    worker: &Rc<RefCell<Worker>>,
    job: u32,
    text: &str,
    source: &[u8],
) -> Option<(Program, Vec<u8>)> {
    let dispatcher = worker.borrow().latest.borrow().as_ref()?.dispatcher();
    dispatcher.dispatch(Action::Stage {
        job,
        stage: Stage::Compiling { done: 0, total: 0 },
    });
    let on_progress = {
        let dispatcher = dispatcher.clone();
        move |done, total| {
            dispatcher.dispatch(Action::Stage {
                job,
                stage: Stage::Compiling { done, total },
            })
        }
    };
    let compiled = crate::editor::compile_c(text, on_progress).await;
    let current = worker
        .borrow()
        .latest
        .borrow()
        .as_ref()
        .and_then(|s| s.job.as_ref().map(|j| j.id))
        == Some(job);
    if !current {
        return None;
    }
    let language = Language::C.name().to_string();
    match compiled {
        Ok(crate::editor::CompiledC {
            result: Ok(wasm),
            compiler,
        }) => Some((Program::Compiled { language, compiler }, wasm)),
        Ok(crate::editor::CompiledC {
            result: Err(message),
            compiler,
        }) => Some((
            Program::CompileError {
                language,
                compiler,
                message,
            },
            source.to_vec(),
        )),
        Err(error) => {
            dispatcher.dispatch(Action::JobFailed { job, error });
            None
        }
    }
}

/// Posts the request `make(job)` under a fresh job id, spawning the worker if needed.
fn start(
    state: &UseReducerHandle<AppState>,
    worker: &Rc<RefCell<Worker>>,
    task: &str,
    kind: JobKind,
    make: impl FnOnce(u32) -> Envelope<Request>,
) {
    if let Some(job) = begin(state, worker, task, kind) {
        post(worker, job, make);
    }
}

/// Starts a job of `kind` for `task` under a fresh id, unless one runs.
fn begin(
    state: &UseReducerHandle<AppState>,
    worker: &Rc<RefCell<Worker>>,
    task: &str,
    kind: JobKind,
) -> Option<u32> {
    if state.job.is_some() {
        return None;
    }
    let worker_ref = worker.borrow();
    let job = worker_ref.last_job.get() + 1;
    worker_ref.last_job.set(job);
    state.dispatch(Action::JobStarted {
        id: job,
        task: task.to_string(),
        kind,
    });
    Some(job)
}

/// Posts `make(job)` to the worker, spawning it if needed.
fn post(worker: &Rc<RefCell<Worker>>, job: u32, make: impl FnOnce(u32) -> Envelope<Request>) {
    let Some(state) = worker.borrow().latest.borrow().clone() else {
        return;
    };
    let worker_ref = worker.borrow();
    if worker_ref.bridge.borrow().is_none() {
        match spawn_worker(&state, worker) {
            Ok(bridge) => *worker_ref.bridge.borrow_mut() = Some(bridge),
            Err(e) => {
                state.dispatch(Action::WorkerCrashed(format!(
                    "the worker did not start: {e}"
                )));
                return;
            }
        }
    }
    if let Some(bridge) = &*worker_ref.bridge.borrow() {
        bridge.post(&make(job));
    }
}

fn spawn_worker(
    state: &UseReducerHandle<AppState>,
    worker: &Rc<RefCell<Worker>>,
) -> Result<WorkerBridge, String> {
    let on_reply = {
        let dispatcher = state.dispatcher();
        Callback::from(move |reply| {
            dispatcher.dispatch(Action::Reply {
                reply,
                now: browser::now(),
            })
        })
    };
    let on_crash = {
        let dispatcher = state.dispatcher();
        let worker = worker.clone();
        Callback::from(move |why: String| {
            dispatcher.dispatch(Action::WorkerCrashed(why));
            // A worker whose wasm panicked is unusable. It is dropped after this event
            // handler returns, since the handler belongs to it.
            let worker = worker.clone();
            spawn_local(async move {
                worker.borrow().bridge.borrow_mut().take();
            });
        })
    };
    WorkerBridge::spawn(on_reply, on_crash)
}

/// Reads `tasks/index.json` and every task's `task.toml`.
async fn load_catalogue() -> Result<Vec<TaskMeta>, String> {
    let index = browser::fetch_text("tasks/index.json").await?;
    let index: Index =
        serde_json::from_str(&index).map_err(|e| format!("tasks/index.json: {e}"))?;
    let mut tasks = Vec::new();
    for entry in index.tasks {
        let file = format!("tasks/{}/task.toml", entry.id);
        let toml = browser::fetch_text(&file).await?;
        let task = replica_judge::task::Task::parse(&toml, &file).map_err(|e| e.to_string())?;
        tasks.push(TaskMeta::new(&task, entry.examples));
    }
    Ok(tasks)
}

#[derive(serde::Deserialize)]
struct Index {
    tasks: Vec<IndexEntry>,
}

#[derive(serde::Deserialize)]
struct IndexEntry {
    id: String,
    #[serde(default)]
    examples: Vec<String>,
}

/// Fetches what the worker needs of task `id`.
async fn load_task(id: &str) -> Result<TaskFiles, String> {
    let base = format!("tasks/{id}");
    let task_toml = browser::fetch_text(&format!("{base}/task.toml")).await?;
    let spec = browser::fetch_text(&format!("{base}/spec.md")).await?;
    let reference = browser::fetch_bytes(&format!("{base}/reference.wasm")).await?;
    let generator = browser::fetch_bytes(&format!("{base}/generator.wasm")).await?;
    Ok(TaskFiles {
        text: crate::protocol::TaskText {
            id: id.to_string(),
            task_toml,
            spec,
        },
        reference,
        generator,
    })
}
