//! Case generator of the `sha384sum` task: `sha384sum-generator SEED COUNT` prints COUNT
//! cases as JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

use digest_cli::{Algorithm, Output};

/// SHA384, for the digests in check lists.
static SHA384: Algorithm = Algorithm {
    arg: "sha384",
    tag: "SHA384",
    bits: 384,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<sha2::Sha384>(),
};

fn main() {
    sums_gen::main(sums_gen::Tool::Fixed(&SHA384));
}
