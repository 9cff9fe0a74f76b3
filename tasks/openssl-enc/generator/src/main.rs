//! Case generator of the openssl-enc task: `openssl-enc-generator SEED COUNT` prints COUNT cases as JSON.
//!
//! Each case encrypts or decrypts stdin or a file with a raw hex key and IV (short, long
//! and odd-length hex included), with or without padding and base64, sometimes printing the
//! key. Decryptions get a real ciphertext under the same key, a corrupted one, or noise,
//! so that the `bad decrypt` paths come up.

use openssl_common::base64;
use openssl_common::cases::{Case, Rng};
use openssl_enc_reference::cipher::Cipher;

/// Cipher options as written, with a few of OpenSSL's other names for the same ciphers.
const CIPHERS: &[&str] = &[
    "-aes-128-ecb",
    "-aes-192-ecb",
    "-aes-256-ecb",
    "-aes-128-cbc",
    "-aes-192-cbc",
    "-aes-256-cbc",
    "-aes-128-ctr",
    "-aes-192-ctr",
    "-aes-256-ctr",
    "-chacha20",
    "-des-ede3-cbc",
];
const ALIASES: &[&str] = &[
    "-aes128",
    "-AES-256-CBC",
    "-des3",
    "-ChaCha20",
    "-aes256",
    "-AES-192-CTR",
];

/// Hex of `n` bytes, sometimes upper-case.
fn hex_bytes(rng: &mut Rng, n: usize) -> String {
    let h = rng.hex(2 * n);
    if rng.chance(20) { h.to_uppercase() } else { h }
}

/// A hex string for a field of `size` bytes: usually exact, sometimes short (odd lengths
/// too), long, or with a bad digit.
fn hex_field(rng: &mut Rng, size: usize, bad: bool) -> String {
    let exact = hex_bytes(rng, size);
    match rng.below(100) {
        0..=69 => exact,
        70..=84 => exact[..rng.below(2 * size)].to_string(),
        85..=96 => {
            let extra = rng.range(1, 9);
            format!("{exact}{}", rng.hex(extra))
        }
        _ if bad => {
            let mut s = exact.into_bytes();
            let at = rng.below(s.len());
            s[at] = *rng.pick(b"gxz-");
            String::from_utf8(s).expect("ascii")
        }
        _ => exact,
    }
}

/// `set_hex` on a well-formed string: pad or cut to `size` bytes.
fn parse_field(text: &str, size: usize) -> Vec<u8> {
    let mut sink = Vec::new();
    openssl_common::hex::set_hex(text.as_bytes(), size, &mut sink).unwrap_or_else(|| vec![0; size])
}

fn plaintext(rng: &mut Rng, block: usize) -> Vec<u8> {
    let n = match rng.below(10) {
        0..=5 => *rng.pick(&[
            0usize, 1, 5, 8, 15, 16, 17, 24, 31, 32, 33, 47, 48, 49, 64, 100, 128, 200,
        ]),
        6..=7 => block * rng.range(1, 12),
        _ => rng.below(900),
    };
    if rng.chance(50) {
        rng.text(n).into_bytes()
    } else {
        rng.bytes(n)
    }
}

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let mut case = Case {
        name: format!("random-{index}"),
        ..Case::default()
    };
    let option = if rng.chance(12) {
        rng.pick(ALIASES)
    } else {
        rng.pick(CIPHERS)
    };
    let cipher = Cipher::from_name(&option.as_bytes()[1..]).expect("listed ciphers exist");
    let decrypt = rng.chance(40);
    let mut opts: Vec<Vec<String>> = vec![vec![option.to_string()]];
    if decrypt {
        opts.push(vec!["-d".into()]);
    } else if rng.chance(20) {
        opts.push(vec!["-e".into()]);
    }
    let key_text = hex_field(&mut rng, cipher.key_len, true);
    opts.push(vec!["-K".into(), key_text.clone()]);
    let iv_size = if cipher.iv_len == 0 {
        16
    } else {
        cipher.iv_len
    };
    let iv_text = hex_field(&mut rng, iv_size, true);
    let give_iv = if cipher.iv_len == 0 {
        rng.chance(25)
    } else {
        rng.chance(96)
    };
    if give_iv {
        opts.push(vec!["-iv".into(), iv_text.clone()]);
    }
    let nopad = cipher.block_size > 1 && rng.chance(15) || rng.chance(3);
    if nopad {
        opts.push(vec!["-nopad".into()]);
    }
    let b64 = rng.chance(30);
    let one_line = b64 && rng.chance(30);
    if b64 {
        opts.push(vec![if rng.chance(80) { "-a" } else { "-base64" }.into()]);
        if one_line {
            opts.push(vec!["-A".into()]);
        }
    }
    match rng.below(100) {
        0..=9 => opts.extend([vec!["-p".into()], vec!["-nosalt".into()]]),
        10..=14 => opts.extend([vec!["-P".into()], vec!["-nosalt".into()]]),
        _ => {}
    }

    let mut data = plaintext(&mut rng, cipher.block_size);
    if nopad && !decrypt && rng.chance(70) {
        data.truncate(data.len() / cipher.block_size * cipher.block_size);
    }
    if decrypt {
        let key = parse_field(&key_text, cipher.key_len);
        let iv = parse_field(&iv_text, cipher.iv_len);
        let (mut sealed, _) = cipher.encrypt(&key, &iv, &data, !nopad || rng.chance(30));
        match rng.below(10) {
            // A real ciphertext, or one with a flipped bit (the pad may break).
            0..=5 => {}
            6 => {
                if let Some(last) = sealed.last_mut() {
                    *last ^= 1 << rng.below(8);
                }
            }
            7 => sealed.truncate(sealed.len().saturating_sub(rng.range(1, 5))),
            _ => {
                let ragged = if rng.chance(30) { rng.below(5) } else { 0 };
                let n = cipher.block_size.max(16) * rng.range(0, 4) + ragged;
                sealed = rng.bytes(n);
            }
        }
        data = if b64 {
            // As `enc -a` writes it: 64-column lines, or one line with -A.
            let mut text = base64::encode_lines(&sealed, one_line);
            if one_line && rng.chance(50) {
                text.push(b'\n');
            }
            text
        } else {
            sealed
        };
    }
    if rng.chance(55) {
        let name = *rng.pick(&["plain.txt", "data.bin", "in", "msg"]);
        case.files.insert(name.into(), data);
        opts.push(vec!["-in".into(), name.into()]);
        if rng.chance(8) {
            // A missing input file.
            opts.last_mut().expect("just pushed")[1] = "missing.bin".into();
        }
    } else {
        case.stdin = data;
    }
    if rng.chance(25) {
        opts.push(vec!["-out".into(), "out.bin".into()]);
    }
    rng.shuffle(&mut opts);
    case.args = std::iter::once("enc".to_string())
        .chain(opts.into_iter().flatten())
        .collect();
    case
}

fn main() {
    openssl_common::cases::main("openssl-enc-generator", generate);
}

#[cfg(test)]
mod tests {
    use super::generate;

    #[test]
    fn pure_and_varied() {
        let a: Vec<_> = (0..100).map(|i| generate(3, i).args).collect();
        let b: Vec<_> = (0..100).map(|i| generate(3, i).args).collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|args| args[0] == "enc"));
        assert!(a.iter().any(|args| args.contains(&"-d".to_string())));
        assert!(a.iter().any(|args| args.contains(&"-nopad".to_string())));
    }
}
