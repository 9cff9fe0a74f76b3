//! Reference hexdump: `hexdump` from util-linux 2.38.1 (Debian 12's `bsdextrautils`),
//! byte for byte, on the task's subset.
//!
//! hexdump is a small format language: every `-e` string (and each built-in option, which
//! adds its own strings) is split into format units `[reps][/bytes] "text"`, each unit
//! into print units of one conversion each. Every block of input (as long as the largest
//! format string needs) is shown by every format string in turn. The program follows
//! util-linux's `hexdump-parse.c` and `hexdump-display.c`: the block size count and the
//! syntax checks are two separate scans, the last unit of a string is repeated to fill the
//! block, the last repetition drops one trailing white-space character, data past the end
//! is shown as blanks, and identical blocks in a row become one `*` line.

use std::fs::File;
use std::io::{self, Read, Write};

use enc_common::cstd::scan_number;
use enc_common::getopt::{Getopt, HasArg, LongOption};
use enc_common::quote::error_text;

mod printf;

use printf::Spec;

const fn long(name: &'static str, has_arg: HasArg, id: u8) -> LongOption {
    LongOption {
        name,
        has_arg,
        id: id as u32,
    }
}

/// hexdump's long options, in the order glibc lists them when a prefix is ambiguous.
const LONG_OPTIONS: &[LongOption] = &[
    long("one-byte-octal", HasArg::No, b'b'),
    long("one-byte-char", HasArg::No, b'c'),
    long("canonical", HasArg::No, b'C'),
    long("two-bytes-decimal", HasArg::No, b'd'),
    long("two-bytes-octal", HasArg::No, b'o'),
    long("two-bytes-hex", HasArg::No, b'x'),
    long("format", HasArg::Required, b'e'),
    long("format-file", HasArg::Required, b'f'),
    long("color", HasArg::Optional, b'L'),
    long("length", HasArg::Required, b'n'),
    long("skip", HasArg::Required, b's'),
    long("no-squeezing", HasArg::No, b'v'),
    long("help", HasArg::No, b'h'),
    long("version", HasArg::No, b'V'),
];

const HEX_OFFSET: &str = "\"%07.7_Ax\n\"";

/// How a run ends early: the message for standard error and the exit status.
#[derive(Debug)]
pub struct Fatal {
    pub message: Vec<u8>,
    pub status: i32,
}

fn errx(message: impl AsRef<[u8]>) -> Fatal {
    Fatal {
        message: [b"hexdump: ", message.as_ref(), b"\n"].concat(),
        status: 1,
    }
}

/// What a print unit shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Address,
    Bpad,
    /// `%_c`
    C,
    /// `%c`
    Char,
    Dbl,
    Int,
    /// `%_p`
    P,
    Str,
    Text,
    /// `%_u`
    U,
    Uint,
}

/// One conversion with the text before it (or only text).
#[derive(Debug, Clone)]
struct Pr {
    kind: Kind,
    bcnt: usize,
    /// Text printed before the conversion (all of it for `Text`).
    text: Vec<u8>,
    spec: Spec,
    /// The conversion character: d i o u x X c s e f g E G, or the letter after `_`.
    conv: u8,
    /// The last repetition leaves out the final character of `text` (a white space).
    nospace: bool,
}

/// A format unit: `[reps][/bytes] "format"`.
#[derive(Debug, Clone)]
struct Fu {
    reps: i64,
    bcnt: i64,
    set_rep: bool,
    ignore: bool,
    fmt: Vec<u8>,
    prs: Vec<Pr>,
}

/// A format string: its units and the bytes one pass over them uses.
#[derive(Debug, Clone, Default)]
struct Fs {
    fus: Vec<Fu>,
    bcnt: i64,
}

/// C's `isspace` in the C locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn skip_space(s: &[u8], mut at: usize) -> usize {
    while at < s.len() && is_space(s[at]) {
        at += 1;
    }
    at
}

/// `strtol (s + at, &end, 10)` for a repetition or byte count: `None` when there is no
/// number or it overflows a C `int`'s `long` (then the format is bad).
fn next_number(s: &[u8], at: usize) -> Option<(i64, usize)> {
    let n = scan_number(&s[at..], 10);
    if n.used == 0 || n.magnitude > i64::MAX as u128 {
        return None;
    }
    let value = if n.negative {
        -(n.magnitude as i64)
    } else {
        n.magnitude as i64
    };
    // hexdump stores the number in an int.
    Some((i64::from(value as i32), at + n.used))
}

/// `escape`: C escapes `\a \b \f \n \r \t \v` become their bytes; a backslash before any
/// other character is dropped.
fn escape(fmt: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(fmt.len());
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] == b'\\' && i + 1 < fmt.len() {
            i += 1;
            out.push(match fmt[i] {
                b'a' => 0x07,
                b'b' => 0x08,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'v' => 0x0b,
                other => other,
            });
        } else if fmt[i] == b'\\' {
            // A backslash at the very end escapes the terminating NUL: nothing follows.
            break;
        } else {
            out.push(fmt[i]);
        }
        i += 1;
    }
    out
}

/// `add_fmt`: splits one format string into format units.
fn add_fmt(fmt: &[u8]) -> Result<Fs, Fatal> {
    let bad = || errx([&b"bad format {"[..], fmt, b"}"].concat());
    let mut fs = Fs::default();
    let mut p = 0;
    loop {
        p = skip_space(fmt, p);
        if p >= fmt.len() {
            break;
        }
        let mut fu = Fu {
            reps: 1,
            bcnt: 0,
            set_rep: false,
            ignore: false,
            fmt: Vec::new(),
            prs: Vec::new(),
        };
        if fmt[p].is_ascii_digit() {
            let (reps, end) = next_number(fmt, p).ok_or_else(bad)?;
            if end >= fmt.len() || !(is_space(fmt[end]) || fmt[end] == b'/') {
                return Err(bad());
            }
            fu.reps = reps;
            fu.set_rep = true;
            p = skip_space(fmt, end + 1);
        }
        if p < fmt.len() && fmt[p] == b'/' {
            p = skip_space(fmt, p + 1);
        }
        if p < fmt.len() && fmt[p].is_ascii_digit() {
            let (bcnt, end) = next_number(fmt, p).ok_or_else(bad)?;
            if end >= fmt.len() || !is_space(fmt[end]) {
                return Err(bad());
            }
            fu.bcnt = bcnt;
            p = skip_space(fmt, end + 1);
        }
        if p >= fmt.len() || fmt[p] != b'"' {
            return Err(bad());
        }
        let start = p + 1;
        let end = fmt[start..]
            .iter()
            .position(|&c| c == b'"')
            .map(|k| start + k)
            .ok_or_else(bad)?;
        fu.fmt = escape(&fmt[start..end]);
        fs.fus.push(fu);
        p = end + 1;
    }
    Ok(fs)
}

/// The characters `block_size` and `rewrite_rules` skip after a `%` ("#-+ " and digits).
fn is_flag_or_digit(c: u8) -> bool {
    b"#-+ 0123456789".contains(&c)
}

/// `block_size`: the bytes one pass over the format string uses, counted the way
/// hexdump counts them before it checks the syntax.
fn block_size(fs: &Fs) -> i64 {
    let mut cursize = 0;
    for fu in &fs.fus {
        if fu.bcnt != 0 {
            cursize += fu.bcnt * fu.reps;
            continue;
        }
        let fmt = &fu.fmt;
        let at = |k: usize| fmt.get(k).copied().unwrap_or(0);
        let (mut bcnt, mut k) = (0i64, 0usize);
        while k < fmt.len() {
            if fmt[k] != b'%' {
                k += 1;
                continue;
            }
            k += 1;
            while k < fmt.len() && is_flag_or_digit(fmt[k]) {
                k += 1;
            }
            let mut prec = 0;
            if at(k) == b'.' {
                k += 1;
                if at(k).is_ascii_digit() {
                    let (n, end) = next_number(fmt, k).unwrap_or((0, k));
                    prec = n;
                    k = end;
                }
            }
            let c = at(k);
            if b"diouxX".contains(&c) && c != 0 {
                bcnt += 4;
            } else if b"efgEG".contains(&c) && c != 0 {
                bcnt += 8;
            } else if c == b's' {
                bcnt += prec;
            } else if c == b'c' {
                bcnt += 1;
            } else if c == b'_' {
                k += 1;
                if b"cpu".contains(&at(k)) && at(k) != 0 {
                    bcnt += 1;
                }
            }
            k += 1;
        }
        cursize += bcnt * fu.reps;
    }
    cursize
}

/// `rewrite_rules`: splits each unit into print units, checking the conversions, then
/// repeats the last unit to fill the block. Returns where a `%_A` unit was seen last.
fn rewrite_rules(
    fs: &mut Fs,
    fs_index: usize,
    blocksize: i64,
) -> Result<Option<(usize, usize)>, Fatal> {
    let mut endfu = None;
    for (fu_index, fu) in fs.fus.iter_mut().enumerate() {
        let fmt = fu.fmt.clone();
        let mut fmtp = 0;
        let mut nconv = 0;
        while fmtp < fmt.len() {
            let Some(rel) = fmt[fmtp..].iter().position(|&c| c == b'%') else {
                fu.prs.push(Pr {
                    kind: Kind::Text,
                    bcnt: 0,
                    text: fmt[fmtp..].to_vec(),
                    spec: Spec::default(),
                    conv: 0,
                    nospace: false,
                });
                break;
            };
            let percent = fmtp + rel;
            let at = |k: usize| fmt.get(k).copied().unwrap_or(0);
            // The flags, width and precision as written.
            let mut p1 = percent + 1;
            let use_prec;
            let mut prec = 0;
            if fu.bcnt != 0 {
                use_prec = false;
                while p1 < fmt.len() && b".#-+ 0123456789".contains(&fmt[p1]) {
                    p1 += 1;
                }
            } else {
                while p1 < fmt.len() && is_flag_or_digit(fmt[p1]) {
                    p1 += 1;
                }
                if at(p1) == b'.' && at(p1 + 1).is_ascii_digit() {
                    let (n, end) = next_number(&fmt, p1 + 1).unwrap_or((0, p1 + 1));
                    prec = n;
                    p1 = end;
                    use_prec = true;
                } else {
                    if at(p1) == b'.' {
                        p1 += 1;
                    }
                    use_prec = false;
                }
            }
            let spec = Spec::parse(&fmt[percent + 1..p1]);
            let cs = at(p1);
            let mut p2 = p1 + 1;
            let bad_count = |text: &[u8]| {
                errx([&b"bad byte count for conversion character "[..], text].concat())
            };
            let bad_conv = |text: &[u8]| errx([&b"bad conversion character %"[..], text].concat());
            let (kind, bcnt, conv) = match cs {
                b'c' => match fu.bcnt {
                    0 | 1 => (Kind::Char, 1, b'c'),
                    _ => return Err(bad_count(b"c")),
                },
                b'd' | b'i' | b'o' | b'u' | b'x' | b'X' => {
                    let kind = if cs == b'd' || cs == b'i' {
                        Kind::Int
                    } else {
                        Kind::Uint
                    };
                    match fu.bcnt {
                        0 => (kind, 4, cs),
                        1 | 2 | 4 | 8 => (kind, fu.bcnt as usize, cs),
                        _ => return Err(bad_count(&[cs])),
                    }
                }
                b'e' | b'f' | b'g' | b'E' | b'G' => match fu.bcnt {
                    0 => (Kind::Dbl, 8, cs),
                    4 | 8 => (Kind::Dbl, fu.bcnt as usize, cs),
                    _ => return Err(bad_count(&[cs])),
                },
                b's' => {
                    if fu.bcnt != 0 {
                        (Kind::Str, fu.bcnt as usize, cs)
                    } else if use_prec {
                        (Kind::Str, prec as usize, cs)
                    } else {
                        return Err(errx("%s requires a precision or a byte count"));
                    }
                }
                b'_' => {
                    p2 += 1;
                    let next = at(p1 + 1);
                    match next {
                        b'A' | b'a' => {
                            if next == b'A' {
                                endfu = Some((fs_index, fu_index));
                                fu.ignore = true;
                            }
                            p2 += 1;
                            let third = at(p1 + 2);
                            if third == 0 || !b"dox".contains(&third) {
                                return Err(bad_conv(&fmt[p1..(p1 + 3).min(fmt.len())]));
                            }
                            (Kind::Address, 0, third)
                        }
                        b'c' | b'p' | b'u' => {
                            let kind = match next {
                                b'c' => Kind::C,
                                b'p' => Kind::P,
                                _ => Kind::U,
                            };
                            match fu.bcnt {
                                0 | 1 => (kind, 1, next),
                                _ => return Err(bad_count(&fmt[p1..p1 + 2])),
                            }
                        }
                        _ => return Err(bad_conv(&fmt[p1..(p1 + 2).min(fmt.len())])),
                    }
                }
                _ => return Err(bad_conv(&fmt[p1..(p1 + 1).min(fmt.len())])),
            };
            fu.prs.push(Pr {
                kind,
                bcnt,
                text: fmt[fmtp..percent].to_vec(),
                spec,
                conv,
                nospace: false,
            });
            fmtp = p2.min(fmt.len());
            if kind != Kind::Address && fu.bcnt != 0 {
                nconv += 1;
                if nconv > 1 {
                    return Err(errx("byte count with multiple conversion characters"));
                }
            }
        }
        if fu.bcnt == 0 {
            fu.bcnt = fu.prs.iter().map(|pr| pr.bcnt as i64).sum();
        }
    }
    let count = fs.fus.len();
    for (index, fu) in fs.fus.iter_mut().enumerate() {
        if index + 1 == count && fs.bcnt < blocksize && !fu.set_rep && fu.bcnt != 0 {
            fu.reps += (blocksize - fs.bcnt) / fu.bcnt;
        }
        if fu.reps > 1
            && let Some(last) = fu.prs.last_mut()
        {
            // Only text can end with white space; a conversion ends with its letter.
            last.nospace =
                last.kind == Kind::Text && last.text.last().is_some_and(|&c| is_space(c));
        }
    }
    Ok(endfu)
}

/// `strtosize_or_err`: a non-negative number (C base prefixes allowed) with an optional
/// suffix K M G T P E Z Y (powers of 1024, also as KiB) or KB MB ... (powers of 1000),
/// either case.
fn parse_size(text: &str, what: &str) -> Result<i64, Fatal> {
    let fail = |why: &str| errx(format!("failed to parse {what}: '{text}': {why}"));
    let bytes = text.as_bytes();
    let first = bytes
        .iter()
        .position(|&c| !is_space(c))
        .unwrap_or(bytes.len());
    if bytes.is_empty() || bytes.get(first) == Some(&b'-') {
        return Err(fail("Invalid argument"));
    }
    let n = scan_number(bytes, 0);
    if n.used == 0 {
        return Err(fail("Invalid argument"));
    }
    if n.magnitude > u128::from(u64::MAX) {
        return Err(fail("Numerical result out of range"));
    }
    let mut value = if n.negative {
        (n.magnitude as u64).wrapping_neg()
    } else {
        n.magnitude as u64
    };
    let suffix = &bytes[n.used..];
    if !suffix.is_empty() {
        let (base, letter) = match suffix {
            [l, b'i', b'B' | b'b'] => (1024u64, *l),
            [l, b'B' | b'b'] => (1000, *l),
            [l] => (1024, *l),
            _ => return Err(fail("Invalid argument")),
        };
        let power = b"KMGTPEZY"
            .iter()
            .position(|&c| c == letter)
            .or_else(|| b"kmgtpezy".iter().position(|&c| c == letter))
            .ok_or_else(|| fail("Invalid argument"))?;
        for _ in 0..=power {
            value = value
                .checked_mul(base)
                .ok_or_else(|| fail("Numerical result out of range"))?;
        }
    }
    // hexdump keeps sizes in a signed type.
    Ok(value as i64)
}

/// The help text (`-h`, outside the task's subset).
const HELP: &str = "\nUsage:\n hexdump [options] <file>...\n\nDisplay file contents in hexadecimal, decimal, octal, or ascii.\n";

/// Everything parsed from the command line.
struct Setup {
    fs: Vec<Fs>,
    endfu: Option<(usize, usize)>,
    blocksize: usize,
    length: i64,
    skip: i64,
    squeeze: bool,
    files: Vec<String>,
}

enum Parsed {
    Run(Setup),
    /// `-h` or `-V`: text for standard output, status 0.
    Print(String),
}

/// Parses the command line and the format strings.
fn setup(args: &[String]) -> Result<Parsed, Fatal> {
    let mut fs: Vec<Fs> = Vec::new();
    let mut length = -1;
    let mut skip = 0;
    let mut squeeze = true;
    let mut getopt = Getopt::new(args, "bcCde:f:L::n:os:vxhV", LONG_OPTIONS);
    for item in getopt.by_ref() {
        let opt = item.map_err(|e| Fatal {
            message: [
                &b"hexdump: "[..],
                &e.message,
                b"\nTry 'hexdump --help' for more information.\n",
            ]
            .concat(),
            status: 1,
        })?;
        let mut add = |text: &str| -> Result<(), Fatal> {
            fs.push(add_fmt(text.as_bytes())?);
            Ok(())
        };
        match opt.id as u8 {
            b'b' => {
                add(HEX_OFFSET)?;
                add("\"%07.7_ax \" 16/1 \"%03o \" \"\\n\"")?;
            }
            b'c' => {
                add(HEX_OFFSET)?;
                add("\"%07.7_ax \" 16/1 \"%3_c \" \"\\n\"")?;
            }
            b'C' => {
                add("\"%08.8_Ax\n\"")?;
                add("\"%08.8_ax  \" 8/1 \"%02x \" \"  \" 8/1 \"%02x \" ")?;
                add("\"  |\" 16/1 \"%_p\" \"|\\n\"")?;
            }
            b'd' => {
                add(HEX_OFFSET)?;
                add("\"%07.7_ax \" 8/2 \"  %05u \" \"\\n\"")?;
            }
            b'o' => {
                add(HEX_OFFSET)?;
                add("\"%07.7_ax \" 8/2 \" %06o \" \"\\n\"")?;
            }
            b'x' => {
                add(HEX_OFFSET)?;
                add("\"%07.7_ax \" 8/2 \"   %04x \" \"\\n\"")?;
            }
            b'e' => add(opt.arg.as_deref().unwrap_or(""))?,
            b'f' => {
                let name = opt.arg.unwrap_or_default();
                let text = std::fs::read(&name)
                    .map_err(|e| errx(format!("can't read {name}: {}", error_text(&e))))?;
                for line in text.split_inclusive(|&c| c == b'\n') {
                    let start = line
                        .iter()
                        .position(|&c| !is_space(c))
                        .unwrap_or(line.len());
                    if start == line.len() || line[start] == b'#' {
                        continue;
                    }
                    fs.push(add_fmt(&line[start..])?);
                }
            }
            b'L' => {}
            b'n' => length = parse_size(opt.arg.as_deref().unwrap_or(""), "length")?,
            b's' => skip = parse_size(opt.arg.as_deref().unwrap_or(""), "offset")?,
            b'v' => squeeze = false,
            b'h' => return Ok(Parsed::Print(HELP.to_string())),
            _ => {
                return Ok(Parsed::Print(
                    "hexdump from util-linux 2.38.1 (Replica reference)\n".into(),
                ));
            }
        }
    }
    let files = getopt.operands().to_vec();
    if fs.is_empty() {
        fs.push(add_fmt(HEX_OFFSET.as_bytes())?);
        fs.push(add_fmt(b"\"%07.7_ax \" 8/2 \"%04x \" \"\\n\"")?);
    }
    let mut blocksize = 0;
    for one in &mut fs {
        one.bcnt = block_size(one);
        blocksize = blocksize.max(one.bcnt);
    }
    let mut endfu = None;
    for (index, one) in fs.iter_mut().enumerate() {
        if let Some(found) = rewrite_rules(one, index, blocksize)? {
            endfu = Some(found);
        }
    }
    Ok(Parsed::Run(Setup {
        fs,
        endfu,
        blocksize: usize::try_from(blocksize).unwrap_or(0),
        length,
        skip,
        squeeze,
        files,
    }))
}

/// The input side: the files in turn (or standard input), with `-s` and `-n`, as
/// hexdump's `next` and `get` read them.
struct Reader<'a> {
    stdin: Option<&'a mut dyn Read>,
    files: Vec<String>,
    next_file: usize,
    current: Option<Box<dyn Read + 'a>>,
    /// The name of the open file, for read errors.
    current_name: String,
    done: bool,
    /// Whether every file operand failed to open (C's stdin is then closed).
    stdin_closed: bool,
    skip: i64,
    length: i64,
    address: i64,
    exitval: i32,
    stderr: Vec<u8>,
}

impl<'a> Reader<'a> {
    /// `next (NULL)`: opens the next input, applying what is left of `-s`. Returns false
    /// when there is none.
    fn next(&mut self) -> Result<bool, Fatal> {
        loop {
            let statok;
            if self.next_file < self.files.len() {
                let name = self.files[self.next_file].clone();
                match File::open(&name) {
                    Ok(file) => {
                        // A regular file's size; other files (directories) have none.
                        let size = file
                            .metadata()
                            .ok()
                            .filter(|m| m.is_file())
                            .map(|m| m.len());
                        self.current = Some(Box::new(file));
                        self.current_name = name;
                        self.stdin_closed = false;
                        statok = Some(size);
                        self.done = true;
                    }
                    Err(e) => {
                        self.stderr.extend_from_slice(
                            format!("hexdump: {name}: {}\n", error_text(&e)).as_bytes(),
                        );
                        self.exitval = 1;
                        self.next_file += 1;
                        self.stdin_closed = true;
                        self.current = None;
                        continue;
                    }
                }
            } else {
                if self.done {
                    return Ok(false);
                }
                self.done = true;
                statok = None;
                if !self.stdin_closed {
                    self.current = self.stdin.take().map(|r| Box::new(r) as Box<dyn Read + 'a>);
                    self.current_name = "stdin".into();
                }
            }
            if self.skip != 0 {
                self.do_skip(statok)?;
            }
            if self.next_file < self.files.len() {
                self.next_file += 1;
            }
            if self.skip == 0 {
                return Ok(true);
            }
        }
    }

    /// `doskip`: a regular file shorter than what is left to skip is skipped whole;
    /// otherwise the input seeks, which standard input cannot do. `file` is `None` for
    /// standard input, else the regular file's size if it is one.
    fn do_skip(&mut self, file: Option<Option<u64>>) -> Result<(), Fatal> {
        let name = if self.next_file < self.files.len() {
            self.files[self.next_file].clone()
        } else {
            "stdin".to_string()
        };
        if let Some(Some(size)) = file
            && self.skip as i128 > i128::from(size)
        {
            self.skip -= size as i64;
            self.address += size as i64;
            return Ok(());
        }
        if file.is_none() {
            let why = if self.stdin_closed {
                "Bad file descriptor"
            } else {
                "Illegal seek"
            };
            return Err(errx(format!("{name}: {why}")));
        }
        // Seeking a file within its size is reading and dropping the bytes.
        let mut left = self.skip as u64;
        if let Some(current) = &mut self.current {
            let mut sink = [0u8; 8192];
            while left > 0 {
                let want = usize::try_from(left.min(8192)).unwrap_or(8192);
                match current.read(&mut sink[..want]) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => left -= n as u64,
                }
            }
        }
        self.address += self.skip;
        self.skip = 0;
        Ok(())
    }

    /// C's `fread` on the current input: a short count at its end (or at a read error,
    /// which is reported with the file's name).
    fn fread(&mut self, buf: &mut [u8]) -> usize {
        let Some(current) = &mut self.current else {
            return 0;
        };
        let mut filled = 0;
        while filled < buf.len() {
            match current.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let name = self.current_name.clone();
                    self.stderr.extend_from_slice(
                        format!("hexdump: {name}: {}\n", error_text(&e)).as_bytes(),
                    );
                    break;
                }
            }
        }
        filled
    }
}

/// `-v` and the squeezing state of `get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VFlag {
    All,
    Dup,
    First,
    Wait,
}

/// Runs hexdump with `argv` (argv\[0\] first) and returns the exit status. `stdout` is
/// flushed before returning.
pub fn run(
    argv: &[String],
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let args = argv.get(1..).unwrap_or(&[]);
    let mut out = Vec::new();
    let status = match setup(args) {
        Ok(Parsed::Print(text)) => {
            out.extend_from_slice(text.as_bytes());
            0
        }
        Ok(Parsed::Run(mut s)) => {
            let mut reader = Reader {
                stdin: Some(stdin),
                files: std::mem::take(&mut s.files),
                next_file: 0,
                current: None,
                current_name: String::new(),
                done: false,
                stdin_closed: false,
                skip: s.skip,
                length: s.length,
                address: 0,
                exitval: 0,
                stderr: Vec::new(),
            };
            let result = display(&mut s, &mut reader, &mut out);
            let _ = stderr.write_all(&reader.stderr);
            match result {
                Ok(()) => reader.exitval,
                Err(fatal) => {
                    let _ = stderr.write_all(&fatal.message);
                    fatal.status
                }
            }
        }
        Err(fatal) => {
            let _ = stderr.write_all(&fatal.message);
            fatal.status
        }
    };
    let _ = stdout.write_all(&out);
    let _ = stdout.flush();
    status
}

/// `display` with `get`: every block through every format string, squeezing repeated
/// blocks, blank-padding past the end, then the `%_A` unit with the end address.
fn display(s: &mut Setup, reader: &mut Reader<'_>, out: &mut Vec<u8>) -> Result<(), Fatal> {
    let bs = s.blocksize;
    let mut curp = vec![0u8; bs];
    let mut savp = vec![0u8; bs];
    let mut vflag = if s.squeeze { VFlag::First } else { VFlag::All };
    let mut ateof = true;
    let mut eaddress: i64 = 0;
    let mut first = true;
    // The initial next(argv) only records the files.
    loop {
        // get()
        if !first {
            std::mem::swap(&mut curp, &mut savp);
            reader.address += bs as i64;
        }
        first = false;
        let mut need = bs;
        let mut nread = 0usize;
        let block = loop {
            if reader.length == 0 || (ateof && !reader.next()?) {
                if need == bs {
                    break None;
                }
                if need == 0 && vflag != VFlag::All && curp[..nread] == savp[..nread] {
                    if vflag != VFlag::Dup {
                        out.extend_from_slice(b"*\n");
                    }
                    break None;
                }
                for b in &mut curp[nread..] {
                    *b = 0;
                }
                eaddress = reader.address + nread as i64;
                break Some(());
            }
            if reader.stdin_closed {
                reader
                    .stderr
                    .extend_from_slice(b"hexdump: all input file arguments failed\n");
                break None;
            }
            let want = if reader.length == -1 {
                need
            } else {
                need.min(usize::try_from(reader.length).unwrap_or(usize::MAX))
            };
            let n = reader.fread(&mut curp[nread..nread + want]);
            if n == 0 {
                ateof = true;
                continue;
            }
            ateof = false;
            if reader.length != -1 {
                reader.length -= n as i64;
            }
            need -= n;
            if need == 0 {
                if vflag == VFlag::All || vflag == VFlag::First || curp != savp {
                    if vflag == VFlag::Dup || vflag == VFlag::First {
                        vflag = VFlag::Wait;
                    }
                    break Some(());
                }
                if vflag == VFlag::Wait {
                    out.extend_from_slice(b"*\n");
                }
                vflag = VFlag::Dup;
                reader.address += bs as i64;
                need = bs;
                nread = 0;
            } else {
                nread += n;
            }
        };
        if block.is_none() {
            break;
        }
        let saveaddress = reader.address;
        for fs in &mut s.fs {
            let mut bp = 0usize;
            let mut address = saveaddress;
            for fu in &mut fs.fus {
                if fu.ignore {
                    break;
                }
                let mut cnt = fu.reps;
                while cnt > 0 {
                    for pr in &mut fu.prs {
                        if eaddress != 0
                            && address >= eaddress
                            && pr.kind != Kind::Text
                            && pr.kind != Kind::Bpad
                        {
                            pr.kind = Kind::Bpad;
                        }
                        let data = curp.get(bp..).unwrap_or(&[]);
                        print(out, pr, data, address, cnt == 1 && pr.nospace);
                        address += pr.bcnt as i64;
                        bp += pr.bcnt;
                    }
                    cnt -= 1;
                }
            }
        }
    }
    if let Some((fs_index, fu_index)) = s.endfu {
        if eaddress == 0 {
            if reader.address == 0 {
                return Ok(());
            }
            eaddress = reader.address;
        }
        for pr in &s.fs[fs_index].fus[fu_index].prs {
            match pr.kind {
                Kind::Address => print(out, pr, &[], eaddress, false),
                Kind::Text => out.extend_from_slice(&pr.text),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Reads `n` little-endian bytes of `data` (zeros past its end).
fn le_bytes(data: &[u8], n: usize) -> u64 {
    (0..n).rev().fold(0u64, |acc, k| {
        acc << 8 | u64::from(data.get(k).copied().unwrap_or(0))
    })
}

/// C's `isprint` in the C locale.
fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// Prints one print unit on the data at the unit's place in the block.
fn print(out: &mut Vec<u8>, pr: &Pr, data: &[u8], address: i64, nospace: bool) {
    let text = if nospace {
        &pr.text[..pr.text.len() - 1]
    } else {
        &pr.text[..]
    };
    out.extend_from_slice(text);
    let byte = data.first().copied().unwrap_or(0);
    match pr.kind {
        Kind::Text => {}
        Kind::Address => pr.spec.integer(out, pr.conv, address as u64, true),
        Kind::Bpad => pr.spec.blank(out),
        Kind::Char => pr.spec.character(out, byte),
        Kind::P => pr
            .spec
            .character(out, if is_print(byte) { byte } else { b'.' }),
        Kind::C => {
            let name: Option<&[u8]> = match byte {
                0 => Some(b"\\0"),
                0x07 => Some(b"\\a"),
                0x08 => Some(b"\\b"),
                0x0c => Some(b"\\f"),
                b'\n' => Some(b"\\n"),
                b'\r' => Some(b"\\r"),
                b'\t' => Some(b"\\t"),
                0x0b => Some(b"\\v"),
                _ => None,
            };
            match name {
                Some(name) => pr.spec.string(out, name),
                None if is_print(byte) => pr.spec.character(out, byte),
                None => pr.spec.string(out, format!("{byte:03o}").as_bytes()),
            }
        }
        Kind::U => {
            const NAMES: [&str; 32] = [
                "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt",
                "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
                "can", "em", "sub", "esc", "fs", "gs", "rs", "us",
            ];
            if byte <= 0x1f {
                pr.spec.string(out, NAMES[usize::from(byte)].as_bytes());
            } else if byte == 0x7f {
                pr.spec.string(out, b"del");
            } else if is_print(byte) {
                pr.spec.character(out, byte);
            } else {
                pr.spec.integer(out, b'x', u64::from(byte), false);
            }
        }
        Kind::Str => {
            let len = pr.bcnt.min(data.len());
            let s = &data[..len];
            let end = s.iter().position(|&c| c == 0).unwrap_or(s.len());
            pr.spec.string(out, &s[..end]);
        }
        Kind::Int => {
            let raw = le_bytes(data, pr.bcnt);
            let shift = 64 - 8 * pr.bcnt as u32;
            let value = ((raw << shift) as i64 >> shift) as u64;
            pr.spec.integer(out, pr.conv, value, true);
        }
        Kind::Uint => {
            let raw = le_bytes(data, pr.bcnt);
            pr.spec.integer(out, pr.conv, raw, false);
        }
        Kind::Dbl => {
            let value = if pr.bcnt == 4 {
                f64::from(f32::from_bits(le_bytes(data, 4) as u32))
            } else {
                f64::from_bits(le_bytes(data, 8))
            };
            pr.spec.float(out, pr.conv, value);
        }
    }
}

#[cfg(test)]
mod tests;
