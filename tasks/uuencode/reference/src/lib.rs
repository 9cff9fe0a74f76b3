//! Reference uuencode: GNU sharutils 4.15.2 `uuencode` behaviour, byte for byte, on the
//! task's subset.
//!
//! The input is read 45 bytes at a time; each chunk becomes one line, either historical
//! uuencoding (a length character, then four characters per three bytes) or base64 with
//! `-m`. The header's mode is what the real tool prints under umask 022: 644 for standard
//! input and regular files, 755 for a directory (the sandbox has no modes). Options are
//! AutoOpts', with its messages.

use std::fs::File;
use std::io::{self, Read, Write};

use enc_common::autoopts::{self, Arg, OptError, OptionDef};
use enc_common::cstd::fread;
use enc_common::quote::{errno_number, error_text};

/// Bytes per encoded line.
const LINE_BYTES: usize = 45;

/// Index of each option in [`OPTIONS`].
const BASE64: usize = 0;
const ENCODE_FILE_NAME: usize = 1;
const VERSION: usize = 2;
const HELP: usize = 3;
const MORE_HELP: usize = 4;

const fn def(name: &'static str, short: u8, arg: Arg, max: u32) -> OptionDef {
    OptionDef {
        name,
        short,
        arg,
        max,
        disable: None,
    }
}

/// uuencode's options (the last five are outside the task's subset).
const OPTIONS: &[OptionDef] = &[
    def("base64", b'm', Arg::None, 1),
    def("encode-file-name", b'e', Arg::None, 1),
    def("version", b'v', Arg::Optional, 1),
    def("help", b'h', Arg::None, 1),
    def("more-help", b'!', Arg::None, 1),
    def("save-opts", b'R', Arg::Optional, 1),
    OptionDef {
        name: "load-opts",
        short: b'r',
        arg: Arg::Required,
        max: u32::MAX,
        disable: Some("no-load-opts"),
    },
];

/// The lines AutoOpts prints after a usage error (the program name in them is fixed).
pub const USAGE: &str = "uuencode (GNU sharutils) - encode a file into email friendly text\n\
Usage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\n\
Try 'uuencode --help' for more information.\n";

/// Exit status of an option error.
const EXIT_OPTION_ERROR: i32 = 1;
/// Exit status of a wrong number of operands (`EX_USAGE`).
const EXIT_USAGE: i32 = 64;
/// Exit status of a failure while encoding.
const EXIT_FAILURE: i32 = 1;

/// The standard base64 alphabet, for `-m` and `-e`.
const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The historical uuencoding of a 6-bit value: the character 32 above it, except that 0
/// is a backquote rather than a space.
pub fn uu_char(value: u8) -> u8 {
    match value & 63 {
        0 => b'`',
        v => v + 32,
    }
}

/// Padded base64 of `bytes`.
pub fn base64(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for k in 0..4 {
            out.push(if k <= group.len() {
                BASE64_ALPHABET[(n >> (18 - 6 * k) & 63) as usize]
            } else {
                b'='
            });
        }
    }
    out
}

/// One line of historical uuencoding for a chunk of 1 to 45 bytes, newline included.
pub fn uu_line(chunk: &[u8]) -> Vec<u8> {
    let mut line = vec![uu_char(chunk.len() as u8)];
    for group in chunk.chunks(3) {
        let b0 = group[0];
        let b1 = group.get(1).copied().unwrap_or(0);
        let b2 = group.get(2).copied().unwrap_or(0);
        line.push(uu_char(b0 >> 2));
        line.push(uu_char((b0 & 3) << 4 | b1 >> 4));
        line.push(uu_char((b1 & 15) << 2 | b2 >> 6));
        line.push(uu_char(b2 & 63));
    }
    line.push(b'\n');
    line
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub base64: bool,
    pub encode_name: bool,
    /// The input file, or standard input.
    pub input: Option<String>,
    /// The name written in the header.
    pub remote_name: String,
}

/// How parsing ended when it did not give settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// An option error: the message, then [`USAGE`], exit status 1.
    Option(OptError),
    /// Not one or two operands: [`USAGE`] alone, exit status 64.
    Operands,
    /// `--help`, `--version` and the other options outside the task's subset.
    Other(usize),
}

/// Parses `args` (without argv\[0\]).
///
/// # Errors
/// How the run stops instead.
pub fn parse_args(args: &[String]) -> Result<Settings, Stop> {
    let (found, operands) = autoopts::parse(args, OPTIONS).map_err(Stop::Option)?;
    if let Some(other) = found.iter().find(|f| f.index >= VERSION) {
        return Err(Stop::Other(other.index));
    }
    let given = |index: usize| found.iter().any(|f| f.index == index);
    let (input, remote_name) = match operands.as_slice() {
        [name] => (None, name.clone()),
        [input, name] => (Some(input.clone()), name.clone()),
        _ => return Err(Stop::Operands),
    };
    Ok(Settings {
        base64: given(BASE64),
        encode_name: given(ENCODE_FILE_NAME),
        input,
        remote_name,
    })
}

/// The fatal error of sharutils' `fserr`: "uuencode fatal error:" then the failed
/// operation, with Linux's errno number and text.
fn fserr(err: &io::Error, operation: &str, name: &str) -> Vec<u8> {
    format!(
        "uuencode fatal error:\nfserr {} ({}) performing '{operation}' on {name}\n",
        errno_number(err),
        error_text(err)
    )
    .into_bytes()
}

/// Runs uuencode with `argv` (argv\[0\] first) and returns the exit status. `stdout` is
/// flushed before returning.
pub fn run(
    argv: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let path = argv.first().map(String::as_str).unwrap_or("uuencode");
    let args = argv.get(1..).unwrap_or(&[]);
    let settings = match parse_args(args) {
        Ok(settings) => settings,
        Err(Stop::Option(e)) => {
            let message = e.message(path, autoopts::base_name(path));
            let _ = stderr.write_all(&[&message[..], USAGE.as_bytes()].concat());
            return EXIT_OPTION_ERROR;
        }
        Err(Stop::Operands) => {
            let _ = stderr.write_all(USAGE.as_bytes());
            return EXIT_USAGE;
        }
        Err(Stop::Other(index)) => {
            let text = match index {
                HELP | MORE_HELP => USAGE.lines().take(2).collect::<Vec<_>>().join("\n") + "\n",
                VERSION => "uuencode (GNU sharutils) 4.15.2 (Replica reference)\n".to_string(),
                _ => String::new(),
            };
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            return 0;
        }
    };

    let mut file;
    let (input, input_name, mode): (&mut dyn Read, &str, &str) = match &settings.input {
        None => (stdin, "standard input", "644"),
        Some(name) => match File::open(name) {
            Ok(f) => {
                let is_dir = f.metadata().is_ok_and(|m| m.is_dir());
                file = f;
                (&mut file, name.as_str(), if is_dir { "755" } else { "644" })
            }
            Err(e) => {
                let _ = stderr.write_all(&fserr(&e, "freopen of stdin", name));
                return EXIT_FAILURE;
            }
        },
    };

    let name = if settings.encode_name {
        base64(settings.remote_name.as_bytes())
    } else {
        settings.remote_name.clone().into_bytes()
    };
    let mut header = b"begin".to_vec();
    if settings.base64 {
        header.extend_from_slice(b"-base64");
    }
    if settings.encode_name {
        header.extend_from_slice(b"-encoded");
    }
    header.extend_from_slice(format!(" {mode} ").as_bytes());
    header.extend_from_slice(&name);
    header.push(b'\n');

    let status = match encode(input, stdout, &header, settings.base64) {
        Ok(()) => 0,
        Err(e) => {
            let _ = stderr.write_all(&fserr(&e, "fread", input_name));
            EXIT_FAILURE
        }
    };
    let _ = stdout.flush();
    status
}

/// Writes the header, the encoded lines and the trailer.
///
/// # Errors
/// A read error (everything before it stays written).
fn encode(
    input: &mut dyn Read,
    out: &mut dyn Write,
    header: &[u8],
    base64_lines: bool,
) -> io::Result<()> {
    // Write failures on standard output cannot happen in the task's cases; the real tool
    // would report them, the reference ignores them.
    let _ = out.write_all(header);
    let mut chunk = [0u8; LINE_BYTES];
    loop {
        let (n, eof, error) = fread(input, &mut chunk);
        if let Some(e) = error {
            return Err(e);
        }
        if n > 0 {
            let line = if base64_lines {
                let mut line = base64(&chunk[..n]);
                line.push(b'\n');
                line
            } else {
                uu_line(&chunk[..n])
            };
            let _ = out.write_all(&line);
        }
        if eof || n < LINE_BYTES {
            break;
        }
    }
    let trailer: &[u8] = if base64_lines { b"====\n" } else { b"`\nend\n" };
    let _ = out.write_all(trailer);
    Ok(())
}

#[cfg(test)]
mod tests;
