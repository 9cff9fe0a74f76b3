//! No build step: this script exists so that the `[build-dependencies]` feature pin in
//! Cargo.toml takes part in resolution (see the comment there).

fn main() {}
