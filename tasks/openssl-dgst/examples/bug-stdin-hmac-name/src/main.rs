//! A buggy `openssl dgst`: with a key, the line for standard input is named `HMAC-…` like a file's.
//!
//! HMAC is computed here from its definition over the hash crates' `DynDigest`, so this
//! submission shares no code with the reference.

use std::io::{Read, Write};

use digest::DynDigest;

/// (names, printed name, block size, constructor)
type Algo = (
    &'static [&'static str],
    &'static str,
    usize,
    fn() -> Box<dyn DynDigest>,
);

const ALGOS: &[Algo] = &[
    (&["md5", "ssl3-md5"], "MD5", 64, || {
        Box::new(md5::Md5::default())
    }),
    (&["sha1", "sha-1", "ssl3-sha1"], "SHA1", 64, || {
        Box::new(sha1::Sha1::default())
    }),
    (&["sha224", "sha2-224", "sha-224"], "SHA2-224", 64, || {
        Box::new(sha2::Sha224::default())
    }),
    (&["sha256", "sha2-256", "sha-256"], "SHA2-256", 64, || {
        Box::new(sha2::Sha256::default())
    }),
    (&["sha384", "sha2-384", "sha-384"], "SHA2-384", 128, || {
        Box::new(sha2::Sha384::default())
    }),
    (&["sha512", "sha2-512", "sha-512"], "SHA2-512", 128, || {
        Box::new(sha2::Sha512::default())
    }),
    (
        &["sha512-256", "sha2-512/256", "sha-512/256"],
        "SHA2-512/256",
        128,
        || Box::new(sha2::Sha512_256::default()),
    ),
    (&["sha3-256"], "SHA3-256", 136, || {
        Box::new(sha3::Sha3_256::default())
    }),
    (&["sha3-512"], "SHA3-512", 72, || {
        Box::new(sha3::Sha3_512::default())
    }),
    (&["blake2b512", "blake2b-512"], "BLAKE2B-512", 128, || {
        Box::new(blake2::Blake2b512::default())
    }),
    (&["blake2s256", "blake2s-256"], "BLAKE2S-256", 64, || {
        Box::new(blake2::Blake2s256::default())
    }),
    (&["sm3"], "SM3", 64, || Box::new(sm3::Sm3::default())),
    (
        &["ripemd160", "ripemd-160", "ripemd", "rmd160"],
        "RIPEMD-160",
        64,
        || Box::new(ripemd::Ripemd160::default()),
    ),
];

fn hash(algo: &Algo, parts: &[&[u8]]) -> Vec<u8> {
    let mut h = (algo.3)();
    for p in parts {
        h.update(p);
    }
    h.finalize().into_vec()
}

fn hmac(algo: &Algo, key: &[u8], data: &[u8]) -> Vec<u8> {
    let block = algo.2;
    let mut k = if key.len() > block {
        hash(algo, &[key])
    } else {
        key.to_vec()
    };
    k.resize(block, 0);
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    let inner = hash(algo, &[&ipad, data]);
    hash(algo, &[&opad, &inner])
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

const THREAD: &str = "0000000000000000";

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut err = String::new();
    let code = run(&args, &mut err);
    eprint!("{err}");
    std::process::exit(code);
}

fn run(args: &[String], err: &mut String) -> i32 {
    let mut i = 0;
    let (mut binary, mut style) = (false, ' ');
    let (mut out, mut hmac_key, mut mac) = (None::<String>, None::<String>, None::<String>);
    let mut macopts = Vec::new();
    let mut digest_opt: Option<String> = None;
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
        let takes_value = matches!(name, "out" | "hmac" | "mac" | "macopt");
        let known_flag = matches!(name, "hex" | "binary" | "r" | "c");
        let value = if takes_value {
            match inline {
                Some(v) => Some(v),
                None if i < args.len() => {
                    i += 1;
                    Some(args[i - 1].clone())
                }
                None => {
                    err.push_str(&format!(
                        "dgst: Option -{name} needs a value\ndgst: Use -help for summary.\n"
                    ));
                    return 1;
                }
            }
        } else {
            if known_flag && inline.is_some() {
                err.push_str(&format!(
                    "dgst: Option -{name} does not take a value\ndgst: Use -help for summary.\n"
                ));
                return 1;
            }
            None
        };
        match name {
            "hex" => binary = false,
            "binary" => binary = true,
            "r" => style = 'r',
            "c" => style = 'c',
            "out" => out = value,
            "hmac" => hmac_key = value,
            "mac" => mac = value,
            "macopt" => macopts.push(value.unwrap_or_default()),
            other => digest_opt = Some(other.to_string()),
        }
    }
    let files = &args[i..];
    let algo = match &digest_opt {
        None => &ALGOS[3],
        Some(d) => match ALGOS
            .iter()
            .find(|a| a.0.iter().any(|n| n.eq_ignore_ascii_case(d)))
        {
            Some(a) => a,
            None => {
                err.push_str(&format!(
                    "dgst: Unknown option or message digest: {d}\ndgst: Use -help for summary.\n{THREAD}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm ({d} : 0), Properties (<null>)\n"
                ));
                return 1;
            }
        },
    };
    let name = if digest_opt.is_none() {
        "SHA256"
    } else {
        algo.1
    };
    if let Some(path) = &out {
        let _ = std::fs::write(path, b"");
    }
    let key: Option<Vec<u8>> = if let Some(m) = &mac {
        if hmac_key.is_some() {
            err.push_str("MAC and signing key cannot both be specified\n");
            return 1;
        }
        if !m.eq_ignore_ascii_case("hmac") {
            err.push_str("Error setting context\n");
            return 1;
        }
        let mut key = None;
        for o in &macopts {
            if let Some(k) = o.strip_prefix("key:") {
                key = Some(k.as_bytes().to_vec());
            } else if let Some(h) = o.strip_prefix("hexkey:") {
                match unhex(h) {
                    Some(k) => key = Some(k),
                    None => {
                        let (code, func, reason, place) = if h.len() % 2 == 1 {
                            (
                                "07800067",
                                "prepare_from_text",
                                "odd number of digits",
                                "../crypto/params_from_text.c:124",
                            )
                        } else {
                            (
                                "07800066",
                                "hexstr2buf_sep",
                                "illegal hex digit",
                                "../crypto/o_str.c:167",
                            )
                        };
                        err.push_str(&format!("MAC parameter error \"{o}\"\n{THREAD}:error:{code}:common libcrypto routines:{func}:{reason}:{place}:\n"));
                        return 1;
                    }
                }
            } else {
                err.push_str(&format!("MAC parameter error \"{o}\"\n"));
                return 1;
            }
            if key.as_ref().is_some_and(|k: &Vec<u8>| k.is_empty()) {
                err.push_str(&format!("MAC parameter error \"{o}\"\n{THREAD}:error:1C8C0100:Provider routines:mac_gen_set_params:malloc failure:../providers/implementations/keymgmt/mac_legacy_kmgmt.c:433:\n"));
                return 1;
            }
        }
        let Some(key) = key else {
            err.push_str(&format!("dgst: Error generating HMAC key\n{THREAD}:error:1C80009E:Provider routines:mac_gen:invalid key:../providers/implementations/keymgmt/mac_legacy_kmgmt.c:498:\n"));
            return 1;
        };
        if digest_opt.is_none() {
            err.push_str(&format!("Error setting context\n{THREAD}:error:0300009E:digital envelope routines:do_sigver_init:no default digest:../crypto/evp/m_sigver.c:282:\n"));
            return 1;
        }
        Some(key)
    } else {
        hmac_key.map(String::into_bytes)
    };
    let tag = |data: &[u8]| match &key {
        Some(k) => hmac(algo, k, data),
        None => hash(algo, &[data]),
    };
    let mut output = Vec::new();
    let mut status = 0;
    let emit = |output: &mut Vec<u8>, file: &str, digest: &[u8], keyed: bool| {
        let hex: Vec<String> = digest.iter().map(|b| format!("{b:02x}")).collect();
        if binary {
            output.extend_from_slice(digest);
        } else if style == 'r' {
            let lead = if file.contains('\n') { "\\" } else { "" };
            output.extend_from_slice(
                format!("{lead}{} *{}\n", hex.concat(), file.replace('\n', "\\n")).as_bytes(),
            );
        } else {
            let joined = if style == 'c' {
                hex.join(":")
            } else {
                hex.concat()
            };
            let prefix = if keyed { "HMAC-" } else { "" };
            output.extend_from_slice(format!("{prefix}{name}({file})= {joined}\n").as_bytes());
        }
    };
    if files.is_empty() {
        let mut data = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut data);
        emit(&mut output, "stdin", &tag(&data), key.is_some());
    }
    for f in files {
        match (!f.is_empty())
            .then(|| std::fs::read(f))
            .and_then(Result::ok)
        {
            Some(data) => emit(&mut output, f, &tag(&data), key.is_some()),
            None => {
                status = 1;
                err.push_str(&format!(
                    "{f}: No such file or directory\n{THREAD}:error:80000002:system library:file_ctrl:No such file or directory:../crypto/bio/bss_file.c:297:calling fopen({f}, r)\n{THREAD}:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n"
                ));
            }
        }
    }
    match out {
        Some(path) => {
            let _ = std::fs::write(path, &output);
        }
        None => {
            let _ = std::io::stdout().write_all(&output);
        }
    }
    status
}
