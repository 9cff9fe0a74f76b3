//! The ciphers of the task's subset, in OpenSSL's modes, over whole buffers.
//!
//! Everything is computed at once (inputs are small) but with the streaming code's
//! results: on decryption with padding the last full block is held back until the end, so
//! a bad pad or a ragged length leaves every earlier block written.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit, KeyIvInit, StreamCipherCore};
use chacha20::ChaCha20LegacyCore;

/// Block cipher or stream cipher, and its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Ecb,
    Cbc,
    /// A 128-bit big-endian counter: the whole IV is incremented, wrapping at 2^128.
    Ctr,
    /// ChaCha20 with OpenSSL's 16-byte IV: a 32-bit little-endian block counter then a
    /// 96-bit nonce, the counter carrying into the nonce's first word.
    ChaCha20,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algo {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
    ChaCha20,
}

/// One cipher of the subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cipher {
    /// OpenSSL's canonical name, e.g. `AES-128-CBC`.
    pub name: &'static str,
    algo: Algo,
    pub mode: Mode,
    pub key_len: usize,
    pub iv_len: usize,
    /// 1 for stream ciphers and CTR.
    pub block_size: usize,
}

const fn c(
    name: &'static str,
    algo: Algo,
    mode: Mode,
    key_len: usize,
    iv_len: usize,
    block_size: usize,
) -> Cipher {
    Cipher {
        name,
        algo,
        mode,
        key_len,
        iv_len,
        block_size,
    }
}

/// The ciphers with every name OpenSSL fetches them by (any case).
const CIPHERS: &[(Cipher, &[&str])] = &[
    (
        c("AES-128-ECB", Algo::Aes128, Mode::Ecb, 16, 0, 16),
        &["AES-128-ECB"],
    ),
    (
        c("AES-192-ECB", Algo::Aes192, Mode::Ecb, 24, 0, 16),
        &["AES-192-ECB"],
    ),
    (
        c("AES-256-ECB", Algo::Aes256, Mode::Ecb, 32, 0, 16),
        &["AES-256-ECB"],
    ),
    (
        c("AES-128-CBC", Algo::Aes128, Mode::Cbc, 16, 16, 16),
        &["AES-128-CBC", "AES128"],
    ),
    (
        c("AES-192-CBC", Algo::Aes192, Mode::Cbc, 24, 16, 16),
        &["AES-192-CBC", "AES192"],
    ),
    (
        c("AES-256-CBC", Algo::Aes256, Mode::Cbc, 32, 16, 16),
        &["AES-256-CBC", "AES256"],
    ),
    (
        c("AES-128-CTR", Algo::Aes128, Mode::Ctr, 16, 16, 1),
        &["AES-128-CTR"],
    ),
    (
        c("AES-192-CTR", Algo::Aes192, Mode::Ctr, 24, 16, 1),
        &["AES-192-CTR"],
    ),
    (
        c("AES-256-CTR", Algo::Aes256, Mode::Ctr, 32, 16, 1),
        &["AES-256-CTR"],
    ),
    (
        c("ChaCha20", Algo::ChaCha20, Mode::ChaCha20, 32, 16, 1),
        &["ChaCha20"],
    ),
    (
        c("DES-EDE3-CBC", Algo::DesEde3, Mode::Cbc, 24, 8, 8),
        &["DES-EDE3-CBC", "DES3"],
    ),
];

/// Why the last step (`EVP_CipherFinal`) failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fail {
    /// Encrypting without padding, the input is not a whole number of blocks.
    EncryptLength,
    /// Decrypting, the input is not a whole (non-zero with padding) number of blocks.
    DecryptLength,
    /// The last byte is 0 or larger than a block.
    PadValue,
    /// A padding byte differs from the last one.
    PadBytes,
}

impl Fail {
    /// The error-queue fields: code, function, reason, source place.
    pub fn fields(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Fail::EncryptLength => (
                "1C80006B",
                "ossl_cipher_generic_block_final",
                "wrong final block length",
                "../providers/implementations/ciphers/ciphercommon.c:417",
            ),
            Fail::DecryptLength => (
                "1C80006B",
                "ossl_cipher_generic_block_final",
                "wrong final block length",
                "../providers/implementations/ciphers/ciphercommon.c:440",
            ),
            Fail::PadValue => (
                "1C800064",
                "ossl_cipher_unpadblock",
                "bad decrypt",
                "../providers/implementations/ciphers/ciphercommon_block.c:124",
            ),
            Fail::PadBytes => (
                "1C800064",
                "ossl_cipher_unpadblock",
                "bad decrypt",
                "../providers/implementations/ciphers/ciphercommon_block.c:129",
            ),
        }
    }
}

enum Keyed {
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
    DesEde3(des::TdesEde3),
}

macro_rules! block_op {
    ($keyed:expr, $block:expr, $method:ident) => {
        match $keyed {
            Keyed::Aes128(k) => one_block(k, $block, |k, b| k.$method(b)),
            Keyed::Aes192(k) => one_block(k, $block, |k, b| k.$method(b)),
            Keyed::Aes256(k) => one_block(k, $block, |k, b| k.$method(b)),
            Keyed::DesEde3(k) => one_block(k, $block, |k, b| k.$method(b)),
        }
    };
}

fn one_block<C: aes::cipher::BlockSizeUser>(
    cipher: &C,
    block: &mut [u8],
    op: impl Fn(&C, &mut aes::cipher::Block<C>),
) {
    let mut b = aes::cipher::Block::<C>::try_from(&block[..]).expect("whole blocks only");
    op(cipher, &mut b);
    block.copy_from_slice(&b);
}

impl Keyed {
    fn new(algo: Algo, key: &[u8]) -> Keyed {
        match algo {
            Algo::Aes128 => Keyed::Aes128(aes::Aes128::new_from_slice(key).expect("16-byte key")),
            Algo::Aes192 => Keyed::Aes192(aes::Aes192::new_from_slice(key).expect("24-byte key")),
            Algo::Aes256 => Keyed::Aes256(aes::Aes256::new_from_slice(key).expect("32-byte key")),
            Algo::DesEde3 => {
                Keyed::DesEde3(des::TdesEde3::new_from_slice(key).expect("24-byte key"))
            }
            Algo::ChaCha20 => unreachable!("ChaCha20 is a stream cipher"),
        }
    }

    fn encrypt(&self, block: &mut [u8]) {
        block_op!(self, block, encrypt_block)
    }

    fn decrypt(&self, block: &mut [u8]) {
        block_op!(self, block, decrypt_block)
    }
}

impl Cipher {
    /// The cipher OpenSSL fetches by `name` (any of its names, any case).
    pub fn from_name(name: &[u8]) -> Option<Cipher> {
        CIPHERS
            .iter()
            .find(|(_, names)| {
                names
                    .iter()
                    .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
            })
            .map(|&(c, _)| c)
    }

    /// Every cipher of the subset.
    pub fn all() -> impl Iterator<Item = Cipher> {
        CIPHERS.iter().map(|&(c, _)| c)
    }

    /// Encrypts `data` (`key` and `iv` of this cipher's lengths). With `pad`, PKCS#7 padding
    /// is added; without it a ragged length fails after the whole blocks are written.
    pub fn encrypt(
        &self,
        key: &[u8],
        iv: &[u8],
        data: &[u8],
        pad: bool,
    ) -> (Vec<u8>, Option<Fail>) {
        if self.block_size == 1 {
            return (self.stream(key, iv, data), None);
        }
        let bs = self.block_size;
        let mut buf = data.to_vec();
        let mut fail = None;
        if pad {
            let n = bs - data.len() % bs;
            buf.extend(std::iter::repeat_n(n as u8, n));
        } else if !data.len().is_multiple_of(bs) {
            buf.truncate(data.len() / bs * bs);
            fail = Some(Fail::EncryptLength);
        }
        let keyed = Keyed::new(self.algo, key);
        let mut chain = iv.to_vec();
        for block in buf.chunks_mut(bs) {
            if self.mode == Mode::Cbc {
                for (b, c) in block.iter_mut().zip(&chain) {
                    *b ^= c;
                }
            }
            keyed.encrypt(block);
            if self.mode == Mode::Cbc {
                chain.copy_from_slice(block);
            }
        }
        (buf, fail)
    }

    /// Decrypts `data`. With `pad` the last block must be whole and carry valid PKCS#7
    /// padding, which is removed; on failure everything before the last block is returned.
    pub fn decrypt(
        &self,
        key: &[u8],
        iv: &[u8],
        data: &[u8],
        pad: bool,
    ) -> (Vec<u8>, Option<Fail>) {
        if self.block_size == 1 {
            return (self.stream(key, iv, data), None);
        }
        let bs = self.block_size;
        let whole = data.len() / bs * bs;
        let keyed = Keyed::new(self.algo, key);
        let mut out = data[..whole].to_vec();
        let mut chain = iv.to_vec();
        for block in out.chunks_mut(bs) {
            let cipher_block = block.to_vec();
            keyed.decrypt(block);
            if self.mode == Mode::Cbc {
                for (b, c) in block.iter_mut().zip(&chain) {
                    *b ^= c;
                }
                chain = cipher_block;
            }
        }
        if whole != data.len() || (pad && data.is_empty()) {
            return (out, Some(Fail::DecryptLength));
        }
        if !pad {
            return (out, None);
        }
        let last = &out[whole - bs..];
        let n = usize::from(last[bs - 1]);
        if n == 0 || n > bs {
            out.truncate(whole - bs);
            return (out, Some(Fail::PadValue));
        }
        if last[bs - n..].iter().any(|&b| usize::from(b) != n) {
            out.truncate(whole - bs);
            return (out, Some(Fail::PadBytes));
        }
        out.truncate(whole - n);
        (out, None)
    }

    /// CTR and ChaCha20: the keystream XORed onto the data, both ways.
    fn stream(&self, key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = data.to_vec();
        match self.mode {
            Mode::Ctr => {
                let keyed = Keyed::new(self.algo, key);
                let mut counter = u128::from_be_bytes(iv.try_into().expect("16-byte IV"));
                for chunk in out.chunks_mut(16) {
                    let mut pad = counter.to_be_bytes();
                    keyed.encrypt(&mut pad);
                    for (b, p) in chunk.iter_mut().zip(pad) {
                        *b ^= p;
                    }
                    counter = counter.wrapping_add(1);
                }
            }
            Mode::ChaCha20 => {
                // OpenSSL's state words 12..16 are the IV's four little-endian words: the
                // counter (word 12) carries into word 13, so they form a 64-bit counter
                // over the 64-bit nonce of words 14 and 15, exactly the original ("legacy")
                // ChaCha20 layout.
                let nonce: [u8; 8] = iv[8..16].try_into().expect("16-byte IV");
                let start = u64::from_le_bytes(iv[..8].try_into().expect("16-byte IV"));
                let mut core =
                    ChaCha20LegacyCore::new(key.try_into().expect("32-byte key"), &nonce.into());
                for (i, chunk) in out.chunks_mut(64).enumerate() {
                    core.set_block_pos(start.wrapping_add(i as u64));
                    let mut block = Default::default();
                    core.write_keystream_block(&mut block);
                    for (b, k) in chunk.iter_mut().zip(block.iter()) {
                        *b ^= k;
                    }
                }
            }
            Mode::Ecb | Mode::Cbc => unreachable!("block modes are not streams"),
        }
        out
    }
}

#[cfg(test)]
mod tests;
