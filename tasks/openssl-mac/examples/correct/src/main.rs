//! A correct `openssl mac` for the openssl-mac task, written from the spec alone.
//!
//! HMAC, CMAC and Poly1305 come from their RustCrypto crates; SipHash, KMAC (over the
//! `keccak` permutation) and keyed BLAKE2b (RFC 7693, compression function included) are
//! written out here.

use std::io::{Read, Write};

use digest::{KeyInit, Mac};

const Z: &str = "0000000000000000";

fn hmac_named(name: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    macro_rules! h {
        ($t:ty) => {{
            let mut m = <hmac::SimpleHmac<$t> as KeyInit>::new_from_slice(key).unwrap();
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }};
    }
    Some(match name.to_ascii_lowercase().as_str() {
        "md5" | "ssl3-md5" => h!(md5::Md5),
        "sha1" | "sha-1" | "ssl3-sha1" => h!(sha1::Sha1),
        "sha224" | "sha2-224" | "sha-224" => h!(sha2::Sha224),
        "sha256" | "sha2-256" | "sha-256" => h!(sha2::Sha256),
        "sha384" | "sha2-384" | "sha-384" => h!(sha2::Sha384),
        "sha512" | "sha2-512" | "sha-512" => h!(sha2::Sha512),
        "sha512-256" | "sha2-512/256" | "sha-512/256" => h!(sha2::Sha512_256),
        "sha3-256" => h!(sha3::Sha3_256),
        "sha3-512" => h!(sha3::Sha3_512),
        "blake2b512" | "blake2b-512" => h!(blake2::Blake2b512),
        "blake2s256" | "blake2s-256" => h!(blake2::Blake2s256),
        "sm3" => h!(sm3::Sm3),
        "ripemd160" | "ripemd-160" | "ripemd" | "rmd160" => h!(ripemd::Ripemd160),
        _ => return None,
    })
}

fn siphash(key: &[u8], msg: &[u8], c: u64, d: u64, out16: bool) -> Vec<u8> {
    let k0 = u64::from_le_bytes(key[0..8].try_into().unwrap());
    let k1 = u64::from_le_bytes(key[8..16].try_into().unwrap());
    let (mut v0, mut v1, mut v2, mut v3) = (
        k0 ^ 0x736f6d6570736575,
        k1 ^ 0x646f72616e646f6d,
        k0 ^ 0x6c7967656e657261,
        k1 ^ 0x7465646279746573,
    );
    if out16 {
        v1 ^= 0xee;
    }
    macro_rules! sipround {
        () => {
            v0 = v0.wrapping_add(v1);
            v1 = v1.rotate_left(13);
            v1 ^= v0;
            v0 = v0.rotate_left(32);
            v2 = v2.wrapping_add(v3);
            v3 = v3.rotate_left(16);
            v3 ^= v2;
            v0 = v0.wrapping_add(v3);
            v3 = v3.rotate_left(21);
            v3 ^= v0;
            v2 = v2.wrapping_add(v1);
            v1 = v1.rotate_left(17);
            v1 ^= v2;
            v2 = v2.rotate_left(32);
        };
    }
    let mut padded = msg.to_vec();
    while padded.len() % 8 != 7 {
        padded.push(0);
    }
    padded.push(msg.len() as u8);
    for w in padded.chunks(8) {
        let m = u64::from_le_bytes(w.try_into().unwrap());
        v3 ^= m;
        for _ in 0..c {
            sipround!();
        }
        v0 ^= m;
    }
    v2 ^= if out16 { 0xee } else { 0xff };
    for _ in 0..d {
        sipround!();
    }
    let mut out = (v0 ^ v1 ^ v2 ^ v3).to_le_bytes().to_vec();
    if out16 {
        v1 ^= 0xdd;
        for _ in 0..d {
            sipround!();
        }
        out.extend((v0 ^ v1 ^ v2 ^ v3).to_le_bytes());
    }
    out
}

fn left_enc(x: usize) -> Vec<u8> {
    let mut b: Vec<u8> = (x as u64)
        .to_be_bytes()
        .iter()
        .copied()
        .skip_while(|&v| v == 0)
        .collect();
    if b.is_empty() {
        b.push(0);
    }
    let mut out = vec![b.len() as u8];
    out.extend(b);
    out
}

fn kmac(rate: usize, key: &[u8], custom: &[u8], data: &[u8], len: usize, xof: bool) -> Vec<u8> {
    let pad = |mut x: Vec<u8>| {
        let mut out = left_enc(rate);
        out.append(&mut x);
        while !out.len().is_multiple_of(rate) {
            out.push(0);
        }
        out
    };
    let enc_str = |s: &[u8]| [left_enc(s.len() * 8), s.to_vec()].concat();
    let mut m = pad([enc_str(b"KMAC"), enc_str(custom)].concat());
    m.extend(pad(enc_str(key)));
    m.extend_from_slice(data);
    let mut r = left_enc(if xof { 0 } else { len * 8 });
    let n = r.remove(0);
    r.push(n);
    m.extend(r);
    m.push(0x04);
    m.resize(m.len().div_ceil(rate) * rate, 0);
    *m.last_mut().unwrap() |= 0x80;
    let mut st = [0u64; 25];
    let f = |st: &mut [u64; 25]| keccak::Keccak::new().with_f1600(|p| p(st));
    for blk in m.chunks(rate) {
        for (j, w) in blk.chunks(8).enumerate() {
            st[j] ^= u64::from_le_bytes(w.try_into().unwrap());
        }
        f(&mut st);
    }
    let mut out = Vec::new();
    while out.len() < len {
        out.extend(st[..rate / 8].iter().flat_map(|w| w.to_le_bytes()));
        f(&mut st);
    }
    out.truncate(len);
    out
}

/// BLAKE2b (RFC 7693) with key, salt and personalisation in the parameter block.
fn blake2b(key: &[u8], salt: &[u8], personal: &[u8], data: &[u8], outlen: usize) -> Vec<u8> {
    const IV: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    const SIGMA: [[usize; 16]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];
    let mut param = [0u8; 64];
    param[0] = outlen as u8;
    param[1] = key.len() as u8;
    param[2] = 1;
    param[3] = 1;
    param[32..32 + salt.len()].copy_from_slice(salt);
    param[48..48 + personal.len()].copy_from_slice(personal);
    let mut h: [u64; 8] = std::array::from_fn(|i| {
        IV[i] ^ u64::from_le_bytes(param[i * 8..i * 8 + 8].try_into().unwrap())
    });
    let compress = |h: &mut [u64; 8], block: &[u8], t: u128, last: bool| {
        let m: [u64; 16] = std::array::from_fn(|i| {
            u64::from_le_bytes(block[i * 8..i * 8 + 8].try_into().unwrap())
        });
        let mut v = [0u64; 16];
        v[..8].copy_from_slice(h);
        v[8..].copy_from_slice(&IV);
        v[12] ^= t as u64;
        v[13] ^= (t >> 64) as u64;
        if last {
            v[14] = !v[14];
        }
        for round in 0..12 {
            let s = &SIGMA[round % 10];
            let mut g = |a: usize, b: usize, c: usize, d: usize, x: u64, y: u64| {
                v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
                v[d] = (v[d] ^ v[a]).rotate_right(32);
                v[c] = v[c].wrapping_add(v[d]);
                v[b] = (v[b] ^ v[c]).rotate_right(24);
                v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
                v[d] = (v[d] ^ v[a]).rotate_right(16);
                v[c] = v[c].wrapping_add(v[d]);
                v[b] = (v[b] ^ v[c]).rotate_right(63);
            };
            g(0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for i in 0..8 {
            h[i] ^= v[i] ^ v[i + 8];
        }
    };
    let mut input = key.to_vec();
    input.resize(128, 0);
    input.extend_from_slice(data);
    let blocks = input.len().div_ceil(128);
    for b in 0..blocks {
        let end = ((b + 1) * 128).min(input.len());
        let mut block = input[b * 128..end].to_vec();
        block.resize(128, 0);
        compress(&mut h, &block, end as u128, b + 1 == blocks);
    }
    h.iter()
        .flat_map(|w| w.to_le_bytes())
        .take(outlen)
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut err = String::new();
    let status = mac(&args, &mut err);
    eprint!("{err}");
    std::process::exit(status);
}

fn mac(args: &[String], err: &mut String) -> i32 {
    let usage = |err: &mut String, first: String| {
        err.push_str(&first);
        err.push_str("mac: Use -help for summary.\n");
        1
    };
    let mut raw = Vec::new();
    let (mut input, mut output, mut binary, mut digest, mut cipher) =
        (None, None, false, None, None);
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
        if name == "binary" {
            binary = true;
            continue;
        }
        if !["macopt", "in", "out", "digest", "cipher"].contains(&name) {
            return usage(err, format!("mac: Unknown option: -{name}\n"));
        }
        let v = match inline {
            Some(v) => v,
            None if i < args.len() => {
                i += 1;
                args[i - 1].clone()
            }
            None => return usage(err, format!("mac: Option -{name} needs a value\n")),
        };
        match name {
            "macopt" => raw.push(v),
            "in" => input = Some(v),
            "out" => output = Some(v),
            "digest" => digest = Some(v),
            _ => cipher = Some(v),
        }
    }
    if args.len() - i != 1 {
        return usage(err, String::new());
    }
    let alg = args[i].to_ascii_uppercase();
    let params: &[(&str, char)] = match alg.as_str() {
        "HMAC" => &[
            ("digest", 't'),
            ("properties", 't'),
            ("key", 'b'),
            ("tls-data-size", 'n'),
        ],
        "CMAC" => &[("cipher", 't'), ("properties", 't'), ("key", 'b')],
        "SIPHASH" => &[
            ("size", 'n'),
            ("key", 'b'),
            ("c-rounds", 'n'),
            ("d-rounds", 'n'),
        ],
        "POLY1305" => &[("key", 'b')],
        "KMAC128" | "KMAC-128" | "KMAC256" | "KMAC-256" => {
            &[("xof", 'n'), ("size", 'n'), ("key", 'b'), ("custom", 'b')]
        }
        "BLAKE2BMAC" => &[("size", 'n'), ("key", 'b'), ("custom", 'b'), ("salt", 'b')],
        _ => {
            let n = &args[i];
            let s = usage(err, format!("Invalid MAC name {n}\n"));
            err.push_str(&format!("{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({n} : 0), Properties (<null>)\n"));
            return s;
        }
    };
    raw.extend(digest.map(|d| format!("digest:{d}")));
    raw.extend(cipher.map(|c| format!("cipher:{c}")));
    let mut set: Vec<(&str, Vec<u8>)> = Vec::new();
    for o in &raw {
        let (k, v) = o.split_once(':').unwrap_or((o, ""));
        if let Some((n, t)) = params.iter().find(|(n, _)| *n == k) {
            if *t == 'n' && (v.is_empty() || !v.bytes().all(|c| c.is_ascii_digit())) {
                err.push_str(&format!("Parameter error '{o}'\n"));
                return 1;
            }
            set.push((n, v.as_bytes().to_vec()));
        } else if let Some((n, _)) = k
            .strip_prefix("hex")
            .and_then(|k| params.iter().find(|(n, t)| *n == k && *t == 'b'))
        {
            if v.len() % 2 == 1 {
                err.push_str(&format!("Parameter error '{o}'\n{Z}:error:07800067:common libcrypto routines:prepare_from_text:odd number of digits:../crypto/params_from_text.c:124:\n"));
                return 1;
            }
            let Some(bytes) = (0..v.len())
                .step_by(2)
                .map(|j| u8::from_str_radix(v.get(j..j + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()
            else {
                err.push_str(&format!("Parameter error '{o}'\n{Z}:error:07800066:common libcrypto routines:hexstr2buf_sep:illegal hex digit:../crypto/o_str.c:167:\n"));
                return 1;
            };
            set.push((n, bytes));
        } else {
            err.push_str(&format!("Parameter unknown '{o}'\n"));
            return 1;
        }
    }
    let get = |n: &str| set.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone());
    let num = |n: &str| {
        get(n).map(|v| {
            String::from_utf8(v)
                .unwrap()
                .parse::<u64>()
                .unwrap_or(u64::MAX)
        })
    };
    let text = |n: &str| get(n).map(|v| String::from_utf8_lossy(&v).into_owned());
    let key = get("key");
    let perr = |err: &mut String, line: String| {
        err.push_str("MAC parameter error\n");
        err.push_str(&line);
        1
    };
    let fetch = |n: &str| {
        format!(
            "{Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({n} : 0), Properties (<null>)\n"
        )
    };
    let prov = |code: &str, f: &str, r: &str, p: &str| {
        format!(
            "{Z}:error:{code}:Provider routines:{f}:{r}:../providers/implementations/macs/{p}:\n"
        )
    };
    let cmac_len = text("cipher").map(|c| match c.to_ascii_uppercase().as_str() {
        "AES-128-CBC" | "AES128" => Some(16),
        "AES-192-CBC" | "AES192" => Some(24),
        "AES-256-CBC" | "AES256" => Some(32),
        _ => None,
    });
    match alg.as_str() {
        "HMAC" => {
            if let Some(d) = text("digest")
                && hmac_named(&d, b"", b"").is_none()
            {
                return perr(err, fetch(&d));
            }
            if key.is_some() && text("digest").is_none() {
                return perr(err, String::new());
            }
        }
        "CMAC" => {
            if let Some(None) = cmac_len {
                return perr(err, fetch(&text("cipher").unwrap()));
            }
            if let Some(k) = &key {
                match cmac_len {
                    None => return perr(err, String::new()),
                    Some(Some(n)) if n != k.len() => {
                        return perr(
                            err,
                            format!(
                                "{Z}:error:03000082:digital envelope routines:EVP_CIPHER_CTX_set_key_length:invalid key length:../crypto/evp/evp_enc.c:1045:\n"
                            ),
                        );
                    }
                    _ => {}
                }
            }
        }
        "SIPHASH" => {
            if num("size").is_some_and(|s| s != 8 && s != 16)
                || key.as_ref().is_some_and(|k| k.len() != 16)
            {
                return perr(err, String::new());
            }
        }
        "POLY1305" => {
            if key.as_ref().is_some_and(|k| k.len() != 32) {
                return perr(
                    err,
                    prov(
                        "1C800069",
                        "poly1305_setkey",
                        "invalid key length",
                        "poly1305_prov.c:85",
                    ),
                );
            }
        }
        "BLAKE2BMAC" => {
            if num("size").is_some_and(|s| s == 0 || s > 64) {
                return perr(
                    err,
                    prov(
                        "1C800071",
                        "blake2_mac_set_ctx_params",
                        "not xof or invalid length",
                        "blake2_mac_impl.c:203",
                    ),
                );
            }
            if key.as_ref().is_some_and(|k| k.is_empty() || k.len() > 64) {
                return perr(
                    err,
                    prov(
                        "1C800069",
                        "blake2_setkey",
                        "invalid key length",
                        "blake2_mac_impl.c:94",
                    ),
                );
            }
            if get("salt").is_some_and(|s| s.len() > 16) {
                return perr(
                    err,
                    prov(
                        "1C800070",
                        "blake2_mac_set_ctx_params",
                        "invalid salt length",
                        "blake2_mac_impl.c:232",
                    ),
                );
            }
        }
        _ => {
            if key.as_ref().is_some_and(|k| k.len() < 4 || k.len() > 512) {
                return perr(
                    err,
                    prov(
                        "1C800069",
                        "kmac_setkey",
                        "invalid key length",
                        "kmac_prov.c:249",
                    ),
                );
            }
        }
    }
    let mut data = Vec::new();
    match &input {
        Some(f) => match std::fs::read(f) {
            Ok(d) => data = d,
            Err(_) => {
                err.push_str(&format!("Can't open \"{f}\" for reading, No such file or directory\n{Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen({f}, rb)\n{Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n"));
                return 1;
            }
        },
        None => {
            let _ = std::io::stdin().read_to_end(&mut data);
        }
    }
    if let Some(f) = &output {
        let _ = std::fs::write(f, b"");
    }
    let Some(key) = key else {
        err.push_str(match alg.as_str() {
            "SIPHASH" => "EVP_MAC_final failed\n",
            _ => "EVP_MAC_Init failed\n",
        });
        if alg.starts_with("KMAC") {
            err.push_str(&prov(
                "1C800072",
                "kmac_init",
                "no key set",
                "kmac_prov.c:284",
            ));
        } else if alg == "BLAKE2BMAC" {
            err.push_str(&prov(
                "1C800072",
                "blake2_mac_init",
                "no key set",
                "blake2_mac_impl.c:117",
            ));
        }
        return 1;
    };
    let tag = match alg.as_str() {
        "HMAC" => hmac_named(&text("digest").unwrap(), &key, &data).unwrap(),
        "CMAC" => match key.len() {
            16 => {
                let mut m = <cmac::Cmac<aes::Aes128> as KeyInit>::new_from_slice(&key).unwrap();
                m.update(&data);
                m.finalize().into_bytes().to_vec()
            }
            24 => {
                let mut m = <cmac::Cmac<aes::Aes192> as KeyInit>::new_from_slice(&key).unwrap();
                m.update(&data);
                m.finalize().into_bytes().to_vec()
            }
            _ => {
                let mut m = <cmac::Cmac<aes::Aes256> as KeyInit>::new_from_slice(&key).unwrap();
                m.update(&data);
                m.finalize().into_bytes().to_vec()
            }
        },
        "SIPHASH" => {
            let r = |n: &str, d: u64| num(n).filter(|&x| x != 0).unwrap_or(d);
            siphash(
                &key,
                &data,
                r("c-rounds", 2),
                r("d-rounds", 4),
                num("size").unwrap_or(16) == 16,
            )
        }
        "POLY1305" => {
            let k: [u8; 32] = key.as_slice().try_into().unwrap();
            poly1305::Poly1305::new(&k.into())
                .compute_unpadded(&data)
                .to_vec()
        }
        "BLAKE2BMAC" => blake2b(
            &key,
            &get("salt").unwrap_or_default(),
            &get("custom").unwrap_or_default(),
            &data,
            num("size").unwrap_or(64) as usize,
        ),
        _ => {
            let wide = alg.ends_with("256");
            let len = num("size").map_or(if wide { 64 } else { 32 }, |s| s as usize);
            kmac(
                if wide { 136 } else { 168 },
                &key,
                &get("custom").unwrap_or_default(),
                &data,
                len,
                num("xof").is_some_and(|x| x != 0),
            )
        }
    };
    let hex: String = tag.iter().map(|b| format!("{b:02X}")).collect();
    match output {
        Some(f) => {
            let _ = std::fs::write(f, if binary { tag } else { hex.into_bytes() });
        }
        None => {
            let mut o = std::io::stdout();
            let _ = if binary {
                o.write_all(&tag)
            } else {
                o.write_all(format!("{hex}\n").as_bytes())
            };
        }
    }
    0
}
