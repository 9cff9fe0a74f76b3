//! Reference implementation of the `sha256sum` task: GNU coreutils 9.1 `sha256sum`, byte for byte.
//!
//! [`run`] holds the whole program; it talks to the outside world only through
//! [`Io`], so native unit tests can drive it with in-memory files while the
//! binary (`main.rs`) wires it to the real process.

mod check;
mod options;
mod quote;

use std::io::{self, Read, Write};

use sha2::{Digest, Sha256};

pub use quote::quotef;

/// Size of the buffer files are hashed through.
const CHUNK: usize = 64 * 1024;

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

/// The SHA-256 digest of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Hashes everything `reader` yields, reading through `buf`.
pub fn sha256_reader(reader: &mut dyn Read, buf: &mut [u8]) -> io::Result<[u8; 32]> {
    let mut hasher = Sha256::new();
    loop {
        match reader.read(buf) {
            Ok(0) => return Ok(hasher.finalize().into()),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Lower-case hexadecimal of `digest`.
pub fn hex(digest: &[u8; 32]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (i, byte) in digest.iter().enumerate() {
        out[2 * i] = DIGITS[usize::from(byte >> 4)];
        out[2 * i + 1] = DIGITS[usize::from(byte & 15)];
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

/// Option state after parsing, mirroring GNU's variables.
#[derive(Debug, Default)]
struct Settings {
    check: bool,
    /// `None` until `-b`, `-t` or `--tag` sets it, as GNU's `binary = -1`.
    binary: Option<bool>,
    tag: bool,
    zero: bool,
    ignore_missing: bool,
    quiet: bool,
    status: bool,
    strict: bool,
    warn: bool,
}

/// The running program: settings, streams and the state GNU keeps in globals.
struct Program<'a, 'b> {
    name: Vec<u8>,
    io: &'b mut Io<'a>,
    settings: Settings,
    /// Once a check line shows whether the BSD "reversed" format (one space,
    /// no mode character) is in use, GNU holds every later line to it.
    bsd_reversed: Option<bool>,
    buf: Vec<u8>,
    out: Vec<u8>,
    write_error: Option<io::Error>,
}

/// Runs sha256sum with `args` (`args[0]` is the program name) and returns the exit status.
pub fn run(args: &[Vec<u8>], io: &mut Io<'_>) -> i32 {
    let name = args
        .first()
        .cloned()
        .unwrap_or_else(|| b"sha256sum".to_vec());
    let mut program = Program {
        name,
        io,
        settings: Settings::default(),
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
        let mut operands = Vec::new();
        for item in options::scan(args) {
            let opt = match item {
                options::Item::Operand(operand) => {
                    operands.push(operand);
                    continue;
                }
                options::Item::Error(message) => return self.usage_error(&message),
                options::Item::Opt(opt) => opt,
            };
            let s = &mut self.settings;
            match opt {
                options::Opt::Binary => s.binary = Some(true),
                options::Opt::Text => s.binary = Some(false),
                options::Opt::Check => s.check = true,
                options::Opt::Zero => s.zero = true,
                options::Opt::IgnoreMissing => s.ignore_missing = true,
                options::Opt::Strict => s.strict = true,
                options::Opt::Tag => {
                    s.tag = true;
                    s.binary = Some(true);
                }
                // These three override one another, as in GNU.
                options::Opt::Status => (s.status, s.warn, s.quiet) = (true, false, false),
                options::Opt::Warn => (s.status, s.warn, s.quiet) = (false, true, false),
                options::Opt::Quiet => (s.status, s.warn, s.quiet) = (false, false, true),
                options::Opt::Help => {
                    self.help();
                    return 0;
                }
                options::Opt::Version => {
                    self.print(VERSION.as_bytes());
                    return 0;
                }
            }
        }
        if let Some(message) = self.conflict() {
            return self.usage_error(message.as_bytes());
        }
        if operands.is_empty() {
            operands.push(b"-".to_vec());
        }
        self.buf = vec![0; CHUNK];
        let mut ok = true;
        for operand in &operands {
            let result = if self.settings.check {
                self.check_file(operand)
            } else {
                self.hash_operand(operand)
            };
            ok &= result;
        }
        if ok { 0 } else { 1 }
    }

    /// The first invalid combination of options, checked in GNU's order.
    fn conflict(&self) -> Option<&'static str> {
        let s = &self.settings;
        let not_checking = !s.check;
        [
            (
                s.tag && s.binary == Some(false),
                "--tag does not support --text mode",
            ),
            (
                s.zero && s.check,
                "the --zero option is not supported when verifying checksums",
            ),
            (
                s.tag && s.check,
                "the --tag option is meaningless when verifying checksums",
            ),
            (
                s.binary.is_some() && s.check,
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
        ]
        .into_iter()
        .find_map(|(bad, message)| bad.then_some(message))
    }

    /// Reports a usage problem the way GNU does and returns the exit status.
    fn usage_error(&mut self, message: &[u8]) -> i32 {
        self.error(message);
        let mut line = b"Try '".to_vec();
        line.extend_from_slice(&self.name);
        line.extend_from_slice(b" --help' for more information.\n");
        let _ = self.io.stderr.write_all(&line);
        1
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

    /// Hashes `file` (`-` is standard input); errors are reported by kind.
    fn digest(&mut self, file: &[u8]) -> io::Result<[u8; 32]> {
        let buf = &mut self.buf;
        if file == b"-" {
            sha256_reader(self.io.stdin, buf)
        } else {
            let mut reader = self.io.files.open(file)?;
            sha256_reader(&mut reader, buf)
        }
    }

    /// Prints the checksum line for one operand; returns whether it succeeded.
    fn hash_operand(&mut self, file: &[u8]) -> bool {
        let digest = match self.digest(file) {
            Ok(digest) => digest,
            Err(e) => {
                self.file_error(file, &e);
                return false;
            }
        };
        let delim = if self.settings.zero { b'\0' } else { b'\n' };
        let escape = !self.settings.zero && problematic(file);
        let mut line = Vec::with_capacity(file.len() + 80);
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
        if self.settings.tag {
            line.extend_from_slice(b"SHA256 (");
            push_name(&mut line);
            line.extend_from_slice(b") = ");
            line.extend_from_slice(&hex(&digest));
        } else {
            line.extend_from_slice(&hex(&digest));
            line.push(b' ');
            line.push(if self.settings.binary == Some(true) {
                b'*'
            } else {
                b' '
            });
            push_name(&mut line);
        }
        line.push(delim);
        self.print(&line);
        true
    }

    fn help(&mut self) {
        let usage = format!(
            "Usage: {} [OPTION]... [FILE]...\n",
            String::from_utf8_lossy(&self.name)
        );
        self.print(usage.as_bytes());
        self.print(HELP.as_bytes());
    }
}

/// GNU's `--help` text after the usage line (outside the tested subset, but exact).
const HELP: &str = "\
Print or check SHA256 (256-bit) checksums.

With no FILE, or when FILE is -, read standard input.
  -b, --binary          read in binary mode
  -c, --check           read checksums from the FILEs and check them
      --tag             create a BSD-style checksum
  -t, --text            read in text mode (default)
  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

      --help        display this help and exit
      --version     output version information and exit

The sums are computed as described in FIPS-180-2.
When checking, the input should be a former output of this program.
The default mode is to print a line with: checksum, a space,
a character indicating input mode ('*' for binary, ' ' for text
or where binary is insignificant), and name for each FILE.

Note: There is no difference between binary mode and text mode on GNU systems.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/sha256sum>
or available locally via: info '(coreutils) sha2 utilities'
";

/// GNU's `--version` text (outside the tested subset, but exact).
const VERSION: &str = "\
sha256sum (GNU coreutils) 9.1
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Ulrich Drepper, Scott Miller, and David Madore.
";

#[cfg(test)]
mod tests;
