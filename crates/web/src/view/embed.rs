//! Shared reports and permalinks: the page of a report opened from a link, a file or the
//! embedding page (`#/report?…`, `#/embed/report?…`), its "Re-run live" control, and the
//! "Copy permalink" control of every report view.

use std::collections::BTreeMap;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::app::Command;
use crate::permalink::{self, ReportRoute, Share, Shared, Source};
use crate::protocol::Phase;
use crate::route::{Route, Tab};
use crate::state::{Action, Graded, Job, JobKind, Load, TaskState};
use crate::{browser, frame, view};

/// The last segment of a URL's path: what a file is called.
fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(path)
}

/// Parses a shared report, checking it is one. A file's final newline (the CLI prints
/// one) is not part of the report's JSON.
fn parse(json: &str, name: &str) -> Load<Graded> {
    match Graded::parse(json.trim_end(), name) {
        Ok(graded) if graded.report.schema != replica_judge::SCHEMA => Load::Failed(format!(
            "this is not a {} report: its schema is `{}`",
            replica_judge::SCHEMA,
            graded.report.schema
        )),
        Ok(graded) => Load::Ready(graded),
        Err(e) => Load::Failed(e),
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct SharedReportProps {
    pub route: ReportRoute,
    /// The app's tasks: a live re-run's result lands in its task's state.
    pub tasks: BTreeMap<String, TaskState>,
    pub job: Option<Job>,
    pub failing_only: bool,
    /// Inside an iframe: no links away from the frame but "open in Replica".
    pub embedded: bool,
    pub dispatch: Callback<Action>,
    pub command: Callback<Command>,
}

/// A graded attempt as its author saw it, read from the link, a file or the parent page;
/// nothing is re-run unless the reader asks.
#[component]
pub fn SharedReport(props: &SharedReportProps) -> Html {
    let report = use_state(|| Load::<Graded>::Loading);
    {
        let report = report.clone();
        let wasm = props.route.wasm.clone();
        use_effect_with(props.route.source.clone(), move |source| {
            report.set(Load::Loading);
            let mut listener = None;
            match source.clone() {
                Source::Inline(data) => report.set(match permalink::decode(&data) {
                    Ok(Shared { submission, json }) => parse(&json, &submission),
                    Err(e) => Load::Failed(e),
                }),
                Source::Url(url) => spawn_local(async move {
                    let name = wasm.as_deref().unwrap_or(&url);
                    let name = file_name(name).to_string();
                    report.set(match browser::fetch_text(&url).await {
                        Ok(json) => match parse(&json, &name) {
                            Load::Failed(e) => Load::Failed(format!("{url}: {e}")),
                            loaded => loaded,
                        },
                        Err(e) => Load::Failed(e),
                    });
                }),
                Source::Parent if !frame::in_frame() => report.set(Load::Failed(
                    "this page shows a report sent by the page around it, but it is not in \
                     one; embed it with <replica-report>"
                        .to_string(),
                )),
                Source::Parent => {
                    let report = report.clone();
                    listener = frame::receive_report(Callback::from(
                        move |(name, json): (String, String)| {
                            let name = if name.is_empty() {
                                "inline report".into()
                            } else {
                                name
                            };
                            report.set(parse(&json, &name));
                        },
                    ));
                }
            }
            move || drop(listener)
        });
    }
    // The page has what it shows (or why not): the loader may start the next frame.
    use_effect_with(matches!(*report, Load::Loading), |&loading| {
        if !loading {
            frame::post_loaded();
        }
    });
    let graded = match &*report {
        Load::Loading => {
            return view::loading(match props.route.source {
                Source::Parent => "Waiting for the page to send the report…",
                _ => "Loading the report…",
            });
        }
        Load::Failed(e) => return view::failure("This report cannot be shown", e),
        Load::Ready(graded) => graded.clone(),
    };
    let r = &graded.report;
    let id = r.task.id.clone();
    let case_href = {
        let route = props.route.clone();
        Callback::from(move |i| Route::Report(route.with_case(Some(i))).href())
    };
    // Downloading gives this report's bytes; everything else goes to the app.
    let command = {
        let (graded, app) = (graded.clone(), props.command.clone());
        Callback::from(move |command| match command {
            Command::DownloadReport(_) => {
                let r = &graded.report;
                let name = format!("replica-{}-seed{}.json", r.task.id, r.seed);
                browser::download(&name, &format!("{}\n", graded.json), "application/json");
            }
            other => app.emit(other),
        })
    };
    let src = match &props.route.source {
        Source::Url(url) => Some(AttrValue::from(url.clone())),
        _ => None,
    };
    let task_link = Route::Task {
        id: id.clone(),
        tab: Tab::Spec,
    }
    .href();
    html! {
        <div class="page shared" data-testid="shared-report">
            <header class="task-head">
                <h1>{"A graded attempt at "}<span class="mono">{&id}</span></h1>
                <p class="lead">
                    {format!("Graded by Replica {} ({}) with seed {} and {} hidden cases. This is the report as it was graded; nothing runs unless you re-run it.",
                        r.replica, r.engine, r.seed, r.hidden)}
                </p>
                if !props.embedded {
                    <p><a href={task_link}>{format!("Open the task {id}")}</a></p>
                }
            </header>
            if let Some(wasm) = &props.route.wasm {
                <Rerun
                    shared={graded.clone()}
                    wasm={wasm.clone()}
                    task={props.tasks.get(&id).cloned()}
                    job={props.job.clone()}
                    command={props.command.clone()}
                />
            }
            <view::report::ReportView
                task={id.clone()}
                graded={graded.clone()}
                case={props.route.case}
                failing_only={props.failing_only}
                dispatch={props.dispatch.clone()}
                command={command}
                case_href={case_href}
                src={src}
            />
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct RerunProps {
    shared: Graded,
    /// URL of the graded module.
    wasm: String,
    /// The state of the report's task in this app, once opened.
    task: Option<TaskState>,
    job: Option<Job>,
    command: Callback<Command>,
}

/// "Re-run live": grades the module again here, with the report's seed and hidden count,
/// and says whether the result is the shared report byte for byte.
#[component]
fn Rerun(props: &RerunProps) -> Html {
    let requested = use_state(|| false);
    let report = &props.shared.report;
    let name = format!("live: {}", file_name(&props.wasm));
    let task = props.task.as_ref().filter(|_| *requested);
    let mine = |s: &str| s == name;
    let running = props.job.as_ref().filter(|j| {
        j.kind == JobKind::Grade
            && j.task == report.task.id
            && task.is_some_and(|t| t.submission.as_ref().is_some_and(|s| mine(&s.name)))
    });
    let result = task
        .and_then(|t| t.graded.as_ref())
        .filter(|g| mine(&g.submission));
    let notice = task.and_then(|t| t.notice.clone());
    let onclick = {
        let command = props.command.clone();
        let requested = requested.clone();
        let rerun = Command::Rerun {
            task: report.task.id.clone(),
            wasm: props.wasm.clone(),
            name: name.clone(),
            seed: report.seed,
            hidden: report.hidden,
        };
        Callback::from(move |_: MouseEvent| {
            requested.set(true);
            command.emit(rerun.clone());
        })
    };
    let status = match running.and_then(|j| j.progress) {
        _ if running.is_none() => None,
        None => Some("Starting the sandbox…".to_string()),
        Some((Phase::Reference, done, total)) => Some(format!(
            "Running the reference: case {} of {total}",
            (done + 1).min(total)
        )),
        Some((Phase::Candidate, done, total)) => Some(format!(
            "Grading: case {} of {total}",
            (done + 1).min(total)
        )),
    };
    html! {
        <section class="card rerun" aria-label="Re-run live">
            <div class="rerun-row">
                <button type="button" class="btn primary" {onclick} disabled={props.job.is_some()} data-testid="rerun">
                    {"Re-run live"}
                </button>
                <span class="muted">
                    {format!("Grades {} again in your browser with seed {} and {} hidden cases.", file_name(&props.wasm), report.seed, report.hidden)}
                </span>
            </div>
            if let Some(status) = status {
                <p role="status" class="muted" data-testid="rerun-progress">{status}</p>
            }
            if let Some(live) = result {
                <p role="status" data-testid="rerun-result" data-reward={live.report.reward.to_string()}>
                    {"Live result: "}<strong>{view::percent(live.report.reward)}</strong>
                    if live.json == props.shared.json {
                        <span class="ok-note" data-testid="rerun-identical">{" — byte-identical to this report ✓"}</span>
                    } else {
                        <span class="field-error">{" — differs from this report (another engine or module?)"}</span>
                    }
                </p>
            }
            if let Some(notice) = notice {
                <div class="alert" role="alert">{notice}</div>
            }
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct CopyPermalinkProps {
    pub graded: Graded,
    pub case: Option<usize>,
    /// The report file's URL, when it came from one.
    pub src: Option<AttrValue>,
}

/// "Copy permalink": the link that shows this report and case again, put on the clipboard
/// and shown (so it can be copied by hand where the clipboard is refused).
#[component]
pub fn CopyPermalink(props: &CopyPermalinkProps) -> Html {
    let shown = use_state(|| None::<Result<String, String>>);
    {
        // A link shown for another report or case would be stale.
        let shown = shown.clone();
        use_effect_with((props.graded.json.clone(), props.case), move |_| {
            shown.set(None)
        });
    }
    let onclick = {
        let shown = shown.clone();
        let shared = Shared {
            submission: props.graded.submission.clone(),
            json: props.graded.json.to_string(),
        };
        let (src, case) = (props.src.clone(), props.case);
        Callback::from(move |_: MouseEvent| {
            let app = frame::app_url();
            match permalink::share(&shared, src.as_deref(), case, permalink::MAX_INLINE) {
                Share::Link(route) => {
                    let url = format!("{app}{}", Route::Report(route).href());
                    frame::copy(&url);
                    shown.set(Some(Ok(url)));
                }
                Share::TooLarge { chars } => shown.set(Some(Err(format!(
                    "This report needs {} of link, more than a permalink holds ({}). \
                     Download it, put the file on your site, and share {app}#/report?src=<its URL>.",
                    view::size(chars as u64),
                    view::size(permalink::MAX_INLINE as u64),
                )))),
            }
        })
    };
    let on_focus = Callback::from(|e: FocusEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    html! {
        <div class="permalink">
            <button type="button" class="btn small secondary" {onclick} data-testid="copy-permalink">{"Copy permalink"}</button>
            {match &*shown {
                None => html! {},
                Some(Ok(url)) => html! {
                    <>
                        <input class="mono" type="text" readonly=true value={url.clone()} onfocus={on_focus}
                               aria-label="Permalink" data-testid="permalink" />
                        <span class="muted small" role="status">{format!("{} link, copied to the clipboard where the browser allows.", view::size(url.len() as u64))}</span>
                    </>
                },
                Some(Err(why)) => html! { <p class="field-error" role="alert" data-testid="permalink-error">{why}</p> },
            }}
        </div>
    }
}
