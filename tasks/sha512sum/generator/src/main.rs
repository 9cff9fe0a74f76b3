//! Case generator of the `sha512sum` task: `sha512sum-generator SEED COUNT` prints COUNT
//! cases as JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

use digest_cli::{Algorithm, Output};

/// SHA512, for the digests in check lists.
static SHA512: Algorithm = Algorithm {
    arg: "sha512",
    tag: "SHA512",
    bits: 512,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha2::Sha512>(),
};

fn main() {
    sums_gen::main(sums_gen::Tool::Fixed(&SHA512));
}
