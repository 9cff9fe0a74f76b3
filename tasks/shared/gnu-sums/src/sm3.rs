//! SM3 as GB/T 32905-2016 describes it: 64-byte blocks, big-endian, like SHA-256 in shape.

use crate::{Blocks, Hash};

/// A running SM3.
#[derive(Debug, Clone)]
pub struct Sm3 {
    v: [u32; 8],
    blocks: Blocks<64>,
}

impl Default for Sm3 {
    fn default() -> Self {
        Sm3::new()
    }
}

impl Sm3 {
    pub fn new() -> Sm3 {
        Sm3 {
            v: [
                0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d,
                0xb0fb0e4e,
            ],
            blocks: Blocks::new(),
        }
    }
}

fn p0(x: u32) -> u32 {
    x ^ x.rotate_left(9) ^ x.rotate_left(17)
}

fn p1(x: u32) -> u32 {
    x ^ x.rotate_left(15) ^ x.rotate_left(23)
}

fn compress(v: &mut [u32; 8], block: &[u8; 64]) {
    let mut w = [0u32; 68];
    for (i, word) in block.chunks_exact(4).enumerate() {
        w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
    }
    for j in 16..68 {
        w[j] = p1(w[j - 16] ^ w[j - 9] ^ w[j - 3].rotate_left(15))
            ^ w[j - 13].rotate_left(7)
            ^ w[j - 6];
    }
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *v;
    for j in 0..64 {
        let t: u32 = if j < 16 { 0x79cc4519 } else { 0x7a879d8a };
        let ss1 = a
            .rotate_left(12)
            .wrapping_add(e)
            .wrapping_add(t.rotate_left((j % 32) as u32))
            .rotate_left(7);
        let ss2 = ss1 ^ a.rotate_left(12);
        let (ff, gg) = if j < 16 {
            (a ^ b ^ c, e ^ f ^ g)
        } else {
            ((a & b) | (a & c) | (b & c), (e & f) | (!e & g))
        };
        let tt1 = ff
            .wrapping_add(d)
            .wrapping_add(ss2)
            .wrapping_add(w[j] ^ w[j + 4]);
        let tt2 = gg.wrapping_add(h).wrapping_add(ss1).wrapping_add(w[j]);
        d = c;
        c = b.rotate_left(9);
        b = a;
        a = tt1;
        h = g;
        g = f.rotate_left(19);
        f = e;
        e = p0(tt2);
    }
    for (x, y) in v.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *x ^= y;
    }
}

impl Hash for Sm3 {
    fn update(&mut self, data: &[u8]) {
        let v = &mut self.v;
        self.blocks.feed(data, |block| compress(v, block));
    }

    fn finish(&mut self) -> Vec<u8> {
        let bits = self.blocks.total().wrapping_mul(8);
        let v = &mut self.v;
        self.blocks
            .pad(&bits.to_be_bytes(), |block| compress(v, block));
        self.v.iter().flat_map(|w| w.to_be_bytes()).collect()
    }
}
