//! Unit tests of the parts that have no I/O.

use crate::checkline::{Layout, parse};
use crate::cli::{Request, parse as parse_args};
use crate::escape::unescape;
use crate::quote::quote;

const D: &str = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

fn check(case: &str, expect: &str) {
    let got = match case.split_once(' ') {
        Some(("quote", name)) => String::from_utf8_lossy(&quote(name.as_bytes())).into_owned(),
        Some(("unescape", text)) => match unescape(text.as_bytes()) {
            Some(name) => String::from_utf8_lossy(&name).into_owned(),
            None => "invalid".to_string(),
        },
        Some(("line", text)) => {
            let text = text.replace('%', D);
            match parse(text.as_bytes(), &mut Layout::Unknown) {
                Some(line) => String::from_utf8_lossy(&line.name).into_owned(),
                None => "improper".to_string(),
            }
        }
        Some(("args", args)) => {
            let args: Vec<Vec<u8>> = args.split(' ').map(|a| a.as_bytes().to_vec()).collect();
            match parse_args(&args) {
                Request::Usage(message) => String::from_utf8_lossy(&message).into_owned(),
                Request::Run(config) => format!("run {} operands", config.operands.len()),
                Request::Help => "help".to_string(),
                Request::Version => "version".to_string(),
            }
        }
        _ => panic!("bad case {case:?}"),
    };
    assert_eq!(got, expect, "case {case:?}");
}

#[test]
fn quoting() {
    check("quote plain.txt", "plain.txt");
    check("quote a b", "'a b'");
    check("quote a:b", "'a:b'");
    check("quote it's", "\"it's\"");
    check("quote it's?", "'it'\\''s?'");
    check("quote tab\there", "'tab'$'\\t''here'");
    check("quote caf\u{e9}", "'caf'$'\\303\\251'");
    check(
        "quote l'\u{e9}t\u{e9}",
        "'''l'\\'''$'\\303\\251''t'$'\\303\\251'",
    );
}

#[test]
fn unescaping() {
    check("unescape a\\\\b", "a\\b");
    check("unescape a\\nb\\r", "a\nb\r");
    check("unescape a\\tb", "invalid");
    check("unescape ends\\", "invalid");
}

#[test]
fn check_lines() {
    check("line %  a.txt", "a.txt");
    check("line % *a.txt", "a.txt");
    check("line % a.txt", "a.txt");
    check("line SHA256 (a (1).txt) = %", "a (1).txt");
    check("line SHA256(x)=%", "x");
    check("line \\%  new\\nline", "new\nline");
    check("line \\%  bad\\q", "improper");
    check("line %", "improper");
    check("line SHA256 (x) = abc", "improper");
}

#[test]
fn arguments() {
    check("args -bz a b", "run 2 operands");
    check("args a -- -x", "run 2 operands");
    check("args -q", "invalid option -- 'q'");
    check(
        "args --st",
        "option '--st' is ambiguous; possibilities: '--status' '--strict'",
    );
    check("args --ch=1", "option '--check' doesn't allow an argument");
    check("args --nope", "unrecognized option '--nope'");
    check(
        "args -c --tag",
        "the --tag option is meaningless when verifying checksums",
    );
    check(
        "args --quiet",
        "the --quiet option is meaningful only when verifying checksums",
    );
    check("args --help --nope", "help");
}
