//! The generator's building blocks: its PRNG, names, files and contents.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::BOUNDARY_LENGTHS;

/// splitmix64: tiny, fast and good enough to pick test inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        rng.next();
        rng
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Names with nothing special about them.
pub const PLAIN_NAMES: &[&str] = &[
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
pub const SPECIAL_NAMES: &[&str] = &[
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

#[derive(Default)]
pub struct Case {
    pub name: String,
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Text as a JSON string, bytes that are not UTF-8 as `{"base64": ...}`.
fn data_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => json!(text),
        Err(_) => json!({ "base64": base64(bytes) }),
    }
}

pub fn base64(bytes: &[u8]) -> String {
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
    pub fn to_json(&self) -> Value {
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
    pub fn add_file(&mut self, name: &str, content: Vec<u8>) -> bool {
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
    pub fn add_directory(&mut self, rng: &mut Rng) -> String {
        if self.files.keys().any(|n| n.starts_with("sub/")) && rng.chance(50) {
            return "sub".to_string();
        }
        let dir = rng.pick(&["dir", "folder", "empty dir"]).to_string();
        self.files.insert(format!("{dir}/keep"), b"k\n".to_vec());
        dir
    }
}

/// Random input bytes, often at padding boundaries.
pub fn content(rng: &mut Rng) -> Vec<u8> {
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

/// A file name: special ones often, since they exercise escaping and quoting.
pub fn file_name(rng: &mut Rng, special_percent: usize) -> String {
    if rng.chance(special_percent) {
        rng.pick(SPECIAL_NAMES).to_string()
    } else {
        rng.pick(PLAIN_NAMES).to_string()
    }
}

/// Adds one to four files with fresh names; returns their names.
pub fn add_files(
    case: &mut Case,
    rng: &mut Rng,
    count: usize,
    special_percent: usize,
) -> Vec<String> {
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
pub fn missing_name(case: &Case, rng: &mut Rng) -> String {
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

/// Puts option groups (an option and its separate value stay together) among
/// `operands` the way a user might: before, after, or mixed in (GNU permutes). With
/// `dashdash`, everything after `--` is an operand.
pub fn arrange(
    rng: &mut Rng,
    options: Vec<Vec<String>>,
    operands: Vec<String>,
    dashdash: bool,
) -> Vec<String> {
    let need_dashdash = dashdash || operands.iter().any(|o| o.starts_with('-') && o.len() > 1);
    if need_dashdash {
        let mut args: Vec<String> = options.concat();
        args.push("--".to_string());
        args.extend(operands);
        return args;
    }
    let mut groups: Vec<Vec<String>> = operands.into_iter().map(|o| vec![o]).collect();
    match rng.below(3) {
        0 => {
            let mut all = options;
            all.extend(groups);
            groups = all;
        }
        1 => groups.extend(options),
        _ => {
            for option in options {
                let at = rng.below(groups.len() + 1);
                groups.insert(at, option);
            }
        }
    }
    groups.concat()
}
