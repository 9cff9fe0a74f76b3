//! OpenSSL's command-line option scanner (`apps/lib/opt.c`), for the options a task uses.
//!
//! Options come first, each one argument starting with `-` (or `--`), exactly matching a
//! name; `-name=value` gives a value inline, otherwise a valued option takes the next
//! argument whatever it is. Scanning stops at the first argument that does not start with
//! `-`, or after `--`; everything from there on is an operand. A lone `-` is an option
//! with an empty name.

/// One option a command knows: its name without the dash and whether it takes a value.
pub type Spec = (&'static str, bool);

/// One scanned option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    /// A known option and its value, if it takes one.
    Known(&'static str, Option<&'a [u8]>),
    /// An unknown option's name, without dashes and without an `=value` part (for
    /// commands that try it as an algorithm name, like `dgst -sha256`).
    Unknown(&'a [u8]),
}

/// The options, in order, and the operands after them.
pub type Scanned<'a> = (Vec<Item<'a>>, &'a [Vec<u8>]);

/// Scans `args` (without the program and command names) against `specs`. `prog` is the
/// command name used in messages (`dgst`). With `unknown_ok`, unknown options are returned
/// as [`Item::Unknown`] for the caller to judge; otherwise they are an error.
///
/// # Errors
/// The diagnostic line OpenSSL prints (`dgst: Option -out needs a value`), newline
/// included; the caller adds `dgst: Use -help for summary.`.
pub fn scan<'a>(
    prog: &str,
    specs: &[Spec],
    args: &'a [Vec<u8>],
    unknown_ok: bool,
) -> Result<Scanned<'a>, String> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i][..];
        if word.first() != Some(&b'-') {
            break;
        }
        i += 1;
        if word == b"--" {
            break;
        }
        let mut name = &word[1..];
        if name.first() == Some(&b'-') {
            name = &name[1..];
        }
        let (name, inline) = match name.iter().position(|&c| c == b'=') {
            Some(at) => (&name[..at], Some(&name[at + 1..])),
            None => (name, None),
        };
        let shown = String::from_utf8_lossy(name);
        let Some(&(known, valued)) = specs.iter().find(|(n, _)| n.as_bytes() == name) else {
            if unknown_ok {
                items.push(Item::Unknown(name));
                continue;
            }
            return Err(format!("{prog}: Unknown option: -{shown}\n"));
        };
        if !valued {
            if inline.is_some() {
                return Err(format!("{prog}: Option -{shown} does not take a value\n"));
            }
            items.push(Item::Known(known, None));
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => {
                let Some(next) = args.get(i) else {
                    return Err(format!("{prog}: Option -{known} needs a value\n"));
                };
                i += 1;
                &next[..]
            }
        };
        items.push(Item::Known(known, Some(value)));
    }
    Ok((items, &args[i..]))
}

/// `opt_int` for options that take a count: a decimal number, optionally signed.
pub fn int(value: &[u8]) -> Option<i64> {
    std::str::from_utf8(value).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    const SPECS: &[Spec] = &[("r", false), ("out", true), ("hmac", true)];

    #[test]
    fn options_then_operands() {
        let a = args(&["-r", "--out", "o", "-hmac=k=v", "a", "-r"]);
        let (items, rest) = scan("dgst", SPECS, &a, false).unwrap();
        assert_eq!(
            items,
            vec![
                Item::Known("r", None),
                Item::Known("out", Some(b"o")),
                Item::Known("hmac", Some(b"k=v"))
            ]
        );
        assert_eq!(rest, &a[4..]);
        let a = args(&["-out", "-r", "--", "-r"]);
        let (items, rest) = scan("dgst", SPECS, &a, false).unwrap();
        assert_eq!(items, vec![Item::Known("out", Some(b"-r"))]);
        assert_eq!(rest, &a[3..]);
    }

    #[test]
    fn errors_and_unknowns() {
        assert_eq!(
            scan("kdf", SPECS, &args(&["-x"]), false).unwrap_err(),
            "kdf: Unknown option: -x\n"
        );
        assert_eq!(
            scan("kdf", SPECS, &args(&["--x=1"]), false).unwrap_err(),
            "kdf: Unknown option: -x\n"
        );
        assert_eq!(
            scan("dgst", SPECS, &args(&["-out"]), false).unwrap_err(),
            "dgst: Option -out needs a value\n"
        );
        assert_eq!(
            scan("dgst", SPECS, &args(&["-r=1"]), false).unwrap_err(),
            "dgst: Option -r does not take a value\n"
        );
        let a = args(&["-sha1", "f"]);
        let (items, rest) = scan("dgst", SPECS, &a, true).unwrap();
        assert_eq!(items, vec![Item::Unknown(b"sha1")]);
        assert_eq!(rest.len(), 1);
        assert_eq!(int(b"-12"), Some(-12));
        assert_eq!(int(b"1x"), None);
    }
}
