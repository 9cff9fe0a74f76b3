//! Unit tests of the od reference. The `real_tool_outputs` table was produced by running
//! Debian 12's `od` (coreutils 9.1) on each input through a pipe, with `LC_ALL=C`.

use super::*;

/// Runs the reference on `args` with `stdin` and compares stdout, stderr and status.
fn check(args: &[&str], stdin: &[u8], stdout: &[u8], stderr: &[u8], status: i32) {
    let mut argv = vec!["od".to_string()];
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
    check(&[], b"", b"0000000\n", b"", 0);
    check(&[], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 064124 020145 072561 061551 020153 071142 073557 020156\n0000020 067546 020170 072552 070155 020163 073157 071145 072040\n0000040 062550 066040 075141 020171 067544 027147 000012\n0000055\n", b"", 0);
    check(&[], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 045102 164257 146657 161731 123057 125073 157045 122071\n0000020 027673 011041 154210 137066 003513 020156 127726 177633\n0000040 177003 152506 012445 145737\n0000050\n", b"", 0);
    check(&["-b"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 124 150 145 040 161 165 151 143 153 040 142 162 157 167 156 040\n0000020 146 157 170 040 152 165 155 160 163 040 157 166 145 162 040 164\n0000040 150 145 040 154 141 172 171 040 144 157 147 056 012\n0000055\n", b"", 0);
    check(&["-c"], b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'", b"0000000  \\0 001 002 003 004 005 006  \\a  \\b  \\t  \\n  \\v  \\f  \\r 016 017\n0000020 020 021 022 023 024 025 026 027 030 031 032 033 034 035 036 037\n0000040       !   \"   #   $   %   &   '\n0000050\n", b"", 0);
    check(&["-c"], b"xyz{|}~\x7f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f", b"0000000   x   y   z   {   |   }   ~ 177 200 201 202 203 204 205 206 207\n0000020 210 211 212 213 214 215 216 217 220 221 222 223 224 225 226 227\n0000040 230 231 232 233 234 235 236 237\n0000050\n", b"", 0);
    check(&["-a"], b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'", b"0000000 nul soh stx etx eot enq ack bel  bs  ht  nl  vt  ff  cr  so  si\n0000020 dle dc1 dc2 dc3 dc4 nak syn etb can  em sub esc  fs  gs  rs  us\n0000040  sp   !   \"   #   $   %   &   '\n0000050\n", b"", 0);
    check(&["-a"], b"xyz{|}~\x7f\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\xfa\xfb\xfc\xfd\xfe\xff", b"0000000   x   y   z   {   |   }   ~ del nul soh stx etx eot enq ack bel\n0000020  bs  ht  nl  vt   z   {   |   }   ~ del\n0000032\n", b"", 0);
    check(&["-d"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 19010 59567 52655 58329 42543 43579 56869 42041\n0000020 12219  4641 55432 48694  1867  8302 45014 65435\n0000040 65027 54598  5413 52191\n0000050\n", b"", 0);
    check(&["-o"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 045102 164257 146657 161731 123057 125073 157045 122071\n0000020 027673 011041 154210 137066 003513 020156 127726 177633\n0000040 177003 152506 012445 145737\n0000050\n", b"", 0);
    check(&["-x"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 4a42 e8af cdaf e3d9 a62f aa3b de25 a439\n0000020 2fbb 1221 d888 be36 074b 206e afd6 ff9b\n0000040 fe03 d546 1525 cbdf\n0000050\n", b"", 0);
    check(&["-s"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000  19010  -5969 -12881  -7207 -22993 -21957  -8667 -23495\n0000020  12219   4641 -10104 -16842   1867   8302 -20522   -101\n0000040   -509 -10938   5413 -13345\n0000050\n", b"", 0);
    check(&["-i"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000  -391165374  -472265297 -1438931409 -1539711451\n0000020   304164795 -1103701880   544081739    -6574122\n0000040  -716767741  -874572507\n0000050\n", b"", 0);
    check(&["-l"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 -2028364001746924990 -6613010324465670609\n0000020 -4740363478829551685   -28235638445832373\n0000040 -3756260311967531517\n0000050\n", b"", 0);
    check(&["-t", "x1"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 54 68 65 20 71 75 69 63 6b 20 62 72 6f 77 6e 20\n0000020 66 6f 78 20 6a 75 6d 70 73 20 6f 76 65 72 20 74\n0000040 68 65 20 6c 61 7a 79 20 64 6f 67 2e 0a\n0000055\n", b"", 0);
    check(&["-t", "x2"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 6854 2065 7571 6369 206b 7262 776f 206e\n0000020 6f66 2078 756a 706d 2073 766f 7265 7420\n0000040 6568 6c20 7a61 2079 6f64 2e67 000a\n0000055\n", b"", 0);
    check(&["-t", "x4"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 20656854 63697571 7262206b 206e776f\n0000020 20786f66 706d756a 766f2073 74207265\n0000040 6c206568 20797a61 2e676f64 0000000a\n0000055\n", b"", 0);
    check(&["-t", "x8"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 6369757120656854 206e776f7262206b\n0000020 706d756a20786f66 74207265766f2073\n0000040 20797a616c206568 0000000a2e676f64\n0000055\n", b"", 0);
    check(&["-t", "o1"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 102 112 257 350 257 315 331 343 057 246 073 252 045 336 071 244\n0000020 273 057 041 022 210 330 066 276 113 007 156 040 326 257 233 377\n0000040 003 376 106 325 045 025 337 313\n0000050\n", b"", 0);
    check(&["-t", "o4"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 35053645102 34366346657 25216723057 24416357045\n0000020 02210227673 27615554210 04033403513 37746727726\n0000040 32521577003 31367612445\n0000050\n", b"", 0);
    check(&["-t", "o8"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 1617316332775053645102 1220716742265216723057\n0000020 1370666610402210227673 1776335375304033403513\n0000040 1457370522272521577003\n0000050\n", b"", 0);
    check(&["-t", "u1"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000  66  74 175 232 175 205 217 227  47 166  59 170  37 222  57 164\n0000020 187  47  33  18 136 216  54 190  75   7 110  32 214 175 155 255\n0000040   3 254  70 213  37  21 223 203\n0000050\n", b"", 0);
    check(&["-t", "u2"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 19010 59567 52655 58329 42543 43579 56869 42041\n0000020 12219  4641 55432 48694  1867  8302 45014 65435\n0000040 65027 54598  5413 52191\n0000050\n", b"", 0);
    check(&["-t", "u4"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 3903801922 3822701999 2856035887 2755255845\n0000020  304164795 3191265416  544081739 4288393174\n0000040 3578199555 3420394789\n0000050\n", b"", 0);
    check(&["-t", "u8"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 16418380071962626626 11833733749243881007\n0000020 13706380594879999931 18418508435263719243\n0000040 14690483761742020099\n0000050\n", b"", 0);
    check(&["-t", "d1"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000   66   74  -81  -24  -81  -51  -39  -29   47  -90   59  -86   37  -34   57  -92\n0000020  -69   47   33   18 -120  -40   54  -66   75    7  110   32  -42  -81 -101   -1\n0000040    3   -2   70  -43   37   21  -33  -53\n0000050\n", b"", 0);
    check(&["-t", "d2"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000  19010  -5969 -12881  -7207 -22993 -21957  -8667 -23495\n0000020  12219   4641 -10104 -16842   1867   8302 -20522   -101\n0000040   -509 -10938   5413 -13345\n0000050\n", b"", 0);
    check(&["-t", "d4"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000  -391165374  -472265297 -1438931409 -1539711451\n0000020   304164795 -1103701880   544081739    -6574122\n0000040  -716767741  -874572507\n0000050\n", b"", 0);
    check(&["-t", "d8"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12\x88\xd86\xbeK\x07n \xd6\xaf\x9b\xff\x03\xfeF\xd5%\x15\xdf\xcb", b"0000000 -2028364001746924990 -6613010324465670609\n0000020 -4740363478829551685   -28235638445832373\n0000040 -3756260311967531517\n0000050\n", b"", 0);
    check(
        &["-t", "xC"],
        b"BJ\xaf\xe8\xaf",
        b"0000000 42 4a af e8 af\n0000005\n",
        b"",
        0,
    );
    check(
        &["-t", "dS"],
        b"BJ\xaf\xe8\xaf",
        b"0000000  19010  -5969    175\n0000005\n",
        b"",
        0,
    );
    check(
        &["-t", "uI"],
        b"BJ\xaf\xe8\xaf",
        b"0000000 3903801922        175\n0000005\n",
        b"",
        0,
    );
    check(
        &["-t", "oL"],
        b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/",
        b"0000000 1617316332775053645102 0000000000000000000057\n0000011\n",
        b"",
        0,
    );
    check(
        &["-t", "x"],
        b"BJ\xaf\xe8\xaf\xcd",
        b"0000000 e8af4a42 0000cdaf\n0000006\n",
        b"",
        0,
    );
    check(
        &["-t", "d"],
        b"BJ\xaf\xe8\xaf\xcd",
        b"0000000  -391165374       52655\n0000006\n",
        b"",
        0,
    );
    check(&["-t", "x1z"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 54 68 65 20 71 75 69 63 6b 20 62 72 6f 77 6e 20  >The quick brown <\n0000020 66 6f 78 20 6a 75 6d 70 73 20 6f 76 65 72 20 74  >fox jumps over t<\n0000040 68 65 20 6c 61 7a 79 20 64 6f 67 2e 0a           >he lazy dog..<\n0000055\n", b"", 0);
    check(&["-t", "x2z", "-w8"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 6854 2065 7571 6369  >The quic<\n0000010 206b 7262 776f 206e  >k brown <\n0000020 6f66 2078 756a 706d  >fox jump<\n0000030 2073 766f 7265 7420  >s over t<\n0000040 6568 6c20 7a61 2079  >he lazy <\n0000050 6f64 2e67 000a       >dog..<\n0000055\n", b"", 0);
    check(&["-t", "c", "-t", "x1"], b"The quick brown fox ", b"0000000   T   h   e       q   u   i   c   k       b   r   o   w   n    \n         54  68  65  20  71  75  69  63  6b  20  62  72  6f  77  6e  20\n0000020   f   o   x    \n         66  6f  78  20\n0000024\n", b"", 0);
    check(&["-c", "-x"], b"The quick brown fox ", b"0000000   T   h   e       q   u   i   c   k       b   r   o   w   n    \n           6854    2065    7571    6369    206b    7262    776f    206e\n0000020   f   o   x    \n           6f66    2078\n0000024\n", b"", 0);
    check(&["-t", "d1u2x4"], b"BJ\xaf\xe8\xaf\xcd\xd9\xe3/\xa6;\xaa%\xde9\xa4\xbb/!\x12", b"0000000   66   74  -81  -24  -81  -51  -39  -29   47  -90   59  -86   37  -34   57  -92\n            19010     59567     52655     58329     42543     43579     56869     42041\n                   e8af4a42            e3d9cdaf            aa3ba62f            a439de25\n0000020  -69   47   33   18\n            12219      4641\n                   12212fbb\n0000024\n", b"", 0);
    check(&["-t", "az"], b"The quick ", b"0000000   T   h   e  sp   q   u   i   c   k  sp                          >The quick <\n0000012\n", b"", 0);
    check(&["-t", "x8", "-t", "c"], b"The quick brown fox ", b"0000000                6369757120656854                206e776f7262206b\n          T   h   e       q   u   i   c   k       b   r   o   w   n    \n0000020                0000000020786f66\n          f   o   x    \n0000024\n", b"", 0);
    check(&["-A", "x"], b"The quick brown fox jumps over the lazy dog.\n", b"000000 064124 020145 072561 061551 020153 071142 073557 020156\n000010 067546 020170 072552 070155 020163 073157 071145 072040\n000020 062550 066040 075141 020171 067544 027147 000012\n00002d\n", b"", 0);
    check(&["-A", "d"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 064124 020145 072561 061551 020153 071142 073557 020156\n0000016 067546 020170 072552 070155 020163 073157 071145 072040\n0000032 062550 066040 075141 020171 067544 027147 000012\n0000045\n", b"", 0);
    check(&["-A", "n"], b"The quick brown fox jumps over the lazy dog.\n", b" 064124 020145 072561 061551 020153 071142 073557 020156\n 067546 020170 072552 070155 020163 073157 071145 072040\n 062550 066040 075141 020171 067544 027147 000012\n", b"", 0);
    check(
        &["-A", "o"],
        b"The",
        b"0000000 064124 000145\n0000003\n",
        b"",
        0,
    );
    check(&["-Ax", "-c"], b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeftail", b"000000   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n*\n000040   t   a   i   l\n000044\n", b"", 0);
    check(&["-An", "-c"], b"", b"", b"", 0);
    check(&["-j", "5"], b"The quick brown fox jumps over the lazy dog.\n", b"0000005 064565 065543 061040 067562 067167 063040 074157 065040\n0000025 066565 071560 067440 062566 020162 064164 020145 060554\n0000045 074572 062040 063557 005056\n0000055\n", b"", 0);
    check(&["-j", "0x10", "-c"], b"The quick brown fox jumps over the lazy dog.\n", b"0000020   f   o   x       j   u   m   p   s       o   v   e   r       t\n0000040   h   e       l   a   z   y       d   o   g   .  \\n\n0000055\n", b"", 0);
    check(
        &["-j", "1k"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: cannot skip past end of combined input\n",
        1,
    );
    check(
        &["-j", "45"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"0000055\n",
        b"",
        0,
    );
    check(
        &["-j", "46"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: cannot skip past end of combined input\n",
        1,
    );
    check(
        &["-N", "10"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"0000000 064124 020145 072561 061551 020153\n0000012\n",
        b"",
        0,
    );
    check(
        &["-N", "0"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"0000000\n",
        b"",
        0,
    );
    check(&["-N", "100", "-c"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000   T   h   e       q   u   i   c   k       b   r   o   w   n    \n0000020   f   o   x       j   u   m   p   s       o   v   e   r       t\n0000040   h   e       l   a   z   y       d   o   g   .  \\n\n0000055\n", b"", 0);
    check(
        &["-j", "3", "-N", "5", "-c"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"0000003       q   u   i   c\n0000010\n",
        b"",
        0,
    );
    check(&["-w4"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 064124 020145\n0000004 072561 061551\n0000010 020153 071142\n0000014 073557 020156\n0000020 067546 020170\n0000024 072552 070155\n0000030 020163 073157\n0000034 071145 072040\n0000040 062550 066040\n0000044 075141 020171\n0000050 067544 027147\n0000054 000012\n0000055\n", b"", 0);
    check(&["-w", "-c"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000   T   h   e       q   u   i   c   k       b   r   o   w   n       f   o   x       j   u   m   p   s       o   v   e   r       t\n0000040   h   e       l   a   z   y       d   o   g   .  \\n\n0000055\n", b"", 0);
    check(&["-w7", "-c"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000   T   h   e       q   u   i\n0000007   c   k       b   r   o   w\n0000016   n       f   o   x       j\n0000025   u   m   p   s       o   v\n0000034   e   r       t   h   e    \n0000043   l   a   z   y       d   o\n0000052   g   .  \\n\n0000055\n", b"", 0);
    check(&["-w0"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 064124\n0000002 020145\n0000004 072561\n0000006 061551\n0000010 020153\n0000012 071142\n0000014 073557\n0000016 020156\n0000020 067546\n0000022 020170\n0000024 072552\n0000026 070155\n0000030 020163\n0000032 073157\n0000034 071145\n0000036 072040\n0000040 062550\n0000042 066040\n0000044 075141\n0000046 020171\n0000050 067544\n0000052 027147\n0000054 000012\n0000055\n", b"od: warning: invalid width 0; using 2 instead\n", 0);
    check(&["-w3", "-t", "x2"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 6854\n0000002 2065\n0000004 7571\n0000006 6369\n0000010 206b\n0000012 7262\n0000014 776f\n0000016 206e\n0000020 6f66\n0000022 2078\n0000024 756a\n0000026 706d\n0000030 2073\n0000032 766f\n0000034 7265\n0000036 7420\n0000040 6568\n0000042 6c20\n0000044 7a61\n0000046 2079\n0000050 6f64\n0000052 2e67\n0000054 000a\n0000055\n", b"od: warning: invalid width 3; using 2 instead\n", 0);
    check(&["--width=8", "-t", "x4"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 20656854 63697571\n0000010 7262206b 206e776f\n0000020 20786f66 706d756a\n0000030 766f2073 74207265\n0000040 6c206568 20797a61\n0000050 2e676f64 0000000a\n0000055\n", b"", 0);
    check(&["-v", "-c"], b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeftail", b"0000000   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000020   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000040   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000060   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000100   t   a   i   l\n0000104\n", b"", 0);
    check(&["-c"], b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeftail", b"0000000   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n*\n0000100   t   a   i   l\n0000104\n", b"", 0);
    check(
        &["-c"],
        b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        b"0000000   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x\n*\n0000100\n",
        b"",
        0,
    );
    check(&["-c"], b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy", b"0000000   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x\n*\n0000060   y\n0000061\n", b"", 0);
    check(
        &["-c", "-w4"],
        b"aaaaaaaaaaaa",
        b"0000000   a   a   a   a\n*\n0000014\n",
        b"",
        0,
    );
    check(
        &["-S", "3"],
        b"ab\x00cde\x00fghi\x00\x01jkl\x00mn",
        b"0000003 cde\n0000007 fghi\n0000015 jkl\n",
        b"",
        0,
    );
    check(
        &["-S", "1", "-A", "x"],
        b"a\x00b\x00",
        b"000000 a\n000002 b\n",
        b"",
        0,
    );
    check(&["-S", "0"], b"\x00x\x00", b"0000000 \n0000001 x\n", b"", 0);
    check(
        &["-S"],
        b"hello\x00world",
        b"",
        b"od: option requires an argument -- 'S'\nTry 'od --help' for more information.\n",
        1,
    );
    check(
        &["-S", "4", "-N", "8"],
        b"abcdefgh\x00ijkl\x00",
        b"1777777777777777777777 abcdefgh\n",
        b"",
        0,
    );
    check(
        &["-S", "2", "-c"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: no type may be specified when dumping strings\n",
        1,
    );
    check(
        &["-t", "q"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid character 'q' in type string 'q'\n",
        1,
    );
    check(
        &["-t", "d3"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid type string 'd3';\nthis system doesn't provide a 3-byte integral type\n",
        1,
    );
    check(
        &["-t", "x9"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid type string 'x9';\nthis system doesn't provide a 9-byte integral type\n",
        1,
    );
    check(
        &["-t", "x99999999999999999999999"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid type string 'x99999999999999999999999'\n",
        1,
    );
    check(&["-t", "d3", "-t", "q", "-c"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"od: invalid type string 'd3';\nthis system doesn't provide a 3-byte integral type\nod: invalid character 'q' in type string 'q'\n", 1);
    check(&["-t", ""], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 064124 020145 072561 061551 020153 071142 073557 020156\n0000020 067546 020170 072552 070155 020163 073157 071145 072040\n0000040 062550 066040 075141 020171 067544 027147 000012\n0000055\n", b"", 0);
    check(&["-t", "f5"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"od: invalid type string 'f5';\nthis system doesn't provide a 5-byte floating point type\n", 1);
    check(
        &["-A", "q"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid output address radix 'q'; it must be one character from [doxn]\n",
        1,
    );
    check(&["-A", "dx"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 064124 020145 072561 061551 020153 071142 073557 020156\n0000016 067546 020170 072552 070155 020163 073157 071145 072040\n0000032 062550 066040 075141 020171 067544 027147 000012\n0000045\n", b"", 0);
    check(
        &["-j", "x"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid -j argument 'x'\n",
        1,
    );
    check(
        &["--skip-bytes=5q"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid suffix in --skip-bytes argument '5q'\n",
        1,
    );
    check(
        &["--skip=99999999999999999999"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: --skip-bytes argument '99999999999999999999' too large\n",
        1,
    );
    check(
        &["-j", "k"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: cannot skip past end of combined input\n",
        1,
    );
    check(
        &["-N", "-1"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid -N argument '-1'\n",
        1,
    );
    check(
        &["-w", "1.5"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: 1.5: No such file or directory\n",
        1,
    );
    check(
        &["-w", "x"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: x: No such file or directory\n",
        1,
    );
    check(
        &["-z"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: invalid option -- 'z'\nTry 'od --help' for more information.\n",
        1,
    );
    check(
        &["--foo"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: unrecognized option '--foo'\nTry 'od --help' for more information.\n",
        1,
    );
    check(
        &["-t"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: option requires an argument -- 't'\nTry 'od --help' for more information.\n",
        1,
    );
    check(
        &["--format"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: option '--format' requires an argument\nTry 'od --help' for more information.\n",
        1,
    );
    check(
        &["--endian=big", "-t", "x2"],
        b"The quic",
        b"0000000 5468 6520 7175 6963\n0000010\n",
        b"",
        0,
    );
    check(&["--endian=middle"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"od: invalid argument 'middle' for '--endian'\nValid arguments are:\n  - 'little'\n  - 'big'\nTry 'od --help' for more information.\n", 1);
    check(&["+2"], b"The quick brown fox jumps over the lazy dog.\n", b"0000002 020145 072561 061551 020153 071142 073557 020156 067546\n0000022 020170 072552 070155 020163 073157 071145 072040 062550\n0000042 066040 075141 020171 067544 027147 000012\n0000055\n", b"", 0);
    check(&["-c", "+2"], b"The quick brown fox jumps over the lazy dog.\n", b"0000002   e       q   u   i   c   k       b   r   o   w   n       f   o\n0000022   x       j   u   m   p   s       o   v   e   r       t   h   e\n0000042       l   a   z   y       d   o   g   .  \\n\n0000055\n", b"", 0);
    check(&["+0x10"], b"The quick brown fox jumps over the lazy dog.\n", b"0000020 067546 020170 072552 070155 020163 073157 071145 072040\n0000040 062550 066040 075141 020171 067544 027147 000012\n0000055\n", b"", 0);
    check(
        &["+1b"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: cannot skip past end of combined input\n",
        1,
    );
    check(
        &["-c", "+10."],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: +10.: No such file or directory\n",
        1,
    );
    check(
        &["-j", "100"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"od: cannot skip past end of combined input\n",
        1,
    );
    check(&["-", "-"], b"The quick brown fox jumps over the lazy dog.\n", b"0000000 064124 020145 072561 061551 020153 071142 073557 020156\n0000020 067546 020170 072552 070155 020163 073157 071145 072040\n0000040 062550 066040 075141 020171 067544 027147 000012\n0000055\n", b"", 0);
    check(
        &["--read-bytes=4", "--address-radix=x"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"000000 064124 020145\n000004\n",
        b"",
        0,
    );
    check(&["--output-duplicates", "-c"], b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeftail", b"0000000   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000020   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000040   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000060   0   1   2   3   4   5   6   7   8   9   a   b   c   d   e   f\n0000100   t   a   i   l\n0000104\n", b"", 0);
}

/// A scratch directory for file tests, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("od-reference-{tag}-{}", std::process::id()));
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
fn several_files_are_one_stream() {
    let dir = Scratch::new("files");
    let a = dir.file("a", b"abc");
    let b = dir.file("b", b"defghijklmnopqrstu");
    check(
        &["-c", &a, &b],
        b"",
        b"0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u\n0000025\n",
        b"",
        0,
    );
    check(&["-c", "-j", "4", &a, &b], b"", b"0000004   e   f   g   h   i   j   k   l   m   n   o   p   q   r   s   t\n0000024   u\n0000025\n", b"", 0);
    check(
        &["-c", "-j", "3", "-N", "2", &a, "-", &b],
        b"XY",
        b"0000003   X   Y\n0000005\n",
        b"",
        0,
    );
    let missing = dir.0.join("missing").to_string_lossy().into_owned();
    check(
        &["-c", &missing, &a],
        b"",
        b"0000000   a   b   c\n0000003\n",
        format!("od: {missing}: No such file or directory\n").as_bytes(),
        1,
    );
    check(
        &[&missing],
        b"",
        b"",
        format!("od: {missing}: No such file or directory\n").as_bytes(),
        1,
    );
    let sub = dir.0.to_string_lossy().into_owned();
    check(
        &["-c", &sub, &a],
        b"",
        b"0000000   a   b   c\n0000003\n",
        format!("od: {sub}: Is a directory\n").as_bytes(),
        1,
    );
    // Two operands, the second starting with a digit: an offset.
    check(&["-c", &a, "1"], b"", b"0000001   b   c\n0000003\n", b"", 0);
    check(
        &["--traditional", "-c", &a, "1", "10"],
        b"",
        b"0000001 (0000010)   b   c\n0000003 (0000012)\n",
        b"",
        0,
    );
}

#[test]
fn sizes() {
    assert_eq!(xstrtoumax("10", 0, "bEGKkMmPTYZ0"), Ok(10));
    assert_eq!(xstrtoumax("0x10", 0, "bEGKkMmPTYZ0"), Ok(16));
    assert_eq!(xstrtoumax("010", 0, "bEGKkMmPTYZ0"), Ok(8));
    assert_eq!(xstrtoumax("1k", 0, "bEGKkMmPTYZ0"), Ok(1024));
    assert_eq!(xstrtoumax("1KB", 0, "bEGKkMmPTYZ0"), Ok(1000));
    assert_eq!(xstrtoumax("1KiB", 0, "bEGKkMmPTYZ0"), Ok(1024));
    assert_eq!(xstrtoumax("2b", 0, "bEGKkMmPTYZ0"), Ok(1024));
    assert_eq!(xstrtoumax("k", 0, "bEGKkMmPTYZ0"), Ok(1024));
    assert_eq!(xstrtoumax("1M", 0, "bEGKkMmPTYZ0"), Ok(1 << 20));
    assert_eq!(xstrtoumax("x", 0, "b"), Err(StrtolError::Invalid));
    assert_eq!(xstrtoumax("-1", 0, "b"), Err(StrtolError::Invalid));
    assert_eq!(xstrtoumax("5q", 0, "b"), Err(StrtolError::InvalidSuffix));
    assert_eq!(xstrtoumax("5bb", 0, "b"), Err(StrtolError::InvalidSuffix));
    assert_eq!(
        xstrtoumax("99999999999999999999", 0, "b"),
        Err(StrtolError::Overflow)
    );
    assert_eq!(
        xstrtoumax("20000000000000000000000E", 0, "bE"),
        Err(StrtolError::Overflow)
    );
    assert_eq!(xstrtoumax("1", 10, ""), Ok(1));
    assert_eq!(xstrtoumax("1.5", 10, ""), Err(StrtolError::InvalidSuffix));
    assert_eq!(parse_old_offset("+10"), Some(8));
    assert_eq!(parse_old_offset("10."), None);
    assert_eq!(parse_old_offset("0x10"), Some(16));
    assert_eq!(parse_old_offset("1b"), Some(512));
    assert_eq!(parse_old_offset(""), None);
    assert_eq!(lcm(4, 6), 12);
}
