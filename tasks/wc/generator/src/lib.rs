//! Case generator of the wc task: a pure function of the seed, built on its own splitmix64.
//!
//! Every case draws its text from the character repertoire that `spec.md` documents, so a
//! candidate that follows the spec can pass every generated case.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

/// splitmix64: tiny, fast and good enough to vary test cases; never seeded from the clock.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; the modulo bias is irrelevant for test generation.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }

    /// True with the given percentage.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// Printable word characters the generator uses: `(first, last, display width)`. `spec.md`
/// lists the same ranges, and the tests check them against the reference's glibc table.
pub const WORD_RANGES: &[(u32, u32, u8)] = &[
    (0x21, 0x7E, 1),
    (0xA1, 0xFF, 1),
    (0x100, 0x24F, 1),
    (0x391, 0x3A1, 1),
    (0x3A3, 0x3C9, 1),
    (0x400, 0x482, 1),
    (0x2010, 0x2027, 1),
    (0x2030, 0x205E, 1),
    (0x3041, 0x3096, 2),
    (0x30A1, 0x30FA, 2),
    (0x4E00, 0x9FFF, 2),
    (0xAC00, 0xD7A3, 2),
    (0xE000, 0xF8FF, 1),
    (0xFF01, 0xFF60, 2),
    (0xFF61, 0xFF9F, 1),
    (0x1F600, 0x1F64F, 2),
    (0x20000, 0x2A6DF, 2),
];

/// Printable characters of width 0 that continue words: combining marks and format characters.
pub const ZERO_WIDTH_RANGES: &[(u32, u32)] = &[
    (0x300, 0x36F),
    (0x483, 0x489),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2061, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
];

/// Non-ASCII characters that separate words: `(first, last, display width)`.
pub const SEPARATOR_RANGES: &[(u32, u32, u8)] = &[
    (0xA0, 0xA0, 1),
    (0x2000, 0x200A, 1),
    (0x202F, 0x202F, 1),
    (0x205F, 0x205F, 1),
    (0x2060, 0x2060, 0),
    (0x3000, 0x3000, 2),
];

/// Valid non-ASCII characters that are not printable: they count as characters only.
pub const NON_PRINTABLE_RANGES: &[(u32, u32)] = &[
    (0x80, 0x9F),
    (0x378, 0x379),
    (0x2028, 0x2029),
    (0x2065, 0x2065),
    (0xFFFE, 0xFFFF),
];

/// One generated case, with the fields of a `[[case]]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Text as a JSON string when it is UTF-8, otherwise `{"base64": ...}`.
pub fn data_json(data: &[u8]) -> Value {
    match std::str::from_utf8(data) {
        Ok(text) => Value::String(text.to_owned()),
        Err(_) => json!({ "base64": base64(data) }),
    }
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Case {
    pub fn to_json(&self) -> Value {
        let files: Map<String, Value> = self
            .files
            .iter()
            .map(|(name, data)| (name.clone(), data_json(data)))
            .collect();
        json!({
            "name": self.name,
            "args": self.args,
            "stdin": data_json(&self.stdin),
            "files": files,
            "env": {},
        })
    }
}

/// The JSON array the generator prints.
pub fn cases_json(seed: u64, count: usize) -> String {
    let cases: Vec<Value> = generate(seed, count).iter().map(Case::to_json).collect();
    Value::Array(cases).to_string()
}

/// How a text is made up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Lowercase words, spaces and newlines.
    Plain,
    /// ASCII words with every kind of ASCII white space.
    Blanks,
    /// Words from the whole repertoire, with Unicode separators.
    Unicode,
    /// Unicode plus control characters, invalid bytes and code points beyond U+10FFFF.
    Messy,
    /// Short lines of tabs, carriage returns, form feeds and wide characters, for `-L`.
    Columns,
    /// Arbitrary bytes.
    Binary,
}

const STYLES: &[Style] = &[
    Style::Plain,
    Style::Plain,
    Style::Blanks,
    Style::Blanks,
    Style::Unicode,
    Style::Unicode,
    Style::Messy,
    Style::Columns,
    Style::Binary,
];

fn push_char(out: &mut Vec<u8>, c: u32) {
    let ch = char::from_u32(c).expect("repertoire holds no surrogates");
    let mut buf = [0u8; 4];
    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
}

fn pick_in(rng: &mut Rng, first: u32, last: u32) -> u32 {
    first + rng.below(u64::from(last - first) + 1) as u32
}

/// Bytes that glibc does not decode: stray continuation bytes, bad leads, overlong forms,
/// surrogates and sequences cut short by a following ASCII letter.
fn push_invalid(rng: &mut Rng, out: &mut Vec<u8>) {
    let cont = |rng: &mut Rng| 0x80 + rng.below(0x40) as u8;
    match rng.below(8) {
        0 => out.push(cont(rng)),
        1 => {
            out.push(0xC0 + rng.below(2) as u8);
            out.push(cont(rng));
        }
        2 => out.push(0xFE + rng.below(2) as u8),
        3 => {
            out.push(0xE0);
            out.push(0x80 + rng.below(0x20) as u8);
            out.push(cont(rng));
        }
        4 => {
            out.push(0xED);
            out.push(0xA0 + rng.below(0x20) as u8);
            out.push(cont(rng));
        }
        5 => {
            out.push(0xF0);
            out.push(0x80 + rng.below(0x10) as u8);
            out.push(cont(rng));
            out.push(cont(rng));
        }
        6 => {
            out.push(0xE1 + rng.below(0x0B) as u8);
            out.push(cont(rng));
            out.push(b'a' + rng.below(26) as u8);
        }
        _ => {
            out.push(0xF1 + rng.below(3) as u8);
            out.push(b'A' + rng.below(26) as u8);
        }
    }
}

/// Well-formed but beyond Unicode: 4-byte forms above U+10FFFF and the old 5- and 6-byte forms.
fn push_beyond_unicode(rng: &mut Rng, out: &mut Vec<u8>) {
    let cont = |rng: &mut Rng| 0x80 + rng.below(0x40) as u8;
    match rng.below(3) {
        0 => {
            let lead = 0xF4 + rng.below(4) as u8;
            out.push(lead);
            out.push(if lead == 0xF4 {
                0x90 + rng.below(0x30) as u8
            } else {
                cont(rng)
            });
            out.push(cont(rng));
            out.push(cont(rng));
        }
        1 => {
            let lead = 0xF8 + rng.below(4) as u8;
            out.push(lead);
            out.push(if lead == 0xF8 {
                0x88 + rng.below(0x38) as u8
            } else {
                cont(rng)
            });
            for _ in 0..3 {
                out.push(cont(rng));
            }
        }
        _ => {
            let lead = 0xFC + rng.below(2) as u8;
            out.push(lead);
            out.push(if lead == 0xFC {
                0x84 + rng.below(0x3C) as u8
            } else {
                cont(rng)
            });
            for _ in 0..4 {
                out.push(cont(rng));
            }
        }
    }
}

/// A random byte that can never start a character outside the documented repertoire: ASCII,
/// stray continuation bytes, the invalid leads C0, C1, FE, FF, and the leads F5 to FD whose
/// sequences are errors or lie above U+10FFFF.
fn raw_byte(rng: &mut Rng) -> u8 {
    let n = rng.below(0xC2 + 11) as u8;
    if n < 0xC2 { n } else { 0xF5 + (n - 0xC2) }
}

/// One character that belongs inside a word in the given style.
fn push_word_char(rng: &mut Rng, style: Style, out: &mut Vec<u8>) {
    match style {
        Style::Plain | Style::Blanks => {
            if rng.chance(85) {
                out.push(b'a' + rng.below(26) as u8);
            } else {
                out.push(0x21 + rng.below(0x5E) as u8);
            }
        }
        Style::Unicode | Style::Messy | Style::Columns => {
            let roll = rng.below(100);
            if roll < 40 {
                out.push(b'a' + rng.below(26) as u8);
            } else if roll < 85 {
                let &(first, last, _) = rng.pick(WORD_RANGES);
                push_char(out, pick_in(rng, first, last));
            } else if roll < 93 {
                let &(first, last) = rng.pick(ZERO_WIDTH_RANGES);
                push_char(out, pick_in(rng, first, last));
            } else if style != Style::Messy {
                let &(first, last, _) = rng.pick(WORD_RANGES);
                push_char(out, pick_in(rng, first, last));
            } else {
                match rng.below(5) {
                    0 => push_invalid(rng, out),
                    1 => push_beyond_unicode(rng, out),
                    2 => {
                        let &(first, last) = rng.pick(NON_PRINTABLE_RANGES);
                        push_char(out, pick_in(rng, first, last));
                    }
                    3 => out.push(*rng.pick(&[0u8, 1, 7, 8, 0x0E, 0x1B, 0x1F, 0x7F])),
                    _ => push_invalid(rng, out),
                }
            }
        }
        Style::Binary => out.push(raw_byte(rng)),
    }
}

/// A run of separators for the given style.
fn push_separator(rng: &mut Rng, style: Style, out: &mut Vec<u8>) {
    let n = if rng.chance(75) { 1 } else { rng.range(2, 4) };
    for _ in 0..n {
        match style {
            Style::Plain => out.push(if rng.chance(80) { b' ' } else { b'\n' }),
            Style::Blanks => out.push(*rng.pick(b" \t\n\r\x0B\x0C \n")),
            Style::Columns => out.push(*rng.pick(b" \t\t\t \r\x0C\n")),
            Style::Unicode | Style::Messy => {
                if rng.chance(55) {
                    out.push(*rng.pick(b" \t\n\r\x0B\x0C \n"));
                } else {
                    let &(first, last, _) = rng.pick(SEPARATOR_RANGES);
                    push_char(out, pick_in(rng, first, last));
                }
            }
            Style::Binary => out.push(raw_byte(rng)),
        }
    }
}

/// A text of roughly `target` bytes in `style`; with `exact`, cut or padded to exactly that
/// length (which may split a multibyte character, as real files sometimes do).
fn text(rng: &mut Rng, style: Style, target: usize, exact: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(target + 8);
    if style == Style::Binary {
        while out.len() < target {
            // Bias towards interesting bytes: newlines, blanks and ASCII letters.
            let b = match rng.below(10) {
                0 => b'\n',
                1 => *rng.pick(b" \t\r\x0B\x0C"),
                2..=4 => b'a' + rng.below(26) as u8,
                _ => raw_byte(rng),
            };
            out.push(b);
        }
    } else {
        while out.len() < target {
            let word_len = if style == Style::Columns {
                rng.range(1, 12)
            } else {
                rng.range(1, 8)
            };
            for _ in 0..word_len {
                push_word_char(rng, style, &mut out);
            }
            push_separator(rng, style, &mut out);
        }
    }
    if exact {
        out.truncate(target);
        while out.len() < target {
            out.push(b'x');
        }
        if target > 0 && rng.chance(60) {
            let last = out.len() - 1;
            out[last] = b'\n';
        }
    } else {
        // Real files mostly end with a newline, but the missing one matters to line counts.
        match rng.below(10) {
            0..=4 => {
                while out.last().is_some_and(|b| b.is_ascii_whitespace()) {
                    out.pop();
                }
                out.push(b'\n');
            }
            5..=7 => {
                while out.last().is_some_and(|b| b.is_ascii_whitespace()) {
                    out.pop();
                }
            }
            _ => {}
        }
    }
    out
}

/// A text of random style and modest size; occasionally empty.
fn any_text(rng: &mut Rng) -> Vec<u8> {
    if rng.chance(6) {
        return Vec::new();
    }
    let style = *rng.pick(STYLES);
    let size = match rng.below(10) {
        0..=4 => rng.range(1, 40),
        5..=8 => rng.range(40, 400),
        _ => rng.range(400, 3000),
    };
    text(rng, style, size, false)
}

const LONG_NAMES: [(char, &str); 5] = [
    ('l', "lines"),
    ('w', "words"),
    ('m', "chars"),
    ('c', "bytes"),
    ('L', "max-line-length"),
];

/// Count-selecting options in assorted spellings; empty means wc's default `-lwc`.
fn count_options(rng: &mut Rng, at_least_one: bool) -> Vec<String> {
    let mut letters: Vec<char> = LONG_NAMES
        .iter()
        .filter(|_| rng.chance(35))
        .map(|&(c, _)| c)
        .collect();
    if letters.is_empty() && at_least_one {
        letters.push(rng.pick(&LONG_NAMES).0);
    }
    if !letters.is_empty() && rng.chance(10) {
        let again = *rng.pick(&letters);
        letters.push(again);
    }
    rng.shuffle(&mut letters);
    let mut args = Vec::new();
    let mut cluster = String::new();
    for c in letters {
        match rng.below(10) {
            0..=3 => args.push(format!("-{c}")),
            4..=6 => cluster.push(c),
            7 | 8 => {
                let long = LONG_NAMES
                    .iter()
                    .find(|(l, _)| *l == c)
                    .map(|(_, n)| *n)
                    .unwrap_or("lines");
                args.push(format!("--{long}"));
            }
            _ => {
                let long = LONG_NAMES
                    .iter()
                    .find(|(l, _)| *l == c)
                    .map(|(_, n)| *n)
                    .unwrap_or("lines");
                let len = rng.range(1, long.len());
                args.push(format!("--{}", &long[..len]));
            }
        }
    }
    if !cluster.is_empty() {
        args.push(format!("-{cluster}"));
    }
    rng.shuffle(&mut args);
    args
}

/// How many counts the options select (1 for a single count matters to widths).
fn selected_counts(options: &[String]) -> usize {
    let mut seen = [false; 5];
    for opt in options {
        if let Some(long) = opt.strip_prefix("--") {
            for (i, (_, full)) in LONG_NAMES.iter().enumerate() {
                if !long.is_empty() && full.starts_with(long) {
                    seen[i] = true;
                }
            }
        } else if let Some(shorts) = opt.strip_prefix('-') {
            for c in shorts.chars() {
                if let Some(i) = LONG_NAMES.iter().position(|(l, _)| *l == c) {
                    seen[i] = true;
                }
            }
        }
    }
    seen.iter().filter(|&&s| s).count()
}

const FILE_NAMES: &[&str] = &[
    "a.txt",
    "b.txt",
    "notes",
    "data.bin",
    "log-1",
    "x_2.md",
    "README",
    "sub/c.txt",
    "sub/deep/d.txt",
    "poem.txt",
];
const MISSING_NAMES: &[&str] = &["missing.txt", "nofile", "sub/none", "ghost.log"];

/// Adds `count` files with fresh names to the case and returns their names.
fn add_files(rng: &mut Rng, case: &mut Case, count: usize) -> Vec<String> {
    let mut names = Vec::new();
    for _ in 0..count {
        let free: Vec<&str> = FILE_NAMES
            .iter()
            .copied()
            .filter(|n| !case.files.contains_key(*n))
            .collect();
        if free.is_empty() {
            break;
        }
        let name = (*rng.pick(&free)).to_owned();
        let body = any_text(rng);
        case.files.insert(name.clone(), body);
        names.push(name);
    }
    names
}

/// A directory that exists in the case's tree (directories exist through the files they hold).
fn add_directory(rng: &mut Rng, case: &mut Case) -> String {
    if rng.chance(50) && case.files.keys().any(|k| k.starts_with("sub/")) {
        return "sub".to_owned();
    }
    case.files.insert("dir/keep".to_owned(), b"kept\n".to_vec());
    "dir".to_owned()
}

/// One operand for a multi-input case: mostly files, sometimes stdin, a missing file, a
/// directory or an empty name.
fn operand(rng: &mut Rng, case: &mut Case, existing: &[String]) -> String {
    match rng.below(100) {
        0..=64 if !existing.is_empty() => rng.pick(existing).clone(),
        0..=64 => add_files(rng, case, 1)
            .pop()
            .unwrap_or_else(|| "-".to_owned()),
        65..=76 => {
            if case.stdin.is_empty() {
                case.stdin = any_text(rng);
            }
            "-".to_owned()
        }
        77..=87 => (*rng.pick(MISSING_NAMES)).to_owned(),
        88..=96 => add_directory(rng, case),
        _ => String::new(),
    }
}

/// Puts the options before, between or after the operands (GNU permutes argv).
fn mix(rng: &mut Rng, options: Vec<String>, operands: Vec<String>) -> Vec<String> {
    if rng.chance(70) || operands.is_empty() {
        return options.into_iter().chain(operands).collect();
    }
    let mut args = operands;
    for opt in options {
        // Operands that look like options would change meaning after `--`; none are used here.
        let at = rng.range(0, args.len());
        args.insert(at, opt);
    }
    args
}

fn stdin_case(rng: &mut Rng, case: &mut Case) {
    case.stdin = any_text(rng);
    let options = count_options(rng, false);
    case.args = if rng.chance(25) {
        mix(rng, options, vec!["-".to_owned()])
    } else {
        options
    };
}

fn one_file_case(rng: &mut Rng, case: &mut Case) {
    let n = rng.range(1, 2);
    let names = add_files(rng, case, n);
    let at_least_one = rng.chance(30);
    let options = count_options(rng, at_least_one);
    case.args = mix(rng, options, vec![names[0].clone()]);
}

fn multi_file_case(rng: &mut Rng, case: &mut Case) {
    let n = rng.range(1, 4);
    let existing = add_files(rng, case, n);
    let n = rng.range(2, 5);
    let operands: Vec<String> = (0..n).map(|_| operand(rng, case, &existing)).collect();
    let options = count_options(rng, false);
    case.args = mix(rng, options, operands);
}

/// Regular files whose sizes add up to just below or at a power of ten, where the column
/// width changes.
fn width_case(rng: &mut Rng, case: &mut Case) {
    let power = rng.range(1, 4) as u32;
    let total = 10usize.pow(power) - usize::from(rng.chance(50));
    let n = rng.range(1, 3);
    let mut sizes = vec![0usize; n];
    let mut left = total;
    for (i, size) in sizes.iter_mut().enumerate() {
        *size = if i + 1 == n { left } else { rng.range(0, left) };
        left -= *size;
    }
    let mut operands = Vec::new();
    for size in sizes {
        let free: Vec<&str> = FILE_NAMES
            .iter()
            .copied()
            .filter(|f| !case.files.contains_key(*f))
            .collect();
        let name = (*rng.pick(&free)).to_owned();
        let style = *rng.pick(STYLES);
        let body = text(rng, style, size, true);
        case.files.insert(name.clone(), body);
        operands.push(name);
    }
    if rng.chance(20) {
        operands.push((*rng.pick(MISSING_NAMES)).to_owned());
    }
    rng.shuffle(&mut operands);
    let mut options = count_options(rng, false);
    // A single input with a single count is printed unpadded; keep most of these cases wider.
    if operands.len() == 1 && selected_counts(&options) == 1 && rng.chance(70) {
        options.push("-c".to_owned());
        options.push("-l".to_owned());
    }
    case.args = mix(rng, options, operands);
}

/// The spellings of `--files0-from` with its argument.
fn files0_args(rng: &mut Rng, list: &str) -> Vec<String> {
    match rng.below(4) {
        0 => vec![format!("--files0-from={list}")],
        1 => vec!["--files0-from".to_owned(), list.to_owned()],
        2 => vec![format!("--files0={list}")],
        _ => vec![format!("--f={list}")],
    }
}

fn files0_case(rng: &mut Rng, case: &mut Case) {
    let n = rng.range(1, 3);
    let existing = add_files(rng, case, n);
    let from_stdin = rng.chance(35);
    let mut names: Vec<String> = Vec::new();
    for _ in 0..rng.range(0, 4) {
        let name = match rng.below(100) {
            0..=69 => rng.pick(&existing).clone(),
            70..=77 => (*rng.pick(MISSING_NAMES)).to_owned(),
            78..=85 => add_directory(rng, case),
            86..=92 => String::new(),
            _ => "-".to_owned(),
        };
        names.push(name);
    }
    let mut list = names.join("\0").into_bytes();
    if !names.is_empty() && rng.chance(75) {
        list.push(0);
    }
    let list_name = if from_stdin {
        case.stdin = list;
        "-".to_owned()
    } else {
        let name = (*rng.pick(&["names.lst", "list0", "files.nul"])).to_owned();
        case.files.insert(name.clone(), list);
        if names.iter().any(|n| n == "-") {
            case.stdin = any_text(rng);
        }
        name
    };
    let mut options = count_options(rng, false);
    let variant = rng.below(100);
    let list_arg = if variant < 8 {
        (*rng.pick(MISSING_NAMES)).to_owned()
    } else if variant < 14 {
        add_directory(rng, case)
    } else {
        list_name
    };
    options.extend(files0_args(rng, &list_arg));
    let operands = if variant >= 94 {
        vec![existing[0].clone()]
    } else {
        Vec::new()
    };
    case.args = mix(rng, options, operands);
}

/// A bad option somewhere among otherwise good arguments; GNU stops at the first one.
fn bad_option_case(rng: &mut Rng, case: &mut Case) {
    let n = rng.range(0, 2);
    let existing = add_files(rng, case, n);
    let mut args = count_options(rng, false);
    args.extend(existing.iter().cloned());
    if existing.is_empty() {
        case.stdin = any_text(rng);
    }
    let bad = |rng: &mut Rng| -> String {
        match rng.below(6) {
            0 => format!(
                "-{}",
                rng.pick(&['x', 'a', 'h', 'v', 'n', 'q', 'W', 'C', '0', '1', 'e'])
            ),
            1 => format!(
                "-{}{}",
                rng.pick(&["l", "w", "lw", "cm", "L"]),
                rng.pick(&['x', 'z', 'k', '-', '5'])
            ),
            2 => format!(
                "--{}",
                rng.pick(&["foo", "count", "total", "quiet", "null", "zero-terminated"])
            ),
            3 => format!(
                "--{}",
                rng.pick(&["total=always", "total=only", "total=never", "color=auto"])
            ),
            4 => format!(
                "--{}={}",
                rng.pick(&[
                    "lines",
                    "words",
                    "chars",
                    "bytes",
                    "max-line-length",
                    "li",
                    "w",
                    "m"
                ]),
                rng.pick(&["", "1", "yes"])
            ),
            _ => "--files0-from".to_owned(),
        }
    };
    let first = bad(rng);
    if first == "--files0-from" {
        // A missing argument can only happen at the very end.
        args.push(first);
    } else {
        let at = rng.range(0, args.len());
        args.insert(at, first);
        if rng.chance(20) {
            args.push(bad(rng));
        }
    }
    case.args = args;
}

/// Operands that look like options, after `--`, and files whose names start with a dash.
fn dash_case(rng: &mut Rng, case: &mut Case) {
    let existing = add_files(rng, case, 1);
    let dashed = (*rng.pick(&["-l", "-w", "--lines", "-"])).to_owned();
    if dashed != "-" && rng.chance(60) {
        case.files.insert(dashed.clone(), any_text(rng));
    }
    if dashed == "-" || rng.chance(30) {
        case.stdin = any_text(rng);
    }
    let mut args = count_options(rng, false);
    args.extend(existing);
    args.push("--".to_owned());
    args.push(dashed);
    if rng.chance(30) {
        args.push("-c".to_owned());
    }
    case.args = args;
}

/// Inputs larger than wc's 16 KiB read size, so characters straddle read boundaries.
fn big_case(rng: &mut Rng, case: &mut Case) {
    let style = *rng.pick(&[Style::Unicode, Style::Messy, Style::Blanks, Style::Columns]);
    let size = rng.range(16 * 1024, 28 * 1024);
    let body = text(rng, style, size, false);
    let options = count_options(rng, false);
    if rng.chance(50) {
        case.stdin = body;
        case.args = options;
    } else {
        case.files.insert("big.txt".to_owned(), body);
        case.args = mix(rng, options, vec!["big.txt".to_owned()]);
    }
}

/// Generates `count` cases from `seed`; equal inputs always give equal cases.
pub fn generate(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let mut case = Case::default();
            let kind = match rng.below(100) {
                0..=14 => {
                    stdin_case(&mut rng, &mut case);
                    "stdin"
                }
                15..=29 => {
                    one_file_case(&mut rng, &mut case);
                    "file"
                }
                30..=49 => {
                    multi_file_case(&mut rng, &mut case);
                    "files"
                }
                50..=61 => {
                    width_case(&mut rng, &mut case);
                    "widths"
                }
                62..=76 => {
                    files0_case(&mut rng, &mut case);
                    "files0"
                }
                77..=86 => {
                    bad_option_case(&mut rng, &mut case);
                    "bad-option"
                }
                87..=94 => {
                    dash_case(&mut rng, &mut case);
                    "dashes"
                }
                _ => {
                    big_case(&mut rng, &mut case);
                    "big"
                }
            };
            case.name = format!("gen-{i:03}-{kind}");
            case
        })
        .collect()
}

#[cfg(test)]
mod tests;
