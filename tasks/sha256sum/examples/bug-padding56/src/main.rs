//! Example submission for the sha256sum task that puts the length in the wrong block when a message ends 56 to 63 bytes into a block.
//!
//! It is the `correct` example with one module, `sha256`, replaced by a buggy
//! version; the other modules are that example's own files.

#[path = "../../correct/src/app.rs"]
mod app;
#[path = "../../correct/src/checkline.rs"]
mod checkline;
#[path = "../../correct/src/cli.rs"]
mod cli;
#[path = "../../correct/src/escape.rs"]
mod escape;
#[path = "../../correct/src/quote.rs"]
mod quote;
#[path = "../../correct/src/report.rs"]
mod report;
mod sha256;

fn main() {
    std::process::exit(app::main());
}
