//! A buggy `openssl kdf`: TLS1-PRF with MD5-SHA1 gives P_SHA1 the bytes after the first half, so an odd-length secret's middle byte is not shared.
//!
//! PBKDF2, HKDF and scrypt come from their RustCrypto crates; the TLS PRF is built here
//! from HMAC.

use std::io::Write;

use hmac::{Mac, SimpleHmac};

const Z: &str = "0000000000000000";

#[derive(Clone, Copy, PartialEq)]
enum H {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512t256,
    Sha3_256,
    Sha3_512,
    B2b,
    B2s,
    Sm3,
    Rmd,
    Md5Sha1,
}

fn lookup(name: &str, tls: bool) -> Option<H> {
    Some(match name.to_ascii_uppercase().as_str() {
        "MD5" | "SSL3-MD5" => H::Md5,
        "SHA1" | "SHA-1" | "SSL3-SHA1" => H::Sha1,
        "SHA224" | "SHA2-224" | "SHA-224" => H::Sha224,
        "SHA256" | "SHA2-256" | "SHA-256" => H::Sha256,
        "SHA384" | "SHA2-384" | "SHA-384" => H::Sha384,
        "SHA512" | "SHA2-512" | "SHA-512" => H::Sha512,
        "SHA512-256" | "SHA2-512/256" | "SHA-512/256" => H::Sha512t256,
        "SHA3-256" => H::Sha3_256,
        "SHA3-512" => H::Sha3_512,
        "BLAKE2B512" | "BLAKE2B-512" => H::B2b,
        "BLAKE2S256" | "BLAKE2S-256" => H::B2s,
        "SM3" => H::Sm3,
        "RIPEMD160" | "RIPEMD-160" | "RIPEMD" | "RMD160" => H::Rmd,
        "MD5-SHA1" if tls => H::Md5Sha1,
        _ => return None,
    })
}

macro_rules! on {
    ($h:expr, $t:ident => $e:expr) => {
        match $h {
            H::Md5 => {
                type $t = md5::Md5;
                $e
            }
            H::Sha1 => {
                type $t = sha1::Sha1;
                $e
            }
            H::Sha224 => {
                type $t = sha2::Sha224;
                $e
            }
            H::Sha256 => {
                type $t = sha2::Sha256;
                $e
            }
            H::Sha384 => {
                type $t = sha2::Sha384;
                $e
            }
            H::Sha512 => {
                type $t = sha2::Sha512;
                $e
            }
            H::Sha512t256 => {
                type $t = sha2::Sha512_256;
                $e
            }
            H::Sha3_256 => {
                type $t = sha3::Sha3_256;
                $e
            }
            H::Sha3_512 => {
                type $t = sha3::Sha3_512;
                $e
            }
            H::B2b => {
                type $t = blake2::Blake2b512;
                $e
            }
            H::B2s => {
                type $t = blake2::Blake2s256;
                $e
            }
            H::Sm3 => {
                type $t = sm3::Sm3;
                $e
            }
            H::Rmd | H::Md5Sha1 => {
                type $t = ripemd::Ripemd160;
                $e
            }
        }
    };
}

fn hmac(h: H, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    on!(h, D => {
        let mut m = <SimpleHmac<D> as digest::KeyInit>::new_from_slice(key).unwrap();
        for p in parts {
            m.update(p);
        }
        m.finalize().into_bytes().to_vec()
    })
}

fn size(h: H) -> usize {
    on!(h, D => <D as digest::OutputSizeUser>::output_size())
}

fn p_hash(h: H, secret: &[u8], seed: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut a = hmac(h, secret, &[seed]);
    while out.len() < n {
        out.extend(hmac(h, secret, &[&a, seed]));
        a = hmac(h, secret, &[&a]);
    }
    out.truncate(n);
    out
}

struct Opt {
    name: String,
    bytes: Option<Vec<u8>>,
    text: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut err = String::new();
    let status = kdf(&args, &mut err);
    eprint!("{err}");
    std::process::exit(status);
}

fn atoi(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let n: i64 = digits
        .parse()
        .unwrap_or(if digits.is_empty() { 0 } else { i64::MAX });
    if neg { -n } else { n }
}

fn kdf(args: &[String], err: &mut String) -> i32 {
    let usage = |err: &mut String, first: String| {
        err.push_str(&first);
        err.push_str("kdf: Use -help for summary.\n");
        1
    };
    let mut raw: Vec<String> = Vec::new();
    let (mut keylen, mut binary, mut out) = (0i64, false, None);
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        let a = &args[i];
        i += 1;
        if a == "--" {
            break;
        }
        let body = a.strip_prefix("--").unwrap_or(&a[1..]);
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        match name {
            "kdfopt" | "keylen" | "out" => {
                let v = match inline {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return usage(err, format!("kdf: Option -{name} needs a value\n")),
                };
                match name {
                    "kdfopt" => raw.push(v),
                    "keylen" => keylen = atoi(&v),
                    _ => out = Some(v),
                }
            }
            "binary" if inline.is_none() => binary = true,
            "binary" => return usage(err, "kdf: Option -binary does not take a value\n".into()),
            _ => return usage(err, format!("kdf: Unknown option: -{name}\n")),
        }
    }
    if args.len() - i != 1 {
        return usage(err, String::new());
    }
    let which = args[i].to_ascii_uppercase();
    let known: &[(&str, char)] = match which.as_str() {
        "PBKDF2" => &[
            ("pass", 'b'),
            ("salt", 'b'),
            ("iter", 'n'),
            ("pkcs5", 'n'),
            ("digest", 't'),
            ("properties", 't'),
        ],
        "HKDF" => &[
            ("key", 'b'),
            ("salt", 'b'),
            ("info", 'b'),
            ("digest", 't'),
            ("mode", 't'),
            ("properties", 't'),
        ],
        "SCRYPT" | "ID-SCRYPT" => &[
            ("pass", 'b'),
            ("salt", 'b'),
            ("n", 'n'),
            ("r", 'n'),
            ("p", 'n'),
            ("maxmem_bytes", 'n'),
            ("properties", 't'),
        ],
        "TLS1-PRF" => &[
            ("secret", 'b'),
            ("seed", 'b'),
            ("digest", 't'),
            ("properties", 't'),
        ],
        _ => {
            let n = &args[i];
            let s = usage(err, format!("Invalid KDF name {n}\n"));
            err.push_str(&format!("{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({n} : 0), Properties (<null>)\n"));
            return s;
        }
    };
    let mut opts: Vec<Opt> = Vec::new();
    for o in &raw {
        let (k, v) = o.split_once(':').unwrap_or((o, ""));
        let direct = known.iter().find(|(n, _)| *n == k);
        let hexed = k
            .strip_prefix("hex")
            .and_then(|k| known.iter().find(|(n, t)| *n == k && *t == 'b'));
        if let Some((n, t)) = direct {
            if *t == 'n' && (v.is_empty() || !v.bytes().all(|c| c.is_ascii_digit())) {
                err.push_str(&format!("Parameter error '{o}'\n"));
                return 1;
            }
            opts.push(Opt {
                name: n.to_string(),
                bytes: (*t == 'b').then(|| v.as_bytes().to_vec()),
                text: v.to_string(),
            });
        } else if let Some((n, _)) = hexed {
            let bad = if v.len() % 2 == 1 {
                Some((
                    "07800067",
                    "prepare_from_text",
                    "odd number of digits",
                    "../crypto/params_from_text.c:124",
                ))
            } else if !v.bytes().all(|c| c.is_ascii_hexdigit()) {
                Some((
                    "07800066",
                    "hexstr2buf_sep",
                    "illegal hex digit",
                    "../crypto/o_str.c:167",
                ))
            } else {
                None
            };
            if let Some((code, f, r, p)) = bad {
                err.push_str(&format!("Parameter error '{o}'\n{Z}:error:{code}:common libcrypto routines:{f}:{r}:{p}:\n"));
                return 1;
            }
            let bytes = (0..v.len())
                .step_by(2)
                .map(|j| u8::from_str_radix(&v[j..j + 2], 16).unwrap())
                .collect();
            opts.push(Opt {
                name: n.to_string(),
                bytes: Some(bytes),
                text: String::new(),
            });
        } else {
            err.push_str(&format!("Parameter unknown '{o}'\n"));
            return 1;
        }
    }
    let first = |n: &str| opts.iter().find(|o| o.name == n);
    let all = |n: &str| -> Vec<u8> {
        opts.iter()
            .filter(|o| o.name == n)
            .flat_map(|o| o.bytes.clone().unwrap_or_default())
            .collect()
    };
    let num = |n: &str| first(n).map(|o| o.text.parse::<u64>().unwrap_or(u64::MAX));
    let set_fail = |err: &mut String, line: String| {
        err.push_str("KDF parameter error\n");
        err.push_str(&line);
        1
    };
    let tls = which == "TLS1-PRF";
    let mut h = None;
    if let Some(d) = first("digest") {
        match lookup(&d.text, tls) {
            Some(x) => h = Some(x),
            None => {
                let t = &d.text;
                return set_fail(
                    err,
                    format!(
                        "{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({t} : 0), Properties (<null>)\n"
                    ),
                );
            }
        }
    }
    let mut mode = 0;
    if let Some(m) = first("mode") {
        mode = match m.text.to_ascii_uppercase().as_str() {
            "EXTRACT_AND_EXPAND" => 0,
            "EXTRACT_ONLY" => 1,
            "EXPAND_ONLY" => 2,
            _ => {
                return set_fail(
                    err,
                    format!(
                        "{Z}:error:1C80007D:Provider routines:hkdf_common_set_ctx_params:invalid mode:../providers/implementations/kdfs/hkdf.c:210:\n"
                    ),
                );
            }
        };
    }
    if which == "PBKDF2" && num("iter") == Some(0) {
        return set_fail(
            err,
            format!(
                "{Z}:error:1C80007B:Provider routines:kdf_pbkdf2_set_ctx_params:invalid iteration count:../providers/implementations/kdfs/pbkdf2.c:208:\n"
            ),
        );
    }
    if which.ends_with("SCRYPT")
        && (num("n").is_some_and(|n| n < 2 || n & (n - 1) != 0)
            || num("r") == Some(0)
            || num("p") == Some(0))
    {
        return set_fail(err, String::new());
    }
    if let Some(f) = &out {
        let _ = std::fs::write(f, b"");
    }
    if keylen <= 0 {
        err.push_str("Invalid derived key length.\n");
        return 1;
    }
    let len = keylen as usize;
    let missing = |err: &mut String, code: &str, func: &str, what: &str, place: &str| {
        err.push_str(&format!("EVP_KDF_derive failed\n{Z}:error:{code}:Provider routines:{func}:{what}:../providers/implementations/kdfs/{place}:\n"));
        1
    };
    let bytes = |n: &str| first(n).and_then(|o| o.bytes.clone());
    let key: Vec<u8> = match which.as_str() {
        "PBKDF2" => {
            let h = h.unwrap_or(H::Sha1);
            let Some(pass) = bytes("pass") else {
                return missing(
                    err,
                    "1C800082",
                    "kdf_pbkdf2_derive",
                    "missing pass",
                    "pbkdf2.c:154",
                );
            };
            let Some(salt) = bytes("salt") else {
                return missing(
                    err,
                    "1C800083",
                    "kdf_pbkdf2_derive",
                    "missing salt",
                    "pbkdf2.c:159",
                );
            };
            let iter = num("iter").unwrap_or(2048) as u32;
            let mut k = vec![0; len];
            on!(h, D => pbkdf2::pbkdf2::<SimpleHmac<D>>(&pass, &salt, iter, &mut k).unwrap());
            k
        }
        "HKDF" => {
            let Some(h) = h else {
                return missing(
                    err,
                    "1C800081",
                    "kdf_hkdf_derive",
                    "missing message digest",
                    "hkdf.c:161",
                );
            };
            let Some(ikm) = bytes("key") else {
                return missing(
                    err,
                    "1C800080",
                    "kdf_hkdf_derive",
                    "missing key",
                    "hkdf.c:165",
                );
            };
            let salt = bytes("salt");
            let info = all("info");
            if mode == 1 {
                if len != size(h) {
                    return missing(
                        err,
                        "1C80008B",
                        "HKDF_Extract",
                        "wrong output buffer size",
                        "hkdf.c:462",
                    );
                }
                hmac(h, salt.as_deref().unwrap_or_default(), &[&ikm])
            } else {
                let mut k = vec![0; len];
                // The hkdf crate refuses a PRK shorter than the digest, which OpenSSL takes:
                // expand-only is done here from RFC 5869's definition.
                let ok = if mode == 2 {
                    if len > 255 * size(h) {
                        Err(())
                    } else {
                        let mut t: Vec<u8> = Vec::new();
                        let mut done = 0;
                        for counter in 1u8..=255 {
                            if done >= len {
                                break;
                            }
                            t = hmac(h, &ikm, &[&t, &info, &[counter]]);
                            let n = (len - done).min(t.len());
                            k[done..done + n].copy_from_slice(&t[..n]);
                            done += n;
                        }
                        Ok(())
                    }
                } else {
                    on!(h, D => hkdf::SimpleHkdf::<D>::new(salt.as_deref(), &ikm).expand(&info, &mut k).map_err(|_| ()))
                };
                if ok.is_err() {
                    err.push_str("EVP_KDF_derive failed\n");
                    return 1;
                }
                k
            }
        }
        "TLS1-PRF" => {
            let Some(h) = h else {
                return missing(
                    err,
                    "1C800081",
                    "kdf_tls1_prf_derive",
                    "missing message digest",
                    "tls1_prf.c:145",
                );
            };
            let Some(secret) = bytes("secret") else {
                return missing(
                    err,
                    "1C800084",
                    "kdf_tls1_prf_derive",
                    "missing secret",
                    "tls1_prf.c:149",
                );
            };
            let seed = all("seed");
            if seed.is_empty() {
                return missing(
                    err,
                    "1C80008C",
                    "kdf_tls1_prf_derive",
                    "missing seed",
                    "tls1_prf.c:153",
                );
            }
            if h == H::Md5Sha1 {
                let half = secret.len().div_ceil(2);
                let a = p_hash(H::Md5, &secret[..half], &seed, len);
                let b = p_hash(H::Sha1, &secret[half..], &seed, len);
                a.iter().zip(b).map(|(x, y)| x ^ y).collect()
            } else {
                p_hash(h, &secret, &seed, len)
            }
        }
        _ => {
            let Some(pass) = bytes("pass") else {
                return missing(
                    err,
                    "1C800082",
                    "kdf_scrypt_derive",
                    "missing pass",
                    "scrypt.c:162",
                );
            };
            let Some(salt) = bytes("salt") else {
                return missing(
                    err,
                    "1C800083",
                    "kdf_scrypt_derive",
                    "missing salt",
                    "scrypt.c:167",
                );
            };
            let n = num("n").unwrap_or(1 << 20);
            let params = scrypt::Params::new(
                n.trailing_zeros() as u8,
                num("r").unwrap_or(8) as u32,
                num("p").unwrap_or(1) as u32,
            )
            .unwrap();
            let mut k = vec![0; len];
            scrypt::scrypt(&pass, &salt, &params, &mut k).unwrap();
            k
        }
    };
    let text = if binary {
        key
    } else {
        let hex: Vec<String> = key.iter().map(|b| format!("{b:02X}")).collect();
        format!("{}\n\n", hex.join(":")).into_bytes()
    };
    match out {
        Some(f) => {
            let _ = std::fs::write(f, text);
        }
        None => {
            let _ = std::io::stdout().write_all(&text);
        }
    }
    0
}
