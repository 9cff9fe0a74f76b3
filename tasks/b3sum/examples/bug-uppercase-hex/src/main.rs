//! Example submission for the b3sum task that accepts upper-case hex digits in check lines.
//!
//! It is the `correct` example with one module, `app`, replaced by a buggy copy;
//! the other modules are that example's own files.

mod app;
#[path = "../../correct/src/args.rs"]
mod args;
#[path = "../../correct/src/blake3.rs"]
mod blake3;

fn main() {
    std::process::exit(app::main());
}
