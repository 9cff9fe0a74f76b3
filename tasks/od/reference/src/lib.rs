//! Reference od: GNU coreutils 9.1 `od`, byte for byte, on the task's subset.
//!
//! The input is the concatenation of the files (standard input for `-`), read in blocks
//! of the line width. Each block is shown by every output type in turn, the first line
//! with the address; each type's fields are right-aligned in columns that line up across
//! types (coreutils spreads the extra width over the fields). A block equal to the one
//! before it becomes `*`. The program follows coreutils' `od.c`: its option parsing
//! (getopt_long, gnulib's `xstrtoumax` sizes and their messages), the POSIX operand form
//! `od [FILE] [+]OFFSET`, skipping across files, `-N`, `-S` strings, and the error
//! handling that goes on to the next file.

use std::fs::File;
use std::io::{self, Read, Write};

use enc_common::cstd::scan_number;
use enc_common::getopt::{Getopt, HasArg, LongOption, Opt};
use enc_common::quote::{error_text, quote, quotef};

const TRADITIONAL: u32 = 256;
const ENDIAN: u32 = 257;
const HELP: u32 = 258;
const VERSION: u32 = 259;

const fn long(name: &'static str, has_arg: HasArg, id: u32) -> LongOption {
    LongOption { name, has_arg, id }
}

/// od's long options, in the order glibc lists them when a prefix is ambiguous.
const LONG_OPTIONS: &[LongOption] = &[
    long("skip-bytes", HasArg::Required, b'j' as u32),
    long("address-radix", HasArg::Required, b'A' as u32),
    long("read-bytes", HasArg::Required, b'N' as u32),
    long("format", HasArg::Required, b't' as u32),
    long("output-duplicates", HasArg::No, b'v' as u32),
    long("strings", HasArg::Optional, b'S' as u32),
    long("traditional", HasArg::No, TRADITIONAL),
    long("width", HasArg::Optional, b'w' as u32),
    long("endian", HasArg::Required, ENDIAN),
    long("help", HasArg::No, HELP),
    long("version", HasArg::No, VERSION),
];

/// How a type's values are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Signed,
    Octal,
    Unsigned,
    Hex,
    Float,
    Named,
    Character,
}

/// One output type (`-t` specification).
#[derive(Debug, Clone)]
struct TypeSpec {
    format: Format,
    /// Bytes per value.
    size: usize,
    field_width: usize,
    pad_width: usize,
    trailer: bool,
}

/// gnulib's `strtol_error`, as `xstrtoumax` returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StrtolError {
    Invalid,
    InvalidSuffix,
    Overflow,
}

/// gnulib's `xstrtoumax (s, NULL, base, &value, valid_suffixes)`.
fn xstrtoumax(s: &str, base: u32, valid_suffixes: &str) -> Result<u64, StrtolError> {
    let bytes = s.as_bytes();
    let first = bytes
        .iter()
        .position(|&c| !enc_common::cstd::is_c_space(c))
        .unwrap_or(bytes.len());
    if bytes.get(first) == Some(&b'-') {
        return Err(StrtolError::Invalid);
    }
    let n = scan_number(bytes, base);
    let mut overflow = false;
    let mut value;
    if n.used == 0 {
        match bytes.first() {
            Some(&c) if valid_suffixes.as_bytes().contains(&c) => value = 1u64,
            _ => return Err(StrtolError::Invalid),
        }
    } else if n.magnitude > u128::from(u64::MAX) {
        overflow = true;
        value = u64::MAX;
    } else {
        value = if n.negative {
            (n.magnitude as u64).wrapping_neg()
        } else {
            n.magnitude as u64
        };
    }
    let rest = &bytes[n.used..];
    if rest.is_empty() {
        return if overflow {
            Err(StrtolError::Overflow)
        } else {
            Ok(value)
        };
    }
    let suffix = rest[0];
    if !valid_suffixes.as_bytes().contains(&suffix) {
        return Err(StrtolError::InvalidSuffix);
    }
    let mut base_unit: u64 = 1024;
    let mut used = 1;
    if b"EGgkKMmPTtYZ".contains(&suffix) && valid_suffixes.contains('0') {
        match rest.get(1) {
            Some(b'i') if rest.get(2) == Some(&b'B') => used += 2,
            Some(b'B' | b'D') => {
                base_unit = 1000;
                used += 1;
            }
            _ => {}
        }
    }
    let power = match suffix {
        b'b' => Some((512, 1)),
        b'B' => Some((1024, 1)),
        b'c' => Some((1, 1)),
        b'E' => Some((base_unit, 6)),
        b'G' | b'g' => Some((base_unit, 3)),
        b'k' | b'K' => Some((base_unit, 1)),
        b'M' | b'm' => Some((base_unit, 2)),
        b'P' => Some((base_unit, 5)),
        b'T' | b't' => Some((base_unit, 4)),
        b'w' => Some((2, 1)),
        b'Y' => Some((base_unit, 8)),
        b'Z' => Some((base_unit, 7)),
        _ => None,
    };
    let Some((unit, times)) = power else {
        return Err(StrtolError::InvalidSuffix);
    };
    for _ in 0..times {
        match value.checked_mul(unit) {
            Some(v) => value = v,
            None => {
                value = u64::MAX;
                overflow = true;
            }
        }
    }
    if rest.len() > used {
        return Err(StrtolError::InvalidSuffix);
    }
    if overflow {
        Err(StrtolError::Overflow)
    } else {
        Ok(value)
    }
}

/// gnulib's `xstrtol_fatal` message for the option as it was given.
fn xstrtol_message(err: StrtolError, opt: &Opt, arg: &str) -> String {
    let option = match opt.long {
        Some(name) => format!("--{name}"),
        None => format!("-{}", char::from(opt.id as u8)),
    };
    match err {
        StrtolError::Invalid => format!("invalid {option} argument '{arg}'"),
        StrtolError::InvalidSuffix => format!("invalid suffix in {option} argument '{arg}'"),
        StrtolError::Overflow => format!("{option} argument '{arg}' too large"),
    }
}

/// Decodes a `-t` string into `specs`. Returns false (after writing the messages) when it
/// is invalid; the specifications decoded before the bad one stay.
fn decode_format_string(s: &str, specs: &mut Vec<TypeSpec>, errors: &mut Vec<u8>) -> bool {
    let bytes = s.as_bytes();
    let mut at = 0;
    let quoted = || String::from_utf8_lossy(&quote(bytes)).into_owned();
    while at < bytes.len() {
        let c = bytes[at];
        let (format, size, field_width);
        match c {
            b'd' | b'o' | b'u' | b'x' => {
                at += 1;
                let size_value = match bytes.get(at) {
                    Some(b'C') => {
                        at += 1;
                        1
                    }
                    Some(b'S') => {
                        at += 1;
                        2
                    }
                    Some(b'I') => {
                        at += 1;
                        4
                    }
                    Some(b'L') => {
                        at += 1;
                        8
                    }
                    _ => {
                        let digits = bytes[at..]
                            .iter()
                            .take_while(|b| b.is_ascii_digit())
                            .count();
                        if digits == 0 {
                            4
                        } else {
                            let text = &s[at..at + digits];
                            let Ok(n) = text.parse::<u64>() else {
                                errors.extend_from_slice(
                                    format!("od: invalid type string {}\n", quoted()).as_bytes(),
                                );
                                return false;
                            };
                            if !matches!(n, 1 | 2 | 4 | 8) {
                                errors.extend_from_slice(
                                    format!(
                                        "od: invalid type string {};\nthis system doesn't provide a {n}-byte integral type\n",
                                        quoted()
                                    )
                                    .as_bytes(),
                                );
                                return false;
                            }
                            at += digits;
                            n as usize
                        }
                    }
                };
                size = size_value;
                let index = size.trailing_zeros() as usize;
                (format, field_width) = match c {
                    b'd' => (Format::Signed, [4, 6, 11, 20][index]),
                    b'o' => (Format::Octal, [3, 6, 11, 22][index]),
                    b'u' => (Format::Unsigned, [3, 5, 10, 20][index]),
                    _ => (Format::Hex, [2, 4, 8, 16][index]),
                };
            }
            b'f' => {
                at += 1;
                let size_value = match bytes.get(at) {
                    Some(b'F') => {
                        at += 1;
                        4
                    }
                    Some(b'D') => {
                        at += 1;
                        8
                    }
                    Some(b'L') => {
                        at += 1;
                        16
                    }
                    _ => {
                        let digits = bytes[at..]
                            .iter()
                            .take_while(|b| b.is_ascii_digit())
                            .count();
                        if digits == 0 {
                            8
                        } else {
                            let text = &s[at..at + digits];
                            let Ok(n) = text.parse::<u64>() else {
                                errors.extend_from_slice(
                                    format!("od: invalid type string {}\n", quoted()).as_bytes(),
                                );
                                return false;
                            };
                            if !matches!(n, 4 | 8 | 16) {
                                errors.extend_from_slice(
                                    format!(
                                        "od: invalid type string {};\nthis system doesn't provide a {n}-byte floating point type\n",
                                        quoted()
                                    )
                                    .as_bytes(),
                                );
                                return false;
                            }
                            at += digits;
                            n as usize
                        }
                    }
                };
                size = size_value;
                format = Format::Float;
                field_width = match size {
                    4 => 14,
                    8 => 24,
                    _ => 29,
                };
            }
            b'a' | b'c' => {
                at += 1;
                size = 1;
                format = if c == b'a' {
                    Format::Named
                } else {
                    Format::Character
                };
                field_width = 3;
            }
            _ => {
                let mut message = b"od: invalid character '".to_vec();
                message.push(c);
                message.extend_from_slice(format!("' in type string {}\n", quoted()).as_bytes());
                errors.extend_from_slice(&message);
                return false;
            }
        }
        let trailer = bytes.get(at) == Some(&b'z');
        if trailer {
            at += 1;
        }
        specs.push(TypeSpec {
            format,
            size,
            field_width,
            pad_width: 0,
            trailer,
        });
    }
    true
}

/// `parse_old_offset`: `[+]OFFSET[.][b]` where OFFSET is octal, or decimal when the
/// operand holds a `.`, or hex after `0x`; `b` and `B` multiply by 512 and 1024.
fn parse_old_offset(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    let radix = if s.contains('.') {
        10
    } else if s.starts_with("0x") || s.starts_with("0X") {
        16
    } else {
        8
    };
    xstrtoumax(s, radix, "Bb").ok()
}

/// How addresses are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Radix {
    Octal,
    Decimal,
    Hex,
    None,
}

/// Everything the command line decides.
struct Settings {
    specs: Vec<TypeSpec>,
    radix: Radix,
    pad_len: usize,
    skip: u64,
    limit: Option<u64>,
    strings: Option<u64>,
    width: Option<u64>,
    squeeze: bool,
    swap: bool,
    /// The old-style pseudo address of the first byte (`--traditional`).
    pseudo_start: Option<u64>,
    /// With a pseudo address and `-A n`, only the pseudo address is shown.
    paren_only: bool,
    files: Vec<String>,
}

/// A run that ends early: what goes to standard error and the status.
struct Fatal {
    message: Vec<u8>,
    status: i32,
}

fn die(message: impl AsRef<[u8]>) -> Fatal {
    Fatal {
        message: [b"od: ", message.as_ref(), b"\n"].concat(),
        status: 1,
    }
}

fn usage_error(message: Vec<u8>) -> Fatal {
    Fatal {
        message: [
            &b"od: "[..],
            &message,
            b"\nTry 'od --help' for more information.\n",
        ]
        .concat(),
        status: 1,
    }
}

/// Parses the command line. Type-string errors are collected in `errors` and end the
/// run only after all options are read, as in coreutils.
fn parse_args(args: &[String], errors: &mut Vec<u8>) -> Result<Result<Settings, String>, Fatal> {
    let mut s = Settings {
        specs: Vec::new(),
        radix: Radix::Octal,
        pad_len: 7,
        skip: 0,
        limit: None,
        strings: None,
        width: None,
        squeeze: true,
        swap: false,
        pseudo_start: None,
        paren_only: false,
        files: Vec::new(),
    };
    let mut modern = false;
    let mut traditional = false;
    let mut ok = true;
    let multipliers = "bEGKkMmPTYZ0";
    let mut getopt = Getopt::new(args, "A:aBbcDdeFfHhIij:LlN:OoS:st:vw::Xx", LONG_OPTIONS);
    for item in getopt.by_ref() {
        let opt = item.map_err(|e| usage_error(e.message))?;
        let arg = opt.arg.clone().unwrap_or_default();
        let number = |base: u32, suffixes: &str| {
            xstrtoumax(&arg, base, suffixes).map_err(|e| die(xstrtol_message(e, &opt, &arg)))
        };
        match opt.id {
            id if id == u32::from(b'A') => {
                modern = true;
                (s.radix, s.pad_len) = match arg.as_bytes().first() {
                    Some(b'd') => (Radix::Decimal, 7),
                    Some(b'o') => (Radix::Octal, 7),
                    Some(b'x') => (Radix::Hex, 6),
                    Some(b'n') => (Radix::None, 0),
                    first => {
                        let c = first.copied().unwrap_or(0);
                        let mut message = b"invalid output address radix '".to_vec();
                        message.push(c);
                        message.extend_from_slice(b"'; it must be one character from [doxn]");
                        return Err(die(message));
                    }
                };
            }
            id if id == u32::from(b'j') => {
                modern = true;
                s.skip = number(0, multipliers)?;
            }
            id if id == u32::from(b'N') => {
                modern = true;
                s.limit = Some(number(0, multipliers)?);
            }
            id if id == u32::from(b'S') => {
                modern = true;
                s.strings = Some(match &opt.arg {
                    None => 3,
                    Some(_) => number(0, multipliers)?,
                });
            }
            id if id == u32::from(b't') => {
                modern = true;
                ok &= decode_format_string(&arg, &mut s.specs, errors);
            }
            id if id == u32::from(b'v') => {
                modern = true;
                s.squeeze = false;
            }
            TRADITIONAL => traditional = true,
            ENDIAN => match arg.as_str() {
                "little" => s.swap = false,
                "big" => s.swap = true,
                "l" | "li" | "lit" | "litt" | "littl" => s.swap = false,
                "b" | "bi" => s.swap = true,
                _ => {
                    let message = format!(
                        "od: invalid argument {} for '--endian'\nValid arguments are:\n  - 'little'\n  - 'big'\nTry 'od --help' for more information.\n",
                        String::from_utf8_lossy(&quote(arg.as_bytes()))
                    );
                    return Err(Fatal {
                        message: message.into_bytes(),
                        status: 1,
                    });
                }
            },
            id if id == u32::from(b'w') => {
                modern = true;
                s.width = Some(match &opt.arg {
                    None => 32,
                    Some(_) => number(10, "")?,
                });
            }
            HELP => return Ok(Err("Usage: od [OPTION]... [FILE]...\n".into())),
            VERSION => return Ok(Err("od (GNU coreutils) 9.1 (Replica reference)\n".into())),
            id => {
                let t = match id as u8 {
                    b'a' => "a",
                    b'b' => "o1",
                    b'c' => "c",
                    b'D' => "u4",
                    b'd' => "u2",
                    b'F' | b'e' => "fD",
                    b'f' => "fF",
                    b'X' | b'H' => "x4",
                    b'i' => "dI",
                    b'I' | b'L' | b'l' => "dL",
                    b'O' => "o4",
                    b'B' | b'o' => "o2",
                    b's' => "d2",
                    _ => "x2",
                };
                ok &= decode_format_string(t, &mut s.specs, errors);
            }
        }
    }
    if !ok {
        return Err(Fatal {
            message: Vec::new(),
            status: 1,
        });
    }
    if s.strings.is_some() && !s.specs.is_empty() {
        return Err(die("no type may be specified when dumping strings"));
    }
    let mut files: Vec<String> = getopt.operands().to_vec();
    if !modern || traditional {
        match files.len() {
            1 => {
                if (traditional || files[0].starts_with('+'))
                    && let Some(o1) = parse_old_offset(&files[0])
                {
                    s.skip = o1;
                    files.clear();
                }
            }
            2 => {
                let second = files[1].as_bytes().first().copied().unwrap_or(0);
                if (traditional || second == b'+' || second.is_ascii_digit())
                    && let Some(o2) = parse_old_offset(&files[1])
                {
                    if traditional && let Some(o1) = parse_old_offset(&files[0]) {
                        s.skip = o1;
                        s.pseudo_start = Some(o2);
                        files.clear();
                    } else {
                        s.skip = o2;
                        files.truncate(1);
                    }
                }
            }
            3 => {
                if traditional
                    && let (Some(o1), Some(o2)) =
                        (parse_old_offset(&files[1]), parse_old_offset(&files[2]))
                {
                    s.skip = o1;
                    s.pseudo_start = Some(o2);
                    files.truncate(1);
                }
            }
            _ => {}
        }
        if traditional && files.len() > 1 {
            let message = format!(
                "od: extra operand {}\nod: compatibility mode supports at most one file\nTry 'od --help' for more information.\n",
                String::from_utf8_lossy(&quote(files[1].as_bytes()))
            );
            return Err(Fatal {
                message: message.into_bytes(),
                status: 1,
            });
        }
    }
    if s.pseudo_start.is_some() && s.radix == Radix::None {
        s.radix = Radix::Octal;
        s.pad_len = 7;
        s.paren_only = true;
    }
    if let Some(limit) = s.limit
        && s.skip.checked_add(limit).is_none()
    {
        return Err(die("skip-bytes + read-bytes is too large"));
    }
    if s.specs.is_empty() {
        decode_format_string("oS", &mut s.specs, errors);
    }
    s.files = if files.is_empty() {
        vec!["-".to_string()]
    } else {
        files
    };
    Ok(Ok(s))
}

/// The concatenated input, opened file by file, with coreutils' error handling.
struct Input<'a> {
    stdin: &'a mut dyn Read,
    files: Vec<String>,
    next: usize,
    current: Option<Source>,
    current_name: String,
    ok: bool,
    errors: Vec<u8>,
}

enum Source {
    Stdin,
    File(File),
}

impl Input<'_> {
    /// `open_next_file`: the next file that opens (reporting those that do not).
    fn open_next(&mut self) {
        while self.next < self.files.len() {
            let name = self.files[self.next].clone();
            self.next += 1;
            if name == "-" {
                self.current = Some(Source::Stdin);
                self.current_name = "standard input".into();
                return;
            }
            match File::open(&name) {
                Ok(f) => {
                    self.current = Some(Source::File(f));
                    self.current_name = name;
                    return;
                }
                Err(e) => {
                    self.report(&name, &e);
                    self.ok = false;
                }
            }
        }
        self.current = None;
    }

    fn report(&mut self, name: &str, e: &io::Error) {
        let line = [
            &b"od: "[..],
            &quotef(name.as_bytes()),
            b": ",
            error_text(e).as_bytes(),
            b"\n",
        ]
        .concat();
        self.errors.extend_from_slice(&line);
    }

    fn current_is_dir(&self) -> bool {
        matches!(&self.current, Some(Source::File(f)) if f.metadata().is_ok_and(|m| m.is_dir()))
    }

    /// Reads up to `buf.len()` bytes from the current input; `Err` is a read error.
    fn read_current(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut filled = 0;
        while filled < buf.len() {
            let n = match &mut self.current {
                Some(Source::Stdin) => self.stdin.read(&mut buf[filled..]),
                Some(Source::File(f)) => f.read(&mut buf[filled..]),
                None => return Ok(filled),
            };
            match n {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // What was read before the error still counts.
                    if filled > 0 {
                        return Ok(filled);
                    }
                    return Err(e);
                }
            }
        }
        Ok(filled)
    }

    /// The end of the current input: report a read error, then open the next file.
    fn close_and_next(&mut self, error: Option<io::Error>) {
        if let Some(e) = error {
            let name = self.current_name.clone();
            let shown = if name == "standard input" {
                name.clone()
            } else {
                name
            };
            self.report(&shown, &e);
            self.ok = false;
        }
        self.open_next();
    }

    /// `read_block`: `n` bytes from the concatenated input (fewer at its end).
    fn read_block(&mut self, buf: &mut [u8]) -> usize {
        let mut have = 0;
        while self.current.is_some() {
            match self.read_current(&mut buf[have..]) {
                Ok(n) => {
                    have += n;
                    if have == buf.len() {
                        break;
                    }
                    self.close_and_next(None);
                }
                Err(e) => self.close_and_next(Some(e)),
            }
        }
        have
    }

    /// `read_char`: one byte, or `None` at the end of all input.
    fn read_char(&mut self) -> Option<u8> {
        let mut byte = [0u8];
        (self.read_block(&mut byte) == 1).then_some(byte[0])
    }
}

/// Formats an address in the radix, zero-padded.
fn address_text(radix: Radix, pad_len: usize, address: u64) -> String {
    match radix {
        Radix::Octal => format!("{address:0pad_len$o}"),
        Radix::Decimal => format!("{address:0pad_len$}"),
        Radix::Hex => format!("{address:0pad_len$x}"),
        Radix::None => String::new(),
    }
}

/// The address printer (`format_address`), followed by `end` when there is one.
fn format_address(
    out: &mut Vec<u8>,
    s: &Settings,
    pseudo_offset: u64,
    address: u64,
    end: Option<u8>,
) {
    match s.pseudo_start {
        None => {
            if s.radix == Radix::None {
                return;
            }
            out.extend_from_slice(address_text(s.radix, s.pad_len, address).as_bytes());
            out.extend(end);
        }
        Some(_) => {
            if !s.paren_only {
                out.extend_from_slice(address_text(s.radix, s.pad_len, address).as_bytes());
                out.push(b' ');
            }
            out.push(b'(');
            let label = address.wrapping_add(pseudo_offset);
            out.extend_from_slice(address_text(s.radix, s.pad_len, label).as_bytes());
            out.push(b')');
            out.extend(end);
        }
    }
}

const CHARNAMES: [&str; 33] = [
    "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr",
    "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc",
    "fs", "gs", "rs", "us", "sp",
];

/// C's `isprint` in the C locale.
fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// The text of one value of `spec` (before right-alignment).
fn value_text(spec: &TypeSpec, bytes: &[u8], swap: bool) -> String {
    let mut value: u64 = 0;
    let ordered: Vec<u8> = if swap {
        bytes.iter().rev().copied().collect()
    } else {
        bytes.to_vec()
    };
    for (k, &b) in ordered.iter().enumerate() {
        value |= u64::from(b) << (8 * k);
    }
    let bits = 8 * spec.size as u32;
    match spec.format {
        Format::Signed => {
            let shift = 64 - bits;
            (((value << shift) as i64) >> shift).to_string()
        }
        Format::Unsigned => value.to_string(),
        Format::Octal => format!("{value:0width$o}", width = spec.field_width),
        Format::Hex => format!("{value:0width$x}", width = spec.field_width),
        Format::Float => match spec.size {
            4 => format!("{}", f32::from_bits(value as u32)),
            _ => format!("{}", f64::from_bits(value)),
        },
        Format::Named => {
            let c = bytes[0] & 0x7f;
            match c {
                127 => "del".to_string(),
                0..=0x20 => CHARNAMES[usize::from(c)].to_string(),
                _ => char::from(c).to_string(),
            }
        }
        Format::Character => match bytes[0] {
            0 => "\\0".into(),
            0x07 => "\\a".into(),
            0x08 => "\\b".into(),
            0x0c => "\\f".into(),
            b'\n' => "\\n".into(),
            b'\r' => "\\r".into(),
            b'\t' => "\\t".into(),
            0x0b => "\\v".into(),
            c if is_print(c) => char::from(c).to_string(),
            c => format!("{c:03o}"),
        },
    }
}

/// One line of one type: `fields` values, the last `blank` of them left out, with the
/// type's extra width spread over the fields as coreutils does.
fn print_fields(
    out: &mut Vec<u8>,
    spec: &TypeSpec,
    fields: usize,
    blank: usize,
    block: &[u8],
    swap: bool,
) {
    let pad = spec.pad_width;
    let mut pad_remaining = pad;
    let mut i = fields;
    let mut at = 0;
    while blank < i {
        let next_pad = pad * (i - 1) / fields;
        let width = pad_remaining - next_pad + spec.field_width;
        let text = value_text(spec, &block[at..at + spec.size], swap);
        for _ in text.len()..width {
            out.push(b' ');
        }
        out.extend_from_slice(text.as_bytes());
        at += spec.size;
        pad_remaining = next_pad;
        i -= 1;
    }
}

/// Runs od with `argv` (argv\[0\] first) and returns the exit status. `stdout` is flushed
/// before returning.
pub fn run(
    argv: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let args = argv.get(1..).unwrap_or(&[]);
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let status = match parse_args(args, &mut errors) {
        Err(fatal) => {
            errors.extend_from_slice(&fatal.message);
            fatal.status
        }
        Ok(Err(text)) => {
            out.extend_from_slice(text.as_bytes());
            0
        }
        Ok(Ok(settings)) => match od(settings, stdin, &mut out, &mut errors) {
            Ok(true) => 0,
            Ok(false) => 1,
            Err(fatal) => {
                errors.extend_from_slice(&fatal.message);
                fatal.status
            }
        },
    };
    let _ = stderr.write_all(&errors);
    let _ = stdout.write_all(&out);
    let _ = stdout.flush();
    status
}

/// Everything after the command line: open, skip, then dump blocks or strings.
fn od(
    mut s: Settings,
    stdin: &mut dyn Read,
    out: &mut Vec<u8>,
    errors: &mut Vec<u8>,
) -> Result<bool, Fatal> {
    let mut input = Input {
        stdin,
        files: std::mem::take(&mut s.files),
        next: 0,
        current: None,
        current_name: String::new(),
        ok: true,
        errors: Vec::new(),
    };
    input.open_next();
    let result = od_opened(&mut s, &mut input, out);
    errors.extend_from_slice(&input.errors);
    let ok = result?;
    Ok(ok && input.ok)
}

fn od_opened(s: &mut Settings, input: &mut Input<'_>, out: &mut Vec<u8>) -> Result<bool, Fatal> {
    if input.current.is_none() {
        return Ok(false);
    }
    // Skipping reads and drops bytes across files; running out of input is fatal.
    let mut left = s.skip;
    let mut sink = vec![0u8; 4096];
    while left > 0 && input.current.is_some() {
        if input.current_is_dir() {
            // coreutils seeks a directory (which works) instead of reading it.
            left = 0;
            break;
        }
        let want = usize::try_from(left.min(4096)).unwrap_or(4096);
        match input.read_current(&mut sink[..want]) {
            Ok(0) => input.close_and_next(None),
            Ok(n) => left -= n as u64,
            Err(e) => {
                input.close_and_next(Some(e));
            }
        }
    }
    if left > 0 {
        return Err(die("cannot skip past end of combined input"));
    }
    let pseudo_offset = s.pseudo_start.map_or(0, |p| p.wrapping_sub(s.skip));
    if let Some(min) = s.strings {
        dump_strings(s, input, out, pseudo_offset, min);
        return Ok(true);
    }
    let lcm = s.specs.iter().fold(1, |acc, spec| lcm(acc, spec.size));
    let bytes_per_block = match s.width {
        Some(w) if w != 0 && w % lcm as u64 == 0 => w as usize,
        Some(w) => {
            input.errors.extend_from_slice(
                format!("od: warning: invalid width {w}; using {lcm} instead\n").as_bytes(),
            );
            lcm
        }
        None if lcm < 16 => lcm * (16 / lcm),
        None => lcm,
    };
    let width_per_block = s
        .specs
        .iter()
        .map(|spec| (spec.field_width + 1) * (bytes_per_block / spec.size))
        .max()
        .unwrap_or(0);
    for spec in &mut s.specs {
        spec.pad_width = width_per_block - spec.field_width * (bytes_per_block / spec.size);
    }
    let end_offset = s.limit.map(|l| s.skip + l);
    let mut current_offset = s.skip;
    let mut blocks = [
        vec![0u8; bytes_per_block + lcm],
        vec![0u8; bytes_per_block + lcm],
    ];
    let mut idx = 0;
    let mut first = true;
    let mut prev_pair_equal = false;
    let n_read = loop {
        let n_needed = match end_offset {
            Some(end) if current_offset >= end => break 0,
            Some(end) => {
                usize::try_from((end - current_offset).min(bytes_per_block as u64)).unwrap_or(0)
            }
            None => bytes_per_block,
        };
        let n = input.read_block(&mut blocks[idx][..n_needed]);
        if n < bytes_per_block {
            break n;
        }
        let (a, b) = blocks.split_at_mut(1);
        let (curr, prev) = if idx == 0 {
            (&a[0], &b[0])
        } else {
            (&b[0], &a[0])
        };
        write_block(
            out,
            s,
            pseudo_offset,
            current_offset,
            n,
            prev,
            curr,
            bytes_per_block,
            &mut first,
            &mut prev_pair_equal,
        );
        current_offset += n as u64;
        idx = 1 - idx;
    };
    if n_read > 0 {
        let to_write = lcm * n_read.div_ceil(lcm);
        for b in &mut blocks[idx][n_read..to_write] {
            *b = 0;
        }
        let (a, b) = blocks.split_at_mut(1);
        let (curr, prev) = if idx == 0 {
            (&a[0], &b[0])
        } else {
            (&b[0], &a[0])
        };
        write_block(
            out,
            s,
            pseudo_offset,
            current_offset,
            n_read,
            prev,
            curr,
            bytes_per_block,
            &mut first,
            &mut prev_pair_equal,
        );
        current_offset += n_read as u64;
    }
    format_address(out, s, pseudo_offset, current_offset, Some(b'\n'));
    Ok(true)
}

fn lcm(a: usize, b: usize) -> usize {
    fn gcd(a: usize, b: usize) -> usize {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    a / gcd(a, b) * b
}

#[allow(clippy::too_many_arguments)]
fn write_block(
    out: &mut Vec<u8>,
    s: &Settings,
    pseudo_offset: u64,
    offset: u64,
    n_bytes: usize,
    prev: &[u8],
    curr: &[u8],
    bytes_per_block: usize,
    first: &mut bool,
    prev_pair_equal: &mut bool,
) {
    if s.squeeze
        && !*first
        && n_bytes == bytes_per_block
        && prev[..bytes_per_block] == curr[..bytes_per_block]
    {
        if !*prev_pair_equal {
            out.extend_from_slice(b"*\n");
            *prev_pair_equal = true;
        }
    } else {
        *prev_pair_equal = false;
        for (i, spec) in s.specs.iter().enumerate() {
            let fields = bytes_per_block / spec.size;
            let blank = (bytes_per_block - n_bytes) / spec.size;
            if i == 0 {
                format_address(out, s, pseudo_offset, offset, None);
            } else {
                out.extend(std::iter::repeat_n(b' ', s.pad_len));
            }
            print_fields(out, spec, fields, blank, curr, s.swap);
            if spec.trailer {
                let pad = spec.pad_width * blank / fields;
                out.extend(std::iter::repeat_n(b' ', blank * spec.field_width + pad));
                out.extend_from_slice(b"  >");
                out.extend(
                    curr[..n_bytes]
                        .iter()
                        .map(|&c| if is_print(c) { c } else { b'.' }),
                );
                out.push(b'<');
            }
            out.push(b'\n');
        }
    }
    *first = false;
}

/// `-S`: every run of at least `min` printable characters ended by a NUL.
fn dump_strings(
    s: &Settings,
    input: &mut Input<'_>,
    out: &mut Vec<u8>,
    pseudo_offset: u64,
    min: u64,
) {
    let end_offset = s.limit.map(|l| s.skip + l);
    let mut address = s.skip;
    'tryline: loop {
        if let Some(end) = end_offset
            && (end < min || end - min <= address)
        {
            break;
        }
        let mut buf: Vec<u8> = Vec::new();
        for _ in 0..min {
            let c = input.read_char();
            address += 1;
            let Some(c) = c else {
                return;
            };
            if !is_print(c) {
                continue 'tryline;
            }
            buf.push(c);
        }
        while end_offset.is_none_or(|end| address < end) {
            let c = input.read_char();
            address += 1;
            let Some(c) = c else {
                return;
            };
            if c == 0 {
                break;
            }
            if !is_print(c) {
                continue 'tryline;
            }
            buf.push(c);
        }
        // Unsigned arithmetic: a string cut by -N before its NUL gives a wrapped address.
        let start = address.wrapping_sub(buf.len() as u64 + 1);
        format_address(out, s, pseudo_offset, start, Some(b' '));
        out.extend_from_slice(&buf);
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests;
