//! Reference implementation of the `cksum` task: GNU coreutils 9.1 `cksum`, byte for
//! byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{Algorithm, BLAKE2B, BSD, CRC, Kind, Output, SYSV, Tool, boxed};

/// A digest of RustCrypto's, as `cksum -a ARG` names it and tags its lines.
const fn rust_crypto(
    arg: &'static str,
    tag: &'static str,
    bits: u64,
    new: fn(usize) -> Box<dyn digest_cli::Hasher>,
) -> Algorithm {
    Algorithm {
        arg,
        tag,
        bits,
        output: Output::Digest,
        new,
    }
}

/// `-a`'s values in GNU's order (its error message lists them so).
static ALGORITHMS: [Algorithm; 11] = [
    BSD,
    SYSV,
    CRC,
    rust_crypto("md5", "MD5", 128, |_| boxed::<md5::Md5>()),
    rust_crypto("sha1", "SHA1", 160, |_| boxed::<sha1::Sha1>()),
    rust_crypto("sha224", "SHA224", 224, |_| boxed::<sha2::Sha224>()),
    rust_crypto("sha256", "SHA256", 256, |_| boxed::<sha2::Sha256>()),
    rust_crypto("sha384", "SHA384", 384, |_| boxed::<sha2::Sha384>()),
    rust_crypto("sha512", "SHA512", 512, |_| boxed::<sha2::Sha512>()),
    BLAKE2B,
    rust_crypto("sm3", "SM3", 256, |_| boxed::<sm3::Sm3>()),
];

static CKSUM: Tool = Tool {
    kind: Kind::Cksum(&ALGORITHMS),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&CKSUM));
}

#[cfg(test)]
mod tests;
