//! `uuencode-generator SEED COUNT`: prints COUNT cases for SEED as a JSON array.

fn main() -> std::process::ExitCode {
    enc_common::cases::main("uuencode-generator", uuencode_generator::CATEGORIES)
}
