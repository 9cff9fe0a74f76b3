//! Case generator of the sha256sum task: `sha256sum-generator SEED COUNT` prints COUNT cases as JSON.
//!
//! Every case is a pure function of the seed and its index (a splitmix64 stream
//! per case), so asking for more cases never changes the earlier ones.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// splitmix64: tiny, fast and good enough to pick test inputs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Names with nothing special about them.
const PLAIN_NAMES: &[&str] = &[
    "a.txt",
    "b.bin",
    "data",
    "notes.md",
    "x",
    "README",
    "file-1",
    "v1.2_final",
    "sub/inner.txt",
    "sub/deeper/leaf.dat",
    "UPPER.TXT",
    "a+b,c",
    "at@host",
    "x]y",
    "%pct",
    "mid#hash~",
];

/// Names that need escaping in output lines or quoting in diagnostics.
const SPECIAL_NAMES: &[&str] = &[
    "with space.txt",
    "back\\slash",
    "new\nline",
    "cr\rret",
    "tab\tname",
    "it's",
    "quote's here",
    "colon:name",
    "dollar$sign",
    "star*",
    "caf\u{e9}",
    "#hash",
    "~tilde",
    "{",
    "semi;colon",
    "what?",
    "ends\\",
    "mix\\\n\r",
    "bang!",
    "par(en)",
    "eq=ual",
    "it's\t",
    "l'\u{e9}t\u{e9}",
    "\"dq\"",
    "back`tick",
    "a|b",
    "x[1]",
    "both' \\",
    "two\n\nlines",
    "bell\u{7}",
    "\\lead",
    "c:\\dos\\path",
    "tail\r",
    "x\\y\\z",
    "line1\nline2.txt",
];

/// Input lengths around SHA-256's padding boundaries (a block is 64 bytes and
/// the length field needs the last 8).
const BOUNDARY_LENGTHS: &[usize] = &[
    0, 1, 3, 54, 55, 56, 57, 58, 60, 62, 63, 64, 65, 118, 119, 120, 121, 126, 127, 128, 129, 183,
    184, 190, 191, 192, 247, 248,
];

#[derive(Default)]
struct Case {
    name: String,
    args: Vec<String>,
    stdin: Vec<u8>,
    files: BTreeMap<String, Vec<u8>>,
}

/// Text as a JSON string, bytes that are not UTF-8 as `{"base64": ...}`.
fn data_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => json!(text),
        Err(_) => json!({ "base64": base64(bytes) }),
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Case {
    fn to_json(&self) -> Value {
        let files: serde_json::Map<String, Value> = self
            .files
            .iter()
            .map(|(name, content)| (name.clone(), data_json(content)))
            .collect();
        json!({
            "name": self.name,
            "args": self.args,
            "stdin": data_json(&self.stdin),
            "files": files,
            "env": {},
        })
    }

    /// Adds a file, making sure no file is also needed as a directory.
    fn add_file(&mut self, name: &str, content: Vec<u8>) -> bool {
        let clashes = self.files.keys().any(|existing| {
            existing.starts_with(&format!("{name}/")) || name.starts_with(&format!("{existing}/"))
        });
        if clashes || self.files.contains_key(name) {
            return false;
        }
        self.files.insert(name.to_string(), content);
        true
    }

    /// A directory that exists in the tree (created through a file inside it).
    fn add_directory(&mut self, rng: &mut Rng) -> String {
        if self.files.keys().any(|n| n.starts_with("sub/")) && rng.chance(50) {
            return "sub".to_string();
        }
        let dir = rng.pick(&["dir", "folder", "empty dir"]).to_string();
        self.files.insert(format!("{dir}/keep"), b"k\n".to_vec());
        dir
    }
}

/// Random input bytes, often at padding boundaries.
fn content(rng: &mut Rng) -> Vec<u8> {
    let len = match rng.below(20) {
        0..=8 => *rng.pick(BOUNDARY_LENGTHS),
        9..=15 => rng.below(300),
        16..=18 => rng.below(5000),
        _ => 8_000 + rng.below(32_000),
    };
    match rng.below(4) {
        0 => (0..len).map(|_| rng.next() as u8).collect(),
        1 => vec![*rng.pick(b"a\0 \xff\n"); len],
        _ => {
            let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789     \n\n,.-";
            let mut text: Vec<u8> = (0..len).map(|_| *rng.pick(alphabet)).collect();
            if len > 0 && rng.chance(50) {
                text[len - 1] = b'\n';
            }
            text
        }
    }
}

fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file name: special ones often, since they exercise escaping and quoting.
fn file_name(rng: &mut Rng, special_percent: usize) -> String {
    if rng.chance(special_percent) {
        rng.pick(SPECIAL_NAMES).to_string()
    } else {
        rng.pick(PLAIN_NAMES).to_string()
    }
}

/// Adds one to four files with fresh names; returns their names.
fn add_files(case: &mut Case, rng: &mut Rng, count: usize, special_percent: usize) -> Vec<String> {
    let mut names = Vec::new();
    for _ in 0..count * 4 {
        if names.len() == count {
            break;
        }
        let name = file_name(rng, special_percent);
        let data = content(rng);
        if case.add_file(&name, data) {
            names.push(name);
        }
    }
    names
}

/// A name that is not in the tree.
fn missing_name(case: &Case, rng: &mut Rng) -> String {
    loop {
        let name = match rng.below(6) {
            0 => "missing".to_string(),
            1 => "no such file".to_string(),
            2 => "gone/away.txt".to_string(),
            3 if rng.chance(30) => String::new(),
            _ => file_name(rng, 60),
        };
        if !case.files.contains_key(&name)
            && !case
                .files
                .keys()
                .any(|n| n.starts_with(&format!("{name}/")))
        {
            return name;
        }
    }
}

/// Puts `options` among `operands` the way a user might: before, after, or
/// mixed in (GNU permutes). With `dashdash`, everything after `--` is an operand.
fn arrange(
    rng: &mut Rng,
    options: Vec<String>,
    operands: Vec<String>,
    dashdash: bool,
) -> Vec<String> {
    let need_dashdash = dashdash || operands.iter().any(|o| o.starts_with('-') && o.len() > 1);
    if need_dashdash {
        let mut args = options;
        args.push("--".to_string());
        args.extend(operands);
        return args;
    }
    match rng.below(3) {
        0 => [options, operands].concat(),
        1 => [operands, options].concat(),
        _ => {
            let mut args = operands;
            for option in options {
                let at = rng.below(args.len() + 1);
                args.insert(at, option);
            }
            args
        }
    }
}

/// Plain hashing of files, stdin, missing files and directories.
fn hash_case(case: &mut Case, rng: &mut Rng) {
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
    let options = rng.pick(modes).iter().map(|s| s.to_string()).collect();
    let dashdash = rng.chance(10);
    case.args = arrange(rng, options, operands, dashdash);
}

/// Hashing standard input only.
fn stdin_case(case: &mut Case, rng: &mut Rng) {
    case.stdin = content(rng);
    let forms: &[&[&str]] = &[
        &[],
        &["-"],
        &["-", "-"],
        &["-b"],
        &["--tag"],
        &["-z"],
        &["--", "-"],
        &["-t", "-"],
    ];
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

/// One line in GNU's own output format (plus the variants it accepts).
fn check_line(rng: &mut Rng, name: &str, hex: &str, format: Format) -> Vec<u8> {
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
            let layout = rng.pick(&[
                "SHA256 ({}) = {}",
                "SHA256({})= {}",
                "SHA256 ({})={}",
                "SHA256 ({})\t=\t{}",
            ]);
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

/// A line GNU rejects as improperly formatted.
fn bad_line(rng: &mut Rng, name: &str, hex: &str) -> Vec<u8> {
    let line = match rng.below(11) {
        0 => "this is not a checksum".to_string(),
        1 => format!("{}  {name}", &hex[..63]),
        2 => format!("{}g  {name}", &hex[..63]),
        3 => hex.to_string(),
        4 => format!("SHA256 ({name}) = {}", &hex[..40]),
        5 => format!("sha256 ({name}) = {hex}"),
        6 => format!("MD5 ({name}) = {}", &hex[..32]),
        7 => format!("\\{hex}  bad\\qname"),
        8 => "   ".to_string(),
        9 => format!("{hex}{hex}  {name}"),
        _ => format!("SHA256 {name} = {hex}"),
    };
    line.into_bytes()
}

/// `--check` over a list in a file or on standard input.
fn check_case(case: &mut Case, rng: &mut Rng) {
    let list_on_stdin = rng.chance(35);
    let list_name = rng
        .pick(&[
            "SUMS",
            "list.sha256",
            "check sums",
            "CHECKSUMS",
            "it's.sums",
        ])
        .to_string();
    let reversed_list = rng.chance(10);
    let count = 1 + rng.below(6);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut stdin_used = list_on_stdin;
    for _ in 0..count {
        let format = if reversed_list {
            Format::Reversed
        } else {
            *rng.pick(&[Format::Text, Format::Text, Format::Binary, Format::Tagged])
        };
        let kind = rng.below(100);
        let line = if kind < 50 {
            // A file whose digest matches.
            let names = add_files(case, rng, 1, 45);
            let Some(name) = names.first() else { continue };
            let hex = sha256_hex(&case.files[name]);
            check_line(rng, name, &hex, format)
        } else if kind < 62 {
            // A file whose digest does not match.
            let names = add_files(case, rng, 1, 45);
            let Some(name) = names.first() else { continue };
            let mut other = case.files[name].clone();
            other.push(b'!');
            check_line(rng, name, &sha256_hex(&other), format)
        } else if kind < 74 {
            let name = missing_name(case, rng);
            check_line(rng, &name, &sha256_hex(name.as_bytes()), format)
        } else if kind < 80 {
            let dir = case.add_directory(rng);
            check_line(rng, &dir, &sha256_hex(b""), format)
        } else if kind < 91 {
            let name = file_name(rng, 30);
            let hex = sha256_hex(&[rng.next() as u8]);
            bad_line(rng, &name, &hex)
        } else if kind < 95 {
            rng.pick(&[
                "# a comment",
                "",
                "#5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  x",
            ])
            .as_bytes()
            .to_vec()
        } else if !stdin_used {
            stdin_used = true;
            case.stdin = content(rng);
            check_line(rng, "-", &sha256_hex(&case.stdin), format)
        } else {
            // Standard input is the list itself, so `-` is an improper line.
            check_line(rng, "-", &sha256_hex(b""), format)
        };
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(bad_line(rng, "x", &sha256_hex(b"x")));
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
                let hex = sha256_hex(&case.files.get(&extra).cloned().unwrap_or_default());
                case.files.insert(
                    "more.sums".to_string(),
                    check_line(rng, &extra, &hex, Format::Text),
                );
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
    rng.shuffle(&mut options);
    case.args = arrange(rng, options, operands, false);
}

/// A bad option; GNU stops at the first one, so the rest of the line is noise.
fn bad_option_case(case: &mut Case, rng: &mut Rng) {
    let count = 1 + rng.below(2);
    let names = add_files(case, rng, count, 20);
    let bad = match rng.below(6) {
        0 => format!(
            "-{}",
            *rng.pick(&[
                'a', 'd', 'q', 'x', 'B', 'C', 'Z', '0', '9', 'r', 's', 'v', 'h', '-', '='
            ])
        ),
        1 => format!(
            "-{}{}",
            rng.pick(&["b", "z", "bc", "t"]),
            rng.pick(&["x", "q", "Z", "1", "-"])
        ),
        2 => rng
            .pick(&[
                "--foo",
                "--binaryx",
                "--check-all",
                "--TAG",
                "---",
                "--sha",
                "--x=1",
                "--md5",
                "--zeros",
            ])
            .to_string(),
        3 => rng
            .pick(&["--s", "--st", "--t", "--s=1", "--st=x", "--t=", "--="])
            .to_string(),
        _ => rng
            .pick(&[
                "--check=yes",
                "--tag=",
                "--bin=1",
                "--q=2",
                "--zero=0",
                "--status=",
                "--ignore-missing=no",
                "--te=x",
                "--stri=1",
            ])
            .to_string(),
    };
    let mut options: Vec<String> = Vec::new();
    if rng.chance(40) {
        options.push(
            rng.pick(&["-b", "--tag", "-c", "-z", "--quiet"])
                .to_string(),
        );
    }
    options.push(bad);
    if rng.chance(40) {
        options.push(rng.pick(&["-x", "--foo", "-t", "--status"]).to_string());
    }
    // Keep the bad option ahead of the later noise, whatever the arrangement.
    let mut args = Vec::new();
    let mut operands = names.into_iter();
    for option in options {
        if rng.chance(40) {
            args.extend(operands.next());
        }
        args.push(option);
    }
    args.extend(operands);
    case.args = args;
}

/// Options that are invalid together, checked in GNU's order.
fn conflict_case(case: &mut Case, rng: &mut Rng) {
    let names = add_files(case, rng, 1, 20);
    let combos: &[&[&str]] = &[
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
    ];
    let options = rng.pick(combos).iter().map(|s| s.to_string()).collect();
    case.args = arrange(rng, options, names, false);
}

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xd6e8_feb8_6659_fd93));
    let mut case = Case::default();
    let kind = rng.below(100);
    let label = if kind < 27 {
        hash_case(&mut case, &mut rng);
        "hash"
    } else if kind < 34 {
        stdin_case(&mut case, &mut rng);
        "stdin"
    } else if kind < 82 {
        check_case(&mut case, &mut rng);
        "check"
    } else if kind < 91 {
        bad_option_case(&mut case, &mut rng);
        "bad option"
    } else {
        conflict_case(&mut case, &mut rng);
        "conflict"
    };
    case.name = format!("generated {index}: {label}");
    case
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, seed, count] => seed.parse::<u64>().ok().zip(count.parse::<u64>().ok()),
        _ => None,
    };
    let Some((seed, count)) = parsed else {
        eprintln!("usage: sha256sum-generator SEED COUNT");
        std::process::exit(2);
    };
    let cases: Vec<Value> = (0..count).map(|i| generate(seed, i).to_json()).collect();
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
    use super::{base64, generate};

    fn check(input: &[u8], expect: &str) {
        assert_eq!(base64(input), expect);
    }

    #[test]
    fn base64_matches_rfc_4648() {
        check(b"", "");
        check(b"f", "Zg==");
        check(b"fo", "Zm8=");
        check(b"foo", "Zm9v");
        check(b"foob", "Zm9vYg==");
        check(b"\xff\x00\xfe", "/wD+");
    }

    #[test]
    fn cases_depend_only_on_seed_and_index() {
        let a = serde_json::to_string(&generate(7, 3).to_json()).expect("serialises");
        let b = serde_json::to_string(&generate(7, 3).to_json()).expect("serialises");
        let c = serde_json::to_string(&generate(8, 3).to_json()).expect("serialises");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
