//! What the `openssl-*` generators share: a seeded PRNG and cases written as JSON.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};

/// splitmix64: tiny, fast and good enough to pick test inputs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The stream for case `index` of `seed`: asking for more cases never changes earlier ones.
    pub fn for_case(seed: u64, index: u64) -> Rng {
        let mut rng = Rng(seed ^ index.wrapping_mul(0xd1b5_4a32_d192_ed03));
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
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

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }

    /// `n` random lower-case hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16)]))
            .collect()
    }

    /// Printable ASCII text of `n` bytes, with spaces and the odd newline.
    pub fn text(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| match self.below(20) {
                0 => '\n',
                1 | 2 => ' ',
                _ => char::from(b'!' + self.below(94) as u8),
            })
            .collect()
    }

    /// File contents: text or binary, with lengths clustered around block boundaries.
    pub fn contents(&mut self) -> Vec<u8> {
        const LENGTHS: &[usize] = &[
            0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 55, 56, 63, 64, 65, 100, 127, 128, 129, 200,
            255, 256, 300,
        ];
        let n = if self.chance(70) {
            *self.pick(LENGTHS)
        } else {
            self.below(700)
        };
        if self.chance(50) {
            self.text(n).into_bytes()
        } else {
            self.bytes(n)
        }
    }
}

/// One generated case.
#[derive(Debug, Default, Clone)]
pub struct Case {
    pub name: String,
    pub args: Vec<String>,
    pub stdin: Vec<u8>,
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Case {
    pub fn to_json(&self) -> Value {
        let files: serde_json::Map<String, Value> = self
            .files
            .iter()
            .map(|(k, v)| (k.clone(), bytes_json(v)))
            .collect();
        json!({ "name": self.name, "args": self.args, "stdin": bytes_json(&self.stdin), "files": files, "env": {} })
    }
}

/// Text as a JSON string, bytes that are not UTF-8 as `{"base64": ...}`.
pub fn bytes_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(text) => json!(text),
        Err(_) => json!({ "base64": crate::base64::encode(bytes) }),
    }
}

/// The generator protocol: `PROG SEED COUNT` prints COUNT cases made by `generate(seed, index)`.
pub fn main(program: &str, generate: fn(u64, u64) -> Case) {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, seed, count] => seed.parse::<u64>().ok().zip(count.parse::<u64>().ok()),
        _ => None,
    };
    let Some((seed, count)) = parsed else {
        eprintln!("usage: {program} SEED COUNT");
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
