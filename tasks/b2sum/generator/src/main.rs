//! Case generator of the `b2sum` task: `b2sum-generator SEED COUNT` prints COUNT cases
//! as JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

fn main() {
    sums_gen::main(sums_gen::Tool::B2sum);
}
