//! A buggy hexdump submission: the correct example, except that identical lines are
//! always shown, as if -v were given; hexdump replaces repeats with one `*` line.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Write};
use std::process::ExitCode;

struct Fail(String, u8);

fn words(e: &io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "No such file or directory",
        ErrorKind::IsADirectory => "Is a directory",
        ErrorKind::NotADirectory => "Not a directory",
        ErrorKind::PermissionDenied => "Permission denied",
        _ => "Input/output error",
    }
}

#[derive(Clone, Debug)]
struct Conv {
    /// Literal text printed before the conversion.
    pre: Vec<u8>,
    flags: String,
    width: usize,
    prec: Option<usize>,
    /// 'd' 'i' 'o' 'u' 'x' 'X' 'c' 's', or 'a'/'A' (+ radix in `radix`), 'C' `_c`, 'p', 'U'.
    kind: char,
    radix: char,
    bytes: usize,
    /// Text only (no conversion).
    text_only: bool,
}

#[derive(Clone, Debug)]
struct Unit {
    reps: i64,
    explicit_reps: bool,
    bytes: i64,
    convs: Vec<Conv>,
    has_end_address: bool,
}

fn bad_format(f: &str) -> Fail {
    Fail(format!("hexdump: bad format {{{f}}}\n"), 1)
}

fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut it = s.iter().copied().peekable();
    while let Some(c) = it.next() {
        if c == b'\\' {
            match it.next() {
                Some(b'a') => out.push(7),
                Some(b'b') => out.push(8),
                Some(b'f') => out.push(12),
                Some(b'n') => out.push(b'\n'),
                Some(b'r') => out.push(b'\r'),
                Some(b't') => out.push(b'\t'),
                Some(b'v') => out.push(11),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn read_int(s: &[u8], at: &mut usize) -> Option<i64> {
    let start = *at;
    while *at < s.len() && s[*at].is_ascii_digit() {
        *at += 1;
    }
    if *at == start {
        return None;
    }
    std::str::from_utf8(&s[start..*at])
        .ok()?
        .parse::<i64>()
        .ok()
        .map(|v| i64::from(v as i32))
}

/// A unit as written: repetitions, whether they were given, bytes, escaped format text.
type RawUnit = (i64, bool, i64, Vec<u8>);

/// Splits a format string into units with their escaped format text.
fn split_units(f: &str) -> Result<Vec<RawUnit>, Fail> {
    let s = f.as_bytes();
    let sp = |c: u8| b" \t\n\r\x0b\x0c".contains(&c);
    let mut units = Vec::new();
    let mut at = 0;
    loop {
        while at < s.len() && sp(s[at]) {
            at += 1;
        }
        if at >= s.len() {
            break;
        }
        let (mut reps, mut explicit, mut bytes) = (1, false, 0);
        if s[at].is_ascii_digit() {
            reps = read_int(s, &mut at).ok_or_else(|| bad_format(f))?;
            if at >= s.len() || !(sp(s[at]) || s[at] == b'/') {
                return Err(bad_format(f));
            }
            explicit = true;
            at += 1;
            while at < s.len() && sp(s[at]) {
                at += 1;
            }
        }
        if at < s.len() && s[at] == b'/' {
            at += 1;
            while at < s.len() && sp(s[at]) {
                at += 1;
            }
        }
        if at < s.len() && s[at].is_ascii_digit() {
            bytes = read_int(s, &mut at).ok_or_else(|| bad_format(f))?;
            if at >= s.len() || !sp(s[at]) {
                return Err(bad_format(f));
            }
            at += 1;
            while at < s.len() && sp(s[at]) {
                at += 1;
            }
        }
        if at >= s.len() || s[at] != b'"' {
            return Err(bad_format(f));
        }
        let close = s[at + 1..]
            .iter()
            .position(|&c| c == b'"')
            .ok_or_else(|| bad_format(f))?;
        units.push((reps, explicit, bytes, unescape(&s[at + 1..at + 1 + close])));
        at += close + 2;
    }
    Ok(units)
}

/// The bytes a unit's text claims, counted as hexdump does before checking the syntax.
fn claimed(text: &[u8]) -> i64 {
    let mut n = 0;
    let mut k = 0;
    while k < text.len() {
        if text[k] != b'%' {
            k += 1;
            continue;
        }
        k += 1;
        while k < text.len() && b"#-+ 0123456789".contains(&text[k]) {
            k += 1;
        }
        let mut prec = 0;
        if k < text.len() && text[k] == b'.' {
            k += 1;
            if k < text.len() && text[k].is_ascii_digit() {
                prec = read_int(text, &mut k).unwrap_or(0);
            }
        }
        match text.get(k) {
            Some(c) if b"diouxX".contains(c) => n += 4,
            Some(c) if b"efgEG".contains(c) => n += 8,
            Some(b's') => n += prec,
            Some(b'c') => n += 1,
            Some(b'_') => {
                k += 1;
                if text.get(k).is_some_and(|c| b"cpu".contains(c)) {
                    n += 1;
                }
            }
            _ => {}
        }
        k += 1;
    }
    n
}

/// Turns a unit's text into conversions, with the error checks.
fn parse_convs(text: &[u8], unit_bytes: i64) -> Result<Vec<Conv>, Fail> {
    let err = |m: String| Fail(format!("hexdump: {m}\n"), 1);
    let mut convs = Vec::new();
    let mut start = 0;
    let mut counted = 0;
    while start < text.len() {
        let Some(rel) = text[start..].iter().position(|&c| c == b'%') else {
            convs.push(Conv {
                pre: text[start..].to_vec(),
                flags: String::new(),
                width: 0,
                prec: None,
                kind: ' ',
                radix: ' ',
                bytes: 0,
                text_only: true,
            });
            break;
        };
        let pct = start + rel;
        let mut k = pct + 1;
        let mut prec = None;
        if unit_bytes != 0 {
            while k < text.len() && b".#-+ 0123456789".contains(&text[k]) {
                k += 1;
            }
        } else {
            while k < text.len() && b"#-+ 0123456789".contains(&text[k]) {
                k += 1;
            }
            if k < text.len() && text[k] == b'.' {
                k += 1;
                if k < text.len() && text[k].is_ascii_digit() {
                    prec = Some(read_int(text, &mut k).unwrap_or(0) as usize);
                }
            }
        }
        let spec = String::from_utf8_lossy(&text[pct + 1..k]).into_owned();
        let flags: String = spec.chars().take_while(|c| "-+ #0".contains(*c)).collect();
        let rest = &spec[flags.len()..];
        let width_text: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let width = width_text.parse().unwrap_or(0);
        let spec_prec = rest[width_text.len()..].strip_prefix('.').map(|p| {
            p.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap_or(0)
        });
        let c = text.get(k).copied().unwrap_or(0);
        let mut end = k + 1;
        let ub = unit_bytes as usize;
        let (kind, radix, bytes) = match c {
            b'c' => {
                if ub > 1 {
                    return Err(err("bad byte count for conversion character c".into()));
                }
                ('c', ' ', 1)
            }
            b'd' | b'i' | b'o' | b'u' | b'x' | b'X' => match ub {
                0 => (c as char, ' ', 4),
                1 | 2 | 4 | 8 => (c as char, ' ', ub),
                _ => {
                    return Err(err(format!(
                        "bad byte count for conversion character {}",
                        c as char
                    )));
                }
            },
            b'e' | b'f' | b'g' | b'E' | b'G' => match ub {
                0 => ('f', ' ', 8),
                4 | 8 => ('f', ' ', ub),
                _ => {
                    return Err(err(format!(
                        "bad byte count for conversion character {}",
                        c as char
                    )));
                }
            },
            b's' => {
                if ub != 0 {
                    ('s', ' ', ub)
                } else if let Some(p) = prec {
                    ('s', ' ', p)
                } else {
                    return Err(err("%s requires a precision or a byte count".into()));
                }
            }
            b'_' => {
                end += 1;
                let next = text.get(k + 1).copied().unwrap_or(0);
                match next {
                    b'a' | b'A' => {
                        end += 1;
                        let r = text.get(k + 2).copied().unwrap_or(0);
                        if !b"dox".contains(&r) || r == 0 {
                            let shown = String::from_utf8_lossy(&text[k..(k + 3).min(text.len())])
                                .into_owned();
                            return Err(err(format!("bad conversion character %{shown}")));
                        }
                        (next as char, r as char, 0)
                    }
                    b'c' | b'p' | b'u' => {
                        if ub > 1 {
                            return Err(err(format!(
                                "bad byte count for conversion character _{}",
                                next as char
                            )));
                        }
                        (
                            match next {
                                b'c' => 'C',
                                b'p' => 'p',
                                _ => 'U',
                            },
                            ' ',
                            1,
                        )
                    }
                    _ => {
                        let shown =
                            String::from_utf8_lossy(&text[k..(k + 2).min(text.len())]).into_owned();
                        return Err(err(format!("bad conversion character %{shown}")));
                    }
                }
            }
            _ => {
                let shown = String::from_utf8_lossy(&text[k..(k + 1).min(text.len())]).into_owned();
                return Err(err(format!("bad conversion character %{shown}")));
            }
        };
        if !matches!(kind, 'a' | 'A') && unit_bytes != 0 {
            counted += 1;
            if counted > 1 {
                return Err(err("byte count with multiple conversion characters".into()));
            }
        }
        convs.push(Conv {
            pre: text[start..pct].to_vec(),
            flags,
            width,
            prec: spec_prec,
            kind,
            radix,
            bytes,
            text_only: false,
        });
        start = end.min(text.len());
    }
    Ok(convs)
}

/// Pads `body` (with a sign or prefix in `head`) as printf would.
fn pad(out: &mut Vec<u8>, c: &Conv, head: &[u8], body: &[u8], zero_ok: bool) {
    let fill = c.width.saturating_sub(head.len() + body.len());
    if c.flags.contains('-') {
        out.extend_from_slice(head);
        out.extend_from_slice(body);
        out.extend(std::iter::repeat_n(b' ', fill));
    } else if c.flags.contains('0') && zero_ok {
        out.extend_from_slice(head);
        out.extend(std::iter::repeat_n(b'0', fill));
        out.extend_from_slice(body);
    } else {
        out.extend(std::iter::repeat_n(b' ', fill));
        out.extend_from_slice(head);
        out.extend_from_slice(body);
    }
}

fn int(out: &mut Vec<u8>, c: &Conv, conv: char, value: u64) {
    let signed = matches!(conv, 'd' | 'i');
    let neg = signed && (value as i64) < 0;
    let mag = if signed {
        (value as i64).unsigned_abs()
    } else {
        value
    };
    let mut digits = match conv {
        'o' => format!("{mag:o}"),
        'x' => format!("{mag:x}"),
        'X' => format!("{mag:X}"),
        _ => format!("{mag}"),
    };
    if let Some(p) = c.prec {
        if p == 0 && mag == 0 {
            digits.clear();
        }
        while digits.len() < p {
            digits.insert(0, '0');
        }
    }
    let mut head = String::new();
    if signed {
        if neg {
            head.push('-');
        } else if c.flags.contains('+') {
            head.push('+');
        } else if c.flags.contains(' ') {
            head.push(' ');
        }
    } else if c.flags.contains('#') {
        match conv {
            'o' if !digits.starts_with('0') => digits.insert(0, '0'),
            'x' if mag != 0 => head.push_str("0x"),
            'X' if mag != 0 => head.push_str("0X"),
            _ => {}
        }
    }
    pad(out, c, head.as_bytes(), digits.as_bytes(), c.prec.is_none());
}

fn string(out: &mut Vec<u8>, c: &Conv, s: &[u8]) {
    let s = match c.prec {
        Some(p) if p < s.len() => &s[..p],
        _ => s,
    };
    pad(out, c, b"", s, false);
}

fn show(out: &mut Vec<u8>, c: &Conv, data: &[u8], address: i64, past_end: bool, drop_last: bool) {
    let pre = if drop_last && c.text_only {
        &c.pre[..c.pre.len() - 1]
    } else {
        &c.pre[..]
    };
    out.extend_from_slice(pre);
    if c.text_only {
        return;
    }
    if past_end && !matches!(c.kind, 'A') {
        out.extend(std::iter::repeat_n(b' ', c.width));
        return;
    }
    let b = |k: usize| data.get(k).copied().unwrap_or(0);
    let le = |n: usize| (0..n).rev().fold(0u64, |acc, k| acc << 8 | u64::from(b(k)));
    let printable = |x: u8| (0x20..0x7f).contains(&x);
    match c.kind {
        'a' | 'A' => int(out, c, c.radix, address as u64),
        'c' => pad(out, c, b"", &[b(0)], false),
        'p' => pad(
            out,
            c,
            b"",
            &[if printable(b(0)) { b(0) } else { b'.' }],
            false,
        ),
        'C' => {
            let x = b(0);
            let named = match x {
                0 => Some("\\0"),
                7 => Some("\\a"),
                8 => Some("\\b"),
                12 => Some("\\f"),
                10 => Some("\\n"),
                13 => Some("\\r"),
                9 => Some("\\t"),
                11 => Some("\\v"),
                _ => None,
            };
            match named {
                Some(n) => string(out, c, n.as_bytes()),
                None if printable(x) => pad(out, c, b"", &[x], false),
                None => string(out, c, format!("{x:03o}").as_bytes()),
            }
        }
        'U' => {
            const NAMES: [&str; 32] = [
                "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt",
                "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
                "can", "em", "sub", "esc", "fs", "gs", "rs", "us",
            ];
            let x = b(0);
            if x < 32 {
                string(out, c, NAMES[usize::from(x)].as_bytes());
            } else if x == 127 {
                string(out, c, b"del");
            } else if printable(x) {
                pad(out, c, b"", &[x], false);
            } else {
                int(out, c, 'x', u64::from(x));
            }
        }
        's' => {
            let s: Vec<u8> = (0..c.bytes).map(b).take_while(|&x| x != 0).collect();
            string(out, c, &s);
        }
        'd' | 'i' => {
            let raw = le(c.bytes);
            let shift = 64 - 8 * c.bytes as u32;
            int(out, c, c.kind, (((raw << shift) as i64) >> shift) as u64);
        }
        'f' => {
            let v = if c.bytes == 4 {
                f64::from(f32::from_bits(le(4) as u32))
            } else {
                f64::from_bits(le(8))
            };
            out.extend_from_slice(format!("{v}").as_bytes());
        }
        k => int(out, c, k, le(c.bytes)),
    }
}

/// Reads a size: a C number and an optional K/M/G... suffix (KiB, KB).
fn size(v: &str, what: &str) -> Result<i64, Fail> {
    let bad = |why: &str| {
        Fail(
            format!("hexdump: failed to parse {what}: '{v}': {why}\n"),
            1,
        )
    };
    let t = v.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    if t.starts_with('-') || t.is_empty() {
        return Err(bad("Invalid argument"));
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let (radix, body) = if (t.starts_with("0x") || t.starts_with("0X"))
        && t[2..].chars().next().is_some_and(|c| c.is_ascii_hexdigit())
    {
        (16, &t[2..])
    } else if t.starts_with('0') {
        (8, t)
    } else {
        (10, t)
    };
    let digits: String = body.chars().take_while(|c| c.is_digit(radix)).collect();
    if digits.is_empty() {
        return Err(bad("Invalid argument"));
    }
    let mut n =
        u64::from_str_radix(&digits, radix).map_err(|_| bad("Numerical result out of range"))?;
    let suffix = &body[digits.len()..];
    if !suffix.is_empty() {
        let letters = suffix.as_bytes();
        let (unit, letter) = match letters {
            [l, b'i', b'B' | b'b'] => (1024u64, *l),
            [l, b'B' | b'b'] => (1000, *l),
            [l] => (1024, *l),
            _ => return Err(bad("Invalid argument")),
        };
        let power = "KMGTPEZY"
            .find(letter.to_ascii_uppercase() as char)
            .ok_or_else(|| bad("Invalid argument"))?;
        for _ in 0..=power {
            n = n
                .checked_mul(unit)
                .ok_or_else(|| bad("Numerical result out of range"))?;
        }
    }
    Ok(n as i64)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = match run(&argv[1..], &mut out, &mut err) {
        Ok(code) => code,
        Err(Fail(m, code)) => {
            err.extend_from_slice(m.as_bytes());
            code
        }
    };
    let _ = io::stdout().lock().write_all(&out);
    let _ = io::stderr().lock().write_all(&err);
    ExitCode::from(code)
}

fn run(args: &[String], out: &mut Vec<u8>, err: &mut Vec<u8>) -> Result<u8, Fail> {
    const LONGS: [(&str, char, u8); 14] = [
        ("one-byte-octal", 'b', 0),
        ("one-byte-char", 'c', 0),
        ("canonical", 'C', 0),
        ("two-bytes-decimal", 'd', 0),
        ("two-bytes-octal", 'o', 0),
        ("two-bytes-hex", 'x', 0),
        ("format", 'e', 1),
        ("format-file", 'f', 1),
        ("color", 'L', 2),
        ("length", 'n', 1),
        ("skip", 's', 1),
        ("no-squeezing", 'v', 0),
        ("help", 'h', 0),
        ("version", 'V', 0),
    ];
    let try_help = |m: String| {
        Fail(
            format!("hexdump: {m}\nTry 'hexdump --help' for more information.\n"),
            1,
        )
    };
    let mut formats: Vec<String> = Vec::new();
    let (mut length, mut skip, mut squeeze) = (-1i64, 0i64, true);
    let mut files = Vec::new();
    let mut i = 0;
    let off7 = "\"%07.7_Ax\\n\"";
    while i < args.len() {
        let a = args[i].clone();
        i += 1;
        let mut found: Vec<(char, Option<String>)> = Vec::new();
        if a == "--" {
            files.extend(args[i..].iter().cloned());
            break;
        } else if let Some(body) = a.strip_prefix("--") {
            let (name, val) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let hits: Vec<&(&str, char, u8)> = match LONGS.iter().find(|l| l.0 == name) {
                Some(l) => vec![l],
                None => LONGS.iter().filter(|l| l.0.starts_with(name)).collect(),
            };
            let &(full, c, arg) = match hits.as_slice() {
                [one] => *one,
                [] => return Err(try_help(format!("unrecognized option '--{body}'"))),
                many => {
                    let list: String = many.iter().map(|l| format!(" '--{}'", l.0)).collect();
                    return Err(try_help(format!(
                        "option '--{body}' is ambiguous; possibilities:{list}"
                    )));
                }
            };
            let v = match (arg, val) {
                (0, Some(_)) => {
                    return Err(try_help(format!(
                        "option '--{full}' doesn't allow an argument"
                    )));
                }
                (0, None) | (2, None) => None,
                (_, Some(v)) => Some(v),
                (_, None) => {
                    if i < args.len() {
                        i += 1;
                        Some(args[i - 1].clone())
                    } else {
                        return Err(try_help(format!("option '--{full}' requires an argument")));
                    }
                }
            };
            found.push((c, v));
        } else if a.len() > 1 && a.starts_with('-') {
            let cs: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                k += 1;
                match c {
                    'b' | 'c' | 'C' | 'd' | 'o' | 'x' | 'v' | 'h' | 'V' => found.push((c, None)),
                    'e' | 'f' | 'n' | 's' => {
                        let rest: String = cs[k..].iter().collect();
                        let v = if !rest.is_empty() {
                            rest
                        } else if i < args.len() {
                            i += 1;
                            args[i - 1].clone()
                        } else {
                            return Err(try_help(format!("option requires an argument -- '{c}'")));
                        };
                        found.push((c, Some(v)));
                        break;
                    }
                    'L' => {
                        found.push((c, None));
                        break;
                    }
                    _ => return Err(try_help(format!("invalid option -- '{c}'"))),
                }
            }
        } else {
            files.push(a);
            continue;
        }
        for (c, v) in found {
            let builtin = |f: &mut Vec<String>, line: &str| {
                f.push(off7.into());
                f.push(line.into());
            };
            match c {
                'b' => builtin(&mut formats, "\"%07.7_ax \" 16/1 \"%03o \" \"\\n\""),
                'c' => builtin(&mut formats, "\"%07.7_ax \" 16/1 \"%3_c \" \"\\n\""),
                'd' => builtin(&mut formats, "\"%07.7_ax \" 8/2 \"  %05u \" \"\\n\""),
                'o' => builtin(&mut formats, "\"%07.7_ax \" 8/2 \" %06o \" \"\\n\""),
                'x' => builtin(&mut formats, "\"%07.7_ax \" 8/2 \"   %04x \" \"\\n\""),
                'C' => {
                    formats.push("\"%08.8_Ax\n\"".into());
                    formats.push("\"%08.8_ax  \" 8/1 \"%02x \" \"  \" 8/1 \"%02x \" ".into());
                    formats.push("\"  |\" 16/1 \"%_p\" \"|\\n\"".into());
                }
                'e' => {
                    let f = v.unwrap_or_default();
                    split_units(&f)?;
                    formats.push(f);
                }
                'n' => length = size(&v.unwrap_or_default(), "length")?,
                's' => skip = size(&v.unwrap_or_default(), "offset")?,
                'v' => squeeze = false,
                _ => {
                    out.extend_from_slice(b"hexdump (example submission)\n");
                    return Ok(0);
                }
            }
        }
    }
    if formats.is_empty() {
        formats.push(off7.into());
        formats.push("\"%07.7_ax \" 8/2 \"%04x \" \"\\n\"".into());
    }
    // Units, block size, conversions, repetitions.
    let mut all: Vec<(Vec<Unit>, i64)> = Vec::new();
    for f in &formats {
        let units: Vec<Unit> = split_units(f)?
            .into_iter()
            .map(|(reps, explicit, bytes, text)| Unit {
                reps,
                explicit_reps: explicit,
                bytes,
                convs: vec![Conv {
                    pre: text,
                    flags: String::new(),
                    width: 0,
                    prec: None,
                    kind: ' ',
                    radix: ' ',
                    bytes: 0,
                    text_only: true,
                }],
                has_end_address: false,
            })
            .collect();
        let used: i64 = units
            .iter()
            .map(|u| {
                u.reps
                    * if u.bytes != 0 {
                        u.bytes
                    } else {
                        claimed(&u.convs[0].pre)
                    }
            })
            .sum();
        all.push((units, used));
    }
    let block = all.iter().map(|(_, used)| *used).max().unwrap_or(0);
    let mut end_unit: Option<(usize, usize)> = None;
    for (fi, (units, used)) in all.iter_mut().enumerate() {
        for (ui, u) in units.iter_mut().enumerate() {
            let text = u.convs[0].pre.clone();
            u.convs = parse_convs(&text, u.bytes)?;
            if u.convs.iter().any(|c| c.kind == 'A') {
                u.has_end_address = true;
                end_unit = Some((fi, ui));
            }
            if u.bytes == 0 {
                u.bytes = u.convs.iter().map(|c| c.bytes as i64).sum();
            }
        }
        let n = units.len();
        if let Some(last) = units.last_mut()
            && *used < block
            && !last.explicit_reps
            && last.bytes != 0
        {
            last.reps += (block - *used) / last.bytes;
        }
        let _ = n;
    }
    // Input.
    let mut data = Vec::new();
    let mut exit = 0u8;
    let mut address_base: i64 = 0;
    let mut left = skip;
    let mut opened_any = files.is_empty();
    let mut stdin_seek_error = false;
    if files.is_empty() {
        if left > 0 {
            stdin_seek_error = true;
        } else {
            let _ = io::stdin().read_to_end(&mut data);
        }
    }
    if stdin_seek_error {
        return Err(Fail("hexdump: stdin: Illegal seek\n".into(), 1));
    }
    for name in &files {
        match File::open(name) {
            Ok(mut f) => {
                opened_any = true;
                let regular = f
                    .metadata()
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len() as i64);
                let mut bytes = Vec::new();
                if let Err(e) = f.read_to_end(&mut bytes) {
                    err.extend_from_slice(format!("hexdump: {name}: {}\n", words(&e)).as_bytes());
                }
                if left > 0 {
                    if let Some(size) = regular
                        && left > size
                    {
                        left -= size;
                        address_base += size;
                        continue;
                    }
                    let cut = (left as usize).min(bytes.len());
                    address_base += left;
                    left = 0;
                    bytes.drain(..cut);
                }
                data.extend(bytes);
            }
            Err(e) => {
                err.extend_from_slice(format!("hexdump: {name}: {}\n", words(&e)).as_bytes());
                exit = 1;
            }
        }
    }
    if !opened_any && left > 0 {
        // hexdump then tries to seek its closed standard input.
        return Err(Fail("hexdump: stdin: Bad file descriptor\n".into(), 1));
    }
    if !opened_any {
        err.extend_from_slice(b"hexdump: all input file arguments failed\n");
        return Ok(exit);
    }
    if length >= 0 {
        data.truncate(length as usize);
    }
    // Blocks.
    let bs = block as usize;
    let mut address = address_base;
    let mut end_address = None;
    let mut previous: Option<&[u8]> = None;
    let mut star_printed = false;
    let mut padded_units = false;
    if bs > 0 {
        let mut k = 0;
        while k < data.len() {
            let chunk = &data[k..(k + bs).min(data.len())];
            let full = chunk.len() == bs;
            if squeeze && full && previous == Some(chunk) && star_printed {
                if !star_printed {
                    out.extend_from_slice(b"*\n");
                    star_printed = true;
                }
                address += bs as i64;
                k += bs;
                continue;
            }
            star_printed = false;
            let mut buf = chunk.to_vec();
            buf.resize(bs, 0);
            let end = if full {
                None
            } else {
                Some(address + chunk.len() as i64)
            };
            if end.is_some() {
                end_address = end;
            }
            for (units, _) in &all {
                let mut at = 0usize;
                let mut addr = address;
                for u in units {
                    if u.has_end_address {
                        break;
                    }
                    for rep in (1..=u.reps).rev() {
                        for (ci, c) in u.convs.iter().enumerate() {
                            let past = padded_units || end.is_some_and(|e| addr >= e);
                            let drop_last = rep == 1
                                && u.reps > 1
                                && ci + 1 == u.convs.len()
                                && c.text_only
                                && c.pre.last().is_some_and(|x| b" \t\n\r\x0b\x0c".contains(x));
                            show(
                                out,
                                c,
                                buf.get(at..).unwrap_or(&[]),
                                addr,
                                past && !c.text_only,
                                drop_last,
                            );
                            addr += c.bytes as i64;
                            at += c.bytes;
                        }
                    }
                }
            }
            if end.is_some() {
                padded_units = true;
            }
            previous = Some(chunk);
            address += bs as i64;
            k += bs;
        }
    }
    if let Some((fi, ui)) = end_unit {
        let end = match end_address {
            Some(e) => e,
            None => address,
        };
        if end_address.is_some() || address != 0 {
            for c in &all[fi].0[ui].convs {
                out.extend_from_slice(&c.pre);
                if c.kind == 'A' {
                    int(out, c, c.radix, end as u64);
                }
            }
        }
    }
    Ok(exit)
}
