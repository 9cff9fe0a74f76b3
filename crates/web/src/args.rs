//! Splits the "arguments" text field into `argv[1..]` the way a POSIX shell would, minus
//! expansions: people paste command lines, so quotes and backslashes must mean what they
//! mean in a terminal.

/// Splits `line` into words.
///
/// Whitespace separates words; `'...'` keeps everything literally; `"..."` keeps
/// everything but lets `\` escape `"`, `\`, `$` and `` ` ``; a `\` outside quotes escapes
/// the next character. `''` and `""` make an empty word. No variables, globs or `~`.
///
/// # Errors
/// A message for an unterminated quote or a trailing backslash.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    // A word can be empty (`''`) yet exist, so presence is tracked apart from content.
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unterminated single quote".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some('\n') => {}
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("unterminated double quote".into()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("unterminated double quote".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    // A backslash-newline continues the line, as in a shell.
                    Some('\n') => {}
                    Some(c) => word.push(c),
                    None => return Err("trailing backslash".into()),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Quotes `words` so that [`split`] gives them back: for showing a case's arguments as
/// a command line people can paste.
pub fn join(words: &[String]) -> String {
    let quote = |w: &String| {
        let plain = !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%^".contains(c));
        if plain {
            w.clone()
        } else {
            format!("'{}'", w.replace('\'', r"'\''"))
        }
    };
    words.iter().map(quote).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expect: &[&str]) {
        assert_eq!(
            split(line),
            Ok(expect.iter().map(|s| s.to_string()).collect()),
            "{line:?}"
        );
    }

    fn check_err(line: &str, expect: &str) {
        assert_eq!(split(line), Err(expect.to_string()), "{line:?}");
    }

    #[test]
    fn empty() {
        check("", &[]);
        check("   \t ", &[]);
    }

    #[test]
    fn words() {
        check("-c  sums.txt", &["-c", "sums.txt"]);
        check(" a\tb\nc ", &["a", "b", "c"]);
    }

    #[test]
    fn single_quotes() {
        check("'a b' c", &["a b", "c"]);
        check(r"'a\b'", &[r"a\b"]);
        check("''", &[""]);
        check("x'y z'w", &["xy zw"]);
    }

    #[test]
    fn double_quotes() {
        check(r#""a b""#, &["a b"]);
        check(r#""say \"hi\"""#, &[r#"say "hi""#]);
        check(r#""a\nb""#, &[r"a\nb"]);
        check(r#""""#, &[""]);
        check(r#""it's""#, &["it's"]);
    }

    #[test]
    fn backslashes() {
        check(r"a\ b", &["a b"]);
        check(r"\'", &["'"]);
        check("a\\\nb", &["ab"]);
    }

    #[test]
    fn errors() {
        check_err("'abc", "unterminated single quote");
        check_err("\"abc", "unterminated double quote");
        check_err("abc\\", "trailing backslash");
    }

    #[test]
    fn join_round_trips() {
        for words in [
            vec![],
            vec!["-c", "sums.txt"],
            vec!["a b", "", "it's", "$HOME", "--w=3"],
        ] {
            let words: Vec<String> = words.into_iter().map(String::from).collect();
            assert_eq!(split(&join(&words)), Ok(words.clone()));
        }
        assert_eq!(join(&["-w".into(), "a b".into()]), "-w 'a b'");
    }
}
