//! The native side of Replica: finding tasks on disk, building their modules, and rendering
//! reports for terminals. The `replica` binary is a thin layer over this library, and the
//! integration tests use it directly.
//!
//! This is the only library crate that touches the file system and starts processes.

pub mod batch;
pub mod limit;
pub mod local;
pub mod render;
pub mod source;
pub mod workspace;
