//! The views of each page of the site ([`Page`]), one [`PageView`] per binary in
//! `src/bin/`: `index.html` runs [`Main`], `study.html` [`Study`], `compare.html`
//! [`Compare`], `code.html` [`Code`] (a task's code editor tab). Each binary links only the views its page names, which keeps the study
//! and compare pages (and `replica-compare`, `replica-record` and the study's IndexedDB
//! code) out of the first page's wasm.

use yew::prelude::*;

use crate::app::{PageView, Shell};
use crate::route::{Page, Route};
use crate::state::Load;
use crate::view;

/// The main page: the catalogue, task pages and shared reports.
#[derive(Debug)]
pub struct Main;

impl PageView for Main {
    const PAGE: Page = Page::Main;

    fn view(shell: &Shell<'_>) -> Html {
        let Shell {
            state,
            dispatch,
            command,
            embedded,
        } = shell;
        match &state.route {
            Route::Catalogue => {
                html! { <view::catalogue::Catalogue catalogue={state.catalogue.clone()} /> }
            }
            Route::Task { id, .. } | Route::Case { id, .. } => {
                task_view(shell, id, |_, _| Html::default())
            }
            Route::Report(route) => html! {
                <view::embed::SharedReport
                    route={route.clone()}
                    tasks={state.tasks.clone()}
                    job={state.job.clone()}
                    failing_only={state.failing_only}
                    embedded={*embedded}
                    dispatch={(*dispatch).clone()}
                    command={(*command).clone()}
                />
            },
            Route::Invalid { path, why } => {
                view::failure(&format!("The link “#/{path}” cannot be opened"), why)
            }
            Route::NotFound(path) => view::not_found(&format!("Nothing lives at “#/{path}”.")),
            // Other pages' routes never reach this page's view (see `app::App`).
            Route::Study { .. } | Route::Dashboard { .. } | Route::Compare { .. } => {
                view::loading("Opening the page…")
            }
        }
    }
}

/// A task's page, with `code(meta, task)` as the content of its "Write code" tab.
fn task_view(
    shell: &Shell<'_>,
    id: &str,
    code: impl FnOnce(&crate::state::TaskMeta, &crate::state::TaskState) -> Html,
) -> Html {
    let Shell {
        state,
        dispatch,
        command,
        ..
    } = shell;
    match (&state.catalogue, state.task(id)) {
        (Load::Failed(e), _) => view::failure("The task pack did not load", e),
        (Load::Loading, _) | (_, None) => view::loading("Loading the task…"),
        (Load::Ready(_), Some(task)) => match state.meta(id) {
            None => view::not_found(&format!("There is no task “{id}”.")),
            Some(meta) => html! {
                <view::task::TaskPage
                    meta={meta.clone()}
                    task={task.clone()}
                    route={state.route.clone()}
                    job={state.job.clone()}
                    seed={state.seed.clone()}
                    failing_only={state.failing_only}
                    dispatch={(*dispatch).clone()}
                    command={(*command).clone()}
                >
                    {code(meta, task)}
                </view::task::TaskPage>
            },
        },
    }
}

/// The code editor's page (`#/task/<id>/code`, `code.html`): the task page with the
/// "Write code" tab, a page of its own so that the main page carries neither the editor's
/// view nor its logic (the editor itself, CodeMirror, is JavaScript loaded on first use).
#[derive(Debug)]
pub struct Code;

impl PageView for Code {
    const PAGE: Page = Page::Code;

    fn source_command(
        worker: &std::rc::Rc<std::cell::RefCell<crate::app::Worker>>,
        command: crate::app::Command,
    ) {
        crate::app::run_source_command(worker, command);
    }

    fn view(shell: &Shell<'_>) -> Html {
        let Shell {
            state,
            dispatch,
            command,
            ..
        } = shell;
        match &state.route {
            Route::Task { id, .. } => task_view(shell, id, |meta, task| {
                html! {
                    <view::code::CodePanel
                        meta={meta.clone()}
                        task={task.clone()}
                        job={state.job.clone()}
                        seed={state.seed.clone()}
                        dispatch={(*dispatch).clone()}
                        command={(*command).clone()}
                    />
                }
            }),
            _ => view::loading("Opening the page…"),
        }
    }
}

/// The study page (`#/study/<id>?participant=<p>`).
#[derive(Debug)]
pub struct Study;

impl PageView for Study {
    const PAGE: Page = Page::Study;

    /// A study's "Write code" tab runs and grades programs like the code page.
    fn source_command(
        worker: &std::rc::Rc<std::cell::RefCell<crate::app::Worker>>,
        command: crate::app::Command,
    ) {
        crate::app::run_source_command(worker, command);
    }

    fn view(shell: &Shell<'_>) -> Html {
        let state = shell.state;
        match &state.route {
            Route::Study {
                id,
                participant,
                case,
            } => html! {
                // Keyed: another study or participant is a fresh page, not a reused one.
                <view::study::StudyPage
                    key={format!("{id}?{participant:?}")}
                    id={id.clone()}
                    participant={participant.clone()}
                    case={*case}
                    app={state.clone()}
                    dispatch={shell.dispatch.clone()}
                    command={shell.command.clone()}
                />
            },
            Route::Dashboard { id } => html! {
                <view::dashboard::Dashboard key={id.clone()} id={id.clone()} />
            },
            _ => view::loading("Opening the page…"),
        }
    }
}

/// The compare page (`#/compare?src=…`).
#[derive(Debug)]
pub struct Compare;

impl PageView for Compare {
    const PAGE: Page = Page::Compare;

    fn view(shell: &Shell<'_>) -> Html {
        match &shell.state.route {
            Route::Compare { sources } => {
                html! { <view::compare::ComparePage sources={sources.clone()} /> }
            }
            _ => view::loading("Opening the page…"),
        }
    }
}
