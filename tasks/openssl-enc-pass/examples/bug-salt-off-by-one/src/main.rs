//! A buggy `openssl enc` for the openssl-enc-pass task (see lib.rs).

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    std::process::exit(openssl_enc_pass_example_bug_salt_off_by_one::run(&args));
}
