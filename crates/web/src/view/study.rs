//! The study page (`#/study/<id>?participant=<p>`): consent, then the study's tasks in
//! order (spec, try the reference, submit), with progress, active time, give up and
//! finish, and the export. This file is the glue: it loads the study, restores the
//! participant's session from IndexedDB, feeds the session clock and input events, and
//! saves every new record. The rules live in `crate::study`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use replica_task::{Consent, Study};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::app::Command;
use crate::browser;
use crate::markdown;
use crate::route::Route;
use crate::state::{Action, AppState, Job, JobKind, Load, Submission};
use crate::study::session::participant;
use crate::study::upload::{self, Answer, Step, Uploader};
use crate::study::{ProbeInput, Session, Stage, StudyAction, StudyState, UploadView, export, idb};
use crate::view;

#[derive(Debug, Properties, PartialEq)]
pub struct StudyPageProps {
    pub id: String,
    pub participant: Option<String>,
    /// The case of the latest report shown, from the route.
    pub case: Option<usize>,
    pub app: UseReducerHandle<AppState>,
    pub dispatch: Callback<Action>,
    pub command: Callback<Command>,
}

/// A grading the participant asked for, waiting for its report.
struct PendingGrade {
    task: String,
    /// The module uploaded, or with `source` the program written in the editor.
    module: Rc<Vec<u8>>,
    source: bool,
    /// The task's report before this grading, to tell the new one apart.
    before: Option<Rc<str>>,
}

/// Browser-side bookkeeping that does not belong in rendered state.
#[derive(Default)]
struct Glue {
    db: Option<idb::Db>,
    /// Records up to this `seq` were handed to IndexedDB.
    sent: u64,
    /// Records up to this `seq` are committed.
    confirmed: u64,
    sent_modules: BTreeSet<String>,
    probe: Option<(String, ProbeInput)>,
    grade: Option<PendingGrade>,
    previous_job: Option<Job>,
    last_input: f64,
    /// Uploading to the study server, when the link holds a token.
    upload: Option<Uploader>,
    /// A request to the server is under way.
    uploading: bool,
    /// Answers so far (see `UploadView::round`).
    round: u64,
    /// The session's records and modules as last saved, for the uploader's timer.
    lines: Rc<Vec<String>>,
    modules: Rc<BTreeMap<String, Rc<Vec<u8>>>>,
    /// The participant's id.
    participant: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Spec,
    Run,
    /// The code editor, as on the task page's "Write code" tab.
    Code,
    Submit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Confirm {
    GiveUp,
    MoveOn,
}

/// `83_456` ms as `1:23`; hours as `1:02:03`.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Loads the study and the participant's saved records, and rebuilds the session.
async fn load(
    id: String,
    participant_id: Option<String>,
    glue: Rc<RefCell<Glue>>,
) -> Result<(Session, Rc<str>, u64), String> {
    let author = participant(participant_id.as_deref())?;
    // The pack holds the study checked by `cargo xtask build`, as JSON with its consent.
    let file = format!("studies/{id}/study.json");
    let source = browser::fetch_text(&file).await.map_err(|e| {
        if e.contains("HTTP 404") {
            format!("There is no study “{id}”. Check the link you were given.")
        } else {
            format!("The study could not be loaded: {e}")
        }
    })?;
    let study: Study =
        serde_json::from_str(&source).map_err(|e| format!("{file} is not a study: {e}"))?;
    let consent: Rc<str> = match &study.consent {
        Consent::Text(text) => text.as_str().into(),
        Consent::File(name) => {
            return Err(format!(
                "{file} names the consent file {name} instead of holding its text; rebuild the site with `cargo xtask build`"
            ));
        }
    };
    let db = idb::open().await?;
    let (mut lines, modules) = db
        .read(&study.id, &author.name)
        .await
        .map_err(|e| format!("Your saved work could not be read: {e}"))?;
    // A study served by `replica study-server`: the link's token (kept for reloads of
    // links without it) turns uploading on, and a record the server holds beyond this
    // browser's (the participant changed browsers) is taken into IndexedDB first.
    let token_key = format!("replica-study-token/{}/{}", study.id, author.name);
    let token = upload::token_in(&browser::hash()).or_else(|| browser::load(&token_key));
    let mut uploader = None;
    if let Some(token) = token {
        browser::store(&token_key, &token);
        let mut up = Uploader::new(token);
        if let Ok(answer) = hello(&up.token, &author.name).await {
            if let Answer::Hello { acknowledged, .. } = &answer
                && *acknowledged > lines.len() as u64
            {
                lines = adopt_server_record(&db, &study.id, &author.name, &up.token, lines).await?;
            }
            up.answer(answer, browser::now());
        }
        uploader = Some(up);
    }
    let count = lines.len() as u64;
    // Maps are filled by `insert`: `collect` into one sorts, which costs the page's code.
    let mut saved = BTreeMap::new();
    {
        let mut glue = glue.borrow_mut();
        for (digest, bytes) in modules {
            glue.sent_modules.insert(digest.clone());
            saved.insert(digest, Rc::new(bytes));
        }
        glue.db = Some(db);
        glue.sent = count;
        glue.confirmed = count;
        glue.upload = uploader;
        glue.participant = author.name.clone();
    }
    let user_agent = web_sys::window().and_then(|w| w.navigator().user_agent().ok());
    let session = Session::restore(
        Rc::new(study),
        author,
        replica_judge::digest(consent.as_bytes()),
        lines,
        saved,
        user_agent,
        browser::now(),
    )?;
    Ok((session, consent, count))
}

/// The study server's error message in a JSON answer, or the status.
fn server_says(status: u16, text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v["error"].as_str().map(str::to_string))
        .unwrap_or_else(|| format!("HTTP {status}"))
}

/// What an answer of the study server means to the uploader.
fn answer_of(
    result: Result<(u16, String), String>,
    ok: impl FnOnce(&serde_json::Value) -> Answer,
) -> Answer {
    let (status, text) = match result {
        Ok(answer) => answer,
        Err(e) => return Answer::Failed(format!("the study server cannot be reached ({e})")),
    };
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    match status {
        200 => ok(&value),
        409 => Answer::Conflict {
            acknowledged: value["acknowledged"].as_u64().unwrap_or(0),
            message: server_says(status, &text),
        },
        400 | 401 | 403 | 404 | 413 => Answer::Refused(server_says(status, &text)),
        _ => Answer::Failed(format!(
            "the study server answered: {}",
            server_says(status, &text)
        )),
    }
}

/// `GET api/me`: how far the server holds the record, checking the token is this
/// participant's.
async fn hello(token: &str, participant: &str) -> Result<Answer, String> {
    let result = browser::call(gloo::net::http::Method::GET, "api/me", Some(token), None).await;
    if result.is_err() {
        return Err("unreachable".into());
    }
    Ok(answer_of(result, |v| match v["participant"].as_str() {
        Some(p) if p == participant => Answer::Hello {
            acknowledged: v["acknowledged"].as_u64().unwrap_or(0),
            modules: v["modules"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|d| d.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        },
        other => Answer::Refused(format!(
            "this link's token belongs to participant {}, not {participant}; open the link you were given",
            other.unwrap_or("(unknown)")
        )),
    }))
}

/// Takes the server's longer record into IndexedDB, when this browser's is its beginning.
async fn adopt_server_record(
    db: &idb::Db,
    study: &str,
    participant: &str,
    token: &str,
    local: Vec<String>,
) -> Result<Vec<String>, String> {
    let (status, text) = browser::call(
        gloo::net::http::Method::GET,
        "api/events",
        Some(token),
        None,
    )
    .await
    .map_err(|e| format!("Your record on the study server could not be read: {e}"))?;
    if status != 200 {
        return Err(format!(
            "Your record on the study server could not be read: {}",
            server_says(status, &text)
        ));
    }
    let server: Vec<String> = text.lines().map(str::to_string).collect();
    if let Some(at) = local.iter().zip(&server).position(|(a, b)| a != b) {
        return Err(format!(
            "This browser's saved record and the one on the study server differ at event {}. \
             Nothing was changed; export your record and tell the organiser.",
            at + 1
        ));
    }
    let extra: Vec<(u64, String)> = server
        .iter()
        .enumerate()
        .skip(local.len())
        .map(|(i, line)| (i as u64 + 1, line.clone()))
        .collect();
    db.write(study, participant, extra, Vec::new())
        .await
        .map_err(|e| format!("Your record from the study server could not be saved here: {e}"))?;
    Ok(server)
}

/// Sends the uploader's next request, if one is due and none is under way; its answer is
/// dispatched as `StudyAction::Upload`, which brings the next call.
fn pump(glue: &Rc<RefCell<Glue>>, dispatch: &UseReducerDispatcher<StudyState>) {
    let (step, token, lines, modules, who) = {
        let g = glue.borrow();
        let Some(up) = &g.upload else { return };
        if g.uploading {
            return;
        }
        let modules = g.modules.clone();
        let step = up.next(
            &g.lines,
            g.confirmed,
            &|d| modules.contains_key(d),
            browser::now(),
        );
        (
            step,
            up.token.clone(),
            g.lines.clone(),
            modules,
            g.participant.clone(),
        )
    };
    if matches!(step, Step::Idle | Step::WaitUntil(_)) {
        return;
    }
    glue.borrow_mut().uploading = true;
    let (glue, dispatch) = (glue.clone(), dispatch.clone());
    spawn_local(async move {
        use gloo::net::http::Method;
        let answer = match step {
            Step::Hello => hello(&token, &who)
                .await
                .unwrap_or_else(|_| Answer::Failed("the study server cannot be reached".into())),
            Step::Module(digest) => {
                let bytes = modules.get(&digest).cloned().unwrap_or_default();
                let body = js_sys::Uint8Array::from(&bytes[..]);
                let url = format!("api/modules/{digest}");
                let result =
                    browser::call(Method::PUT, &url, Some(&token), Some(body.into())).await;
                answer_of(result, |_| Answer::Module(digest.clone()))
            }
            Step::Events { from, to } => {
                let mut body = String::new();
                for line in &lines[(from - 1) as usize..to as usize] {
                    body.push_str(line);
                    body.push('\n');
                }
                let result =
                    browser::call(Method::POST, "api/events", Some(&token), Some(body.into()))
                        .await;
                answer_of(result, |v| {
                    Answer::Acknowledged(v["acknowledged"].as_u64().unwrap_or(0))
                })
            }
            Step::Idle | Step::WaitUntil(_) => return,
        };
        let view = {
            let mut g = glue.borrow_mut();
            g.uploading = false;
            g.round += 1;
            let round = g.round;
            let Some(up) = g.upload.as_mut() else { return };
            up.answer(answer, browser::now());
            UploadView::of(up, round)
        };
        dispatch.dispatch(StudyAction::Upload(view));
    });
}

/// Hands the records after `glue.sent` (and new modules) to IndexedDB; reports the
/// outcome to `dispatch`. A failed write is retried with the next change or on request.
fn save(session: &Session, glue: &Rc<RefCell<Glue>>, dispatch: &UseReducerDispatcher<StudyState>) {
    let mut g = glue.borrow_mut();
    let Some(db) = g.db.clone() else { return };
    let total = session.lines.len() as u64;
    if g.sent >= total {
        return;
    }
    let lines: Vec<(u64, String)> = session.lines[g.sent as usize..]
        .iter()
        .enumerate()
        .map(|(i, line)| (g.sent + i as u64 + 1, line.clone()))
        .collect();
    let modules: Vec<(String, Rc<Vec<u8>>)> = session
        .modules
        .iter()
        .filter(|(digest, _)| !g.sent_modules.contains(*digest))
        .map(|(d, b)| (d.clone(), b.clone()))
        .collect();
    g.sent = total;
    g.sent_modules
        .extend(modules.iter().map(|(d, _)| d.clone()));
    let digests: Vec<String> = modules.iter().map(|(d, _)| d.clone()).collect();
    let write = db.write(&session.study.id, &session.author.name, lines, modules);
    let (glue, dispatch) = (glue.clone(), dispatch.clone());
    spawn_local(async move {
        match write.await {
            Ok(()) => {
                let mut g = glue.borrow_mut();
                g.confirmed = g.confirmed.max(total);
                drop(g);
                dispatch.dispatch(StudyAction::Saved { seq: total });
                // Saved here first, then sent to the study server.
                pump(&glue, &dispatch);
            }
            Err(why) => {
                let mut g = glue.borrow_mut();
                g.sent = g.confirmed;
                for d in &digests {
                    g.sent_modules.remove(d);
                }
                drop(g);
                dispatch.dispatch(StudyAction::SaveFailed(why));
            }
        }
    });
}

#[component]
pub fn StudyPage(props: &StudyPageProps) -> Html {
    let state = use_reducer(StudyState::default);
    let glue = use_mut_ref(Glue::default);
    let consent = use_state(|| None::<Rc<str>>);
    let tab = use_state(|| Tab::Spec);
    let confirm = use_state(|| None::<Confirm>);
    let include_wasm = use_state(|| None::<bool>);
    let retry = use_state(|| 0u32);

    // Load the study and the participant's saved work.
    {
        let (dispatcher, glue, consent) = (state.dispatcher(), glue.clone(), consent.clone());
        use_effect_with(
            (props.id.clone(), props.participant.clone()),
            move |(id, participant)| {
                let (id, participant) = (id.clone(), participant.clone());
                spawn_local(async move {
                    let (session, stored) = match load(id, participant, glue.clone()).await {
                        Ok((session, text, stored)) => {
                            consent.set(Some(text));
                            (Ok(session), stored)
                        }
                        Err(e) => (Err(e), 0),
                    };
                    dispatcher.dispatch(StudyAction::Restored { session, stored });
                    let view = glue
                        .borrow()
                        .upload
                        .as_ref()
                        .map(|up| UploadView::of(up, 0));
                    if let Some(view) = view {
                        dispatcher.dispatch(StudyAction::Upload(view));
                    }
                });
            },
        );
    }

    let session = match &state.session {
        Some(Ok(session)) => Some(session),
        _ => None,
    };

    // Save every new record.
    {
        let records = session.map_or(0, |s| s.lines.len());
        let (dispatcher, glue) = (state.dispatcher(), glue.clone());
        let session = session.cloned();
        use_effect_with((records, *retry), move |_| {
            if let Some(session) = session {
                {
                    let mut g = glue.borrow_mut();
                    g.lines = session.lines.clone();
                    g.modules = session.modules.clone();
                }
                save(&session, &glue, &dispatcher);
                pump(&glue, &dispatcher);
            }
        });
    }

    // Each answer of the study server brings the next request.
    {
        let round = state.upload.as_ref().map(|u| u.round);
        let (dispatcher, glue) = (state.dispatcher(), glue.clone());
        use_effect_with(round, move |_| pump(&glue, &dispatcher));
    }

    // The clock, input and visibility, while the session runs.
    {
        let ready = session.is_some();
        let (dispatcher, glue) = (state.dispatcher(), glue.clone());
        use_effect_with(ready, move |ready| {
            let mut listeners = Vec::new();
            let mut interval = None;
            if *ready {
                let document = gloo::utils::document();
                if document.hidden() {
                    dispatcher.dispatch(StudyAction::Visibility {
                        hidden: true,
                        now: browser::now(),
                    });
                }
                for kind in [
                    "keydown",
                    "pointerdown",
                    "pointermove",
                    "wheel",
                    "touchstart",
                ] {
                    let (dispatcher, glue) = (dispatcher.clone(), glue.clone());
                    listeners.push(EventListener::new(&document, kind, move |_| {
                        // At most one input per second reaches the reducer; idleness is
                        // measured in seconds.
                        let now = browser::now();
                        let mut g = glue.borrow_mut();
                        if now - g.last_input >= 1000.0 {
                            g.last_input = now;
                            drop(g);
                            dispatcher.dispatch(StudyAction::Input { now });
                        }
                    }));
                }
                let visibility = dispatcher.clone();
                listeners.push(EventListener::new(
                    &document,
                    "visibilitychange",
                    move |_| {
                        visibility.dispatch(StudyAction::Visibility {
                            hidden: gloo::utils::document().hidden(),
                            now: browser::now(),
                        });
                    },
                ));
                let (tick, ticking) = (dispatcher.clone(), glue.clone());
                interval = Some(Interval::new(1000, move || {
                    tick.dispatch(StudyAction::Tick {
                        now: browser::now(),
                    });
                    // A retry of the upload whose backoff has run out.
                    pump(&ticking, &tick);
                }));
                // Back online: retry the upload at once.
                let (online, back) = (dispatcher.clone(), glue.clone());
                listeners.push(EventListener::new(
                    &gloo::utils::window(),
                    "online",
                    move |_| {
                        if let Some(up) = back.borrow_mut().upload.as_mut() {
                            up.retry_now();
                        }
                        pump(&back, &online);
                    },
                ));
            }
            move || {
                drop(listeners);
                drop(interval);
            }
        });
    }

    // Open the current task's files; a new task starts on its spec.
    {
        let task = session.and_then(|s| s.task().map(str::to_string));
        let (command, tab, confirm) = (props.command.clone(), tab.clone(), confirm.clone());
        let route = props.case.map(|_| Route::Study {
            id: props.id.clone(),
            participant: props.participant.clone(),
            case: None,
        });
        use_effect_with(task, move |task| {
            if let Some(task) = task {
                command.emit(Command::OpenTask(task.clone()));
                tab.set(Tab::Spec);
                confirm.set(None);
                // A case of the previous task's report means nothing now.
                if let Some(route) = route {
                    let _ = gloo::utils::window().location().set_hash(&route.href());
                }
            }
        });
    }

    // When a job of ours ends, record its probe or submission.
    {
        let app = props.app.clone();
        let (dispatcher, glue) = (state.dispatcher(), glue.clone());
        use_effect_with(app.job.clone(), move |job| {
            let previous = std::mem::replace(&mut glue.borrow_mut().previous_job, job.clone());
            let ended = previous.filter(|p| job.as_ref().is_none_or(|j| j.id != p.id));
            if let Some(ended) = ended {
                let now = browser::now();
                let task = app.task(&ended.task);
                match ended.kind {
                    JobKind::Run => {
                        let probe = glue.borrow_mut().probe.take();
                        if let (Some((id, input)), Some(task)) = (probe, task)
                            && id == ended.task
                        {
                            let ending = match &task.ran {
                                Some(Ok(out)) => out.ending.clone(),
                                Some(Err(why)) => format!("not run: {why}"),
                                None => "not run".into(),
                            };
                            dispatcher.dispatch(StudyAction::Probe {
                                task: id,
                                input,
                                ending,
                                now,
                            });
                        }
                    }
                    // FIXME: a study's editor "Run" is not recorded as a probe yet.
                    JobKind::Try => {}
                    JobKind::Grade => {
                        let pending = glue.borrow_mut().grade.take();
                        if let (Some(pending), Some(graded)) =
                            (pending, task.and_then(|t| t.graded.as_ref()))
                            && pending.task == ended.task
                            && pending
                                .before
                                .as_ref()
                                .is_none_or(|b| !Rc::ptr_eq(b, &graded.json))
                        {
                            dispatcher.dispatch(StudyAction::Graded {
                                task: pending.task,
                                report: graded.report.clone(),
                                module: pending.module,
                                source: pending.source,
                                now,
                            });
                        }
                    }
                }
            }
        });
    }

    let session = match &state.session {
        None => return view::loading("Loading the study…"),
        Some(Err(why)) => return view::failure("This study cannot start", why),
        Some(Ok(session)) => session,
    };
    let now = browser::now();
    let study = &session.study;
    let d = state.dispatcher();

    let save_status = {
        let total = session.lines.len() as u64;
        let on_retry = {
            let retry = retry.clone();
            Callback::from(move |_: MouseEvent| retry.set(*retry + 1))
        };
        match &state.save_error {
            Some(why) => html! {
                <div class="alert" role="alert" data-testid="save-error">
                    <strong>{"Your latest actions are NOT saved yet. "}</strong>
                    {format!("The browser said: {why}. Keep this tab open, retry, and export your record now.")}
                    {" "}<button type="button" class="btn small secondary" onclick={on_retry}>{"Retry saving"}</button>
                </div>
            },
            None if state.saved_seq >= total => html! {
                <span class="fact save ok" data-testid="save-status" data-saved={total.to_string()}>
                    {format!("✓ {total} {} saved in this browser", if total == 1 { "event" } else { "events" })}</span>
            },
            None => html! { <span class="fact save" data-testid="save-status">{"Saving…"}</span> },
        }
    };
    let upload_status = state.upload.as_ref().map(|up| {
        let total = session.lines.len() as u64;
        let sent = up.acknowledged.min(total);
        let on_retry = {
            let (glue, d) = (glue.clone(), state.dispatcher());
            Callback::from(move |_: MouseEvent| {
                if let Some(up) = glue.borrow_mut().upload.as_mut() {
                    up.retry_now();
                }
                pump(&glue, &d);
            })
        };
        match (&up.refused, &up.trouble) {
            (Some(why), _) => html! {
                <div class="alert" role="alert" data-testid="upload-status" data-state="refused" data-uploaded={sent.to_string()}>
                    <strong>{"The study server refused your latest events. "}</strong>
                    {format!("It said: {why}. Everything is still saved in this browser; export your record and send it to the organiser.")}
                    {" "}<button type="button" class="btn small secondary" onclick={on_retry}>{"Try again"}</button>
                </div>
            },
            (None, Some(why)) => {
                let wait = ((up.retry_at - now) / 1000.0).ceil().max(0.0);
                html! {
                    <span class="fact save warn" role="status" data-testid="upload-status" data-state="retrying" data-uploaded={sent.to_string()}>
                        {format!("⟳ {sent} of {total} sent to the study server; {why}. Retrying in {wait} s — your work is saved in this browser")}</span>
                }
            }
            (None, None) if sent >= total => html! {
                <span class="fact save ok" data-testid="upload-status" data-state="sent" data-uploaded={sent.to_string()}>
                    {format!("✓ {sent} sent to the study server")}</span>
            },
            (None, None) => html! {
                <span class="fact save" data-testid="upload-status" data-state="sending" data-uploaded={sent.to_string()}>
                    {format!("Sending to the study server… {sent} of {total}")}</span>
            },
        }
    });

    let include = include_wasm.unwrap_or(study.export_wasm);
    let export_box = {
        let on_export = {
            let session = session.clone();
            Callback::from(move |_: MouseEvent| {
                let text = export::jsonl(&session.lines, &session.modules, include);
                browser::download(
                    &export::file_name(&session.study.id, &session.author.name),
                    &text,
                    "application/x-ndjson",
                );
            })
        };
        let on_toggle = {
            let include_wasm = include_wasm.clone();
            Callback::from(move |_: Event| include_wasm.set(Some(!include)))
        };
        html! {
            <div class="export-box">
                <button type="button" class="btn secondary" onclick={on_export} data-testid="export">
                    {"Export my record (.jsonl)"}</button>
                <label class="check small">
                    <input type="checkbox" checked={include} onchange={on_toggle} data-testid="export-wasm" />
                    {" include my submitted modules"}
                </label>
            </div>
        }
    };

    let steps = study.tasks.iter().enumerate().map(|(i, t)| {
        let class = match session.stage {
            Stage::Task(current) if current == i => "current",
            Stage::Task(current) if i < current => "done",
            Stage::Done => "done",
            _ => "todo",
        };
        html! { <li class={classes!("step", class)}>{format!("{}. {}", i + 1, t.id)}</li> }
    });
    let progress_label = match session.stage {
        Stage::Consent => "Consent".to_string(),
        Stage::Task(i) => format!("Task {} of {}", i + 1, study.tasks.len()),
        Stage::Done => "Done".to_string(),
    };
    let header = html! {
        <header class="task-head study-head">
            <nav class="crumbs" aria-label="Study">{"Study · "}{&study.title}{" · participant "}
                <span class="mono">{&session.author.name}</span></nav>
            <div class="study-bar">
                <span class="study-progress" data-testid="study-progress">{progress_label}</span>
                <ol class="steps-line" aria-label="Tasks">{for steps}</ol>
                {save_status}
                {for upload_status}
            </div>
        </header>
    };

    let body = match session.stage {
        Stage::Consent => {
            let text = consent.as_deref().unwrap_or("");
            let on_accept = {
                let d = d.clone();
                Callback::from(move |_: MouseEvent| {
                    d.dispatch(StudyAction::Accept {
                        now: browser::now(),
                    })
                })
            };
            html! {
                <section class="consent">
                    <article class="spec card">{Html::from_html_unchecked(markdown::to_html(text).into())}</article>
                    <div class="actions">
                        <button type="button" class="btn primary" onclick={on_accept} data-testid="accept">
                            {"I agree — start the study"}</button>
                        <span class="muted small">{"If you do not agree, close this page."}</span>
                    </div>
                </section>
            }
        }
        Stage::Done => html! {
            <section class="card done" data-testid="study-done">
                <h1>{"Thank you — the study is over"}</h1>
                if state.upload.is_some() {
                    <p>{"Your record goes to the study's server by itself; keep this page open until it says every event is sent. You may also export it for yourself."}</p>
                } else {
                    <p>{"Export your record and send the file to the study's organiser. It stays in this browser until you clear the site's data."}</p>
                }
                {export_box.clone()}
            </section>
        },
        Stage::Task(index) => task_body(
            props,
            session,
            index,
            now,
            &d,
            &glue,
            &tab,
            &confirm,
            export_box.clone(),
        ),
    };

    html! {
        <div class="page study">
            {header}
            {body}
        </div>
    }
}

/// The current task: its facts, controls, tabs and the tab's content.
#[allow(clippy::too_many_arguments)]
fn task_body(
    props: &StudyPageProps,
    session: &Session,
    index: usize,
    now: f64,
    d: &UseReducerDispatcher<StudyState>,
    glue: &Rc<RefCell<Glue>>,
    tab: &UseStateHandle<Tab>,
    confirm: &UseStateHandle<Option<Confirm>>,
    export_box: Html,
) -> Html {
    let study = &session.study;
    let id = study.tasks[index].id.clone();
    let app = &props.app;
    let last = index + 1 == study.tasks.len();
    let solved = session.solved(&id);
    let active = session.active_ms(now).unwrap_or(0);
    let paused = session.timer.as_ref().and_then(|t| t.paused());

    let act = |make: fn(f64) -> StudyAction| {
        let (d, confirm) = (d.clone(), confirm.clone());
        Callback::from(move |_: MouseEvent| {
            confirm.set(None);
            d.dispatch(make(browser::now()));
        })
    };
    let ask = |what: Option<Confirm>| {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(what))
    };
    let next_label = if last { "the study" } else { "the next task" };
    let controls = match **confirm {
        Some(Confirm::GiveUp) => html! {
            <div class="confirm" role="group" aria-label="Confirm giving up">
                <span>{format!("Give up on {id} and go to {next_label}? You cannot come back to it.")}</span>
                <button type="button" class="btn small danger" onclick={act(|now| StudyAction::GiveUp { now })} data-testid="confirm">{"Yes, give up"}</button>
                <button type="button" class="btn small secondary" onclick={ask(None)}>{"Keep working"}</button>
            </div>
        },
        Some(Confirm::MoveOn) => html! {
            <div class="confirm" role="group" aria-label="Confirm moving on">
                <span>{format!("{id} is not solved yet. Finish it anyway and go to {next_label}? You cannot come back to it.")}</span>
                <button type="button" class="btn small primary" onclick={act(|now| StudyAction::Finish { now })} data-testid="confirm">{"Yes, finish"}</button>
                <button type="button" class="btn small secondary" onclick={ask(None)}>{"Keep working"}</button>
            </div>
        },
        None => {
            let finish = if solved {
                act(|now| StudyAction::Finish { now })
            } else {
                ask(Some(Confirm::MoveOn))
            };
            html! {
                <div class="controls">
                    <button type="button" class="btn small secondary" onclick={ask(Some(Confirm::GiveUp))} data-testid="give-up">{"Give up"}</button>
                    <button type="button" class={classes!("btn", "small", if solved { "primary" } else { "secondary" })}
                            onclick={finish} data-testid="finish">
                        {if last { "Finish the study" } else { "Finish, next task" }}</button>
                </div>
            }
        }
    };

    let meta = app.meta(&id);
    let task = app.task(&id);
    let facts = html! {
        <div class="meta-row">
            <span class="fact" data-testid="active-time" data-ms={active.to_string()}>
                {"Active "}<strong class="mono">{clock(active)}</strong>
                {match paused {
                    Some(replica_record::PauseReason::Hidden) => " (paused: page hidden)",
                    Some(replica_record::PauseReason::Idle) => " (paused: idle)",
                    None => "",
                }}
            </span>
            if let Some(left) = session.remaining_ms(now) {
                <span class={classes!("fact", (left < 5 * 60_000).then_some("warn"))} data-testid="time-left">
                    {format!("{} left", clock(left))}</span>
            }
            <span class="fact" data-testid="attempts" data-attempts={session.attempts(&id).to_string()}>
                {format!("Attempts: {}", session.attempts(&id))}</span>
            if solved { <span class="badge solved">{"✓ Solved"}</span> }
            <span class="fact">{format!("Graded with seed {} and {} hidden cases, the same for every participant", study.seed, study.hidden)}</span>
        </div>
    };

    let tabs = [
        (Tab::Spec, "Spec"),
        (Tab::Run, "Try the reference"),
        (Tab::Code, "Write code"),
        (Tab::Submit, "Submit"),
    ]
    .into_iter()
    .map(|(t, label)| {
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_: MouseEvent| tab.set(t))
        };
        let selected = **tab == t;
        html! {
            <button type="button" class={classes!("tab", selected.then_some("selected"))}
                    aria-pressed={selected.to_string()} data-tab={label} {onclick}>{label}</button>
        }
    });

    let content = match (meta, task.map(|t| &t.files)) {
        (None, _) | (_, None) | (_, Some(Load::Loading)) => view::loading("Loading the task…"),
        (_, Some(Load::Failed(e))) => view::failure("The task's files did not load", e),
        (Some(meta), Some(Load::Ready(files))) => {
            let task = task.expect("matched above");
            match **tab {
                Tab::Spec => html! {
                    <article class="spec card">{Html::from_html_unchecked(markdown::to_html(&files.text.spec).into())}</article>
                },
                Tab::Run => {
                    // Runs are recorded: remember the input when Run is pressed.
                    let command = {
                        let (command, glue, form) =
                            (props.command.clone(), glue.clone(), task.form.clone());
                        Callback::from(move |c: Command| {
                            if let Command::Run(id) = &c
                                && let Ok(args) = crate::args::split(&form.args)
                            {
                                let stdin = match &form.stdin_file {
                                    Some((_, bytes)) => bytes.to_vec(),
                                    None => form.stdin.as_bytes().to_vec(),
                                };
                                let files = form
                                    .files
                                    .iter()
                                    .map(|(p, b)| (p.clone(), b.to_vec()))
                                    .collect();
                                glue.borrow_mut().probe =
                                    Some((id.clone(), ProbeInput { args, stdin, files }));
                            }
                            command.emit(c);
                        })
                    };
                    html! {
                        <view::run::RunPanel
                            id={id.clone()}
                            program={meta.program.clone()}
                            form={task.form.clone()}
                            ran={task.ran.clone()}
                            job={app.job.clone()}
                            dispatch={props.dispatch.clone()}
                            {command}
                        />
                    }
                }
                Tab::Code => {
                    // Grades from the editor are recorded with their source.
                    let command = {
                        let (command, glue) = (props.command.clone(), glue.clone());
                        let before = task.graded.as_ref().map(|g| g.json.clone());
                        Callback::from(move |c: Command| {
                            if let Command::GradeCode { task, source, .. } = &c {
                                glue.borrow_mut().grade = Some(PendingGrade {
                                    task: task.clone(),
                                    module: source.clone(),
                                    source: true,
                                    before: before.clone(),
                                });
                            }
                            command.emit(c);
                        })
                    };
                    let graded = task
                        .graded
                        .as_ref()
                        .filter(|g| g.report.seed == study.seed && g.report.hidden == study.hidden);
                    html! {
                        <>
                            <view::code::CodePanel
                                meta={meta.clone()}
                                task={task.clone()}
                                job={app.job.clone()}
                                seed={study.seed.to_string()}
                                dispatch={props.dispatch.clone()}
                                {command}
                                fixed={Some((study.seed, study.hidden))}
                            />
                            if let Some(graded) = graded {
                                {report_view(props, &id, graded)}
                            }
                        </>
                    }
                }
                Tab::Submit => submit_tab(props, session, &id, glue),
            }
        }
    };

    html! {
        <>
            <div class="study-task">
                <div>
                    <h1 data-testid="study-task" data-task={id.clone()}>{meta.map_or(id.clone(), |m| m.title.clone())}</h1>
                    {facts}
                </div>
                {controls}
            </div>
            <nav class="tabs" aria-label="Task sections">{for tabs}</nav>
            <section class="tab-body">{content}</section>
            <footer class="study-foot">{export_box}</footer>
        </>
    }
}

/// Submitting a module: graded at once with the study's seed and hidden count.
fn submit_tab(
    props: &StudyPageProps,
    session: &Session,
    id: &str,
    glue: &Rc<RefCell<Glue>>,
) -> Html {
    let app = &props.app;
    let task = app.task(id).expect("the caller checked");
    let study = &session.study;
    let busy = app.job.is_some();
    let grading = app
        .job
        .as_ref()
        .filter(|j| j.kind == JobKind::Grade && j.task == id);
    let on_pick = {
        let (id, command, dispatch, glue) = (
            id.to_string(),
            props.command.clone(),
            props.dispatch.clone(),
            glue.clone(),
        );
        let before = task.graded.as_ref().map(|g| g.json.clone());
        let (seed, hidden) = (study.seed, study.hidden);
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let list = input.files();
            let (id, command, dispatch, glue, before) = (
                id.clone(),
                command.clone(),
                dispatch.clone(),
                glue.clone(),
                before.clone(),
            );
            spawn_local(async move {
                let read = browser::read_files(list).await;
                input.set_value("");
                match read {
                    Ok(mut files) if !files.is_empty() => {
                        let (name, bytes) = files.swap_remove(0);
                        let bytes = Rc::new(bytes);
                        glue.borrow_mut().grade = Some(PendingGrade {
                            task: id.clone(),
                            module: bytes.clone(),
                            source: false,
                            before,
                        });
                        command.emit(Command::GradeFixed {
                            task: id,
                            submission: Submission::module(name, bytes.to_vec()),
                            seed,
                            hidden,
                        });
                    }
                    Ok(_) => {}
                    Err(error) => dispatch.emit(Action::SubmissionFailed { id, error }),
                }
            });
        })
    };
    let on_cancel = {
        let command = props.command.clone();
        Callback::from(move |_: MouseEvent| command.emit(Command::Cancel))
    };
    // Only a report graded the study's way is this study's feedback.
    let graded = task
        .graded
        .as_ref()
        .filter(|g| g.report.seed == study.seed && g.report.hidden == study.hidden);
    html! {
        <>
            <section class="card submit" aria-label="Submit">
                <h2>{"Submit a module"}</h2>
                <label class={classes!("dropzone", busy.then_some("disabled"))}>
                    <input id="study-submission" type="file" accept=".wasm,application/wasm"
                           class="visually-hidden" onchange={on_pick} disabled={busy} />
                    <span class="drop-title">{"Choose a .wasm file"}</span>
                    <span class="muted small">{format!(
                        "A WASI preview1 command module (wasm32-wasip1), graded at once on the visible cases and {} hidden ones (seed {}).",
                        study.hidden, study.seed)}</span>
                </label>
                if let Some(job) = grading {
                    {view::submit::progress(job, task.submission.as_ref().map(|s| s.name.as_str()), on_cancel)}
                }
                if let Some(notice) = &task.notice {
                    <div class="alert" role="alert">{notice}</div>
                }
            </section>
            if let Some(graded) = graded {
                {report_view(props, id, graded)}
            }
        </>
    }
}

/// The latest report graded the study's way, with links to its cases.
fn report_view(props: &StudyPageProps, id: &str, graded: &crate::state::Graded) -> Html {
    let case_href = {
        let (sid, participant) = (props.id.clone(), props.participant.clone());
        Callback::from(move |n: usize| {
            Route::Study {
                id: sid.clone(),
                participant: participant.clone(),
                case: Some(n),
            }
            .href()
        })
    };
    html! {
        <view::report::ReportView
            task={id.to_string()}
            graded={graded.clone()}
            case={props.case}
            failing_only={props.app.failing_only}
            case_href={case_href}
            dispatch={props.dispatch.clone()}
            command={props.command.clone()}
        />
    }
}

#[cfg(test)]
mod tests {
    use super::clock;

    #[test]
    fn clocks() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(83_456), "1:23");
        assert_eq!(clock(3_723_000), "1:02:03");
    }
}
