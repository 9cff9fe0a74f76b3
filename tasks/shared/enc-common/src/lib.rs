//! Code shared by the references and generators of the encoding tasks (issue 18).
//!
//! The references replicate C programs whose observable behaviour comes largely from the
//! same libraries: glibc's `getopt_long` (option parsing and its messages), gnulib's
//! `quote`/`quotef` (how coreutils quotes names in messages), C stdio (`fread`, `strtol`,
//! `strerror`), and gnulib's base32 codec, which coreutils' `base32` and `basenc` share.
//! Those pieces live here once; everything specific to a tool stays in its task folder.
//! Example submissions never use this crate: they are written apart from the references.

pub mod autoopts;
pub mod base32;
pub mod cstd;
pub mod getopt;
pub mod quote;
pub mod wrap;

#[cfg(feature = "cases")]
pub mod cases;
