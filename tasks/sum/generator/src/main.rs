//! Case generator of the `sum` task: `sum-generator SEED COUNT` prints COUNT cases as
//! JSON (the hashing tasks' shared generator, `tasks/shared/sums-gen`).

fn main() {
    sums_gen::main(sums_gen::Tool::Sum);
}
