//! Case generator of the openssl-mac task: `openssl-mac-generator SEED COUNT` prints COUNT cases as JSON.
//!
//! Each case computes HMAC, CMAC, SIPHASH, POLY1305, KMAC128/256 or BLAKE2BMAC over stdin
//! or a file, with keys as text or hex and the MAC's own options (size, rounds,
//! customisation, XOF, salt), in hex or `-binary`, sometimes into a file; one case in ten
//! has one mistake (a key of the wrong length, an unknown parameter, bad hex, no key).

use openssl_common::cases::{Case, Rng};

const DIGESTS: &[&str] = &[
    "SHA256",
    "sha1",
    "SHA2-512",
    "sha384",
    "md5",
    "SHA3-256",
    "sha3-512",
    "SHA512-256",
    "BLAKE2s256",
    "sm3",
    "RIPEMD160",
    "sha224",
];
const CIPHERS: &[(&str, usize)] = &[
    ("AES-128-CBC", 16),
    ("AES-192-CBC", 24),
    ("AES-256-CBC", 32),
    ("aes128", 16),
    ("aes-256-cbc", 32),
];

/// A key of exactly `n` bytes, as text (printable) or hex.
fn key(rng: &mut Rng, n: usize) -> String {
    if rng.chance(50) {
        format!("hexkey:{}", rng.hex(2 * n))
    } else {
        let text: String = (0..n)
            .map(|_| char::from(b'!' + rng.below(94) as u8))
            .collect();
        format!("key:{text}")
    }
}

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let mut case = Case {
        name: format!("random-{index}"),
        ..Case::default()
    };
    let mut macopts: Vec<String> = Vec::new();
    let mut opts: Vec<Vec<String>> = Vec::new();
    let broken = rng.chance(10);
    let name = match rng.below(100) {
        0..=24 => {
            let d = *rng.pick(DIGESTS);
            if rng.chance(60) {
                opts.push(vec!["-digest".into(), d.into()])
            } else {
                macopts.push(format!("digest:{d}"))
            }
            let n = rng.range(1, 150);
            macopts.push(key(&mut rng, n));
            "HMAC"
        }
        25..=39 => {
            let (c, n) = *rng.pick(CIPHERS);
            if rng.chance(60) {
                opts.push(vec!["-cipher".into(), c.into()])
            } else {
                macopts.push(format!("cipher:{c}"))
            }
            let n = if broken && rng.chance(50) { n + 8 } else { n };
            macopts.push(key(&mut rng, n));
            "CMAC"
        }
        40..=54 => {
            let n = if broken && rng.chance(50) {
                rng.pick(&[8usize, 15, 17, 32]).to_owned()
            } else {
                16
            };
            macopts.push(key(&mut rng, n));
            if rng.chance(50) {
                macopts.push(format!("size:{}", rng.pick(&[8, 16])));
            }
            if rng.chance(30) {
                macopts.push(format!("c-rounds:{}", rng.range(0, 6)));
            }
            if rng.chance(30) {
                macopts.push(format!("d-rounds:{}", rng.range(0, 8)));
            }
            "SIPHASH"
        }
        55..=64 => {
            let n = if broken && rng.chance(60) {
                rng.pick(&[16usize, 31, 33]).to_owned()
            } else {
                32
            };
            macopts.push(key(&mut rng, n));
            "POLY1305"
        }
        65..=84 => {
            let n = if broken && rng.chance(40) {
                rng.range(1, 3)
            } else {
                rng.range(4, 80)
            };
            macopts.push(key(&mut rng, n));
            if rng.chance(50) {
                let custom = *rng.pick(&[
                    "My Tagged Application",
                    "",
                    "app",
                    "a longer customisation string, with spaces",
                ]);
                macopts.push(format!("custom:{custom}"));
            }
            if rng.chance(40) {
                macopts.push(format!("size:{}", rng.range(1, 100)));
            }
            if rng.chance(30) {
                macopts.push(format!("xof:{}", rng.below(2)));
            }
            if rng.chance(50) { "KMAC128" } else { "KMAC256" }
        }
        _ => {
            let n = if broken && rng.chance(40) {
                65
            } else {
                rng.range(1, 64)
            };
            macopts.push(key(&mut rng, n));
            if rng.chance(50) {
                macopts.push(format!("size:{}", rng.range(1, 64)));
            }
            if rng.chance(30) {
                macopts.push(format!("salt:{}", &"saltsaltsaltsalt"[..rng.range(0, 16)]));
            }
            if rng.chance(30) {
                macopts.push(format!(
                    "custom:{}",
                    &"personalisation!"[..rng.range(0, 16)]
                ));
            }
            "BLAKE2BMAC"
        }
    };
    if broken {
        match rng.below(5) {
            0 => macopts.push(format!("{}:1", rng.pick(&["bogus", "rounds", "length"]))),
            1 => macopts.push(format!("hexkey:{}", rng.pick(&["0g", "abc"]))),
            2 if name != "POLY1305" && name != "HMAC" && name != "CMAC" => {
                macopts.retain(|o| !o.starts_with("key") && !o.starts_with("hexkey"))
            }
            3 if name == "HMAC" => {
                opts.retain(|o| o[0] != "-digest");
                macopts.retain(|o| !o.starts_with("digest"));
            }
            _ => {}
        }
    }
    let mut name = name.to_string();
    if rng.chance(15) {
        name = name.to_lowercase();
    }
    let n = *rng.pick(&[0usize, 1, 3, 15, 16, 17, 64, 100, 135, 136, 168, 200, 500]);
    let data = if rng.chance(50) {
        rng.text(n).into_bytes()
    } else {
        rng.bytes(n)
    };
    if rng.chance(60) {
        case.files.insert("msg.bin".into(), data);
        opts.push(vec![
            "-in".into(),
            if rng.chance(5) {
                "missing.bin"
            } else {
                "msg.bin"
            }
            .into(),
        ]);
    } else {
        case.stdin = data;
    }
    if rng.chance(25) {
        opts.push(vec!["-binary".into()]);
    }
    if rng.chance(15) {
        opts.push(vec!["-out".into(), "tag.out".into()]);
    }
    for m in macopts {
        opts.push(vec!["-macopt".into(), m]);
    }
    // -macopt keeps its relative order (the first key given wins); the rest are shuffled in.
    let (mut fixed, macs): (Vec<_>, Vec<_>) = opts.into_iter().partition(|o| o[0] != "-macopt");
    rng.shuffle(&mut fixed);
    let mut merged: Vec<Vec<String>> = Vec::new();
    let mut macs = macs.into_iter();
    for o in fixed {
        if rng.chance(50) {
            merged.extend(macs.next());
        }
        merged.push(o);
    }
    merged.extend(macs);
    case.args = std::iter::once("mac".to_string())
        .chain(merged.into_iter().flatten())
        .chain(std::iter::once(name))
        .collect();
    case
}

fn main() {
    openssl_common::cases::main("openssl-mac-generator", generate);
}

#[cfg(test)]
mod tests {
    use super::generate;

    #[test]
    fn pure_and_varied() {
        let a: Vec<_> = (0..200).map(|i| generate(11, i).args).collect();
        let b: Vec<_> = (0..200).map(|i| generate(11, i).args).collect();
        assert_eq!(a, b);
        for mac in [
            "HMAC",
            "CMAC",
            "SIPHASH",
            "POLY1305",
            "KMAC128",
            "KMAC256",
            "BLAKE2BMAC",
        ] {
            assert!(a.iter().any(|args| args.last().unwrap() == mac), "{mac}");
        }
    }
}
