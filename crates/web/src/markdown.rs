//! Renders a task's `spec.md` to HTML that is safe to insert: raw HTML in the markdown is
//! shown as text, and links may only go to http(s), mailto, or relative places. Specs are
//! part of the task pack, but a pack may come from anyone, so the page never trusts them.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// Markdown (CommonMark plus tables and strikethrough) to sanitized HTML.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Raw HTML becomes visible text, which pulldown-cmark escapes.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Keeps `url` if its scheme is harmless; otherwise an inert `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => CowStr::Borrowed("#"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(markdown: &str, expect: &str) {
        assert_eq!(to_html(markdown), expect, "{markdown:?}");
    }

    #[test]
    fn headings_and_code() {
        check(
            "# wc\n\nCounts `lines`.\n\n```\nwc -l\n```\n",
            "<h1>wc</h1>\n<p>Counts <code>lines</code>.</p>\n<pre><code>wc -l\n</code></pre>\n",
        );
    }

    #[test]
    fn tables() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.starts_with("<table><thead><tr><th>a</th>"), "{html}");
        assert!(html.contains("<td>2</td>"), "{html}");
    }

    #[test]
    fn raw_html_is_escaped() {
        check(
            "<script>alert(1)</script>\n",
            "&lt;script&gt;alert(1)&lt;/script&gt;\n",
        );
        check(
            "a <img src=x onerror=alert(1)> b\n",
            "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n",
        );
    }

    #[test]
    fn unsafe_links_are_neutralised() {
        check("[x](javascript:alert(1))\n", "<p><a href=\"#\">x</a></p>\n");
        check("[x](JavaScript:alert(1))\n", "<p><a href=\"#\">x</a></p>\n");
        check(
            "[x](https://example.org/a?b=c)\n",
            "<p><a href=\"https://example.org/a?b=c\">x</a></p>\n",
        );
        check("[x](docs/a.md)\n", "<p><a href=\"docs/a.md\">x</a></p>\n");
        check(
            "![i](data:image/png;base64,AAA)\n",
            "<p><img src=\"#\" alt=\"i\" /></p>\n",
        );
    }
}
