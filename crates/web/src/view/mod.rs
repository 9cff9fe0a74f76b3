//! The pages and their parts. Views only read props and emit callbacks; anything with a
//! rule in it (splitting, marking invisibles, routes) lives in a pure module with tests.

pub mod catalogue;
pub mod code;
pub mod compare;
pub mod dashboard;
pub mod embed;
pub mod history;
pub mod report;
pub mod run;
pub mod study;
pub mod submit;
pub mod task;

use yew::prelude::*;

use crate::visible::{self, Piece};

pub fn loading(what: &str) -> Html {
    html! { <div class="page"><p class="muted" role="status">{what}</p></div> }
}

pub fn failure(title: &str, why: &str) -> Html {
    html! {
        <div class="page">
            <div class="alert" role="alert"><strong>{title}</strong><p class="mono">{why}</p></div>
        </div>
    }
}

pub fn not_found(what: &str) -> Html {
    html! {
        <div class="page">
            <h1>{"Not found"}</h1>
            <p>{what}</p>
            <p><a href="#/">{"Back to all tasks"}</a></p>
        </div>
    }
}

/// Renders pieces of one line as spans.
pub fn pieces(pieces: &[Piece]) -> Html {
    pieces
        .iter()
        .map(|p| {
            let eol = p.marker && p.text == visible::NO_NEWLINE;
            let class = classes!(
                p.marker.then_some("mark"),
                eol.then_some("eol"),
                p.emph.then_some("emph")
            );
            if class.is_empty() {
                html! { {p.text.clone()} }
            } else {
                html! { <span class={class}>{p.text.clone()}</span> }
            }
        })
        .collect()
}

#[derive(Debug, Properties, PartialEq)]
pub struct BytesProps {
    pub bytes: Vec<u8>,
    /// Shown when there are no bytes.
    #[prop_or(AttrValue::Static("(empty)"))]
    pub empty: AttrValue,
}

/// Output bytes: text with invisibles marked when UTF-8, a hex dump otherwise.
#[component]
pub fn Bytes(props: &BytesProps) -> Html {
    /// Output past this many lines or rows is cut: the page must stay light.
    const MAX_LINES: usize = 2000;
    if props.bytes.is_empty() {
        return html! { <div class="out empty">{props.empty.clone()}</div> };
    }
    match std::str::from_utf8(&props.bytes) {
        Ok(text) => {
            let lines = visible::text(text);
            let cut = lines.len().saturating_sub(MAX_LINES);
            html! {
                <div class="out">
                    <pre>{for lines.iter().take(MAX_LINES).map(|l| html! { <div class="line">{pieces(l)}</div> })}</pre>
                    if cut > 0 { <p class="muted small">{format!("… {cut} more lines not shown")}</p> }
                </div>
            }
        }
        Err(_) => {
            let rows = visible::hex_dump(&props.bytes, MAX_LINES);
            let cut = props.bytes.len().div_ceil(16).saturating_sub(MAX_LINES);
            html! {
                <div class="out hex">
                    <p class="muted small">{format!("Not UTF-8: {} bytes shown as hex", props.bytes.len())}</p>
                    <pre>
                        {for rows.iter().map(|(offset, cells)| html! {
                            <div class="line">
                                <span class="offset">{format!("{offset:08x}")}</span>
                                {"  "}{cells.iter().map(|c| c.hex.clone()).collect::<Vec<_>>().join(" ")}
                                {"  "}<span class="ascii">{cells.iter().map(|c| c.ascii).collect::<String>()}</span>
                            </div>
                        })}
                    </pre>
                    if cut > 0 { <p class="muted small">{format!("… {cut} more rows not shown")}</p> }
                </div>
            }
        }
    }
}

/// `0.8333` as `83.3%`; whole percentages without decimals.
pub fn percent(reward: f64) -> String {
    let p = reward * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{}%", p.round())
    } else {
        format!("{p:.1}%")
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1536` as `1.5 KiB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(5.0 / 6.0), "83.3%");
        assert_eq!(percent(0.25), "25%");
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(size(10), "10 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(3 << 20), "3.0 MiB");
    }
}
