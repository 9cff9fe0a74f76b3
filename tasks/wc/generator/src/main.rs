//! `wc-generator SEED COUNT`: prints COUNT generated wc cases as a JSON array.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, seed, count] => seed.parse::<u64>().ok().zip(count.parse::<usize>().ok()),
        _ => None,
    };
    let Some((seed, count)) = parsed else {
        eprintln!("usage: wc-generator SEED COUNT");
        return ExitCode::from(2);
    };
    let json = wc_generator::cases_json(seed, count);
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{json}").and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
