//! The BSD and System V checksums of `sum` and `cksum -a bsd|sysv` (GNU's `sum.c`), and
//! the output lines of the legacy checksums: a number and a size, no escaping, no tags.

use crate::Hasher;

/// The BSD checksum (`sum -r`): a 16-bit rotate-and-add over the bytes.
#[derive(Debug, Default)]
pub struct Bsd(u16);

impl Hasher for Bsd {
    fn update(&mut self, data: &[u8]) {
        for &byte in data {
            self.0 = self.0.rotate_right(1).wrapping_add(u16::from(byte));
        }
    }

    fn finish(self: Box<Self>) -> Vec<u8> {
        u32::from(self.0).to_be_bytes().to_vec()
    }
}

/// The System V checksum (`sum -s`): the byte sum folded to 16 bits.
#[derive(Debug, Default)]
pub struct Sysv(u32);

impl Hasher for Sysv {
    fn update(&mut self, data: &[u8]) {
        for &byte in data {
            self.0 = self.0.wrapping_add(u32::from(byte));
        }
    }

    fn finish(self: Box<Self>) -> Vec<u8> {
        let r = (self.0 & 0xffff) + (self.0 >> 16);
        ((r & 0xffff) + (r >> 16)).to_be_bytes().to_vec()
    }
}

/// The value a legacy hasher finished with.
pub(crate) fn value(digest: &[u8]) -> u32 {
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// `length` in blocks of `block` bytes, rounded up (GNU's `human_ceiling`).
fn blocks(length: u64, block: u64) -> u64 {
    length.div_ceil(block)
}

/// Appends ` NAME` when the program was given operands.
pub(crate) fn with_name(mut line: Vec<u8>, name: Option<&[u8]>) -> Vec<u8> {
    if let Some(name) = name {
        line.push(b' ');
        line.extend_from_slice(name);
    }
    line
}

/// `sum -r`: the checksum in five digits, then the 1 KiB blocks right-aligned in five.
pub fn bsd_line(digest: &[u8], length: u64, name: Option<&[u8]>) -> Vec<u8> {
    let line = format!("{:05} {:>5}", value(digest), blocks(length, 1024));
    with_name(line.into_bytes(), name)
}

/// `sum -s`: the checksum and the 512-byte blocks.
pub fn sysv_line(digest: &[u8], length: u64, name: Option<&[u8]>) -> Vec<u8> {
    let line = format!("{} {}", value(digest), blocks(length, 512));
    with_name(line.into_bytes(), name)
}

#[cfg(test)]
mod tests {
    use super::{Bsd, Hasher, Sysv, bsd_line, sysv_line};

    fn digest(hasher: Box<dyn Hasher>, pieces: &[&[u8]]) -> Vec<u8> {
        let mut hasher = hasher;
        for piece in pieces {
            hasher.update(piece);
        }
        hasher.finish()
    }

    #[test]
    fn lines_as_gnu_prints_them() {
        // `printf 123456789 | sum -r`, `| sum -s` and empty input, GNU 9.1.
        let bsd = digest(Box::new(Bsd::default()), &[b"123456789"]);
        assert_eq!(bsd_line(&bsd, 9, None), b"53615     1");
        let bsd = digest(Box::new(Bsd::default()), &[]);
        assert_eq!(bsd_line(&bsd, 0, Some(b"e")), b"00000     0 e");
        let sysv = digest(Box::new(Sysv::default()), &[b"123456789"]);
        assert_eq!(sysv_line(&sysv, 9, None), b"477 1");
        assert_eq!(sysv_line(&sysv, 1025, Some(b"x")), b"477 3 x");
        assert_eq!(bsd_line(&bsd, 1025, None), b"00000     2");
    }
}
