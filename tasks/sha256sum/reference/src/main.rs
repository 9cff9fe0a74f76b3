//! Reference implementation of the `sha256sum` task: GNU coreutils 9.1 `sha256sum`, byte
//! for byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{Algorithm, Kind, Output, Tool};

/// SHA-256 (FIPS 180-4) from RustCrypto's `sha2`.
static SHA256: Algorithm = Algorithm {
    arg: "sha256",
    tag: "SHA256",
    bits: 256,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha2::Sha256>(),
};

static SHA256SUM: Tool = Tool {
    kind: Kind::Fixed(&SHA256),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&SHA256SUM));
}

#[cfg(test)]
mod tests;
