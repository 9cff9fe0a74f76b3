//! "Write code": the code editor (CodeMirror, loaded on first use, see
//! [`crate::editor`]), a language picker, the run input, "Run" (your program beside the
//! reference, with the diff) and "Grade" (in the worker, like an uploaded module).
//!
//! Drafts live in local storage per task and language (`replica.draft.<task>.<language>`)
//! and the language per task (`replica.language.<task>`), so a reload keeps both. The
//! editor itself is JavaScript: this component owns it through an [`Editor`] handle and
//! never renders inside its host element.

use std::cell::RefCell;
use std::rc::Rc;

use replica_judge::runtimes::Language;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::app::Command;
use crate::browser;
use crate::editor::{self, Callbacks, Editor};
use crate::history;
use crate::route::{Route, Tab};
use crate::starter::{self, TaskInfo};
use crate::state::{Action, Job, JobKind, SourceText, TaskMeta, TaskState, Tried};
use crate::view::{self, Bytes};

#[derive(Debug, Properties, PartialEq)]
pub struct CodePanelProps {
    pub meta: TaskMeta,
    pub task: TaskState,
    pub job: Option<Job>,
    pub seed: String,
    pub dispatch: Callback<Action>,
    pub command: Callback<Command>,
    /// A study's fixed seed and hidden count: "Grade" uses them, and the seed is not shown.
    #[prop_or_default]
    pub fixed: Option<(u64, u32)>,
}

/// The storage key of a task's draft in a language.
pub fn draft_key(task: &str, language: Language) -> String {
    format!("replica.draft.{task}.{}", language.name())
}

/// The storage key of the language a task's editor shows.
pub fn language_key(task: &str) -> String {
    format!("replica.language.{task}")
}

/// The editor's state that lives outside Yew's: the JavaScript editor, the callbacks it
/// holds, and what they need to know.
#[derive(Debug, Default)]
struct Live {
    editor: Option<Editor>,
    callbacks: Option<Callbacks>,
    language: Option<Language>,
    /// Bumped when the component goes, so an editor that finishes loading later is not
    /// created into a host that no longer shows.
    generation: u32,
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

fn stored_language(task: &str) -> Language {
    browser::load(&language_key(task))
        .and_then(|name| Language::from_name(&name))
        .unwrap_or(Language::Python)
}

fn info(meta: &TaskMeta) -> TaskInfo<'_> {
    TaskInfo {
        id: &meta.id,
        title: &meta.title,
        program: &meta.program,
        files: meta.compare.iter().any(|c| c == "files"),
    }
}

/// The draft of `task` in `language`, or its starter.
fn draft_or_starter(meta: &TaskMeta, language: Language) -> String {
    browser::load(&draft_key(&meta.id, language))
        .unwrap_or_else(|| starter::text(language, info(meta)))
}

#[component]
pub fn CodePanel(props: &CodePanelProps) -> Html {
    let id = props.meta.id.clone();
    let host = use_node_ref();
    let live = use_mut_ref(Live::default);
    let status = use_state(|| Status::Loading);
    let language = use_state(|| stored_language(&id));
    // Why the draft could not be saved (too large for the browser's storage).
    let unsaved = use_state(|| None::<String>);
    // Why the editor refused the last edit (it would make the program too large).
    let refused = use_state(|| None::<String>);

    // Reads the editor's text and asks for a run or a grade: Ctrl-Enter, Ctrl-Shift-Enter
    // and the buttons all go through these.
    let run_now = {
        let (live, command, id) = (live.clone(), props.command.clone(), id.clone());
        Rc::new(move || {
            let live = live.borrow();
            if let (Some(editor), Some(language)) = (&live.editor, live.language) {
                command.emit(Command::TryCode {
                    task: id.clone(),
                    language,
                    text: editor.doc().into(),
                });
            }
        })
    };
    let grade_now = {
        let (live, command, id, fixed) =
            (live.clone(), props.command.clone(), id.clone(), props.fixed);
        Rc::new(move || {
            let live = live.borrow();
            if let (Some(editor), Some(language)) = (&live.editor, live.language) {
                command.emit(Command::GradeCode {
                    task: id.clone(),
                    name: language.file_name().to_string(),
                    language,
                    source: Rc::new(editor.doc().into_bytes()),
                    fixed,
                });
            }
        })
    };

    // Create the editor once the script is there; destroy it when the tab goes.
    {
        let (live, status, host, unsaved, refused) = (
            live.clone(),
            status.clone(),
            host.clone(),
            unsaved.clone(),
            refused.clone(),
        );
        let (meta, language) = (props.meta.clone(), *language);
        let (run_now, grade_now) = (run_now.clone(), grade_now.clone());
        use_effect_with(id.clone(), move |_| {
            let generation = live.borrow().generation;
            {
                let live = live.clone();
                spawn_local(async move {
                    if let Err(e) = editor::load().await {
                        status.set(Status::Failed(e));
                        return;
                    }
                    if live.borrow().generation != generation {
                        return;
                    }
                    let Some(parent) = host.cast::<web_sys::Element>() else {
                        return;
                    };
                    let callbacks =
                        callbacks(&meta.id, &live, unsaved, refused, run_now, grade_now);
                    let doc = draft_or_starter(&meta, language);
                    let label = format!("{} program for {}", language.title(), meta.id);
                    match editor::create(&parent, &doc, language.name(), &label, &callbacks) {
                        Ok(editor) => {
                            let mut live = live.borrow_mut();
                            live.editor = Some(editor);
                            live.callbacks = Some(callbacks);
                            live.language = Some(language);
                            status.set(Status::Ready);
                        }
                        Err(e) => status.set(Status::Failed(e)),
                    }
                });
            }
            move || {
                // Destroying the editor reports a pending edit to `on_change`, which reads
                // `live`: no borrow may be held meanwhile. (One was: a tab clicked within
                // the edit's 250 ms debounce panicked here, and the page, stopped, never
                // left for the tab's page.)
                let editor = {
                    let mut live = live.borrow_mut();
                    live.generation += 1;
                    live.editor.take()
                };
                if let Some(editor) = editor {
                    editor.destroy();
                }
                live.borrow_mut().callbacks = None;
            }
        });
    }

    // An attempt the history handed over (`history::reopen_key`): taken once, when the
    // editor is ready, and put in like any reopened program below.
    {
        let (dispatch, id) = (props.dispatch.clone(), props.meta.id.clone());
        let ready = *status == Status::Ready;
        use_effect_with(ready, move |ready| {
            let key = history::reopen_key(&id);
            if let (true, Some(stored)) = (*ready, browser::session_load(&key)) {
                browser::session_remove(&key);
                if let Some((language, text)) = history::parse_handoff(&stored) {
                    dispatch.emit(Action::Reopen {
                        id,
                        source: SourceText {
                            language,
                            text: text.into(),
                        },
                    });
                }
            }
        });
    }

    // An attempt reopened from the history: one undoable change, in its language.
    {
        let (live, language, dispatch, meta) = (
            live.clone(),
            language.clone(),
            props.dispatch.clone(),
            props.meta.clone(),
        );
        let ready = *status == Status::Ready;
        use_effect_with(
            (ready, props.task.reopen.clone()),
            move |(ready, reopen)| {
                if let (true, Some(source)) = (*ready, reopen) {
                    switch_language(&live, &meta, source.language);
                    language.set(source.language);
                    if let Some(editor) = &live.borrow().editor {
                        editor.set_doc(&source.text);
                        editor.focus();
                    }
                    dispatch.emit(Action::Reopened(meta.id.clone()));
                }
            },
        );
    }

    let on_language = {
        let (live, language, meta) = (live.clone(), language.clone(), props.meta.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(picked) = Language::from_name(&select.value()) {
                switch_language(&live, &meta, picked);
                language.set(picked);
            }
        })
    };
    let on_reset = {
        let (live, meta) = (live.clone(), props.meta.clone());
        Callback::from(move |_: MouseEvent| {
            let live = live.borrow();
            if let (Some(editor), Some(language)) = (&live.editor, live.language) {
                editor.set_doc(&starter::text(language, info(&meta)));
                editor.focus();
            }
        })
    };
    let on_run = {
        let run_now = run_now.clone();
        Callback::from(move |_: MouseEvent| run_now())
    };
    let on_grade = {
        let grade_now = grade_now.clone();
        Callback::from(move |_: MouseEvent| grade_now())
    };
    let on_cancel = {
        let command = props.command.clone();
        Callback::from(move |_: MouseEvent| command.emit(Command::Cancel))
    };

    let busy = props.job.is_some();
    let ours = props.job.as_ref().filter(|j| j.task == id);
    let trying = ours.filter(|j| j.kind == JobKind::Try);
    let grading = ours.filter(|j| j.kind == JobKind::Grade);
    let ready = *status == Status::Ready;
    let options = Language::ALL.iter().map(|l| {
        html! {
            <option value={l.name()} selected={*l == *language}>{l.title()}</option>
        }
    });
    let on_seed = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::SetSeed(input.value()));
        })
    };
    let seed_line = match props.fixed {
        Some((seed, hidden)) => {
            html! { <span class="help">{format!("Graded with seed {seed} and {hidden} hidden cases.")}</span> }
        }
        None => {
            let help = match props.seed.trim().parse::<u64>() {
                Ok(seed) => format!(
                    "The CLI gives the same report: replica grade {id} {} --seed {seed} --json",
                    language.file_name()
                ),
                Err(_) => "The seed must be a whole number.".to_string(),
            };
            html! {
                <>
                    <label for="code-seed" class="inline-label">{"Seed"}</label>
                    <input id="code-seed" class="mono seed-small" type="text" inputmode="numeric"
                           value={props.seed.clone()} oninput={on_seed} disabled={busy}
                           data-testid="code-seed" />
                    <span class="help">{help}</span>
                </>
            }
        }
    };
    let history_href = Route::Task {
        id: id.clone(),
        tab: Tab::History,
    }
    .href();

    html! {
        <div class="code-layout">
            <section class="card code" aria-label="Your program">
                <div class="code-head">
                    <h2>{"Your program"}</h2>
                    <label for="code-language" class="inline-label">{"Language"}</label>
                    <select id="code-language" onchange={on_language} disabled={!ready}
                            data-testid="code-language">
                        {for options}
                    </select>
                    <span class="mono muted">{language.file_name()}</span>
                    <button type="button" class="btn small ghost" onclick={on_reset} disabled={!ready}>
                        {"Start over"}
                    </button>
                </div>
                <div class="editor-host" ref={host} data-testid="editor"
                     data-ready={ready.to_string()} data-language={language.name()} />
                {match &*status {
                    Status::Loading => html! { <p class="muted" role="status">{"Loading the editor…"}</p> },
                    Status::Failed(e) => html! { <div class="alert" role="alert">{format!("The editor did not load: {e}")}</div> },
                    Status::Ready => html! {
                        <p class="help">{"Tab indents; Esc then Tab moves on. Ctrl-Enter runs, Ctrl-Shift-Enter grades. Your draft is kept in this browser, per language."}</p>
                    },
                }}
                if let Some(why) = &*unsaved {
                    <p class="field-error" role="alert" data-testid="draft-unsaved">{why}</p>
                }
                if let Some(why) = &*refused {
                    <p class="field-error" role="alert" data-testid="editor-refused">{why}</p>
                }
                <div class="actions">
                    <button type="button" class="btn secondary" onclick={on_run} disabled={busy || !ready}
                            data-testid="code-run">
                        {if trying.is_some() { "Running…" } else { "Run" }}
                    </button>
                    <button type="button" class="btn primary" onclick={on_grade} disabled={busy || !ready}
                            data-testid="code-grade">
                        {if grading.is_some() { "Grading…" } else { "Grade" }}
                    </button>
                    {seed_line}
                </div>
                if let Some(job) = ours {
                    {crate::view::submit::progress(job, Some(language.file_name()), on_cancel)}
                }
                if let Some(notice) = &props.task.notice {
                    <div class="alert" role="alert" data-testid="code-notice">{notice}</div>
                }
                if props.fixed.is_none() {
                    <p class="muted small">{"Every graded program is kept in the "}
                        <a href={history_href}>{"History"}</a>{", with its source."}</p>
                }
            </section>
            <form class="card form code-input" aria-label="Input for Run"
                  onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <h2>{"Input for Run"}</h2>
                <view::run::InputFields id={id.clone()} program={props.meta.program.clone()}
                    form={props.task.form.clone()} dispatch={props.dispatch.clone()} prefix="code" />
            </form>
            <section class="card tried" aria-live="polite" aria-label="Your program beside the reference">
                <h2>{"Your program beside the reference"}</h2>
                {match &props.task.tried {
                    None => html! { <p class="muted">{"Run your program to see its output beside the reference's, on the input above."}</p> },
                    Some(Err(e)) => html! { <div class="alert" role="alert" data-testid="tried-error">{e}</div> },
                    Some(Ok(tried)) => tried_view(tried),
                }}
            </section>
        </div>
    }
}

/// Switches the editor to `language`, showing its draft (or starter), and remembers it.
/// The editor calls `on_change` (which reads `live`) from `flush`, so no borrow of `live`
/// is held while it runs.
fn switch_language(live: &Rc<RefCell<Live>>, meta: &TaskMeta, language: Language) {
    let editor = {
        let live = live.borrow();
        if live.language == Some(language) {
            return;
        }
        live.editor.clone()
    };
    if let Some(editor) = editor {
        // Saves the current draft, under its language, before the language changes.
        editor.flush();
        editor.set_language(language.name(), &draft_or_starter(meta, language));
    }
    live.borrow_mut().language = Some(language);
    browser::store(&language_key(&meta.id), language.name());
}

/// What the editor calls: changes save the draft of the language it shows (and clear a
/// refusal); a refused edit says why.
fn callbacks(
    task: &str,
    live: &Rc<RefCell<Live>>,
    unsaved: UseStateHandle<Option<String>>,
    refused: UseStateHandle<Option<String>>,
    run_now: Rc<dyn Fn()>,
    grade_now: Rc<dyn Fn()>,
) -> Callbacks {
    let on_too_large = {
        let refused = refused.clone();
        Closure::<dyn FnMut(f64)>::new(move |bytes: f64| {
            refused.set(Some(refused_message(bytes as usize)));
        })
    };
    let on_change = {
        let (task, live) = (task.to_string(), Rc::downgrade(live));
        Closure::<dyn FnMut(String)>::new(move |text: String| {
            let Some(language) = live.upgrade().and_then(|l| l.borrow().language) else {
                return;
            };
            refused.set(None);
            match browser::try_store(&draft_key(&task, language), &text) {
                Ok(()) => unsaved.set(None),
                Err(_) => unsaved.set(Some(format!(
                    "This program ({}) is too large for the browser to keep as a draft; it is graded as usual, but a reload would lose it.",
                    view::size(text.len() as u64)
                ))),
            }
        })
    };
    Callbacks {
        on_change,
        on_too_large,
        on_run: Closure::<dyn FnMut()>::new(move || run_now()),
        on_grade: Closure::<dyn FnMut()>::new(move || grade_now()),
    }
}

/// What the page says of an edit the editor refused: the judge's and CLI's words.
pub fn refused_message(bytes: usize) -> String {
    let why = replica_judge::runtimes::too_large(bytes).unwrap_or_default();
    format!("The editor refused that edit, and your program is as it was: {why}.")
}

fn tried_view(tried: &Tried) -> Html {
    let summary = match (&tried.compile_error, tried.verdict.as_deref()) {
        (Some(_), _) => {
            html! { <span class="pill bad" data-testid="tried-verdict">{"did not compile"}</span> }
        }
        (None, Some("AC")) => {
            html! { <span class="pill ok" data-testid="tried-verdict">{"same as the reference"}</span> }
        }
        (None, Some(verdict)) => {
            let what = match tried.channels.is_empty() {
                true => verdict.to_string(),
                false => format!("{verdict}: {} differ", tried.channels.join(", ")),
            };
            html! { <span class="pill warn" data-testid="tried-verdict" data-verdict={verdict.to_string()}>{what}</span> }
        }
        (None, None) => html! {},
    };
    let cut = |bytes: &[u8], total: u64| {
        (total > bytes.len() as u64).then(|| {
            html! { <p class="muted small">{format!("(the first {} of {} shown)", view::size(bytes.len() as u64), view::size(total))}</p> }
        })
    };
    html! {
        <div class="tried-result">
            <p class="status-line">{summary}</p>
            if let Some(message) = &tried.compile_error {
                <pre class="out compile-error" data-testid="tried-compile-error">{message}</pre>
            }
            <div class="side-by-side">
                <div class="side" data-testid="tried-reference">
                    <h3>{"Reference"}</h3>
                    {view::run::output(&tried.reference)}
                </div>
                <div class="side" data-testid="tried-program">
                    <h3>{"Yours"}</h3>
                    {match &tried.program {
                        Some(out) => html! {
                            <>
                                {view::run::output(out)}
                                {for cut(&out.stdout, tried.program_sizes.0)}
                                {for cut(&out.stderr, tried.program_sizes.1)}
                            </>
                        },
                        None => html! { <Bytes bytes={Vec::new()} empty="(not run)" /> },
                    }}
                </div>
            </div>
            if let Some(diff) = &tried.diff {
                <h3>{"How they differ"}</h3>
                <div data-testid="tried-diff">{crate::view::report::diffs(diff)}</div>
            }
        </div>
    }
}
