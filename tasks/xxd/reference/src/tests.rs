//! Unit tests of the xxd reference. The `real_tool_outputs` table was produced by running
//! Debian 12's `xxd` (Vim 9.0.1378) on each input through a pipe.

use super::*;

/// Runs the reference on `args` with `stdin` and compares stdout, stderr and status.
fn check(args: &[&str], stdin: &[u8], stdout: &[u8], stderr: &[u8], status: i32) {
    let mut argv = vec!["xxd".to_string()];
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
    check(&[], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&[], b"v\x9c_D#/\xdd\xad\x01V\x80v\xe5\x9a\x14U\x8d\xef\x9d\xb3\n\xbaa+\xb4\xf2s\xf3\xb9l(+<\r\x1c!\x81\xdf\xec\xfd\x97\x10\xc6\xb0b\xca\xbf\xe3\x1a\xebJ4\xac9\xb9\xcbk\xe3\x16\xc5D\xe95eGW\xcf\x0b3\xb5\xe2\x01\xe1i\x0e\xe5`\xd8}#\x06<l\xbc\xe8\xd9\x1c\xf6\x98\x00\x1f\xc3\x942\xe5\xda3T\x02\xe4", b"00000000: 769c 5f44 232f ddad 0156 8076 e59a 1455  v._D#/...V.v...U\n00000010: 8def 9db3 0aba 612b b4f2 73f3 b96c 282b  ......a+..s..l(+\n00000020: 3c0d 1c21 81df ecfd 9710 c6b0 62ca bfe3  <..!........b...\n00000030: 1aeb 4a34 ac39 b9cb 6be3 16c5 44e9 3565  ..J4.9..k...D.5e\n00000040: 4757 cf0b 33b5 e201 e169 0ee5 60d8 7d23  GW..3....i..`.}#\n00000050: 063c 6cbc e8d9 1cf6 9800 1fc3 9432 e5da  .<l..........2..\n00000060: 3354 02e4                                3T..\n", b"", 0);
    check(&["-u"], b"v\x9c_D#/\xdd\xad\x01V\x80v\xe5\x9a\x14U\x8d\xef\x9d\xb3", b"00000000: 769C 5F44 232F DDAD 0156 8076 E59A 1455  v._D#/...V.v...U\n00000010: 8DEF 9DB3                                ....\n", b"", 0);
    check(&["-c", "8"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963  The quic\n00000008: 6b20 6272 6f77 6e20  k brown \n00000010: 666f 7820 6a75 6d70  fox jump\n00000018: 7320 6f76 6572 2074  s over t\n00000020: 6865 206c 617a 7920  he lazy \n00000028: 646f 672e 0a         dog..\n", b"", 0);
    check(&["-c8", "-g1"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 54 68 65 20 71 75 69 63  The quic\n00000008: 6b 20 62 72 6f 77 6e 20  k brown \n00000010: 66 6f 78 20 6a 75 6d 70  fox jump\n00000018: 73 20 6f 76 65 72 20 74  s over t\n00000020: 68 65 20 6c 61 7a 79 20  he lazy \n00000028: 64 6f 67 2e 0a           dog..\n", b"", 0);
    check(&["-cols", "5"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 71  The q\n00000005: 7569 636b 20  uick \n0000000a: 6272 6f77 6e  brown\n0000000f: 2066 6f78 20   fox \n00000014: 6a75 6d70 73  jumps\n00000019: 206f 7665 72   over\n0000001e: 2074 6865 20   the \n00000023: 6c61 7a79 20  lazy \n00000028: 646f 672e 0a  dog..\n", b"", 0);
    check(&["-g", "0"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 54686520717569636b2062726f776e20  The quick brown \n00000010: 666f78206a756d7073206f7665722074  fox jumps over t\n00000020: 6865206c617a7920646f672e0a        he lazy dog..\n", b"", 0);
    check(&["-g", "3"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 546865 207175 69636b 206272 6f776e 20  The quick brown \n00000010: 666f78 206a75 6d7073 206f76 657220 74  fox jumps over t\n00000020: 686520 6c617a 792064 6f672e 0a         he lazy dog..\n", b"", 0);
    check(&["-g4", "-c", "10"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 54686520 71756963 6b20  The quick \n0000000a: 62726f77 6e20666f 7820  brown fox \n00000014: 6a756d70 73206f76 6572  jumps over\n0000001e: 20746865 206c617a 7920   the lazy \n00000028: 646f672e 0a             dog..\n", b"", 0);
    check(&["-g", "16"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 54686520717569636b2062726f776e20  The quick brown \n00000010: 666f78206a756d7073206f7665722074  fox jumps over t\n00000020: 6865206c617a7920646f672e0a        he lazy dog..\n", b"", 0);
    check(&["-g", "99"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 54686520717569636b2062726f776e20  The quick brown \n00000010: 666f78206a756d7073206f7665722074  fox jumps over t\n00000020: 6865206c617a7920646f672e0a        he lazy dog..\n", b"", 0);
    check(&["-c", "256"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20 666f 7820 6a75 6d70 7320 6f76 6572 2074 6865 206c 617a 7920 646f 672e 0a                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                 The quick brown fox jumps over the lazy dog..\n", b"", 0);
    check(
        &["-c", "257"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: invalid number of columns (max. 256).\n",
        1,
    );
    check(&["-c", "0"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(
        &["-c", "-1"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: invalid number of columns (max. 256).\n",
        1,
    );
    check(&["-c", "0x10"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-c", "010"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963  The quic\n00000008: 6b20 6272 6f77 6e20  k brown \n00000010: 666f 7820 6a75 6d70  fox jump\n00000018: 7320 6f76 6572 2074  s over t\n00000020: 6865 206c 617a 7920  he lazy \n00000028: 646f 672e 0a         dog..\n", b"", 0);
    check(&["-b"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 01010100 01101000 01100101 00100000 01110001 01110101  The qu\n00000006: 01101001 01100011 01101011 00100000 01100010 01110010  ick br\n0000000c: 01101111 01110111 01101110 00100000 01100110 01101111  own fo\n00000012: 01111000 00100000 01101010 01110101 01101101 01110000  x jump\n00000018: 01110011 00100000 01101111 01110110 01100101 01110010  s over\n0000001e: 00100000 01110100 01101000 01100101 00100000 01101100   the l\n00000024: 01100001 01111010 01111001 00100000 01100100 01101111  azy do\n0000002a: 01100111 00101110 00001010                             g..\n", b"", 0);
    check(&["-b", "-c", "4"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 01010100 01101000 01100101 00100000  The \n00000004: 01110001 01110101 01101001 01100011  quic\n00000008: 01101011 00100000 01100010 01110010  k br\n0000000c: 01101111 01110111 01101110 00100000  own \n00000010: 01100110 01101111 01111000 00100000  fox \n00000014: 01101010 01110101 01101101 01110000  jump\n00000018: 01110011 00100000 01101111 01110110  s ov\n0000001c: 01100101 01110010 00100000 01110100  er t\n00000020: 01101000 01100101 00100000 01101100  he l\n00000024: 01100001 01111010 01111001 00100000  azy \n00000028: 01100100 01101111 01100111 00101110  dog.\n0000002c: 00001010                             .\n", b"", 0);
    check(&["-b", "-g", "2"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 0101010001101000 0110010100100000 0111000101110101  The qu\n00000006: 0110100101100011 0110101100100000 0110001001110010  ick br\n0000000c: 0110111101110111 0110111000100000 0110011001101111  own fo\n00000012: 0111100000100000 0110101001110101 0110110101110000  x jump\n00000018: 0111001100100000 0110111101110110 0110010101110010  s over\n0000001e: 0010000001110100 0110100001100101 0010000001101100   the l\n00000024: 0110000101111010 0111100100100000 0110010001101111  azy do\n0000002a: 0110011100101110 00001010                           g..\n", b"", 0);
    check(&["-e"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 20656854 63697571 7262206b 206e776f  The quick brown \n00000010: 20786f66 706d756a 766f2073 74207265  fox jumps over t\n00000020: 6c206568 20797a61 2e676f64       0a  he lazy dog..\n", b"", 0);
    check(&["-e", "-g", "2"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 6854 2065 7571 6369 206b 7262 776f 206e  The quick brown \n00000010: 6f66 2078 756a 706d 2073 766f 7265 7420  fox jumps over t\n00000020: 6568 6c20 7a61 2079 6f64 2e67   0a       he lazy dog..\n", b"", 0);
    check(
        &["-e", "-g", "3"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: number of octets per group must be a power of 2 with -e.\n",
        1,
    );
    check(&["-e", "-c", "3"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 65  54 68he\n00000003: 75  20 71qu\n00000006: 6b  69 63ck\n00000009: 72  20 62br\n0000000c: 6e  6f 77wn\n0000000f: 6f  20 66fo\n00000012: 6a  78 20 j\n00000015: 70  75 6dmp\n00000018: 6f  73 20 o\n0000001b: 72  76 65er\n0000001e: 68  20 74th\n00000021: 6c  65 20 l\n00000024: 79  61 7azy\n00000027: 6f  20 64do\n0000002a: 0a  67 2e..\n", b"", 0);
    check(&["-e", "-c", "10"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 20656854 63697571     206be quick \n0000000a: 776f7262 6f66206e     2078own fox \n00000014: 706d756a 766f2073     7265mps over\n0000001e: 65687420 7a616c20     2079he lazy \n00000028: 2e676f64       0a       dog..\n", b"", 0);
    check(&["-e", "-g", "8", "-c", "12"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 6369757120656854         7262206bick br\n0000000c: 20786f66206e776f         706d756ax jump\n00000018: 74207265766f2073         6c206568 the l\n00000024: 2e676f6420797a61           azy 0ag..\n", b"", 0);
    check(&["-e", "-c", "6"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 20656854     7571e qu\n00000006: 206b6369     7262k br\n0000000c: 206e776f     6f66n fo\n00000012: 756a2078     706djump\n00000018: 766f2073     7265over\n0000001e: 65687420     6c20he l\n00000024: 20797a61     6f64y do\n0000002a:   0a2e67       g..\n", b"", 0);
    check(&["-p"], b"v\x9c_D#/\xdd\xad\x01V\x80v\xe5\x9a\x14U\x8d\xef\x9d\xb3\n\xbaa+\xb4\xf2s\xf3\xb9l(+<\r\x1c!\x81\xdf\xec\xfd\x97\x10\xc6\xb0b\xca\xbf\xe3\x1a\xebJ4\xac9\xb9\xcbk\xe3\x16\xc5D\xe95eGW\xcf\x0b3\xb5\xe2\x01\xe1i\x0e\xe5`\xd8}#\x06<l\xbc\xe8\xd9\x1c\xf6\x98\x00\x1f\xc3\x942\xe5\xda3T\x02\xe4", b"769c5f44232fddad01568076e59a14558def9db30aba612bb4f273f3b96c\n282b3c0d1c2181dfecfd9710c6b062cabfe31aeb4a34ac39b9cb6be316c5\n44e935654757cf0b33b5e201e1690ee560d87d23063c6cbce8d91cf69800\n1fc39432e5da335402e4\n", b"", 0);
    check(&["-ps"], b"The quick brown fox jumps over the lazy dog.\n", b"54686520717569636b2062726f776e20666f78206a756d7073206f766572\n20746865206c617a7920646f672e0a\n", b"", 0);
    check(&["-p", "-c", "0"], b"The quick brown fox jumps over the lazy dog.\n", b"54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e0a\n", b"", 0);
    check(&["-p", "-c", "7"], b"The quick brown fox jumps over the lazy dog.\n", b"54686520717569\n636b2062726f77\n6e20666f78206a\n756d7073206f76\n65722074686520\n6c617a7920646f\n672e0a\n", b"", 0);
    check(
        &["-p", "-c", "-2"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: invalid number of columns (max. 256).\n",
        1,
    );
    check(
        &["-p", "-u"],
        b"v\x9c_D#/\xdd\xad\x01V",
        b"769C5F44232FDDAD0156\n",
        b"",
        0,
    );
    check(&["-p"], b"", b"", b"", 0);
    check(&["-p", "-c", "0"], b"", b"\n", b"", 0);
    check(&["-i"], b"The quick brown fox jumps over the lazy dog.\n", b"  0x54, 0x68, 0x65, 0x20, 0x71, 0x75, 0x69, 0x63, 0x6b, 0x20, 0x62, 0x72,\n  0x6f, 0x77, 0x6e, 0x20, 0x66, 0x6f, 0x78, 0x20, 0x6a, 0x75, 0x6d, 0x70,\n  0x73, 0x20, 0x6f, 0x76, 0x65, 0x72, 0x20, 0x74, 0x68, 0x65, 0x20, 0x6c,\n  0x61, 0x7a, 0x79, 0x20, 0x64, 0x6f, 0x67, 0x2e, 0x0a\n", b"", 0);
    check(&["-i", "-n", "data"], b"The quick brown fox jumps over the lazy dog.\n", b"unsigned char data[] = {\n  0x54, 0x68, 0x65, 0x20, 0x71, 0x75, 0x69, 0x63, 0x6b, 0x20, 0x62, 0x72,\n  0x6f, 0x77, 0x6e, 0x20, 0x66, 0x6f, 0x78, 0x20, 0x6a, 0x75, 0x6d, 0x70,\n  0x73, 0x20, 0x6f, 0x76, 0x65, 0x72, 0x20, 0x74, 0x68, 0x65, 0x20, 0x6c,\n  0x61, 0x7a, 0x79, 0x20, 0x64, 0x6f, 0x67, 0x2e, 0x0a\n};\nunsigned int data_len = 45;\n", b"", 0);
    check(&["-i", "-n", "3d model"], b"v\x9c_D#", b"unsigned char __3d_model[] = {\n  0x76, 0x9c, 0x5f, 0x44, 0x23\n};\nunsigned int __3d_model_len = 5;\n", b"", 0);
    check(&["-i", "-C", "-n", "my-var"], b"v\x9c_D#", b"unsigned char MY_VAR[] = {\n  0x76, 0x9c, 0x5f, 0x44, 0x23\n};\nunsigned int MY_VAR_LEN = 5;\n", b"", 0);
    check(
        &["-i", "-c", "4"],
        b"v\x9c_D#/\xdd\xad\x01V",
        b"  0x76, 0x9c, 0x5f, 0x44,\n  0x23, 0x2f, 0xdd, 0xad,\n  0x01, 0x56\n",
        b"",
        0,
    );
    check(
        &["-i", "-u"],
        b"v\x9c_D#/\xdd\xad\x01V",
        b"  0X76, 0X9C, 0X5F, 0X44, 0X23, 0X2F, 0XDD, 0XAD, 0X01, 0X56\n",
        b"",
        0,
    );
    check(
        &["-i", "-n", "x"],
        b"",
        b"unsigned char x[] = {\n};\nunsigned int x_len = 0;\n",
        b"",
        0,
    );
    check(&["-i"], b"", b"", b"", 0);
    check(
        &["-capitalize", "-i", "-nname"],
        b"v\x9c_",
        b"unsigned char NAME[] = {\n  0x76, 0x9c, 0x5f\n};\nunsigned int NAME_LEN = 3;\n",
        b"",
        0,
    );
    check(
        &["-l", "10"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"00000000: 5468 6520 7175 6963 6b20                 The quick \n",
        b"",
        0,
    );
    check(
        &["-l0x10"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n",
        b"",
        0,
    );
    check(&["-l", "-5"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(
        &["-l", "0"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"",
        0,
    );
    check(
        &["-len", "3"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"00000000: 5468 65                                  The\n",
        b"",
        0,
    );
    check(
        &["-le"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"",
        0,
    );
    check(&["-s", "5"], b"The quick brown fox jumps over the lazy dog.\n", b"00000005: 7569 636b 2062 726f 776e 2066 6f78 206a  uick brown fox j\n00000015: 756d 7073 206f 7665 7220 7468 6520 6c61  umps over the la\n00000025: 7a79 2064 6f67 2e0a                      zy dog..\n", b"", 0);
    check(&["-s", "+5"], b"The quick brown fox jumps over the lazy dog.\n", b"00000005: 7569 636b 2062 726f 776e 2066 6f78 206a  uick brown fox j\n00000015: 756d 7073 206f 7665 7220 7468 6520 6c61  umps over the la\n00000025: 7a79 2064 6f67 2e0a                      zy dog..\n", b"", 0);
    check(&["-s", "0"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(
        &["-s", "100"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: Sorry, cannot seek.\n",
        4,
    );
    check(
        &["-s", "-5"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: Sorry, cannot seek.\n",
        4,
    );
    check(
        &["-s+-5"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: Sorry, cannot seek.\n",
        4,
    );
    check(
        &["-s", "45"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"",
        0,
    );
    check(
        &["-s46"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd: Sorry, cannot seek.\n",
        4,
    );
    check(&["-o", "100"], b"The quick brown fox jumps over the lazy dog.\n", b"00000064: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000074: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000084: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-o", "-16"], b"The quick brown fox jumps over the lazy dog.\n", b"fffffffffffffff0: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000000: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000010: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-o", "+0x10"], b"The quick brown fox jumps over the lazy dog.\n", b"00000010: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000020: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000030: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-o0x10"], b"The quick brown fox jumps over the lazy dog.\n", b"00000010: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000020: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000030: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-d"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000016: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000032: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-d", "-o", "-16"], b"The quick brown fox ", b"-0000016: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000000: 666f 7820                                fox \n", b"", 0);
    check(&["-d", "-s", "10"], b"The quick brown fox jumps over the lazy dog.\n", b"00000010: 6272 6f77 6e20 666f 7820 6a75 6d70 7320  brown fox jumps \n00000026: 6f76 6572 2074 6865 206c 617a 7920 646f  over the lazy do\n00000042: 672e 0a                                  g..\n", b"", 0);
    check(&["-a"], b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00x\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n*\n00000050: 7800 0000 0000 0000 0000 0000 0000 0000  x...............\n00000060: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000070: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", b"", 0);
    check(&["-a"], b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000020: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", b"", 0);
    check(&["-a"], b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n*\n00000030: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", b"", 0);
    check(&["-a"], b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n*\n00000040: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", b"", 0);
    check(&["-a"], b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", b"", 0);
    check(
        &["-a"],
        b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
        b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n",
        b"",
        0,
    );
    check(&["-a"], b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n*\n00000040: 0000                                     ..\n", b"", 0);
    check(&["-a", "-a"], b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000020: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000030: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", b"", 0);
    check(&["-a"], b"x\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00yyyyyyyyyyyyyyyy\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 7800 0000 0000 0000 0000 0000 0000 0000  x...............\n00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000020: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n00000030: 7979 7979 7979 7979 7979 7979 7979 7979  yyyyyyyyyyyyyyyy\n00000040: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n*\n00000070: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", b"", 0);
    check(
        &["-a", "-c", "4"],
        b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
        b"00000000: 0000 0000  ....\n*\n00000010: 0000 0000  ....\n",
        b"",
        0,
    );
    check(&["-x"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"Usage:\n       xxd [options] [infile [outfile]]\n    or\n       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.\n    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.\n    -C          capitalize variable names in C include file style (-i).\n    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).\n    -E          show characters in EBCDIC. Default ASCII.\n    -e          little-endian dump (incompatible with -ps,-i,-r).\n    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).\n    -h          print this summary.\n    -i          output in C include file style.\n    -l len      stop after <len> octets.\n    -n name     set the variable name used in C include output (-i).\n    -o off      add <off> to the displayed file position.\n    -ps         output in postscript plain hexdump style.\n    -r          reverse operation: convert (or patch) hexdump into binary.\n    -r -s off   revert with <off> added to file positions found in hexdump.\n    -d          show offset in decimal instead of hex.\n    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.\n    -u          use upper case hex letters.\n    -v          show version: \"xxd 2022-01-14 by Juergen Weigert et al.\".\n", 1);
    check(&["-h"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"Usage:\n       xxd [options] [infile [outfile]]\n    or\n       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.\n    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.\n    -C          capitalize variable names in C include file style (-i).\n    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).\n    -E          show characters in EBCDIC. Default ASCII.\n    -e          little-endian dump (incompatible with -ps,-i,-r).\n    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).\n    -h          print this summary.\n    -i          output in C include file style.\n    -l len      stop after <len> octets.\n    -n name     set the variable name used in C include output (-i).\n    -o off      add <off> to the displayed file position.\n    -ps         output in postscript plain hexdump style.\n    -r          reverse operation: convert (or patch) hexdump into binary.\n    -r -s off   revert with <off> added to file positions found in hexdump.\n    -d          show offset in decimal instead of hex.\n    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.\n    -u          use upper case hex letters.\n    -v          show version: \"xxd 2022-01-14 by Juergen Weigert et al.\".\n", 1);
    check(
        &["-v"],
        b"The quick brown fox jumps over the lazy dog.\n",
        b"",
        b"xxd 2022-01-14 by Juergen Weigert et al.\n",
        0,
    );
    check(&["-c"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"Usage:\n       xxd [options] [infile [outfile]]\n    or\n       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.\n    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.\n    -C          capitalize variable names in C include file style (-i).\n    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).\n    -E          show characters in EBCDIC. Default ASCII.\n    -e          little-endian dump (incompatible with -ps,-i,-r).\n    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).\n    -h          print this summary.\n    -i          output in C include file style.\n    -l len      stop after <len> octets.\n    -n name     set the variable name used in C include output (-i).\n    -o off      add <off> to the displayed file position.\n    -ps         output in postscript plain hexdump style.\n    -r          reverse operation: convert (or patch) hexdump into binary.\n    -r -s off   revert with <off> added to file positions found in hexdump.\n    -d          show offset in decimal instead of hex.\n    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.\n    -u          use upper case hex letters.\n    -v          show version: \"xxd 2022-01-14 by Juergen Weigert et al.\".\n", 1);
    check(&["-", "-", "extra"], b"The quick brown fox jumps over the lazy dog.\n", b"", b"Usage:\n       xxd [options] [infile [outfile]]\n    or\n       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.\n    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.\n    -C          capitalize variable names in C include file style (-i).\n    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).\n    -E          show characters in EBCDIC. Default ASCII.\n    -e          little-endian dump (incompatible with -ps,-i,-r).\n    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).\n    -h          print this summary.\n    -i          output in C include file style.\n    -l len      stop after <len> octets.\n    -n name     set the variable name used in C include output (-i).\n    -o off      add <off> to the displayed file position.\n    -ps         output in postscript plain hexdump style.\n    -r          reverse operation: convert (or patch) hexdump into binary.\n    -r -s off   revert with <off> added to file positions found in hexdump.\n    -d          show offset in decimal instead of hex.\n    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.\n    -u          use upper case hex letters.\n    -v          show version: \"xxd 2022-01-14 by Juergen Weigert et al.\".\n", 1);
    check(&["--", "-"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["--cols", "4"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520  The \n00000004: 7175 6963  quic\n00000008: 6b20 6272  k br\n0000000c: 6f77 6e20  own \n00000010: 666f 7820  fox \n00000014: 6a75 6d70  jump\n00000018: 7320 6f76  s ov\n0000001c: 6572 2074  er t\n00000020: 6865 206c  he l\n00000024: 617a 7920  azy \n00000028: 646f 672e  dog.\n0000002c: 0a         .\n", b"", 0);
    check(&["---"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  The quick brown \n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  fox jumps over t\n00000020: 6865 206c 617a 7920 646f 672e 0a         he lazy dog..\n", b"", 0);
    check(&["-E"], b"The quick brown fox jumps over the lazy dog.\n", b"00000000: 5468 6520 7175 6963 6b20 6272 6f77 6e20  ........,...?.>.\n00000010: 666f 7820 6a75 6d70 7320 6f76 6572 2074  .?...._...?.....\n00000020: 6865 206c 617a 7920 646f 672e 0a         ...%/:`..?...\n", b"", 0);
    check(&["-autoskip", "-bits"], b"\x00\x00\x00\x00\x00\x00\x00\x00", b"00000000: 00000000 00000000 00000000 00000000 00000000 00000000  ......\n00000006: 00000000 00000000                                      ..\n", b"", 0);
    check(&["-r"], b"00000000: 4142 4344  ABCD\n", b"ABCD", b"", 0);
    check(
        &["-r"],
        b"00000000: 4142 4344  ABCD\n00000010: 4546\n",
        b"ABCD\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00EF",
        b"",
        0,
    );
    check(
        &["-r"],
        b"00000010: 4142\n",
        b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00AB",
        b"",
        0,
    );
    check(
        &["-r"],
        b"00000010: 4142\n00000000: 4344\n",
        b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00AB",
        b"xxd: Sorry, cannot seek backwards.\n",
        5,
    );
    check(
        &["-r"],
        b"hello\n",
        b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
        b"",
        0,
    );
    check(&["-r"], b"00000000: 41 42 43\n", b"ABC", b"", 0);
    check(&["-r"], b"0: 414243444546\n", b"ABCDEF", b"", 0);
    check(&["-r", "-c", "2"], b"00000000: 41424344\n", b"AB", b"", 0);
    check(
        &["-r"],
        b"00000000: 4142\r\n00000002: 4344\r\n",
        b"ABCD",
        b"",
        0,
    );
    check(&["-r"], b"  00000000: 4142  garbage 4344\n", b"AB", b"", 0);
    check(&["-r"], b"00000000: 41x42\n", b"AB", b"", 0);
    check(&["-r"], b"00000000: 4 142\n", b"\x14", b"", 0);
    check(
        &["-r", "-s", "4"],
        b"00000000: 4142\n",
        b"\x00\x00\x00\x00AB",
        b"",
        0,
    );
    check(
        &["-r", "-s", "-2"],
        b"00000004: 4142\n",
        b"\x00\x00AB",
        b"",
        0,
    );
    check(
        &["-r", "-s", "-8"],
        b"00000004: 4142\n",
        b"",
        b"xxd: Sorry, cannot seek backwards.\n",
        5,
    );
    check(&["-r", "-p"], b"4142434445\n46\n", b"ABCDEF", b"", 0);
    check(&["-r", "-p"], b"41 42\t43\n4\n4\n", b"ABCD", b"", 0);
    check(&["-r", "-p"], b"41zz42\n", b"A", b"", 0);
    check(&["-r", "-p"], b"41z42\n", b"AB", b"", 0);
    check(
        &["-r", "-p", "-s", "3"],
        b"4142\n",
        b"\x00\x00\x00AB",
        b"",
        0,
    );
    check(&["-r", "-p"], b"", b"", b"", 0);
    check(
        &["-r", "-i"],
        b"x",
        b"",
        b"xxd: Sorry, cannot revert this type of hexdump\n",
        255,
    );
    check(
        &["-r", "-b"],
        b"x",
        b"",
        b"xxd: Sorry, cannot revert this type of hexdump\n",
        255,
    );
    check(
        &["-r", "-e"],
        b"x",
        b"",
        b"xxd: Sorry, cannot revert this type of hexdump\n",
        255,
    );
    check(&["-r"], b"00000000: 6162 6364 6566 6768 696a 6b6c 6d6e 6f70  abcdefghijklmnop\n00000010: 7172                                     qr\n", b"abcdefghijklmnopqr", b"", 0);
}

/// A scratch directory for file tests, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("xxd-reference-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn files_seek() {
    let dir = Scratch::new("seek");
    let data = dir.file("data.bin", b"0123456789abcdefghij");
    check(
        &["-s", "5", &data],
        b"",
        b"00000005: 3536 3738 3961 6263 6465 6667 6869 6a    56789abcdefghij\n",
        b"",
        0,
    );
    check(
        &["-s", "-4", &data],
        b"",
        b"00000010: 6768 696a                                ghij\n",
        b"",
        0,
    );
    check(
        &["-s", "+4", "-l", "2", &data],
        b"",
        b"00000004: 3435                                     45\n",
        b"",
        0,
    );
    // Beyond the end of a file is not an error: there is nothing to dump.
    check(&["-s", "100", &data], b"", b"", b"", 0);
    check(
        &["-s", "-21", &data],
        b"",
        b"",
        b"xxd: Sorry, cannot seek.\n",
        4,
    );
    check(
        &["-s", "+-1", &data],
        b"",
        b"",
        b"xxd: Sorry, cannot seek.\n",
        4,
    );
    check(&["-p", "-s", "18", &data], b"", b"696a\n", b"", 0);
    let missing = dir.path("missing");
    check(
        &[&missing],
        b"",
        b"",
        format!("xxd: {missing}: No such file or directory\n").as_bytes(),
        2,
    );
    let sub = dir.path("");
    check(&[&sub], b"", b"", b"xxd: Is a directory\n", 2);
}

#[test]
fn c_include_names() {
    let dir = Scratch::new("include");
    let data = dir.file("3d-model.bin", b"\x01\x02");
    let name: String = data
        .bytes()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c as char
            } else {
                '_'
            }
        })
        .collect();
    let expect =
        format!("unsigned char {name}[] = {{\n  0x01, 0x02\n}};\nunsigned int {name}_len = 2;\n");
    check(&["-i", &data], b"", expect.as_bytes(), b"", 0);
    check(
        &["-i", "-n", "3d", &data],
        b"",
        b"unsigned char __3d[] = {\n  0x01, 0x02\n};\nunsigned int __3d_len = 2;\n",
        b"",
        0,
    );
    check(
        &["-i", "-C", "-n", "ab", &data],
        b"",
        b"unsigned char AB[] = {\n  0x01, 0x02\n};\nunsigned int AB_LEN = 2;\n",
        b"",
        0,
    );
    // Reading a directory fails after the header is written.
    let sub = dir.path("");
    let header = "unsigned char x[] = {\n";
    check(
        &["-i", "-n", "x", &sub],
        b"",
        header.as_bytes(),
        b"xxd: Is a directory\n",
        2,
    );
}

#[test]
fn output_files() {
    let dir = Scratch::new("output");
    let out = dir.file(
        "out.txt",
        b"old contents that are much longer than the dump\n",
    );
    check(&["-p", "-", &out], b"AB", b"", b"", 0);
    assert_eq!(std::fs::read(&out).unwrap(), b"4142\n");
    // -r patches an existing file: it is not truncated, and seeks replace the zero fill.
    let patched = dir.file("patched.bin", b"0123456789");
    check(
        &["-r", "-", &patched],
        b"00000002: 4142\n00000008: 43\n",
        b"",
        b"",
        0,
    );
    assert_eq!(std::fs::read(&patched).unwrap(), b"01AB4567C9");
    // Seeking backwards works on a file, past the end leaves a hole of zeros.
    let fresh = dir.path("fresh.bin");
    check(
        &["-r", "-", &fresh],
        b"00000004: 41\n00000000: 42\n",
        b"",
        b"",
        0,
    );
    assert_eq!(std::fs::read(&fresh).unwrap(), b"B\0\0\0A");
    // A seek with nothing written after it does not make the file longer.
    let short = dir.path("short.bin");
    check(
        &["-r", "-", &short],
        b"00000000: 41\n00000010: \n",
        b"",
        b"",
        0,
    );
    assert_eq!(std::fs::read(&short).unwrap(), b"A");
    let bad = dir.path("no/such/dir");
    check(
        &["-", &bad],
        b"",
        b"",
        format!("xxd: {bad}: No such file or directory\n").as_bytes(),
        3,
    );
    check(
        &["-r", "-b", "-", &dir.path("made.bin")],
        b"",
        b"",
        b"xxd: Sorry, cannot revert this type of hexdump\n",
        255,
    );
    assert!(std::path::Path::new(&dir.path("made.bin")).exists());
}

#[test]
fn program_name_is_the_last_path_component() {
    let argv: Vec<String> = ["/usr/bin/xxd", "-c", "999"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut err = Vec::new();
    assert_eq!(run(&argv, &mut &b""[..], &mut Vec::new(), &mut err), 1);
    assert_eq!(err, b"xxd: invalid number of columns (max. 256).\n");
    assert!(usage("hexer").starts_with("Usage:\n       hexer [options]"));
    assert!(strncmp_eq(b"-cols", b"-c", 2) && !strncmp_eq(b"-", b"-c", 2));
    assert!(strncmp_eq(b"olsx", b"ols", 3) && !strncmp_eq(b"ol", b"ols", 3));
}
