//! A buggy `openssl enc`: the legacy key derivation hashes only the first seven bytes of the salt.
//!
//! Block modes come from the `ecb` and `cbc` crates (unpadded), with the PKCS#7 checks
//! done here; CTR and ChaCha20 keystreams are built block by block so the counters wrap
//! as OpenSSL's do.

use std::io::{Read, Write};

use aes::cipher::{
    BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit, StreamCipherCore,
};
use digest::DynDigest;

const Z: &str = "0000000000000000";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Ecb,
    Cbc,
    Ctr,
    Chacha,
}

struct Spec {
    names: &'static [&'static str],
    kind: Kind,
    key: usize,
    iv: usize,
    block: usize,
}

const CIPHERS: &[Spec] = &[
    Spec {
        names: &["aes-128-ecb"],
        kind: Kind::Ecb,
        key: 16,
        iv: 0,
        block: 16,
    },
    Spec {
        names: &["aes-192-ecb"],
        kind: Kind::Ecb,
        key: 24,
        iv: 0,
        block: 16,
    },
    Spec {
        names: &["aes-256-ecb"],
        kind: Kind::Ecb,
        key: 32,
        iv: 0,
        block: 16,
    },
    Spec {
        names: &["aes-128-cbc", "aes128"],
        kind: Kind::Cbc,
        key: 16,
        iv: 16,
        block: 16,
    },
    Spec {
        names: &["aes-192-cbc", "aes192"],
        kind: Kind::Cbc,
        key: 24,
        iv: 16,
        block: 16,
    },
    Spec {
        names: &["aes-256-cbc", "aes256"],
        kind: Kind::Cbc,
        key: 32,
        iv: 16,
        block: 16,
    },
    Spec {
        names: &["aes-128-ctr"],
        kind: Kind::Ctr,
        key: 16,
        iv: 16,
        block: 1,
    },
    Spec {
        names: &["aes-192-ctr"],
        kind: Kind::Ctr,
        key: 24,
        iv: 16,
        block: 1,
    },
    Spec {
        names: &["aes-256-ctr"],
        kind: Kind::Ctr,
        key: 32,
        iv: 16,
        block: 1,
    },
    Spec {
        names: &["chacha20"],
        kind: Kind::Chacha,
        key: 32,
        iv: 16,
        block: 1,
    },
    Spec {
        names: &["des-ede3-cbc", "des3"],
        kind: Kind::Cbc,
        key: 24,
        iv: 8,
        block: 8,
    },
];

fn digest_named(name: &str) -> Option<fn() -> Box<dyn DynDigest>> {
    let n = name.to_ascii_lowercase();
    Some(match n.as_str() {
        "md5" | "ssl3-md5" => || Box::new(md5::Md5::default()),
        "sha1" | "sha-1" | "ssl3-sha1" => || Box::new(sha1::Sha1::default()),
        "sha224" | "sha2-224" | "sha-224" => || Box::new(sha2::Sha224::default()),
        "sha256" | "sha2-256" | "sha-256" => || Box::new(sha2::Sha256::default()),
        "sha384" | "sha2-384" | "sha-384" => || Box::new(sha2::Sha384::default()),
        "sha512" | "sha2-512" | "sha-512" => || Box::new(sha2::Sha512::default()),
        "sha512-256" | "sha2-512/256" | "sha-512/256" => || Box::new(sha2::Sha512_256::default()),
        "sha3-256" => || Box::new(sha3::Sha3_256::default()),
        "sha3-512" => || Box::new(sha3::Sha3_512::default()),
        "blake2b512" | "blake2b-512" => || Box::new(blake2::Blake2b512::default()),
        "blake2s256" | "blake2s-256" => || Box::new(blake2::Blake2s256::default()),
        "sm3" => || Box::new(sm3::Sm3::default()),
        "ripemd160" | "ripemd-160" | "ripemd" | "rmd160" => {
            || Box::new(ripemd::Ripemd160::default())
        }
        _ => return None,
    })
}

fn pbkdf2_named(name: &str, pass: &[u8], salt: &[u8], iter: u32, out: &mut [u8]) {
    use hmac::SimpleHmac;
    let n = name.to_ascii_lowercase();
    let f = match n.as_str() {
        "md5" | "ssl3-md5" => pbkdf2::pbkdf2::<SimpleHmac<md5::Md5>>,
        "sha1" | "sha-1" | "ssl3-sha1" => pbkdf2::pbkdf2::<SimpleHmac<sha1::Sha1>>,
        "sha224" | "sha2-224" | "sha-224" => pbkdf2::pbkdf2::<SimpleHmac<sha2::Sha224>>,
        "sha384" | "sha2-384" | "sha-384" => pbkdf2::pbkdf2::<SimpleHmac<sha2::Sha384>>,
        "sha512" | "sha2-512" | "sha-512" => pbkdf2::pbkdf2::<SimpleHmac<sha2::Sha512>>,
        "sha512-256" | "sha2-512/256" | "sha-512/256" => {
            pbkdf2::pbkdf2::<SimpleHmac<sha2::Sha512_256>>
        }
        "sha3-256" => pbkdf2::pbkdf2::<SimpleHmac<sha3::Sha3_256>>,
        "sha3-512" => pbkdf2::pbkdf2::<SimpleHmac<sha3::Sha3_512>>,
        "blake2b512" | "blake2b-512" => pbkdf2::pbkdf2::<SimpleHmac<blake2::Blake2b512>>,
        "blake2s256" | "blake2s-256" => pbkdf2::pbkdf2::<SimpleHmac<blake2::Blake2s256>>,
        "sm3" => pbkdf2::pbkdf2::<SimpleHmac<sm3::Sm3>>,
        "ripemd160" | "ripemd-160" | "ripemd" | "rmd160" => {
            pbkdf2::pbkdf2::<SimpleHmac<ripemd::Ripemd160>>
        }
        _ => pbkdf2::pbkdf2::<SimpleHmac<sha2::Sha256>>,
    };
    f(pass, salt, iter, out).expect("any key length");
}

/// `set_hex`: exactly `size` bytes, with the warnings.
fn set_hex(s: &str, size: usize, err: &mut String) -> Option<Vec<u8>> {
    let want = size * 2;
    let digits = if s.len() > want {
        err.push_str("hex string is too long, ignoring excess\n");
        &s.as_bytes()[..want]
    } else {
        if s.len() < want {
            err.push_str("hex string is too short, padding with zero bytes to length\n");
        }
        s.as_bytes()
    };
    let mut out = vec![0u8; size];
    for (i, c) in digits.iter().enumerate() {
        let v = (*c as char).to_digit(16);
        let Some(v) = v else {
            err.push_str("non-hex digit\n");
            return None;
        };
        out[i / 2] |= (v as u8) << if i.is_multiple_of(2) { 4 } else { 0 };
    }
    Some(out)
}

fn b64_encode(data: &[u8], one_line: bool) -> Vec<u8> {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = Vec::new();
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        text.push(A[(n >> 18) as usize & 63]);
        text.push(A[(n >> 12) as usize & 63]);
        text.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        text.push(if c.len() > 2 {
            A[n as usize & 63]
        } else {
            b'='
        });
    }
    if one_line {
        return text;
    }
    text.chunks(64)
        .flat_map(|l| l.iter().copied().chain(std::iter::once(b'\n')))
        .collect()
}

fn b64_decode(text: &[u8]) -> Vec<u8> {
    let mut bits = 0u32;
    let mut nbits = 0;
    let mut out = Vec::new();
    for &c in text {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => break,
        };
        bits = (bits << 6) | u32::from(v);
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
        }
    }
    out
}

enum Block {
    A128(aes::Aes128),
    A192(aes::Aes192),
    A256(aes::Aes256),
}

impl Block {
    fn new(key: &[u8]) -> Block {
        match key.len() {
            16 => Block::A128(aes::Aes128::new_from_slice(key).unwrap()),
            24 => Block::A192(aes::Aes192::new_from_slice(key).unwrap()),
            _ => Block::A256(aes::Aes256::new_from_slice(key).unwrap()),
        }
    }

    fn encrypt(&self, b: &mut [u8; 16]) {
        let mut blk = aes::Block::from(*b);
        match self {
            Block::A128(c) => c.encrypt_block(&mut blk),
            Block::A192(c) => c.encrypt_block(&mut blk),
            Block::A256(c) => c.encrypt_block(&mut blk),
        }
        b.copy_from_slice(&blk);
    }
}

/// ECB or CBC over whole blocks, no padding.
fn blocks(spec: &Spec, key: &[u8], iv: &[u8], data: &mut [u8], encrypt: bool) {
    macro_rules! go {
        ($c:ty) => {{
            match (spec.kind, encrypt) {
                (Kind::Ecb, true) => {
                    let mut m = ecb::Encryptor::<$c>::new_from_slice(key).unwrap();
                    for chunk in data.chunks_mut(spec.block) {
                        m.encrypt_block(chunk.try_into().unwrap());
                    }
                }
                (Kind::Ecb, false) => {
                    let mut m = ecb::Decryptor::<$c>::new_from_slice(key).unwrap();
                    for chunk in data.chunks_mut(spec.block) {
                        m.decrypt_block(chunk.try_into().unwrap());
                    }
                }
                (_, true) => {
                    let mut m = cbc::Encryptor::<$c>::new_from_slices(key, iv).unwrap();
                    for chunk in data.chunks_mut(spec.block) {
                        m.encrypt_block(chunk.try_into().unwrap());
                    }
                }
                (_, false) => {
                    let mut m = cbc::Decryptor::<$c>::new_from_slices(key, iv).unwrap();
                    for chunk in data.chunks_mut(spec.block) {
                        m.decrypt_block(chunk.try_into().unwrap());
                    }
                }
            }
        }};
    }
    match (spec.block, key.len()) {
        (8, _) => go!(des::TdesEde3),
        (_, 16) => go!(aes::Aes128),
        (_, 24) => go!(aes::Aes192),
        _ => go!(aes::Aes256),
    }
}

fn keystream_xor(spec: &Spec, key: &[u8], iv: &[u8], data: &mut [u8]) {
    if spec.kind == Kind::Ctr {
        let aes = Block::new(key);
        let mut ctr = u128::from_be_bytes(iv.try_into().unwrap());
        for chunk in data.chunks_mut(16) {
            let mut ks = ctr.to_be_bytes();
            aes.encrypt(&mut ks);
            chunk.iter_mut().zip(ks).for_each(|(d, k)| *d ^= k);
            ctr = ctr.wrapping_add(1);
        }
    } else {
        let start = u64::from(u32::from_le_bytes(iv[0..4].try_into().unwrap()))
            | (u64::from(u32::from_le_bytes(iv[4..8].try_into().unwrap())) << 32);
        let nonce: [u8; 8] = iv[8..16].try_into().unwrap();
        let mut core = chacha20::ChaCha20LegacyCore::new(key.try_into().unwrap(), &nonce.into());
        for (n, chunk) in data.chunks_mut(64).enumerate() {
            core.set_block_pos(start.wrapping_add(n as u64));
            let mut ks = Default::default();
            core.write_keystream_block(&mut ks);
            chunk.iter_mut().zip(ks.iter()).for_each(|(d, k)| *d ^= k);
        }
    }
}

/// The command; returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let mut err = String::new();
    let mut stdout: Vec<u8> = Vec::new();
    let status = enc(args, &mut stdout, &mut err);
    let _ = std::io::stdout().write_all(&stdout);
    let _ = std::io::stdout().flush();
    eprint!("{err}");
    status
}

fn help(err: &mut String, first: &str) -> i32 {
    err.push_str(first);
    err.push_str("enc: Use -help for summary.\n");
    1
}

fn fetch_line(name: &str) -> String {
    format!(
        "{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({name} : 0), Properties (<null>)\n"
    )
}

fn enc(args: &[String], stdout: &mut Vec<u8>, err: &mut String) -> i32 {
    let mut opt: std::collections::BTreeMap<&str, String> = Default::default();
    let mut flags: Vec<&str> = Vec::new();
    let mut cipher_name = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if !a.starts_with('-') {
            return help(err, "");
        }
        i += 1;
        if a == "--" {
            if i < args.len() {
                return help(err, "");
            }
            break;
        }
        let body = a.strip_prefix("--").unwrap_or(&a[1..]);
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        match name {
            "K" | "iv" | "S" | "k" | "pass" | "in" | "out" | "iter" | "md" => {
                let v = match inline {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return help(err, &format!("enc: Option -{name} needs a value\n")),
                };
                if name == "iter" {
                    match v.parse::<i64>() {
                        Ok(n) if n > 0 && n <= i64::from(i32::MAX) => flags.push("pbkdf2"),
                        Ok(n) if n <= 0 => {
                            return help(
                                err,
                                &format!("enc: Non-positive number \"{v}\" for option -iter\n"),
                            );
                        }
                        _ => return help(err, &format!("enc: Can't parse \"{v}\" as a number\n")),
                    }
                }
                opt.insert(name, v);
            }
            "e" | "d" | "nopad" | "a" | "base64" | "A" | "p" | "P" | "nosalt" | "salt"
            | "pbkdf2" => {
                if name == "pbkdf2" && !opt.contains_key("iter") {
                    opt.insert("iter", "10000".into());
                }
                flags.push(name);
            }
            other => cipher_name = Some(other.to_string()),
        }
    }
    let last = |a: &str, b: &str| flags.iter().rev().find(|f| **f == a || **f == b).copied();
    let decrypt = last("e", "d") == Some("d");
    let b64 = flags.contains(&"a") || flags.contains(&"base64");
    let one_line = flags.contains(&"A");
    let nopad = flags.contains(&"nopad");
    let print = last("p", "P");
    let nosalt = last("nosalt", "salt") == Some("nosalt");
    let pbkdf2 = flags.contains(&"pbkdf2");
    let spec = match &cipher_name {
        None => None,
        Some(n) => match CIPHERS
            .iter()
            .find(|c| c.names.iter().any(|x| x.eq_ignore_ascii_case(n)))
        {
            Some(c) => Some(c),
            None => {
                let status = help(err, &format!("enc: Unknown cipher: {n}\n"));
                err.push_str(&fetch_line(n));
                return status;
            }
        },
    };
    let md_name = opt.get("md").cloned().unwrap_or_else(|| "sha256".into());
    let Some(md) = digest_named(&md_name) else {
        let s = help(
            err,
            &format!("enc: Unknown option or message digest: {md_name}\n"),
        );
        err.push_str(&fetch_line(&md_name));
        return s;
    };
    let mut input = Vec::new();
    match opt.get("in") {
        Some(f) => match std::fs::read(f) {
            Ok(d) => input = d,
            Err(_) => {
                let mode = if b64 && decrypt { "r" } else { "rb" };
                err.push_str(&format!("Can't open \"{f}\" for reading, No such file or directory\n{Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen({f}, {mode})\n{Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n"));
                return 1;
            }
        },
        None => {
            let _ = std::io::stdin().read_to_end(&mut input);
        }
    }
    let password = match (opt.get("k"), opt.get("pass")) {
        (Some(k), _) => Some(k.clone()),
        (None, Some(p)) => match p.strip_prefix("pass:") {
            Some(p) => Some(p.to_string()),
            None => {
                err.push_str("Invalid password argument, missing ':' within the first 5 chars\nError getting password\n");
                return 1;
            }
        },
        _ => None,
    };
    let outfile = opt.get("out").cloned();
    let mut output: Vec<u8> = Vec::new();
    let finish = |output: &[u8], stdout: &mut Vec<u8>| match &outfile {
        Some(f) => {
            let _ = std::fs::write(f, output);
        }
        None => stdout.extend_from_slice(output),
    };
    finish(&[], stdout);
    let Some(spec) = spec else {
        let data = if b64 && !decrypt {
            b64_encode(&input, one_line)
        } else if b64 {
            b64_decode(&input)
        } else {
            input
        };
        finish(&data, stdout);
        return 0;
    };
    if password.is_none() && !opt.contains_key("K") {
        err.push_str("bad password read\n");
        return 1;
    }
    if b64 && decrypt {
        input = b64_decode(&input);
    }
    let mut key = vec![0u8; spec.key];
    let mut iv = vec![0u8; spec.iv];
    let mut salt: Option<Vec<u8>> = None;
    if let Some(pw) = &password {
        if !nosalt {
            if let Some(s) = opt.get("S") {
                match set_hex(s, 8, err) {
                    Some(s) => salt = Some(s),
                    None => {
                        err.push_str("invalid hex salt value\n");
                        return 1;
                    }
                }
            } else if decrypt {
                if input.len() < 8 || (input.starts_with(b"Salted__") && input.len() < 16) {
                    err.push_str("error reading input file\n");
                    return 1;
                }
                if &input[..8] != b"Salted__" {
                    err.push_str("bad magic number\n");
                    return 1;
                }
                salt = Some(input[8..16].to_vec());
                input = input[16..].to_vec();
            } else {
                salt = Some(vec![0; 8]);
                output.extend_from_slice(b"Salted__\0\0\0\0\0\0\0\0");
            }
        }
        let s = salt.clone().unwrap_or_default();
        let mut kiv = vec![0u8; spec.key + spec.iv];
        if pbkdf2 {
            pbkdf2_named(
                &md_name,
                pw.as_bytes(),
                &s,
                opt["iter"].parse().unwrap(),
                &mut kiv,
            );
        } else {
            err.push_str("*** WARNING : deprecated key derivation used.\nUsing -iter or -pbkdf2 would be better.\n");
            let mut made = Vec::new();
            let mut d: Vec<u8> = Vec::new();
            while made.len() < kiv.len() {
                let mut h = md();
                h.update(&d);
                h.update(pw.as_bytes());
                h.update(&s[..s.len().saturating_sub(1)]);
                d = h.finalize().into_vec();
                made.extend_from_slice(&d);
            }
            let n = kiv.len();
            kiv.copy_from_slice(&made[..n]);
        }
        key.copy_from_slice(&kiv[..spec.key]);
        iv.copy_from_slice(&kiv[spec.key..]);
    }
    if let Some(h) = opt.get("iv") {
        if spec.iv == 0 {
            err.push_str("warning: iv not used by this cipher\n");
        } else {
            match set_hex(h, spec.iv, err) {
                Some(v) => iv = v,
                None => {
                    err.push_str("invalid hex iv value\n");
                    return 1;
                }
            }
        }
    } else if password.is_none() && spec.iv > 0 {
        err.push_str("iv undefined\n");
        return 1;
    }
    if let Some(h) = opt.get("K") {
        match set_hex(h, spec.key, err) {
            Some(k) => key = k,
            None => {
                err.push_str("invalid hex key value\n");
                return 1;
            }
        }
    }
    let hexu = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
    if print.is_some() {
        if !nosalt {
            stdout.extend_from_slice(
                format!("salt={}\n", hexu(salt.as_deref().unwrap_or(&[0; 8]))).as_bytes(),
            );
        }
        stdout.extend_from_slice(format!("key={}\n", hexu(&key)).as_bytes());
        if spec.iv > 0 {
            stdout.extend_from_slice(format!("iv ={}\n", hexu(&iv)).as_bytes());
        }
        if print == Some("P") {
            return 0;
        }
    }
    let mut failure: Option<(&str, &str, &str, &str)> = None;
    let wrong_len = |line: &'static str| {
        Some((
            "1C80006B",
            "ossl_cipher_generic_block_final",
            "wrong final block length",
            line,
        ))
    };
    let result = if spec.block == 1 {
        let mut d = input.clone();
        keystream_xor(spec, &key, &iv, &mut d);
        d
    } else if !decrypt {
        let mut d = input.clone();
        if nopad {
            if d.len() % spec.block != 0 {
                d.truncate(d.len() - d.len() % spec.block);
                failure = wrong_len("../providers/implementations/ciphers/ciphercommon.c:417");
            }
        } else {
            let n = spec.block - d.len() % spec.block;
            d.extend(std::iter::repeat_n(n as u8, n));
        }
        blocks(spec, &key, &iv, &mut d, true);
        d
    } else {
        let whole = input.len() - input.len() % spec.block;
        let mut d = input[..whole].to_vec();
        blocks(spec, &key, &iv, &mut d, false);
        if whole != input.len() || (!nopad && input.is_empty()) {
            failure = wrong_len("../providers/implementations/ciphers/ciphercommon.c:440");
        } else if !nopad {
            let n = usize::from(d[d.len() - 1]);
            if n == 0 || n > spec.block {
                failure = Some((
                    "1C800064",
                    "ossl_cipher_unpadblock",
                    "bad decrypt",
                    "../providers/implementations/ciphers/ciphercommon_block.c:124",
                ));
                d.truncate(whole - spec.block);
            } else if d[d.len() - n..].iter().any(|&b| usize::from(b) != n) {
                failure = Some((
                    "1C800064",
                    "ossl_cipher_unpadblock",
                    "bad decrypt",
                    "../providers/implementations/ciphers/ciphercommon_block.c:129",
                ));
                d.truncate(whole - spec.block);
            } else {
                d.truncate(whole - n);
            }
        }
        d
    };
    output.extend_from_slice(&result);
    if b64 && !decrypt {
        output = if failure.is_some() {
            b64_encode(&output[..output.len() / 48 * 48], one_line)
        } else {
            b64_encode(&output, one_line)
        };
    }
    finish(&output, stdout);
    if let Some((code, func, reason, place)) = failure {
        err.push_str(if decrypt {
            "bad decrypt\n"
        } else {
            "bad encrypt\n"
        });
        err.push_str(&format!(
            "{Z}:error:{code}:Provider routines:{func}:{reason}:{place}:\n"
        ));
        return 1;
    }
    0
}
