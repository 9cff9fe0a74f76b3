//! Command-line parsing that behaves like glibc's `getopt_long` for sha256sum.
//!
//! Options and operands may be mixed (getopt permutes them), `--` ends the
//! options, short options combine (`-bz`), and long options may be shortened
//! to any unambiguous prefix. The first bad option stops parsing with glibc's
//! exact diagnostic.

/// What a single recognised option does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opt {
    Binary,
    Check,
    Text,
    Warn,
    Zero,
    IgnoreMissing,
    Quiet,
    Status,
    Strict,
    Tag,
    Help,
    Version,
}

/// Long options in the order GNU's table lists them; glibc prints ambiguity
/// candidates in this order.
const LONG: &[(&str, Opt)] = &[
    ("check", Opt::Check),
    ("ignore-missing", Opt::IgnoreMissing),
    ("quiet", Opt::Quiet),
    ("status", Opt::Status),
    ("warn", Opt::Warn),
    ("strict", Opt::Strict),
    ("tag", Opt::Tag),
    ("zero", Opt::Zero),
    ("binary", Opt::Binary),
    ("text", Opt::Text),
    ("help", Opt::Help),
    ("version", Opt::Version),
];

/// One event from scanning the command line, in command-line order.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    Opt(Opt),
    Operand(Vec<u8>),
    /// A bad option: the diagnostic line, without the program-name prefix.
    Error(Vec<u8>),
}

/// Scans `args` (without argv\[0\]) into options, operands and errors.
///
/// Operands are reported where they appear; the caller collects them in order,
/// which is the order getopt's permutation leaves them in. Scanning stops after
/// the first error, since GNU exits there.
pub fn scan(args: &[Vec<u8>]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == b"--" {
            items.extend(rest.map(|a| Item::Operand(a.clone())));
            break;
        }
        let error = if let Some(body) = arg.strip_prefix(b"--") {
            match long_option(body) {
                Ok(opt) => {
                    items.push(Item::Opt(opt));
                    None
                }
                Err(message) => Some(message),
            }
        } else if arg.len() > 1 && arg[0] == b'-' {
            short_options(&arg[1..], &mut items)
        } else {
            items.push(Item::Operand(arg.clone()));
            None
        };
        if let Some(message) = error {
            items.push(Item::Error(message));
            break;
        }
    }
    items
}

/// Resolves a long option (the text after `--`) or returns glibc's complaint.
fn long_option(body: &[u8]) -> Result<Opt, Vec<u8>> {
    let (name, has_value) = match body.iter().position(|&c| c == b'=') {
        Some(eq) => (&body[..eq], true),
        None => (body, false),
    };
    let exact = LONG.iter().find(|(long, _)| long.as_bytes() == name);
    let (long, opt) = match exact {
        Some(&found) => found,
        None => {
            let matches: Vec<_> = LONG
                .iter()
                .filter(|(long, _)| long.as_bytes().starts_with(name))
                .collect();
            match matches.as_slice() {
                [] => {
                    let mut message = b"unrecognized option '--".to_vec();
                    message.extend_from_slice(body);
                    message.push(b'\'');
                    return Err(message);
                }
                [only] => **only,
                several => {
                    let mut message = b"option '--".to_vec();
                    message.extend_from_slice(body);
                    message.extend_from_slice(b"' is ambiguous; possibilities:");
                    for (long, _) in several {
                        message.extend_from_slice(format!(" '--{long}'").as_bytes());
                    }
                    return Err(message);
                }
            }
        }
    };
    if has_value {
        return Err(format!("option '--{long}' doesn't allow an argument").into_bytes());
    }
    Ok(opt)
}

/// Handles a cluster of short options such as `bz` from `-bz`.
fn short_options(cluster: &[u8], items: &mut Vec<Item>) -> Option<Vec<u8>> {
    for &c in cluster {
        let opt = match c {
            b'b' => Opt::Binary,
            b'c' => Opt::Check,
            b't' => Opt::Text,
            b'w' => Opt::Warn,
            b'z' => Opt::Zero,
            _ => {
                let mut message = b"invalid option -- '".to_vec();
                message.push(c);
                message.push(b'\'');
                return Some(message);
            }
        };
        items.push(Item::Opt(opt));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{Item, scan};

    fn check(args: &[&str], expect: &str) {
        let args: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        let got: Vec<String> = scan(&args)
            .into_iter()
            .map(|item| match item {
                Item::Opt(opt) => format!("{opt:?}"),
                Item::Operand(name) => format!("<{}>", String::from_utf8_lossy(&name)),
                Item::Error(message) => format!("!{}", String::from_utf8_lossy(&message)),
            })
            .collect();
        assert_eq!(got.join(" "), expect, "args {args:?}");
    }

    #[test]
    fn short_and_long() {
        check(&[], "");
        check(&["-b", "a"], "Binary <a>");
        check(&["-bz", "a", "-t"], "Binary Zero <a> Text");
        check(&["-cw"], "Check Warn");
        check(&["--check", "--tag", "--zero"], "Check Tag Zero");
        check(&["-", "x"], "<-> <x>");
    }

    #[test]
    fn prefixes() {
        check(&["--stat"], "Status");
        check(&["--stri"], "Strict");
        check(&["--ta", "--te"], "Tag Text");
        check(
            &["--c", "--q", "--i", "--w", "--z", "--b"],
            "Check Quiet IgnoreMissing Warn Zero Binary",
        );
        check(&["--h"], "Help");
        check(&["--v"], "Version");
    }

    #[test]
    fn double_dash_ends_options() {
        check(&["--", "-x", "--tag"], "<-x> <--tag>");
        check(&["a", "--", "--"], "<a> <-->");
    }

    #[test]
    fn errors() {
        check(&["-x"], "!invalid option -- 'x'");
        check(&["-bx", "-y"], "Binary !invalid option -- 'x'");
        check(&["-b-"], "Binary !invalid option -- '-'");
        check(&["--foo"], "!unrecognized option '--foo'");
        check(&["--foo=bar"], "!unrecognized option '--foo=bar'");
        check(&["---x"], "!unrecognized option '---x'");
        check(&["--checkx"], "!unrecognized option '--checkx'");
        check(&["--TAG"], "!unrecognized option '--TAG'");
        check(&["--x="], "!unrecognized option '--x='");
        check(
            &["--check=1"],
            "!option '--check' doesn't allow an argument",
        );
        check(&["--chec=1"], "!option '--check' doesn't allow an argument");
        check(&["--tag="], "!option '--tag' doesn't allow an argument");
        check(&["--h="], "!option '--help' doesn't allow an argument");
        check(
            &["--s"],
            "!option '--s' is ambiguous; possibilities: '--status' '--strict'",
        );
        check(
            &["--st=1"],
            "!option '--st=1' is ambiguous; possibilities: '--status' '--strict'",
        );
        check(
            &["--t"],
            "!option '--t' is ambiguous; possibilities: '--tag' '--text'",
        );
        check(
            &["--="],
            "!option '--=' is ambiguous; possibilities: '--check' '--ignore-missing' \
             '--quiet' '--status' '--warn' '--strict' '--tag' '--zero' '--binary' '--text' \
             '--help' '--version'",
        );
    }

    #[test]
    fn options_after_operands_still_count() {
        check(&["a", "-b", "b", "--tag"], "<a> Binary <b> Tag");
    }
}
