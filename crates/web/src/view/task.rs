//! A task's page: its header, the tabs, and the tab's content.

use yew::prelude::*;

use crate::app::Command;
use crate::markdown;
use crate::route::{Route, Tab};
use crate::state::{Action, Job, Load, TaskMeta, TaskState};
use crate::view;

#[derive(Debug, Properties, PartialEq)]
pub struct TaskPageProps {
    pub meta: TaskMeta,
    pub task: TaskState,
    pub route: Route,
    pub job: Option<Job>,
    pub seed: String,
    pub failing_only: bool,
    pub dispatch: Callback<Action>,
    pub command: Callback<Command>,
    /// The "Write code" tab's content: the code page (`code.html`) gives the editor; the
    /// main page, which never shows that tab, nothing.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn TaskPage(props: &TaskPageProps) -> Html {
    let meta = &props.meta;
    let current = props.route.tab().unwrap_or(Tab::Spec);
    let tabs = Tab::ALL.iter().map(|&tab| {
        let href = Route::Task {
            id: meta.id.clone(),
            tab,
        }
        .href();
        let selected = tab == current;
        let badge = match tab {
            Tab::History if !props.task.history.is_empty() => {
                html! { <span class="count">{props.task.history.len()}</span> }
            }
            _ => html! {},
        };
        html! {
            <a class={classes!("tab", selected.then_some("selected"))} href={href}
               aria-current={selected.then_some("page")} data-tab={tab.label()}>
                {tab.label()}{badge}
            </a>
        }
    });
    let content = match &props.task.files {
        Load::Loading => view::loading("Loading the task files…"),
        Load::Failed(e) => view::failure("The task's files did not load", e),
        Load::Ready(files) => match current {
            Tab::Spec => {
                let html = markdown::to_html(&files.text.spec);
                html! {
                    <div class="spec-layout">
                        <article class="spec card">{Html::from_html_unchecked(html.into())}</article>
                        {aside(meta, &props.task)}
                    </div>
                }
            }
            Tab::Run => html! {
                <view::run::RunPanel
                    id={meta.id.clone()}
                    program={meta.program.clone()}
                    form={props.task.form.clone()}
                    ran={props.task.ran.clone()}
                    job={props.job.clone()}
                    dispatch={props.dispatch.clone()}
                    command={props.command.clone()}
                />
            },
            Tab::Code => html! {
                <>
                    {props.children.clone()}
                    if let Some(graded) = &props.task.graded {
                        <view::report::ReportView
                            task={meta.id.clone()}
                            graded={graded.clone()}
                            case={None::<usize>}
                            failing_only={props.failing_only}
                            dispatch={props.dispatch.clone()}
                            command={props.command.clone()}
                        />
                    }
                </>
            },
            Tab::Submit => {
                let case = match &props.route {
                    Route::Case { case, .. } => Some(*case),
                    _ => None,
                };
                html! {
                    <>
                        <view::submit::SubmitPanel
                            meta={meta.clone()}
                            submission={props.task.submission.as_ref().map(|s| s.name.clone())}
                            notice={props.task.notice.clone()}
                            job={props.job.clone()}
                            seed={props.seed.clone()}
                            dispatch={props.dispatch.clone()}
                            command={props.command.clone()}
                        />
                        if let Some(graded) = &props.task.graded {
                            <view::report::ReportView
                                task={meta.id.clone()}
                                graded={graded.clone()}
                                case={case}
                                failing_only={props.failing_only}
                                dispatch={props.dispatch.clone()}
                                command={props.command.clone()}
                            />
                        } else if case.is_some() {
                            <p class="muted">{"Grade a submission to see its cases."}</p>
                        }
                    </>
                }
            }
            Tab::History => html! {
                <view::history::HistoryPanel
                    id={meta.id.clone()}
                    attempts={props.task.history.clone()}
                    dispatch={props.dispatch.clone()}
                />
            },
        },
    };
    html! {
        <div class="page">
            <nav class="crumbs" aria-label="Breadcrumb"><a href="#/">{"Tasks"}</a>{" / "}<span>{&meta.id}</span></nav>
            <header class="task-head">
                <h1>{&meta.title}</h1>
                <p class="lead">{&meta.summary}</p>
                <div class="meta-row">
                    {for meta.tags.iter().map(|t| html! { <span class="tag">{t}</span> })}
                    <span class="fact">{format!("≈ {} min", meta.minutes)}</span>
                    <span class="fact">{format!("{} visible + {} hidden cases", meta.visible, meta.hidden)}</span>
                    <span class="fact">{"compares "}{meta.compare.join(", ")}</span>
                </div>
            </header>
            <nav class="tabs" aria-label="Task sections">{for tabs}</nav>
            <section class="tab-body">{content}</section>
        </div>
    }
}

/// The spec's companion: how to build and submit, and where you stand.
fn aside(meta: &TaskMeta, task: &TaskState) -> Html {
    let link = |tab| {
        Route::Task {
            id: meta.id.clone(),
            tab,
        }
        .href()
    };
    let best = crate::history::best(&task.history);
    html! {
        <aside class="card aside" aria-label="Getting started">
            <h2>{"Getting started"}</h2>
            <ol class="steps">
                <li>{"Read the spec; "}<a href={link(Tab::Run)}>{"try the reference"}</a>{" on any input to settle a question."}</li>
                <li>{"Build a WASI command module:"}
                    <pre><code>{"cargo build --release \\\n  --target wasm32-wasip1"}</code></pre>
                    <span class="muted small">{"or, in C:"}</span>
                    <pre><code>{"clang --target=wasm32-wasi -O2 \\\n  -o main.wasm main.c"}</code></pre>
                </li>
                <li><a href={link(Tab::Submit)}>{"Submit the .wasm"}</a>{format!(" — graded on {} visible and {} hidden cases.", meta.visible, meta.hidden)}</li>
            </ol>
            <div class="aside-actions">
                <a class="btn primary" href={link(Tab::Submit)}>{"Submit a module"}</a>
                <a class="btn secondary" href={link(Tab::Run)}>{"Try the reference"}</a>
            </div>
            if let Some(best) = best {
                <p class="best">{"Your best: "}<strong>{view::percent(best)}</strong>
                    {format!(" over {} attempts", task.history.len())}</p>
            }
        </aside>
    }
}
