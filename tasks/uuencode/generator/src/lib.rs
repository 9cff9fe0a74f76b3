//! Case generator of the uuencode task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`. The categories reach every input
//! length modulo 3 and around the 45-byte line (empty input included), both encodings,
//! encoded names, file operands (a directory among them), AutoOpts' ways of spelling and
//! misspelling options, and wrong operand counts.

use std::collections::BTreeMap;

use enc_common::cases::{Category, Parts, Rng, strings};

/// Every category, in the order cases cycle through them.
pub const CATEGORIES: &[Category] = &[
    ("historical-stdin", historical_stdin),
    ("base64-stdin", base64_stdin),
    ("line-boundaries", line_boundaries),
    ("file-operand", file_operand),
    ("encoded-name", encoded_name),
    ("illegal-option", illegal_option),
    ("empty-input", empty_input),
    ("option-spellings", option_spellings),
    ("operand-count", operand_count),
    ("missing-file", missing_file),
    ("every-byte", every_byte),
    ("long-option-errors", long_option_errors),
    ("directory", directory),
    ("repeated-option", repeated_option),
    ("dash-names", dash_names),
    ("large-input", large_input),
    ("text-input", text_input),
];

const WORDS: &[&str] = &[
    "uuencode",
    "begin",
    "end",
    "the",
    "quick",
    "brown",
    "fox",
    "mail",
    "`",
    "M",
    "====",
    "\t",
    "hello,",
    "world.",
    "sharutils",
    "644",
];

/// Random bytes, or text with newlines.
fn data(rng: &mut Rng, len: usize) -> Vec<u8> {
    if rng.chance(50) {
        rng.bytes(len)
    } else {
        rng.text(WORDS, len)
    }
}

/// Names to put in the header.
const NAMES: &[&str] = &[
    "x",
    "out.bin",
    "notes.txt",
    "dir/file.dat",
    "/dev/stdout",
    "-",
    "My Document.pdf",
    "a b  c",
    "caf\u{e9}.txt",
    "name=with=equals",
    "~/home.txt",
    "UPPER.TXT",
    "1",
    "12",
    "123",
    "with'quote",
    "semi;colon",
];

fn name(rng: &mut Rng) -> String {
    rng.pick(NAMES).to_string()
}

/// Options for the chosen encodings, in one of the ways they can be spelled.
fn options(rng: &mut Rng, base64: bool, encode_name: bool) -> Vec<String> {
    let m = rng
        .pick(&["-m", "--base64", "--base", "--BASE64", "--ba"])
        .to_string();
    let e = rng
        .pick(&[
            "-e",
            "--encode-file-name",
            "--enc",
            "--Encode_File_Name",
            "--encode^file",
        ])
        .to_string();
    match (base64, encode_name) {
        (false, false) => Vec::new(),
        (true, false) => vec![m],
        (false, true) => vec![e],
        (true, true) => match rng.range(0, 3) {
            0 => vec![m, e],
            1 => vec![e, m],
            2 => strings(&["-me"]),
            _ => strings(&["-em"]),
        },
    }
}

/// The input through standard input or a file operand, then the remote name.
fn with_input(rng: &mut Rng, mut args: Vec<String>, input: Vec<u8>, remote: String) -> Parts {
    if rng.chance(35) {
        let file = rng
            .pick(&["in.bin", "data", "sub/input.txt", "-m"])
            .to_string();
        if file.starts_with('-') {
            args.push("--".into());
        }
        args.push(file.clone());
        args.push(remote);
        let mut files = BTreeMap::new();
        files.insert(file, input);
        Parts {
            args,
            stdin: b"standard input is not read\n".to_vec(),
            files,
            ..Parts::default()
        }
    } else {
        args.push(remote);
        Parts {
            args,
            stdin: input,
            ..Parts::default()
        }
    }
}

fn historical_stdin(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 300);
    let input = data(rng, len);
    let remote = name(rng);
    with_input(rng, Vec::new(), input, remote)
}

fn base64_stdin(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 300);
    let input = data(rng, len);
    let opts = options(rng, true, false);
    let remote = name(rng);
    with_input(rng, opts, input, remote)
}

fn line_boundaries(rng: &mut Rng) -> Parts {
    // Lengths around whole lines (45 bytes) and every remainder modulo 3.
    let lines = rng.range(0, 3);
    let len = (lines * 45 + rng.range(0, 5)).saturating_sub(2);
    let input = rng.bytes(len);
    let base64 = rng.chance(40);
    let opts = options(rng, base64, false);
    let remote = name(rng);
    with_input(rng, opts, input, remote)
}

fn text_input(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 200);
    let input = rng.text(WORDS, len);
    let base64 = rng.chance(50);
    let opts = options(rng, base64, false);
    with_input(rng, opts, input, "text.txt".into())
}

fn every_byte(rng: &mut Rng) -> Parts {
    let mut input: Vec<u8> = (0..=255).collect();
    if rng.chance(50) {
        input.reverse();
    }
    let base64 = rng.chance(50);
    let opts = options(rng, base64, false);
    with_input(rng, opts, input, "bytes.bin".into())
}

fn large_input(rng: &mut Rng) -> Parts {
    let len = rng.range(2000, 9000);
    let input = rng.bytes(len);
    let base64 = rng.chance(50);
    let encode_name = rng.chance(20);
    let opts = options(rng, base64, encode_name);
    let remote = name(rng);
    with_input(rng, opts, input, remote)
}

fn empty_input(rng: &mut Rng) -> Parts {
    let base64 = rng.chance(50);
    let encode_name = rng.chance(30);
    let opts = options(rng, base64, encode_name);
    let remote = name(rng);
    with_input(rng, opts, Vec::new(), remote)
}

fn file_operand(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 500);
    let input = data(rng, len);
    let base64 = rng.chance(50);
    let encode_name = rng.chance(20);
    let mut args = options(rng, base64, encode_name);
    let file = rng
        .pick(&["in.bin", "photo.jpg", "sub/deep/file", "x"])
        .to_string();
    args.push(file.clone());
    args.push(name(rng));
    let mut files = BTreeMap::new();
    files.insert(file, input);
    files.insert("other.txt".into(), b"not read\n".to_vec());
    Parts {
        args,
        files,
        ..Parts::default()
    }
}

fn encoded_name(rng: &mut Rng) -> Parts {
    // -e writes the name in base64: every name length modulo 3.
    let remote = if rng.chance(60) {
        name(rng)
    } else {
        let len = rng.range(1, 20);
        rng.text(&["a", "b", "c", ".", " ", "-", "\u{e9}"], len)
            .into_iter()
            .map(char::from)
            .filter(char::is_ascii)
            .collect::<String>()
            + "n"
    };
    let len = rng.range(0, 60);
    let input = data(rng, len);
    let base64 = rng.chance(50);
    let opts = options(rng, base64, true);
    with_input(rng, opts, input, remote)
}

fn option_spellings(rng: &mut Rng) -> Parts {
    let base64 = rng.chance(70);
    let encode_name = rng.chance(50) || !base64;
    let mut args = options(rng, base64, encode_name);
    if rng.chance(30) {
        args.push("--".into());
    }
    let len = rng.range(0, 50);
    let input = data(rng, len);
    let remote = name(rng);
    with_input(rng, args, input, remote)
}

fn illegal_option(rng: &mut Rng) -> Parts {
    let bad = loop {
        let c = rng.range(0x21, 0x7e) as u8 as char;
        // Outside the subset, -v, -h, -!, -R and -r exist; they are not tested.
        if !"mevh!Rr-".contains(c) {
            break c;
        }
    };
    let prefix = *rng.pick(&["", "m", "e", "me"]);
    let mut args = vec![format!("-{prefix}{bad}")];
    if rng.chance(50) {
        args.insert(0, rng.pick(&["-m", "-e", "--base64"]).to_string());
    }
    if rng.chance(40) {
        // A second option error later on: only the first is reported.
        args.push(rng.pick(&["-mm", "--foo", "--b"]).to_string());
    }
    args.push(name(rng));
    Parts {
        args,
        stdin: b"data\n".to_vec(),
        ..Parts::default()
    }
}

fn long_option_errors(rng: &mut Rng) -> Parts {
    let mut args = match rng.range(0, 4) {
        0 => {
            let word = *rng.pick(&[
                "--foo",
                "--base32",
                "--base64x",
                "--encode",
                "--encoded",
                "--decode",
                "--mode=600",
                "--name",
                "--x=1",
                "--bas64",
            ]);
            vec![word.to_string()]
        }
        1 => vec![
            rng.pick(&["--b", "--e", "--m", "--=1", "--=", "--x"])
                .to_string(),
        ],
        2 => {
            let option = *rng.pick(&["--base64", "--ba", "--encode-file-name", "--enc"]);
            let value = *rng.pick(&["", "1", "yes"]);
            vec![format!("{option}={value}")]
        }
        3 => strings(&["-m", "--nope"]),
        _ => strings(&["--encode-file-name", "--base64=", "--zzz"]),
    };
    args.push(name(rng));
    if rng.chance(30) {
        args.insert(0, "in.txt".into());
        args.swap(0, 1);
    }
    Parts {
        args,
        stdin: b"data\n".to_vec(),
        ..Parts::default()
    }
}

fn repeated_option(rng: &mut Rng) -> Parts {
    let mut args = strings(rng.pick::<&[&str]>(&[
        &["-mm"][..],
        &["-m", "--base64"],
        &["--enc", "-e"],
        &["-ee"],
        &["-me", "-m"],
        &["-em", "--encode-file-name", "-m"],
    ]));
    match rng.range(0, 2) {
        0 => args.push(name(rng)),
        1 => {}
        _ => args.extend(strings(&["a", "b", "c"])),
    }
    Parts {
        args,
        stdin: b"data\n".to_vec(),
        ..Parts::default()
    }
}

fn operand_count(rng: &mut Rng) -> Parts {
    // No operand, three or more, or an option after the operands (which AutoOpts reads as
    // another operand).
    let args = match rng.range(0, 4) {
        0 => Vec::new(),
        1 => strings(rng.pick::<&[&str]>(&[&["-m"][..], &["-e"], &["-me"], &["--"]])),
        2 => strings(rng.pick::<&[&str]>(&[
            &["a", "b", "c"][..],
            &["-m", "a", "b", "c"],
            &["a", "b", "c", "d"],
        ])),
        3 => {
            strings(rng.pick::<&[&str]>(&[&["in.bin", "-m", "out"][..], &["in.bin", "out", "-m"]]))
        }
        _ => strings(&["in.bin", "--", "out"]),
    };
    let mut files = BTreeMap::new();
    files.insert("in.bin".into(), b"data\n".to_vec());
    Parts {
        args,
        stdin: b"data\n".to_vec(),
        files,
        ..Parts::default()
    }
}

fn missing_file(rng: &mut Rng) -> Parts {
    let base64 = rng.chance(50);
    let mut args = options(rng, base64, false);
    let file = rng
        .pick(&[
            "missing.bin",
            "no such file",
            "sub/missing",
            "in.bin/x",
            "-",
        ])
        .to_string();
    if file.starts_with('-') && rng.chance(50) {
        args.push("--".into());
    }
    args.push(file);
    args.push(name(rng));
    let mut files = BTreeMap::new();
    files.insert("in.bin".into(), b"data\n".to_vec());
    Parts {
        args,
        stdin: b"data\n".to_vec(),
        files,
        ..Parts::default()
    }
}

fn directory(rng: &mut Rng) -> Parts {
    let base64 = rng.chance(50);
    let encode_name = rng.chance(30);
    let mut args = options(rng, base64, encode_name);
    args.push(rng.pick(&["sub", "sub/deeper"]).to_string());
    args.push(name(rng));
    let mut files = BTreeMap::new();
    files.insert("sub/deeper/file.txt".into(), b"inside\n".to_vec());
    Parts {
        args,
        files,
        ..Parts::default()
    }
}

fn dash_names(rng: &mut Rng) -> Parts {
    // Names that look like options need "--" before them.
    let remote = rng
        .pick(&["-m", "-e", "--base64", "-", "--", "-x"])
        .to_string();
    let base64 = rng.chance(40);
    let mut args = options(rng, base64, false);
    args.push("--".into());
    let len = rng.range(0, 40);
    let input = data(rng, len);
    args.push(remote);
    Parts {
        args,
        stdin: input,
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
    fn sizes_and_corners() {
        let cases = generate(CATEGORIES, 3, CATEGORIES.len() * 40);
        let mut remainders = [false; 3];
        let mut around_lines = std::collections::BTreeSet::new();
        for case in &cases {
            let total = case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
            assert!(total <= 20_000, "{} has {total} bytes", case.name);
            if case.name.starts_with("line-boundaries") {
                let len = case
                    .files
                    .values()
                    .next()
                    .map_or(case.stdin.len(), Vec::len);
                remainders[len % 3] = true;
                around_lines.insert(len);
            }
        }
        assert_eq!(remainders, [true; 3]);
        for len in [0, 44, 45, 46, 90] {
            assert!(around_lines.contains(&len), "{len} in {around_lines:?}");
        }
    }
}
