//! Reference implementation of the `sha1sum` task: GNU coreutils 9.1 `sha1sum`, byte for
//! byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{Algorithm, Kind, Output, Tool};

/// SHA-1 (FIPS 180-4) from RustCrypto's `sha1`.
static SHA1: Algorithm = Algorithm {
    arg: "sha1",
    tag: "SHA1",
    bits: 160,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha1::Sha1>(),
};

static SHA1SUM: Tool = Tool {
    kind: Kind::Fixed(&SHA1),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&SHA1SUM));
}

#[cfg(test)]
mod tests;
