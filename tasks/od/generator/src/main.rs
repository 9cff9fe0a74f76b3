//! `od-generator SEED COUNT`: prints COUNT cases for SEED as a JSON array.

fn main() -> std::process::ExitCode {
    enc_common::cases::main("od-generator", od_generator::CATEGORIES)
}
