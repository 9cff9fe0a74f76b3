//! The end of checking one list: summary warnings and the verdict.

/// What happened while checking one list.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub improper_lines: u64,
    pub proper_lines: u64,
    pub unreadable: u64,
    pub mismatched: u64,
    pub matched: u64,
}

/// Settings the summary depends on.
#[derive(Debug)]
pub(crate) struct Flags {
    pub status: bool,
    pub strict: bool,
    pub ignore_missing: bool,
}

/// Returns the diagnostics (without the program-name prefix) to print on
/// standard error, and whether the list passed. `list` is the quoted list name.
pub(crate) fn summarize(tally: &Tally, flags: &Flags, list: &[u8]) -> (Vec<Vec<u8>>, bool) {
    let mut messages = Vec::new();
    if tally.proper_lines == 0 {
        messages.push([list, b": no properly formatted checksum lines found"].concat());
        return (messages, false);
    }
    if !flags.status {
        let plural = |n: u64, one: &str, many: &str| {
            format!("WARNING: {n} {}", if n == 1 { one } else { many }).into_bytes()
        };
        if tally.improper_lines > 0 {
            messages.push(plural(
                tally.improper_lines,
                "line is improperly formatted",
                "lines are improperly formatted",
            ));
        }
        if tally.unreadable > 0 {
            messages.push(plural(
                tally.unreadable,
                "listed file could not be read",
                "listed files could not be read",
            ));
        }
        if tally.mismatched > 0 {
            messages.push(plural(
                tally.mismatched,
                "computed checksum did NOT match",
                "computed checksums did NOT match",
            ));
        }
        if flags.ignore_missing && tally.matched == 0 {
            messages.push([list, b": no file was verified"].concat());
        }
    }
    let passed = tally.matched > 0
        && tally.mismatched == 0
        && tally.unreadable == 0
        && !(flags.strict && tally.improper_lines > 0);
    (messages, passed)
}
