//! `base64-generator SEED COUNT`: prints COUNT cases for SEED as a JSON array.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, seed, count] => seed.parse::<u64>().ok().zip(count.parse::<usize>().ok()),
        _ => None,
    };
    let Some((seed, count)) = parsed else {
        eprintln!("usage: base64-generator SEED COUNT");
        return ExitCode::from(2);
    };
    let json = base64_generator::generate_json(seed, count);
    println!("{json}");
    ExitCode::SUCCESS
}
