//! Case generator of the `cksum` task: `cksum-generator SEED COUNT` prints COUNT cases
//! as JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

use digest_cli::{Algorithm, BLAKE2B, BSD, CRC, Output, SYSV, boxed};

const fn digest(
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

/// cksum's algorithms in GNU's order, for the digests in check lists.
static ALGORITHMS: [Algorithm; 11] = [
    BSD,
    SYSV,
    CRC,
    digest("md5", "MD5", 128, |_| boxed::<md5::Md5>()),
    digest("sha1", "SHA1", 160, |_| boxed::<sha1::Sha1>()),
    digest("sha224", "SHA224", 224, |_| boxed::<sha2::Sha224>()),
    digest("sha256", "SHA256", 256, |_| boxed::<sha2::Sha256>()),
    digest("sha384", "SHA384", 384, |_| boxed::<sha2::Sha384>()),
    digest("sha512", "SHA512", 512, |_| boxed::<sha2::Sha512>()),
    BLAKE2B,
    digest("sm3", "SM3", 256, |_| boxed::<sm3::Sm3>()),
];

fn main() {
    sums_gen::main(sums_gen::Tool::Cksum(&ALGORITHMS));
}
