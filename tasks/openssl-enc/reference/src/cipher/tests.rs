//! Standard vectors (FIPS 197 Appendix C, SP 800-38A F.1, F.2 and F.5, RFC 8439 §2.4.2) and
//! the counter wrap-arounds, checked against Debian's `openssl enc`.

use super::{Cipher, Fail};
use openssl_common::hex::{lower, parse_pairs};

fn unhex(s: &str) -> Vec<u8> {
    parse_pairs(s.replace(' ', "").as_bytes()).unwrap()
}

fn cipher(name: &str) -> Cipher {
    Cipher::from_name(name.as_bytes()).unwrap()
}

/// Encrypts without padding, checks, and decrypts back.
fn check(name: &str, key: &str, iv: &str, plain: &[u8], want: &str) {
    let c = cipher(name);
    let (key, iv) = (unhex(key), unhex(iv));
    let (out, fail) = c.encrypt(&key, &iv, plain, false);
    assert_eq!((lower(&out), fail), (want.replace(' ', ""), None), "{name}");
    assert_eq!(
        c.decrypt(&key, &iv, &out, false),
        (plain.to_vec(), None),
        "{name}"
    );
}

const SP800_38A_PLAIN: &str = "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51 30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";

#[test]
fn fips197_appendix_c() {
    let plain = unhex("00112233445566778899aabbccddeeff");
    check(
        "aes-128-ecb",
        "000102030405060708090a0b0c0d0e0f",
        "",
        &plain,
        "69c4e0d86a7b0430d8cdb78070b4c55a",
    );
    check(
        "aes-192-ecb",
        "000102030405060708090a0b0c0d0e0f1011121314151617",
        "",
        &plain,
        "dda97ca4864cdfe06eaf70a0ec0d7191",
    );
    check(
        "aes-256-ecb",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        "",
        &plain,
        "8ea2b7ca516745bfeafc49904b496089",
    );
}

#[test]
fn sp800_38a() {
    let plain = unhex(SP800_38A_PLAIN);
    let k128 = "2b7e151628aed2a6abf7158809cf4f3c";
    let k192 = "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b";
    let k256 = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
    let iv = "000102030405060708090a0b0c0d0e0f";
    let ctr = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
    check(
        "AES-128-ECB",
        k128,
        "",
        &plain,
        "3ad77bb40d7a3660a89ecaf32466ef97 f5d3d58503b9699de785895a96fdbaaf 43b1cd7f598ece23881b00e3ed030688 7b0c785e27e8ad3f8223207104725dd4",
    );
    check(
        "AES-192-ECB",
        k192,
        "",
        &plain,
        "bd334f1d6e45f25ff712a214571fa5cc 974104846d0ad3ad7734ecb3ecee4eef ef7afd2270e2e60adce0ba2face6444e 9a4b41ba738d6c72fb16691603c18e0e",
    );
    check(
        "AES-128-CBC",
        k128,
        iv,
        &plain,
        "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2 73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7",
    );
    check(
        "aes256",
        k256,
        iv,
        &plain,
        "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d 39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b",
    );
    check(
        "aes-128-ctr",
        k128,
        ctr,
        &plain,
        "874d6191b620e3261bef6864990db6ce 9806f66b7970fdff8617187bb9fffdff 5ae4df3edbd5d35e5b4f09020db03eab 1e031dda2fbe03d1792170a0f3009cee",
    );
    check(
        "aes-256-ctr",
        k256,
        ctr,
        &plain,
        "601ec313775789a5b7a7f504bbf3d228 f443e3ca4d62b59aca84e990cacaf5c5 2b0930daa23de94ce87017ba2d84988d dfc9c58db67aada613c2dd08457941a6",
    );
}

#[test]
fn rfc8439_chacha20_encryption() {
    // Section 2.4.2: counter 1, nonce 000000000000004a00000000; OpenSSL's IV is the
    // little-endian counter followed by the nonce.
    let key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    let plain = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
    check(
        "chacha20",
        key,
        "01000000000000000000004a00000000",
        plain,
        "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d",
    );
}

#[test]
fn counters_wrap_as_openssl_does() {
    let key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    check(
        "chacha20",
        key,
        "feffffffffffffff0102030405060708",
        &[b'x'; 200],
        "4c4dd4b315e57f8e0854d482368bd887ee77037a3e75a730c2538b0e99711179fd9f9fdf4e2f3e682b1184e8bc4e97c926696cb9935c52b783a0b994d3468b3efdbe8d33b733bc5e5d607a981be86aa53e6d30a629bcb75b9b8ac15c7b4c1727150281d0ee7185864708cb14bb1f28416cad8f055c3741476b4290a656c74862f4922047bff0124eb3d782dded95aa9bd8af112e590b01b5be92c4ab48eb175cb4eb87dff73de8f0fdb7d892bcdda5ed0a126b608c3f6e3ea90289aec1c8ceb3979edd80ddf4d0e4",
    );
    check(
        "aes-128-ctr",
        "000102030405060708090a0b0c0d0e0f",
        "ffffffffffffffffffffffffffffffff",
        &[b'x'; 40],
        "443c674ab67ffa5b1cafdae17628c36bbed9434ffff723fa1737f91ad9b0a0010b3e6bededb8cc66",
    );
}

#[test]
fn padding_and_its_failures() {
    let c = cipher("aes-128-ecb");
    let key = unhex("000102030405060708090a0b0c0d0e0f");
    let (sealed, fail) = c.encrypt(&key, &[], b"hello world\n", true);
    assert_eq!((sealed.len(), fail), (16, None));
    assert_eq!(
        c.decrypt(&key, &[], &sealed, true),
        (b"hello world\n".to_vec(), None)
    );
    // A block of plaintext ending in 03 02 and one ending in 00: both bad pads, different lines.
    let (bad, _) = c.encrypt(&key, &[], b"0123456789abcd\x03\x02", false);
    assert_eq!(
        c.decrypt(&key, &[], &bad, true),
        (vec![], Some(Fail::PadBytes))
    );
    let (zero, _) = c.encrypt(&key, &[], b"0123456789abcde\x00", false);
    let mut two = sealed.clone();
    two.extend_from_slice(&zero);
    assert_eq!(
        c.decrypt(&key, &[], &two, true),
        (
            b"hello world\n\x04\x04\x04\x04".to_vec(),
            Some(Fail::PadValue)
        )
    );
    assert_eq!(
        c.decrypt(&key, &[], &[], true),
        (vec![], Some(Fail::DecryptLength))
    );
    assert_eq!(c.decrypt(&key, &[], &[], false), (vec![], None));
    assert_eq!(
        c.decrypt(&key, &[], &sealed[..12], true),
        (vec![], Some(Fail::DecryptLength))
    );
    assert_eq!(
        c.encrypt(&key, &[], &[0; 20], false).1,
        Some(Fail::EncryptLength)
    );
    assert_eq!(c.encrypt(&key, &[], &[0; 20], false).0.len(), 16);
    let des = cipher("des3");
    assert_eq!((des.key_len, des.iv_len, des.block_size), (24, 8, 8));
}
