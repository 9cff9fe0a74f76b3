//! Reference implementation of the `openssl-dgst` task: `openssl dgst` of Debian 12's OpenSSL 3.0.
//!
//! [`run`] is the whole command as a function of its arguments and a [`Host`] (stdin and
//! files), returning what it writes; [`main`] wires it to the process.

use std::io::Write;

use openssl_common::hex;
use openssl_common::md::{Md, StreamMac};
use openssl_common::opt::{self, Item};
use openssl_common::{error_line, fsio};

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

const SPECS: &[opt::Spec] = &[
    ("hex", false),
    ("binary", false),
    ("r", false),
    ("c", false),
    ("out", true),
    ("hmac", true),
    ("mac", true),
    ("macopt", true),
];

/// How the digest was chosen, which decides the name printed before `(FILE)=`.
#[derive(Debug, Clone, Copy)]
enum Chosen {
    /// No digest option: SHA-256 under its legacy name `SHA256`.
    Default,
    /// A digest option, fetched by name: printed under its canonical name (`SHA2-256`).
    Fetched(Md),
}

impl Chosen {
    fn md(self) -> Md {
        match self {
            Chosen::Default => Md::Sha256,
            Chosen::Fetched(md) => md,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Chosen::Default => "SHA256",
            Chosen::Fetched(md) => md.name(),
        }
    }
}

/// `openssl dgst ARGS` (the arguments after `dgst`).
pub fn run(args: &[Vec<u8>], host: &mut dyn Host) -> Output {
    let mut out = Output::default();
    let usage = |out: &mut Output, line: String| {
        out.stderr.extend_from_slice(line.as_bytes());
        out.stderr
            .extend_from_slice(b"dgst: Use -help for summary.\n");
        out.status = 1;
    };
    let (items, files) = match opt::scan("dgst", SPECS, args, true) {
        Ok(scanned) => scanned,
        Err(line) => {
            usage(&mut out, line);
            return out;
        }
    };
    let mut binary: Option<bool> = None;
    let mut separator = 0; // 1: colons (-c), 2: coreutils lines (-r); the last one given wins
    let mut outfile: Option<&[u8]> = None;
    let mut hmac_key: Option<&[u8]> = None;
    let mut mac_name: Option<&[u8]> = None;
    let mut macopts: Vec<&[u8]> = Vec::new();
    let mut digest_name: Option<&[u8]> = None;
    for item in items {
        match item {
            Item::Known("hex", _) => binary = Some(false),
            Item::Known("binary", _) => binary = Some(true),
            Item::Known("c", _) => separator = 1,
            Item::Known("r", _) => separator = 2,
            Item::Known("out", v) => outfile = v,
            Item::Known("hmac", v) => hmac_key = v,
            Item::Known("mac", v) => mac_name = v,
            Item::Known("macopt", Some(v)) => macopts.push(v),
            Item::Known(..) => unreachable!("every known option is matched above"),
            // Only the last unknown option is tried as a digest name, after all are read.
            Item::Unknown(name) => digest_name = Some(name),
        }
    }
    let chosen = match digest_name {
        None => Chosen::Default,
        Some(name) => match Md::from_name(name) {
            Some(md) => Chosen::Fetched(md),
            None => {
                let shown = String::from_utf8_lossy(name);
                usage(
                    &mut out,
                    format!("dgst: Unknown option or message digest: {shown}\n"),
                );
                out.stderr.extend_from_slice(
                    error_line(
                        "0308010C",
                        "digital envelope routines",
                        "inner_evp_generic_fetch",
                        "unsupported",
                        "../crypto/evp/evp_fetch.c:386",
                        &format!("Global default library context, Algorithm ({shown} : 0), Properties (<null>)"),
                    )
                    .as_bytes(),
                );
                return out;
            }
        },
    };
    // The output file is created before the keys are looked at.
    if let Some(name) = outfile {
        out.file = Some((name.to_vec(), Vec::new()));
    }
    // A MAC key, and whether output lines name it (`HMAC-SHA2-256(f)= `).
    let key: Option<Vec<u8>> = match (hmac_key, mac_name) {
        (Some(_), Some(_)) => {
            out.stderr
                .extend_from_slice(b"MAC and signing key cannot both be specified\n");
            out.status = 1;
            return out;
        }
        (Some(k), None) => Some(k.to_vec()),
        (None, Some(name)) => {
            if !name.eq_ignore_ascii_case(b"HMAC") {
                out.stderr.extend_from_slice(b"Error setting context\n");
                out.status = 1;
                return out;
            }
            match mac_key(&macopts) {
                Ok(Some(k)) => Some(k),
                Ok(None) => {
                    out.stderr
                        .extend_from_slice(b"dgst: Error generating HMAC key\n");
                    out.stderr.extend_from_slice(
                        error_line(
                            "1C80009E",
                            "Provider routines",
                            "mac_gen",
                            "invalid key",
                            "../providers/implementations/keymgmt/mac_legacy_kmgmt.c:498",
                            "",
                        )
                        .as_bytes(),
                    );
                    out.status = 1;
                    return out;
                }
                Err(text) => {
                    out.stderr.extend_from_slice(text.as_bytes());
                    out.status = 1;
                    return out;
                }
            }
        }
        (None, None) => None,
    };
    if mac_name.is_some() && matches!(chosen, Chosen::Default) {
        out.stderr.extend_from_slice(b"Error setting context\n");
        out.stderr.extend_from_slice(
            error_line(
                "0300009E",
                "digital envelope routines",
                "do_sigver_init",
                "no default digest",
                "../crypto/evp/m_sigver.c:282",
                "",
            )
            .as_bytes(),
        );
        out.status = 1;
        return out;
    }
    // With a key and no -hex/-binary, dgst writes binary: only for signing keys, not MAC
    // keys, which count as text output here.
    let binary = binary.unwrap_or(false);
    let mut written = Vec::new();
    let md = chosen.md();
    let tag = |data: &[u8]| -> Vec<u8> {
        match &key {
            Some(k) => {
                let mut mac: Box<dyn StreamMac> = md.hmac(k);
                mac.feed(data);
                mac.tag()
            }
            None => md.digest(data),
        }
    };
    if files.is_empty() {
        let data = host.stdin();
        format_line(
            &mut written,
            &tag(&data),
            b"stdin",
            None,
            chosen.name(),
            binary,
            separator,
        );
    } else {
        let sig = key.as_ref().map(|_| "HMAC");
        for name in files {
            match host.read(name) {
                Some(data) => format_line(
                    &mut written,
                    &tag(&data),
                    name,
                    sig,
                    chosen.name(),
                    binary,
                    separator,
                ),
                None => {
                    let shown = String::from_utf8_lossy(name);
                    out.stderr.extend_from_slice(
                        format!("{shown}: No such file or directory\n").as_bytes(),
                    );
                    out.stderr.extend_from_slice(
                        error_line(
                            "80000002",
                            "system library",
                            "file_ctrl",
                            "No such file or directory",
                            "../crypto/bio/bss_file.c:297",
                            &format!("calling fopen({shown}, r)"),
                        )
                        .as_bytes(),
                    );
                    out.stderr.extend_from_slice(
                        error_line(
                            "10080002",
                            "BIO routines",
                            "file_ctrl",
                            "system lib",
                            "../crypto/bio/bss_file.c:300",
                            "",
                        )
                        .as_bytes(),
                    );
                    out.status = 1;
                }
            }
        }
    }
    match &mut out.file {
        Some((_, contents)) => *contents = written,
        None => out.stdout = written,
    }
    out
}

/// The HMAC key `-macopt key:K` / `-macopt hexkey:HEX` give (the last one wins); `None`
/// when there is none.
///
/// # Errors
/// The lines printed for a `-macopt` that is not understood.
fn mac_key(macopts: &[&[u8]]) -> Result<Option<Vec<u8>>, String> {
    let mut key = None;
    for &opt in macopts {
        let shown = String::from_utf8_lossy(opt);
        if let Some(k) = opt.strip_prefix(b"key:") {
            key = Some(k.to_vec());
        } else if let Some(h) = opt.strip_prefix(b"hexkey:") {
            let reason = if h.len() % 2 == 1 {
                Some((
                    "07800067",
                    "odd number of digits",
                    "../crypto/params_from_text.c:124",
                ))
            } else if !h.iter().all(u8::is_ascii_hexdigit) {
                Some(("07800066", "illegal hex digit", "../crypto/o_str.c:167"))
            } else {
                None
            };
            if let Some((code, reason, place)) = reason {
                let function = if code == "07800067" {
                    "prepare_from_text"
                } else {
                    "hexstr2buf_sep"
                };
                return Err(format!(
                    "MAC parameter error \"{shown}\"\n{}",
                    error_line(
                        code,
                        "common libcrypto routines",
                        function,
                        reason,
                        place,
                        ""
                    )
                ));
            }
            key = Some(hex::parse_pairs(h).expect("checked above"));
        } else {
            return Err(format!("MAC parameter error \"{shown}\"\n"));
        }
        if key.as_ref().is_some_and(Vec::is_empty) {
            // An empty key fails to be copied ("malloc failure").
            return Err(format!(
                "MAC parameter error \"{shown}\"\n{}",
                error_line(
                    "1C8C0100",
                    "Provider routines",
                    "mac_gen_set_params",
                    "malloc failure",
                    "../providers/implementations/keymgmt/mac_legacy_kmgmt.c:433",
                    ""
                )
            ));
        }
    }
    Ok(key)
}

/// One output line (or the raw digest with `-binary`), as `do_fp` writes it.
fn format_line(
    out: &mut Vec<u8>,
    tag: &[u8],
    file: &[u8],
    sig: Option<&str>,
    md_name: &str,
    binary: bool,
    separator: u8,
) {
    if binary {
        out.extend_from_slice(tag);
    } else if separator == 2 {
        // coreutils style; a newline in the name is written `\n` and the line starts with `\`.
        if file.contains(&b'\n') {
            out.push(b'\\');
        }
        out.extend_from_slice(hex::lower(tag).as_bytes());
        out.extend_from_slice(b" *");
        for &c in file {
            if c == b'\n' {
                out.extend_from_slice(b"\\n");
            } else {
                out.push(c);
            }
        }
        out.push(b'\n');
    } else {
        if let Some(sig) = sig {
            out.extend_from_slice(sig.as_bytes());
            out.push(b'-');
        }
        out.extend_from_slice(md_name.as_bytes());
        out.push(b'(');
        out.extend_from_slice(file);
        out.extend_from_slice(b")= ");
        let digits = if separator == 1 {
            hex::lower_colons(tag)
        } else {
            hex::lower(tag)
        };
        out.extend_from_slice(digits.as_bytes());
        out.push(b'\n');
    }
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

/// Runs `openssl ARGS` for the `dgst` command and returns the exit status.
pub fn main(args: &[Vec<u8>]) -> i32 {
    let command = args
        .first()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .unwrap_or_default();
    if command != "dgst" {
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
    let _ = std::io::stdout().write_all(&out.stdout);
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().write_all(&out.stderr);
    out.status
}

#[cfg(test)]
mod tests;
