//! Reference implementation of the `sha384sum` task: GNU coreutils 9.1 `sha384sum`, byte for
//! byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{Algorithm, Kind, Output, Tool};

/// SHA-384 (FIPS 180-4) from RustCrypto's `sha2`.
static SHA384: Algorithm = Algorithm {
    arg: "sha384",
    tag: "SHA384",
    bits: 384,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha2::Sha384>(),
};

static SHA384SUM: Tool = Tool {
    kind: Kind::Fixed(&SHA384),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&SHA384SUM));
}

#[cfg(test)]
mod tests;
