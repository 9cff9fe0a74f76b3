//! Base64 (RFC 4648) as `openssl enc -a` writes and reads it.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Plain base64 with `=` padding, no line breaks.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `BIO_f_base64` output: lines of 64 characters, each ending in a newline; one line with
/// no newline at all when `single_line`. Nothing at all for no input.
pub fn encode_lines(bytes: &[u8], single_line: bool) -> Vec<u8> {
    let text = encode(bytes);
    if single_line {
        return text.into_bytes();
    }
    let mut out = Vec::with_capacity(text.len() + text.len() / 64 + 1);
    for line in text.as_bytes().chunks(64) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|v| v as u32)
}

/// Decodes base64 text, skipping whitespace and stopping at the first `=` or at any other
/// character that is not base64; a final group of 2 or 3 characters gives 1 or 2 bytes.
pub fn decode(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut n = 0;
    for &c in text {
        if c.is_ascii_whitespace() {
            continue;
        }
        let Some(v) = value(c) else { break };
        acc = acc << 6 | v;
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match n {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded.as_bytes()), plain.as_bytes());
        }
    }

    #[test]
    fn lines() {
        let data = vec![b'x'; 100];
        let lines = encode_lines(&data, false);
        assert_eq!(lines.iter().filter(|&&c| c == b'\n').count(), 3);
        assert_eq!(lines.iter().position(|&c| c == b'\n'), Some(64));
        assert_eq!(decode(&lines), data);
        assert!(!encode_lines(&data, true).contains(&b'\n'));
        assert!(encode_lines(&[], false).is_empty());
    }
}
