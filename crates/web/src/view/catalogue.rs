//! The home page: every task in the pack as a card.

use yew::prelude::*;

use crate::route::{Route, Tab};
use crate::state::{Load, TaskMeta};

#[derive(Debug, Properties, PartialEq)]
pub struct CatalogueProps {
    pub catalogue: Load<Vec<TaskMeta>>,
}

#[component]
pub fn Catalogue(props: &CatalogueProps) -> Html {
    let body = match &props.catalogue {
        Load::Loading => html! { <p class="muted" role="status">{"Loading tasks…"}</p> },
        Load::Failed(e) => html! {
            <div class="alert" role="alert"><strong>{"The task pack did not load."}</strong><p class="mono">{e}</p></div>
        },
        Load::Ready(tasks) if tasks.is_empty() => html! { <p>{"The task pack has no tasks."}</p> },
        Load::Ready(tasks) => html! {
            <ul class="cards" aria-label="Tasks">
                {for tasks.iter().map(card)}
            </ul>
        },
    };
    html! {
        <div class="page">
            <section class="hero">
                <h1>{"Replication tasks"}</h1>
                <p class="lead">
                    {"Each task is a small program with a reference implementation. Write a WebAssembly (WASI) program that behaves exactly like it — same output, same errors, same exit codes, same files — and grade it right here."}
                </p>
            </section>
            {body}
        </div>
    }
}

fn card(task: &TaskMeta) -> Html {
    let href = Route::Task {
        id: task.id.clone(),
        tab: Tab::Spec,
    }
    .href();
    html! {
        <li class="card task-card" data-task={task.id.clone()}>
            <h2><a href={href}>{&task.title}</a></h2>
            <p class="summary">{&task.summary}</p>
            <div class="tags">
                {for task.tags.iter().map(|t| html! { <span class="tag">{t}</span> })}
            </div>
            <dl class="facts">
                <div><dt>{"Estimate"}</dt><dd>{format!("{} min", task.minutes)}</dd></div>
                <div><dt>{"Visible cases"}</dt><dd class="visible-count">{task.visible}</dd></div>
                <div><dt>{"Hidden cases"}</dt><dd>{task.hidden}</dd></div>
            </dl>
        </li>
    }
}
