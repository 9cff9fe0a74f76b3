//! The `sha256sum-reference` binary: wires the process's arguments, streams and files to [`sha256sum_reference::run`].

use std::io;

fn main() {
    let args: Vec<Vec<u8>> = std::env::args_os()
        .map(|arg| arg.into_encoded_bytes())
        .collect();
    let mut stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    let mut io = sha256sum_reference::Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        files: &sha256sum_reference::RealFiles,
    };
    // `run` flushes standard output itself and reports write errors in its status.
    let status = sha256sum_reference::run(&args, &mut io);
    std::process::exit(status);
}
