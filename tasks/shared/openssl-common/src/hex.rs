//! Hexadecimal in the shapes the OpenSSL tools print and parse.

const LOWER: &[u8; 16] = b"0123456789abcdef";
const UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn encode(bytes: &[u8], digits: &[u8; 16], sep: Option<char>) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0
            && let Some(sep) = sep
        {
            out.push(sep);
        }
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 15)]));
    }
    out
}

/// `ba7816bf…`
pub fn lower(bytes: &[u8]) -> String {
    encode(bytes, LOWER, None)
}

/// `BA7816BF…`
pub fn upper(bytes: &[u8]) -> String {
    encode(bytes, UPPER, None)
}

/// `ba:78:16:bf…` (`dgst -c`)
pub fn lower_colons(bytes: &[u8]) -> String {
    encode(bytes, LOWER, Some(':'))
}

/// `BA:78:16:BF…` (`kdf` without `-binary`)
pub fn upper_colons(bytes: &[u8]) -> String {
    encode(bytes, UPPER, Some(':'))
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// `enc`'s `set_hex`: parses `text` into exactly `size` bytes. A string shorter than
/// `2 * size` digits is padded with zero bytes (an odd last digit is a high nibble), a
/// longer one cut, each with a warning line appended to `stderr` first. A non-hex digit
/// within the used part appends `non-hex digit` and gives `None`.
pub fn set_hex(text: &[u8], size: usize, stderr: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut n = text.len();
    if n > 2 * size {
        stderr.extend_from_slice(b"hex string is too long, ignoring excess\n");
        n = 2 * size;
    } else if n < 2 * size {
        stderr.extend_from_slice(b"hex string is too short, padding with zero bytes to length\n");
    }
    let mut out = vec![0u8; size];
    for (i, &c) in text[..n].iter().enumerate() {
        let Some(v) = nibble(c) else {
            stderr.extend_from_slice(b"non-hex digit\n");
            return None;
        };
        if i % 2 == 1 {
            out[i / 2] |= v;
        } else {
            out[i / 2] = v << 4;
        }
    }
    Some(out)
}

/// Why [`parse_pairs`] refused a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairsError {
    /// A character that is neither a hex digit nor a `:` between pairs.
    IllegalDigit,
    /// An odd number of digits.
    OddDigits,
}

/// `OPENSSL_hexstr2buf`: pairs of hex digits, optionally separated by single colons
/// (`hexkey:00:11` and `hexkey:0011` are the same key).
///
/// # Errors
/// [`PairsError`] for a character that is not a hex digit or an odd number of digits.
pub fn parse_pairs(text: &[u8]) -> Result<Vec<u8>, PairsError> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut i = 0;
    while i < text.len() {
        if text[i] == b':' {
            i += 1;
            continue;
        }
        let Some(high) = nibble(text[i]) else {
            return Err(PairsError::IllegalDigit);
        };
        let Some(&next) = text.get(i + 1) else {
            return Err(PairsError::OddDigits);
        };
        let Some(low) = nibble(next) else {
            return Err(PairsError::IllegalDigit);
        };
        out.push(high << 4 | low);
        i += 2;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(lower(&[0xab, 0x01]), "ab01");
        assert_eq!(upper(&[0xab, 0x01]), "AB01");
        assert_eq!(lower_colons(&[0xab, 0x01]), "ab:01");
        assert_eq!(upper_colons(&[0xab, 0x01, 0xff]), "AB:01:FF");
        assert_eq!(upper_colons(&[]), "");
    }

    fn check_set_hex(text: &str, size: usize, bytes: Option<&[u8]>, warning: &str) {
        let mut err = Vec::new();
        assert_eq!(
            set_hex(text.as_bytes(), size, &mut err).as_deref(),
            bytes,
            "{text}"
        );
        assert_eq!(String::from_utf8(err).unwrap(), warning, "{text}");
    }

    #[test]
    fn set_hex_pads_cuts_and_refuses() {
        check_set_hex("0011", 2, Some(&[0, 0x11]), "");
        check_set_hex(
            "001",
            2,
            Some(&[0, 0x10]),
            "hex string is too short, padding with zero bytes to length\n",
        );
        check_set_hex(
            "",
            2,
            Some(&[0, 0]),
            "hex string is too short, padding with zero bytes to length\n",
        );
        check_set_hex(
            "aBcDeF",
            2,
            Some(&[0xab, 0xcd]),
            "hex string is too long, ignoring excess\n",
        );
        check_set_hex(
            "00112g",
            2,
            Some(&[0, 0x11]),
            "hex string is too long, ignoring excess\n",
        );
        check_set_hex(
            "0g",
            2,
            None,
            "hex string is too short, padding with zero bytes to length\nnon-hex digit\n",
        );
    }

    #[test]
    fn pairs() {
        assert_eq!(parse_pairs(b"00:1f:FF"), Ok(vec![0, 0x1f, 0xff]));
        assert_eq!(parse_pairs(b"001fFF"), Ok(vec![0, 0x1f, 0xff]));
        assert_eq!(parse_pairs(b""), Ok(vec![]));
        assert_eq!(parse_pairs(b"0g"), Err(PairsError::IllegalDigit));
        assert_eq!(parse_pairs(b"001"), Err(PairsError::OddDigits));
    }
}
