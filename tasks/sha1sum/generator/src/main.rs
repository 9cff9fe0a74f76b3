//! Case generator of the `sha1sum` task: `sha1sum-generator SEED COUNT` prints COUNT
//! cases as JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

use digest_cli::{Algorithm, Output};

/// SHA1, for the digests in check lists.
static SHA1: Algorithm = Algorithm {
    arg: "sha1",
    tag: "SHA1",
    bits: 160,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha1::Sha1>(),
};

fn main() {
    sums_gen::main(sums_gen::Tool::Fixed(&SHA1));
}
