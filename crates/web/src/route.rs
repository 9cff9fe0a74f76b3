//! Routes live in the URL hash (`#/task/wc/submit`), so a static host needs no rewrite
//! rules, reload keeps your place and back/forward work.
//!
//! Any route may be prefixed with `embed/` (`#/embed/task/wc`): the page is then meant for
//! an iframe and shows minimal chrome (see [`is_embed`]). The prefix decides the frame's
//! mode when it loads; links inside keep it without repeating it.

use crate::permalink::ReportRoute;

/// The tabs of a task page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Spec,
    Run,
    /// The code editor: write a program in Python, JavaScript or C, run it beside the
    /// reference and grade it.
    Code,
    Submit,
    History,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Spec, Tab::Run, Tab::Code, Tab::Submit, Tab::History];

    /// The path segment; the spec tab has none.
    fn segment(self) -> &'static str {
        match self {
            Tab::Spec => "",
            Tab::Run => "run",
            Tab::Code => "code",
            Tab::Submit => "submit",
            Tab::History => "history",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Spec => "Spec",
            Tab::Run => "Try the reference",
            Tab::Code => "Write code",
            Tab::Submit => "Submit",
            Tab::History => "History",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Catalogue,
    Task {
        id: String,
        tab: Tab,
    },
    /// One case of the latest result, on the submit tab (`#/task/<id>/case/<n>`, `n` from 0).
    Case {
        id: String,
        case: usize,
    },
    /// A participant's page of a study (`#/study/<id>?participant=<p>`), optionally with
    /// one case of the latest report open (`&case=<n>`).
    Study {
        id: String,
        participant: Option<String>,
        case: Option<usize>,
    },
    /// The organiser's dashboard of a study served by `replica study-server`
    /// (`#/study/<id>/dashboard`), on the study page.
    Dashboard {
        id: String,
    },
    /// Records of humans and models side by side (`#/compare?src=a.jsonl&src=b.jsonl`),
    /// with the record files to fetch, relative to the page.
    Compare {
        sources: Vec<String>,
    },
    /// A shared report (`#/report?r=…`, `?src=…` or `?from=parent`): see [`crate::permalink`].
    Report(ReportRoute),
    /// A route that cannot be followed, with what is wrong (a broken report link).
    Invalid {
        path: String,
        why: String,
    },
    NotFound(String),
}

/// The prefix of routes meant for an iframe.
const EMBED: &str = "embed/";

/// Whether `hash` asks for the embedded page (`#/embed/...`).
pub fn is_embed(hash: &str) -> bool {
    hash.trim_start_matches('#')
        .trim_start_matches('/')
        .starts_with(EMBED)
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.strip_prefix(EMBED).unwrap_or(path);
        // Only the shared report has a query: its values may hold `/` (URLs).
        if let Some(query) = path.strip_prefix("report?") {
            return match ReportRoute::parse_query(query) {
                Ok(report) => Route::Report(report),
                Err(why) => Route::Invalid {
                    path: path.to_string(),
                    why,
                },
            };
        }
        if let Some(study) = path.strip_prefix("study/") {
            return Route::parse_study(study).unwrap_or_else(|| Route::NotFound(path.to_string()));
        }
        // Only the compare page takes a query; its values may hold `/`.
        if let Some(query) = path
            .strip_prefix("compare")
            .and_then(|rest| rest.strip_prefix('/').or(Some(rest)))
            .and_then(|rest| rest.is_empty().then_some("").or(rest.strip_prefix('?')))
        {
            return Route::Compare {
                sources: query_values(query, "src"),
            };
        }
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let task = |id: &str, tab| Route::Task {
            id: id.to_string(),
            tab,
        };
        match parts.as_slice() {
            [] => Route::Catalogue,
            ["task", id] => task(id, Tab::Spec),
            ["task", id, "run"] => task(id, Tab::Run),
            ["task", id, "code"] => task(id, Tab::Code),
            ["task", id, "submit"] => task(id, Tab::Submit),
            ["task", id, "history"] => task(id, Tab::History),
            ["task", id, "case", n] => match n.parse() {
                Ok(case) => Route::Case {
                    id: id.to_string(),
                    case,
                },
                Err(_) => Route::NotFound(path.to_string()),
            },
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// `<id>?participant=<p>&case=<n>`; the query's order does not matter.
    fn parse_study(rest: &str) -> Option<Route> {
        let (id, query) = rest.split_once('?').unwrap_or((rest, ""));
        let id = id.trim_end_matches('/');
        if let Some(id) = id.strip_suffix("/dashboard") {
            return (!id.is_empty() && !id.contains('/'))
                .then(|| Route::Dashboard { id: id.to_string() });
        }
        if id.is_empty() || id.contains('/') {
            return None;
        }
        let mut participant = None;
        let mut case = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=').unwrap_or((pair, "")) {
                ("participant", value) => participant = Some(value.to_string()),
                ("case", n) => case = Some(n.parse().ok()?),
                _ => {}
            }
        }
        Some(Route::Study {
            id: id.to_string(),
            participant,
            case,
        })
    }

    /// The hash for this route, e.g. `#/task/wc/run`.
    pub fn href(&self) -> String {
        match self {
            Route::Catalogue => "#/".to_string(),
            Route::Task { id, tab } => match tab.segment() {
                "" => format!("#/task/{id}"),
                seg => format!("#/task/{id}/{seg}"),
            },
            Route::Case { id, case } => format!("#/task/{id}/case/{case}"),
            Route::Dashboard { id } => format!("#/study/{id}/dashboard"),
            Route::Study {
                id,
                participant,
                case,
            } => {
                let mut href = format!("#/study/{id}");
                let mut sep = '?';
                if let Some(p) = participant {
                    href.push_str(&format!("{sep}participant={p}"));
                    sep = '&';
                }
                if let Some(n) = case {
                    href.push_str(&format!("{sep}case={n}"));
                }
                href
            }
            Route::Compare { sources } => {
                let query: Vec<String> = sources
                    .iter()
                    .map(|s| format!("src={}", percent_encode(s)))
                    .collect();
                match query.is_empty() {
                    true => "#/compare".to_string(),
                    false => format!("#/compare?{}", query.join("&")),
                }
            }
            Route::Report(report) => format!("#/report?{}", report.query()),
            Route::Invalid { path, .. } | Route::NotFound(path) => format!("#/{path}"),
        }
    }

    /// The task this route is about, if any.
    pub fn task(&self) -> Option<&str> {
        match self {
            Route::Task { id, .. } | Route::Case { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The tab shown: a case is shown on the submit tab.
    pub fn tab(&self) -> Option<Tab> {
        match self {
            Route::Task { tab, .. } => Some(*tab),
            Route::Case { .. } => Some(Tab::Submit),
            _ => None,
        }
    }
}

/// The site's pages: each is its own HTML file and wasm binary (`src/bin/`), so that the
/// first page loads without the code of the rarely used ones. A page that is given a route
/// of another loads that page with the same hash, so every `#/...` link works on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: the catalogue, task pages and shared reports.
    Main,
    /// `study.html`: study mode.
    Study,
    /// `compare.html`: the compare page.
    Compare,
    /// `code.html`: a task's "Write code" tab, the code editor.
    Code,
}

impl Page {
    /// The page that shows `route`.
    pub fn of(route: &Route) -> Page {
        match route {
            Route::Study { .. } | Route::Dashboard { .. } => Page::Study,
            Route::Compare { .. } => Page::Compare,
            Route::Task { tab: Tab::Code, .. } => Page::Code,
            _ => Page::Main,
        }
    }

    /// The page's file, relative to the site (the main page is the folder's index).
    pub fn file(self) -> &'static str {
        match self {
            Page::Main => "./",
            Page::Study => "study.html",
            Page::Compare => "compare.html",
            Page::Code => "code.html",
        }
    }

    /// A link from this page to the route of `hash`: the bare hash when this page shows
    /// it, else the URL of the page that does (which saves the stop on this page).
    pub fn link(self, hash: &str) -> String {
        match Page::of(&Route::parse(hash)) {
            page if page == self => hash.to_string(),
            page => page.url(hash),
        }
    }

    /// The URL that opens the route of `hash` (`#/...`) on this page.
    pub fn url(self, hash: &str) -> String {
        let hash = hash.trim_start_matches('#');
        format!("{}#{hash}", self.file())
    }
}

/// The values of `key` in a query string (`a=1&b=2&a=3`), percent-decoded, in order.
fn query_values(query: &str, key: &str) -> Vec<String> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| percent_decode(v))
        .filter(|v| !v.is_empty())
        .collect()
}

/// Decodes `%XX` escapes and `+` (as a space); malformed escapes stay as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes what would end a query value or confuse the hash: everything but unreserved
/// characters and `/`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, tab: Tab) -> Route {
        Route::Task { id: id.into(), tab }
    }

    fn check(hash: &str, expect: Route) {
        assert_eq!(Route::parse(hash), expect, "{hash:?}");
    }

    #[test]
    fn pages() {
        let page = |hash: &str| Page::of(&Route::parse(hash));
        assert_eq!(page("#/"), Page::Main);
        assert_eq!(page("#/task/wc/case/3"), Page::Main);
        assert_eq!(page("#/report?src=r.json"), Page::Main);
        assert_eq!(page("#/nowhere"), Page::Main);
        assert_eq!(page("#/study/demo?participant=p1"), Page::Study);
        assert_eq!(page("#/embed/study/demo"), Page::Study);
        assert_eq!(page("#/compare"), Page::Compare);
        assert_eq!(page("#/compare?src=a.jsonl"), Page::Compare);
        assert_eq!(page("#/task/wc/code"), Page::Code);
        assert_eq!(page("#/task/wc/submit"), Page::Main);
        assert_eq!(Page::Code.link("#/task/wc"), "./#/task/wc");
        assert_eq!(
            Page::Study.url("#/study/demo?participant=p1"),
            "study.html#/study/demo?participant=p1"
        );
        assert_eq!(Page::Compare.url("/compare"), "compare.html#/compare");
        assert_eq!(Page::Main.url("#/task/wc"), "./#/task/wc");
        assert_eq!(Page::Main.url(""), "./#");
        assert_eq!(Page::Main.link("#/"), "#/");
        assert_eq!(Page::Main.link("#/compare"), "compare.html#/compare");
        assert_eq!(Page::Compare.link("#/compare"), "#/compare");
        assert_eq!(Page::Study.link("#/"), "./#/");
    }

    #[test]
    fn parses() {
        check("", Route::Catalogue);
        check("#", Route::Catalogue);
        check("#/", Route::Catalogue);
        check("#/task/wc", task("wc", Tab::Spec));
        check("#/task/wc/", task("wc", Tab::Spec));
        check("#/task/wc/run", task("wc", Tab::Run));
        check("#/task/wc/code", task("wc", Tab::Code));
        check("#/task/wc/submit", task("wc", Tab::Submit));
        check("#/task/wc/history", task("wc", Tab::History));
        check(
            "#/task/sha256sum/case/3",
            Route::Case {
                id: "sha256sum".into(),
                case: 3,
            },
        );
        check("#/task/wc/case/x", Route::NotFound("task/wc/case/x".into()));
        let study = |participant: Option<&str>, case| Route::Study {
            id: "demo".into(),
            participant: participant.map(str::to_string),
            case,
        };
        check("#/study/demo?participant=p07", study(Some("p07"), None));
        check(
            "#/study/demo/?case=2&participant=p07",
            study(Some("p07"), Some(2)),
        );
        check("#/study/demo", study(None, None));
        check("#/study/demo?participant=", study(Some(""), None));
        check(
            "#/study/demo?case=x",
            Route::NotFound("study/demo?case=x".into()),
        );
        check("#/study/", Route::NotFound("study/".into()));
        let dashboard = Route::Dashboard { id: "demo".into() };
        check("#/study/demo/dashboard", dashboard.clone());
        check("#/study/demo/dashboard?admin=x", dashboard.clone());
        assert_eq!(dashboard.href(), "#/study/demo/dashboard");
        assert_eq!(Page::of(&dashboard), Page::Study);
        check(
            "#/study//dashboard",
            Route::NotFound("study//dashboard".into()),
        );
        check("#/nope", Route::NotFound("nope".into()));
        let compare = |sources: &[&str]| Route::Compare {
            sources: sources.iter().map(|s| s.to_string()).collect(),
        };
        check("#/compare", compare(&[]));
        check("#/compare/", compare(&[]));
        check("#/compare?", compare(&[]));
        check(
            "#/compare?src=records/models.jsonl&x=1&src=a%20b%26c.jsonl&src=",
            compare(&["records/models.jsonl", "a b&c.jsonl"]),
        );
        check("#/compare?src=100%", compare(&["100%"]));
        check("#/compared", Route::NotFound("compared".into()));
    }

    #[test]
    fn parses_embed_routes() {
        use crate::permalink::Source;
        assert!(is_embed("#/embed/task/wc"));
        assert!(is_embed("embed/report?r=x"));
        assert!(!is_embed("#/task/embed"));
        check("#/embed/task/wc", task("wc", Tab::Spec));
        check("#/embed/task/wc/run", task("wc", Tab::Run));
        check(
            "#/embed/task/wc/case/2",
            Route::Case {
                id: "wc".into(),
                case: 2,
            },
        );
        let report = |source, case| {
            Route::Report(ReportRoute {
                source,
                case,
                wasm: None,
            })
        };
        check(
            "#/embed/report?src=https%3A%2F%2Fh.org%2Fr%2Fa.json&case=1",
            report(Source::Url("https://h.org/r/a.json".into()), Some(1)),
        );
        check(
            "#/report?src=r/a.json",
            report(Source::Url("r/a.json".into()), None),
        );
        check(
            "#/report?r=AbC-_",
            report(Source::Inline("AbC-_".into()), None),
        );
        check("#/embed/report?from=parent", report(Source::Parent, None));
        check(
            "#/report?case=1",
            Route::Invalid {
                path: "report?case=1".into(),
                why: "the link names no report (it needs `r=`, `src=` or `from=parent`)".into(),
            },
        );
        check("#/embed/", Route::Catalogue);
        check("#/embed/nope", Route::NotFound("nope".into()));
    }

    #[test]
    fn href_round_trips() {
        for route in [
            Route::Catalogue,
            task("wc", Tab::Spec),
            task("wc", Tab::Run),
            task("wc", Tab::Code),
            task("base64", Tab::Submit),
            task("base64", Tab::History),
            Route::Case {
                id: "wc".into(),
                case: 12,
            },
            Route::Study {
                id: "demo".into(),
                participant: Some("p1".into()),
                case: Some(3),
            },
            Route::Study {
                id: "demo".into(),
                participant: None,
                case: Some(0),
            },
            Route::Compare { sources: vec![] },
            Route::Compare {
                sources: vec!["a b/c&d=e.jsonl".into(), "https://x.org/r.jsonl?x=1".into()],
            },
            Route::Report(ReportRoute {
                source: crate::permalink::Source::Url("a/b c.json".into()),
                case: Some(3),
                wasm: Some("x.wasm".into()),
            }),
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn case_shows_on_the_submit_tab() {
        let route = Route::parse("#/task/wc/case/0");
        assert_eq!(route.tab(), Some(Tab::Submit));
        assert_eq!(route.task(), Some("wc"));
        assert_eq!(Route::Catalogue.task(), None);
    }
}
