//! `-l BITS` of b2sum and cksum: reading it, checking it, and the `-BITS` and digest
//! lengths of check lines. Only b2sum and cksum run this file.

use crate::{BLAKE2B_MAX_BITS, Kind, Program, Stop, number, quote};

impl Program<'_, '_> {
    /// `-l BITS`: a decimal number that is a multiple of 8 (checked at once; the
    /// maximum is checked after all options).
    pub(crate) fn set_length(&mut self, arg: Vec<u8>) -> Result<(), Stop> {
        let bits = match number::xdectoumax(&arg) {
            Ok(bits) => bits,
            Err(errno) => {
                let mut message = b"invalid length: ".to_vec();
                message.extend_from_slice(&quote(&arg));
                if let Some(errno) = errno {
                    message.extend_from_slice(b": ");
                    message.extend_from_slice(errno.as_bytes());
                }
                return Err(Stop::Die(vec![message]));
            }
        };
        if !bits.is_multiple_of(8) {
            let mut message = b"invalid length: ".to_vec();
            message.extend_from_slice(&quote(&arg));
            return Err(Stop::Die(vec![
                message,
                b"length is not a multiple of 8".to_vec(),
            ]));
        }
        self.settings.length = bits;
        self.settings.length_arg = arg;
        Ok(())
    }

    /// The checks on `-l` after all options: cksum allows it only with BLAKE2b, and no
    /// BLAKE2b is longer than 512 bits.
    pub(crate) fn check_length(&mut self) -> Result<(), Stop> {
        let blake2 = self.algorithm().arg == "blake2b";
        let s = &self.settings;
        if s.length != 0 && !blake2 {
            return Err(Stop::Die(vec![
                b"--length is only supported with --algorithm=blake2b".to_vec(),
            ]));
        }
        if s.length > BLAKE2B_MAX_BITS {
            let mut first = b"invalid length: ".to_vec();
            first.extend_from_slice(&quote(&s.length_arg));
            let mut second = b"maximum digest length for ".to_vec();
            second.extend_from_slice(&quote(self.algorithm().tag.as_bytes()));
            second.extend_from_slice(b" is 512 bits");
            return Err(Stop::Die(vec![first, second]));
        }
        Ok(())
    }

    /// After a tag in a check line, GNU's `-BITS` handling: the byte after the tag is
    /// overwritten with a NUL (so skipped, unless it is `(`, which is put back), a `-`
    /// there starts a length in any C base. Sets the length in force; returns where
    /// reading goes on, or `None` for a bad length.
    pub(crate) fn tag_length(&mut self, s: &[u8]) -> Option<usize> {
        let mut i = 0;
        let length_given = s.first() == Some(&b'-');
        if s.first() != Some(&b'(') {
            i = 1;
        }
        let longest = self.algorithm().bits;
        self.settings.length = longest;
        if length_given {
            let (bits, end) = number::xstrtoumax_any_suffix(&s[i..])?;
            if !(0 < bits && bits <= longest && bits.is_multiple_of(8)) {
                return None;
            }
            i += end;
            self.settings.length = bits;
        }
        self.hex_len = (self.settings.length / 4) as usize;
        Some(i)
    }

    /// For an untagged line of b2sum (or cksum with BLAKE2b), the length is read off the
    /// digest: an even number of hex digits, 2 to 128. Other programs keep theirs.
    pub(crate) fn untagged_length(&mut self, digest: &[u8]) -> Option<()> {
        let auto = match self.tool.kind {
            Kind::Blake2(_) => true,
            Kind::Cksum(_) => self.algorithm().arg == "blake2b",
            _ => false,
        };
        if auto {
            let digits = digest.iter().take_while(|c| c.is_ascii_hexdigit()).count();
            if digits < 2 || !digits.is_multiple_of(2) || digits > 128 {
                return None;
            }
            self.hex_len = digits;
            self.settings.length = 4 * digits as u64;
        }
        Some(())
    }
}
