//! Reference implementation of the `openssl-kdf` task: `openssl kdf` of Debian 12's OpenSSL 3.0.
//!
//! [`run`] is the whole command as a function of its arguments, returning what it writes;
//! [`main`] wires it to the process. The four KDFs are in [`kdfs`].

pub mod kdfs;

use std::io::Write;

use kdfs::{Kdf, Params};
use openssl_common::opt::{self, Item};
use openssl_common::{error_line, fsio, hex};

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
    ("kdfopt", true),
    ("keylen", true),
    ("binary", false),
    ("out", true),
];

/// C's `atoi`: optional spaces and sign, then digits, stopping at anything else.
fn atoi(text: &[u8]) -> i64 {
    let mut i = 0;
    while i < text.len() && matches!(text[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        i += 1;
    }
    let negative = text.get(i) == Some(&b'-');
    if matches!(text.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let mut n: i64 = 0;
    while let Some(d) = text.get(i).filter(|c| c.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(i64::from(d - b'0'));
        i += 1;
    }
    if negative { -n } else { n }
}

/// `openssl kdf ARGS` (the arguments after `kdf`).
pub fn run(args: &[Vec<u8>]) -> Output {
    let out = Output::default();
    let (items, rest) = match opt::scan("kdf", SPECS, args, false) {
        Ok(scanned) => scanned,
        Err(line) => return out.fail(&format!("{line}kdf: Use -help for summary.\n")),
    };
    let mut kdfopts: Vec<&[u8]> = Vec::new();
    let mut keylen: i64 = 0;
    let mut binary = false;
    let mut outfile = None;
    for item in items {
        match item {
            Item::Known("kdfopt", Some(v)) => kdfopts.push(v),
            Item::Known("keylen", Some(v)) => keylen = atoi(v),
            Item::Known("binary", _) => binary = true,
            Item::Known("out", v) => outfile = v,
            _ => unreachable!("every option is matched above"),
        }
    }
    let [name] = rest else {
        return out.fail("kdf: Use -help for summary.\n");
    };
    let Some(kdf) = Kdf::from_name(name) else {
        let shown = String::from_utf8_lossy(name);
        return out.fail(&format!(
            "Invalid KDF name {shown}\nkdf: Use -help for summary.\n{}",
            error_line(
                "0308010C",
                "digital envelope routines",
                "inner_evp_generic_fetch",
                "unsupported",
                "../crypto/evp/evp_fetch.c:386",
                &format!(
                    "Global default library context, Algorithm ({shown} : 0), Properties (<null>)"
                ),
            )
        ));
    };
    let params = match Params::parse(kdf, &kdfopts) {
        Ok(p) => p,
        Err(text) => return out.fail(&text),
    };
    let mut out = out;
    if let Some(name) = outfile {
        out.file = Some((name.to_vec(), Vec::new()));
    }
    if keylen <= 0 {
        return out.fail("Invalid derived key length.\n");
    }
    let derived = match kdfs::derive(kdf, &params, keylen as usize) {
        Ok(key) => key,
        Err(lines) => return out.fail(&format!("EVP_KDF_derive failed\n{lines}")),
    };
    let text = if binary {
        derived
    } else {
        format!("{}\n\n", hex::upper_colons(&derived)).into_bytes()
    };
    match &mut out.file {
        Some((_, contents)) => *contents = text,
        None => out.stdout = text,
    }
    out
}

/// Runs `openssl ARGS` for the `kdf` command and returns the exit status.
pub fn main(args: &[Vec<u8>]) -> i32 {
    let command = args
        .first()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .unwrap_or_default();
    if command != "kdf" {
        eprintln!("Invalid command '{command}'; type \"help\" for a list.");
        return 1;
    }
    let out = run(&args[1..]);
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

#[cfg(test)]
mod tests;
