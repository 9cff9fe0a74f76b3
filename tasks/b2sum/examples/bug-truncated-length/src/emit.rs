//! Hashing mode: the digest of each operand and the line it prints. (the buggy copy of this example: it computes BLAKE2b-512 and cuts it for -l, but the length is part of BLAKE2b's parameters)

use crate::Hash;
use crate::options::{Algo, Config, Mode, Program};
use crate::sums::PosixCrc;

/// A fresh hash for `algo` producing `bits` (BLAKE2b) or its own length.
pub fn hasher(algo: Algo, bits: u64) -> Box<dyn Hash> {
    match algo {
        Algo::Md5 => Box::new(crate::md5::Md5::new()),
        Algo::Sha1 => Box::new(crate::sha1::Sha1::new()),
        Algo::Sha224 => Box::new(crate::sha256::Sha256::new_224()),
        Algo::Sha256 => Box::new(crate::sha256::Sha256::new_256()),
        Algo::Sha384 => Box::new(crate::sha512::Sha512::new_384()),
        Algo::Sha512 => Box::new(crate::sha512::Sha512::new_512()),
        // A shorter BLAKE2b, this example believes, is the full one cut short.
        Algo::Blake2b => Box::new(Truncated(
            crate::blake2b::Blake2b::new(64),
            (bits / 8) as usize,
        )),
        Algo::Sm3 => Box::new(crate::sm3::Sm3::new()),
        Algo::Crc => Box::new(PosixCrc::default()),
        // The two sums need all the data; `Whole` keeps it.
        Algo::Bsd | Algo::Sysv => Box::new(Whole(Vec::new(), algo)),
    }
}

/// Keeps every byte, then sums them (BSD or System V).
struct Whole(Vec<u8>, Algo);

impl Hash for Whole {
    fn update(&mut self, data: &[u8]) {
        self.0.extend_from_slice(data);
    }

    fn finish(&mut self) -> Vec<u8> {
        let sum = if self.1 == Algo::Bsd {
            crate::sums::bsd(&self.0)
        } else {
            crate::sums::sysv(&self.0)
        };
        sum.to_be_bytes().to_vec()
    }
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Backslash-escapes `\`, newline and carriage return.
pub fn escaped(name: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &c in name {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(c),
        }
    }
    out
}

/// The line for `name` whose content had `digest` and `size` bytes, with its terminator.
pub fn line(config: &Config, name: &[u8], digest: &[u8], size: u64) -> Vec<u8> {
    let end = if config.zero { b'\0' } else { b'\n' };
    let mut out = Vec::new();
    let shown_name = |out: &mut Vec<u8>| {
        if config.named {
            out.push(b' ');
            out.extend_from_slice(name);
        }
    };
    match config.algo {
        Algo::Bsd => {
            let sum = u16::from_be_bytes([digest[0], digest[1]]);
            out.extend_from_slice(format!("{sum:05} {:>5}", size.div_ceil(1024)).as_bytes());
            shown_name(&mut out);
        }
        Algo::Sysv => {
            let sum = u16::from_be_bytes([digest[0], digest[1]]);
            out.extend_from_slice(format!("{sum} {}", size.div_ceil(512)).as_bytes());
            shown_name(&mut out);
        }
        Algo::Crc => {
            let crc = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
            out.extend_from_slice(format!("{crc} {size}").as_bytes());
            shown_name(&mut out);
        }
        algo => {
            let needs_escape = !config.zero && name.iter().any(|c| b"\\\n\r".contains(c));
            let name: Vec<u8> = if needs_escape {
                escaped(name)
            } else {
                name.to_vec()
            };
            if needs_escape {
                out.push(b'\\');
            }
            let hex = hex(digest);
            if config.tagged {
                out.extend_from_slice(algo.tag().as_bytes());
                if algo == Algo::Blake2b && config.bits != 512 {
                    out.extend_from_slice(format!("-{}", config.bits).as_bytes());
                }
                out.extend_from_slice(b" (");
                out.extend_from_slice(&name);
                out.extend_from_slice(b") = ");
                out.extend_from_slice(hex.as_bytes());
            } else {
                out.extend_from_slice(hex.as_bytes());
                let binary = config.mode == Mode::Binary && config.program != Program::Cksum;
                out.extend_from_slice(if binary { b" *" } else { b"  " });
                out.extend_from_slice(&name);
            }
        }
    }
    out.push(end);
    out
}

/// BLAKE2b-512 cut to a shorter length.
struct Truncated(crate::blake2b::Blake2b, usize);

impl Hash for Truncated {
    fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    fn finish(&mut self) -> Vec<u8> {
        let mut digest = self.0.finish();
        digest.truncate(self.1);
        digest
    }
}
