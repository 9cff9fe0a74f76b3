//! `run` on in-memory inputs, against what Debian's `openssl enc` printed for the same.

use super::{Host, bytes_to_key, run};
use openssl_common::Md;
use openssl_common::hex::upper;

struct Memory(Vec<(&'static str, Vec<u8>)>);

impl Host for Memory {
    fn stdin(&mut self) -> Vec<u8> {
        Vec::new()
    }

    fn read(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(n, _)| n.as_bytes() == name)
            .map(|(_, d)| d.clone())
    }
}

fn check(
    args: &str,
    files: Vec<(&'static str, Vec<u8>)>,
    stdout: &[u8],
    stderr: &str,
    status: i32,
) {
    let args: Vec<Vec<u8>> = args.split(' ').map(|a| a.as_bytes().to_vec()).collect();
    let out = run(&args, &mut Memory(files));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(stdout),
        "stdout of {args:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        stderr,
        "stderr of {args:?}"
    );
    assert_eq!(out.status, status, "status of {args:?}");
}

fn m() -> Vec<(&'static str, Vec<u8>)> {
    vec![("m", b"hello world\n".to_vec())]
}

const SHORT: &str = "hex string is too short, padding with zero bytes to length\n";
const DEPRECATED: &str =
    "*** WARNING : deprecated key derivation used.\nUsing -iter or -pbkdf2 would be better.\n";

#[test]
fn raw_keys() {
    check(
        "-aes-128-cbc -K 00112233 -iv 01 -in m -a",
        m(),
        b"rWe7x7oBLbEPygyNmVfVxw==\n",
        &format!("{SHORT}{SHORT}"),
        0,
    );
    check(
        "-aes-128-cbc -K 000102030405060708090a0b0c0d0e0f -iv 00 -nosalt -p -in m -a",
        m(),
        b"key=000102030405060708090A0B0C0D0E0F\niv =00000000000000000000000000000000\nbXg1ndb/QfGVJKczXKKA9w==\n",
        SHORT,
        0,
    );
    check(
        "-aes-128-ecb -K 000102030405060708090a0b0c0d0e0f0011 -iv 00 -in m -a",
        m(),
        b"bXg1ndb/QfGVJKczXKKA9w==\n",
        "warning: iv not used by this cipher\nhex string is too long, ignoring excess\n",
        0,
    );
    check(
        "-chacha20 -K 000102030405060708090a0b0c0d0e0f -in m -a",
        m(),
        b"",
        "iv undefined\n",
        1,
    );
    check(
        "-aes-128-cbc -K 0g -iv 00 -in m",
        m(),
        b"",
        &format!("{SHORT}{SHORT}non-hex digit\ninvalid hex key value\n"),
        1,
    );
    check(
        "-d -aes-128-cbc -K 000102030405060708090a0b0c0d0e0f -iv 00 -in m",
        m(),
        b"",
        &format!(
            "{SHORT}bad decrypt\n0000000000000000:error:1C80006B:Provider routines:ossl_cipher_generic_block_final:wrong final block length:../providers/implementations/ciphers/ciphercommon.c:440:\n"
        ),
        1,
    );
}

#[test]
fn passwords() {
    check(
        "-aes-128-cbc -pass pass:secret -S 0102030405060708 -in m -p -a",
        m(),
        b"salt=0102030405060708\nkey=03B375940CB96C16F84FAA87F5EF39CC\niv =0BC7066CCD3E14456D9D74E438E35832\nkyGv3JFzJ1dToOSA4Rm6yQ==\n",
        DEPRECATED,
        0,
    );
    check(
        "-aes-128-cbc -k secret -S 01020304 -in m -p -a",
        m(),
        b"salt=0102030400000000\nkey=16667F9F5A01A61924F4442C13E1BA3D\niv =1AF67A4E8E914CED4FA3AF6701DECA81\nEV3YFXkyiNLCcCOx86gVSg==\n",
        &format!("{SHORT}{DEPRECATED}"),
        0,
    );
    check(
        "-aes-256-cbc -pbkdf2 -iter 5 -md sha1 -pass pass:secret -S 0102030405060708 -in m -P",
        m(),
        b"salt=0102030405060708\nkey=BEDDBCF9EF81275741AE85E8B72A36C03979F288B27A981F74FF808825E09CF7\niv =4D03C88B3332C57915E6319593AD9DD9\n",
        "",
        0,
    );
    check(
        "-aes-256-cbc -pbkdf2 -pass pass:secret -nosalt -in m -p -a",
        m(),
        b"key=FEC291A27F4FB8C70A4013DF167B7DCAB7FC9929066E7415515F4A5006B3C43D\niv =15F017F59513E9A453830ABF4AA015DE\n3ZRP7OdBuU/YCTKJTy5jzQ==\n",
        "",
        0,
    );
    check(
        "-d -aes-128-cbc -pass pass:secret -in m",
        m(),
        b"",
        "bad magic number\n",
        1,
    );
}

#[test]
fn bytes_to_key_is_iterated_sha256() {
    let kiv = bytes_to_key(Md::Sha256, b"secret", None, 48);
    assert_eq!(
        upper(&kiv[..32]),
        "2BB80D537B1DA3E38BD30361AA855686BDE0EACD7162FEF6A25FE97BF527A25B"
    );
    assert_eq!(upper(&kiv[32..]), "015E42FF678B2B90B743111A396EF850");
}
