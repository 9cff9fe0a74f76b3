//! glibc 2.36's `getopt_long`, as coreutils and util-linux programs see it in the C locale.
//!
//! Options are returned one at a time, left to right, so a program can act on each (and
//! stop at the first bad value) exactly when the C program would. Operands are permuted
//! to the end, as glibc does without `POSIXLY_CORRECT`: they keep their order, and `--`
//! makes every later word an operand. Error messages are glibc's, without the leading
//! `PROG: ` (the caller adds it).

/// Whether a long option takes an argument (glibc's `no_argument`, `required_argument`,
/// `optional_argument`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HasArg {
    No,
    Required,
    Optional,
}

/// One entry of a `struct option` table. Two entries with the same `id` and `has_arg` are
/// the same option for glibc's ambiguity check (`flag` is always NULL in our programs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongOption {
    pub name: &'static str,
    pub has_arg: HasArg,
    pub id: u32,
}

/// An option found on the command line: its id (the short option's byte, or the long
/// option's `id`), its argument, and the long option's full name when it was given in
/// long form (some messages name the option as it was given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub id: u32,
    pub arg: Option<String>,
    pub long: Option<&'static str>,
}

/// What glibc prints for a bad option, without `PROG: ` and the newline. Every such error
/// is followed by coreutils' "Try ... --help" hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetoptError {
    pub message: Vec<u8>,
}

impl GetoptError {
    fn new(parts: &[&[u8]]) -> Self {
        GetoptError {
            message: parts.concat(),
        }
    }
}

/// How a short option letter is declared in the option string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShortKind {
    Flag,
    Required,
    Optional,
}

/// An iterator over the options of `args` (argv without argv\[0\]).
#[derive(Debug)]
pub struct Getopt<'a> {
    args: &'a [String],
    optstring: &'a [u8],
    long: &'a [LongOption],
    /// Index of the next word to look at.
    index: usize,
    /// Inside a group of short options: the word's index and the next letter's position.
    group: Option<(usize, usize)>,
    operands: Vec<String>,
    finished: bool,
}

impl<'a> Getopt<'a> {
    /// `optstring` is glibc's: letters, each followed by `:` (required argument) or `::`
    /// (optional argument, only attached: `-w5`).
    pub fn new(args: &'a [String], optstring: &'a str, long: &'a [LongOption]) -> Self {
        Getopt {
            args,
            optstring: optstring.as_bytes(),
            long,
            index: 0,
            group: None,
            operands: Vec::new(),
            finished: false,
        }
    }

    /// The operands, in order. Only complete once the iterator returned `None`; after an
    /// error it holds the operands seen so far.
    pub fn operands(&self) -> &[String] {
        &self.operands
    }

    fn short_kind(&self, c: u8) -> Option<ShortKind> {
        if c == b':' {
            return None;
        }
        let at = self.optstring.iter().position(|&b| b == c)?;
        let rest = &self.optstring[at + 1..];
        Some(match rest {
            [b':', b':', ..] => ShortKind::Optional,
            [b':', ..] => ShortKind::Required,
            _ => ShortKind::Flag,
        })
    }

    fn next_short(&mut self, word: usize, pos: usize) -> Result<Opt, GetoptError> {
        let bytes = self.args[word].as_bytes();
        let c = bytes[pos];
        let rest = &bytes[pos + 1..];
        let at_end = rest.is_empty();
        self.group = if at_end { None } else { Some((word, pos + 1)) };
        let Some(kind) = self.short_kind(c) else {
            return Err(GetoptError::new(&[b"invalid option -- '", &[c], b"'"]));
        };
        let id = u32::from(c);
        match kind {
            ShortKind::Flag => Ok(Opt {
                id,
                arg: None,
                long: None,
            }),
            ShortKind::Optional => {
                self.group = None;
                let arg = (!at_end).then(|| String::from_utf8_lossy(rest).into_owned());
                Ok(Opt {
                    id,
                    arg,
                    long: None,
                })
            }
            ShortKind::Required => {
                self.group = None;
                if !at_end {
                    Ok(Opt {
                        id,
                        arg: Some(String::from_utf8_lossy(rest).into_owned()),
                        long: None,
                    })
                } else if self.index < self.args.len() {
                    self.index += 1;
                    Ok(Opt {
                        id,
                        arg: Some(self.args[self.index - 1].clone()),
                        long: None,
                    })
                } else {
                    Err(GetoptError::new(&[
                        b"option requires an argument -- '",
                        &[c],
                        b"'",
                    ]))
                }
            }
        }
    }

    /// `body` is the word after `--`.
    fn next_long(&mut self, body: &[u8]) -> Result<Opt, GetoptError> {
        let (name, value) = match body.iter().position(|&b| b == b'=') {
            Some(eq) => (&body[..eq], Some(&body[eq + 1..])),
            None => (body, None),
        };
        let option = self.match_long(name, body)?;
        let arg = match option.has_arg {
            HasArg::No => {
                if value.is_some() {
                    return Err(GetoptError::new(&[
                        b"option '--",
                        option.name.as_bytes(),
                        b"' doesn't allow an argument",
                    ]));
                }
                None
            }
            HasArg::Optional => value.map(|v| String::from_utf8_lossy(v).into_owned()),
            HasArg::Required => match value {
                Some(v) => Some(String::from_utf8_lossy(v).into_owned()),
                None if self.index < self.args.len() => {
                    self.index += 1;
                    Some(self.args[self.index - 1].clone())
                }
                None => {
                    return Err(GetoptError::new(&[
                        b"option '--",
                        option.name.as_bytes(),
                        b"' requires an argument",
                    ]));
                }
            },
        };
        Ok(Opt {
            id: option.id,
            arg,
            long: Some(option.name),
        })
    }

    /// An exact name, else a prefix that matches one option (or several that are the
    /// same option), else glibc's "unrecognized" or "ambiguous".
    fn match_long(&self, name: &[u8], body: &[u8]) -> Result<LongOption, GetoptError> {
        if let Some(exact) = self.long.iter().find(|o| o.name.as_bytes() == name) {
            return Ok(*exact);
        }
        let mut found: Option<LongOption> = None;
        let mut ambiguous: Vec<&str> = Vec::new();
        for option in self.long {
            if !option.name.as_bytes().starts_with(name) {
                continue;
            }
            match found {
                None => found = Some(*option),
                Some(first) => {
                    if first.has_arg != option.has_arg || first.id != option.id {
                        if ambiguous.is_empty() {
                            ambiguous.push(first.name);
                        }
                        ambiguous.push(option.name);
                    }
                }
            }
        }
        if !ambiguous.is_empty() {
            let mut message = b"option '--".to_vec();
            message.extend_from_slice(body);
            message.extend_from_slice(b"' is ambiguous; possibilities:");
            for candidate in ambiguous {
                message.extend_from_slice(b" '--");
                message.extend_from_slice(candidate.as_bytes());
                message.push(b'\'');
            }
            return Err(GetoptError { message });
        }
        found.ok_or_else(|| GetoptError::new(&[b"unrecognized option '--", body, b"'"]))
    }
}

impl Iterator for Getopt<'_> {
    type Item = Result<Opt, GetoptError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        if let Some((word, pos)) = self.group {
            return Some(self.next_short(word, pos));
        }
        while self.index < self.args.len() {
            let word = self.index;
            let bytes = self.args[word].as_bytes();
            self.index += 1;
            if bytes == b"--" {
                self.operands.extend_from_slice(&self.args[self.index..]);
                self.index = self.args.len();
                break;
            }
            if let Some(body) = bytes.strip_prefix(b"--") {
                return Some(self.next_long(body));
            }
            if bytes.len() > 1 && bytes[0] == b'-' {
                return Some(self.next_short(word, 1));
            }
            self.operands.push(self.args[word].clone());
        }
        self.finished = true;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &[LongOption] = &[
        LongOption {
            name: "decode",
            has_arg: HasArg::No,
            id: b'd' as u32,
        },
        LongOption {
            name: "wrap",
            has_arg: HasArg::Required,
            id: b'w' as u32,
        },
        LongOption {
            name: "width",
            has_arg: HasArg::Optional,
            id: 300,
        },
        LongOption {
            name: "base32",
            has_arg: HasArg::No,
            id: 301,
        },
        LongOption {
            name: "base32hex",
            has_arg: HasArg::No,
            id: 302,
        },
        LongOption {
            name: "traditional",
            has_arg: HasArg::No,
            id: 303,
        },
        LongOption {
            name: "trad-alias",
            has_arg: HasArg::No,
            id: 303,
        },
    ];

    /// Parses `args` with optstring "dw:x::" and renders every option, error and operand.
    fn check(args: &[&str], expect: &str) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut getopt = Getopt::new(&args, "dw:x::", LONG);
        let mut seen = Vec::new();
        for item in getopt.by_ref() {
            match item {
                Ok(Opt { id, arg, .. }) => seen.push(match arg {
                    Some(a) => format!("{id}={a}"),
                    None => format!("{id}"),
                }),
                Err(e) => {
                    seen.push(format!("error: {}", String::from_utf8_lossy(&e.message)));
                    break;
                }
            }
        }
        for operand in getopt.operands() {
            seen.push(format!("[{operand}]"));
        }
        assert_eq!(seen.join(" "), expect, "args {args:?}");
    }

    #[test]
    fn short_options() {
        check(&["-d"], "100");
        check(&["-dd", "a"], "100 100 [a]");
        check(&["-w", "5"], "119=5");
        check(&["-w5", "b"], "119=5 [b]");
        check(&["-dw", "--"], "100 119=--");
        check(&["-w"], "error: option requires an argument -- 'w'");
        check(&["-dq"], "100 error: invalid option -- 'q'");
        check(&["-:"], "error: invalid option -- ':'");
        check(&["-x"], "120");
        check(&["-x7"], "120=7");
        check(&["-x", "7"], "120 [7]");
        check(&["-d-"], "100 error: invalid option -- '-'");
    }

    #[test]
    fn operands_are_permuted() {
        check(&["a", "-d", "b"], "100 [a] [b]");
        check(&["-", "--", "-d", "--"], "[-] [-d] [--]");
        check(&["a", "--", "b"], "[a] [b]");
        check(&["--"], "");
        check(&[], "");
    }

    #[test]
    fn long_options() {
        check(&["--decode"], "100");
        check(&["--dec", "--wrap=3", "--wr", "4"], "100 119=3 119=4");
        check(&["--wrap", "-d"], "119=-d");
        check(&["--wrap"], "error: option '--wrap' requires an argument");
        check(&["--wi"], "300");
        check(&["--wi=9", "8"], "300=9 [8]");
        check(&["--width="], "300=");
        check(
            &["--decode=1"],
            "error: option '--decode' doesn't allow an argument",
        );
        check(&["--nope=1"], "error: unrecognized option '--nope=1'");
        check(&["--base32"], "301");
        check(&["--base32h"], "302");
        check(
            &["--base3=x"],
            "error: option '--base3=x' is ambiguous; possibilities: '--base32' '--base32hex'",
        );
        check(
            &["--w"],
            "error: option '--w' is ambiguous; possibilities: '--wrap' '--width'",
        );
        // Two names of the same option are not ambiguous.
        check(&["--tra"], "303");
        check(
            &["--=x"],
            "error: option '--=x' is ambiguous; possibilities: '--decode' '--wrap' '--width' \
             '--base32' '--base32hex' '--traditional' '--trad-alias'",
        );
    }
}
