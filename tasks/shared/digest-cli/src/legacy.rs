//! The legacy checksums of `sum` and `cksum -a bsd|sysv|crc` (GNU's `sum.c` and
//! `cksum.c`), and their output lines: a number and a size, no escaping, no tags.

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

/// CRC-32/CKSUM's table: polynomial 0x04C11DB7, most significant bit first.
const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = (i as u32) << 24;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x8000_0000 != 0 {
                (crc << 1) ^ 0x04C1_1DB7
            } else {
                crc << 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
}

const CRC_TABLE: [u32; 256] = crc_table();

/// Feeds one byte to a CRC-32/CKSUM register.
fn crc_byte(crc: u32, byte: u8) -> u32 {
    (crc << 8) ^ CRC_TABLE[usize::from((crc >> 24) as u8 ^ byte)]
}

/// CRC-32/CKSUM of `data` as the CRC catalogue defines it (no length appended): the check
/// value of `123456789` is 0x765E7680.
pub fn crc_core(data: &[u8]) -> u32 {
    !data.iter().fold(0, |crc, &byte| crc_byte(crc, byte))
}

/// POSIX `cksum`'s CRC: CRC-32/CKSUM over the bytes and then over the length's bytes,
/// least significant first, without its zero high bytes.
#[derive(Debug, Default)]
pub struct Crc {
    crc: u32,
    length: u64,
}

impl Hasher for Crc {
    fn update(&mut self, data: &[u8]) {
        self.crc = data.iter().fold(self.crc, |crc, &byte| crc_byte(crc, byte));
        self.length += data.len() as u64;
    }

    fn finish(self: Box<Self>) -> Vec<u8> {
        let mut crc = self.crc;
        let mut length = self.length;
        while length != 0 {
            crc = crc_byte(crc, length as u8);
            length >>= 8;
        }
        (!crc).to_be_bytes().to_vec()
    }
}

/// The value a legacy hasher finished with.
fn value(digest: &[u8]) -> u32 {
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// `length` in blocks of `block` bytes, rounded up (GNU's `human_ceiling`).
fn blocks(length: u64, block: u64) -> u64 {
    length.div_ceil(block)
}

/// Appends ` NAME` when the program was given operands.
fn with_name(mut line: Vec<u8>, name: Option<&[u8]>) -> Vec<u8> {
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

/// `cksum`: the CRC and the byte count.
pub fn crc_line(digest: &[u8], length: u64, name: Option<&[u8]>) -> Vec<u8> {
    let line = format!("{} {length}", value(digest));
    with_name(line.into_bytes(), name)
}

#[cfg(test)]
mod tests {
    use super::{Bsd, Crc, Hasher, Sysv, bsd_line, crc_core, crc_line, sysv_line};

    fn digest(hasher: Box<dyn Hasher>, pieces: &[&[u8]]) -> Vec<u8> {
        let mut hasher = hasher;
        for piece in pieces {
            hasher.update(piece);
        }
        hasher.finish()
    }

    /// The CRC catalogue's check value for CRC-32/CKSUM (reveng.sourceforge.io).
    #[test]
    fn crc_catalogue_check_value() {
        assert_eq!(crc_core(b"123456789"), 0x765E_7680);
    }

    #[test]
    fn lines_as_gnu_prints_them() {
        // `printf 123456789 | cksum`, `| sum -r`, `| sum -s` and empty input, GNU 9.1.
        let crc = digest(Box::new(Crc::default()), &[b"1234", b"56789"]);
        assert_eq!(crc_line(&crc, 9, None), b"930766865 9");
        let crc = digest(Box::new(Crc::default()), &[]);
        assert_eq!(crc_line(&crc, 0, Some(b"-")), b"4294967295 0 -");
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
