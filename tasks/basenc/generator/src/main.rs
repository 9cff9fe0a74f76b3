//! `basenc-generator SEED COUNT`: prints COUNT cases for SEED as a JSON array.

fn main() -> std::process::ExitCode {
    enc_common::cases::main("basenc-generator", basenc_generator::CATEGORIES)
}
