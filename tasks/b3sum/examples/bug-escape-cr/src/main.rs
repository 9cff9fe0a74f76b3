//! Example submission for the b3sum task that escapes carriage returns in names as GNU md5sum does (b3sum leaves them alone).
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
