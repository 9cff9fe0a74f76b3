//! `--check` mode: reading checksum lists and verifying the files they name.
//!
//! Line parsing follows GNU 9.1's `split_3` and `bsd_split_3` closely, including
//! their C-string behaviour: a NUL byte inside a line ends the file name there.

use std::io::{self, Read};

use crate::{Program, hex, quotef};

/// Length of a SHA-256 digest in hexadecimal.
const HEX_LEN: usize = 64;

/// GNU's shortest acceptable untagged line: digest, a blank, a one-byte name.
const MIN_LINE: usize = HEX_LEN + 2;

fn is_white(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Byte `i` of `s` as C sees it: past the end there is the terminating NUL.
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// `s` up to its first NUL, as C string functions would see it.
fn c_str(s: &[u8]) -> &[u8] {
    match s.iter().position(|&c| c == 0) {
        Some(end) => &s[..end],
        None => s,
    }
}

/// Undoes GNU's name escaping (`\\`, `\n`, `\r`); `None` if the escaping is invalid.
fn unescape(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.iter();
    while let Some(&c) = bytes.next() {
        match c {
            b'\\' => match bytes.next()? {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b'\\' => out.push(b'\\'),
                _ => return None,
            },
            0 => return None,
            _ => out.push(c),
        }
    }
    Some(out)
}

/// Whether `digest` is exactly 64 hexadecimal digits.
fn valid_digits(digest: &[u8]) -> bool {
    digest.len() == HEX_LEN && digest.iter().all(u8::is_ascii_hexdigit)
}

/// A checksum line that parsed: the expected digest and the file it names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub digest: Vec<u8>,
    pub name: Vec<u8>,
}

/// Parses the part of a BSD-style line after `SHA256 (`: `name) = digest`.
fn bsd_split(s: &[u8], escaped: bool) -> Option<Entry> {
    // The name runs to the last `)`, so names may contain parentheses.
    let close = s.iter().rposition(|&c| c == b')')?;
    let name = if escaped {
        unescape(&s[..close])?
    } else {
        c_str(&s[..close]).to_vec()
    };
    let mut i = close + 1;
    while is_white(at(s, i)) {
        i += 1;
    }
    if at(s, i) != b'=' {
        return None;
    }
    i += 1;
    while is_white(at(s, i)) {
        i += 1;
    }
    let digest = &s[i.min(s.len())..];
    valid_digits(digest).then(|| Entry {
        digest: digest.to_vec(),
        name,
    })
}

/// Parses one checksum line (newline and trailing carriage return removed).
///
/// `bsd_reversed` is GNU's sticky format memory: `None` until the first untagged
/// line decides between `digest  name` (`Some(false)`) and `digest name`
/// (`Some(true)`); lines of the other untagged kind are then rejected.
pub(crate) fn split_line(s: &[u8], bsd_reversed: &mut Option<bool>) -> Option<Entry> {
    let mut i = 0;
    while is_white(at(s, i)) {
        i += 1;
    }
    let escaped = at(s, i) == b'\\';
    if escaped {
        i += 1;
    }
    if s[i..].starts_with(b"SHA256") {
        i += 6;
        if at(s, i) == b' ' {
            i += 1;
        }
        if at(s, i) != b'(' {
            return None;
        }
        return bsd_split(&s[i + 1..], escaped);
    }
    // GNU compares against one more byte when the digest starts with a backslash.
    if s.len() - i < MIN_LINE + usize::from(at(s, i) == b'\\') {
        return None;
    }
    let start = i;
    while at(s, i) != 0 && !is_white(at(s, i)) {
        i += 1;
    }
    if i == s.len() {
        return None;
    }
    let digest = &s[start..i];
    i += 1;
    if !valid_digits(digest) {
        return None;
    }
    let mode = at(s, i);
    if s.len() - i == 1 || (mode != b' ' && mode != b'*') {
        if *bsd_reversed == Some(false) {
            return None;
        }
        *bsd_reversed = Some(true);
    } else if *bsd_reversed != Some(true) {
        *bsd_reversed = Some(false);
        i += 1;
    }
    let name = if escaped {
        unescape(&s[i..])?
    } else {
        c_str(&s[i..]).to_vec()
    };
    Some(Entry {
        digest: digest.to_vec(),
        name,
    })
}

/// Plural-aware summary line, as GNU's `ngettext` gives it in the C locale.
fn warning(count: u64, one: &str, many: &str) -> Vec<u8> {
    let text = if count == 1 { one } else { many };
    format!("WARNING: {count} {text}").into_bytes()
}

impl Program<'_, '_> {
    /// Verifies every line of the checksum list `list`; returns whether all is well.
    pub(crate) fn check_file(&mut self, list: &[u8]) -> bool {
        let is_stdin = list == b"-";
        let shown = quotef(if is_stdin { b"standard input" } else { list });
        let mut data = Vec::new();
        let read = if is_stdin {
            self.io.stdin.read_to_end(&mut data)
        } else {
            match self.io.files.open(list) {
                Ok(mut file) => file.read_to_end(&mut data),
                Err(e) => {
                    self.file_error(list, &e);
                    return false;
                }
            }
        };
        if read.is_err() {
            let mut message = shown;
            message.extend_from_slice(b": read error");
            self.error(&message);
            return false;
        }

        let s = &self.settings;
        let (status, quiet, warn, ignore_missing, strict) =
            (s.status, s.quiet, s.warn, s.ignore_missing, s.strict);
        let mut misformatted = 0u64;
        let mut mismatched = 0u64;
        let mut unreadable = 0u64;
        let mut properly_formatted = false;
        let mut matched = false;
        for (index, raw) in data.split_inclusive(|&c| c == b'\n').enumerate() {
            if raw[0] == b'#' {
                continue;
            }
            let line = raw.strip_suffix(b"\n").unwrap_or(raw);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            let entry = split_line(line, &mut self.bsd_reversed)
                .filter(|entry| !(is_stdin && entry.name == b"-"));
            let Some(entry) = entry else {
                misformatted += 1;
                if warn {
                    let mut message = shown.clone();
                    message.extend_from_slice(
                        format!(": {}: improperly formatted SHA256 checksum line", index + 1)
                            .as_bytes(),
                    );
                    self.error(&message);
                }
                continue;
            };
            properly_formatted = true;
            // Unlike hashing mode, GNU 9.1 escapes a name here only when it
            // holds a newline (then backslashes and carriage returns too).
            let mut shown_name = Vec::new();
            if !status {
                if entry.name.contains(&b'\n') {
                    shown_name.push(b'\\');
                    crate::push_escaped(&mut shown_name, &entry.name);
                } else {
                    shown_name.extend_from_slice(&entry.name);
                }
            }
            match self.digest_listed(&entry.name, ignore_missing) {
                Err(e) => {
                    self.file_error(&entry.name, &e);
                    unreadable += 1;
                    if !status {
                        shown_name.extend_from_slice(b": FAILED open or read\n");
                        self.print(&shown_name);
                    }
                }
                Ok(None) => {}
                Ok(Some(digest)) => {
                    let good = entry.digest.to_ascii_lowercase() == hex(&digest);
                    if good {
                        matched = true;
                    } else {
                        mismatched += 1;
                    }
                    // Quiet mode only hides the good news.
                    let hidden = status || (good && quiet);
                    if !hidden {
                        shown_name.extend_from_slice(if good { b": OK\n" } else { b": FAILED\n" });
                        self.print(&shown_name);
                    }
                }
            }
        }

        if !properly_formatted {
            let mut message = shown;
            message.extend_from_slice(b": no properly formatted checksum lines found");
            self.error(&message);
        } else if !status {
            if misformatted != 0 {
                let line = warning(
                    misformatted,
                    "line is improperly formatted",
                    "lines are improperly formatted",
                );
                self.error(&line);
            }
            if unreadable != 0 {
                let line = warning(
                    unreadable,
                    "listed file could not be read",
                    "listed files could not be read",
                );
                self.error(&line);
            }
            if mismatched != 0 {
                let line = warning(
                    mismatched,
                    "computed checksum did NOT match",
                    "computed checksums did NOT match",
                );
                self.error(&line);
            }
            if ignore_missing && !matched {
                let mut message = shown;
                message.extend_from_slice(b": no file was verified");
                self.error(&message);
            }
        }
        properly_formatted
            && matched
            && mismatched == 0
            && unreadable == 0
            && (!strict || misformatted == 0)
    }

    /// Hashes a file named in a checksum list. `Ok(None)` means it does not
    /// exist and `--ignore-missing` says to skip it.
    fn digest_listed(&mut self, name: &[u8], ignore_missing: bool) -> io::Result<Option<[u8; 32]>> {
        if name == b"-" {
            return crate::sha256_reader(self.io.stdin, &mut self.buf).map(Some);
        }
        let mut file = match self.io.files.open(name) {
            Ok(file) => file,
            Err(e) if ignore_missing && e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        crate::sha256_reader(&mut file, &mut self.buf).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, split_line};

    const H: &str = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    /// Parses `lines` in order with shared format memory; `expect` lists each
    /// line's outcome as `name` or `-` for an improperly formatted line; `%`
    /// in a line stands for the digest of "hello\n".
    fn check(lines: &[&str], expect: &[&str]) {
        let mut reversed = None;
        let got: Vec<String> = lines
            .iter()
            .map(|line| {
                let line = line.replace('%', H);
                match split_line(line.as_bytes(), &mut reversed) {
                    Some(Entry { digest, name }) => {
                        assert_eq!(digest.to_ascii_lowercase(), H.as_bytes());
                        String::from_utf8_lossy(&name).into_owned()
                    }
                    None => "-".to_string(),
                }
            })
            .collect();
        assert_eq!(got, expect, "lines {lines:?}");
    }

    #[test]
    fn gnu_format() {
        check(&["%  a.txt"], &["a.txt"]);
        check(&["% *a.txt"], &["a.txt"]);
        check(&["  %  a.txt", "\t% *b"], &["a.txt", "b"]);
        check(&["%  a b "], &["a b "]);
        check(&["%   a"], &[" a"]);
        check(&["%  a", "% a"], &["a", "-"]);
        check(&["%  x\0y"], &["x"]);
    }

    #[test]
    fn reversed_format_sticks() {
        check(&["% a", "%  a"], &["a", " a"]);
        check(&["% *"], &["*"]);
        check(&["%  "], &[" "]);
        check(&["% x", "% *x"], &["x", "*x"]);
    }

    #[test]
    fn bad_untagged_lines() {
        check(
            &["junk", "%", "% ", "%x  a", "ab  a"],
            &["-", "-", "-", "-", "-"],
        );
        check(&["%\ta"], &["a"]);
        check(&["%\t b", "%\ta"], &["b", "-"]);
        check(&[&format!("{}  a", &H[..63]), "%%  a"], &["-", "-"]);
        check(&["\\ %  a"], &["-"]);
    }

    #[test]
    fn bsd_format() {
        check(&["SHA256 (a.txt) = %"], &["a.txt"]);
        check(
            &["SHA256(a.txt)= %", "SHA256 (a.txt)=%", "SHA256 (a) b) = %"],
            &["a.txt", "a.txt", "a) b"],
        );
        check(
            &["SHA256 (a.txt)\t=\t%", "SHA256 ( a) = %", "SHA256 () = %"],
            &["a.txt", " a", ""],
        );
        check(
            &["SHA256  (a) = %", "SHA256\t(a) = %", "sha256 (a) = %"],
            &["-", "-", "-"],
        );
        check(
            &[
                "SHA256 (a) = % ",
                "SHA256 (a) =",
                "SHA256 a) = %",
                "SHA256 (a = %",
            ],
            &["-", "-", "-", "-"],
        );
        check(&["  SHA256 (a) = %", "% a", "%  b"], &["a", "a", " b"]);
    }

    #[test]
    fn escaped_names() {
        check(
            &["\\%  a\\\\b", "\\%  a\\nb", "\\%  a\\rb"],
            &["a\\b", "a\nb", "a\rb"],
        );
        check(&["\\%  a\\x", "\\%  a\\", "%  a\\nb"], &["-", "-", "a\\nb"]);
        check(
            &[" \\%  a", "\\SHA256 (a\\\\b) = %", "\\SHA256 (a\\qb) = %"],
            &["a", "a\\b", "-"],
        );
    }
}
