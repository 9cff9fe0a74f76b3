//! Replica's browser playground: browse tasks, read specs, run references, and grade
//! submissions with the same `replica-judge` code the CLI uses, inside a web worker.
//!
//! **Architecture Invariant:** this crate is a thin layer over `replica-judge`: it never
//! decides a verdict or a reward; it moves bytes to the worker and shows the report.
//! The page's thread never runs a guest, so grading cannot freeze the UI.
//!
//! Pure logic (the reducer in [`state`], [`route`], [`permalink`], [`args`], [`visible`],
//! [`history`], [`markdown`], the worker's [`engine`]) compiles and is tested natively;
//! [`browser`], [`frame`] and the views only make sense in a browser.

pub mod app;
pub mod args;
pub mod browser;
pub mod editor;
pub mod engine;
pub mod frame;
pub mod history;
pub mod markdown;
pub mod pages;
pub mod permalink;
pub mod protocol;
pub mod route;
pub mod starter;
pub mod state;
pub mod study;
pub mod view;
pub mod visible;

/// The runtimes' manifest and languages, for the worker binary.
pub use replica_judge::runtimes;

#[cfg(test)]
mod testing;
