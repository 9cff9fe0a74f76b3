//! GNU's backslash escaping of file names in checksum lines.

/// Whether a name printed on a checksum line (hash mode, newline-terminated)
/// needs the leading backslash and escapes.
pub(crate) fn needs_escape_in_listing(name: &[u8]) -> bool {
    name.iter().any(|c| b"\\\n\r".contains(c))
}

/// Whether a name printed in a `--check` result line needs escaping; GNU 9.1
/// only looks for newlines here.
pub(crate) fn needs_escape_in_result(name: &[u8]) -> bool {
    name.contains(&b'\n')
}

/// Appends `name` with backslash, newline and carriage return escaped.
pub(crate) fn escape_into(out: &mut Vec<u8>, name: &[u8]) {
    for &c in name {
        let replacement: &[u8] = match c {
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            _ => std::slice::from_ref(&c),
        };
        out.extend_from_slice(replacement);
    }
}

/// Decodes an escaped name from a checksum line; `None` for a stray backslash
/// or any NUL byte.
pub(crate) fn unescape(text: &[u8]) -> Option<Vec<u8>> {
    let mut name = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c == 0 {
            return None;
        }
        if c != b'\\' {
            name.push(c);
            i += 1;
            continue;
        }
        name.push(match text.get(i + 1) {
            Some(b'\\') => b'\\',
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            _ => return None,
        });
        i += 2;
    }
    Some(name)
}
