//! Command-line parsing that behaves like glibc's `getopt_long` with each program's
//! option string and long-option table.
//!
//! Options and operands may be mixed (getopt permutes them), `--` ends the options,
//! short options combine (`-bz`), an option's argument is the rest of its cluster or the
//! next argument whatever it looks like, and long options may be shortened to any
//! unambiguous prefix. The first bad option stops parsing with glibc's exact diagnostic.

use crate::Kind;

/// What a recognised option does; the program decides what that means.
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
    Untagged,
    /// cksum's `-b` and `-t`: in its option string, handled by no case.
    NoMode,
    Length,
    Algorithm,
    Debug,
    /// sum's `-r`.
    Bsd,
    /// sum's `-s`.
    Sysv,
    Help,
    Version,
}

/// A program's options: short letters (with whether they take an argument) and long
/// names in GNU's table order, which glibc lists ambiguity candidates in.
pub struct Spec {
    short: &'static [(u8, Opt, bool)],
    long: &'static [(&'static str, Opt, bool)],
}

/// `md5sum` and the SHA programs: "bctwz".
const FIXED_SHORT: &[(u8, Opt, bool)] = &[
    (b'b', Opt::Binary, false),
    (b'c', Opt::Check, false),
    (b't', Opt::Text, false),
    (b'w', Opt::Warn, false),
    (b'z', Opt::Zero, false),
];

const FIXED_LONG: &[(&str, Opt, bool)] = &[
    ("check", Opt::Check, false),
    ("ignore-missing", Opt::IgnoreMissing, false),
    ("quiet", Opt::Quiet, false),
    ("status", Opt::Status, false),
    ("warn", Opt::Warn, false),
    ("strict", Opt::Strict, false),
    ("tag", Opt::Tag, false),
    ("zero", Opt::Zero, false),
    ("binary", Opt::Binary, false),
    ("text", Opt::Text, false),
    ("help", Opt::Help, false),
    ("version", Opt::Version, false),
];

/// `b2sum`: "l:bctwz".
const BLAKE2_SHORT: &[(u8, Opt, bool)] = &[
    (b'l', Opt::Length, true),
    (b'b', Opt::Binary, false),
    (b'c', Opt::Check, false),
    (b't', Opt::Text, false),
    (b'w', Opt::Warn, false),
    (b'z', Opt::Zero, false),
];

const BLAKE2_LONG: &[(&str, Opt, bool)] = &[
    ("length", Opt::Length, true),
    ("check", Opt::Check, false),
    ("ignore-missing", Opt::IgnoreMissing, false),
    ("quiet", Opt::Quiet, false),
    ("status", Opt::Status, false),
    ("warn", Opt::Warn, false),
    ("strict", Opt::Strict, false),
    ("tag", Opt::Tag, false),
    ("zero", Opt::Zero, false),
    ("binary", Opt::Binary, false),
    ("text", Opt::Text, false),
    ("help", Opt::Help, false),
    ("version", Opt::Version, false),
];

/// `cksum`: "a:l:bctwz", where `b` and `t` do nothing but fail.
const CKSUM_SHORT: &[(u8, Opt, bool)] = &[
    (b'a', Opt::Algorithm, true),
    (b'l', Opt::Length, true),
    (b'b', Opt::NoMode, false),
    (b'c', Opt::Check, false),
    (b't', Opt::NoMode, false),
    (b'w', Opt::Warn, false),
    (b'z', Opt::Zero, false),
];

const CKSUM_LONG: &[(&str, Opt, bool)] = &[
    ("length", Opt::Length, true),
    ("check", Opt::Check, false),
    ("ignore-missing", Opt::IgnoreMissing, false),
    ("quiet", Opt::Quiet, false),
    ("status", Opt::Status, false),
    ("warn", Opt::Warn, false),
    ("strict", Opt::Strict, false),
    ("tag", Opt::Tag, false),
    ("zero", Opt::Zero, false),
    ("algorithm", Opt::Algorithm, true),
    ("debug", Opt::Debug, false),
    ("untagged", Opt::Untagged, false),
    ("help", Opt::Help, false),
    ("version", Opt::Version, false),
];

/// `sum`: "rs".
const SUM_SHORT: &[(u8, Opt, bool)] = &[(b'r', Opt::Bsd, false), (b's', Opt::Sysv, false)];

const SUM_LONG: &[(&str, Opt, bool)] = &[
    ("sysv", Opt::Sysv, false),
    ("help", Opt::Help, false),
    ("version", Opt::Version, false),
];

impl Spec {
    pub fn of(kind: &Kind) -> Spec {
        let (short, long) = match kind {
            Kind::Fixed(_) => (FIXED_SHORT, FIXED_LONG),
            Kind::Blake2(_) => (BLAKE2_SHORT, BLAKE2_LONG),
            Kind::Cksum(_) => (CKSUM_SHORT, CKSUM_LONG),
            Kind::Sum(_) => (SUM_SHORT, SUM_LONG),
        };
        Spec { short, long }
    }
}

/// One event from scanning the command line, in command-line order.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    /// An option and its argument (empty when it takes none).
    Opt(Opt, Vec<u8>),
    Operand(Vec<u8>),
    /// A bad option: glibc's diagnostic, without the program-name prefix.
    Error(Vec<u8>),
}

/// Scans `args` (without argv\[0\]) into options, operands and errors.
///
/// Operands are reported where they appear; the caller collects them in order, which is
/// the order getopt's permutation leaves them in. Scanning stops after the first error,
/// since GNU exits there.
pub fn scan(spec: &Spec, args: &[Vec<u8>]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == b"--" {
            items.extend(args[i..].iter().map(|a| Item::Operand(a.clone())));
            break;
        }
        let result = if let Some(body) = arg.strip_prefix(b"--") {
            long_option(spec, body, args, &mut i).map(|item| items.push(item))
        } else if arg.len() > 1 && arg[0] == b'-' {
            short_options(spec, &arg[1..], args, &mut i, &mut items)
        } else {
            items.push(Item::Operand(arg.clone()));
            Ok(())
        };
        if let Err(message) = result {
            items.push(Item::Error(message));
            break;
        }
    }
    items
}

/// Resolves a long option (the text after `--`), taking its argument from after `=` or
/// from the next argument; or returns glibc's complaint.
fn long_option(
    spec: &Spec,
    body: &[u8],
    args: &[Vec<u8>],
    next: &mut usize,
) -> Result<Item, Vec<u8>> {
    let (name, value) = match body.iter().position(|&c| c == b'=') {
        Some(eq) => (&body[..eq], Some(&body[eq + 1..])),
        None => (body, None),
    };
    let exact = spec
        .long
        .iter()
        .find(|(long, _, _)| long.as_bytes() == name);
    let (long, opt, takes_arg) = match exact {
        Some(&found) => found,
        None => {
            let matches: Vec<_> = spec
                .long
                .iter()
                .filter(|(long, _, _)| long.as_bytes().starts_with(name))
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
                    for (long, _, _) in several {
                        message.extend_from_slice(format!(" '--{long}'").as_bytes());
                    }
                    return Err(message);
                }
            }
        }
    };
    match (takes_arg, value) {
        (false, None) => Ok(Item::Opt(opt, Vec::new())),
        (false, Some(_)) => {
            Err(format!("option '--{long}' doesn't allow an argument").into_bytes())
        }
        (true, Some(value)) => Ok(Item::Opt(opt, value.to_vec())),
        (true, None) => match args.get(*next) {
            Some(value) => {
                *next += 1;
                Ok(Item::Opt(opt, value.clone()))
            }
            None => Err(format!("option '--{long}' requires an argument").into_bytes()),
        },
    }
}

/// Handles a cluster of short options such as `bz` from `-bz`; an option that takes an
/// argument consumes the rest of the cluster, or else the next argument.
fn short_options(
    spec: &Spec,
    cluster: &[u8],
    args: &[Vec<u8>],
    next: &mut usize,
    items: &mut Vec<Item>,
) -> Result<(), Vec<u8>> {
    for (at, &c) in cluster.iter().enumerate() {
        let Some(&(_, opt, takes_arg)) = spec.short.iter().find(|(letter, _, _)| *letter == c)
        else {
            let mut message = b"invalid option -- '".to_vec();
            message.push(c);
            message.push(b'\'');
            return Err(message);
        };
        if !takes_arg {
            items.push(Item::Opt(opt, Vec::new()));
            continue;
        }
        let rest = &cluster[at + 1..];
        if !rest.is_empty() {
            items.push(Item::Opt(opt, rest.to_vec()));
        } else if let Some(value) = args.get(*next) {
            *next += 1;
            items.push(Item::Opt(opt, value.clone()));
        } else {
            let mut message = b"option requires an argument -- '".to_vec();
            message.push(c);
            message.push(b'\'');
            return Err(message);
        }
        return Ok(());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Item, Spec, scan};
    use crate::Kind;

    fn check(kind: &Kind, args: &[&str], expect: &str) {
        let args: Vec<Vec<u8>> = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        let got: Vec<String> = scan(&Spec::of(kind), &args)
            .into_iter()
            .map(|item| match item {
                Item::Opt(opt, arg) if arg.is_empty() => format!("{opt:?}"),
                Item::Opt(opt, arg) => format!("{opt:?}={}", String::from_utf8_lossy(&arg)),
                Item::Operand(name) => format!("<{}>", String::from_utf8_lossy(&name)),
                Item::Error(message) => format!("!{}", String::from_utf8_lossy(&message)),
            })
            .collect();
        assert_eq!(got.join(" "), expect, "args {args:?}");
    }

    const FIXED: Kind = Kind::Fixed(&crate::tests::MD5);
    const BLAKE2: Kind = Kind::Blake2(&crate::tests::MD5);
    const CKSUM: Kind = Kind::Cksum(&[]);
    const SUM: Kind = Kind::Sum(&[crate::tests::MD5, crate::tests::MD5]);

    #[test]
    fn short_and_long() {
        check(&FIXED, &[], "");
        check(&FIXED, &["-b", "a"], "Binary <a>");
        check(&FIXED, &["-bz", "a", "-t"], "Binary Zero <a> Text");
        check(&FIXED, &["--check", "--tag", "--zero"], "Check Tag Zero");
        check(&FIXED, &["-", "x"], "<-> <x>");
        check(&FIXED, &["--", "-x", "--tag"], "<-x> <--tag>");
        check(&FIXED, &["a", "-b", "b", "--tag"], "<a> Binary <b> Tag");
        check(&SUM, &["-rs", "--sys", "-"], "Bsd Sysv Sysv <->");
        check(&CKSUM, &["-b", "--unt", "--deb"], "NoMode Untagged Debug");
    }

    #[test]
    fn arguments() {
        check(&BLAKE2, &["-l8", "-l", "16", "x"], "Length=8 Length=16 <x>");
        check(&BLAKE2, &["-bl", "-c", "x"], "Binary Length=-c <x>");
        // An empty value prints as no value here: `--length=` gives `-l` the value "".
        check(
            &BLAKE2,
            &["--length=", "--len", "--", "y"],
            "Length Length=-- <y>",
        );
        check(&BLAKE2, &["-l"], "!option requires an argument -- 'l'");
        check(
            &BLAKE2,
            &["--length"],
            "!option '--length' requires an argument",
        );
        check(
            &CKSUM,
            &["-asha1", "--a", "md5"],
            "Algorithm=sha1 Algorithm=md5",
        );
        check(
            &FIXED,
            &["--tag=1"],
            "!option '--tag' doesn't allow an argument",
        );
    }

    #[test]
    fn errors() {
        check(&FIXED, &["-x"], "!invalid option -- 'x'");
        check(&FIXED, &["-bx", "-y"], "Binary !invalid option -- 'x'");
        check(&FIXED, &["--foo=bar"], "!unrecognized option '--foo=bar'");
        check(
            &FIXED,
            &["--chec=1"],
            "!option '--check' doesn't allow an argument",
        );
        check(
            &FIXED,
            &["--st=1"],
            "!option '--st=1' is ambiguous; possibilities: '--status' '--strict'",
        );
        check(
            &CKSUM,
            &["--s"],
            "!option '--s' is ambiguous; possibilities: '--status' '--strict'",
        );
        check(&SUM, &["-c"], "!invalid option -- 'c'");
        check(&SUM, &["--"], "");
        check(
            &SUM,
            &["--=x"],
            "!option '--=x' is ambiguous; possibilities: '--sysv' '--help' '--version'",
        );
    }
}
