//! Reference implementation of the `sha224sum` task: GNU coreutils 9.1 `sha224sum`, byte for
//! byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{Algorithm, Kind, Output, Tool};

/// SHA-224 (FIPS 180-4) from RustCrypto's `sha2`.
static SHA224: Algorithm = Algorithm {
    arg: "sha224",
    tag: "SHA224",
    bits: 224,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha2::Sha224>(),
};

static SHA224SUM: Tool = Tool {
    kind: Kind::Fixed(&SHA224),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&SHA224SUM));
}

#[cfg(test)]
mod tests;
