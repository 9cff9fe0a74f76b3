//! `run` end to end, against what Debian's `openssl kdf` printed for the same arguments.

use super::run;

fn check(args: &[&str], stdout: &str, stderr: &str, status: i32) {
    let args: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
    let out = run(&args);
    assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "{args:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), stderr, "{args:?}");
    assert_eq!(out.status, status, "{args:?}");
}

#[test]
fn hex_binary_and_errors() {
    check(
        &[
            "-keylen",
            "4",
            "-kdfopt",
            "digest:SHA256",
            "-kdfopt",
            "pass:password",
            "-kdfopt",
            "salt:salt",
            "-kdfopt",
            "iter:2",
            "PBKDF2",
        ],
        "AE:4D:0C:95\n\n",
        "",
        0,
    );
    check(
        &["-kdfopt", "pass:p", "PBKDF2"],
        "",
        "Invalid derived key length.\n",
        1,
    );
    check(
        &["-keylen", "x", "PBKDF2"],
        "",
        "Invalid derived key length.\n",
        1,
    );
    check(&["-keylen", "16"], "", "kdf: Use -help for summary.\n", 1);
    check(
        &["-bogus"],
        "",
        "kdf: Unknown option: -bogus\nkdf: Use -help for summary.\n",
        1,
    );
    check(
        &["-keylen", "16", "NOPE"],
        "",
        "Invalid KDF name NOPE\nkdf: Use -help for summary.\n0000000000000000:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (NOPE : 0), Properties (<null>)\n",
        1,
    );
    check(
        &["-keylen", "16", "-kdfopt", "pass:p", "PBKDF2"],
        "",
        "EVP_KDF_derive failed\n0000000000000000:error:1C800083:Provider routines:kdf_pbkdf2_derive:missing salt:../providers/implementations/kdfs/pbkdf2.c:159:\n",
        1,
    );
}
