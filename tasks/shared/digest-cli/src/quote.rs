//! Quoting for diagnostics, as GNU coreutils 9.1 does it in the C locale.
//!
//! GNU prints file names in error messages through gnulib's `quotef`, which is the
//! "shell-escape" quoting style with `:` added to the characters that force
//! quoting. This module reproduces that algorithm for a unibyte locale, including
//! a quirk of the gnulib shipped with 9.1: when a name holding a single quote is
//! re-scanned, the "inside `$'...'`" state left over from the first scan is not
//! reset, which adds a stray `''` or drops a `$'` opener in some outputs.
//!
//! Option values (`invalid length: '12'`) go through gnulib's `quote` instead: the
//! "locale" style, which in the C locale is `'...'` with C backslash escapes.

/// Quotes `arg` the way gnulib's `quote` does in the C locale: in single quotes, with
/// `\`, `\'`, the C escapes `\a \b \f \n \r \t \v`, and three octal digits for any
/// other byte that is not printable ASCII.
pub fn quote(arg: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(arg.len() + 2);
    out.push(b'\'');
    for &c in arg {
        let escape = match c {
            0x07 => b'a',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x0b => b'v',
            b'\\' | b'\'' => c,
            0x20..0x7f => {
                out.push(c);
                continue;
            }
            _ => {
                out.extend_from_slice(&[
                    b'\\',
                    b'0' + (c >> 6),
                    b'0' + ((c >> 3) & 7),
                    b'0' + (c & 7),
                ]);
                continue;
            }
        };
        out.extend_from_slice(&[b'\\', escape]);
    }
    out.push(b'\'');
    out
}

/// Quotes `name` the way GNU's `quotef` does in the C locale.
pub fn quotef(name: &[u8]) -> Vec<u8> {
    if !needs_quoting(name) {
        return name.to_vec();
    }
    let first = always_pass(name, false);
    if !first.saw_single_quote {
        return first.out;
    }
    if first.all_compatible {
        // Every byte reads the same inside C double quotes, and double quotes
        // avoid the clumsy `'\''` sequences, so gnulib switches style.
        let mut out = Vec::with_capacity(name.len() + 2);
        out.push(b'"');
        out.extend_from_slice(name);
        out.push(b'"');
        return out;
    }
    // The second scan starts with the escape state where the first one ended.
    always_pass(name, first.pending_end).out
}

/// Whether the shell-escape style must wrap `name` in quotes at all.
fn needs_quoting(name: &[u8]) -> bool {
    if name.is_empty() {
        return true;
    }
    name.iter().enumerate().any(|(i, &c)| match c {
        b'{' | b'}' => name.len() == 1,
        b'#' | b'~' => i == 0,
        b' ' | b'!' | b'"' | b'$' | b'&' | b'(' | b')' | b'*' | b';' | b'<' | b'=' | b'>'
        | b'[' | b'^' | b'`' | b'|' | b'\'' | b'\\' | b'?' | b':' => true,
        _ => !is_plain(c) && c != b'@',
    })
}

/// Bytes that never need quoting or escaping in any style.
fn is_plain(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"%+,-./:]_".contains(&c)
}

/// The outcome of one scan in the always-quote style.
struct Pass {
    out: Vec<u8>,
    pending_end: bool,
    saw_single_quote: bool,
    all_compatible: bool,
}

/// One scan of gnulib's shell-escape-always style: the name in single quotes,
/// with unprintable bytes written as `$'\ooo'` pieces.
fn always_pass(name: &[u8], pending_start: bool) -> Pass {
    let mut out = Vec::with_capacity(name.len() + 8);
    let mut pending = pending_start;
    let mut saw_single_quote = false;
    let mut all_compatible = true;
    out.push(b'\'');
    for (i, &c) in name.iter().enumerate() {
        let escape: Option<&[u8]> = match c {
            0x07 => Some(b"a"),
            0x08 => Some(b"b"),
            0x0c => Some(b"f"),
            b'\n' => Some(b"n"),
            b'\r' => Some(b"r"),
            b'\t' => Some(b"t"),
            0x0b => Some(b"v"),
            _ => None,
        };
        let octal;
        let escape = match escape {
            Some(e) => Some(e),
            None if !(0x20..0x7f).contains(&c) => {
                octal = [b'0' + (c >> 6), b'0' + ((c >> 3) & 7), b'0' + (c & 7)];
                Some(&octal[..])
            }
            None => None,
        };
        let compatible = match c {
            b' ' | b'\'' | b'@' => true,
            b'#' | b'~' => i == 0,
            b'{' | b'}' => name.len() == 1,
            _ => is_plain(c),
        };
        if !compatible {
            all_compatible = false;
        }
        if let Some(escape) = escape {
            // Open a `$'...'` piece unless one is already open, then write the
            // escape; the piece stays open for following escapes.
            if !pending {
                out.extend_from_slice(b"'$'");
                pending = true;
            }
            out.push(b'\\');
            out.extend_from_slice(escape);
            continue;
        }
        if c == b'\'' {
            saw_single_quote = true;
            out.extend_from_slice(b"'\\'");
            pending = false;
        } else if pending {
            // A plain byte after escapes closes the `$'...'` piece.
            out.extend_from_slice(b"''");
            pending = false;
        }
        out.push(c);
    }
    out.push(b'\'');
    Pass {
        out,
        pending_end: pending,
        saw_single_quote,
        all_compatible,
    }
}

#[cfg(test)]
mod tests {
    use super::{quote, quotef};

    #[test]
    fn locale_quoting() {
        let check = |arg: &[u8], expect: &str| {
            assert_eq!(
                String::from_utf8_lossy(&quote(arg)),
                expect,
                "quote {arg:?}"
            );
        };
        // Printed by GNU b2sum 9.1 (`b2sum -l ARG`) with LC_ALL=C.
        check(b"12", "'12'");
        check(b"", "''");
        check(b"a b", "'a b'");
        check(b"it's", "'it\\'s'");
        check(b"a\\b", "'a\\\\b'");
        check(b"\t\n\r\x07\x08\x0b\x0c", "'\\t\\n\\r\\a\\b\\v\\f'");
        check("é\x7f\x01".as_bytes(), "'\\303\\251\\177\\001'");
        check(b"\"$~", "'\"$~'");
    }

    fn check(name: &[u8], expect: &str) {
        let got = quotef(name);
        assert_eq!(
            String::from_utf8_lossy(&got),
            expect,
            "quoting {:?}",
            String::from_utf8_lossy(name)
        );
    }

    // Every expectation below was printed by GNU coreutils 9.1 with LC_ALL=C.
    #[test]
    fn plain_names_are_unquoted() {
        check(b"missing", "missing");
        check(b"sub/x", "sub/x");
        check(b"a+b,c.d/e", "a+b,c.d/e");
        check(b"x~", "x~");
        check(b"x#", "x#");
        check(b"{}", "{}");
        check(b"a{", "a{");
        check(b"a]b", "a]b");
        check(b"a%b", "a%b");
        check(b"@x", "@x");
        check(b"--", "--");
    }

    #[test]
    fn specials_get_single_quotes() {
        check(b"", "''");
        check(b"a:b", "'a:b'");
        check(b"mis sing", "'mis sing'");
        check(b"x$y", "'x$y'");
        check(b"a*b", "'a*b'");
        check(b"~x", "'~x'");
        check(b"#x", "'#x'");
        check(b"{", "'{'");
        check(b"a=b", "'a=b'");
        check(b"a?b", "'a?b'");
        check(b"a[b", "'a[b'");
        check(b"a\\b", "'a\\b'");
        check(b"a\"b", "'a\"b'");
        check(b"a!b", "'a!b'");
        check(b"a`b", "'a`b'");
        check(b"standard input", "'standard input'");
    }

    #[test]
    fn control_and_high_bytes_use_dollar_quotes() {
        check(b"a\tb", "'a'$'\\t''b'");
        check(b"a\nb", "'a'$'\\n''b'");
        check(b"a\rb", "'a'$'\\r''b'");
        check(b"x\x01y", "'x'$'\\001''y'");
        check(b"\x7f", "''$'\\177'");
        check("é".as_bytes(), "''$'\\303\\251'");
        check(b"a b\nx", "'a b'$'\\n''x'");
    }

    #[test]
    fn single_quotes() {
        check(b"it's x", "\"it's x\"");
        check(b"'", "\"'\"");
        check(b"''", "\"''\"");
        check(b"a'b:c", "\"a'b:c\"");
        check(b"x'@", "\"x'@\"");
        check(b"~'", "\"~'\"");
        check(b"a'b\"c", "'a'\\''b\"c'");
        check(b"a'b\\c", "'a'\\''b\\c'");
        check(b"a'b?c", "'a'\\''b?c'");
        check(b"x'{", "'x'\\''{'");
        check(b"'~", "''\\''~'");
        check(b"it's\nx", "'it'\\''s'$'\\n''x'");
        check(b"a'b\tc", "'a'\\''b'$'\\t''c'");
    }

    #[test]
    fn leftover_escape_state_quirk() {
        check("a'bé".as_bytes(), "'''a'\\''b'$'\\303\\251'");
        check("a'b$é".as_bytes(), "'''a'\\''b$'$'\\303\\251'");
        check(b"a'b\t", "'''a'\\''b'$'\\t'");
        check("é'é".as_bytes(), "'\\303\\251'\\'''$'\\303\\251'");
        check("é'".as_bytes(), "''$'\\303\\251'\\'''");
    }
}
