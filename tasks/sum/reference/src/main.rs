//! Reference implementation of the `sum` task: GNU coreutils 9.1 `sum`, byte for byte,
//! on the digest-CLI code the hashing tasks share (`tasks/shared/digest-cli`): GNU builds
//! `sum` from the same `digest.c` as `md5sum`.

use digest_cli::{BSD, Kind, SYSV, Tool};

static SUM: Tool = Tool {
    kind: Kind::Sum(&[BSD, SYSV]),
    help: include_str!("help.txt"),
    version: include_str!("version.txt"),
};

fn main() {
    std::process::exit(digest_cli::main(&SUM));
}

#[cfg(test)]
mod tests;
