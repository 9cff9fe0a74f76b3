//! Tokens: invitation tokens are 32 random bytes from the operating system, written in
//! base64url; the database keeps only their SHA-256, so a copy of the database lets
//! nobody upload as a participant. The admin token is compared by digest in constant time.

use anyhow::{Context, Result};
use base64::Engine as _;

/// Bytes of randomness in an invitation token: 256 bits, far beyond guessing.
const TOKEN_BYTES: usize = 32;

/// The shortest admin token accepted: shorter ones could be guessed over the network.
pub const MIN_ADMIN_TOKEN: usize = 16;

/// A fresh invitation token.
///
/// # Errors
/// When the operating system's random generator fails.
pub fn fresh() -> Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).context("reading the operating system's random generator")?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// `sha256:<hex>` of a token, as stored.
pub fn hash(token: &str) -> String {
    replica_judge::digest(token.as_bytes())
}

/// Whether `given` is the admin token, in time that does not depend on where they differ.
pub fn is_admin(given: &str, admin_hash: &str) -> bool {
    let given = hash(given);
    given.len() == admin_hash.len()
        && given
            .bytes()
            .zip(admin_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The token of an `Authorization: Bearer <token>` header value.
pub fn bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_url_safe() {
        let (a, b) = (fresh().unwrap(), fresh().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }

    #[test]
    fn admin_tokens_match_by_digest() {
        let stored = hash("correct horse battery");
        assert!(is_admin("correct horse battery", &stored));
        assert!(!is_admin("correct horse batterx", &stored));
        assert!(!is_admin("", &stored));
    }

    #[test]
    fn bearer_headers() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("abc"), None);
    }
}
