//! `base32-generator SEED COUNT`: prints COUNT cases for SEED as a JSON array.

fn main() -> std::process::ExitCode {
    enc_common::cases::main("base32-generator", base32_generator::CATEGORIES)
}
