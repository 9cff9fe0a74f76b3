//! POSIX `cksum`'s CRC (GNU's `cksum.c`), cksum's default checksum. Only cksum runs
//! this file.

use crate::Hasher;
use crate::legacy::{value, with_name};

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

/// `cksum`: the CRC and the byte count.
pub fn crc_line(digest: &[u8], length: u64, name: Option<&[u8]>) -> Vec<u8> {
    let line = format!("{} {length}", value(digest));
    with_name(line.into_bytes(), name)
}

#[cfg(test)]
mod tests {
    use super::{Crc, Hasher, crc_core, crc_line};

    /// The CRC catalogue's check value for CRC-32/CKSUM (reveng.sourceforge.io).
    #[test]
    fn crc_catalogue_check_value() {
        assert_eq!(crc_core(b"123456789"), 0x765E_7680);
    }

    #[test]
    fn lines_as_gnu_prints_them() {
        // `printf 123456789 | cksum` and `cksum -` of empty input, GNU 9.1.
        let mut crc: Box<dyn Hasher> = Box::new(Crc::default());
        crc.update(b"1234");
        crc.update(b"56789");
        assert_eq!(crc_line(&crc.finish(), 9, None), b"930766865 9");
        let crc: Box<dyn Hasher> = Box::new(Crc::default());
        assert_eq!(crc_line(&crc.finish(), 0, Some(b"-")), b"4294967295 0 -");
    }
}
