//! The views of each page of the site ([`Page`]), one [`PageView`] per binary in
//! `src/bin/`: `index.html` runs [`Main`], `study.html` [`Study`], `compare.html`
//! [`Compare`]. Each binary links only the views its page names, which keeps the study
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
                            />
                        },
                    },
                }
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

/// The study page (`#/study/<id>?participant=<p>`).
#[derive(Debug)]
pub struct Study;

impl PageView for Study {
    const PAGE: Page = Page::Study;

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
