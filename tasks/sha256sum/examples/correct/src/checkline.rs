//! Parsing one line of a checksum list in GNU's untagged or BSD tagged format.

use crate::escape::unescape;

/// Which untagged layout the list uses; GNU fixes it at the first untagged line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Layout {
    Unknown,
    /// `DIGEST  NAME` or `DIGEST *NAME`.
    Gnu,
    /// `DIGEST NAME`, as BSD `sha256 -r` writes it.
    Reversed,
}

/// The digest text and file name a line names.
#[derive(Debug)]
pub(crate) struct Line {
    pub digest: Vec<u8>,
    pub name: Vec<u8>,
}

fn blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_digest(text: &[u8]) -> bool {
    text.len() == 64 && text.iter().all(u8::is_ascii_hexdigit)
}

/// A name as C code sees it: cut at the first NUL.
fn until_nul(text: &[u8]) -> &[u8] {
    text.split(|&c| c == 0).next().unwrap_or_default()
}

fn name_of(text: &[u8], escaped: bool) -> Option<Vec<u8>> {
    if escaped {
        unescape(text)
    } else {
        Some(until_nul(text).to_vec())
    }
}

/// `SHA256 (NAME) = DIGEST`, with `text` starting just after the `(`.
fn tagged(text: &[u8], escaped: bool) -> Option<Line> {
    let close = text.iter().rposition(|&c| c == b')')?;
    let name = name_of(&text[..close], escaped)?;
    let mut rest = &text[close + 1..];
    while let [c, tail @ ..] = rest
        && blank(*c)
    {
        rest = tail;
    }
    rest = rest.strip_prefix(b"=")?;
    while let [c, tail @ ..] = rest
        && blank(*c)
    {
        rest = tail;
    }
    is_digest(rest).then(|| Line {
        digest: rest.to_vec(),
        name,
    })
}

/// Parses a line whose newline and trailing carriage return are already gone.
pub(crate) fn parse(line: &[u8], layout: &mut Layout) -> Option<Line> {
    let start = line.iter().position(|&c| !blank(c)).unwrap_or(line.len());
    let mut rest = &line[start..];
    let escaped = rest.first() == Some(&b'\\');
    if escaped {
        rest = &rest[1..];
    }
    if let Some(after) = rest.strip_prefix(b"SHA256") {
        let after = after.strip_prefix(b" ").unwrap_or(after);
        return tagged(after.strip_prefix(b"(")?, escaped);
    }
    let extra = usize::from(rest.first() == Some(&b'\\'));
    if rest.len() < 66 + extra {
        return None;
    }
    let digest_len = rest
        .iter()
        .position(|&c| c == 0 || blank(c))
        .unwrap_or(rest.len());
    if digest_len == rest.len() || !is_digest(&rest[..digest_len]) {
        return None;
    }
    let tail = &rest[digest_len + 1..];
    let name_text = match tail.first() {
        Some(b' ' | b'*') if tail.len() > 1 => match *layout {
            Layout::Reversed => tail,
            _ => {
                *layout = Layout::Gnu;
                &tail[1..]
            }
        },
        _ => {
            if *layout == Layout::Gnu {
                return None;
            }
            *layout = Layout::Reversed;
            tail
        }
    };
    Some(Line {
        digest: rest[..digest_len].to_vec(),
        name: name_of(name_text, escaped)?,
    })
}
