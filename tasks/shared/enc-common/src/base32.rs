//! gnulib's base32 codec (RFC 4648 section 6), which coreutils' `base32` and `basenc`
//! share: padded encoding, and decoding by groups of eight characters that writes each
//! byte as soon as it is known, so an invalid group may still leave one to four bytes.

/// The RFC 4648 base32 alphabet.
pub const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The value of an alphabet character.
pub fn value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

/// Appends the padded base32 encoding of `input` to `out` (8 characters per 5 bytes).
pub fn encode(input: &[u8], out: &mut Vec<u8>) {
    for group in input.chunks(5) {
        let mut block = [0u8; 5];
        block[..group.len()].copy_from_slice(group);
        let n = block.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b));
        // Characters that carry input bits: 2, 4, 5, 7 or 8 for 1 to 5 bytes.
        let used = (group.len() * 8).div_ceil(5);
        for k in 0..8 {
            if k < used {
                out.push(ALPHABET[(n >> (35 - 5 * k) & 31) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
}

/// Decodes one group like gnulib's `decode_8`, appending the bytes it writes to `out`.
/// Returns whether the group is valid. A group shorter than eight characters is invalid
/// and writes nothing; otherwise each byte is written once the characters it needs have
/// been checked, before later characters are looked at.
pub fn decode_group(group: &[u8], out: &mut Vec<u8>) -> bool {
    if group.len() < 8 {
        return false;
    }
    let v = |i: usize| value(group[i]);
    let pads = |from: usize| group[from..8].iter().all(|&c| c == b'=');
    let (Some(c0), Some(c1)) = (v(0), v(1)) else {
        return false;
    };
    out.push(c0 << 3 | c1 >> 2);
    if group[2] == b'=' {
        return pads(3);
    }
    let (Some(c2), Some(c3)) = (v(2), v(3)) else {
        return false;
    };
    out.push(c1 << 6 | c2 << 1 | c3 >> 4);
    if group[4] == b'=' {
        return pads(5);
    }
    let Some(c4) = v(4) else {
        return false;
    };
    out.push(c3 << 4 | c4 >> 1);
    if group[5] == b'=' {
        return pads(6);
    }
    let (Some(c5), Some(c6)) = (v(5), v(6)) else {
        return false;
    };
    out.push(c4 << 7 | c5 << 2 | c6 >> 3);
    if group[7] == b'=' {
        return true;
    }
    let Some(c7) = v(7) else {
        return false;
    };
    out.push(c6 << 5 | c7);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_encode(input: &str, expect: &str) {
        let mut out = Vec::new();
        encode(input.as_bytes(), &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), expect, "{input:?}");
    }

    /// Decodes `group` and compares the bytes written and the verdict.
    fn check_group(group: &str, bytes: &[u8], valid: bool) {
        let mut out = Vec::new();
        let ok = decode_group(group.as_bytes(), &mut out);
        assert_eq!((out.as_slice(), ok), (bytes, valid), "{group:?}");
    }

    #[test]
    fn rfc4648_section_10_vectors() {
        check_encode("", "");
        check_encode("f", "MY======");
        check_encode("fo", "MZXQ====");
        check_encode("foo", "MZXW6===");
        check_encode("foob", "MZXW6YQ=");
        check_encode("fooba", "MZXW6YTB");
        check_encode("foobar", "MZXW6YTBOI======");
        check_group("MY======", b"f", true);
        check_group("MZXQ====", b"fo", true);
        check_group("MZXW6===", b"foo", true);
        check_group("MZXW6YQ=", b"foob", true);
        check_group("MZXW6YTB", b"fooba", true);
    }

    #[test]
    fn every_value() {
        let mut out = Vec::new();
        encode(
            &[0x00, 0x44, 0x32, 0x14, 0xc7, 0x42, 0x54, 0xb6, 0x35, 0xcf],
            &mut out,
        );
        // Bytes chosen so the sixteen characters are the alphabet's values 0, 1, ..., 15,
        // then the next 16; decoding them again gives the bytes back.
        let mut all = Vec::new();
        encode(
            b"\x00\x44\x32\x14\xc7\x42\x54\xb6\x35\xcf\x84\x65\x3a\x56\xd7\xc6\x75\xbe\x77\xdf",
            &mut all,
        );
        assert_eq!(all, ALPHABET);
        let mut back = Vec::new();
        for group in all.chunks(8) {
            assert!(decode_group(group, &mut back));
        }
        assert_eq!(
            back,
            b"\x00\x44\x32\x14\xc7\x42\x54\xb6\x35\xcf\x84\x65\x3a\x56\xd7\xc6\x75\xbe\x77\xdf"
        );
        assert_eq!(&out[..], &ALPHABET[..16]);
        for c in 0..=255u8 {
            let expect = ALPHABET.iter().position(|&a| a == c).map(|p| p as u8);
            assert_eq!(value(c), expect, "{c}");
        }
    }

    #[test]
    fn invalid_groups_keep_their_first_bytes() {
        check_group("MZXW6YT", b"", false);
        check_group("", b"", false);
        check_group("=Y======", b"", false);
        check_group("M=======", b"", false);
        check_group("MY=====A", b"f", false);
        check_group("MY=A====", b"f", false);
        check_group("MZX=====", b"f", false);
        check_group("MZ!Q====", b"f", false);
        check_group("MZXQ===A", b"fo", false);
        check_group("MZXQ=A==", b"fo", false);
        check_group("MZXW!===", b"fo", false);
        check_group("MZXW6==A", b"foo", false);
        check_group("MZXW6Y==", b"foo", false);
        check_group("MZXW6!Q=", b"foo", false);
        check_group("MZXW6YQ!", b"foob", false);
        check_group("MZXW6YTb", b"foob", false);
        // Unused low bits before the padding are ignored.
        check_group("MZ======", b"f", true);
        check_group("MZXW====", b"fo", true);
    }
}
