//! Reference implementation of the `openssl-mac` task: `openssl mac` of Debian 12's OpenSSL 3.0.
//!
//! [`run`] is the whole command as a function of its arguments and a [`Host`] (stdin and
//! files), returning what it writes; [`main`] wires it to the process. The six MACs are in
//! [`macs`].

pub mod macs;

use std::io::Write;

use macs::Mac;
use openssl_common::opt::{self, Item};
use openssl_common::{errline, fsio, hex, params};

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
    /// `-out FILE`: the file's name and contents.
    pub file: Option<(Vec<u8>, Vec<u8>)>,
    pub status: i32,
}

impl Output {
    fn fail(mut self, text: &str) -> Output {
        self.stderr.extend_from_slice(text.as_bytes());
        self.status = 1;
        self
    }
}

const SPECS: &[opt::Spec] = &[
    ("macopt", true),
    ("in", true),
    ("out", true),
    ("binary", false),
    ("digest", true),
    ("cipher", true),
];

/// `openssl mac ARGS` (the arguments after `mac`).
pub fn run(args: &[Vec<u8>], host: &mut dyn Host) -> Output {
    let mut out = Output::default();
    let (items, rest) = match opt::scan("mac", SPECS, args, false) {
        Ok(scanned) => scanned,
        Err(line) => return out.fail(&format!("{line}mac: Use -help for summary.\n")),
    };
    let mut macopts: Vec<Vec<u8>> = Vec::new();
    let (mut infile, mut outfile, mut binary) = (None, None, false);
    let (mut digest, mut cipher) = (None, None);
    for item in items {
        match item {
            Item::Known("macopt", Some(v)) => macopts.push(v.to_vec()),
            Item::Known("in", v) => infile = v,
            Item::Known("out", v) => outfile = v,
            Item::Known("binary", _) => binary = true,
            Item::Known("digest", v) => digest = v,
            Item::Known("cipher", v) => cipher = v,
            _ => unreachable!("every option is matched above"),
        }
    }
    let [name] = rest else {
        return out.fail("mac: Use -help for summary.\n");
    };
    let Some(mac) = Mac::from_name(name) else {
        let shown = String::from_utf8_lossy(name);
        return out.fail(&format!(
            "Invalid MAC name {shown}\nmac: Use -help for summary.\n{}",
            params::fetch_error(name)
        ));
    };
    // -digest and -cipher become parameters after every -macopt.
    if let Some(d) = digest {
        macopts.push([&b"digest:"[..], d].concat());
    }
    if let Some(c) = cipher {
        macopts.push([&b"cipher:"[..], c].concat());
    }
    let opts: Vec<&[u8]> = macopts.iter().map(|o| &o[..]).collect();
    let ctx = match macs::Context::new(mac, &opts) {
        Ok(ctx) => ctx,
        Err(text) => return out.fail(&text),
    };
    let data = match infile {
        None => host.stdin(),
        Some(name) => match host.read(name) {
            Some(data) => data,
            None => {
                let shown = String::from_utf8_lossy(name);
                return out.fail(&format!(
                    "Can't open \"{shown}\" for reading, No such file or directory\n{}",
                    errline::bio_new_file_missing(&shown, "rb")
                ));
            }
        },
    };
    if let Some(name) = outfile {
        out.file = Some((name.to_vec(), Vec::new()));
    }
    let tag = match ctx.compute(&data) {
        Ok(tag) => tag,
        Err(text) => return out.fail(&text),
    };
    let text = if binary {
        tag
    } else if outfile.is_some() {
        hex::upper(&tag).into_bytes()
    } else {
        format!("{}\n", hex::upper(&tag)).into_bytes()
    };
    match &mut out.file {
        Some((_, contents)) => *contents = text,
        None => out.stdout = text,
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

/// Runs `openssl ARGS` for the `mac` command and returns the exit status.
pub fn main(args: &[Vec<u8>]) -> i32 {
    let command = args
        .first()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .unwrap_or_default();
    if command != "mac" {
        eprintln!("Invalid command '{command}'; type \"help\" for a list.");
        return 1;
    }
    let out = run(&args[1..], &mut ProcessHost);
    if let Some((name, data)) = &out.file
        && fsio::write(name, data).is_err()
    {
        eprintln!(
            "Can't open \"{}\" for writing, No such file or directory",
            String::from_utf8_lossy(name)
        );
        return 1;
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&out.stdout);
    let _ = stdout.flush();
    let _ = std::io::stderr().write_all(&out.stderr);
    out.status
}
