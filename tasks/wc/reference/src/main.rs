//! Command-line entry point of the wc reference: gathers argv and the standard streams.

use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Arguments that are not UTF-8 are outside the task; a lossy conversion keeps them printable.
    let mut argv = std::env::args_os().map(|a| a.to_string_lossy().into_owned());
    let program = argv.next().unwrap_or_else(|| "wc".to_owned());
    let args: Vec<String> = argv.collect();
    let stdin = io::stdin();
    let status = wc_reference::stdin_status();
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let code = wc_reference::run(
        &program,
        &args,
        &mut stdin.lock(),
        status,
        &mut out,
        &mut err,
    );
    // A failed final flush has already been reported by `run` if it mattered.
    let _ = out.flush();
    ExitCode::from(code)
}
