//! Reference xxd: `xxd` from Vim 9.0 (Debian 12's `xxd` package, "2022-01-14"), byte for
//! byte, on the task's subset.
//!
//! The program follows xxd.c closely, because its output comes from a fixed line buffer
//! that hex digits and characters are poked into (which is what gives `-e` with odd
//! groupings its strange lines), from a static "zero lines seen" counter for `-a`, and
//! from the byte-at-a-time state machine of `-r`. Standard input and standard output are
//! pipes: they cannot seek, so `-s` skips by reading and `-r` fills gaps with zero bytes;
//! files seek, so `-r` into an existing file patches it.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};

use enc_common::cstd::{strtol, strtoul};
use enc_common::quote::error_text;

/// The widest line `-c` allows in the hex, bits and little-endian dumps.
const COLS: i64 = 256;
/// xxd's line buffer size: address, hex area of 256 columns, characters, newline.
const LLEN: usize = 2 * 8 + 4 + (9 * COLS as usize - 1) + COLS as usize + 2;

const HEX_NORMAL: u8 = 0;
const HEX_POSTSCRIPT: u8 = 1;
const HEX_CINCLUDE: u8 = 2;
const HEX_BITS: u8 = 3;
const HEX_LITTLEENDIAN: u8 = 4;

const VERSION: &str = "xxd 2022-01-14 by Juergen Weigert et al.";

/// EBCDIC to ASCII for bytes 64 to 255 (`-E`, outside the task's subset).
const ETOA64: [u8; 192] = [
    0x20, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xd5, 0x2e, 0x3c, 0x28, 0x2b, 0x7c,
    0x26, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1, 0x21, 0x24, 0x2a, 0x29, 0x3b, 0x7e,
    0x2d, 0x2f, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xcb, 0x2c, 0x25, 0x5f, 0x3e, 0x3f,
    0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf, 0xc0, 0xc1, 0xc2, 0x60, 0x3a, 0x23, 0x40, 0x27, 0x3d, 0x22,
    0xc3, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9,
    0xca, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x5e, 0xcc, 0xcd, 0xce, 0xcf, 0xd0,
    0xd1, 0xe5, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0xd2, 0xd3, 0xd4, 0x5b, 0xd6, 0xd7,
    0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0x5d, 0xe6, 0xe7,
    0x7b, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed,
    0x7d, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51, 0x52, 0xee, 0xef, 0xf0, 0xf1, 0xf2, 0xf3,
    0x5c, 0x9f, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
];

/// How a run ends early: the bytes for standard error and the exit status.
#[derive(Debug)]
pub struct Exit {
    pub message: Vec<u8>,
    pub status: i32,
}

impl Exit {
    fn new(status: i32, message: impl Into<Vec<u8>>) -> Self {
        Exit {
            message: message.into(),
            status,
        }
    }
}

/// The option lines of xxd's usage text, after four spaces each.
const USAGE_LINES: [&str; 18] = [
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
];

/// xxd's usage text (on standard error, status 1).
pub fn usage(pname: &str) -> String {
    let mut text = format!(
        "Usage:\n       {pname} [options] [infile [outfile]]\n    or\n       {pname} -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n"
    );
    for line in USAGE_LINES {
        text.push_str("    ");
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(&format!("    -v          show version: \"{VERSION}\".\n"));
    text
}

/// C's `strncmp (a, b, n) == 0` where both are C strings (the end of a slice is its NUL).
fn strncmp_eq(a: &[u8], b: &[u8], n: usize) -> bool {
    for k in 0..n {
        let (x, y) = (
            a.get(k).copied().unwrap_or(0),
            b.get(k).copied().unwrap_or(0),
        );
        if x != y {
            return false;
        }
        if x == 0 {
            return true;
        }
    }
    true
}

/// Everything the options set, with xxd's variable names.
#[derive(Debug, Clone)]
pub struct Settings {
    pub autoskip: bool,
    pub hextype: u8,
    pub upper: bool,
    pub capitalize: bool,
    pub decimal_offset: bool,
    pub revert: bool,
    pub ebcdic: bool,
    pub cols: i64,
    pub colsgiven: bool,
    pub octspergrp: i64,
    pub displayoff: u64,
    pub seekoff: i64,
    pub relseek: bool,
    pub negseek: bool,
    pub length: i64,
    pub varname: Option<Vec<u8>>,
    /// The operands left: input and output names.
    pub files: Vec<String>,
}

/// Parses the options the way xxd's hand-written loop does: each word is compared by its
/// first two characters (after turning a leading `--x` into `-x`), options end at the
/// first other word or `--`, and values are read with `strtol (..., 0)`.
///
/// # Errors
/// `-v` (the version, status 0) and the usage text (status 1).
pub fn parse_args(args: &[String], pname: &str) -> Result<Settings, Exit> {
    let mut s = Settings {
        autoskip: false,
        hextype: HEX_NORMAL,
        upper: false,
        capitalize: false,
        decimal_offset: false,
        revert: false,
        ebcdic: false,
        cols: 0,
        colsgiven: false,
        octspergrp: -1,
        displayoff: 0,
        seekoff: 0,
        relseek: true,
        negseek: false,
        length: -1,
        varname: None,
        files: Vec::new(),
    };
    let usage_exit = || Exit::new(1, usage(pname));
    let mut i = 0;
    while i < args.len() {
        let word = args[i].as_bytes();
        let pp = if word.starts_with(b"--") && word.len() > 2 {
            &word[1..]
        } else {
            word
        };
        // The value of an option that takes one: attached unless the rest of the word
        // starts with the option's long spelling, else the next word.
        let next_value = |i: &mut usize| -> Result<Vec<u8>, Exit> {
            if *i + 1 >= args.len() {
                return Err(usage_exit());
            }
            *i += 1;
            Ok(args[*i].as_bytes().to_vec())
        };
        let rest = pp.get(2..).unwrap_or(&[]);
        let is = |opt: &[u8]| strncmp_eq(pp, opt, 2);
        if is(b"-a") {
            s.autoskip = !s.autoskip;
        } else if is(b"-b") {
            s.hextype = HEX_BITS;
        } else if is(b"-e") {
            s.hextype = HEX_LITTLEENDIAN;
        } else if is(b"-u") {
            s.upper = true;
        } else if is(b"-p") {
            s.hextype = HEX_POSTSCRIPT;
        } else if is(b"-i") {
            s.hextype = HEX_CINCLUDE;
        } else if is(b"-C") {
            s.capitalize = true;
        } else if is(b"-d") {
            s.decimal_offset = true;
        } else if is(b"-r") {
            s.revert = true;
        } else if is(b"-E") {
            s.ebcdic = true;
        } else if is(b"-v") {
            return Err(Exit::new(0, format!("{VERSION}\n")));
        } else if is(b"-c") {
            if !rest.is_empty() && strncmp_eq(b"apitalize", rest, 9) {
                s.capitalize = true;
            } else if !rest.is_empty() && !strncmp_eq(b"ols", rest, 3) {
                s.colsgiven = true;
                s.cols = i64::from(strtol(rest, 0).0 as i32);
            } else {
                let value = next_value(&mut i)?;
                s.colsgiven = true;
                s.cols = i64::from(strtol(&value, 0).0 as i32);
            }
        } else if is(b"-g") {
            if !rest.is_empty() && !strncmp_eq(b"roup", rest, 4) {
                s.octspergrp = i64::from(strtol(rest, 0).0 as i32);
            } else {
                let value = next_value(&mut i)?;
                s.octspergrp = i64::from(strtol(&value, 0).0 as i32);
            }
        } else if is(b"-o") {
            if !rest.is_empty() && !strncmp_eq(b"ffset", rest, 5) {
                s.displayoff = strtoul(rest, 0).0;
            } else {
                let value = next_value(&mut i)?;
                let rel = usize::from(value.first() == Some(&b'+'));
                let neg = usize::from(value.get(rel) == Some(&b'-'));
                let n = strtoul(&value[rel + neg..], 0).0;
                s.displayoff = if neg == 1 {
                    u64::MAX.wrapping_sub(n).wrapping_add(1)
                } else {
                    n
                };
            }
        } else if is(b"-s") {
            s.relseek = false;
            s.negseek = false;
            let value =
                if !rest.is_empty() && !strncmp_eq(b"kip", rest, 3) && !strncmp_eq(b"eek", rest, 3)
                {
                    rest.to_vec()
                } else {
                    next_value(&mut i)?
                };
            s.relseek = value.first() == Some(&b'+');
            s.negseek = value.get(usize::from(s.relseek)) == Some(&b'-');
            let skip = usize::from(s.relseek) + usize::from(s.negseek);
            s.seekoff = strtol(&value[skip..], 0).0;
        } else if is(b"-l") {
            if !rest.is_empty() && !strncmp_eq(b"en", rest, 2) {
                s.length = strtol(rest, 0).0;
            } else {
                s.length = strtol(&next_value(&mut i)?, 0).0;
            }
        } else if is(b"-n") {
            if !rest.is_empty() && !strncmp_eq(b"ame", rest, 3) {
                s.varname = Some(rest.to_vec());
            } else {
                s.varname = Some(next_value(&mut i)?);
            }
        } else if pp == b"--" {
            i += 1;
            break;
        } else if pp.first() == Some(&b'-') && pp.len() > 1 {
            return Err(usage_exit());
        } else {
            break;
        }
        i += 1;
    }
    s.files = args[i..].to_vec();
    Ok(s)
}

/// A byte source with C stdio's `getc`, `fseek` and `ftell`. Standard input cannot seek.
struct Input<'a> {
    source: Source<'a>,
    buf: Vec<u8>,
    at: usize,
    /// Bytes consumed from the source so far (the position for a file).
    pos: u64,
}

enum Source<'a> {
    Stdin(&'a mut dyn Read),
    File(File),
}

impl<'a> Input<'a> {
    fn new(source: Source<'a>) -> Self {
        Input {
            source,
            buf: Vec::new(),
            at: 0,
            pos: 0,
        }
    }

    /// C's `getc`: `Ok(None)` at the end of the input.
    fn getc(&mut self) -> io::Result<Option<u8>> {
        if self.at == self.buf.len() {
            self.buf.resize(8192, 0);
            let n = loop {
                let result = match &mut self.source {
                    Source::Stdin(r) => r.read(&mut self.buf),
                    Source::File(f) => f.read(&mut self.buf),
                };
                match result {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    other => break other,
                }
            };
            let n = n.inspect_err(|_| self.buf.clear())?;
            self.buf.truncate(n);
            self.at = 0;
            if n == 0 {
                return Ok(None);
            }
        }
        let c = self.buf[self.at];
        self.at += 1;
        self.pos += 1;
        Ok(Some(c))
    }

    /// C's `fseek`: `None` when it fails (standard input, or a position before 0).
    fn fseek(&mut self, offset: i64, whence: Whence) -> Option<u64> {
        let Source::File(file) = &mut self.source else {
            return None;
        };
        let base = match whence {
            Whence::Set => 0,
            Whence::Cur => i128::from(self.pos),
            Whence::End => i128::from(file.metadata().ok()?.len()),
        };
        let target = u64::try_from(base + i128::from(offset)).ok()?;
        file.seek(SeekFrom::Start(target)).ok()?;
        self.buf.clear();
        self.at = 0;
        self.pos = target;
        Some(target)
    }
}

#[derive(Debug, Clone, Copy)]
enum Whence {
    Set,
    Cur,
    End,
}

/// `xxdline`'s static state: how many all-zero lines in a row, and the second one.
#[derive(Debug, Default)]
struct ZeroLines {
    seen: i32,
    saved: Vec<u8>,
}

impl ZeroLines {
    /// xxd's `xxdline (fp, l, nz)`: prints `line` unless it belongs to a run of three or
    /// more all-zero lines (`nz == 0`), which becomes its first line, `*`, and its last.
    fn line(&mut self, out: &mut Vec<u8>, line: &[u8], nz: i64) {
        if nz == 0 && self.seen == 1 {
            self.saved = line.to_vec();
        }
        let enter = nz != 0 || {
            let was = self.seen;
            self.seen += 1;
            was == 0
        };
        if enter {
            if nz != 0 {
                if nz < 0 {
                    self.seen -= 1;
                }
                if self.seen == 2 {
                    out.extend_from_slice(&self.saved);
                }
                if self.seen > 2 {
                    out.extend_from_slice(b"*\n");
                }
            }
            if nz >= 0 || self.seen > 0 {
                out.extend_from_slice(line);
            }
            if nz != 0 {
                self.seen = 0;
            }
        }
    }
}

/// Where output goes: standard output (a pipe) or a file.
enum Output<'a> {
    Stdout(&'a mut dyn Write),
    File(File),
}

impl Output<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(bytes),
            Output::File(f) => f.write_all(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File(f) => f.flush(),
        }
    }
}

/// The value of a hex digit, either case.
fn parse_hex_digit(c: u8) -> i32 {
    match c {
        b'0'..=b'9' => i32::from(c - b'0'),
        b'a'..=b'f' => i32::from(c - b'a' + 10),
        b'A'..=b'F' => i32::from(c - b'A' + 10),
        _ => -1,
    }
}

/// The "hex dump in, bytes out" direction (`-r`): xxd's `huntype`.
fn huntype(
    input: &mut Input<'_>,
    out: &mut Output<'_>,
    cols: i64,
    hextype: u8,
    base_off: i64,
) -> Result<(), Exit> {
    let (mut ign_garb, mut n1, mut n2, mut p) = (true, -1i32, 0i32, cols);
    let mut n3: i32;
    let (mut have_off, mut want_off) = (0i64, 0i64);
    let io_exit =
        |e: io::Error, status: i32| Exit::new(status, format!("xxd: {}\n", error_text(&e)));
    // A read error ends the input like its end (`getc` returns EOF for both).
    while let Some(mut c) = input.getc().unwrap_or(None) {
        if c == b'\r' {
            continue;
        }
        if hextype == HEX_POSTSCRIPT && matches!(c, b' ' | b'\n' | b'\t') {
            continue;
        }
        n3 = n2;
        n2 = n1;
        n1 = parse_hex_digit(c);
        if n1 == -1 && ign_garb {
            continue;
        }
        ign_garb = false;
        if hextype == HEX_NORMAL && p >= cols {
            if n1 < 0 {
                p = 0;
                continue;
            }
            want_off = want_off.wrapping_shl(4) | i64::from(n1);
            continue;
        }
        let target = base_off.wrapping_add(want_off);
        if target != have_off {
            out.flush().map_err(|e| io_exit(e, 3))?;
            if let Output::File(file) = out
                && target >= 0
                && file.seek(SeekFrom::Start(target as u64)).is_ok()
            {
                have_off = target;
            }
            if target < have_off {
                return Err(Exit::new(5, "xxd: Sorry, cannot seek backwards.\n"));
            }
            while have_off < target {
                out.write(&[0]).map_err(|e| io_exit(e, 3))?;
                have_off += 1;
            }
        }
        if n2 >= 0 && n1 >= 0 {
            out.write(&[(n2 << 4 | n1) as u8])
                .map_err(|e| io_exit(e, 3))?;
            have_off += 1;
            want_off += 1;
            n1 = -1;
            if hextype == HEX_NORMAL {
                p += 1;
                if p >= cols {
                    c = skip_to_eol(input, c);
                }
            }
        } else if n1 < 0 && n2 < 0 && n3 < 0 {
            c = skip_to_eol(input, c);
        }
        if c == b'\n' {
            if hextype == HEX_NORMAL {
                want_off = 0;
            }
            p = cols;
            ign_garb = true;
        }
    }
    out.flush().map_err(|e| io_exit(e, 3))
}

/// Reads to the end of the line: returns `\n`, or 0 for the end of the input.
fn skip_to_eol(input: &mut Input<'_>, mut c: u8) -> u8 {
    while c != b'\n' {
        match input.getc() {
            Ok(Some(next)) => c = next,
            _ => return 0,
        }
    }
    c
}

/// Runs xxd with `argv` (argv\[0\] first) and returns the exit status. `stdout` is flushed
/// before returning.
pub fn run(
    argv: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let program = argv.first().map(String::as_str).unwrap_or("xxd");
    let pname = program.rsplit('/').next().unwrap_or(program);
    let args = argv.get(1..).unwrap_or(&[]);
    let mut text = Vec::new();
    let result = xxd(args, pname, stdin, stdout, &mut text);
    let status = match result {
        Ok(()) => 0,
        Err(exit) => {
            let _ = stderr.write_all(&exit.message);
            exit.status
        }
    };
    let _ = stdout.flush();
    status
}

/// Everything after the arguments are split off. `text` collects normal-mode output
/// before it is written (so that errors can still flush it, as C's `exit` does).
fn xxd(
    args: &[String],
    pname: &str,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    text: &mut Vec<u8>,
) -> Result<(), Exit> {
    let mut s = parse_args(args, pname)?;
    if !s.colsgiven || (s.cols == 0 && s.hextype != HEX_POSTSCRIPT) {
        s.cols = match s.hextype {
            HEX_POSTSCRIPT => 30,
            HEX_CINCLUDE => 12,
            HEX_BITS => 6,
            _ => 16,
        };
    }
    if s.octspergrp < 0 {
        s.octspergrp = match s.hextype {
            HEX_BITS => 1,
            HEX_NORMAL => 2,
            HEX_LITTLEENDIAN => 4,
            _ => 0,
        };
    }
    if (s.hextype == HEX_POSTSCRIPT && s.cols < 0)
        || (s.hextype != HEX_POSTSCRIPT && s.cols < 1)
        || (matches!(s.hextype, HEX_NORMAL | HEX_BITS | HEX_LITTLEENDIAN) && s.cols > COLS)
    {
        return Err(Exit::new(
            1,
            format!("{pname}: invalid number of columns (max. {COLS}).\n"),
        ));
    }
    if s.octspergrp < 1 || s.octspergrp > s.cols {
        s.octspergrp = s.cols;
    } else if s.hextype == HEX_LITTLEENDIAN && (s.octspergrp & (s.octspergrp - 1)) != 0 {
        return Err(Exit::new(
            1,
            format!("{pname}: number of octets per group must be a power of 2 with -e.\n"),
        ));
    }
    if s.files.len() > 2 {
        return Err(Exit::new(1, usage(pname)));
    }

    let in_name = s.files.first().filter(|n| n.as_str() != "-").cloned();
    let source = match &in_name {
        None => Source::Stdin(stdin),
        Some(name) => match File::open(name) {
            Ok(f) => Source::File(f),
            Err(e) => {
                return Err(Exit::new(
                    2,
                    format!("{pname}: {name}: {}\n", error_text(&e)),
                ));
            }
        },
    };
    let mut input = Input::new(source);
    let out_name = s.files.get(1).filter(|n| n.as_str() != "-").cloned();
    let mut out = match &out_name {
        None => Output::Stdout(stdout),
        Some(name) => {
            let mut options = OpenOptions::new();
            options.write(true).create(true);
            if !s.revert {
                options.truncate(true);
            }
            match options.open(name) {
                Ok(f) => Output::File(f),
                Err(e) => {
                    return Err(Exit::new(
                        3,
                        format!("{pname}: {name}: {}\n", error_text(&e)),
                    ));
                }
            }
        }
    };

    if s.revert {
        if s.hextype != HEX_NORMAL && s.hextype != HEX_POSTSCRIPT {
            return Err(Exit::new(
                255,
                format!("{pname}: Sorry, cannot revert this type of hexdump\n"),
            ));
        }
        let base = if s.negseek {
            s.seekoff.wrapping_neg()
        } else {
            s.seekoff
        };
        return huntype(&mut input, &mut out, s.cols, s.hextype, base);
    }

    let result = dump(&mut s, &mut input, in_name.as_deref(), pname, text);
    // The C program's output sits in stdio's buffer until exit, error or not.
    let written = out.write(text).and_then(|()| out.flush());
    result?;
    written.map_err(|e| Exit::new(3, format!("{pname}: {}\n", error_text(&e))))
}

/// Reads one byte for a dump; a read error ends the run like `getc_or_die`.
fn getc_or_die(input: &mut Input<'_>, pname: &str) -> Result<Option<u8>, Exit> {
    input
        .getc()
        .map_err(|e| Exit::new(2, format!("{pname}: {}\n", error_text(&e))))
}

/// The dumping directions: seeking, then the C include, postscript, or line dumps.
fn dump(
    s: &mut Settings,
    input: &mut Input<'_>,
    in_name: Option<&str>,
    pname: &str,
    out: &mut Vec<u8>,
) -> Result<(), Exit> {
    if s.seekoff != 0 || s.negseek || !s.relseek {
        let offset = if s.negseek {
            s.seekoff.wrapping_neg()
        } else {
            s.seekoff
        };
        let whence = if s.relseek {
            Whence::Cur
        } else if s.negseek {
            Whence::End
        } else {
            Whence::Set
        };
        match input.fseek(offset, whence) {
            Some(position) => s.seekoff = position as i64,
            None if s.negseek => {
                return Err(Exit::new(4, format!("{pname}: Sorry, cannot seek.\n")));
            }
            None => {
                let mut left = s.seekoff;
                while left != 0 {
                    left -= 1;
                    if getc_or_die(input, pname)?.is_none() {
                        return Err(Exit::new(4, format!("{pname}: Sorry, cannot seek.\n")));
                    }
                }
            }
        }
    }
    let hexx: &[u8; 16] = if s.upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };

    if s.hextype == HEX_CINCLUDE {
        let varname = s
            .varname
            .clone()
            .or_else(|| in_name.map(|n| n.as_bytes().to_vec()));
        let c_name = |name: &[u8]| -> Vec<u8> {
            let mut text = if name.first().is_some_and(u8::is_ascii_digit) {
                b"__".to_vec()
            } else {
                Vec::new()
            };
            text.extend(name.iter().map(|&c| {
                if c.is_ascii_alphanumeric() {
                    if s.capitalize {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                } else {
                    b'_'
                }
            }));
            text
        };
        if let Some(name) = &varname {
            out.extend_from_slice(b"unsigned char ");
            out.extend(c_name(name));
            out.extend_from_slice(b"[] = {\n");
        }
        let mut p: i64 = 0;
        while s.length < 0 || p < s.length {
            let Some(c) = getc_or_die(input, pname)? else {
                break;
            };
            let sep: &[u8] = if p % s.cols != 0 {
                b", "
            } else if p == 0 {
                b"  "
            } else {
                b",\n  "
            };
            out.extend_from_slice(sep);
            out.extend_from_slice(if s.upper { b"0X" } else { b"0x" });
            out.push(hexx[usize::from(c >> 4)]);
            out.push(hexx[usize::from(c & 15)]);
            p += 1;
        }
        if p != 0 {
            out.push(b'\n');
        }
        if let Some(name) = &varname {
            out.extend_from_slice(b"};\nunsigned int ");
            out.extend(c_name(name));
            out.extend_from_slice(
                format!("_{} = {p};\n", if s.capitalize { "LEN" } else { "len" }).as_bytes(),
            );
        }
        return Ok(());
    }

    if s.hextype == HEX_POSTSCRIPT {
        let mut p = s.cols;
        let mut n: i64 = 0;
        while s.length < 0 || n < s.length {
            let Some(e) = getc_or_die(input, pname)? else {
                break;
            };
            out.push(hexx[usize::from(e >> 4)]);
            out.push(hexx[usize::from(e & 15)]);
            n += 1;
            if s.cols > 0 {
                p -= 1;
                if p == 0 {
                    out.push(b'\n');
                    p = s.cols;
                }
            }
        }
        if s.cols == 0 || p < s.cols {
            out.push(b'\n');
        }
        return Ok(());
    }

    let cols = s.cols;
    let g = s.octspergrp;
    let grplen = if s.hextype == HEX_BITS {
        8 * g + 1
    } else {
        2 * g + 1
    };
    let mut l = vec![0u8; LLEN + 1];
    let mut zeros = ZeroLines::default();
    let (mut p, mut c, mut nonzero, mut n) = (0i64, 0usize, 0i64, 0i64);
    let mut addrlen = 9usize;
    while s.length < 0 || n < s.length {
        let Some(byte) = getc_or_die(input, pname)? else {
            break;
        };
        let mut e = byte;
        if p == 0 {
            let address = (n as u64)
                .wrapping_add(s.seekoff as u64)
                .wrapping_add(s.displayoff);
            let text = if s.decimal_offset {
                format!("{:08}:", address as i64)
            } else {
                format!("{address:08x}:")
            };
            addrlen = text.len();
            l[..addrlen].copy_from_slice(text.as_bytes());
            for cell in &mut l[addrlen..LLEN] {
                *cell = b' ';
            }
        }
        let x = if s.hextype == HEX_LITTLEENDIAN {
            p ^ (g - 1)
        } else {
            p
        };
        c = addrlen + 1 + ((grplen * x) / g) as usize;
        if s.hextype == HEX_BITS {
            for bit in (0..8).rev() {
                l[c] = if e & (1 << bit) != 0 { b'1' } else { b'0' };
                c += 1;
            }
        } else {
            l[c] = hexx[usize::from(e >> 4)];
            l[c + 1] = hexx[usize::from(e & 15)];
        }
        if e != 0 {
            nonzero += 1;
        }
        if s.ebcdic {
            e = if e < 64 {
                b'.'
            } else {
                ETOA64[usize::from(e - 64)]
            };
        }
        c = addrlen + 3 + ((grplen * cols - 1) / g) as usize + p as usize;
        l[c] = if (32..127).contains(&e) { e } else { b'.' };
        c += 1;
        n += 1;
        p += 1;
        if p == cols {
            l[c] = b'\n';
            l[c + 1] = 0;
            zeros.line(out, &l[..=c], if s.autoskip { nonzero } else { 1 });
            nonzero = 0;
            p = 0;
        }
    }
    if p != 0 {
        l[c] = b'\n';
        l[c + 1] = 0;
        zeros.line(out, &l[..=c], 1);
    } else if s.autoskip {
        let end = l.iter().position(|&b| b == 0).unwrap_or(0);
        zeros.line(out, &l[..end], -1);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
