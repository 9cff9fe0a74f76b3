//! The four KDFs of the subset with OpenSSL 3.0's parameters, defaults and errors.

use openssl_common::error_line;
use openssl_common::md::Md;
use openssl_common::params::{self, Kind, Parsed};

/// A KDF of the subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kdf {
    Pbkdf2,
    Hkdf,
    Scrypt,
    Tls1Prf,
}

impl Kdf {
    /// The KDF OpenSSL fetches by `name` (any case).
    pub fn from_name(name: &[u8]) -> Option<Kdf> {
        [
            (Kdf::Pbkdf2, &b"PBKDF2"[..]),
            (Kdf::Hkdf, b"HKDF"),
            (Kdf::Scrypt, b"SCRYPT"),
            (Kdf::Scrypt, b"id-scrypt"),
            (Kdf::Tls1Prf, b"TLS1-PRF"),
        ]
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case(name))
        .map(|&(k, _)| k)
    }

    /// The parameters `-kdfopt` may set.
    fn settable(self) -> &'static [(&'static str, Kind)] {
        match self {
            Kdf::Pbkdf2 => &[
                ("pass", Kind::Octets),
                ("salt", Kind::Octets),
                ("iter", Kind::Number),
                ("pkcs5", Kind::Number),
                ("digest", Kind::Text),
                ("properties", Kind::Text),
            ],
            Kdf::Hkdf => &[
                ("key", Kind::Octets),
                ("salt", Kind::Octets),
                ("info", Kind::Octets),
                ("digest", Kind::Text),
                ("mode", Kind::Text),
                ("properties", Kind::Text),
            ],
            Kdf::Scrypt => &[
                ("pass", Kind::Octets),
                ("salt", Kind::Octets),
                ("n", Kind::Number),
                ("r", Kind::Number),
                ("p", Kind::Number),
                ("maxmem_bytes", Kind::Number),
                ("properties", Kind::Text),
            ],
            Kdf::Tls1Prf => &[
                ("secret", Kind::Octets),
                ("seed", Kind::Octets),
                ("digest", Kind::Text),
                ("properties", Kind::Text),
            ],
        }
    }
}

/// The digest a KDF runs on: one of [`Md`], or TLS 1.0's MD5+SHA-1 pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Md(Md),
    Md5Sha1,
}

/// HKDF's modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    ExtractAndExpand,
    ExtractOnly,
    ExpandOnly,
}

/// The parameters once set on the context. Single-valued ones keep their first value;
/// `info` (HKDF) and `seed` (TLS1-PRF) concatenate every value given.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub digest: Option<Digest>,
    pub mode: Option<Mode>,
    pub values: Parsed,
}

impl Params {
    fn octet(&self, name: &str) -> Option<&[u8]> {
        self.values.octets(name)
    }

    fn joined(&self, name: &str) -> Vec<u8> {
        self.values.joined(name)
    }

    fn number(&self, name: &str) -> Option<u64> {
        self.values.number(name)
    }

    /// Parses every `-kdfopt NAME:VALUE` (as `app_params_new_from_opts` does), then sets
    /// them (as the KDF's `set_ctx_params` does).
    ///
    /// # Errors
    /// The lines the tool prints: `Parameter unknown '…'`, `Parameter error '…'` (with the
    /// hex parser's error line) or `KDF parameter error` (with the provider's, if any).
    pub fn parse(kdf: Kdf, opts: &[&[u8]]) -> Result<Params, String> {
        let values = params::parse(opts, kdf.settable())?;
        let mut params = Params {
            values,
            ..Params::default()
        };
        let set_error = |line: String| format!("KDF parameter error\n{line}");
        if let Some(name) = params.values.text("digest").map(<[u8]>::to_vec) {
            let digest = if kdf == Kdf::Tls1Prf && name.eq_ignore_ascii_case(b"MD5-SHA1") {
                Some(Digest::Md5Sha1)
            } else {
                Md::from_name(&name).map(Digest::Md)
            };
            let Some(digest) = digest else {
                return Err(set_error(params::fetch_error(&name)));
            };
            params.digest = Some(digest);
        }
        if let Some(mode) = params.values.text("mode").map(<[u8]>::to_vec) {
            let m = [
                (Mode::ExtractAndExpand, &b"EXTRACT_AND_EXPAND"[..]),
                (Mode::ExtractOnly, b"EXTRACT_ONLY"),
                (Mode::ExpandOnly, b"EXPAND_ONLY"),
            ]
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(&mode))
            .map(|&(m, _)| m);
            let Some(m) = m else {
                return Err(set_error(error_line(
                    "1C80007D",
                    "Provider routines",
                    "hkdf_common_set_ctx_params",
                    "invalid mode",
                    "../providers/implementations/kdfs/hkdf.c:210",
                    "",
                )));
            };
            params.mode = Some(m);
        }
        match kdf {
            Kdf::Pbkdf2 if params.number("iter") == Some(0) => Err(set_error(error_line(
                "1C80007B",
                "Provider routines",
                "kdf_pbkdf2_set_ctx_params",
                "invalid iteration count",
                "../providers/implementations/kdfs/pbkdf2.c:208",
                "",
            ))),
            Kdf::Scrypt
                if params
                    .number("n")
                    .is_some_and(|n| n <= 1 || !n.is_power_of_two())
                    || params.number("r") == Some(0)
                    || params.number("p") == Some(0) =>
            {
                Err("KDF parameter error\n".into())
            }
            _ => Ok(params),
        }
    }
}

/// A provider error line for a derive that failed.
fn provider(code: &str, function: &str, reason: &str, place: &str) -> String {
    error_line(code, "Provider routines", function, reason, place, "")
}

/// Derives `len` bytes.
///
/// # Errors
/// The error lines printed after `EVP_KDF_derive failed` (possibly none).
pub fn derive(kdf: Kdf, params: &Params, len: usize) -> Result<Vec<u8>, String> {
    match kdf {
        Kdf::Pbkdf2 => {
            let md = match params.digest {
                Some(Digest::Md(md)) => md,
                Some(Digest::Md5Sha1) => return Err(String::new()),
                None => Md::Sha1,
            };
            let Some(pass) = params.octet("pass") else {
                return Err(provider(
                    "1C800082",
                    "kdf_pbkdf2_derive",
                    "missing pass",
                    "../providers/implementations/kdfs/pbkdf2.c:154",
                ));
            };
            let Some(salt) = params.octet("salt") else {
                return Err(provider(
                    "1C800083",
                    "kdf_pbkdf2_derive",
                    "missing salt",
                    "../providers/implementations/kdfs/pbkdf2.c:159",
                ));
            };
            let iter = params.number("iter").unwrap_or(2048);
            let mut out = vec![0; len];
            md.pbkdf2(
                pass,
                salt,
                u32::try_from(iter).unwrap_or(u32::MAX),
                &mut out,
            );
            Ok(out)
        }
        Kdf::Hkdf => {
            let Some(Digest::Md(md)) = params.digest else {
                return Err(provider(
                    "1C800081",
                    "kdf_hkdf_derive",
                    "missing message digest",
                    "../providers/implementations/kdfs/hkdf.c:161",
                ));
            };
            let Some(key) = params.octet("key") else {
                return Err(provider(
                    "1C800080",
                    "kdf_hkdf_derive",
                    "missing key",
                    "../providers/implementations/kdfs/hkdf.c:165",
                ));
            };
            let salt = params.octet("salt").unwrap_or_default();
            let info = params.joined("info");
            match params.mode.unwrap_or(Mode::ExtractAndExpand) {
                Mode::ExtractAndExpand => hkdf_expand(md, &md.hmac_of(salt, key), &info, len),
                Mode::ExtractOnly => {
                    if len != md.size() {
                        return Err(provider(
                            "1C80008B",
                            "HKDF_Extract",
                            "wrong output buffer size",
                            "../providers/implementations/kdfs/hkdf.c:462",
                        ));
                    }
                    Ok(md.hmac_of(salt, key))
                }
                Mode::ExpandOnly => hkdf_expand(md, key, &info, len),
            }
        }
        Kdf::Scrypt => {
            let Some(pass) = params.octet("pass") else {
                return Err(provider(
                    "1C800082",
                    "kdf_scrypt_derive",
                    "missing pass",
                    "../providers/implementations/kdfs/scrypt.c:162",
                ));
            };
            let Some(salt) = params.octet("salt") else {
                return Err(provider(
                    "1C800083",
                    "kdf_scrypt_derive",
                    "missing salt",
                    "../providers/implementations/kdfs/scrypt.c:167",
                ));
            };
            let n = params.number("n").unwrap_or(1 << 20);
            let r = params.number("r").unwrap_or(8);
            let p = params.number("p").unwrap_or(1);
            let log_n = n.trailing_zeros() as u8;
            let (Ok(r), Ok(p)) = (u32::try_from(r), u32::try_from(p)) else {
                return Err(String::new());
            };
            let Ok(scrypt_params) = scrypt::Params::new(log_n, r, p) else {
                return Err(String::new());
            };
            let mut out = vec![0; len];
            scrypt::scrypt(pass, salt, &scrypt_params, &mut out).map_err(|_| String::new())?;
            Ok(out)
        }
        Kdf::Tls1Prf => {
            let Some(digest) = params.digest else {
                return Err(provider(
                    "1C800081",
                    "kdf_tls1_prf_derive",
                    "missing message digest",
                    "../providers/implementations/kdfs/tls1_prf.c:145",
                ));
            };
            let Some(secret) = params.octet("secret") else {
                return Err(provider(
                    "1C800084",
                    "kdf_tls1_prf_derive",
                    "missing secret",
                    "../providers/implementations/kdfs/tls1_prf.c:149",
                ));
            };
            let seed = params.joined("seed");
            if seed.is_empty() {
                return Err(provider(
                    "1C80008C",
                    "kdf_tls1_prf_derive",
                    "missing seed",
                    "../providers/implementations/kdfs/tls1_prf.c:153",
                ));
            }
            Ok(match digest {
                Digest::Md(md) => p_hash(md, secret, &seed, len),
                Digest::Md5Sha1 => {
                    // TLS 1.0/1.1: the secret's halves (overlapping by a byte when its
                    // length is odd) through P_MD5 and P_SHA1, XORed.
                    let half = secret.len() / 2 + secret.len() % 2;
                    let mut out = p_hash(Md::Md5, &secret[..half], &seed, len);
                    let other = p_hash(Md::Sha1, &secret[secret.len() / 2..], &seed, len);
                    for (o, t) in out.iter_mut().zip(other) {
                        *o ^= t;
                    }
                    out
                }
            })
        }
    }
}

/// HKDF-Expand (RFC 5869 §2.3).
fn hkdf_expand(md: Md, prk: &[u8], info: &[u8], len: usize) -> Result<Vec<u8>, String> {
    if len > 255 * md.size() {
        return Err(String::new());
    }
    let mut out = Vec::with_capacity(len + md.size());
    let mut t: Vec<u8> = Vec::new();
    let mut counter = 1u8;
    while out.len() < len {
        let mut input = t.clone();
        input.extend_from_slice(info);
        input.push(counter);
        t = md.hmac_of(prk, &input);
        out.extend_from_slice(&t);
        counter = counter.wrapping_add(1);
    }
    out.truncate(len);
    Ok(out)
}

/// TLS's P_hash (RFC 5246 §5): A(i) = HMAC(secret, A(i-1)), output HMAC(secret, A(i) || seed).
fn p_hash(md: Md, secret: &[u8], seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + md.size());
    let mut a = md.hmac_of(secret, seed);
    while out.len() < len {
        let mut input = a.clone();
        input.extend_from_slice(seed);
        out.extend_from_slice(&md.hmac_of(secret, &input));
        a = md.hmac_of(secret, &a);
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests;
