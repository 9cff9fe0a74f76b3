//! Example submission for the sha256sum task: an independent, correct implementation with its own SHA-256.
//!
//! The library exists so that tests elsewhere can reach the hash function; the
//! binary (`main.rs`) just calls [`app::main`].

pub mod app;
mod checkline;
mod cli;
mod escape;
mod quote;
mod report;
pub mod sha256;

#[cfg(test)]
mod tests;
