//! Shared pieces of the OpenSSL 3.0 command-line task references: digests by name, hex, OpenSSL's error lines and input files.
//!
//! The `openssl-*` task references (dgst, enc, enc-pass, kdf, mac, passwd) all replicate
//! Debian 12's `openssl` 3.0; what they have in common lives here so that a fix reaches
//! every task. Example submissions never use this crate: they are written apart.

pub mod base64;
pub mod errline;
pub mod fsio;
pub mod hex;
pub mod md;
pub mod opt;
pub mod params;

#[cfg(feature = "generator")]
pub mod cases;

pub use errline::{THREAD_ID, error_line};
pub use md::Md;
