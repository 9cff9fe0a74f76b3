//! The attempt history of a task: reward over attempts as a sparkline, and the list.

use yew::prelude::*;

use crate::browser;
use crate::history::{self, Attempt};
use crate::route::{Route, Tab};
use crate::state::Action;
use crate::view;

#[derive(Debug, Properties, PartialEq)]
pub struct HistoryProps {
    pub id: String,
    pub attempts: Vec<Attempt>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn HistoryPanel(props: &HistoryProps) -> Html {
    const W: f64 = 600.0;
    const H: f64 = 80.0;
    let on_clear = {
        let (id, dispatch) = (props.id.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ClearHistory(id.clone())))
    };
    if props.attempts.is_empty() {
        return html! {
            <section class="card history" data-testid="history">
                <h2>{"History"}</h2>
                <p class="muted">{"No attempts yet. Every graded submission of this task is kept here, in this browser."}</p>
            </section>
        };
    }
    let rewards: Vec<f64> = props.attempts.iter().map(|a| a.reward).collect();
    let best = history::best(&props.attempts).unwrap_or(0.0);
    let rows = props.attempts.iter().enumerate().rev().map(|(i, a)| {
        let when = js_date(a.at);
        // A program written in the editor opens there again, as one undoable change.
        let reopen = a.program().map(|(language, text)| {
            let (id, handoff) = (props.id.clone(), history::handoff(language, text));
            let onclick = Callback::from(move |_: MouseEvent| {
                browser::session_store(&history::reopen_key(&id), &handoff);
                let code = Route::Task { id: id.clone(), tab: Tab::Code }.href();
                if let Some(window) = web_sys::window() {
                    let _ = window.location().set_hash(&code);
                }
            });
            html! {
                <button type="button" class="btn small ghost" data-testid="reopen" {onclick}
                        title={format!("Open this {} program in the editor", language.title())}>
                    {"Open in editor"}
                </button>
            }
        });
        html! {
            <tr data-testid="attempt">
                <td class="num">{i + 1}</td>
                <td class="muted small">{when}</td>
                <td class="mono ellipsis" title={a.digest.clone()}>{&a.submission}{" "}{for reopen}</td>
                <td class="mono">{a.seed}</td>
                <td class="num">{format!("{}/{}", a.accepted, a.total)}</td>
                <td class="num"><strong>{view::percent(a.reward)}</strong>
                    if a.solved { {" "}<span class="badge solved small">{"✓"}</span> }</td>
            </tr>
        }
    });
    html! {
        <section class="card history" data-testid="history">
            <div class="history-head">
                <h2>{"History"}</h2>
                <span class="muted">{format!("{} attempts · best {}", props.attempts.len(), view::percent(best))}</span>
                <button type="button" class="btn small ghost" onclick={on_clear}>{"Clear history"}</button>
            </div>
            <svg class="spark" viewBox={format!("-4 -4 {} {}", W + 8.0, H + 8.0)} preserveAspectRatio="none"
                 role="img" aria-label="Reward over attempts">
                <line x1="0" y1="0" x2={W.to_string()} y2="0" class="spark-top" />
                <line x1="0" y1={H.to_string()} x2={W.to_string()} y2={H.to_string()} class="spark-base" />
                <polyline points={history::sparkline(&rewards, W, H)} class="spark-line" />
            </svg>
            <div class="table-wrap">
                <table class="attempts">
                    <thead><tr><th>{"#"}</th><th>{"When"}</th><th>{"Submission"}</th><th>{"Seed"}</th><th>{"Cases"}</th><th>{"Reward"}</th></tr></thead>
                    <tbody>{for rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// A timestamp as the browser's locale shows dates and times.
fn js_date(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
