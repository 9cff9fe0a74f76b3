//! The program: options, then each operand hashed or checked, with GNU's messages.

use std::fs::File;
use std::io::{self, Read, Write};

use crate::checking::LineReader;
use crate::emit::{self, hasher};
pub use crate::options::Program;
use crate::options::{Algo, Config, parse};
use crate::quote::quote_name;

#[cfg(target_os = "wasi")]
fn open(name: &[u8]) -> io::Result<File> {
    use std::os::wasi::ffi::OsStrExt;
    if name.is_empty() {
        return Err(io::ErrorKind::NotFound.into());
    }
    File::open(std::ffi::OsStr::from_bytes(name))
}

#[cfg(not(target_os = "wasi"))]
fn open(name: &[u8]) -> io::Result<File> {
    if name.is_empty() {
        return Err(io::ErrorKind::NotFound.into());
    }
    File::open(String::from_utf8_lossy(name).as_ref())
}

/// The C library's words for an error.
fn reason(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::NotFound => "No such file or directory",
        io::ErrorKind::IsADirectory => "Is a directory",
        io::ErrorKind::NotADirectory => "Not a directory",
        _ => "Input/output error",
    }
}

/// The running program: where output goes and what it has seen.
struct Run {
    argv0: Vec<u8>,
    out: Vec<u8>,
    err: io::Stderr,
    stdin_used: bool,
}

impl Run {
    fn say(&mut self, message: &[u8]) {
        let mut line = self.argv0.clone();
        line.extend_from_slice(b": ");
        line.extend_from_slice(message);
        line.push(b'\n');
        let _ = self.err.write_all(&line);
    }

    fn file_failed(&mut self, name: &[u8], e: &io::Error) {
        let message = [&quote_name(name)[..], b": ", reason(e).as_bytes()].concat();
        self.say(&message);
    }

    /// Reads all of `name` (`-` is standard input, empty after its first use).
    fn slurp(&mut self, name: &[u8]) -> io::Result<Vec<u8>> {
        let mut data = Vec::new();
        if name == b"-" {
            if !self.stdin_used {
                self.stdin_used = true;
                io::stdin().read_to_end(&mut data)?;
            }
        } else {
            open(name)?.read_to_end(&mut data)?;
        }
        Ok(data)
    }

    /// The digest of `name` with the algorithm and length given, and its size.
    fn digest(
        &mut self,
        algo: crate::options::Algo,
        bits: u64,
        name: &[u8],
    ) -> io::Result<(Vec<u8>, u64)> {
        let data = self.slurp(name)?;
        let mut hash = hasher(algo, bits);
        hash.update(&data);
        let mut digest = hash.finish();
        if !algo.legacy() {
            digest.truncate((bits / 8) as usize);
        }
        Ok((digest, data.len() as u64))
    }

    fn hash_file(&mut self, config: &Config, name: &[u8]) -> bool {
        let result = match self.digest(config.algo, config.bits, name) {
            // The CRC of GNU 9.1 takes a file it opens but cannot read (a directory) as
            // empty; a name it cannot open is still an error.
            Err(e) if config.algo == Algo::Crc && e.kind() == io::ErrorKind::IsADirectory => {
                let mut crc = hasher(Algo::Crc, 32);
                Ok((crc.finish(), 0))
            }
            other => other,
        };
        match result {
            Ok((digest, size)) => {
                let line = emit::line(config, name, &digest, size);
                self.out.extend_from_slice(&line);
                true
            }
            Err(e) => {
                self.file_failed(name, &e);
                false
            }
        }
    }

    fn check_list(&mut self, config: &Config, reader: &mut LineReader, list: &[u8]) -> bool {
        let from_stdin = list == b"-";
        let shown = quote_name(if from_stdin { b"standard input" } else { list });
        let text = match self.slurp(list) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
                self.say(&[&shown[..], b": read error"].concat());
                return false;
            }
            Err(e) => {
                self.file_failed(list, &e);
                return false;
            }
        };
        let (mut bad_lines, mut unreadable, mut mismatched) = (0u64, 0u64, 0u64);
        let (mut any_line, mut any_match) = (false, false);
        for (n, raw) in text.split_inclusive(|&c| c == b'\n').enumerate() {
            if raw.starts_with(b"#") {
                continue;
            }
            let mut line = raw.strip_suffix(b"\n").unwrap_or(raw);
            line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let parsed = reader
                .parse(config, line)
                .filter(|p| !(from_stdin && p.name == b"-"));
            let Some(parsed) = parsed else {
                bad_lines += 1;
                if config.warn {
                    let message = format!(
                        ": {}: improperly formatted {} checksum line",
                        n + 1,
                        reader.algo.tag()
                    );
                    self.say(&[&shown[..], message.as_bytes()].concat());
                }
                continue;
            };
            any_line = true;
            let shown_name = if parsed.name.contains(&b'\n') {
                [&b"\\"[..], &emit::escaped(&parsed.name)].concat()
            } else {
                parsed.name.clone()
            };
            match self.digest(reader.algo, reader.bits, &parsed.name) {
                Err(e) if config.ignore_missing && e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    self.file_failed(&parsed.name, &e);
                    unreadable += 1;
                    if !config.status {
                        self.out.extend_from_slice(&shown_name);
                        self.out.extend_from_slice(b": FAILED open or read\n");
                    }
                }
                Ok((digest, _)) => {
                    let want = parsed.hex.to_ascii_lowercase();
                    let got = emit::hex(&digest[..reader.hex_len / 2]);
                    let ok = want == got.as_bytes();
                    if ok {
                        any_match = true;
                    } else {
                        mismatched += 1;
                    }
                    let quiet_ok = ok && config.quiet;
                    if !(config.status || quiet_ok) {
                        self.out.extend_from_slice(&shown_name);
                        self.out
                            .extend_from_slice(if ok { b": OK\n" } else { b": FAILED\n" });
                    }
                }
            }
        }
        if !any_line {
            self.say(&[&shown[..], b": no properly formatted checksum lines found"].concat());
            return false;
        }
        if !config.status {
            let plural = |n: u64, one: &str, many: &str| {
                format!("WARNING: {n} {}", if n == 1 { one } else { many })
            };
            if bad_lines > 0 {
                let text = plural(
                    bad_lines,
                    "line is improperly formatted",
                    "lines are improperly formatted",
                );
                self.say(text.as_bytes());
            }
            if unreadable > 0 {
                let text = plural(
                    unreadable,
                    "listed file could not be read",
                    "listed files could not be read",
                );
                self.say(text.as_bytes());
            }
            if mismatched > 0 {
                let text = plural(
                    mismatched,
                    "computed checksum did NOT match",
                    "computed checksums did NOT match",
                );
                self.say(text.as_bytes());
            }
            if config.ignore_missing && !any_match {
                self.say(&[&shown[..], b": no file was verified"].concat());
            }
        }
        any_match && mismatched == 0 && unreadable == 0 && !(config.strict && bad_lines > 0)
    }
}

/// Runs `program` on the process's arguments; returns the exit status.
pub fn main(program: Program) -> i32 {
    let mut args = std::env::args_os().map(|a| a.into_encoded_bytes());
    let argv0 = args.next().unwrap_or_default();
    let rest: Vec<Vec<u8>> = args.collect();
    let mut run = Run {
        argv0,
        out: Vec::new(),
        err: io::stderr(),
        stdin_used: false,
    };
    let status = match parse(program, &rest) {
        Err(stop) => {
            for line in &stop.errors {
                run.say(line);
            }
            let _ = run.err.write_all(&stop.tail);
            if stop.try_help {
                let line = [
                    &b"Try '"[..],
                    &run.argv0,
                    b" --help' for more information.\n",
                ]
                .concat();
                let _ = run.err.write_all(&line);
            }
            run.out.extend_from_slice(&stop.stdout);
            stop.status
        }
        Ok(config) => {
            let mut all_ok = true;
            let mut reader = LineReader::new(&config);
            for file in config.files.clone() {
                all_ok &= if config.check {
                    run.check_list(&config, &mut reader, &file)
                } else {
                    run.hash_file(&config, &file)
                };
            }
            i32::from(!all_ok)
        }
    };
    let mut stdout = io::stdout();
    if stdout
        .write_all(&run.out)
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return 1;
    }
    status
}
