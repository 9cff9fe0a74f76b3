//! Reference implementation of the `sha512sum` task: GNU coreutils 9.1 `sha512sum`, byte for
//! byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{Algorithm, Kind, Output, Tool};

/// SHA-512 (FIPS 180-4) from RustCrypto's `sha2`.
static SHA512: Algorithm = Algorithm {
    arg: "sha512",
    tag: "SHA512",
    bits: 512,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha2::Sha512>(),
};

static SHA512SUM: Tool = Tool {
    kind: Kind::Fixed(&SHA512),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&SHA512SUM));
}

#[cfg(test)]
mod tests;
