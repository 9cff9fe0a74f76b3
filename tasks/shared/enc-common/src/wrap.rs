//! coreutils' `base32`/`basenc` output wrapping (`wrap_write` in `basenc.c`) and its
//! `-w COLS` parsing.

use std::io::{self, Write};

use crate::cstd::is_c_space;
use crate::quote::quote;

/// Writes encoded text in lines of `columns` characters (0: one unbroken line), carrying
/// the column across calls like GNU's `wrap_write`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineWrapper {
    columns: u64,
    column: u64,
}

impl LineWrapper {
    pub fn new(columns: u64) -> Self {
        LineWrapper { columns, column: 0 }
    }

    /// Writes `text`, starting a new line whenever the current one is full. A full line's
    /// newline is only written when more text follows (or by [`LineWrapper::finish`]).
    ///
    /// # Errors
    /// When writing fails.
    pub fn write(&mut self, out: &mut dyn Write, mut text: &[u8]) -> io::Result<()> {
        if self.columns == 0 {
            return out.write_all(text);
        }
        while !text.is_empty() {
            let room = self.columns - self.column;
            if room == 0 {
                out.write_all(b"\n")?;
                self.column = 0;
                continue;
            }
            let take = usize::try_from(room).unwrap_or(usize::MAX).min(text.len());
            out.write_all(&text[..take])?;
            self.column += take as u64;
            text = &text[take..];
        }
        Ok(())
    }

    /// Ends the last line with a newline when wrapping and the line is not empty.
    ///
    /// # Errors
    /// When writing fails.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.columns != 0 && self.column > 0 {
            out.write_all(b"\n")?;
            self.column = 0;
        }
        Ok(())
    }
}

/// Parses a `-w` value like coreutils' `xstrtoimax (arg, NULL, 10, &w, "")`: optional C
/// white space and sign, decimal digits, nothing after. Values above `i64::MAX` overflow,
/// which GNU 9.1 treats as 0 (no wrapping); negative values are invalid, except any
/// spelling of zero. The error is GNU's message without `PROG: `.
///
/// # Errors
/// `invalid wrap size: 'ARG'` for any other value.
pub fn parse_wrap(arg: &[u8]) -> Result<u64, Vec<u8>> {
    let invalid = || [&b"invalid wrap size: "[..], &quote(arg)].concat();
    let mut rest = arg;
    while let [first, tail @ ..] = rest {
        if is_c_space(*first) {
            rest = tail;
        } else {
            break;
        }
    }
    let negative = match rest.first() {
        Some(b'-') => {
            rest = &rest[1..];
            true
        }
        Some(b'+') => {
            rest = &rest[1..];
            false
        }
        _ => false,
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits != rest.len() {
        return Err(invalid());
    }
    let mut magnitude: u128 = 0;
    for &b in rest {
        magnitude = (magnitude * 10 + u128::from(b - b'0')).min(u128::from(u64::MAX) + 1);
    }
    if negative {
        if magnitude == 0 {
            Ok(0)
        } else {
            Err(invalid())
        }
    } else if magnitude > i64::MAX as u128 {
        Ok(0)
    } else {
        Ok(magnitude as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `pieces` through a wrapper of `columns` and compares the text.
    fn check(columns: u64, pieces: &[&str], expect: &str) {
        let mut wrapper = LineWrapper::new(columns);
        let mut out = Vec::new();
        for piece in pieces {
            wrapper.write(&mut out, piece.as_bytes()).unwrap();
        }
        wrapper.finish(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            expect,
            "{columns} {pieces:?}"
        );
    }

    #[test]
    fn wrapping() {
        check(4, &["abcdefgh"], "abcd\nefgh\n");
        check(4, &["abc", "def", "gh", "i"], "abcd\nefgh\ni\n");
        check(3, &["ab"], "ab\n");
        check(0, &["abc", "def"], "abcdef");
        check(5, &[], "");
        check(5, &["", ""], "");
        check(1, &["ab"], "a\nb\n");
        check(u64::MAX, &["ab"], "ab\n");
    }

    fn ok(arg: &str, expect: u64) {
        assert_eq!(parse_wrap(arg.as_bytes()), Ok(expect), "{arg:?}");
    }

    fn bad(arg: &str, expect: &str) {
        assert_eq!(
            parse_wrap(arg.as_bytes()).map_err(|e| String::from_utf8_lossy(&e).into_owned()),
            Err(expect.to_string()),
            "{arg:?}"
        );
    }

    #[test]
    fn wrap_sizes() {
        ok("76", 76);
        ok("007", 7);
        ok(" \t\n\x0b\x0c\r+5", 5);
        ok("-0", 0);
        ok("-000", 0);
        ok("+0", 0);
        ok("9223372036854775807", 9223372036854775807);
        ok("9223372036854775808", 0);
        ok("99999999999999999999999999999999999999999", 0);
        bad("", "invalid wrap size: ''");
        bad("-1", "invalid wrap size: '-1'");
        bad(
            "-99999999999999999999",
            "invalid wrap size: '-99999999999999999999'",
        );
        bad("5 ", "invalid wrap size: '5 '");
        bad("0x10", "invalid wrap size: '0x10'");
        bad("+", "invalid wrap size: '+'");
        bad("+-5", "invalid wrap size: '+-5'");
        bad("a'b", "invalid wrap size: 'a\\'b'");
    }
}
