//! What every generator of the encoding tasks needs: a seeded PRNG, cases with raw bytes,
//! and the generator protocol's JSON (see `docs/tasks.md`).

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// One generated case, with raw bytes for stdin and file contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
    pub env: BTreeMap<String, String>,
}

impl Case {
    /// The case in the generator protocol's JSON shape.
    pub fn to_json(&self) -> Value {
        let files: serde_json::Map<String, Value> = self
            .files
            .iter()
            .map(|(path, bytes)| (path.clone(), content_json(bytes)))
            .collect();
        json!({
            "name": self.name,
            "args": self.args,
            "stdin": content_json(&self.stdin),
            "files": files,
            "env": self.env,
        })
    }
}

/// What a category of cases builds: argv\[1..\], stdin, the file tree and the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parts {
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
    pub env: BTreeMap<String, String>,
}

/// A category: a name (the case name's prefix) and how to build one case.
pub type Category = (&'static str, fn(&mut Rng) -> Parts);

/// `count` cases for `seed`: case `k` belongs to category `k % categories.len()`, so any
/// batch at least as long as the list reaches every category; each case draws from its
/// own stream, so one category's draws never shift another's.
pub fn generate(categories: &[Category], seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|k| {
            let (category, build) = categories[k % categories.len()];
            let mut case_rng = Rng::new(rng.next_u64());
            let parts = build(&mut case_rng);
            Case {
                name: format!("{category} {k}"),
                args: parts.args,
                stdin: parts.stdin,
                files: parts.files,
                env: parts.env,
            }
        })
        .collect()
}

/// The generator protocol's output: a JSON array of the cases.
pub fn generate_json(categories: &[Category], seed: u64, count: usize) -> Value {
    Value::Array(
        generate(categories, seed, count)
            .iter()
            .map(Case::to_json)
            .collect(),
    )
}

/// The generator's `main`: `PROG SEED COUNT` prints COUNT cases; anything else is a usage
/// error (exit status 2).
pub fn main(program: &str, categories: &[Category]) -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, seed, count] => seed.parse::<u64>().ok().zip(count.parse::<usize>().ok()),
        _ => None,
    };
    let Some((seed, count)) = parsed else {
        eprintln!("usage: {program} SEED COUNT");
        return std::process::ExitCode::from(2);
    };
    println!("{}", generate_json(categories, seed, count));
    std::process::ExitCode::SUCCESS
}

/// Text when the bytes are UTF-8, otherwise `{"base64": ...}`.
pub fn content_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => Value::String(text.to_string()),
        Err(_) => json!({ "base64": base64(bytes) }),
    }
}

/// Standard padded base64, for binary contents in JSON.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for k in 0..4 {
            if k <= group.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// splitmix64: small, fast, and fully determined by the seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with the given probability in percent.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }

    /// Printable text of `len` bytes made of `words`, with a newline now and then.
    pub fn text(&mut self, words: &[&str], len: usize) -> Vec<u8> {
        let mut out = Vec::new();
        while out.len() < len {
            out.extend_from_slice(self.pick(words).as_bytes());
            out.push(if self.chance(15) { b'\n' } else { b' ' });
        }
        out.truncate(len);
        out
    }
}

/// `items` as owned strings.
pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(rng: &mut Rng) -> Parts {
        Parts {
            args: vec![rng.range(0, 9).to_string()],
            stdin: rng.bytes(3),
            ..Parts::default()
        }
    }

    fn two(rng: &mut Rng) -> Parts {
        let mut files = BTreeMap::new();
        files.insert("a.txt".to_string(), rng.text(&["x", "y"], 5));
        Parts {
            files,
            ..Parts::default()
        }
    }

    const CATEGORIES: &[Category] = &[("one", one), ("two", two)];

    #[test]
    fn deterministic_named_and_cycling() {
        let a = generate_json(CATEGORIES, 7, 10);
        assert_eq!(a, generate_json(CATEGORIES, 7, 10));
        assert_ne!(a, generate_json(CATEGORIES, 8, 10));
        let cases = generate(CATEGORIES, 7, 4);
        let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["one 0", "two 1", "one 2", "two 3"]);
        assert_eq!(cases[1].files["a.txt"].len(), 5);
    }

    #[test]
    fn json_shapes() {
        assert_eq!(content_json(b"text\n"), json!("text\n"));
        assert_eq!(content_json(&[0xff, 0, 1]), json!({"base64": "/wAB"}));
        for (bytes, text) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(bytes), text);
        }
        let case = Case {
            name: "n".into(),
            args: strings(&["-d"]),
            ..Case::default()
        };
        assert_eq!(
            case.to_json(),
            json!({"name": "n", "args": ["-d"], "stdin": "", "files": {}, "env": {}})
        );
    }

    #[test]
    fn rng_ranges() {
        let mut rng = Rng::new(1);
        for _ in 0..1000 {
            let x = rng.range(3, 5);
            assert!((3..=5).contains(&x));
        }
        let mut seen = [false; 3];
        for _ in 0..100 {
            seen[rng.range(0, 2)] = true;
        }
        assert_eq!(seen, [true; 3]);
        assert!((0..200).any(|_| rng.chance(50)) && (0..200).any(|_| !rng.chance(50)));
        assert!(!(0..200).any(|_| rng.chance(0)));
    }
}
