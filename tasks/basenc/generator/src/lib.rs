//! Case generator of the basenc task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`. The categories reach the corners
//! the issue names for every encoding (empty input, every length modulo the group size,
//! lines exactly at the wrap width, `-w 0`, an invalid character at each position of a
//! group, padding in the middle, CRLF input) and basenc's own: Z85's length rule when
//! encoding and its overflow rule when decoding, base32hex's acceptance of `W`-`Z`,
//! base64url's whole-block rejection of `+` and `/`, and the encoding options' prefixes.

use std::collections::BTreeMap;

use enc_common::base32;
use enc_common::cases::{Category, Parts, Rng, strings};

/// Every category, in the order cases cycle through them.
pub const CATEGORIES: &[Category] = &[
    ("encode-default-wrap", encode_default_wrap),
    ("decode-valid", decode_valid),
    ("missing-encoding", missing_encoding),
    ("encode-custom-wrap", encode_custom_wrap),
    ("decode-invalid-at", decode_invalid_at),
    ("z85-encode-length", z85_encode_length),
    ("encode-every-length", encode_every_length),
    ("decode-short-final", decode_short_final),
    ("ambiguous-prefix", ambiguous_prefix),
    ("encode-no-wrap", encode_no_wrap),
    ("decode-garbage-ignored", decode_garbage_ignored),
    ("z85-overflow", z85_overflow),
    ("encode-exact-lines", encode_exact_lines),
    ("decode-crlf", decode_crlf),
    ("base32hex-extra-letters", base32hex_extra_letters),
    ("invalid-option", invalid_option),
    ("decode-padding-inside", decode_padding_inside),
    ("base64url-plus-slash", base64url_plus_slash),
    ("missing-file", missing_file),
    ("decode-lowercase", decode_lowercase),
    ("last-encoding-wins", last_encoding_wins),
    ("invalid-wrap-size", invalid_wrap_size),
    ("decode-file", decode_file),
    ("z85-ignore-garbage", z85_ignore_garbage),
    ("directory", directory),
    ("long-option-argument", long_option_argument),
    ("encode-large", encode_large),
    ("extra-operand", extra_operand),
    ("decode-large", decode_large),
    ("missing-argument", missing_argument),
    ("wrong-alphabet", wrong_alphabet),
    ("z85-encode-large-bad-length", z85_encode_large_bad_length),
];

/// The encodings, with their long option and group shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enc {
    Base64,
    Base64Url,
    Base32,
    Base32Hex,
    Base16,
    Base2Msbf,
    Base2Lsbf,
    Z85,
}

const ALL: [Enc; 8] = [
    Enc::Base64,
    Enc::Base64Url,
    Enc::Base32,
    Enc::Base32Hex,
    Enc::Base16,
    Enc::Base2Msbf,
    Enc::Base2Lsbf,
    Enc::Z85,
];

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE32HEX: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const Z85: &[u8; 85] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

impl Enc {
    fn name(self) -> &'static str {
        match self {
            Enc::Base64 => "base64",
            Enc::Base64Url => "base64url",
            Enc::Base32 => "base32",
            Enc::Base32Hex => "base32hex",
            Enc::Base16 => "base16",
            Enc::Base2Msbf => "base2msbf",
            Enc::Base2Lsbf => "base2lsbf",
            Enc::Z85 => "z85",
        }
    }

    /// Input bytes per group (Z85 needs whole groups).
    fn bytes_per_group(self) -> usize {
        match self {
            Enc::Base64 | Enc::Base64Url => 3,
            Enc::Base32 | Enc::Base32Hex => 5,
            Enc::Base16 | Enc::Base2Msbf | Enc::Base2Lsbf => 1,
            Enc::Z85 => 4,
        }
    }

    /// Characters per group of encoded text.
    fn chars_per_group(self) -> usize {
        match self {
            Enc::Base64 | Enc::Base64Url => 4,
            Enc::Base32 | Enc::Base32Hex => 8,
            Enc::Base16 => 2,
            Enc::Base2Msbf | Enc::Base2Lsbf => 8,
            Enc::Z85 => 5,
        }
    }

    fn alphabet(self) -> &'static [u8] {
        match self {
            Enc::Base64 => BASE64,
            Enc::Base64Url => BASE64URL,
            Enc::Base32 => base32::ALPHABET,
            Enc::Base32Hex => BASE32HEX,
            Enc::Base16 => b"0123456789ABCDEF",
            Enc::Base2Msbf | Enc::Base2Lsbf => b"01",
            Enc::Z85 => Z85,
        }
    }

    /// The encoded text of `data` (for Z85, `data` must be whole groups).
    fn encode(self, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        match self {
            Enc::Base64 | Enc::Base64Url => {
                let table = self.alphabet();
                for group in data.chunks(3) {
                    let n = group
                        .iter()
                        .enumerate()
                        .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
                    for k in 0..4 {
                        out.push(if k <= group.len() {
                            table[(n >> (18 - 6 * k) & 63) as usize]
                        } else {
                            b'='
                        });
                    }
                }
            }
            Enc::Base32 => base32::encode(data, &mut out),
            Enc::Base32Hex => {
                base32::encode(data, &mut out);
                for c in &mut out {
                    if let Some(v) = base32::value(*c) {
                        *c = BASE32HEX[usize::from(v)];
                    }
                }
            }
            Enc::Base16 => {
                for &b in data {
                    out.extend_from_slice(format!("{b:02X}").as_bytes());
                }
            }
            Enc::Base2Msbf => {
                for &b in data {
                    out.extend_from_slice(format!("{b:08b}").as_bytes());
                }
            }
            Enc::Base2Lsbf => {
                for &b in data {
                    out.extend(format!("{b:08b}").bytes().rev());
                }
            }
            Enc::Z85 => {
                for quad in data.chunks(4) {
                    let mut v = u32::from_be_bytes([quad[0], quad[1], quad[2], quad[3]]);
                    let mut digits = [0u8; 5];
                    for d in digits.iter_mut().rev() {
                        *d = Z85[(v % 85) as usize];
                        v /= 85;
                    }
                    out.extend_from_slice(&digits);
                }
            }
        }
        out
    }
}

/// The option selecting `enc`, sometimes abbreviated to a unique prefix.
fn enc_option(rng: &mut Rng, enc: Enc) -> String {
    let name = enc.name();
    // The shortest unique prefixes; "base64" and "base32" are exact names that are also
    // prefixes of others, so they cannot be shortened.
    let short = match enc {
        Enc::Base64Url => "base64u",
        Enc::Base32Hex => "base32h",
        Enc::Base16 => "base1",
        Enc::Base2Msbf => "base2m",
        Enc::Base2Lsbf => "base2l",
        Enc::Z85 => "z",
        Enc::Base64 | Enc::Base32 => name,
    };
    if rng.chance(25) {
        let len = rng.range(short.len(), name.len());
        format!("--{}", &name[..len])
    } else {
        format!("--{name}")
    }
}

fn any_enc(rng: &mut Rng) -> Enc {
    *rng.pick(&ALL)
}

/// One of the ways to spell "wrap at `cols`".
fn wrap_option(rng: &mut Rng, cols: &str) -> Vec<String> {
    match rng.range(0, 5) {
        0 => strings(&["-w", cols]),
        1 => vec![format!("-w{cols}")],
        2 => vec![format!("--wrap={cols}")],
        3 => strings(&["--wrap", cols]),
        4 => vec![format!("--w={cols}")],
        _ => vec![format!("--wr={cols}")],
    }
}

/// The options for decoding with `enc`, in a random order and spelling.
fn decode_options(rng: &mut Rng, enc: Enc, ignore_garbage: bool) -> Vec<String> {
    let mut options = vec![enc_option(rng, enc)];
    let decode: &[&str] = rng.pick::<&[&str]>(&[&["-d"][..], &["--decode"], &["--d"], &["--deco"]]);
    let mut flags = strings(decode);
    if ignore_garbage {
        if flags == ["-d"] && rng.chance(50) {
            flags = strings(rng.pick::<&[&str]>(&[&["-di"][..], &["-id"]]));
        } else {
            flags.push(rng.pick(&["-i", "--ignore-garbage", "--i"]).to_string());
        }
    }
    if rng.chance(50) {
        options.extend(flags);
    } else {
        flags.extend(options);
        options = flags;
    }
    options
}

const WORDS: &[&str] = &[
    "basenc", "encode", "the", "quick", "brown", "fox", "data", "wrap", "line", "Zm9v", "=",
    "padding", "42", "\t", "hello,", "world.", "RFC", "4648", "z85",
];

/// Random bytes, or printable text with newlines.
fn data(rng: &mut Rng, len: usize) -> Vec<u8> {
    if rng.chance(50) {
        rng.bytes(len)
    } else {
        rng.text(WORDS, len)
    }
}

/// A length that suits `enc` (whole groups for Z85), mostly small.
fn data_len(rng: &mut Rng, enc: Enc) -> usize {
    let len = match rng.range(0, 9) {
        0..=5 => rng.range(0, 100),
        6..=8 => rng.range(100, 800),
        _ => rng.range(800, 2500),
    };
    if enc == Enc::Z85 { len / 4 * 4 } else { len }
}

/// Breaks `flat` into lines of `wrap` characters (0: no line breaks).
fn lines(flat: &[u8], wrap: usize) -> Vec<u8> {
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

/// Encoded text of random data, wrapped the way a file usually is.
fn encoded_input(rng: &mut Rng, enc: Enc, len: usize) -> Vec<u8> {
    let wrap = *rng.pick(&[76, 76, 64, 0, 8, 1, 13, 72]);
    let payload = data(rng, len);
    lines(&enc.encode(&payload), wrap)
}

/// Puts `options` around `operand`: before it, after it (GNU permutes), or before `--`.
fn place(rng: &mut Rng, options: Vec<String>, operand: String) -> Vec<String> {
    let mut args = options;
    match rng.range(0, 2) {
        0 => args.push(operand),
        1 => args.insert(0, operand),
        _ => {
            args.push("--".into());
            args.push(operand);
        }
    }
    args
}

/// Feeds `input` through stdin, `-`, or a file operand.
fn with_input(rng: &mut Rng, options: Vec<String>, input: Vec<u8>) -> Parts {
    match rng.range(0, 4) {
        0 => {
            let name = rng
                .pick(&["in.txt", "data.enc", "sub/input", "x"])
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
    let enc = any_enc(rng);
    let len = rng.range(60, 1500) / 4 * 4;
    let input = data(rng, len);
    let mut options = vec![enc_option(rng, enc)];
    if rng.chance(20) {
        options.push("-i".into());
    }
    with_input(rng, options, input)
}

fn encode_custom_wrap(rng: &mut Rng) -> Parts {
    let enc = any_enc(rng);
    let cols = if rng.chance(70) {
        rng.range(1, 100)
    } else {
        rng.range(100, 300)
    };
    let groups = (cols + 2).div_ceil(enc.chars_per_group()) + rng.range(0, 60);
    let input = data(rng, groups * enc.bytes_per_group());
    let mut options = vec![enc_option(rng, enc)];
    let spelled = match rng.range(0, 6) {
        0 => format!("0{cols}"),
        1 => format!("+{cols}"),
        _ => cols.to_string(),
    };
    options.extend(wrap_option(rng, &spelled));
    with_input(rng, options, input)
}

fn encode_no_wrap(rng: &mut Rng) -> Parts {
    let enc = any_enc(rng);
    let zero = *rng.pick(&["0", "00", "-0", "9223372036854775808"]);
    let mut options = wrap_option(rng, zero);
    options.insert(0, enc_option(rng, enc));
    let len = data_len(rng, enc);
    let input = data(rng, len);
    with_input(rng, options, input)
}

fn encode_every_length(rng: &mut Rng) -> Parts {
    // Every length from 0 to 12 covers each remainder of the group sizes; Z85 gets the
    // lengths it accepts here (its bad lengths have their own category).
    let enc = any_enc(rng);
    let mut len = rng.range(0, 12);
    if enc == Enc::Z85 {
        len = len / 4 * 4;
    }
    let input = data(rng, len);
    let mut options = vec![enc_option(rng, enc)];
    if rng.chance(40) {
        let cols = rng.range(1, 9).to_string();
        options.extend(wrap_option(rng, &cols));
    }
    with_input(rng, options, input)
}

fn encode_exact_lines(rng: &mut Rng) -> Parts {
    // The output fills its last line exactly.
    let enc = any_enc(rng);
    let cols = *rng.pick(&[8, 16, 40, 76, 4, 2, 10, 20, 24]);
    let per = enc.chars_per_group();
    let mut groups = (cols * rng.range(1, 5)).div_ceil(per);
    while !(groups * per).is_multiple_of(cols) {
        groups += 1;
    }
    let input = data(rng, groups * enc.bytes_per_group());
    let mut options = vec![enc_option(rng, enc)];
    if cols != 76 || rng.chance(50) {
        options.extend(wrap_option(rng, &cols.to_string()));
    }
    with_input(rng, options, input)
}

fn encode_large(rng: &mut Rng) -> Parts {
    // Crosses GNU's 30720-byte encoding block.
    let enc = *rng.pick(&[Enc::Base64, Enc::Base32Hex, Enc::Z85, Enc::Base64Url]);
    let len = rng.range(30_000, 31_500) / 4 * 4;
    let input = rng.bytes(len);
    let mut options = vec![enc_option(rng, enc)];
    if rng.chance(50) {
        let cols = rng.range(0, 200).to_string();
        options.extend(wrap_option(rng, &cols));
    }
    with_input(rng, options, input)
}

fn z85_encode_length(rng: &mut Rng) -> Parts {
    // Z85 encodes only whole groups of four bytes.
    let len = loop {
        let len = rng.range(1, 50);
        if !len.is_multiple_of(4) {
            break len;
        }
    };
    let input = data(rng, len);
    let mut options = vec![enc_option(rng, Enc::Z85)];
    if rng.chance(30) {
        options.extend(wrap_option(rng, "10"));
    }
    with_input(rng, options, input)
}

fn z85_encode_large_bad_length(rng: &mut Rng) -> Parts {
    // The first 30720-byte block is written before the bad final block stops encoding.
    let len = 30_720 + *rng.pick(&[1, 2, 3, 5, 7, 10, 101]);
    let input = rng.bytes(len);
    let mut options = vec![enc_option(rng, Enc::Z85)];
    if rng.chance(50) {
        let cols = rng.range(0, 100).to_string();
        options.extend(wrap_option(rng, &cols));
    }
    with_input(rng, options, input)
}

fn decode_valid(rng: &mut Rng) -> Parts {
    let enc = any_enc(rng);
    let len = data_len(rng, enc);
    let input = encoded_input(rng, enc, len);
    let ignore = rng.chance(30);
    let mut options = decode_options(rng, enc, ignore);
    if rng.chance(20) {
        options.extend(wrap_option(rng, "10"));
    }
    with_input(rng, options, input)
}

fn decode_file(rng: &mut Rng) -> Parts {
    let enc = any_enc(rng);
    let len = data_len(rng, enc);
    let mut input = encoded_input(rng, enc, len);
    if rng.chance(40) && !input.is_empty() {
        let at = rng.range(0, input.len() - 1);
        input[at] = *rng.pick(b"!=~ \r");
    }
    let ignore = rng.chance(30);
    let options = decode_options(rng, enc, ignore);
    let name = rng.pick(&["msg.txt", "in", "sub/dir/x.enc"]).to_string();
    let mut files = BTreeMap::new();
    files.insert(name.clone(), input);
    Parts {
        args: place(rng, options, name),
        stdin: b"not read\n".to_vec(),
        files,
        ..Parts::default()
    }
}

/// A byte outside every alphabet, `=` and the newline.
fn garbage_byte(rng: &mut Rng) -> u8 {
    *rng.pick(b"!\"',;\\_`|~ \t\r\x7f\x80\xff\x01")
}

fn decode_invalid_at(rng: &mut Rng) -> Parts {
    // A bad character at a chosen position of a chosen group.
    let enc = any_enc(rng);
    let groups = rng.range(1, 6);
    let mut flat = enc.encode(&rng.bytes(groups * enc.bytes_per_group()));
    let per = enc.chars_per_group();
    let position = rng.range(0, per - 1);
    let at = rng.range(0, groups - 1) * per + position;
    flat[at] = match rng.range(0, 3) {
        0 => b'=',
        1 => flat[at].to_ascii_lowercase(),
        _ => garbage_byte(rng),
    };
    let input = lines(&flat, *rng.pick(&[0, 76, 16]));
    let options = decode_options(rng, enc, false);
    with_input(rng, options, input)
}

fn decode_short_final(rng: &mut Rng) -> Parts {
    // The text ends inside a group: unpadded base64/base32, an odd number of hex digits,
    // an incomplete byte of bits, a Z85 group of one to four characters.
    let enc = any_enc(rng);
    let groups = rng.range(0, 8);
    let mut flat = enc.encode(&data(rng, groups * enc.bytes_per_group()));
    let per = enc.chars_per_group();
    let extra = enc.encode(&data(rng, enc.bytes_per_group()));
    let take = rng.range(1, per - 1);
    flat.extend_from_slice(&extra[..take]);
    if rng.chance(40) {
        flat.push(b'\n');
    }
    let ignore = rng.chance(20);
    let options = decode_options(rng, enc, ignore);
    with_input(rng, options, flat)
}

fn decode_padding_inside(rng: &mut Rng) -> Parts {
    let enc = *rng.pick(&[Enc::Base64, Enc::Base64Url, Enc::Base32, Enc::Base32Hex]);
    let mut input = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let len = rng.range(1, 9);
        input.extend(enc.encode(&data(rng, len)));
        if rng.chance(30) {
            input.push(b'\n');
        }
    }
    if rng.chance(25) {
        input.push(b'=');
    }
    let ignore = rng.chance(30);
    let options = decode_options(rng, enc, ignore);
    with_input(rng, options, input)
}

fn decode_crlf(rng: &mut Rng) -> Parts {
    let enc = any_enc(rng);
    let len = data_len(rng, enc).min(300);
    let wrapped = lines(&enc.encode(&data(rng, len)), *rng.pick(&[76, 8, 16, 40]));
    let mut input = Vec::new();
    for &b in &wrapped {
        if b == b'\n' {
            input.push(b'\r');
        }
        input.push(b);
    }
    let ignore = rng.chance(50);
    let options = decode_options(rng, enc, ignore);
    with_input(rng, options, input)
}

fn decode_lowercase(rng: &mut Rng) -> Parts {
    let enc = *rng.pick(&[Enc::Base16, Enc::Base32, Enc::Base32Hex, Enc::Base16]);
    let len = rng.range(1, 100);
    let mut input = encoded_input(rng, enc, len);
    input.make_ascii_lowercase();
    let ignore = rng.chance(30);
    let options = decode_options(rng, enc, ignore);
    with_input(rng, options, input)
}

fn decode_garbage_ignored(rng: &mut Rng) -> Parts {
    let enc = any_enc(rng);
    let len = data_len(rng, enc);
    let mut input = encoded_input(rng, enc, len);
    for _ in 0..rng.range(1, 30) {
        let at = rng.range(0, input.len());
        let b = garbage_byte(rng);
        input.insert(at, b);
    }
    let options = decode_options(rng, enc, true);
    with_input(rng, options, input)
}

fn decode_large(rng: &mut Rng) -> Parts {
    // Several of GNU's decoding blocks (5600 characters for base64, 8400 for base16...).
    let enc = *rng.pick(&[
        Enc::Base64,
        Enc::Base16,
        Enc::Z85,
        Enc::Base32,
        Enc::Base64Url,
    ]);
    let len = rng.range(4500, 9000) / 4 * 4;
    let mut input = encoded_input(rng, enc, len);
    let ignore = rng.chance(40);
    if ignore {
        for _ in 0..rng.range(1, 400) {
            let at = rng.range(0, input.len());
            let b = garbage_byte(rng);
            input.insert(at, b);
        }
    }
    if rng.chance(60) {
        let at = rng.range(0, input.len() - 1);
        input[at] = *rng.pick(b"!*=\x00~");
    }
    let options = decode_options(rng, enc, ignore);
    with_input(rng, options, input)
}

fn z85_overflow(rng: &mut Rng) -> Parts {
    // Five characters worth more than 0xFFFFFFFF: "%nSc0" is the largest valid group.
    let len = rng.range(0, 4) * 4;
    let mut flat = Enc::Z85.encode(&rng.bytes(len));
    let group: &[u8] = rng.pick::<&[u8]>(&[
        &b"%nSc1"[..],
        b"%nSd0",
        b"#####",
        b"&0000",
        b"%nSc0",
        b"$$$$$",
    ]);
    let at = rng.range(0, flat.len() / 5) * 5;
    flat.splice(at..at, group.iter().copied());
    let ignore = rng.chance(20);
    let options = decode_options(rng, Enc::Z85, ignore);
    with_input(rng, options, flat)
}

fn z85_ignore_garbage(rng: &mut Rng) -> Parts {
    // -i keeps NUL bytes for Z85 (C's strchr finds the terminating NUL), and drops '~',
    // '"', ',', ';', '\', '_', '`', '|' and the space.
    let len = rng.range(1, 8) * 4;
    let mut input = Enc::Z85.encode(&data(rng, len));
    for _ in 0..rng.range(1, 4) {
        let at = rng.range(0, input.len());
        let b = *rng.pick(b"\0~\"',;\\_`| ");
        input.insert(at, b);
    }
    let ignore = rng.chance(80);
    let options = decode_options(rng, Enc::Z85, ignore);
    with_input(rng, options, input)
}

fn base32hex_extra_letters(rng: &mut Rng) -> Parts {
    // W, X, Y and Z are not base32hex digits, but without -i they pass through to the
    // base32 decoder, where they are worth 22 to 25.
    let groups = rng.range(1, 4);
    let mut flat = Enc::Base32Hex.encode(&rng.bytes(groups * 5));
    for _ in 0..rng.range(1, 3) {
        let at = rng.range(0, flat.len() - 1);
        flat[at] = *rng.pick(b"WXYZ");
    }
    let ignore = rng.chance(30);
    let options = decode_options(rng, Enc::Base32Hex, ignore);
    let wrap = *rng.pick(&[0, 8, 76]);
    with_input(rng, options, lines(&flat, wrap))
}

fn base64url_plus_slash(rng: &mut Rng) -> Parts {
    // base64url rejects '+' and '/' for the whole block that holds them, and -i drops them.
    let len = if rng.chance(30) {
        rng.range(4300, 6000)
    } else {
        rng.range(3, 300)
    };
    let mut input = encoded_input(rng, Enc::Base64Url, len);
    let at = rng.range(0, input.len() - 1);
    input[at] = *rng.pick(b"+/");
    let ignore = rng.chance(30);
    let options = decode_options(rng, Enc::Base64Url, ignore);
    with_input(rng, options, input)
}

fn wrong_alphabet(rng: &mut Rng) -> Parts {
    // Text in one encoding decoded as another.
    let from = any_enc(rng);
    let to = any_enc(rng);
    let len = rng.range(1, 40) * 4;
    let input = encoded_input(rng, from, len);
    let ignore = rng.chance(30);
    let options = decode_options(rng, to, ignore);
    with_input(rng, options, input)
}

fn last_encoding_wins(rng: &mut Rng) -> Parts {
    let first = any_enc(rng);
    let last = any_enc(rng);
    let mut options = vec![enc_option(rng, first), enc_option(rng, last)];
    if rng.chance(30) {
        options.insert(1, "-w8".into());
    }
    let len = rng.range(0, 5) * 4;
    let input = data(rng, len);
    with_input(rng, options, input)
}

fn missing_encoding(rng: &mut Rng) -> Parts {
    let args = match rng.range(0, 3) {
        0 => Vec::new(),
        1 => strings(rng.pick::<&[&str]>(&[&["-d"][..], &["-di"], &["-w", "10"], &["--decode"]])),
        2 => strings(rng.pick::<&[&str]>(&[&["in.txt"][..], &["-"], &["a", "b"]])),
        _ => strings(&["-w", "x"]),
    };
    Parts {
        args,
        stdin: b"Zm9v\n".to_vec(),
        ..Parts::default()
    }
}

fn ambiguous_prefix(rng: &mut Rng) -> Parts {
    let word = rng.pick(&[
        "--base", "--base3", "--base2", "--b", "--ba", "--bas", "--base6",
    ]);
    let mut args = vec![word.to_string()];
    if rng.chance(50) {
        args.push(rng.pick(&["-d", "--z85", "x.txt"]).to_string());
    }
    if rng.chance(30) {
        args.push(format!("{word}=1"));
        args.swap(0, 1);
    }
    Parts {
        args,
        stdin: b"Zm9v\n".to_vec(),
        ..Parts::default()
    }
}

fn invalid_option(rng: &mut Rng) -> Parts {
    let bad = loop {
        let c = rng.range(0x21, 0x7e) as u8 as char;
        if !"diw-".contains(c) {
            break c;
        }
    };
    let prefix = *rng.pick(&["", "d", "i", "di"]);
    let mut args = vec![format!("-{prefix}{bad}")];
    if rng.chance(50) {
        let enc = any_enc(rng);
        args.insert(0, enc_option(rng, enc));
    }
    if rng.chance(30) {
        args.push(rng.pick(&["-w", "--foo", "file"]).to_string());
    }
    Parts {
        args,
        stdin: b"Zm9v".to_vec(),
        ..Parts::default()
    }
}

fn long_option_argument(rng: &mut Rng) -> Parts {
    let mut args = match rng.range(0, 3) {
        0 => {
            let name = *rng.pick(&[
                "base",
                "base128",
                "base58",
                "hex",
                "base16x",
                "z86",
                "ascii85",
                "base32-hex",
                "Z85",
                "base64URL",
                "decoder",
            ]);
            vec![format!("--{name}")]
        }
        1 => {
            let name = *rng.pick(&["decode", "dec", "base16", "z85", "z", "base64", "base2msbf"]);
            let value = *rng.pick(&["", "1", "x"]);
            vec![format!("--{name}={value}")]
        }
        2 => vec![format!("--={}", rng.pick(&["", "1"]))],
        _ => strings(&["--base16", "--nope"]),
    };
    if rng.chance(40) {
        args.insert(0, "--base32".into());
    }
    Parts {
        args,
        stdin: b"Zm9v\n".to_vec(),
        ..Parts::default()
    }
}

fn missing_argument(rng: &mut Rng) -> Parts {
    let mut args = vec![rng.pick(&["-w", "-dw", "--wrap", "--wr"]).to_string()];
    if rng.chance(70) {
        let enc = any_enc(rng);
        args.insert(0, enc_option(rng, enc));
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
            "x", "", "-1", "5x", "76 ", "0x10", "+", "-", "ten", "it's", "tab\t", "\u{e9}",
        ])
        .to_string();
    let mut args = wrap_option(rng, &value);
    if rng.chance(60) {
        let enc = any_enc(rng);
        args.insert(0, enc_option(rng, enc));
    }
    if rng.chance(30) {
        args.push(rng.pick(&["--bogus", "-x", "extra1"]).to_string());
    }
    Parts {
        args,
        stdin: b"Zm9v\n".to_vec(),
        ..Parts::default()
    }
}

const MISSING_NAMES: &[&str] = &[
    "missing.txt",
    "sub/missing",
    "no such file",
    "it's",
    "#hash",
    "a:b",
    "$HOME",
    "{}",
];

fn missing_file(rng: &mut Rng) -> Parts {
    let enc = any_enc(rng);
    let name = rng.pick(MISSING_NAMES).to_string();
    let options = if rng.chance(50) {
        decode_options(rng, enc, false)
    } else {
        vec![enc_option(rng, enc)]
    };
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
    let enc = any_enc(rng);
    let mut files = BTreeMap::new();
    files.insert("sub/inner.txt".into(), b"666F6F\n".to_vec());
    let options = if rng.chance(50) {
        let ignore = rng.chance(50);
        decode_options(rng, enc, ignore)
    } else {
        vec![enc_option(rng, enc)]
    };
    Parts {
        args: place(rng, options, "sub".into()),
        files,
        ..Parts::default()
    }
}

fn extra_operand(rng: &mut Rng) -> Parts {
    const NAMES: &[&str] = &["a", "b", "-", "in.txt", "it's", "two words", "x\\y"];
    let operands: Vec<String> = (0..rng.range(2, 3))
        .map(|_| rng.pick(NAMES).to_string())
        .collect();
    let enc = any_enc(rng);
    let mut args = vec![enc_option(rng, enc)];
    for operand in operands {
        let at = rng.range(0, args.len());
        args.insert(at, operand);
    }
    let mut files = BTreeMap::new();
    files.insert("in.txt".into(), b"data\n".to_vec());
    Parts {
        args,
        files,
        ..Parts::default()
    }
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
    fn encoders_match_published_vectors() {
        for (enc, text) in [
            (Enc::Base64, &b"Zm9vYmFy"[..]),
            (Enc::Base64Url, b"Zm9vYmFy"),
            (Enc::Base32, b"MZXW6YTBOI======"),
            (Enc::Base32Hex, b"CPNMUOJ1E8======"),
            (Enc::Base16, b"666F6F626172"),
        ] {
            assert_eq!(enc.encode(b"foobar"), text, "{enc:?}");
        }
        assert_eq!(Enc::Base2Msbf.encode(&[0x81, 2]), b"1000000100000010");
        assert_eq!(Enc::Base2Lsbf.encode(&[0x81, 2]), b"1000000101000000");
        assert_eq!(Enc::Base64Url.encode(&[0xfb, 0xff]), b"-_8=");
        assert_eq!(
            Enc::Z85.encode(&[0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]),
            b"HelloWorld"
        );
        for enc in ALL {
            let len = enc.bytes_per_group() * 3;
            assert_eq!(enc.encode(&vec![7; len]).len(), enc.chars_per_group() * 3);
            assert!(
                enc.encode(&[0xff; 4])
                    .iter()
                    .all(|c| enc.alphabet().contains(c) || *c == b'=')
            );
        }
    }

    #[test]
    fn every_encoding_and_corner_is_reached() {
        let cases = generate(CATEGORIES, 5, CATEGORIES.len() * 100);
        for enc in ALL {
            let option = format!("--{}", enc.name());
            assert!(
                cases
                    .iter()
                    .any(|c| c.name.starts_with("decode-invalid-at") && c.args.contains(&option)),
                "{option}"
            );
        }
        assert!(cases.iter().any(|c| c.name.starts_with("z85-encode-large")
            && c.stdin.len() + c.files.values().map(Vec::len).sum::<usize>() > 30_720));
        assert!(cases.iter().any(|c| c.args.iter().any(|a| a == "--base3")));
    }
}
