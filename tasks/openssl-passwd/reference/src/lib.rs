//! Reference implementation of the `openssl-passwd` task: `openssl passwd` of Debian 12's OpenSSL 3.0.
//!
//! [`run`] is the whole command as a function of its arguments and a [`Host`] (stdin and
//! files), returning what it writes; [`main`] wires it to the process. The hash schemes
//! are in [`crypt`].

pub mod crypt;

use std::io::Write;

use openssl_common::opt::{self, Item};
use openssl_common::{errline, fsio};

/// Where the command reads its input.
pub trait Host {
    /// All of standard input.
    fn stdin(&mut self) -> Vec<u8>;
    /// The named file's bytes, or `None` when it cannot be opened.
    fn read(&mut self, name: &[u8]) -> Option<Vec<u8>>;
}

/// What a run writes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: i32,
}

impl Output {
    fn fail(mut self, text: &str) -> Output {
        self.stderr.extend_from_slice(text.as_bytes());
        self.status = 1;
        self
    }
}

/// The hash scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Md5,
    Apr1,
    AixMd5,
    Sha256,
    Sha512,
}

const SPECS: &[opt::Spec] = &[
    ("in", true),
    ("noverify", false),
    ("quiet", false),
    ("table", false),
    ("reverse", false),
    ("salt", true),
    ("stdin", false),
    ("6", false),
    ("5", false),
    ("apr1", false),
    ("1", false),
    ("aixmd5", false),
];

/// The longest password hashed: longer ones are cut (with a warning when given as an
/// argument; a longer line of input loses the rest of the line).
const MAX_LEN: usize = 256;

const USAGE: &str = "passwd: Use -help for summary.\n";

/// `openssl passwd ARGS` (the arguments after `passwd`).
pub fn run(args: &[Vec<u8>], host: &mut dyn Host) -> Output {
    let mut out = Output::default();
    let (items, operands) = match opt::scan("passwd", SPECS, args, false) {
        Ok(scanned) => scanned,
        Err(line) => return out.fail(&format!("{line}{USAGE}")),
    };
    let mut mode = None;
    let (mut infile, mut from_stdin, mut source) = (None, false, false);
    let (mut quiet, mut table, mut reverse) = (false, false, false);
    let mut salt: Option<&[u8]> = None;
    for item in items {
        let set_mode = |mode: &mut Option<Mode>, m| {
            if mode.is_some() {
                return false;
            }
            *mode = Some(m);
            true
        };
        let ok = match item {
            Item::Known("in", v) => {
                infile = v;
                !std::mem::replace(&mut source, true)
            }
            Item::Known("stdin", _) => {
                from_stdin = true;
                !std::mem::replace(&mut source, true)
            }
            Item::Known("noverify", _) => true,
            Item::Known("quiet", _) => {
                quiet = true;
                true
            }
            Item::Known("table", _) => {
                table = true;
                true
            }
            Item::Known("reverse", _) => {
                reverse = true;
                true
            }
            Item::Known("salt", v) => {
                salt = v;
                true
            }
            Item::Known("1", _) => set_mode(&mut mode, Mode::Md5),
            Item::Known("apr1", _) => set_mode(&mut mode, Mode::Apr1),
            Item::Known("aixmd5", _) => set_mode(&mut mode, Mode::AixMd5),
            Item::Known("5", _) => set_mode(&mut mode, Mode::Sha256),
            Item::Known("6", _) => set_mode(&mut mode, Mode::Sha512),
            _ => unreachable!("every option is matched above"),
        };
        if !ok {
            return out.fail(USAGE);
        }
    }
    if !operands.is_empty() && source {
        return out.fail(USAGE);
    }
    let mode = mode.unwrap_or(Mode::Md5);
    let Some(salt) = salt else {
        // Outside the task's subset: the real tool draws a random salt.
        return out.fail("passwd: this task always gives -salt\n");
    };
    let passwords: Vec<Vec<u8>> = if !operands.is_empty() {
        operands
            .iter()
            .map(|p| {
                if p.len() > MAX_LEN {
                    if !quiet {
                        out.stderr.extend_from_slice(
                            format!("Warning: truncating password to {MAX_LEN} characters\n")
                                .as_bytes(),
                        );
                    }
                    p[..MAX_LEN].to_vec()
                } else {
                    p.clone()
                }
            })
            .collect()
    } else if source {
        let data = if from_stdin {
            host.stdin()
        } else {
            let name = infile.unwrap_or_default();
            match host.read(name) {
                Some(data) => data,
                None => {
                    let shown = String::from_utf8_lossy(name);
                    return out.fail(&format!(
                        "Can't open \"{shown}\" for reading, No such file or directory\n{}",
                        errline::bio_new_file_missing(&shown, "r")
                    ));
                }
            }
        };
        lines(&data)
    } else {
        // Outside the task's subset: the real tool prompts on the terminal.
        return out.fail("Password: \n");
    };
    for password in passwords {
        let hash = match mode {
            Mode::Md5 => Some(crypt::md5crypt(&password, b"1", salt)),
            Mode::Apr1 => Some(crypt::md5crypt(&password, b"apr1", salt)),
            Mode::AixMd5 => Some(crypt::md5crypt(&password, b"", salt)),
            Mode::Sha256 => crypt::shacrypt(&password, false, salt),
            Mode::Sha512 => crypt::shacrypt(&password, true, salt),
        };
        let hash = hash.unwrap_or_else(|| b"<NULL>".to_vec());
        let line = match (table, reverse) {
            (true, false) => [&password[..], b"\t", &hash, b"\n"].concat(),
            (true, true) => [&hash[..], b"\t", &password, b"\n"].concat(),
            (false, _) => [&hash[..], b"\n"].concat(),
        };
        out.stdout.extend_from_slice(&line);
    }
    out
}

/// The passwords in a stream: one per line without its newline, each cut to [`MAX_LEN`]
/// bytes; a last line without a newline counts, an empty stream has none.
fn lines(data: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let (line, next) = match rest.iter().position(|&c| c == b'\n') {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, &b""[..]),
        };
        out.push(line[..line.len().min(MAX_LEN)].to_vec());
        rest = next;
    }
    out
}

/// The real process: stdin and the file system.
#[derive(Debug, Default)]
pub struct ProcessHost;

impl Host for ProcessHost {
    fn stdin(&mut self) -> Vec<u8> {
        fsio::stdin()
    }

    fn read(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        fsio::read(name)
    }
}

/// Runs `openssl ARGS` for the `passwd` command and returns the exit status.
pub fn main(args: &[Vec<u8>]) -> i32 {
    let command = args
        .first()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .unwrap_or_default();
    if command != "passwd" {
        eprintln!("Invalid command '{command}'; type \"help\" for a list.");
        return 1;
    }
    let out = run(&args[1..], &mut ProcessHost);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&out.stdout);
    let _ = stdout.flush();
    let _ = std::io::stderr().write_all(&out.stderr);
    out.status
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn lines_of_input() {
        assert_eq!(lines(b""), Vec::<Vec<u8>>::new());
        assert_eq!(
            lines(b"\n\nabc"),
            vec![b"".to_vec(), b"".to_vec(), b"abc".to_vec()]
        );
        assert_eq!(lines(b"a\r\nb\n"), vec![b"a\r".to_vec(), b"b".to_vec()]);
        let long = [vec![b'x'; 300], b"\nshort\n".to_vec()].concat();
        assert_eq!(lines(&long), vec![vec![b'x'; 256], b"short".to_vec()]);
    }
}
