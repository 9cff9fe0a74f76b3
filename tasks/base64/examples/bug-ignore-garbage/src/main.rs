//! A base64 submission whose --ignore-garbage treats '=' as garbage too: padding is dropped
//! with everything else outside the alphabet and the remaining text is decoded as unpadded.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Write};
use std::num::IntErrorKind;
use std::process::ExitCode;

const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Long options in the order GNU lists them; only the first three are in the task's subset.
const LONGS: [&str; 5] = ["decode", "wrap", "ignore-garbage", "help", "version"];

/// How a run ends early: message lines for stderr (without the program name).
enum Fail {
    /// A usage problem: the message is followed by the "Try ... --help" line.
    Usage(Vec<u8>),
    /// Any other error.
    Plain(Vec<u8>),
}

struct Options {
    decode: bool,
    garbage: bool,
    wrap: usize,
    file: Option<String>,
}

fn bytes_of(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

fn value(c: u8) -> Option<u32> {
    DIGITS.iter().position(|&d| d == c).map(|p| p as u32)
}

/// Single-quotes an argument C-style, as GNU does for wrap sizes and extra operands.
fn c_quote(s: &[u8]) -> Vec<u8> {
    let mut q = b"'".to_vec();
    for &c in s {
        let esc: Option<&[u8]> = match c {
            b'\\' => Some(b"\\\\"),
            b'\'' => Some(b"\\'"),
            b'\n' => Some(b"\\n"),
            b'\t' => Some(b"\\t"),
            b'\r' => Some(b"\\r"),
            0x07 => Some(b"\\a"),
            0x08 => Some(b"\\b"),
            0x0b => Some(b"\\v"),
            0x0c => Some(b"\\f"),
            _ => None,
        };
        match esc {
            Some(e) => q.extend_from_slice(e),
            None if (b' '..=b'~').contains(&c) => q.push(c),
            None => q.extend_from_slice(format!("\\{c:03o}").as_bytes()),
        }
    }
    q.push(b'\'');
    q
}

/// Quotes a file name for a message the way GNU's shell-style quoting does.
fn name_quote(s: &[u8]) -> Vec<u8> {
    let printable = |c: u8| (b' '..=b'~').contains(&c);
    let plain = |i: usize, c: u8| {
        c.is_ascii_alphanumeric()
            || b"%+,-./]_@".contains(&c)
            || (i > 0 && b"#~".contains(&c))
            || (b"{}".contains(&c) && s.len() > 1)
    };
    if !s.is_empty() && s.iter().enumerate().all(|(i, &c)| plain(i, c)) {
        return s.to_vec();
    }
    let double_ok = s.iter().enumerate().all(|(i, &c)| {
        c.is_ascii_alphanumeric() || b"%+,-./]_@: '".contains(&c) || (i == 0 && b"#~".contains(&c))
    });
    if s.contains(&b'\'') && double_ok {
        return bytes_of(&[b"\"", s, b"\""]);
    }
    let mut q = b"'".to_vec();
    let mut escaping = false;
    for &c in s {
        if c == b'\'' {
            q.extend_from_slice(b"'\\''");
            escaping = false;
        } else if printable(c) {
            if escaping {
                q.extend_from_slice(b"''");
                escaping = false;
            }
            q.push(c);
        } else {
            if !escaping {
                q.extend_from_slice(b"'$'");
                escaping = true;
            }
            // Reuse the C quoting of one byte, minus its surrounding quotes.
            let one = c_quote(&[c]);
            q.extend_from_slice(&one[1..one.len() - 1]);
        }
    }
    q.push(b'\'');
    q
}

fn os_text(e: &io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "No such file or directory".to_string(),
        ErrorKind::IsADirectory => "Is a directory".to_string(),
        ErrorKind::NotADirectory => "Not a directory".to_string(),
        ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn wrap_size(raw: &[u8]) -> Result<usize, Fail> {
    let bad = || Fail::Plain(bytes_of(&[b"invalid wrap size: ", &c_quote(raw)]));
    let start = raw
        .iter()
        .position(|c| !b" \t\n\r\x0b\x0c".contains(c))
        .unwrap_or(raw.len());
    let text = std::str::from_utf8(&raw[start..]).map_err(|_| bad())?;
    match text.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
        // A number too big for GNU's integer type turns wrapping off.
        Err(e) if *e.kind() == IntErrorKind::PosOverflow => Ok(0),
        _ => Err(bad()),
    }
}

fn parse(args: &[String]) -> Result<Options, Fail> {
    let mut opts = Options {
        decode: false,
        garbage: false,
        wrap: 76,
        file: None,
    };
    let mut operands: Vec<&str> = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word == "--" {
            operands.extend(words.by_ref().map(String::as_str));
        } else if let Some(long) = word.strip_prefix("--") {
            let (name, arg) = match long.split_once('=') {
                Some((n, a)) => (n, Some(a)),
                None => (long, None),
            };
            let exact = LONGS.iter().position(|&l| l == name);
            let prefixed: Vec<usize> = (0..LONGS.len())
                .filter(|&k| LONGS[k].starts_with(name))
                .collect();
            let k = match (exact, prefixed.as_slice()) {
                (Some(k), _) | (None, &[k]) => k,
                (None, []) => {
                    return Err(Fail::Usage(
                        format!("unrecognized option '{word}'").into_bytes(),
                    ));
                }
                (None, many) => {
                    let list: Vec<String> =
                        many.iter().map(|&k| format!(" '--{}'", LONGS[k])).collect();
                    return Err(Fail::Usage(
                        format!(
                            "option '{word}' is ambiguous; possibilities:{}",
                            list.concat()
                        )
                        .into_bytes(),
                    ));
                }
            };
            let full = LONGS[k];
            if full == "wrap" {
                let raw = match arg {
                    Some(a) => a,
                    None => words.next().map(String::as_str).ok_or_else(|| {
                        Fail::Usage(b"option '--wrap' requires an argument".to_vec())
                    })?,
                };
                opts.wrap = wrap_size(raw.as_bytes())?;
            } else if arg.is_some() {
                return Err(Fail::Usage(
                    format!("option '--{full}' doesn't allow an argument").into_bytes(),
                ));
            } else {
                match full {
                    "decode" => opts.decode = true,
                    "ignore-garbage" => opts.garbage = true,
                    _ => {
                        return Err(Fail::Plain(
                            format!("--{full} is not supported by this submission").into_bytes(),
                        ));
                    }
                }
            }
        } else if word.len() > 1 && word.starts_with('-') {
            let letters = word.as_bytes();
            for (pos, &c) in letters.iter().enumerate().skip(1) {
                match c {
                    b'd' => opts.decode = true,
                    b'i' => opts.garbage = true,
                    b'w' => {
                        let raw: Vec<u8> = if pos + 1 < letters.len() {
                            letters[pos + 1..].to_vec()
                        } else {
                            words
                                .next()
                                .ok_or_else(|| {
                                    Fail::Usage(b"option requires an argument -- 'w'".to_vec())
                                })?
                                .as_bytes()
                                .to_vec()
                        };
                        opts.wrap = wrap_size(&raw)?;
                        break;
                    }
                    other => {
                        return Err(Fail::Usage(bytes_of(&[
                            b"invalid option -- '",
                            &[other],
                            b"'",
                        ])));
                    }
                }
            }
        } else {
            operands.push(word);
        }
    }
    if let Some(extra) = operands.get(1) {
        return Err(Fail::Usage(bytes_of(&[
            b"extra operand ",
            &c_quote(extra.as_bytes()),
        ])));
    }
    opts.file = operands.first().map(|s| s.to_string());
    Ok(opts)
}

fn encode(data: &[u8]) -> Vec<u8> {
    let mut text = Vec::with_capacity(data.len() / 3 * 4 + 4);
    for chunk in data.chunks(3) {
        let mut group = [0u8; 3];
        group[..chunk.len()].copy_from_slice(chunk);
        let bits = u32::from_be_bytes([0, group[0], group[1], group[2]]);
        for k in 0..4 {
            if k <= chunk.len() {
                text.push(DIGITS[(bits >> (18 - 6 * k) & 0x3f) as usize]);
            } else {
                text.push(b'=');
            }
        }
    }
    text
}

/// Decodes one quartet (or the short tail of the input), appending each byte as soon as it
/// is known. Returns whether the group was valid.
fn quartet(q: &[u8], out: &mut Vec<u8>) -> bool {
    let v: Vec<Option<u32>> = q.iter().map(|&c| value(c)).collect();
    let (Some(a), Some(b)) = (v.first().copied().flatten(), v.get(1).copied().flatten()) else {
        return false;
    };
    out.push((a << 2 | b >> 4) as u8);
    match q.get(2) {
        None => false,
        Some(b'=') => q.len() == 4 && q[3] == b'=',
        Some(_) => {
            let Some(c) = v[2] else { return false };
            out.push(((b << 4 | c >> 2) & 0xff) as u8);
            match q.get(3) {
                None => false,
                Some(b'=') => true,
                Some(_) => match v[3] {
                    Some(d) => {
                        out.push(((c << 6 | d) & 0xff) as u8);
                        true
                    }
                    None => false,
                },
            }
        }
    }
}

/// Decodes `text`, returning the bytes and whether all of it was valid.
fn decode(text: &[u8], garbage: bool) -> (Vec<u8>, bool) {
    let kept: Vec<u8> = text
        .iter()
        .copied()
        .filter(|&c| {
            if garbage {
                c == b'=' || value(c).is_some()
            } else {
                c != b'\n'
            }
        })
        .collect();
    let mut out = Vec::with_capacity(kept.len() / 4 * 3 + 3);
    if garbage {
        // '=' is not one of the 64 digits, so it goes with the rest of the garbage and the
        // final group is decoded without padding.
        let digits: Vec<u32> = kept.iter().filter_map(|&c| value(c)).collect();
        for group in digits.chunks(4) {
            if group.len() == 1 {
                return (out, false);
            }
            let bits = group.iter().fold(0u32, |acc, &d| acc << 6 | d) << (6 * (4 - group.len()));
            out.extend_from_slice(&bits.to_be_bytes()[1..group.len()]);
        }
        return (out, true);
    }
    for group in kept.chunks(4) {
        if !quartet(group, &mut out) {
            return (out, false);
        }
    }
    (out, true)
}

fn execute(opts: &Options, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<(), Fail> {
    let mut data = Vec::new();
    let name = opts.file.as_deref().unwrap_or("-");
    let read = if name == "-" {
        stdin.read_to_end(&mut data)
    } else {
        let mut f = File::open(name).map_err(|e| {
            Fail::Plain(bytes_of(&[
                &name_quote(name.as_bytes()),
                b": ",
                os_text(&e).as_bytes(),
            ]))
        })?;
        f.read_to_end(&mut data)
    };
    read.map_err(|e| Fail::Plain(format!("read error: {}", os_text(&e)).into_bytes()))?;
    let write_err =
        |e: io::Error| Fail::Plain(format!("write error: {}", os_text(&e)).into_bytes());
    if opts.decode {
        let (bytes, ok) = decode(&data, opts.garbage);
        stdout.write_all(&bytes).map_err(write_err)?;
        if !ok {
            return Err(Fail::Plain(b"invalid input".to_vec()));
        }
    } else {
        let text = encode(&data);
        if opts.wrap == 0 {
            stdout.write_all(&text).map_err(write_err)?;
        } else {
            for line in text.chunks(opts.wrap) {
                stdout.write_all(line).map_err(write_err)?;
                stdout.write_all(b"\n").map_err(write_err)?;
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let prog = argv
        .first()
        .cloned()
        .unwrap_or_else(|| "base64".to_string());
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let result = parse(&argv[1.min(argv.len())..])
        .and_then(|opts| execute(&opts, &mut io::stdin().lock(), &mut stdout));
    let flushed = stdout.flush();
    let mut stderr = io::stderr().lock();
    let fail = match (result, flushed) {
        (Ok(()), Ok(())) => return ExitCode::SUCCESS,
        (Ok(()), Err(e)) => Fail::Plain(format!("write error: {}", os_text(&e)).into_bytes()),
        (Err(f), _) => f,
    };
    let (message, hint) = match fail {
        Fail::Usage(m) => (m, true),
        Fail::Plain(m) => (m, false),
    };
    let mut report = bytes_of(&[prog.as_bytes(), b": ", &message, b"\n"]);
    if hint {
        report.extend_from_slice(format!("Try '{prog} --help' for more information.\n").as_bytes());
    }
    let _ = stderr.write_all(&report);
    ExitCode::FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str], input: &str, expect: &str) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let opts = parse(&args).ok().expect("valid options");
        let mut out = Vec::new();
        let ok = execute(&opts, &mut input.as_bytes(), &mut out).is_ok();
        let got = format!(
            "{}{}",
            String::from_utf8_lossy(&out),
            if ok { "" } else { "<invalid>" }
        );
        assert_eq!(got, expect, "{args:?} {input:?}");
    }

    #[test]
    fn behaviour() {
        check(&[], "foobar", "Zm9vYmFy\n");
        check(&["-w3"], "fo", "Zm8\n=\n");
        check(&["-w", "0"], "f", "Zg==");
        check(&["-d"], "Zm9v\nYg==", "foob");
        check(&["-d"], "Zm9vYg", "foob<invalid>");
        check(&["-d"], "QQ==QUJD", "AABC");
        check(&["-d"], "QU=A", "A<invalid>");
        check(&["-di"], "Zm 9v!", "foo");
        check(&["-di"], "QQ==QUJD", "A\u{4}\u{14}$");
        check(&["--dec", "-"], "Zm9v", "foo");
    }
}
