//! Case generator of the base64 task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`, so any batch at least as long as the
//! category list exercises every documented behaviour, including each mistake the example
//! submissions make; the seed only varies the data and the spelling of the options.

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// One generated case, with raw bytes for stdin and file contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Case {
    /// The case in the generator protocol's JSON shape.
    pub fn to_json(&self) -> Value {
        let files: serde_json::Map<String, Value> = self
            .files
            .iter()
            .map(|(path, bytes)| (path.clone(), content_json(bytes)))
            .collect();
        json!({
            "name": self.name,
            "args": self.args,
            "stdin": content_json(&self.stdin),
            "files": files,
            "env": {},
        })
    }
}

/// Text when the bytes are UTF-8, otherwise `{"base64": ...}`.
pub fn content_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => Value::String(text.to_string()),
        Err(_) => json!({ "base64": encode(bytes) }),
    }
}

/// The bytes of a task-file content value: a string, or `{"base64": ...}`.
pub fn content_bytes(value: &Value) -> Option<Vec<u8>> {
    match value {
        Value::String(text) => Some(text.as_bytes().to_vec()),
        Value::Object(map) => decode(map.get("base64")?.as_str()?),
        _ => None,
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard padded base64 without line breaks.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for k in 0..4 {
            if k <= group.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Strict decoding of standard padded base64 (used for task-file contents only).
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (index, quad) in bytes.chunks(4).enumerate() {
        let last = index + 1 == bytes.len() / 4;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            let v = ALPHABET.iter().position(|&a| a == c)?;
            n = n << 6 | v as u32;
        }
        n <<= 6 * pad as u32;
        out.extend_from_slice(&n.to_be_bytes()[1..4 - pad]);
    }
    Some(out)
}

/// splitmix64: small, fast, and fully determined by the seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }
}

/// What a category builds: argv\[1..\], stdin and the file tree.
#[derive(Debug, Default)]
struct Parts {
    args: Vec<String>,
    stdin: Vec<u8>,
    files: BTreeMap<String, Vec<u8>>,
}

type Builder = fn(&mut Rng) -> Parts;

/// Every category, in the order cases cycle through them.
const CATEGORIES: &[(&str, Builder)] = &[
    ("encode-default-wrap", encode_default_wrap),
    ("decode-valid", decode_valid),
    ("invalid-option", invalid_option),
    ("encode-custom-wrap", encode_custom_wrap),
    ("decode-garbage-ignored", decode_garbage_ignored),
    ("missing-file", missing_file),
    ("encode-no-wrap", encode_no_wrap),
    ("decode-missing-padding", decode_missing_padding),
    ("invalid-wrap-size", invalid_wrap_size),
    ("encode-file", encode_file),
    ("decode-padding-inside", decode_padding_inside),
    ("directory", directory),
    ("encode-small", encode_small),
    ("decode-malformed", decode_malformed),
    ("extra-operand", extra_operand),
    ("decode-file", decode_file),
    ("decode-ignore-garbage-mixed", decode_ignore_garbage_mixed),
    ("missing-argument", missing_argument),
    ("encode-text", encode_text),
    ("decode-large", decode_large),
    ("long-option-argument", long_option_argument),
    (
        "decode-malformed-ignore-garbage",
        decode_malformed_ignore_garbage,
    ),
    ("encode-large", encode_large),
    ("options-mixed", options_mixed),
];

/// `count` cases for `seed`.
pub fn generate(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|k| {
            let (category, build) = CATEGORIES[k % CATEGORIES.len()];
            // Each case gets its own stream, so a category's draws never shift the others.
            let mut case_rng = Rng::new(rng.next_u64());
            let parts = build(&mut case_rng);
            Case {
                name: format!("{category} {k}"),
                args: parts.args,
                stdin: parts.stdin,
                files: parts.files,
            }
        })
        .collect()
}

/// The whole generator output for `seed` and `count`.
pub fn generate_json(seed: u64, count: usize) -> Value {
    Value::Array(generate(seed, count).iter().map(Case::to_json).collect())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// One of the ways to spell "wrap at `cols`".
fn wrap_option(rng: &mut Rng, cols: &str) -> Vec<String> {
    match rng.range(0, 6) {
        0 => strings(&["-w", cols]),
        1 => vec![format!("-w{cols}")],
        2 => vec![format!("--wrap={cols}")],
        3 => strings(&["--wrap", cols]),
        4 => vec![format!("--w={cols}")],
        5 => strings(&["--wra", cols]),
        _ => vec![format!("--wr={cols}")],
    }
}

/// One of the ways to ask for decoding, with or without `--ignore-garbage`.
fn decode_option(rng: &mut Rng, ignore_garbage: bool) -> Vec<String> {
    if ignore_garbage {
        strings(rng.pick::<&[&str]>(&[
            &["-di"][..],
            &["-id"],
            &["-d", "-i"],
            &["--decode", "--ignore-garbage"],
            &["--ignore-garbage", "-d"],
            &["--i", "--d"],
            &["-i", "--dec"],
            &["--ignore", "--decode"],
        ]))
    } else {
        strings(rng.pick::<&[&str]>(&[&["-d"][..], &["--decode"], &["--d"], &["--deco"], &["-dd"]]))
    }
}

/// Sizes that are mostly small, sometimes a few KiB.
fn data_len(rng: &mut Rng) -> usize {
    match rng.range(0, 9) {
        0..=5 => rng.range(0, 120),
        6..=8 => rng.range(120, 1500),
        _ => rng.range(1500, 6000),
    }
}

/// Random bytes, or printable text with newlines.
fn data(rng: &mut Rng, len: usize) -> Vec<u8> {
    if rng.chance(50) {
        rng.bytes(len)
    } else {
        text(rng, len)
    }
}

fn text(rng: &mut Rng, len: usize) -> Vec<u8> {
    const WORDS: &[&str] = &[
        "base64", "encode", "the", "quick", "brown", "fox", "data", "wrap", "line", "Zm9v", "=",
        "padding", "42", "\t", "hello,", "world.", "RFC", "4648",
    ];
    let mut out = Vec::new();
    while out.len() < len {
        out.extend_from_slice(rng.pick(WORDS).as_bytes());
        out.push(if rng.chance(15) { b'\n' } else { b' ' });
    }
    out.truncate(len);
    out
}

/// GNU-style encoding of `data` with lines of `wrap` columns (0: one line, no newline).
fn encode_wrapped(data: &[u8], wrap: usize) -> Vec<u8> {
    let flat = encode(data).into_bytes();
    if wrap == 0 {
        return flat;
    }
    let mut out = Vec::new();
    for line in flat.chunks(wrap) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

/// Encoded text of random data as a decoder would usually see it.
fn encoded_input(rng: &mut Rng, len: usize) -> Vec<u8> {
    let wrap = *rng.pick(&[76, 76, 64, 0, 4, 1, 17, 72]);
    let payload = data(rng, len);
    encode_wrapped(&payload, wrap)
}

/// Puts `options` around `operand` the way a user might: before it, after it (GNU
/// permutes), or before a `--`.
fn place(rng: &mut Rng, options: Vec<String>, operand: Option<String>) -> Vec<String> {
    let Some(operand) = operand else {
        return options;
    };
    let mut args = options;
    match rng.range(0, 3) {
        0 => args.push(operand),
        1 => args.insert(0, operand),
        2 => {
            args.push("--".into());
            args.push(operand);
        }
        _ => {
            let at = rng.range(0, args.len());
            args.insert(at, operand);
        }
    }
    args
}

/// Feeds `input` through stdin, `-`, or a file operand.
fn with_input(rng: &mut Rng, options: Vec<String>, input: Vec<u8>) -> Parts {
    match rng.range(0, 5) {
        0 => {
            let name = rng
                .pick(&["in.txt", "data.b64", "sub/input", "x", "notes.txt"])
                .to_string();
            let mut files = BTreeMap::new();
            files.insert(name.clone(), input);
            Parts {
                args: place(rng, options, Some(name)),
                files,
                ..Parts::default()
            }
        }
        1 => Parts {
            args: place(rng, options, Some("-".into())),
            stdin: input,
            ..Parts::default()
        },
        _ => Parts {
            args: options,
            stdin: input,
            ..Parts::default()
        },
    }
}

fn encode_default_wrap(rng: &mut Rng) -> Parts {
    // At least 58 bytes, so the output is longer than one 76-column line.
    let len = rng.range(58, 2500);
    let input = data(rng, len);
    let options = if rng.chance(20) {
        strings(&["-i"])
    } else {
        Vec::new()
    };
    with_input(rng, options, input)
}

fn encode_custom_wrap(rng: &mut Rng) -> Parts {
    let cols = if rng.chance(70) {
        rng.range(1, 100)
    } else {
        rng.range(100, 400)
    };
    // Long enough for at least one full line and the start of another.
    let min = (cols + 2).div_ceil(4) * 3;
    let len = rng.range(min, min + 400);
    let spelled = match rng.range(0, 9) {
        0 => format!("0{cols}"),
        1 => format!("+{cols}"),
        2 => format!(" {cols}"),
        _ => cols.to_string(),
    };
    let mut options = wrap_option(rng, &spelled);
    if rng.chance(25) {
        // An earlier -w is overridden by the later one.
        let earlier_cols = rng.range(0, 50).to_string();
        let mut earlier = wrap_option(rng, &earlier_cols);
        earlier.append(&mut options);
        options = earlier;
    }
    let input = data(rng, len);
    with_input(rng, options, input)
}

fn encode_no_wrap(rng: &mut Rng) -> Parts {
    let zero = *rng.pick(&[
        "0",
        "0",
        "00",
        "-0",
        "+0",
        "9223372036854775808",
        "99999999999999999999999",
    ]);
    let options = wrap_option(rng, zero);
    let len = data_len(rng);
    let input = data(rng, len);
    with_input(rng, options, input)
}

fn encode_small(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 12);
    let input = data(rng, len);
    let mut options = Vec::new();
    if rng.chance(40) {
        let cols = rng.range(1, 9).to_string();
        options = wrap_option(rng, &cols);
    }
    with_input(rng, options, input)
}

fn encode_text(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 400);
    let input = text(rng, len);
    let options = if rng.chance(50) {
        Vec::new()
    } else {
        let cols = rng.range(1, 80).to_string();
        wrap_option(rng, &cols)
    };
    with_input(rng, options, input)
}

fn encode_file(rng: &mut Rng) -> Parts {
    let len = data_len(rng);
    let input = data(rng, len);
    // A name that looks like an option needs "--" to be read as a file.
    let (name, dashdash) = match rng.range(0, 3) {
        0 => ("-d".to_string(), true),
        1 => ("dir/file.bin".to_string(), false),
        _ => ("plain.bin".to_string(), rng.chance(30)),
    };
    let mut files = BTreeMap::new();
    files.insert(name.clone(), input);
    files.insert("other.txt".into(), b"not read\n".to_vec());
    let mut options = Vec::new();
    if rng.chance(50) {
        let cols = rng.range(0, 90).to_string();
        options = wrap_option(rng, &cols);
    }
    let args = if dashdash {
        options.push("--".into());
        options.push(name);
        options
    } else {
        place(rng, options, Some(name))
    };
    Parts {
        args,
        files,
        ..Parts::default()
    }
}

fn encode_large(rng: &mut Rng) -> Parts {
    // Crosses GNU's 30720-byte encoding block.
    let len = rng.range(30_000, 32_000);
    let input = rng.bytes(len);
    let options = if rng.chance(50) {
        Vec::new()
    } else {
        let cols = rng.range(0, 200).to_string();
        wrap_option(rng, &cols)
    };
    with_input(rng, options, input)
}

fn decode_valid(rng: &mut Rng) -> Parts {
    let len = data_len(rng);
    let input = encoded_input(rng, len);
    let ignore = rng.chance(30);
    let mut options = decode_option(rng, ignore);
    if rng.chance(20) {
        // -w means nothing when decoding, but must still be valid.
        options.extend(wrap_option(rng, "10"));
    }
    with_input(rng, options, input)
}

fn decode_file(rng: &mut Rng) -> Parts {
    let len = data_len(rng);
    let mut input = encoded_input(rng, len);
    if rng.chance(40) {
        mutate(rng, &mut input, false);
    }
    let options = {
        let ignore = rng.chance(30);
        decode_option(rng, ignore)
    };
    let name = rng
        .pick(&["encoded.b64", "sub/dir/in.txt", "x"])
        .to_string();
    let mut files = BTreeMap::new();
    files.insert(name.clone(), input);
    Parts {
        args: place(rng, options, Some(name)),
        files,
        ..Parts::default()
    }
}

/// Bytes that are neither in the alphabet nor '=' nor a newline.
fn garbage_byte(rng: &mut Rng) -> u8 {
    loop {
        let b = *rng.pick(&[
            b' ', b'\t', b'\r', b'!', b'-', b'_', b'.', b'*', b'#', b'\0', 0x80, 0xff, 0xc3, b'~',
            b'%', b':',
        ]);
        if rng.chance(90) {
            return b;
        }
        let any = rng.next_u64() as u8;
        if !any.is_ascii_alphanumeric() && !b"+/=\n".contains(&any) {
            return any;
        }
    }
}

/// Inserts `count` garbage bytes at random places.
fn sprinkle(rng: &mut Rng, input: &mut Vec<u8>, count: usize) {
    for _ in 0..count {
        let at = rng.range(0, input.len());
        let b = garbage_byte(rng);
        input.insert(at, b);
    }
}

fn decode_garbage_ignored(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 900);
    let mut input = encoded_input(rng, len);
    let count = rng.range(1, 1 + input.len() / 4);
    sprinkle(rng, &mut input, count);
    let options = decode_option(rng, true);
    with_input(rng, options, input)
}

/// Several padded encodings back to back: GNU accepts '=' padding in the middle when it
/// completes a quartet.
fn concatenated_pieces(rng: &mut Rng) -> Vec<u8> {
    let mut input = Vec::new();
    let pieces = rng.range(2, 4);
    for k in 0..pieces {
        // The first piece always ends in padding.
        let mut len = rng.range(1, 40);
        if k == 0 && len.is_multiple_of(3) {
            len += 1;
        }
        let payload = data(rng, len);
        input.extend(encode_wrapped(&payload, *rng.pick(&[0, 76, 8])));
    }
    input
}

fn decode_padding_inside(rng: &mut Rng) -> Parts {
    let input = concatenated_pieces(rng);
    let options = decode_option(rng, false);
    with_input(rng, options, input)
}

fn decode_ignore_garbage_mixed(rng: &mut Rng) -> Parts {
    let mut input = concatenated_pieces(rng);
    let count = rng.range(1, 10);
    sprinkle(rng, &mut input, count);
    let options = decode_option(rng, true);
    with_input(rng, options, input)
}

fn decode_missing_padding(rng: &mut Rng) -> Parts {
    let mut len = rng.range(1, 300);
    if len.is_multiple_of(3) {
        len += 1;
    }
    let payload = data(rng, len);
    let wrap = *rng.pick(&[0, 76, 60]);
    let mut input = encode_wrapped(&payload, wrap);
    let newline = input.last() == Some(&b'\n');
    input.retain(|&b| b != b'=');
    if newline && input.last() != Some(&b'\n') {
        input.push(b'\n');
    }
    let ignore = rng.chance(30);
    let options = decode_option(rng, ignore);
    with_input(rng, options, input)
}

/// Damages encoded text in one of the ways real input goes wrong.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, ignore_garbage: bool) {
    let at = rng.range(0, input.len());
    match rng.range(0, 9) {
        0 => {
            let b = garbage_byte(rng);
            input.insert(at, b);
        }
        1 => input.insert(at, b'='),
        2 => {
            let cut = rng.range(1, 3).min(input.len());
            input.truncate(input.len() - cut);
        }
        3 => {
            input.extend_from_slice(rng.pick::<&[u8]>(&[&b"="[..], b"==", b"A", b"AB=", b"\n=\n"]))
        }
        4 => {
            // Windows line endings.
            let mut crlf = Vec::with_capacity(input.len() + 64);
            for &b in input.iter() {
                if b == b'\n' {
                    crlf.push(b'\r');
                }
                crlf.push(b);
            }
            *input = crlf;
        }
        5 => input.extend_from_slice(rng.pick::<&[u8]>(&[&b" "[..], b"\n\n", b"!", b"\0"])),
        6 => {
            // A character of the URL-safe alphabet instead of the standard one.
            let c = *rng.pick(b"-_");
            input.insert(at, c);
        }
        7 => {
            if ignore_garbage {
                input.insert(at, b'=');
                input.insert(at, b'=');
            } else {
                input.insert(at, b' ');
            }
        }
        _ => {
            let b = *rng.pick(ALPHABET);
            input.insert(at, b);
        }
    }
}

fn decode_malformed(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 600);
    let mut input = encoded_input(rng, len);
    mutate(rng, &mut input, false);
    let options = decode_option(rng, false);
    with_input(rng, options, input)
}

fn decode_malformed_ignore_garbage(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 600);
    let mut input = encoded_input(rng, len);
    mutate(rng, &mut input, true);
    let count = rng.range(0, 8);
    sprinkle(rng, &mut input, count);
    let options = decode_option(rng, true);
    with_input(rng, options, input)
}

fn decode_large(rng: &mut Rng) -> Parts {
    // 3 to 12 KiB of encoded text spans several of GNU's 4096-byte decoding blocks.
    let len = rng.range(2300, 9000);
    let mut input = encoded_input(rng, len);
    let ignore = rng.chance(40);
    if ignore {
        let count = rng.range(1, 600);
        sprinkle(rng, &mut input, count);
    }
    if rng.chance(75) {
        mutate(rng, &mut input, ignore);
    }
    let options = decode_option(rng, ignore);
    with_input(rng, options, input)
}

/// File names for cases where the file is missing: they exercise the shell-style quoting
/// of names in messages.
const MISSING_NAMES: &[&str] = &[
    "missing.txt",
    "nope",
    "sub/missing",
    "no such file",
    "a:b",
    "it's",
    "#hash",
    "x#y",
    "~home",
    "a~b",
    "[x]",
    "$HOME",
    "semi;colon",
    "'quoted'",
    "say \"hi\"",
    "back\\slash",
    "{",
    "{}",
    "100%",
    "a=b",
    "x@y.z",
    "it's a:b",
];

fn missing_file(rng: &mut Rng) -> Parts {
    let name = rng.pick(MISSING_NAMES).to_string();
    let mut options = Vec::new();
    if rng.chance(50) {
        options = {
            let ignore = rng.chance(30);
            decode_option(rng, ignore)
        };
    }
    if rng.chance(30) {
        let cols = rng.range(0, 80).to_string();
        options.extend(wrap_option(rng, &cols));
    }
    let mut files = BTreeMap::new();
    files.insert("present.txt".into(), b"here\n".to_vec());
    Parts {
        args: place(rng, options, Some(name)),
        stdin: b"stdin is not read\n".to_vec(),
        files,
    }
}

fn directory(rng: &mut Rng) -> Parts {
    let mut files = BTreeMap::new();
    files.insert("sub/inner.txt".into(), b"aGVsbG8K\n".to_vec());
    files.insert("sub/deeper/x".into(), b"x".to_vec());
    let name = rng.pick(&["sub", "sub/deeper"]).to_string();
    let mut options = Vec::new();
    match rng.range(0, 2) {
        0 => {}
        1 => options = decode_option(rng, false),
        _ => options = decode_option(rng, true),
    }
    Parts {
        args: place(rng, options, Some(name)),
        files,
        ..Parts::default()
    }
}

fn extra_operand(rng: &mut Rng) -> Parts {
    const NAMES: &[&str] = &[
        "a",
        "b",
        "-",
        "in.txt",
        "missing",
        "it's",
        "two words",
        "tab\there",
        "x\\y",
        "caf\u{e9}",
    ];
    let mut operands: Vec<String> = (0..rng.range(2, 4))
        .map(|_| rng.pick(NAMES).to_string())
        .collect();
    let mut args = Vec::new();
    if rng.chance(50) {
        args.extend(decode_option(rng, false));
    }
    if rng.chance(30) {
        args.push("--".into());
        // After "--", even option-like words are operands.
        if rng.chance(50) {
            operands.insert(1, "-d".into());
        }
        args.extend(operands);
    } else {
        for operand in operands {
            let at = rng.range(0, args.len());
            args.insert(at, operand);
        }
    }
    let mut files = BTreeMap::new();
    files.insert("in.txt".into(), b"data\n".to_vec());
    Parts {
        args,
        stdin: b"aGVsbG8K".to_vec(),
        files,
    }
}

fn invalid_option(rng: &mut Rng) -> Parts {
    let bad = loop {
        let c = rng.range(0x21, 0x7e) as u8 as char;
        if !"diw-".contains(c) || (c == '-' && rng.chance(50)) {
            break c;
        }
    };
    // "--" alone would end the options, so '-' is only tried after another letter.
    let prefix = if bad == '-' {
        *rng.pick(&["d", "i", "di"])
    } else {
        *rng.pick(&["", "d", "i", "di", "id", "dd"])
    };
    let mut args = vec![format!("-{prefix}{bad}")];
    if rng.chance(40) {
        args.push(rng.pick(&["-d", "file", "-w", "--foo"]).to_string());
    }
    if rng.chance(30) {
        args.insert(0, rng.pick(&["-d", "-i", "operand", "-w5"]).to_string());
    }
    Parts {
        args,
        stdin: b"Zm9v".to_vec(),
        ..Parts::default()
    }
}

fn long_option_argument(rng: &mut Rng) -> Parts {
    let args = match rng.range(0, 4) {
        0 => {
            // A name that is no prefix of any long option.
            let name = *rng.pick(&[
                "foo",
                "decoder",
                "wrapped",
                "dx",
                "ignore-garbages",
                "base64",
                "z",
                "wrap-0",
                "DECODE",
                "w0",
                "ignore_garbage",
            ]);
            let mut word = format!("--{name}");
            if rng.chance(40) {
                word.push_str("=1");
            }
            vec![word]
        }
        1 => {
            let name = *rng.pick(&["decode", "d", "dec", "ignore-garbage", "ig", "i"]);
            let value = *rng.pick(&["", "1", "yes", "=x"]);
            vec![format!("--{name}={value}")]
        }
        2 => {
            // An empty name is a prefix of every option, so glibc calls it ambiguous.
            vec![format!("--={}", rng.pick(&["", "1", "decode"]))]
        }
        _ => {
            let mut args = {
                let ignore = rng.chance(50);
                decode_option(rng, ignore)
            };
            args.push(format!(
                "--{}",
                rng.pick(&["nope", "wrap-size", "decode-all"])
            ));
            args
        }
    };
    Parts {
        args,
        stdin: b"Zm9v\n".to_vec(),
        ..Parts::default()
    }
}

fn missing_argument(rng: &mut Rng) -> Parts {
    let mut args = match rng.range(0, 2) {
        0 => vec![rng.pick(&["-w", "-dw", "-iw", "-diw"]).to_string()],
        _ => vec![rng.pick(&["--wrap", "--w", "--wr", "--wra"]).to_string()],
    };
    if rng.chance(40) {
        args.insert(0, rng.pick(&["-d", "file", "-i"]).to_string());
    }
    Parts {
        args,
        stdin: b"Zm9v\n".to_vec(),
        ..Parts::default()
    }
}

fn invalid_wrap_size(rng: &mut Rng) -> Parts {
    let value = rng
        .pick(&[
            "x",
            "",
            " ",
            "-1",
            "-76",
            "5x",
            "76 ",
            "1.5",
            "0x10",
            "1e3",
            "+",
            "-",
            "--",
            "- 5",
            "+-5",
            "-99999999999999999999",
            "ten",
            "it's",
            "back\\slash",
            "tab\t",
            "new\nline",
            "\u{e9}t\u{e9}",
            "\u{1b}[0m",
            "\u{7f}",
            "5\u{a0}",
        ])
        .to_string();
    let mut args = wrap_option(rng, &value);
    if rng.chance(30) {
        args.insert(0, rng.pick(&["-d", "file", "-w", "-i"]).to_string());
    }
    if rng.chance(30) {
        // Parsing stops at the bad size, so a later bad option is never reported.
        args.push(rng.pick(&["--bogus", "-x", "extra1", "extra2"]).to_string());
    }
    Parts {
        args,
        stdin: b"Zm9v\n".to_vec(),
        ..Parts::default()
    }
}

fn options_mixed(rng: &mut Rng) -> Parts {
    let decode = rng.chance(50);
    let len = rng.range(0, 200);
    let payload = data(rng, len);
    let mut options: Vec<String> = Vec::new();
    for _ in 0..rng.range(1, 4) {
        match rng.range(0, 3) {
            0 => {
                let cols = rng.range(0, 30).to_string();
                options.extend(wrap_option(rng, &cols));
            }
            1 => options.push(
                rng.pick(&["-i", "--ignore-garbage", "--ig", "-ii"])
                    .to_string(),
            ),
            2 if decode => options.extend(decode_option(rng, false)),
            _ => options.extend(strings(rng.pick::<&[&str]>(&[
                &["-w9"][..],
                &["-iw7"],
                &["-w", "12"],
            ]))),
        }
    }
    if decode
        && !options
            .iter()
            .any(|o| o.starts_with("-d") || o.starts_with("--d"))
    {
        options.push("-d".into());
    }
    let input = if decode {
        encoded_input(rng, len)
    } else {
        payload
    };
    with_input(rng, options, input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], text: &str) {
        assert_eq!(encode(bytes), text);
        assert_eq!(decode(text).as_deref(), Some(bytes));
    }

    #[test]
    fn rfc4648_vectors() {
        check(b"", "");
        check(b"f", "Zg==");
        check(b"fo", "Zm8=");
        check(b"foo", "Zm9v");
        check(b"foob", "Zm9vYg==");
        check(b"fooba", "Zm9vYmE=");
        check(b"foobar", "Zm9vYmFy");
        check(&[0, 0xff, 0x10], "AP8Q");
    }

    #[test]
    fn strict_decoding_rejects_sloppy_text() {
        for bad in ["Zg=", "Zg=A", "Z===", "Zg==Zg==", "Zm9!", "Zm9v\n"] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn deterministic_and_unique() {
        let a = generate_json(7, 100);
        assert_eq!(a, generate_json(7, 100));
        assert_ne!(a, generate_json(8, 100));
        let cases = generate(7, 200);
        let names: std::collections::BTreeSet<_> = cases.iter().map(|c| &c.name).collect();
        assert_eq!(names.len(), 200);
    }

    #[test]
    fn sizes_stay_small_and_paths_relative() {
        for seed in 0..20 {
            for case in generate(seed, CATEGORIES.len() * 2) {
                let total: usize =
                    case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
                assert!(total <= 40_000, "{} has {total} bytes", case.name);
                for path in case.files.keys() {
                    assert!(!path.starts_with('/') && !path.contains(".."), "{path}");
                }
                assert!(
                    case.args.iter().all(|a| !a.starts_with('/')),
                    "{:?}",
                    case.args
                );
            }
        }
    }

    #[test]
    fn every_category_in_each_cycle() {
        let cases = generate(3, CATEGORIES.len());
        for ((category, _), case) in CATEGORIES.iter().zip(&cases) {
            assert!(
                case.name.starts_with(category),
                "{} vs {category}",
                case.name
            );
        }
    }

    #[test]
    fn content_round_trip() {
        for bytes in [&b"text\n"[..], &[0xff, 0, 1], b""] {
            assert_eq!(content_bytes(&content_json(bytes)).as_deref(), Some(bytes));
        }
    }
}
