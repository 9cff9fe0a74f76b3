//! "Try the reference": run the task's reference on your own arguments, stdin and files,
//! and see exactly what it does.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::app::Command;
use crate::args;
use crate::browser;
use crate::state::{Action, Job, JobKind, Picked, RunForm, RunOutput};
use crate::view::{self, Bytes};

#[derive(Debug, Properties, PartialEq)]
pub struct RunPanelProps {
    pub id: String,
    pub program: String,
    pub form: RunForm,
    pub ran: Option<Result<Rc<RunOutput>, String>>,
    pub job: Option<Job>,
    pub dispatch: Callback<Action>,
    pub command: Callback<Command>,
}

/// Reads the files picked in an `<input type=file>` and hands them to `then`.
fn on_pick(then: impl Fn(Vec<Picked>) + 'static) -> Callback<Event> {
    let then = Rc::new(then);
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let list = input.files();
        let then = then.clone();
        spawn_local(async move {
            match browser::read_files(list).await {
                Ok(files) => then(files.into_iter().map(|(n, b)| (n, Rc::new(b))).collect()),
                Err(e) => gloo::console::error!("reading files failed:", e),
            }
            // Clearing lets the same file be picked again after a change on disk.
            input.set_value("");
        });
    })
}

#[derive(Debug, Properties, PartialEq)]
pub struct InputFieldsProps {
    pub id: String,
    pub program: String,
    pub form: RunForm,
    pub dispatch: Callback<Action>,
    /// Prefix of the fields' element ids (`run` gives `run-args`, `run-stdin`).
    pub prefix: AttrValue,
}

/// The input of a run: arguments, standard input (typed or from a file) and input files.
/// The reference's form and the editor's share it, and the state (`RunForm`).
#[component]
pub fn InputFields(props: &InputFieldsProps) -> Html {
    let id = props.id.clone();
    let dispatch = props.dispatch.clone();
    let split = args::split(&props.form.args);
    let field = |name: &str| format!("{}-{name}", props.prefix);
    let on_args = {
        let (id, dispatch) = (id.clone(), dispatch.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::SetArgs {
                id: id.clone(),
                args: input.value(),
            });
        })
    };
    let on_stdin = {
        let (id, dispatch) = (id.clone(), dispatch.clone());
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.emit(Action::SetStdin {
                id: id.clone(),
                stdin: input.value(),
            });
        })
    };
    let on_stdin_file = {
        let (id, dispatch) = (id.clone(), dispatch.clone());
        on_pick(move |mut files| {
            dispatch.emit(Action::SetStdinFile {
                id: id.clone(),
                file: files.pop(),
            })
        })
    };
    let clear_stdin_file = {
        let (id, dispatch) = (id.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SetStdinFile {
                id: id.clone(),
                file: None,
            })
        })
    };
    let on_files = {
        let (id, dispatch) = (id.clone(), dispatch.clone());
        on_pick(move |files| {
            dispatch.emit(Action::AddFiles {
                id: id.clone(),
                files,
            })
        })
    };
    let files = props.form.files.iter().map(|(path, bytes)| {
        let remove = {
            let (id, dispatch, path) = (id.clone(), dispatch.clone(), path.clone());
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::RemoveFile {
                    id: id.clone(),
                    path: path.clone(),
                })
            })
        };
        html! {
            <li>
                <span class="mono">{path}</span>
                <span class="muted small">{view::size(bytes.len() as u64)}</span>
                <button type="button" class="btn small ghost" onclick={remove}
                        aria-label={format!("Remove {path}")}>{"Remove"}</button>
            </li>
        }
    });
    let help = field("args-help");
    html! {
        <>
            <label for={field("args")}>{"Arguments"}</label>
            <div class="argline">
                <span class="prompt mono" aria-hidden="true">{format!("$ {}", props.program)}</span>
                <input id={field("args")} class="mono" type="text" value={props.form.args.clone()}
                       oninput={on_args} placeholder="(none)" spellcheck="false"
                       autocomplete="off" aria-describedby={help.clone()} />
            </div>
            {match &split {
                Err(e) => html! { <p id={help} class="field-error" role="alert">{format!("Arguments: {e}")}</p> },
                Ok(_) => html! { <p id={help} class="help">{"Split like a shell: quote with '…' or \"…\", escape with \\."}</p> },
            }}

            <label for={field("stdin")}>{"Standard input"}</label>
            {match &props.form.stdin_file {
                Some((name, bytes)) => html! {
                    <div class="picked">
                        <span>{"From file "}<span class="mono">{name}</span>{format!(" ({})", view::size(bytes.len() as u64))}</span>
                        <button type="button" class="btn small ghost" onclick={clear_stdin_file}>{"Type instead"}</button>
                    </div>
                },
                None => html! {
                    <textarea id={field("stdin")} class="mono" rows="5" value={props.form.stdin.clone()}
                              oninput={on_stdin} spellcheck="false" placeholder="(empty)" />
                },
            }}
            <div class="file-row">
                <label class="btn small secondary file-btn">
                    {"Read stdin from a file…"}
                    <input type="file" class="visually-hidden" onchange={on_stdin_file} />
                </label>
            </div>

            <span class="label field-label">{"Input files"}</span>
            <p class="help">{"Placed in the program's working directory (/)."}</p>
            if !props.form.files.is_empty() { <ul class="file-list">{for files}</ul> }
            <div class="file-row">
                <label class="btn small secondary file-btn">
                    {"Add files…"}
                    <input type="file" multiple=true class="visually-hidden" onchange={on_files} />
                </label>
            </div>
        </>
    }
}

#[component]
pub fn RunPanel(props: &RunPanelProps) -> Html {
    let id = props.id.clone();
    let split = args::split(&props.form.args);
    let running = props
        .job
        .as_ref()
        .is_some_and(|j| j.kind == JobKind::Run && j.task == id);
    let busy = props.job.is_some();

    let on_submit = {
        let (id, command) = (id.clone(), props.command.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            command.emit(Command::Run(id.clone()));
        })
    };
    let on_cancel = {
        let command = props.command.clone();
        Callback::from(move |_: MouseEvent| command.emit(Command::Cancel))
    };

    let command_line = match &split {
        Ok(words) if words.is_empty() => props.program.clone(),
        Ok(words) => format!("{} {}", props.program, args::join(words)),
        Err(_) => props.program.clone(),
    };

    html! {
        <div class="run-layout">
            <form class="card form" onsubmit={on_submit} aria-label="Run the reference">
                <h2>{"Try the reference"}</h2>
                <p class="muted">{"Runs the reference implementation in your browser, in the same sandbox that grades submissions."}</p>
                <InputFields id={id.clone()} program={props.program.clone()} form={props.form.clone()}
                             dispatch={props.dispatch.clone()} prefix="run" />
                <div class="actions">
                    <button type="submit" class="btn primary" disabled={busy || split.is_err()}>
                        {if running { "Running…" } else { "Run" }}
                    </button>
                    if running {
                        <button type="button" class="btn secondary" onclick={on_cancel}>{"Cancel"}</button>
                    }
                    <code class="cmdline">{command_line}</code>
                </div>
            </form>
            <section class="card run-output" aria-live="polite" aria-label="Output">
                <h2>{"Output"}</h2>
                {match &props.ran {
                    None => html! { <p class="muted">{"Run the reference to see its output here."}</p> },
                    Some(Err(e)) => html! { <div class="alert" role="alert">{e}</div> },
                    Some(Ok(out)) => output(out),
                }}
            </section>
        </div>
    }
}

pub(crate) fn output(out: &RunOutput) -> Html {
    let status_class = match out.exit_code {
        Some(0) => "ok",
        Some(_) => "warn",
        None => "bad",
    };
    html! {
        <div class="run-result">
            <p class="status-line">
                <span class={classes!("pill", status_class)} data-testid="run-ending">{&out.ending}</span>
                <span class="muted small">{format!("{} fuel", view::thousands(out.fuel))}</span>
            </p>
            <h3>{"stdout"}</h3>
            <div data-testid="run-stdout"><Bytes bytes={out.stdout.clone()} /></div>
            <h3>{"stderr"}</h3>
            <div data-testid="run-stderr"><Bytes bytes={out.stderr.clone()} /></div>
            if !out.files.is_empty() {
                <h3>{"Files written by the run"}</h3>
                {for out.files.iter().map(|(path, bytes)| html! {
                    <details class="file">
                        <summary><span class="mono">{path}</span>{" "}<span class="muted small">{view::size(bytes.len() as u64)}</span></summary>
                        <Bytes bytes={bytes.clone()} />
                    </details>
                })}
            }
        </div>
    }
}
