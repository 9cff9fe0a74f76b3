//! Command-line entry point of the uuencode reference: argv, stdio and the exit status.

use std::io::{self, BufWriter};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Arguments that are not UTF-8 cannot occur in task cases, which are JSON or TOML text.
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let stdin = io::stdin();
    let mut stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    let mut stderr = io::stderr().lock();
    let status = uuencode_reference::run(&argv, &mut stdin.lock(), &mut stdout, &mut stderr);
    ExitCode::from(u8::try_from(status).unwrap_or(1))
}
