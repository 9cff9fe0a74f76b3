//! The reference's SHA512 against the standard vectors (with the correct example's own
//! SHA512), and whole-program runs with outputs recorded from GNU coreutils 9.1 `sha512sum`.

use digest_cli::testing::{MemFiles, hash_hex, hex_string, run_in_memory, shavs};
use gnu_sums::Hash as _;

/// Checks `data`'s digest by the reference and by the correct example, each fed unevenly.
fn check_vector(data: &[u8], expect: &str) {
    for piece in [1, 63, 1000] {
        assert_eq!(
            hash_hex(&|| (crate::SHA512.new)(0), data, piece),
            expect,
            "reference, {} bytes in pieces of {piece}",
            data.len()
        );
    }
    let mut theirs = gnu_sums::sha512::Sha512::new_512();
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
/// two blocks (896 bits), and a million `a`.
const FIPS_180_4: &[(&str, usize, &str)] = &[
    (
        "abc",
        1,
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    ),
    (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        1,
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
    ),
    (
        "a",
        1_000_000,
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
    ),
];

#[test]
fn fips_180_4_examples() {
    for (text, times, expect) in FIPS_180_4 {
        check_vector(text.repeat(*times).as_bytes(), expect);
    }
}

/// NIST CAVP SHAVS byte-oriented short messages: every length from 0 to 128 bytes.
#[test]
fn nist_shavs_short_messages() {
    let vectors = shavs(include_str!("../../../shared/testdata/SHA512ShortMsg.rsp"));
    assert_eq!(vectors.len(), 129);
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
            b"e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629  a.txt\n\
              SHA512 (empty) = e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629\n\
              junk\n\
              e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629  dir\n",
        );
    let ran = run_in_memory(
        &crate::SHA512SUM,
        "sha512sum",
        &["a.txt", "empty", "--tag", "-"],
        b"hello\n",
        &files,
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "SHA512 (a.txt) = e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629\nSHA512 (empty) = cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e\nSHA512 (-) = e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629\n"
    );
    assert_eq!((ran.stderr.as_slice(), ran.status), (&b""[..], 0));
    let ran = run_in_memory(&crate::SHA512SUM, "sha512sum", &["-c", "SUMS"], b"", &files);
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "a.txt: OK\nempty: FAILED\ndir: FAILED open or read\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        "sha512sum: dir: Is a directory\n\
         sha512sum: WARNING: 1 line is improperly formatted\n\
         sha512sum: WARNING: 1 listed file could not be read\n\
         sha512sum: WARNING: 1 computed checksum did NOT match\n"
    );
    assert_eq!(ran.status, 1);
}
