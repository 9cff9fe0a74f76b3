//! Shared reports: the `#/report?…` route (also under `#/embed/`), and permalinks that
//! carry a graded attempt in the URL fragment.
//!
//! A permalink's data is `deflate-raw(payload)` in base64url without padding, where the
//! payload is the text `replica.permalink/1\n<submission name>\n<report JSON>`. The report's
//! exact bytes travel, so downloading it from the opened link gives the file the author had.
//! The fragment never reaches a server, so a permalink works from any static host and from
//! an archived copy of the page.
//!
//! A report whose data would pass [`MAX_INLINE`] is shared as a link to a report file
//! (`#/report?src=<url>`) instead: see [`share`].

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The first line of every payload; a future format gets a new one.
const MAGIC: &str = "replica.permalink/1";

/// The longest inline data, in base64url characters. Browsers take far longer URLs
/// (Chromium 2 MB, Firefox and Safari well over this), but people paste links into
/// mail, chat and LaTeX; past 64 KiB a file link is the better artifact. Every example
/// report of the shipped tasks fits (they compress to 18–38 KiB).
pub const MAX_INLINE: usize = 64 * 1024;

/// Decompressed payloads past this are refused: a crafted link must not exhaust memory.
/// Reports of the shipped tasks are under 110 KiB.
const MAX_PAYLOAD: usize = 16 << 20;

/// Where a shared report comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Permalink data in the URL (`r=`).
    Inline(String),
    /// A report file's URL (`src=`), absolute or relative to the app.
    Url(String),
    /// The embedding page posts the report (`from=parent`), for reports written inline
    /// in a `<replica-report>` element.
    Parent,
}

/// `#/report?…`: a shared report, its selected case, and a module to re-run it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRoute {
    pub source: Source,
    pub case: Option<usize>,
    /// URL of the graded `.wasm`; when given, the view offers to grade it again live.
    pub wasm: Option<String>,
}

impl ReportRoute {
    /// Parses the query of `#/report?<query>`.
    ///
    /// # Errors
    /// A message for people when the query names no report or has a bad value.
    pub fn parse_query(query: &str) -> Result<ReportRoute, String> {
        let mut source = None;
        let mut case = None;
        let mut wasm = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value =
                percent_decode(value).ok_or_else(|| format!("`{key}` is not percent-encoded"))?;
            match key {
                "r" => source = Some(Source::Inline(value)),
                "src" => source = Some(Source::Url(value)),
                "from" if value == "parent" => source = Some(Source::Parent),
                "case" => {
                    case = Some(
                        value
                            .parse()
                            .map_err(|_| format!("case `{value}` is not a case number"))?,
                    )
                }
                "wasm" => wasm = Some(value),
                // Unknown keys are ignored, so newer links still open.
                _ => {}
            }
        }
        let source =
            source.ok_or("the link names no report (it needs `r=`, `src=` or `from=parent`)")?;
        Ok(ReportRoute { source, case, wasm })
    }

    /// The query, e.g. `src=r.json&case=2`.
    pub fn query(&self) -> String {
        let mut parts = vec![match &self.source {
            Source::Inline(data) => format!("r={data}"),
            Source::Url(url) => format!("src={}", percent_encode(url)),
            Source::Parent => "from=parent".to_string(),
        }];
        if let Some(case) = self.case {
            parts.push(format!("case={case}"));
        }
        if let Some(wasm) = &self.wasm {
            parts.push(format!("wasm={}", percent_encode(wasm)));
        }
        parts.join("&")
    }

    /// The same report with `case` selected.
    pub fn with_case(&self, case: Option<usize>) -> ReportRoute {
        ReportRoute {
            case,
            ..self.clone()
        }
    }
}

/// A report as a permalink carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The name the author graded it under (a file name, `example: correct`).
    pub submission: String,
    /// The report's JSON, byte for byte.
    pub json: String,
}

/// Compresses a report into permalink data (base64url, no padding).
pub fn encode(shared: &Shared) -> String {
    // A name is one line of the payload; a newline in a file name is not worth a format.
    let name = shared.submission.replace(['\n', '\r'], " ");
    let payload = format!("{MAGIC}\n{name}\n{}", shared.json);
    // Level 10 is miniz's best; reports are small, so the extra time is nothing.
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
        payload.as_bytes(),
        10,
    ))
}

/// Reads permalink data back.
///
/// # Errors
/// A message saying what is wrong: not base64url, not deflate (a truncated link), or not
/// a Replica permalink.
pub fn decode(data: &str) -> Result<Shared, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|e| format!("the link's report data is not base64url ({e}); was it cut short?"))?;
    let payload =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_PAYLOAD).map_err(|e| {
            format!(
                "the link's report data does not decompress ({:?}); was it cut short?",
                e.status
            )
        })?;
    let text = String::from_utf8(payload).map_err(|_| "the link's report is not UTF-8")?;
    let mut lines = text.splitn(3, '\n');
    match (lines.next(), lines.next(), lines.next()) {
        (Some(MAGIC), Some(submission), Some(json)) => Ok(Shared {
            submission: submission.to_string(),
            json: json.to_string(),
        }),
        (Some(first), ..) if first.starts_with("replica.permalink/") => Err(format!(
            "the link is a `{first}` permalink, which this version of Replica does not read"
        )),
        _ => Err("the link's data is not a Replica report".to_string()),
    }
}

/// What "Copy permalink" offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Share {
    /// The route to append to the app's URL.
    Link(ReportRoute),
    /// The report is too large to inline and has no file to link to: `chars` of data
    /// against [`MAX_INLINE`].
    TooLarge { chars: usize },
}

/// Chooses how to share a report: a file link when it came from one (shorter, and the
/// file is the artifact), inline data when it fits in `limit` characters, else neither.
pub fn share(shared: &Shared, src: Option<&str>, case: Option<usize>, limit: usize) -> Share {
    if let Some(src) = src {
        return Share::Link(ReportRoute {
            source: Source::Url(src.to_string()),
            case,
            wasm: None,
        });
    }
    let data = encode(shared);
    if data.len() > limit {
        return Share::TooLarge { chars: data.len() };
    }
    Share::Link(ReportRoute {
        source: Source::Inline(data),
        case,
        wasm: None,
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters and `/` and `:`, which
/// keep URLs readable and mean nothing special inside a query value.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space, as forms write it); `None` when an escape is
/// broken or the result is not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(json: &str) -> Shared {
        Shared {
            submission: "example: bug-widths".into(),
            json: json.into(),
        }
    }

    #[test]
    fn round_trips() {
        for json in [
            "{}",
            r#"{"schema":"replica.report/1","cases":[]}"#,
            "é\n\t{ \"a\": 1 }\n",
        ] {
            let s = shared(json);
            let data = encode(&s);
            assert!(
                data.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{data}"
            );
            assert_eq!(decode(&data), Ok(s));
        }
    }

    #[test]
    fn a_newline_in_the_name_does_not_break_the_payload() {
        let s = Shared {
            submission: "a\nb".into(),
            json: "{}".into(),
        };
        assert_eq!(decode(&encode(&s)).unwrap().submission, "a b");
    }

    #[test]
    fn bad_data_says_what_is_wrong() {
        let check = |data: &str, expect: &str| {
            let e = decode(data).unwrap_err();
            assert!(e.contains(expect), "{data:?}: {e}");
        };
        check("not base64!", "not base64url");
        let data = encode(&shared(&"x".repeat(500)));
        check(&data[..data.len() / 2], "does not decompress");
        let other = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"hello", 6));
        check(&other, "not a Replica report");
        let future = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
            b"replica.permalink/9\nx\n{}",
            6,
        ));
        check(&future, "`replica.permalink/9`");
    }

    #[test]
    fn a_report_file_is_linked_not_inlined() {
        let s = shared("{}");
        assert_eq!(
            share(&s, Some("https://x.org/r.json"), Some(2), MAX_INLINE),
            Share::Link(ReportRoute {
                source: Source::Url("https://x.org/r.json".into()),
                case: Some(2),
                wasm: None,
            })
        );
    }

    #[test]
    fn the_size_threshold_chooses_inline_or_too_large() {
        let s = shared(r#"{"schema":"replica.report/1"}"#);
        let len = encode(&s).len();
        assert!(matches!(
            share(&s, None, None, len),
            Share::Link(ReportRoute {
                source: Source::Inline(_),
                ..
            })
        ));
        assert_eq!(
            share(&s, None, None, len - 1),
            Share::TooLarge { chars: len }
        );
    }

    /// A real report of the wc task's `bug-widths` example, graded by the CLI with seed 7:
    /// its permalink fits the limit, so a typical attempt is shared inline.
    #[test]
    fn a_real_report_fits_inline() {
        let json = include_str!("../tests/data/wc-bug-widths-seed7.json").trim_end();
        let s = shared(json);
        let Share::Link(route) = share(&s, None, Some(0), MAX_INLINE) else {
            panic!("a typical report must fit");
        };
        let Source::Inline(data) = &route.source else {
            panic!("{route:?}")
        };
        assert_eq!(decode(data).unwrap().json, json);
        // And the route survives its own query.
        assert_eq!(ReportRoute::parse_query(&route.query()), Ok(route));
    }

    #[test]
    fn queries_parse() {
        let check = |query: &str, expect: Result<ReportRoute, &str>| {
            assert_eq!(
                ReportRoute::parse_query(query),
                expect.map_err(str::to_string),
                "{query:?}"
            );
        };
        let route = |source, case, wasm: Option<&str>| ReportRoute {
            source,
            case,
            wasm: wasm.map(str::to_string),
        };
        check(
            "r=abc_-",
            Ok(route(Source::Inline("abc_-".into()), None, None)),
        );
        check(
            "src=https%3A%2F%2Fx.org%2Fa%20b.json&case=3&wasm=a.wasm",
            Ok(route(
                Source::Url("https://x.org/a b.json".into()),
                Some(3),
                Some("a.wasm"),
            )),
        );
        check(
            "from=parent&future=1",
            Ok(route(Source::Parent, None, None)),
        );
        check(
            "",
            Err("the link names no report (it needs `r=`, `src=` or `from=parent`)"),
        );
        check("r=x&case=two", Err("case `two` is not a case number"));
        check("src=%zz", Err("`src` is not percent-encoded"));
    }

    #[test]
    fn queries_round_trip() {
        for route in [
            ReportRoute {
                source: Source::Url("reports/wc bug?.json".into()),
                case: Some(0),
                wasm: Some("https://h.org/x&y.wasm".into()),
            },
            ReportRoute {
                source: Source::Parent,
                case: None,
                wasm: None,
            },
        ] {
            assert_eq!(ReportRoute::parse_query(&route.query()), Ok(route));
        }
    }
}
