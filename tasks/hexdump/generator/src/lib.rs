//! Case generator of the hexdump task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`. The categories reach the built-in
//! formats alone and combined, `-n`, `-s` (over several files, past the end, on standard
//! input), squeezing of repeated lines (also at the end and with `-v`), inputs ending in
//! the middle of a line, and `-e` format strings: repetition and byte counts, every
//! conversion of the subset with flags, widths and precisions, `%_a`/`%_A` addresses,
//! escapes, and the format errors.

use std::collections::BTreeMap;

use enc_common::cases::{Category, Parts, Rng, strings};

/// Every category, in the order cases cycle through them.
pub const CATEGORIES: &[Category] = &[
    ("default", default),
    ("canonical", canonical),
    ("builtin", builtin),
    ("format", format),
    ("squeeze", squeeze),
    ("length", length),
    ("format-errors", format_errors),
    ("skip-files", skip_files),
    ("combined", combined),
    ("format-units", format_units),
    ("option-errors", option_errors),
    ("files", files),
    ("characters", characters),
    ("end-address", end_address),
];

const WORDS: &[&str] = &[
    "hexdump",
    "the",
    "quick",
    "brown",
    "fox",
    "\0\0\0\0",
    "\t",
    "0123",
    "~~",
    "\n",
    "\u{e9}",
    "\x7f",
    "AAAAAAAAAAAAAAAA",
];

/// Random bytes, text, or data with repeated lines.
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
        _ => rng.range(0, 150),
    }
}

/// Standard input, `-`... no: hexdump reads `-` as a file name. Standard input or files.
fn with_input(rng: &mut Rng, mut args: Vec<String>, input: Vec<u8>) -> Parts {
    if rng.chance(30) {
        let name = rng.pick(&["data.bin", "in", "sub/file.dat"]).to_string();
        if rng.chance(20) {
            args.push("--".into());
        }
        args.push(name.clone());
        let mut files = BTreeMap::new();
        files.insert(name, input);
        Parts {
            args,
            stdin: b"standard input is not read".to_vec(),
            files,
            ..Parts::default()
        }
    } else {
        Parts {
            args,
            stdin: input,
            ..Parts::default()
        }
    }
}

const BUILTIN: &[&str] = &["-b", "-c", "-C", "-d", "-o", "-x"];
const LONG_BUILTIN: &[&str] = &[
    "--one-byte-octal",
    "--one-byte-char",
    "--canonical",
    "--two-bytes-decimal",
    "--two-bytes-octal",
    "--two-bytes-hex",
    "--canon",
    "--one-byte-c",
];

fn default(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    with_input(rng, Vec::new(), input)
}

fn canonical(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let option = rng.pick(&["-C", "--canonical", "--can"]).to_string();
    with_input(rng, vec![option], input)
}

fn builtin(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let option = if rng.chance(70) {
        rng.pick(BUILTIN).to_string()
    } else {
        rng.pick(LONG_BUILTIN).to_string()
    };
    with_input(rng, vec![option], input)
}

fn combined(rng: &mut Rng) -> Parts {
    // Several formats each show every block, in the order given; the last %_A wins.
    let len = any_len(rng);
    let input = data(rng, len);
    let mut args = Vec::new();
    for _ in 0..rng.range(2, 3) {
        args.push(rng.pick(BUILTIN).to_string());
    }
    if rng.chance(30) {
        args.push("-e".into());
        args.push(
            rng.pick(&["\"%_ad|\"", "4/1 \"%02x\" \"\\n\"", "\"%_Ax\\n\""])
                .to_string(),
        );
    }
    with_input(rng, args, input)
}

fn squeeze(rng: &mut Rng) -> Parts {
    // Runs of identical 16-byte lines, ending anywhere.
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
            let len = 16 * rng.range(0, 1) + rng.range(1, 15);
            input.extend(rng.bytes(len));
        }
    }
    if rng.chance(30) {
        input.extend_from_slice(&line[..rng.range(1, 15)]);
    }
    let mut args = vec![rng.pick(&["-C", "-x", "-b", "-c"]).to_string()];
    if rng.chance(25) {
        args.push(rng.pick(&["-v", "--no-squeezing"]).to_string());
    }
    with_input(rng, args, input)
}

fn length(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let value = rng
        .pick(&[
            "0", "1", "15", "16", "17", "0x10", "010", "1K", "2KiB", "1kb", "40", "1000",
        ])
        .to_string();
    let mut args = match rng.range(0, 2) {
        0 => vec!["-n".to_string(), value],
        1 => vec![format!("-n{value}")],
        _ => vec![format!("--length={value}")],
    };
    if rng.chance(50) {
        args.push(rng.pick(BUILTIN).to_string());
    }
    with_input(rng, args, input)
}

fn skip_files(rng: &mut Rng) -> Parts {
    // -s over several files: whole files shorter than the skip are passed over.
    let mut files = BTreeMap::new();
    let mut args = Vec::new();
    let count = rng.range(1, 3);
    let mut total = 0;
    for k in 0..count {
        let name = format!("part{k}.bin");
        let len = rng.range(0, 40);
        total += len;
        files.insert(name.clone(), data(rng, len));
        args.push(name);
    }
    let skip = match rng.range(0, 3) {
        0 => rng.range(0, total + 1),
        1 => total + rng.range(0, 10),
        2 => rng.range(0, 5),
        _ => 16,
    };
    let mut options = vec!["-s".to_string(), skip.to_string()];
    if rng.chance(50) {
        options.push(rng.pick(BUILTIN).to_string());
    }
    if rng.chance(30) {
        options.extend(["-n".to_string(), rng.range(0, 30).to_string()]);
    }
    options.extend(args);
    Parts {
        args: options,
        files,
        ..Parts::default()
    }
}

fn files(rng: &mut Rng) -> Parts {
    let mut files = BTreeMap::new();
    files.insert("a.bin".into(), b"first file\n".to_vec());
    files.insert("b.bin".into(), data(rng, 20));
    files.insert("sub/c.bin".into(), b"third\n".to_vec());
    let pool = [
        "a.bin",
        "b.bin",
        "sub/c.bin",
        "missing.bin",
        "sub",
        "a.bin/x",
        "-",
    ];
    let mut args: Vec<String> = (0..rng.range(1, 3))
        .map(|_| rng.pick(&pool).to_string())
        .collect();
    if rng.chance(40) {
        args.insert(0, rng.pick(BUILTIN).to_string());
    }
    if rng.chance(20) {
        args.insert(0, "-s".into());
        args.insert(1, "2".into());
    }
    // With -n, files after the last byte wanted are never opened (a.bin has 11 bytes).
    if rng.chance(25) {
        args.insert(0, "-n".into());
        args.insert(1, rng.pick(&["0", "4", "11", "30"]).to_string());
    }
    files.insert("-".into(), b"a file named dash\n".to_vec());
    Parts {
        args,
        files,
        stdin: b"stdin\n".to_vec(),
        ..Parts::default()
    }
}

/// An integer conversion with random flags, width and precision.
fn int_conversion(rng: &mut Rng) -> String {
    let mut spec = String::from("%");
    for flag in ["-", "+", " ", "#", "0"] {
        if rng.chance(15) {
            spec.push_str(flag);
        }
    }
    if rng.chance(60) {
        spec.push_str(&rng.range(1, 12).to_string());
    }
    if rng.chance(30) {
        spec.push('.');
        spec.push_str(&rng.range(0, 6).to_string());
    }
    spec.push(*rng.pick(&['d', 'i', 'o', 'u', 'x', 'X']));
    spec
}

/// A format unit: optional repetition and byte count, and a quoted format.
fn unit(rng: &mut Rng) -> String {
    match rng.range(0, 7) {
        0 => format!("{}/1 \"{} \"", rng.range(1, 16), int_conversion(rng)),
        1 => format!("/{} \"{}\"", rng.pick(&[1, 2, 4, 8]), int_conversion(rng)),
        2 => format!(
            "\"{}\"",
            rng.pick(&["%_ad: ", "%08.8_ax ", "%_ao ", "%5_ad|"])
        ),
        3 => format!(
            "{}/1 \"%{}_c\"",
            rng.range(1, 8),
            rng.pick(&["", "3", "-4"])
        ),
        4 => format!("{} \"%_p\"", rng.range(1, 16)),
        5 => format!("\"%.{}s|\"", rng.range(1, 6)),
        6 => format!(
            "{}/1 \"%{}_u \"",
            rng.range(1, 8),
            rng.pick(&["", "4", "-3"])
        ),
        _ => format!("\"{}\"", rng.pick(&["\\n", "  |", " ", "\\t", "-"])),
    }
}

fn format(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let mut fmt = String::new();
    for _ in 0..rng.range(1, 4) {
        fmt.push_str(&unit(rng));
        fmt.push(' ');
    }
    if rng.chance(60) {
        fmt.push_str("\"\\n\"");
    }
    let mut args = vec!["-e".to_string(), fmt];
    if rng.chance(30) {
        args.extend(strings(&["-e", "\"%07.7_Ax\\n\""]));
    }
    with_input(rng, args, input)
}

fn format_units(rng: &mut Rng) -> Parts {
    // Repetition counts and trailing spaces: the last repetition drops one white space,
    // and the last unit repeats to fill a block set by a longer format.
    let len = any_len(rng);
    let input = data(rng, len);
    let fmt = rng
        .pick(&[
            "\"%07.7_ax \" 8/2 \"%04x \" \"\\n\"",
            "4/1 \"%02x \" \"\\n\"",
            "4/1 \"%02x  \" \"\\n\"",
            "\"x\" 2/1 \"%02x \" \"\\n\"",
            "2/1 \"%02x\" \" \"",
            "3/2 \"%04x\" \"  \" \"\\n\"",
            "\"%_ad\" 8 \"%_p\" \"\\n\"",
            "/2 \"%5d\" \"\\n\"",
            "1/4 \"%08X\" \"\\n\"",
            "\"|\" 16/1 \"%_p\" \"|\\n\"",
        ])
        .to_string();
    let mut args = vec!["-e".to_string(), fmt];
    if rng.chance(40) {
        args.extend(strings(&["-e", "16/1 \"%02x\" \"\\n\""]));
    }
    with_input(rng, args, input)
}

fn characters(rng: &mut Rng) -> Parts {
    let mut input: Vec<u8> = (0..=255).collect();
    let start = rng.range(0, 200);
    input = input[start..(start + rng.range(1, 56))].to_vec();
    let fmt = rng
        .pick(&[
            "\"%_ad \" 8/1 \"%3_c \" \"\\n\"",
            "\"%_ad \" 8/1 \"%3_u \" \"\\n\"",
            "16/1 \"%_p\" \"\\n\"",
            "8/1 \"[%c]\" \"\\n\"",
            "8/1 \"%4_c\" \"\\n\"",
        ])
        .to_string();
    let args = if rng.chance(30) {
        strings(&["-c"])
    } else {
        vec!["-e".to_string(), fmt]
    };
    with_input(rng, args, input)
}

fn end_address(rng: &mut Rng) -> Parts {
    let len = any_len(rng);
    let input = data(rng, len);
    let fmt = rng
        .pick(&[
            "\"%_Ad\\n\"",
            "\"%08.8_Ax|\" \"\\n\"",
            "\"end \" \"%_Ao\\n\"",
            "\"%_ax:\" 4/1 \"%02x\" \"\\n\"",
        ])
        .to_string();
    let mut args = vec!["-e".to_string(), fmt];
    if rng.chance(50) {
        args.extend(strings(&["-e", "\"%_ad \" 8/1 \"%02x \" \"\\n\""]));
    }
    with_input(rng, args, input)
}

fn format_errors(rng: &mut Rng) -> Parts {
    let fmt = rng
        .pick(&[
            "\"%%\"",
            "4 \"%s\"",
            "\"%5y\"",
            "/2 \"%c\"",
            "/2 \"%x %x\"",
            "x",
            "\"ab",
            "3\"%x\"",
            "\"%_z\"",
            "\"%_ay\"",
            "/3 \"%d\"",
            "/3 \"%_p\"",
            "/16 \"%x\"",
            "/0 \"%d\"",
            "\"%_c\" /2 \"%_u\"",
            "8/1",
            "\"%s\"",
            "\"%.s\"",
        ])
        .to_string();
    let mut args = Vec::new();
    if rng.chance(30) {
        args.push(rng.pick(BUILTIN).to_string());
    }
    args.extend(["-e".to_string(), fmt]);
    Parts {
        args,
        stdin: b"some data\n".to_vec(),
        ..Parts::default()
    }
}

fn option_errors(rng: &mut Rng) -> Parts {
    let args = strings(rng.pick::<&[&str]>(&[
        &["-z"][..],
        &["--foo"],
        &["-n"],
        &["-e"],
        &["-s"],
        &["-n", "x"],
        &["-n", "-1"],
        &["-s", "1Q"],
        &["--length"],
        &["-n", "99999999999999999999"],
        &["--two", "3"],
        &["--one-byte"],
        &["--canonical=1"],
        &["-s", "3"],
        &["-C", "--format"],
        &["--no-squeezing=yes"],
        &["-n", ""],
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
    fn squeezed_runs_reach_the_end() {
        let cases = generate(CATEGORIES, 5, CATEGORIES.len() * 40);
        assert!(
            cases
                .iter()
                .filter(|c| c.name.starts_with("squeeze"))
                .any(|c| {
                    let input = c.files.values().next().unwrap_or(&c.stdin);
                    input.len() >= 48
                        && input.len() % 16 == 0
                        && input[input.len() - 48..input.len() - 32] == input[input.len() - 16..]
                        && input[input.len() - 32..input.len() - 16] == input[input.len() - 16..]
                })
        );
    }
}
