//! A buggy `openssl enc` for the openssl-enc task: a 64-bit CTR counter.

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    std::process::exit(openssl_enc_example_bug_ctr_low_64::run(&args));
}
