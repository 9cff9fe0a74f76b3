//! The example's binary: runs [`b3sum_example_correct::app::main`].

fn main() {
    std::process::exit(b3sum_example_correct::app::main());
}
