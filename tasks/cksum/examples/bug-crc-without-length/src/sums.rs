//! The old checksums: POSIX `cksum`'s CRC, and `sum`'s BSD and System V sums. (the buggy copy of this example: it computes the CRC of the data alone, without POSIX cksum's length bytes)

use crate::Hash;

/// POSIX `cksum`: CRC-32 (polynomial 0x04C11DB7, MSB first) over the data and then the
/// length in as few bytes as it needs, least significant first; inverted.
#[derive(Debug, Clone, Default)]
pub struct PosixCrc {
    crc: u32,
    len: u64,
}

fn crc_step(mut crc: u32, byte: u8) -> u32 {
    crc ^= u32::from(byte) << 24;
    for _ in 0..8 {
        crc = if crc & 0x8000_0000 != 0 {
            (crc << 1) ^ 0x04C1_1DB7
        } else {
            crc << 1
        };
    }
    crc
}

impl PosixCrc {
    /// The CRC and the byte count.
    pub fn value(&self) -> (u32, u64) {
        let mut crc = self.crc;
        let mut len = 0u64;
        while len > 0 {
            crc = crc_step(crc, (len & 0xff) as u8);
            len >>= 8;
        }
        (!crc, self.len)
    }
}

impl Hash for PosixCrc {
    fn update(&mut self, data: &[u8]) {
        for &b in data {
            self.crc = crc_step(self.crc, b);
        }
        self.len += data.len() as u64;
    }

    fn finish(&mut self) -> Vec<u8> {
        self.value().0.to_be_bytes().to_vec()
    }
}

/// The BSD sum: rotate the 16-bit sum right by one, add the byte.
pub fn bsd(data: &[u8]) -> u16 {
    data.iter().fold(0u16, |sum, &b| {
        sum.rotate_right(1).wrapping_add(u16::from(b))
    })
}

/// The System V sum: all bytes added, folded twice into 16 bits.
pub fn sysv(data: &[u8]) -> u16 {
    let total = data.iter().fold(0u32, |s, &b| s.wrapping_add(u32::from(b)));
    let once = (total & 0xffff) + (total >> 16);
    ((once & 0xffff) + (once >> 16)) as u16
}
