//! gnulib's `quote` and `quotef` in the C locale, and the words `strerror` gives.
//!
//! coreutils names operands in messages with `quote` (always single-quoted, C escapes)
//! or `quotef` (shell-quoted only when a shell would need it).

use std::io::{self, ErrorKind};

/// Quotes `arg` like gnulib's `quote` in the C locale: single quotes, C-style backslash
/// escapes for control characters, quotes and backslashes, and octal for other bytes that
/// are not printable ASCII.
pub fn quote(arg: &[u8]) -> Vec<u8> {
    let mut out = vec![b'\''];
    for &c in arg {
        match c {
            b'\\' | b'\'' => out.extend_from_slice(&[b'\\', c]),
            0x20..=0x7e => out.push(c),
            _ => push_escape(&mut out, c),
        }
    }
    out.push(b'\'');
    out
}

/// Appends the C escape for a non-printable byte: a letter escape when C has one, else octal.
fn push_escape(out: &mut Vec<u8>, c: u8) {
    let letter = match c {
        0x07 => Some(b'a'),
        0x08 => Some(b'b'),
        0x0c => Some(b'f'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        b'\t' => Some(b't'),
        0x0b => Some(b'v'),
        _ => None,
    };
    out.push(b'\\');
    match letter {
        Some(l) => out.push(l),
        None => out.extend_from_slice(&[b'0' + (c >> 6), b'0' + ((c >> 3) & 7), b'0' + (c & 7)]),
    }
}

/// Quotes a file name like coreutils' `quotef`: unchanged when a shell would read it
/// literally, otherwise shell-quoted (double quotes when that suffices for a name holding
/// a single quote), with `$'...'` sections for bytes that are not printable ASCII.
pub fn quotef(name: &[u8]) -> Vec<u8> {
    if name.is_empty() {
        return b"''".to_vec();
    }
    let isolated_brace = name == b"{" || name == b"}";
    let needs_quotes = isolated_brace
        || name.iter().enumerate().any(|(i, &c)| {
            !(0x20..=0x7e).contains(&c)
                || b" !\"$&'()*;<=>?[\\^`|:".contains(&c)
                || (i == 0 && (c == b'#' || c == b'~'))
        });
    if !needs_quotes {
        return name.to_vec();
    }
    // A name whose only awkward character is a single quote reads best in double quotes.
    let harmless_in_double_quotes = name.iter().enumerate().all(|(i, &c)| {
        c.is_ascii_alphanumeric()
            || b"%+,-./:]_@ '".contains(&c)
            || (i == 0 && (c == b'#' || c == b'~'))
    });
    if name.contains(&b'\'') && harmless_in_double_quotes {
        let mut out = vec![b'"'];
        out.extend_from_slice(name);
        out.push(b'"');
        return out;
    }
    let mut out = vec![b'\''];
    let mut in_dollar = false;
    for &c in name {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
            in_dollar = false;
        } else if (0x20..=0x7e).contains(&c) {
            if in_dollar {
                out.extend_from_slice(b"''");
                in_dollar = false;
            }
            out.push(c);
        } else {
            if !in_dollar {
                out.extend_from_slice(b"'$'");
                in_dollar = true;
            }
            push_escape(&mut out, c);
        }
    }
    out.push(b'\'');
    out
}

/// What C's `strerror` says for the error, chosen by kind so that WASI's errno values
/// (which differ from Linux's) give Linux's words.
pub fn error_text(err: &io::Error) -> String {
    let text = match err.kind() {
        ErrorKind::NotFound => "No such file or directory",
        ErrorKind::IsADirectory => "Is a directory",
        ErrorKind::NotADirectory => "Not a directory",
        ErrorKind::PermissionDenied => "Permission denied",
        ErrorKind::AlreadyExists => "File exists",
        ErrorKind::InvalidInput => "Invalid argument",
        ErrorKind::NotSeekable => "Illegal seek",
        ErrorKind::StorageFull => "No space left on device",
        ErrorKind::InvalidFilename => "File name too long",
        _ => {
            let text = err.to_string();
            return match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            };
        }
    };
    text.to_string()
}

/// Linux's `errno` number for the error, chosen by kind (WASI numbers differ): what
/// programs print with `%d`.
pub fn errno_number(err: &io::Error) -> i32 {
    match err.kind() {
        ErrorKind::NotFound => 2,
        ErrorKind::PermissionDenied => 13,
        ErrorKind::AlreadyExists => 17,
        ErrorKind::NotADirectory => 20,
        ErrorKind::IsADirectory => 21,
        ErrorKind::InvalidInput => 22,
        ErrorKind::StorageFull => 28,
        ErrorKind::NotSeekable => 29,
        ErrorKind::InvalidFilename => 36,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks gnulib's `quote` rendering of one argument.
    fn check_quote(arg: &[u8], expect: &str) {
        assert_eq!(String::from_utf8_lossy(&quote(arg)), expect, "arg {arg:?}");
    }

    #[test]
    fn argument_quoting() {
        check_quote(b"x", "'x'");
        check_quote(b"", "''");
        check_quote(b"a'b\\c", "'a\\'b\\\\c'");
        check_quote(b"\x07\x08\x0c\n\r\t\x0b", "'\\a\\b\\f\\n\\r\\t\\v'");
        check_quote(b"\x01\x7f\xe9 ~", "'\\001\\177\\351 ~'");
    }

    #[test]
    fn errno_numbers() {
        let number = |kind: ErrorKind| errno_number(&io::Error::from(kind));
        assert_eq!(number(ErrorKind::NotFound), 2);
        assert_eq!(number(ErrorKind::PermissionDenied), 13);
        assert_eq!(number(ErrorKind::AlreadyExists), 17);
        assert_eq!(number(ErrorKind::NotADirectory), 20);
        assert_eq!(number(ErrorKind::IsADirectory), 21);
        assert_eq!(number(ErrorKind::InvalidInput), 22);
        assert_eq!(number(ErrorKind::StorageFull), 28);
        assert_eq!(number(ErrorKind::NotSeekable), 29);
        assert_eq!(number(ErrorKind::InvalidFilename), 36);
        assert_eq!(number(ErrorKind::Other), 5);
    }

    #[test]
    fn error_words() {
        let words = |kind: ErrorKind| error_text(&io::Error::from(kind));
        assert_eq!(words(ErrorKind::NotFound), "No such file or directory");
        assert_eq!(words(ErrorKind::IsADirectory), "Is a directory");
        assert_eq!(words(ErrorKind::NotADirectory), "Not a directory");
        assert_eq!(words(ErrorKind::PermissionDenied), "Permission denied");
        assert_eq!(words(ErrorKind::AlreadyExists), "File exists");
        assert_eq!(words(ErrorKind::InvalidInput), "Invalid argument");
        assert_eq!(words(ErrorKind::NotSeekable), "Illegal seek");
        assert_eq!(words(ErrorKind::StorageFull), "No space left on device");
        assert_eq!(words(ErrorKind::InvalidFilename), "File name too long");
        assert_eq!(
            error_text(&io::Error::other("custom words")),
            "custom words"
        );
    }

    /// Checks gnulib's `quotef` rendering of one file name.
    fn check_quotef(name: &[u8], expect: &str) {
        assert_eq!(
            String::from_utf8_lossy(&quotef(name)),
            expect,
            "name {name:?}"
        );
    }

    #[test]
    fn file_name_quoting() {
        check_quotef(b"plain-name_1.txt", "plain-name_1.txt");
        check_quotef(b"", "''");
        check_quotef(b"a b", "'a b'");
        check_quotef(b"a:b", "'a:b'");
        check_quotef(b"x#", "x#");
        check_quotef(b"#x", "'#x'");
        check_quotef(b"~x", "'~x'");
        check_quotef(b"{", "'{'");
        check_quotef(b"{}", "{}");
        check_quotef(b"a'b", "\"a'b\"");
        check_quotef(b"#'", "\"#'\"");
        check_quotef(b"'~", "''\\''~'");
        check_quotef(b"a'b$c", "'a'\\''b$c'");
        check_quotef(b"a\tb", "'a'$'\\t''b'");
        check_quotef(b"a\t\tb", "'a'$'\\t\\t''b'");
        check_quotef(b"b\t", "'b'$'\\t'");
        check_quotef(b"\t'", "''$'\\t'\\'''");
        check_quotef("\u{e9}".as_bytes(), "''$'\\303\\251'");
        check_quotef(b"\x1b[", "''$'\\033''['");
    }
}
