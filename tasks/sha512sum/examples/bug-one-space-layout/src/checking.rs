//! Check mode: reading a checksum list line by line and verifying each named file. (the buggy copy of this example: it does not hold later lines to the one-space layout once a list used it)

use crate::options::{Algo, CKSUM_ALGOS, Config, Program};

/// The untagged layout the first untagged line fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `DIGEST MODE NAME`: a space or `*` before the name.
    TwoField,
    /// `DIGEST NAME`, as BSD's `-r` prints.
    OneSpace,
}

/// What parsing lines remembers between them.
#[derive(Debug)]
pub struct LineReader {
    pub layout: Option<Layout>,
    /// The digest length in hex digits now expected.
    pub hex_len: usize,
    /// The algorithm now in use (cksum's tags change it).
    pub algo: Algo,
    /// The digest length in bits now in use (BLAKE2b's).
    pub bits: u64,
}

/// A line that parsed: the expected digest (hex) and the file name.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed {
    pub hex: Vec<u8>,
    pub name: Vec<u8>,
}

fn blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Decodes `\\`, `\n`, `\r`; anything else after a backslash fails.
fn unescape(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\\' => {
                out.push(match text.get(i + 1)? {
                    b'\\' => b'\\',
                    b'n' => b'\n',
                    b'r' => b'\r',
                    _ => return None,
                });
                i += 2;
            }
            0 => return None,
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Some(out)
}

/// The name as read: unescaped after an escape marker, else cut at a NUL byte.
fn name_of(text: &[u8], escaped: bool) -> Option<Vec<u8>> {
    if escaped {
        unescape(text)
    } else {
        Some(text.split(|&c| c == 0).next().unwrap_or_default().to_vec())
    }
}

/// A C-style number in a `BLAKE2b-BITS` tag: blanks, `+`, then decimal, `0x` hex or
/// `0` octal digits; its value and length, or `None`.
fn tag_number(text: &[u8]) -> Option<(u64, usize)> {
    let mut i = 0;
    while i < text.len() && b" \t\n\r\x0b\x0c".contains(&text[i]) {
        i += 1;
    }
    if text.get(i) == Some(&b'+') {
        i += 1;
    }
    let (radix, start) =
        if text.get(i) == Some(&b'0') && matches!(text.get(i + 1), Some(b'x' | b'X')) {
            if !text.get(i + 2).is_some_and(u8::is_ascii_hexdigit) {
                return Some((0, i + 1));
            }
            (16, i + 2)
        } else if text.get(i) == Some(&b'0') {
            (8, i)
        } else {
            (10, i)
        };
    let mut value: u64 = 0;
    let mut j = start;
    while let Some(d) = text.get(j).and_then(|&c| char::from(c).to_digit(radix)) {
        value = value
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(d))?;
        j += 1;
    }
    (j > start).then_some((value, j))
}

impl LineReader {
    pub fn new(config: &Config) -> LineReader {
        LineReader {
            layout: None,
            hex_len: (config.bits / 4) as usize,
            algo: config.algo,
            bits: config.bits,
        }
    }

    /// Parses one line (without its newline and a final carriage return).
    pub fn parse(&mut self, config: &Config, line: &[u8]) -> Option<Parsed> {
        let mut i = line.iter().take_while(|&&c| blank(c)).count();
        let escaped = line.get(i) == Some(&b'\\');
        if escaped {
            i += 1;
        }
        let rest = &line[i..];
        let variable = config.program.variable_length();
        if config.program == Program::Cksum && !config.algo_given {
            // The tag, up to 7 bytes ended by a blank, `-`, `(` or the end.
            let len = rest
                .iter()
                .take(8)
                .take_while(|&&c| !matches!(c, b' ' | b'\t' | b'-' | b'(' | 0))
                .count();
            if len > 7 {
                return None;
            }
            let (_, algo) = CKSUM_ALGOS
                .iter()
                .find(|(_, a)| a.tag().as_bytes() == &rest[..len])?;
            if algo.legacy() {
                return None;
            }
            self.algo = *algo;
        }
        let tag = self.algo.tag().as_bytes();
        if let Some(after) = rest.strip_prefix(tag) {
            let mut j = 0;
            if variable {
                self.bits = self.algo.bits();
                match after.first() {
                    Some(b'(') => {}
                    Some(b'-') => {
                        let (bits, used) = tag_number(&after[1..])?;
                        if bits == 0 || bits > self.algo.bits() || !bits.is_multiple_of(8) {
                            return None;
                        }
                        self.bits = bits;
                        j = 1 + used;
                    }
                    // Whatever byte follows the tag is passed over.
                    _ => j = 1,
                }
                self.hex_len = (self.bits / 4) as usize;
            }
            if after.get(j) == Some(&b' ') {
                j += 1;
            }
            if after.get(j) != Some(&b'(') {
                return None;
            }
            let inner = &after[j + 1..];
            let close = inner.iter().rposition(|&c| c == b')')?;
            let name = name_of(&inner[..close], escaped)?;
            let mut k = close + 1;
            while inner.get(k).is_some_and(|&c| blank(c)) {
                k += 1;
            }
            if inner.get(k) != Some(&b'=') {
                return None;
            }
            k += 1;
            while inner.get(k).is_some_and(|&c| blank(c)) {
                k += 1;
            }
            let hex = &inner[k..];
            if hex.len() != self.hex_len || !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            return Some(Parsed {
                hex: hex.to_vec(),
                name,
            });
        }
        let shortest = if variable { 3 } else { self.hex_len + 2 };
        if rest.len() < shortest + usize::from(rest.first() == Some(&b'\\')) {
            return None;
        }
        if self.algo == Algo::Blake2b {
            let n = rest.iter().take_while(|c| c.is_ascii_hexdigit()).count();
            if n < 2 || !n.is_multiple_of(2) || n > 128 {
                return None;
            }
            self.hex_len = n;
            self.bits = 4 * n as u64;
        }
        let hex = rest.get(..self.hex_len)?;
        if !rest.get(self.hex_len).is_some_and(|&c| blank(c))
            || !hex.iter().all(u8::is_ascii_hexdigit)
        {
            return None;
        }
        let after = &rest[self.hex_len + 1..];
        let one_space = after.len() == 1 || !matches!(after.first(), Some(b' ' | b'*'));
        let name_text = if one_space {
            if self.layout == Some(Layout::TwoField) {
                return None;
            }
            self.layout = Some(Layout::OneSpace);
            after
        } else {
            self.layout = Some(Layout::TwoField);
            &after[1..]
        };
        Some(Parsed {
            hex: hex.to_vec(),
            name: name_of(name_text, escaped)?,
        })
    }
}
