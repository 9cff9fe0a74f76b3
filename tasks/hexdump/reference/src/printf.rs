//! The part of C's `printf` that hexdump's conversions reach, as glibc formats it: flags
//! `-` `+` space `#` `0`, a field width and a precision, for integers (`d i o u x X` on 64
//! bits), characters, strings and (outside the task's subset) floating point.

/// The flags, width and precision of one conversion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spec {
    pub left: bool,
    pub plus: bool,
    pub space: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub precision: Option<usize>,
}

impl Spec {
    /// Parses what stands between `%` and the conversion character.
    pub fn parse(text: &[u8]) -> Spec {
        let mut spec = Spec::default();
        let mut k = 0;
        while k < text.len() {
            match text[k] {
                b'-' => spec.left = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            k += 1;
        }
        let digits = |k: &mut usize| {
            let mut n = 0usize;
            while *k < text.len() && text[*k].is_ascii_digit() {
                n = n
                    .saturating_mul(10)
                    .saturating_add(usize::from(text[*k] - b'0'));
                *k += 1;
            }
            n
        };
        spec.width = digits(&mut k);
        if k < text.len() && text[k] == b'.' {
            k += 1;
            spec.precision = Some(digits(&mut k));
        }
        spec
    }

    /// Pads `body` (sign and prefix already in `head`) to the width.
    fn pad(&self, out: &mut Vec<u8>, head: &[u8], body: &[u8], zero_ok: bool) {
        let len = head.len() + body.len();
        let fill = self.width.saturating_sub(len);
        if self.left {
            out.extend_from_slice(head);
            out.extend_from_slice(body);
            out.extend(std::iter::repeat_n(b' ', fill));
        } else if self.zero && zero_ok {
            out.extend_from_slice(head);
            out.extend(std::iter::repeat_n(b'0', fill));
            out.extend_from_slice(body);
        } else {
            out.extend(std::iter::repeat_n(b' ', fill));
            out.extend_from_slice(head);
            out.extend_from_slice(body);
        }
    }

    /// `%lld %lli %llo %llu %llx %llX` of a 64-bit value (signed for d and i).
    pub fn integer(&self, out: &mut Vec<u8>, conv: u8, bits: u64, _signed_source: bool) {
        let (negative, magnitude) = match conv {
            b'd' | b'i' => {
                let v = bits as i64;
                (v < 0, v.unsigned_abs())
            }
            _ => (false, bits),
        };
        let mut digits = match conv {
            b'o' => format!("{magnitude:o}"),
            b'x' => format!("{magnitude:x}"),
            b'X' => format!("{magnitude:X}"),
            _ => magnitude.to_string(),
        }
        .into_bytes();
        if let Some(precision) = self.precision {
            if precision == 0 && magnitude == 0 {
                digits.clear();
            }
            while digits.len() < precision {
                digits.insert(0, b'0');
            }
        }
        let mut head = Vec::new();
        match conv {
            b'd' | b'i' => {
                if negative {
                    head.push(b'-');
                } else if self.plus {
                    head.push(b'+');
                } else if self.space {
                    head.push(b' ');
                }
            }
            b'o' if self.alt && digits.first() != Some(&b'0') => digits.insert(0, b'0'),
            b'x' if self.alt && magnitude != 0 => head.extend_from_slice(b"0x"),
            b'X' if self.alt && magnitude != 0 => head.extend_from_slice(b"0X"),
            _ => {}
        }
        self.pad(out, &head, &digits, self.precision.is_none());
    }

    /// `%c`: the byte itself, padded with spaces.
    pub fn character(&self, out: &mut Vec<u8>, byte: u8) {
        self.pad(out, &[], &[byte], false);
    }

    /// `%s`: at most `precision` bytes, padded with spaces.
    pub fn string(&self, out: &mut Vec<u8>, text: &[u8]) {
        let text = match self.precision {
            Some(p) if p < text.len() => &text[..p],
            _ => text,
        };
        self.pad(out, &[], text, false);
    }

    /// hexdump's blank padding past the end of the data: `%s` of "" with the flags
    /// removed, so only the width counts.
    pub fn blank(&self, out: &mut Vec<u8>) {
        out.extend(std::iter::repeat_n(b' ', self.width));
    }

    /// `%e %f %g %E %G`, approximately (floating point is outside the task's subset).
    pub fn float(&self, out: &mut Vec<u8>, conv: u8, value: f64) {
        let precision = self.precision.unwrap_or(6);
        let text = match conv {
            b'f' => format!("{value:.precision$}"),
            b'e' | b'E' | b'g' | b'G' => {
                let s = format!("{value:.precision$e}");
                let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
                let exponent: i32 = exponent.parse().unwrap_or(0);
                let sign = if exponent < 0 { '-' } else { '+' };
                let text = format!("{mantissa}e{sign}{:02}", exponent.abs());
                if conv.is_ascii_uppercase() {
                    text.to_uppercase()
                } else {
                    text
                }
            }
            _ => String::new(),
        };
        let (head, body) = match text.strip_prefix('-') {
            Some(rest) => (b"-".to_vec(), rest.as_bytes().to_vec()),
            None if self.plus => (b"+".to_vec(), text.into_bytes()),
            None if self.space => (b" ".to_vec(), text.into_bytes()),
            None => (Vec::new(), text.into_bytes()),
        };
        self.pad(out, &head, &body, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(spec: &str, conv: u8, value: i64) -> String {
        let mut out = Vec::new();
        Spec::parse(spec.as_bytes()).integer(&mut out, conv, value as u64, true);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn integers_like_glibc() {
        // Each expectation is what glibc's printf prints.
        assert_eq!(int("-05", b'd', -3), "-3   ");
        assert_eq!(int("#", b'o', 0), "0");
        assert_eq!(int("#", b'x', 0), "0");
        assert_eq!(int(".0", b'd', 0), "");
        assert_eq!(int("+", b'u', 5), "5");
        assert_eq!(int(" ", b'u', 5), "5");
        assert_eq!(int("#.0", b'o', 0), "0");
        assert_eq!(int("#5.3", b'x', 10), "0x00a");
        assert_eq!(int("+05", b'd', -5), "-0005");
        assert_eq!(int(" 05", b'd', 5), " 0005");
        assert_eq!(int(".3", b'd', -7), "-007");
        assert_eq!(int("08.3", b'd', -7), "    -007");
        assert_eq!(int("#", b'X', 255), "0XFF");
        assert_eq!(int("#08", b'x', 255), "0x0000ff");
        assert_eq!(int("-#8", b'o', 8), "010     ");
        assert_eq!(int("5.0", b'x', 0), "     ");
        assert_eq!(int("07.7", b'x', 0x1a), "000001a");
        assert_eq!(int("", b'd', i64::MIN), "-9223372036854775808");
        assert_eq!(int("", b'u', -1), "18446744073709551615");
        assert_eq!(int("+", b'i', 4), "+4");
    }

    #[test]
    fn characters_and_strings() {
        let run = |spec: &str, f: &dyn Fn(&Spec, &mut Vec<u8>)| {
            let mut out = Vec::new();
            f(&Spec::parse(spec.as_bytes()), &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(run("05", &|s, o| s.character(o, b'a')), "    a");
        assert_eq!(run("-3", &|s, o| s.character(o, b'b')), "b  ");
        assert_eq!(run("05", &|s, o| s.string(o, b"ab")), "   ab");
        assert_eq!(run(".2", &|s, o| s.string(o, b"abc")), "ab");
        assert_eq!(run("5.1", &|s, o| s.string(o, b"xyz")), "    x");
        assert_eq!(run("-5", &|s, o| s.string(o, b"q")), "q    ");
        assert_eq!(run("07.7", &|s, o| s.blank(o)), "       ");
        assert_eq!(run(".3", &|s, o| s.float(o, b'f', 1.5)), "1.500");
        assert_eq!(run("", &|s, o| s.float(o, b'e', 1234.5)), "1.234500e+03");
    }
}
