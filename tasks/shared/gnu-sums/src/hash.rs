//! What every hash function here offers, and the block buffering the Merkle-Damgard
//! ones (MD5, SHA-1, SHA-2, SM3) share.

/// A running hash function.
pub trait Hash {
    fn update(&mut self, data: &[u8]);
    /// The digest; the state is spent.
    fn finish(&mut self) -> Vec<u8>;
}

/// Collects input into `N`-byte blocks and counts it; pads the end the MD5/SHA way.
#[derive(Debug, Clone)]
pub struct Blocks<const N: usize> {
    pending: Vec<u8>,
    total: u64,
}

impl<const N: usize> Default for Blocks<N> {
    fn default() -> Self {
        Blocks::new()
    }
}

impl<const N: usize> Blocks<N> {
    pub fn new() -> Self {
        Blocks {
            pending: Vec::with_capacity(N),
            total: 0,
        }
    }

    /// Bytes fed so far.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Feeds `data`, calling `compress` on every full block.
    pub fn feed(&mut self, mut data: &[u8], mut compress: impl FnMut(&[u8; N])) {
        self.total += data.len() as u64;
        if !self.pending.is_empty() {
            let take = (N - self.pending.len()).min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.pending.len() < N {
                return;
            }
            let block: [u8; N] = self.pending[..].try_into().expect("a full block");
            compress(&block);
            self.pending.clear();
        }
        let mut chunks = data.chunks_exact(N);
        for chunk in &mut chunks {
            compress(chunk.try_into().expect("a full block"));
        }
        self.pending.extend_from_slice(chunks.remainder());
    }

    /// Appends 0x80, zeros up to the length field, and `length` (already encoded), then
    /// compresses the one or two blocks that makes.
    pub fn pad(&mut self, length: &[u8], mut compress: impl FnMut(&[u8; N])) {
        let mut tail = std::mem::take(&mut self.pending);
        tail.push(0x80);
        while tail.len() % N != N - length.len() {
            tail.push(0);
        }
        tail.extend_from_slice(length);
        for chunk in tail.chunks_exact(N) {
            compress(chunk.try_into().expect("a full block"));
        }
    }
}
