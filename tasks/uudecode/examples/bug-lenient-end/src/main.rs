//! A buggy uudecode submission: the correct example, except that after the data any line
//! starting with "end", or the end of the input, is accepted as the end line.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "uudecode (GNU sharutils) - decode an encoded file\n\
Usage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\n\
Try 'uudecode --help' for more information.\n";

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A fatal end: text for standard error and the status.
struct Fatal(Vec<u8>, u8);

fn fatal(status: u8, message: &str) -> Fatal {
    Fatal(
        format!("uudecode fatal error:\n{message}").into_bytes(),
        status,
    )
}

fn errno(e: &io::Error) -> (i32, &'static str) {
    match e.kind() {
        ErrorKind::NotFound => (2, "No such file or directory"),
        ErrorKind::NotADirectory => (20, "Not a directory"),
        ErrorKind::IsADirectory => (21, "Is a directory"),
        ErrorKind::PermissionDenied => (13, "Permission denied"),
        _ => (5, "Input/output error"),
    }
}

fn errno_text(n: i32) -> &'static str {
    match n {
        0 => "Success",
        2 => "No such file or directory",
        20 => "Not a directory",
        21 => "Is a directory",
        13 => "Permission denied",
        _ => "Input/output error",
    }
}

fn fserr(status: u8, n: i32, what: &str, name: &str) -> Fatal {
    fatal(
        status,
        &format!(
            "fserr {n} ({}) performing '{what}' on {name}\n",
            errno_text(n)
        ),
    )
}

/// Splits like repeated fgets calls with a 16384-byte buffer.
fn lines(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let end = match rest.iter().position(|&b| b == b'\n') {
            Some(at) if at < 16383 => at + 1,
            _ => rest.len().min(16383),
        };
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// The bytes before the first NUL.
fn cstr(s: &[u8]) -> &[u8] {
    &s[..s.iter().position(|&b| b == 0).unwrap_or(s.len())]
}

fn b64_value(c: u8) -> Option<u32> {
    B64.iter().position(|&x| x == c).map(|p| p as u32)
}

/// One base64 quartet (or shorter tail): bytes written before a problem, and validity.
fn quartet(q: &[u8], out: &mut Vec<u8>) -> bool {
    let v: Vec<Option<u32>> = q.iter().map(|&c| b64_value(c)).collect();
    if q.len() < 2 {
        return false;
    }
    let (Some(a), Some(b)) = (v[0], v[1]) else {
        return false;
    };
    out.push((a << 2 | b >> 4) as u8);
    if q.len() == 2 {
        return false;
    }
    if q[2] == b'=' {
        return q.len() == 4 && q[3] == b'=';
    }
    let Some(c) = v[2] else { return false };
    out.push((b << 4 | c >> 2) as u8);
    if q.len() == 3 {
        return false;
    }
    if q[3] == b'=' {
        return true;
    }
    let Some(d) = v[3] else { return false };
    out.push((c << 6 | d) as u8);
    true
}

enum Stream<'a> {
    Out(&'a mut dyn Write),
    File(File, &'a mut dyn Write),
}

impl<'a> Stream<'a> {
    fn write(&mut self, bytes: &[u8]) {
        let _ = match self {
            Stream::Out(w) => w.write_all(bytes),
            Stream::File(f, _) => f.write_all(bytes),
        };
    }

    fn replace(self, name: &str) -> Result<Stream<'a>, (io::Error, Stream<'a>)> {
        let created = if name.is_empty() {
            Err(io::Error::from(ErrorKind::NotFound))
        } else {
            File::create(name)
        };
        match created {
            Ok(f) => Ok(match self {
                Stream::Out(w) | Stream::File(_, w) => Stream::File(f, w),
            }),
            Err(e) => Err((e, self)),
        }
    }
}

struct State<'a> {
    stream: Option<Stream<'a>>,
    err: &'a mut Vec<u8>,
    errno: i32,
    path: String,
    forced: Option<String>,
    home: Option<String>,
}

impl State<'_> {
    fn open(&mut self, name: &str, what: &str) -> Result<(), Fatal> {
        let stream = self.stream.take().unwrap();
        match stream.replace(name) {
            Ok(s) => {
                self.stream = Some(s);
                Ok(())
            }
            Err((e, s)) => {
                self.stream = Some(s);
                Err(fserr(8, errno(&e).0, what, name))
            }
        }
    }

    fn decode(&mut self, data: &[u8], inname: &str) -> Result<u8, Fatal> {
        let all = lines(data);
        let bad = || fatal(2, &format!("{inname}: Invalid or missing 'begin' line\n"));
        let mut at = 0;
        let (b64, enc, name) = loop {
            let Some(line) = all.get(at) else {
                return Err(bad());
            };
            at += 1;
            let line = cstr(line);
            if !line.contains(&b'\n') {
                return Err(bad());
            }
            if !line.starts_with(b"begin") {
                continue;
            }
            let mut rest = &line[5..];
            let (mut b64, mut enc) = (false, false);
            loop {
                if rest.first() == Some(&b' ') {
                    break;
                }
                if rest.starts_with(b"-base64") && !b64 {
                    b64 = true;
                    rest = &rest[7..];
                } else if rest.starts_with(b"-encoded") && !enc {
                    enc = true;
                    rest = &rest[8..];
                } else {
                    return Err(bad());
                }
            }
            let ws = |c: &u8| b" \t\n\r\x0b\x0c".contains(c);
            let skip = rest.iter().take_while(|c| ws(c)).count();
            rest = &rest[skip..];
            if matches!(rest.first(), Some(b'+' | b'-')) {
                rest = &rest[1..];
            }
            let digits = rest
                .iter()
                .take_while(|c| (b'0'..=b'7').contains(c))
                .count();
            if digits == 0 {
                return Err(bad());
            }
            rest = &rest[digits..];
            let skip = rest.iter().take_while(|c| ws(c)).count();
            rest = &rest[skip..];
            let name: Vec<u8> = rest.iter().copied().take_while(|&c| c != b'\n').collect();
            if name.is_empty() {
                return Err(bad());
            }
            break (b64, enc, name);
        };
        let outname = if let Some(f) = &self.forced {
            f.clone()
        } else {
            let mut name = name;
            if enc {
                let text = String::from_utf8_lossy(&name).into_owned();
                let invalid = || fatal(2, &format!("invalid base64 encoded name: {text}"));
                if name.len() % 4 != 0 {
                    return Err(invalid());
                }
                let mut decoded = Vec::new();
                let groups = name.len() / 4;
                for (k, q) in name.chunks(4).enumerate() {
                    if (q.contains(&b'=') && k + 1 < groups) || !quartet(q, &mut decoded) {
                        return Err(invalid());
                    }
                }
                name = cstr(&decoded).to_vec();
            }
            if name.first() == Some(&b'~') {
                if name.get(1) == Some(&b'/') {
                    let Some(home) = &self.home else {
                        return Err(fatal(2, "cannot expand $HOME"));
                    };
                    name = [home.as_bytes(), b"/", &name[2..]].concat();
                } else {
                    let end = name.iter().position(|&c| c == b'/').unwrap_or(name.len());
                    let user = String::from_utf8_lossy(&name[1..end]).into_owned();
                    self.err
                        .extend_from_slice(format!("{}: No user '{user}'\n", self.path).as_bytes());
                    return Ok(8);
                }
            }
            while name.last().is_some_and(|c| b" \t\n\r\x0b\x0c".contains(c)) {
                name.pop();
            }
            String::from_utf8_lossy(&name).into_owned()
        };
        if outname != "-" && outname != "/dev/stdout" {
            if let Err(e) = std::fs::metadata(&outname) {
                self.errno = errno(&e).0;
            }
            self.open(&outname, "freopen")?;
        }
        if b64 {
            let mut group = Vec::new();
            loop {
                let Some(line) = all.get(at) else {
                    return Err(fserr(2, self.errno, "%s: Short file", inname));
                };
                at += 1;
                if line.starts_with(b"====") {
                    return Ok(0);
                }
                let mut bytes = Vec::new();
                for &c in cstr(line) {
                    if c == b'\n' {
                        continue;
                    }
                    group.push(c);
                    if group.len() == 4 {
                        let ok = quartet(&group, &mut bytes);
                        group.clear();
                        if !ok {
                            return Err(fatal(2, &format!("{inname}: invalid input")));
                        }
                    }
                }
                if bytes.is_empty() {
                    return Err(fserr(8, self.errno, "fwrite", &outname));
                }
                self.stream.as_mut().unwrap().write(&bytes);
            }
        }
        loop {
            let Some(line) = all.get(at) else {
                return Err(fatal(2, &format!("{inname}: Short file")));
            };
            at += 1;
            // The line as fgets leaves it: its bytes, then a NUL.
            let mut buf = line.to_vec();
            buf.push(0);
            let dec = |k: usize| u32::from(buf.get(k).copied().unwrap_or(0).wrapping_sub(32) & 63);
            let n = dec(0) as usize;
            if n == 0 {
                break;
            }
            let mut bytes = Vec::new();
            let mut k = 1;
            while bytes.len() < n {
                let v = [dec(k), dec(k + 1), dec(k + 2), dec(k + 3)];
                let group = [
                    v[0] << 2 | v[1] >> 4,
                    v[1] << 4 | v[2] >> 2,
                    v[2] << 6 | v[3],
                ];
                for b in group.iter().take(n - bytes.len()) {
                    bytes.push(*b as u8);
                }
                k += 4;
            }
            self.stream.as_mut().unwrap().write(&bytes);
        }
        match all.get(at).map(|l| cstr(l)) {
            None => Ok(0),
            Some(line) if line.starts_with(b"end") => Ok(0),
            _ => Err(fatal(2, &format!("{inname}: No `end' line"))),
        }
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let mut out = io::stdout().lock();
    let mut err = Vec::new();
    let code = run(&argv, &mut out, &mut err);
    let _ = out.flush();
    let _ = io::stderr().lock().write_all(&err);
    ExitCode::from(code)
}

fn run(argv: &[String], out: &mut dyn Write, err: &mut Vec<u8>) -> u8 {
    let path = argv.first().cloned().unwrap_or_else(|| "uudecode".into());
    let base = path.rsplit('/').next().unwrap_or(&path).to_string();
    let usage_fail = |err: &mut Vec<u8>, line: String| {
        err.extend_from_slice(line.as_bytes());
        err.extend_from_slice(USAGE.as_bytes());
        1
    };
    // Round 1.
    let mut opts: Vec<(char, Option<String>)> = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let arg = argv[i].clone();
        if !arg.starts_with('-') || arg == "-" {
            break;
        }
        i += 1;
        if arg == "--" {
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (body.to_string(), None),
            };
            if name.len() < 2 {
                return usage_fail(err, format!("{base}: invalid option name: {name}\n"));
            }
            let fold = |s: &str| -> String {
                s.chars()
                    .map(|c| match c {
                        '_' | '^' => '-',
                        c => c.to_ascii_lowercase(),
                    })
                    .collect()
            };
            let n = fold(&name);
            let known = [
                "output-file",
                "ignore-chmod",
                "version",
                "help",
                "more-help",
                "save-opts",
                "load-opts",
                "no-load-opts",
            ];
            let Some(full) = known.iter().find(|k| k.starts_with(&n)) else {
                return usage_fail(err, format!("{path}: illegal option -- {name}\n"));
            };
            match *full {
                "output-file" => {
                    let value = match value {
                        Some(v) => v,
                        None if i < argv.len() => {
                            i += 1;
                            argv[i - 1].clone()
                        }
                        None => {
                            return usage_fail(
                                err,
                                format!("{path}: The 'output-file' option requires an argument.\n"),
                            );
                        }
                    };
                    opts.push(('o', Some(value)));
                }
                "ignore-chmod" => {
                    if value.is_some() {
                        return usage_fail(
                            err,
                            format!("{path}: The 'ignore-chmod' option cannot have an argument.\n"),
                        );
                    }
                    opts.push(('c', None));
                }
                _ => {
                    let _ = out.write_all(USAGE.as_bytes());
                    return 0;
                }
            }
            continue;
        }
        let chars: Vec<char> = arg[1..].chars().collect();
        let mut k = 0;
        while k < chars.len() {
            match chars[k] {
                'c' => opts.push(('c', None)),
                'o' => {
                    let rest: String = chars[k + 1..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest
                    } else if i < argv.len() {
                        i += 1;
                        argv[i - 1].clone()
                    } else {
                        return usage_fail(
                            err,
                            format!("{path}: The 'output-file' option requires an argument.\n"),
                        );
                    };
                    opts.push(('o', Some(value)));
                    break;
                }
                'v' | 'h' | '!' | 'R' | 'r' => {
                    let _ = out.write_all(USAGE.as_bytes());
                    return 0;
                }
                other => {
                    return usage_fail(err, format!("{path}: illegal option -- {other}\n"));
                }
            }
            k += 1;
        }
    }
    let home = std::env::var("HOME").ok();
    let mut state = State {
        stream: Some(Stream::Out(out)),
        err,
        errno: 0,
        path: path.clone(),
        forced: None,
        home,
    };
    let code = match run_inputs(&mut state, &opts, &argv[i..], &base) {
        Ok(code) => code,
        Err(Fatal(text, code)) => {
            state.err.extend_from_slice(&text);
            code
        }
    };
    if let Some(Stream::Out(w) | Stream::File(_, w)) = state.stream.take() {
        let _ = w.flush();
    }
    code
}

fn run_inputs(
    state: &mut State<'_>,
    opts: &[(char, Option<String>)],
    operands: &[String],
    base: &str,
) -> Result<u8, Fatal> {
    // Round 2: in order; -o creates its file at once.
    let (mut seen_o, mut seen_c) = (false, false);
    for (c, value) in opts {
        let (seen, name) = if *c == 'o' {
            (&mut seen_o, "output-file")
        } else {
            (&mut seen_c, "ignore-chmod")
        };
        if *seen {
            return Err(Fatal(
                [
                    format!("{base} error:  only one {name} option allowed\n").as_bytes(),
                    USAGE.as_bytes(),
                ]
                .concat(),
                1,
            ));
        }
        *seen = true;
        if let Some(file) = value {
            if file != "-" && file != "/dev/stdout" {
                state.open(file, "freopen-ing for stdout")?;
            }
            state.forced = Some(file.clone());
        }
    }
    if operands.is_empty() {
        let mut data = Vec::new();
        let _ = io::stdin().read_to_end(&mut data);
        return state.decode(&data, "standard input");
    }
    if operands.len() > 1 && state.forced.is_some() {
        return Err(Fatal(
            [
                &b"uudecode usage error:\nYou cannot specify an output file when processing\nmultiple input files.\n"[..],
                USAGE.as_bytes(),
            ]
            .concat(),
            64,
        ));
    }
    let mut code = 0;
    for name in operands {
        match File::open(name) {
            Ok(mut f) => {
                let mut data = Vec::new();
                // A directory opens; reading it fails and it counts as empty.
                let _ = f.read_to_end(&mut data);
                code |= state.decode(&data, name)?;
            }
            Err(e) => {
                let (n, text) = errno(&e);
                state.errno = n;
                let line = format!("{}: {name}: {text}\n", state.path);
                state.err.extend_from_slice(line.as_bytes());
                code |= 4;
            }
        }
    }
    Ok(code)
}
