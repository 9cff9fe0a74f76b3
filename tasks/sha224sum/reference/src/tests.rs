//! The reference's SHA224 against the standard vectors (with the correct example's own
//! SHA224), and whole-program runs with outputs recorded from GNU coreutils 9.1 `sha224sum`.

use digest_cli::testing::{MemFiles, hash_hex, hex_string, run_in_memory, shavs};
use gnu_sums::Hash as _;

/// Checks `data`'s digest by the reference and by the correct example, each fed unevenly.
fn check_vector(data: &[u8], expect: &str) {
    for piece in [1, 63, 1000] {
        assert_eq!(
            hash_hex(&|| (crate::SHA224.new)(0), data, piece),
            expect,
            "reference, {} bytes in pieces of {piece}",
            data.len()
        );
    }
    let mut theirs = gnu_sums::sha256::Sha256::new_224();
    for chunk in data.chunks(777) {
        theirs.update(chunk);
    }
    assert_eq!(
        hex_string(&theirs.finish()),
        expect,
        "correct example, {} bytes",
        data.len()
    );
}

/// FIPS 180-4's examples (NIST CSRC "Examples with Intermediate Values"): one block,
/// two blocks, and a million `a`.
const FIPS_180_4: &[(&str, usize, &str)] = &[
    (
        "abc",
        1,
        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
    ),
    (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        1,
        "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525",
    ),
    (
        "a",
        1_000_000,
        "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67",
    ),
];

#[test]
fn fips_180_4_examples() {
    for (text, times, expect) in FIPS_180_4 {
        check_vector(text.repeat(*times).as_bytes(), expect);
    }
}

/// NIST CAVP SHAVS byte-oriented short messages: every length from 0 to 64 bytes.
#[test]
fn nist_shavs_short_messages() {
    let vectors = shavs(include_str!("../../../shared/testdata/SHA224ShortMsg.rsp"));
    assert_eq!(vectors.len(), 65);
    for (message, digest) in vectors {
        check_vector(&message, &hex_string(&digest));
    }
}

#[test]
fn hashing_and_checking_like_gnu() {
    let files = MemFiles::default()
        .file("a.txt", b"hello\n")
        .file("empty", b"")
        .dir("dir")
        .file(
            "SUMS",
            b"2d6d67d91d0badcdd06cbbba1fe11538a68a37ec9c2e26457ceff12b  a.txt\n\
              SHA224 (empty) = 2d6d67d91d0badcdd06cbbba1fe11538a68a37ec9c2e26457ceff12b\n\
              junk\n\
              2d6d67d91d0badcdd06cbbba1fe11538a68a37ec9c2e26457ceff12b  dir\n",
        );
    let ran = run_in_memory(
        &crate::SHA224SUM,
        "sha224sum",
        &["a.txt", "empty", "--tag", "-"],
        b"hello\n",
        &files,
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "SHA224 (a.txt) = 2d6d67d91d0badcdd06cbbba1fe11538a68a37ec9c2e26457ceff12b\nSHA224 (empty) = d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f\nSHA224 (-) = 2d6d67d91d0badcdd06cbbba1fe11538a68a37ec9c2e26457ceff12b\n"
    );
    assert_eq!((ran.stderr.as_slice(), ran.status), (&b""[..], 0));
    let ran = run_in_memory(&crate::SHA224SUM, "sha224sum", &["-c", "SUMS"], b"", &files);
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "a.txt: OK\nempty: FAILED\ndir: FAILED open or read\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        "sha224sum: dir: Is a directory\n\
         sha224sum: WARNING: 1 line is improperly formatted\n\
         sha224sum: WARNING: 1 listed file could not be read\n\
         sha224sum: WARNING: 1 computed checksum did NOT match\n"
    );
    assert_eq!(ran.status, 1);
}
