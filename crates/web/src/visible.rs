//! Makes invisible differences visible: a diff that says two lines differ when they look
//! the same is worse than no diff. Trailing spaces, tabs, `\r`, control characters,
//! zero-width characters and a missing final newline become marked glyphs.
//!
//! Pure functions over strings, so the rules are unit-tested natively; the view only
//! maps [`Piece`]s to `<span>`s.

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// Part of what changed (the judge's `emph`).
    pub emph: bool,
    /// A stand-in glyph for something invisible, not the text itself.
    pub marker: bool,
}

/// What a missing final newline looks like.
pub const NO_NEWLINE: &str = "no newline at end";

/// Renders one line given as `(text, emph)` segments, ending in `\n` unless it is the
/// last line of output without one (then a [`NO_NEWLINE`] marker closes it).
pub fn line(segments: &[(&str, bool)]) -> Vec<Piece> {
    let mut chars: Vec<(char, bool)> = segments
        .iter()
        .flat_map(|(text, emph)| text.chars().map(move |c| (c, *emph)))
        .collect();
    let newline = chars.last().is_some_and(|(c, _)| *c == '\n');
    if newline {
        chars.pop();
    }
    // Spaces after the last visible character are what people miss most.
    let trailing_from = chars
        .iter()
        .rposition(|(c, _)| *c != ' ')
        .map_or(0, |i| i + 1);
    let mut out = Vec::new();
    for (i, (c, emph)) in chars.into_iter().enumerate() {
        let visible_space = c == ' ' && (i >= trailing_from || emph);
        match glyph(c) {
            Some(g) => push(&mut out, &g, emph, true),
            None if visible_space => push(&mut out, "·", emph, true),
            None if c == '\t' => {
                // The arrow marks the tab; the tab itself keeps the columns aligned.
                push(&mut out, "→", emph, true);
                push(&mut out, "\t", emph, false);
            }
            None => push(&mut out, c.encode_utf8(&mut [0; 4]), emph, false),
        }
    }
    if !newline {
        push(&mut out, NO_NEWLINE, false, true);
    }
    out
}

/// Renders whole text (say, a run's stdout) line by line. Empty text has no lines.
pub fn text(text: &str) -> Vec<Vec<Piece>> {
    text.split_inclusive('\n')
        .map(|l| line(&[(l, false)]))
        .collect()
}

/// The stand-in for a character that would otherwise not show. Escapes in ASCII rather
/// than Unicode control pictures, which many fonts lack; the marker style tells them apart
/// from the same characters printed literally.
fn glyph(c: char) -> Option<String> {
    let named = match c {
        '\t' => return None,
        '\0' => "\\0",
        '\r' => "\\r",
        '\n' => "\\n",
        '\x0b' => "\\v",
        '\x0c' => "\\f",
        '\x1b' => "\\e",
        '\x01'..='\x1f' | '\x7f' => return Some(format!("\\x{:02x}", c as u32)),
        '\u{a0}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {
            return Some(format!("<U+{:04X}>", c as u32));
        }
        _ => return None,
    };
    Some(named.to_string())
}

fn push(out: &mut Vec<Piece>, text: &str, emph: bool, marker: bool) {
    match out.last_mut() {
        Some(last) if last.emph == emph && last.marker == marker => last.text.push_str(text),
        _ => out.push(Piece {
            text: text.to_string(),
            emph,
            marker,
        }),
    }
}

/// One byte cell of a hex view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HexCell {
    /// Two lowercase hex digits.
    pub hex: String,
    /// The byte as a printable ASCII character, or `.`.
    pub ascii: char,
    /// Differs from the byte at the same offset on the other side (or has no counterpart).
    pub differs: bool,
}

/// Pairs up two rows of lowercase hex (as the judge's `HexRow` has them) byte by byte.
pub fn hex_row(expected: &str, actual: &str) -> (Vec<HexCell>, Vec<HexCell>) {
    let e = decode_hex(expected);
    let a = decode_hex(actual);
    let cells = |mine: &[u8], theirs: &[u8]| {
        mine.iter()
            .enumerate()
            .map(|(i, b)| HexCell {
                hex: format!("{b:02x}"),
                ascii: ascii(*b),
                differs: theirs.get(i) != Some(b),
            })
            .collect()
    };
    (cells(&e, &a), cells(&a, &e))
}

/// A plain hex dump, 16 bytes a row, of at most `max_rows` rows: `(offset, cells)`.
pub fn hex_dump(bytes: &[u8], max_rows: usize) -> Vec<(usize, Vec<HexCell>)> {
    bytes
        .chunks(16)
        .take(max_rows)
        .enumerate()
        .map(|(row, chunk)| {
            let cells = chunk
                .iter()
                .map(|b| HexCell {
                    hex: format!("{b:02x}"),
                    ascii: ascii(*b),
                    differs: false,
                })
                .collect();
            (row * 16, cells)
        })
        .collect()
}

fn ascii(b: u8) -> char {
    if b.is_ascii_graphic() || b == b' ' {
        b as char
    } else {
        '.'
    }
}

fn decode_hex(hex: &str) -> Vec<u8> {
    hex.as_bytes()
        .chunks(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders pieces compactly: markers in `[...]`, emphasis in `{...}`.
    fn show(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| {
                let t = if p.marker {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                };
                if p.emph { format!("{{{t}}}") } else { t }
            })
            .collect()
    }

    fn check(segments: &[(&str, bool)], expect: &str) {
        assert_eq!(show(&line(segments)), expect, "{segments:?}");
    }

    #[test]
    fn plain_line() {
        check(&[("hello world\n", false)], "hello world");
    }

    #[test]
    fn missing_final_newline() {
        check(&[("hello", false)], "hello[no newline at end]");
        check(&[("", false)], "[no newline at end]");
    }

    #[test]
    fn trailing_spaces() {
        check(&[("ab  \n", false)], "ab[··]");
        check(&[("   \n", false)], "[···]");
    }

    #[test]
    fn inner_spaces_stay_plain_unless_changed() {
        check(&[("a b\n", false)], "a b");
        check(&[("a", false), (" ", true), ("b\n", false)], "a{[·]}b");
    }

    #[test]
    fn tabs_and_carriage_returns() {
        check(&[("a\tb\r\n", false)], "a[→]\tb[\\r]");
    }

    #[test]
    fn control_and_zero_width() {
        check(
            &[("\0\x1b\x7f\x02\u{200b}\u{a0}x\n", false)],
            "[\\0\\e\\x7f\\x02<U+200B><U+00A0>]x",
        );
        check(&[("\u{feff}x\n", true)], "{[<U+FEFF>]}{x}");
    }

    #[test]
    fn emphasis_is_kept() {
        check(&[("ab", false), ("cd", true), ("\n", false)], "ab{cd}");
    }

    #[test]
    fn whole_text() {
        let lines: Vec<String> = text("a\nb \nc").iter().map(|l| show(l)).collect();
        assert_eq!(lines, ["a", "b[·]", "c[no newline at end]"]);
        assert!(text("").is_empty());
    }

    #[test]
    fn hex_rows_mark_differences() {
        let (e, a) = hex_row("616263", "6162");
        let marks = |cells: &[HexCell]| cells.iter().map(|c| c.differs).collect::<Vec<_>>();
        assert_eq!(marks(&e), [false, false, true]);
        assert_eq!(marks(&a), [false, false]);
        assert_eq!(e[2].ascii, 'c');
    }

    #[test]
    fn hex_dump_rows() {
        let bytes: Vec<u8> = (0..40).collect();
        let rows = hex_dump(&bytes, 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].0, 16);
        assert_eq!(rows[1].1[0].hex, "10");
        assert_eq!(rows[0].1[0].ascii, '.');
    }
}
