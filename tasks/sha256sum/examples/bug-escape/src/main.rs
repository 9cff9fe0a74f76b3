//! Example submission for the sha256sum task that prints and reads file names literally, without GNU's backslash escapes.
//!
//! It is the `correct` example with one module, `escape`, replaced by a buggy
//! version; the other modules are that example's own files.

#[path = "../../correct/src/app.rs"]
mod app;
#[path = "../../correct/src/checkline.rs"]
mod checkline;
#[path = "../../correct/src/cli.rs"]
mod cli;
mod escape;
#[path = "../../correct/src/quote.rs"]
mod quote;
#[path = "../../correct/src/report.rs"]
mod report;
#[path = "../../correct/src/sha256.rs"]
mod sha256;

fn main() {
    std::process::exit(app::main());
}
