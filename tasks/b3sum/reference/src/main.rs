//! The `b3sum-reference` binary: wires the process's arguments, streams and files to
//! [`b3sum_reference::run`].

fn main() {
    let args: Vec<Vec<u8>> = std::env::args_os()
        .map(|arg| arg.into_encoded_bytes())
        .collect();
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let mut io = digest_cli::Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        files: &digest_cli::RealFiles,
    };
    std::process::exit(b3sum_reference::run(&args, &mut io));
}
