//! Reference implementation of the `md5sum` task: GNU coreutils 9.1 `md5sum`, byte for
//! byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{Algorithm, Kind, Output, Tool};

/// MD5 (RFC 1321) from RustCrypto's `md-5`.
static MD5: Algorithm = Algorithm {
    arg: "md5",
    tag: "MD5",
    bits: 128,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<md5::Md5>(),
};

static MD5SUM: Tool = Tool {
    kind: Kind::Fixed(&MD5),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&MD5SUM));
}

#[cfg(test)]
mod tests;
