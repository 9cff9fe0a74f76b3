//! A correct `openssl enc` for the openssl-enc task, written from the spec alone.

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    std::process::exit(openssl_enc_example_correct::run(&args));
}
