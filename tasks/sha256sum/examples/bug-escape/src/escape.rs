//! File names in checksum lines, taken literally: the author never learnt
//! about GNU's backslash escaping, so nothing is escaped or decoded.

/// Whether a name printed on a checksum line needs escaping: never, here.
pub(crate) fn needs_escape_in_listing(_name: &[u8]) -> bool {
    false
}

/// Whether a name printed in a `--check` result line needs escaping: never, here.
pub(crate) fn needs_escape_in_result(_name: &[u8]) -> bool {
    false
}

/// Appends `name` unchanged.
pub(crate) fn escape_into(out: &mut Vec<u8>, name: &[u8]) {
    out.extend_from_slice(name);
}

/// Takes the text after a leading backslash as the name itself.
pub(crate) fn unescape(text: &[u8]) -> Option<Vec<u8>> {
    Some(text.to_vec())
}
