//! Buggy example for the wc task: every column is 7 wide (the old fixed width) unless a single
//! input gets a single count, ignoring the sizes of regular files.

use std::fs::File;
use std::io::{self, Read, Write};
use std::process::ExitCode;

/// Counts in output order: lines, words, characters, bytes, longest line.
type Tally = [u64; 5];

/// How a decoded character affects words; the number is its display width.
enum Kind {
    Word(u64),
    Gap(u64),
    Invisible,
}

/// The spec's character table (ASCII blanks are handled before it is consulted).
fn kind(c: u32) -> Kind {
    match c {
        0xA0 | 0x2000..=0x200A | 0x202F | 0x205F => Kind::Gap(1),
        0x2060 => Kind::Gap(0),
        0x3000 => Kind::Gap(2),
        0x300..=0x36F
        | 0x483..=0x489
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2061..=0x2064
        | 0x2066..=0x206F
        | 0xFEFF => Kind::Word(0),
        0x3041..=0x3096
        | 0x30A1..=0x30FA
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7A3
        | 0xFF01..=0xFF60
        | 0x1F600..=0x1F64F
        | 0x20000..=0x2A6DF => Kind::Word(2),
        0x21..=0x7E
        | 0xA1..=0x24F
        | 0x391..=0x3A1
        | 0x3A3..=0x3C9
        | 0x400..=0x482
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0xE000..=0xF8FF
        | 0xFF61..=0xFF9F => Kind::Word(1),
        _ => Kind::Invisible,
    }
}

/// The character starting at `b[0]`, or `None` if that byte is an encoding error. The whole
/// input is in memory, so a sequence cut short can only be cut by the end of the input.
fn char_at(b: &[u8]) -> Option<(u32, usize)> {
    let lead = b[0];
    let len = match lead.leading_ones() {
        0 => return Some((u32::from(lead), 1)),
        n @ 2..=6 => n as usize,
        _ => return None,
    };
    if b.len() < len {
        return None;
    }
    let mut value = u32::from(lead) & (0x7F >> len);
    for &x in &b[1..len] {
        if x & 0xC0 != 0x80 {
            return None;
        }
        value = (value << 6) | u32::from(x & 0x3F);
    }
    let least = [0, 0, 0x80, 0x800, 0x1_0000, 0x20_0000, 0x400_0000][len];
    if value < least || (0xD800..=0xDFFF).contains(&value) {
        return None;
    }
    Some((value, len))
}

fn tally(data: &[u8]) -> Tally {
    let (mut lines, mut words, mut chars, mut longest) = (0, 0, 0, 0);
    let mut col: u64 = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < data.len() {
        let Some((c, n)) = char_at(&data[i..]) else {
            i += 1;
            continue;
        };
        i += n;
        chars += 1;
        let gap = match c {
            0x0A => {
                lines += 1;
                longest = longest.max(col);
                col = 0;
                true
            }
            0x0C | 0x0D => {
                longest = longest.max(col);
                col = 0;
                true
            }
            0x09 => {
                col = (col / 8 + 1) * 8;
                true
            }
            0x20 => {
                col += 1;
                true
            }
            0x0B => true,
            _ => match kind(c) {
                Kind::Word(w) => {
                    col += w;
                    in_word = true;
                    false
                }
                Kind::Gap(w) => {
                    col += w;
                    true
                }
                Kind::Invisible => false,
            },
        };
        if gap && in_word {
            words += 1;
            in_word = false;
        }
    }
    longest = longest.max(col);
    if in_word {
        words += 1;
    }
    [lines, words, chars, data.len() as u64, longest]
}

const LONG: [&str; 9] = [
    "bytes",
    "chars",
    "lines",
    "words",
    "debug",
    "files0-from",
    "max-line-length",
    "help",
    "version",
];

#[derive(Default)]
struct Cmd {
    /// Which of lines, words, chars, bytes, longest to print.
    show: [bool; 5],
    list: Option<String>,
    names: Vec<String>,
    help: bool,
}

fn letter_index(c: char) -> Option<usize> {
    "lwmcL".find(c)
}

fn parse(args: &[String]) -> Result<Cmd, String> {
    let mut cmd = Cmd::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            cmd.names.extend(rest.by_ref().cloned());
        } else if let Some(long) = arg.strip_prefix("--") {
            let (name, value) = match long.find('=') {
                Some(eq) => (&long[..eq], Some(&long[eq + 1..])),
                None => (long, None),
            };
            let hits: Vec<&str> = LONG
                .iter()
                .copied()
                .filter(|l| l.starts_with(name))
                .collect();
            let full = match hits.as_slice() {
                [one] => *one,
                [] => return Err(format!("unrecognized option '{arg}'")),
                _ => match hits.iter().find(|h| **h == name) {
                    Some(exact) => *exact,
                    None => {
                        let all: Vec<String> = hits.iter().map(|h| format!(" '--{h}'")).collect();
                        return Err(format!(
                            "option '{arg}' is ambiguous; possibilities:{}",
                            all.concat()
                        ));
                    }
                },
            };
            if full == "files0-from" {
                let file = match value {
                    Some(v) => v.to_string(),
                    None => rest
                        .next()
                        .cloned()
                        .ok_or_else(|| "option '--files0-from' requires an argument".to_string())?,
                };
                cmd.list = Some(file);
                continue;
            }
            if value.is_some() {
                return Err(format!("option '--{full}' doesn't allow an argument"));
            }
            match full {
                "bytes" => cmd.show[3] = true,
                "chars" => cmd.show[2] = true,
                "lines" => cmd.show[0] = true,
                "words" => cmd.show[1] = true,
                "max-line-length" => cmd.show[4] = true,
                "help" | "version" => {
                    cmd.help = true;
                    return Ok(cmd);
                }
                _ => {}
            }
        } else if arg.starts_with('-') && arg != "-" {
            for c in arg.chars().skip(1) {
                let idx = letter_index(c).ok_or_else(|| format!("invalid option -- '{c}'"))?;
                cmd.show[idx] = true;
            }
        } else {
            cmd.names.push(arg.clone());
        }
    }
    if !cmd.show.contains(&true) {
        cmd.show = [true, true, false, true, false];
    }
    Ok(cmd)
}

fn why(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "No such file or directory".into(),
        io::ErrorKind::IsADirectory => "Is a directory".into(),
        io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

struct Out {
    prog: String,
    show: [bool; 5],
    width: usize,
    text: String,
    failed: bool,
}

impl Out {
    fn complain(&mut self, msg: &str) {
        eprintln!("{}: {msg}", self.prog);
        self.failed = true;
    }

    fn row(&mut self, t: &Tally, name: Option<&str>) {
        let cells: Vec<String> = (0..5)
            .filter(|&i| self.show[i])
            .map(|i| format!("{:>1$}", t[i], self.width))
            .collect();
        self.text += &cells.join(" ");
        if let Some(n) = name {
            self.text += " ";
            self.text += n;
        }
        self.text += "\n";
    }
}

fn run(prog: &str, args: &[String]) -> u8 {
    let cmd = match parse(args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{prog}: {msg}\nTry '{prog} --help' for more information.");
            return 1;
        }
    };
    if cmd.help {
        println!("Usage: {prog} [OPTION]... [FILE]...");
        return 0;
    }
    let mut out = Out {
        prog: prog.to_string(),
        show: cmd.show,
        width: 1,
        text: String::new(),
        failed: false,
    };
    let mut stdin_data: Option<Vec<u8>> = None;
    let take_stdin = |cache: &mut Option<Vec<u8>>| -> Vec<u8> {
        if cache.is_some() {
            return Vec::new();
        }
        let mut v = Vec::new();
        // A failing stdin is outside the task; treat it as empty.
        let _ = io::stdin().read_to_end(&mut v);
        *cache = Some(Vec::new());
        v
    };

    // None stands for standard input without a name.
    let names: Vec<Option<String>>;
    let mut names_on_stdin = false;
    match &cmd.list {
        None if cmd.names.is_empty() => names = vec![None],
        None => names = cmd.names.iter().cloned().map(Some).collect(),
        Some(list) => {
            if let Some(first) = cmd.names.first() {
                eprintln!(
                    "{prog}: extra operand '{first}'\nfile operands cannot be combined with --files0-from\nTry '{prog} --help' for more information."
                );
                return 1;
            }
            let raw = if list == "-" {
                names_on_stdin = true;
                take_stdin(&mut stdin_data)
            } else {
                let mut f = match File::open(list) {
                    Ok(f) => f,
                    Err(e) => {
                        eprintln!("{prog}: cannot open '{list}' for reading: {}", why(&e));
                        return 1;
                    }
                };
                let mut v = Vec::new();
                if let Err(e) = f.read_to_end(&mut v) {
                    eprintln!("{prog}: {list}: read error: {}", why(&e));
                    return 1;
                }
                v
            };
            let mut parts: Vec<Option<String>> = raw
                .split(|&b| b == 0)
                .map(|p| Some(String::from_utf8_lossy(p).into_owned()))
                .collect();
            if parts.last() == Some(&Some(String::new())) {
                parts.pop();
            }
            names = parts;
        }
    }

    let selected = cmd.show.iter().filter(|&&s| s).count();
    // The bug: the classic fixed width of 7, whatever the inputs are.
    out.width = if names.len() == 1 && selected == 1 {
        1
    } else {
        7
    };

    let mut total: Tally = [0; 5];
    for (pos, n) in names.iter().enumerate() {
        let data = match n.as_deref() {
            None => take_stdin(&mut stdin_data),
            Some("-") if names_on_stdin => {
                out.complain("when reading file names from stdin, no file name of '-' allowed");
                continue;
            }
            Some("-") => take_stdin(&mut stdin_data),
            Some("") => {
                match &cmd.list {
                    Some(list) => out.complain(&format!(
                        "{list}:{}: invalid zero-length file name",
                        pos + 1
                    )),
                    None => out.complain("invalid zero-length file name"),
                }
                continue;
            }
            Some(path) => {
                let mut v = Vec::new();
                match File::open(path) {
                    Err(e) => {
                        out.complain(&format!("{path}: {}", why(&e)));
                        continue;
                    }
                    Ok(mut f) => {
                        if let Err(e) = f.read_to_end(&mut v) {
                            out.complain(&format!("{path}: {}", why(&e)));
                            v.clear();
                        }
                    }
                }
                v
            }
        };
        let t = tally(&data);
        for i in 0..4 {
            total[i] += t[i];
        }
        total[4] = total[4].max(t[4]);
        out.row(&t, n.as_deref());
    }
    if names.iter().filter(|n| n.is_some()).count() > 1 {
        out.row(&total, Some("total"));
    }
    let mut stdout = io::stdout().lock();
    if stdout
        .write_all(out.text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return 1;
    }
    u8::from(out.failed)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let prog = argv.first().cloned().unwrap_or_else(|| "wc".into());
    ExitCode::from(run(&prog, &argv[1..]))
}
