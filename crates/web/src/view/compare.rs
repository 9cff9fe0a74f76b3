//! The compare page (`#/compare`): record files of humans and models, loaded by drop,
//! picker or URL (`#/compare?src=…`), shown per task as the table and the charts of
//! `replica-compare`, the same code `replica compare` runs, with exports of every figure
//! (SVG, PNG) and of the table (CSV, LaTeX).

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

use crate::browser;
use crate::route::Route;
use replica_compare::table::{self, COLUMNS};
use replica_compare::{Dataset, LoadError, Row};

/// Record files as `(name, text)`, in the order they were given.
type Files = Rc<Vec<(String, String)>>;

#[derive(Debug, Properties, PartialEq)]
pub struct ComparePageProps {
    /// Record files to fetch, relative to the page (from the route's `src=`).
    pub sources: Vec<String>,
}

/// What loading the files gave: the grouped records and the table rows, or the first
/// broken line.
type Loaded = Result<(Dataset, Vec<Row>), LoadError>;

#[component]
pub fn ComparePage(props: &ComparePageProps) -> Html {
    // Files fetched for the route's sources, and files dropped or picked here.
    let fetched = use_state(Files::default);
    let dropped = use_state(Files::default);
    let fetching = use_state(|| false);
    let problem = use_state(|| Option::<String>::None);
    let dragging = use_state(|| false);
    let url = use_state(String::new);

    // Fetches finish out of order when the sources change quickly; only the latest
    // request's files are shown.
    let generation = use_mut_ref(|| 0u32);
    {
        let (fetched, fetching, problem) = (fetched.clone(), fetching.clone(), problem.clone());
        use_effect_with(props.sources.clone(), move |sources| {
            let sources = sources.clone();
            fetching.set(!sources.is_empty());
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            spawn_local(async move {
                let mut files = Vec::new();
                let mut errors = Vec::new();
                for source in &sources {
                    match browser::fetch_text(source).await {
                        Ok(text) => files.push((source.clone(), text)),
                        Err(e) => errors.push(e),
                    }
                }
                if *generation.borrow() != mine {
                    return;
                }
                problem.set((!errors.is_empty()).then(|| errors.join("; ")));
                fetched.set(Rc::new(files));
                fetching.set(false);
            });
        });
    }

    let all: Files = Rc::new(fetched.iter().chain(dropped.iter()).cloned().collect());
    let loaded: Rc<Loaded> = use_memo(all.clone(), |files| {
        replica_compare::load(files).map(|dataset| {
            let rows = replica_compare::rows(&dataset);
            (dataset, rows)
        })
    });

    let add_files = {
        let (dropped, problem) = (dropped.clone(), problem.clone());
        Callback::from(move |list: Option<web_sys::FileList>| {
            let (dropped, problem) = (dropped.clone(), problem.clone());
            spawn_local(async move {
                match browser::read_files(list).await {
                    Ok(read) => {
                        let mut files: Vec<(String, String)> = (*dropped).as_ref().clone();
                        let mut errors = Vec::new();
                        for (name, bytes) in read {
                            match String::from_utf8(bytes) {
                                Ok(text) => {
                                    // A file given again replaces the earlier copy.
                                    files.retain(|(n, _)| *n != name);
                                    files.push((name, text));
                                }
                                Err(_) => errors.push(format!(
                                    "{name} is not UTF-8 text; give JSONL record files"
                                )),
                            }
                        }
                        problem.set((!errors.is_empty()).then(|| errors.join("; ")));
                        dropped.set(Rc::new(files));
                    }
                    Err(e) => problem.set(Some(e)),
                }
            });
        })
    };
    let on_pick = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            add_files.emit(input.files());
        })
    };
    let on_drop = {
        let (add_files, dragging) = (add_files.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            add_files.emit(e.data_transfer().and_then(|d| d.files()));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_url = {
        let url = url.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            url.set(input.value());
        })
    };
    let on_load_url = {
        let (url, sources) = (url.clone(), props.sources.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let wanted = url.trim().to_string();
            if wanted.is_empty() || sources.contains(&wanted) {
                return;
            }
            let mut sources = sources.clone();
            sources.push(wanted);
            // The route holds the sources, so the page can be shared and reloaded.
            let _ = gloo::utils::window()
                .location()
                .set_hash(&Route::Compare { sources }.href());
            url.set(String::new());
        })
    };
    let on_clear = {
        let (dropped, problem) = (dropped.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            dropped.set(Files::default());
            problem.set(None);
            let _ = gloo::utils::window()
                .location()
                .set_hash(&Route::Compare { sources: vec![] }.href());
        })
    };

    let body = match (&*loaded, all.is_empty()) {
        (_, true) if *fetching => {
            html! { <p class="muted" role="status">{"Loading the record files…"}</p> }
        }
        (_, true) => html! {
            <p class="muted">
                {"No records yet. Load the JSONL of a study export, of "}
                <code>{"replica grade --json --author KIND:NAME"}</code>{" or of "}
                <code>{"replica grade-batch DIR"}</code>{"."}
            </p>
        },
        (Err(error), false) => html! {
            <div class="alert" role="alert" data-testid="compare-error">
                <strong>{"A record file cannot be read"}</strong>
                <p class="mono">{error.to_string()}</p>
            </div>
        },
        (Ok((dataset, rows)), false) => results(dataset, rows),
    };

    html! {
        <div class="page compare-page">
            <h1>{"Compare humans and models"}</h1>
            <p class="muted">
                {"Per task and author kind: best reward, time and attempts to the first solve, and pass@k for models. The numbers, charts and exports are those of "}
                <code>{"replica compare"}</code>{"."}
            </p>
            <section class="card compare-load" aria-label="Load records">
                <label
                    class={classes!("dropzone", (*dragging).then_some("over"))}
                    ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                    <input id="records" type="file" accept=".jsonl,.json,application/x-ndjson,text/plain" multiple=true
                           class="visually-hidden" onchange={on_pick} />
                    <span class="drop-title">{"Drop record files (.jsonl) here, or "}<span class="linkish">{"choose files"}</span></span>
                    <span class="muted small">{"Humans' study exports and models' graded submissions, in any mix."}</span>
                </label>
                <form class="compare-url" onsubmit={on_load_url}>
                    <label for="records-url">{"Or load from a URL"}</label>
                    <div class="seed-row">
                        <input id="records-url" class="mono" type="text" placeholder="records/models.jsonl"
                               value={(*url).clone()} oninput={on_url} />
                        <button type="submit" class="btn small secondary">{"Load"}</button>
                    </div>
                    <p class="help">{"Fetched relative to this page; the address lands in the link, so it can be shared."}</p>
                </form>
                if !all.is_empty() {
                    <div class="compare-files">
                        <span class="label">{"Loaded:"}</span>
                        {for all.iter().map(|(name, text)| html! {
                            <span class="chip mono" data-file={name.clone()}>{format!("{name} ({} lines)", text.lines().filter(|l| !l.trim().is_empty()).count())}</span>
                        })}
                        <button type="button" class="btn small secondary" onclick={on_clear}>{"Clear"}</button>
                    </div>
                }
                if let Some(problem) = &*problem {
                    <div class="alert" role="alert">{problem.clone()}</div>
                }
            </section>
            {body}
        </div>
    }
}

/// The warnings, the table exports, and one section per task.
fn results(dataset: &Dataset, rows: &[Row]) -> Html {
    let csv = table::csv(rows);
    let latex = table::latex(rows);
    let export_csv = Callback::from(move |_: MouseEvent| {
        browser::download("replica-compare.csv", &csv, "text/csv")
    });
    let export_latex = Callback::from(move |_: MouseEvent| {
        browser::download("replica-compare.tex", &latex, "application/x-tex")
    });
    html! {
        <>
            if !dataset.warnings.is_empty() {
                <div class="alert warn" role="status" data-testid="compare-warnings">
                    <ul>{for dataset.warnings.iter().map(|w| html! { <li>{w.clone()}</li> })}</ul>
                </div>
            }
            <div class="compare-actions">
                <span class="label">{"Export table:"}</span>
                <button type="button" class="btn small secondary" data-testid="export-csv" onclick={export_csv}>{"CSV"}</button>
                <button type="button" class="btn small secondary" data-testid="export-latex" onclick={export_latex}>{"LaTeX"}</button>
            </div>
            {for dataset.tasks.values().map(|task| {
                let task_rows: Vec<&Row> = rows.iter().filter(|r| r.task == task.id).collect();
                html! {
                    <section class="card compare-task" data-task={task.id.clone()} aria-label={format!("Task {}", task.id)}>
                        <h2>{&task.id}</h2>
                        {table_html(&task_rows)}
                        <div class="compare-charts">
                            {for replica_compare::charts::all(task).into_iter().map(|chart| figure(&task.id, chart))}
                        </div>
                    </section>
                }
            })}
        </>
    }
}

/// The rows of one task, with the columns and values of the CSV (an empty cell is `—`).
fn table_html(rows: &[&Row]) -> Html {
    html! {
        <div class="table-scroll">
            <table class="compare-table" data-testid="compare-table">
                <thead><tr>{for COLUMNS.iter().map(|(name, label)| html! { <th scope="col" data-column={*name}>{*label}</th> })}</tr></thead>
                <tbody>
                    {for rows.iter().map(|row| html! {
                        <tr data-kind={row.kind.clone()}>
                            {for table::cells(row).into_iter().map(|cell| html! { <td>{cell.unwrap_or_else(|| "—".to_string())}</td> })}
                        </tr>
                    })}
                </tbody>
            </table>
        </div>
    }
}

/// One chart, inline, with its exports.
fn figure(task: &str, chart: replica_compare::charts::Chart) -> Html {
    let stem = format!("replica-compare-{task}-{}", chart.name);
    let svg = Rc::new(chart.svg);
    let export_svg = {
        let (stem, svg) = (stem.clone(), svg.clone());
        Callback::from(move |_: MouseEvent| {
            browser::download(&format!("{stem}.svg"), &svg, "image/svg+xml")
        })
    };
    let export_png = {
        let (stem, svg) = (stem.clone(), svg.clone());
        Callback::from(move |_: MouseEvent| {
            let (stem, svg) = (stem.clone(), svg.clone());
            spawn_local(async move {
                if let Err(e) = download_png(&format!("{stem}.png"), &svg).await {
                    gloo::console::error!("PNG export failed", e);
                }
            });
        })
    };
    html! {
        <figure class="compare-figure" data-chart={chart.name}>
            {Html::from_html_unchecked(AttrValue::from((*svg).clone()))}
            <figcaption>
                <span class="label">{"Export figure:"}</span>
                <button type="button" class="btn small secondary" data-testid="export-svg" onclick={export_svg}>{"SVG"}</button>
                <button type="button" class="btn small secondary" data-testid="export-png" onclick={export_png}>{"PNG"}</button>
            </figcaption>
        </figure>
    }
}

/// Draws `svg` on a canvas at twice its size and offers the PNG as `name`.
async fn download_png(name: &str, svg: &str) -> Result<(), JsValue> {
    use base64::Engine as _;
    const SCALE: f64 = 2.0;
    let document = gloo::utils::document();
    let image = web_sys::HtmlImageElement::new()?;
    image.set_src(&format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ));
    JsFuture::from(image.decode()).await?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    canvas.set_width((replica_compare::charts::WIDTH * SCALE) as u32);
    canvas.set_height((replica_compare::charts::HEIGHT * SCALE) as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .unchecked_into();
    context.scale(SCALE, SCALE)?;
    context.draw_image_with_html_image_element(&image, 0.0, 0.0)?;
    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = canvas.to_blob_with_type(&resolve, "image/png");
    }))
    .await?;
    let blob: web_sys::Blob = blob.dyn_into()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}
