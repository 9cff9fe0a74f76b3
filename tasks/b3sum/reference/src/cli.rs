//! b3sum 1.2.0's command line as clap 2.34 parses and validates it, with clap's exact
//! error messages (usage lines built from the arguments seen, "Did you mean" from
//! strsim's Jaro-Winkler, ANSI colours where clap always prints them).

/// b3sum's arguments, by their clap names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Id {
    File,
    Check,
    DeriveKey,
    Keyed,
    Length,
    NoMmap,
    NoNames,
    NumThreads,
    Quiet,
    Raw,
    Help,
    Version,
}

impl Id {
    /// The clap name; usage lines sort arguments by it.
    fn name(self) -> &'static str {
        match self {
            Id::File => "FILE",
            Id::Check => "check",
            Id::DeriveKey => "derive-key",
            Id::Keyed => "keyed",
            Id::Length => "length",
            Id::NoMmap => "no-mmap",
            Id::NoNames => "no-names",
            Id::NumThreads => "num-threads",
            Id::Quiet => "quiet",
            Id::Raw => "raw",
            Id::Help => "help",
            Id::Version => "version",
        }
    }

    /// How clap shows it in messages.
    fn shown(self) -> String {
        match self {
            Id::File => "<FILE>...".to_owned(),
            Id::Length => "--length <LEN>".to_owned(),
            Id::NumThreads => "--num-threads <NUM>".to_owned(),
            Id::DeriveKey => "--derive-key <CONTEXT>".to_owned(),
            flag => format!("--{}", flag.name()),
        }
    }

    /// Whether it takes a value.
    fn is_option(self) -> bool {
        matches!(self, Id::Length | Id::NumThreads | Id::DeriveKey)
    }

    /// What it requires.
    fn requires(self) -> Option<Id> {
        match self {
            Id::Keyed => Some(Id::File),
            Id::Quiet => Some(Id::Check),
            _ => None,
        }
    }

    /// What it declares it cannot be used with.
    fn conflicts(self) -> &'static [Id] {
        match self {
            Id::DeriveKey => &[Id::Keyed],
            Id::Check => &[Id::DeriveKey, Id::Keyed, Id::Length, Id::Raw, Id::NoNames],
            _ => &[],
        }
    }
}

/// Long names in the order clap searches them for suggestions: flags as declared, then
/// help and version, then the options.
const LONGS: &[Id] = &[
    Id::Keyed,
    Id::NoMmap,
    Id::NoNames,
    Id::Raw,
    Id::Check,
    Id::Quiet,
    Id::Help,
    Id::Version,
    Id::Length,
    Id::NumThreads,
    Id::DeriveKey,
];

fn short(c: char) -> Option<Id> {
    match c {
        'l' => Some(Id::Length),
        'c' => Some(Id::Check),
        'h' => Some(Id::Help),
        'V' => Some(Id::Version),
        _ => None,
    }
}

/// One argument as the matcher holds it.
#[derive(Debug, Clone, Default)]
pub struct Matched {
    pub occurs: usize,
    pub vals: Vec<Vec<u8>>,
}

/// What the command line gave, in the order arguments were first seen.
#[derive(Debug, Clone, Default)]
pub struct Matches(pub Vec<(Id, Matched)>);

impl Matches {
    fn entry(&mut self, id: Id) -> &mut Matched {
        if let Some(i) = self.0.iter().position(|(x, _)| *x == id) {
            return &mut self.0[i].1;
        }
        self.0.push((id, Matched::default()));
        &mut self.0.last_mut().expect("just pushed").1
    }

    pub fn get(&self, id: Id) -> Option<&Matched> {
        self.0.iter().find(|(x, _)| *x == id).map(|(_, m)| m)
    }

    pub fn has(&self, id: Id) -> bool {
        self.get(id).is_some()
    }

    /// The value of an option given once.
    pub fn value(&self, id: Id) -> Option<&[u8]> {
        self.get(id).and_then(|m| m.vals.first()).map(Vec::as_slice)
    }
}

/// How parsing ended without a run: an error for standard error (exit 1), or help or
/// version text for standard output (exit 0).
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    Error(String),
    Print(String),
}

/// clap's usage line for the arguments `used`: required ones they pull in, positionals
/// first, then the others sorted by name.
fn smart_usage(used: &[Id]) -> String {
    if used.is_empty() {
        return "USAGE:\n    b3sum [FLAGS] [OPTIONS] [FILE]...".to_owned();
    }
    let mut all: Vec<Id> = used.to_vec();
    all.extend(used.iter().filter_map(|id| id.requires()));
    all.sort_by_key(|id| id.name());
    all.dedup();
    let mut line = "USAGE:\n    b3sum".to_owned();
    for id in all.iter().filter(|id| **id == Id::File) {
        line.push(' ');
        line.push_str(&id.shown());
    }
    for id in all.iter().filter(|id| **id != Id::File) {
        line.push(' ');
        line.push_str(&id.shown());
    }
    line
}

/// The usage line of an error: the flags and options seen (not the files), and `extra`.
fn error_usage(matches: &Matches, extra: Option<Id>) -> String {
    let mut used: Vec<Id> = matches
        .0
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| *id != Id::File)
        .collect();
    used.extend(extra);
    smart_usage(&used)
}

fn error(body: String, usage: String) -> Stop {
    Stop::Error(format!(
        "error: {body}\n\n{usage}\n\nFor more information try --help"
    ))
}

fn unknown(arg: &str, suggestion: Option<Id>, matches: &Matches) -> Stop {
    let mut body =
        format!("Found argument '{arg}' which wasn't expected, or isn't valid in this context");
    if let Some(id) = suggestion {
        body.push_str(&format!(
            "\n\tDid you mean \x1b[32m--\x1b[0m\x1b[32m{}\x1b[0m?",
            id.name()
        ));
    }
    Stop::Error(format!(
        "error: {body}\n\n{}\n\nFor more information try --help",
        error_usage(matches, None)
    ))
}

/// clap's suggestion for an unknown long name: the most similar long name, if any is
/// similar enough.
fn did_you_mean(arg: &str) -> Option<Id> {
    let mut best: Option<(f64, Id)> = None;
    for &id in LONGS {
        let confidence = strsim::jaro_winkler(arg, id.name());
        if confidence > 0.8 && best.is_none_or(|(c, _)| c < confidence) {
            best = Some((confidence, id));
        }
    }
    best.map(|(_, id)| id)
}

/// Records an option and the value it came with, if any; returns the option when it
/// still waits for its value.
fn option(matches: &mut Matches, id: Id, value: Option<&[u8]>) -> Option<Id> {
    let entry = matches.entry(id);
    entry.occurs += 1;
    let Some(v) = value else {
        return Some(id);
    };
    let v = &v[v.iter().take_while(|&&c| c == b'=').count()..];
    entry.vals.push(v.to_vec());
    None
}

/// A flag; help and version stop everything.
fn flag(matches: &mut Matches, id: Id) -> Result<Option<Id>, Stop> {
    match id {
        Id::Help => Err(Stop::Print(crate::HELP.to_owned())),
        Id::Version => Err(Stop::Print("b3sum 1.2.0\n".to_owned())),
        _ => {
            matches.entry(id).occurs += 1;
            Ok(None)
        }
    }
}

/// `--name`, `--name=value`, or an unknown long argument.
fn long(matches: &mut Matches, arg: &[u8]) -> Result<Option<Id>, Stop> {
    let body = &arg[arg.iter().take_while(|&&c| c == b'-').count()..];
    let (name, value) = match body.iter().position(|&c| c == b'=') {
        Some(eq) => (&body[..eq], Some(&body[eq..])),
        None => (body, None),
    };
    match LONGS.iter().find(|id| id.name().as_bytes() == name) {
        Some(&id) if id.is_option() => Ok(option(matches, id, value)),
        // A flag ignores any `=value`.
        Some(&id) => flag(matches, id),
        None => {
            let name = String::from_utf8_lossy(name);
            let suggestion = did_you_mean(&name);
            if let Some(id) = suggestion {
                matches.entry(id);
            }
            Err(unknown(&format!("--{name}"), suggestion, matches))
        }
    }
}

/// A cluster of short flags, possibly ending in `-l` with its value.
fn shorts(matches: &mut Matches, arg: &[u8]) -> Result<Option<Id>, Stop> {
    let text = String::from_utf8_lossy(&arg[1..]).into_owned();
    for (at, c) in text.char_indices() {
        match short(c) {
            Some(id) if id.is_option() => {
                let rest = &text.as_bytes()[at + c.len_utf8()..];
                return Ok(option(matches, id, (!rest.is_empty()).then_some(rest)));
            }
            Some(id) => {
                flag(matches, id)?;
            }
            None => {
                let shown = format!("-{c}");
                let usage = error_usage(matches, None);
                return Err(Stop::Error(format!(
                    "error: Found argument '{shown}' which wasn't expected, or isn't valid in this context\n\n{usage}\n\nFor more information try --help"
                )));
            }
        }
    }
    Ok(None)
}

/// Parses and validates `args` (without argv\[0\]) as clap does.
pub fn parse(args: &[Vec<u8>]) -> Result<Matches, Stop> {
    let mut matches = Matches::default();
    let mut trailing = false;
    let mut pending: Option<Id> = None;
    for arg in args {
        // Like clap's `is_new_arg`, anything dash-led but a lone `-` starts a new
        // argument, even where an option waits for its value.
        if !trailing && arg == b"--" {
            trailing = true;
            continue;
        }
        if !trailing {
            if arg.starts_with(b"--") {
                pending = long(&mut matches, arg)?;
                continue;
            }
            if arg.starts_with(b"-") && arg.len() > 1 {
                pending = shorts(&mut matches, arg)?;
                continue;
            }
            if let Some(id) = pending.take() {
                matches.entry(id).vals.push(arg.clone());
                continue;
            }
        }
        let file = matches.entry(Id::File);
        file.vals.push(arg.clone());
        file.occurs += 1;
    }
    validate(&matches, pending)?;
    Ok(matches)
}

fn missing_required(matches: &Matches, required: Id) -> Stop {
    Stop::Error(format!(
        "error: The following required arguments were not provided:\n    {}\n\n{}\n\nFor more information try --help",
        required.shown(),
        error_usage(matches, Some(required))
    ))
}

/// clap's checks after parsing, in its order: an option left without a value at the
/// end, conflicts, then each argument's values, requirements and repetitions.
fn validate(matches: &Matches, pending: Option<Id>) -> Result<(), Stop> {
    let no_value = |id: Id| {
        error(
            format!(
                "The argument '{}' requires a value but none was supplied",
                id.shown()
            ),
            error_usage(matches, None),
        )
    };
    if let Some(id) = pending
        && matches.get(id).is_none_or(|m| m.vals.is_empty())
    {
        return Err(no_value(id));
    }
    for (id, _) in &matches.0 {
        for &other in id.conflicts() {
            if matches.has(other) {
                return Err(error(
                    format!(
                        "The argument '{}' cannot be used with '{}'",
                        other.shown(),
                        id.shown()
                    ),
                    error_usage(matches, None),
                ));
            }
        }
    }
    for (id, matched) in &matches.0 {
        if id.is_option() && matched.vals.is_empty() {
            return Err(no_value(*id));
        }
        if let Some(required) = id.requires()
            && !matches.has(required)
        {
            return Err(missing_required(matches, required));
        }
        if *id != Id::File && matched.occurs > 1 {
            return Err(error(
                format!(
                    "The argument '{}' was provided more than once, but cannot be used multiple times",
                    id.shown()
                ),
                error_usage(matches, None),
            ));
        }
    }
    Ok(())
}
