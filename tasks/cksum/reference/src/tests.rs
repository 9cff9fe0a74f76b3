//! The reference's SM3 and CRC against their standards (with the correct example's own),
//! and whole-program runs recorded from GNU cksum 9.1.

use digest_cli::testing::{MemFiles, hash_hex, hex_string, run_in_memory};
use gnu_sums::Hash as _;

/// GB/T 32905-2016, Appendix A: SM3 of "abc" and of "abcd" 16 times.
const GB_T_32905: &[(&str, usize, &str)] = &[
    (
        "abc",
        1,
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    ),
    (
        "abcd",
        16,
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
    ),
];

#[test]
fn gb_t_32905_sm3() {
    let sm3 = &crate::ALGORITHMS[10];
    assert_eq!(sm3.tag, "SM3");
    for (text, times, expect) in GB_T_32905 {
        let data = text.repeat(*times);
        for piece in [1, 63, 1000] {
            assert_eq!(hash_hex(&|| (sm3.new)(32), data.as_bytes(), piece), *expect);
        }
        let mut theirs = gnu_sums::sm3::Sm3::new();
        theirs.update(data.as_bytes());
        assert_eq!(hex_string(&theirs.finish()), *expect, "correct example");
    }
}

/// The CRC catalogue's check value of CRC-32/CKSUM ("123456789" gives 0x765E7680), and
/// what POSIX cksum adds: the length.
#[test]
fn crc_catalogue_check_value() {
    assert_eq!(digest_cli::crc_core(b"123456789"), 0x765E_7680);
    let files = MemFiles::default().file("check", b"123456789");
    let ran = run_in_memory(&crate::CKSUM, "cksum", &["check"], b"", &files);
    assert_eq!(String::from_utf8_lossy(&ran.stdout), "930766865 9 check\n");
    let mut theirs = gnu_sums::sums::PosixCrc::default();
    theirs.update(b"123456789");
    assert_eq!(theirs.value(), (930_766_865, 9), "correct example");
}

/// Each algorithm once, as GNU prints it for "hello\n".
#[test]
fn every_algorithm_like_gnu() {
    let files = MemFiles::default().file("a.txt", b"hello\n");
    let cases: &[(&[&str], &str)] = &[
        (&["a.txt"], "3015617425 6 a.txt\n"),
        (&["-a", "bsd", "a.txt"], "36979     1 a.txt\n"),
        (&["-a", "sysv", "a.txt"], "542 1 a.txt\n"),
        (
            &["-a", "md5", "a.txt"],
            "MD5 (a.txt) = b1946ac92492d2347c6235b4d2611184\n",
        ),
        (
            &["-a", "sha256", "--untagged", "a.txt"],
            "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  a.txt\n",
        ),
        (
            &["-a", "blake2b", "-l", "128", "a.txt"],
            "BLAKE2b-128 (a.txt) = ea41b4de6c03f13a95758b28dd75693e\n",
        ),
        (
            &["-a", "sm3", "a.txt"],
            "SM3 (a.txt) = f7a87a195b0cc0052b9d598482212ceb07e4ea60e8d139a5dfeff36c24abf2b3\n",
        ),
    ];
    for (args, expect) in cases {
        let ran = run_in_memory(&crate::CKSUM, "cksum", args, b"", &files);
        assert_eq!(String::from_utf8_lossy(&ran.stdout), *expect, "{args:?}");
        assert_eq!((ran.stderr.len(), ran.status), (0, 0), "{args:?}");
    }
}
