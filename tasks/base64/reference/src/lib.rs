//! Reference base64: GNU coreutils 9.1 `base64` behaviour, byte for byte, on the task's subset.
//!
//! The decoder is a faithful port of the block structure of coreutils' `basenc.c` and of
//! gnulib's `base64_decode_ctx`, because the bytes written before "invalid input" depend on
//! exactly how GNU walks its input. Argument parsing follows glibc's `getopt_long` with
//! argument permutation, and messages quote their arguments the way gnulib's `quote` and
//! `quotef` do in the C locale.

use std::fs::File;
use std::io::{self, ErrorKind, Read, Write};

/// Bytes of input GNU encodes per block; a multiple of 3, so no padding appears mid-stream.
const ENC_BLOCKSIZE: usize = 1024 * 3 * 10;

/// Bytes of decoded output per block; the input block is 4/3 of this.
const DEC_BLOCKSIZE: usize = 1024 * 3;

/// Bytes of (filtered) encoded input per decoding block.
const DEC_INBLOCK: usize = DEC_BLOCKSIZE / 3 * 4;

/// Wrap column used when no `-w` is given.
pub const DEFAULT_WRAP: u64 = 76;

/// The RFC 4648 base64 alphabet.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The long options GNU base64 knows, in the order glibc lists them when a name is ambiguous.
const LONG_OPTIONS: [(&str, LongKind); 5] = [
    ("decode", LongKind::Decode),
    ("wrap", LongKind::Wrap),
    ("ignore-garbage", LongKind::IgnoreGarbage),
    ("help", LongKind::Help),
    ("version", LongKind::Version),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LongKind {
    Decode,
    Wrap,
    IgnoreGarbage,
    Help,
    Version,
}

impl LongKind {
    fn takes_argument(self) -> bool {
        self == LongKind::Wrap
    }
}

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

impl UsageError {
    fn with_hint(message: Vec<u8>) -> Self {
        UsageError {
            message,
            try_help: true,
        }
    }
}

/// Parses `args` (without argv\[0\]) the way glibc's `getopt_long` does for the option
/// string "diw:" and base64's long options, permuting operands after options.
pub fn parse_args(args: &[String]) -> Result<Command, UsageError> {
    let mut settings = Settings {
        decode: false,
        ignore_garbage: false,
        wrap: DEFAULT_WRAP,
        input: None,
    };
    let mut operands: Vec<&String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_bytes();
        i += 1;
        if arg == b"--" {
            operands.extend(&args[i..]);
            break;
        } else if let Some(body) = arg.strip_prefix(b"--") {
            let (name, value) = match body.iter().position(|&b| b == b'=') {
                Some(eq) => (&body[..eq], Some(&body[eq + 1..])),
                None => (body, None),
            };
            let kind = match_long(name, body)?;
            let value = if kind.takes_argument() {
                match value {
                    Some(v) => v.to_vec(),
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].as_bytes().to_vec()
                    }
                    None => {
                        return Err(UsageError::with_hint(
                            format!("option '--{}' requires an argument", long_name(kind))
                                .into_bytes(),
                        ));
                    }
                }
            } else if value.is_some() {
                return Err(UsageError::with_hint(
                    format!("option '--{}' doesn't allow an argument", long_name(kind))
                        .into_bytes(),
                ));
            } else {
                Vec::new()
            };
            match kind {
                LongKind::Decode => settings.decode = true,
                LongKind::IgnoreGarbage => settings.ignore_garbage = true,
                LongKind::Wrap => settings.wrap = parse_wrap(&value)?,
                LongKind::Help => return Ok(Command::Help),
                LongKind::Version => return Ok(Command::Version),
            }
        } else if arg.len() > 1 && arg[0] == b'-' {
            let mut j = 1;
            while j < arg.len() {
                let c = arg[j];
                j += 1;
                match c {
                    b'd' => settings.decode = true,
                    b'i' => settings.ignore_garbage = true,
                    b'w' => {
                        // The argument is the rest of this word, or else the whole next word.
                        let value = if j < arg.len() {
                            arg[j..].to_vec()
                        } else if i < args.len() {
                            i += 1;
                            args[i - 1].as_bytes().to_vec()
                        } else {
                            let mut message = b"option requires an argument -- '".to_vec();
                            message.extend_from_slice(b"w'");
                            return Err(UsageError::with_hint(message));
                        };
                        settings.wrap = parse_wrap(&value)?;
                        break;
                    }
                    _ => {
                        let mut message = b"invalid option -- '".to_vec();
                        message.push(c);
                        message.push(b'\'');
                        return Err(UsageError::with_hint(message));
                    }
                }
            }
        } else {
            operands.push(&args[i - 1]);
        }
    }
    if operands.len() > 1 {
        let mut message = b"extra operand ".to_vec();
        message.extend(quote(operands[1].as_bytes()));
        return Err(UsageError::with_hint(message));
    }
    settings.input = operands.first().map(|s| s.to_string());
    Ok(Command::Run(settings))
}

fn long_name(kind: LongKind) -> &'static str {
    LONG_OPTIONS
        .iter()
        .find(|(_, k)| *k == kind)
        .map(|(name, _)| *name)
        .unwrap_or("")
}

/// Resolves a long option name: an exact match, else a unique prefix. `body` is the whole
/// word after "--", which glibc repeats in its messages.
fn match_long(name: &[u8], body: &[u8]) -> Result<LongKind, UsageError> {
    if let Some((_, kind)) = LONG_OPTIONS.iter().find(|(n, _)| n.as_bytes() == name) {
        return Ok(*kind);
    }
    let matches: Vec<&(&str, LongKind)> = LONG_OPTIONS
        .iter()
        .filter(|(n, _)| n.as_bytes().starts_with(name))
        .collect();
    match matches.as_slice() {
        [] => {
            let mut message = b"unrecognized option '--".to_vec();
            message.extend_from_slice(body);
            message.push(b'\'');
            Err(UsageError::with_hint(message))
        }
        [(_, kind)] => Ok(*kind),
        several => {
            let mut message = b"option '--".to_vec();
            message.extend_from_slice(body);
            message.extend_from_slice(b"' is ambiguous; possibilities:");
            for (n, _) in several {
                message.extend_from_slice(format!(" '--{n}'").as_bytes());
            }
            Err(UsageError::with_hint(message))
        }
    }
}

/// Parses a wrap size like coreutils' `xstrtoimax (arg, NULL, 10, &w, "")`: optional C-locale
/// white space and sign, decimal digits, nothing after. Values above `i64::MAX` overflow,
/// which GNU 9.1 treats as 0 (no wrapping); negative values are rejected.
pub fn parse_wrap(arg: &[u8]) -> Result<u64, UsageError> {
    let invalid = || {
        let mut message = b"invalid wrap size: ".to_vec();
        message.extend(quote(arg));
        UsageError {
            message,
            try_help: false,
        }
    };
    let mut rest = arg;
    while let [first, tail @ ..] = rest {
        if matches!(first, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            rest = tail;
        } else {
            break;
        }
    }
    let negative = match rest.first() {
        Some(b'-') => {
            rest = &rest[1..];
            true
        }
        Some(b'+') => {
            rest = &rest[1..];
            false
        }
        _ => false,
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits != rest.len() {
        return Err(invalid());
    }
    // Accumulate the magnitude with saturation: anything beyond i64's range only matters
    // as "overflowed".
    let mut magnitude: u128 = 0;
    for &b in rest {
        magnitude = (magnitude * 10 + u128::from(b - b'0')).min(u128::from(u64::MAX) + 1);
    }
    if negative {
        if magnitude == 0 {
            Ok(0)
        } else {
            Err(invalid())
        }
    } else if magnitude > i64::MAX as u128 {
        Ok(0)
    } else {
        Ok(magnitude as u64)
    }
}

/// Quotes `arg` like gnulib's `quote` in the C locale: single quotes, C-style backslash
/// escapes for control characters, quotes and backslashes, and octal for other bytes that
/// are not printable ASCII.
pub fn quote(arg: &[u8]) -> Vec<u8> {
    let mut out = vec![b'\''];
    for &c in arg {
        match c {
            b'\\' | b'\'' => out.extend_from_slice(&[b'\\', c]),
            0x20..=0x7e => out.push(c),
            _ => push_escape(&mut out, c),
        }
    }
    out.push(b'\'');
    out
}

/// Appends the C escape for a non-printable byte: a letter escape when C has one, else octal.
fn push_escape(out: &mut Vec<u8>, c: u8) {
    let letter = match c {
        0x07 => Some(b'a'),
        0x08 => Some(b'b'),
        0x0c => Some(b'f'),
        b'\n' => Some(b'n'),
        b'\r' => Some(b'r'),
        b'\t' => Some(b't'),
        0x0b => Some(b'v'),
        _ => None,
    };
    out.push(b'\\');
    match letter {
        Some(l) => out.push(l),
        None => out.extend_from_slice(&[b'0' + (c >> 6), b'0' + ((c >> 3) & 7), b'0' + (c & 7)]),
    }
}

/// Quotes a file name like coreutils' `quotef`: unchanged when a shell would read it
/// literally, otherwise shell-quoted (double quotes when that suffices for a name holding
/// a single quote), with `$'...'` sections for bytes that are not printable ASCII.
pub fn quotef(name: &[u8]) -> Vec<u8> {
    if name.is_empty() {
        return b"''".to_vec();
    }
    let isolated_brace = name == b"{" || name == b"}";
    let needs_quotes = isolated_brace
        || name.iter().enumerate().any(|(i, &c)| {
            !(0x20..=0x7e).contains(&c)
                || b" !\"$&'()*;<=>?[\\^`|:".contains(&c)
                || (i == 0 && (c == b'#' || c == b'~'))
        });
    if !needs_quotes {
        return name.to_vec();
    }
    // A name whose only awkward character is a single quote reads best in double quotes.
    let harmless_in_double_quotes = name.iter().enumerate().all(|(i, &c)| {
        c.is_ascii_alphanumeric()
            || b"%+,-./:]_@ '".contains(&c)
            || (i == 0 && (c == b'#' || c == b'~'))
    });
    if name.contains(&b'\'') && harmless_in_double_quotes {
        let mut out = vec![b'"'];
        out.extend_from_slice(name);
        out.push(b'"');
        return out;
    }
    let mut out = vec![b'\''];
    let mut in_dollar = false;
    for &c in name {
        if c == b'\'' {
            out.extend_from_slice(b"'\\''");
            in_dollar = false;
        } else if (0x20..=0x7e).contains(&c) {
            if in_dollar {
                out.extend_from_slice(b"''");
                in_dollar = false;
            }
            out.push(c);
        } else {
            if !in_dollar {
                out.extend_from_slice(b"'$'");
                in_dollar = true;
            }
            push_escape(&mut out, c);
        }
    }
    out.push(b'\'');
    out
}

/// The text GNU prints for an error number, chosen by kind so that WASI's errno values
/// (which differ from Linux's) give the same words.
pub fn error_text(err: &io::Error) -> String {
    match err.kind() {
        ErrorKind::NotFound => "No such file or directory".into(),
        ErrorKind::IsADirectory => "Is a directory".into(),
        ErrorKind::NotADirectory => "Not a directory".into(),
        ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// Why streaming stopped early.
#[derive(Debug)]
pub enum StreamError {
    Read(io::Error),
    Write(io::Error),
    /// The decoder met input it cannot decode (everything before it has been written).
    InvalidInput,
}

/// Reads like C's `fread`: fills `buf` unless end of file comes first. Returns the bytes
/// read, whether end of file was seen, and the read error that stopped it, if any.
fn fread(input: &mut dyn Read, buf: &mut [u8]) -> (usize, bool, Option<io::Error>) {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => return (filled, true, None),
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return (filled, false, Some(e)),
        }
    }
    (filled, false, None)
}

/// Encodes `input` to base64 with padding (`out` receives `4 * ceil(len / 3)` bytes).
pub fn encode_block(input: &[u8], out: &mut Vec<u8>) {
    for group in input.chunks(3) {
        let b = [
            group[0],
            group.get(1).copied().unwrap_or(0),
            group.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let sextet = |shift: u32| ALPHABET[((n >> shift) & 63) as usize];
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if group.len() > 1 { sextet(6) } else { b'=' });
        out.push(if group.len() > 2 { sextet(0) } else { b'=' });
    }
}

/// Writes `data` broken into lines of `wrap` columns, continuing from `column`.
fn wrap_write(data: &[u8], wrap: u64, column: &mut u64, out: &mut dyn Write) -> io::Result<()> {
    if wrap == 0 {
        return out.write_all(data);
    }
    let mut written = 0;
    while written < data.len() {
        let room = wrap - *column;
        if room == 0 {
            out.write_all(b"\n")?;
            *column = 0;
        } else {
            let take = usize::try_from(room)
                .unwrap_or(usize::MAX)
                .min(data.len() - written);
            out.write_all(&data[written..written + take])?;
            *column += take as u64;
            written += take;
        }
    }
    Ok(())
}

/// Encodes all of `input` to `out`, wrapping lines at `wrap` columns (0: no wrapping) and
/// ending a non-empty last line with a newline when wrapping.
pub fn encode_stream(
    input: &mut dyn Read,
    out: &mut dyn Write,
    wrap: u64,
) -> Result<(), StreamError> {
    let mut inbuf = vec![0u8; ENC_BLOCKSIZE];
    let mut outbuf = Vec::with_capacity(ENC_BLOCKSIZE / 3 * 4);
    let mut column = 0;
    let mut read_error = None;
    loop {
        let (sum, eof, err) = fread(input, &mut inbuf);
        if sum > 0 {
            outbuf.clear();
            encode_block(&inbuf[..sum], &mut outbuf);
            wrap_write(&outbuf, wrap, &mut column, out).map_err(StreamError::Write)?;
        }
        if err.is_some() {
            read_error = err;
            break;
        }
        if eof {
            break;
        }
    }
    if wrap != 0 && column > 0 {
        out.write_all(b"\n").map_err(StreamError::Write)?;
    }
    match read_error {
        Some(e) => Err(StreamError::Read(e)),
        None => Ok(()),
    }
}

/// The value of a base64 alphabet byte.
fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// gnulib's `decode_4`: decodes the quartet at the start of `q`, where `q.len()` plays the
/// role of gnulib's `inlen` (it may exceed 4 when called on the rest of a block). Bytes
/// are appended as soon as they are known, so a failing quartet leaves a partial result.
fn decode_4(q: &[u8], out: &mut Vec<u8>) -> bool {
    let inlen = q.len();
    if inlen < 2 {
        return false;
    }
    let (Some(a), Some(b)) = (sextet(q[0]), sextet(q[1])) else {
        return false;
    };
    out.push(a << 2 | b >> 4);
    if inlen == 2 {
        return false;
    }
    if q[2] == b'=' {
        if inlen != 4 || q[3] != b'=' {
            return false;
        }
    } else {
        let Some(c) = sextet(q[2]) else {
            return false;
        };
        out.push(b << 4 | c >> 2);
        if inlen == 3 {
            return false;
        }
        if q[3] == b'=' {
            if inlen != 4 {
                return false;
            }
        } else {
            let Some(d) = sextet(q[3]) else {
                return false;
            };
            out.push(c << 6 | d);
        }
    }
    true
}

/// gnulib's `base64_decode_context`: up to four non-newline bytes carried between blocks.
#[derive(Debug, Default)]
pub struct Decoder {
    i: usize,
    buf: [u8; 4],
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a partial quartet is pending (gnulib's `ctx->i != 0`).
    pub fn pending(&self) -> bool {
        self.i != 0
    }

    /// gnulib's `get_4`: the next four non-newline bytes, gathered in the context buffer
    /// when a newline or the end of the block interrupts them.
    fn get_4(&mut self, input: &[u8], pos: &mut usize, end: usize) -> ([u8; 4], usize) {
        if self.i == 4 {
            self.i = 0;
        }
        if self.i == 0 && end - *pos >= 4 && !input[*pos..*pos + 4].contains(&b'\n') {
            let mut q = [0; 4];
            q.copy_from_slice(&input[*pos..*pos + 4]);
            *pos += 4;
            return (q, 4);
        }
        let mut p = *pos;
        while p < end {
            let c = input[p];
            p += 1;
            if c != b'\n' {
                self.buf[self.i] = c;
                self.i += 1;
                if self.i == 4 {
                    break;
                }
            }
        }
        *pos = p;
        (self.buf, self.i)
    }

    /// gnulib's `base64_decode_ctx`: decodes one block, appending to `out`. An empty
    /// `input` asks to flush the carried partial quartet. Returns false on invalid input,
    /// in which case `out` holds everything decoded before the offending quartet plus
    /// whatever part of that quartet could be decoded.
    pub fn decode_block(&mut self, input: &[u8], out: &mut Vec<u8>) -> bool {
        // gnulib samples the context once per call: a call that starts with a partial
        // quartet never takes the fast path.
        let start_i = self.i;
        let flush = input.is_empty();
        let mut pos = 0;
        let mut inlen = input.len();
        loop {
            let mut out_save = out.len();
            if start_i == 0 && !flush {
                loop {
                    out_save = out.len();
                    if !decode_4(&input[pos..pos + inlen], out) {
                        break;
                    }
                    pos += 4;
                    inlen -= 4;
                }
            }
            if inlen == 0 && !flush {
                break;
            }
            if inlen > 0 && input[pos] == b'\n' {
                pos += 1;
                inlen -= 1;
                continue;
            }
            // The fast path's partial output is withdrawn; the slow path below decodes
            // the same quartet again and keeps what it gets.
            out.truncate(out_save);
            let end = pos + inlen;
            let (q, n) = self.get_4(input, &mut pos, end);
            inlen = n;
            if inlen == 0 || (inlen < 4 && !flush) {
                inlen = 0;
                break;
            }
            if !decode_4(&q[..inlen], out) {
                break;
            }
            inlen = end - pos;
        }
        inlen == 0
    }
}

/// Decodes all of `input` to `out` in GNU's blocks of 4096 (filtered) input bytes. With
/// `ignore_garbage`, every byte outside the alphabet and '=' is dropped first; otherwise
/// only newlines are skipped.
pub fn decode_stream(
    input: &mut dyn Read,
    out: &mut dyn Write,
    ignore_garbage: bool,
) -> Result<(), StreamError> {
    let mut inbuf = vec![0u8; DEC_INBLOCK];
    let mut outbuf = Vec::with_capacity(DEC_BLOCKSIZE);
    let mut decoder = Decoder::new();
    loop {
        let mut sum = 0;
        let mut eof = false;
        while sum < DEC_INBLOCK && !eof {
            let (n, at_eof, err) = fread(input, &mut inbuf[sum..]);
            let mut kept = n;
            if ignore_garbage {
                kept = 0;
                for k in sum..sum + n {
                    let c = inbuf[k];
                    if sextet(c).is_some() || c == b'=' {
                        inbuf[sum + kept] = c;
                        kept += 1;
                    }
                }
            }
            sum += kept;
            if let Some(e) = err {
                return Err(StreamError::Read(e));
            }
            eof = at_eof;
        }
        // The final block gets one more call with no input, to flush a partial quartet.
        for k in 0..1 + usize::from(eof) {
            if k == 1 && !decoder.pending() {
                break;
            }
            outbuf.clear();
            let ok = decoder.decode_block(if k == 0 { &inbuf[..sum] } else { &[] }, &mut outbuf);
            out.write_all(&outbuf).map_err(StreamError::Write)?;
            if !ok {
                return Err(StreamError::InvalidInput);
            }
        }
        if eof {
            return Ok(());
        }
    }
}

/// Writes "PROGRAM: message\n" to `stderr`. Failing to report an error leaves nothing
/// better to do, so the write result is ignored.
fn report(stderr: &mut dyn Write, program: &str, message: &[u8]) {
    let mut line = Vec::with_capacity(program.len() + message.len() + 3);
    line.extend_from_slice(program.as_bytes());
    line.extend_from_slice(b": ");
    line.extend_from_slice(message);
    line.push(b'\n');
    let _ = stderr.write_all(&line);
}

/// Runs base64 with `argv` (argv\[0\] first) and returns the exit status. `stdout` is
/// flushed before returning.
pub fn run(
    argv: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let program = argv.first().map(String::as_str).unwrap_or("base64");
    let args = argv.get(1..).unwrap_or(&[]);
    let settings = match parse_args(args) {
        Ok(Command::Run(settings)) => settings,
        Ok(Command::Help) => {
            let text = format!(
                "Usage: {program} [OPTION]... [FILE]\n\
                 Base64 encode or decode FILE, or standard input, to standard output.\n\
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
                let mut message = quotef(name.as_bytes());
                message.extend_from_slice(b": ");
                message.extend_from_slice(error_text(&e).as_bytes());
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
        let mut argv = vec!["base64".to_string()];
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

    const TRY: &str = "Try 'base64 --help' for more information.\n";

    #[test]
    fn rfc4648_vectors_encode() {
        ok(&[], "", "");
        ok(&[], "f", "Zg==\n");
        ok(&[], "fo", "Zm8=\n");
        ok(&[], "foo", "Zm9v\n");
        ok(&[], "foob", "Zm9vYg==\n");
        ok(&[], "fooba", "Zm9vYmE=\n");
        ok(&[], "foobar", "Zm9vYmFy\n");
    }

    #[test]
    fn rfc4648_vectors_decode() {
        ok(&["-d"], "", "");
        ok(&["-d"], "Zg==", "f");
        ok(&["-d"], "Zm8=", "fo");
        ok(&["-d"], "Zm9v", "foo");
        ok(&["-d"], "Zm9vYg==", "foob");
        ok(&["-d"], "Zm9vYmE=\n", "fooba");
        ok(&["-d"], "Zm9vYmFy\n", "foobar");
    }

    #[test]
    fn wrapping() {
        ok(&["-w", "4"], "foobar", "Zm9v\nYmFy\n");
        ok(&["-w4"], "fooba", "Zm9v\nYmE=\n");
        ok(&["--wrap=3"], "foobar", "Zm9\nvYm\nFy\n");
        ok(&["--wrap", "1"], "f", "Z\ng\n=\n=\n");
        ok(&["-w", "0"], "foobar", "Zm9vYmFy");
        ok(&["-w0"], "", "");
        ok(&["-w", "8"], "foobar", "Zm9vYmFy\n");
        ok(&["-w", " +007"], "foobar", "Zm9vYmF\ny\n");
        ok(&["-w", "-0"], "f", "Zg==");
        ok(&["-w", "9223372036854775807"], "f", "Zg==\n");
        ok(&["-w", "9223372036854775808"], "f", "Zg==");
        ok(&["-w", "5", "-w", "2"], "f", "Zg\n==\n");
        ok(&[], &"x".repeat(57), &format!("{}\n", "eHh4".repeat(19)));
        ok(
            &[],
            &"x".repeat(58),
            &format!("{}\neA==\n", "eHh4".repeat(19)),
        );
    }

    #[test]
    fn decoding_rules() {
        ok(&["-d"], "Zm9v\nYmFy\n", "foobar");
        ok(&["-d"], "Z\nm\n9\nv\n\n", "foo");
        ok(&["-d"], "QQ==QUJD", "AABC");
        ok(&["-d"], "QUI=QQ==", "ABA");
        ok(&["-d"], "QR==", "A");
        ok(&["-di"], "Zm9v YmFy!", "foobar");
        ok(&["-d", "-i"], "Q\r\nQ=\t=", "A");
        ok(&["--ignore-garbage", "--decode"], "**Zg==**Zg==", "ff");
        ok(&["-i"], "foo", "Zm9v\n");
    }

    #[test]
    fn invalid_input_keeps_decoded_prefix() {
        let bad = |args: &[&str], stdin: &str, stdout: &str| {
            check(
                args,
                stdin.as_bytes(),
                stdout.as_bytes(),
                "base64: invalid input\n",
                1,
            );
        };
        bad(&["-d"], "QUJDRA", "ABCD");
        bad(&["-d"], "QUJ", "AB");
        bad(&["-d"], "QQ=", "A");
        bad(&["-d"], "Q", "");
        bad(&["-d"], "QU=A", "A");
        bad(&["-d"], "QUJD!QUJD", "ABC");
        bad(&["-d"], "QUJ!", "AB");
        bad(&["-d"], "Zm9v YmFy", "foo");
        bad(&["-d"], "Zm9v\r\n", "foo");
        bad(&["-d"], "=QUJD", "");
        bad(&["-d"], "QQ===", "A");
        bad(&["-di"], "QQ=x", "A");
        bad(&["-di"], "Q!Q!=", "A");
    }

    #[test]
    fn invalid_input_after_first_block() {
        // 4200 valid characters span two decoding blocks; the bad byte sits in the second.
        let mut text = "QUJD".repeat(1050);
        let expect = "ABC".repeat(1030);
        text.replace_range(4121..4122, "*");
        check(
            &["-d"],
            text.as_bytes(),
            expect.as_bytes(),
            "base64: invalid input\n",
            1,
        );
        // A partial quartet carried over the block boundary is completed by the next block.
        let mut split = "QUJD".repeat(1023);
        split.push_str("QUJ\nD");
        check(
            &["-d"],
            split.as_bytes(),
            "ABC".repeat(1024).as_bytes(),
            "",
            0,
        );
        // Input that is an exact multiple of the block size ends with an empty block.
        let exact = "QUJD".repeat(1024);
        check(
            &["-d"],
            exact.as_bytes(),
            "ABC".repeat(1024).as_bytes(),
            "",
            0,
        );
        let mut short = "QUJD".repeat(1023);
        short.push_str("QUJ\n");
        let mut expect = "ABC".repeat(1023);
        expect.push_str("AB");
        check(
            &["-d"],
            short.as_bytes(),
            expect.as_bytes(),
            "base64: invalid input\n",
            1,
        );
    }

    #[test]
    fn binary_round_trip() {
        let data: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let mut encoded = Vec::new();
        assert!(encode_stream(&mut &data[..], &mut encoded, 76).is_ok());
        assert!(encoded.split(|&b| b == b'\n').all(|line| line.len() <= 76));
        let mut decoded = Vec::new();
        assert!(decode_stream(&mut &encoded[..], &mut decoded, false).is_ok());
        assert_eq!(decoded, data);
    }

    #[test]
    fn option_errors() {
        let err = |args: &[&str], stderr: &str| check(args, b"", b"", stderr, 1);
        err(&["-x"], &format!("base64: invalid option -- 'x'\n{TRY}"));
        err(&["-dx"], &format!("base64: invalid option -- 'x'\n{TRY}"));
        err(&["-d-"], &format!("base64: invalid option -- '-'\n{TRY}"));
        err(&["-:"], &format!("base64: invalid option -- ':'\n{TRY}"));
        err(
            &["-w"],
            &format!("base64: option requires an argument -- 'w'\n{TRY}"),
        );
        err(
            &["-dw"],
            &format!("base64: option requires an argument -- 'w'\n{TRY}"),
        );
        err(
            &["--wrap"],
            &format!("base64: option '--wrap' requires an argument\n{TRY}"),
        );
        err(
            &["--wr"],
            &format!("base64: option '--wrap' requires an argument\n{TRY}"),
        );
        err(
            &["--foo"],
            &format!("base64: unrecognized option '--foo'\n{TRY}"),
        );
        err(
            &["--foo=bar"],
            &format!("base64: unrecognized option '--foo=bar'\n{TRY}"),
        );
        err(
            &["--dx"],
            &format!("base64: unrecognized option '--dx'\n{TRY}"),
        );
        err(
            &["--dec=1"],
            &format!("base64: option '--decode' doesn't allow an argument\n{TRY}"),
        );
        err(
            &["--ignore-garbage="],
            &format!("base64: option '--ignore-garbage' doesn't allow an argument\n{TRY}"),
        );
        err(&["a", "b"], &format!("base64: extra operand 'b'\n{TRY}"));
        err(&["-", "-"], &format!("base64: extra operand '-'\n{TRY}"));
        err(
            &["--", "a", "--"],
            &format!("base64: extra operand '--'\n{TRY}"),
        );
        err(
            &["a", "b", "-x"],
            &format!("base64: invalid option -- 'x'\n{TRY}"),
        );
        err(
            &["--=x"],
            &format!(
                "base64: option '--=x' is ambiguous; possibilities: '--decode' '--wrap' '--ignore-garbage' '--help' '--version'\n{TRY}"
            ),
        );
    }

    #[test]
    fn wrap_size_errors() {
        let err = |args: &[&str], stderr: &str| check(args, b"", b"", stderr, 1);
        err(&["-w", "x"], "base64: invalid wrap size: 'x'\n");
        err(&["-w", ""], "base64: invalid wrap size: ''\n");
        err(&["-w", "-5"], "base64: invalid wrap size: '-5'\n");
        err(&["-w", "5 "], "base64: invalid wrap size: '5 '\n");
        err(&["-w", "0x10"], "base64: invalid wrap size: '0x10'\n");
        err(&["-wd"], "base64: invalid wrap size: 'd'\n");
        err(&["-w", "--"], "base64: invalid wrap size: '--'\n");
        err(
            &["--wrap=-99999999999999999999"],
            "base64: invalid wrap size: '-99999999999999999999'\n",
        );
        err(
            &["-w", "a'b\\c\t\u{e9}"],
            "base64: invalid wrap size: 'a\\'b\\\\c\\t\\303\\251'\n",
        );
        err(&["-w", "x", "--foo"], "base64: invalid wrap size: 'x'\n");
    }

    #[test]
    fn file_errors() {
        let err = |args: &[&str], stderr: &str| check(args, b"", b"", stderr, 1);
        err(
            &["no-such-file"],
            "base64: no-such-file: No such file or directory\n",
        );
        err(
            &["-d", "no such file"],
            "base64: 'no such file': No such file or directory\n",
        );
        err(&["src"], "base64: read error: Is a directory\n");
        err(&["-d", "src"], "base64: read error: Is a directory\n");
        err(&["-di", "src"], "base64: read error: Is a directory\n");
    }

    #[test]
    fn operands() {
        ok(&["-"], "foo", "Zm9v\n");
        ok(&["--", "-"], "foo", "Zm9v\n");
        ok(&["-", "--dec"], "Zm9v", "foo");
        ok(&["--"], "foo", "Zm9v\n");
    }

    /// Checks gnulib's `quotef` rendering of one file name.
    fn check_quotef(name: &[u8], expect: &str) {
        assert_eq!(
            String::from_utf8_lossy(&quotef(name)),
            expect,
            "name {name:?}"
        );
    }

    #[test]
    fn file_name_quoting() {
        check_quotef(b"plain-name_1.txt", "plain-name_1.txt");
        check_quotef(b"", "''");
        check_quotef(b"a b", "'a b'");
        check_quotef(b"a:b", "'a:b'");
        check_quotef(b"x#", "x#");
        check_quotef(b"#x", "'#x'");
        check_quotef(b"~x", "'~x'");
        check_quotef(b"{", "'{'");
        check_quotef(b"{}", "{}");
        check_quotef(b"a'b", "\"a'b\"");
        check_quotef(b"#'", "\"#'\"");
        check_quotef(b"'~", "''\\''~'");
        check_quotef(b"a'b$c", "'a'\\''b$c'");
        check_quotef(b"a\tb", "'a'$'\\t''b'");
        check_quotef(b"a\t\tb", "'a'$'\\t\\t''b'");
        check_quotef(b"b\t", "'b'$'\\t'");
        check_quotef(b"\t'", "''$'\\t'\\'''");
        check_quotef("\u{e9}".as_bytes(), "''$'\\303\\251'");
        check_quotef(b"\x1b[", "''$'\\033''['");
    }
}
