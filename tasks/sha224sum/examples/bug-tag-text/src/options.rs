//! The command line: GNU getopt_long's rules with each program's options, then the (the buggy copy of this example: it accepts --tag after --text instead of refusing it)
//! checks GNU makes once every option is read.

use crate::quote::quote_arg;

/// The nine programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    Md5sum,
    Sha1sum,
    Sha224sum,
    Sha256sum,
    Sha384sum,
    Sha512sum,
    B2sum,
    Cksum,
    Sum,
}

/// The hash functions and checksums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algo {
    Bsd,
    Sysv,
    Crc,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Blake2b,
    Sm3,
}

/// cksum's `-a` values, in the order its error message lists them.
pub const CKSUM_ALGOS: [(&str, Algo); 11] = [
    ("bsd", Algo::Bsd),
    ("sysv", Algo::Sysv),
    ("crc", Algo::Crc),
    ("md5", Algo::Md5),
    ("sha1", Algo::Sha1),
    ("sha224", Algo::Sha224),
    ("sha256", Algo::Sha256),
    ("sha384", Algo::Sha384),
    ("sha512", Algo::Sha512),
    ("blake2b", Algo::Blake2b),
    ("sm3", Algo::Sm3),
];

impl Algo {
    /// The tag of BSD-style lines.
    pub fn tag(self) -> &'static str {
        match self {
            Algo::Bsd => "BSD",
            Algo::Sysv => "SYSV",
            Algo::Crc => "CRC",
            Algo::Md5 => "MD5",
            Algo::Sha1 => "SHA1",
            Algo::Sha224 => "SHA224",
            Algo::Sha256 => "SHA256",
            Algo::Sha384 => "SHA384",
            Algo::Sha512 => "SHA512",
            Algo::Blake2b => "BLAKE2b",
            Algo::Sm3 => "SM3",
        }
    }

    /// The full digest length in bits.
    pub fn bits(self) -> u64 {
        match self {
            Algo::Bsd | Algo::Sysv => 16,
            Algo::Crc => 32,
            Algo::Md5 => 128,
            Algo::Sha1 => 160,
            Algo::Sha224 => 224,
            Algo::Sha256 | Algo::Sm3 => 256,
            Algo::Sha384 => 384,
            Algo::Sha512 | Algo::Blake2b => 512,
        }
    }

    /// Whether it is one of the old checksums printed as numbers.
    pub fn legacy(self) -> bool {
        matches!(self, Algo::Bsd | Algo::Sysv | Algo::Crc)
    }
}

impl Program {
    /// The algorithm it uses before any option.
    pub fn default_algo(self) -> Algo {
        match self {
            Program::Md5sum => Algo::Md5,
            Program::Sha1sum => Algo::Sha1,
            Program::Sha224sum => Algo::Sha224,
            Program::Sha256sum => Algo::Sha256,
            Program::Sha384sum => Algo::Sha384,
            Program::Sha512sum => Algo::Sha512,
            Program::B2sum => Algo::Blake2b,
            Program::Cksum => Algo::Crc,
            Program::Sum => Algo::Bsd,
        }
    }

    /// Whether `-l` exists (and digests of other lengths are read).
    pub fn variable_length(self) -> bool {
        matches!(self, Program::B2sum | Program::Cksum)
    }
}

/// What an option letter or name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    Binary,
    Text,
    Check,
    Warn,
    Zero,
    IgnoreMissing,
    Quiet,
    Status,
    Strict,
    Tag,
    Untagged,
    Length,
    Algorithm,
    Debug,
    BsdSum,
    SysvSum,
    Help,
    Version,
    /// cksum's `-b`/`-t`: accepted by getopt, refused by the program without a word.
    Refused,
}

impl Flag {
    fn takes_value(self) -> bool {
        matches!(self, Flag::Length | Flag::Algorithm)
    }
}

fn short_flags(program: Program) -> &'static [(u8, Flag)] {
    match program {
        Program::Sum => &[(b'r', Flag::BsdSum), (b's', Flag::SysvSum)],
        Program::Cksum => &[
            (b'a', Flag::Algorithm),
            (b'l', Flag::Length),
            (b'b', Flag::Refused),
            (b'c', Flag::Check),
            (b't', Flag::Refused),
            (b'w', Flag::Warn),
            (b'z', Flag::Zero),
        ],
        Program::B2sum => &[
            (b'l', Flag::Length),
            (b'b', Flag::Binary),
            (b'c', Flag::Check),
            (b't', Flag::Text),
            (b'w', Flag::Warn),
            (b'z', Flag::Zero),
        ],
        _ => &[
            (b'b', Flag::Binary),
            (b'c', Flag::Check),
            (b't', Flag::Text),
            (b'w', Flag::Warn),
            (b'z', Flag::Zero),
        ],
    }
}

/// Long options in the order GNU declares them (ambiguity messages list them so).
fn long_flags(program: Program) -> Vec<(&'static str, Flag)> {
    if program == Program::Sum {
        return vec![
            ("sysv", Flag::SysvSum),
            ("help", Flag::Help),
            ("version", Flag::Version),
        ];
    }
    let mut table = Vec::new();
    if program.variable_length() {
        table.push(("length", Flag::Length));
    }
    table.extend([
        ("check", Flag::Check),
        ("ignore-missing", Flag::IgnoreMissing),
        ("quiet", Flag::Quiet),
        ("status", Flag::Status),
        ("warn", Flag::Warn),
        ("strict", Flag::Strict),
        ("tag", Flag::Tag),
        ("zero", Flag::Zero),
    ]);
    if program == Program::Cksum {
        table.extend([
            ("algorithm", Flag::Algorithm),
            ("debug", Flag::Debug),
            ("untagged", Flag::Untagged),
        ]);
    } else {
        table.extend([("binary", Flag::Binary), ("text", Flag::Text)]);
    }
    table.extend([("help", Flag::Help), ("version", Flag::Version)]);
    table
}

/// Binary or text mode, as `-b`, `-t` and `--tag` leave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Unset,
    Binary,
    Text,
}

/// Everything the command line says.
#[derive(Debug, Clone)]
pub struct Config {
    pub program: Program,
    pub check: bool,
    pub mode: Mode,
    pub tagged: bool,
    pub zero: bool,
    pub ignore_missing: bool,
    pub quiet: bool,
    pub status: bool,
    pub strict: bool,
    pub warn: bool,
    /// The digest length in bits (the algorithm's own unless `-l` said otherwise).
    pub bits: u64,
    pub algo: Algo,
    pub algo_given: bool,
    pub files: Vec<Vec<u8>>,
    /// Whether any file operand was given (legacy lines then show the name).
    pub named: bool,
}

/// How parsing ended when it does not run the program: the lines for standard error
/// (without the program name), whether the `Try` line follows, the exit status, and
/// anything for standard output.
#[derive(Debug)]
pub struct Stop {
    pub errors: Vec<Vec<u8>>,
    /// Printed as it is after the errors (the list of valid `-a` values).
    pub tail: Vec<u8>,
    pub try_help: bool,
    pub status: i32,
    pub stdout: Vec<u8>,
}

impl Stop {
    fn usage(error: impl Into<Vec<u8>>) -> Stop {
        Stop {
            errors: vec![error.into()],
            tail: Vec::new(),
            try_help: true,
            status: 1,
            stdout: Vec::new(),
        }
    }

    fn fatal(errors: Vec<Vec<u8>>) -> Stop {
        Stop {
            errors,
            tail: Vec::new(),
            try_help: false,
            status: 1,
            stdout: Vec::new(),
        }
    }
}

fn concat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// `-l`'s number: optional blanks and `+`, decimal digits, nothing after. The error is
/// the reason GNU adds, if any.
fn parse_length(text: &[u8]) -> Result<u64, Option<&'static str>> {
    let trimmed: &[u8] = {
        let start = text
            .iter()
            .position(|c| !b" \t\n\r\x0b\x0c".contains(c))
            .unwrap_or(text.len());
        &text[start..]
    };
    let digits = trimmed.strip_prefix(b"+").unwrap_or(trimmed);
    if digits.is_empty() || !digits[0].is_ascii_digit() {
        return Err(None);
    }
    let end = digits
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    if end != digits.len() {
        return Err(None);
    }
    let mut value: u64 = 0;
    for &d in digits {
        value = match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
        {
            Some(v) => v,
            None => return Err(Some("Value too large for defined data type")),
        };
    }
    Ok(value)
}

/// Parses the arguments after `argv[0]`.
pub fn parse(program: Program, args: &[Vec<u8>]) -> Result<Config, Stop> {
    let cksum = program == Program::Cksum;
    let mut config = Config {
        program,
        check: false,
        mode: if cksum { Mode::Binary } else { Mode::Unset },
        tagged: cksum,
        zero: false,
        ignore_missing: false,
        quiet: false,
        status: false,
        strict: false,
        warn: false,
        bits: 0,
        algo: program.default_algo(),
        algo_given: false,
        files: Vec::new(),
        named: false,
    };
    let mut length_text: Vec<u8> = Vec::new();
    let longs = long_flags(program);
    let mut i = 0;
    let mut only_files = false;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if only_files || arg.len() < 2 || arg[0] != b'-' {
            config.files.push(arg.clone());
            continue;
        }
        if arg == b"--" {
            only_files = true;
            continue;
        }
        // (flag, value) pairs this argument holds, in order.
        let mut found: Vec<(Flag, Vec<u8>)> = Vec::new();
        if let Some(body) = arg.strip_prefix(b"--") {
            let (name, inline) = match body.iter().position(|&c| c == b'=') {
                Some(p) => (&body[..p], Some(body[p + 1..].to_vec())),
                None => (body, None),
            };
            let chosen = match longs.iter().find(|(n, _)| n.as_bytes() == name) {
                Some(hit) => *hit,
                None => {
                    let hits: Vec<&(&str, Flag)> = longs
                        .iter()
                        .filter(|(n, _)| n.as_bytes().starts_with(name))
                        .collect();
                    if hits.is_empty() {
                        return Err(Stop::usage(concat(&[b"unrecognized option '", arg, b"'"])));
                    }
                    if hits.len() > 1 {
                        let mut message =
                            concat(&[b"option '", arg, b"' is ambiguous; possibilities:"]);
                        for (n, _) in hits {
                            message.extend_from_slice(format!(" '--{n}'").as_bytes());
                        }
                        return Err(Stop::usage(message));
                    }
                    *hits[0]
                }
            };
            let (full, flag) = chosen;
            let value = match (flag.takes_value(), inline) {
                (false, None) => Vec::new(),
                (false, Some(_)) => {
                    return Err(Stop::usage(format!(
                        "option '--{full}' doesn't allow an argument"
                    )));
                }
                (true, Some(v)) => v,
                (true, None) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => {
                        return Err(Stop::usage(format!(
                            "option '--{full}' requires an argument"
                        )));
                    }
                },
            };
            found.push((flag, value));
        } else {
            let letters = &arg[1..];
            let mut k = 0;
            while k < letters.len() {
                let letter = letters[k];
                k += 1;
                let Some(&(_, flag)) = short_flags(program).iter().find(|(l, _)| *l == letter)
                else {
                    // Options before the bad letter still take effect first.
                    apply_all(&mut config, &mut length_text, found)?;
                    return Err(Stop::usage(concat(&[
                        b"invalid option -- '",
                        &[letter],
                        b"'",
                    ])));
                };
                if flag.takes_value() {
                    let value = if k < letters.len() {
                        letters[k..].to_vec()
                    } else if let Some(v) = args.get(i) {
                        i += 1;
                        v.clone()
                    } else {
                        apply_all(&mut config, &mut length_text, found)?;
                        return Err(Stop::usage(concat(&[
                            b"option requires an argument -- '",
                            &[letter],
                            b"'",
                        ])));
                    };
                    found.push((flag, value));
                    break;
                }
                found.push((flag, Vec::new()));
            }
        }
        apply_all(&mut config, &mut length_text, found)?;
    }
    finish(&mut config, &length_text)?;
    config.named = !config.files.is_empty();
    if !config.named {
        config.files.push(b"-".to_vec());
    }
    Ok(config)
}

fn apply_all(
    config: &mut Config,
    length_text: &mut Vec<u8>,
    found: Vec<(Flag, Vec<u8>)>,
) -> Result<(), Stop> {
    for (flag, value) in found {
        apply(config, length_text, flag, value)?;
    }
    Ok(())
}

fn apply(
    config: &mut Config,
    length_text: &mut Vec<u8>,
    flag: Flag,
    value: Vec<u8>,
) -> Result<(), Stop> {
    match flag {
        Flag::Binary => config.mode = Mode::Binary,
        Flag::Text => config.mode = Mode::Text,
        Flag::Check => config.check = true,
        Flag::Zero => config.zero = true,
        Flag::IgnoreMissing => config.ignore_missing = true,
        Flag::Strict => config.strict = true,
        Flag::Tag => {
            config.tagged = true;
            config.mode = Mode::Binary;
        }
        Flag::Untagged => config.tagged = false,
        Flag::Status | Flag::Warn | Flag::Quiet => {
            config.status = flag == Flag::Status;
            config.warn = flag == Flag::Warn;
            config.quiet = flag == Flag::Quiet;
        }
        Flag::Debug => {}
        Flag::BsdSum => config.algo = Algo::Bsd,
        Flag::SysvSum => config.algo = Algo::Sysv,
        Flag::Refused => {
            return Err(Stop {
                errors: Vec::new(),
                tail: Vec::new(),
                try_help: true,
                status: 1,
                stdout: Vec::new(),
            });
        }
        Flag::Help | Flag::Version => {
            return Err(Stop {
                errors: Vec::new(),
                tail: Vec::new(),
                try_help: false,
                status: 0,
                stdout: b"(help and version are not part of this task)\n".to_vec(),
            });
        }
        Flag::Algorithm => match CKSUM_ALGOS.iter().find(|(n, _)| n.as_bytes() == value) {
            Some(&(_, algo)) => {
                config.algo = algo;
                config.algo_given = true;
            }
            None => {
                let line = concat(&[
                    b"invalid argument ",
                    &quote_arg(&value),
                    b" for '--algorithm'",
                ]);
                let mut valid = b"Valid arguments are:".to_vec();
                for (name, _) in CKSUM_ALGOS {
                    valid.extend_from_slice(b"\n  - ");
                    valid.extend_from_slice(&quote_arg(name.as_bytes()));
                }
                valid.push(b'\n');
                return Err(Stop {
                    errors: vec![line],
                    tail: valid,
                    try_help: true,
                    status: 1,
                    stdout: Vec::new(),
                });
            }
        },
        Flag::Length => {
            let shown = quote_arg(&value);
            match parse_length(&value) {
                Err(reason) => {
                    let mut line = concat(&[b"invalid length: ", &shown]);
                    if let Some(reason) = reason {
                        line.extend_from_slice(b": ");
                        line.extend_from_slice(reason.as_bytes());
                    }
                    return Err(Stop::fatal(vec![line]));
                }
                Ok(bits) if !bits.is_multiple_of(8) => {
                    return Err(Stop::fatal(vec![
                        concat(&[b"invalid length: ", &shown]),
                        b"length is not a multiple of 8".to_vec(),
                    ]));
                }
                Ok(bits) => {
                    config.bits = bits;
                    *length_text = value;
                }
            }
        }
    }
    Ok(())
}

/// GNU's checks after the options, in its order.
fn finish(config: &mut Config, length_text: &[u8]) -> Result<(), Stop> {
    let program = config.program;
    if program.variable_length() {
        if config.bits != 0 && config.algo != Algo::Blake2b {
            return Err(Stop::fatal(vec![
                b"--length is only supported with --algorithm=blake2b".to_vec(),
            ]));
        }
        if config.bits > 512 {
            return Err(Stop::fatal(vec![
                concat(&[b"invalid length: ", &quote_arg(length_text)]),
                concat(&[
                    b"maximum digest length for ",
                    &quote_arg(config.algo.tag().as_bytes()),
                    b" is 512 bits",
                ]),
            ]));
        }
    }
    if config.bits == 0 {
        config.bits = config.algo.bits();
    }
    let cksum = program == Program::Cksum;
    if cksum && config.check && config.algo_given && config.algo.legacy() {
        return Err(Stop::fatal(vec![
            b"--check is not supported with --algorithm={bsd,sysv,crc}".to_vec(),
        ]));
    }
    let c = &*config;
    let rules: [(bool, &str); 9] = [
        (false, "--tag does not support --text mode"),
        (
            c.zero && c.check,
            "the --zero option is not supported when verifying checksums",
        ),
        (
            !cksum && c.tagged && c.check,
            "the --tag option is meaningless when verifying checksums",
        ),
        (
            !cksum && c.mode != Mode::Unset && c.check,
            "the --binary and --text options are meaningless when verifying checksums",
        ),
        (
            c.ignore_missing && !c.check,
            "the --ignore-missing option is meaningful only when verifying checksums",
        ),
        (
            c.status && !c.check,
            "the --status option is meaningful only when verifying checksums",
        ),
        (
            c.warn && !c.check,
            "the --warn option is meaningful only when verifying checksums",
        ),
        (
            c.quiet && !c.check,
            "the --quiet option is meaningful only when verifying checksums",
        ),
        (
            c.strict && !c.check,
            "the --strict option is meaningful only when verifying checksums",
        ),
    ];
    for (bad, message) in rules {
        if bad {
            return Err(Stop::usage(message));
        }
    }
    Ok(())
}
