//! Quoting of file names in diagnostics (GNU's shell-escape style, C locale).

/// How a byte behaves in the quoting rules.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    /// Never needs quoting.
    Bare,
    /// Printable, but the name must be quoted.
    Quote,
    /// The single quote itself.
    Apostrophe,
    /// Written as a `$'...'` escape.
    Escape,
}

fn class(name: &[u8], i: usize) -> Class {
    let c = name[i];
    match c {
        b'\'' => Class::Apostrophe,
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => Class::Bare,
        b'%' | b'+' | b',' | b'-' | b'.' | b'/' | b']' | b'_' | b'@' => Class::Bare,
        b'#' | b'~' if i > 0 => Class::Bare,
        b'{' | b'}' if name.len() > 1 => Class::Bare,
        0x20..=0x7e => Class::Quote,
        _ => Class::Escape,
    }
}

/// Whether a byte may appear in the double-quoted form GNU picks for names
/// with apostrophes.
fn double_quotable(name: &[u8], i: usize) -> bool {
    let c = name[i];
    c.is_ascii_alphanumeric()
        || b"%+,-./:]_@ '".contains(&c)
        || (matches!(c, b'#' | b'~') && i == 0)
        || (matches!(c, b'{' | b'}') && name.len() == 1)
}

fn escape_text(c: u8) -> String {
    match c {
        0x07 => "\\a".into(),
        0x08 => "\\b".into(),
        0x0c => "\\f".into(),
        b'\n' => "\\n".into(),
        b'\r' => "\\r".into(),
        b'\t' => "\\t".into(),
        0x0b => "\\v".into(),
        _ => format!("\\{c:03o}"),
    }
}

/// The single-quoted form. `in_dollar` says whether a `$'...'` piece counts
/// as open at the start; returns the text and whether one is open at the end.
fn single_quoted(name: &[u8], mut in_dollar: bool) -> (Vec<u8>, bool) {
    let mut out = vec![b'\''];
    for (i, &c) in name.iter().enumerate() {
        match class(name, i) {
            Class::Escape => {
                if !in_dollar {
                    out.extend_from_slice(b"'$'");
                    in_dollar = true;
                }
                out.extend_from_slice(escape_text(c).as_bytes());
            }
            Class::Apostrophe => {
                out.extend_from_slice(b"'\\''");
                in_dollar = false;
            }
            Class::Bare | Class::Quote => {
                if in_dollar {
                    out.extend_from_slice(b"''");
                    in_dollar = false;
                }
                out.push(c);
            }
        }
    }
    out.push(b'\'');
    (out, in_dollar)
}

/// The name as GNU 9.1 shows it in an error message.
pub(crate) fn quote(name: &[u8]) -> Vec<u8> {
    let bare = !name.is_empty() && (0..name.len()).all(|i| class(name, i) == Class::Bare);
    if bare {
        return name.to_vec();
    }
    if !name.contains(&b'\'') {
        return single_quoted(name, false).0;
    }
    if (0..name.len()).all(|i| double_quotable(name, i)) {
        return [b"\"", name, b"\""].concat();
    }
    // GNU measures the quoted form once, then writes it in a second pass that
    // inherits the `$'` state where the first pass ended.
    let (_, open_at_end) = single_quoted(name, false);
    single_quoted(name, open_at_end).0
}
