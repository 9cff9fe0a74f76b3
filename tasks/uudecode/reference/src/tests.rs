//! Unit tests of the uudecode reference. The `real_tool_outputs` table was produced by
//! running Debian 12's `uudecode` (sharutils 4.15.2) in an empty directory holding the
//! listed input files, with an empty environment; the files listed last are the ones it
//! wrote.

use std::sync::Mutex;

use super::*;

/// Tests that change the working directory take turns.
static CWD: Mutex<()> = Mutex::new(());

/// Runs the reference in a fresh directory holding `files`, with no `HOME`, and compares
/// stdout, stderr, the status and the files that are new or changed afterwards.
#[allow(clippy::too_many_arguments)]
fn check(
    args: &[&str],
    stdin: &[u8],
    files: &[(&str, &[u8])],
    stdout: &[u8],
    stderr: &[u8],
    status: i32,
    written: &[(&str, &[u8])],
) {
    let _turn = CWD.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("uudecode-reference-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let before = std::env::current_dir().unwrap();
    std::env::set_current_dir(&dir).unwrap();
    let mut argv = vec!["uudecode".to_string()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&argv, None, &mut &stdin[..], &mut out, &mut err);
    std::env::set_current_dir(before).unwrap();
    let mut after = Vec::new();
    collect(&dir, &dir, &mut after);
    after.retain(|(name, bytes)| !files.iter().any(|(n, b)| n == name && b == bytes));
    let _ = std::fs::remove_dir_all(&dir);
    let expect: Vec<(String, Vec<u8>)> = written
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    assert_eq!(
        (
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&err),
            code,
            after
        ),
        (
            String::from_utf8_lossy(stdout),
            String::from_utf8_lossy(stderr),
            status,
            expect
        ),
        "args {args:?}, stdin {:?}",
        String::from_utf8_lossy(stdin)
    );
}

/// Every file under `dir`, by relative path, sorted.
fn collect(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
}

#[test]
fn real_tool_outputs() {
    check(
        &[],
        b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("out.txt", &b"Hello, world!\n"[..])],
    );
    check(
        &[],
        b"begin-base64 644 out.txt\nSGVsbG8sIHdvcmxkIQo=\n====\n",
        &[],
        b"",
        b"",
        0,
        &[("out.txt", &b"Hello, world!\n"[..])],
    );
    check(&[], b"junk before\nmore junk\nbegin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\ntrailing junk\n", &[], b"", b"", 0, &[("out.txt", &b"Hello, world!\n"[..])]);
    check(
        &[],
        b"begin 644 out.txt\r\n.2&5L;&\\L('=O<FQD(0H`\r\n`\r\nend\r\n",
        &[],
        b"",
        b"",
        0,
        &[("out.txt", &b"Hello, world!\n"[..])],
    );
    check(
        &[],
        b"begin-base64 644 out.txt\r\nSGVsbG8sIHdvcmxkIQo=\r\n====\r\n",
        &[],
        b"",
        b"",
        0,
        &[("out.txt", &b"Hello, world!\n"[..])],
    );
    check(
        &[],
        b"begin 644 /dev/stdout\n#:&D*\n`\nend\n",
        &[],
        b"hi\n",
        b"",
        0,
        &[],
    );
    check(
        &[],
        b"begin 644 -\n#:&D*\n`\nend\n",
        &[],
        b"hi\n",
        b"",
        0,
        &[],
    );
    check(
        &["-o", "forced.bin"],
        b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("forced.bin", &b"Hello, world!\n"[..])],
    );
    check(
        &["-o", "-"],
        b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n",
        &[],
        b"Hello, world!\n",
        b"",
        0,
        &[],
    );
    check(
        &["-o", "/dev/stdout"],
        b"begin-base64 644 out.txt\nSGVsbG8sIHdvcmxkIQo=\n====\n",
        &[],
        b"Hello, world!\n",
        b"",
        0,
        &[],
    );
    check(
        &["--output-file=f2"],
        b"begin-base64 644 out.txt\nSGVsbG8sIHdvcmxkIQo=\n====\n",
        &[],
        b"",
        b"",
        0,
        &[("f2", &b"Hello, world!\n"[..])],
    );
    check(&["-oa", "-ob"], b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n", &[], b"", b"uudecode error:  only one output-file option allowed\nuudecode (GNU sharutils) - decode an encoded file\nUsage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\nTry 'uudecode --help' for more information.\n", 1, &[("a", &b""[..])]);
    check(&["-o", "a", "x.uu", "y.uu"], b"", &[("x.uu", &b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n"[..]), ("y.uu", &b"begin-base64 644 out.txt\nSGVsbG8sIHdvcmxkIQo=\n====\n"[..])], b"", b"uudecode usage error:\nYou cannot specify an output file when processing\nmultiple input files.\nuudecode (GNU sharutils) - decode an encoded file\nUsage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\nTry 'uudecode --help' for more information.\n", 64, &[("a", &b""[..])]);
    check(
        &["x.uu", "y.uu"],
        b"",
        &[
            (
                "x.uu",
                &b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n"[..],
            ),
            ("y.uu", &b"begin 600 second.txt\n#:&D*\n`\nend\n"[..]),
        ],
        b"",
        b"",
        0,
        &[
            ("out.txt", &b"Hello, world!\n"[..]),
            ("second.txt", &b"hi\n"[..]),
        ],
    );
    check(
        &["x.uu", "y.uu"],
        b"",
        &[
            (
                "x.uu",
                &b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n"[..],
            ),
            ("y.uu", &b"begin 600 -\n#:&D*\n`\nend\n"[..]),
        ],
        b"",
        b"",
        0,
        &[("out.txt", &b"Hello, world!\nhi\n"[..])],
    );
    check(
        &["missing", "y.uu"],
        b"",
        &[(
            "y.uu",
            &b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n"[..],
        )],
        b"",
        b"uudecode: missing: No such file or directory\n",
        4,
        &[("out.txt", &b"Hello, world!\n"[..])],
    );
    check(
        &["missing"],
        b"",
        &[],
        b"",
        b"uudecode: missing: No such file or directory\n",
        4,
        &[],
    );
    check(
        &["sub"],
        b"",
        &[("sub/x", &b"x"[..])],
        b"",
        b"uudecode fatal error:\nsub: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"no begin here\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"begin 644 x",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"beginning of the text\nbegin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"begin644 x\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"begin 644\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"begin 648 x\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("8 x", &b""[..])],
    );
    check(
        &[],
        b"begin 644   spaced name   \n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("spaced name", &b""[..])],
    );
    check(
        &[],
        b"begin -644 neg\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("neg", &b""[..])],
    );
    check(
        &[],
        b"begin-base64-encoded 644 b3V0LnR4dA==\naGkK\n====\n",
        &[],
        b"",
        b"",
        0,
        &[("out.txt", &b"hi\n"[..])],
    );
    check(
        &[],
        b"begin-encoded-base64 644 b3V0LnR4dA==\naGkK\n====\n",
        &[],
        b"",
        b"",
        0,
        &[("out.txt", &b"hi\n"[..])],
    );
    check(
        &[],
        b"begin-encoded 644 b3V0\n#:&D*\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("out", &b"hi\n"[..])],
    );
    check(
        &[],
        b"begin-encoded 644 b3V0LnR4dA\n#:&D*\n`\nend\n",
        &[],
        b"",
        b"uudecode fatal error:\ninvalid base64 encoded name: b3V0LnR4dA",
        2,
        &[],
    );
    check(
        &[],
        b"begin-encoded 644 QQ==QQ==\n`\nend\n",
        &[],
        b"",
        b"uudecode fatal error:\ninvalid base64 encoded name: QQ==QQ==",
        2,
        &[],
    );
    check(
        &[],
        b"begin-base64-base64 644 x\n====\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"begin-bas64 644 x\n====\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"begin-foo 644 x\n====\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Invalid or missing 'begin' line\n",
        2,
        &[],
    );
    check(
        &[],
        b"begin 644 x\n#:&D*\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: Short file",
        2,
        &[("x", &b"hi\n"[..])],
    );
    check(
        &[],
        b"begin 644 x\n#:&D*\n`\n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: No `end' line",
        2,
        &[("x", &b"hi\n"[..])],
    );
    check(
        &[],
        b"begin 644 x\n#:&D*\n`\nend",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: No `end' line",
        2,
        &[("x", &b"hi\n"[..])],
    );
    check(
        &[],
        b"begin 644 x\n#:&D*\n`\nend \n",
        &[],
        b"",
        b"uudecode fatal error:\nstandard input: No `end' line",
        2,
        &[("x", &b"hi\n"[..])],
    );
    check(
        &[],
        b"begin 644 x\n#:&D*\n \nend\n",
        &[],
        b"",
        b"",
        0,
        &[("x", &b"hi\n"[..])],
    );
    check(&[], b"begin-base64 644 x\naGkK\n", &[], b"", b"uudecode fatal error:\nfserr 2 (No such file or directory) performing '%s: Short file' on standard input\n", 2, &[("x", &b"hi\n"[..])]);
    check(
        &[],
        b"begin-base64 644 x\naGkK\nQUJD!\n====\n",
        &[],
        b"",
        b"",
        0,
        &[("x", &b"hi\nABC"[..])],
    );
    check(
        &[],
        b"begin-base64 644 x\naGk\nK\n====\n",
        &[],
        b"",
        b"uudecode fatal error:\nfserr 2 (No such file or directory) performing 'fwrite' on x\n",
        8,
        &[("x", &b""[..])],
    );
    check(
        &[],
        b"begin-base64 644 x\naGk\n====\n",
        &[],
        b"",
        b"uudecode fatal error:\nfserr 2 (No such file or directory) performing 'fwrite' on x\n",
        8,
        &[("x", &b""[..])],
    );
    check(
        &[],
        b"begin-base64 644 x\nQQ==QUJD\n====\n",
        &[],
        b"",
        b"",
        0,
        &[("x", &b"AABC"[..])],
    );
    check(
        &[],
        b"begin-base64 644 x\nQQ\n==QUJD\n====\n",
        &[],
        b"",
        b"uudecode fatal error:\nfserr 2 (No such file or directory) performing 'fwrite' on x\n",
        8,
        &[("x", &b""[..])],
    );
    check(
        &[],
        b"begin-base64 644 -\naGkK\n",
        &[],
        b"hi\n",
        b"uudecode fatal error:\nfserr 0 (Success) performing '%s: Short file' on standard input\n",
        2,
        &[],
    );
    check(&[], b"begin 644 sub/x\n#:&D*\n`\nend\n", &[], b"", b"uudecode fatal error:\nfserr 2 (No such file or directory) performing 'freopen' on sub/x\n", 8, &[]);
    check(&[], b"begin 644 nodir/x\n#:&D*\n`\nend\n", &[], b"", b"uudecode fatal error:\nfserr 2 (No such file or directory) performing 'freopen' on nodir/x\n", 8, &[]);
    check(
        &[],
        b"begin 644 ~/x\n`\nend\n",
        &[],
        b"",
        b"uudecode fatal error:\ncannot expand $HOME",
        2,
        &[],
    );
    check(
        &[],
        b"begin 644 ~ghost/x\n`\nend\n",
        &[],
        b"",
        b"uudecode: No user 'ghost'\n",
        8,
        &[],
    );
    check(
        &[],
        b"begin 644 x\n#86)C\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("x", &b"abc"[..])],
    );
    check(
        &[],
        b"begin 644 x\n\"86)C\n!86)C\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("x", &b"aba"[..])],
    );
    check(
        &[],
        b"begin 644 x\n#abcd\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("x", &b"\x04 \xc4"[..])],
    );
    check(
        &[],
        b"begin 644 x\n$86)C\n`\nend\n",
        &[],
        b"",
        b"",
        0,
        &[("x", &b"abc\xaa"[..])],
    );
    check(&["-x"], b"", &[], b"", b"uudecode: illegal option -- x\nuudecode (GNU sharutils) - decode an encoded file\nUsage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\nTry 'uudecode --help' for more information.\n", 1, &[]);
    check(&["-cc"], b"", &[], b"", b"uudecode error:  only one ignore-chmod option allowed\nuudecode (GNU sharutils) - decode an encoded file\nUsage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\nTry 'uudecode --help' for more information.\n", 1, &[]);
    check(&["-o"], b"", &[], b"", b"uudecode: The 'output-file' option requires an argument.\nuudecode (GNU sharutils) - decode an encoded file\nUsage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\nTry 'uudecode --help' for more information.\n", 1, &[]);
    check(&["--output-file="], b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n", &[], b"", b"uudecode fatal error:\nfserr 2 (No such file or directory) performing 'freopen-ing for stdout' on \n", 8, &[]);
    check(&["--out", "z", "-x"], b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n", &[], b"", b"uudecode: illegal option -- x\nuudecode (GNU sharutils) - decode an encoded file\nUsage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\nTry 'uudecode --help' for more information.\n", 1, &[]);
    check(
        &["-c", "--", "x.uu"],
        b"",
        &[(
            "x.uu",
            &b"begin 644 out.txt\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n"[..],
        )],
        b"",
        b"",
        0,
        &[("out.txt", &b"Hello, world!\n"[..])],
    );
}

#[test]
fn home_expansion() {
    let _turn = CWD.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("uudecode-home-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let argv = vec!["uudecode".to_string()];
    let home = dir.to_string_lossy().into_owned();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(
        &argv,
        Some(home),
        &mut &b"begin 644 ~/x.txt  \n#:&D*\n`\nend\n"[..],
        &mut out,
        &mut err,
    );
    assert_eq!((code, out.len(), err.len()), (0, 0, 0));
    assert_eq!(std::fs::read(dir.join("x.txt")).unwrap(), b"hi\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn begin_lines() {
    let header = |line: &str| parse_begin(line.as_bytes());
    let named = |name: &str, base64: bool, encoded_name: bool| {
        Some(Header {
            base64,
            encoded_name,
            name: name.as_bytes().to_vec(),
        })
    };
    assert_eq!(header("begin 644 a b\n"), named("a b", false, false));
    assert_eq!(header("begin \t 0644 \t x\r\n"), named("x\r", false, false));
    assert_eq!(header("begin +7 x\n"), named("x", false, false));
    assert_eq!(header("begin 644x\n"), named("x", false, false));
    assert_eq!(header("begin-base64-encoded 1 n\n"), named("n", true, true));
    assert_eq!(header("begin-encoded-base64 1 n\n"), named("n", true, true));
    assert_eq!(header("begin 8 x\n"), None);
    assert_eq!(header("begin - x\n"), None);
    assert_eq!(header("begin\t644 x\n"), None);
    assert_eq!(header("begin-encoded-encoded 644 x\n"), None);
    assert_eq!(header("begin-b 644 x\n"), None);
    assert_eq!(header("begin 644 \n"), None);
    assert_eq!(header("begin 644 x\0y\n"), named("x", false, false));
    assert_eq!(header("begun 644 x\n"), None);
}

#[test]
fn names_and_values() {
    assert_eq!(decode_name(b"b3V0LnR4dA=="), Some(b"out.txt".to_vec()));
    assert_eq!(decode_name(b"QUJDQQ=="), Some(b"ABCA".to_vec()));
    assert_eq!(decode_name(b"QUI="), Some(b"AB".to_vec()));
    assert_eq!(decode_name(b""), Some(Vec::new()));
    for bad in ["QQ=", "QQ==QQ==", "QU=D", "Q!==", "QUJ\n"] {
        assert_eq!(decode_name(bad.as_bytes()), None, "{bad}");
    }
    assert_eq!(dec(b' '), 0);
    assert_eq!(dec(b'`'), 0);
    assert_eq!(dec(b'M'), 45);
    assert_eq!(dec(b'\n'), 42);
    assert_eq!(dec(0), 32);
    assert_eq!(dec(b'a'), 1);
}

#[test]
fn long_lines_are_split_like_fgets() {
    let mut text = vec![b'x'; LINE_MAX + 10];
    text.push(b'\n');
    text.extend_from_slice(b"end");
    let mut input = &text[..];
    let mut lines = Lines::new(&mut input);
    assert_eq!(lines.next_line().map(|l| l.len()), Some(LINE_MAX));
    assert_eq!(lines.next_line().map(|l| l.len()), Some(11));
    assert_eq!(lines.next_line(), Some(b"end".to_vec()));
    assert_eq!(lines.next_line(), None);
}
