//! Running a program over in-memory files, for the references' whole-program tests.
//!
//! Not part of any reference's behaviour: task adequacy runs never count this file.

use std::io::{self, Read};

use crate::{Files, Io, Tool, run};

/// An in-memory tree: each entry is a file with contents, or a directory (`None`).
#[derive(Debug, Default, Clone)]
pub struct MemFiles(pub Vec<(Vec<u8>, Option<Vec<u8>>)>);

impl MemFiles {
    /// Adds a file.
    pub fn file(mut self, name: &str, data: &[u8]) -> MemFiles {
        self.0.push((name.as_bytes().to_vec(), Some(data.to_vec())));
        self
    }

    /// Adds a directory.
    pub fn dir(mut self, name: &str) -> MemFiles {
        self.0.push((name.as_bytes().to_vec(), None));
        self
    }
}

/// Reads like a directory does under Linux and the sandbox: opening works, reading fails.
struct DirReader;

impl Read for DirReader {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::ErrorKind::IsADirectory.into())
    }
}

impl Files for MemFiles {
    fn open(&self, name: &[u8]) -> io::Result<Box<dyn Read + '_>> {
        match self.0.iter().find(|(n, _)| n == name) {
            Some((_, Some(data))) => Ok(Box::new(&data[..])),
            Some((_, None)) => Ok(Box::new(DirReader)),
            None => Err(io::ErrorKind::NotFound.into()),
        }
    }
}

/// What a run printed and returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: i32,
}

/// Runs `tool` as `argv0 ARGS` over `files` with `stdin`.
pub fn run_in_memory(
    tool: &Tool,
    argv0: &str,
    args: &[&str],
    stdin: &[u8],
    files: &MemFiles,
) -> Ran {
    run_in_memory_with(|argv, io| run(tool, argv, io), argv0, args, stdin, files)
}

/// Runs any program with `Io` (`main(argv, io) -> status`) as `argv0 ARGS` over `files`
/// with `stdin`.
pub fn run_in_memory_with(
    main: impl FnOnce(&[Vec<u8>], &mut Io<'_>) -> i32,
    argv0: &str,
    args: &[&str],
    stdin: &[u8],
    files: &MemFiles,
) -> Ran {
    let mut argv = vec![argv0.as_bytes().to_vec()];
    argv.extend(args.iter().map(|a| a.as_bytes().to_vec()));
    let mut stdin = stdin;
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let status = main(
        &argv,
        &mut Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
            files,
        },
    );
    Ran {
        stdout,
        stderr,
        status,
    }
}

/// The bytes a hexadecimal string stands for.
///
/// # Panics
/// When `text` is not an even number of hex digits.
pub fn unhex(text: &str) -> Vec<u8> {
    assert!(text.len().is_multiple_of(2), "odd hex length: {text}");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digits"))
        .collect()
}

/// The `(message, digest)` pairs of a NIST SHAVS `.rsp` file (`Len`, `Msg`, `MD`; a
/// length of 0 has the placeholder message `00`).
pub fn shavs(rsp: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut vectors = Vec::new();
    let mut len = 0;
    let mut msg = Vec::new();
    for line in rsp.lines().map(str::trim) {
        if let Some(value) = line.strip_prefix("Len = ") {
            len = value.parse::<usize>().expect("a bit length") / 8;
        } else if let Some(value) = line.strip_prefix("Msg = ") {
            msg = unhex(value);
            msg.truncate(len);
        } else if let Some(value) = line.strip_prefix("MD = ") {
            vectors.push((std::mem::take(&mut msg), unhex(value)));
        }
    }
    vectors
}

/// Hashes `data` with a fresh hasher from `new`, fed in pieces of `piece` bytes (so
/// block boundaries fall everywhere), and returns the lower-case hex.
pub fn hash_hex(new: &dyn Fn() -> Box<dyn crate::Hasher>, data: &[u8], piece: usize) -> String {
    let mut hasher = new();
    for chunk in data.chunks(piece.max(1)) {
        hasher.update(chunk);
    }
    String::from_utf8(crate::hex(&hasher.finish())).expect("hex is ASCII")
}

/// Hex of `bytes`, as a `String`.
pub fn hex_string(bytes: &[u8]) -> String {
    String::from_utf8(crate::hex(bytes)).expect("hex is ASCII")
}
