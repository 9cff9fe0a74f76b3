//! Example submission for the sha224sum task that accepts --tag after --text instead of refusing it.
//!
//! It is the correct examples' program (`tasks/shared/gnu-sums`) with one module,
//! `options`, replaced by a buggy copy; the other modules are that program's own files.

// The shared program serves nine tools; this one uses only some of it.
#![allow(dead_code)]

#[path = "../../../../shared/gnu-sums/src/app.rs"]
mod app;
#[path = "../../../../shared/gnu-sums/src/blake2b.rs"]
mod blake2b;
#[path = "../../../../shared/gnu-sums/src/checking.rs"]
mod checking;
#[path = "../../../../shared/gnu-sums/src/emit.rs"]
mod emit;
#[path = "../../../../shared/gnu-sums/src/hash.rs"]
mod hash;
#[path = "../../../../shared/gnu-sums/src/md5.rs"]
mod md5;
mod options;
#[path = "../../../../shared/gnu-sums/src/quote.rs"]
mod quote;
#[path = "../../../../shared/gnu-sums/src/sha1.rs"]
mod sha1;
#[path = "../../../../shared/gnu-sums/src/sha256.rs"]
mod sha256;
#[path = "../../../../shared/gnu-sums/src/sha512.rs"]
mod sha512;
#[path = "../../../../shared/gnu-sums/src/sm3.rs"]
mod sm3;
#[path = "../../../../shared/gnu-sums/src/sums.rs"]
mod sums;

use hash::{Blocks, Hash};

fn main() {
    std::process::exit(app::main(app::Program::Sha224sum));
}
