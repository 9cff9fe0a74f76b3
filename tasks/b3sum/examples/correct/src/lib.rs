//! Example submission for the b3sum task: an independent, correct implementation with
//! its own BLAKE3 ([`blake3`]) and its own reading of clap 2's command line ([`args`]).

pub mod app;
pub mod args;
pub mod blake3;
