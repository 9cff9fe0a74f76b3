//! Unit tests of the uuencode reference. The `real_tool_outputs` table was produced by
//! running Debian 12's `uuencode` (sharutils 4.15.2) on each input.

use super::*;

/// Runs the reference on `args` with `stdin` and compares stdout, stderr and status.
fn check(args: &[&str], stdin: &[u8], stdout: &[u8], stderr: &[u8], status: i32) {
    let mut argv = vec!["uuencode".to_string()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&argv, &mut &stdin[..], &mut out, &mut err);
    assert_eq!(
        (
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&err),
            code
        ),
        (
            String::from_utf8_lossy(stdout),
            String::from_utf8_lossy(stderr),
            status
        ),
        "args {args:?}"
    );
}

#[test]
fn real_tool_outputs() {
    check(&["x"], b"", b"begin 644 x\n`\nend\n", b"", 0);
    check(&["x"], b"a", b"begin 644 x\n!80``\n`\nend\n", b"", 0);
    check(&["x"], b"ab", b"begin 644 x\n\"86(`\n`\nend\n", b"", 0);
    check(&["x"], b"abc", b"begin 644 x\n#86)C\n`\nend\n", b"", 0);
    check(
        &["x"],
        b"Hello, world!\n",
        b"begin 644 x\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n",
        b"",
        0,
    );
    check(&["-m", "x"], b"", b"begin-base64 644 x\n====\n", b"", 0);
    check(
        &["-m", "x"],
        b"a",
        b"begin-base64 644 x\nYQ==\n====\n",
        b"",
        0,
    );
    check(
        &["-m", "x"],
        b"ab",
        b"begin-base64 644 x\nYWI=\n====\n",
        b"",
        0,
    );
    check(
        &["-m", "x"],
        b"Hello, world!\n",
        b"begin-base64 644 x\nSGVsbG8sIHdvcmxkIQo=\n====\n",
        b"",
        0,
    );
    check(&["name.bin"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3", b"begin 644 name.bin\nLGT&]6\\NP\\=>]INR'!]=WQO$_I@WF*!Q?>-X_88L:DC\\#NS=H1R[JWL1C*,,`\n`\nend\n", b"", 0);
    check(&["name.bin"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3\xcc", b"begin 644 name.bin\nMGT&]6\\NP\\=>]INR'!]=WQO$_I@WF*!Q?>-X_88L:DC\\#NS=H1R[JWL1C*,/,\n`\nend\n", b"", 0);
    check(&["name.bin"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3\xcc\x12", b"begin 644 name.bin\nMGT&]6\\NP\\=>]INR'!]=WQO$_I@WF*!Q?>-X_88L:DC\\#NS=H1R[JWL1C*,/,\n!$@``\n`\nend\n", b"", 0);
    check(&["name.bin"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3\xcc\x12#\x9e\x9eq !\x00\xf8\xdf\x015\xc67\xf5\xfb*\xdf*JP\xf62\x8a\xe0\xad\xa04.\xf0\xf7\xb02\xf7\xf7\xe4bL\x05\\j*\xef%C", b"begin 644 name.bin\nMGT&]6\\NP\\=>]INR'!]=WQO$_I@WF*!Q?>-X_88L:DC\\#NS=H1R[JWL1C*,/,\nM$B.>GG$@(0#XWP$UQC?U^RK?*DI0]C**X*V@-\"[P][`R]_?D8DP%7&HJ[R5#\n`\nend\n", b"", 0);
    check(&["-m", "name.bin"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3\xcc", b"begin-base64 644 name.bin\nn0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPM\n====\n", b"", 0);
    check(&["-m", "name.bin"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3\xcc\x12", b"begin-base64 644 name.bin\nn0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPM\nEg==\n====\n", b"", 0);
    check(&["--base64", "out"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3\xcc\x12#\x9e\x9eq !\x00\xf8\xdf\x015\xc67\xf5\xfb*\xdf*JP\xf62\x8a\xe0\xad\xa04.\xf0\xf7\xb02\xf7\xf7\xe4bL\x05\\j*\xef%C\x10TM\xd1\x9a\x96\x00\x98\xad\xb5V\x10OZ\xd1N{\xb2P/{x\xb4-\x0eA\xf9\xf0\x05\xf3\xbf[\xd8g\x04\x8c\xc9k]`\x94\xd7\x02s\x0b\xb5.\x9f\xf4\xf42\x1e\xc1>\xed\xd1\xf1vX\x83Z\xe4\x86@\xc6v\x1b\x96\xbf\xc7\xcc^\xdcK\tn\xf2\xfa\x175W\x83\x9c\\\xeb%WF\xec\xb3\x8b\x17O\xafQN-\xcc\x14\xa0&\xb8\xb0O\xff{)\xb8\x0c\x14", b"begin-base64 644 out\nn0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4/YYsakj8DuzdoRy7q3sRjKMPM\nEiOennEgIQD43wE1xjf1+yrfKkpQ9jKK4K2gNC7w97Ay9/fkYkwFXGoq7yVD\nEFRN0ZqWAJittVYQT1rRTnuyUC97eLQtDkH58AXzv1vYZwSMyWtdYJTXAnML\ntS6f9PQyHsE+7dHxdliDWuSGQMZ2G5a/x8xe3EsJbvL6FzVXg5xc6yVXRuyz\nixdPr1FOLcwUoCa4sE//eym4DBQ=\n====\n", b"", 0);
    check(&["out"], b"\x9fA\xbd[\xcb\xb0\xf1\xd7\xbd\xa6\xec\x87\x07\xd7w\xc6\xf1?\xa6\r\xe6(\x1c_x\xde?a\x8b\x1a\x92?\x03\xbb7hG.\xea\xde\xc4c(\xc3\xcc\x12#\x9e\x9eq !\x00\xf8\xdf\x015\xc67\xf5\xfb*\xdf*JP\xf62\x8a\xe0\xad\xa04.\xf0\xf7\xb02\xf7\xf7\xe4bL\x05\\j*\xef%C\x10TM\xd1\x9a\x96\x00\x98\xad\xb5V\x10OZ\xd1N{\xb2P/{x\xb4-\x0eA\xf9\xf0\x05\xf3\xbf[\xd8g\x04\x8c\xc9k]`\x94\xd7\x02s\x0b\xb5.\x9f\xf4\xf42\x1e\xc1>\xed\xd1\xf1vX\x83Z\xe4\x86@\xc6v\x1b\x96\xbf\xc7\xcc^\xdcK\tn\xf2\xfa\x175W\x83\x9c\\\xeb%WF\xec\xb3\x8b\x17O\xafQN-\xcc\x14\xa0&\xb8\xb0O\xff{)\xb8\x0c\x14", b"begin 644 out\nMGT&]6\\NP\\=>]INR'!]=WQO$_I@WF*!Q?>-X_88L:DC\\#NS=H1R[JWL1C*,/,\nM$B.>GG$@(0#XWP$UQC?U^RK?*DI0]C**X*V@-\"[P][`R]_?D8DP%7&HJ[R5#\nM$%1-T9J6`)BMM5803UK13GNR4\"][>+0M#D'Y\\`7SOUO89P2,R6M=8)37`G,+\nMM2Z?]/0R'L$^[='Q=EB#6N2&0,9V&Y:_Q\\Q>W$L);O+Z%S57@YQ<ZR571NRS\n4BQ=/KU%.+<P4H\":XL$__>RFX#!0`\n`\nend\n", b"", 0);
    check(
        &["-e", "out"],
        b"data",
        b"begin-encoded 644 b3V0\n$9&%T80``\n`\nend\n",
        b"",
        0,
    );
    check(
        &["-me", "file name.txt"],
        b"data",
        b"begin-base64-encoded 644 ZmlsZSBuYW1lLnR4dA==\nZGF0YQ==\n====\n",
        b"",
        0,
    );
    check(
        &["-e", "-m", "a"],
        b"data",
        b"begin-base64-encoded 644 YQ==\nZGF0YQ==\n====\n",
        b"",
        0,
    );
    check(
        &["--encode-file-name", "ab"],
        b"",
        b"begin-encoded 644 YWI=\n`\nend\n",
        b"",
        0,
    );
    check(
        &["--enc", "/dev/stdout"],
        b"x",
        b"begin-encoded 644 L2Rldi9zdGRvdXQ=\n!>```\n`\nend\n",
        b"",
        0,
    );
    check(
        &["--", "-m"],
        b"x",
        b"begin 644 -m\n!>```\n`\nend\n",
        b"",
        0,
    );
    check(&["-"], b"x", b"begin 644 -\n!>```\n`\nend\n", b"", 0);
    check(
        &["--BASE64", "x"],
        b"x",
        b"begin-base64 644 x\neA==\n====\n",
        b"",
        0,
    );
    check(
        &["--Encode_File_Name", "x"],
        b"x",
        b"begin-encoded 644 eA==\n!>```\n`\nend\n",
        b"",
        0,
    );
    check(
        &["--ba", "x"],
        b"x",
        b"begin-base64 644 x\neA==\n====\n",
        b"",
        0,
    );
    check(&[], b"x", b"", b"uuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 64);
    check(&["-m"], b"x", b"", b"uuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 64);
    check(&["a", "b", "c"], b"x", b"", b"uuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 64);
    check(&["x", "-m", "y"], b"x", b"", b"uuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 64);
    check(&["-x", "y"], b"x", b"", b"uuencode: illegal option -- x\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["-mx", "y"], b"x", b"", b"uuencode: illegal option -- x\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["--foo", "y"], b"x", b"", b"uuencode: illegal option -- foo\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["--foo=bar", "y"], b"x", b"", b"uuencode: illegal option -- foo\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["--b", "y"], b"x", b"", b"uuencode: invalid option name: b\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["--e=1", "y"], b"x", b"", b"uuencode: invalid option name: e\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["--=1", "y"], b"x", b"", b"uuencode: invalid option name: \nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["--base64=1", "y"], b"x", b"", b"uuencode: The 'base64' option cannot have an argument.\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["--encode-file-name=", "y"], b"x", b"", b"uuencode: The 'encode-file-name' option cannot have an argument.\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["-mm", "y"], b"x", b"", b"uuencode error:  only one base64 option allowed\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["-e", "--enc", "y"], b"x", b"", b"uuencode error:  only one encode-file-name option allowed\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["-mm", "-x", "y"], b"x", b"", b"uuencode: illegal option -- x\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["-mm"], b"x", b"", b"uuencode error:  only one base64 option allowed\nuuencode (GNU sharutils) - encode a file into email friendly text\nUsage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\nTry 'uuencode --help' for more information.\n", 1);
    check(&["missing", "y"], b"x", b"", b"uuencode fatal error:\nfserr 2 (No such file or directory) performing 'freopen of stdin' on missing\n", 1);
    check(&["-m", "no such file", "y"], b"x", b"", b"uuencode fatal error:\nfserr 2 (No such file or directory) performing 'freopen of stdin' on no such file\n", 1);
    check(&["--", "--", "y"], b"x", b"", b"uuencode fatal error:\nfserr 2 (No such file or directory) performing 'freopen of stdin' on --\n", 1);
    check(&["", "y"], b"x", b"", b"uuencode fatal error:\nfserr 2 (No such file or directory) performing 'freopen of stdin' on \n", 1);
    check(&[""], b"x", b"begin 644 \n!>```\n`\nend\n", b"", 0);
    check(
        &["-e", ""],
        b"x",
        b"begin-encoded 644 \n!>```\n`\nend\n",
        b"",
        0,
    );
    check(&["``"], b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'()*+,-./0123456789:;<=>?", b"begin 644 ``\nM``$\"`P0%!@<(\"0H+#`T.#Q`1$A,4%187&!D:&QP='A\\@(2(C)\"4F)R@I*BLL\n3+2XO,#$R,S0U-C<X.3H[/#T^/P``\n`\nend\n", b"", 0);
}

#[test]
fn file_operands() {
    let dir = std::env::temp_dir().join(format!("uuencode-reference-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let file = dir.join("data.bin");
    std::fs::write(&file, b"Hello, world!\n").unwrap();
    let path = file.to_string_lossy().into_owned();
    check(
        &[&path, "remote"],
        b"stdin is not read",
        b"begin 644 remote\n.2&5L;&\\L('=O<FQD(0H`\n`\nend\n",
        b"",
        0,
    );
    check(
        &["-m", &path, "remote"],
        b"",
        b"begin-base64 644 remote\nSGVsbG8sIHdvcmxkIQo=\n====\n",
        b"",
        0,
    );
    // A directory opens; reading it fails after the header is written. Its mode is 755.
    let sub = dir.join("sub").to_string_lossy().into_owned();
    check(
        &[&sub, "out"],
        b"",
        b"begin 755 out\n",
        format!("uuencode fatal error:\nfserr 21 (Is a directory) performing 'fread' on {sub}\n")
            .as_bytes(),
        1,
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn encoding_tables() {
    // The value of each character is 32 below it, and 0 is the backquote.
    let all: Vec<u8> = (0..64).map(uu_char).collect();
    assert_eq!(
        all,
        b"`!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_"
    );
    assert_eq!(uu_char(64), b'`');
    assert_eq!(uu_char(65), b'!');
    // RFC 4648 section 10 for the base64 lines and names.
    for (plain, text) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(plain.as_bytes()), text.as_bytes());
    }
    assert_eq!(uu_line(b"Cat"), b"#0V%T\n");
    assert_eq!(uu_line(&[0]), b"!````\n");
    assert_eq!(uu_line(&[0xff; 2]), b"\"__\\`\n");
}

#[test]
fn other_commands_and_program_names() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv: Vec<String> = ["uuencode", "--help"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(run(&argv, &mut &b""[..], &mut out, &mut err), 0);
    assert!(out.starts_with(b"uuencode (GNU sharutils)"));
    out.clear();
    let argv: Vec<String> = ["uuencode", "-v"].iter().map(|s| s.to_string()).collect();
    assert_eq!(run(&argv, &mut &b""[..], &mut out, &mut err), 0);
    assert!(out.starts_with(b"uuencode (GNU sharutils) 4.15.2"));
    // AutoOpts names argv[0] in some messages and its last component in others; the
    // usage lines always say uuencode.
    let argv: Vec<String> = ["./bin/uue", "-x", "--b"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    err.clear();
    assert_eq!(run(&argv, &mut &b""[..], &mut Vec::new(), &mut err), 1);
    assert_eq!(
        err,
        [&b"./bin/uue: illegal option -- x\n"[..], USAGE.as_bytes()].concat()
    );
    let argv: Vec<String> = ["./bin/uue", "--b"].iter().map(|s| s.to_string()).collect();
    err.clear();
    assert_eq!(run(&argv, &mut &b""[..], &mut Vec::new(), &mut err), 1);
    assert_eq!(
        err,
        [&b"uue: invalid option name: b\n"[..], USAGE.as_bytes()].concat()
    );
}
