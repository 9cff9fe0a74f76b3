//! Standard vectors: digests of "abc" (FIPS 180-4, FIPS 202, RFC 7693, GB/T 32905, RIPEMD-160),
//! RFC 2202 (HMAC-MD5, HMAC-SHA-1), RFC 4231 (HMAC-SHA-2) and RFC 6070 (PBKDF2-HMAC-SHA1).

use super::Md;
use crate::hex::lower;

fn unhex(s: &str) -> Vec<u8> {
    crate::hex::parse_pairs(s.as_bytes()).unwrap()
}

#[test]
fn digests_of_abc() {
    let cases = [
        (Md::Md5, "900150983cd24fb0d6963f7d28e17f72"),
        (Md::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            Md::Sha224,
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
        ),
        (
            Md::Sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ),
        (
            Md::Sha384,
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
        ),
        (
            Md::Sha512,
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        ),
        (
            Md::Sha512_256,
            "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
        ),
        (
            Md::Sha3_256,
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
        ),
        (
            Md::Sha3_512,
            "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0",
        ),
        (
            Md::Blake2b512,
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
        ),
        (
            Md::Blake2s256,
            "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
        ),
        (
            Md::Sm3,
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
        ),
        (Md::Ripemd160, "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"),
    ];
    for (md, want) in cases {
        assert_eq!(lower(&md.digest(b"abc")), want, "{md:?}");
        assert_eq!(md.size() * 2, want.len(), "{md:?}");
        assert_eq!(
            Md::from_name(md.name().to_ascii_lowercase().as_bytes()),
            Some(md)
        );
    }
    assert_eq!(Md::from_name(b"sha256"), Some(Md::Sha256));
    assert_eq!(Md::from_name(b"SHA512-256"), Some(Md::Sha512_256));
    assert_eq!(Md::from_name(b"sha2-255"), None);
    assert_eq!(Md::Sha3_256.block_size(), 136);
    assert_eq!(Md::Blake2b512.block_size(), 128);
}

#[test]
fn rfc2202_hmac_md5_and_sha1() {
    let cases: [(Md, Vec<u8>, Vec<u8>, &str); 6] = [
        (
            Md::Md5,
            vec![0x0b; 16],
            b"Hi There".to_vec(),
            "9294727a3638bb1c13f48ef8158bfc9d",
        ),
        (
            Md::Md5,
            b"Jefe".to_vec(),
            b"what do ya want for nothing?".to_vec(),
            "750c783e6ab0b503eaa86e310a5db738",
        ),
        (
            Md::Md5,
            vec![0xaa; 80],
            b"Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".to_vec(),
            "6f630fad67cda0ee1fb1f562db3aa53e",
        ),
        (
            Md::Sha1,
            vec![0x0b; 20],
            b"Hi There".to_vec(),
            "b617318655057264e28bc0b6fb378c8ef146be00",
        ),
        (
            Md::Sha1,
            vec![0xaa; 20],
            vec![0xdd; 50],
            "125d7342b9ac11cd91a39af48aa17b4f63f175d3",
        ),
        (
            Md::Sha1,
            vec![0xaa; 80],
            b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112",
        ),
    ];
    for (md, key, data, want) in cases {
        assert_eq!(lower(&md.hmac_of(&key, &data)), want);
    }
}

#[test]
fn rfc4231_hmac_sha2() {
    let key1 = vec![0x0b; 20];
    let key6 = vec![0xaa; 131];
    let data6 = b"Test Using Larger Than Block-Size Key - Hash Key First";
    let cases = [
        (
            Md::Sha224,
            &key1,
            &b"Hi There"[..],
            "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22",
        ),
        (
            Md::Sha256,
            &key1,
            b"Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            Md::Sha384,
            &key1,
            b"Hi There",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
        ),
        (
            Md::Sha512,
            &key1,
            b"Hi There",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        ),
        (
            Md::Sha256,
            &key6,
            data6,
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
        (
            Md::Sha512,
            &key6,
            data6,
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
        ),
    ];
    for (md, key, data, want) in cases {
        assert_eq!(lower(&md.hmac_of(key, data)), want, "{md:?}");
    }
    // Streaming in pieces gives the one-shot tag.
    let mut mac = Md::Sha256.hmac(&key1);
    mac.feed(b"Hi ");
    mac.feed(b"There");
    assert_eq!(
        lower(&mac.tag()),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    );
}

#[test]
fn rfc6070_pbkdf2_sha1() {
    type Case<'a> = (&'a [u8], &'a [u8], u32, usize, &'a str);
    let cases: [Case; 4] = [
        (
            b"password",
            b"salt",
            1,
            20,
            "0c60c80f961f0e71f3a9b524af6012062fe037a6",
        ),
        (
            b"password",
            b"salt",
            2,
            20,
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
        ),
        (
            b"password",
            b"salt",
            4096,
            20,
            "4b007901b765489abead49d926f721d065a429c1",
        ),
        (
            b"pass\0word",
            b"sa\0lt",
            4096,
            16,
            "56fa6aa75548099dcc37d7f03425e0c3",
        ),
    ];
    for (pass, salt, iter, len, want) in cases {
        let mut out = vec![0; len];
        Md::Sha1.pbkdf2(pass, salt, iter, &mut out);
        assert_eq!(lower(&out), want);
    }
    let mut out = vec![0; 25];
    Md::Sha1.pbkdf2(
        b"passwordPASSWORDpassword",
        b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
        4096,
        &mut out,
    );
    assert_eq!(
        lower(&out),
        "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"
    );
    assert_eq!(unhex("00ff"), vec![0, 255]);
}
