//! How names and values are quoted in diagnostics, following the spec's rules. (the buggy copy of this example: it shows names with spaces unquoted in diagnostics)

/// A byte the spec calls special: a control character or any byte from 0x80.
fn special(c: u8) -> bool {
    !(0x20..0x7f).contains(&c)
}

/// The escape of a special byte: `\n`-style for 7 to 13, else three octal digits.
fn escape(c: u8) -> Vec<u8> {
    match c {
        7 => b"\\a".to_vec(),
        8 => b"\\b".to_vec(),
        9 => b"\\t".to_vec(),
        10 => b"\\n".to_vec(),
        11 => b"\\v".to_vec(),
        12 => b"\\f".to_vec(),
        13 => b"\\r".to_vec(),
        _ => format!("\\{:03o}", c).into_bytes(),
    }
}

/// Rule 1: a name shown as it is.
fn bare(name: &[u8]) -> bool {
    !name.is_empty()
        && name.iter().enumerate().all(|(i, &c)| {
            c.is_ascii_alphanumeric()
                || b"%+,-./]_@ ".contains(&c)
                || (matches!(c, b'#' | b'~') && i > 0)
                || (matches!(c, b'{' | b'}') && name.len() > 1)
        })
}

/// Rule 2: a name with a `'` that reads the same inside double quotes.
fn double_quotable(name: &[u8]) -> bool {
    name.contains(&b'\'')
        && name.iter().enumerate().all(|(i, &c)| {
            c.is_ascii_alphanumeric()
                || b"%+,-./:]_@ '".contains(&c)
                || (matches!(c, b'#' | b'~') && i == 0)
        })
}

/// The spec's procedure Q: returns the text and whether it ended inside `$'...'`.
fn single_quoted(name: &[u8], mut open: bool) -> (Vec<u8>, bool) {
    let mut out = vec![b'\''];
    for &c in name {
        if special(c) {
            if !open {
                out.extend_from_slice(b"'$'");
                open = true;
            }
            out.extend_from_slice(&escape(c));
        } else if c == b'\'' {
            out.extend_from_slice(b"'\\''");
            open = false;
        } else {
            if open {
                out.extend_from_slice(b"''");
                open = false;
            }
            out.push(c);
        }
    }
    out.push(b'\'');
    (out, open)
}

/// A file name in a diagnostic.
pub fn quote_name(name: &[u8]) -> Vec<u8> {
    if bare(name) {
        return name.to_vec();
    }
    if double_quotable(name) {
        return [&b"\""[..], name, b"\""].concat();
    }
    let (first, open) = single_quoted(name, false);
    if name.contains(&b'\'') {
        single_quoted(name, open).0
    } else {
        first
    }
}

/// An option's value in a diagnostic: in single quotes, with C escapes.
pub fn quote_arg(value: &[u8]) -> Vec<u8> {
    let mut out = vec![b'\''];
    for &c in value {
        match c {
            b'\\' | b'\'' => out.extend_from_slice(&[b'\\', c]),
            _ if special(c) => out.extend_from_slice(&escape(c)),
            _ => out.push(c),
        }
    }
    out.push(b'\'');
    out
}
