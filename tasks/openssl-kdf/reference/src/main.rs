//! The `openssl-kdf-reference` binary: `openssl kdf` over the process's arguments and files.

fn main() {
    let args: Vec<Vec<u8>> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_encoded_bytes())
        .collect();
    std::process::exit(openssl_kdf_reference::main(&args));
}
