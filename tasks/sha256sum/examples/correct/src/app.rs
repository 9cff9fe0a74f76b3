//! Program flow: read the options, then hash or check each operand in turn.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};

use crate::checkline::{self, Layout};
use crate::cli::{self, Config, Request};
use crate::escape;
use crate::quote::quote;
use crate::report::{self, Flags, Tally};
use crate::sha256::Sha256;

/// Why hashing a named file failed.
enum Failure {
    /// Opening failed because nothing has that name.
    Missing(io::Error),
    Other(io::Error),
}

impl Failure {
    fn error(&self) -> &io::Error {
        match self {
            Failure::Missing(e) | Failure::Other(e) => e,
        }
    }
}

#[cfg(unix)]
fn open(name: &[u8]) -> io::Result<File> {
    use std::os::unix::ffi::OsStrExt;
    File::open(std::ffi::OsStr::from_bytes(name))
}

#[cfg(target_os = "wasi")]
fn open(name: &[u8]) -> io::Result<File> {
    use std::os::wasi::ffi::OsStrExt;
    File::open(std::ffi::OsStr::from_bytes(name))
}

#[cfg(not(any(unix, target_os = "wasi")))]
fn open(name: &[u8]) -> io::Result<File> {
    match std::str::from_utf8(name) {
        Ok(name) => File::open(name),
        Err(_) => Err(io::ErrorKind::NotFound.into()),
    }
}

/// The C library's wording for the errors files fail with.
fn describe(e: &io::Error) -> &'static str {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "No such file or directory",
        IsADirectory => "Is a directory",
        NotADirectory => "Not a directory",
        PermissionDenied => "Permission denied",
        _ => "Input/output error",
    }
}

fn to_hex(digest: &[u8; 32]) -> Vec<u8> {
    digest
        .iter()
        .flat_map(|b| format!("{b:02x}").into_bytes())
        .collect()
}

struct Session {
    program: Vec<u8>,
    config: Config,
    out: BufWriter<io::Stdout>,
    layout: Layout,
    buffer: Vec<u8>,
}

impl Session {
    fn complain(&self, message: &[u8]) {
        let line = [&self.program[..], b": ", message, b"\n"].concat();
        let _ = io::stderr().write_all(&line);
    }

    fn complain_about_file(&self, name: &[u8], e: &io::Error) {
        let message = [&quote(name)[..], b": ", describe(e).as_bytes()].concat();
        self.complain(&message);
    }

    fn emit(&mut self, bytes: &[u8]) {
        let _ = self.out.write_all(bytes);
    }

    fn digest_stream(&mut self, reader: &mut dyn Read) -> io::Result<[u8; 32]> {
        let mut hasher = Sha256::new();
        loop {
            let n = match reader.read(&mut self.buffer) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                return Ok(hasher.finish());
            }
            hasher.update(&self.buffer[..n]);
        }
    }

    /// Hashes a named file, `-` being standard input.
    fn digest_named(&mut self, name: &[u8]) -> Result<[u8; 32], Failure> {
        if name == b"-" {
            return self
                .digest_stream(&mut io::stdin().lock())
                .map_err(Failure::Other);
        }
        // Under WASI an empty path would name the working directory, so it is
        // refused up front, as Linux refuses it.
        let opened = if name.is_empty() {
            Err(io::Error::from(io::ErrorKind::NotFound))
        } else {
            open(name)
        };
        let mut file = match opened {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Failure::Missing(e)),
            Err(e) => return Err(Failure::Other(e)),
        };
        self.digest_stream(&mut file).map_err(Failure::Other)
    }

    fn hash(&mut self, name: &[u8]) -> bool {
        let digest = match self.digest_named(name) {
            Ok(digest) => digest,
            Err(failure) => {
                self.complain_about_file(name, failure.error());
                return false;
            }
        };
        let escape = !self.config.zero && escape::needs_escape_in_listing(name);
        let mut shown = Vec::new();
        if escape {
            escape::escape_into(&mut shown, name);
        } else {
            shown.extend_from_slice(name);
        }
        let mut line = Vec::new();
        if escape {
            line.push(b'\\');
        }
        if self.config.tag {
            line.extend_from_slice(b"SHA256 (");
            line.extend_from_slice(&shown);
            line.extend_from_slice(b") = ");
            line.extend_from_slice(&to_hex(&digest));
        } else {
            line.extend_from_slice(&to_hex(&digest));
            line.extend_from_slice(if self.config.binary == Some(true) {
                b" *"
            } else {
                b"  "
            });
            line.extend_from_slice(&shown);
        }
        line.push(if self.config.zero { 0 } else { b'\n' });
        self.emit(&line);
        true
    }

    fn check(&mut self, list: &[u8]) -> bool {
        let from_stdin = list == b"-";
        let label = quote(if from_stdin { b"standard input" } else { list });
        let mut text = Vec::new();
        let read = if from_stdin {
            io::stdin().lock().read_to_end(&mut text)
        } else {
            match open(list) {
                Ok(mut file) => file.read_to_end(&mut text),
                Err(e) => {
                    self.complain_about_file(list, &e);
                    return false;
                }
            }
        };
        if read.is_err() {
            self.complain(&[&label[..], b": read error"].concat());
            return false;
        }

        let mut tally = Tally::default();
        let mut number = 0u64;
        for raw in text.split_inclusive(|&c| c == b'\n') {
            number += 1;
            if raw.starts_with(b"#") {
                continue;
            }
            let mut line = raw.strip_suffix(b"\n").unwrap_or(raw);
            line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let parsed = checkline::parse(line, &mut self.layout)
                .filter(|parsed| !(from_stdin && parsed.name == b"-"));
            let Some(parsed) = parsed else {
                tally.improper_lines += 1;
                if self.config.warn {
                    let detail = format!(": {number}: improperly formatted SHA256 checksum line");
                    self.complain(&[&label[..], detail.as_bytes()].concat());
                }
                continue;
            };
            tally.proper_lines += 1;
            let verdict: Option<&[u8]> = match self.digest_named(&parsed.name) {
                Err(Failure::Missing(_)) if self.config.ignore_missing => None,
                Err(failure) => {
                    self.complain_about_file(&parsed.name, failure.error());
                    tally.unreadable += 1;
                    Some(b"FAILED open or read")
                }
                Ok(digest) => {
                    if parsed.digest.eq_ignore_ascii_case(&to_hex(&digest)) {
                        tally.matched += 1;
                        (!self.config.quiet).then_some(b"OK".as_slice())
                    } else {
                        tally.mismatched += 1;
                        Some(b"FAILED")
                    }
                }
            };
            if let Some(verdict) = verdict
                && !self.config.status
            {
                let mut result = Vec::new();
                if escape::needs_escape_in_result(&parsed.name) {
                    result.push(b'\\');
                    escape::escape_into(&mut result, &parsed.name);
                } else {
                    result.extend_from_slice(&parsed.name);
                }
                result.extend_from_slice(b": ");
                result.extend_from_slice(verdict);
                result.push(b'\n');
                self.emit(&result);
            }
        }

        let flags = Flags {
            status: self.config.status,
            strict: self.config.strict,
            ignore_missing: self.config.ignore_missing,
        };
        let (messages, passed) = report::summarize(&tally, &flags, &label);
        for message in messages {
            self.complain(&message);
        }
        passed
    }
}

/// Runs the program on the process's arguments and returns the exit status.
pub fn main() -> i32 {
    let mut args: Vec<Vec<u8>> = std::env::args_os()
        .map(|a| a.into_encoded_bytes())
        .collect();
    let program = if args.is_empty() {
        b"sha256sum".to_vec()
    } else {
        args.remove(0)
    };
    let config = match cli::parse(&args) {
        Request::Run(config) => config,
        Request::Help => {
            let usage = [b"Usage: ", &program[..], b" [OPTION]... [FILE]...\n"].concat();
            let _ = io::stdout().write_all(&usage);
            return 0;
        }
        Request::Version => {
            let _ = io::stdout().write_all(b"sha256sum (example) 1.0\n");
            return 0;
        }
        Request::Usage(message) => {
            let text = [
                &program[..],
                b": ",
                &message,
                b"\nTry '",
                &program,
                b" --help' for more information.\n",
            ]
            .concat();
            let _ = io::stderr().write_all(&text);
            return 1;
        }
    };
    let mut session = Session {
        program,
        config,
        out: BufWriter::new(io::stdout()),
        layout: Layout::Unknown,
        buffer: vec![0; 32 * 1024],
    };
    let mut operands = std::mem::take(&mut session.config.operands);
    if operands.is_empty() {
        operands.push(b"-".to_vec());
    }
    let mut all_good = true;
    for operand in &operands {
        let good = if session.config.check {
            session.check(operand)
        } else {
            session.hash(operand)
        };
        all_good &= good;
    }
    if session.out.flush().is_err() {
        session.complain(b"write error");
        return 1;
    }
    if all_good { 0 } else { 1 }
}
