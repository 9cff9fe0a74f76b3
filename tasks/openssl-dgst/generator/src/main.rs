//! Case generator of the openssl-dgst task: `openssl-dgst-generator SEED COUNT` prints COUNT cases as JSON.
//!
//! Each case hashes one to three files (or stdin) with a digest chosen by option, plain or
//! keyed (`-hmac`, `-mac HMAC -macopt`), in one of the output formats, sometimes into a file
//! with `-out`, sometimes with a missing file or an unknown option among the arguments.

use openssl_common::cases::{Case, Rng};

/// Digest options as the generator writes them, with a few of OpenSSL's other names.
const DIGESTS: &[&str] = &[
    "-md5",
    "-sha1",
    "-sha224",
    "-sha256",
    "-sha384",
    "-sha512",
    "-sha512-256",
    "-sha3-256",
    "-sha3-512",
    "-blake2b512",
    "-blake2s256",
    "-sm3",
    "-ripemd160",
];
const ALIASES: &[&str] = &[
    "-SHA256",
    "-sha2-256",
    "-SHA-1",
    "-ripemd",
    "-rmd160",
    "-BLAKE2s256",
    "-sha-512/256",
    "-SHA3-512",
];

/// File names, a few needing care (spaces, a newline for `-r`). `-dash` is never the first
/// operand: it would be read as an option.
const NAMES: &[&str] = &[
    "a.txt",
    "b.bin",
    "data",
    "x",
    "with space.txt",
    "sub/inner.dat",
    "-dash",
    "UPPER",
    "back\\slash",
    "new\nline",
    "tab\tname",
    "caf\u{e9}",
];

const KEYS: &[&str] = &[
    "key",
    "k",
    "",
    "secret key",
    "Jefe",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef012",
    "p@ss:word",
];

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let mut case = Case {
        name: format!("random-{index}"),
        ..Case::default()
    };
    let mut args: Vec<String> = vec!["dgst".into()];
    let mut options: Vec<Vec<String>> = Vec::new();

    let digest = if rng.chance(85) {
        Some(
            if rng.chance(15) {
                rng.pick(ALIASES)
            } else {
                rng.pick(DIGESTS)
            }
            .to_string(),
        )
    } else {
        None
    };
    match rng.below(10) {
        0..=5 => {}
        6..=7 => options.push(vec!["-hmac".into(), rng.pick(KEYS).to_string()]),
        _ => {
            options.push(vec![
                "-mac".into(),
                if rng.chance(70) { "HMAC" } else { "hmac" }.into(),
            ]);
            let key = if rng.chance(50) {
                format!("key:{}", rng.pick(KEYS))
            } else {
                let n = rng.range(1, 80);
                format!("hexkey:{}", rng.hex(2 * n))
            };
            options.push(vec!["-macopt".into(), key]);
        }
    }
    // -mac needs an explicit digest.
    let digest = if options.iter().any(|o| o[0] == "-mac") && digest.is_none() {
        Some("-sha256".to_string())
    } else {
        digest
    };
    if let Some(d) = digest {
        options.push(vec![d]);
    }
    for flag in ["-r", "-c", "-hex", "-binary"] {
        let p = if flag == "-binary" { 10 } else { 25 };
        if rng.chance(p) {
            options.push(vec![flag.into()]);
        }
    }
    if rng.chance(10) {
        options.push(vec!["-out".into(), "digest.out".into()]);
    }
    rng.shuffle(&mut options);
    // An unknown option first is replaced by the digest option after it; last, it is an error.
    if rng.chance(6) {
        let bogus = vec![
            rng.pick(&["-nosuch", "-sha2", "-shake", "-md6"])
                .to_string(),
        ];
        if rng.chance(50) {
            options.insert(0, bogus)
        } else {
            options.push(bogus)
        }
    }
    for o in options {
        args.extend(o);
    }

    let nfiles = if rng.chance(25) { 0 } else { rng.range(1, 3) };
    if nfiles == 0 {
        case.stdin = rng.contents();
    }
    let mut used = Vec::new();
    for i in 0..nfiles {
        let mut name = rng.pick(NAMES).to_string();
        if i == 0 && name.starts_with('-') {
            name = "a.txt".into();
        }
        if !used.contains(&name) {
            used.push(name.clone());
            case.files.insert(name.clone(), rng.contents());
        }
        args.push(name);
    }
    if nfiles > 0 && rng.chance(10) {
        // Never first: an operand starting with `-` would be read as an option.
        let first = args.len() - nfiles;
        let at = rng.range(first + 1, args.len());
        args.insert(at, "missing.txt".into());
    }
    case.args = args;
    case
}

fn main() {
    openssl_common::cases::main("openssl-dgst-generator", generate);
}

#[cfg(test)]
mod tests {
    use super::generate;

    #[test]
    fn pure_and_varied() {
        let a: Vec<_> = (0..50).map(|i| generate(7, i).args).collect();
        let b: Vec<_> = (0..50).map(|i| generate(7, i).args).collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|args| args[0] == "dgst"));
        assert!(a.iter().any(|args| args.contains(&"-hmac".to_string())));
        assert!(a.iter().any(|args| args.contains(&"-r".to_string())));
    }
}
