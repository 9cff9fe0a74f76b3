//! `-kdfopt`/`-macopt NAME:VALUE` as `app_params_new_from_opts` turns them into parameters.

use crate::{error_line, hex};

/// The type of a settable parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bytes: `NAME:text`, or `hexNAME:hex digits`.
    Octets,
    /// An unsigned decimal number.
    Number,
    /// A name (`digest:SHA256`).
    Text,
}

/// A parsed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Octets(Vec<u8>),
    Number(u64),
    Text(Vec<u8>),
}

/// Parameters in the order given, each under its settable name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed(pub Vec<(&'static str, Value)>);

impl Parsed {
    /// The first value given for `name` (what a provider's `OSSL_PARAM_locate` finds).
    pub fn first(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The first octet-string value of `name`.
    pub fn octets(&self, name: &str) -> Option<&[u8]> {
        match self.first(name) {
            Some(Value::Octets(v)) => Some(v),
            _ => None,
        }
    }

    /// Every octet-string value of `name`, concatenated.
    pub fn joined(&self, name: &str) -> Vec<u8> {
        self.0
            .iter()
            .filter(|(n, _)| *n == name)
            .flat_map(|(_, v)| match v {
                Value::Octets(b) => b.clone(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// The first number given for `name`.
    pub fn number(&self, name: &str) -> Option<u64> {
        match self.first(name) {
            Some(Value::Number(n)) => Some(*n),
            _ => None,
        }
    }

    /// The first text given for `name`.
    pub fn text(&self, name: &str) -> Option<&[u8]> {
        match self.first(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }
}

/// Parses each `NAME:VALUE` against the settable parameters.
///
/// # Errors
/// The lines the tool prints for the first option it cannot use: `Parameter unknown '…'`,
/// or `Parameter error '…'` (with the hex parser's error line for bad hex).
pub fn parse(opts: &[&[u8]], settable: &[(&'static str, Kind)]) -> Result<Parsed, String> {
    let mut parsed = Vec::new();
    for &opt in opts {
        let shown = String::from_utf8_lossy(opt);
        let (key, value) = match opt.iter().position(|&c| c == b':') {
            Some(at) => (&opt[..at], &opt[at + 1..]),
            None => (opt, &b""[..]),
        };
        let find = |k: &[u8]| settable.iter().find(|(n, _)| n.as_bytes() == k).copied();
        if let Some((name, kind)) = find(key) {
            let v = match kind {
                Kind::Octets => Value::Octets(value.to_vec()),
                Kind::Text => Value::Text(value.to_vec()),
                Kind::Number => {
                    let n = std::str::from_utf8(value)
                        .ok()
                        .filter(|v| !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()))
                        .and_then(|v| v.parse().ok());
                    match n {
                        Some(n) => Value::Number(n),
                        None => return Err(format!("Parameter error '{shown}'\n")),
                    }
                }
            };
            parsed.push((name, v));
        } else if let Some((name, Kind::Octets)) = key.strip_prefix(b"hex").and_then(find) {
            let failure = if value.len() % 2 == 1 {
                Some((
                    "07800067",
                    "prepare_from_text",
                    "odd number of digits",
                    "../crypto/params_from_text.c:124",
                ))
            } else if !value.iter().all(u8::is_ascii_hexdigit) {
                Some((
                    "07800066",
                    "hexstr2buf_sep",
                    "illegal hex digit",
                    "../crypto/o_str.c:167",
                ))
            } else {
                None
            };
            if let Some((code, function, reason, place)) = failure {
                return Err(format!(
                    "Parameter error '{shown}'\n{}",
                    error_line(
                        code,
                        "common libcrypto routines",
                        function,
                        reason,
                        place,
                        ""
                    )
                ));
            }
            parsed.push((
                name,
                Value::Octets(hex::parse_pairs(value).expect("checked above")),
            ));
        } else {
            return Err(format!("Parameter unknown '{shown}'\n"));
        }
    }
    Ok(Parsed(parsed))
}

/// The error line of a failed algorithm fetch (an unknown digest or cipher name).
pub fn fetch_error(name: &[u8]) -> String {
    let shown = String::from_utf8_lossy(name);
    error_line(
        "0308010C",
        "digital envelope routines",
        "inner_evp_generic_fetch",
        "unsupported",
        "../crypto/evp/evp_fetch.c:386",
        &format!("Global default library context, Algorithm ({shown} : 0), Properties (<null>)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTABLE: &[(&str, Kind)] = &[
        ("key", Kind::Octets),
        ("size", Kind::Number),
        ("digest", Kind::Text),
    ];

    #[test]
    fn values_and_errors() {
        let p = parse(
            &[b"key:a:b", b"hexkey:00ff", b"size:8", b"digest:SHA1"],
            SETTABLE,
        )
        .unwrap();
        assert_eq!(p.octets("key"), Some(&b"a:b"[..]));
        assert_eq!(p.joined("key"), b"a:b\x00\xff");
        assert_eq!(p.number("size"), Some(8));
        assert_eq!(p.text("digest"), Some(&b"SHA1"[..]));
        assert_eq!(
            parse(&[b"bogus:1"], SETTABLE).unwrap_err(),
            "Parameter unknown 'bogus:1'\n"
        );
        assert_eq!(
            parse(&[b"size:x"], SETTABLE).unwrap_err(),
            "Parameter error 'size:x'\n"
        );
        assert!(
            parse(&[b"hexkey:0g"], SETTABLE)
                .unwrap_err()
                .contains(":illegal hex digit:")
        );
        assert!(
            parse(&[b"hexkey:012"], SETTABLE)
                .unwrap_err()
                .contains(":odd number of digits:")
        );
    }
}
