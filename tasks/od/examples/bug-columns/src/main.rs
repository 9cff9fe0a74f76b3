//! A buggy od submission: the correct example, except that every field gets one space
//! before it, so the columns of several types do not line up as od's do.

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

/// A file name in messages: bare when harmless, else in single quotes.
fn name_quote(n: &str) -> String {
    let plain = !n.is_empty()
        && n.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"%+,-./:_@".contains(&c));
    if plain {
        n.to_string()
    } else if n.contains('\'')
        && n.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"%+,-./:_@ '".contains(&c))
    {
        format!("\"{n}\"")
    } else {
        format!("'{}'", n.replace('\'', "'\\''"))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    D,
    O,
    U,
    X,
    A,
    C,
    F,
}

#[derive(Clone, Debug)]
struct T {
    k: K,
    size: usize,
    width: usize,
    z: bool,
    pad: usize,
}

/// Parses a -t string; errors are pushed and make it return false.
fn parse_type(s: &str, types: &mut Vec<T>, errs: &mut String) -> bool {
    let b = s.as_bytes();
    let q = format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        let k = match c {
            b'd' => K::D,
            b'o' => K::O,
            b'u' => K::U,
            b'x' => K::X,
            b'a' => K::A,
            b'c' => K::C,
            b'f' => K::F,
            _ => {
                errs.push_str(&format!(
                    "od: invalid character '{}' in type string {q}\n",
                    c as char
                ));
                return false;
            }
        };
        let mut size = 1;
        if matches!(k, K::D | K::O | K::U | K::X | K::F) {
            let letter = b.get(i).copied();
            let by_letter = match (k, letter) {
                (K::F, Some(b'F')) => Some(4),
                (K::F, Some(b'D')) => Some(8),
                (K::F, Some(b'L')) => Some(16),
                (K::F, _) => None,
                (_, Some(b'C')) => Some(1),
                (_, Some(b'S')) => Some(2),
                (_, Some(b'I')) => Some(4),
                (_, Some(b'L')) => Some(8),
                _ => None,
            };
            if let Some(n) = by_letter {
                size = n;
                i += 1;
            } else {
                let digits: String = b[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .map(|&c| c as char)
                    .collect();
                if digits.is_empty() {
                    size = if k == K::F { 8 } else { 4 };
                } else {
                    let Ok(n) = digits.parse::<u64>() else {
                        errs.push_str(&format!("od: invalid type string {q}\n"));
                        return false;
                    };
                    let ok = if k == K::F {
                        matches!(n, 4 | 8 | 16)
                    } else {
                        matches!(n, 1 | 2 | 4 | 8)
                    };
                    if !ok {
                        let what = if k == K::F {
                            "floating point"
                        } else {
                            "integral"
                        };
                        errs.push_str(&format!(
                            "od: invalid type string {q};\nthis system doesn't provide a {n}-byte {what} type\n"
                        ));
                        return false;
                    }
                    size = n as usize;
                    i += digits.len();
                }
            }
        }
        let lg = size.trailing_zeros() as usize;
        let width = match k {
            K::D => [4, 6, 11, 20][lg],
            K::U => [3, 5, 10, 20][lg],
            K::O => [3, 6, 11, 22][lg],
            K::X => [2, 4, 8, 16][lg],
            K::F => [0, 0, 14, 24, 29][lg],
            K::A | K::C => 3,
        };
        let z = b.get(i) == Some(&b'z');
        if z {
            i += 1;
        }
        types.push(T {
            k,
            size,
            width,
            z,
            pad: 0,
        });
    }
    true
}

/// gnulib xstrtoumax with od's suffixes; Err(kind) where kind is 0 invalid, 1 suffix, 2 big.
fn number(s: &str, base: u32, suffixes: &str) -> Result<u64, u8> {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    if t.starts_with('-') {
        return Err(0);
    }
    let body = t.strip_prefix('+').unwrap_or(t);
    let (radix, digits_from) = if base == 0 {
        if (body.starts_with("0x") || body.starts_with("0X"))
            && body[2..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_hexdigit())
        {
            (16, 2)
        } else if body.starts_with('0') {
            (8, 0)
        } else {
            (10, 0)
        }
    } else if base == 16 && (body.starts_with("0x") || body.starts_with("0X")) {
        (16, 2)
    } else {
        (base, 0)
    };
    let digits: String = body[digits_from..]
        .chars()
        .take_while(|c| c.is_digit(radix))
        .collect();
    let mut big = false;
    let mut value: u64 = if digits.is_empty() {
        if s.chars().next().is_some_and(|c| suffixes.contains(c)) {
            1
        } else {
            return Err(0);
        }
    } else {
        match u64::from_str_radix(&digits, radix) {
            Ok(v) => v,
            Err(_) => {
                big = true;
                u64::MAX
            }
        }
    };
    let used = if digits.is_empty() {
        0
    } else {
        s.len() - body.len() + digits_from + digits.len()
    };
    let rest = &s[used..];
    if rest.is_empty() {
        return if big { Err(2) } else { Ok(value) };
    }
    let first = rest.chars().next().unwrap();
    if !suffixes.contains(first) {
        return Err(1);
    }
    let mut k = 1024u64;
    let mut len = 1;
    if "EGgkKMmPTtYZ".contains(first) && suffixes.contains('0') {
        if rest[1..].starts_with("iB") {
            len = 3;
        } else if rest[1..].starts_with('B') || rest[1..].starts_with('D') {
            k = 1000;
            len = 2;
        }
    }
    let (unit, times) = match first {
        'b' => (512, 1),
        'B' => (1024, 1),
        'c' => (1, 1),
        'w' => (2, 1),
        'k' | 'K' => (k, 1),
        'M' | 'm' => (k, 2),
        'G' | 'g' => (k, 3),
        'T' | 't' => (k, 4),
        'P' => (k, 5),
        'E' => (k, 6),
        'Z' => (k, 7),
        'Y' => (k, 8),
        _ => return Err(1),
    };
    for _ in 0..times {
        match value.checked_mul(unit) {
            Some(v) => value = v,
            None => {
                value = u64::MAX;
                big = true;
            }
        }
    }
    if rest.len() > len {
        return Err(1);
    }
    if big { Err(2) } else { Ok(value) }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let mut out = Vec::new();
    let mut err = String::new();
    let code = match run(&argv[1..], &mut out, &mut err) {
        Ok(c) => c,
        Err(Fail(m, c)) => {
            err.push_str(&m);
            c
        }
    };
    let _ = io::stdout().lock().write_all(&out);
    let _ = io::stderr().lock().write_all(err.as_bytes());
    ExitCode::from(code)
}

fn run(args: &[String], out: &mut Vec<u8>, err: &mut String) -> Result<u8, Fail> {
    const LONGS: [(&str, char, u8); 11] = [
        ("skip-bytes", 'j', 1),
        ("address-radix", 'A', 1),
        ("read-bytes", 'N', 1),
        ("format", 't', 1),
        ("output-duplicates", 'v', 0),
        ("strings", 'S', 2),
        ("traditional", 'T', 0),
        ("width", 'w', 2),
        ("endian", 'E', 1),
        ("help", 'h', 0),
        ("version", 'V', 0),
    ];
    let usage = |m: String| {
        Fail(
            format!("od: {m}\nTry 'od --help' for more information.\n"),
            1,
        )
    };
    let mut types: Vec<T> = Vec::new();
    let mut radix = 'o';
    let (mut skip, mut limit, mut strings, mut width): (
        u64,
        Option<u64>,
        Option<u64>,
        Option<u64>,
    ) = (0, None, None, None);
    let mut squeeze = true;
    let mut modern = false;
    let mut ok = true;
    let mut operands = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].clone();
        i += 1;
        let mut found: Vec<(char, Option<String>, String)> = Vec::new();
        if a == "--" {
            operands.extend(args[i..].iter().cloned());
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
                [] => return Err(usage(format!("unrecognized option '--{body}'"))),
                many => {
                    let list: String = many.iter().map(|l| format!(" '--{}'", l.0)).collect();
                    return Err(usage(format!(
                        "option '--{body}' is ambiguous; possibilities:{list}"
                    )));
                }
            };
            let v = match (arg, val) {
                (0, Some(_)) => {
                    return Err(usage(format!(
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
                        return Err(usage(format!("option '--{full}' requires an argument")));
                    }
                }
            };
            found.push((c, v, format!("--{full}")));
        } else if a.len() > 1 && a.starts_with('-') {
            let cs: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                k += 1;
                let rest: String = cs[k..].iter().collect();
                match c {
                    'A' | 'j' | 'N' | 't' | 'S' => {
                        let v = if !rest.is_empty() {
                            rest
                        } else if i < args.len() {
                            i += 1;
                            args[i - 1].clone()
                        } else {
                            return Err(usage(format!("option requires an argument -- '{c}'")));
                        };
                        found.push((c, Some(v), format!("-{c}")));
                        break;
                    }
                    'w' => {
                        found.push((c, (!rest.is_empty()).then_some(rest), format!("-{c}")));
                        break;
                    }
                    'a' | 'B' | 'b' | 'c' | 'D' | 'd' | 'e' | 'F' | 'f' | 'H' | 'h' | 'I' | 'i'
                    | 'L' | 'l' | 'O' | 'o' | 's' | 'v' | 'X' | 'x' => {
                        found.push((c, None, format!("-{c}")));
                    }
                    _ => return Err(usage(format!("invalid option -- '{c}'"))),
                }
            }
        } else {
            operands.push(a);
            continue;
        }
        let multipliers = "bEGKkMmPTYZ0";
        for (c, raw, shown) in found {
            let given = raw.is_some();
            let v = raw.unwrap_or_default();
            let num = |base: u32, suf: &str| -> Result<u64, Fail> {
                number(&v, base, suf).map_err(|e| {
                    let m = match e {
                        0 => format!("invalid {shown} argument '{v}'"),
                        1 => format!("invalid suffix in {shown} argument '{v}'"),
                        _ => format!("{shown} argument '{v}' too large"),
                    };
                    Fail(format!("od: {m}\n"), 1)
                })
            };
            match c {
                'A' => {
                    modern = true;
                    radix = match v.chars().next() {
                        Some(r @ ('d' | 'o' | 'x' | 'n')) => r,
                        other => {
                            let shown_char = other.map(String::from).unwrap_or_else(|| "\0".into());
                            return Err(Fail(
                                format!(
                                    "od: invalid output address radix '{shown_char}'; it must be one character from [doxn]\n"
                                ),
                                1,
                            ));
                        }
                    }
                }
                'j' => {
                    modern = true;
                    skip = num(0, multipliers)?;
                }
                'N' => {
                    modern = true;
                    limit = Some(num(0, multipliers)?);
                }
                'S' => {
                    modern = true;
                    strings = Some(if given { num(0, multipliers)? } else { 3 });
                }
                't' => {
                    modern = true;
                    ok &= parse_type(&v, &mut types, err);
                }
                'v' => {
                    modern = true;
                    squeeze = false;
                }
                'w' => {
                    modern = true;
                    width = Some(if given { num(10, "")? } else { 32 });
                }
                'T' | 'E' => {}
                'h' if shown == "--help" => {
                    out.extend_from_slice(b"Usage: od [OPTION]... [FILE]...\n");
                    return Ok(0);
                }
                'V' => {
                    out.extend_from_slice(b"od (example)\n");
                    return Ok(0);
                }
                _ => {
                    let t = match c {
                        'a' => "a",
                        'b' => "o1",
                        'c' => "c",
                        'D' => "u4",
                        'd' => "u2",
                        'e' | 'F' => "fD",
                        'f' => "fF",
                        'H' | 'X' => "x4",
                        'i' => "dI",
                        'I' | 'L' | 'l' => "dL",
                        'O' => "o4",
                        'o' | 'B' => "o2",
                        's' => "d2",
                        _ => "x2",
                    };
                    ok &= parse_type(t, &mut types, err);
                }
            }
        }
    }
    if !ok {
        return Ok(1);
    }
    if strings.is_some() && !types.is_empty() {
        return Err(Fail(
            "od: no type may be specified when dumping strings\n".into(),
            1,
        ));
    }
    // POSIX operand offset.
    if !modern {
        let offset = |s: &str| -> Option<u64> {
            let body = s.strip_prefix('+').unwrap_or(s);
            if s.is_empty() {
                return None;
            }
            let base = if body.contains('.') {
                10
            } else if body.starts_with("0x") || body.starts_with("0X") {
                16
            } else {
                8
            };
            number(body, base, "Bb").ok()
        };
        if operands.len() == 1 && operands[0].starts_with('+') {
            if let Some(o) = offset(&operands[0]) {
                skip = o;
                operands.clear();
            }
        } else if operands.len() == 2 {
            let second = operands[1].chars().next().unwrap_or(' ');
            if (second == '+' || second.is_ascii_digit())
                && let Some(o) = offset(&operands[1])
            {
                skip = o;
                operands.truncate(1);
            }
        }
    }
    if let Some(l) = limit
        && skip.checked_add(l).is_none()
    {
        return Err(Fail("od: skip-bytes + read-bytes is too large\n".into(), 1));
    }
    if types.is_empty() {
        parse_type("o2", &mut types, err);
    }
    if operands.is_empty() {
        operands.push("-".into());
    }
    // Read everything, reporting files in order.
    let mut data = Vec::new();
    let mut any_open = false;
    let mut failed = false;
    for name in &operands {
        let mut bytes = Vec::new();
        let result = if name == "-" {
            any_open = true;
            io::stdin().read_to_end(&mut bytes)
        } else {
            match File::open(name) {
                Ok(mut f) => {
                    any_open = true;
                    f.read_to_end(&mut bytes)
                }
                Err(e) => {
                    err.push_str(&format!("od: {}: {}\n", name_quote(name), words(&e)));
                    failed = true;
                    continue;
                }
            }
        };
        if let Err(e) = result {
            err.push_str(&format!("od: {}: {}\n", name_quote(name), words(&e)));
            failed = true;
        }
        data.extend(bytes);
    }
    if !any_open {
        return Ok(1);
    }
    if (data.len() as u64) < skip {
        return Err(Fail(
            "od: cannot skip past end of combined input\n".into(),
            1,
        ));
    }
    let mut body = data[skip as usize..].to_vec();
    if let Some(l) = limit {
        body.truncate(l.min(body.len() as u64) as usize);
    }
    let pad_len = match radix {
        'x' => 6,
        'n' => 0,
        _ => 7,
    };
    let addr = |a: u64| -> String {
        match radix {
            'd' => format!("{a:07}"),
            'x' => format!("{a:06x}"),
            'n' => String::new(),
            _ => format!("{a:07o}"),
        }
    };
    if let Some(min) = strings {
        let min = min as usize;
        let mut k = 0;
        'scan: while k < body.len() {
            let start = k;
            let mut run = 0;
            while k < body.len() {
                let c = body[k];
                k += 1;
                if c == 0 && run >= min {
                    out.extend_from_slice(addr(skip + start as u64).as_bytes());
                    if radix != 'n' {
                        out.push(b' ');
                    }
                    out.extend_from_slice(&body[start..start + run]);
                    out.push(b'\n');
                    continue 'scan;
                }
                if !(0x20..0x7f).contains(&c) {
                    continue 'scan;
                }
                run += 1;
            }
            // The end: with -N, a string that reaches the limit is printed anyway, if it
            // started more than `min` bytes before the limit.
            let reaches_limit = limit.is_some_and(|l| data.len() as u64 - skip >= l);
            if reaches_limit && run > min {
                let start_addr = (skip + body.len() as u64).wrapping_sub(run as u64 + 1);
                out.extend_from_slice(addr(start_addr).as_bytes());
                if radix != 'n' {
                    out.push(b' ');
                }
                out.extend_from_slice(&body[start..start + run]);
                out.push(b'\n');
            }
            break;
        }
        return Ok(u8::from(failed));
    }
    let lcm = types.iter().fold(1usize, |l, t| {
        let (mut a, mut b) = (l, t.size);
        while b != 0 {
            (a, b) = (b, a % b);
        }
        l / a * t.size
    });
    let per_line = match width {
        Some(w) if w != 0 && w % lcm as u64 == 0 => w as usize,
        Some(w) => {
            err.push_str(&format!(
                "od: warning: invalid width {w}; using {lcm} instead\n"
            ));
            lcm
        }
        None if lcm < 16 => 16 / lcm * lcm,
        None => lcm,
    };
    let widest = types
        .iter()
        .map(|t| (t.width + 1) * (per_line / t.size))
        .max()
        .unwrap_or(0);
    for t in &mut types {
        t.pad = per_line / t.size;
    }
    let _ = widest;
    let mut prev: Option<&[u8]> = None;
    let mut star = false;
    let mut offset = skip;
    for line in body.chunks(per_line) {
        if squeeze && line.len() == per_line && prev == Some(line) {
            if !star {
                out.extend_from_slice(b"*\n");
                star = true;
            }
            offset += per_line as u64;
            continue;
        }
        star = false;
        prev = Some(line);
        let mut block = line.to_vec();
        block.resize(line.len().div_ceil(lcm) * lcm, 0);
        for (ti, t) in types.iter().enumerate() {
            if ti == 0 {
                out.extend_from_slice(addr(offset).as_bytes());
            } else {
                out.extend(std::iter::repeat_n(b' ', pad_len));
            }
            let fields = per_line / t.size;
            let blank = (per_line - line.len()) / t.size;
            for f in 0..fields - blank {
                let col =
                    t.width + t.pad * (fields - f) / fields - t.pad * (fields - f - 1) / fields;
                let bytes = &block[f * t.size..(f + 1) * t.size];
                let v = bytes.iter().rev().fold(0u64, |a, &b| a << 8 | u64::from(b));
                let text = match t.k {
                    K::D => {
                        let sh = 64 - 8 * t.size as u32;
                        format!("{}", ((v << sh) as i64) >> sh)
                    }
                    K::U => format!("{v}"),
                    K::O => format!("{v:0w$o}", w = t.width),
                    K::X => format!("{v:0w$x}", w = t.width),
                    K::F => format!("{}", f64::from_bits(v)),
                    K::A => {
                        const N: [&str; 33] = [
                            "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht",
                            "nl", "vt", "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4",
                            "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us",
                            "sp",
                        ];
                        let c = bytes[0] & 0x7f;
                        if c == 127 {
                            "del".into()
                        } else if c <= 32 {
                            N[usize::from(c)].into()
                        } else {
                            (c as char).to_string()
                        }
                    }
                    K::C => match bytes[0] {
                        0 => "\\0".into(),
                        7 => "\\a".into(),
                        8 => "\\b".into(),
                        12 => "\\f".into(),
                        10 => "\\n".into(),
                        13 => "\\r".into(),
                        9 => "\\t".into(),
                        11 => "\\v".into(),
                        c if (0x20..0x7f).contains(&c) => (c as char).to_string(),
                        c => format!("{c:03o}"),
                    },
                };
                out.extend(std::iter::repeat_n(b' ', col.saturating_sub(text.len())));
                out.extend_from_slice(text.as_bytes());
            }
            if t.z {
                let spaces = blank * t.width + t.pad * blank / fields;
                out.extend(std::iter::repeat_n(b' ', spaces));
                out.extend_from_slice(b"  >");
                out.extend(
                    line.iter()
                        .map(|&c| if (0x20..0x7f).contains(&c) { c } else { b'.' }),
                );
                out.push(b'<');
            }
            out.push(b'\n');
        }
        offset += line.len() as u64;
    }
    if radix != 'n' {
        out.extend_from_slice(addr(offset).as_bytes());
        out.push(b'\n');
    }
    Ok(u8::from(failed))
}
