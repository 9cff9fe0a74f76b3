//! `--check` mode: reading checksum lists and verifying the files they name.
//!
//! Line parsing follows GNU 9.1's `split_3`, `bsd_split_3` and (for cksum)
//! `algorithm_from_tag` closely, including their C-string behaviour (a NUL byte inside a
//! line ends the file name there) and the state they keep between lines: the digest
//! length a BLAKE2b line sets, the algorithm a cksum line's tag selects, and whether
//! untagged lines have one space or two.

use std::io::{self, Read};

use crate::{Program, hex, quotef};

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

/// A checksum line that parsed: the expected digest and the file it names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub digest: Vec<u8>,
    pub name: Vec<u8>,
}

/// Plural-aware summary line, as GNU's `ngettext` gives it in the C locale.
fn warning(count: u64, one: &str, many: &str) -> Vec<u8> {
    let text = if count == 1 { one } else { many };
    format!("WARNING: {count} {text}").into_bytes()
}

impl Program<'_, '_> {
    /// Whether `digest` is exactly the digest length in force, in hexadecimal.
    fn valid_digits(&self, digest: &[u8]) -> bool {
        digest.len() == self.hex_len && digest.iter().all(u8::is_ascii_hexdigit)
    }

    /// Parses the part of a BSD-style line after `TAG (`: `name) = digest`.
    fn bsd_split(&self, s: &[u8], escaped: bool) -> Option<Entry> {
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
        let digest = &s[i..];
        self.valid_digits(digest).then(|| Entry {
            digest: digest.to_vec(),
            name,
        })
    }

    /// Parses a tagged line from just after the tag: b2sum's and cksum's `-BITS`, then
    /// an optional space and `(`.
    fn tagged(&mut self, s: &[u8], escaped: bool) -> Option<Entry> {
        let mut i = 0;
        if self.has_length() {
            i = self.tag_length(s)?;
        }
        if at(s, i) == b' ' {
            i += 1;
        }
        if at(s, i) != b'(' {
            return None;
        }
        self.bsd_split(&s[i + 1..], escaped)
    }

    /// Parses one checksum line (newline and trailing carriage return removed).
    pub(crate) fn split_line(&mut self, s: &[u8]) -> Option<Entry> {
        let mut i = 0;
        while is_white(at(s, i)) {
            i += 1;
        }
        let escaped = at(s, i) == b'\\';
        if escaped {
            i += 1;
        }
        self.tag_algorithm(&s[i..])?;
        let tag = self.tag().as_bytes();
        if s[i..].starts_with(tag) {
            return self.tagged(&s[i + tag.len()..], escaped);
        }
        // The shortest acceptable untagged line, one byte more when the digest starts
        // with a backslash.
        let min = if self.has_length() {
            3
        } else {
            self.hex_len + 2
        };
        if s.len() - i < min + usize::from(at(s, i) == b'\\') {
            return None;
        }
        let start = i;
        self.untagged_length(&s[i..])?;
        i += self.hex_len;
        if !is_white(at(s, i)) {
            return None;
        }
        let digest = &s[start..i];
        i += 1;
        if !self.valid_digits(digest) {
            return None;
        }
        let mode = at(s, i);
        if s.len() - i == 1 || (mode != b' ' && mode != b'*') {
            if self.bsd_reversed == Some(false) {
                return None;
            }
            self.bsd_reversed = Some(true);
        } else if self.bsd_reversed != Some(true) {
            self.bsd_reversed = Some(false);
            i += 1;
        }
        let rest = &s[i..];
        let name = if escaped {
            unescape(rest)?
        } else {
            c_str(rest).to_vec()
        };
        Some(Entry {
            digest: digest.to_vec(),
            name,
        })
    }

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
            let entry = self
                .split_line(line)
                .filter(|entry| !(is_stdin && entry.name == b"-"));
            let Some(entry) = entry else {
                misformatted += 1;
                if warn {
                    let mut message = shown.clone();
                    message.extend_from_slice(
                        format!(
                            ": {}: improperly formatted {} checksum line",
                            index + 1,
                            self.tag()
                        )
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
            if entry.name.contains(&b'\n') {
                shown_name.push(b'\\');
                crate::push_escaped(&mut shown_name, &entry.name);
            } else {
                shown_name.extend_from_slice(&entry.name);
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
                    let good =
                        entry.digest.to_ascii_lowercase() == hex(&digest[..self.hex_len / 2]);
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
            let counts = [
                (
                    misformatted,
                    "line is improperly formatted",
                    "lines are improperly formatted",
                ),
                (
                    unreadable,
                    "listed file could not be read",
                    "listed files could not be read",
                ),
                (
                    mismatched,
                    "computed checksum did NOT match",
                    "computed checksums did NOT match",
                ),
            ];
            for (count, one, many) in counts {
                if count != 0 {
                    self.error(&warning(count, one, many));
                }
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
    fn digest_listed(&mut self, name: &[u8], ignore_missing: bool) -> io::Result<Option<Vec<u8>>> {
        match self.digest(name) {
            Ok((digest, _)) => Ok(Some(digest)),
            Err(e) if ignore_missing && e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}
