//! Standard vectors: RFC 5869 (HKDF), RFC 7914 §12 (scrypt), and TLS1-PRF as Debian's
//! `openssl kdf` computes it (P_SHA256, and TLS 1.0's MD5+SHA-1 split).

use super::{Kdf, Params, derive};
use openssl_common::hex::lower;

fn run(kdf: Kdf, opts: &[&str], len: usize) -> Result<String, String> {
    let opts: Vec<&[u8]> = opts.iter().map(|o| o.as_bytes()).collect();
    let params = Params::parse(kdf, &opts)?;
    derive(kdf, &params, len).map(|k| lower(&k))
}

const IKM22: &str = "hexkey:0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";

#[test]
fn rfc5869() {
    let tc1 = [
        "digest:SHA256",
        IKM22,
        "hexsalt:000102030405060708090a0b0c",
        "hexinfo:f0f1f2f3f4f5f6f7f8f9",
    ];
    assert_eq!(
        run(Kdf::Hkdf, &tc1, 42).unwrap(),
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    );
    let mut extract = tc1.to_vec();
    extract.push("mode:EXTRACT_ONLY");
    assert_eq!(
        run(Kdf::Hkdf, &extract, 32).unwrap(),
        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"
    );
    let expand = [
        "digest:sha256",
        "mode:expand_only",
        "hexkey:077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
        "hexinfo:f0f1f2f3f4",
        "hexinfo:f5f6f7f8f9",
    ];
    assert_eq!(
        run(Kdf::Hkdf, &expand, 42).unwrap(),
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    );
    assert_eq!(
        run(Kdf::Hkdf, &["digest:SHA256", IKM22], 42).unwrap(),
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
    );
    let tc4 = [
        "digest:SHA1",
        "hexkey:0b0b0b0b0b0b0b0b0b0b0b",
        "hexsalt:000102030405060708090a0b0c",
        "hexinfo:f0f1f2f3f4f5f6f7f8f9",
    ];
    assert_eq!(
        run(Kdf::Hkdf, &tc4, 42).unwrap(),
        "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"
    );
}

#[test]
fn rfc7914() {
    assert_eq!(
        run(Kdf::Scrypt, &["pass:", "salt:", "n:16", "r:1", "p:1"], 64).unwrap(),
        "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
    );
    assert_eq!(
        run(
            Kdf::Scrypt,
            &["pass:password", "salt:NaCl", "n:1024", "r:8", "p:16"],
            64
        )
        .unwrap(),
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
    );
}

#[test]
fn tls1_prf() {
    assert_eq!(
        run(
            Kdf::Tls1Prf,
            &["digest:SHA256", "secret:sec", "seed:seed"],
            16
        )
        .unwrap(),
        "f02772de1b7bf0f5d600efb6c1a1ed54"
    );
    assert_eq!(
        run(
            Kdf::Tls1Prf,
            &["digest:SHA256", "secret:s", "seed:a", "seed:b"],
            16
        )
        .unwrap(),
        "0dcaa1f1aaa113b886cb6daf4c479e8d"
    );
    assert_eq!(
        run(
            Kdf::Tls1Prf,
            &["digest:MD5-SHA1", "secret:sec", "seed:seed"],
            16
        )
        .unwrap(),
        "432e2a88182097635a4e6d9e45170064"
    );
}

#[test]
fn pbkdf2_defaults_and_errors() {
    // SHA-1 and 2048 iterations by default.
    assert_eq!(
        run(
            Kdf::Pbkdf2,
            &["pass:password", "salt:salt", "iter:2", "digest:SHA256"],
            32
        )
        .unwrap(),
        "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"
    );
    assert!(
        run(Kdf::Pbkdf2, &["pass:p"], 16)
            .unwrap_err()
            .contains("missing salt")
    );
    assert_eq!(
        run(Kdf::Pbkdf2, &["pass:p", "bogus:1"], 16).unwrap_err(),
        "Parameter unknown 'bogus:1'\n"
    );
    assert_eq!(
        run(Kdf::Pbkdf2, &["iter:x"], 16).unwrap_err(),
        "Parameter error 'iter:x'\n"
    );
    assert!(
        run(Kdf::Pbkdf2, &["hexsalt:012"], 16)
            .unwrap_err()
            .contains("odd number of digits")
    );
    assert_eq!(
        run(Kdf::Scrypt, &["pass:p", "salt:s", "n:15"], 16).unwrap_err(),
        "KDF parameter error\n"
    );
}
