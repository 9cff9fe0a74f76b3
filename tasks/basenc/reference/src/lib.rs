//! Reference basenc: GNU coreutils 9.1 `basenc` behaviour, byte for byte, on the task's
//! subset.
//!
//! Encoding is the whole input encoded and wrapped, except Z85, which GNU encodes in
//! blocks of 30720 bytes and abandons at a final block whose length is not a multiple of
//! 4 (earlier blocks are already written). Decoding filters the input (newlines, or with
//! `-i` everything outside the alphabet and `=`) and decodes it character by character with
//! gnulib's or basenc's per-encoding rules, which write output as soon as it is known.
//! GNU reads 4200 * (characters per byte) bytes per block; the blocks only show for
//! `--base64url`, whose decoder rejects a whole block (writing none of it) when it holds
//! a `+` or a `/`.

use std::fs::File;
use std::io::{self, Read, Write};

use enc_common::base32;
use enc_common::cstd::fread;
use enc_common::getopt::{Getopt, HasArg, LongOption};
use enc_common::quote::{error_text, quote, quotef};
use enc_common::wrap::{LineWrapper, parse_wrap};

/// Wrap column used when no `-w` is given.
pub const DEFAULT_WRAP: u64 = 76;

/// Bytes GNU encodes per block (a multiple of 3, 4 and 5).
const ENC_BLOCKSIZE: usize = 1024 * 3 * 10;

/// Decoded bytes per block; the encoded block is this times the encoding's expansion.
const DEC_BLOCKSIZE: usize = 4200;

/// The encodings, each selected by a long option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Base64,
    Base64Url,
    Base32,
    Base32Hex,
    Base16,
    Base2Msbf,
    Base2Lsbf,
    Z85,
}

const HELP: u32 = 256;
const VERSION: u32 = 257;
/// Long-option ids of the encodings start here, in [`ENCODINGS`] order.
const FIRST_ENCODING: u32 = 300;

const ENCODINGS: [Encoding; 8] = [
    Encoding::Base64,
    Encoding::Base64Url,
    Encoding::Base32,
    Encoding::Base32Hex,
    Encoding::Base16,
    Encoding::Base2Msbf,
    Encoding::Base2Lsbf,
    Encoding::Z85,
];

const fn long(name: &'static str, has_arg: HasArg, id: u32) -> LongOption {
    LongOption { name, has_arg, id }
}

/// basenc's long options, in the order glibc lists them when a prefix is ambiguous.
const LONG_OPTIONS: &[LongOption] = &[
    long("decode", HasArg::No, b'd' as u32),
    long("wrap", HasArg::Required, b'w' as u32),
    long("ignore-garbage", HasArg::No, b'i' as u32),
    long("base64", HasArg::No, FIRST_ENCODING),
    long("base64url", HasArg::No, FIRST_ENCODING + 1),
    long("base32", HasArg::No, FIRST_ENCODING + 2),
    long("base32hex", HasArg::No, FIRST_ENCODING + 3),
    long("base16", HasArg::No, FIRST_ENCODING + 4),
    long("base2msbf", HasArg::No, FIRST_ENCODING + 5),
    long("base2lsbf", HasArg::No, FIRST_ENCODING + 6),
    long("z85", HasArg::No, FIRST_ENCODING + 7),
    long("help", HasArg::No, HELP),
    long("version", HasArg::No, VERSION),
];

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Run(Settings),
    /// `--help`: outside the task's subset, answered with a short usage text.
    Help,
    /// `--version`: outside the task's subset, answered with a one-line version.
    Version,
}

/// Settings gathered from the options, plus the single operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub encoding: Encoding,
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

/// Parses `args` (without argv\[0\]) like GNU basenc: glibc's `getopt_long` with the option
/// string "diw:", acting on each option as it comes; the last encoding option wins.
///
/// # Errors
/// The first bad option or wrap size, then a missing encoding, then a second operand.
pub fn parse_args(args: &[String]) -> Result<Command, UsageError> {
    let mut encoding = None;
    let mut decode = false;
    let mut ignore_garbage = false;
    let mut wrap = DEFAULT_WRAP;
    let mut getopt = Getopt::new(args, "diw:", LONG_OPTIONS);
    for item in getopt.by_ref() {
        let opt = item.map_err(|e| UsageError {
            message: e.message,
            try_help: true,
        })?;
        match opt.id {
            HELP => return Ok(Command::Help),
            VERSION => return Ok(Command::Version),
            id if id == u32::from(b'd') => decode = true,
            id if id == u32::from(b'i') => ignore_garbage = true,
            id if id == u32::from(b'w') => {
                let value = opt.arg.unwrap_or_default();
                wrap = parse_wrap(value.as_bytes()).map_err(|message| UsageError {
                    message,
                    try_help: false,
                })?;
            }
            id => encoding = Some(ENCODINGS[(id - FIRST_ENCODING) as usize]),
        }
    }
    let Some(encoding) = encoding else {
        return Err(UsageError {
            message: b"missing encoding type".to_vec(),
            try_help: true,
        });
    };
    let operands = getopt.operands();
    if let Some(extra) = operands.get(1) {
        return Err(UsageError {
            message: [&b"extra operand "[..], &quote(extra.as_bytes())].concat(),
            try_help: true,
        });
    }
    Ok(Command::Run(Settings {
        encoding,
        decode,
        ignore_garbage,
        wrap,
        input: operands.first().cloned(),
    }))
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE32HEX: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const BASE16: &[u8; 16] = b"0123456789ABCDEF";
/// The Z85 alphabet (ZeroMQ RFC 32): the value of a character is its position.
pub const Z85: &[u8; 85] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

fn base64_value(c: u8) -> Option<u8> {
    BASE64.iter().position(|&a| a == c).map(|p| p as u8)
}

fn z85_value(c: u8) -> Option<u8> {
    Z85.iter().position(|&a| a == c).map(|p| p as u8)
}

impl Encoding {
    /// Characters of encoded text per decoded byte, times 4200: GNU's decoding block.
    fn decode_block(self) -> usize {
        match self {
            Encoding::Base64 | Encoding::Base64Url => DEC_BLOCKSIZE.div_ceil(3) * 4,
            Encoding::Base32 | Encoding::Base32Hex => DEC_BLOCKSIZE.div_ceil(5) * 8,
            Encoding::Base16 => DEC_BLOCKSIZE * 2,
            Encoding::Base2Msbf | Encoding::Base2Lsbf => DEC_BLOCKSIZE * 8,
            Encoding::Z85 => DEC_BLOCKSIZE * 5 / 4,
        }
    }

    /// Whether `-i` keeps `c` (besides `=`, which it always keeps): GNU's `isbase*`.
    /// For Z85, C's `strchr` also finds the NUL byte, so `-i` keeps NUL.
    fn in_alphabet(self, c: u8) -> bool {
        match self {
            Encoding::Base64 => base64_value(c).is_some(),
            Encoding::Base64Url => {
                c == b'-' || c == b'_' || (c != b'+' && c != b'/' && base64_value(c).is_some())
            }
            Encoding::Base32 => base32::value(c).is_some(),
            Encoding::Base32Hex => c.is_ascii_digit() || (b'A'..=b'V').contains(&c),
            Encoding::Base16 => c.is_ascii_digit() || (b'A'..=b'F').contains(&c),
            Encoding::Base2Msbf | Encoding::Base2Lsbf => c == b'0' || c == b'1',
            Encoding::Z85 => c == 0 || z85_value(c).is_some(),
        }
    }

    /// Appends the encoding of `input` (a whole number of groups except at the end).
    fn encode(self, input: &[u8], out: &mut Vec<u8>) {
        match self {
            Encoding::Base64 | Encoding::Base64Url => {
                let start = out.len();
                encode_base64(input, out);
                if self == Encoding::Base64Url {
                    for c in &mut out[start..] {
                        *c = match *c {
                            b'+' => b'-',
                            b'/' => b'_',
                            other => other,
                        };
                    }
                }
            }
            Encoding::Base32 => base32::encode(input, out),
            Encoding::Base32Hex => {
                let start = out.len();
                base32::encode(input, out);
                for c in &mut out[start..] {
                    if let Some(v) = base32::value(*c) {
                        *c = BASE32HEX[usize::from(v)];
                    }
                }
            }
            Encoding::Base16 => {
                for &b in input {
                    out.push(BASE16[usize::from(b >> 4)]);
                    out.push(BASE16[usize::from(b & 15)]);
                }
            }
            Encoding::Base2Msbf => {
                for &b in input {
                    out.extend((0..8).rev().map(|k| b'0' + (b >> k & 1)));
                }
            }
            Encoding::Base2Lsbf => {
                for &b in input {
                    out.extend((0..8).map(|k| b'0' + (b >> k & 1)));
                }
            }
            Encoding::Z85 => {
                for quad in input.chunks_exact(4) {
                    let mut value = u32::from_be_bytes([quad[0], quad[1], quad[2], quad[3]]);
                    let mut digits = [0u8; 5];
                    for d in digits.iter_mut().rev() {
                        *d = Z85[(value % 85) as usize];
                        value /= 85;
                    }
                    out.extend_from_slice(&digits);
                }
            }
        }
    }
}

/// Padded base64 (RFC 4648 section 4).
fn encode_base64(input: &[u8], out: &mut Vec<u8>) {
    for group in input.chunks(3) {
        let b = [
            group[0],
            group.get(1).copied().unwrap_or(0),
            group.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let sextet = |shift: u32| BASE64[((n >> shift) & 63) as usize];
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if group.len() > 1 { sextet(6) } else { b'=' });
        out.push(if group.len() > 2 { sextet(0) } else { b'=' });
    }
}

/// gnulib's `decode_4`: decodes a base64 group of up to four characters, writing each
/// byte once the characters it needs are checked. Returns whether the group is valid.
fn decode_base64_group(group: &[u8], out: &mut Vec<u8>) -> bool {
    let len = group.len();
    if len < 2 {
        return false;
    }
    let (Some(c0), Some(c1)) = (base64_value(group[0]), base64_value(group[1])) else {
        return false;
    };
    out.push(c0 << 2 | c1 >> 4);
    if len == 2 {
        return false;
    }
    if group[2] == b'=' {
        return len == 4 && group[3] == b'=';
    }
    let Some(c2) = base64_value(group[2]) else {
        return false;
    };
    out.push(c1 << 4 | c2 >> 2);
    if len == 3 {
        return false;
    }
    if group[3] == b'=' {
        return true;
    }
    let Some(c3) = base64_value(group[3]) else {
        return false;
    };
    out.push(c2 << 6 | c3);
    true
}

/// Decoding state carried from one character to the next.
#[derive(Debug)]
struct Decoder {
    encoding: Encoding,
    /// Characters of the group being collected (base64, base32, Z85).
    group: Vec<u8>,
    /// The pending high nibble (base16) or the bits collected so far (base2).
    partial: u8,
    /// How many nibbles or bits `partial` holds.
    pending: u32,
}

impl Decoder {
    fn new(encoding: Encoding) -> Self {
        Decoder {
            encoding,
            group: Vec::with_capacity(8),
            partial: 0,
            pending: 0,
        }
    }

    /// Takes one character (newlines are filtered out before). Returns false when the
    /// input is invalid here; what could be decoded before is already in `out`.
    fn feed(&mut self, c: u8, out: &mut Vec<u8>) -> bool {
        match self.encoding {
            Encoding::Base64 | Encoding::Base64Url => {
                let c = match (self.encoding, c) {
                    (Encoding::Base64Url, b'-') => b'+',
                    (Encoding::Base64Url, b'_') => b'/',
                    (_, c) => c,
                };
                self.group.push(c);
                if self.group.len() == 4 {
                    let valid = decode_base64_group(&self.group, out);
                    self.group.clear();
                    return valid;
                }
                true
            }
            Encoding::Base32 | Encoding::Base32Hex => {
                let c = match BASE32HEX.iter().position(|&h| h == c) {
                    Some(v) if self.encoding == Encoding::Base32Hex => base32::ALPHABET[v],
                    _ => c,
                };
                self.group.push(c);
                if self.group.len() == 8 {
                    let valid = base32::decode_group(&self.group, out);
                    self.group.clear();
                    return valid;
                }
                true
            }
            Encoding::Base16 => {
                let Some(nibble) = BASE16.iter().position(|&h| h == c) else {
                    return false;
                };
                if self.pending == 1 {
                    out.push(self.partial << 4 | nibble as u8);
                    self.pending = 0;
                } else {
                    self.partial = nibble as u8;
                    self.pending = 1;
                }
                true
            }
            Encoding::Base2Msbf | Encoding::Base2Lsbf => {
                let bit = match c {
                    b'0' => 0,
                    b'1' => 1,
                    _ => return false,
                };
                let shift = if self.encoding == Encoding::Base2Msbf {
                    7 - self.pending
                } else {
                    self.pending
                };
                self.partial |= bit << shift;
                self.pending += 1;
                if self.pending == 8 {
                    out.push(self.partial);
                    self.partial = 0;
                    self.pending = 0;
                }
                true
            }
            Encoding::Z85 => {
                let Some(value) = z85_value(c) else {
                    return false;
                };
                self.group.push(value);
                if self.group.len() == 5 {
                    let value = self
                        .group
                        .iter()
                        .fold(0u64, |acc, &d| acc * 85 + u64::from(d));
                    self.group.clear();
                    let Ok(value) = u32::try_from(value) else {
                        return false;
                    };
                    out.extend_from_slice(&value.to_be_bytes());
                }
                true
            }
        }
    }

    /// The end of the input: an unfinished group is invalid (a base64 group of two or
    /// three characters still writes the bytes it holds first).
    fn finish(&mut self, out: &mut Vec<u8>) -> bool {
        match self.encoding {
            Encoding::Base64 | Encoding::Base64Url => {
                self.group.is_empty() || decode_base64_group(&self.group, out)
            }
            Encoding::Base32 | Encoding::Base32Hex | Encoding::Z85 => self.group.is_empty(),
            Encoding::Base16 | Encoding::Base2Msbf | Encoding::Base2Lsbf => self.pending == 0,
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
    /// Z85 input whose length is not a multiple of 4.
    Z85Length,
}

/// Encodes `input` in lines of `wrap` columns (0: one line, no newline).
///
/// # Errors
/// A read or write failure, or [`StreamError::Z85Length`].
pub fn encode_stream(
    input: &mut dyn Read,
    out: &mut dyn Write,
    encoding: Encoding,
    wrap: u64,
) -> Result<(), StreamError> {
    let mut buf = vec![0u8; ENC_BLOCKSIZE];
    let mut wrapper = LineWrapper::new(wrap);
    let mut text = Vec::new();
    loop {
        let (n, eof, error) = fread(input, &mut buf);
        if n > 0 {
            if encoding == Encoding::Z85 && n % 4 != 0 {
                // GNU dies inside the encoder: nothing of this block is written and the
                // current line is left unterminated.
                return Err(StreamError::Z85Length);
            }
            text.clear();
            encoding.encode(&buf[..n], &mut text);
            wrapper.write(out, &text).map_err(StreamError::Write)?;
        }
        if let Some(e) = error {
            wrapper.finish(out).map_err(StreamError::Write)?;
            return Err(StreamError::Read(e));
        }
        if eof {
            break;
        }
    }
    wrapper.finish(out).map_err(StreamError::Write)
}

/// Decodes `input`: filters it (newlines, or with `ignore_garbage` everything outside the
/// alphabet and `=`), then feeds the characters to the encoding's decoder.
///
/// # Errors
/// A read or write failure, or [`StreamError::InvalidInput`].
pub fn decode_stream(
    input: &mut dyn Read,
    out: &mut dyn Write,
    encoding: Encoding,
    ignore_garbage: bool,
) -> Result<(), StreamError> {
    let block = encoding.decode_block();
    let mut decoder = Decoder::new(encoding);
    let mut buf = vec![0u8; block];
    let mut kept = Vec::with_capacity(block);
    let mut decoded = Vec::with_capacity(block);
    let mut eof = false;
    while !eof {
        // Fill a block with kept bytes, as GNU does (it drops garbage as it reads).
        kept.clear();
        while kept.len() < block && !eof {
            let (n, at_end, error) = fread(input, &mut buf[..block - kept.len()]);
            if let Some(e) = error {
                return Err(StreamError::Read(e));
            }
            eof = at_end;
            kept.extend(
                buf[..n]
                    .iter()
                    .copied()
                    .filter(|&c| !ignore_garbage || c == b'=' || encoding.in_alphabet(c)),
            );
        }
        if encoding == Encoding::Base64Url && kept.iter().any(|&c| c == b'+' || c == b'/') {
            return Err(StreamError::InvalidInput);
        }
        decoded.clear();
        let mut valid = true;
        for &c in &kept {
            if c != b'\n' && !decoder.feed(c, &mut decoded) {
                valid = false;
                break;
            }
        }
        if valid && eof {
            valid = decoder.finish(&mut decoded);
        }
        out.write_all(&decoded).map_err(StreamError::Write)?;
        if !valid {
            return Err(StreamError::InvalidInput);
        }
    }
    Ok(())
}

/// Writes "PROGRAM: message\n" to `stderr`. Failing to report an error leaves nothing
/// better to do, so the write result is ignored.
fn report(stderr: &mut dyn Write, program: &str, message: &[u8]) {
    let line = [program.as_bytes(), b": ", message, b"\n"].concat();
    let _ = stderr.write_all(&line);
}

/// Runs basenc with `argv` (argv\[0\] first) and returns the exit status. `stdout` is
/// flushed before returning.
pub fn run(
    argv: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let program = argv.first().map(String::as_str).unwrap_or("basenc");
    let args = argv.get(1..).unwrap_or(&[]);
    let settings = match parse_args(args) {
        Ok(Command::Run(settings)) => settings,
        Ok(Command::Help) => {
            let text = format!(
                "Usage: {program} [OPTION]... [FILE]\n\
                 basenc encode or decode FILE, or standard input, to standard output.\n"
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
        decode_stream(input, stdout, settings.encoding, settings.ignore_garbage)
    } else {
        encode_stream(input, stdout, settings.encoding, settings.wrap)
    };
    let flushed = stdout.flush();
    let message = match result {
        Ok(()) => return finish(flushed, stdout, stderr, program),
        Err(StreamError::InvalidInput) => b"invalid input".to_vec(),
        Err(StreamError::Z85Length) => {
            b"invalid input (length must be multiple of 4 characters)".to_vec()
        }
        Err(StreamError::Read(e)) => format!("read error: {}", error_text(&e)).into_bytes(),
        Err(StreamError::Write(e)) => format!("write error: {}", error_text(&e)).into_bytes(),
    };
    report(stderr, program, &message);
    1
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
mod tests;
