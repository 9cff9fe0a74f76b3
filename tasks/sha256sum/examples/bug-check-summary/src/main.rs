//! Example submission for the sha256sum task that gets the summary and exit status of --check wrong.
//!
//! It is the `correct` example with one module, `report`, replaced by a buggy
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
mod report;
#[path = "../../correct/src/sha256.rs"]
mod sha256;

fn main() {
    std::process::exit(app::main());
}
