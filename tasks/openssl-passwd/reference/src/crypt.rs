//! MD5-crypt (`$1$`, Apache's `$apr1$`, AIX's unprefixed form) and Drepper's SHA-crypt
//! (`$5$`, `$6$`) as OpenSSL 3.0's `passwd` computes them.

use openssl_common::Md;

/// The crypt alphabet: `.` `/` digits, upper, lower; six bits per character.
const ITOA64: &[u8; 64] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Appends `n` characters of `w`, low six bits first.
fn to64(out: &mut Vec<u8>, mut w: u32, n: usize) {
    for _ in 0..n {
        out.push(ITOA64[(w & 0x3f) as usize]);
        w >>= 6;
    }
}

fn md(md: Md, parts: &[&[u8]]) -> Vec<u8> {
    let mut h = md.hasher();
    for p in parts {
        h.update(p);
    }
    h.finalize().into_vec()
}

/// MD5-crypt with `magic` (`1`, `apr1`, or empty for AIX), the salt cut to 8 bytes
/// (whatever they are, `$` included).
pub fn md5crypt(password: &[u8], magic: &[u8], salt: &[u8]) -> Vec<u8> {
    let salt = &salt[..salt.len().min(8)];
    let alternate = md(Md::Md5, &[password, salt, password]);
    let mut h = Md::Md5.hasher();
    h.update(password);
    if !magic.is_empty() {
        h.update(b"$");
        h.update(magic);
        h.update(b"$");
    }
    h.update(salt);
    let mut left = password.len();
    while left > 0 {
        let n = left.min(16);
        h.update(&alternate[..n]);
        left -= n;
    }
    let mut i = password.len();
    while i != 0 {
        if i & 1 == 1 {
            h.update(&[0]);
        } else {
            h.update(&password[..1]);
        }
        i >>= 1;
    }
    let mut fin = h.finalize().into_vec();
    for round in 0u32..1000 {
        let mut h = Md::Md5.hasher();
        h.update(if round & 1 == 1 { password } else { &fin });
        if !round.is_multiple_of(3) {
            h.update(salt);
        }
        if !round.is_multiple_of(7) {
            h.update(password);
        }
        h.update(if round & 1 == 1 { &fin } else { password });
        fin = h.finalize().into_vec();
    }
    let mut out = Vec::new();
    if !magic.is_empty() {
        out.push(b'$');
        out.extend_from_slice(magic);
        out.push(b'$');
    }
    out.extend_from_slice(salt);
    out.push(b'$');
    let f = |i: usize| u32::from(fin[i]);
    for (a, b, c) in [(0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)] {
        to64(&mut out, f(a) << 16 | f(b) << 8 | f(c), 4);
    }
    to64(&mut out, f(11), 2);
    out
}

/// `strtoul(text, &end, 10)`: the value (saturating) and where the number ends.
fn strtoul(text: &[u8]) -> (u64, usize) {
    let mut i = 0;
    while i < text.len() && matches!(text[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        i += 1;
    }
    let negative = text.get(i) == Some(&b'-');
    if matches!(text.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let start = i;
    let mut n: u64 = 0;
    while let Some(d) = text.get(i).filter(|c| c.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
        i += 1;
    }
    if i == start {
        return (0, 0);
    }
    (if negative { n.wrapping_neg() } else { n }, i)
}

/// SHA-crypt (`$5$` with SHA-256, `$6$` with SHA-512). A salt starting `rounds=N$` sets
/// the rounds (kept within 1,000 to 999,999,999) and is shown; the salt is cut to 16
/// bytes. `None` when `rounds=` is not followed by a number and `$`, or the salt or the
/// password is empty.
pub fn shacrypt(password: &[u8], wide: bool, salt: &[u8]) -> Option<Vec<u8>> {
    let (hash, magic) = if wide {
        (Md::Sha512, b'6')
    } else {
        (Md::Sha256, b'5')
    };
    let mut rounds: u64 = 5000;
    let mut custom = false;
    let mut salt = salt;
    if let Some(num) = salt.strip_prefix(b"rounds=") {
        let (n, end) = strtoul(num);
        if num.get(end) != Some(&b'$') {
            return None;
        }
        salt = &num[end + 1..];
        rounds = n.clamp(1000, 999_999_999);
        custom = true;
    }
    let salt = &salt[..salt.len().min(16)];
    // OpenSSL copies both into buffers of their length, and a zero-byte allocation fails.
    if salt.is_empty() || password.is_empty() {
        return None;
    }
    let size = hash.size();
    let b = md(hash, &[password, salt, password]);
    let mut h = hash.hasher();
    h.update(password);
    h.update(salt);
    let mut left = password.len();
    while left > 0 {
        let n = left.min(size);
        h.update(&b[..n]);
        left -= n;
    }
    let mut i = password.len();
    while i > 0 {
        h.update(if i & 1 == 1 { &b } else { password });
        i >>= 1;
    }
    let a = h.finalize().into_vec();
    let repeat = |digest: &[u8], len: usize| -> Vec<u8> {
        digest.iter().copied().cycle().take(len).collect()
    };
    let mut h = hash.hasher();
    for _ in 0..password.len() {
        h.update(password);
    }
    let p = repeat(&h.finalize(), password.len());
    let mut h = hash.hasher();
    for _ in 0..16 + usize::from(a[0]) {
        h.update(salt);
    }
    let s = repeat(&h.finalize(), salt.len());
    let mut c = a;
    for round in 0..rounds {
        let mut h = hash.hasher();
        h.update(if round & 1 == 1 { &p } else { &c });
        if !round.is_multiple_of(3) {
            h.update(&s);
        }
        if !round.is_multiple_of(7) {
            h.update(&p);
        }
        h.update(if round & 1 == 1 { &c } else { &p });
        c = h.finalize().into_vec();
    }
    let mut out = vec![b'$', magic, b'$'];
    if custom {
        out.extend_from_slice(format!("rounds={rounds}$").as_bytes());
    }
    out.extend_from_slice(salt);
    out.push(b'$');
    let f = |i: usize| u32::from(c[i]);
    if wide {
        for k in 0..21 {
            let (x, y, z) = (k, k + 21, k + 42);
            let (b2, b1, b0) = match k % 3 {
                0 => (x, y, z),
                1 => (y, z, x),
                _ => (z, x, y),
            };
            to64(&mut out, f(b2) << 16 | f(b1) << 8 | f(b0), 4);
        }
        to64(&mut out, f(63), 2);
    } else {
        for k in 0..10 {
            let (x, y, z) = (k, k + 10, k + 20);
            let (b2, b1, b0) = match k % 3 {
                0 => (x, y, z),
                1 => (z, x, y),
                _ => (y, z, x),
            };
            to64(&mut out, f(b2) << 16 | f(b1) << 8 | f(b0), 4);
        }
        to64(&mut out, f(31) << 8 | f(30), 3);
    }
    Some(out)
}

#[cfg(test)]
mod tests;
