//! The reference's BLAKE2b against RFC 7693 and BLAKE2's known-answer tests (with the
//! correct example's own BLAKE2b), and whole-program runs recorded from GNU b2sum 9.1.

use digest_cli::testing::{MemFiles, hash_hex, hex_string, run_in_memory, unhex};
use gnu_sums::Hash as _;

/// RFC 7693, Appendix A: BLAKE2b-512 of "abc".
const RFC_7693_ABC: &str = "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
                            7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923";

/// Checks the reference's BLAKE2b of `bytes` bytes, fed unevenly, and the example's.
fn check_vector(data: &[u8], bytes: usize, expect: &str) {
    for piece in [1, 127, 1000] {
        assert_eq!(
            hash_hex(&|| digest_cli::blake2b(bytes), data, piece),
            expect,
            "reference, {} bytes in pieces of {piece}",
            data.len()
        );
    }
    let mut theirs = gnu_sums::blake2b::Blake2b::new(bytes);
    for chunk in data.chunks(333) {
        theirs.update(chunk);
    }
    assert_eq!(hex_string(&theirs.finish()), expect, "correct example");
}

#[test]
fn rfc_7693_appendix_a() {
    check_vector(b"abc", 64, RFC_7693_ABC);
    // b2sum -l 256, recorded from GNU: the length is a parameter, not a cut.
    check_vector(
        b"abc",
        32,
        "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
    );
}

/// BLAKE2's `testvectors/blake2-kat.json`, its unkeyed BLAKE2b entries: inputs 00..i
/// for i below 256.
#[test]
fn blake2_unkeyed_known_answers() {
    let json: serde_json::Value = serde_json::from_str(include_str!(
        "../../../shared/testdata/blake2b-unkeyed-kat.json"
    ))
    .expect("the vectors are JSON");
    let entries = json.as_array().expect("a list");
    assert_eq!(entries.len(), 256);
    for entry in entries {
        let input = unhex(entry["in"].as_str().expect("in"));
        check_vector(&input, 64, entry["out"].as_str().expect("out"));
    }
}

/// BLAKE2's `testvectors/blake2b-kat.txt`: keyed (key 00..3f), inputs 00..i. b2sum has
/// no key, so this checks the same compression through keyed BLAKE2b: RustCrypto's MAC
/// over the core the reference uses, and the correct example's own.
#[test]
fn blake2b_keyed_known_answers() {
    use blake2::digest::{KeyInit, Mac};
    let text = include_str!("../../../shared/testdata/blake2b-kat.txt");
    let mut count = 0;
    let (mut input, mut key) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if let Some(value) = line.strip_prefix("in:") {
            input = unhex(value.trim());
        } else if let Some(value) = line.strip_prefix("key:") {
            key = unhex(value.trim());
        } else if let Some(value) = line.strip_prefix("hash:") {
            let expect = value.trim();
            let mut mac = blake2::Blake2bMac512::new_from_slice(&key).expect("a 64-byte key");
            mac.update(&input);
            assert_eq!(
                hex_string(&mac.finalize().into_bytes()),
                expect,
                "RustCrypto"
            );
            let mut theirs = gnu_sums::blake2b::Blake2b::keyed(64, &key);
            theirs.update(&input);
            assert_eq!(hex_string(&theirs.finish()), expect, "correct example");
            count += 1;
        }
    }
    assert_eq!(count, 256);
}

#[test]
fn lengths_like_gnu() {
    let files = MemFiles::default().file("a.txt", b"hello\n");
    let ran = run_in_memory(
        &crate::B2SUM,
        "b2sum",
        &["-l", "256", "--tag", "a.txt", "-l8"],
        b"",
        &files,
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "BLAKE2b-8 (a.txt) = 27\n"
    );
    let ran = run_in_memory(
        &crate::B2SUM,
        "b2sum",
        &["-l", "256", "--tag", "a.txt"],
        b"",
        &files,
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "BLAKE2b-256 (a.txt) = 93becc6e9882211c3ec3708c95bcd69baab7bb59c7f4bc84ce637b88a534b783\n"
    );
    let ran = run_in_memory(&crate::B2SUM, "b2sum", &["-l", "12"], b"", &files);
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        "b2sum: invalid length: '12'\nb2sum: length is not a multiple of 8\n"
    );
    assert_eq!(ran.status, 1);
}
