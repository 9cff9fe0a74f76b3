//! The fuzz targets' bodies, shared with `crates/cli/tests/properties.rs` (see `targets.rs`).

pub mod targets;
