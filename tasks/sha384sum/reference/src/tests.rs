//! The reference's SHA384 against the standard vectors (with the correct example's own
//! SHA384), and whole-program runs with outputs recorded from GNU coreutils 9.1 `sha384sum`.

use digest_cli::testing::{MemFiles, hash_hex, hex_string, run_in_memory, shavs};
use gnu_sums::Hash as _;

/// Checks `data`'s digest by the reference and by the correct example, each fed unevenly.
fn check_vector(data: &[u8], expect: &str) {
    for piece in [1, 63, 1000] {
        assert_eq!(
            hash_hex(&|| (crate::SHA384.new)(0), data, piece),
            expect,
            "reference, {} bytes in pieces of {piece}",
            data.len()
        );
    }
    let mut theirs = gnu_sums::sha512::Sha512::new_384();
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
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    ),
    (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        1,
        "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
    ),
    (
        "a",
        1_000_000,
        "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985",
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
    let vectors = shavs(include_str!("../../../shared/testdata/SHA384ShortMsg.rsp"));
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
            b"1d0f284efe3edea4b9ca3bd514fa134b17eae361ccc7a1eefeff801b9bd6604e01f21f6bf249ef030599f0c218f2ba8c  a.txt\n\
              SHA384 (empty) = 1d0f284efe3edea4b9ca3bd514fa134b17eae361ccc7a1eefeff801b9bd6604e01f21f6bf249ef030599f0c218f2ba8c\n\
              junk\n\
              1d0f284efe3edea4b9ca3bd514fa134b17eae361ccc7a1eefeff801b9bd6604e01f21f6bf249ef030599f0c218f2ba8c  dir\n",
        );
    let ran = run_in_memory(
        &crate::SHA384SUM,
        "sha384sum",
        &["a.txt", "empty", "--tag", "-"],
        b"hello\n",
        &files,
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "SHA384 (a.txt) = 1d0f284efe3edea4b9ca3bd514fa134b17eae361ccc7a1eefeff801b9bd6604e01f21f6bf249ef030599f0c218f2ba8c\nSHA384 (empty) = 38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b\nSHA384 (-) = 1d0f284efe3edea4b9ca3bd514fa134b17eae361ccc7a1eefeff801b9bd6604e01f21f6bf249ef030599f0c218f2ba8c\n"
    );
    assert_eq!((ran.stderr.as_slice(), ran.status), (&b""[..], 0));
    let ran = run_in_memory(&crate::SHA384SUM, "sha384sum", &["-c", "SUMS"], b"", &files);
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "a.txt: OK\nempty: FAILED\ndir: FAILED open or read\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        "sha384sum: dir: Is a directory\n\
         sha384sum: WARNING: 1 line is improperly formatted\n\
         sha384sum: WARNING: 1 listed file could not be read\n\
         sha384sum: WARNING: 1 computed checksum did NOT match\n"
    );
    assert_eq!(ran.status, 1);
}
