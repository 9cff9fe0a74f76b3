//! A correct base32 submission, written apart from the reference: it parses the command
//! line by hand, reads all of its input at once and decodes the filtered text eight
//! characters at a time.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Write};
use std::process::ExitCode;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Long option names in GNU's order (the last two are outside the task's subset).
const LONG_NAMES: [&str; 5] = ["decode", "wrap", "ignore-garbage", "help", "version"];

/// An early end: the message (without "PROG: ") and whether the --help hint follows.
struct Failure {
    message: Vec<u8>,
    hint: bool,
}

fn usage(message: Vec<u8>) -> Failure {
    Failure {
        message,
        hint: true,
    }
}

fn plain(message: Vec<u8>) -> Failure {
    Failure {
        message,
        hint: false,
    }
}

fn digit(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u8)
}

/// Single quotes with C escapes, for wrap sizes and operands.
fn quoted(text: &[u8]) -> Vec<u8> {
    let mut out = vec![b'\''];
    for &c in text {
        match c {
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\x07' => out.extend_from_slice(b"\\a"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\x0c' => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\x0b' => out.extend_from_slice(b"\\v"),
            b' '..=b'~' => out.push(c),
            _ => out.extend_from_slice(format!("\\{c:03o}").as_bytes()),
        }
    }
    out.push(b'\'');
    out
}

/// Shell-style quoting of a file name (printable ASCII names only).
fn shell_quoted(name: &[u8]) -> Vec<u8> {
    let safe = |i: usize, c: u8| {
        c.is_ascii_alphanumeric()
            || b"%+,-./]_@".contains(&c)
            || (i > 0 && (c == b'#' || c == b'~'))
            || ((c == b'{' || c == b'}') && name.len() > 1)
    };
    if !name.is_empty() && name.iter().enumerate().all(|(i, &c)| safe(i, c)) {
        return name.to_vec();
    }
    let double_ok = name.iter().enumerate().all(|(i, &c)| {
        c.is_ascii_alphanumeric()
            || b"%+,-./]_@: '".contains(&c)
            || (i == 0 && (c == b'#' || c == b'~'))
    });
    if double_ok && name.contains(&b'\'') {
        return [&b"\""[..], name, b"\""].concat();
    }
    let mut out = vec![b'\''];
    for &c in name {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(c);
        }
    }
    out.push(b'\'');
    out
}

fn errno_words(e: &io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "No such file or directory".into(),
        ErrorKind::IsADirectory => "Is a directory".into(),
        ErrorKind::NotADirectory => "Not a directory".into(),
        ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

/// A `-w` value: blanks, a sign, digits and nothing else; big values mean "no wrapping".
fn parse_columns(raw: &str) -> Result<usize, Failure> {
    let invalid = || plain([&b"invalid wrap size: "[..], &quoted(raw.as_bytes())].concat());
    let trimmed = raw.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let zero = digits.bytes().all(|b| b == b'0');
    if negative {
        return if zero { Ok(0) } else { Err(invalid()) };
    }
    match digits.parse::<i64>() {
        Ok(n) => Ok(n as usize),
        // Beyond i64: GNU ends up not wrapping at all.
        Err(_) => Ok(0),
    }
}

struct Settings {
    decode: bool,
    ignore: bool,
    columns: usize,
    input: Option<String>,
}

enum Parsed {
    Go(Settings),
    Help,
    Version,
}

fn parse(args: &[String]) -> Result<Parsed, Failure> {
    let mut settings = Settings {
        decode: false,
        ignore: false,
        columns: 76,
        input: None,
    };
    let mut operands: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        i += 1;
        if word == "--" {
            operands.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let hits: Vec<&str> = if LONG_NAMES.contains(&name) {
                vec![name]
            } else {
                LONG_NAMES
                    .iter()
                    .copied()
                    .filter(|n| n.starts_with(name))
                    .collect()
            };
            let full = match hits.as_slice() {
                [one] => *one,
                [] => {
                    return Err(usage(
                        format!("unrecognized option '--{long}'").into_bytes(),
                    ));
                }
                many => {
                    let list: Vec<String> = many.iter().map(|n| format!(" '--{n}'")).collect();
                    return Err(usage(
                        format!(
                            "option '--{long}' is ambiguous; possibilities:{}",
                            list.concat()
                        )
                        .into_bytes(),
                    ));
                }
            };
            if full == "wrap" {
                let value = match value {
                    Some(v) => v.to_string(),
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => {
                        return Err(usage(b"option '--wrap' requires an argument".to_vec()));
                    }
                };
                settings.columns = parse_columns(&value)?;
                continue;
            }
            if value.is_some() {
                return Err(usage(
                    format!("option '--{full}' doesn't allow an argument").into_bytes(),
                ));
            }
            match full {
                "decode" => settings.decode = true,
                "ignore-garbage" => settings.ignore = true,
                "help" => return Ok(Parsed::Help),
                _ => return Ok(Parsed::Version),
            }
            continue;
        }
        if word.len() < 2 || !word.starts_with('-') {
            operands.push(word.clone());
            continue;
        }
        let letters = word.as_bytes();
        let mut k = 1;
        while k < letters.len() {
            match letters[k] {
                b'd' => settings.decode = true,
                b'i' => settings.ignore = true,
                b'w' => {
                    let value = if k + 1 < letters.len() {
                        word[k + 1..].to_string()
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(usage(b"option requires an argument -- 'w'".to_vec()));
                    };
                    settings.columns = parse_columns(&value)?;
                    break;
                }
                other => {
                    return Err(usage(
                        [&b"invalid option -- '"[..], &[other], b"'"].concat(),
                    ));
                }
            }
            k += 1;
        }
    }
    if operands.len() > 1 {
        return Err(usage(
            [&b"extra operand "[..], &quoted(operands[1].as_bytes())].concat(),
        ));
    }
    settings.input = operands.pop();
    Ok(Parsed::Go(settings))
}

fn encode(data: &[u8]) -> Vec<u8> {
    let mut text = Vec::with_capacity(data.len() / 5 * 8 + 8);
    for chunk in data.chunks(5) {
        let mut bits: u64 = 0;
        for k in 0..5 {
            bits = bits << 8 | u64::from(chunk.get(k).copied().unwrap_or(0));
        }
        let chars = [2, 4, 5, 7, 8][chunk.len() - 1];
        for k in 0..8 {
            text.push(if k < chars {
                ALPHABET[(bits >> (35 - 5 * k) & 0x1f) as usize]
            } else {
                b'='
            });
        }
    }
    text
}

fn wrap(text: &[u8], columns: usize) -> Vec<u8> {
    if columns == 0 {
        return text.to_vec();
    }
    let mut out = Vec::with_capacity(text.len() + text.len() / columns + 1);
    for line in text.chunks(columns) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

/// Decodes filtered text; returns the bytes written and whether everything was valid.
fn decode(text: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(text.len() / 8 * 5 + 5);
    for group in text.chunks(8) {
        if group.len() < 8 {
            return (out, false);
        }
        let mut v = [0u8; 8];
        // How many leading characters are alphabet characters before the first '='.
        let mut known = 0;
        while known < 8 {
            match digit(group[known]) {
                Some(d) => v[known] = d,
                None => break,
            }
            known += 1;
        }
        // The characters each output byte needs, and where padding may start.
        let needs = [2, 4, 5, 7, 8];
        let mut bytes_ok = 0;
        for &n in &needs {
            if known >= n {
                bytes_ok += 1;
            } else {
                break;
            }
        }
        let bits = v.iter().fold(0u64, |acc, &d| acc << 5 | u64::from(d));
        let all_bytes = bits.to_be_bytes();
        out.extend_from_slice(&all_bytes[3..3 + bytes_ok]);
        if known == 8 {
            continue;
        }
        // Padding is allowed to start only right after a complete byte boundary.
        let pad_from = [2, 4, 5, 7];
        let valid = bytes_ok >= 1
            && known == needs[bytes_ok - 1]
            && pad_from.contains(&known)
            && group[known..].iter().all(|&c| c == b'=');
        if !valid {
            return (out, false);
        }
    }
    (out, true)
}

fn run(argv: &[String]) -> Result<(), Failure> {
    let settings = match parse(&argv[1.min(argv.len())..])? {
        Parsed::Go(s) => s,
        Parsed::Help => {
            println!("Usage: base32 [OPTION]... [FILE]");
            return Ok(());
        }
        Parsed::Version => {
            println!("base32 (example submission)");
            return Ok(());
        }
    };
    let mut data = Vec::new();
    let read = match settings.input.as_deref() {
        None | Some("-") => io::stdin().read_to_end(&mut data),
        Some(name) => match File::open(name) {
            Ok(mut f) => f.read_to_end(&mut data),
            Err(e) => {
                return Err(plain(
                    [
                        &shell_quoted(name.as_bytes())[..],
                        b": ",
                        errno_words(&e).as_bytes(),
                    ]
                    .concat(),
                ));
            }
        },
    };
    if let Err(e) = read {
        return Err(plain(
            format!("read error: {}", errno_words(&e)).into_bytes(),
        ));
    }
    let mut stdout = io::stdout().lock();
    if settings.decode {
        let text: Vec<u8> = data
            .into_iter()
            .filter(|&c| {
                if settings.ignore {
                    c == b'=' || digit(c).is_some()
                } else {
                    c != b'\n'
                }
            })
            .collect();
        let (bytes, valid) = decode(&text);
        let _ = stdout.write_all(&bytes);
        let _ = stdout.flush();
        if !valid {
            return Err(plain(b"invalid input".to_vec()));
        }
    } else {
        let _ = stdout.write_all(&wrap(&encode(&data), settings.columns));
        let _ = stdout.flush();
    }
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let program = argv.first().cloned().unwrap_or_else(|| "base32".into());
    match run(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let mut stderr = io::stderr().lock();
            let mut text = [program.as_bytes(), b": ", &failure.message, b"\n"].concat();
            if failure.hint {
                text.extend_from_slice(
                    format!("Try '{program} --help' for more information.\n").as_bytes(),
                );
            }
            let _ = stderr.write_all(&text);
            ExitCode::FAILURE
        }
    }
}
