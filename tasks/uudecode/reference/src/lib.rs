//! Reference uudecode: GNU sharutils 4.15.2 `uudecode` behaviour, byte for byte, on the
//! task's subset.
//!
//! Each input is read line by line as C's `fgets` reads it (lines of up to 16383 bytes).
//! Lines before a `begin` line are skipped; the begin line names the output file (which
//! is created at once), then the data lines are decoded with no validation at all in the
//! historical format, or with gnulib's base64 decoder (the state carried from line to
//! line) after `begin-base64`. Errors mostly end the whole run at once, with the output
//! written so far kept. Standard output is a stream that an output file replaces, as C's
//! `freopen` does, so a later "-" output goes to the file opened before it.

use std::fs::File;
use std::io::{self, Read, Write};

use enc_common::autoopts::{self, Arg, OptionDef};
use enc_common::quote::{errno_number, error_text};

/// Bytes `fgets` stores per call with sharutils' `2 * BUFSIZ` buffers (one is the NUL).
const LINE_MAX: usize = 2 * 8192 - 1;

const OUTPUT_FILE: usize = 0;
const VERSION: usize = 2;
const HELP: usize = 3;
const MORE_HELP: usize = 4;

const fn def(name: &'static str, short: u8, arg: Arg, max: u32) -> OptionDef {
    OptionDef {
        name,
        short,
        arg,
        max,
        disable: None,
    }
}

/// uudecode's options (the last five are outside the task's subset).
const OPTIONS: &[OptionDef] = &[
    def("output-file", b'o', Arg::Required, 1),
    def("ignore-chmod", b'c', Arg::None, 1),
    def("version", b'v', Arg::Optional, 1),
    def("help", b'h', Arg::None, 1),
    def("more-help", b'!', Arg::None, 1),
    def("save-opts", b'R', Arg::Optional, 1),
    OptionDef {
        name: "load-opts",
        short: b'r',
        arg: Arg::Required,
        max: u32::MAX,
        disable: Some("no-load-opts"),
    },
];

/// The lines AutoOpts prints after a usage error (the program name in them is fixed).
pub const USAGE: &str = "uudecode (GNU sharutils) - decode an encoded file\n\
Usage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\n\
Try 'uudecode --help' for more information.\n";

/// Exit statuses; the last three are or-ed together over the inputs.
const EXIT_OPTION_ERROR: i32 = 1;
const EXIT_INVALID: i32 = 2;
const EXIT_NO_INPUT: i32 = 4;
const EXIT_NO_OUTPUT: i32 = 8;
const EXIT_USAGE: i32 = 64;

/// Where decoded bytes go: standard output until an output file replaces it.
enum Output<'a> {
    Stdout(&'a mut dyn Write),
    File(File, &'a mut dyn Write),
}

impl Output<'_> {
    fn put(&mut self, bytes: &[u8]) {
        // Write failures cannot happen in the task's cases; the real tool would report
        // them, the reference ignores them.
        let _ = match self {
            Output::Stdout(out) => out.write_all(bytes),
            Output::File(file, _) => file.write_all(bytes),
        };
    }

    /// C's `freopen (name, "w", stdout)`: the stream now writes to a new, empty file.
    fn reopen(self, name: &str) -> Result<Self, (io::Error, Self)> {
        // Linux refuses the empty path with ENOENT (the sandbox would open its root).
        let created = if name.is_empty() {
            Err(io::Error::from(io::ErrorKind::NotFound))
        } else {
            File::create(name)
        };
        match created {
            Ok(file) => Ok(match self {
                Output::Stdout(out) | Output::File(_, out) => Output::File(file, out),
            }),
            Err(e) => Err((e, self)),
        }
    }
}

/// A run that ends at once: what goes to standard error and the exit status.
struct Fatal {
    message: Vec<u8>,
    status: i32,
}

/// sharutils' `die`: "uudecode fatal error:" and the message, with no newline added.
fn die(status: i32, message: &str) -> Fatal {
    Fatal {
        message: format!("uudecode fatal error:\n{message}").into_bytes(),
        status,
    }
}

/// sharutils' `fserr`: the failed operation with an errno number and its text.
fn fserr(status: i32, errno: i32, operation: &str, name: &str) -> Fatal {
    let text = if errno == 0 {
        "Success".to_string()
    } else {
        error_text(&errno_error(errno))
    };
    die(
        status,
        &format!("fserr {errno} ({text}) performing '{operation}' on {name}\n"),
    )
}

/// An `io::Error` for a Linux errno number, to reuse its text.
fn errno_error(errno: i32) -> io::Error {
    io::Error::from(match errno {
        2 => io::ErrorKind::NotFound,
        13 => io::ErrorKind::PermissionDenied,
        20 => io::ErrorKind::NotADirectory,
        21 => io::ErrorKind::IsADirectory,
        _ => io::ErrorKind::Other,
    })
}

/// A reader of C-string lines over one input.
struct Lines<'a> {
    input: &'a mut dyn Read,
    pending: Vec<u8>,
    eof: bool,
}

impl<'a> Lines<'a> {
    fn new(input: &'a mut dyn Read) -> Self {
        Lines {
            input,
            pending: Vec::new(),
            eof: false,
        }
    }

    /// C's `fgets` with a 16384-byte buffer: up to and including a newline, at most 16383
    /// bytes, or what is left before the end. `None` at the end (a read error counts as
    /// the end, as `fgets` returns NULL for both).
    fn next_line(&mut self) -> Option<Vec<u8>> {
        loop {
            if let Some(at) = self.pending.iter().position(|&b| b == b'\n')
                && at < LINE_MAX
            {
                return Some(self.pending.drain(..=at).collect());
            }
            if self.pending.len() >= LINE_MAX {
                return Some(self.pending.drain(..LINE_MAX).collect());
            }
            if self.eof {
                if self.pending.is_empty() {
                    return None;
                }
                return Some(std::mem::take(&mut self.pending));
            }
            let mut buf = [0u8; 8192];
            match self.input.read(&mut buf) {
                Ok(0) | Err(_) => self.eof = true,
                Ok(n) => self.pending.extend_from_slice(&buf[..n]),
            }
        }
    }
}

/// A line as a C string: the bytes before its first NUL.
fn c_str(line: &[u8]) -> &[u8] {
    let end = line.iter().position(|&b| b == 0).unwrap_or(line.len());
    &line[..end]
}

/// The single-character decoder of the historical format: `(c - 32) & 63`.
pub fn dec(c: u8) -> u8 {
    c.wrapping_sub(b' ') & 63
}

/// What a begin line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub base64: bool,
    pub encoded_name: bool,
    /// The name field: everything after the mode and the white space after it, up to the
    /// newline.
    pub name: Vec<u8>,
}

/// Parses a line that starts with "begin": the `-base64` and `-encoded` suffixes (each at
/// most once, in any order), a space, then `sscanf (" %o %[^\n]")`. `None` is an invalid
/// begin line.
pub fn parse_begin(line: &[u8]) -> Option<Header> {
    let line = c_str(line);
    let mut rest = line.strip_prefix(b"begin")?;
    let (mut base64, mut encoded_name) = (false, false);
    loop {
        match rest.first() {
            Some(b' ') => break,
            Some(b'-') => {
                if let Some(after) = rest.strip_prefix(b"-base64") {
                    if base64 {
                        return None;
                    }
                    base64 = true;
                    rest = after;
                } else if let Some(after) = rest.strip_prefix(b"-encoded") {
                    if encoded_name {
                        return None;
                    }
                    encoded_name = true;
                    rest = after;
                } else {
                    return None;
                }
            }
            _ => return None,
        }
    }
    let skip_space = |s: &[u8]| -> usize {
        s.iter()
            .take_while(|&&b| b.is_ascii_whitespace() || b == 0x0b)
            .count()
    };
    rest = &rest[skip_space(rest)..];
    // %o: an optional sign, then at least one octal digit.
    let sign = usize::from(matches!(rest.first(), Some(b'+' | b'-')));
    let digits = rest[sign..]
        .iter()
        .take_while(|b| (b'0'..=b'7').contains(b))
        .count();
    if digits == 0 {
        return None;
    }
    rest = &rest[sign + digits..];
    rest = &rest[skip_space(rest)..];
    let name: Vec<u8> = rest.iter().copied().take_while(|&b| b != b'\n').collect();
    if name.is_empty() {
        return None;
    }
    Some(Header {
        base64,
        encoded_name,
        name,
    })
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_value(c: u8) -> Option<u8> {
    BASE64.iter().position(|&a| a == c).map(|p| p as u8)
}

/// gnulib's `decode_4` on a group of up to four characters: appends the bytes known
/// before a problem; returns whether the group is valid.
fn decode_group(group: &[u8], out: &mut Vec<u8>) -> bool {
    let len = group.len();
    if len < 2 {
        return false;
    }
    let (Some(a), Some(b)) = (base64_value(group[0]), base64_value(group[1])) else {
        return false;
    };
    out.push(a << 2 | b >> 4);
    if len == 2 {
        return false;
    }
    if group[2] == b'=' {
        return len == 4 && group[3] == b'=';
    }
    let Some(c) = base64_value(group[2]) else {
        return false;
    };
    out.push(b << 4 | c >> 2);
    if len == 3 {
        return false;
    }
    if group[3] == b'=' {
        return true;
    }
    let Some(d) = base64_value(group[3]) else {
        return false;
    };
    out.push(c << 6 | d);
    true
}

/// Strict base64 of an encoded name (gnulib's `base64_decode` without a context):
/// whole groups of four, padding only in the last one.
pub fn decode_name(name: &[u8]) -> Option<Vec<u8>> {
    if !name.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::new();
    let groups = name.len() / 4;
    for (index, group) in name.chunks(4).enumerate() {
        let padded = group.contains(&b'=');
        if (padded && index + 1 != groups) || !decode_group(group, &mut out) {
            return None;
        }
    }
    Some(out)
}

/// gnulib's `base64_decode_ctx` with a context, fed one line at a time: newlines are
/// skipped, a group may continue on the next line, and a group still incomplete at the
/// `====` line is dropped silently.
#[derive(Debug, Default)]
struct LineDecoder {
    group: Vec<u8>,
}

impl LineDecoder {
    /// Decodes one line; `None` when it is invalid (the bytes of this line are then not
    /// written at all).
    fn line(&mut self, line: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for &c in c_str(line) {
            if c == b'\n' {
                continue;
            }
            self.group.push(c);
            if self.group.len() == 4 {
                let valid = decode_group(&self.group, &mut out);
                self.group.clear();
                if !valid {
                    return None;
                }
            }
        }
        Some(out)
    }
}

/// State kept across the inputs of one run.
struct Run<'a> {
    path: &'a str,
    output: Option<Output<'a>>,
    stderr: &'a mut dyn Write,
    /// The output file named by `-o`, if any.
    forced_output: Option<String>,
    /// C's `errno` as the real tool leaves it: set by a failed open of an input and by
    /// `access` on an output name that does not exist; nothing resets it.
    errno: i32,
    env_home: Option<String>,
}

impl<'a> Run<'a> {
    fn output(&mut self) -> &mut Output<'a> {
        // The output is only taken out while it is being replaced.
        self.output.as_mut().expect("output present")
    }

    fn reopen(&mut self, name: &str, operation: &str) -> Result<(), Fatal> {
        let output = self.output.take().expect("output present");
        match output.reopen(name) {
            Ok(output) => {
                self.output = Some(output);
                Ok(())
            }
            Err((e, output)) => {
                self.output = Some(output);
                Err(fserr(EXIT_NO_OUTPUT, errno_number(&e), operation, name))
            }
        }
    }

    /// Decodes one input; returns its status (0 or `EXIT_NO_OUTPUT`) unless the run ends.
    fn decode(&mut self, input: &mut dyn Read, input_name: &str) -> Result<i32, Fatal> {
        let mut lines = Lines::new(input);
        let bad_beginning = || {
            die(
                EXIT_INVALID,
                &format!("{input_name}: Invalid or missing 'begin' line\n"),
            )
        };
        let header = loop {
            let Some(line) = lines.next_line() else {
                return Err(bad_beginning());
            };
            let line = c_str(&line);
            if !line.contains(&b'\n') {
                return Err(bad_beginning());
            }
            if line.starts_with(b"begin") {
                break parse_begin(line).ok_or_else(bad_beginning)?;
            }
        };
        let outname: Vec<u8> = match &self.forced_output {
            Some(name) => name.clone().into_bytes(),
            None => {
                let mut name = header.name.clone();
                if header.encoded_name {
                    let decoded = decode_name(&name).ok_or_else(|| {
                        die(
                            EXIT_INVALID,
                            &format!(
                                "invalid base64 encoded name: {}",
                                String::from_utf8_lossy(&name)
                            ),
                        )
                    })?;
                    name = c_str(&decoded).to_vec();
                }
                if name.first() == Some(&b'~') {
                    if name.get(1) == Some(&b'/') {
                        let Some(home) = &self.env_home else {
                            return Err(die(EXIT_INVALID, "cannot expand $HOME"));
                        };
                        name = [home.as_bytes(), b"/", &name[2..]].concat();
                    } else {
                        // There are no user accounts to look up. (A name with no '/'
                        // after the user makes the real tool read past its buffer; it is
                        // outside the task.)
                        let end = name.iter().position(|&b| b == b'/').unwrap_or(name.len());
                        let user = String::from_utf8_lossy(&name[1..end]).into_owned();
                        let message = format!("{}: No user '{user}'\n", self.path);
                        let _ = self.stderr.write_all(message.as_bytes());
                        return Ok(EXIT_NO_OUTPUT);
                    }
                }
                while name
                    .last()
                    .is_some_and(|&b| b.is_ascii_whitespace() || b == 0x0b)
                {
                    name.pop();
                }
                name
            }
        };
        let outname = String::from_utf8_lossy(&outname).into_owned();
        if outname != "/dev/stdout" && outname != "-" {
            if let Err(e) = std::fs::metadata(&outname) {
                self.errno = errno_number(&e);
            }
            self.reopen(&outname, "freopen")?;
        }
        if header.base64 {
            self.read_base64(&mut lines, input_name, &outname)?;
        } else {
            self.read_historical(&mut lines, input_name)?;
        }
        Ok(0)
    }

    fn read_historical(&mut self, lines: &mut Lines<'_>, input_name: &str) -> Result<(), Fatal> {
        // fgets leaves earlier, longer lines' bytes after the terminating NUL; a line
        // whose length character promises more than its text reads them.
        let mut buffer = vec![0u8; LINE_MAX + 1];
        loop {
            let Some(line) = lines.next_line() else {
                return Err(die(EXIT_INVALID, &format!("{input_name}: Short file")));
            };
            buffer[..line.len()].copy_from_slice(&line);
            buffer[line.len()] = 0;
            let n = usize::from(dec(buffer[0]));
            if n == 0 {
                break;
            }
            let mut bytes = Vec::with_capacity(n);
            let mut p = 1;
            let mut left = n;
            while left > 0 {
                let c = |k: usize| dec(buffer[(p + k).min(LINE_MAX)]);
                bytes.push(c(0) << 2 | c(1) >> 4);
                if left >= 2 {
                    bytes.push(c(1) << 4 | c(2) >> 2);
                }
                if left >= 3 {
                    bytes.push(c(2) << 6 | c(3));
                }
                p += 4;
                left = left.saturating_sub(3);
            }
            self.output().put(&bytes);
        }
        let end = lines.next_line();
        let ok = end.is_some_and(|line| {
            let line = c_str(&line);
            line == b"end\n" || line == b"end\r\n"
        });
        if ok {
            Ok(())
        } else {
            Err(die(EXIT_INVALID, &format!("{input_name}: No `end' line")))
        }
    }

    fn read_base64(
        &mut self,
        lines: &mut Lines<'_>,
        input_name: &str,
        outname: &str,
    ) -> Result<(), Fatal> {
        let mut decoder = LineDecoder::default();
        loop {
            let Some(line) = lines.next_line() else {
                return Err(fserr(
                    EXIT_INVALID,
                    self.errno,
                    "%s: Short file",
                    input_name,
                ));
            };
            if line.starts_with(b"====") {
                return Ok(());
            }
            let Some(bytes) = decoder.line(&line) else {
                return Err(die(EXIT_INVALID, &format!("{input_name}: invalid input")));
            };
            // sharutils checks `fwrite (buf, outlen, 1, stdout) != 1`, which fails for a
            // line that decodes to nothing (an empty line, or a group still incomplete).
            if bytes.is_empty() {
                return Err(fserr(EXIT_NO_OUTPUT, self.errno, "fwrite", outname));
            }
            self.output().put(&bytes);
        }
    }
}

/// Runs uudecode with `argv` (argv\[0\] first) in an environment given as `HOME` (the
/// only variable it reads) and returns the exit status. `stdout` is flushed before
/// returning.
pub fn run(
    argv: &[String],
    home: Option<String>,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let path = argv.first().map(String::as_str).unwrap_or("uudecode");
    let args = argv.get(1..).unwrap_or(&[]);
    let (found, operands) = match autoopts::parse_syntax(args, OPTIONS) {
        Ok(parsed) => parsed,
        Err(e) => {
            let message = e.message(path, autoopts::base_name(path));
            let _ = stderr.write_all(&[&message[..], USAGE.as_bytes()].concat());
            return EXIT_OPTION_ERROR;
        }
    };
    if let Some(other) = found.iter().find(|f| f.index >= VERSION) {
        let text = match other.index {
            HELP | MORE_HELP => USAGE.lines().take(2).collect::<Vec<_>>().join("\n") + "\n",
            VERSION => "uudecode (GNU sharutils) 4.15.2 (Replica reference)\n".to_string(),
            _ => String::new(),
        };
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
        return 0;
    }
    let mut run = Run {
        path,
        output: None,
        stderr,
        forced_output: None,
        errno: 0,
        env_home: home,
    };
    run.output = Some(Output::Stdout(stdout));
    let status = run_inputs(&mut run, &found, &operands, stdin);
    let status = match status {
        Ok(status) => status,
        Err(fatal) => {
            let _ = run.stderr.write_all(&fatal.message);
            fatal.status
        }
    };
    match run.output.take() {
        Some(Output::Stdout(out)) | Some(Output::File(_, out)) => {
            let _ = out.flush();
        }
        None => {}
    }
    status
}

/// The second option pass, then every input in order.
fn run_inputs(
    run: &mut Run<'_>,
    found: &[autoopts::Found],
    operands: &[String],
    stdin: &mut dyn Read,
) -> Result<i32, Fatal> {
    let stop = autoopts::first_repeat(found, OPTIONS);
    for option in &found[..stop.unwrap_or(found.len())] {
        if option.index == OUTPUT_FILE {
            let name = option.arg.clone().unwrap_or_default();
            if name != "-" && name != "/dev/stdout" {
                run.reopen(&name, "freopen-ing for stdout")?;
            }
            run.forced_output = Some(name);
        }
    }
    if let Some(at) = stop {
        let name = OPTIONS[found[at].index].name;
        let message =
            autoopts::OptError::TooMany(name).message(run.path, autoopts::base_name(run.path));
        return Err(Fatal {
            message: [&message[..], USAGE.as_bytes()].concat(),
            status: EXIT_OPTION_ERROR,
        });
    }
    if operands.is_empty() {
        return run.decode(stdin, "standard input");
    }
    if operands.len() > 1 && run.forced_output.is_some() {
        return Err(Fatal {
            message: [
                &b"uudecode usage error:\nYou cannot specify an output file when processing\nmultiple input files.\n"[..],
                USAGE.as_bytes(),
            ]
            .concat(),
            status: EXIT_USAGE,
        });
    }
    let mut status = 0;
    for name in operands {
        match File::open(name) {
            Ok(mut file) => status |= run.decode(&mut file, name)?,
            Err(e) => {
                run.errno = errno_number(&e);
                let message = format!("{}: {name}: {}\n", run.path, error_text(&e));
                let _ = run.stderr.write_all(message.as_bytes());
                status |= EXIT_NO_INPUT;
            }
        }
    }
    Ok(status)
}

#[cfg(test)]
mod tests;
