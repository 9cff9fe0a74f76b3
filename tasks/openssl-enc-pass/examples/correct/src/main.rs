//! A correct `openssl enc` for the openssl-enc-pass task: the openssl-enc task's correct example, written apart from the reference, covers both subsets.

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    std::process::exit(openssl_enc_example_correct::run(&args));
}
