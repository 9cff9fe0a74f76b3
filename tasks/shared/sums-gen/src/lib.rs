//! Case generator shared by the hashing tasks: `<tool>-generator SEED COUNT` prints COUNT
//! cases as JSON, each a pure function of the seed and its index (a splitmix64 stream per
//! case), so asking for more cases never changes the earlier ones.
//!
//! One generator serves md5sum, the SHA programs, b2sum, cksum and sum ([`Tool`]); the
//! shared shape (files with awkward names, check lists with every line format, bad and
//! conflicting options) comes from the sha256sum task's generator, and each program adds
//! what only it has (`-l`, `-a`, the legacy sums).

use std::io::Write;

use digest_cli::{Algorithm, hex};
use serde_json::Value;

/// Input lengths around the padding boundaries of 64-byte blocks (MD5, SHA-1, SHA-256,
/// SM3: the length takes the last 8 bytes) and 128-byte blocks (SHA-512, BLAKE2b: the
/// last 16).
const BOUNDARY_LENGTHS: &[usize] = &[
    0, 1, 3, 54, 55, 56, 57, 63, 64, 65, 110, 111, 112, 113, 119, 120, 127, 128, 129, 183, 184,
    191, 192, 239, 240, 247, 248, 255, 256,
];

mod pieces;

use pieces::{Case, Rng, add_files, arrange, content, file_name, missing_name};

/// Which program the cases are for.
#[derive(Debug, Clone, Copy)]
pub enum Tool {
    /// md5sum and the SHA programs: one algorithm.
    Fixed(&'static Algorithm),
    /// b2sum.
    B2sum,
    /// cksum, with its `-a` algorithms in GNU's order.
    Cksum(&'static [Algorithm]),
    /// sum.
    Sum,
}

impl Tool {
    /// The algorithm hashing mode uses without options (the first check-list format).
    fn algorithm(self) -> &'static Algorithm {
        match self {
            Tool::Fixed(a) => a,
            Tool::B2sum => &digest_cli::BLAKE2B,
            Tool::Cksum(list) => &list[6], // sha256: check lists need a real digest
            Tool::Sum => &digest_cli::BSD,
        }
    }
}

/// Hex of `data`'s digest by `algorithm` with `bits` (BLAKE2b) or its own length.
fn digest_hex(algorithm: &Algorithm, bits: u64, data: &[u8]) -> String {
    let mut hasher = (algorithm.new)((bits / 8) as usize);
    hasher.update(data);
    let digest = hasher.finish();
    let hex = hex(&digest[..(bits / 8) as usize]);
    String::from_utf8(hex).expect("hex is ASCII")
}

/// A BLAKE2b length in bits: usually a common one, sometimes any multiple of 8.
fn blake2_bits(rng: &mut Rng) -> u64 {
    if rng.chance(60) {
        *rng.pick(&[8, 128, 160, 224, 256, 384, 504, 512])
    } else {
        8 * (1 + rng.below(64) as u64)
    }
}

/// Plain hashing of files, stdin, missing files and directories.
fn hash_case(case: &mut Case, rng: &mut Rng, tool: Tool) {
    let count = 1 + rng.below(4);
    let mut names = add_files(case, rng, count, 55);
    if rng.chance(8) && case.add_file("-dash", content(rng)) {
        names.push("-dash".to_string());
    }
    let mut operands = names.clone();
    if rng.chance(20) {
        operands.push(names[rng.below(names.len())].clone());
    }
    if rng.chance(25) {
        case.stdin = content(rng);
        operands.push("-".to_string());
    }
    if rng.chance(20) {
        operands.push(missing_name(case, rng));
    }
    if rng.chance(12) {
        operands.push(case.add_directory(rng));
    }
    rng.shuffle(&mut operands);
    let mut options: Vec<Vec<String>> = match tool {
        Tool::Sum => {
            let modes: &[&[&str]] = &[
                &[],
                &["-r"],
                &["-s"],
                &["--sysv"],
                &["--sys"],
                &["-rs"],
                &["-sr"],
                &["-s", "-r"],
            ];
            rng.pick(modes)
                .iter()
                .map(|s| vec![s.to_string()])
                .collect()
        }
        Tool::Cksum(list) => cksum_hash_options(rng, list),
        _ => {
            let modes: &[&[&str]] = &[
                &[],
                &[],
                &["-b"],
                &["-t"],
                &["--binary"],
                &["--text"],
                &["--bin"],
                &["--tag"],
                &["--ta"],
                &["-z"],
                &["--zero"],
                &["--tag", "-z"],
                &["-bz"],
                &["-zt"],
                &["-b", "-t"],
                &["-t", "-b"],
                &["-t", "--tag"],
                &["--tag", "-b"],
                &["--te", "-z"],
            ];
            rng.pick(modes)
                .iter()
                .map(|s| vec![s.to_string()])
                .collect()
        }
    };
    if matches!(tool, Tool::B2sum) && rng.chance(60) {
        let bits = blake2_bits(rng);
        options.push(length_option(rng, bits));
    }
    let dashdash = rng.chance(10);
    case.args = arrange(rng, options, operands, dashdash);
}

/// `-l BITS` in one of its spellings.
fn length_option(rng: &mut Rng, bits: u64) -> Vec<String> {
    match rng.below(5) {
        0 => vec!["-l".into(), bits.to_string()],
        1 => vec![format!("-l{bits}")],
        2 => vec![format!("--length={bits}")],
        3 => vec!["--length".into(), bits.to_string()],
        _ => vec!["--len".into(), bits.to_string()],
    }
}

/// cksum's hashing options: an algorithm or none, a format, maybe `-z` and `-l`; each
/// group an option with its separate value, if any.
fn cksum_hash_options(rng: &mut Rng, list: &[Algorithm]) -> Vec<Vec<String>> {
    let mut options = Vec::new();
    let mut blake2 = false;
    if rng.chance(85) {
        let algorithm = rng.pick(list);
        blake2 = algorithm.arg == "blake2b";
        options.push(match rng.below(4) {
            0 => vec!["-a".to_string(), algorithm.arg.to_string()],
            1 => vec![format!("-a{}", algorithm.arg)],
            2 => vec![format!("--algorithm={}", algorithm.arg)],
            _ => vec!["--a".to_string(), algorithm.arg.to_string()],
        });
    }
    if rng.chance(35) {
        options.push(vec![
            rng.pick(&["--untagged", "--unt", "--tag", "--ta"])
                .to_string(),
        ]);
        if rng.chance(30) {
            options.push(vec![rng.pick(&["--untagged", "--tag"]).to_string()]);
        }
    }
    if rng.chance(15) {
        options.push(vec!["-z".to_string()]);
    }
    if blake2 && rng.chance(50) {
        let bits = blake2_bits(rng);
        options.push(length_option(rng, bits));
    } else if blake2 && rng.chance(10) {
        options.push(length_option(rng, 0));
    }
    rng.shuffle(&mut options);
    options
}

/// Hashing standard input only.
fn stdin_case(case: &mut Case, rng: &mut Rng, tool: Tool) {
    case.stdin = content(rng);
    let forms: &[&[&str]] = match tool {
        Tool::Sum => &[
            &[],
            &["-"],
            &["-", "-"],
            &["-s"],
            &["-r", "-"],
            &["--", "-"],
            &["-s", "-", "-"],
        ],
        Tool::Cksum(_) => &[
            &[],
            &["-"],
            &["-", "-"],
            &["-a", "md5"],
            &["-a", "sysv"],
            &["-a", "bsd", "-"],
            &["--", "-"],
            &["-z"],
        ],
        _ => &[
            &[],
            &["-"],
            &["-", "-"],
            &["-b"],
            &["--tag"],
            &["-z"],
            &["--", "-"],
            &["-t", "-"],
        ],
    };
    case.args = rng.pick(forms).iter().map(|s| s.to_string()).collect();
}

/// How a checksum line names its file and states its digest.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Binary,
    Tagged,
    Reversed,
}

/// What a check line is for: the digest's algorithm, its length in bits, and the tag
/// spelling (`BLAKE2b-256`) a tagged line uses.
#[derive(Clone, Copy)]
struct LineKind {
    algorithm: &'static Algorithm,
    bits: u64,
    /// Whether the tag spells the length (`-256`).
    tag_bits: bool,
}

/// One line in GNU's own output format (plus the variants it accepts).
fn check_line(
    rng: &mut Rng,
    name: &str,
    hex: &str,
    format: Format,
    kind: LineKind,
    tool: Tool,
) -> Vec<u8> {
    let needs_escape = name.contains(['\\', '\n', '\r']);
    // A name with a backslash but no newline may also be listed unescaped, which
    // GNU reads literally; a newline always needs escaping.
    let escape = needs_escape && (name.contains('\n') || name.ends_with('\r') || rng.chance(70));
    let shown: String = if escape {
        name.replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('\r', "\\r")
    } else {
        name.to_string()
    };
    let hex = if rng.chance(10) {
        hex.to_ascii_uppercase()
    } else {
        hex.to_string()
    };
    let mut line = String::new();
    if rng.chance(6) {
        let indent: &&str = rng.pick(&[" ", "  ", "\t"]);
        line.push_str(indent);
    }
    if escape {
        line.push('\\');
    }
    match format {
        Format::Text => line.push_str(&format!("{hex}  {shown}")),
        Format::Binary => line.push_str(&format!("{hex} *{shown}")),
        Format::Reversed => line.push_str(&format!("{hex} {shown}")),
        Format::Tagged => {
            let mut tag = kind.algorithm.tag.to_string();
            let variable = matches!(tool, Tool::B2sum | Tool::Cksum(_));
            if kind.tag_bits {
                // GNU reads the length as C does: any base, blanks and `+` before it.
                let spelled = match rng.below(8) {
                    0 => format!("0x{:x}", kind.bits),
                    1 => format!("0{:o}", kind.bits),
                    2 => format!("+{}", kind.bits),
                    _ => kind.bits.to_string(),
                };
                tag.push('-');
                tag.push_str(&spelled);
            } else if variable && rng.chance(5) {
                // b2sum and cksum skip whatever byte follows the tag.
                tag.push(*rng.pick(&['X', '\t', ' ', '!']));
            }
            let layout = rng.pick(&[
                "{t} ({}) = {}",
                "{t}({})= {}",
                "{t} ({})={}",
                "{t} ({})\t=\t{}",
            ]);
            let layout = layout.replace("{t}", &tag);
            let mut parts = layout.split("{}");
            let (a, b, c) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            line.push_str(&format!("{a}{shown}{b}{hex}{c}"));
        }
    }
    line.into_bytes()
}

/// A line GNU rejects as improperly formatted (never one that ends right after a tag,
/// which GNU reads past).
fn bad_line(rng: &mut Rng, name: &str, hex: &str, tag: &str) -> Vec<u8> {
    let cut = hex.len().saturating_sub(1).max(1);
    let line = match rng.below(12) {
        0 => "this is not a checksum".to_string(),
        1 => format!("{}  {name}", &hex[..cut]),
        2 => format!("{}g  {name}", &hex[..cut]),
        3 => hex.to_string(),
        4 => format!("{tag} ({name}) = {}", &hex[..hex.len() / 2]),
        5 => format!("{} ({name}) = {hex}", tag.to_ascii_lowercase()),
        6 => format!("MD4 ({name}) = {}", &hex[..hex.len().min(32)]),
        7 => format!("\\{hex}  bad\\qname"),
        8 => "   ".to_string(),
        9 => format!("{hex}{hex}  {name}"),
        10 => format!("{tag}-7 ({name}) = {hex}"),
        _ => format!("{tag} {name} = {hex}"),
    };
    line.into_bytes()
}

/// `--check` over a list in a file or on standard input.
fn check_case(case: &mut Case, rng: &mut Rng, tool: Tool) {
    let list_on_stdin = rng.chance(35);
    let list_name = rng
        .pick(&["SUMS", "list.sum", "check sums", "CHECKSUMS", "it's.sums"])
        .to_string();
    // cksum reads only tagged lines unless -a names the algorithm.
    let cksum_algorithm = match tool {
        Tool::Cksum(list) if rng.chance(45) => {
            // A digest algorithm (the legacy ones cannot check).
            Some(&list[3 + rng.below(list.len() - 3)])
        }
        _ => None,
    };
    let reversed_list = rng.chance(10);
    let count = 1 + rng.below(6);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut stdin_used = list_on_stdin;
    for _ in 0..count {
        let kind = match (tool, cksum_algorithm) {
            (Tool::Cksum(_), Some(algorithm)) => {
                let blake2 = algorithm.arg == "blake2b";
                let bits = if blake2 && rng.chance(50) {
                    blake2_bits(rng)
                } else {
                    algorithm.bits
                };
                // A shorter SHA-2 digest in a tag: GNU compares that many leading bytes.
                let (bits, tag_bits) = if !blake2 && rng.chance(8) {
                    (
                        8 * (1 + rng.below((algorithm.bits / 8) as usize)) as u64,
                        true,
                    )
                } else {
                    (bits, bits != algorithm.bits)
                };
                LineKind {
                    algorithm,
                    bits,
                    tag_bits,
                }
            }
            (Tool::Cksum(list), None) => {
                let algorithm = &list[3 + rng.below(list.len() - 3)];
                let bits = if algorithm.arg == "blake2b" && rng.chance(50) {
                    blake2_bits(rng)
                } else {
                    algorithm.bits
                };
                LineKind {
                    algorithm,
                    bits,
                    tag_bits: bits != algorithm.bits,
                }
            }
            (Tool::B2sum, _) => {
                let bits = if rng.chance(50) {
                    blake2_bits(rng)
                } else {
                    512
                };
                LineKind {
                    algorithm: &digest_cli::BLAKE2B,
                    bits,
                    tag_bits: bits != 512,
                }
            }
            (tool, _) => {
                let algorithm = tool.algorithm();
                LineKind {
                    algorithm,
                    bits: algorithm.bits,
                    tag_bits: false,
                }
            }
        };
        let tagged_only = matches!(tool, Tool::Cksum(_)) && cksum_algorithm.is_none();
        let format = if tagged_only || (kind.tag_bits && !matches!(tool, Tool::B2sum)) {
            Format::Tagged
        } else if reversed_list {
            Format::Reversed
        } else if matches!(tool, Tool::Cksum(_))
            && kind.algorithm.arg != "blake2b"
            && kind.bits != kind.algorithm.bits
        {
            Format::Tagged
        } else {
            *rng.pick(&[Format::Text, Format::Text, Format::Binary, Format::Tagged])
        };
        let what = rng.below(100);
        let hex_of = |data: &[u8]| digest_hex(kind.algorithm, kind.bits, data);
        let line = if what < 50 {
            // A file whose digest matches.
            let names = add_files(case, rng, 1, 45);
            let Some(name) = names.first() else { continue };
            let hex = hex_of(&case.files[name]);
            check_line(rng, name, &hex, format, kind, tool)
        } else if what < 62 {
            // A file whose digest does not match.
            let names = add_files(case, rng, 1, 45);
            let Some(name) = names.first() else { continue };
            let mut other = case.files[name].clone();
            other.push(b'!');
            check_line(rng, name, &hex_of(&other), format, kind, tool)
        } else if what < 74 {
            let name = missing_name(case, rng);
            check_line(rng, &name, &hex_of(name.as_bytes()), format, kind, tool)
        } else if what < 80 {
            let dir = case.add_directory(rng);
            check_line(rng, &dir, &hex_of(b""), format, kind, tool)
        } else if what < 91 {
            let name = file_name(rng, 30);
            let hex = hex_of(&[rng.next() as u8]);
            bad_line(rng, &name, &hex, kind.algorithm.tag)
        } else if what < 95 {
            rng.pick(&["# a comment", "", "#5891b5b522d5df086d0ff0b110fbd9d2  x"])
                .as_bytes()
                .to_vec()
        } else if !stdin_used {
            stdin_used = true;
            case.stdin = content(rng);
            let hex = hex_of(&case.stdin);
            check_line(rng, "-", &hex, format, kind, tool)
        } else {
            // Standard input is the list itself, so `-` is an improper line.
            check_line(rng, "-", &hex_of(b""), format, kind, tool)
        };
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(b"not a checksum line".to_vec());
    }
    let crlf = rng.chance(12);
    let mut list = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        list.extend_from_slice(line);
        if i + 1 < lines.len() || rng.chance(88) {
            list.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        }
    }

    let mut operands = Vec::new();
    if list_on_stdin {
        case.stdin = list;
        if rng.chance(50) {
            operands.push("-".to_string());
        }
    } else {
        case.files.insert(list_name.clone(), list);
        operands.push(list_name);
    }
    if rng.chance(8) {
        // A second list, which may be missing or a directory.
        operands.push(match rng.below(3) {
            0 => missing_name(case, rng),
            1 => case.add_directory(rng),
            _ => {
                let names = add_files(case, rng, 1, 20);
                let extra = names.first().cloned().unwrap_or_else(|| "x".to_string());
                let data = case.files.get(&extra).cloned().unwrap_or_default();
                let algorithm = cksum_algorithm.unwrap_or(tool.algorithm());
                let kind = LineKind {
                    algorithm,
                    bits: algorithm.bits,
                    tag_bits: false,
                };
                let format = if matches!(tool, Tool::Cksum(_)) && cksum_algorithm.is_none() {
                    Format::Tagged
                } else {
                    Format::Text
                };
                let line = check_line(
                    rng,
                    &extra,
                    &digest_hex(algorithm, algorithm.bits, &data),
                    format,
                    kind,
                    tool,
                );
                case.files.insert("more.sums".to_string(), line);
                "more.sums".to_string()
            }
        });
    }

    let mut options = vec![
        rng.pick(&["-c", "-c", "--check", "--ch", "--c"])
            .to_string(),
    ];
    let extras: &[&[&str]] = &[
        &["--quiet", "--qui"],
        &["--status", "--stat"],
        &["-w", "--warn", "--w"],
        &["--strict", "--stri"],
        &["--ignore-missing", "--ignore", "--i"],
    ];
    for spellings in extras {
        if rng.chance(33) {
            options.push(rng.pick(spellings).to_string());
        }
    }
    if rng.chance(15) {
        // A combined short cluster, e.g. `-wc`.
        options[0] = rng.pick(&["-cw", "-wc"]).to_string();
    }
    if let Some(algorithm) = cksum_algorithm {
        options.push(format!("--algorithm={}", algorithm.arg));
    }
    if matches!(tool, Tool::B2sum) && rng.chance(15) {
        // -l does not change how check lines are read.
        options.push(format!("-l{}", blake2_bits(rng)));
    }
    if matches!(tool, Tool::Cksum(_)) && rng.chance(10) {
        options.push(rng.pick(&["--tag", "--untagged"]).to_string());
    }
    rng.shuffle(&mut options);
    let groups = options.into_iter().map(|o| vec![o]).collect();
    case.args = arrange(rng, groups, operands, false);
}

/// A bad option; GNU stops at the first one, so the rest of the line is noise.
fn bad_option_case(case: &mut Case, rng: &mut Rng, tool: Tool) {
    let count = 1 + rng.below(2);
    let names = add_files(case, rng, count, 20);
    let letters: &[char] = match tool {
        Tool::Sum => &[
            'a', 'b', 'c', 'd', 'q', 'x', 'S', 'R', '0', '-', '=', 'z', 't', 'l',
        ],
        Tool::Cksum(_) => &[
            'd', 'q', 'x', 'B', 'C', 'Z', '0', '9', 'r', 's', 'v', 'h', '-', '=',
        ],
        Tool::B2sum => &[
            'a', 'd', 'q', 'x', 'B', 'C', 'Z', '0', '9', 'r', 's', 'v', 'h', '-', '=',
        ],
        Tool::Fixed(_) => &[
            'a', 'd', 'l', 'q', 'x', 'B', 'C', 'Z', '0', '9', 'r', 's', 'v', 'h', '-', '=',
        ],
    };
    let prefixes: &[&str] = match tool {
        Tool::Sum => &["r", "s", "rs"],
        Tool::Cksum(_) => &["z", "cw", "w"],
        _ => &["b", "z", "bc", "t"],
    };
    let unknown: &[&str] = &[
        "--foo",
        "--binaryx",
        "--check-all",
        "--TAG",
        "---",
        "--sha",
        "--x=1",
        "--md5",
        "--zeros",
        "--sysvx",
    ];
    let ambiguous: &[&str] = match tool {
        Tool::Sum => &["--=", "--=x"],
        _ => &["--s", "--st", "--s=1", "--st=x", "--="],
    };
    let with_value: &[&str] = match tool {
        Tool::Sum => &["--sysv=1", "--sys=", "--sysv=no"],
        Tool::Cksum(_) => &[
            "--check=yes",
            "--tag=",
            "--q=2",
            "--zero=0",
            "--status=",
            "--ignore-missing=no",
            "--untagged=1",
            "--stri=1",
            "--debug=x",
        ],
        _ => &[
            "--check=yes",
            "--tag=",
            "--bin=1",
            "--q=2",
            "--zero=0",
            "--status=",
            "--ignore-missing=no",
            "--te=x",
            "--stri=1",
        ],
    };
    let mut at_end = false;
    let bad = match rng.below(7) {
        0 => format!("-{}", rng.pick(letters)),
        1 => format!("-{}{}", rng.pick(prefixes), rng.pick(letters)),
        2 => rng.pick(unknown).to_string(),
        3 => rng.pick(ambiguous).to_string(),
        4 => rng.pick(with_value).to_string(),
        5 => match tool {
            // Options that need a value, at the end of the line.
            Tool::B2sum => {
                at_end = true;
                rng.pick(&["-l", "--length", "--len", "-bl"]).to_string()
            }
            Tool::Cksum(_) => {
                at_end = true;
                rng.pick(&["-a", "--algorithm", "-l", "--len", "-za"])
                    .to_string()
            }
            Tool::Sum => rng.pick(&["-c", "--sy=1"]).to_string(),
            Tool::Fixed(_) => rng.pick(&["-t=", "--t", "--bi=1"]).to_string(),
        },
        _ => match tool {
            // Wrong values.
            Tool::B2sum => {
                let value = *rng.pick(&[
                    "12",
                    "abc",
                    "-8",
                    "0x10",
                    "16k",
                    "",
                    "520",
                    "1024",
                    "99999999999999999999999",
                    "4 ",
                    "it's",
                    "a\tb",
                ]);
                format!("--length={value}")
            }
            Tool::Cksum(_) => {
                let value =
                    *rng.pick(&["foo", "SHA256", "sha", "", "crc32b", "md5 ", "blake2", "é"]);
                format!("--algorithm={value}")
            }
            Tool::Sum => "-x".to_string(),
            Tool::Fixed(_) => "--l=8".to_string(),
        },
    };
    let mut options: Vec<String> = Vec::new();
    if rng.chance(40) {
        let valid: &[&str] = match tool {
            Tool::Sum => &["-r", "-s", "--sysv"],
            Tool::Cksum(_) => &["--tag", "-c", "-z", "--quiet", "-asha1"],
            _ => &["-b", "--tag", "-c", "-z", "--quiet"],
        };
        options.push(rng.pick(valid).to_string());
    }
    options.push(bad);
    if !at_end && rng.chance(40) {
        options.push(rng.pick(&["-x", "--foo", "-t", "--status"]).to_string());
    }
    // Keep the bad option ahead of the later noise, whatever the arrangement.
    let mut args = Vec::new();
    let mut operands = names.into_iter();
    for (i, option) in options.iter().enumerate() {
        let last = i + 1 == options.len();
        if rng.chance(40) {
            args.extend(operands.next());
        }
        args.push(option.clone());
        if last && at_end {
            // Nothing after an option that wants a value.
            case.args = args;
            return;
        }
    }
    args.extend(operands);
    case.args = args;
}

/// Options that are invalid together, checked in GNU's order.
fn conflict_case(case: &mut Case, rng: &mut Rng, tool: Tool) {
    let names = add_files(case, rng, 1, 20);
    let combos: &[&[&str]] = match tool {
        Tool::Sum => &[&["-r", "-s", "-r"], &["--sysv", "-r"]],
        Tool::Cksum(_) => &[
            &["-c", "-a", "crc"],
            &["-a", "bsd", "--check"],
            &["-asysv", "-c", "-z"],
            &["-l", "256"],
            &["-a", "sha256", "-l", "256"],
            &["-a", "blake2b", "-l", "1024", "-c"],
            &["-l", "8", "-a", "md5"],
            &["-l", "0", "-a", "md5"],
            &["-z", "-c"],
            &["--tag", "-c", "-z"],
            &["-c", "--untagged", "--tag"],
            &["-b"],
            &["-t", "-c"],
            &["--ignore-missing"],
            &["--status", "--quiet"],
            &["-w"],
            &["--strict", "--tag"],
            &["-a", "crc", "--status"],
        ],
        Tool::B2sum => &[
            &["--tag", "-t"],
            &["-l", "1024", "--tag", "-t"],
            &["-l", "520"],
            &["-l", "512", "-l", "600"],
            &["-l", "600", "-l", "8"],
            &["-z", "-c"],
            &["--tag", "-c"],
            &["-c", "-b", "-l", "256"],
            &["--ignore-missing"],
            &["--status"],
            &["-w", "-l", "8"],
            &["--quiet"],
            &["--strict"],
        ],
        Tool::Fixed(_) => &[
            &["--tag", "-t"],
            &["--tag", "--text", "-c"],
            &["-z", "-c"],
            &["-c", "--zero", "--tag"],
            &["--tag", "-c"],
            &["--check", "--ta", "-b"],
            &["-c", "-b"],
            &["-c", "-t", "--status"],
            &["--text", "--check"],
            &["--ignore-missing"],
            &["--ignore-missing", "--status", "-w"],
            &["--status"],
            &["--stat", "-b"],
            &["-w"],
            &["--warn", "--quiet", "--status"],
            &["--quiet"],
            &["--status", "--quiet", "--strict"],
            &["--strict"],
            &["--strict", "--tag"],
            &["-bw"],
        ],
    };
    let options: Vec<String> = rng.pick(combos).iter().map(|s| s.to_string()).collect();
    let mut args = options;
    if rng.chance(50) {
        args.extend(names);
    } else {
        let mut all = names;
        all.extend(args);
        args = all;
    }
    case.args = args;
}

fn generate(tool: Tool, seed: u64, index: u64) -> Case {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xd6e8_feb8_6659_fd93));
    let mut case = Case::default();
    let kind = rng.below(100);
    let checks = !matches!(tool, Tool::Sum);
    let label = if kind < 27 || (!checks && kind < 70) {
        hash_case(&mut case, &mut rng, tool);
        "hash"
    } else if kind < 34 || (!checks && kind < 80) {
        stdin_case(&mut case, &mut rng, tool);
        "stdin"
    } else if kind < 82 && checks {
        check_case(&mut case, &mut rng, tool);
        "check"
    } else if kind < 91 {
        bad_option_case(&mut case, &mut rng, tool);
        "bad option"
    } else {
        conflict_case(&mut case, &mut rng, tool);
        "conflict"
    };
    case.name = format!("generated {index}: {label}");
    case
}

/// The generator's `main`: `PROG SEED COUNT` prints COUNT cases for `tool` as JSON.
pub fn main(tool: Tool) {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, seed, count] => seed.parse::<u64>().ok().zip(count.parse::<u64>().ok()),
        _ => None,
    };
    let Some((seed, count)) = parsed else {
        eprintln!(
            "usage: {} SEED COUNT",
            args.first().map_or("generator", String::as_str)
        );
        std::process::exit(2);
    };
    let cases: Vec<Value> = (0..count)
        .map(|i| generate(tool, seed, i).to_json())
        .collect();
    let text = serde_json::to_string(&cases).expect("JSON values always serialise");
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
        .is_err()
    {
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::{Tool, generate, pieces};

    #[test]
    fn cases_depend_only_on_seed_and_index() {
        for tool in [Tool::Fixed(&digest_cli::BLAKE2B), Tool::B2sum, Tool::Sum] {
            let a = serde_json::to_string(&generate(tool, 7, 3).to_json()).expect("serialises");
            let b = serde_json::to_string(&generate(tool, 7, 3).to_json()).expect("serialises");
            let c = serde_json::to_string(&generate(tool, 8, 3).to_json()).expect("serialises");
            assert_eq!(a, b);
            assert_ne!(a, c);
        }
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (input, expect) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"\xff\x00\xfe", "/wD+"),
        ] {
            assert_eq!(pieces::base64(input), expect);
        }
    }
}
