//! SVG charts of one task, drawn here rather than by a chart library so that the CLI and
//! the browser produce the same bytes: every coordinate is written with one decimal,
//! every colour and size is fixed, and styles are attributes (no CSS), so an exported
//! file looks the same anywhere. Each chart is accessible: `role="img"`, a `<title>` and
//! a `<desc>` that says in words what it shows, and labelled axes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::{AuthorData, TaskData, pass_at_k, samples_independently};

/// One chart: a file-name stem (`rewards`), a title, and the SVG document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub name: &'static str,
    pub title: String,
    pub svg: String,
}

/// The four charts of a task, in a fixed order: reward distribution, human progress over
/// active time, attempts to solve, pass@k.
pub fn all(task: &TaskData) -> Vec<Chart> {
    vec![
        rewards(task),
        progress(task),
        attempts(task),
        pass_at_k_curves(task),
    ]
}

/// The size of every chart, in CSS pixels.
pub const WIDTH: f64 = 560.0;
pub const HEIGHT: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 420.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 250.0;
/// Legend entries shown before "+N more": the legend must stay inside the figure.
const LEGEND_MAX: usize = 11;
const FONT: &str = "font-family=\"system-ui, sans-serif\" fill=\"#111\"";
const PALETTE: [&str; 8] = [
    "#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563",
];

/// The colour of an author kind: humans blue and models red always, other kinds after.
fn kind_colour(kind: &str, index: usize) -> &'static str {
    match kind {
        "human" => PALETTE[0],
        "model" => PALETTE[1],
        _ => PALETTE[2 + index % (PALETTE.len() - 2)],
    }
}

/// A number for an attribute or a label: one decimal, no `-0.0`.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    if s == "-0.0" { "0.0".to_string() } else { s }
}

/// A tick label: integers without decimals, others with up to two.
fn label(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').to_string()
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An id usable in XML for `task` and `chart`, unique on a page that shows every task.
fn id(task: &str, chart: &str) -> String {
    let safe: String = task
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("cmp-{safe}-{chart}")
}

/// The smallest 1, 2 or 5 × 10ⁿ at least `v` (and at least 1).
fn nice_ceiling(v: f64) -> f64 {
    if v <= 1.0 {
        return 1.0;
    }
    let mut base = 1.0;
    loop {
        for step in [1.0, 2.0, 5.0] {
            if step * base >= v {
                return step * base;
            }
        }
        base *= 10.0;
    }
}

/// A chart under construction: the frame, axes and legend are shared.
struct Canvas {
    out: String,
    legend: Vec<(String, &'static str)>,
}

impl Canvas {
    fn new(task: &str, chart: &str, title: &str, desc: &str) -> Canvas {
        let id = id(task, chart);
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
             <title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n\
             <rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>\n\
             <text x=\"12\" y=\"22\" font-size=\"14\" font-weight=\"600\" {FONT}>{title}</text>\n",
            w = WIDTH,
            h = HEIGHT,
            title = escape(title),
            desc = escape(desc),
        );
        Canvas {
            out,
            legend: Vec::new(),
        }
    }

    /// Horizontal grid lines and labels for `ticks` (values in 0..=`max`) on the y axis.
    fn y_axis(&mut self, max: f64, ticks: &[f64], format: impl Fn(f64) -> String, name: &str) {
        for &t in ticks {
            let y = y_px(t, max);
            let _ = writeln!(
                self.out,
                "<line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"#e5e7eb\"/>\
                 <text x=\"{tx}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"end\" {FONT}>{text}</text>",
                l = num(LEFT),
                r = num(RIGHT),
                y = num(y),
                tx = num(LEFT - 6.0),
                ty = num(y + 4.0),
                text = escape(&format(t)),
            );
        }
        let _ = writeln!(
            self.out,
            "<text transform=\"translate(14 {cy}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" {FONT}>{name}</text>",
            cy = num((TOP + BOTTOM) / 2.0),
            name = escape(name),
        );
    }

    /// A tick label under the plot at `x`.
    fn x_tick(&mut self, x: f64, text: &str) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{x}\" y1=\"{b}\" x2=\"{x}\" y2=\"{b2}\" stroke=\"#111\"/>\
             <text x=\"{x}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"middle\" {FONT}>{text}</text>",
            x = num(x),
            b = num(BOTTOM),
            b2 = num(BOTTOM + 4.0),
            ty = num(BOTTOM + 17.0),
            text = escape(text),
        );
    }

    fn x_name(&mut self, name: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{cx}\" y=\"{y}\" font-size=\"12\" text-anchor=\"middle\" {FONT}>{name}</text>",
            cx = num((LEFT + RIGHT) / 2.0),
            y = num(HEIGHT - 14.0),
            name = escape(name),
        );
    }

    /// A note in the middle of the plot, for charts without data.
    fn note(&mut self, text: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{cx}\" y=\"{cy}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#6b7280\" font-family=\"system-ui, sans-serif\">{text}</text>",
            cx = num((LEFT + RIGHT) / 2.0),
            cy = num((TOP + BOTTOM) / 2.0),
            text = escape(text),
        );
    }

    fn finish(mut self, name: &'static str, title: &str) -> Chart {
        let _ = writeln!(
            self.out,
            "<line x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#111\"/>\
             <line x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\" stroke=\"#111\"/>",
            l = num(LEFT),
            r = num(RIGHT),
            t = num(TOP),
            b = num(BOTTOM),
        );
        let shown = self.legend.len().min(LEGEND_MAX);
        for (i, (text, colour)) in self.legend.iter().take(shown).enumerate() {
            let y = TOP + 8.0 + 18.0 * i as f64;
            let _ = writeln!(
                self.out,
                "<rect x=\"{x}\" y=\"{ry}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\
                 <text x=\"{tx}\" y=\"{ty}\" font-size=\"11\" {FONT}>{text}</text>",
                x = num(RIGHT + 16.0),
                ry = num(y - 10.0),
                tx = num(RIGHT + 34.0),
                ty = num(y),
                text = escape(&shorten(text)),
            );
        }
        if self.legend.len() > shown {
            let _ = writeln!(
                self.out,
                "<text x=\"{x}\" y=\"{y}\" font-size=\"11\" {FONT}>+{n} more</text>",
                x = num(RIGHT + 16.0),
                y = num(TOP + 8.0 + 18.0 * shown as f64),
                n = self.legend.len() - shown,
            );
        }
        self.out.push_str("</svg>\n");
        Chart {
            name,
            title: title.to_string(),
            svg: self.out,
        }
    }
}

/// A legend label cut to fit beside the plot.
fn shorten(text: &str) -> String {
    const MAX: usize = 18;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX - 1).collect();
        format!("{head}…")
    }
}

fn y_px(v: f64, max: f64) -> f64 {
    BOTTOM - v / max * (BOTTOM - TOP)
}

/// Authors of `task` by kind, with the kind's index (for colours).
fn kinds(task: &TaskData) -> impl Iterator<Item = (usize, &String, &BTreeMap<String, AuthorData>)> {
    task.kinds
        .iter()
        .enumerate()
        .map(|(i, (kind, authors))| (i, kind, authors))
}

/// Bars grouped by category, one bar per kind; `values[g][k]` is the bar of kind `k`
/// in group `g`, already in the y axis' units.
fn grouped_bars(canvas: &mut Canvas, values: &[Vec<f64>], colours: &[&'static str], max: f64) {
    let groups = values.len().max(1) as f64;
    let group_width = (RIGHT - LEFT) / groups;
    let bars = colours.len().max(1) as f64;
    let bar_width = (group_width - 4.0) / bars;
    for (g, group) in values.iter().enumerate() {
        for (k, &value) in group.iter().enumerate() {
            if value <= 0.0 {
                continue;
            }
            let x = LEFT + g as f64 * group_width + 2.0 + k as f64 * bar_width;
            let y = y_px(value, max);
            let _ = writeln!(
                canvas.out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{c}\"/>",
                x = num(x),
                y = num(y),
                w = num(bar_width),
                h = num(BOTTOM - y),
                c = colours[k],
            );
        }
    }
}

const REWARD_BINS: usize = 11;

/// The reward bin of `reward`: tenths `[0, 0.1)` … `[0.9, 1)`, and 1 (solved) apart.
fn reward_bin(reward: f64) -> usize {
    if reward >= 1.0 {
        REWARD_BINS - 1
    } else {
        ((reward.max(0.0) * 10.0).floor() as usize).min(REWARD_BINS - 2)
    }
}

/// Histogram of the rewards of every submission, as the share of each kind's
/// submissions, bars side by side per kind.
pub fn rewards(task: &TaskData) -> Chart {
    let title = format!("{}: reward of every submission", task.id);
    let mut counts = vec![Vec::new(); REWARD_BINS];
    let mut colours = Vec::new();
    let mut summary = Vec::new();
    let mut legend = Vec::new();
    for (i, kind, authors) in kinds(task) {
        let rewards: Vec<f64> = authors
            .values()
            .flat_map(|a| a.attempts.iter().map(|s| s.reward))
            .collect();
        let mut bins = [0usize; REWARD_BINS];
        for &r in &rewards {
            bins[reward_bin(r)] += 1;
        }
        let total = rewards.len().max(1) as f64;
        for (b, n) in bins.iter().enumerate() {
            counts[b].push(*n as f64 / total);
        }
        colours.push(kind_colour(kind, i));
        legend.push((format!("{kind} ({})", rewards.len()), kind_colour(kind, i)));
        summary.push(format!(
            "{kind}: {} submissions, {} with reward 1",
            rewards.len(),
            bins[REWARD_BINS - 1]
        ));
    }
    let desc = format!(
        "Histogram of rewards in tenths, with reward 1 (solved) as its own bar; bar height is the share of the kind's submissions. {}.",
        summary.join("; ")
    );
    let mut canvas = Canvas::new(&task.id, "rewards", &title, &desc);
    canvas.legend = legend;
    canvas.y_axis(
        1.0,
        &[0.0, 0.25, 0.5, 0.75, 1.0],
        |v| format!("{}%", label(v * 100.0)),
        "share of submissions",
    );
    let group_width = (RIGHT - LEFT) / REWARD_BINS as f64;
    for b in (0..REWARD_BINS - 1).step_by(2) {
        canvas.x_tick(LEFT + b as f64 * group_width, &label(b as f64 / 10.0));
    }
    canvas.x_tick(LEFT + (REWARD_BINS as f64 - 0.5) * group_width, "1");
    canvas.x_name("reward (tenths; the last bar is reward 1)");
    if task
        .kinds
        .values()
        .all(|a| a.values().all(|a| a.attempts.is_empty()))
    {
        canvas.note("No submissions");
    }
    grouped_bars(&mut canvas, &counts, &colours, 1.0);
    canvas.finish("rewards", &title)
}

/// Best reward so far against active minutes, one step line per human participant,
/// with a dot where they first solved the task.
pub fn progress(task: &TaskData) -> Chart {
    let title = format!("{}: best reward of humans over active time", task.id);
    let humans: Vec<&AuthorData> = task
        .kinds
        .get("human")
        .map(|a| {
            a.values()
                .filter(|a| a.attempts.iter().any(|s| s.active_ms.is_some()))
                .collect()
        })
        .unwrap_or_default();
    let minutes = |ms: u64| ms as f64 / 60_000.0;
    let last = humans
        .iter()
        .flat_map(|a| a.attempts.iter().filter_map(|s| s.active_ms))
        .max()
        .map_or(1.0, minutes);
    let max_x = nice_ceiling(last);
    let solved = humans.iter().filter(|a| a.first_solve().is_some()).count();
    let desc = format!(
        "One step line per participant: the best reward of their submissions so far against the active minutes when they submitted. Participants with timed submissions: {}; solved: {solved}.",
        humans.len()
    );
    let mut canvas = Canvas::new(&task.id, "progress", &title, &desc);
    canvas.y_axis(
        1.0,
        &[0.0, 0.25, 0.5, 0.75, 1.0],
        label,
        "best reward so far",
    );
    let x_px = |m: f64| LEFT + m / max_x * (RIGHT - LEFT);
    for i in 0..=5 {
        let v = max_x * f64::from(i) / 5.0;
        canvas.x_tick(x_px(v), &label(v));
    }
    canvas.x_name("active minutes");
    if humans.is_empty() {
        canvas.note("No human submissions with active time");
    }
    for (i, author) in humans.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let mut path = format!("M{} {}", num(x_px(0.0)), num(y_px(0.0, 1.0)));
        let mut best: f64 = 0.0;
        let mut at: f64 = 0.0;
        let mut dot = None;
        for attempt in &author.attempts {
            let Some(ms) = attempt.active_ms else {
                continue;
            };
            // Active time only grows; a smaller value (a clock glitch) does not go back.
            at = at.max(minutes(ms));
            best = best.max(attempt.reward);
            let _ = write!(path, " H{} V{}", num(x_px(at)), num(y_px(best, 1.0)));
            if attempt.solved && dot.is_none() {
                dot = Some((x_px(at), y_px(best, 1.0)));
            }
        }
        let _ = writeln!(
            canvas.out,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>"
        );
        if let Some((x, y)) = dot {
            let _ = writeln!(
                canvas.out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{colour}\"/>",
                num(x),
                num(y)
            );
        }
        canvas.legend.push((author.author.name.clone(), colour));
    }
    canvas.finish("progress", &title)
}

/// How many authors of each kind first solved at attempt 1, 2, …, and how many never did.
pub fn attempts(task: &TaskData) -> Chart {
    let title = format!("{}: attempts to first solve", task.id);
    let max_attempt = task
        .kinds
        .values()
        .flat_map(|a| {
            a.values()
                .filter_map(|a| a.first_solve().map(|s| s.attempt))
        })
        .max()
        .unwrap_or(1)
        .max(1) as usize;
    // Groups 0..max_attempt are attempts 1..=max_attempt; the last is "never".
    let mut counts = vec![Vec::new(); max_attempt + 1];
    let mut colours = Vec::new();
    let mut summary = Vec::new();
    for (i, kind, authors) in kinds(task) {
        let mut bins = vec![0usize; max_attempt + 1];
        for author in authors.values() {
            match author.first_solve() {
                Some(s) => bins[s.attempt as usize - 1] += 1,
                None => bins[max_attempt] += 1,
            }
        }
        for (g, n) in bins.iter().enumerate() {
            counts[g].push(*n as f64);
        }
        colours.push(kind_colour(kind, i));
        summary.push(format!(
            "{kind}: {} of {} authors solved",
            authors.len() - bins[max_attempt],
            authors.len()
        ));
    }
    let top = counts
        .iter()
        .flatten()
        .copied()
        .fold(0.0, f64::max)
        .max(1.0);
    let step = (top / 5.0).ceil().max(1.0);
    let max_y = (top / step).ceil() * step;
    let desc = format!(
        "Number of authors whose first solving submission was attempt 1, 2, and so on, and of authors who never solved. {}.",
        summary.join("; ")
    );
    let mut canvas = Canvas::new(&task.id, "attempts", &title, &desc);
    canvas.legend = kinds(task)
        .map(|(i, kind, authors)| (format!("{kind} ({})", authors.len()), kind_colour(kind, i)))
        .collect();
    let ticks: Vec<f64> = (0..=(max_y / step) as u32)
        .map(|i| f64::from(i) * step)
        .collect();
    canvas.y_axis(max_y, &ticks, label, "authors");
    let group_width = (RIGHT - LEFT) / (max_attempt + 1) as f64;
    for g in 0..=max_attempt {
        let text = if g == max_attempt {
            "never".to_string()
        } else {
            (g + 1).to_string()
        };
        canvas.x_tick(LEFT + (g as f64 + 0.5) * group_width, &text);
    }
    canvas.x_name("attempt of the first solve");
    if task.kinds.is_empty() {
        canvas.note("No authors");
    }
    grouped_bars(&mut canvas, &counts, &colours, max_y);
    canvas.finish("attempts", &title)
}

/// pass@k against k, one line per author of a kind whose attempts are independent
/// samples (models), for k up to that author's number of attempts.
pub fn pass_at_k_curves(task: &TaskData) -> Chart {
    let title = format!("{}: pass@k of models", task.id);
    let authors: Vec<&AuthorData> = task
        .kinds
        .iter()
        .filter(|(kind, _)| samples_independently(kind))
        .flat_map(|(_, a)| a.values().filter(|a| !a.attempts.is_empty()))
        .collect();
    let max_k = authors.iter().map(|a| a.attempts.len()).max().unwrap_or(1);
    let curves: Vec<(String, Vec<f64>)> = authors
        .iter()
        .map(|a| {
            let n = a.attempts.len() as u32;
            let c = a.attempts.iter().filter(|s| s.solved).count() as u32;
            let values = (1..=n).filter_map(|k| pass_at_k(n, c, k)).collect();
            (a.author.to_string(), values)
        })
        .collect();
    let desc = if curves.is_empty() {
        "No authors whose attempts are independent samples (models).".to_string()
    } else {
        let parts: Vec<String> = curves
            .iter()
            .map(|(name, v)| {
                format!(
                    "{name}: pass@1 {:.3}, pass@{} {:.3}",
                    v[0],
                    v.len(),
                    v[v.len() - 1]
                )
            })
            .collect();
        format!(
            "Unbiased pass@k estimate against k, one line per author. {}.",
            parts.join("; ")
        )
    };
    let mut canvas = Canvas::new(&task.id, "pass-at-k", &title, &desc);
    canvas.y_axis(1.0, &[0.0, 0.25, 0.5, 0.75, 1.0], label, "pass@k");
    // k = 1 … max_k, spread over the width with half a step of margin at each end.
    let x_px = |k: usize| LEFT + (k as f64 - 0.5) / max_k as f64 * (RIGHT - LEFT);
    for k in 1..=max_k {
        canvas.x_tick(x_px(k), &k.to_string());
    }
    canvas.x_name("k (attempts drawn)");
    if curves.is_empty() {
        canvas.note("No model submissions");
    }
    for (i, (name, values)) in curves.iter().enumerate() {
        let colour = PALETTE[(i + 1) % PALETTE.len()];
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(k, v)| format!("{},{}", num(x_px(k + 1)), num(y_px(*v, 1.0))))
            .collect();
        let _ = writeln!(
            canvas.out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            points.join(" ")
        );
        for point in &points {
            let (x, y) = point.split_once(',').unwrap_or(("0", "0"));
            let _ = writeln!(
                canvas.out,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\"/>"
            );
        }
        canvas.legend.push((name.clone(), colour));
    }
    canvas.finish("pass-at-k", &title)
}
