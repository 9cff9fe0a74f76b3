//! The organiser's dashboard (`#/study/<id>/dashboard`, on the study page), for a study run
//! by `replica study-server`: every participant, where they are, their active time,
//! attempts and best reward per task, and the server's regrades, refreshed every few
//! seconds; the export as JSONL and the compare page loading it from the server.
//!
//! The admin token comes from the link (`?admin=<token>`, then removed from the address)
//! or a sign-in field, and is kept in this tab's session storage only.

use gloo::timers::callback::Interval;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::browser::{self, ADMIN_TOKEN_KEY};
use crate::route::Route;
use crate::study::dashboard::{Summary, ago, task_cell, whereabouts};

/// How often the dashboard asks the server again.
const REFRESH_MS: u32 = 3000;

#[derive(Debug, Properties, PartialEq)]
pub struct DashboardProps {
    pub id: String,
}

/// The admin token of the link (moved to session storage, and out of the address bar),
/// or of an earlier sign-in in this tab.
fn initial_token(id: &str) -> Option<String> {
    let hash = browser::hash();
    let from_link = hash.split_once('?').and_then(|(_, q)| {
        q.split('&')
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| *k == "admin")
            .map(|(_, v)| v.to_string())
    });
    if let Some(token) = &from_link {
        browser::session_store(ADMIN_TOKEN_KEY, token);
        let _ = gloo::utils::window().location().replace(&format!(
            "{}{}",
            gloo::utils::window()
                .location()
                .href()
                .ok()
                .and_then(|h| h.split('#').next().map(str::to_string))
                .unwrap_or_default(),
            Route::Dashboard { id: id.to_string() }.href()
        ));
    }
    from_link.or_else(|| browser::session_load(ADMIN_TOKEN_KEY))
}

async fn fetch_summary(token: &str) -> Result<Summary, (u16, String)> {
    let (status, text) = browser::call(
        gloo::net::http::Method::GET,
        "api/admin/summary",
        Some(token),
        None,
    )
    .await
    .map_err(|e| (0, format!("the study server cannot be reached ({e})")))?;
    if status != 200 {
        let why = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_string))
            .unwrap_or_else(|| {
                format!("HTTP {status}: is this page served by `replica study-server`?")
            });
        return Err((status, why));
    }
    serde_json::from_str(&text).map_err(|e| (status, format!("an unexpected answer: {e}")))
}

#[component]
pub fn Dashboard(props: &DashboardProps) -> Html {
    let token = use_state(|| initial_token(&props.id));
    let summary = use_state(|| None::<Summary>);
    let problem = use_state(|| None::<String>);
    let typed = use_state(String::new);
    let with_wasm = use_state(|| true);
    let exporting = use_state(|| false);

    // Fetch now and every few seconds while signed in.
    {
        let (summary, problem, token_state) = (summary.clone(), problem.clone(), token.clone());
        use_effect_with((*token).clone(), move |token| {
            let interval = token.clone().map(|token| {
                let refresh = move || {
                    let (summary, problem, token_state, token) = (
                        summary.clone(),
                        problem.clone(),
                        token_state.clone(),
                        token.clone(),
                    );
                    spawn_local(async move {
                        match fetch_summary(&token).await {
                            Ok(s) => {
                                summary.set(Some(s));
                                problem.set(None);
                            }
                            Err((401, why)) => {
                                browser::session_remove(ADMIN_TOKEN_KEY);
                                token_state.set(None);
                                problem.set(Some(why));
                            }
                            Err((_, why)) => problem.set(Some(why)),
                        }
                    });
                };
                refresh();
                Interval::new(REFRESH_MS, refresh)
            });
            move || drop(interval)
        });
    }

    let Some(admin) = (*token).clone() else {
        let on_input = {
            let typed = typed.clone();
            Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                typed.set(input.value());
            })
        };
        let on_submit = {
            let (typed, token) = (typed.clone(), token.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let t = typed.trim().to_string();
                if !t.is_empty() {
                    browser::session_store(ADMIN_TOKEN_KEY, &t);
                    token.set(Some(t));
                }
            })
        };
        return html! {
            <div class="page dashboard">
                <h1>{format!("Dashboard of study “{}”", props.id)}</h1>
                if let Some(why) = &*problem {
                    <div class="alert" role="alert" data-testid="dashboard-error">{why}</div>
                }
                <form class="card" onsubmit={on_submit}>
                    <label for="admin-token">{"Admin token (the server's --admin-token or REPLICA_ADMIN_TOKEN)"}</label>
                    <input id="admin-token" type="password" autocomplete="off" value={(*typed).clone()} oninput={on_input} />
                    <button type="submit" class="btn primary" data-testid="sign-in">{"Sign in"}</button>
                </form>
            </div>
        };
    };

    let on_export = {
        let (admin, with_wasm, exporting, problem, id) = (
            admin.clone(),
            with_wasm.clone(),
            exporting.clone(),
            problem.clone(),
            props.id.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (admin, wasm, exporting, problem, id) = (
                admin.clone(),
                *with_wasm,
                exporting.clone(),
                problem.clone(),
                id.clone(),
            );
            exporting.set(true);
            spawn_local(async move {
                let url = format!("api/admin/export?wasm={}", u8::from(wasm));
                match browser::call(gloo::net::http::Method::GET, &url, Some(&admin), None).await {
                    Ok((200, text)) => browser::download(
                        &format!("replica-study-{id}-all.jsonl"),
                        &text,
                        "application/x-ndjson",
                    ),
                    Ok((status, text)) => {
                        problem.set(Some(format!("the export failed: HTTP {status} {text}")))
                    }
                    Err(e) => problem.set(Some(format!("the export failed: {e}"))),
                }
                exporting.set(false);
            });
        })
    };
    let on_toggle = {
        let with_wasm = with_wasm.clone();
        Callback::from(move |_: Event| with_wasm.set(!*with_wasm))
    };
    let compare = Route::Compare {
        sources: vec!["api/admin/export.jsonl".into()],
    }
    .href();

    let body = match &*summary {
        None => html! { <p class="muted" role="status">{"Loading…"}</p> },
        Some(s) => {
            let heads = s
                .study
                .tasks
                .iter()
                .map(|t| html! { <th scope="col">{t}</th> });
            let rows = s.participants.iter().map(|p| {
                let cells = p.tasks.iter().map(|t| {
                    html! {
                        <td data-task={t.task.clone()} data-attempts={t.attempts.to_string()}
                            data-best={t.best_reward.map(|r| r.to_string()).unwrap_or_default()}
                            data-flagged={t.flagged.to_string()}>{task_cell(t)}</td>
                    }
                });
                let seen = p.last_seen.map_or("never".to_string(), |t| ago(s.now_ms - t));
                html! {
                    <tr data-participant={p.id.clone()} data-stage={p.stage.clone()}
                        data-current={p.current_task.clone().unwrap_or_default()} data-events={p.events.to_string()}>
                        <th scope="row" class="mono">{&p.id}</th>
                        <td>{whereabouts(p)}</td>
                        <td class="mono" data-active={p.active_ms.to_string()}>{crate::view::study::clock(p.active_ms)}</td>
                        {for cells}
                        <td class="mono">{p.events}</td>
                        <td>{seen}{p.last_event.as_ref().map(|e| format!(" ({e})")).unwrap_or_default()}</td>
                    </tr>
                }
            });
            let r = &s.regrades;
            html! {
                <>
                    <p class="meta-row">
                        <span class="fact">{format!("{} participants", s.participants.len())}</span>
                        <span class="fact">{format!("graded with seed {} and {} hidden cases", s.study.seed, s.study.hidden)}</span>
                        <span class="fact" data-testid="regrades" data-pending={r.pending.to_string()} data-flagged={r.flagged.to_string()} data-agreed={r.agreed.to_string()}>
                            {format!("server regrades: {} agree, {} flagged, {} pending{}", r.agreed, r.flagged, r.pending,
                                if r.errors > 0 { format!(", {} failed", r.errors) } else { String::new() })}</span>
                    </p>
                    <div class="table-wrap">
                        <table class="attempts dashboard-table" data-testid="participants">
                            <thead><tr>
                                <th scope="col">{"Participant"}</th><th scope="col">{"Where"}</th><th scope="col">{"Active"}</th>
                                {for heads}
                                <th scope="col">{"Events"}</th><th scope="col">{"Last upload"}</th>
                            </tr></thead>
                            <tbody>{for rows}</tbody>
                        </table>
                    </div>
                </>
            }
        }
    };

    let on_sign_out = {
        let token = token.clone();
        Callback::from(move |_: MouseEvent| {
            browser::session_remove(ADMIN_TOKEN_KEY);
            token.set(None);
        })
    };
    html! {
        <div class="page dashboard">
            <header class="task-head">
                <h1>{summary.as_ref().map_or_else(|| format!("Study “{}”", props.id), |s| s.study.title.clone())}</h1>
                <p class="muted">{format!("Organiser's dashboard, refreshed every {} s", REFRESH_MS / 1000)}</p>
            </header>
            if let Some(why) = &*problem {
                <div class="alert" role="alert" data-testid="dashboard-error">{why}</div>
            }
            {body}
            <div class="actions">
                <button type="button" class="btn primary" onclick={on_export} disabled={*exporting} data-testid="export-all">
                    {"Export every record (.jsonl)"}</button>
                <label class="check small">
                    <input type="checkbox" checked={*with_wasm} onchange={on_toggle} />{" include submitted modules"}
                </label>
                <a class="btn secondary" href={crate::route::Page::Compare.url(&compare)} data-testid="open-compare">{"Compare humans and models"}</a>
                <button type="button" class="btn small secondary" onclick={on_sign_out}>{"Sign out"}</button>
            </div>
        </div>
    }
}
