//! Numbers as glibc's `strtoumax` and gnulib's `xstrtoumax` and `xdectoumax` read them:
//! for `-l BITS` (decimal, nothing may follow) and the `-BITS` of a tagged `BLAKE2b-256`
//! check line (any base C allows, anything may follow).

/// `isspace` in the C locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The value of digit `c` in `base`, if it is one.
fn digit(c: u8, base: u32) -> Option<u64> {
    char::from(c).to_digit(base).map(u64::from)
}

/// What `strtoumax(s, &end, base)` gives for `base` 10 or 0 and a text without a minus
/// sign (the callers refuse those first): the value, whether it overflowed (the value is
/// then meaningless), and where the number ends; `None` when there is no number, in which
/// case glibc's `end` would be the start of `s`.
fn strtoumax(s: &[u8], base: u32) -> Option<(u64, bool, usize)> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_space(at(i)) {
        i += 1;
    }
    if at(i) == b'+' {
        i += 1;
    }
    let mut base = base;
    if base == 0 {
        if at(i) == b'0' && at(i + 1).eq_ignore_ascii_case(&b'x') {
            if digit(at(i + 2), 16).is_none() {
                // "0x" without hex digits is the number 0 ending before the `x`.
                return Some((0, false, i + 1));
            }
            i += 2;
            base = 16;
        } else if at(i) == b'0' {
            base = 8;
        } else {
            base = 10;
        }
    }
    let start = i;
    let mut value = 0u64;
    let mut overflow = false;
    while let Some(d) = digit(at(i), base) {
        match value
            .checked_mul(u64::from(base))
            .and_then(|v| v.checked_add(d))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return None;
    }
    Some((value, overflow, i))
}

/// gnulib's `xstrtoumax` without suffixes, as the check-line parser calls it: the value
/// and where it ends, or `None` (no number, a minus sign, or overflow).
pub fn xstrtoumax_any_suffix(s: &[u8]) -> Option<(u64, usize)> {
    let first = s.iter().position(|&c| !is_space(c));
    if first.is_some_and(|i| s[i] == b'-') {
        return None;
    }
    match strtoumax(s, 0)? {
        (value, false, end) => Some((value, end)),
        (_, true, _) => None,
    }
}

/// gnulib's `xdectoumax` for `-l`: a decimal number with nothing after it. The error
/// holds the `strerror` text GNU appends, if any (only for overflow).
pub fn xdectoumax(s: &[u8]) -> Result<u64, Option<&'static str>> {
    let first = s.iter().position(|&c| !is_space(c));
    if first.is_some_and(|i| s[i] == b'-') {
        return Err(None);
    }
    let (value, overflow, end) = strtoumax(s, 10).ok_or(None)?;
    if end < s.len() {
        // An invalid suffix: GNU shows no reason, even after an overflow.
        return Err(None);
    }
    if overflow {
        return Err(Some("Value too large for defined data type"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::{xdectoumax, xstrtoumax_any_suffix};

    #[test]
    fn decimal_lengths() {
        // What GNU b2sum 9.1 accepted or refused as `-l ARG`.
        let big = Err(Some("Value too large for defined data type"));
        let cases: &[(&str, Result<u64, Option<&str>>)] = &[
            ("16", Ok(16)),
            (" 16", Ok(16)),
            ("\t+16", Ok(16)),
            ("010", Ok(10)),
            ("0", Ok(0)),
            ("18446744073709551615", Ok(u64::MAX)),
            ("18446744073709551616", big),
            ("99999999999999999999999", big),
            ("99999999999999999999999x", Err(None)),
            ("", Err(None)),
            ("abc", Err(None)),
            ("-8", Err(None)),
            (" -0", Err(None)),
            ("0x10", Err(None)),
            ("16k", Err(None)),
            ("16 ", Err(None)),
            ("+", Err(None)),
        ];
        for (arg, expect) in cases {
            assert_eq!(xdectoumax(arg.as_bytes()), *expect, "-l {arg:?}");
        }
    }

    #[test]
    fn tag_lengths_in_any_base() {
        let cases: &[(&str, Option<(u64, usize)>)] = &[
            ("256 (x)", Some((256, 3))),
            ("0x100(", Some((256, 5))),
            ("0400 ", Some((256, 4))),
            ("08", Some((0, 1))),
            ("0x", Some((0, 1))),
            ("0xg", Some((0, 1))),
            (" +8)", Some((8, 3))),
            ("-8", None),
            ("x", None),
            ("", None),
            ("99999999999999999999", None),
        ];
        for (text, expect) in cases {
            assert_eq!(xstrtoumax_any_suffix(text.as_bytes()), *expect, "{text:?}");
        }
    }
}
