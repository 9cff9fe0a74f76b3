//! The `openssl-dgst-reference` binary: `openssl dgst` over the process's arguments, streams and files.

fn main() {
    let args: Vec<Vec<u8>> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_encoded_bytes())
        .collect();
    std::process::exit(openssl_dgst_reference::main(&args));
}
