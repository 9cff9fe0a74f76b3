//! BLAKE2b (RFC 7693) with its output length chosen at run time, as `b2sum -l` and
//! `cksum -a blake2b -l` need: the length is part of BLAKE2b's parameter block, so a
//! shorter digest is not a truncated longer one.

use blake2::Blake2bVarCore;
use blake2::digest::Output;
use blake2::digest::block_api::{Buffer, UpdateCore, VariableOutputCore};

use crate::Hasher;

/// A BLAKE2b state producing `bytes` bytes.
struct Blake2b {
    core: Blake2bVarCore,
    buffer: Buffer<Blake2bVarCore>,
    bytes: usize,
}

/// A fresh BLAKE2b producing `bytes` bytes (1 to 64).
///
/// # Panics
/// When `bytes` is more than 64; the command line never asks for that.
pub fn blake2b(bytes: usize) -> Box<dyn Hasher> {
    Box::new(Blake2b {
        core: Blake2bVarCore::new(bytes).expect("BLAKE2b digests are at most 64 bytes"),
        buffer: Buffer::<Blake2bVarCore>::default(),
        bytes,
    })
}

impl Hasher for Blake2b {
    fn update(&mut self, data: &[u8]) {
        let core = &mut self.core;
        self.buffer
            .digest_blocks(data, |blocks| core.update_blocks(blocks));
    }

    fn finish(mut self: Box<Self>) -> Vec<u8> {
        let mut full = Output::<Blake2bVarCore>::default();
        self.core
            .finalize_variable_core(&mut self.buffer, &mut full);
        full[..self.bytes].to_vec()
    }
}
