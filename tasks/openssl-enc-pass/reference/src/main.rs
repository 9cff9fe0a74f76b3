//! The `openssl-enc-pass-reference` binary: `openssl enc`, the same program as the openssl-enc task's reference.
//!
//! The two tasks replicate one command in two subsets (raw keys; passwords and salts), so
//! they share one implementation: `openssl_enc_reference`.

fn main() {
    let args: Vec<Vec<u8>> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_encoded_bytes())
        .collect();
    std::process::exit(openssl_enc_reference::main(&args));
}
