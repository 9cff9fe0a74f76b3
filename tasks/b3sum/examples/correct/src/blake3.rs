//! BLAKE3 from its specification: 1 KiB chunks of 64-byte blocks compressed with seven
//! rounds, a binary tree of chaining values, and an extendable root output; keyed
//! hashing and key derivation are the same tree with other keys and flags.

const IV: [u32; 8] = [
    0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
];

const PERMUTATION: [usize; 16] = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];

const CHUNK_START: u32 = 1;
const CHUNK_END: u32 = 2;
const PARENT: u32 = 4;
const ROOT: u32 = 8;
const KEYED_HASH: u32 = 16;
const DERIVE_KEY_CONTEXT: u32 = 32;
const DERIVE_KEY_MATERIAL: u32 = 64;

const BLOCK: usize = 64;
const CHUNK: usize = 1024;

fn quarter(s: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize, x: u32, y: u32) {
    s[a] = s[a].wrapping_add(s[b]).wrapping_add(x);
    s[d] = (s[d] ^ s[a]).rotate_right(16);
    s[c] = s[c].wrapping_add(s[d]);
    s[b] = (s[b] ^ s[c]).rotate_right(12);
    s[a] = s[a].wrapping_add(s[b]).wrapping_add(y);
    s[d] = (s[d] ^ s[a]).rotate_right(8);
    s[c] = s[c].wrapping_add(s[d]);
    s[b] = (s[b] ^ s[c]).rotate_right(7);
}

/// The compression function: all 16 words of the final state.
fn compress(cv: &[u32; 8], block: &[u32; 16], counter: u64, len: u32, flags: u32) -> [u32; 16] {
    let mut s = [
        cv[0],
        cv[1],
        cv[2],
        cv[3],
        cv[4],
        cv[5],
        cv[6],
        cv[7],
        IV[0],
        IV[1],
        IV[2],
        IV[3],
        counter as u32,
        (counter >> 32) as u32,
        len,
        flags,
    ];
    let mut m = *block;
    for round in 0..7 {
        quarter(&mut s, 0, 4, 8, 12, m[0], m[1]);
        quarter(&mut s, 1, 5, 9, 13, m[2], m[3]);
        quarter(&mut s, 2, 6, 10, 14, m[4], m[5]);
        quarter(&mut s, 3, 7, 11, 15, m[6], m[7]);
        quarter(&mut s, 0, 5, 10, 15, m[8], m[9]);
        quarter(&mut s, 1, 6, 11, 12, m[10], m[11]);
        quarter(&mut s, 2, 7, 8, 13, m[12], m[13]);
        quarter(&mut s, 3, 4, 9, 14, m[14], m[15]);
        if round < 6 {
            m = std::array::from_fn(|i| m[PERMUTATION[i]]);
        }
    }
    for i in 0..8 {
        s[i] ^= s[i + 8];
        s[i + 8] ^= cv[i];
    }
    s
}

fn words(bytes: &[u8]) -> [u32; 16] {
    let mut padded = [0u8; BLOCK];
    padded[..bytes.len()].copy_from_slice(bytes);
    std::array::from_fn(|i| u32::from_le_bytes(padded[4 * i..4 * i + 4].try_into().expect("4")))
}

fn first8(w: &[u32; 16]) -> [u32; 8] {
    std::array::from_fn(|i| w[i])
}

/// What finishes a node: enough to compress it as a non-root, or to produce any amount
/// of root output.
struct Node {
    cv: [u32; 8],
    block: [u32; 16],
    counter: u64,
    len: u32,
    flags: u32,
}

impl Node {
    fn chaining_value(&self) -> [u32; 8] {
        first8(&compress(
            &self.cv,
            &self.block,
            self.counter,
            self.len,
            self.flags,
        ))
    }

    fn root_bytes(&self, out: usize) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(out + BLOCK);
        let mut counter = 0u64;
        while bytes.len() < out {
            let w = compress(&self.cv, &self.block, counter, self.len, self.flags | ROOT);
            bytes.extend(w.iter().flat_map(|x| x.to_le_bytes()));
            counter += 1;
        }
        bytes.truncate(out);
        bytes
    }
}

/// The last node of a chunk whose first block starts `data` (at most 1 KiB).
fn chunk_node(key: &[u32; 8], data: &[u8], index: u64, flags: u32) -> Node {
    let mut cv = *key;
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(BLOCK).collect()
    };
    let last = blocks.len() - 1;
    for (i, block) in blocks.iter().enumerate() {
        let mut f = flags;
        if i == 0 {
            f |= CHUNK_START;
        }
        if i == last {
            return Node {
                cv,
                block: words(block),
                counter: index,
                len: block.len() as u32,
                flags: f | CHUNK_END,
            };
        }
        cv = first8(&compress(&cv, &words(block), index, BLOCK as u32, f));
    }
    unreachable!("the loop returns at the last block")
}

fn parent_node(key: &[u32; 8], left: [u32; 8], right: [u32; 8], flags: u32) -> Node {
    let mut block = [0u32; 16];
    block[..8].copy_from_slice(&left);
    block[8..].copy_from_slice(&right);
    Node {
        cv: *key,
        block,
        counter: 0,
        len: BLOCK as u32,
        flags: flags | PARENT,
    }
}

/// The root node of `data`'s tree: chunks combined left to right, each subtree as soon
/// as it is complete (a stack of chaining values).
fn root(key: &[u32; 8], data: &[u8], flags: u32) -> Node {
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(CHUNK).collect()
    };
    let mut stack: Vec<[u32; 8]> = Vec::new();
    let last = chunks.len() - 1;
    for (i, chunk) in chunks.iter().enumerate() {
        let node = chunk_node(key, chunk, i as u64, flags);
        if i == last {
            // Fold the stack into the last chunk, right to left.
            let mut node = node;
            while let Some(left) = stack.pop() {
                node = parent_node(key, left, node.chaining_value(), flags);
            }
            return node;
        }
        let mut cv = node.chaining_value();
        // Completed subtrees: merge once per trailing zero bit of the chunk count.
        let mut total = i as u64 + 1;
        while total & 1 == 0 {
            let left = stack.pop().expect("a left subtree");
            cv = parent_node(key, left, cv, flags).chaining_value();
            total >>= 1;
        }
        stack.push(cv);
    }
    unreachable!("the loop returns at the last chunk")
}

/// BLAKE3 of `data`, `out` bytes.
pub fn hash(data: &[u8], out: usize) -> Vec<u8> {
    root(&IV, data, 0).root_bytes(out)
}

/// Keyed BLAKE3 of `data`, `out` bytes.
pub fn keyed(key: &[u8; 32], data: &[u8], out: usize) -> Vec<u8> {
    let key: [u32; 8] =
        std::array::from_fn(|i| u32::from_le_bytes(key[4 * i..4 * i + 4].try_into().expect("4")));
    root(&key, data, KEYED_HASH).root_bytes(out)
}

/// BLAKE3's key derivation: `out` bytes of key material from `data` in `context`.
pub fn derive_key(context: &str, data: &[u8], out: usize) -> Vec<u8> {
    let context_key = root(&IV, context.as_bytes(), DERIVE_KEY_CONTEXT).root_bytes(32);
    let key: [u32; 8] = std::array::from_fn(|i| {
        u32::from_le_bytes(context_key[4 * i..4 * i + 4].try_into().expect("4"))
    });
    root(&key, data, DERIVE_KEY_MATERIAL).root_bytes(out)
}
