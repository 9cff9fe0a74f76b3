//! GNU AutoOpts 5.18 option processing, as sharutils 4.15.2's `uuencode` and `uudecode`
//! use it (their own copy of libopts).
//!
//! Options come before the operands: the first word that is not an option (or `-` alone)
//! ends them, and so does `--`. Long option names match case-insensitively with `-`, `_`
//! and `^` equivalent, a unique prefix of at least two characters is enough, and a full
//! name wins over a longer name it is a prefix of. AutoOpts reads the command line twice:
//! the first pass reports syntax errors (unknown options, arguments where none is allowed,
//! missing arguments), the second handles the options in order and reports an option given
//! more often than allowed.

/// Whether an option takes an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    None,
    Required,
    /// Taken from the rest of the word, or from the next word when it does not start
    /// with `-`.
    Optional,
}

/// One option of the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionDef {
    pub name: &'static str,
    pub short: u8,
    pub arg: Arg,
    /// How many times it may be given (AutoOpts' `max`).
    pub max: u32,
    /// The name that turns it off (`no-load-opts`), if any.
    pub disable: Option<&'static str>,
}

/// An option found on the command line (second pass, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into the option table.
    pub index: usize,
    pub arg: Option<String>,
    /// Given by its disabling name.
    pub disabled: bool,
}

/// A command-line error, as AutoOpts reports it. Each is followed by the program's usage
/// lines and exit status 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptError {
    /// `PATH: illegal option -- C`
    IllegalShort(u8),
    /// `PATH: illegal option -- NAME`
    IllegalLong(String),
    /// `NAME: invalid option name: N` (a long name of fewer than two characters).
    InvalidName(String),
    /// `PATH: The 'NAME' option cannot have an argument.`
    NoArgument(&'static str),
    /// `PATH: The 'NAME' option requires an argument.`
    MissingArgument(&'static str),
    /// `NAME error:  only one NAME option allowed`
    TooMany(&'static str),
}

impl OptError {
    /// The message line, with `path` (argv\[0\]) and `base` (its last path component).
    pub fn message(&self, path: &str, base: &str) -> Vec<u8> {
        let text = match self {
            OptError::IllegalShort(c) => {
                return [
                    format!("{path}: illegal option -- ").as_bytes(),
                    &[*c],
                    b"\n",
                ]
                .concat();
            }
            OptError::IllegalLong(name) => format!("{path}: illegal option -- {name}\n"),
            OptError::InvalidName(name) => format!("{base}: invalid option name: {name}\n"),
            OptError::NoArgument(name) => {
                format!("{path}: The '{name}' option cannot have an argument.\n")
            }
            OptError::MissingArgument(name) => {
                format!("{path}: The '{name}' option requires an argument.\n")
            }
            OptError::TooMany(name) => format!("{base} error:  only one {name} option allowed\n"),
        };
        text.into_bytes()
    }
}

/// The last component of `argv[0]`, as AutoOpts' `pzProgName`.
pub fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// AutoOpts' name comparison: ASCII case folded, `-` `_` `^` equivalent.
fn fold(c: u8) -> u8 {
    match c {
        b'_' | b'^' => b'-',
        _ => c.to_ascii_lowercase(),
    }
}

fn matches_prefix(given: &[u8], name: &str) -> bool {
    let name = name.as_bytes();
    given.len() <= name.len() && given.iter().zip(name).all(|(&a, &b)| fold(a) == fold(b))
}

/// Parses `args` (without argv\[0\]): the options found, in order, and the operands.
///
/// # Errors
/// The first syntax error of the first pass, else the first option given too often.
pub fn parse(args: &[String], table: &[OptionDef]) -> Result<(Vec<Found>, Vec<String>), OptError> {
    let (found, operands) = parse_syntax(args, table)?;
    match first_repeat(&found, table) {
        Some(at) => Err(OptError::TooMany(table[found[at].index].name)),
        None => Ok((found, operands)),
    }
}

/// Where the second pass stops: the position in `found` of the first option given more
/// often than allowed. The options before it have been handled, in order.
pub fn first_repeat(found: &[Found], table: &[OptionDef]) -> Option<usize> {
    let mut counts = vec![0u32; table.len()];
    found.iter().position(|option| {
        counts[option.index] += 1;
        counts[option.index] > table[option.index].max
    })
}

/// The first pass: the options found, in order, and the operands.
///
/// # Errors
/// The first syntax error.
pub fn parse_syntax(
    args: &[String],
    table: &[OptionDef],
) -> Result<(Vec<Found>, Vec<String>), OptError> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = args[i].as_bytes();
        if word.first() != Some(&b'-') || word.len() == 1 {
            break;
        }
        i += 1;
        if word == b"--" {
            break;
        }
        if let Some(body) = word.strip_prefix(b"--") {
            let (name, value) = match body.iter().position(|&b| b == b'=') {
                Some(eq) => (&body[..eq], Some(&body[eq + 1..])),
                None => (body, None),
            };
            let name_text = String::from_utf8_lossy(name).into_owned();
            if name.len() <= 1 {
                return Err(OptError::InvalidName(name_text));
            }
            let (index, disabled) =
                find_long(table, name).ok_or(OptError::IllegalLong(name_text))?;
            let def = table[index];
            let value = value.map(|v| String::from_utf8_lossy(v).into_owned());
            let arg = match (def.arg, disabled) {
                (Arg::None, _) | (_, true) => {
                    if value.is_some() {
                        return Err(OptError::NoArgument(def.name));
                    }
                    None
                }
                (Arg::Required, false) => match value {
                    Some(v) => Some(v),
                    None if i < args.len() => {
                        i += 1;
                        Some(args[i - 1].clone())
                    }
                    None => return Err(OptError::MissingArgument(def.name)),
                },
                (Arg::Optional, false) => match value {
                    Some(v) => Some(v),
                    None if i < args.len() && !args[i].starts_with('-') => {
                        i += 1;
                        Some(args[i - 1].clone())
                    }
                    None => None,
                },
            };
            found.push(Found {
                index,
                arg,
                disabled,
            });
            continue;
        }
        let mut k = 1;
        while k < word.len() {
            let c = word[k];
            k += 1;
            let index = table
                .iter()
                .position(|d| d.short == c)
                .ok_or(OptError::IllegalShort(c))?;
            let def = table[index];
            let rest = &word[k..];
            let arg = match def.arg {
                Arg::None => None,
                Arg::Required => {
                    let value = if !rest.is_empty() {
                        String::from_utf8_lossy(rest).into_owned()
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(OptError::MissingArgument(def.name));
                    };
                    k = word.len();
                    Some(value)
                }
                Arg::Optional => {
                    let value = if !rest.is_empty() {
                        Some(String::from_utf8_lossy(rest).into_owned())
                    } else if i < args.len() && !args[i].starts_with('-') {
                        i += 1;
                        Some(args[i - 1].clone())
                    } else {
                        None
                    };
                    k = word.len();
                    value
                }
            };
            found.push(Found {
                index,
                arg,
                disabled: false,
            });
        }
    }
    Ok((found, args[i..].to_vec()))
}

/// The option a long name means: an exact name (or disabling name) first, else the only
/// option whose name or disabling name starts with it.
fn find_long(table: &[OptionDef], name: &[u8]) -> Option<(usize, bool)> {
    let mut hit = None;
    let mut count = 0;
    for (index, def) in table.iter().enumerate() {
        if matches_prefix(name, def.name) {
            if name.len() == def.name.len() {
                return Some((index, false));
            }
            hit = Some((index, false));
            count += 1;
        } else if let Some(disable) = def.disable
            && matches_prefix(name, disable)
        {
            if name.len() == disable.len() {
                return Some((index, true));
            }
            hit = Some((index, true));
            count += 1;
        }
    }
    // No two names of sharutils' programs share their first two characters, so a prefix
    // of two or more characters never matches twice.
    if count == 1 { hit } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[OptionDef] = &[
        OptionDef {
            name: "output-file",
            short: b'o',
            arg: Arg::Required,
            max: 1,
            disable: None,
        },
        OptionDef {
            name: "base64",
            short: b'm',
            arg: Arg::None,
            max: 1,
            disable: None,
        },
        OptionDef {
            name: "version",
            short: b'v',
            arg: Arg::Optional,
            max: 1,
            disable: None,
        },
        OptionDef {
            name: "load-opts",
            short: b'r',
            arg: Arg::Required,
            max: 9,
            disable: Some("no-load-opts"),
        },
    ];

    /// Parses `args` and renders the options and operands, or the error.
    fn check(args: &[&str], expect: &str) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let got = match parse(&args, TABLE) {
            Ok((found, operands)) => {
                let mut parts: Vec<String> = found
                    .iter()
                    .map(|f| {
                        let name =
                            if f.disabled { "no-" } else { "" }.to_string() + TABLE[f.index].name;
                        match &f.arg {
                            Some(a) => format!("{name}={a}"),
                            None => name,
                        }
                    })
                    .collect();
                parts.extend(operands.iter().map(|o| format!("[{o}]")));
                parts.join(" ")
            }
            Err(e) => String::from_utf8(e.message("./uu", "uu")).unwrap(),
        };
        assert_eq!(got, expect, "{args:?}");
    }

    #[test]
    fn options_before_operands() {
        check(&["-m", "x"], "base64 [x]");
        check(&["x", "-m"], "[x] [-m]");
        check(&["-", "-m"], "[-] [-m]");
        check(&["--", "-m"], "[-m]");
        check(&["-m", "--", "--"], "base64 [--]");
        check(&["-oout", "a"], "output-file=out [a]");
        check(&["-mo", "out", "a"], "base64 output-file=out [a]");
        check(&["-o", "-x"], "output-file=-x");
        check(&["-v", "-m"], "version base64");
        check(&["-v", "m"], "version=m");
        check(&["-v2"], "version=2");
    }

    #[test]
    fn long_names() {
        check(&["--base64"], "base64");
        check(&["--BA"], "base64");
        check(&["--Output_File=f"], "output-file=f");
        check(&["--output^file", "f"], "output-file=f");
        check(&["--out", "f", "g"], "output-file=f [g]");
        check(&["--output-file="], "output-file=");
        check(&["--ver", "x"], "version=x");
        check(&["--ver=", "x"], "version= [x]");
        check(&["--no-load"], "no-load-opts");
        check(&["--load-opts=f"], "load-opts=f");
    }

    #[test]
    fn errors() {
        check(&["-x"], "./uu: illegal option -- x\n");
        check(&["-mx", "--foo"], "./uu: illegal option -- x\n");
        check(&["--foo=1"], "./uu: illegal option -- foo\n");
        check(&["--base64x"], "./uu: illegal option -- base64x\n");
        check(&["--b"], "uu: invalid option name: b\n");
        check(&["--=1"], "uu: invalid option name: \n");
        check(
            &["--base64=1"],
            "./uu: The 'base64' option cannot have an argument.\n",
        );
        check(
            &["--no-load-opts=1"],
            "./uu: The 'load-opts' option cannot have an argument.\n",
        );
        check(
            &["-o"],
            "./uu: The 'output-file' option requires an argument.\n",
        );
        check(
            &["--output-file"],
            "./uu: The 'output-file' option requires an argument.\n",
        );
        check(&["-mm"], "uu error:  only one base64 option allowed\n");
        // Syntax errors anywhere come before repetitions.
        check(&["-mm", "-x"], "./uu: illegal option -- x\n");
        check(
            &["-oa", "-ob", "-mm"],
            "uu error:  only one output-file option allowed\n",
        );
        assert_eq!(base_name("/usr/bin/uudecode"), "uudecode");
        assert_eq!(base_name("uudecode"), "uudecode");
    }
}
