//! The six MACs of the subset with OpenSSL 3.0's parameters, defaults and errors.

use aes::cipher::KeyInit;
use blake2::Blake2bVarCore;
use blake2::digest::block_api::{Lazy, UpdateCore, VariableOutputCore};
use blake2::digest::block_buffer::BlockBuffer;
use cmac::Mac as _;
use openssl_common::error_line;
use openssl_common::md::Md;
use openssl_common::params::{self, Kind, Parsed};

/// A MAC of the subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mac {
    Hmac,
    Cmac,
    SipHash,
    Poly1305,
    Kmac128,
    Kmac256,
    Blake2bMac,
}

impl Mac {
    /// The MAC OpenSSL fetches by `name` (any case).
    pub fn from_name(name: &[u8]) -> Option<Mac> {
        [
            (Mac::Hmac, &b"HMAC"[..]),
            (Mac::Cmac, b"CMAC"),
            (Mac::SipHash, b"SIPHASH"),
            (Mac::Poly1305, b"POLY1305"),
            (Mac::Kmac128, b"KMAC128"),
            (Mac::Kmac128, b"KMAC-128"),
            (Mac::Kmac256, b"KMAC256"),
            (Mac::Kmac256, b"KMAC-256"),
            (Mac::Blake2bMac, b"BLAKE2BMAC"),
        ]
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case(name))
        .map(|&(m, _)| m)
    }

    fn settable(self) -> &'static [(&'static str, Kind)] {
        match self {
            Mac::Hmac => &[
                ("digest", Kind::Text),
                ("properties", Kind::Text),
                ("key", Kind::Octets),
                ("tls-data-size", Kind::Number),
            ],
            Mac::Cmac => &[
                ("cipher", Kind::Text),
                ("properties", Kind::Text),
                ("key", Kind::Octets),
            ],
            Mac::SipHash => &[
                ("size", Kind::Number),
                ("key", Kind::Octets),
                ("c-rounds", Kind::Number),
                ("d-rounds", Kind::Number),
            ],
            Mac::Poly1305 => &[("key", Kind::Octets)],
            Mac::Kmac128 | Mac::Kmac256 => &[
                ("xof", Kind::Number),
                ("size", Kind::Number),
                ("key", Kind::Octets),
                ("custom", Kind::Octets),
            ],
            Mac::Blake2bMac => &[
                ("size", Kind::Number),
                ("key", Kind::Octets),
                ("custom", Kind::Octets),
                ("salt", Kind::Octets),
            ],
        }
    }
}

/// The AES key sizes CMAC takes, by cipher name.
fn cmac_cipher(name: &[u8]) -> Option<usize> {
    [
        (&b"AES-128-CBC"[..], 16),
        (b"AES128", 16),
        (b"AES-192-CBC", 24),
        (b"AES192", 24),
        (b"AES-256-CBC", 32),
        (b"AES256", 32),
    ]
    .iter()
    .find(|(n, _)| n.eq_ignore_ascii_case(name))
    .map(|&(_, k)| k)
}

/// A MAC context with its parameters set.
#[derive(Debug, Clone)]
pub struct Context {
    mac: Mac,
    values: Parsed,
    md: Option<Md>,
    cipher_key_len: Option<usize>,
}

fn set_error(line: &str) -> String {
    format!("MAC parameter error\n{line}")
}

fn provider(code: &str, function: &str, reason: &str, place: &str) -> String {
    error_line(code, "Provider routines", function, reason, place, "")
}

impl Context {
    /// Parses and sets the `-macopt`s (`-digest` and `-cipher` already appended).
    ///
    /// # Errors
    /// What the tool prints when a parameter is unknown, malformed or refused.
    pub fn new(mac: Mac, opts: &[&[u8]]) -> Result<Context, String> {
        let values = params::parse(opts, mac.settable())?;
        let mut ctx = Context {
            mac,
            values,
            md: None,
            cipher_key_len: None,
        };
        let key = ctx.values.octets("key").map(<[u8]>::to_vec);
        match mac {
            Mac::Hmac => {
                if let Some(name) = ctx.values.text("digest") {
                    ctx.md = Some(
                        Md::from_name(name).ok_or_else(|| set_error(&params::fetch_error(name)))?,
                    );
                }
                if key.is_some() && ctx.md.is_none() {
                    return Err(set_error(""));
                }
            }
            Mac::Cmac => {
                if let Some(name) = ctx.values.text("cipher") {
                    ctx.cipher_key_len = Some(
                        cmac_cipher(name).ok_or_else(|| set_error(&params::fetch_error(name)))?,
                    );
                }
                if let Some(key) = &key {
                    match ctx.cipher_key_len {
                        None => return Err(set_error("")),
                        Some(n) if n != key.len() => {
                            return Err(set_error(&error_line(
                                "03000082",
                                "digital envelope routines",
                                "EVP_CIPHER_CTX_set_key_length",
                                "invalid key length",
                                "../crypto/evp/evp_enc.c:1045",
                                "",
                            )));
                        }
                        Some(_) => {}
                    }
                }
            }
            Mac::SipHash => {
                if ctx.values.number("size").is_some_and(|s| s != 8 && s != 16)
                    || key.as_ref().is_some_and(|k| k.len() != 16)
                {
                    return Err(set_error(""));
                }
            }
            Mac::Poly1305 => {
                if key.as_ref().is_some_and(|k| k.len() != 32) {
                    return Err(set_error(&provider(
                        "1C800069",
                        "poly1305_setkey",
                        "invalid key length",
                        "../providers/implementations/macs/poly1305_prov.c:85",
                    )));
                }
            }
            Mac::Kmac128 | Mac::Kmac256 => {
                if key.as_ref().is_some_and(|k| k.len() < 4 || k.len() > 512) {
                    return Err(set_error(&provider(
                        "1C800069",
                        "kmac_setkey",
                        "invalid key length",
                        "../providers/implementations/macs/kmac_prov.c:249",
                    )));
                }
            }
            Mac::Blake2bMac => {
                if ctx.values.number("size").is_some_and(|s| s == 0 || s > 64) {
                    return Err(set_error(&provider(
                        "1C800071",
                        "blake2_mac_set_ctx_params",
                        "not xof or invalid length",
                        "../providers/implementations/macs/blake2_mac_impl.c:203",
                    )));
                }
                if key.as_ref().is_some_and(|k| k.is_empty() || k.len() > 64) {
                    return Err(set_error(&provider(
                        "1C800069",
                        "blake2_setkey",
                        "invalid key length",
                        "../providers/implementations/macs/blake2_mac_impl.c:94",
                    )));
                }
                if ctx.values.octets("salt").is_some_and(|s| s.len() > 16) {
                    return Err(set_error(&provider(
                        "1C800070",
                        "blake2_mac_set_ctx_params",
                        "invalid salt length",
                        "../providers/implementations/macs/blake2_mac_impl.c:232",
                    )));
                }
            }
        }
        Ok(ctx)
    }

    /// The tag of `data`.
    ///
    /// # Errors
    /// What the tool prints when `EVP_MAC_init` or `EVP_MAC_final` fails (no key).
    pub fn compute(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        let Some(key) = self.values.octets("key") else {
            return Err(match self.mac {
                Mac::SipHash => "EVP_MAC_final failed\n".into(),
                Mac::Kmac128 | Mac::Kmac256 => format!(
                    "EVP_MAC_Init failed\n{}",
                    provider(
                        "1C800072",
                        "kmac_init",
                        "no key set",
                        "../providers/implementations/macs/kmac_prov.c:284"
                    )
                ),
                Mac::Blake2bMac => format!(
                    "EVP_MAC_Init failed\n{}",
                    provider(
                        "1C800072",
                        "blake2_mac_init",
                        "no key set",
                        "../providers/implementations/macs/blake2_mac_impl.c:117"
                    )
                ),
                _ => "EVP_MAC_Init failed\n".into(),
            });
        };
        Ok(match self.mac {
            Mac::Hmac => self.md.expect("set with the key").hmac_of(key, data),
            Mac::Cmac => cmac(key, data),
            Mac::SipHash => {
                let size = self.values.number("size").unwrap_or(16);
                let rounds = |name, default| match self.values.number(name) {
                    Some(0) | None => default,
                    Some(n) => n,
                };
                siphash(
                    key,
                    data,
                    rounds("c-rounds", 2),
                    rounds("d-rounds", 4),
                    size == 16,
                )
            }
            Mac::Poly1305 => {
                let key: [u8; 32] = key.try_into().expect("checked when set");
                poly1305::Poly1305::new(&key.into())
                    .compute_unpadded(data)
                    .to_vec()
            }
            Mac::Kmac128 | Mac::Kmac256 => {
                let (rate, default) = if self.mac == Mac::Kmac128 {
                    (168, 32)
                } else {
                    (136, 64)
                };
                let size = self.values.number("size").map_or(default, |s| s as usize);
                let xof = self.values.number("xof").is_some_and(|x| x != 0);
                kmac(
                    rate,
                    key,
                    data,
                    self.values.octets("custom").unwrap_or_default(),
                    size,
                    xof,
                )
            }
            Mac::Blake2bMac => {
                let size = self.values.number("size").map_or(64, |s| s as usize);
                blake2b_mac(
                    key,
                    data,
                    self.values.octets("salt").unwrap_or_default(),
                    self.values.octets("custom").unwrap_or_default(),
                    size,
                )
            }
        })
    }
}

/// AES-CMAC (RFC 4493, SP 800-38B) with a 16-, 24- or 32-byte key.
fn cmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    macro_rules! tag {
        ($aes:ty) => {{
            let mut mac =
                <cmac::Cmac<$aes> as KeyInit>::new_from_slice(key).expect("checked when set");
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }};
    }
    match key.len() {
        16 => tag!(aes::Aes128),
        24 => tag!(aes::Aes192),
        _ => tag!(aes::Aes256),
    }
}

/// SipHash-c-d with a 64- or 128-bit output, little-endian.
pub fn siphash(key: &[u8], data: &[u8], c: u64, d: u64, wide: bool) -> Vec<u8> {
    let k0 = u64::from_le_bytes(key[..8].try_into().expect("16-byte key"));
    let k1 = u64::from_le_bytes(key[8..16].try_into().expect("16-byte key"));
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    if wide {
        v[1] ^= 0xee;
    }
    let round = |v: &mut [u64; 4]| {
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    };
    let absorb = |v: &mut [u64; 4], m: u64| {
        v[3] ^= m;
        for _ in 0..c {
            round(v);
        }
        v[0] ^= m;
    };
    let whole = data.len() / 8 * 8;
    for word in data[..whole].chunks(8) {
        absorb(
            &mut v,
            u64::from_le_bytes(word.try_into().expect("8 bytes")),
        );
    }
    let mut last = [0u8; 8];
    last[..data.len() - whole].copy_from_slice(&data[whole..]);
    last[7] = data.len() as u8;
    absorb(&mut v, u64::from_le_bytes(last));
    v[2] ^= if wide { 0xee } else { 0xff };
    for _ in 0..d {
        round(&mut v);
    }
    let mut out = (v[0] ^ v[1] ^ v[2] ^ v[3]).to_le_bytes().to_vec();
    if wide {
        v[1] ^= 0xdd;
        for _ in 0..d {
            round(&mut v);
        }
        out.extend_from_slice(&(v[0] ^ v[1] ^ v[2] ^ v[3]).to_le_bytes());
    }
    out
}

/// SP 800-185 `left_encode`.
fn left_encode(x: u64) -> Vec<u8> {
    let bytes = x.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
    let mut out = vec![(8 - skip) as u8];
    out.extend_from_slice(&bytes[skip..]);
    out
}

/// SP 800-185 `right_encode`.
fn right_encode(x: u64) -> Vec<u8> {
    let mut out = left_encode(x);
    let n = out.remove(0);
    out.push(n);
    out
}

/// SP 800-185 `encode_string`.
fn encode_string(s: &[u8]) -> Vec<u8> {
    let mut out = left_encode(s.len() as u64 * 8);
    out.extend_from_slice(s);
    out
}

/// SP 800-185 `bytepad`.
fn bytepad(x: &[u8], w: usize) -> Vec<u8> {
    let mut out = left_encode(w as u64);
    out.extend_from_slice(x);
    while !out.len().is_multiple_of(w) {
        out.push(0);
    }
    out
}

/// KMAC (SP 800-185 §4) over cSHAKE with `rate` bytes per block (168: KMAC128, 136:
/// KMAC256), `size` bytes of output; with `xof` the length encoded is 0 (KMACXOF).
pub fn kmac(
    rate: usize,
    key: &[u8],
    data: &[u8],
    custom: &[u8],
    size: usize,
    xof: bool,
) -> Vec<u8> {
    let mut input = bytepad(
        &[encode_string(b"KMAC"), encode_string(custom)].concat(),
        rate,
    );
    input.extend_from_slice(&bytepad(&encode_string(key), rate));
    input.extend_from_slice(data);
    input.extend_from_slice(&right_encode(if xof { 0 } else { size as u64 * 8 }));
    // cSHAKE's padding: the domain bits 00, then pad10*1.
    input.push(0x04);
    while !input.len().is_multiple_of(rate) {
        input.push(0);
    }
    let last = input.len() - 1;
    input[last] |= 0x80;
    let mut state = [0u64; 25];
    let permute = |state: &mut [u64; 25]| keccak::Keccak::new().with_f1600(|f| f(state));
    for block in input.chunks(rate) {
        for (lane, word) in state.iter_mut().zip(block.chunks(8)) {
            *lane ^= u64::from_le_bytes(word.try_into().expect("8 bytes"));
        }
        permute(&mut state);
    }
    let mut out = Vec::with_capacity(size + rate);
    loop {
        for lane in &state[..rate / 8] {
            out.extend_from_slice(&lane.to_le_bytes());
        }
        if out.len() >= size {
            break;
        }
        permute(&mut state);
    }
    out.truncate(size);
    out
}

/// Keyed BLAKE2b (RFC 7693) with OpenSSL's salt, personalisation (`custom`) and output size.
pub fn blake2b_mac(key: &[u8], data: &[u8], salt: &[u8], custom: &[u8], size: usize) -> Vec<u8> {
    let mut core = Blake2bVarCore::new_with_params(salt, custom, key.len(), size);
    // The key, zero-padded to a block, goes first; the last block is kept for finalisation.
    let mut all = key.to_vec();
    all.resize(128, 0);
    all.extend_from_slice(data);
    let keep = if all.len().is_multiple_of(128) {
        128
    } else {
        all.len() % 128
    };
    let head = all.len() - keep;
    let blocks: Vec<_> = all[..head]
        .chunks(128)
        .map(|b| b.try_into().expect("128 bytes"))
        .collect();
    core.update_blocks(&blocks);
    let mut buffer = BlockBuffer::<_, Lazy>::new(&all[head..]);
    let mut out = Default::default();
    core.finalize_variable_core(&mut buffer, &mut out);
    let out: &[u8] = &out;
    out[..size].to_vec()
}

#[cfg(test)]
mod tests;
