//! A correct xxd submission, written apart from the reference: the input is read whole
//! (after the seek), each layout has its own function, and dump lines are built in a grid
//! of characters the way the spec describes.

use std::fs::{File, OpenOptions};
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::process::ExitCode;

const VERSION: &str = "xxd 2022-01-14 by Juergen Weigert et al.";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Hex,
    Bits,
    Little,
    Plain,
    Include,
}

struct Opts {
    mode: Mode,
    autoskip: bool,
    upper: bool,
    cap: bool,
    decimal: bool,
    revert: bool,
    cols: Option<i64>,
    group: Option<i64>,
    display: u64,
    seek: Option<(bool, bool, i64)>,
    len: i64,
    name: Option<String>,
}

fn words(e: &io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "No such file or directory",
        ErrorKind::IsADirectory => "Is a directory",
        ErrorKind::NotADirectory => "Not a directory",
        ErrorKind::PermissionDenied => "Permission denied",
        _ => "Input/output error",
    }
}

/// C's strtol/strtoul with base 0 (the value as an i128 before any clamping).
fn c_number(s: &str) -> i128 {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits) = if (t.starts_with("0x") || t.starts_with("0X"))
        && t[2..].chars().next().is_some_and(|c| c.is_ascii_hexdigit())
    {
        (16, &t[2..])
    } else if t.starts_with('0') {
        (8, t)
    } else {
        (10, t)
    };
    let mut v: i128 = 0;
    for c in digits.chars() {
        match c.to_digit(radix) {
            Some(d) => v = (v * i128::from(radix) + i128::from(d)).min(1 << 100),
            None => break,
        }
    }
    if neg { -v } else { v }
}

fn strtol(s: &str) -> i64 {
    c_number(s).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

fn strtoul(s: &str) -> u64 {
    let v = c_number(s);
    if v.unsigned_abs() > u128::from(u64::MAX) {
        return u64::MAX;
    }
    if v < 0 {
        (v.unsigned_abs() as u64).wrapping_neg()
    } else {
        v as u64
    }
}

fn usage(p: &str) -> String {
    let mut u = format!(
        "Usage:\n       {p} [options] [infile [outfile]]\n    or\n       {p} -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n"
    );
    for line in [
        "-a          toggle autoskip: A single '*' replaces nul-lines. Default off.",
        "-b          binary digit dump (incompatible with -ps,-i,-r). Default hex.",
        "-C          capitalize variable names in C include file style (-i).",
        "-c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).",
        "-E          show characters in EBCDIC. Default ASCII.",
        "-e          little-endian dump (incompatible with -ps,-i,-r).",
        "-g bytes    number of octets per group in normal output. Default 2 (-e: 4).",
        "-h          print this summary.",
        "-i          output in C include file style.",
        "-l len      stop after <len> octets.",
        "-n name     set the variable name used in C include output (-i).",
        "-o off      add <off> to the displayed file position.",
        "-ps         output in postscript plain hexdump style.",
        "-r          reverse operation: convert (or patch) hexdump into binary.",
        "-r -s off   revert with <off> added to file positions found in hexdump.",
        "-d          show offset in decimal instead of hex.",
        "-s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.",
        "-u          use upper case hex letters.",
    ] {
        u.push_str("    ");
        u.push_str(line);
        u.push('\n');
    }
    u.push_str(&format!("    -v          show version: \"{VERSION}\".\n"));
    u
}

struct Fail(String, u8);

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let mut out = io::stdout().lock();
    let code = match run(&argv, &mut out) {
        Ok(()) => 0,
        Err(Fail(msg, code)) => {
            let _ = out.flush();
            let _ = io::stderr().lock().write_all(msg.as_bytes());
            code
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}

/// The value of a value-taking option: attached, unless the rest begins with `long`.
fn value(args: &[String], i: &mut usize, rest: &str, long: &str, p: &str) -> Result<String, Fail> {
    if !rest.is_empty() && !rest.starts_with(long) {
        return Ok(rest.to_string());
    }
    if *i + 1 >= args.len() {
        return Err(Fail(usage(p), 1));
    }
    *i += 1;
    Ok(args[*i].clone())
}

fn run(argv: &[String], out: &mut dyn Write) -> Result<(), Fail> {
    let p = argv[0].rsplit('/').next().unwrap_or("xxd").to_string();
    let mut o = Opts {
        mode: Mode::Hex,
        autoskip: false,
        upper: false,
        cap: false,
        decimal: false,
        revert: false,
        cols: None,
        group: None,
        display: 0,
        seek: None,
        len: -1,
        name: None,
    };
    let mut i = 1;
    while i < argv.len() {
        let raw = argv[i].as_str();
        let w = if raw.len() > 2 && raw.starts_with("--") {
            &raw[1..]
        } else {
            raw
        };
        let two: String = w.chars().take(2).collect();
        let rest = w.get(2..).unwrap_or("");
        match two.as_str() {
            "-a" => o.autoskip = !o.autoskip,
            "-b" => o.mode = Mode::Bits,
            "-e" => o.mode = Mode::Little,
            "-u" => o.upper = true,
            "-p" => o.mode = Mode::Plain,
            "-i" => o.mode = Mode::Include,
            "-C" => o.cap = true,
            "-d" => o.decimal = true,
            "-r" => o.revert = true,
            "-E" => {}
            "-v" => return Err(Fail(format!("{VERSION}\n"), 0)),
            "-c" => {
                if rest.starts_with("apitalize") {
                    o.cap = true;
                } else {
                    let v = value(argv, &mut i, rest, "ols", &p)?;
                    o.cols = Some(i64::from(strtol(&v) as i32));
                }
            }
            "-g" => {
                let v = value(argv, &mut i, rest, "roup", &p)?;
                o.group = Some(i64::from(strtol(&v) as i32));
            }
            "-o" => {
                if !rest.is_empty() && !rest.starts_with("ffset") {
                    o.display = strtoul(rest);
                } else {
                    let v = value(argv, &mut i, rest, "ffset", &p)?;
                    let v = v.strip_prefix('+').unwrap_or(&v).to_string();
                    o.display = match v.strip_prefix('-') {
                        Some(n) => strtoul(n).wrapping_neg(),
                        None => strtoul(&v),
                    };
                }
            }
            "-s" => {
                let v = if !rest.is_empty() && !rest.starts_with("kip") && !rest.starts_with("eek")
                {
                    rest.to_string()
                } else {
                    value(argv, &mut i, "", "", &p)?
                };
                let rel = v.starts_with('+');
                let body = if rel { &v[1..] } else { &v[..] };
                let neg = body.starts_with('-');
                let body = if neg { &body[1..] } else { body };
                o.seek = Some((rel, neg, strtol(body)));
            }
            "-l" => {
                let v = value(argv, &mut i, rest, "en", &p)?;
                o.len = strtol(&v);
            }
            "-n" => o.name = Some(value(argv, &mut i, rest, "ame", &p)?),
            _ if w == "--" => {
                i += 1;
                break;
            }
            _ if w.starts_with('-') && w.len() > 1 => return Err(Fail(usage(&p), 1)),
            _ => break,
        }
        i += 1;
    }
    let cols = match o.cols {
        Some(c) if c != 0 || o.mode == Mode::Plain => c,
        _ => match o.mode {
            Mode::Plain => 30,
            Mode::Include => 12,
            Mode::Bits => 6,
            _ => 16,
        },
    };
    let mut group = o.group.unwrap_or(match o.mode {
        Mode::Bits => 1,
        Mode::Hex => 2,
        Mode::Little => 4,
        _ => 0,
    });
    let dump_mode = matches!(o.mode, Mode::Hex | Mode::Bits | Mode::Little);
    if (o.mode == Mode::Plain && cols < 0)
        || (o.mode != Mode::Plain && cols < 1)
        || (dump_mode && cols > 256)
    {
        return Err(Fail(
            format!("{p}: invalid number of columns (max. 256).\n"),
            1,
        ));
    }
    if group < 1 || group > cols {
        group = cols;
    } else if o.mode == Mode::Little && group & (group - 1) != 0 {
        return Err(Fail(
            format!("{p}: number of octets per group must be a power of 2 with -e.\n"),
            1,
        ));
    }
    let files = &argv[i..];
    if files.len() > 2 {
        return Err(Fail(usage(&p), 1));
    }
    let infile = files.first().filter(|f| f.as_str() != "-");
    let mut file = match infile {
        Some(name) => {
            Some(File::open(name).map_err(|e| Fail(format!("{p}: {name}: {}\n", words(&e)), 2))?)
        }
        None => None,
    };
    let outfile = files.get(1).filter(|f| f.as_str() != "-");
    let mut target = match outfile {
        Some(name) => {
            let mut oo = OpenOptions::new();
            oo.write(true).create(true).truncate(!o.revert);
            Some(
                oo.open(name)
                    .map_err(|e| Fail(format!("{p}: {name}: {}\n", words(&e)), 3))?,
            )
        }
        None => None,
    };
    let mut data = Vec::new();
    let read_result = match &mut file {
        Some(f) => f.read_to_end(&mut data),
        None => io::stdin().read_to_end(&mut data),
    };
    if o.revert {
        if !matches!(o.mode, Mode::Hex | Mode::Plain) {
            return Err(Fail(
                format!("{p}: Sorry, cannot revert this type of hexdump\n"),
                255,
            ));
        }
        let base = match o.seek {
            Some((_, neg, n)) => {
                if neg {
                    n.wrapping_neg()
                } else {
                    n
                }
            }
            None => 0,
        };
        return revert(
            &data,
            o.mode == Mode::Plain,
            cols,
            base,
            &mut target,
            out,
            &p,
        );
    }
    let seek_start: i64 = match o.seek {
        None => 0,
        Some((true, false, 0)) => 0,
        Some((rel, neg, n)) => {
            let size = data.len() as i128;
            if file.is_some() {
                let pos: i128 = if neg {
                    if rel {
                        -i128::from(n)
                    } else {
                        size - i128::from(n)
                    }
                } else {
                    i128::from(n)
                };
                if pos < 0 {
                    return Err(Fail(format!("{p}: Sorry, cannot seek.\n"), 4));
                }
                pos as i64
            } else {
                if neg || i128::from(n) > size {
                    return Err(Fail(format!("{p}: Sorry, cannot seek.\n"), 4));
                }
                n
            }
        }
    };
    let mut text = Vec::new();
    let result = (|| -> Result<(), Fail> {
        let skip = usize::try_from(seek_start.max(0))
            .unwrap_or(usize::MAX)
            .min(data.len());
        let body = &data[skip..];
        let body = if o.len >= 0 {
            &body[..body.len().min(o.len as usize)]
        } else {
            body
        };
        let hex: &[u8] = if o.upper {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        let read_failed = read_result
            .as_ref()
            .err()
            .map(|e| Fail(format!("{p}: {}\n", words(e)), 2));
        match o.mode {
            Mode::Include => {
                let name = o.name.clone().or_else(|| infile.cloned());
                let ident = |s: &str| -> String {
                    let mut v = if s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                        "__".to_string()
                    } else {
                        String::new()
                    };
                    for &b in s.as_bytes() {
                        v.push(if b.is_ascii_alphanumeric() {
                            if o.cap {
                                (b as char).to_ascii_uppercase()
                            } else {
                                b as char
                            }
                        } else {
                            '_'
                        });
                    }
                    v
                };
                if let Some(n) = &name {
                    text.extend_from_slice(
                        format!("unsigned char {}[] = {{\n", ident(n)).as_bytes(),
                    );
                }
                if let Some(e) = read_failed {
                    return Err(e);
                }
                for (k, &b) in body.iter().enumerate() {
                    let sep = if k == 0 {
                        "  "
                    } else if k as i64 % cols == 0 {
                        ",\n  "
                    } else {
                        ", "
                    };
                    text.extend_from_slice(sep.as_bytes());
                    text.extend_from_slice(if o.upper { b"0X" } else { b"0x" });
                    text.push(hex[usize::from(b >> 4)]);
                    text.push(hex[usize::from(b & 15)]);
                }
                if !body.is_empty() {
                    text.push(b'\n');
                }
                if let Some(n) = &name {
                    let len = if o.cap { "LEN" } else { "len" };
                    text.extend_from_slice(
                        format!("}};\nunsigned int {}_{len} = {};\n", ident(n), body.len())
                            .as_bytes(),
                    );
                }
            }
            Mode::Plain => {
                if let Some(e) = read_failed {
                    return Err(e);
                }
                if cols == 0 {
                    for &b in body {
                        text.push(hex[usize::from(b >> 4)]);
                        text.push(hex[usize::from(b & 15)]);
                    }
                    text.push(b'\n');
                } else {
                    for line in body.chunks(cols as usize) {
                        for &b in line {
                            text.push(hex[usize::from(b >> 4)]);
                            text.push(hex[usize::from(b & 15)]);
                        }
                        text.push(b'\n');
                    }
                }
            }
            _ => {
                if let Some(e) = read_failed {
                    return Err(e);
                }
                dump(body, &o, cols, group, seek_start, hex, &mut text);
            }
        }
        Ok(())
    })();
    match &mut target {
        Some(f) => {
            let _ = f.write_all(&text);
        }
        None => {
            let _ = out.write_all(&text);
        }
    }
    result
}

/// The hex, bits and little-endian dumps.
fn dump(body: &[u8], o: &Opts, cols: i64, group: i64, seek: i64, hex: &[u8], text: &mut Vec<u8>) {
    let bits = o.mode == Mode::Bits;
    let width = if bits { 8 * group + 1 } else { 2 * group + 1 };
    let mut lines: Vec<(Vec<u8>, bool)> = Vec::new();
    for (row, chunk) in body.chunks(cols as usize).enumerate() {
        let address = (row as u64 * cols as u64)
            .wrapping_add(seek as u64)
            .wrapping_add(o.display);
        let head = if o.decimal {
            format!("{:08}:", address as i64)
        } else {
            format!("{address:08x}:")
        };
        let a = head.len();
        let mut grid = vec![b' '; 2600];
        grid[..a].copy_from_slice(head.as_bytes());
        let mut last = 0;
        for (k, &b) in chunk.iter().enumerate() {
            let k = k as i64;
            let x = if o.mode == Mode::Little {
                k ^ (group - 1)
            } else {
                k
            };
            let at = a + 1 + ((width * x) / group) as usize;
            if bits {
                for bit in 0..8 {
                    grid[at + bit] = if b & (0x80 >> bit) != 0 { b'1' } else { b'0' };
                }
            } else {
                grid[at] = hex[usize::from(b >> 4)];
                grid[at + 1] = hex[usize::from(b & 15)];
            }
            let ch = a + 3 + ((width * cols - 1) / group) as usize + k as usize;
            grid[ch] = if (32..127).contains(&b) { b } else { b'.' };
            last = ch;
        }
        grid.truncate(last + 1);
        grid.push(b'\n');
        let zero = chunk.len() as i64 == cols && chunk.iter().all(|&b| b == 0);
        lines.push((grid, zero));
    }
    if !o.autoskip {
        for (line, _) in lines {
            text.extend(line);
        }
        return;
    }
    // Runs of zero lines: first shown, then "*" for three or more, then the last one
    // only where the spec says it shows.
    let full_end = lines.last().is_some_and(|(l, _)| {
        let _ = l;
        body.len() as i64 % cols == 0
    });
    let n = lines.len();
    let mut k = 0;
    while k < n {
        if !lines[k].1 {
            text.extend_from_slice(&lines[k].0);
            k += 1;
            continue;
        }
        let start = k;
        while k < n && lines[k].1 {
            k += 1;
        }
        let run = k - start;
        let at_end = k == n && full_end;
        text.extend_from_slice(&lines[start].0);
        if run == 2 {
            text.extend_from_slice(&lines[start + 1].0);
        } else if run == 3 && at_end {
            text.extend_from_slice(&lines[start + 1].0);
            text.extend_from_slice(&lines[start + 2].0);
        } else if run >= 3 {
            text.extend_from_slice(b"*\n");
            if at_end {
                text.extend_from_slice(&lines[k - 1].0);
            }
        }
    }
}

/// `-r`: the hex dump back to bytes, with the state machine the spec gives.
fn revert(
    data: &[u8],
    plain: bool,
    cols: i64,
    base: i64,
    target: &mut Option<File>,
    out: &mut dyn Write,
    p: &str,
) -> Result<(), Fail> {
    let digit = |c: u8| -> i32 {
        match c {
            b'0'..=b'9' => i32::from(c - b'0'),
            b'a'..=b'f' => i32::from(c - b'a' + 10),
            b'A'..=b'F' => i32::from(c - b'A' + 10),
            _ => -1,
        }
    };
    let (mut n1, mut n2) = (-1, 0);
    let mut n3;
    let mut skipping = true;
    let mut col = cols;
    let (mut want, mut have) = (0i64, 0i64);
    let mut buffer = Vec::new();
    let mut k = 0;
    let flush = |buffer: &mut Vec<u8>, target: &mut Option<File>, out: &mut dyn Write| {
        match target {
            Some(f) => {
                let _ = f.write_all(buffer);
            }
            None => {
                let _ = out.write_all(buffer);
            }
        }
        buffer.clear();
    };
    while k < data.len() {
        let mut c = data[k];
        k += 1;
        if c == b'\r' || (plain && matches!(c, b' ' | b'\n' | b'\t')) {
            continue;
        }
        n3 = n2;
        n2 = n1;
        n1 = digit(c);
        if n1 < 0 && skipping {
            continue;
        }
        skipping = false;
        if !plain && col >= cols {
            if n1 < 0 {
                col = 0;
            } else {
                want = want.wrapping_mul(16) | i64::from(n1);
            }
            continue;
        }
        let goal = base.wrapping_add(want);
        if goal != have {
            flush(&mut buffer, target, out);
            if let Some(f) = target
                && goal >= 0
                && f.seek(SeekFrom::Start(goal as u64)).is_ok()
            {
                have = goal;
            }
            if goal < have {
                return Err(Fail(format!("{p}: Sorry, cannot seek backwards.\n"), 5));
            }
            while have < goal {
                buffer.push(0);
                have += 1;
            }
        }
        let mut skip_line = false;
        if n2 >= 0 && n1 >= 0 {
            buffer.push((n2 << 4 | n1) as u8);
            have += 1;
            want += 1;
            n1 = -1;
            if !plain {
                col += 1;
                skip_line = col >= cols;
            }
        } else if n1 < 0 && n2 < 0 && n3 < 0 {
            skip_line = true;
        }
        if skip_line {
            while c != b'\n' && k < data.len() {
                c = data[k];
                k += 1;
            }
            if c != b'\n' {
                c = 0;
            }
        }
        if c == b'\n' {
            if !plain {
                want = 0;
            }
            col = cols;
            skipping = true;
        }
    }
    flush(&mut buffer, target, out);
    Ok(())
}
