//! Case generator of the `md5sum` task: `md5sum-generator SEED COUNT` prints COUNT
//! cases as JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

use digest_cli::{Algorithm, Output};

/// MD5, for the digests in check lists.
static MD5: Algorithm = Algorithm {
    arg: "md5",
    tag: "MD5",
    bits: 128,
    output: Output::Digest,
    new: |_| digest_cli::boxed::<md5::Md5>(),
};

fn main() {
    sums_gen::main(sums_gen::Tool::Fixed(&MD5));
}
