//! Reference implementation of the `b3sum` task: Debian's `b3sum` 1.2.0 (BLAKE3's own
//! command-line tool, built with clap 2.34 and anyhow), byte for byte.
//!
//! [`run`] holds the program (`b3sum/src/main.rs` of BLAKE3 1.2.0, without threads and
//! memory maps, which change nothing visible); `cli` is clap's parsing and messages.

mod cli;

use std::io::{self, Read};

use cli::{Id, Matches, Stop};
use digest_cli::Io;

/// `b3sum --help` (clap 2's layout, as Debian's binary prints it).
pub const HELP: &str = "b3sum 1.2.0

USAGE:
    b3sum [FLAGS] [OPTIONS] [FILE]...

FLAGS:
    -c, --check       Reads BLAKE3 sums from the [file]s and checks them
    -h, --help        Prints help information
        --keyed       Uses the keyed mode. The secret key is read from standard
                      input, and it must be exactly 32 raw bytes.
        --no-mmap     Disables memory mapping. Currently this also disables
                      multithreading.
        --no-names    Omits filenames in the output
        --quiet       Skips printing OK for each successfully verified file.
                      Must be used with --check.
        --raw         Writes raw output bytes to stdout, rather than hex.
                      --no-names is implied. In this case, only a single
                      input is allowed.
    -V, --version     Prints version information

OPTIONS:
        --derive-key <CONTEXT>    Uses the key derivation mode, with the given
                                  context string. Cannot be used with --keyed.
    -l, --length <LEN>            The number of output bytes, prior to hex
                                  encoding (default 32)
        --num-threads <NUM>       The maximum number of threads to use. By
                                  default, this is the number of logical cores.
                                  If this flag is omitted, or if its value is 0,
                                  RAYON_NUM_THREADS is also respected.

ARGS:
    <FILE>...    Files to hash, or checkfiles to check. When no file is given,
                 or when - is given, read standard input.
";

/// An error as the Rust program shows it: its message and, for anyhow contexts, the
/// cause (`Error: MSG` then `Caused by:` in `main`'s report).
#[derive(Debug)]
struct Failure {
    message: String,
    cause: Option<String>,
}

impl Failure {
    fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            cause: None,
        }
    }
}

/// `std::io::Error`'s text on Linux for the errors a file can fail with.
fn os_error(e: &io::Error) -> Failure {
    Failure::new(match e.kind() {
        io::ErrorKind::NotFound => "No such file or directory (os error 2)",
        io::ErrorKind::IsADirectory => "Is a directory (os error 21)",
        io::ErrorKind::InvalidData => "stream did not contain valid UTF-8",
        _ => "Input/output error (os error 5)",
    })
}

/// Rust's `u64::from_str` / `usize::from_str` error texts.
fn parse_u64(text: &[u8]) -> Result<u64, &'static str> {
    let digits = text.strip_prefix(b"+").unwrap_or(text);
    if text.is_empty() {
        return Err("cannot parse integer from empty string");
    }
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err("invalid digit found in string");
    }
    digits.iter().try_fold(0u64, |n, &d| {
        n.checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(d - b'0')))
            .ok_or("number too large to fit in target type")
    })
}

/// The running program.
struct Program<'a, 'b> {
    io: &'b mut Io<'a>,
    matches: Matches,
    hasher: blake3::Hasher,
    out: Vec<u8>,
}

/// Runs b3sum with `args` (`args[0]` is the program name, which b3sum ignores: its
/// messages always say `b3sum`); returns the exit status.
pub fn run(args: &[Vec<u8>], io: &mut Io<'_>) -> i32 {
    let matches = match cli::parse(args.get(1..).unwrap_or_default()) {
        Ok(matches) => matches,
        Err(Stop::Print(text)) => {
            let _ = io.stdout.write_all(text.as_bytes());
            return 0;
        }
        Err(Stop::Error(text)) => {
            let _ = writeln!(io.stderr, "{text}");
            return 1;
        }
    };
    let mut program = Program {
        io,
        matches,
        hasher: blake3::Hasher::new(),
        out: Vec::new(),
    };
    let status = match program.main() {
        Ok(status) => status,
        Err(failure) => {
            let mut text = format!("Error: {}\n", failure.message);
            if let Some(cause) = failure.cause {
                text.push_str(&format!("\nCaused by:\n    {cause}\n"));
            }
            let _ = program.io.stderr.write_all(text.as_bytes());
            1
        }
    };
    let _ = program.io.stdout.write_all(&program.out);
    let _ = program.io.stdout.flush();
    status
}

impl Program<'_, '_> {
    fn files(&self) -> Vec<Vec<u8>> {
        match self.matches.get(Id::File) {
            Some(file) => file.vals.clone(),
            None => vec![b"-".to_vec()],
        }
    }

    fn main(&mut self) -> Result<i32, Failure> {
        let files = self.files();
        if self.matches.has(Id::Raw) && files.len() > 1 {
            return Err(Failure::new(
                "Only one filename can be provided when using --raw",
            ));
        }
        if self.matches.has(Id::Keyed) {
            let key = self.read_key()?;
            self.hasher = blake3::Hasher::new_keyed(&key);
        } else if let Some(context) = self.matches.value(Id::DeriveKey) {
            self.hasher = blake3::Hasher::new_derive_key(&String::from_utf8_lossy(context));
        }
        if let Some(threads) = self.matches.value(Id::NumThreads) {
            parse_u64(threads).map_err(|cause| Failure {
                message: "Failed to parse num threads.".to_owned(),
                cause: Some(cause.to_owned()),
            })?;
        }
        let mut failed = false;
        for path in &files {
            if self.matches.has(Id::Check) {
                failed |= !self.check_list(path)?;
            } else if let Err(e) = self.hash_one(path) {
                failed = true;
                let line = format!("b3sum: {}: {}\n", String::from_utf8_lossy(path), e.message);
                let _ = self.io.stderr.write_all(line.as_bytes());
            }
        }
        Ok(i32::from(failed))
    }

    /// The key of `--keyed`: exactly 32 bytes on standard input.
    fn read_key(&mut self) -> Result<[u8; 32], Failure> {
        let mut key = Vec::new();
        self.io
            .stdin
            .take(33)
            .read_to_end(&mut key)
            .map_err(|e| os_error(&e))?;
        match key.len() {
            n if n < 32 => Err(Failure::new(format!(
                "expected 32 key bytes from stdin, found {n}"
            ))),
            32 => Ok(key.try_into().expect("32 bytes")),
            _ => Err(Failure::new("read more than 32 key bytes from stdin")),
        }
    }

    /// The output length, parsed when it is needed (after the input was hashed).
    fn length(&self) -> Result<u64, Failure> {
        match self.matches.value(Id::Length) {
            Some(text) => parse_u64(text).map_err(|_| Failure::new("Failed to parse length.")),
            None => Ok(32),
        }
    }

    /// Hashes `path` (`-` is standard input) and returns the extendable output.
    fn hash(&mut self, path: &[u8]) -> Result<blake3::OutputReader, Failure> {
        let mut hasher = self.hasher.clone();
        let mut data = Vec::new();
        if path == b"-" {
            if self.matches.has(Id::Keyed) {
                return Err(Failure::new("Cannot open `-` in keyed mode"));
            }
            self.io.stdin.read_to_end(&mut data)
        } else {
            let mut file = self.io.files.open(path).map_err(|e| os_error(&e))?;
            file.read_to_end(&mut data)
        }
        .map_err(|e| os_error(&e))?;
        hasher.update(&data);
        Ok(hasher.finalize_xof())
    }

    /// The hex of the first `length` output bytes.
    fn hex_output(&mut self, mut output: blake3::OutputReader) -> Result<(), Failure> {
        let length = self.length()?;
        let mut block = [0u8; 64];
        let mut left = length;
        while left > 0 {
            output.fill(&mut block);
            let take = left.min(64) as usize;
            self.out.extend_from_slice(&digest_cli::hex(&block[..take]));
            left -= take as u64;
        }
        Ok(())
    }

    fn hash_one(&mut self, path: &[u8]) -> Result<(), Failure> {
        let mut output = self.hash(path)?;
        if self.matches.has(Id::Raw) {
            let length = self.length()?;
            let mut bytes = vec![0u8; usize::try_from(length).unwrap_or(usize::MAX)];
            output.fill(&mut bytes);
            self.out.extend_from_slice(&bytes);
            return Ok(());
        }
        if self.matches.has(Id::NoNames) {
            self.hex_output(output)?;
            self.out.push(b'\n');
            return Ok(());
        }
        let name = String::from_utf8_lossy(path);
        let escaped = name.contains('\\') || name.contains('\n');
        if escaped {
            // Printed before the digest, so a bad length leaves it on its own.
            self.out.push(b'\\');
        }
        self.hex_output(output)?;
        let shown = if escaped {
            name.replace('\\', "\\\\").replace('\n', "\\n")
        } else {
            name.into_owned()
        };
        self.out
            .extend_from_slice(format!("  {shown}\n").as_bytes());
        Ok(())
    }

    /// Checks every line of the list `path`; false when a line or a file failed. Failing
    /// to open or read the list ends the program.
    fn check_list(&mut self, path: &[u8]) -> Result<bool, Failure> {
        let mut data = Vec::new();
        if path == b"-" {
            self.io.stdin.read_to_end(&mut data)
        } else {
            let mut file = self.io.files.open(path).map_err(|e| os_error(&e))?;
            file.read_to_end(&mut data)
        }
        .map_err(|e| os_error(&e))?;
        let mut ok = true;
        for raw in data.split_inclusive(|&c| c == b'\n') {
            // `read_line` fails on the first line that is not UTF-8.
            let line = std::str::from_utf8(raw)
                .map_err(|_| Failure::new("stream did not contain valid UTF-8"))?;
            ok &= self.check_line(line);
        }
        Ok(ok)
    }

    fn check_line(&mut self, line: &str) -> bool {
        let parsed = match parse_check_line(line) {
            Ok(parsed) => parsed,
            Err(message) => {
                let _ = writeln!(self.io.stderr, "b3sum: {message}");
                return false;
            }
        };
        let shown = if parsed.escaped {
            format!("\\{}", parsed.text)
        } else {
            parsed.text.clone()
        };
        let found = match self.hash(parsed.path.as_bytes()) {
            Ok(mut output) => {
                let mut bytes = [0u8; 32];
                output.fill(&mut bytes);
                bytes
            }
            Err(e) => {
                self.out
                    .extend_from_slice(format!("{shown}: FAILED ({})\n", e.message).as_bytes());
                return false;
            }
        };
        if found == parsed.hash {
            if !self.matches.has(Id::Quiet) {
                self.out
                    .extend_from_slice(format!("{shown}: OK\n").as_bytes());
            }
            true
        } else {
            self.out
                .extend_from_slice(format!("{shown}: FAILED\n").as_bytes());
            false
        }
    }
}

/// A check line that parsed.
#[derive(Debug)]
struct CheckLine {
    /// The name as written (escaped form).
    text: String,
    escaped: bool,
    /// The name to open.
    path: String,
    hash: [u8; 32],
}

/// One lower-case hex digit.
fn half_byte(c: char) -> Result<u8, &'static str> {
    match c {
        '0'..='9' => Ok(c as u8 - b'0'),
        'a'..='f' => Ok(c as u8 - b'a' + 10),
        _ => Err("Invalid hex"),
    }
}

/// b3sum's `parse_check_line`.
fn parse_check_line(line: &str) -> Result<CheckLine, &'static str> {
    let mut line = line.trim_end_matches('\n');
    let Some(first) = line.chars().next() else {
        return Err("Empty line");
    };
    let escaped = first == '\\';
    if escaped {
        line = &line[1..];
    }
    if line.len() <= 66 {
        return Err("Short line");
    }
    if !line.chars().take(66).all(|c| c.is_ascii()) {
        return Err("Non-ASCII prefix");
    }
    if &line[64..66] != "  " {
        return Err("Invalid space");
    }
    let mut hash = [0u8; 32];
    let mut digits = line[..64].chars();
    for byte in &mut hash {
        let high = half_byte(digits.next().expect("64 digits"))?;
        let low = half_byte(digits.next().expect("64 digits"))?;
        *byte = 16 * high + low;
    }
    let text = line[66..].to_owned();
    let path = if escaped {
        unescape(&text)?
    } else {
        text.clone()
    };
    if path.contains('\0') {
        return Err("Null character in path");
    }
    if path.contains('\u{FFFD}') {
        return Err("Unicode replacement character in path");
    }
    Ok(CheckLine {
        text,
        escaped,
        path,
        hash,
    })
}

/// b3sum's `unescape`: `\\` and `\n` only.
fn unescape(mut path: &str) -> Result<String, &'static str> {
    let mut out = String::with_capacity(path.len());
    while let Some(i) = path.find('\\') {
        if i >= path.len() - 1 {
            return Err("Invalid backslash escape");
        }
        out.push_str(&path[..i]);
        match path[i + 1..].chars().next() {
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            _ => return Err("Invalid backslash escape"),
        }
        path = &path[i + 2..];
    }
    out.push_str(path);
    Ok(out)
}

#[cfg(test)]
mod tests;
