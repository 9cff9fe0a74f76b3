//! Case generator of the openssl-passwd task: `openssl-passwd-generator SEED COUNT` prints COUNT cases as JSON.
//!
//! Each case hashes one to four passwords (arguments, `-stdin` lines or an `-in` file) with
//! MD5-crypt, APR1 or SHA-crypt under an explicit salt: short, long (cut), with `$`, or a
//! `rounds=` prefix; sometimes as a table, reversed, or with a mistake in the options.

use openssl_common::cases::{Case, Rng};

const PASSWORDS: &[&str] = &[
    "password",
    "",
    "p",
    "Hello world!",
    "correct horse battery staple",
    "pa$$word",
    "tab\there",
    "Zürich",
    "a very much longer text to encrypt.  This one even stretches over morethan one line.",
    "0123456789abcdef0123456789abcdef",
];
const SALT_CHARS: &[u8] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn salt(rng: &mut Rng, max: usize) -> String {
    let n = match rng.below(10) {
        0 => 0,
        1..=5 => rng.range(1, max),
        6..=7 => max,
        _ => rng.range(max + 1, max + 10),
    };
    let mut s: String = (0..n).map(|_| char::from(*rng.pick(SALT_CHARS))).collect();
    if rng.chance(8) && !s.is_empty() {
        let at = rng.below(s.len());
        s.insert(at, '$');
    }
    s
}

fn password(rng: &mut Rng) -> String {
    if rng.chance(25) {
        let n = rng.range(1, 60);
        rng.text(n).replace('\n', " ")
    } else {
        rng.pick(PASSWORDS).to_string()
    }
}

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let mut case = Case {
        name: format!("random-{index}"),
        ..Case::default()
    };
    let mut opts: Vec<Vec<String>> = Vec::new();
    let (mode, sha) = *rng.pick(&[
        ("-1", false),
        ("-apr1", false),
        ("-5", true),
        ("-6", true),
        ("", false),
    ]);
    // SHA-crypt costs thousands of rounds per password: fewer passwords keep grading quick.
    let count = rng.range(1, if sha { 2 } else { 4 });
    if !mode.is_empty() {
        opts.push(vec![mode.into()]);
    }
    let salt_text = if sha {
        let s = salt(&mut rng, 16);
        // The rounds are the cost (5000 by default, at least 1000): the default in a
        // quarter of the cases, an explicit count mostly near the minimum otherwise.
        if rng.chance(75) {
            let rounds = match rng.below(8) {
                0 | 1 => rng.range(0, 999).to_string(),
                2 => "5000".into(),
                3 => format!("0{}", rng.range(1000, 1300)),
                _ => rng.range(1000, 1500).to_string(),
            };
            format!("rounds={rounds}${s}")
        } else {
            s
        }
    } else {
        salt(&mut rng, 8)
    };
    opts.push(vec!["-salt".into(), salt_text]);
    if rng.chance(35) {
        opts.push(vec!["-table".into()]);
    }
    if rng.chance(15) {
        opts.push(vec!["-reverse".into()]);
    }
    if rng.chance(10) {
        opts.push(vec!["-noverify".into()]);
    }
    let mut passwords: Vec<String> = (0..count).map(|_| password(&mut rng)).collect();
    if rng.chance(5) {
        passwords[0] = "x".repeat(rng.range(250, 300));
        if rng.chance(50) {
            opts.push(vec!["-quiet".into()]);
        }
    }
    let mut operands: Vec<String> = Vec::new();
    match rng.below(10) {
        0..=4 => operands = passwords,
        5..=7 => {
            opts.push(vec!["-stdin".into()]);
            let mut text = passwords.join(if rng.chance(15) { "\r\n" } else { "\n" });
            if rng.chance(70) {
                text.push('\n');
            }
            case.stdin = text.into_bytes();
        }
        _ => {
            opts.push(vec!["-in".into(), "passwords.txt".into()]);
            case.files.insert(
                "passwords.txt".into(),
                format!("{}\n", passwords.join("\n")).into_bytes(),
            );
        }
    }
    // One case in twelve has a mistake in its options.
    if rng.chance(8) {
        match rng.below(3) {
            0 => opts.push(vec![rng.pick(&["-1", "-6", "-apr1"]).to_string()]),
            1 => opts.push(vec!["-in".into(), "missing.txt".into()]),
            _ => opts.push(vec![rng.pick(&["-crypt", "-sha512", "-bogus"]).to_string()]),
        }
    }
    rng.shuffle(&mut opts);
    // An operand starting with '-' would be read as an option.
    if operands.first().is_some_and(|p| p.starts_with('-')) {
        operands.insert(0, "--".into());
    }
    case.args = std::iter::once("passwd".to_string())
        .chain(opts.into_iter().flatten())
        .chain(operands)
        .collect();
    case
}

fn main() {
    openssl_common::cases::main("openssl-passwd-generator", generate);
}

#[cfg(test)]
mod tests {
    use super::generate;

    #[test]
    fn pure_and_varied() {
        let a: Vec<_> = (0..200).map(|i| generate(13, i).args).collect();
        let b: Vec<_> = (0..200).map(|i| generate(13, i).args).collect();
        assert_eq!(a, b);
        for mode in ["-1", "-apr1", "-5", "-6", "-stdin", "-table"] {
            assert!(
                a.iter().any(|args| args.contains(&mode.to_string())),
                "{mode}"
            );
        }
    }
}
