//! cksum's own rules: `-a TYPE`, the legacy sums that cannot be checked, and check lines
//! whose tag picks the algorithm. Only cksum runs this file.

use crate::{Algorithm, Kind, Output, Program, Stop, quote};

/// GNU's `algorithm_from_tag`: the index in `list` of the tag that starts `s` (at most
/// seven bytes, ended by the end, a blank, `-` or `(`).
fn algorithm_from_tag(s: &[u8], list: &[Algorithm]) -> Option<usize> {
    const MAX_TAG: usize = 7;
    let end = s
        .iter()
        .position(|c| matches!(c, 0 | b' ' | b'\t' | b'-' | b'('))
        .unwrap_or(s.len());
    if end > MAX_TAG {
        return None;
    }
    list.iter().position(|a| a.tag.as_bytes() == &s[..end])
}

impl Program<'_, '_> {
    /// `cksum -a TYPE`: exactly one of the algorithm names.
    pub(crate) fn set_algorithm(&mut self, arg: &[u8]) -> Result<(), Stop> {
        let Kind::Cksum(list) = self.tool.kind else {
            unreachable!("only cksum has -a")
        };
        if let Some(index) = list.iter().position(|a| a.arg.as_bytes() == arg) {
            self.settings.algorithm = index;
            self.settings.algorithm_given = true;
            return Ok(());
        }
        // gnulib's argmatch_die: the complaint, the valid values, then the `Try` line.
        let mut message = b"invalid argument ".to_vec();
        message.extend_from_slice(&quote(arg));
        message.extend_from_slice(b" for '--algorithm'");
        self.error(&message);
        let mut valid = b"Valid arguments are:".to_vec();
        for algorithm in list {
            valid.extend_from_slice(b"\n  - ");
            valid.extend_from_slice(&quote(algorithm.arg.as_bytes()));
        }
        valid.push(b'\n');
        let _ = self.io.stderr.write_all(&valid);
        Err(Stop::TryHelp)
    }

    /// cksum refuses to check the legacy sums it was told to use.
    pub(crate) fn check_cksum(&self) -> Result<(), Stop> {
        let s = &self.settings;
        if s.check && s.algorithm_given && self.algorithm().output != Output::Digest {
            return Err(Stop::Die(vec![
                b"--check is not supported with --algorithm={bsd,sysv,crc}".to_vec(),
            ]));
        }
        Ok(())
    }

    /// Without `-a`, cksum reads only tagged lines, and the tag picks the algorithm (the
    /// legacy sums cannot be checked); `None` makes the line improperly formatted.
    pub(crate) fn tag_algorithm(&mut self, s: &[u8]) -> Option<()> {
        let Kind::Cksum(list) = self.tool.kind else {
            return Some(());
        };
        if self.settings.algorithm_given {
            return Some(());
        }
        let found = algorithm_from_tag(s, list)?;
        if list[found].output != Output::Digest {
            return None;
        }
        self.settings.algorithm = found;
        Some(())
    }
}
