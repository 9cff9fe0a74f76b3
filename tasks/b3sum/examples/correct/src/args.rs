//! The command line as the spec describes clap 2's rules for b3sum.

/// The arguments, in the order clap's usage lines sort them (by name, `FILE` first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
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

/// Every named argument: (long name, the argument, its value's name if it takes one).
/// The order is the one "Did you mean" searches: flags, help, version, then options.
const NAMED: [(&str, Arg, Option<&str>); 11] = [
    ("keyed", Arg::Keyed, None),
    ("no-mmap", Arg::NoMmap, None),
    ("no-names", Arg::NoNames, None),
    ("raw", Arg::Raw, None),
    ("check", Arg::Check, None),
    ("quiet", Arg::Quiet, None),
    ("help", Arg::Help, None),
    ("version", Arg::Version, None),
    ("length", Arg::Length, Some("LEN")),
    ("num-threads", Arg::NumThreads, Some("NUM")),
    ("derive-key", Arg::DeriveKey, Some("CONTEXT")),
];

fn info(arg: Arg) -> (&'static str, Option<&'static str>) {
    if arg == Arg::File {
        return ("FILE", None);
    }
    let (name, _, value) = NAMED.iter().find(|(_, a, _)| *a == arg).expect("named");
    (name, *value)
}

/// How messages show an argument.
pub fn show(arg: Arg) -> String {
    match info(arg) {
        ("FILE", _) => "<FILE>...".to_string(),
        (name, Some(value)) => format!("--{name} <{value}>"),
        (name, None) => format!("--{name}"),
    }
}

/// What the command line holds: each argument seen, in first-seen order, with how often
/// and its values.
#[derive(Debug, Default, Clone)]
pub struct Parsed {
    pub seen: Vec<(Arg, usize, Vec<String>)>,
}

impl Parsed {
    fn slot(&mut self, arg: Arg) -> &mut (Arg, usize, Vec<String>) {
        let i = match self.seen.iter().position(|s| s.0 == arg) {
            Some(i) => i,
            None => {
                self.seen.push((arg, 0, Vec::new()));
                self.seen.len() - 1
            }
        };
        &mut self.seen[i]
    }

    pub fn has(&self, arg: Arg) -> bool {
        self.seen.iter().any(|s| s.0 == arg)
    }

    pub fn value(&self, arg: Arg) -> Option<String> {
        self.seen
            .iter()
            .find(|s| s.0 == arg)
            .and_then(|s| s.2.first().cloned())
    }

    pub fn files(&self) -> Vec<String> {
        self.seen
            .iter()
            .find(|s| s.0 == Arg::File)
            .map_or_else(|| vec!["-".to_string()], |s| s.2.clone())
    }
}

/// The usage line for some arguments: each plus what it needs, sorted by name with the
/// files first.
fn usage(mut args: Vec<Arg>) -> String {
    if args.is_empty() {
        return "USAGE:\n    b3sum [FLAGS] [OPTIONS] [FILE]...".to_string();
    }
    let needs: Vec<Arg> = args.iter().filter_map(|a| needs(*a)).collect();
    args.extend(needs);
    args.sort_by(|a, b| info(*a).0.cmp(info(*b).0));
    args.dedup();
    let mut text = String::from("USAGE:\n    b3sum");
    for a in args {
        text.push(' ');
        text.push_str(&show(a));
    }
    text
}

fn needs(arg: Arg) -> Option<Arg> {
    match arg {
        Arg::Quiet => Some(Arg::Check),
        Arg::Keyed => Some(Arg::File),
        _ => None,
    }
}

fn usage_of(parsed: &Parsed, extra: Option<Arg>) -> String {
    let mut args: Vec<Arg> = parsed
        .seen
        .iter()
        .map(|s| s.0)
        .filter(|a| *a != Arg::File)
        .collect();
    args.extend(extra);
    usage(args)
}

fn failure(message: String, parsed: &Parsed, extra: Option<Arg>) -> Result<Parsed, Outcome> {
    Err(Outcome::Error(format!(
        "error: {message}\n\n{}\n\nFor more information try --help",
        usage_of(parsed, extra)
    )))
}

/// Jaro similarity, then Winkler's bonus for a common prefix of up to four.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut used = vec![false; b.len()];
    let mut matched_a = Vec::new();
    for (i, &c) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !used[j] && b[j] == c {
                used[j] = true;
                matched_a.push(c);
                break;
            }
        }
    }
    let m = matched_a.len();
    if m == 0 {
        return 0.0;
    }
    let matched_b: Vec<char> = b
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(c, _)| *c)
        .collect();
    let transpositions = matched_a
        .iter()
        .zip(&matched_b)
        .filter(|(x, y)| x != y)
        .count()
        / 2;
    let m = m as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0;
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

/// What stops a run before it starts.
#[derive(Debug)]
pub enum Outcome {
    /// For standard error, exit status 1.
    Error(String),
    /// For standard output, exit status 0.
    Text(String),
}

fn unknown(shown: &str, suggestion: Option<Arg>, parsed: &mut Parsed) -> Result<Parsed, Outcome> {
    let mut message =
        format!("Found argument '{shown}' which wasn't expected, or isn't valid in this context");
    if let Some(arg) = suggestion {
        parsed.slot(arg);
        message.push_str(&format!(
            "\n\tDid you mean \u{1b}[32m--\u{1b}[0m\u{1b}[32m{}\u{1b}[0m?",
            info(arg).0
        ));
    }
    failure(message, parsed, None)
}

/// Parses `args` (without the program name).
pub fn parse(args: &[String]) -> Result<Parsed, Outcome> {
    let mut parsed = Parsed::default();
    let mut waiting: Option<Arg> = None;
    let mut only_files = false;
    for word in args {
        if !only_files && word == "--" {
            only_files = true;
            continue;
        }
        if only_files || !word.starts_with('-') || word == "-" {
            if !only_files && let Some(arg) = waiting.take() {
                parsed.slot(arg).2.push(word.clone());
            } else {
                let slot = parsed.slot(Arg::File);
                slot.1 += 1;
                slot.2.push(word.clone());
            }
            continue;
        }
        waiting = None;
        if let Some(long) = word.strip_prefix("--") {
            let long = long.trim_start_matches('-');
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.trim_start_matches('='))),
                None => (long, None),
            };
            match NAMED.iter().find(|n| n.0 == name) {
                Some(&(_, Arg::Help, _)) => return Err(Outcome::Text(HELP_TEXT.to_string())),
                Some(&(_, Arg::Version, _)) => {
                    return Err(Outcome::Text("b3sum 1.2.0\n".to_string()));
                }
                Some(&(_, arg, Some(_))) => {
                    let slot = parsed.slot(arg);
                    slot.1 += 1;
                    match value {
                        Some(v) => slot.2.push(v.to_string()),
                        None => waiting = Some(arg),
                    }
                }
                Some(&(_, arg, None)) => parsed.slot(arg).1 += 1,
                None => {
                    let mut best: Option<(f64, Arg)> = None;
                    for (candidate, arg, _) in NAMED {
                        let score = jaro_winkler(name, candidate);
                        if score > 0.8 && best.is_none_or(|(s, _)| s < score) {
                            best = Some((score, arg));
                        }
                    }
                    return unknown(&format!("--{name}"), best.map(|b| b.1), &mut parsed);
                }
            }
            continue;
        }
        // A cluster of short flags; `-l` takes the rest of it as its value.
        let letters: Vec<char> = word[1..].chars().collect();
        for (k, &c) in letters.iter().enumerate() {
            match c {
                'c' => parsed.slot(Arg::Check).1 += 1,
                'h' => return Err(Outcome::Text(HELP_TEXT.to_string())),
                'V' => return Err(Outcome::Text("b3sum 1.2.0\n".to_string())),
                'l' => {
                    let rest: String = letters[k + 1..].iter().collect();
                    let slot = parsed.slot(Arg::Length);
                    slot.1 += 1;
                    if rest.is_empty() {
                        waiting = Some(Arg::Length);
                    } else {
                        slot.2.push(rest.trim_start_matches('=').to_string());
                    }
                    break;
                }
                other => return unknown(&format!("-{other}"), None, &mut parsed),
            }
        }
    }
    check(parsed, waiting)
}

/// The checks after parsing.
fn check(parsed: Parsed, waiting: Option<Arg>) -> Result<Parsed, Outcome> {
    let no_value = |arg: Arg, parsed: &Parsed| {
        failure(
            format!(
                "The argument '{}' requires a value but none was supplied",
                show(arg)
            ),
            parsed,
            None,
        )
    };
    if let Some(arg) = waiting
        && parsed.value(arg).is_none()
    {
        return no_value(arg, &parsed);
    }
    let clashes = |arg: Arg| -> &'static [Arg] {
        match arg {
            Arg::DeriveKey => &[Arg::Keyed],
            Arg::Check => &[
                Arg::DeriveKey,
                Arg::Keyed,
                Arg::Length,
                Arg::Raw,
                Arg::NoNames,
            ],
            _ => &[],
        }
    };
    for (arg, _, _) in &parsed.seen {
        if let Some(other) = clashes(*arg).iter().find(|o| parsed.has(**o)) {
            return failure(
                format!(
                    "The argument '{}' cannot be used with '{}'",
                    show(*other),
                    show(*arg)
                ),
                &parsed,
                None,
            );
        }
    }
    for (arg, times, values) in &parsed.seen {
        if info(*arg).1.is_some() && values.is_empty() {
            return no_value(*arg, &parsed);
        }
        if let Some(need) = needs(*arg)
            && !parsed.has(need)
        {
            return Err(Outcome::Error(format!(
                "error: The following required arguments were not provided:\n    {}\n\n{}\n\nFor more information try --help",
                show(need),
                usage_of(&parsed, Some(need))
            )));
        }
        if *arg != Arg::File && *times > 1 {
            return failure(
                format!(
                    "The argument '{}' was provided more than once, but cannot be used multiple times",
                    show(*arg)
                ),
                &parsed,
                None,
            );
        }
    }
    Ok(parsed)
}

/// `--help` is outside the tested subset; this is a short stand-in.
const HELP_TEXT: &str = "b3sum 1.2.0\n\nUSAGE:\n    b3sum [FLAGS] [OPTIONS] [FILE]...\n";
