//! Reference implementation of the `openssl-enc` and `openssl-enc-pass` tasks: `openssl enc` of Debian 12's OpenSSL 3.0.
//!
//! [`run`] is the whole command as a function of its arguments and a [`Host`] (stdin and
//! files), returning what it writes; [`main`] wires it to the process. The cipher
//! arithmetic is in [`cipher`].

pub mod cipher;

use std::io::Write;

use cipher::Cipher;
use openssl_common::md::Md;
use openssl_common::opt::{self, Item};
use openssl_common::{base64, errline, error_line, fsio, hex};

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
    /// `-out FILE`: the file's name and contents (created, possibly empty, once the input
    /// has been opened).
    pub file: Option<(Vec<u8>, Vec<u8>)>,
    pub status: i32,
}

impl Output {
    fn err(&mut self, text: &str) {
        self.stderr.extend_from_slice(text.as_bytes());
    }

    fn fail(mut self, text: &str) -> Output {
        self.err(text);
        self.status = 1;
        self
    }
}

const SPECS: &[opt::Spec] = &[
    ("e", false),
    ("d", false),
    ("K", true),
    ("iv", true),
    ("S", true),
    ("k", true),
    ("pass", true),
    ("nopad", false),
    ("a", false),
    ("base64", false),
    ("A", false),
    ("in", true),
    ("out", true),
    ("p", false),
    ("P", false),
    ("nosalt", false),
    ("salt", false),
    ("pbkdf2", false),
    ("iter", true),
    ("md", true),
];

/// The magic that starts a salted file, followed by the 8-byte salt.
const MAGIC: &[u8; 8] = b"Salted__";

/// `EVP_BytesToKey` with one iteration: D_i = H(D_{i-1} || password || salt), concatenated.
pub fn bytes_to_key(md: Md, password: &[u8], salt: Option<&[u8]>, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + md.size());
    let mut prev: Vec<u8> = Vec::new();
    while out.len() < len {
        let mut h = md.hasher();
        h.update(&prev);
        h.update(password);
        if let Some(salt) = salt {
            h.update(salt);
        }
        prev = h.finalize().into_vec();
        out.extend_from_slice(&prev);
    }
    out.truncate(len);
    out
}

/// `openssl enc ARGS` (the arguments after `enc`).
pub fn run(args: &[Vec<u8>], host: &mut dyn Host) -> Output {
    let mut out = Output::default();
    let (items, operands) = match opt::scan("enc", SPECS, args, true) {
        Ok(scanned) => scanned,
        Err(line) => return out.fail(&format!("{line}enc: Use -help for summary.\n")),
    };
    if !operands.is_empty() {
        return out.fail("enc: Use -help for summary.\n");
    }
    let mut encrypt = true;
    let (mut hkey, mut hiv, mut hsalt) = (None, None, None);
    let (mut k_pass, mut pass_arg) = (None, None);
    let (mut nopad, mut base64_on, mut one_line, mut nosalt, mut pbkdf2) =
        (false, false, false, false, false);
    let mut printkey = 0;
    let (mut infile, mut outfile) = (None, None);
    let mut iter: u32 = 0;
    let mut md_name: Option<&[u8]> = None;
    let mut cipher_name: Option<&[u8]> = None;
    for item in items {
        match item {
            Item::Known("e", _) => encrypt = true,
            Item::Known("d", _) => encrypt = false,
            Item::Known("K", v) => hkey = v,
            Item::Known("iv", v) => hiv = v,
            Item::Known("S", v) => hsalt = v,
            Item::Known("k", v) => k_pass = v,
            Item::Known("pass", v) => pass_arg = v,
            Item::Known("nopad", _) => nopad = true,
            Item::Known("a" | "base64", _) => base64_on = true,
            Item::Known("A", _) => one_line = true,
            Item::Known("in", v) => infile = v,
            Item::Known("out", v) => outfile = v,
            Item::Known("p", _) => printkey = 1,
            Item::Known("P", _) => printkey = 2,
            Item::Known("nosalt", _) => nosalt = true,
            Item::Known("salt", _) => nosalt = false,
            Item::Known("pbkdf2", _) => {
                pbkdf2 = true;
                if iter == 0 {
                    iter = 10000;
                }
            }
            Item::Known("iter", v) => {
                let shown = String::from_utf8_lossy(v.unwrap_or_default());
                let Some(n) = v.and_then(opt::int).filter(|&n| n <= i64::from(i32::MAX)) else {
                    return out.fail(&format!(
                        "enc: Can't parse \"{shown}\" as a number\nenc: Use -help for summary.\n"
                    ));
                };
                if n <= 0 {
                    return out.fail(&format!(
                        "enc: Non-positive number \"{shown}\" for option -iter\nenc: Use -help for summary.\n"
                    ));
                }
                iter = n as u32;
                pbkdf2 = true;
            }
            Item::Known("md", v) => md_name = v,
            Item::Known(..) => unreachable!("every known option is matched above"),
            // The last unknown option is the cipher, looked up once all are read.
            Item::Unknown(name) => cipher_name = Some(name),
        }
    }
    let fetch_error = |what: &str| {
        error_line(
            "0308010C",
            "digital envelope routines",
            "inner_evp_generic_fetch",
            "unsupported",
            "../crypto/evp/evp_fetch.c:386",
            &format!("Global default library context, Algorithm ({what} : 0), Properties (<null>)"),
        )
    };
    let cipher = match cipher_name {
        None => None,
        Some(name) => match Cipher::from_name(name) {
            Some(c) => Some(c),
            None => {
                let shown = String::from_utf8_lossy(name);
                return out.fail(&format!(
                    "enc: Unknown cipher: {shown}\nenc: Use -help for summary.\n{}",
                    fetch_error(&shown)
                ));
            }
        },
    };
    let md = match md_name {
        None => Md::Sha256,
        Some(name) => match Md::from_name(name) {
            Some(md) => md,
            None => {
                let shown = String::from_utf8_lossy(name);
                return out.fail(&format!(
                    "enc: Unknown option or message digest: {shown}\nenc: Use -help for summary.\n{}",
                    fetch_error(&shown)
                ));
            }
        },
    };
    if iter == 0 {
        iter = 1;
    }

    // The input is opened first: base64 is read as text ("r"), anything else as binary.
    let mut input = match infile {
        None => host.stdin(),
        Some(name) => match host.read(name) {
            Some(data) => data,
            None => {
                let shown = String::from_utf8_lossy(name);
                let mode = if base64_on && !encrypt { "r" } else { "rb" };
                return out.fail(&format!(
                    "Can't open \"{shown}\" for reading, No such file or directory\n{}",
                    errline::bio_new_file_missing(&shown, mode)
                ));
            }
        },
    };
    let password: Option<Vec<u8>> = match (k_pass, pass_arg) {
        (Some(k), _) => Some(k.to_vec()),
        (None, Some(arg)) => match arg.strip_prefix(b"pass:") {
            Some(p) => Some(p.to_vec()),
            // Outside the task's subset (`env:`, `file:`, `fd:`, `stdin`).
            None => return out.fail("Invalid password argument, missing ':' within the first 5 chars\nError getting password\n"),
        },
        (None, None) => None,
    };
    if cipher.is_some() && password.is_none() && hkey.is_none() {
        let name = cipher.map_or("", |c| c.name);
        let way = if encrypt { "encryption" } else { "decryption" };
        return out.fail(&format!(
            "enter {name} {way} password:\nbad password read\n{}",
            error_line(
                "1400006B",
                "UI routines",
                "UI_process",
                "processing error",
                "../crypto/ui/ui_lib.c:573",
                "while reading strings"
            )
        ));
    }
    // The output file is created now, before anything can fail.
    if let Some(name) = outfile {
        out.file = Some((name.to_vec(), Vec::new()));
    }
    if base64_on && !encrypt {
        input = base64::decode(&input);
    }

    let Some(cipher) = cipher else {
        // No cipher: a plain copy, through base64 when asked.
        let data = if base64_on && encrypt {
            base64::encode_lines(&input, one_line)
        } else {
            input
        };
        write_data(&mut out, outfile.is_some(), &data);
        return out;
    };
    let mut key = vec![0u8; cipher.key_len];
    let mut iv = vec![0u8; cipher.iv_len];
    let mut salt: Option<Vec<u8>> = None;
    let mut header: Vec<u8> = Vec::new();
    if let Some(password) = &password {
        if !nosalt {
            if let Some(h) = hsalt {
                match hex::set_hex(h, 8, &mut out.stderr) {
                    Some(s) => salt = Some(s),
                    None => return out.fail("invalid hex salt value\n"),
                }
            }
            if encrypt {
                if salt.is_none() {
                    // Outside the task's subset: the real tool draws a random salt here.
                    // The reference uses a zero salt, written after the magic as usual.
                    let s = vec![0u8; 8];
                    if printkey != 2 {
                        header = MAGIC.to_vec();
                        header.extend_from_slice(&s);
                    }
                    salt = Some(s);
                }
            } else if salt.is_none() {
                // The magic is read and checked first, then the salt.
                if input.len() < 8 {
                    return out.fail("error reading input file\n");
                }
                if &input[..8] != MAGIC {
                    return out.fail("bad magic number\n");
                }
                if input.len() < 16 {
                    return out.fail("error reading input file\n");
                }
                salt = Some(input[8..16].to_vec());
                input.drain(..16);
            }
        }
        let n = cipher.key_len + cipher.iv_len;
        let derived = if pbkdf2 {
            let mut buf = vec![0u8; n];
            md.pbkdf2(
                password,
                salt.as_deref().unwrap_or_default(),
                iter,
                &mut buf,
            );
            buf
        } else {
            out.err("*** WARNING : deprecated key derivation used.\nUsing -iter or -pbkdf2 would be better.\n");
            bytes_to_key(md, password, salt.as_deref(), n)
        };
        key.copy_from_slice(&derived[..cipher.key_len]);
        iv.copy_from_slice(&derived[cipher.key_len..]);
    }
    if let Some(h) = hiv {
        if cipher.iv_len == 0 {
            out.err("warning: iv not used by this cipher\n");
        } else {
            match hex::set_hex(h, cipher.iv_len, &mut out.stderr) {
                Some(v) => iv = v,
                None => return out.fail("invalid hex iv value\n"),
            }
        }
    }
    if hiv.is_none() && password.is_none() && cipher.iv_len != 0 {
        return out.fail("iv undefined\n");
    }
    if let Some(h) = hkey {
        match hex::set_hex(h, cipher.key_len, &mut out.stderr) {
            Some(k) => key = k,
            None => return out.fail("invalid hex key value\n"),
        }
    }
    if printkey > 0 {
        let mut lines = String::new();
        if !nosalt {
            // With a raw key the real tool prints its uninitialised salt buffer here; the
            // task never asks for that.
            lines.push_str(&format!(
                "salt={}\n",
                hex::upper(salt.as_deref().unwrap_or(&[0; 8]))
            ));
        }
        if cipher.key_len > 0 {
            lines.push_str(&format!("key={}\n", hex::upper(&key)));
        }
        if cipher.iv_len > 0 {
            lines.push_str(&format!("iv ={}\n", hex::upper(&iv)));
        }
        out.stdout.extend_from_slice(lines.as_bytes());
        if printkey == 2 {
            return out;
        }
    }

    let (mut data, fail) = if encrypt {
        cipher.encrypt(&key, &iv, &input, !nopad)
    } else {
        cipher.decrypt(&key, &iv, &input, !nopad)
    };
    data.splice(0..0, header);
    let data = if base64_on && encrypt {
        if fail.is_some() {
            // The base64 filter is never flushed: only whole 48-byte groups got out.
            let whole = data.len() / 48 * 48;
            base64::encode_lines(&data[..whole], one_line)
        } else {
            base64::encode_lines(&data, one_line)
        }
    } else {
        data
    };
    write_data(&mut out, outfile.is_some(), &data);
    if let Some(fail) = fail {
        let (code, function, reason, place) = fail.fields();
        out.err(if encrypt {
            "bad encrypt\n"
        } else {
            "bad decrypt\n"
        });
        out.err(&error_line(
            code,
            "Provider routines",
            function,
            reason,
            place,
            "",
        ));
        out.status = 1;
    }
    out
}

fn write_data(out: &mut Output, to_file: bool, data: &[u8]) {
    if to_file {
        if let Some((_, contents)) = &mut out.file {
            contents.extend_from_slice(data);
        }
    } else {
        out.stdout.extend_from_slice(data);
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

/// Runs `openssl ARGS` for the `enc` command and returns the exit status.
pub fn main(args: &[Vec<u8>]) -> i32 {
    let command = args
        .first()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .unwrap_or_default();
    if command != "enc" {
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

#[cfg(test)]
mod tests;
