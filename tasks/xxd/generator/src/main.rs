//! `xxd-generator SEED COUNT`: prints COUNT cases for SEED as a JSON array.

fn main() -> std::process::ExitCode {
    enc_common::cases::main("xxd-generator", xxd_generator::CATEGORIES)
}
