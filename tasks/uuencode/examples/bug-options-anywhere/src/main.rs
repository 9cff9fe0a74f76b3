//! A buggy uuencode submission: the correct example, except that it reads options after
//! the operands too, as GNU getopt would; AutoOpts stops at the first operand.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "uuencode (GNU sharutils) - encode a file into email friendly text\n\
Usage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\n\
Try 'uuencode --help' for more information.\n";

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The long names AutoOpts knows for uuencode; only the first two are in the subset.
const NAMES: [&str; 8] = [
    "base64",
    "encode-file-name",
    "version",
    "help",
    "more-help",
    "save-opts",
    "load-opts",
    "no-load-opts",
];

fn same_char(a: u8, b: u8) -> bool {
    let norm = |c: u8| match c {
        b'_' | b'^' => b'-',
        c => c.to_ascii_lowercase(),
    };
    norm(a) == norm(b)
}

fn b64(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(3) {
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[(v >> (18 - 6 * k) & 0x3f) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

fn uu(v: u32) -> u8 {
    let v = (v & 0x3f) as u8;
    if v == 0 { b'`' } else { v + b' ' }
}

fn errno_of(e: &io::Error) -> (i32, &'static str) {
    match e.kind() {
        ErrorKind::NotFound => (2, "No such file or directory"),
        ErrorKind::NotADirectory => (20, "Not a directory"),
        ErrorKind::IsADirectory => (21, "Is a directory"),
        ErrorKind::PermissionDenied => (13, "Permission denied"),
        _ => (5, "Input/output error"),
    }
}

/// What went wrong: the text for standard error and the exit status.
struct Stop(Vec<u8>, u8);

fn option_error(line: String) -> Stop {
    Stop([line.as_bytes(), USAGE.as_bytes()].concat(), 1)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let mut stdout = io::stdout().lock();
    match run(&argv, &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Stop(text, code)) => {
            let _ = stdout.flush();
            let _ = io::stderr().lock().write_all(&text);
            ExitCode::from(code)
        }
    }
}

fn run(argv: &[String], stdout: &mut dyn Write) -> Result<(), Stop> {
    let path = argv.first().cloned().unwrap_or_else(|| "uuencode".into());
    let base = path.rsplit('/').next().unwrap_or(&path).to_string();
    // Round 1: syntax. The letters seen, in order, for round 2.
    let mut seen: Vec<char> = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let arg = &argv[i];
        if !arg.starts_with('-') || arg == "-" {
            // Look further: an option after an operand still counts.
            let rest: Vec<String> = argv[i..].to_vec();
            let (options, operands): (Vec<String>, Vec<String>) = rest
                .into_iter()
                .partition(|a| a.starts_with('-') && a != "-" && a != "--");
            if options.is_empty() {
                break;
            }
            let mut moved = argv[..i].to_vec();
            moved.extend(options);
            moved.push("--".into());
            moved.extend(operands);
            return run(&moved, stdout);
        }
        i += 1;
        if arg == "--" {
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (name, has_value) = match body.find('=') {
                Some(at) => (&body[..at], true),
                None => (body, false),
            };
            if name.len() < 2 {
                return Err(option_error(format!(
                    "{base}: invalid option name: {name}\n"
                )));
            }
            let matches: Vec<&str> = NAMES
                .iter()
                .copied()
                .filter(|full| {
                    name.len() <= full.len()
                        && name.bytes().zip(full.bytes()).all(|(a, b)| same_char(a, b))
                })
                .collect();
            let Some(&full) = matches.first() else {
                return Err(option_error(format!("{path}: illegal option -- {name}\n")));
            };
            match full {
                "base64" | "encode-file-name" => {
                    if has_value {
                        return Err(option_error(format!(
                            "{path}: The '{full}' option cannot have an argument.\n"
                        )));
                    }
                    seen.push(if full == "base64" { 'm' } else { 'e' });
                }
                // Outside the subset: treated as a request for help.
                _ => {
                    let _ = stdout.write_all(USAGE.as_bytes());
                    return Ok(());
                }
            }
            continue;
        }
        for c in arg[1..].chars() {
            match c {
                'm' | 'e' => seen.push(c),
                'v' | 'h' | '!' | 'R' | 'r' => {
                    let _ = stdout.write_all(USAGE.as_bytes());
                    return Ok(());
                }
                _ => {
                    let mut line = format!("{path}: illegal option -- ").into_bytes();
                    line.extend_from_slice(c.to_string().as_bytes());
                    line.push(b'\n');
                    return Err(Stop([&line[..], USAGE.as_bytes()].concat(), 1));
                }
            }
        }
    }
    // Round 2: repetitions, in order.
    let (mut base64, mut encode_name) = (false, false);
    for c in seen {
        let (flag, name) = if c == 'm' {
            (&mut base64, "base64")
        } else {
            (&mut encode_name, "encode-file-name")
        };
        if *flag {
            return Err(option_error(format!(
                "{base} error:  only one {name} option allowed\n"
            )));
        }
        *flag = true;
    }
    let operands = &argv[i..];
    let (input, name) = match operands {
        [name] => (None, name.clone()),
        [input, name] => (Some(input.clone()), name.clone()),
        _ => return Err(Stop(USAGE.as_bytes().to_vec(), 64)),
    };
    let mut data = Vec::new();
    let mut mode = "644";
    let mut read_error = None;
    match &input {
        None => {
            if let Err(e) = io::stdin().read_to_end(&mut data) {
                read_error = Some(e);
            }
        }
        Some(file) => match File::open(file) {
            Ok(mut f) => {
                if f.metadata().is_ok_and(|m| m.is_dir()) {
                    mode = "755";
                }
                if let Err(e) = f.read_to_end(&mut data) {
                    read_error = Some(e);
                }
            }
            Err(e) => {
                let (n, text) = errno_of(&e);
                return Err(Stop(
                    format!(
                        "uuencode fatal error:\nfserr {n} ({text}) performing 'freopen of stdin' on {file}\n"
                    )
                    .into_bytes(),
                    1,
                ));
            }
        },
    }
    let mut out = b"begin".to_vec();
    if base64 {
        out.extend_from_slice(b"-base64");
    }
    if encode_name {
        out.extend_from_slice(b"-encoded");
    }
    out.extend_from_slice(format!(" {mode} ").as_bytes());
    if encode_name {
        out.extend(b64(name.as_bytes()));
    } else {
        out.extend_from_slice(name.as_bytes());
    }
    out.push(b'\n');
    if let Some(e) = read_error {
        let _ = stdout.write_all(&out);
        let (n, text) = errno_of(&e);
        let file = input.unwrap_or_default();
        return Err(Stop(
            format!("uuencode fatal error:\nfserr {n} ({text}) performing 'fread' on {file}\n")
                .into_bytes(),
            1,
        ));
    }
    for line in data.chunks(45) {
        if base64 {
            out.extend(b64(line));
        } else {
            out.push(uu(line.len() as u32));
            for g in line.chunks(3) {
                let v = (u32::from(g[0]) << 16)
                    | (u32::from(*g.get(1).unwrap_or(&0)) << 8)
                    | u32::from(*g.get(2).unwrap_or(&0));
                for shift in [18, 12, 6, 0] {
                    out.push(uu(v >> shift));
                }
            }
        }
        out.push(b'\n');
    }
    out.extend_from_slice(if base64 { b"====\n" } else { b"`\nend\n" });
    let _ = stdout.write_all(&out);
    let _ = stdout.flush();
    Ok(())
}
