//! SHA-1 as FIPS 180-4 describes it: 64-byte blocks, big-endian words and length.

use crate::{Blocks, Hash};

/// A running SHA-1.
#[derive(Debug, Clone)]
pub struct Sha1 {
    h: [u32; 5],
    blocks: Blocks<64>,
}

impl Default for Sha1 {
    fn default() -> Self {
        Sha1::new()
    }
}

impl Sha1 {
    pub fn new() -> Sha1 {
        Sha1 {
            h: [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0],
            blocks: Blocks::new(),
        }
    }
}

fn compress(h: &mut [u32; 5], block: &[u8; 64]) {
    let mut w = [0u32; 80];
    for (i, word) in block.chunks_exact(4).enumerate() {
        w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
    }
    for t in 16..80 {
        w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
    }
    let [mut a, mut b, mut c, mut d, mut e] = *h;
    for (t, &word) in w.iter().enumerate() {
        let (f, k) = match t {
            0..=19 => ((b & c) | (!b & d), 0x5A827999),
            20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
            40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
            _ => (b ^ c ^ d, 0xCA62C1D6),
        };
        let temp = a
            .rotate_left(5)
            .wrapping_add(f)
            .wrapping_add(e)
            .wrapping_add(k)
            .wrapping_add(word);
        (e, d, c, b, a) = (d, c, b.rotate_left(30), a, temp);
    }
    for (x, v) in h.iter_mut().zip([a, b, c, d, e]) {
        *x = x.wrapping_add(v);
    }
}

impl Hash for Sha1 {
    fn update(&mut self, data: &[u8]) {
        let h = &mut self.h;
        self.blocks.feed(data, |block| compress(h, block));
    }

    fn finish(&mut self) -> Vec<u8> {
        let bits = self.blocks.total().wrapping_mul(8);
        let h = &mut self.h;
        self.blocks
            .pad(&bits.to_be_bytes(), |block| compress(h, block));
        self.h.iter().flat_map(|w| w.to_be_bytes()).collect()
    }
}
