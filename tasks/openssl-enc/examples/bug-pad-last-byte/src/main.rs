//! A buggy `openssl enc` for the openssl-enc task: an incomplete PKCS#7 check.

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    std::process::exit(openssl_enc_example_bug_pad_last_byte::run(&args));
}
