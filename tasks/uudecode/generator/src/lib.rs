//! Case generator of the uudecode task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`. The categories reach both formats,
//! `-o`, several inputs (missing ones, repeated names, a later "-" that goes on writing
//! into the previous file), garbage before `begin`, malformed begin lines, truncated
//! inputs, missing `end` lines, invalid base64 and base64 lines that decode to nothing,
//! encoded names, `~` names, output paths that cannot be created, CRLF input, and
//! AutoOpts' option errors.
//!
//! Inputs never contain NUL bytes, lines stay far below 16383 bytes, and a historical
//! data line never promises more bytes than its text, newline and terminating NUL give
//! (the real tool would read stale memory).

use std::collections::BTreeMap;

use enc_common::cases::{Category, Parts, Rng, strings};

/// Every category, in the order cases cycle through them.
pub const CATEGORIES: &[Category] = &[
    ("historical", historical),
    ("base64", base64_file),
    ("garbage-around", garbage_around),
    ("output-option", output_option),
    ("stdout-name", stdout_name),
    ("bad-begin", bad_begin),
    ("short-file", short_file),
    ("no-end-line", no_end_line),
    ("encoded-name", encoded_name),
    ("base64-invalid", base64_invalid),
    ("base64-empty-line", base64_empty_line),
    ("several-inputs", several_inputs),
    ("missing-input", missing_input),
    ("crlf", crlf),
    ("option-errors", option_errors),
    ("output-with-several-inputs", output_with_several_inputs),
    ("tilde-names", tilde_names),
    ("output-paths", output_paths),
    ("dirty-data", dirty_data),
    ("existing-output", existing_output),
    ("mode-and-name-fields", mode_and_name_fields),
    ("large", large),
    ("no-begin", no_begin),
];

const WORDS: &[&str] = &[
    "uudecode",
    "the",
    "quick",
    "brown",
    "fox",
    "mail",
    "M",
    "====",
    "\t",
    "hello,",
    "world.",
    "sharutils",
    "644",
    "end",
];

/// Random bytes without NUL, or text.
fn data(rng: &mut Rng, len: usize) -> Vec<u8> {
    if rng.chance(50) {
        (0..len).map(|_| rng.range(1, 255) as u8).collect()
    } else {
        rng.text(WORDS, len)
    }
}

fn uu_char(v: u8) -> u8 {
    match v & 63 {
        0 => b'`',
        v => v + 32,
    }
}

/// Historical uuencoded lines of `bytes` (no header), terminator and `end` included.
fn uu_body(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in bytes.chunks(45) {
        out.push(uu_char(chunk.len() as u8));
        for group in chunk.chunks(3) {
            let b = [
                group[0],
                group.get(1).copied().unwrap_or(0),
                group.get(2).copied().unwrap_or(0),
            ];
            out.push(uu_char(b[0] >> 2));
            out.push(uu_char((b[0] & 3) << 4 | b[1] >> 4));
            out.push(uu_char((b[1] & 15) << 2 | b[2] >> 6));
            out.push(uu_char(b[2] & 63));
        }
        out.push(b'\n');
    }
    out.extend_from_slice(b"`\nend\n");
    out
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for k in 0..4 {
            out.push(if k <= group.len() {
                B64[(n >> (18 - 6 * k) & 63) as usize]
            } else {
                b'='
            });
        }
    }
    out
}

/// base64 lines of `bytes` (45 bytes per line), the `====` line included.
fn b64_body(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in bytes.chunks(45) {
        out.extend(base64(chunk));
        out.push(b'\n');
    }
    out.extend_from_slice(b"====\n");
    out
}

/// A complete encoded file: header and body.
fn encoded(base64_format: bool, mode: &str, name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "begin{} {mode} {name}\n",
        if base64_format { "-base64" } else { "" }
    )
    .into_bytes();
    out.extend(if base64_format {
        b64_body(bytes)
    } else {
        uu_body(bytes)
    });
    out
}

const MODES: &[&str] = &["644", "600", "664", "755", "0644", "666", "700", "640"];
const NAMES: &[&str] = &[
    "out.txt",
    "decoded.bin",
    "photo.jpg",
    "a b.txt",
    "sub/inner.dat",
    "x",
    "README",
    "data.tar.gz",
];

fn mode(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(MODES)
}

fn name(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(NAMES)
}

/// The tree every case starts from: a `sub` directory for names that go into it.
fn base_files() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    files.insert("sub/.keep".into(), Vec::new());
    files
}

/// Gives `input` on standard input or as a file operand.
fn with_input(rng: &mut Rng, mut args: Vec<String>, input: Vec<u8>) -> Parts {
    let mut files = base_files();
    if rng.chance(40) {
        let file = rng
            .pick(&["in.uu", "message.txt", "sub/att.uue"])
            .to_string();
        if rng.chance(20) {
            args.push("--".into());
        }
        args.push(file.clone());
        files.insert(file, input);
        Parts {
            args,
            stdin: b"begin 644 not-read\n`\nend\n".to_vec(),
            files,
            ..Parts::default()
        }
    } else {
        Parts {
            args,
            stdin: input,
            files,
            ..Parts::default()
        }
    }
}

/// Lines of junk that do not start with "begin" and end with a newline.
fn junk(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.range(0, 4) {
        let line: &[u8] = rng.pick::<&[u8]>(&[
            &b"From: someone@example.org"[..],
            b"Subject: the file you asked for",
            b"",
            b"  begin 644 indented.txt",
            b"BEGIN 644 upper.txt",
            b"end",
            b"====",
            b"M86)C",
            b"-- ",
            b"\tsee attachment",
        ]);
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

fn historical(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 400);
    let bytes = data(rng, len);
    let input = encoded(false, mode(rng), name(rng), &bytes);
    let args = if rng.chance(20) {
        strings(&["-c"])
    } else {
        Vec::new()
    };
    with_input(rng, args, input)
}

fn base64_file(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 400);
    let bytes = data(rng, len);
    let input = encoded(true, mode(rng), name(rng), &bytes);
    with_input(rng, Vec::new(), input)
}

fn large(rng: &mut Rng) -> Parts {
    let len = rng.range(3000, 9000);
    let bytes = data(rng, len);
    let base64 = rng.chance(50);
    let input = encoded(base64, mode(rng), name(rng), &bytes);
    with_input(rng, Vec::new(), input)
}

fn garbage_around(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 120);
    let bytes = data(rng, len);
    let mut input = junk(rng);
    let base64 = rng.chance(50);
    input.extend(encoded(base64, mode(rng), name(rng), &bytes));
    input.extend(junk(rng));
    if rng.chance(30) {
        input.extend_from_slice(b"trailing text without a newline");
    }
    with_input(rng, Vec::new(), input)
}

fn output_option(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 100);
    let bytes = data(rng, len);
    let base64 = rng.chance(50);
    let input = encoded(base64, mode(rng), name(rng), &bytes);
    let target = rng
        .pick(&["forced.bin", "-", "/dev/stdout", "sub/forced", "a b"])
        .to_string();
    let args = match rng.range(0, 3) {
        0 => vec!["-o".to_string(), target],
        1 => vec![format!("-o{target}")],
        2 => vec![format!("--output-file={target}")],
        _ => vec!["--out".to_string(), target],
    };
    with_input(rng, args, input)
}

fn stdout_name(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 100);
    let bytes = data(rng, len);
    let base64 = rng.chance(50);
    let target = rng.pick(&["-", "/dev/stdout"]);
    let input = encoded(base64, mode(rng), target, &bytes);
    with_input(rng, Vec::new(), input)
}

fn bad_begin(rng: &mut Rng) -> Parts {
    // A line starting with "begin" that is not a valid header ends the run.
    let line: &[u8] = rng.pick::<&[u8]>(&[
        &b"begin644 x\n"[..],
        b"begin-foo 644 x\n",
        b"begin-base64-base64 644 x\n",
        b"begin-encoded-encoded 644 eA==\n",
        b"begin-b 644 x\n",
        b"begin 644\n",
        b"begin 644   \n",
        b"begin x 644\n",
        b"begin 9 x\n",
        b"begin\t644 x\n",
        b"beginning of the file\n",
        b"begin-\n",
        b"begin 644 x",
    ]);
    let mut input = junk(rng);
    input.extend_from_slice(line);
    if line.ends_with(b"\n") {
        input.extend(uu_body(b"data"));
    }
    with_input(rng, Vec::new(), input)
}

fn short_file(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 150);
    let bytes = data(rng, len);
    let base64 = rng.chance(50);
    let target = if rng.chance(30) { "-" } else { name(rng) };
    let mut input = encoded(base64, mode(rng), target, &bytes);
    // Cut before the terminator line(s).
    let cut = if base64 { 5 } else { 6 } + rng.range(0, 10);
    input.truncate(input.len().saturating_sub(cut));
    while input.last().is_some_and(|&b| b != b'\n') {
        input.pop();
    }
    with_input(rng, Vec::new(), input)
}

fn no_end_line(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 100);
    let bytes = data(rng, len);
    let mut input = encoded(false, mode(rng), name(rng), &bytes);
    input.truncate(input.len() - 4);
    let ending: &[u8] = rng.pick::<&[u8]>(&[
        &b""[..],
        b"end",
        b"end \n",
        b"END\n",
        b"ending\n",
        b"\nend\n",
        b"end\r\n",
        b"end\n",
        b"en\n",
    ]);
    input.extend_from_slice(ending);
    with_input(rng, Vec::new(), input)
}

fn encoded_name(rng: &mut Rng) -> Parts {
    let plain = name(rng);
    let text = String::from_utf8(base64(plain.as_bytes())).unwrap();
    let field = match rng.range(0, 4) {
        0 | 1 => text,
        2 => text.trim_end_matches('=').to_string(),
        3 => format!(
            "{}{}",
            base64(b"ab").iter().map(|&b| b as char).collect::<String>(),
            text
        ),
        _ => format!("{text}!"),
    };
    let order = *rng.pick(&["-encoded", "-base64-encoded", "-encoded-base64"]);
    let base64 = order.contains("base64");
    let len = rng.range(0, 60);
    let bytes = data(rng, len);
    let mut input = format!("begin{order} {} {field}\n", mode(rng)).into_bytes();
    input.extend(if base64 {
        b64_body(&bytes)
    } else {
        uu_body(&bytes)
    });
    with_input(rng, Vec::new(), input)
}

fn base64_invalid(rng: &mut Rng) -> Parts {
    let len = rng.range(46, 200);
    let bytes = data(rng, len);
    let target = if rng.chance(30) { "-" } else { name(rng) };
    let mut input = encoded(true, mode(rng), target, &bytes);
    // Damage a character of the second data line (the first line is written).
    let second = input
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(1)
        .map(|(at, _)| at + 1)
        .unwrap();
    let line_len = input[second..]
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(1);
    let at = second + rng.range(0, line_len.max(1) - 1);
    input[at] = *rng.pick(b"!*-_ .\r");
    with_input(rng, Vec::new(), input)
}

fn base64_empty_line(rng: &mut Rng) -> Parts {
    // A data line that decodes to nothing: an empty line, or one to three characters
    // whose group continues on the next line.
    let len = rng.range(3, 100);
    let bytes = data(rng, len);
    let target = *rng.pick(&["-", "out.bin", "sub/out.bin", "/dev/stdout"]);
    let mut input = format!("begin-base64 {} {target}\n", mode(rng)).into_bytes();
    let text = base64(&bytes);
    match rng.range(0, 2) {
        0 => {
            input.extend_from_slice(&text);
            input.extend_from_slice(b"\n\n====\n");
        }
        1 => {
            let split = rng.range(1, 3).min(text.len());
            input.extend_from_slice(&text[..split]);
            input.push(b'\n');
            input.extend_from_slice(&text[split..]);
            input.extend_from_slice(b"\n====\n");
        }
        _ => {
            // A short group at the end of a line that also decodes to something is
            // dropped without a word at the end marker.
            input.extend_from_slice(&text);
            input.extend_from_slice(b"QUJ\n====\n");
        }
    }
    let mut parts = with_input(rng, Vec::new(), input);
    if rng.chance(50) && !target.starts_with('/') && target != "-" {
        // An existing output file leaves errno at 0 in the real tool's message.
        parts
            .files
            .insert(target.to_string(), b"old contents\n".to_vec());
    }
    parts
}

fn several_inputs(rng: &mut Rng) -> Parts {
    let mut files = base_files();
    let mut args = Vec::new();
    let count = rng.range(2, 3);
    for k in 0..count {
        let file = format!("part{k}.uu");
        let len = rng.range(0, 60);
        let bytes = data(rng, len);
        let base64 = rng.chance(50);
        // Later inputs sometimes reuse a name or write to "-", which goes to the file the
        // previous input opened.
        let target = *rng.pick(&["one.txt", "two.txt", "-", "one.txt"]);
        let mut text = junk(rng);
        text.extend(encoded(base64, mode(rng), target, &bytes));
        files.insert(file.clone(), text);
        args.push(file);
    }
    Parts {
        args,
        files,
        ..Parts::default()
    }
}

fn missing_input(rng: &mut Rng) -> Parts {
    let mut files = base_files();
    let len = rng.range(0, 60);
    let bytes = data(rng, len);
    let base64 = rng.chance(60);
    let mut good = encoded(base64, mode(rng), name(rng), &bytes);
    if base64 && rng.chance(50) {
        // Truncated: the "Short file" message then shows the errno left by the failed open.
        good.truncate(good.len() - 5);
    }
    files.insert("good.uu".into(), good);
    let missing = rng
        .pick(&["missing.uu", "sub/none.uu", "good.uu/x"])
        .to_string();
    let args = match rng.range(0, 2) {
        0 => vec![missing],
        1 => vec![missing, "good.uu".into()],
        _ => vec!["good.uu".into(), missing],
    };
    Parts {
        args,
        files,
        ..Parts::default()
    }
}

fn crlf(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 120);
    let bytes = data(rng, len);
    let base64 = rng.chance(40);
    let plain = encoded(base64, mode(rng), name(rng), &bytes);
    let mut input = Vec::new();
    for &b in &plain {
        if b == b'\n' {
            input.push(b'\r');
        }
        input.push(b);
    }
    with_input(rng, Vec::new(), input)
}

fn option_errors(rng: &mut Rng) -> Parts {
    let args = strings(rng.pick::<&[&str]>(&[
        &["-x"][..],
        &["-cx"],
        &["--foo"],
        &["--output"],
        &["--o", "x"],
        &["--=1"],
        &["-o"],
        &["--output-file"],
        &["--ignore-chmod=1"],
        &["--ig=", "in.uu"],
        &["-cc"],
        &["-c", "--ignore-chmod"],
        &["-oa", "-ob"],
        &["-o", "a", "--out", "b", "-x"],
        &["-oa", "-cc"],
        &["-c", "-o"],
        &["--output-file="],
        &["-o", "sub/missing/x"],
    ]));
    let mut files = base_files();
    files.insert("in.uu".into(), encoded(false, "644", "from-file.txt", b"x"));
    Parts {
        args,
        stdin: encoded(false, "644", "from-stdin.txt", b"hello\n"),
        files,
        ..Parts::default()
    }
}

fn output_with_several_inputs(rng: &mut Rng) -> Parts {
    let mut files = base_files();
    files.insert("a.uu".into(), encoded(false, "644", "a.txt", b"a"));
    files.insert("b.uu".into(), encoded(true, "644", "b.txt", b"b"));
    let target = rng.pick(&["all.bin", "-"]).to_string();
    Parts {
        args: vec!["-o".into(), target, "a.uu".into(), "b.uu".into()],
        files,
        ..Parts::default()
    }
}

fn tilde_names(rng: &mut Rng) -> Parts {
    let target = *rng.pick(&["~/home.txt", "~/sub2/x", "~ghost/file.txt", "~nobody99/x"]);
    let len = rng.range(0, 30);
    let bytes = data(rng, len);
    let input = encoded(rng.chance(50), "644", target, &bytes);
    let mut parts = with_input(rng, Vec::new(), input);
    if target.starts_with("~/") && rng.chance(70) {
        let home = rng.pick(&["sub", "homedir", "."]).to_string();
        parts.files.insert("homedir/sub2/.keep".into(), Vec::new());
        parts.env.insert("HOME".into(), home);
    }
    parts
}

fn output_paths(rng: &mut Rng) -> Parts {
    // Names whose file cannot be created, or whose directory exists.
    let target = *rng.pick(&["nodir/x", "sub", "sub/ok.txt", "in.txt/x", "sub/deeper/x"]);
    let len = rng.range(0, 30);
    let bytes = data(rng, len);
    let input = encoded(rng.chance(50), "644", target, &bytes);
    let mut parts = with_input(rng, Vec::new(), input);
    parts.files.insert("in.txt".into(), b"a file\n".to_vec());
    parts
}

/// One historical line of `n` bytes: the length character, then `text` padded so that
/// every character the decoder reads exists (the newline and the NUL after it count).
fn raw_line(n: usize, text: &[u8]) -> Vec<u8> {
    let needed = 4 * (n / 3) + [0, 2, 3][n % 3];
    let mut line = vec![uu_char(n as u8)];
    line.extend_from_slice(text);
    // Characters after the length one, plus the newline and the NUL that fgets leaves.
    while line.len() - 1 + 2 < needed {
        line.push(b'A');
    }
    line.push(b'\n');
    line
}

fn dirty_data(rng: &mut Rng) -> Parts {
    // The historical decoder checks nothing: lowercase and other characters decode by
    // (c - 32) & 63, extra characters are ignored, and a short line reads its newline
    // (42) and the NUL after it (32).
    let mut input = format!("begin {} {}\n", mode(rng), name(rng)).into_bytes();
    for _ in 0..rng.range(1, 4) {
        let n = rng.range(1, 45);
        let len = rng.range(0, 4 * n.div_ceil(3) + 6);
        let text: Vec<u8> = (0..len).map(|_| rng.range(0x21, 0x7e) as u8).collect();
        input.extend(raw_line(n, &text));
    }
    input.extend_from_slice(rng.pick::<&[u8]>(&[&b"`\nend\n"[..], b" \nend\n"]));
    with_input(rng, Vec::new(), input)
}

fn existing_output(rng: &mut Rng) -> Parts {
    let target = name(rng);
    let len = rng.range(0, 40);
    let bytes = data(rng, len);
    let input = encoded(rng.chance(50), mode(rng), target, &bytes);
    let mut parts = with_input(rng, Vec::new(), input);
    parts.files.insert(
        target.to_string(),
        b"previous contents that get truncated\n".to_vec(),
    );
    parts
}

fn mode_and_name_fields(rng: &mut Rng) -> Parts {
    let header: &[u8] = rng.pick::<&[u8]>(&[
        &b"begin 648 x\n"[..],
        b"begin 644x.txt\n",
        b"begin   644    spaced.txt\n",
        b"begin 644 trailing.txt   \n",
        b"begin -644 negative.txt\n",
        b"begin +600 plus.txt\n",
        b"begin 0600 octal.txt\n",
        b"begin 644 tab\tinside.txt\n",
        b"begin 644 trailing-tab.txt\t\n",
    ]);
    let len = rng.range(0, 40);
    let bytes = data(rng, len);
    let mut input = header.to_vec();
    input.extend(uu_body(&bytes));
    with_input(rng, Vec::new(), input)
}

fn no_begin(rng: &mut Rng) -> Parts {
    let input: Vec<u8> = match rng.range(0, 3) {
        0 => Vec::new(),
        1 => junk(rng),
        2 => b"just some text\nwith no header\n".to_vec(),
        _ => b"text then a last line without newline".to_vec(),
    };
    with_input(rng, Vec::new(), input)
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
    fn inputs_stay_inside_the_subset() {
        for case in generate(CATEGORIES, 3, CATEGORIES.len() * 30) {
            let inputs = std::iter::once(&case.stdin).chain(case.files.values());
            for input in inputs {
                assert!(!input.contains(&0), "{} has a NUL", case.name);
                assert!(
                    input.split(|&b| b == b'\n').all(|line| line.len() < 1000),
                    "{} has a long line",
                    case.name
                );
            }
            let total: usize = case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
            assert!(total <= 20_000, "{} has {total} bytes", case.name);
        }
    }

    /// Whether every historical data line after a `begin ` header can be decoded from
    /// its own text, newline and NUL.
    fn lines_are_self_contained(input: &[u8]) -> bool {
        let mut in_data = false;
        for line in input.split_inclusive(|&b| b == b'\n') {
            if !in_data {
                in_data = line.starts_with(b"begin ") || line.starts_with(b"begin-encoded ");
                continue;
            }
            let n = usize::from(line[0].wrapping_sub(b' ') & 63);
            if n == 0 {
                in_data = false;
                continue;
            }
            let needed = 4 * (n / 3) + [0, 2, 3][n % 3];
            let text = line.len() - 1 - usize::from(line.ends_with(b"\n"));
            let available = text + if line.ends_with(b"\n") { 2 } else { 1 };
            if needed > available {
                return false;
            }
        }
        true
    }

    #[test]
    fn historical_lines_never_read_past_their_end() {
        for case in generate(CATEGORIES, 5, CATEGORIES.len() * 40) {
            for input in std::iter::once(&case.stdin).chain(case.files.values()) {
                assert!(lines_are_self_contained(input), "{}", case.name);
            }
        }
    }

    #[test]
    fn encoders_match_the_real_tool() {
        assert_eq!(
            encoded(false, "644", "greeting.txt", b"Hello, world!\n"),
            b"begin 644 greeting.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n"
        );
        assert_eq!(
            encoded(true, "644", "g", b"Hello, world!\n"),
            b"begin-base64 644 g\nSGVsbG8sIHdvcmxkIQo=\n====\n"
        );
        // Missing characters are padded so that the decoder never reads past the NUL
        // that follows the newline.
        assert_eq!(raw_line(4, b"abcd"), b"$abcd\n");
        assert_eq!(raw_line(4, b"ab"), b"$abAA\n");
        assert_eq!(raw_line(1, b""), b"!\n");
        assert_eq!(raw_line(3, b"ab"), b"#ab\n");
    }
}
