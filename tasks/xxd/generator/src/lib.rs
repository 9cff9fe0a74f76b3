//! Case generator of the xxd task: a pure function of the seed and the count.
//!
//! Case `k` belongs to category `k % CATEGORIES.len()`. The categories reach every mode
//! (hex, bits, little-endian, postscript, C include, revert), the column and group
//! settings at and past their limits, `-s` before and beyond the end of standard input
//! and of files, `-l`, `-o`, `-d`, `-a` with runs of zero lines ending anywhere, output
//! files, and `-r` of dumps that are real, shifted, reordered or malformed.

use std::collections::BTreeMap;

use enc_common::cases::{Category, Parts, Rng, strings};

/// Every category, in the order cases cycle through them.
pub const CATEGORIES: &[Category] = &[
    ("plain-dump", plain_dump),
    ("columns", columns),
    ("revert-dump", revert_dump),
    ("groups", groups),
    ("autoskip", autoskip),
    ("postscript", postscript),
    ("c-include", c_include),
    ("revert-malformed", revert_malformed),
    ("bits", bits),
    ("little-endian", little_endian),
    ("seek-stdin", seek_stdin),
    ("seek-file", seek_file),
    ("revert-postscript", revert_postscript),
    ("length", length),
    ("display-offset", display_offset),
    ("option-errors", option_errors),
    ("revert-seek", revert_seek),
    ("output-file", output_file),
    ("revert-into-file", revert_into_file),
    ("file-errors", file_errors),
    ("long-spellings", long_spellings),
    ("upper-case", upper_case),
];

const WORDS: &[&str] = &[
    "xxd", "hex", "dump", "the", "quick", "brown", "fox", "\0\0\0\0", "\t", "0123", "~~", "\n",
    "\u{e9}", "\x7f", "AAAA",
];

/// Random bytes, text, or data with runs of zeros.
fn data(rng: &mut Rng, len: usize) -> Vec<u8> {
    match rng.range(0, 2) {
        0 => rng.bytes(len),
        1 => rng.text(WORDS, len),
        _ => {
            let mut out = rng.bytes(len);
            for b in out.iter_mut() {
                if rng.chance(70) {
                    *b = 0;
                }
            }
            out
        }
    }
}

fn small_len(rng: &mut Rng) -> usize {
    match rng.range(0, 5) {
        0 => rng.range(0, 3),
        1 => 16 * rng.range(1, 4),
        2 => 16 * rng.range(1, 4) + rng.range(1, 15),
        _ => rng.range(0, 200),
    }
}

/// Standard input, `-`, or a file operand (sometimes with an output file).
fn with_input(rng: &mut Rng, mut args: Vec<String>, input: Vec<u8>) -> Parts {
    match rng.range(0, 4) {
        0 => {
            let name = rng
                .pick(&["data.bin", "in", "sub/file.dat", "3d.obj"])
                .to_string();
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

/// A number in one of the spellings `strtol (..., 0)` reads.
fn number(rng: &mut Rng, n: i64) -> String {
    match rng.range(0, 5) {
        0 if n >= 0 => format!("0x{n:x}"),
        1 if n > 0 => format!("0{n:o}"),
        2 if n >= 0 => format!("+{n}"),
        _ => n.to_string(),
    }
}

/// `-X VALUE` or `-XVALUE`.
fn option(rng: &mut Rng, letter: char, value: String) -> Vec<String> {
    if rng.chance(50) {
        vec![format!("-{letter}"), value]
    } else {
        vec![format!("-{letter}{value}")]
    }
}

fn plain_dump(rng: &mut Rng) -> Parts {
    let len = small_len(rng);
    let input = data(rng, len);
    with_input(rng, Vec::new(), input)
}

fn upper_case(rng: &mut Rng) -> Parts {
    let len = small_len(rng);
    let input = data(rng, len);
    let mut args = strings(&["-u"]);
    if rng.chance(50) {
        args.push(rng.pick(&["-p", "-i", "-b", "-e"]).to_string());
    }
    with_input(rng, args, input)
}

fn columns(rng: &mut Rng) -> Parts {
    let cols: i64 = *rng.pick(&[1, 2, 3, 7, 8, 10, 12, 24, 32, 255, 256, 0, 40, 5]);
    let len = rng.range(0, (3 * cols.max(16) + 5) as usize);
    let input = data(rng, len.min(600));
    let value = number(rng, cols);
    let mut args = option(rng, 'c', value);
    if rng.chance(30) {
        args.extend({
            let value = rng.range(0, 5).to_string();
            option(rng, 'g', value)
        });
    }
    with_input(rng, args, input)
}

fn groups(rng: &mut Rng) -> Parts {
    let g = *rng.pick(&[0, 1, 3, 4, 5, 8, 16, 17, 100]);
    let len = small_len(rng);
    let input = data(rng, len);
    let mut args = option(rng, 'g', g.to_string());
    if rng.chance(40) {
        let cols = *rng.pick(&["10", "12", "5", "32"]);
        args.extend(option(rng, 'c', cols.to_string()));
    }
    with_input(rng, args, input)
}

fn bits(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 40);
    let input = data(rng, len);
    let mut args = strings(&["-b"]);
    if rng.chance(50) {
        let cols = *rng.pick(&["1", "4", "8", "0", "3"]);
        args.extend(option(rng, 'c', cols.to_string()));
    }
    if rng.chance(40) {
        let g = *rng.pick(&["0", "2", "3", "8"]);
        args.extend(option(rng, 'g', g.to_string()));
    }
    with_input(rng, args, input)
}

fn little_endian(rng: &mut Rng) -> Parts {
    // -e reverses bytes inside groups; a group that is no power of 2 is refused unless it
    // came from shrinking the group to the line, which gives strange lines.
    let len = small_len(rng);
    let input = data(rng, len);
    let mut args = strings(&["-e"]);
    match rng.range(0, 3) {
        0 => {}
        1 => args.extend({
            let value = rng.pick(&["1", "2", "3", "8", "16", "6"]).to_string();
            option(rng, 'g', value)
        }),
        2 => args.extend({
            let value = rng.pick(&["3", "6", "10", "12", "8", "5"]).to_string();
            option(rng, 'c', value)
        }),
        _ => {
            args.extend({
                let value = rng.pick(&["2", "8", "3"]).to_string();
                option(rng, 'g', value)
            });
            args.extend({
                let value = rng.pick(&["12", "6", "16"]).to_string();
                option(rng, 'c', value)
            });
        }
    }
    with_input(rng, args, input)
}

fn postscript(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 120);
    let input = data(rng, len);
    let mut args = vec![
        rng.pick(&["-p", "-ps", "-postscript", "-plain"])
            .to_string(),
    ];
    if rng.chance(60) {
        let cols = *rng.pick(&["0", "1", "7", "30", "16", "-1"]);
        args.extend(option(rng, 'c', cols.to_string()));
    }
    with_input(rng, args, input)
}

fn c_include(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 60);
    let input = data(rng, len);
    let mut args = vec![rng.pick(&["-i", "-include"]).to_string()];
    if rng.chance(50) {
        let name = *rng.pick(&["data", "3d", "my-var", "x.y", "caf\u{e9}", "_ok", "A1"]);
        args.extend(option(rng, 'n', name.to_string()));
    }
    if rng.chance(30) {
        args.push(rng.pick(&["-C", "-capitalize"]).to_string());
    }
    if rng.chance(30) {
        args.extend({
            let value = rng.pick(&["4", "1", "0", "16"]).to_string();
            option(rng, 'c', value)
        });
    }
    with_input(rng, args, input)
}

fn length(rng: &mut Rng) -> Parts {
    let len = small_len(rng);
    let input = data(rng, len);
    let limit = rng.pick(&[0i64, 1, 15, 16, 17, 33, -1, 1000]);
    let value = number(rng, *limit);
    let mut args = option(rng, 'l', value);
    if rng.chance(30) {
        args.push(rng.pick(&["-p", "-i", "-b"]).to_string());
    }
    with_input(rng, args, input)
}

fn seek_stdin(rng: &mut Rng) -> Parts {
    // Standard input cannot seek: xxd reads to skip, and cannot go back or from the end.
    let len = rng.range(0, 80);
    let input = data(rng, len);
    let value = match rng.range(0, 4) {
        0 => rng.range(0, len + 2).to_string(),
        1 => format!("+{}", rng.range(0, len + 2)),
        2 => format!("-{}", rng.range(0, 10)),
        3 => (len + rng.range(1, 20)).to_string(),
        _ => format!("0x{:x}", rng.range(0, len + 2)),
    };
    let mut args = option(rng, 's', value);
    if rng.chance(30) {
        args.push(rng.pick(&["-p", "-d", "-i"]).to_string());
    }
    Parts {
        args,
        stdin: input,
        ..Parts::default()
    }
}

fn seek_file(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 80);
    let input = data(rng, len);
    let value = match rng.range(0, 4) {
        0 => rng.range(0, len + 2).to_string(),
        1 => format!("+{}", rng.range(0, len + 2)),
        2 => format!("-{}", rng.range(0, len + 3)),
        3 => (len + rng.range(1, 20)).to_string(),
        _ => format!("+-{}", rng.range(0, 3)),
    };
    let mut args = option(rng, 's', value);
    if rng.chance(30) {
        args.push(rng.pick(&["-p", "-d", "-i", "-a"]).to_string());
    }
    args.push("file.bin".into());
    let mut files = BTreeMap::new();
    files.insert("file.bin".into(), input);
    Parts {
        args,
        files,
        ..Parts::default()
    }
}

fn display_offset(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 70);
    let input = data(rng, len);
    let value = rng
        .pick(&["100", "0x10", "-16", "+0x20", "-1", "4294967296", "010"])
        .to_string();
    let mut args = option(rng, 'o', value);
    if rng.chance(50) {
        args.push("-d".into());
    }
    with_input(rng, args, input)
}

fn autoskip(rng: &mut Rng) -> Parts {
    // Runs of all-zero lines of every length, ending inside the data or at its end.
    let mut input = Vec::new();
    for _ in 0..rng.range(1, 4) {
        if rng.chance(60) {
            input.extend(vec![0u8; 16 * rng.range(1, 5)]);
        } else {
            let len = 16 * rng.range(0, 2) + rng.range(1, 16);
            input.extend(rng.bytes(len));
        }
    }
    if rng.chance(30) {
        input.extend(vec![0u8; rng.range(1, 15)]);
    }
    let mut args =
        strings(rng.pick::<&[&str]>(&[&["-a"][..], &["-autoskip"], &["-a", "-a", "-a"]]));
    if rng.chance(25) {
        args.extend({
            let value = rng.pick(&["4", "8"]).to_string();
            option(rng, 'c', value)
        });
    }
    with_input(rng, args, input)
}

/// xxd's own dump of `bytes` in the default layout (16 columns, groups of 2).
fn dump_text(bytes: &[u8], start: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, line) in bytes.chunks(16).enumerate() {
        let mut text = format!("{:08x}:", start + 16 * k);
        for (i, b) in line.iter().enumerate() {
            if i % 2 == 0 {
                text.push(' ');
            }
            text.push_str(&format!("{b:02x}"));
        }
        while text.len() < 51 {
            text.push(' ');
        }
        text.extend(line.iter().map(|&b| {
            if (32..127).contains(&b) {
                b as char
            } else {
                '.'
            }
        }));
        text.push('\n');
        out.extend_from_slice(text.as_bytes());
    }
    out
}

fn revert_dump(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 100);
    let bytes = data(rng, len);
    let start = *rng.pick(&[0, 0, 16, 0x100]);
    let mut dump = dump_text(&bytes, start);
    if rng.chance(30) {
        dump = dump.to_ascii_uppercase();
    }
    let mut args = vec![rng.pick(&["-r", "-revert"]).to_string()];
    if rng.chance(20) {
        args.extend({
            let value = rng.pick(&["8", "16", "4"]).to_string();
            option(rng, 'c', value)
        });
    }
    with_input(rng, args, dump)
}

fn revert_malformed(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 60);
    let bytes = data(rng, len);
    let mut dump = dump_text(&bytes, 0);
    match rng.range(0, 7) {
        0 => {
            // CRLF line ends.
            let mut crlf = Vec::new();
            for &b in &dump {
                if b == b'\n' {
                    crlf.push(b'\r');
                }
                crlf.push(b);
            }
            dump = crlf;
        }
        1 => dump.extend_from_slice(rng.pick::<&[u8]>(&[
            &b"hello\n"[..],
            b"garbage line\n",
            b"zz\n",
        ])),
        2 => dump
            .splice(0..0, b"# a comment line\n".iter().copied())
            .for_each(drop),
        3 => {
            // An odd hex digit, or a lone character between digits.
            let at = rng.range(10, dump.len().min(40) - 1);
            dump.insert(at, *rng.pick(b"0x- ."));
        }
        4 => {
            // Lines out of order: a later address first.
            let mut lines: Vec<&[u8]> = dump.split_inclusive(|&b| b == b'\n').collect();
            lines.reverse();
            dump = lines.concat();
        }
        5 => dump.extend_from_slice(b"00000100: 4142\n"),
        6 => dump.extend_from_slice(b"0: 41 42 43\n"),
        _ => dump.truncate(dump.len() / 2),
    }
    with_input(rng, strings(&["-r"]), dump)
}

fn revert_postscript(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 80);
    let bytes = data(rng, len);
    let mut text = Vec::new();
    for (k, b) in bytes.iter().enumerate() {
        text.extend_from_slice(format!("{b:02x}").as_bytes());
        if k % 30 == 29 {
            text.push(b'\n');
        }
        if rng.chance(5) {
            text.push(*rng.pick(b" \t\nz"));
        }
    }
    text.push(b'\n');
    if rng.chance(20) {
        text.insert(rng.range(0, text.len()), b'7');
    }
    let mut args = strings(rng.pick::<&[&str]>(&[
        &["-r", "-p"][..],
        &["-p", "-r"],
        &["-r", "-ps"],
        &["-revert", "-plain"],
    ]));
    if rng.chance(20) {
        args.extend({
            let value = rng.pick(&["3", "+3", "0x10"]).to_string();
            option(rng, 's', value)
        });
    }
    with_input(rng, args, text)
}

fn revert_seek(rng: &mut Rng) -> Parts {
    let len = rng.range(1, 40);
    let bytes = data(rng, len);
    let start = *rng.pick(&[0, 16, 32]);
    let dump = dump_text(&bytes, start);
    let value = rng
        .pick(&["4", "+4", "-16", "-8", "0x10", "-32", "-48"])
        .to_string();
    let mut args = strings(&["-r"]);
    args.extend(option(rng, 's', value));
    with_input(rng, args, dump)
}

fn output_file(rng: &mut Rng) -> Parts {
    let len = rng.range(0, 60);
    let input = data(rng, len);
    let mut args: Vec<String> = Vec::new();
    if rng.chance(40) {
        args.push(rng.pick(&["-p", "-i", "-b"]).to_string());
    }
    let mut files = BTreeMap::new();
    files.insert("out.txt".into(), b"previous contents, truncated\n".to_vec());
    let parts = if rng.chance(50) {
        files.insert("in.bin".into(), input);
        args.push("in.bin".into());
        Parts {
            args,
            files,
            ..Parts::default()
        }
    } else {
        args.push("-".into());
        Parts {
            args,
            stdin: input,
            files,
            ..Parts::default()
        }
    };
    let mut parts = parts;
    parts
        .args
        .push(rng.pick(&["out.txt", "new.txt", "sub/new.txt"]).to_string());
    parts.files.insert("sub/.keep".into(), Vec::new());
    parts
}

fn revert_into_file(rng: &mut Rng) -> Parts {
    // -r patches an existing output file in place, and seeks instead of writing zeros.
    let len = rng.range(1, 40);
    let bytes = data(rng, len);
    let start = *rng.pick(&[0, 4, 16, 40]);
    let mut dump = dump_text(&bytes, start);
    if rng.chance(30) {
        dump.extend_from_slice(b"00000002: 5858\n");
    }
    let mut files = BTreeMap::new();
    files.insert(
        "patch.bin".into(),
        b"0123456789abcdefghijklmnopqrstuvwxyz".to_vec(),
    );
    let target = rng.pick(&["patch.bin", "fresh.bin"]).to_string();
    let mut args = strings(&["-r"]);
    if rng.chance(30) {
        args.extend({
            let value = rng.pick(&["2", "-2", "+8"]).to_string();
            option(rng, 's', value)
        });
    }
    args.extend(["-".to_string(), target]);
    Parts {
        args,
        stdin: dump,
        files,
        ..Parts::default()
    }
}

fn option_errors(rng: &mut Rng) -> Parts {
    let args = strings(rng.pick::<&[&str]>(&[
        &["-x"][..],
        &["-h"],
        &["-c"],
        &["-l"],
        &["-s"],
        &["-g"],
        &["-n"],
        &["-o"],
        &["-c", "257"],
        &["-c", "-1"],
        &["-b", "-c", "300"],
        &["-i", "-c", "-3"],
        &["-e", "-g", "3"],
        &["-e", "-g", "12", "-c", "16"],
        &["-r", "-i"],
        &["-r", "-b"],
        &["-r", "-e"],
        &["a", "b", "c"],
        &["---x"],
        &["-", "-", "-"],
        &["-Z"],
        &["-c", "0x101"],
    ]));
    Parts {
        args,
        stdin: b"some input\n".to_vec(),
        ..Parts::default()
    }
}

fn file_errors(rng: &mut Rng) -> Parts {
    let mut files = BTreeMap::new();
    files.insert("sub/inner.txt".into(), b"inside\n".to_vec());
    files.insert("in.bin".into(), b"input\n".to_vec());
    let args = strings(rng.pick::<&[&str]>(&[
        &["missing.bin"][..],
        &["sub"],
        &["-i", "sub"],
        &["-p", "sub"],
        &["in.bin", "nodir/out.txt"],
        &["in.bin/x"],
        &["-r", "missing.txt"],
        &["-r", "sub"],
        &["-i", "-n", "v", "sub"],
        &["missing.bin", "nodir/out.txt"],
    ]));
    Parts {
        args,
        files,
        ..Parts::default()
    }
}

fn long_spellings(rng: &mut Rng) -> Parts {
    // xxd compares only the first two characters, and "--x" counts as "-x".
    let len = rng.range(0, 50);
    let input = data(rng, len);
    let args = strings(rng.pick::<&[&str]>(&[
        &["--cols", "8"][..],
        &["-cols", "4"],
        &["-col"],
        &["-len", "5"],
        &["-le"],
        &["-seek", "3"],
        &["-skip", "2"],
        &["-group", "4"],
        &["-groupsize", "1"],
        &["-offset", "16"],
        &["-name", "v", "-i"],
        &["-na", "-i"],
        &["-capitalize", "-i", "-n", "x"],
        &["-cap", "-i"],
        &["-bits"],
        &["-upper"],
        &["-decimal"],
        &["--", "-"],
        &["-d", "--"],
        &["--autoskip"],
    ]));
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
    fn sizes_stay_small() {
        for case in generate(CATEGORIES, 3, CATEGORIES.len() * 30) {
            let total = case.stdin.len() + case.files.values().map(Vec::len).sum::<usize>();
            assert!(total <= 2_000, "{} has {total} bytes", case.name);
        }
    }

    #[test]
    fn dumps_match_the_real_layout() {
        assert_eq!(
            dump_text(b"The quick brown fox", 0),
            b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n\
              00000010: 666f 78                                  fox\n"
        );
    }

    #[test]
    fn zero_runs_reach_the_end() {
        let cases = generate(CATEGORIES, 9, CATEGORIES.len() * 40);
        let ends_with_zero_lines =
            cases
                .iter()
                .filter(|c| c.name.starts_with("autoskip"))
                .any(|c| {
                    let input = c.files.values().next().unwrap_or(&c.stdin);
                    input.len() >= 64 && input[input.len() - 64..].iter().all(|&b| b == 0)
                });
        assert!(ends_with_zero_lines);
    }
}
