//! Standard vectors: RFC 4493 (AES-CMAC), RFC 8439 §2.5.2 (Poly1305), SP 800-185's KMAC
//! samples, the SipHash reference vectors, RFC 4231 (HMAC), and a BLAKE2b MAC with salt
//! and personalisation as Debian's `openssl mac` computes it.

use super::{Context, Mac};
use openssl_common::hex::upper;

fn tag(mac: Mac, opts: &[&str], data: &[u8]) -> String {
    let opts: Vec<&[u8]> = opts.iter().map(|o| o.as_bytes()).collect();
    upper(&Context::new(mac, &opts).unwrap().compute(data).unwrap())
}

const SP800_185_KEY: &str =
    "hexkey:404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F";

#[test]
fn sp800_185_kmac() {
    let d200: Vec<u8> = (0..200).collect();
    let custom = "custom:My Tagged Application";
    assert_eq!(
        tag(Mac::Kmac128, &[SP800_185_KEY], &[0, 1, 2, 3]),
        "E5780B0D3EA6F7D3A429C5706AA43A00FADBD7D49628839E3187243F456EE14E"
    );
    assert_eq!(
        tag(Mac::Kmac128, &[SP800_185_KEY, custom], &[0, 1, 2, 3]),
        "3B1FBA963CD8B0B59E8C1A6D71888B7143651AF8BA0A7070C0979E2811324AA5"
    );
    assert_eq!(
        tag(Mac::Kmac128, &[SP800_185_KEY, custom], &d200),
        "1F5B4E6CCA02209E0DCB5CA635B89A15E271ECC760071DFD805FAA38F9729230"
    );
    assert_eq!(
        tag(Mac::Kmac256, &[SP800_185_KEY, custom], &[0, 1, 2, 3]),
        "20C570C31346F703C9AC36C61C03CB64C3970D0CFC787E9B79599D273A68D2F7F69D4CC3DE9D104A351689F27CF6F5951F0103F33F4F24871024D9C27773A8DD"
    );
    assert_eq!(
        tag(Mac::Kmac256, &[SP800_185_KEY], &d200),
        "75358CF39E41494E949707927CEE0AF20A3FF553904C86B08F21CC414BCFD691589D27CF5E15369CBBFF8B9A4C2EB17800855D0235FF635DA82533EC6B759B69"
    );
    assert_eq!(
        tag(Mac::Kmac256, &[SP800_185_KEY, custom], &d200),
        "B58618F71F92E1D56C1B8C55DDD7CD188B97B4CA4D99831EB2699A837DA2E4D970FBACFDE50033AEA585F1A2708510C32D07880801BD182898FE476876FC8965"
    );
    // KMACXOF and a chosen size, as `openssl mac` gave them.
    assert_eq!(
        tag(
            Mac::Kmac256,
            &["key:kkkk", "size:16", "xof:1"],
            b"hello world\n"
        ),
        "9951021336136AAF0A5322D9A759C043"
    );
    assert_eq!(
        tag(
            Mac::Kmac256,
            &["key:kkkk", "size:16", "xof:0"],
            b"hello world\n"
        ),
        "78D0410E2A8EB0F3E17C53473A065C5D"
    );
}

#[test]
fn rfc4493_cmac() {
    let key = "hexkey:2b7e151628aed2a6abf7158809cf4f3c";
    let m: Vec<u8> = openssl_common::hex::parse_pairs(b"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710").unwrap();
    assert_eq!(
        tag(Mac::Cmac, &[key, "cipher:AES-128-CBC"], b""),
        "BB1D6929E95937287FA37D129B756746"
    );
    assert_eq!(
        tag(Mac::Cmac, &[key, "cipher:AES-128-CBC"], &m[..16]),
        "070A16B46B4D4144F79BDD9DD04A287C"
    );
    assert_eq!(
        tag(Mac::Cmac, &[key, "cipher:aes128"], &m[..40]),
        "DFA66747DE9AE63030CA32611497C827"
    );
    assert_eq!(
        tag(Mac::Cmac, &[key, "cipher:AES-128-CBC"], &m),
        "51F0BEBF7E3B9D92FC49741779363CFE"
    );
}

#[test]
fn rfc8439_poly1305() {
    assert_eq!(
        tag(
            Mac::Poly1305,
            &["hexkey:85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"],
            b"Cryptographic Forum Research Group"
        ),
        "A8061DC1305136C6C22B8BAF0C0127A9"
    );
}

#[test]
fn siphash_reference_vectors() {
    let key = "hexkey:000102030405060708090a0b0c0d0e0f";
    let m: Vec<u8> = (0..15).collect();
    assert_eq!(tag(Mac::SipHash, &[key, "size:8"], &m), "E545BE4961CA29A1");
    assert_eq!(
        tag(Mac::SipHash, &[key], &m),
        "5493E99933B0A8117E08EC0F97CFC3D9"
    );
    assert_eq!(tag(Mac::SipHash, &[key, "size:8"], b""), "310E0EDD47DB6F72");
    assert_eq!(
        tag(
            Mac::SipHash,
            &[key, "c-rounds:1", "d-rounds:3"],
            b"hello world\n"
        ),
        "43D64ED12F01F4C988D87DCDDA7EEC22"
    );
}

#[test]
fn hmac_and_blake2b() {
    assert_eq!(
        tag(
            Mac::Hmac,
            &["key:Jefe", "digest:SHA256"],
            b"what do ya want for nothing?"
        ),
        "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"
    );
    assert_eq!(
        tag(Mac::Hmac, &["digest:SHA3-256", "key:k"], b"hello world\n"),
        "34A6A35B83E3FB79D8E674AF7174055403DDF35CC8878C94CE5D9327907583C2"
    );
    assert_eq!(
        tag(Mac::Blake2bMac, &["key:k", "size:16"], b"hello world\n"),
        "73903B38F6C09FBFB3F0670C926B0C50"
    );
    assert_eq!(
        tag(Mac::Blake2bMac, &["key:k", "size:3"], b"hello world\n"),
        "AD789D"
    );
    assert_eq!(
        tag(
            Mac::Blake2bMac,
            &["key:key", "size:32", "salt:salt", "custom:pers"],
            b"abc"
        ),
        "E6DF96787614ECB44EC31A741E87BB67AAE74268F591876C66F3117991208275"
    );
    assert_eq!(
        tag(Mac::Blake2bMac, &["key:k"], b"hello world\n"),
        "A1561A8F90FE401A5BDD7C1A4BA4C02816D608F0A9B9D2D3918ABA35AFABD6AFF8F922A66A1A977C532A097564BDEBB6383DA737FCAEEBB4C0C2E494C260D7A5"
    );
}
