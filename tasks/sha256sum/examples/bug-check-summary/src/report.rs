//! The end of checking one list, as its author understood the rules: only a
//! digest mismatch (or, with `--strict`, a bad line) fails the check, even when
//! files could not be read or none was verified; `--status` only silences the
//! per-file lines, not the summary warnings; and the warnings come worst first.

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
    #[expect(dead_code, reason = "this author's summary never looks at --status")]
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
    let plural = |n: u64, one: &str, many: &str| {
        format!("WARNING: {n} {}", if n == 1 { one } else { many }).into_bytes()
    };
    // Worst news first.
    if tally.mismatched > 0 {
        messages.push(plural(
            tally.mismatched,
            "computed checksum did NOT match",
            "computed checksums did NOT match",
        ));
    }
    if tally.unreadable > 0 {
        messages.push(plural(
            tally.unreadable,
            "listed file could not be read",
            "listed files could not be read",
        ));
    }
    if tally.improper_lines > 0 {
        messages.push(plural(
            tally.improper_lines,
            "line is improperly formatted",
            "lines are improperly formatted",
        ));
    }
    if flags.ignore_missing && tally.matched == 0 {
        messages.push([list, b": no file was verified"].concat());
    }
    let passed = tally.mismatched == 0 && !(flags.strict && tally.improper_lines > 0);
    (messages, passed)
}
