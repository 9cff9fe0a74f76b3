//! Case generator of the b3sum task: `b3sum-generator SEED COUNT` prints COUNT cases as
//! JSON, each a pure function of the seed and its index.
//!
//! Command-line errors are generated one at a time: clap 2 keeps what it has seen in a
//! hash map, so with two problems the real b3sum reports either one, at random.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
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

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &[
    "a.txt",
    "data.bin",
    "notes",
    "sub/inner.txt",
    "with space",
    "back\\slash",
    "new\nline",
    "cr\rret",
    "tab\tname",
    "caf\u{e9}",
    "it's",
    "x",
    "two\\\\ back",
    "-dash",
];

/// Input lengths around BLAKE3's block (64) and chunk (1024) boundaries.
const LENGTHS: &[usize] = &[0, 1, 63, 64, 65, 1023, 1024, 1025, 2048, 2049, 3072, 4097];

#[derive(Default)]
struct Case {
    name: String,
    args: Vec<String>,
    stdin: Vec<u8>,
    files: BTreeMap<String, Vec<u8>>,
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
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

fn data_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => json!(text),
        Err(_) => json!({ "base64": base64(bytes) }),
    }
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

    /// Adds a file with random content unless the name is taken (as a file or a
    /// directory); returns whether it did.
    fn add(&mut self, rng: &mut Rng, name: &str) -> bool {
        let clash = self.files.keys().any(|k| {
            k == name || k.starts_with(&format!("{name}/")) || name.starts_with(&format!("{k}/"))
        });
        if clash {
            return false;
        }
        let data = content(rng);
        self.files.insert(name.to_string(), data);
        true
    }

    fn add_dir(&mut self) -> String {
        self.files.insert("dir/keep".to_string(), b"k\n".to_vec());
        "dir".to_string()
    }
}

fn content(rng: &mut Rng) -> Vec<u8> {
    let len = if rng.chance(60) {
        *rng.pick(LENGTHS)
    } else {
        rng.below(5000)
    };
    match rng.below(3) {
        0 => (0..len).map(|_| rng.next() as u8).collect(),
        1 => (0..len).map(|i| (i % 251) as u8).collect(),
        _ => (0..len).map(|_| *rng.pick(b"abc xyz\n")).collect(),
    }
}

/// Some files that exist (names may need escaping).
fn some_files(case: &mut Case, rng: &mut Rng, count: usize) -> Vec<String> {
    let mut names = Vec::new();
    for _ in 0..count * 3 {
        if names.len() == count {
            break;
        }
        let name = rng.pick(NAMES).to_string();
        if case.add(rng, &name) {
            names.push(name);
        }
    }
    names
}

/// `-l N` in one of its spellings.
fn length(rng: &mut Rng, n: &str) -> Vec<String> {
    match rng.below(6) {
        0 => vec!["-l".into(), n.into()],
        1 => vec![format!("-l{n}")],
        2 => vec![format!("--length={n}")],
        3 => vec!["--length".into(), n.into()],
        4 => vec![format!("-l={n}")],
        _ => vec![format!("--length=={n}")],
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Operands after options: with `--` when one starts with a dash.
fn operands(args: &mut Vec<String>, files: Vec<String>) {
    if files.iter().any(|f| f.starts_with('-') && f != "-") {
        args.push("--".into());
    }
    args.extend(files);
}

fn hash_case(case: &mut Case, rng: &mut Rng) {
    let count = 1 + rng.below(3);
    let mut files = some_files(case, rng, count);
    if rng.chance(25) {
        case.stdin = content(rng);
        files.push("-".into());
    }
    if rng.chance(15) {
        files.push(
            rng.pick(&["missing", "no such file", "gone/away"])
                .to_string(),
        );
    }
    if rng.chance(10) {
        files.push(case.add_dir());
    }
    let mut args = Vec::new();
    if rng.chance(40) {
        let n = if rng.chance(70) {
            rng.pick(&[0usize, 1, 8, 16, 31, 32, 33, 64, 65, 100, 131])
                .to_string()
        } else {
            rng.below(300).to_string()
        };
        args.extend(length(rng, &n));
    }
    if rng.chance(25) {
        args.push("--no-names".into());
    }
    if rng.chance(10) {
        args.push("--no-mmap".into());
    }
    if rng.chance(10) {
        args.extend([
            "--num-threads".to_string(),
            rng.pick(&["1", "2", "4", "+3"]).to_string(),
        ]);
    }
    if rng.chance(15) {
        args.push("--derive-key".into());
        args.push(
            rng.pick(&[
                "ctx",
                "BLAKE3 2019-12-27 16:29:52 test vectors context",
                "a b",
                "caf\u{e9}",
                "",
            ])
            .to_string(),
        );
    }
    if rng.chance(12) {
        // --raw takes one file.
        args.push("--raw".into());
        files.truncate(1);
    }
    operands(&mut args, files);
    case.args = args;
}

fn keyed_case(case: &mut Case, rng: &mut Rng) {
    let count = 1 + rng.below(2);
    let mut files = some_files(case, rng, count);
    case.stdin = match rng.below(10) {
        0 => (0..rng.below(32)).map(|_| rng.next() as u8).collect(),
        1 => (0..33 + rng.below(10)).map(|_| rng.next() as u8).collect(),
        _ => (0..32).map(|_| rng.next() as u8).collect(),
    };
    if rng.chance(15) {
        files.push("-".into());
    }
    let mut args = vec!["--keyed".to_string()];
    if rng.chance(30) {
        let n = rng.pick(&["16", "32", "64", "100"]).to_string();
        args.extend(length(rng, &n));
    }
    if rng.chance(20) {
        args.push("--no-names".into());
    }
    operands(&mut args, files);
    case.args = args;
}

/// A check line for `name` with `digest`, written the way b3sum prints it, or damaged.
fn check_line(rng: &mut Rng, name: &str, digest: &[u8]) -> String {
    let escape = name.contains('\\') || name.contains('\n');
    let shown = if escape {
        name.replace('\\', "\\\\").replace('\n', "\\n")
    } else {
        name.to_string()
    };
    let prefix = if escape { "\\" } else { "" };
    let digest = hex(digest);
    match rng.below(20) {
        0 => format!("{prefix}{}  {shown}", digest.to_uppercase()),
        1 => format!("{prefix}{digest} {shown}"),
        2 => format!("{prefix}{}  {shown}", &digest[..40]),
        3 => format!("{prefix}{digest}  "),
        4 => format!("\\{digest}  {shown}\\q"),
        5 => format!("{digest}  caf\u{e9}{}", '\u{fffd}'),
        6 => format!("\u{e9}{digest}  {shown}"),
        _ => format!("{prefix}{digest}  {shown}"),
    }
}

fn check_case(case: &mut Case, rng: &mut Rng) {
    let mut lines = Vec::new();
    for _ in 0..1 + rng.below(5) {
        let kind = rng.below(10);
        let line = if kind < 5 {
            let files = some_files(case, rng, 1);
            let Some(name) = files.first() else { continue };
            let data = case.files[name].clone();
            let digest = if kind == 4 {
                blake3::hash(b"something else")
            } else {
                blake3::hash(&data)
            };
            check_line(rng, name, digest.as_bytes())
        } else if kind == 5 {
            check_line(rng, "missing", blake3::hash(b"").as_bytes())
        } else if kind == 6 {
            let dir = case.add_dir();
            check_line(rng, &dir, blake3::hash(b"").as_bytes())
        } else if kind == 7 {
            rng.pick(&["", "junk", "# comment"]).to_string()
        } else {
            let files = some_files(case, rng, 1);
            let Some(name) = files.first() else { continue };
            let data = case.files[name].clone();
            check_line(rng, name, blake3::hash(&data).as_bytes())
        };
        lines.push(line);
    }
    let crlf = rng.chance(10);
    let mut list = lines.join(if crlf { "\r\n" } else { "\n" });
    if rng.chance(85) {
        list.push('\n');
    }
    let mut args = vec![rng.pick(&["-c", "--check"]).to_string()];
    if rng.chance(30) {
        args.push("--quiet".into());
    }
    if rng.chance(8) {
        args.push("--no-mmap".into());
    }
    let mut lists = Vec::new();
    if rng.chance(35) {
        case.stdin = list.into_bytes();
        if rng.chance(50) {
            lists.push("-".to_string());
        }
    } else {
        let name = rng.pick(&["SUMS", "list.b3", "check sums"]).to_string();
        case.files.insert(name.clone(), list.into_bytes());
        lists.push(name);
        if rng.chance(10) {
            // Standard input named inside a list read from a file.
            case.stdin = content(rng);
            let line = format!("{}  -\n", hex(blake3::hash(&case.stdin).as_bytes()));
            case.files.insert("stdin.b3".into(), line.into_bytes());
            lists.push("stdin.b3".into());
        }
    }
    if rng.chance(10) {
        lists.push(rng.pick(&["missing.b3", "dir"]).to_string());
        if lists.last().is_some_and(|l| l == "dir") {
            case.add_dir();
        }
    }
    if rng.chance(5) {
        // A list that is not UTF-8.
        case.files
            .insert("latin1.b3".into(), b"\xe9t\xe9\n".to_vec());
        lists.push("latin1.b3".into());
    }
    if lists.is_empty() && rng.chance(50) {
        lists.push("-".into());
    }
    operands(&mut args, lists);
    case.args = args;
}

/// One command-line problem (and nothing else wrong).
fn error_case(case: &mut Case, rng: &mut Rng) {
    let files = some_files(case, rng, 1);
    let file = files.first().cloned().unwrap_or_else(|| "a.txt".into());
    let args: Vec<String> = match rng.below(14) {
        // Unknown long options, often close to a real one.
        0 | 1 => {
            let typo = *rng.pick(&[
                "--quite",
                "--quiet2",
                "--chek",
                "--check-all",
                "--len",
                "--lenght",
                "--key",
                "--keyd",
                "--no-name",
                "--nonames",
                "--raws",
                "--rw",
                "--derive",
                "--derivekey",
                "--num-thread",
                "--no-map",
                "--foo",
                "--sha256",
                "--versions",
                "--hlp",
                "--zzz",
                "--foo=bar",
                "--checks=1",
            ]);
            let mut args = Vec::new();
            if rng.chance(40) {
                args.push(
                    rng.pick(&["-c", "--no-mmap", "--raw", "--no-names", "-l8"])
                        .to_string(),
                );
            }
            args.push(typo.to_string());
            args
        }
        2 => vec![
            rng.pick(&["-x", "-q", "-r", "-cx", "-cL", "-c1"])
                .to_string(),
        ],
        3 => vec![
            file.clone(),
            rng.pick(&["-l", "--length", "--derive-key", "--num-threads"])
                .to_string(),
        ],
        4 => vec![
            "-l".into(),
            rng.pick(&["--raw", "--no-names", "--no-mmap"]).to_string(),
            file.clone(),
        ],
        5 => vec!["-l".into(), "--".into(), file.clone()],
        6 => {
            let twice = *rng.pick(&["--raw", "--no-names", "--no-mmap", "-c", "--keyed"]);
            vec![twice.to_string(), file.clone(), twice.to_string()]
        }
        7 => vec![
            "-l".into(),
            "8".into(),
            file.clone(),
            rng.pick(&["-l9", "--length=8", "-l=16"]).to_string(),
        ],
        8 | 9 => {
            let other = *rng.pick(&["--raw", "--no-names", "-l8", "--keyed", "--derive-key=x"]);
            let mut args = vec![
                rng.pick(&["-c", "--check"]).to_string(),
                other.to_string(),
                file.clone(),
            ];
            if rng.chance(50) {
                args.swap(0, 1);
            }
            args
        }
        10 => vec![
            "--keyed".into(),
            "--derive-key".into(),
            "ctx".into(),
            file.clone(),
        ],
        11 => vec!["--quiet".into(), file.clone()],
        12 => vec!["--keyed".into()],
        _ => vec![
            "--quiet".into(),
            rng.pick(&["--raw", "--no-names"]).to_string(),
            file.clone(),
        ],
    };
    case.args = args;
}

/// Errors found while running, after parsing succeeded.
fn runtime_case(case: &mut Case, rng: &mut Rng) {
    let count = 1 + rng.below(2);
    let files = some_files(case, rng, count);
    let mut args = Vec::new();
    match rng.below(4) {
        0 => {
            let bad = *rng.pick(&["abc", "-5", "", "99999999999999999999", "1.5", "0x10", " 8"]);
            args.push(format!("--length={bad}"));
        }
        1 => {
            let bad = *rng.pick(&["x", "", "-1", "99999999999999999999", "2 "]);
            args.push(format!("--num-threads={bad}"));
        }
        2 => args.push("--raw".into()),
        _ => {
            args.push("--no-names".into());
            args.push(format!("-l{}", rng.pick(&["abc", "1e3"])));
        }
    }
    let mut files = files;
    if files.len() < 2 && args[0] == "--raw" {
        files.push("-".into());
    }
    operands(&mut args, files);
    case.args = args;
}

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xd6e8_feb8_6659_fd93));
    let mut case = Case::default();
    let kind = rng.below(100);
    let label = if kind < 30 {
        hash_case(&mut case, &mut rng);
        "hash"
    } else if kind < 42 {
        keyed_case(&mut case, &mut rng);
        "keyed"
    } else if kind < 70 {
        check_case(&mut case, &mut rng);
        "check"
    } else if kind < 90 {
        error_case(&mut case, &mut rng);
        "usage error"
    } else {
        runtime_case(&mut case, &mut rng);
        "runtime error"
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
        eprintln!("usage: b3sum-generator SEED COUNT");
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
    use super::generate;

    #[test]
    fn cases_depend_only_on_seed_and_index() {
        let a = serde_json::to_string(&generate(7, 3).to_json()).expect("serialises");
        let b = serde_json::to_string(&generate(7, 3).to_json()).expect("serialises");
        let c = serde_json::to_string(&generate(8, 3).to_json()).expect("serialises");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
