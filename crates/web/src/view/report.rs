//! The graded report: reward, the case chips, and one case's input and diffs with
//! expected beside actual.

use base64::Engine as _;
use replica_judge::{
    CaseDiff, CaseReport, DiffLine, ExitDiff, FileChange, FileDiff, LineTag, Preview, StreamDiff,
    Verdict,
};
use yew::prelude::*;

use crate::app::Command;
use crate::args;
use crate::route::Route;
use crate::state::{Action, Graded};
use crate::view::{self, Bytes};
use crate::visible;

#[derive(Debug, Properties, PartialEq)]
pub struct ReportProps {
    pub task: String,
    pub graded: Graded,
    /// The selected case, from the route.
    pub case: Option<usize>,
    pub failing_only: bool,
    pub dispatch: Callback<Action>,
    pub command: Callback<Command>,
    /// The link of case `n`; by default the task's case route (`#/task/<id>/case/<n>`).
    /// A shared report links to itself with the case selected; a study keeps its own route.
    #[prop_or_default]
    pub case_href: Option<Callback<usize, String>>,
    /// The report file's URL, when it came from one: its permalink links the file.
    #[prop_or_default]
    pub src: Option<AttrValue>,
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::AC => "v-ac",
        Verdict::WA => "v-wa",
        Verdict::TLE | Verdict::MLE | Verdict::OLE => "v-limit",
        Verdict::RE | Verdict::CE => "v-err",
    }
}

#[component]
pub fn ReportView(props: &ReportProps) -> Html {
    let report = &props.graded.report;
    let pct = view::percent(report.reward);
    let on_download = {
        let (task, command) = (props.task.clone(), props.command.clone());
        Callback::from(move |_: MouseEvent| command.emit(Command::DownloadReport(task.clone())))
    };
    let on_filter = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(Action::ToggleFailingOnly))
    };
    let failing = report
        .cases
        .iter()
        .filter(|c| c.verdict != Verdict::AC)
        .count();
    let chips = report
        .cases
        .iter()
        .enumerate()
        .filter(|(_, c)| !props.failing_only || c.verdict != Verdict::AC)
        .map(|(i, c)| {
            let href = match &props.case_href {
                Some(href) => href.emit(i),
                None => Route::Case {
                    id: props.task.clone(),
                    case: i,
                }
                .href(),
            };
            let selected = props.case == Some(i);
            html! {
                <li>
                    <a href={href} class={classes!("chip", verdict_class(c.verdict), selected.then_some("selected"))}
                       aria-current={selected.then_some("true")} title={format!("{}: {}", c.name, c.verdict.describe())}
                       data-verdict={c.verdict.as_str()} data-case={i.to_string()}>
                        <span class="chip-verdict">{c.verdict.as_str()}</span>
                        <span class="chip-name">{&c.name}</span>
                        if c.hidden { <span class="chip-hidden" title="hidden case">{"hidden"}</span> }
                    </a>
                </li>
            }
        });
    let detail = match props.case {
        Some(i) => match report.cases.get(i) {
            Some(case) => html! { <CaseView case={case.clone()} index={i} /> },
            None => html! { <p class="muted">{format!("This report has no case {i}.")}</p> },
        },
        None if failing > 0 => {
            html! { <p class="muted hint">{"Select a case to see its input and what differs."}</p> }
        }
        None => html! {},
    };
    html! {
        <section class="report" aria-label="Result">
            <div class="card score">
                <div class="score-main">
                    <div class="reward" data-testid="reward" data-reward={report.reward.to_string()}>{pct.clone()}</div>
                    <div class="score-side">
                        if report.solved {
                            <span class="badge solved" data-testid="solved">{"✓ Solved"}</span>
                        } else {
                            <span class="badge unsolved">{"Not solved yet"}</span>
                        }
                        <div class="muted">{format!("{} of {} cases accepted", report.accepted, report.total)}</div>
                    </div>
                    <div class="score-actions">
                        <button type="button" class="btn secondary" onclick={on_download} data-testid="download">{"Download report"}</button>
                    </div>
                </div>
                <div class="bar" role="img" aria-label={format!("reward {pct}")}>
                    <div class="bar-fill" style={format!("width: {}%", report.reward * 100.0)}></div>
                </div>
                <dl class="facts inline">
                    <div><dt>{"Submission"}</dt><dd class="mono">{&props.graded.submission}</dd></div>
                    <div><dt>{"Size"}</dt><dd>{view::size(report.submission.bytes)}</dd></div>
                    <div><dt>{"Seed"}</dt><dd class="mono" data-testid="report-seed">{report.seed}</dd></div>
                    <div><dt>{"Hidden cases"}</dt><dd>{report.hidden}</dd></div>
                    <div><dt>{"Engine"}</dt><dd>{&report.engine}</dd></div>
                    if let Some(runs) = props.graded.runs {
                        <div title="Where this page ran the reference and the submission: the browser's own WebAssembly engine, or wasmi for runs that trap or recurse deeply. The report is the same either way.">
                            <dt>{"Ran on"}</dt>
                            <dd data-testid="ran-on" data-browser={runs.browser.to_string()} data-wasmi={runs.wasmi.to_string()}>
                                {format!("browser {}, wasmi {}", runs.browser, runs.wasmi)}
                            </dd>
                        </div>
                    }
                </dl>
                <view::embed::CopyPermalink graded={props.graded.clone()} case={props.case} src={props.src.clone()} />
                if let Some(e) = &report.compile_error {
                    <div class="alert" role="alert" data-testid="compile-error">
                        <strong>{"The module could not be loaded (CE): "}</strong><span class="mono">{e}</span>
                    </div>
                }
            </div>
            <div class="card cases">
                <div class="cases-head">
                    <h2>{"Cases"}</h2>
                    <label class="check">
                        <input type="checkbox" checked={props.failing_only} onchange={on_filter} />
                        {format!(" Only failing ({failing})")}
                    </label>
                </div>
                <ul class="chips" aria-label="Cases">{for chips}</ul>
            </div>
            {detail}
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct CaseProps {
    case: CaseReport,
    index: usize,
}

#[component]
fn CaseView(props: &CaseProps) -> Html {
    let case = &props.case;
    let input = &case.input;
    let fuel = |f: Option<u64>| f.map_or_else(|| "—".to_string(), view::thousands);
    html! {
        <article class="card case" data-testid="case" aria-label={format!("Case {}", case.name)}>
            <header class="case-head">
                <span class={classes!("chip", "big", verdict_class(case.verdict))}>{case.verdict.as_str()}</span>
                <div>
                    <h2>{&case.name}{if case.hidden { " (hidden)" } else { "" }}</h2>
                    <p class="muted">
                        {case.verdict.describe()}
                        if let Some(ending) = &case.ending { {" · "}{ending} }
                        {format!(" · fuel {}", fuel(case.fuel.candidate))}
                        if let Some(limit) = case.fuel.limit { {format!(" of {}", view::thousands(limit))} }
                        {format!(" (reference {})", fuel(Some(case.fuel.reference)))}
                    </p>
                </div>
            </header>
            <h3>{"Input"}</h3>
            <div class="input-summary">
                <div class="cmd"><span class="label">{"args"}</span><code>{if input.args.is_empty() { "(none)".to_string() } else { args::join(&input.args) }}</code></div>
                if !input.env.is_empty() {
                    <div class="cmd"><span class="label">{"env"}</span><code>{input.env.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" ")}</code></div>
                }
                <div><span class="label">{"stdin"}</span>{preview(&input.stdin)}</div>
                {for input.files.iter().map(|(path, p)| html! {
                    <div><span class="label">{"file "}<span class="mono">{path}</span></span>{preview(p)}</div>
                })}
            </div>
            {match &case.diff {
                Some(diff) => diffs(diff),
                None if case.verdict == Verdict::AC => html! { <p class="ok-note">{"Every compared channel matches."}</p> },
                None => html! { <p class="muted">{"No channel diff: the run did not finish normally (see the ending above)."}</p> },
            }}
        </article>
    }
}

fn preview(p: &Preview) -> Html {
    let note = if p.truncated {
        format!("first part of {}", view::size(p.bytes))
    } else {
        view::size(p.bytes)
    };
    let bytes = match (&p.text, &p.base64) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(b64)) => base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap_or_default(),
        (None, None) => Vec::new(),
    };
    html! {
        <div class="preview">
            <span class="muted small">{note}</span>
            <Bytes bytes={bytes} />
        </div>
    }
}

pub(crate) fn diffs(diff: &CaseDiff) -> Html {
    html! {
        <>
            if let Some(d) = &diff.stdout { <h3>{"stdout"}</h3>{stream(d)} }
            if let Some(d) = &diff.stderr { <h3>{"stderr"}</h3>{stream(d)} }
            if let Some(d) = &diff.exit_code { <h3>{"exit code"}</h3>{exit(d)} }
            if let Some(files) = &diff.files {
                <h3>{"files"}</h3>
                {for files.iter().map(file)}
            }
        </>
    }
}

fn exit(d: &ExitDiff) -> Html {
    html! {
        <div class="exit-diff" data-testid="exit-diff">
            <div><span class="label">{"expected"}</span><span class="pill ok mono">{d.expected}</span></div>
            <div><span class="label">{"actual"}</span>
                <span class="pill bad mono">{d.actual.map_or_else(|| "did not exit".to_string(), |c| c.to_string())}</span>
            </div>
        </div>
    }
}

fn file(f: &FileDiff) -> Html {
    let change = match f.change {
        FileChange::Missing => "missing: expected but not written",
        FileChange::Extra => "extra: written but not expected",
        FileChange::Changed => "contents differ",
        FileChange::KindChanged => "a file on one side, a directory or symlink on the other",
    };
    html! {
        <div class="file-diff">
            <p><span class="mono">{&f.path}</span>{" — "}<span class="muted">{change}</span></p>
            if let Some(d) = &f.diff { {stream(d)} }
        </div>
    }
}

/// One row of a side-by-side diff.
#[derive(Debug, PartialEq)]
pub enum Row<'a> {
    /// Expected and actual line (either may be absent).
    Pair(Option<&'a DiffLine>, Option<&'a DiffLine>),
    /// Equal lines left out of the report.
    Gap,
}

/// Pairs a line diff into rows of (expected, actual): equal lines sit on both sides,
/// and each run of deletions is set beside the run of insertions that follows it. Where
/// the line numbers jump (equal lines the report left out), a [`Row::Gap`] says so.
pub fn side_by_side(lines: &[DiffLine]) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    let (mut next_old, mut next_new) = (1, 1);
    let mut i = 0;
    while i < lines.len() {
        let jumped = lines[i].old.is_some_and(|n| n > next_old)
            || lines[i].new.is_some_and(|n| n > next_new);
        if jumped {
            rows.push(Row::Gap);
        }
        let mut track = |l: &DiffLine| {
            if let Some(n) = l.old {
                next_old = n + 1;
            }
            if let Some(n) = l.new {
                next_new = n + 1;
            }
        };
        if lines[i].tag == LineTag::Equal {
            track(&lines[i]);
            rows.push(Row::Pair(Some(&lines[i]), Some(&lines[i])));
            i += 1;
            continue;
        }
        let dels: Vec<&DiffLine> = lines[i..]
            .iter()
            .take_while(|l| l.tag == LineTag::Delete)
            .collect();
        i += dels.len();
        let ins: Vec<&DiffLine> = lines[i..]
            .iter()
            .take_while(|l| l.tag == LineTag::Insert)
            .collect();
        i += ins.len();
        dels.iter().chain(&ins).for_each(|l| track(l));
        for k in 0..dels.len().max(ins.len()) {
            rows.push(Row::Pair(dels.get(k).copied(), ins.get(k).copied()));
        }
    }
    rows
}

/// The pieces of one diff line, with markers for the parts of a long line left out.
fn line_pieces(l: &DiffLine) -> Html {
    let segments: Vec<(&str, bool)> = l
        .segments
        .iter()
        .map(|s| (s.text.as_str(), s.emph))
        .collect();
    let skipped =
        |n: u64| html! { <span class="mark">{format!("⟨{} bytes⟩", view::thousands(n))}</span> };
    html! {
        <>
            if l.skipped_before > 0 { {skipped(l.skipped_before)} }
            {view::pieces(&visible::line(&segments))}
            if l.skipped_after > 0 { {skipped(l.skipped_after)} }
        </>
    }
}

fn stream(d: &StreamDiff) -> Html {
    match d {
        StreamDiff::Text { lines, truncated } => {
            let cell = |line: Option<&DiffLine>, number: Option<u32>, side: &'static str| match line
            {
                None => {
                    html! { <><td class="ln"></td><td class={classes!("code", "blank")}></td></> }
                }
                Some(l) => {
                    let class = match l.tag {
                        LineTag::Equal => "same",
                        _ => side,
                    };
                    html! {
                        <>
                            <td class="ln">{number.map(|n| n.to_string()).unwrap_or_default()}</td>
                            <td class={classes!("code", class)}>{line_pieces(l)}</td>
                        </>
                    }
                }
            };
            html! {
                <div class="diff-wrap">
                    <table class="diff" data-testid="text-diff">
                        <colgroup><col class="ln" /><col /><col class="ln" /><col /></colgroup>
                        <thead><tr><th colspan="2">{"expected (reference)"}</th><th colspan="2">{"actual (yours)"}</th></tr></thead>
                        <tbody>
                            {for side_by_side(lines).into_iter().map(|row| match row {
                                Row::Gap => html! {
                                    <tr class="gap"><td colspan="4">{"⋯ equal lines not shown"}</td></tr>
                                },
                                Row::Pair(old, new) => html! {
                                    <tr class={classes!(old.is_some_and(|l| l.tag == LineTag::Equal).then_some("eq"))}>
                                        {cell(old, old.and_then(|l| l.old), "del")}
                                        {cell(new, new.and_then(|l| l.new), "ins")}
                                    </tr>
                                },
                            })}
                        </tbody>
                    </table>
                    if *truncated { <p class="muted small">{"… more lines differ; the report keeps the first ones."}</p> }
                </div>
            }
        }
        StreamDiff::Hex { rows, truncated } => html! {
            <div class="diff-wrap">
                <table class="diff hexdiff" data-testid="hex-diff">
                    <colgroup><col class="ln wide" /><col /><col /></colgroup>
                    <thead><tr><th>{"offset"}</th><th>{"expected (reference)"}</th><th>{"actual (yours)"}</th></tr></thead>
                    <tbody>
                        {for rows.iter().map(|row| {
                            let (e, a) = visible::hex_row(&row.expected, &row.actual);
                            let cells = |cells: Vec<visible::HexCell>| cells.into_iter().map(|c| html! {
                                <span class={classes!("byte", c.differs.then_some("emph"))}>{c.hex}</span>
                            }).collect::<Html>();
                            html! {
                                <tr>
                                    <td class="ln">{format!("{:08x}", row.offset)}</td>
                                    <td class="code">{cells(e)}</td>
                                    <td class="code">{cells(a)}</td>
                                </tr>
                            }
                        })}
                    </tbody>
                </table>
                if *truncated { <p class="muted small">{"… more rows differ; the report keeps the first ones."}</p> }
            </div>
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use replica_judge::Segment;

    /// A line with its numbers: `old`/`new` as the judge sets them for its tag.
    fn line(tag: LineTag, text: &str, old: u32, new: u32) -> DiffLine {
        DiffLine {
            tag,
            old: (tag != LineTag::Insert).then_some(old),
            new: (tag != LineTag::Delete).then_some(new),
            segments: vec![Segment {
                text: text.into(),
                emph: false,
            }],
            skipped_before: 0,
            skipped_after: 0,
        }
    }

    fn check(lines: &[DiffLine], expect: &[&str]) {
        let text = |l: Option<&DiffLine>| l.map_or(String::new(), |l| l.segments[0].text.clone());
        let rows: Vec<String> = side_by_side(lines)
            .into_iter()
            .map(|row| match row {
                Row::Gap => "...".to_string(),
                Row::Pair(o, n) => format!("{}|{}", text(o), text(n)),
            })
            .collect();
        assert_eq!(rows, expect);
    }

    #[test]
    fn pairs_changes_beside_each_other() {
        use LineTag::*;
        check(
            &[
                line(Equal, "a", 1, 1),
                line(Delete, "b", 2, 0),
                line(Delete, "c", 3, 0),
                line(Insert, "B", 0, 2),
                line(Equal, "d", 4, 3),
                line(Insert, "e", 0, 4),
            ],
            &["a|a", "b|B", "c|", "d|d", "|e"],
        );
        check(&[], &[]);
    }

    #[test]
    fn marks_left_out_equal_lines() {
        use LineTag::*;
        check(
            &[
                line(Equal, "x", 5, 5),
                line(Delete, "y", 6, 0),
                line(Insert, "Y", 0, 6),
                line(Equal, "z", 7, 7),
                line(Equal, "w", 20, 20),
                line(Delete, "v", 21, 0),
            ],
            &["...", "x|x", "y|Y", "z|z", "...", "w|w", "v|"],
        );
    }
}
