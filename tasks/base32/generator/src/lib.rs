//! Case generator of the base32 task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`, so any batch at least as long as the
//! category list reaches every corner the issue names (empty input, every length modulo
//! 5, lines exactly at the wrap width, `-w 0`, an invalid character at each position of a
//! group, padding in the middle, CRLF input) and each mistake the example submissions
//! make; the seed only varies the data and the spelling of the options.

use std::collections::BTreeMap;

use enc_common::base32;
use enc_common::cases::{Category, Parts, Rng, strings};

/// Every category, in the order cases cycle through them.
pub const CATEGORIES: &[Category] = &[
    ("encode-default-wrap", encode_default_wrap),
    ("decode-valid", decode_valid),
    ("invalid-option", invalid_option),
    ("encode-custom-wrap", encode_custom_wrap),
    ("decode-garbage-ignored", decode_garbage_ignored),
    ("missing-file", missing_file),
    ("encode-no-wrap", encode_no_wrap),
    ("decode-short-group", decode_short_group),
    ("invalid-wrap-size", invalid_wrap_size),
    ("encode-every-length", encode_every_length),
    ("decode-invalid-at", decode_invalid_at),
    ("directory", directory),
    ("encode-exact-lines", encode_exact_lines),
    ("decode-padding-inside", decode_padding_inside),
    ("extra-operand", extra_operand),
    ("decode-crlf", decode_crlf),
    ("encode-file", encode_file),
    ("missing-argument", missing_argument),
    ("decode-lowercase", decode_lowercase),
    ("decode-large", decode_large),
    ("long-option-argument", long_option_argument),
    (
        "decode-malformed-ignore-garbage",
        decode_malformed_ignore_garbage,
    ),
    ("encode-large", encode_large),
    ("options-mixed", options_mixed),
    ("decode-file", decode_file),
    ("empty-input", empty_input),
];

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

const WORDS: &[&str] = &[
    "base32", "encode", "the", "quick", "brown", "fox", "data", "wrap", "line", "MZXW6", "=",
    "padding", "42", "\t", "hello,", "world.", "RFC", "4648",
];

/// Random bytes, or printable text with newlines.
fn data(rng: &mut Rng, len: usize) -> Vec<u8> {
    if rng.chance(50) {
        rng.bytes(len)
    } else {
        rng.text(WORDS, len)
    }
}

/// Padded base32 of `data` in lines of `wrap` columns (0: one line, no newline).
fn encode_wrapped(data: &[u8], wrap: usize) -> Vec<u8> {
    let mut flat = Vec::new();
    base32::encode(data, &mut flat);
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
    let wrap = *rng.pick(&[76, 76, 64, 0, 8, 1, 13, 72]);
    let payload = data(rng, len);
    encode_wrapped(&payload, wrap)
}

/// Puts `options` around `operand` the way a user might: before it, after it (GNU
/// permutes), or before a `--`.
fn place(rng: &mut Rng, options: Vec<String>, operand: String) -> Vec<String> {
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
                .pick(&["in.txt", "data.b32", "sub/input", "x", "notes.txt"])
                .to_string();
            let mut files = BTreeMap::new();
            files.insert(name.clone(), input);
            Parts {
                args: place(rng, options, name),
                files,
                ..Parts::default()
            }
        }
        1 => Parts {
            args: place(rng, options, "-".into()),
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
    // At least 48 bytes, so the output is longer than one 76-column line.
    let len = rng.range(48, 2500);
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
    let min = (cols + 2).div_ceil(8) * 5;
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

fn encode_exact_lines(rng: &mut Rng) -> Parts {
    // The encoded text fills its last line exactly: 8 * groups is a multiple of cols.
    let cols = *rng.pick(&[8, 16, 40, 76, 4, 2, 1, 24, 19]);
    let lines = rng.range(1, 6);
    let chars = cols * lines;
    let groups = chars.div_ceil(8);
    // Round up to a whole number of groups that is also a whole number of lines.
    let mut groups = groups.max(1);
    while !(groups * 8).is_multiple_of(cols) {
        groups += 1;
    }
    let input = data(rng, groups * 5);
    let options = if cols == 76 && rng.chance(50) {
        Vec::new()
    } else {
        wrap_option(rng, &cols.to_string())
    };
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

fn encode_every_length(rng: &mut Rng) -> Parts {
    // Lengths 0 to 14 cover every remainder modulo 5 three times.
    let len = rng.range(0, 14);
    let input = data(rng, len);
    let mut options = Vec::new();
    if rng.chance(40) {
        let cols = rng.range(1, 9).to_string();
        options = wrap_option(rng, &cols);
    }
    with_input(rng, options, input)
}

fn empty_input(rng: &mut Rng) -> Parts {
    let mut options = match rng.range(0, 3) {
        0 => Vec::new(),
        1 => decode_option(rng, false),
        2 => decode_option(rng, true),
        _ => wrap_option(rng, "0"),
    };
    let input = if options.iter().any(|o| o.contains('d')) && rng.chance(50) {
        // Only newlines (or, with -i, only garbage): nothing to decode.
        rng.pick(&[&b"\n"[..], b"\n\n\n", b"\r\n"]).to_vec()
    } else {
        Vec::new()
    };
    if input == b"\r\n" {
        options = decode_option(rng, true);
    }
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
        place(rng, options, name)
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
    let ignore = rng.chance(30);
    let options = decode_option(rng, ignore);
    let name = rng.pick(&["msg.b32", "in", "sub/dir/x.txt"]).to_string();
    let mut files = BTreeMap::new();
    files.insert(name.clone(), input);
    Parts {
        args: place(rng, options, name),
        stdin: b"MZXW6===\n".to_vec(),
        files,
        ..Parts::default()
    }
}

fn decode_short_group(rng: &mut Rng) -> Parts {
    // Unpadded or truncated text: the last group has 1 to 7 characters.
    let len = rng.range(1, 60);
    let mut flat = Vec::new();
    base32::encode(&data(rng, len), &mut flat);
    while flat.last() == Some(&b'=') && rng.chance(80) {
        flat.pop();
    }
    if flat.len() % 8 == 0 {
        let cut = rng.range(1, 7);
        flat.truncate(flat.len() - cut);
    }
    if rng.chance(50) {
        flat.push(b'\n');
    }
    let ignore = rng.chance(20);
    let options = decode_option(rng, ignore);
    with_input(rng, options, flat)
}

/// A byte that is neither in the base32 alphabet nor `=` nor a newline.
fn garbage_byte(rng: &mut Rng) -> u8 {
    loop {
        let b = rng.next_u64() as u8;
        if base32::value(b).is_none() && b != b'=' && b != b'\n' {
            return b;
        }
    }
}

fn decode_invalid_at(rng: &mut Rng) -> Parts {
    // A bad character at a chosen position of a chosen group: each position decides how
    // many bytes of the group are written before decoding stops.
    let groups = rng.range(1, 6);
    let mut flat = Vec::new();
    base32::encode(&rng.bytes(groups * 5), &mut flat);
    let group = rng.range(0, groups - 1);
    let position = rng.range(0, 7);
    let bad = match rng.range(0, 5) {
        0 => b'=',
        1 => flat[group * 8 + position].to_ascii_lowercase(),
        2 => *rng.pick(b"0189+/"),
        3 => *rng.pick(b" \t\r-_"),
        _ => garbage_byte(rng),
    };
    flat[group * 8 + position] = bad;
    let input = encode_lines(&flat, *rng.pick(&[0, 76, 8, 16]));
    let options = decode_option(rng, false);
    with_input(rng, options, input)
}

/// Breaks flat text into lines of `wrap` characters (0: no line breaks).
fn encode_lines(flat: &[u8], wrap: usize) -> Vec<u8> {
    if wrap == 0 {
        return flat.to_vec();
    }
    let mut out = Vec::new();
    for line in flat.chunks(wrap) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

fn decode_padding_inside(rng: &mut Rng) -> Parts {
    // Several separately encoded pieces, each padded, concatenated.
    let mut input = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let len = rng.range(1, 12);
        base32::encode(&data(rng, len), &mut input);
        if rng.chance(30) {
            input.push(b'\n');
        }
    }
    if rng.chance(25) {
        // A stray extra '=' after a padded group.
        let at = input.len();
        input.insert(at, b'=');
    }
    let ignore = rng.chance(30);
    let options = decode_option(rng, ignore);
    with_input(rng, options, input)
}

fn decode_crlf(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 300);
    let wrapped = encode_wrapped(&data(rng, len), *rng.pick(&[76, 8, 16, 40]));
    let mut input = Vec::new();
    for &b in &wrapped {
        if b == b'\n' {
            input.push(b'\r');
        }
        input.push(b);
    }
    // Without -i the first carriage return is invalid; with -i it is dropped.
    let ignore = rng.chance(50);
    let options = decode_option(rng, ignore);
    with_input(rng, options, input)
}

fn decode_lowercase(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 200);
    let mut input = encoded_input(rng, len);
    if rng.chance(50) {
        input.make_ascii_lowercase();
    } else {
        let at = rng.range(0, input.len() - 1);
        input[at] = input[at].to_ascii_lowercase();
    }
    let ignore = rng.chance(30);
    let options = decode_option(rng, ignore);
    with_input(rng, options, input)
}

/// Damages encoded text in one of the ways real input goes wrong.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, ignore_garbage: bool) {
    let at = rng.range(0, input.len());
    match rng.range(0, 8) {
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
            // A character of the base32hex or base64 alphabets instead of base32's.
            let c = *rng.pick(b"0189a+/");
            input.insert(at, c);
        }
        7 if ignore_garbage => {
            input.insert(at, b'=');
            input.insert(at, b'=');
        }
        7 => input.insert(at, b' '),
        _ => {
            let b = *rng.pick(base32::ALPHABET);
            input.insert(at, b);
        }
    }
}

/// Puts `count` garbage bytes at random places.
fn sprinkle(rng: &mut Rng, input: &mut Vec<u8>, count: usize) {
    for _ in 0..count {
        let at = rng.range(0, input.len());
        let b = garbage_byte(rng);
        input.insert(at, b);
    }
}

fn decode_garbage_ignored(rng: &mut Rng) -> Parts {
    let len = data_len(rng);
    let mut input = encoded_input(rng, len);
    let count = rng.range(1, 40);
    sprinkle(rng, &mut input, count);
    if rng.chance(30) {
        input.make_ascii_lowercase();
    }
    let options = decode_option(rng, true);
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
    // 8 to 24 KiB of encoded text spans several of GNU's 8192-byte decoding blocks.
    let len = rng.range(5000, 15000);
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
    "[x]",
    "$HOME",
    "semi;colon",
    "say \"hi\"",
    "back\\slash",
    "{",
    "{}",
    "a=b",
];

fn missing_file(rng: &mut Rng) -> Parts {
    let name = rng.pick(MISSING_NAMES).to_string();
    let mut options = Vec::new();
    if rng.chance(50) {
        let ignore = rng.chance(30);
        options = decode_option(rng, ignore);
    }
    if rng.chance(30) {
        let cols = rng.range(0, 80).to_string();
        options.extend(wrap_option(rng, &cols));
    }
    let mut files = BTreeMap::new();
    files.insert("present.txt".into(), b"here\n".to_vec());
    Parts {
        args: place(rng, options, name),
        stdin: b"stdin is not read\n".to_vec(),
        files,
        ..Parts::default()
    }
}

fn directory(rng: &mut Rng) -> Parts {
    let mut files = BTreeMap::new();
    files.insert("sub/inner.txt".into(), b"MZXW6===\n".to_vec());
    files.insert("sub/deeper/x".into(), b"x".to_vec());
    let name = rng.pick(&["sub", "sub/deeper", "sub/"]).to_string();
    let options = match rng.range(0, 2) {
        0 => Vec::new(),
        1 => decode_option(rng, false),
        _ => decode_option(rng, true),
    };
    Parts {
        args: place(rng, options, name),
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
        stdin: b"MZXW6===".to_vec(),
        files,
        ..Parts::default()
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
        stdin: b"MZXW6===".to_vec(),
        ..Parts::default()
    }
}

fn long_option_argument(rng: &mut Rng) -> Parts {
    let args = match rng.range(0, 4) {
        0 => {
            let name = *rng.pick(&[
                "foo",
                "decoder",
                "wrapped",
                "dx",
                "base32hex",
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
        2 => vec![format!("--={}", rng.pick(&["", "1", "decode"]))],
        _ => {
            let ignore = rng.chance(50);
            let mut args = decode_option(rng, ignore);
            args.push(format!(
                "--{}",
                rng.pick(&["nope", "wrap-size", "decode-all"])
            ));
            args
        }
    };
    Parts {
        args,
        stdin: b"MZXW6===\n".to_vec(),
        ..Parts::default()
    }
}

fn missing_argument(rng: &mut Rng) -> Parts {
    let mut args = match rng.range(0, 1) {
        0 => vec![rng.pick(&["-w", "-dw", "-iw", "-diw"]).to_string()],
        _ => vec![rng.pick(&["--wrap", "--w", "--wr", "--wra"]).to_string()],
    };
    if rng.chance(40) {
        args.insert(0, rng.pick(&["-d", "file", "-i"]).to_string());
    }
    Parts {
        args,
        stdin: b"MZXW6===\n".to_vec(),
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
        ])
        .to_string();
    let mut args = wrap_option(rng, &value);
    if rng.chance(30) {
        args.insert(0, rng.pick(&["-d", "file", "-i"]).to_string());
    }
    if rng.chance(30) {
        // Parsing stops at the bad size, so a later bad option is never reported.
        args.push(rng.pick(&["--bogus", "-x", "extra1", "extra2"]).to_string());
    }
    Parts {
        args,
        stdin: b"MZXW6===\n".to_vec(),
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
    use enc_common::cases::{generate, generate_json};

    #[test]
    fn deterministic_and_unique() {
        let a = generate_json(CATEGORIES, 7, 100);
        assert_eq!(a, generate_json(CATEGORIES, 7, 100));
        assert_ne!(a, generate_json(CATEGORIES, 8, 100));
        let cases = generate(CATEGORIES, 7, 200);
        let names: std::collections::BTreeSet<_> = cases.iter().map(|c| &c.name).collect();
        assert_eq!(names.len(), 200);
    }

    #[test]
    fn sizes_stay_small_and_paths_relative() {
        for seed in 0..20 {
            for case in generate(CATEGORIES, seed, CATEGORIES.len() * 2) {
                let total: usize =
                    case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
                assert!(total <= 40_000, "{} has {total} bytes", case.name);
                for path in case.files.keys() {
                    assert!(!path.starts_with('/') && !path.contains(".."), "{path}");
                }
            }
        }
    }

    #[test]
    fn corners_are_reached() {
        let cases = generate(CATEGORIES, 11, CATEGORIES.len() * 40);
        let inputs = |prefix: &str| -> Vec<&enc_common::cases::Case> {
            cases
                .iter()
                .filter(|c| c.name.starts_with(prefix))
                .collect()
        };
        // Every encoded length modulo 5, empty included.
        let mut remainders = [false; 5];
        for case in inputs("encode-every-length") {
            let len = case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
            remainders[len % 5] = true;
        }
        assert_eq!(remainders, [true; 5]);
        // A bad character at every position of a group.
        let mut positions = [false; 8];
        for case in inputs("decode-invalid-at") {
            let text: Vec<u8> = case
                .stdin
                .iter()
                .chain(case.files.values().flatten())
                .copied()
                .filter(|&b| b != b'\n')
                .collect();
            let at = text
                .iter()
                .position(|&c| base32::value(c).is_none() && c != b'=')
                .or_else(|| {
                    // A misplaced '=': the first one not followed only by padding.
                    text.chunks(8).enumerate().find_map(|(g, group)| {
                        let first = group.iter().position(|&c| c == b'=')?;
                        group[first..]
                            .iter()
                            .any(|&c| c != b'=')
                            .then_some(g * 8 + first)
                    })
                });
            if let Some(at) = at {
                positions[at % 8] = true;
            }
        }
        assert_eq!(positions, [true; 8]);
        assert!(
            inputs("decode-crlf")
                .iter()
                .any(|c| c.stdin.windows(2).any(|w| w == b"\r\n"))
        );
        assert!(
            inputs("encode-no-wrap")
                .iter()
                .any(|c| c.args.iter().any(|a| a.ends_with('0')))
        );
    }
}
