//! The reference's MD5 against the standard vectors (with the correct example's own
//! MD5), and whole-program runs with outputs recorded from GNU coreutils 9.1 `md5sum`.

use digest_cli::testing::{MemFiles, hash_hex, hex_string, run_in_memory};
use gnu_sums::Hash as _;

/// Checks `data`'s digest by the reference and by the correct example, each fed unevenly.
fn check_vector(data: &[u8], expect: &str) {
    for piece in [1, 63, 1000] {
        assert_eq!(
            hash_hex(&|| (crate::MD5.new)(0), data, piece),
            expect,
            "reference, {} bytes in pieces of {piece}",
            data.len()
        );
    }
    let mut theirs = gnu_sums::md5::Md5::new();
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

/// RFC 1321, appendix A.5 ("test suite").
const RFC_1321: &[(&str, &str)] = &[
    ("", "d41d8cd98f00b204e9800998ecf8427e"),
    ("a", "0cc175b9c0f1b6a831c399e269772661"),
    ("abc", "900150983cd24fb0d6963f7d28e17f72"),
    ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
    (
        "abcdefghijklmnopqrstuvwxyz",
        "c3fcd3d76192e4007dfb496cca67e13b",
    ),
    (
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "d174ab98d277d9f5a5611c2c9f419d9f",
    ),
    (
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
        "57edf4a22be3c955ac49da2e2107b67a",
    ),
];

#[test]
fn rfc_1321_test_suite() {
    for (text, expect) in RFC_1321 {
        check_vector(text.as_bytes(), expect);
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
            b"b1946ac92492d2347c6235b4d2611184  a.txt\n\
              MD5 (empty) = b1946ac92492d2347c6235b4d2611184\n\
              junk\n\
              b1946ac92492d2347c6235b4d2611184  dir\n",
        );
    let ran = run_in_memory(
        &crate::MD5SUM,
        "md5sum",
        &["a.txt", "empty", "--tag", "-"],
        b"hello\n",
        &files,
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "MD5 (a.txt) = b1946ac92492d2347c6235b4d2611184\nMD5 (empty) = d41d8cd98f00b204e9800998ecf8427e\nMD5 (-) = b1946ac92492d2347c6235b4d2611184\n"
    );
    assert_eq!((ran.stderr.as_slice(), ran.status), (&b""[..], 0));
    let ran = run_in_memory(&crate::MD5SUM, "md5sum", &["-c", "SUMS"], b"", &files);
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        "a.txt: OK\nempty: FAILED\ndir: FAILED open or read\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stderr),
        "md5sum: dir: Is a directory\n\
         md5sum: WARNING: 1 line is improperly formatted\n\
         md5sum: WARNING: 1 listed file could not be read\n\
         md5sum: WARNING: 1 computed checksum did NOT match\n"
    );
    assert_eq!(ran.status, 1);
}
