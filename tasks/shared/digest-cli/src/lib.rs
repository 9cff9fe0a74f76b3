//! GNU coreutils 9.1's `digest.c` as a library: the command line, hashing mode and check
//! mode shared by `md5sum`, `sha1sum`, `sha224sum`, `sha256sum`, `sha384sum`,
//! `sha512sum`, `b2sum`, `cksum` and `sum`, byte for byte.
//!
//! GNU builds all nine programs from one C file with a different `HASH_ALGO_*` macro
//! each; here each task's reference is a small crate that describes its program as a
//! [`Tool`] (name, texts, algorithms) and calls [`run`]. The program talks to the outside
//! world only through [`Io`], so native unit tests drive it with in-memory files.
//!
//! Task candidates never see this crate: it is part of the references.

mod blake2b;
mod check;
mod cksum;
mod crc;
mod getopt;
mod legacy;
mod length;
mod number;
mod quote;
pub mod testing;

use std::io::{self, Read, Write};

pub use blake2b::blake2b;
pub use crc::{Crc, crc_core};
pub use legacy::{Bsd, Sysv};
pub use quote::{quote, quotef};

/// Size of the buffer files are hashed through.
const CHUNK: usize = 64 * 1024;

/// A running hash: bytes in, digest out.
pub trait Hasher {
    fn update(&mut self, data: &[u8]);
    /// The digest, `bits / 8` bytes of the algorithm (or of `-l` for BLAKE2b).
    fn finish(self: Box<Self>) -> Vec<u8>;
}

/// A RustCrypto hash (any [`digest::Digest`] of the 0.11 generation) as a [`Hasher`].
pub fn boxed<D: digest::Digest + 'static>() -> Box<dyn Hasher> {
    Box::new(RustCrypto(D::new()))
}

/// The adapter [`boxed`] returns.
struct RustCrypto<D>(D);

impl<D: digest::Digest> Hasher for RustCrypto<D> {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    fn finish(self: Box<Self>) -> Vec<u8> {
        self.0.finalize().to_vec()
    }
}

/// How an algorithm's result is printed in hashing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `DIGEST  NAME` or the tagged `TAG (NAME) = DIGEST`.
    Digest,
    /// `sum -r`: `%05d %5s[ NAME]`, the checksum and 1024-byte blocks.
    Bsd,
    /// `sum -s`: `%d %s[ NAME]`, the checksum and 512-byte blocks.
    Sysv,
    /// `cksum`'s default: `%u %s[ NAME]`, the CRC and the byte count.
    Crc,
}

/// One hash algorithm as the programs name and print it.
#[derive(Debug, Clone, Copy)]
pub struct Algorithm {
    /// The value `cksum -a` selects it by (`md5`).
    pub arg: &'static str,
    /// The tag of BSD-style lines (`MD5`).
    pub tag: &'static str,
    /// The digest's length in bits (for BLAKE2b the longest, 512).
    pub bits: u64,
    pub output: Output,
    /// A fresh hasher producing `bytes` bytes (BLAKE2b takes any multiple of 8 bits up to
    /// 512; every other algorithm is asked for its own length).
    pub new: fn(bytes: usize) -> Box<dyn Hasher>,
}

/// `cksum -a bsd` and `sum -r`.
pub const BSD: Algorithm = Algorithm {
    arg: "bsd",
    tag: "BSD",
    bits: 16,
    output: Output::Bsd,
    new: |_| Box::new(Bsd::default()),
};

/// `cksum -a sysv` and `sum -s`.
pub const SYSV: Algorithm = Algorithm {
    arg: "sysv",
    tag: "SYSV",
    bits: 16,
    output: Output::Sysv,
    new: |_| Box::new(Sysv::default()),
};

/// `cksum`'s default, `-a crc`.
pub const CRC: Algorithm = Algorithm {
    arg: "crc",
    tag: "CRC",
    bits: 32,
    output: Output::Crc,
    new: |_| Box::new(Crc::default()),
};

/// BLAKE2b (RFC 7693): b2sum's algorithm and `cksum -a blake2b`; 512 bits unless `-l`.
pub const BLAKE2B: Algorithm = Algorithm {
    arg: "blake2b",
    tag: "BLAKE2b",
    bits: 512,
    output: Output::Digest,
    new: blake2b,
};

/// Which of GNU's programs this is: it decides the options and the formats.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// `md5sum`, `sha1sum`, `sha224sum`, `sha256sum`, `sha384sum`, `sha512sum`.
    Fixed(&'static Algorithm),
    /// `b2sum`: BLAKE2b with `-l BITS`.
    Blake2(&'static Algorithm),
    /// `cksum`: `-a` picks one of these, in GNU's order (bsd, sysv, crc, md5, sha1,
    /// sha224, sha256, sha384, sha512, blake2b, sm3); crc is the default.
    Cksum(&'static [Algorithm]),
    /// `sum`: the BSD checksum (`-r`, the default) or System V's (`-s`); `[bsd, sysv]`.
    Sum(&'static [Algorithm; 2]),
}

/// A program: its kind and the texts of `--help` (after the usage line) and `--version`.
#[derive(Debug, Clone, Copy)]
pub struct Tool {
    pub kind: Kind,
    pub help: &'static str,
    pub version: &'static str,
}

/// Opens named input files.
pub trait Files {
    /// Opens the file called `name` (raw bytes, relative or absolute) for reading.
    fn open(&self, name: &[u8]) -> io::Result<Box<dyn Read + '_>>;
}

/// The real file system, through Rust std.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealFiles;

impl Files for RealFiles {
    fn open(&self, name: &[u8]) -> io::Result<Box<dyn Read + '_>> {
        // Linux refuses the empty name with ENOENT; under WASI it would resolve to
        // the working directory, so refuse it here to behave the same everywhere.
        if name.is_empty() {
            return Err(io::ErrorKind::NotFound.into());
        }
        Ok(Box::new(open_bytes(name)?))
    }
}

#[cfg(unix)]
fn open_bytes(name: &[u8]) -> io::Result<std::fs::File> {
    use std::os::unix::ffi::OsStrExt;
    std::fs::File::open(std::ffi::OsStr::from_bytes(name))
}

#[cfg(target_os = "wasi")]
fn open_bytes(name: &[u8]) -> io::Result<std::fs::File> {
    use std::os::wasi::ffi::OsStrExt;
    std::fs::File::open(std::ffi::OsStr::from_bytes(name))
}

/// Elsewhere only UTF-8 names can be expressed; others name nothing.
#[cfg(not(any(unix, target_os = "wasi")))]
fn open_bytes(name: &[u8]) -> io::Result<std::fs::File> {
    match std::str::from_utf8(name) {
        Ok(name) => std::fs::File::open(name),
        Err(_) => Err(io::ErrorKind::NotFound.into()),
    }
}

/// The process's streams and file access.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    /// Written in large pieces: [`run`] does its own buffering.
    pub stdout: &'a mut dyn Write,
    /// Written one whole diagnostic line at a time.
    pub stderr: &'a mut dyn Write,
    pub files: &'a dyn Files,
}

impl std::fmt::Debug for Io<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Io { .. }")
    }
}

/// Runs the program from the process: its arguments, streams and files; returns the
/// exit status.
pub fn main(tool: &Tool) -> i32 {
    let args: Vec<Vec<u8>> = std::env::args_os()
        .map(|arg| arg.into_encoded_bytes())
        .collect();
    let mut stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    let mut io = Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        files: &RealFiles,
    };
    run(tool, &args, &mut io)
}

/// Lower-case hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> Vec<u8> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(2 * bytes.len());
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)]);
        out.push(DIGITS[usize::from(byte & 15)]);
    }
    out
}

/// GNU's C-locale text for the errors a file can fail with.
fn strerror(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::NotFound => "No such file or directory",
        io::ErrorKind::IsADirectory => "Is a directory",
        io::ErrorKind::NotADirectory => "Not a directory",
        io::ErrorKind::PermissionDenied => "Permission denied",
        _ => "Input/output error",
    }
}

/// Whether a name needs GNU's backslash escaping when printed in a
/// newline-terminated line.
fn problematic(name: &[u8]) -> bool {
    name.iter().any(|&c| matches!(c, b'\\' | b'\n' | b'\r'))
}

/// Appends `name` with each backslash, newline and carriage return written as
/// the two-byte escapes `\\`, `\n` and `\r`.
fn push_escaped(out: &mut Vec<u8>, name: &[u8]) {
    for &c in name {
        match c {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            _ => out.push(c),
        }
    }
}

/// GNU's `BLAKE2B_OUTBYTES * 8`: the longest BLAKE2b digest, in bits.
const BLAKE2B_MAX_BITS: u64 = 512;

/// Option state after parsing, mirroring GNU's variables.
#[derive(Debug)]
struct Settings {
    check: bool,
    /// GNU's `binary`: -1 until `-b`, `-t` or `--tag` sets it (cksum starts at 1).
    binary: i8,
    tag: bool,
    delim: u8,
    ignore_missing: bool,
    quiet: bool,
    status: bool,
    strict: bool,
    warn: bool,
    /// `-l` in bits, 0 when not given.
    length: u64,
    /// The text of the last `-l`, for diagnostics.
    length_arg: Vec<u8>,
    /// The algorithm in use: an index into the tool's list (cksum, sum).
    algorithm: usize,
    /// Whether `cksum -a` chose the algorithm.
    algorithm_given: bool,
}

/// The running program: settings, streams and the state GNU keeps in globals.
struct Program<'a, 'b> {
    tool: &'b Tool,
    name: Vec<u8>,
    io: &'b mut Io<'a>,
    settings: Settings,
    /// GNU's `digest_hex_bytes`: the digest length in hex digits now in force. Check
    /// mode changes it line by line for BLAKE2b and cksum.
    hex_len: usize,
    /// Once a check line shows whether the BSD "reversed" format (one space,
    /// no mode character) is in use, GNU holds every later line to it.
    bsd_reversed: Option<bool>,
    buf: Vec<u8>,
    out: Vec<u8>,
    write_error: Option<io::Error>,
}

/// How parsing the command line ended early: print this and exit 1, or exit 0 after
/// `--help` or `--version`.
enum Stop {
    /// `PROG: MESSAGE`, then the `Try` line.
    Usage(Vec<u8>),
    /// The `Try` line alone (getopt already complained, or GNU says nothing).
    TryHelp,
    /// Diagnostic lines (without the `PROG: ` prefix) and no `Try` line.
    Die(Vec<Vec<u8>>),
    /// Standard output was written; exit 0.
    Done,
}

/// Runs the tool with `args` (`args[0]` is the program name) and returns the exit status.
pub fn run(tool: &Tool, args: &[Vec<u8>], io: &mut Io<'_>) -> i32 {
    let name = args.first().cloned().unwrap_or_default();
    let cksum = matches!(tool.kind, Kind::Cksum(_));
    let mut program = Program {
        tool,
        name,
        io,
        settings: Settings {
            check: false,
            binary: if cksum { 1 } else { -1 },
            tag: cksum,
            delim: b'\n',
            ignore_missing: false,
            quiet: false,
            status: false,
            strict: false,
            warn: false,
            length: 0,
            length_arg: Vec::new(),
            // cksum's default is crc, third in its list; sum's is bsd.
            algorithm: if cksum { 2 } else { 0 },
            algorithm_given: false,
        },
        hex_len: 0,
        bsd_reversed: None,
        buf: Vec::new(),
        out: Vec::new(),
        write_error: None,
    };
    let status = program.main(args.get(1..).unwrap_or_default());
    match program.flush() {
        Ok(()) => status,
        Err(_) => {
            program.error(b"write error");
            1
        }
    }
}

impl Program<'_, '_> {
    fn main(&mut self, args: &[Vec<u8>]) -> i32 {
        let operands = match self.parse(args) {
            Ok(operands) => operands,
            Err(stop) => return self.stop(stop),
        };
        let mut operands = operands;
        let named = !operands.is_empty();
        if !named {
            operands.push(b"-".to_vec());
        }
        self.buf = vec![0; CHUNK];
        let mut ok = true;
        for operand in &operands {
            ok &= if self.settings.check {
                self.check_file(operand)
            } else {
                self.hash_operand(operand, named)
            };
        }
        if ok { 0 } else { 1 }
    }

    /// Prints what `stop` says and returns the exit status.
    fn stop(&mut self, stop: Stop) -> i32 {
        match stop {
            Stop::Done => return 0,
            Stop::Usage(message) => {
                self.error(&message);
                self.try_help();
            }
            Stop::TryHelp => self.try_help(),
            Stop::Die(lines) => {
                for line in lines {
                    self.error(&line);
                }
            }
        }
        1
    }

    fn try_help(&mut self) {
        let mut line = b"Try '".to_vec();
        line.extend_from_slice(&self.name);
        line.extend_from_slice(b" --help' for more information.\n");
        let _ = self.io.stderr.write_all(&line);
    }

    /// The algorithm in use.
    fn algorithm(&self) -> &'static Algorithm {
        match self.tool.kind {
            Kind::Fixed(a) | Kind::Blake2(a) => a,
            Kind::Cksum(list) => &list[self.settings.algorithm],
            Kind::Sum(list) => &list[self.settings.algorithm],
        }
    }

    /// GNU's `DIGEST_TYPE_STRING`: the tag of the algorithm in use.
    fn tag(&self) -> &'static str {
        self.algorithm().tag
    }

    /// Whether `-l` applies: b2sum, and cksum (with `-a blake2b`).
    fn has_length(&self) -> bool {
        matches!(self.tool.kind, Kind::Blake2(_) | Kind::Cksum(_))
    }

    /// Parses the options (GNU's `getopt_long` loop and the checks after it); returns
    /// the operands.
    fn parse(&mut self, args: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, Stop> {
        let spec = getopt::Spec::of(&self.tool.kind);
        let mut operands = Vec::new();
        for item in getopt::scan(&spec, args) {
            let (opt, arg) = match item {
                getopt::Item::Operand(operand) => {
                    operands.push(operand);
                    continue;
                }
                getopt::Item::Error(message) => {
                    self.error(&message);
                    return Err(Stop::TryHelp);
                }
                getopt::Item::Opt(opt, arg) => (opt, arg),
            };
            self.apply(opt, arg)?;
        }
        self.check_settings()?;
        Ok(operands)
    }

    /// One option, as GNU's `switch (opt)` handles it.
    fn apply(&mut self, opt: getopt::Opt, arg: Vec<u8>) -> Result<(), Stop> {
        use getopt::Opt;
        let s = &mut self.settings;
        match opt {
            Opt::Binary => s.binary = 1,
            Opt::Text => s.binary = 0,
            Opt::Check => s.check = true,
            Opt::Zero => s.delim = b'\0',
            Opt::IgnoreMissing => s.ignore_missing = true,
            Opt::Strict => s.strict = true,
            Opt::Tag => {
                s.tag = true;
                s.binary = 1;
            }
            Opt::Untagged => s.tag = false,
            // These three override one another.
            Opt::Status => (s.status, s.warn, s.quiet) = (true, false, false),
            Opt::Warn => (s.status, s.warn, s.quiet) = (false, true, false),
            Opt::Quiet => (s.status, s.warn, s.quiet) = (false, false, true),
            // cksum has no -b or -t but its getopt string keeps them: GNU prints only
            // the `Try` line.
            Opt::NoMode => return Err(Stop::TryHelp),
            Opt::Length => return self.set_length(arg),
            Opt::Algorithm => return self.set_algorithm(&arg),
            Opt::Debug => {}
            Opt::Bsd => s.algorithm = 0,
            Opt::Sysv => s.algorithm = 1,
            Opt::Help => {
                let mut text = b"Usage: ".to_vec();
                text.extend_from_slice(&self.name);
                text.extend_from_slice(b" [OPTION]... [FILE]...\n");
                text.extend_from_slice(self.tool.help.as_bytes());
                self.print(&text);
                return Err(Stop::Done);
            }
            Opt::Version => {
                self.print(self.tool.version.as_bytes());
                return Err(Stop::Done);
            }
        }
        Ok(())
    }

    /// The checks GNU makes after parsing, in its order.
    fn check_settings(&mut self) -> Result<(), Stop> {
        let cksum = matches!(self.tool.kind, Kind::Cksum(_));
        if self.has_length() {
            self.check_length()?;
        }
        if self.settings.length == 0 {
            self.settings.length = self.algorithm().bits;
        }
        self.hex_len = (self.settings.length / 4) as usize;
        if cksum {
            self.check_cksum()?;
        }
        let s = &self.settings;
        let not_checking = !s.check;
        let problems = [
            (s.tag && s.binary == 0, "--tag does not support --text mode"),
            (
                s.delim != b'\n' && s.check,
                "the --zero option is not supported when verifying checksums",
            ),
            (
                !cksum && s.tag && s.check,
                "the --tag option is meaningless when verifying checksums",
            ),
            (
                !cksum && s.binary >= 0 && s.check,
                "the --binary and --text options are meaningless when verifying checksums",
            ),
            (
                s.ignore_missing && not_checking,
                "the --ignore-missing option is meaningful only when verifying checksums",
            ),
            (
                s.status && not_checking,
                "the --status option is meaningful only when verifying checksums",
            ),
            (
                s.warn && not_checking,
                "the --warn option is meaningful only when verifying checksums",
            ),
            (
                s.quiet && not_checking,
                "the --quiet option is meaningful only when verifying checksums",
            ),
            (
                s.strict && not_checking,
                "the --strict option is meaningful only when verifying checksums",
            ),
        ];
        match problems.into_iter().find(|(bad, _)| *bad) {
            Some((_, message)) => Err(Stop::Usage(message.as_bytes().to_vec())),
            None => Ok(()),
        }
    }

    /// Writes `program: message` to standard error.
    fn error(&mut self, message: &[u8]) {
        let mut line = Vec::with_capacity(self.name.len() + message.len() + 3);
        line.extend_from_slice(&self.name);
        line.extend_from_slice(b": ");
        line.extend_from_slice(message);
        line.push(b'\n');
        let _ = self.io.stderr.write_all(&line);
    }

    /// Writes `program: 'file': strerror` for a file that failed.
    fn file_error(&mut self, file: &[u8], e: &io::Error) {
        let mut message = quotef(file);
        message.extend_from_slice(b": ");
        message.extend_from_slice(strerror(e).as_bytes());
        self.error(&message);
    }

    /// Queues bytes for standard output, flushing when enough has gathered.
    fn print(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
        if self.out.len() >= CHUNK && self.write_error.is_none() {
            self.write_error = self.io.stdout.write_all(&self.out).err();
            self.out.clear();
        }
    }

    /// Writes out whatever is queued; reports the first write error, if any.
    fn flush(&mut self) -> io::Result<()> {
        if let Some(e) = self.write_error.take() {
            return Err(e);
        }
        self.io.stdout.write_all(&self.out)?;
        self.out.clear();
        self.io.stdout.flush()
    }

    /// Hashes `file` (`-` is standard input) with the algorithm in use; the digest and
    /// the byte count.
    fn digest(&mut self, file: &[u8]) -> io::Result<(Vec<u8>, u64)> {
        let new = self.algorithm().new;
        let bytes = (self.settings.length / 8) as usize;
        // GNU 9.1's CRC loop never looks at read errors: a directory is an empty file.
        let tolerant = self.algorithm().output == Output::Crc;
        if file == b"-" {
            return digest_stream(new(bytes), &mut self.buf, self.io.stdin, tolerant);
        }
        let mut reader = self.io.files.open(file)?;
        digest_stream(new(bytes), &mut self.buf, &mut reader, tolerant)
    }

    /// Prints the checksum line for one operand; returns whether it succeeded.
    fn hash_operand(&mut self, file: &[u8], named: bool) -> bool {
        let (digest, length) = match self.digest(file) {
            Ok(result) => result,
            Err(e) => {
                self.file_error(file, &e);
                return false;
            }
        };
        let delim = self.settings.delim;
        let line = match self.algorithm().output {
            Output::Digest => self.digest_line(file, &digest),
            Output::Bsd => legacy::bsd_line(&digest, length, named.then_some(file)),
            Output::Sysv => legacy::sysv_line(&digest, length, named.then_some(file)),
            Output::Crc => crc::crc_line(&digest, length, named.then_some(file)),
        };
        let mut line = line;
        line.push(delim);
        self.print(&line);
        true
    }

    /// GNU's `output_file`: `DIGEST MODE NAME` or `TAG (NAME) = DIGEST`, escaped.
    fn digest_line(&self, file: &[u8], digest: &[u8]) -> Vec<u8> {
        let s = &self.settings;
        let escape = s.delim == b'\n' && problematic(file);
        let mut line = Vec::with_capacity(file.len() + 2 * digest.len() + 16);
        if escape {
            line.push(b'\\');
        }
        let push_name = |line: &mut Vec<u8>| {
            if escape {
                push_escaped(line, file);
            } else {
                line.extend_from_slice(file);
            }
        };
        let hex = hex(&digest[..self.hex_len / 2]);
        if s.tag {
            line.extend_from_slice(self.tag().as_bytes());
            if self.algorithm().arg == "blake2b" && s.length < BLAKE2B_MAX_BITS {
                line.extend_from_slice(format!("-{}", s.length).as_bytes());
            }
            line.extend_from_slice(b" (");
            push_name(&mut line);
            line.extend_from_slice(b") = ");
            line.extend_from_slice(&hex);
        } else {
            line.extend_from_slice(&hex);
            line.push(b' ');
            // cksum always writes a space: "binary is insignificant".
            let cksum = matches!(self.tool.kind, Kind::Cksum(_));
            line.push(if s.binary == 1 && !cksum { b'*' } else { b' ' });
            push_name(&mut line);
        }
        line
    }
}

/// Feeds everything `reader` yields to `hasher`, through `buf`; the digest and the byte
/// count. With `tolerant`, a read error ends the input instead of failing.
fn digest_stream(
    mut hasher: Box<dyn Hasher>,
    buf: &mut [u8],
    reader: &mut dyn Read,
    tolerant: bool,
) -> io::Result<(Vec<u8>, u64)> {
    let mut total = 0u64;
    loop {
        match reader.read(buf) {
            Ok(0) => return Ok((hasher.finish(), total)),
            Ok(n) => {
                hasher.update(&buf[..n]);
                total += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) if tolerant => return Ok((hasher.finish(), total)),
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests;
