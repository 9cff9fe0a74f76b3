//! Case generator of the openssl-kdf task: `openssl-kdf-generator SEED COUNT` prints COUNT cases as JSON.
//!
//! Each case derives a key with PBKDF2, HKDF (in its three modes), SCRYPT (small `n`) or
//! TLS1-PRF, parameters as text or hex, in colon hex or `-binary`, sometimes into a file;
//! one case in ten has one mistake (a missing parameter, a bad number or hex string, an
//! unknown name).

use openssl_common::cases::{Case, Rng};

const DIGESTS: &[&str] = &[
    "SHA256",
    "sha1",
    "SHA2-512",
    "sha384",
    "SHA224",
    "md5",
    "SHA3-256",
    "sha3-512",
    "SHA512-256",
    "BLAKE2b512",
    "sm3",
    "RIPEMD160",
];
const WORDS: &[&str] = &[
    "password",
    "salt",
    "secret",
    "NaCl",
    "",
    "info",
    "label",
    "0123456789",
    "p@ss word",
    "Ünïcödé",
    "a:b:c",
];

fn text_or_hex(rng: &mut Rng, name: &str, opts: &mut Vec<String>, allow_empty: bool) {
    if rng.chance(40) {
        let n = rng.range(usize::from(!allow_empty), 40);
        opts.push(format!("hex{name}:{}", rng.hex(2 * n)));
    } else {
        let mut word = rng.pick(WORDS).to_string();
        if word.is_empty() && !allow_empty {
            word = "k".into();
        }
        if rng.chance(30) {
            let n = rng.range(1, 30);
            word = rng.text(n).replace('\n', " ");
        }
        opts.push(format!("{name}:{word}"));
    }
}

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let mut case = Case {
        name: format!("random-{index}"),
        ..Case::default()
    };
    let mut kdfopts: Vec<String> = Vec::new();
    let mut keylen = rng.range(1, 80);
    let kdf = match rng.below(100) {
        0..=34 => {
            text_or_hex(&mut rng, "pass", &mut kdfopts, true);
            text_or_hex(&mut rng, "salt", &mut kdfopts, true);
            // Without `iter`, PBKDF2 runs 2048 iterations: then one block of a cheap digest.
            let default_iter = !rng.chance(80);
            if default_iter {
                keylen = rng.range(1, 20);
            } else {
                kdfopts.push(format!("iter:{}", rng.range(1, 400)));
            }
            if rng.chance(80) {
                let digest = if default_iter {
                    rng.pick(&["SHA1", "sha256", "SHA2-256", "SHA512"])
                } else {
                    rng.pick(DIGESTS)
                };
                kdfopts.push(format!("digest:{digest}"));
            }
            "PBKDF2"
        }
        35..=64 => {
            let digest = *rng.pick(DIGESTS);
            kdfopts.push(format!("digest:{digest}"));
            text_or_hex(&mut rng, "key", &mut kdfopts, false);
            if rng.chance(70) {
                text_or_hex(&mut rng, "salt", &mut kdfopts, true);
            }
            for _ in 0..rng.below(3) {
                text_or_hex(&mut rng, "info", &mut kdfopts, true);
            }
            match rng.below(4) {
                0 => kdfopts.push("mode:EXTRACT_AND_EXPAND".into()),
                1 => {
                    kdfopts.push(format!(
                        "mode:{}",
                        if rng.chance(50) {
                            "EXTRACT_ONLY"
                        } else {
                            "extract_only"
                        }
                    ));
                    // The output must be exactly one digest long.
                    let size =
                        openssl_common::Md::from_name(digest.as_bytes()).map_or(32, |m| m.size());
                    if rng.chance(90) {
                        keylen = size;
                    }
                }
                2 => kdfopts.push("mode:EXPAND_ONLY".into()),
                _ => {}
            }
            "HKDF"
        }
        65..=79 => {
            text_or_hex(&mut rng, "pass", &mut kdfopts, true);
            text_or_hex(&mut rng, "salt", &mut kdfopts, true);
            // Work grows with n·r·p; keep it well inside the fuel budget.
            let log_n = rng.range(1, 10);
            let r = rng.range(1, 4);
            let p = rng.range(1, 2);
            let log_n = if (1usize << log_n) * r * p > 2048 {
                7
            } else {
                log_n
            };
            kdfopts.push(format!("n:{}", 1usize << log_n));
            if rng.chance(80) || r != 8 {
                kdfopts.push(format!("r:{r}"));
            }
            kdfopts.push(format!("p:{p}"));
            "SCRYPT"
        }
        _ => {
            let digest = if rng.chance(25) {
                "MD5-SHA1"
            } else {
                rng.pick(DIGESTS)
            };
            kdfopts.push(format!("digest:{digest}"));
            text_or_hex(&mut rng, "secret", &mut kdfopts, false);
            for _ in 0..rng.range(1, 3) {
                text_or_hex(&mut rng, "seed", &mut kdfopts, false);
            }
            "TLS1-PRF"
        }
    };
    let mut name = kdf.to_string();
    if rng.chance(20) {
        name = name.to_lowercase();
    }
    let mut give_keylen = true;
    // One case in ten has one mistake.
    if rng.chance(10) {
        match rng.below(8) {
            0 => give_keylen = false,
            1 => {
                // Never SCRYPT's n: its default would need a gigabyte.
                let at = rng.below(kdfopts.len());
                if !kdfopts[at].starts_with("n:") {
                    kdfopts.remove(at);
                }
            }
            2 => kdfopts.push(format!(
                "{}:1",
                rng.pick(&["bogus", "N", "iterations", "size"])
            )),
            3 => kdfopts.push(format!("hexsalt:{}", rng.pick(&["0g", "012", "zz"]))),
            4 => kdfopts.insert(0, "digest:SHA2".into()),
            5 if kdf == "PBKDF2" => kdfopts.insert(0, "iter:0".into()),
            5 if kdf == "SCRYPT" => {
                kdfopts.insert(0, format!("n:{}", rng.pick(&["3", "1", "100"])))
            }
            5 if kdf == "HKDF" => kdfopts.insert(0, "mode:EXPAND".into()),
            6 => name = rng.pick(&["PBKDF1", "HKDF2", "ARGON2"]).to_string(),
            _ => keylen = 0,
        }
    }
    // Options come in any order; -kdfopt keeps its own relative order.
    let mut opts: Vec<Vec<String>> = Vec::new();
    if give_keylen {
        opts.push(vec!["-keylen".into(), keylen.to_string()]);
    }
    if rng.chance(25) {
        opts.push(vec!["-binary".into()]);
    }
    if rng.chance(15) {
        opts.push(vec!["-out".into(), "key.out".into()]);
    }
    rng.shuffle(&mut opts);
    let at = rng.below(opts.len() + 1);
    let mut args: Vec<String> = vec!["kdf".into()];
    for (i, o) in opts.iter().enumerate() {
        if i == at {
            args.extend(
                kdfopts
                    .iter()
                    .flat_map(|k| ["-kdfopt".to_string(), k.clone()]),
            );
        }
        args.extend(o.iter().cloned());
    }
    if at == opts.len() {
        args.extend(
            kdfopts
                .iter()
                .flat_map(|k| ["-kdfopt".to_string(), k.clone()]),
        );
    }
    args.push(name);
    case.args = args;
    case
}

fn main() {
    openssl_common::cases::main("openssl-kdf-generator", generate);
}

#[cfg(test)]
mod tests {
    use super::generate;

    #[test]
    fn pure_and_varied() {
        let a: Vec<_> = (0..200).map(|i| generate(9, i).args).collect();
        let b: Vec<_> = (0..200).map(|i| generate(9, i).args).collect();
        assert_eq!(a, b);
        for kdf in ["PBKDF2", "HKDF", "SCRYPT", "TLS1-PRF"] {
            assert!(a.iter().any(|args| args.last().unwrap() == kdf), "{kdf}");
        }
    }
}
