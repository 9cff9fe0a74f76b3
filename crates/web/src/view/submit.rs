//! Submitting: drop or pick a `.wasm`, or grade one of the task's examples; the seed;
//! progress with Cancel.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::app::Command;
use crate::browser;
use crate::protocol::Phase;
use crate::state::{Action, Job, JobKind, Stage, Submission, TaskMeta};
use crate::view;

#[derive(Debug, Properties, PartialEq)]
pub struct SubmitPanelProps {
    pub meta: TaskMeta,
    /// The name of the submission last graded or being graded.
    pub submission: Option<String>,
    pub notice: Option<String>,
    pub job: Option<Job>,
    pub seed: String,
    pub dispatch: Callback<Action>,
    pub command: Callback<Command>,
}

/// Grades the first file of `list`; then clears `input` (clearing it first would empty the
/// list, which is live), so the same file can be picked again.
fn grade_files(
    id: String,
    list: Option<web_sys::FileList>,
    input: Option<web_sys::HtmlInputElement>,
    command: Callback<Command>,
    dispatch: Callback<Action>,
) {
    spawn_local(async move {
        let read = browser::read_files(list).await;
        if let Some(input) = input {
            input.set_value("");
        }
        match read {
            Ok(mut files) if !files.is_empty() => {
                let (name, bytes) = files.swap_remove(0);
                let submission = Submission::module(name, bytes);
                command.emit(Command::Grade {
                    task: id,
                    submission,
                });
            }
            Ok(_) => {}
            Err(error) => dispatch.emit(Action::SubmissionFailed { id, error }),
        }
    });
}

#[component]
pub fn SubmitPanel(props: &SubmitPanelProps) -> Html {
    let id = props.meta.id.clone();
    let dragging = use_state(|| false);
    let busy = props.job.is_some();
    let grading = props
        .job
        .as_ref()
        .filter(|j| j.kind == JobKind::Grade && j.task == id);

    let on_pick = {
        let (id, command, dispatch) = (id.clone(), props.command.clone(), props.dispatch.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let files = input.files();
            grade_files(
                id.clone(),
                files,
                Some(input),
                command.clone(),
                dispatch.clone(),
            );
        })
    };
    let on_drop = {
        let (id, command, dispatch) = (id.clone(), props.command.clone(), props.dispatch.clone());
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if !busy {
                let files = e.data_transfer().and_then(|d| d.files());
                grade_files(id.clone(), files, None, command.clone(), dispatch.clone());
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens the dropped file instead.
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_seed = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::SetSeed(input.value()));
        })
    };
    let new_seed = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SetSeed(browser::random_seed().to_string()))
        })
    };
    let on_cancel = {
        let command = props.command.clone();
        Callback::from(move |_: MouseEvent| command.emit(Command::Cancel))
    };
    let examples = props.meta.examples.iter().map(|name| {
        let onclick = {
            let (id, name, command) = (id.clone(), name.clone(), props.command.clone());
            Callback::from(move |_: MouseEvent| {
                command.emit(Command::GradeExample {
                    task: id.clone(),
                    name: name.clone(),
                })
            })
        };
        html! {
            <button type="button" class="btn small secondary" {onclick} disabled={busy} data-example={name.clone()}>
                {name}
            </button>
        }
    });

    let seed_error = props.seed.trim().parse::<u64>().is_err();
    html! {
        <section class="card submit" aria-label="Submit">
            <div class="submit-grid">
                <div>
                    <h2>{"Submit a module"}</h2>
                    <label
                        class={classes!("dropzone", (*dragging).then_some("over"), busy.then_some("disabled"))}
                        ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                        <input id="submission" type="file" accept=".wasm,application/wasm"
                               class="visually-hidden" onchange={on_pick} disabled={busy} />
                        <span class="drop-title">{"Drop a .wasm file here, or "}<span class="linkish">{"choose a file"}</span></span>
                        <span class="muted small">{"A WASI preview1 command module (wasm32-wasip1). It is graded at once."}</span>
                    </label>
                    if !props.meta.examples.is_empty() {
                        <div class="examples">
                            <span class="label">{"Or grade an example:"}</span>
                            {for examples}
                        </div>
                    }
                </div>
                <div class="seed-box">
                    <label for="seed">{"Seed"}</label>
                    <div class="seed-row">
                        <input id="seed" class="mono" type="text" inputmode="numeric" value={props.seed.clone()}
                               oninput={on_seed} disabled={busy} aria-invalid={seed_error.then_some("true")} />
                        <button type="button" class="btn small secondary" onclick={new_seed} disabled={busy}>{"New seed"}</button>
                    </div>
                    if seed_error {
                        <p class="field-error">{"The seed must be a whole number."}</p>
                    } else {
                        <p class="help">{"Draws the hidden cases. The same seed reproduces a grade with "}
                            <code>{format!("replica grade {} FILE.wasm --seed {}", id, props.seed.trim())}</code></p>
                    }
                </div>
            </div>
            if let Some(job) = grading {
                {progress(job, props.submission.as_deref(), on_cancel)}
            }
            if let Some(notice) = &props.notice {
                <div class="alert" role="alert">{notice}</div>
            }
        </section>
    }
}

pub(crate) fn progress(
    job: &Job,
    submission: Option<&str>,
    on_cancel: Callback<MouseEvent>,
) -> Html {
    let (label, done, total) = match (&job.stage, job.progress) {
        (Some(Stage::Compiling { done, total }), _) if *total > 0 => (
            format!(
                "Downloading the C compiler (first use): {} of {}",
                view::size(*done),
                view::size(*total)
            ),
            *done as usize,
            *total as usize,
        ),
        (Some(Stage::Compiling { .. }), _) => ("Compiling main.c…".to_string(), 0, 1),
        (
            Some(Stage::Loading {
                what,
                done,
                total,
                cached,
            }),
            _,
        ) => (
            match cached {
                true => format!("Loading {what} from the browser's cache…"),
                false => format!(
                    "Downloading {what} (first use): {} of {}",
                    view::size(*done),
                    view::size(*total)
                ),
            },
            *done as usize,
            (*total as usize).max(1),
        ),
        (None, None) => ("Starting the sandbox…".to_string(), 0, 1),
        (None, Some((Phase::Reference, done, total))) => (
            format!(
                "Running the reference: case {} of {total}",
                (done + 1).min(total)
            ),
            done,
            total,
        ),
        (None, Some((Phase::Candidate, done, total))) => (
            format!("Grading: case {} of {total}", (done + 1).min(total)),
            done,
            total,
        ),
    };
    // A run that has gone on for a while says how much of its fuel it has used, so a
    // program heading for TLE shows it.
    let label = match job.fuel {
        Some((used, budget)) => format!(
            "{label} · {} of {} M fuel",
            used / 1_000_000,
            budget / 1_000_000
        ),
        None => label,
    };
    // Reference runs count as the first half, so the bar never goes backwards; a download
    // fills the bar on its own.
    let fraction = match (&job.stage, job.progress) {
        (Some(_), _) => done as f64 / total.max(1) as f64,
        (None, None) => 0.0,
        (None, Some((Phase::Reference, ..))) => 0.5 * done as f64 / total.max(1) as f64,
        (None, Some((Phase::Candidate, ..))) => 0.5 + 0.5 * done as f64 / total.max(1) as f64,
    };
    html! {
        <div class="progress-box" role="status" aria-live="polite" data-testid="progress">
            <div class="progress-head">
                <span>
                    if let Some(name) = submission { <strong class="mono">{name}</strong>{" — "} }
                    <span data-testid="progress-label">{label}</span>
                </span>
                <button type="button" class="btn small danger" onclick={on_cancel}>{"Cancel"}</button>
            </div>
            <progress max="1000" value={((fraction * 1000.0) as u32).to_string()} aria-label="Grading progress" />
        </div>
    }
}
