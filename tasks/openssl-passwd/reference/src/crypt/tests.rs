//! Drepper's SHA-crypt test vectors (both tables of "Unix crypt using SHA-256 and SHA-512"),
//! and MD5-crypt as Debian's `openssl passwd` computed it.

use super::{md5crypt, shacrypt};

fn sha(wide: bool, salt: &str, password: &str) -> String {
    String::from_utf8(shacrypt(password.as_bytes(), wide, salt.as_bytes()).unwrap()).unwrap()
}

#[test]
fn drepper_sha256() {
    let cases = [
        (
            "saltstring",
            "Hello world!",
            "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5",
        ),
        (
            "rounds=10000$saltstringsaltstring",
            "Hello world!",
            "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA",
        ),
        (
            "rounds=5000$toolongsaltstring",
            "This is just a test",
            "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5",
        ),
        (
            "rounds=1400$anotherlongsaltstring",
            "a very much longer text to encrypt.  This one even stretches over morethan one line.",
            "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1",
        ),
        (
            "rounds=77777$short",
            "we have a short salt string but not a short password",
            "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/",
        ),
        (
            "rounds=123456$asaltof16chars..",
            "a short string",
            "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD",
        ),
        (
            "rounds=10$roundstoolow",
            "the minimum number is still observed",
            "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC",
        ),
    ];
    for (salt, password, want) in cases {
        assert_eq!(sha(false, salt, password), want);
    }
}

#[test]
fn drepper_sha512() {
    let cases = [
        (
            "saltstring",
            "Hello world!",
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        ),
        (
            "rounds=10000$saltstringsaltstring",
            "Hello world!",
            "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
        ),
        (
            "rounds=5000$toolongsaltstring",
            "This is just a test",
            "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0",
        ),
        (
            "rounds=1400$anotherlongsaltstring",
            "a very much longer text to encrypt.  This one even stretches over morethan one line.",
            "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1",
        ),
        (
            "rounds=77777$short",
            "we have a short salt string but not a short password",
            "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0",
        ),
        (
            "rounds=123456$asaltof16chars..",
            "a short string",
            "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1",
        ),
        (
            "rounds=10$roundstoolow",
            "the minimum number is still observed",
            "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.",
        ),
    ];
    for (salt, password, want) in cases {
        assert_eq!(sha(true, salt, password), want);
    }
}

#[test]
fn salts_openssl_refuses_or_keeps() {
    assert_eq!(shacrypt(b"p", false, b"rounds=abc"), None);
    assert_eq!(shacrypt(b"p", false, b""), None);
    assert_eq!(shacrypt(b"p", true, b"rounds=1000$"), None);
    assert_eq!(shacrypt(b"", true, b"salt"), None);
    assert_eq!(
        sha(false, "rounds=$xy", "p"),
        "$5$rounds=1000$xy$P9ufapMK/GFgH4Xyymjn6NsHgbW2ARTvt3814nPnsI0"
    );
    assert_eq!(
        sha(false, "rounds= 2000$ab", "p"),
        "$5$rounds=2000$ab$Y1xuJ.9PSBtFR9WN2vQLzShfm0/aSuFe/5uwn4YVzs4"
    );
    assert_eq!(
        sha(false, "ab$cd", "p"),
        "$5$ab$cd$Vgs1gT7eEQ5Dm/y9/lHVtdjPw68RLZQXUbJMGLCbno9"
    );
}

#[test]
fn md5crypt_as_openssl_prints_it() {
    let m = |magic: &str, salt: &str, pw: &str| {
        String::from_utf8(md5crypt(pw.as_bytes(), magic.as_bytes(), salt.as_bytes())).unwrap()
    };
    assert_eq!(
        m("1", "abcdefghijk", "password"),
        "$1$abcdefgh$G//4keteveJp0qb8z2DxG/"
    );
    assert_eq!(
        m("apr1", "xxxxxxxx", "password"),
        "$apr1$xxxxxxxx$dxHfLAsjHkDRmG83UXe8K0"
    );
    assert_eq!(m("1", "ab", "password"), "$1$ab$oKsM6dtDD2L1bKowOBX.7.");
    assert_eq!(m("1", "", "p"), "$1$$dw./IUNZ6iMTMiAolemFa0");
    assert_eq!(m("1", "s", ""), "$1$s$iXWZU0LDEJ7Jjmms7KFsH0");
    assert_eq!(m("1", "ab$cd", "p"), "$1$ab$cd$9UUpN6sppPu40YlT2GGv90");
    assert_eq!(m("", "abcdefghij", "p"), "abcdefgh$onv3PdQbPGoNddtCoRZF90");
}
