//! Command-line parsing with glibc `getopt_long` rules and GNU's validity checks.

/// Long option names in GNU's table order, each mapped to a one-letter code
/// (the short option where there is one, an invented letter otherwise).
const LONG_OPTIONS: [(&str, u8); 12] = [
    ("check", b'c'),
    ("ignore-missing", b'I'),
    ("quiet", b'Q'),
    ("status", b'S'),
    ("warn", b'w'),
    ("strict", b'X'),
    ("tag", b'T'),
    ("zero", b'z'),
    ("binary", b'b'),
    ("text", b't'),
    ("help", b'H'),
    ("version", b'V'),
];

/// Everything the options decide.
#[derive(Debug, Default)]
pub(crate) struct Config {
    pub check: bool,
    /// `Some(true)` after `-b` or `--tag`, `Some(false)` after `-t`.
    pub binary: Option<bool>,
    pub tag: bool,
    pub zero: bool,
    pub ignore_missing: bool,
    pub quiet: bool,
    pub status: bool,
    pub strict: bool,
    pub warn: bool,
    pub operands: Vec<Vec<u8>>,
}

/// What the command line asks for.
#[derive(Debug)]
pub(crate) enum Request {
    Run(Config),
    Help,
    Version,
    /// A usage error: the message to print before the "Try" line.
    Usage(Vec<u8>),
}

impl Config {
    /// Applies one option by its code; `--help` and `--version` end parsing.
    fn apply(&mut self, code: u8) -> Option<Request> {
        match code {
            b'c' => self.check = true,
            b'b' => self.binary = Some(true),
            b't' => self.binary = Some(false),
            b'z' => self.zero = true,
            b'I' => self.ignore_missing = true,
            b'X' => self.strict = true,
            b'T' => {
                self.tag = true;
                self.binary = Some(true);
            }
            b'S' => {
                self.status = true;
                self.warn = false;
                self.quiet = false;
            }
            b'w' => {
                self.status = false;
                self.warn = true;
                self.quiet = false;
            }
            b'Q' => {
                self.status = false;
                self.warn = false;
                self.quiet = true;
            }
            b'H' => return Some(Request::Help),
            _ => return Some(Request::Version),
        }
        None
    }

    /// GNU's checks on option combinations, in the order it makes them.
    fn problem(&self) -> Option<&'static str> {
        if self.tag && self.binary == Some(false) {
            return Some("--tag does not support --text mode");
        }
        if self.check {
            if self.zero {
                return Some("the --zero option is not supported when verifying checksums");
            }
            if self.tag {
                return Some("the --tag option is meaningless when verifying checksums");
            }
            if self.binary.is_some() {
                return Some(
                    "the --binary and --text options are meaningless when verifying checksums",
                );
            }
            return None;
        }
        let only_when_checking = [
            (self.ignore_missing, "ignore-missing"),
            (self.status, "status"),
            (self.warn, "warn"),
            (self.quiet, "quiet"),
            (self.strict, "strict"),
        ];
        only_when_checking
            .iter()
            .find(|(set, _)| *set)
            .map(|(_, name)| match *name {
                "ignore-missing" => {
                    "the --ignore-missing option is meaningful only when verifying checksums"
                }
                "status" => "the --status option is meaningful only when verifying checksums",
                "warn" => "the --warn option is meaningful only when verifying checksums",
                "quiet" => "the --quiet option is meaningful only when verifying checksums",
                _ => "the --strict option is meaningful only when verifying checksums",
            })
    }
}

fn text(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Resolves `--NAME[=VALUE]` (given without the dashes) to an option code.
fn long(spec: &[u8]) -> Result<u8, Vec<u8>> {
    let name_end = spec.iter().position(|&c| c == b'=').unwrap_or(spec.len());
    let name = &spec[..name_end];
    let candidates: Vec<(&str, u8)> = match LONG_OPTIONS.iter().find(|(n, _)| n.as_bytes() == name)
    {
        Some(&exact) => vec![exact],
        None => LONG_OPTIONS
            .iter()
            .copied()
            .filter(|(n, _)| n.as_bytes().starts_with(name))
            .collect(),
    };
    match candidates[..] {
        [] => Err(text(&[b"unrecognized option '--", spec, b"'"])),
        [(full, code)] => {
            if name_end < spec.len() {
                Err(text(&[
                    b"option '--",
                    full.as_bytes(),
                    b"' doesn't allow an argument",
                ]))
            } else {
                Ok(code)
            }
        }
        _ => {
            let mut message = text(&[b"option '--", spec, b"' is ambiguous; possibilities:"]);
            for (full, _) in candidates {
                message.extend_from_slice(format!(" '--{full}'").as_bytes());
            }
            Err(message)
        }
    }
}

/// Parses the arguments after the program name.
pub(crate) fn parse(args: &[Vec<u8>]) -> Request {
    let mut config = Config::default();
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        index += 1;
        match arg.as_slice() {
            b"--" => {
                config.operands.extend_from_slice(&args[index..]);
                break;
            }
            [b'-', b'-', spec @ ..] => match long(spec) {
                Ok(code) => {
                    if let Some(request) = config.apply(code) {
                        return request;
                    }
                }
                Err(message) => return Request::Usage(message),
            },
            [b'-', cluster @ ..] if !cluster.is_empty() => {
                for &letter in cluster {
                    if !b"bctwz".contains(&letter) {
                        return Request::Usage(text(&[b"invalid option -- '", &[letter], b"'"]));
                    }
                    // Short options never end parsing, so the result is always `None`.
                    let _ = config.apply(letter);
                }
            }
            _ => config.operands.push(arg.clone()),
        }
    }
    match config.problem() {
        Some(message) => Request::Usage(message.as_bytes().to_vec()),
        None => Request::Run(config),
    }
}
