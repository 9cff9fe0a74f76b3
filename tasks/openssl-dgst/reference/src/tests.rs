//! `run` on in-memory inputs, against what Debian's `openssl dgst` printed for the same.

use std::collections::BTreeMap;

use super::{Host, run};

struct Memory {
    stdin: Vec<u8>,
    files: BTreeMap<Vec<u8>, Vec<u8>>,
}

impl Host for Memory {
    fn stdin(&mut self) -> Vec<u8> {
        self.stdin.clone()
    }

    fn read(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        self.files.get(name).cloned()
    }
}

fn check(args: &str, stdin: &str, stdout: &str, stderr: &str, status: i32) {
    let mut host = Memory {
        stdin: stdin.as_bytes().to_vec(),
        files: [("a", "abc"), ("b", "hello\n"), ("new\nline", "x")]
            .iter()
            .map(|(n, d)| (n.as_bytes().to_vec(), d.as_bytes().to_vec()))
            .collect(),
    };
    let args: Vec<Vec<u8>> = args
        .split(' ')
        .filter(|a| !a.is_empty())
        .map(|a| a.replace('~', "\n").into_bytes())
        .collect();
    let out = run(&args, &mut host);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        stdout,
        "stdout of {args:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        stderr,
        "stderr of {args:?}"
    );
    assert_eq!(out.status, status, "status of {args:?}");
}

#[test]
fn default_digest_has_its_legacy_name() {
    check(
        "a",
        "",
        "SHA256(a)= ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n",
        "",
        0,
    );
    check(
        "-sha256 a",
        "",
        "SHA2-256(a)= ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n",
        "",
        0,
    );
    check(
        "-md5",
        "abc",
        "MD5(stdin)= 900150983cd24fb0d6963f7d28e17f72\n",
        "",
        0,
    );
}

#[test]
fn formats() {
    check(
        "-r -sha1",
        "abc",
        "a9993e364706816aba3e25717850c26c9cd0d89d *stdin\n",
        "",
        0,
    );
    check(
        "-c -sha1 a",
        "",
        "SHA1(a)= a9:99:3e:36:47:06:81:6a:ba:3e:25:71:78:50:c2:6c:9c:d0:d8:9d\n",
        "",
        0,
    );
    check(
        "-c -r -md5 a",
        "",
        "900150983cd24fb0d6963f7d28e17f72 *a\n",
        "",
        0,
    );
    check(
        "-r -md5 new~line",
        "",
        "\\9dd4e461268c8034f5c8564e155c67a6 *new\\nline\n",
        "",
        0,
    );
    check(
        "-md5 new~line",
        "",
        "MD5(new\nline)= 9dd4e461268c8034f5c8564e155c67a6\n",
        "",
        0,
    );
}

#[test]
fn hmac_names() {
    check(
        "-hmac key -sha256 a",
        "",
        "HMAC-SHA2-256(a)= 9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab\n",
        "",
        0,
    );
    check(
        "-hmac key -c a",
        "",
        "HMAC-SHA256(a)= 9c:19:6e:32:dc:01:75:f8:6f:4b:1c:b8:92:89:d6:61:9d:e6:be:e6:99:e4:c3:78:e6:83:09:ed:97:a1:a6:ab\n",
        "",
        0,
    );
    check(
        "-sha1 -hmac k",
        "",
        "SHA1(stdin)= 3a84a218ee6665209bb70e84525dd837645a1965\n",
        "",
        0,
    );
    check(
        "-mac hmac -macopt hexkey:6b6579 -sha1 a b",
        "",
        "HMAC-SHA1(a)= 4fd0b215276ef12f2b3e4c8ecac2811498b656fc\nHMAC-SHA1(b)= 0034827303254f5d5e8a89bb712ffb4bf38a5ff8\n",
        "",
        0,
    );
}

#[test]
fn errors() {
    check(
        "-nosuch a",
        "",
        "",
        "dgst: Unknown option or message digest: nosuch\ndgst: Use -help for summary.\n0000000000000000:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (nosuch : 0), Properties (<null>)\n",
        1,
    );
    check(
        "-nosuch -md5 a",
        "",
        "MD5(a)= 900150983cd24fb0d6963f7d28e17f72\n",
        "",
        0,
    );
    check(
        "-sha256 missing a",
        "",
        "SHA2-256(a)= ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n",
        "missing: No such file or directory\n0000000000000000:error:80000002:system library:file_ctrl:No such file or directory:../crypto/bio/bss_file.c:297:calling fopen(missing, r)\n0000000000000000:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n",
        1,
    );
    check(
        "-out",
        "",
        "",
        "dgst: Option -out needs a value\ndgst: Use -help for summary.\n",
        1,
    );
}
