//! A buggy `openssl enc` for the openssl-enc task: CBC reuses the IV for every block.

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    std::process::exit(openssl_enc_example_bug_cbc_iv_reuse::run(&args));
}
