//! Reference base32: GNU coreutils 9.1 `base32` behaviour, byte for byte, on the task's
//! subset.
//!
//! coreutils builds `base32` from `basenc.c` with gnulib's base32 codec. Encoding is the
//! padded encoding of the whole input, wrapped; decoding filters the input (newlines, or
//! with `-i` everything outside the alphabet and `=`), cuts it into groups of eight and
//! decodes them in order with gnulib's `decode_8`, which writes each byte as soon as it is
//! known. GNU reads in blocks, but for base32 the blocks never show in the output: a group
//! split across two blocks is completed from the next one, and a short final group is
//! invalid either way.

use std::fs::File;
use std::io::{self, Read, Write};

use enc_common::base32;
use enc_common::cstd::fread;
use enc_common::getopt::{Getopt, HasArg, LongOption};
use enc_common::quote::{error_text, quote, quotef};
use enc_common::wrap::{LineWrapper, parse_wrap};

/// Wrap column used when no `-w` is given.
pub const DEFAULT_WRAP: u64 = 76;

/// Bytes read per step; any size gives the same output.
const BLOCK: usize = 8192;

const HELP: u32 = 256;
const VERSION: u32 = 257;

/// base32's long options, in the order glibc lists them when a prefix is ambiguous.
const LONG_OPTIONS: &[LongOption] = &[
    LongOption {
        name: "decode",
        has_arg: HasArg::No,
        id: b'd' as u32,
    },
    LongOption {
        name: "wrap",
        has_arg: HasArg::Required,
        id: b'w' as u32,
    },
    LongOption {
        name: "ignore-garbage",
        has_arg: HasArg::No,
        id: b'i' as u32,
    },
    LongOption {
        name: "help",
        has_arg: HasArg::No,
        id: HELP,
    },
    LongOption {
        name: "version",
        has_arg: HasArg::No,
        id: VERSION,
    },
];

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Encode or decode `input` (`None` or `-` means standard input).
    Run(Settings),
    /// `--help`: outside the task's subset, answered with a short usage text.
    Help,
    /// `--version`: outside the task's subset, answered with a one-line version.
    Version,
}

/// Settings gathered from the options, plus the single operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub decode: bool,
    pub ignore_garbage: bool,
    /// Columns per output line; 0 disables wrapping.
    pub wrap: u64,
    pub input: Option<String>,
}

/// Why the command line was rejected: the message (without the program name) and whether
/// GNU follows it with the "Try ... --help" hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    pub message: Vec<u8>,
    pub try_help: bool,
}

/// Parses `args` (without argv\[0\]) like GNU base32: glibc's `getopt_long` with the
/// option string "diw:", acting on each option as it comes.
///
/// # Errors
/// The first bad option or wrap size, or a second operand.
pub fn parse_args(args: &[String]) -> Result<Command, UsageError> {
    let mut settings = Settings {
        decode: false,
        ignore_garbage: false,
        wrap: DEFAULT_WRAP,
        input: None,
    };
    let mut getopt = Getopt::new(args, "diw:", LONG_OPTIONS);
    for item in getopt.by_ref() {
        let opt = item.map_err(|e| UsageError {
            message: e.message,
            try_help: true,
        })?;
        match opt.id {
            HELP => return Ok(Command::Help),
            VERSION => return Ok(Command::Version),
            id if id == u32::from(b'd') => settings.decode = true,
            id if id == u32::from(b'i') => settings.ignore_garbage = true,
            _ => {
                let value = opt.arg.unwrap_or_default();
                settings.wrap = parse_wrap(value.as_bytes()).map_err(|message| UsageError {
                    message,
                    try_help: false,
                })?;
            }
        }
    }
    let operands = getopt.operands();
    if let Some(extra) = operands.get(1) {
        return Err(UsageError {
            message: [&b"extra operand "[..], &quote(extra.as_bytes())].concat(),
            try_help: true,
        });
    }
    settings.input = operands.first().cloned();
    Ok(Command::Run(settings))
}

/// Why streaming stopped early.
#[derive(Debug)]
pub enum StreamError {
    Read(io::Error),
    Write(io::Error),
    /// The decoder met input it cannot decode (everything before it has been written).
    InvalidInput,
}

/// Encodes `input` to `out` in lines of `wrap` columns (0: one line, no newline).
///
/// # Errors
/// A read or write failure.
pub fn encode_stream(
    input: &mut dyn Read,
    out: &mut dyn Write,
    wrap: u64,
) -> Result<(), StreamError> {
    // A multiple of 5 bytes per read keeps padding at the very end.
    let mut buf = vec![0u8; BLOCK / 8 * 5];
    let mut wrapper = LineWrapper::new(wrap);
    let mut text = Vec::with_capacity(BLOCK);
    loop {
        let (n, eof, error) = fread(input, &mut buf);
        text.clear();
        base32::encode(&buf[..n], &mut text);
        wrapper.write(out, &text).map_err(StreamError::Write)?;
        if let Some(e) = error {
            // GNU ends the last line before it reports the read error.
            wrapper.finish(out).map_err(StreamError::Write)?;
            return Err(StreamError::Read(e));
        }
        if eof {
            break;
        }
    }
    wrapper.finish(out).map_err(StreamError::Write)
}

/// Whether `-i` keeps the byte: alphabet characters and `=`.
fn kept_by_ignore_garbage(c: u8) -> bool {
    c == b'=' || base32::value(c).is_some()
}

/// Decodes `input` to `out`: drops newlines (with `ignore_garbage`, everything outside the
/// alphabet and `=`), then decodes groups of eight. At the first invalid group, the bytes
/// it already wrote stay and decoding stops; a short final group is invalid.
///
/// # Errors
/// A read or write failure, or [`StreamError::InvalidInput`].
pub fn decode_stream(
    input: &mut dyn Read,
    out: &mut dyn Write,
    ignore_garbage: bool,
) -> Result<(), StreamError> {
    let mut buf = vec![0u8; BLOCK];
    let mut group: Vec<u8> = Vec::with_capacity(8);
    let mut decoded = Vec::with_capacity(BLOCK);
    loop {
        let (n, eof, error) = fread(input, &mut buf);
        if let Some(e) = error {
            return Err(StreamError::Read(e));
        }
        decoded.clear();
        let mut valid = true;
        for &c in &buf[..n] {
            let keep = if ignore_garbage {
                kept_by_ignore_garbage(c)
            } else {
                c != b'\n'
            };
            if !keep {
                continue;
            }
            group.push(c);
            if group.len() == 8 {
                valid = base32::decode_group(&group, &mut decoded);
                group.clear();
                if !valid {
                    break;
                }
            }
        }
        out.write_all(&decoded).map_err(StreamError::Write)?;
        if !valid {
            return Err(StreamError::InvalidInput);
        }
        if eof {
            break;
        }
    }
    if group.is_empty() {
        Ok(())
    } else {
        Err(StreamError::InvalidInput)
    }
}

/// Writes "PROGRAM: message\n" to `stderr`. Failing to report an error leaves nothing
/// better to do, so the write result is ignored.
fn report(stderr: &mut dyn Write, program: &str, message: &[u8]) {
    let line = [program.as_bytes(), b": ", message, b"\n"].concat();
    let _ = stderr.write_all(&line);
}

/// Runs base32 with `argv` (argv\[0\] first) and returns the exit status. `stdout` is
/// flushed before returning.
pub fn run(
    argv: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let program = argv.first().map(String::as_str).unwrap_or("base32");
    let args = argv.get(1..).unwrap_or(&[]);
    let settings = match parse_args(args) {
        Ok(Command::Run(settings)) => settings,
        Ok(Command::Help) => {
            let text = format!(
                "Usage: {program} [OPTION]... [FILE]\n\
                 Base32 encode or decode FILE, or standard input, to standard output.\n\
                 Options: -d/--decode, -i/--ignore-garbage, -w/--wrap=COLS (default 76, 0: no wrapping).\n"
            );
            return finish(stdout.write_all(text.as_bytes()), stdout, stderr, program);
        }
        Ok(Command::Version) => {
            let text = format!("{program} (Replica reference, GNU coreutils 9.1 subset)\n");
            return finish(stdout.write_all(text.as_bytes()), stdout, stderr, program);
        }
        Err(e) => {
            report(stderr, program, &e.message);
            if e.try_help {
                let hint = format!("Try '{program} --help' for more information.\n");
                let _ = stderr.write_all(hint.as_bytes());
            }
            return 1;
        }
    };

    let name = settings.input.as_deref().unwrap_or("-");
    let mut file;
    let input: &mut dyn Read = if name == "-" {
        stdin
    } else {
        match File::open(name) {
            Ok(f) => {
                file = f;
                &mut file
            }
            Err(e) => {
                let message = [
                    &quotef(name.as_bytes())[..],
                    b": ",
                    error_text(&e).as_bytes(),
                ]
                .concat();
                report(stderr, program, &message);
                return 1;
            }
        }
    };

    let result = if settings.decode {
        decode_stream(input, stdout, settings.ignore_garbage)
    } else {
        encode_stream(input, stdout, settings.wrap)
    };
    let flushed = stdout.flush();
    match result {
        Ok(()) => finish(flushed, stdout, stderr, program),
        Err(StreamError::InvalidInput) => {
            report(stderr, program, b"invalid input");
            1
        }
        Err(StreamError::Read(e)) => {
            report(
                stderr,
                program,
                format!("read error: {}", error_text(&e)).as_bytes(),
            );
            1
        }
        Err(StreamError::Write(e)) => {
            report(
                stderr,
                program,
                format!("write error: {}", error_text(&e)).as_bytes(),
            );
            1
        }
    }
}

/// Flushes `stdout` after a successful run and turns a write failure into GNU's message.
fn finish(
    written: io::Result<()>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    program: &str,
) -> i32 {
    match written.and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        Err(e) => {
            report(
                stderr,
                program,
                format!("write error: {}", error_text(&e)).as_bytes(),
            );
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the reference on `args` with `stdin` and compares stdout, stderr and status.
    fn check(args: &[&str], stdin: &[u8], stdout: &[u8], stderr: &str, status: i32) {
        let mut argv = vec!["base32".to_string()];
        argv.extend(args.iter().map(|s| s.to_string()));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&argv, &mut &stdin[..], &mut out, &mut err);
        assert_eq!(
            (
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&err),
                code
            ),
            (String::from_utf8_lossy(stdout), stderr.into(), status),
            "args {args:?}, stdin {:?}",
            String::from_utf8_lossy(stdin)
        );
    }

    fn ok(args: &[&str], stdin: &str, stdout: &str) {
        check(args, stdin.as_bytes(), stdout.as_bytes(), "", 0);
    }

    fn bad(args: &[&str], stdin: &str, stdout: &str) {
        check(
            args,
            stdin.as_bytes(),
            stdout.as_bytes(),
            "base32: invalid input\n",
            1,
        );
    }

    fn err(args: &[&str], stderr: &str) {
        check(args, b"", b"", stderr, 1);
    }

    const TRY: &str = "Try 'base32 --help' for more information.\n";

    #[test]
    fn rfc4648_vectors() {
        ok(&[], "", "");
        ok(&[], "f", "MY======\n");
        ok(&[], "fo", "MZXQ====\n");
        ok(&[], "foo", "MZXW6===\n");
        ok(&[], "foob", "MZXW6YQ=\n");
        ok(&[], "fooba", "MZXW6YTB\n");
        ok(&[], "foobar", "MZXW6YTBOI======\n");
        ok(&["-d"], "", "");
        ok(&["-d"], "MY======", "f");
        ok(&["-d"], "MZXQ====", "fo");
        ok(&["-d"], "MZXW6===", "foo");
        ok(&["-d"], "MZXW6YQ=", "foob");
        ok(&["-d"], "MZXW6YTB", "fooba");
        ok(&["-d"], "MZXW6YTBOI======\n", "foobar");
    }

    #[test]
    fn wrapping() {
        ok(&["-w", "4"], "foobar", "MZXW\n6YTB\nOI==\n====\n");
        ok(&["-w8"], "fooba", "MZXW6YTB\n");
        ok(&["--wrap=3"], "f", "MY=\n===\n==\n");
        ok(&["-w", "0"], "foobar", "MZXW6YTBOI======");
        ok(&["-w0"], "", "");
        ok(&["-w", " +007"], "fooba", "MZXW6YT\nB\n");
        ok(&["-w", "-0"], "f", "MY======");
        ok(&["-w", "9223372036854775807"], "f", "MY======\n");
        ok(&["-w", "9223372036854775808"], "f", "MY======");
        ok(&["-w", "5", "-w", "2"], "f", "MY\n==\n==\n==\n");
        // 45 bytes make exactly 72 characters: one line short of the 76 columns.
        ok(&[], &"x".repeat(45), &format!("{}\n", "PB4HQ6DY".repeat(9)));
        ok(
            &[],
            &"x".repeat(50),
            &format!("{}PB4H\nQ6DY\n", "PB4HQ6DY".repeat(9)),
        );
    }

    #[test]
    fn decoding_rules() {
        ok(&["-d"], "MZXW\n6YTB\n", "fooba");
        ok(&["-d"], "M\nZ\nX\nW\n6\nY\nT\nB\n\n", "fooba");
        ok(&["-d"], "MY======MZXQ====", "ffo");
        ok(&["-d"], "MZ======", "f");
        ok(&["-di"], "MZXW 6YTB!", "fooba");
        ok(&["-d", "-i"], "M\r\nY=\t=====", "f");
        ok(
            &["--ignore-garbage", "--decode"],
            "**MY======**MY======",
            "ff",
        );
        ok(&["-i"], "f", "MY======\n");
        // Lowercase letters are garbage, but '6' is a base32 digit: one character is left.
        ok(&["-di"], "mzxwytb", "");
    }

    #[test]
    fn invalid_input_keeps_decoded_prefix() {
        bad(&["-d"], "MZXW6YT", "");
        bad(&["-d"], "MZXW6YTBMZ", "fooba");
        bad(&["-d"], "MZXW6Y==", "foo");
        bad(&["-d"], "MZXW6YTb", "foob");
        bad(&["-d"], "MY=====A", "f");
        bad(&["-d"], "=Y======", "");
        bad(&["-d"], "MZXW6YTB\r\n", "fooba");
        bad(&["-d"], "MZXW 6YTB", "fo");
        bad(&["-d"], "MY=======", "f");
        bad(&["-d"], "mzxw6ytb", "");
        bad(&["-di"], "MY======x=", "f");
        bad(&["-di"], "M!Z!X!W!=", "");
        bad(&["-di"], "mzxw6ytb", "");
    }

    #[test]
    fn invalid_input_after_many_blocks() {
        // 20000 characters span several reads; the bad byte sits late in the input.
        let mut text = "MZXW6YTB".repeat(2500);
        text.replace_range(16002..16003, "*");
        let mut expect = "fooba".repeat(2000);
        expect.push('f');
        bad(&["-d"], &text, &expect);
        // A group split across two reads (8192 bytes each) is completed by the next.
        let mut split = "MZXW6YTB".repeat(1023);
        split.push_str("MZXW\n6YTB");
        ok(&["-d"], &split, &"fooba".repeat(1024));
        let exact = "MZXW6YTB".repeat(1024);
        ok(&["-d"], &exact, &"fooba".repeat(1024));
    }

    #[test]
    fn binary_round_trip() {
        let data: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let mut encoded = Vec::new();
        assert!(encode_stream(&mut &data[..], &mut encoded, 76).is_ok());
        assert!(encoded.split(|&b| b == b'\n').all(|line| line.len() <= 76));
        assert_eq!(encoded.len(), 70_000usize.div_ceil(5) * 8 / 76 * 77 + 53);
        let mut decoded = Vec::new();
        assert!(decode_stream(&mut &encoded[..], &mut decoded, false).is_ok());
        assert_eq!(decoded, data);
    }

    #[test]
    fn option_errors() {
        err(&["-x"], &format!("base32: invalid option -- 'x'\n{TRY}"));
        err(&["-dx"], &format!("base32: invalid option -- 'x'\n{TRY}"));
        err(
            &["-w"],
            &format!("base32: option requires an argument -- 'w'\n{TRY}"),
        );
        err(
            &["--wrap"],
            &format!("base32: option '--wrap' requires an argument\n{TRY}"),
        );
        err(
            &["--foo=bar"],
            &format!("base32: unrecognized option '--foo=bar'\n{TRY}"),
        );
        err(
            &["--base64"],
            &format!("base32: unrecognized option '--base64'\n{TRY}"),
        );
        err(
            &["--dec=1"],
            &format!("base32: option '--decode' doesn't allow an argument\n{TRY}"),
        );
        err(&["a", "b"], &format!("base32: extra operand 'b'\n{TRY}"));
        err(
            &["--", "a", "--"],
            &format!("base32: extra operand '--'\n{TRY}"),
        );
        err(
            &["--=x"],
            &format!(
                "base32: option '--=x' is ambiguous; possibilities: '--decode' '--wrap' '--ignore-garbage' '--help' '--version'\n{TRY}"
            ),
        );
        err(&["-w", "x"], "base32: invalid wrap size: 'x'\n");
        err(&["-w", "-5"], "base32: invalid wrap size: '-5'\n");
        err(&["-w", "x", "--foo"], "base32: invalid wrap size: 'x'\n");
        err(
            &["--foo", "-w", "x"],
            &format!("base32: unrecognized option '--foo'\n{TRY}"),
        );
    }

    #[test]
    fn file_errors() {
        err(
            &["no-such-file"],
            "base32: no-such-file: No such file or directory\n",
        );
        err(
            &["-d", "no such file"],
            "base32: 'no such file': No such file or directory\n",
        );
        err(&["src"], "base32: read error: Is a directory\n");
        err(&["-d", "src"], "base32: read error: Is a directory\n");
    }

    #[test]
    fn operands_and_other_commands() {
        ok(&["-"], "foo", "MZXW6===\n");
        ok(&["--", "-"], "foo", "MZXW6===\n");
        ok(&["-", "--dec"], "MZXW6===", "foo");
        let mut out = Vec::new();
        let code = run(
            &["base32".into(), "--help".into()],
            &mut &b""[..],
            &mut out,
            &mut Vec::new(),
        );
        assert_eq!(code, 0);
        assert!(out.starts_with(b"Usage: base32 "));
        out.clear();
        let code = run(
            &["b32".into(), "--vers".into()],
            &mut &b""[..],
            &mut out,
            &mut Vec::new(),
        );
        assert_eq!((code, out.starts_with(b"b32 (")), (0, true));
    }
}
