//! The reference's SHA1 against the standard vectors (with the correct example's own
//! SHA1), and whole-program runs with outputs recorded from GNU coreutils 9.1 `sha1sum`.

use digest_cli::testing::{MemFiles, hash_hex, hex_string, run_in_memory, shavs};
use gnu_sums::Hash as _;

/// Checks `data`'s digest by the reference and by the correct example, each fed unevenly.
fn check_vector(data: &[u8], expect: &str) {
    for piece in [1, 63, 1000] {
        assert_eq!(
            hash_hex(&|| (crate::SHA1.new)(0), data, piece),
            expect,
            "reference, {} bytes in pieces of {piece}",
            data.len()
        );
    }
    let mut theirs = gnu_sums::sha1::Sha1::new();
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

/// RFC 3174 section 7.3: TEST1 to TEST4 (TEST4 is 80 bytes repeated 10 times).
const RFC_3174: &[(&str, usize, &str)] = &[
    ("abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
    (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        1,
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
    ),
    ("a", 1_000_000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
    (
        "0123456701234567012345670123456701234567012345670123456701234567",
        10,
        "dea356a2cddd90c7a7ecedc5ebb563934f460452",
    ),
];

#[test]
fn rfc_3174_tests() {
    for (text, times, expect) in RFC_3174 {
        check_vector(text.repeat(*times).as_bytes(), expect);
    }
}

/// NIST CAVP SHAVS byte-oriented short messages: every length from 0 to 64 bytes.
#[test]
fn nist_shavs_short_messages() {
    let vectors = shavs(include_str!("../../../shared/testdata/SHA1ShortMsg.rsp"));
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
            b"f572d396fae9206628714fb2ce00f72e94f2258f  a.txt\n\
              SHA1 (empty) = f572d396fae9206628714fb2ce00f72e94f2258f\n\
              junk\n\
              f572d396fae9206628714fb2ce00f72e94f2258f  dir\n",
        );
    let ran = run_in_memory(
        &crate::SHA1SUM,
        "sha1sum",
        &["a.txt", "empty", "--tag", "-"],
        b"hello\n",
        &files,
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "SHA1 (a.txt) = f572d396fae9206628714fb2ce00f72e94f2258f\nSHA1 (empty) = da39a3ee5e6b4b0d3255bfef95601890afd80709\nSHA1 (-) = f572d396fae9206628714fb2ce00f72e94f2258f\n"
    );
    assert_eq!((ran.stderr.as_slice(), ran.status), (&b""[..], 0));
    let ran = run_in_memory(&crate::SHA1SUM, "sha1sum", &["-c", "SUMS"], b"", &files);
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "a.txt: OK\nempty: FAILED\ndir: FAILED open or read\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        "sha1sum: dir: Is a directory\n\
         sha1sum: WARNING: 1 line is improperly formatted\n\
         sha1sum: WARNING: 1 listed file could not be read\n\
         sha1sum: WARNING: 1 computed checksum did NOT match\n"
    );
    assert_eq!(ran.status, 1);
}
