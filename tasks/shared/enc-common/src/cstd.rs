//! The C library behaviour the replicated programs lean on: `fread`'s filling reads and
//! `strtol`/`strtoul`/`strtoumax` number parsing in the C locale.

use std::io::{self, ErrorKind, Read};

/// C's `isspace` in the C locale: space, `\t`, `\n`, `\v`, `\f`, `\r`.
pub fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Reads like C's `fread`: fills `buf` unless end of file comes first. Returns the bytes
/// read, whether end of file was seen, and the read error that stopped it, if any.
pub fn fread(input: &mut dyn Read, buf: &mut [u8]) -> (usize, bool, Option<io::Error>) {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => return (filled, true, None),
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return (filled, false, Some(e)),
        }
    }
    (filled, false, None)
}

/// The parts of a C number: sign, magnitude (saturated at `u128::MAX`), how many bytes
/// the number used (0 when there is no number), as `strtoul` and friends see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CNumber {
    pub negative: bool,
    pub magnitude: u128,
    /// Bytes consumed, leading white space and sign included; 0 when no digits were found.
    pub used: usize,
}

/// Scans a number like C's `strto*` functions in the C locale: optional white space, an
/// optional sign, then digits in `base` (2 to 36), or for base 0 a `0x`/`0X` prefix (hex),
/// a leading `0` (octal) or decimal. A `0x` not followed by a hex digit counts as the
/// number `0`, using one byte of the prefix.
pub fn scan_number(text: &[u8], base: u32) -> CNumber {
    let mut at = 0;
    while at < text.len() && is_c_space(text[at]) {
        at += 1;
    }
    let mut negative = false;
    if at < text.len() && (text[at] == b'+' || text[at] == b'-') {
        negative = text[at] == b'-';
        at += 1;
    }
    let digit = |b: u8, base: u32| (b as char).to_digit(36).filter(|&d| d < base);
    let mut base = base;
    let hex_prefix =
        text.len() > at + 1 && text[at] == b'0' && (text[at + 1] == b'x' || text[at + 1] == b'X');
    if (base == 0 || base == 16) && hex_prefix {
        if text.get(at + 2).and_then(|&b| digit(b, 16)).is_some() {
            at += 2;
            base = 16;
        } else {
            // "0x" with no hex digit after it: the number is the "0".
            return CNumber {
                negative,
                magnitude: 0,
                used: at + 1,
            };
        }
    } else if base == 0 {
        base = if text.get(at) == Some(&b'0') { 8 } else { 10 };
    }
    let start = at;
    let mut magnitude: u128 = 0;
    while let Some(d) = text.get(at).and_then(|&b| digit(b, base)) {
        magnitude = magnitude
            .saturating_mul(u128::from(base))
            .saturating_add(u128::from(d));
        at += 1;
    }
    if at == start {
        return CNumber {
            negative: false,
            magnitude: 0,
            used: 0,
        };
    }
    CNumber {
        negative,
        magnitude,
        used: at,
    }
}

/// C's `strtol` on a 64-bit `long`: the value, clamped to `i64`'s range on overflow.
/// Returns the value and the bytes used (0 when there is no number, with value 0).
pub fn strtol(text: &[u8], base: u32) -> (i64, usize) {
    let n = scan_number(text, base);
    let value = if n.negative {
        if n.magnitude > 1u128 << 63 {
            i64::MIN
        } else {
            (n.magnitude as i128).wrapping_neg() as i64
        }
    } else if n.magnitude > i64::MAX as u128 {
        i64::MAX
    } else {
        n.magnitude as i64
    };
    (value, n.used)
}

/// C's `strtoul` on a 64-bit `unsigned long`: `u64::MAX` on overflow, and a negated
/// result (modulo 2^64) after a minus sign.
pub fn strtoul(text: &[u8], base: u32) -> (u64, usize) {
    let n = scan_number(text, base);
    if n.magnitude > u128::from(u64::MAX) {
        return (u64::MAX, n.used);
    }
    let value = n.magnitude as u64;
    (
        if n.negative {
            value.wrapping_neg()
        } else {
            value
        },
        n.used,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_strtol(text: &str, base: u32, expect: (i64, usize)) {
        assert_eq!(
            strtol(text.as_bytes(), base),
            expect,
            "{text:?} base {base}"
        );
    }

    #[test]
    fn strtol_like_c() {
        check_strtol("42", 0, (42, 2));
        check_strtol("  -17x", 10, (-17, 5));
        check_strtol("+0x1F", 0, (31, 5));
        check_strtol("0X1f", 16, (31, 4));
        check_strtol("1f", 16, (31, 2));
        check_strtol("010", 0, (8, 3));
        check_strtol("09", 0, (0, 1));
        check_strtol("0x", 0, (0, 1));
        check_strtol("0xg", 16, (0, 1));
        check_strtol("-0x", 0, (0, 2));
        check_strtol("", 0, (0, 0));
        check_strtol("-", 0, (0, 0));
        check_strtol(" +", 10, (0, 0));
        check_strtol("abc", 10, (0, 0));
        check_strtol("\t\n\x0b\x0c\r 7", 10, (7, 7));
        check_strtol("9223372036854775807", 10, (i64::MAX, 19));
        check_strtol("9223372036854775808", 10, (i64::MAX, 19));
        check_strtol("-9223372036854775808", 10, (i64::MIN, 20));
        check_strtol("-9223372036854775809", 10, (i64::MIN, 20));
        check_strtol(
            "99999999999999999999999999999999999999999",
            10,
            (i64::MAX, 41),
        );
        check_strtol("z", 36, (35, 1));
        check_strtol("101", 2, (5, 3));
        check_strtol("12", 2, (1, 1));
    }

    #[test]
    fn strtoul_like_c() {
        assert_eq!(strtoul(b"18446744073709551615", 10), (u64::MAX, 20));
        assert_eq!(strtoul(b"18446744073709551616", 10), (u64::MAX, 20));
        assert_eq!(strtoul(b"-1", 0), (u64::MAX, 2));
        assert_eq!(strtoul(b"-0x10", 0), (u64::MAX - 15, 5));
        assert_eq!(strtoul(b"077", 0), (63, 3));
        assert_eq!(strtoul(b"x", 0), (0, 0));
    }

    #[test]
    fn spaces() {
        for b in 0..=255u8 {
            let c_space = b" \t\n\x0b\x0c\r".contains(&b);
            assert_eq!(is_c_space(b), c_space, "{b}");
        }
    }

    #[test]
    fn fread_fills_or_stops_at_eof() {
        /// A reader that hands out one byte per call and is interrupted once.
        struct Trickle(Vec<u8>, bool);
        impl Read for Trickle {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if !self.1 {
                    self.1 = true;
                    return Err(ErrorKind::Interrupted.into());
                }
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0.remove(0);
                Ok(1)
            }
        }
        let mut input = Trickle(b"hello".to_vec(), false);
        let mut buf = [0u8; 3];
        let (n, eof, err) = fread(&mut input, &mut buf);
        assert_eq!((n, eof, err.is_none(), &buf), (3, false, true, b"hel"));
        let (n, eof, err) = fread(&mut input, &mut buf);
        assert_eq!(
            (n, eof, err.is_none(), &buf[..2]),
            (2, true, true, &b"lo"[..])
        );
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(ErrorKind::IsADirectory.into())
            }
        }
        let (n, eof, err) = fread(&mut Broken, &mut buf);
        assert_eq!((n, eof), (0, false));
        assert_eq!(err.map(|e| e.kind()), Some(ErrorKind::IsADirectory));
    }
}
