//! The message digests the tasks use, by OpenSSL name, with HMAC and PBKDF2 over each.

use digest::{DynDigest, KeyInit, Mac};
use hmac::SimpleHmac;

/// A message digest OpenSSL 3.0's default provider offers, in the subset the tasks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Md {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_256,
    Sha3_256,
    Sha3_512,
    Blake2b512,
    Blake2s256,
    Sm3,
    Ripemd160,
}

/// Runs `$body` with `$d` a type alias for `$md`'s RustCrypto hasher.
macro_rules! with_md {
    ($md:expr, $d:ident => $body:expr) => {
        match $md {
            Md::Md5 => {
                type $d = md5::Md5;
                $body
            }
            Md::Sha1 => {
                type $d = sha1::Sha1;
                $body
            }
            Md::Sha224 => {
                type $d = sha2::Sha224;
                $body
            }
            Md::Sha256 => {
                type $d = sha2::Sha256;
                $body
            }
            Md::Sha384 => {
                type $d = sha2::Sha384;
                $body
            }
            Md::Sha512 => {
                type $d = sha2::Sha512;
                $body
            }
            Md::Sha512_256 => {
                type $d = sha2::Sha512_256;
                $body
            }
            Md::Sha3_256 => {
                type $d = sha3::Sha3_256;
                $body
            }
            Md::Sha3_512 => {
                type $d = sha3::Sha3_512;
                $body
            }
            Md::Blake2b512 => {
                type $d = blake2::Blake2b512;
                $body
            }
            Md::Blake2s256 => {
                type $d = blake2::Blake2s256;
                $body
            }
            Md::Sm3 => {
                type $d = sm3::Sm3;
                $body
            }
            Md::Ripemd160 => {
                type $d = ripemd::Ripemd160;
                $body
            }
        }
    };
}

/// Each digest with the names OpenSSL 3.0 fetches it by (matched without regard to case);
/// the first is its canonical name, the one `EVP_MD_get0_name` gives.
const NAMES: &[(Md, &[&str])] = &[
    (Md::Md5, &["MD5", "SSL3-MD5"]),
    (Md::Sha1, &["SHA1", "SHA-1", "SSL3-SHA1"]),
    (Md::Sha224, &["SHA2-224", "SHA-224", "SHA224"]),
    (Md::Sha256, &["SHA2-256", "SHA-256", "SHA256"]),
    (Md::Sha384, &["SHA2-384", "SHA-384", "SHA384"]),
    (Md::Sha512, &["SHA2-512", "SHA-512", "SHA512"]),
    (
        Md::Sha512_256,
        &["SHA2-512/256", "SHA-512/256", "SHA512-256"],
    ),
    (Md::Sha3_256, &["SHA3-256"]),
    (Md::Sha3_512, &["SHA3-512"]),
    (Md::Blake2b512, &["BLAKE2B-512", "BLAKE2b512"]),
    (Md::Blake2s256, &["BLAKE2S-256", "BLAKE2s256"]),
    (Md::Sm3, &["SM3"]),
    (
        Md::Ripemd160,
        &["RIPEMD-160", "RIPEMD160", "RIPEMD", "RMD160"],
    ),
];

impl Md {
    /// Every digest, in a fixed order.
    pub const ALL: [Md; 13] = [
        Md::Md5,
        Md::Sha1,
        Md::Sha224,
        Md::Sha256,
        Md::Sha384,
        Md::Sha512,
        Md::Sha512_256,
        Md::Sha3_256,
        Md::Sha3_512,
        Md::Blake2b512,
        Md::Blake2s256,
        Md::Sm3,
        Md::Ripemd160,
    ];

    /// The digest OpenSSL fetches by `name` (any of its names, any case).
    pub fn from_name(name: &[u8]) -> Option<Md> {
        NAMES
            .iter()
            .find(|(_, names)| {
                names
                    .iter()
                    .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
            })
            .map(|&(md, _)| md)
    }

    /// The canonical name: `SHA2-256`, `BLAKE2B-512`, `RIPEMD-160`.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(md, _)| *md == self)
            .map_or("", |(_, names)| names[0])
    }

    /// Output length in bytes.
    pub fn size(self) -> usize {
        with_md!(self, D => <D as digest::OutputSizeUser>::output_size())
    }

    /// Input block length in bytes (what HMAC pads its key to).
    pub fn block_size(self) -> usize {
        with_md!(self, D => <D as digest::block_api::BlockSizeUser>::block_size())
    }

    /// A fresh streaming hasher.
    pub fn hasher(self) -> Box<dyn DynDigest> {
        with_md!(self, D => Box::new(D::default()))
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = self.hasher();
        h.update(data);
        h.finalize().into_vec()
    }

    /// A streaming HMAC keyed with `key` (any length).
    pub fn hmac(self, key: &[u8]) -> Box<dyn StreamMac> {
        with_md!(self, D => Box::new(
            <SimpleHmac<D> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length")
        ))
    }

    /// HMAC of `data` keyed with `key`.
    pub fn hmac_of(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut mac = self.hmac(key);
        mac.feed(data);
        mac.tag()
    }

    /// PBKDF2 (RFC 8018) with HMAC over this digest, filling `out`.
    pub fn pbkdf2(self, password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
        with_md!(self, D => pbkdf2::pbkdf2::<SimpleHmac<D>>(password, salt, iterations, out)
            .expect("HMAC takes keys of any length"))
    }
}

/// A MAC fed in pieces: what `dgst -hmac` and `mac` stream input through.
pub trait StreamMac {
    /// Absorbs more input.
    fn feed(&mut self, data: &[u8]);
    /// The tag of everything fed.
    fn tag(self: Box<Self>) -> Vec<u8>;
}

impl<M: Mac> StreamMac for M {
    fn feed(&mut self, data: &[u8]) {
        Mac::update(self, data);
    }

    fn tag(self: Box<Self>) -> Vec<u8> {
        self.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests;
