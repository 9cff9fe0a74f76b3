//! Reference implementation of the `b2sum` task: GNU coreutils 9.1 `b2sum`, byte for
//! byte, on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`).

use digest_cli::{BLAKE2B, Kind, Tool};

static B2SUM: Tool = Tool {
    kind: Kind::Blake2(&BLAKE2B),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&B2SUM));
}

#[cfg(test)]
mod tests;
