//! The program: hash files or check lists, with b3sum's messages. (the buggy copy of this example: it accepts upper-case hex digits in check lines)

use std::fs::File;
use std::io::{self, Read, Write};

use crate::args::{self, Arg, Outcome, Parsed};
use crate::blake3;

/// How Rust prints an OS error on Linux.
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "No such file or directory (os error 2)".into(),
        io::ErrorKind::IsADirectory => "Is a directory (os error 21)".into(),
        _ => "Input/output error (os error 5)".into(),
    }
}

#[cfg(target_os = "wasi")]
fn open(name: &str) -> io::Result<File> {
    if name.is_empty() {
        return Err(io::ErrorKind::NotFound.into());
    }
    File::open(name)
}

#[cfg(not(target_os = "wasi"))]
fn open(name: &str) -> io::Result<File> {
    File::open(name)
}

/// A Rust integer parse, with std's messages.
fn number(text: &str) -> Result<u64, &'static str> {
    if text.is_empty() {
        return Err("cannot parse integer from empty string");
    }
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("invalid digit found in string");
    }
    digits
        .parse::<u64>()
        .map_err(|_| "number too large to fit in target type")
}

/// Which BLAKE3.
enum Mode {
    Plain,
    Keyed([u8; 32]),
    Derive(String),
}

struct State {
    parsed: Parsed,
    mode: Mode,
    out: Vec<u8>,
    stdin_gone: bool,
}

impl State {
    fn read(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let mut data = Vec::new();
        if name == "-" {
            if matches!(self.mode, Mode::Keyed(_)) {
                return Err("Cannot open `-` in keyed mode".into());
            }
            if !self.stdin_gone {
                self.stdin_gone = true;
                io::stdin()
                    .read_to_end(&mut data)
                    .map_err(|e| describe(&e))?;
            }
        } else {
            open(name)
                .and_then(|mut f| f.read_to_end(&mut data))
                .map_err(|e| describe(&e))?;
        }
        Ok(data)
    }

    fn digest(&self, data: &[u8], len: usize) -> Vec<u8> {
        match &self.mode {
            Mode::Plain => blake3::hash(data, len),
            Mode::Keyed(key) => blake3::keyed(key, data, len),
            Mode::Derive(context) => blake3::derive_key(context, data, len),
        }
    }

    fn hash_file(&mut self, name: &str) -> Result<(), String> {
        let data = self.read(name)?;
        let raw = self.parsed.has(Arg::Raw);
        let bare = self.parsed.has(Arg::NoNames);
        let escape = !raw && !bare && (name.contains('\\') || name.contains('\n'));
        if escape {
            self.out.push(b'\\');
        }
        let len = match self.parsed.value(Arg::Length) {
            Some(text) => {
                number(&text).map_err(|_| "Failed to parse length.".to_string())? as usize
            }
            None => 32,
        };
        let digest = self.digest(&data, len);
        if raw {
            self.out.extend_from_slice(&digest);
            return Ok(());
        }
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        self.out.extend_from_slice(hex.as_bytes());
        if !bare {
            let shown = if escape {
                name.replace('\\', "\\\\").replace('\n', "\\n")
            } else {
                name.to_string()
            };
            self.out.extend_from_slice(format!("  {shown}").as_bytes());
        }
        self.out.push(b'\n');
        Ok(())
    }

    /// One check line: `Err` is the complaint for standard error.
    fn check_line(&mut self, line: &str) -> Result<bool, String> {
        let line = line.trim_end_matches('\n');
        if line.is_empty() {
            return Err("Empty line".into());
        }
        let (escaped, rest) = match line.strip_prefix('\\') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        if rest.len() <= 66 {
            return Err("Short line".into());
        }
        if rest.chars().take(66).any(|c| !c.is_ascii()) {
            return Err("Non-ASCII prefix".into());
        }
        if &rest[64..66] != "  " {
            return Err("Invalid space".into());
        }
        let hex = &rest[..64];
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err("Invalid hex".into());
        }
        let written = &rest[66..];
        let path = if escaped {
            let mut path = String::new();
            let mut chars = written.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some('n') => path.push('\n'),
                        Some('\\') => path.push('\\'),
                        _ => return Err("Invalid backslash escape".into()),
                    }
                } else {
                    path.push(c);
                }
            }
            path
        } else {
            written.to_string()
        };
        if path.contains('\0') {
            return Err("Null character in path".into());
        }
        if path.contains('\u{FFFD}') {
            return Err("Unicode replacement character in path".into());
        }
        let shown = if escaped {
            format!("\\{written}")
        } else {
            written.to_string()
        };
        let data = match self.read(&path) {
            Ok(data) => data,
            Err(why) => {
                self.out
                    .extend_from_slice(format!("{shown}: FAILED ({why})\n").as_bytes());
                return Ok(false);
            }
        };
        let actual: String = self
            .digest(&data, 32)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let good = actual == hex.to_ascii_lowercase();
        if !good {
            self.out
                .extend_from_slice(format!("{shown}: FAILED\n").as_bytes());
        } else if !self.parsed.has(Arg::Quiet) {
            self.out
                .extend_from_slice(format!("{shown}: OK\n").as_bytes());
        }
        Ok(good)
    }
}

fn run(state: &mut State) -> Result<bool, String> {
    let files = state.parsed.files();
    if state.parsed.has(Arg::Raw) && files.len() > 1 {
        return Err("Only one filename can be provided when using --raw".into());
    }
    if state.parsed.has(Arg::Keyed) {
        let mut key = Vec::new();
        io::stdin()
            .take(33)
            .read_to_end(&mut key)
            .map_err(|e| describe(&e))?;
        if key.len() < 32 {
            return Err(format!(
                "expected 32 key bytes from stdin, found {}",
                key.len()
            ));
        }
        if key.len() > 32 {
            return Err("read more than 32 key bytes from stdin".into());
        }
        state.mode = Mode::Keyed(key.try_into().expect("32 bytes"));
    } else if let Some(context) = state.parsed.value(Arg::DeriveKey) {
        state.mode = Mode::Derive(context);
    }
    if let Some(threads) = state.parsed.value(Arg::NumThreads)
        && let Err(why) = number(&threads)
    {
        return Err(format!(
            "Failed to parse num threads.\n\nCaused by:\n    {why}"
        ));
    }
    let mut all_good = true;
    for name in files {
        if state.parsed.has(Arg::Check) {
            let text = state.read(&name)?;
            for raw in text.split_inclusive(|&b| b == b'\n') {
                let line = std::str::from_utf8(raw)
                    .map_err(|_| "stream did not contain valid UTF-8".to_string())?;
                match state.check_line(line) {
                    Ok(good) => all_good &= good,
                    Err(why) => {
                        eprintln!("b3sum: {why}");
                        all_good = false;
                    }
                }
            }
        } else if let Err(why) = state.hash_file(&name) {
            eprintln!("b3sum: {name}: {why}");
            all_good = false;
        }
    }
    Ok(all_good)
}

/// Runs b3sum on the process's arguments; the exit status.
pub fn main() -> i32 {
    let words: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args::parse(&words) {
        Ok(parsed) => parsed,
        Err(Outcome::Text(text)) => {
            print!("{text}");
            return 0;
        }
        Err(Outcome::Error(text)) => {
            eprintln!("{text}");
            return 1;
        }
    };
    let mut state = State {
        parsed,
        mode: Mode::Plain,
        out: Vec::new(),
        stdin_gone: false,
    };
    let status = match run(&mut state) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(why) => {
            eprintln!("Error: {why}");
            1
        }
    };
    let mut stdout = io::stdout();
    let _ = stdout.write_all(&state.out);
    let _ = stdout.flush();
    status
}
