//! Case generator of the od task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`. The categories reach every output
//! type and size (with `z`), several types at once (column alignment), `-A`, `-j` and `-N`
//! with their size suffixes (past the end too), `-w`, `*` collapsing (with the run at the
//! last line, and `-v`), several files as one stream (with missing ones), `-S`, the
//! traditional options and operand offsets, and the option and type errors.

use std::collections::BTreeMap;

use enc_common::cases::{Category, Parts, Rng, strings};

/// Every category, in the order cases cycle through them.
pub const CATEGORIES: &[Category] = &[
    ("default", default),
    ("types", types),
    ("traditional", traditional),
    ("several-types", several_types),
    ("address-radix", address_radix),
    ("collapse", collapse),
    ("skip-and-limit", skip_and_limit),
    ("width", width),
    ("files", files),
    ("strings", strings_mode),
    ("characters", characters),
    ("type-errors", type_errors),
    ("option-errors", option_errors),
    ("operand-offsets", operand_offsets),
    ("trailer", trailer),
    ("sizes", sizes),
];

const WORDS: &[&str] = &[
    "od",
    "the",
    "quick",
    "brown",
    "fox",
    "\0",
    "\t",
    "0123",
    "~~",
    "\n",
    "\u{e9}",
    "\x7f",
    "AAAAAAAAAAAAAAAA",
    "\0\0\0\0\0\0\0\0",
];

/// Random bytes, text, or data with repeated 16-byte lines.
fn data(rng: &mut Rng, len: usize) -> Vec<u8> {
    match rng.range(0, 2) {
        0 => rng.bytes(len),
        1 => rng.text(WORDS, len),
        _ => {
            let line = rng.bytes(16);
            let mut out = Vec::new();
            while out.len() < len {
                if rng.chance(70) {
                    out.extend_from_slice(&line);
                } else {
                    out.extend(rng.bytes(16));
                }
            }
            out.truncate(len);
            out
        }
    }
}

fn any_len(rng: &mut Rng) -> usize {
    match rng.range(0, 4) {
        0 => rng.range(0, 3),
        1 => 16 * rng.range(1, 5),
        2 => 16 * rng.range(0, 5) + rng.range(1, 15),
        _ => rng.range(0, 120),
    }
}

/// Standard input, `-`, or a file operand.
fn with_input(rng: &mut Rng, mut args: Vec<String>, input: Vec<u8>) -> Parts {
    match rng.range(0, 3) {
        0 => {
            let name = rng.pick(&["data.bin", "in", "sub/file.dat"]).to_string();
            args.push(name.clone());
            let mut files = BTreeMap::new();
            files.insert(name, input);
            Parts {
                args,
                stdin: b"standard input is not read".to_vec(),
                files,
                ..Parts::default()
            }
        }
        1 => {
            args.push("-".into());
            Parts {
                args,
                stdin: input,
                ..Parts::default()
            }
        }
        _ => Parts {
            args,
            stdin: input,
            ..Parts::default()
        },
    }
}

/// A random `-t` specification of the subset.
fn type_spec(rng: &mut Rng) -> String {
    let letter = *rng.pick(&["a", "c", "d", "o", "u", "x"]);
    let mut spec = letter.to_string();
    if letter != "a" && letter != "c" {
        spec.push_str(rng.pick::<&str>(&["", "1", "2", "4", "8", "C", "S", "I", "L"]));
    }
    if rng.chance(15) {
        spec.push('z');
    }
    spec
}

/// `-t SPEC` in one of its spellings.
fn type_option(rng: &mut Rng, spec: String) -> Vec<String> {
    match rng.range(0, 3) {
        0 => vec!["-t".into(), spec],
        1 => vec![format!("-t{spec}")],
        2 => vec![format!("--format={spec}")],
        _ => vec!["--format".into(), spec],
    }
}

fn default(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    with_input(rng, Vec::new(), input)
}

fn types(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let spec = type_spec(rng);
    let args = type_option(rng, spec);
    with_input(rng, args, input)
}

fn several_types(rng: &mut Rng) -> Parts {
    // Several types: each line of a block per type, with columns aligned.
    let len = any_len(rng);
    let input = data(rng, len);
    let mut args = Vec::new();
    for _ in 0..rng.range(2, 3) {
        if rng.chance(50) {
            let spec = type_spec(rng);
            args.extend(type_option(rng, spec));
        } else {
            args.push(
                rng.pick(&["-a", "-b", "-c", "-d", "-o", "-s", "-x", "-i", "-l"])
                    .to_string(),
            );
        }
    }
    if rng.chance(30) {
        // Several specifications in one -t string.
        let joined = format!("{}{}", type_spec(rng), type_spec(rng));
        args.extend(type_option(rng, joined));
    }
    with_input(rng, args, input)
}

fn traditional(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let mut args = vec![
        rng.pick(&[
            "-a", "-b", "-c", "-d", "-o", "-s", "-x", "-i", "-l", "-D", "-O", "-X", "-B", "-h",
            "-H", "-I", "-L",
        ])
        .to_string(),
    ];
    if rng.chance(30) {
        args = vec![rng.pick(&["-bc", "-cx", "-ad", "-ob"]).to_string()];
    }
    with_input(rng, args, input)
}

fn address_radix(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let radix = *rng.pick(&["d", "o", "x", "n"]);
    let mut args = match rng.range(0, 2) {
        0 => vec!["-A".to_string(), radix.to_string()],
        1 => vec![format!("-A{radix}")],
        _ => vec![format!("--address-radix={radix}")],
    };
    if rng.chance(50) {
        args.push(rng.pick(&["-c", "-x", "-tx1z", "-a"]).to_string());
    }
    with_input(rng, args, input)
}

fn collapse(rng: &mut Rng) -> Parts {
    // Runs of identical blocks, ending anywhere (the last line included).
    let line = if rng.chance(50) {
        vec![0u8; 16]
    } else {
        rng.bytes(16)
    };
    let mut input = Vec::new();
    for _ in 0..rng.range(1, 4) {
        if rng.chance(60) {
            for _ in 0..rng.range(1, 5) {
                input.extend_from_slice(&line);
            }
        } else {
            let len = rng.range(1, 20);
            input.extend(rng.bytes(len));
        }
    }
    if rng.chance(30) {
        input.extend_from_slice(&line[..rng.range(1, 15)]);
    }
    let mut args = vec![rng.pick(&["-c", "-x", "-b", "-tx1", "-An"]).to_string()];
    if rng.chance(25) {
        args.push(rng.pick(&["-v", "--output-duplicates"]).to_string());
    }
    if rng.chance(20) {
        args.push("-w8".into());
    }
    with_input(rng, args, input)
}

fn skip_and_limit(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let mut args = Vec::new();
    if rng.chance(70) {
        let skip = match rng.range(0, 3) {
            0 => rng.range(0, len + 1).to_string(),
            1 => (len + rng.range(1, 5)).to_string(),
            2 => format!("0x{:x}", rng.range(0, len + 1)),
            _ => rng.pick(&["1b", "0", "010"]).to_string(),
        };
        args.extend(match rng.range(0, 2) {
            0 => vec!["-j".to_string(), skip],
            1 => vec![format!("-j{skip}")],
            _ => vec![format!("--skip-bytes={skip}")],
        });
    }
    if rng.chance(70) {
        let limit = match rng.range(0, 2) {
            0 => rng.range(0, len + 10).to_string(),
            1 => rng.pick(&["0", "16", "1k", "0x8"]).to_string(),
            _ => "100".to_string(),
        };
        args.extend(match rng.range(0, 1) {
            0 => vec!["-N".to_string(), limit],
            _ => vec![format!("--read-bytes={limit}")],
        });
    }
    if rng.chance(50) {
        args.push(rng.pick(&["-c", "-x", "-tx1", "-a"]).to_string());
    }
    with_input(rng, args, input)
}

fn width(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let value = *rng.pick(&["", "1", "4", "8", "7", "0", "32", "24", "3"]);
    let mut args = match rng.range(0, 1) {
        0 => vec![format!("-w{value}")],
        _ => vec![if value.is_empty() {
            "--width".to_string()
        } else {
            format!("--width={value}")
        }],
    };
    if rng.chance(60) {
        let spec = type_spec(rng);
        args.extend(type_option(rng, spec));
    }
    with_input(rng, args, input)
}

fn files(rng: &mut Rng) -> Parts {
    // Several files as one stream; missing ones are reported and skipped.
    let mut files = BTreeMap::new();
    files.insert("a.bin".into(), data(rng, 5));
    files.insert("b.bin".into(), data(rng, 20));
    files.insert("empty".into(), Vec::new());
    files.insert("sub/c.bin".into(), b"third file\n".to_vec());
    let pool = [
        "a.bin",
        "b.bin",
        "empty",
        "sub/c.bin",
        "missing.bin",
        "-",
        "sub",
    ];
    let mut args: Vec<String> = (0..rng.range(1, 3))
        .map(|_| rng.pick(&pool).to_string())
        .collect();
    if rng.chance(50) {
        args.insert(0, rng.pick(&["-c", "-tx1", "-An", "-w8"]).to_string());
    }
    // Skipping into a directory is outside the spec's subset.
    if rng.chance(25) && !args.iter().any(|a| a == "sub") {
        args.insert(0, "-j".into());
        args.insert(1, rng.range(0, 30).to_string());
    }
    Parts {
        args,
        files,
        stdin: b"from stdin\n".to_vec(),
        ..Parts::default()
    }
}

fn strings_mode(rng: &mut Rng) -> Parts {
    let mut input = Vec::new();
    for _ in 0..rng.range(1, 6) {
        let len = rng.range(0, 8);
        input.extend(rng.text(&["ab", "cd", "x", " ", "!"], len));
        input.push(*rng.pick(&[0u8, 0, 0, 1, b'\n']));
    }
    if rng.chance(30) {
        input.extend_from_slice(b"unterminated");
    }
    let mut args = match rng.range(0, 3) {
        0 => vec!["--strings".to_string()],
        1 => vec![format!("-S{}", rng.range(0, 5))],
        2 => vec!["-S".to_string(), rng.range(1, 5).to_string()],
        _ => vec![format!("--strings={}", rng.range(1, 5))],
    };
    if rng.chance(30) {
        args.extend(["-N".to_string(), rng.range(0, 30).to_string()]);
    }
    if rng.chance(30) {
        args.extend(["-A".to_string(), rng.pick(&["x", "d", "n"]).to_string()]);
    }
    if rng.chance(20) {
        args.extend(["-j".to_string(), rng.range(0, 5).to_string()]);
    }
    with_input(rng, args, input)
}

fn characters(rng: &mut Rng) -> Parts {
    let mut input: Vec<u8> = (0..=255).collect();
    let start = rng.range(0, 200);
    input = input[start..(start + rng.range(1, 56))].to_vec();
    let args = vec![
        rng.pick(&["-c", "-a", "-tc", "-ta", "-tcz", "-taz"])
            .to_string(),
    ];
    with_input(rng, args, input)
}

fn trailer(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let spec = format!(
        "{}z",
        rng.pick(&["x1", "x2", "o1", "d4", "u2", "c", "a", "x8"])
    );
    let mut args = type_option(rng, spec);
    if rng.chance(40) {
        args.push(rng.pick(&["-w8", "-w4", "-An", "-c"]).to_string());
    }
    with_input(rng, args, input)
}

fn sizes(rng: &mut Rng) -> Parts {
    // Values at the edges of each size: every byte, sign bits, all ones.
    let mut input = Vec::new();
    for _ in 0..rng.range(1, 4) {
        input.extend_from_slice(rng.pick::<&[u8]>(&[
            &[0x80, 0, 0, 0, 0, 0, 0, 0][..],
            &[0xff; 8],
            &[0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            &[0, 0, 0, 0, 0, 0, 0, 0x80],
            &[1, 2, 3, 4, 5, 6, 7, 8],
        ]));
    }
    let spec = format!(
        "{}{}",
        rng.pick(&["d", "u", "o", "x"]),
        rng.pick(&["1", "2", "4", "8"])
    );
    let args = type_option(rng, spec);
    with_input(rng, args, input)
}

fn operand_offsets(rng: &mut Rng) -> Parts {
    // Without modern options, `od FILE OFFSET` and `od +OFFSET` skip.
    let len = rng.range(0, 60);
    let input = data(rng, len);
    let mut files = BTreeMap::new();
    files.insert("data.bin".into(), input.clone());
    let offset = rng
        .pick(&["+2", "+10", "+0x10", "+1b", "10", "2", "+10.", "012", "+0"])
        .to_string();
    let mut args = Vec::new();
    if rng.chance(50) {
        args.push(rng.pick(&["-c", "-x", "-b"]).to_string());
    }
    if rng.chance(50) || !offset.starts_with('+') {
        args.push("data.bin".into());
    }
    args.push(offset);
    Parts {
        args,
        files,
        stdin: input,
        ..Parts::default()
    }
}

fn type_errors(rng: &mut Rng) -> Parts {
    let mut args = Vec::new();
    for _ in 0..rng.range(1, 2) {
        let spec = rng
            .pick(&[
                "q",
                "d3",
                "x9",
                "x99999999999999999999999",
                "o16",
                "dq",
                "c2",
                "u0",
                "xz2",
                "f5",
            ])
            .to_string();
        args.extend(type_option(rng, spec));
    }
    if rng.chance(40) {
        args.push(rng.pick(&["-c", "-A", "q"]).to_string());
    }
    Parts {
        args,
        stdin: b"some input\n".to_vec(),
        ..Parts::default()
    }
}

fn option_errors(rng: &mut Rng) -> Parts {
    let args = strings(rng.pick::<&[&str]>(&[
        &["-z"][..],
        &["--foo"],
        &["-t"],
        &["-j"],
        &["-A", "q"],
        &["-A", "dx"],
        &["-j", "x"],
        &["--skip-bytes=5q"],
        &["--skip=99999999999999999999"],
        &["-j", "k"],
        &["-N", "-1"],
        &["-w", "x"],
        &["-w1.5"],
        &["-S", "2", "-c"],
        &["-j", "100"],
        &["--read", "x"],
        &["--strings=x"],
        &["--w"],
        &["--format"],
    ]));
    Parts {
        args,
        stdin: b"some data on standard input\n".to_vec(),
        ..Parts::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use enc_common::cases::{generate, generate_json};

    #[test]
    fn deterministic_and_unique() {
        let a = generate_json(CATEGORIES, 7, 100);
        assert_eq!(a, generate_json(CATEGORIES, 7, 100));
        assert_ne!(a, generate_json(CATEGORIES, 8, 100));
        let cases = generate(CATEGORIES, 7, 200);
        let names: std::collections::BTreeSet<_> = cases.iter().map(|c| &c.name).collect();
        assert_eq!(names.len(), 200);
    }

    #[test]
    fn sizes_stay_small() {
        for case in generate(CATEGORIES, 3, CATEGORIES.len() * 30) {
            let total = case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
            assert!(total <= 2_000, "{} has {total} bytes", case.name);
        }
    }

    #[test]
    fn collapsed_runs_reach_the_last_line() {
        let cases = generate(CATEGORIES, 5, CATEGORIES.len() * 40);
        assert!(
            cases
                .iter()
                .filter(|c| c.name.starts_with("collapse"))
                .any(|c| {
                    let input = c.files.values().next().unwrap_or(&c.stdin);
                    input.len() >= 48
                        && input.len() % 16 == 0
                        && input[input.len() - 32..input.len() - 16] == input[input.len() - 16..]
                        && input[input.len() - 48..input.len() - 32] == input[input.len() - 16..]
                })
        );
    }
}
