//! The example's entry point.

fn main() {
    std::process::exit(sha256sum_example_correct::app::main());
}
