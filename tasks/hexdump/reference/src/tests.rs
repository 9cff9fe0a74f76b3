//! Unit tests of the hexdump reference. The `real_tool_outputs` table was produced by
//! running Debian 12's `hexdump` (util-linux 2.38.1) on each input through a pipe.

use super::*;

/// Runs the reference on `args` with `stdin` and compares stdout, stderr and status.
fn check(args: &[&str], stdin: &[u8], stdout: &[u8], stderr: &[u8], status: i32) {
    let mut argv = vec!["hexdump".to_string()];
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
    check(&[], b"", b"", b"", 0);
    check(&[], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 6854 2065 7571 6369 206b 7262 776f 206e\n0000010 6f66 2078 756a 706d 2073 766f 7265 7420\n0000020 6568 6c20 7a61 2079 6f64 2e67 000a     \n000002d\n", b"", 0);
    check(&[], b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x18rM$\x17\x89\xcf\xe3\xb1\xa2\n\x98\xfbe\xf6s\xa7\xbd\x9d\xa6(\x9f\x03\xd4\x87\x10\x0f\t0\xe1", b"0000000 dd73 db8f c7ec 7377 da82 3096 cd2f 7983\n0000010 9da1 2fcb 7218 244d 8917 e3cf a2b1 980a\n0000020 65fb 73f6 bda7 a69d 9f28 d403 1087 090f\n0000030 e130                                   \n0000032\n", b"", 0);
    check(&["-C"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000  54 68 65 20 71 75 69 63  6b 20 62 72 6f 77 6e 20  |The quick brown |\n00000010  66 6f 78 20 6a 75 6d 70  73 20 6f 76 65 72 20 74  |fox jumps over t|\n00000020  68 65 20 6c 61 7a 79 20  64 6f 67 2e 0a           |he lazy dog..|\n0000002d\n", b"", 0);
    check(&["-C"], b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x18rM$\x17\x89\xcf\xe3\xb1\xa2\n\x98\xfbe\xf6s\xa7\xbd\x9d\xa6(\x9f\x03\xd4\x87\x10\x0f\t0\xe1", b"00000000  73 dd 8f db ec c7 77 73  82 da 96 30 2f cd 83 79  |s.....ws...0/..y|\n00000010  a1 9d cb 2f 18 72 4d 24  17 89 cf e3 b1 a2 0a 98  |.../.rM$........|\n00000020  fb 65 f6 73 a7 bd 9d a6  28 9f 03 d4 87 10 0f 09  |.e.s....(.......|\n00000030  30 e1                                             |0.|\n00000032\n", b"", 0);
    check(&["-C"], b"", b"", b"", 0);
    check(&["-b"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 124 150 145 040 161 165 151 143 153 040 142 162 157 167 156 040\n0000010 146 157 170 040 152 165 155 160 163 040 157 166 145 162 040 164\n0000020 150 145 040 154 141 172 171 040 144 157 147 056 012            \n000002d\n", b"", 0);
    check(&["-c"], b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x00\x07\x08\x0c\n\r\t\x0b", b"0000000   s 335 217 333 354 307   w   s 202 332 226   0   / 315 203   y\n0000010 241 235 313   /  \\0  \\a  \\b  \\f  \\n  \\r  \\t  \\v                \n000001c\n", b"", 0);
    check(&["-d"], b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x18rM$\x17\x89\xcf\xe3\xb1\xa2\n\x98\xfbe\xf6s\xa7\xbd\x9d\xa6(\x9f\x03\xd4\x87\x10\x0f\t0\xe1", b"0000000   56691   56207   51180   29559   55938   12438   52527   31107\n0000010   40353   12235   29208   09293   35095   58319   41649   38922\n0000020   26107   29686   48551   42653   40744   54275   04231   02319\n0000030   57648                                                        \n0000032\n", b"", 0);
    check(&["-o"], b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x18rM$\x17\x89\xcf\xe3\xb1\xa2\n\x98\xfbe\xf6s\xa7\xbd\x9d\xa6(\x9f\x03\xd4\x87\x10\x0f\t0\xe1", b"0000000  156563  155617  143754  071567  155202  030226  146457  074603\n0000010  116641  027713  071030  022115  104427  161717  121261  114012\n0000020  062773  071766  136647  123235  117450  152003  010207  004417\n0000030  160460                                                        \n0000032\n", b"", 0);
    check(&["-x"], b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x18rM$\x17\x89\xcf\xe3\xb1\xa2\n\x98\xfbe\xf6s\xa7\xbd\x9d\xa6(\x9f\x03\xd4\x87\x10\x0f\t0\xe1", b"0000000    dd73    db8f    c7ec    7377    da82    3096    cd2f    7983\n0000010    9da1    2fcb    7218    244d    8917    e3cf    a2b1    980a\n0000020    65fb    73f6    bda7    a69d    9f28    d403    1087    090f\n0000030    e130                                                        \n0000032\n", b"", 0);
    check(&["-C"], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABBBBB", b"00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n*\n00000040  42 42 42 42 42                                    |BBBBB|\n00000045\n", b"", 0);
    check(&[], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABBBBB", b"0000000 4141 4141 4141 4141 4141 4141 4141 4141\n*\n0000040 4242 4242 0042                         \n0000045\n", b"", 0);
    check(&["-v", "-C"], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABBBBB", b"00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000010  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000020  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000030  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000040  42 42 42 42 42                                    |BBBBB|\n00000045\n", b"", 0);
    check(&["-C"], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", b"00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n*\n00000020\n", b"", 0);
    check(&["-C"], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", b"00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n*\n00000030\n", b"", 0);
    check(&["-C", "-v"], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", b"00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000010  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000020  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000030\n", b"", 0);
    check(
        &["-n", "10"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"0000000 6854 2065 7571 6369 206b               \n000000a\n",
        b"",
        0,
    );
    check(
        &["-n", "0"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"",
        0,
    );
    check(&["-n", "16", "-C"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000  54 68 65 20 71 75 69 63  6b 20 62 72 6f 77 6e 20  |The quick brown |\n00000010\n", b"", 0);
    check(&["-n", "1K"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 6854 2065 7571 6369 206b 7262 776f 206e\n0000010 6f66 2078 756a 706d 2073 766f 7265 7420\n0000020 6568 6c20 7a61 2079 6f64 2e67 000a     \n000002d\n", b"", 0);
    check(&["-n", "0x11", "-C"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000  54 68 65 20 71 75 69 63  6b 20 62 72 6f 77 6e 20  |The quick brown |\n00000010  66                                                |f|\n00000011\n", b"", 0);
    check(
        &["-n", "010", "-x"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"0000000    6854    2065    7571    6369                                \n0000008\n",
        b"",
        0,
    );
    check(&["-n", "5KB"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 6854 2065 7571 6369 206b 7262 776f 206e\n0000010 6f66 2078 756a 706d 2073 766f 7265 7420\n0000020 6568 6c20 7a61 2079 6f64 2e67 000a     \n000002d\n", b"", 0);
    check(&["-C", "-b"], b"The quick brown fox ", b"00000000  54 68 65 20 71 75 69 63  6b 20 62 72 6f 77 6e 20  |The quick brown |\n0000000 124 150 145 040 161 165 151 143 153 040 142 162 157 167 156 040\n00000010  66 6f 78 20                                       |fox |\n0000010 146 157 170 040                                                \n0000014\n", b"", 0);
    check(&["-b", "-C"], b"The quick brown fox ", b"0000000 124 150 145 040 161 165 151 143 153 040 142 162 157 167 156 040\n00000000  54 68 65 20 71 75 69 63  6b 20 62 72 6f 77 6e 20  |The quick brown |\n0000010 146 157 170 040                                                \n00000010  66 6f 78 20                                       |fox |\n00000014\n", b"", 0);
    check(&["-x", "-c"], b"The quick brown fox ", b"0000000    6854    2065    7571    6369    206b    7262    776f    206e\n0000000   T   h   e       q   u   i   c   k       b   r   o   w   n    \n0000010    6f66    2078                                                \n0000010   f   o   x                                                    \n0000014\n", b"", 0);
    check(&["-e", "\"%x\""], b"The quic", b"2065685463697571", b"", 0);
    check(&["-e", "16/1 \"%02x \" \"\\n\""], b"The quick brown fox jumps over the lazy dog.\n", b"54 68 65 20 71 75 69 63 6b 20 62 72 6f 77 6e 20\n66 6f 78 20 6a 75 6d 70 73 20 6f 76 65 72 20 74\n68 65 20 6c 61 7a 79 20 64 6f 67 2e 0a         \n", b"", 0);
    check(
        &["-e", "4/1 \"%02X\" \"\\n\""],
        b"The quick ",
        b"54686520\n71756963\n6B20    \n",
        b"",
        0,
    );
    check(&["-e", "\"%_ad: \" 8/1 \"%3_u\" \"\\n\""], b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'", b"0: nulsohstxetxeotenqackbel\n8:  bs ht lf vt ff cr so si\n16: dledc1dc2dc3dc4naksynetb\n24: can emsubesc fs gs rs us\n32:      !  \"  #  $  %  &  '\n", b"", 0);
    check(
        &["-e", "1/1 \"%_c\""],
        b"a\x00\n\x7f\xff",
        b"a\\0\\n177377",
        b"",
        0,
    );
    check(&["-e", "\"%_p\""], b"a\x00\n\x7f\xff", b"a....", b"", 0);
    check(
        &["-e", "/1 \"%5d \""],
        b"\x00\x7f\x80\xff",
        b"    0   127  -128    -1 ",
        b"",
        0,
    );
    check(
        &["-e", "/2 \"%6i\""],
        b"\xff\xff\x01\x00",
        b"    -1     1",
        b"",
        0,
    );
    check(
        &["-e", "/4 \"%u \""],
        b"\xff\xff\xff\xff\x01\x00\x00\x00",
        b"4294967295 1 ",
        b"",
        0,
    );
    check(
        &["-e", "/8 \"%x\\n\""],
        b"\x01\x02\x03\x04\x05\x06\x07\x08\t",
        b"807060504030201\n9\n",
        b"",
        0,
    );
    check(&["-e", "\"%.3s|\""], b"abcdefgh", b"abc|def|gh|", b"", 0);
    check(
        &["-e", "5/1 \"%c\" \"\\n\""],
        b"hello world",
        b"hello\n worl\nd\n",
        b"",
        0,
    );
    check(&["-e", "\"%08.8_ax \" 4/4 \"%08x \" \"\\n\""], b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x18rM$\x17\x89\xcf\xe3\xb1\xa2\n\x98\xfbe\xf6s\xa7\xbd\x9d\xa6(\x9f\x03\xd4\x87\x10\x0f\t0\xe1", b"00000000 db8fdd73 7377c7ec 3096da82 7983cd2f\n00000010 2fcb9da1 244d7218 e3cf8917 980aa2b1\n00000020 73f665fb a69dbda7 d4039f28 090f1087\n00000030 0000e130                           \n", b"", 0);
    check(
        &["-e", "\"%_Ad\\n\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"",
        0,
    );
    check(
        &["-e", "\"%07.7_Ao\\n\"", "-e", "8/1 \"%03o \""],
        b"The quick ",
        b"124 150 145 040 161 165 151 143153 040                        0000012\n",
        b"",
        0,
    );
    check(
        &["-e", "\"%5.3x|\" \"%-6d|\" \"%+d\" \"\\n\""],
        b"s\xdd\x8f\xdb\xec\xc7ws\x82\xda\x960/\xcd\x83y\xa1\x9d\xcb/\x18rM$",
        b"db8fdd73|1937229804|+815192706\n7983cd2f|801873313|+609055256\n",
        b"",
        0,
    );
    check(
        &["-e", "\"% d\" \"%#o\" \"%#x\" \"%#X\\n\""],
        b"\x05\x00\x00\x00\x08\x00\x00\x00\xff\x00\x00\x00\xab\x00\x00\x00",
        b" 50100xff0XAB\n",
        b"",
        0,
    );
    check(&["-e", "\"[%3_c]\""], b"\x01\x80", b"[001][200]", b"", 0);
    check(
        &["-e", "\"%4_u|\""],
        b"\x00\x1f \x7f\x80",
        b" nul|  us|    | del|  80|",
        b"",
        0,
    );
    check(
        &["-e", "2/1 \"%02x\" \" \""],
        b"The quick",
        b"5468 6520 7175 6963 6b   ",
        b"",
        0,
    );
    check(
        &["-e", "3/2 \"%04x\" \"  \" \"\\n\""],
        b"The quick brow",
        b"685420657571  \n6369206b7262  \n776f          \n",
        b"",
        0,
    );
    check(
        &["-e", "\"x\" 2/1 \"%02x \" \"\\n\""],
        b"The qui",
        b"x54 68\nx65 20\nx71 75\nx69   \n",
        b"",
        0,
    );
    check(
        &["-e", "\"%%\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad conversion character %%\n",
        1,
    );
    check(
        &["-e", "4 \"%s\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: %s requires a precision or a byte count\n",
        1,
    );
    check(
        &["-e", "\"%5y\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad conversion character %y\n",
        1,
    );
    check(
        &["-e", "/2 \"%c\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad byte count for conversion character c\n",
        1,
    );
    check(
        &["-e", "/2 \"%x %x\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: byte count with multiple conversion characters\n",
        1,
    );
    check(
        &["-e", "x"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad format {x}\n",
        1,
    );
    check(
        &["-e", "\"ab"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad format {\"ab}\n",
        1,
    );
    check(
        &["-e", "3\"%x\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad format {3\"%x\"}\n",
        1,
    );
    check(
        &["-e", "\"%_z\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad conversion character %_z\n",
        1,
    );
    check(
        &["-e", "\"%_ay\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad conversion character %_ay\n",
        1,
    );
    check(
        &["-e", "/3 \"%d\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad byte count for conversion character d\n",
        1,
    );
    check(
        &["-e", "/3 \"%_p\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad byte count for conversion character _p\n",
        1,
    );
    check(
        &["-e", "/2 \"%f\""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: bad byte count for conversion character f\n",
        1,
    );
    check(
        &["-e", "\"\\t\\a\\x\\\\\" 1/1 \"%02x\\n\""],
        b"The",
        b"\t\x07x\\54\n\t\x07x\\68\n\t\x07x\\65\n",
        b"",
        0,
    );
    check(
        &["-e", ""],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"",
        0,
    );
    check(
        &["-e", "  "],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"",
        0,
    );
    check(
        &["-z"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: invalid option -- 'z'\nTry 'hexdump --help' for more information.\n",
        1,
    );
    check(
        &["--foo"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: unrecognized option '--foo'\nTry 'hexdump --help' for more information.\n",
        1,
    );
    check(&["-n"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"hexdump: option requires an argument -- 'n'\nTry 'hexdump --help' for more information.\n", 1);
    check(
        &["--len", "3"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"0000000 6854 0065                              \n0000003\n",
        b"",
        0,
    );
    check(
        &["--length=4", "--canonical"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"00000000  54 68 65 20                                       |The |\n00000004\n",
        b"",
        0,
    );
    check(
        &["--s=2"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: stdin: Illegal seek\n",
        1,
    );
    check(
        &["-s", "2"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: stdin: Illegal seek\n",
        1,
    );
    check(
        &["-n", "x"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: failed to parse length: 'x': Invalid argument\n",
        1,
    );
    check(
        &["-n", "-1"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: failed to parse length: '-1': Invalid argument\n",
        1,
    );
    check(
        &["-s", "1Q"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: failed to parse offset: '1Q': Invalid argument\n",
        1,
    );
    check(
        &["-n", "99999999999999999999"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: failed to parse length: '99999999999999999999': Numerical result out of range\n",
        1,
    );
    check(&["--two", "3"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"hexdump: option '--two' is ambiguous; possibilities: '--two-bytes-decimal' '--two-bytes-octal' '--two-bytes-hex'\nTry 'hexdump --help' for more information.\n", 1);
    check(&["--no-squeezing", "-C"], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABBBBB", b"00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000010  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000020  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000030  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  |AAAAAAAAAAAAAAAA|\n00000040  42 42 42 42 42                                    |BBBBB|\n00000045\n", b"", 0);
    check(
        &["-C", "--", "-"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: -: No such file or directory\nhexdump: all input file arguments failed\n",
        1,
    );
    check(
        &["-"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"hexdump: -: No such file or directory\nhexdump: all input file arguments failed\n",
        1,
    );
}

/// A scratch directory for file tests, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("hexdump-reference-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn files_and_skipping() {
    let dir = Scratch::new("files");
    let a = dir.file("a", b"abc");
    let b = dir.file("b", b"0123456789abcdefXYZ");
    // Several files are one stream; -s skips across them.
    check(&["-C", &a, &b], b"", b"00000000  61 62 63 30 31 32 33 34  35 36 37 38 39 61 62 63  |abc0123456789abc|\n00000010  64 65 66 58 59 5a                                 |defXYZ|\n00000016\n", b"", 0);
    check(
        &["-s", "1", &a, &a],
        b"",
        b"0000001 6362 6261 0063                         \n0000006\n",
        b"",
        0,
    );
    check(&["-s", "100", &a], b"", b"0000003\n", b"", 0);
    check(
        &["-s", "3", "-n", "2", "-C", &a, &b],
        b"",
        b"00000003  30 31                                             |01|\n00000005\n",
        b"",
        0,
    );
    let missing = dir.0.join("missing").to_string_lossy().into_owned();
    check(
        &[&missing, &a],
        b"",
        b"0000000 6261 0063                              \n0000003\n",
        format!("hexdump: {missing}: No such file or directory\n").as_bytes(),
        1,
    );
    check(
        &[&missing],
        b"",
        b"",
        format!("hexdump: {missing}: No such file or directory\nhexdump: all input file arguments failed\n").as_bytes(),
        1,
    );
    let sub = dir.0.to_string_lossy().into_owned();
    check(
        &[&sub],
        b"",
        b"",
        format!("hexdump: {sub}: Is a directory\n").as_bytes(),
        0,
    );
    check(
        &["-s", "1"],
        b"abc",
        b"",
        b"hexdump: stdin: Illegal seek\n",
        1,
    );
    let formats = dir.file(
        "formats",
        b"# a comment\n\n  \"%07.7_Ax\\n\"\n\"%07.7_ax \" 4/1 \"%02x\" \"\\n\"\n",
    );
    check(
        &["-f", &formats],
        b"abcdef",
        b"0000000 61626364\n0000004 6566    \n0000006\n",
        b"",
        0,
    );
}

#[test]
fn sizes_and_escapes() {
    assert_eq!(parse_size("1K", "length").unwrap(), 1024);
    assert_eq!(parse_size("1KiB", "length").unwrap(), 1024);
    assert_eq!(parse_size("2kb", "length").unwrap(), 2000);
    assert_eq!(parse_size("1M", "length").unwrap(), 1 << 20);
    assert_eq!(parse_size("0x10", "length").unwrap(), 16);
    assert_eq!(parse_size(" 12", "length").unwrap(), 12);
    for bad in ["", "-1", " -1", "x", "1Q", "1KX", "1.5"] {
        assert!(parse_size(bad, "length").is_err(), "{bad}");
    }
    assert_eq!(escape(b"a\\tb\\n\\q\\\\"), b"a\tb\nq\\");
    assert_eq!(escape(b"\\a\\b\\f\\r\\v"), b"\x07\x08\x0c\r\x0b");
}
