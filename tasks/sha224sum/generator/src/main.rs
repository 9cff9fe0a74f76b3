//! Case generator of the `sha224sum` task: `sha224sum-generator SEED COUNT` prints COUNT
//! cases as JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

use digest_cli::{Algorithm, Output};

/// SHA224, for the digests in check lists.
static SHA224: Algorithm = Algorithm {
    arg: "sha224",
    tag: "SHA224",
    bits: 224,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha2::Sha224>(),
};

fn main() {
    sums_gen::main(sums_gen::Tool::Fixed(&SHA224));
}
