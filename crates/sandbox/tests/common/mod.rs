//! Shared test helpers: a tiny script language that compiles to a WAT guest making WASI
//! calls and printing what each returned, and a renderer that turns an `Outcome` into text.
//!
//! A script line is one call: the function name, then arguments.
//! - `42`, `-1`, `0x10`: an `i32` constant; `42L`: an `i64` constant.
//! - `"text"`: a string in memory, passed as two arguments (pointer, length).
//! - `*"bytes"`: bytes in memory, passed as a pointer alone (for records like iovecs).
//! - `iov("a", "b")`: an iovec array over those strings, passed as (pointer, count).
//! - `riov(8, 4)`: an iovec array over zeroed buffers of those sizes, passed as
//!   (pointer, count); after the call each buffer is printed as text.
//! - `&name:kind`: a pointer to a fresh zeroed buffer, printed after the call as
//!   `name=value`. Kinds: `u32`, `u64`, `hexN`, `textN`, `filestat`, `fdstat`, `direntsN`.
//! - `$name`: the `u32` an earlier `&name:u32` received (typically a new descriptor).
//!
//! The guest prints `name -> errno` and the outputs, one line per call.
#![allow(dead_code)] // Each test binary uses a different subset.

use replica_sandbox::{Budget, Ending, Engine, Input, Module, Node, Outcome, Tree};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Parameter and result types of every WASI preview1 function.
pub fn signature(name: &str) -> (&'static str, &'static str) {
    match name {
        "args_get" | "args_sizes_get" | "environ_get" | "environ_sizes_get" => ("ii", "i"),
        "clock_res_get" => ("ii", "i"),
        "clock_time_get" => ("iIi", "i"),
        "random_get" => ("ii", "i"),
        "fd_advise" => ("iIIi", "i"),
        "fd_allocate" => ("iII", "i"),
        "fd_close" | "fd_datasync" | "fd_sync" => ("i", "i"),
        "fd_fdstat_get" | "fd_fdstat_set_flags" | "fd_filestat_get" => ("ii", "i"),
        "fd_fdstat_set_rights" => ("iII", "i"),
        "fd_filestat_set_size" => ("iI", "i"),
        "fd_filestat_set_times" => ("iIIi", "i"),
        "fd_pread" | "fd_pwrite" => ("iiiIi", "i"),
        "fd_prestat_get" => ("ii", "i"),
        "fd_prestat_dir_name" => ("iii", "i"),
        "fd_read" | "fd_write" => ("iiii", "i"),
        "fd_readdir" => ("iiiIi", "i"),
        "fd_renumber" => ("ii", "i"),
        "fd_seek" => ("iIii", "i"),
        "fd_tell" => ("ii", "i"),
        "path_create_directory" | "path_remove_directory" | "path_unlink_file" => ("iii", "i"),
        "path_filestat_get" => ("iiiii", "i"),
        "path_filestat_set_times" => ("iiiiIIi", "i"),
        "path_link" => ("iiiiiii", "i"),
        "path_open" => ("iiiiiIIii", "i"),
        "path_readlink" => ("iiiiii", "i"),
        "path_rename" => ("iiiiii", "i"),
        "path_symlink" => ("iiiii", "i"),
        "poll_oneoff" => ("iiii", "i"),
        "proc_exit" => ("i", ""),
        "proc_raise" => ("i", "i"),
        "sched_yield" => ("", "i"),
        "sock_accept" => ("iii", "i"),
        "sock_recv" => ("iiiiii", "i"),
        "sock_send" => ("iiiii", "i"),
        "sock_shutdown" => ("ii", "i"),
        other => panic!("unknown WASI function `{other}` in test script"),
    }
}

/// Every preview1 function name.
pub const ALL_FUNCTIONS: &[&str] = &[
    "args_get",
    "args_sizes_get",
    "environ_get",
    "environ_sizes_get",
    "clock_res_get",
    "clock_time_get",
    "random_get",
    "fd_advise",
    "fd_allocate",
    "fd_close",
    "fd_datasync",
    "fd_sync",
    "fd_fdstat_get",
    "fd_fdstat_set_flags",
    "fd_filestat_get",
    "fd_fdstat_set_rights",
    "fd_filestat_set_size",
    "fd_filestat_set_times",
    "fd_pread",
    "fd_pwrite",
    "fd_prestat_get",
    "fd_prestat_dir_name",
    "fd_read",
    "fd_write",
    "fd_readdir",
    "fd_renumber",
    "fd_seek",
    "fd_tell",
    "path_create_directory",
    "path_remove_directory",
    "path_unlink_file",
    "path_filestat_get",
    "path_filestat_set_times",
    "path_link",
    "path_open",
    "path_readlink",
    "path_rename",
    "path_symlink",
    "poll_oneoff",
    "proc_exit",
    "proc_raise",
    "sched_yield",
    "sock_accept",
    "sock_recv",
    "sock_send",
    "sock_shutdown",
];

/// The WAT type list of a signature string (`i` = i32, `I` = i64).
pub fn wat_types(types: &str) -> String {
    types
        .chars()
        .map(|c| if c == 'I' { " i64" } else { " i32" })
        .collect()
}

/// Where the generated guest keeps things in its (two-page) memory.
const SCRATCH: u32 = 0; // iovec and digits for printing
const DATA_START: u32 = 1024;
const MEMORY_PAGES: u32 = 2;

#[derive(Debug)]
enum Arg {
    I32(i64),
    I64(i64),
    Ptr(u32),
    Load(u32),
}

#[derive(Debug)]
enum Show {
    Out { name: String, kind: String, at: u32 },
    Read { at: u32, len: u32 },
}

struct Builder {
    data: Vec<(u32, Vec<u8>)>,
    next: u32,
    outs: BTreeMap<String, u32>,
}

impl Builder {
    fn alloc(&mut self, bytes: Vec<u8>) -> u32 {
        let at = self.next;
        self.next += (bytes.len() as u32).max(1).next_multiple_of(8);
        self.data.push((at, bytes));
        at
    }
    fn zeroed(&mut self, len: u32) -> u32 {
        let at = self.next;
        self.next += len.max(1).next_multiple_of(8);
        at
    }
}

fn unescape(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('0') => out.push(0),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).expect("bad \\x escape"));
            }
            Some(other) => out.push(other as u8),
            None => out.push(b'\\'),
        }
    }
    out
}

/// Splits a script line into tokens; quoted strings and `iov(...)` groups stay whole.
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut depth = 0;
    let mut escaped = false;
    for c in line.chars() {
        if quoted {
            current.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                quoted = false;
            }
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                current.push(c);
            }
            '(' => {
                depth += 1;
                current.push(c);
            }
            ')' => {
                depth -= 1;
                current.push(c);
            }
            ' ' if depth == 0 => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Splits `a, "b, c", d` at top-level commas.
fn list(inner: &str) -> Vec<String> {
    tokens(&inner.replace(',', " "))
}

fn string_literal(token: &str) -> Vec<u8> {
    assert!(
        token.starts_with('"') && token.ends_with('"'),
        "bad string {token}"
    );
    unescape(&token[1..token.len() - 1])
}

fn parse_int(token: &str) -> i64 {
    let (negative, digits) = match token.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let value = match digits.strip_prefix("0x") {
        Some(hex) => i64::from_str_radix(hex, 16).expect("bad hex"),
        None => digits
            .parse::<i64>()
            .unwrap_or_else(|_| panic!("bad number {token}")),
    };
    if negative { -value } else { value }
}

fn kind_size(kind: &str) -> u32 {
    match kind {
        "u32" => 4,
        "u64" => 8,
        "filestat" => 64,
        "fdstat" => 24,
        _ => {
            let digits = kind.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            digits
                .parse()
                .unwrap_or_else(|_| panic!("bad out kind {kind}"))
        }
    }
}

/// Compiles a script to a WAT guest.
pub fn script_to_wat(script: &str) -> String {
    let mut b = Builder {
        data: Vec::new(),
        next: DATA_START,
        outs: BTreeMap::new(),
    };
    let mut used: Vec<String> = vec!["fd_write".into()];
    let mut body = String::new();
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let toks = tokens(line);
        let name = toks[0].clone();
        let (params, results) = signature(&name);
        if !used.contains(&name) {
            used.push(name.clone());
        }
        let mut args = Vec::new();
        let mut shows = Vec::new();
        for tok in &toks[1..] {
            if let Some(raw) = tok.strip_prefix('*') {
                let bytes = string_literal(raw);
                args.push(Arg::Ptr(b.alloc(bytes)));
            } else if tok.starts_with('"') {
                let bytes = string_literal(tok);
                let len = bytes.len() as i64;
                args.push(Arg::Ptr(b.alloc(bytes)));
                args.push(Arg::I32(len));
            } else if let Some(inner) = tok.strip_prefix("iov(").and_then(|t| t.strip_suffix(')')) {
                let parts: Vec<Vec<u8>> = list(inner).iter().map(|p| string_literal(p)).collect();
                let mut array = Vec::new();
                for part in &parts {
                    let len = part.len() as u32;
                    let at = b.alloc(part.clone());
                    array.extend_from_slice(&at.to_le_bytes());
                    array.extend_from_slice(&len.to_le_bytes());
                }
                args.push(Arg::Ptr(b.alloc(array)));
                args.push(Arg::I32(parts.len() as i64));
            } else if let Some(inner) = tok.strip_prefix("riov(").and_then(|t| t.strip_suffix(')'))
            {
                let sizes: Vec<u32> = list(inner).iter().map(|p| parse_int(p) as u32).collect();
                let mut array = Vec::new();
                for &size in &sizes {
                    let at = b.zeroed(size);
                    array.extend_from_slice(&at.to_le_bytes());
                    array.extend_from_slice(&size.to_le_bytes());
                    shows.push(Show::Read { at, len: size });
                }
                args.push(Arg::Ptr(b.alloc(array)));
                args.push(Arg::I32(sizes.len() as i64));
            } else if let Some(out) = tok.strip_prefix('&') {
                let (out_name, kind) = out.split_once(':').expect("out needs :kind");
                let at = b.zeroed(kind_size(kind));
                b.outs.insert(out_name.to_owned(), at);
                args.push(Arg::Ptr(at));
                shows.push(Show::Out {
                    name: out_name.to_owned(),
                    kind: kind.to_owned(),
                    at,
                });
            } else if let Some(var) = tok.strip_prefix('$') {
                let at = *b
                    .outs
                    .get(var)
                    .unwrap_or_else(|| panic!("no out named {var}"));
                args.push(Arg::Load(at));
            } else if let Some(num) = tok.strip_suffix('L') {
                args.push(Arg::I64(parse_int(num)));
            } else {
                args.push(Arg::I32(parse_int(tok)));
            }
        }
        assert_eq!(args.len(), params.len(), "argument count for `{line}`");
        let label = b.alloc(format!("{name} -> ").into_bytes());
        let _ = writeln!(
            body,
            "    (call $write (i32.const {label}) (i32.const {}))",
            name.len() + 4
        );
        let mut call = format!("(call ${name}");
        for (arg, ty) in args.iter().zip(params.chars()) {
            let value = match arg {
                Arg::I32(v) | Arg::I64(v) => *v,
                Arg::Ptr(p) => i64::from(*p),
                Arg::Load(at) => {
                    let _ = write!(call, " (i32.load (i32.const {at}))");
                    continue;
                }
            };
            if ty == 'I' {
                let _ = write!(call, " (i64.const {value})");
            } else {
                let _ = write!(call, " (i32.const {})", value as i32);
            }
        }
        call.push(')');
        if results.is_empty() {
            let _ = writeln!(body, "    {call}");
        } else {
            let _ = writeln!(body, "    (call $dec (i64.extend_i32_u {call}))");
        }
        for show in shows {
            match show {
                Show::Out { name, kind, at } => {
                    let label = b.alloc(format!(" {name}=").into_bytes());
                    let _ = writeln!(
                        body,
                        "    (call $write (i32.const {label}) (i32.const {}))",
                        name.len() + 2
                    );
                    let printer = match kind.as_str() {
                        "u32" => {
                            format!("(call $dec (i64.extend_i32_u (i32.load (i32.const {at}))))")
                        }
                        "u64" => format!("(call $dec (i64.load (i32.const {at})))"),
                        "filestat" => format!("(call $filestat (i32.const {at}))"),
                        "fdstat" => format!("(call $fdstat (i32.const {at}))"),
                        k if k.starts_with("hex") => {
                            format!("(call $hex (i32.const {at}) (i32.const {}))", kind_size(k))
                        }
                        k if k.starts_with("text") => {
                            format!("(call $text (i32.const {at}) (i32.const {}))", kind_size(k))
                        }
                        k if k.starts_with("dirents") => {
                            format!(
                                "(call $dirents (i32.const {at}) (i32.const {}))",
                                kind_size(k)
                            )
                        }
                        other => panic!("unknown kind {other}"),
                    };
                    let _ = writeln!(body, "    {printer}");
                }
                Show::Read { at, len } => {
                    let label = b.alloc(b" read=".to_vec());
                    let _ = writeln!(body, "    (call $write (i32.const {label}) (i32.const 6))");
                    let _ = writeln!(body, "    (call $text (i32.const {at}) (i32.const {len}))");
                }
            }
        }
        let newline = b.alloc(b"\n".to_vec());
        let _ = writeln!(
            body,
            "    (call $write (i32.const {newline}) (i32.const 1))"
        );
    }
    assert!(b.next < MEMORY_PAGES * 65536, "script data too large");

    let mut wat = String::from("(module\n");
    for name in &used {
        let (params, results) = signature(name);
        let results = if results.is_empty() {
            String::new()
        } else {
            " (result i32)".into()
        };
        let _ = writeln!(
            wat,
            "  (import \"wasi_snapshot_preview1\" \"{name}\" (func ${name} (param{}){results}))",
            wat_types(params)
        );
    }
    let _ = writeln!(wat, "  (memory (export \"memory\") {MEMORY_PAGES})");
    for (at, bytes) in &b.data {
        let escaped: String = bytes.iter().map(|byte| format!("\\{byte:02x}")).collect();
        let _ = writeln!(wat, "  (data (i32.const {at}) \"{escaped}\")");
    }
    wat.push_str(PRINTERS);
    let _ = writeln!(wat, "  (func (export \"_start\")\n{body}  )\n)");
    wat
}

/// WAT helpers the generated guests print with. Scratch memory below 1024 holds the
/// iovec (at 0), the number being formatted (at 16..48) and single characters (at 48).
const PRINTERS: &str = r#"
  (func $write (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func $char (param $c i32)
    (i32.store8 (i32.const 48) (local.get $c))
    (call $write (i32.const 48) (i32.const 1)))
  (func $dec (param $n i64) (local $at i32)
    (local.set $at (i32.const 48))
    (loop $digits
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i64.store8 (local.get $at) (i64.add (i64.const 48) (i64.rem_u (local.get $n) (i64.const 10))))
      (local.set $n (i64.div_u (local.get $n) (i64.const 10)))
      (br_if $digits (i64.ne (local.get $n) (i64.const 0))))
    (call $write (local.get $at) (i32.sub (i32.const 48) (local.get $at))))
  (func $hex (param $ptr i32) (param $len i32) (local $byte i32)
    (block $done (loop $each
      (br_if $done (i32.eqz (local.get $len)))
      (local.set $byte (i32.load8_u (local.get $ptr)))
      (call $nibble (i32.shr_u (local.get $byte) (i32.const 4)))
      (call $nibble (i32.and (local.get $byte) (i32.const 15)))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $each))))
  (func $nibble (param $n i32)
    (call $char (i32.add (local.get $n)
      (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $n) (i32.const 10))))))
  ;; Prints a buffer as "text", leaving off trailing zero bytes; newlines print as \n
  ;; and zero bytes as \0 so expectations stay on one line.
  (func $text (param $ptr i32) (param $len i32) (local $byte i32)
    (block $trimmed (loop $trim
      (br_if $trimmed (i32.eqz (local.get $len)))
      (br_if $trimmed (i32.load8_u (i32.sub (i32.add (local.get $ptr) (local.get $len)) (i32.const 1))))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $trim)))
    (call $char (i32.const 34))
    (block $done (loop $each
      (br_if $done (i32.eqz (local.get $len)))
      (local.set $byte (i32.load8_u (local.get $ptr)))
      (if (i32.eq (local.get $byte) (i32.const 10))
        (then (call $char (i32.const 92)) (call $char (i32.const 110)))
        (else (if (i32.eqz (local.get $byte))
          (then (call $char (i32.const 92)) (call $char (i32.const 48)))
          (else (call $char (local.get $byte))))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $len (i32.sub (local.get $len) (i32.const 1)))
      (br $each)))
    (call $char (i32.const 34)))
  (func $field (param $name i32) (param $value i64)
    (call $char (local.get $name))
    (call $char (i32.const 58))
    (call $dec (local.get $value))
    (call $char (i32.const 32)))
  ;; filestat as "t:<type> n:<nlink> s:<size> m:<mtim seconds> i:<ino>".
  (func $filestat (param $at i32)
    (call $field (i32.const 116) (i64.load8_u (i32.add (local.get $at) (i32.const 16))))
    (call $field (i32.const 110) (i64.load (i32.add (local.get $at) (i32.const 24))))
    (call $field (i32.const 115) (i64.load (i32.add (local.get $at) (i32.const 32))))
    (call $field (i32.const 109) (i64.div_u (i64.load (i32.add (local.get $at) (i32.const 48))) (i64.const 1000000000)))
    (call $field (i32.const 105) (i64.load (i32.add (local.get $at) (i32.const 8)))))
  ;; fdstat as "t:<type> f:<flags> r:<rights base> i:<rights inheriting>".
  (func $fdstat (param $at i32)
    (call $field (i32.const 116) (i64.load8_u (local.get $at)))
    (call $field (i32.const 102) (i64.load16_u (i32.add (local.get $at) (i32.const 2))))
    (call $field (i32.const 114) (i64.load (i32.add (local.get $at) (i32.const 8))))
    (call $field (i32.const 105) (i64.load (i32.add (local.get $at) (i32.const 16)))))
  ;; dirents as "name/<type>/<next> " for each whole entry in the buffer.
  (func $dirents (param $at i32) (param $len i32) (local $end i32) (local $namlen i32)
    (local.set $end (i32.add (local.get $at) (local.get $len)))
    (block $done (loop $each
      (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 24)) (local.get $end)))
      (br_if $done (i64.eqz (i64.load (local.get $at))))
      (local.set $namlen (i32.load (i32.add (local.get $at) (i32.const 16))))
      (br_if $done (i32.gt_u (i32.add (i32.add (local.get $at) (i32.const 24)) (local.get $namlen)) (local.get $end)))
      (call $write (i32.add (local.get $at) (i32.const 24)) (local.get $namlen))
      (call $char (i32.const 47))
      (call $dec (i64.load8_u (i32.add (local.get $at) (i32.const 20))))
      (call $char (i32.const 47))
      (call $dec (i64.load (local.get $at)))
      (call $char (i32.const 32))
      (local.set $at (i32.add (i32.add (local.get $at) (i32.const 24)) (local.get $namlen)))
      (br $each))))
"#;

/// The tree most script tests start from.
pub fn sample_tree() -> Tree {
    let mut tree = Tree::new();
    tree.insert_file("hello.txt", "hello world\n");
    tree.insert_file("dir/a.txt", "A");
    tree.entries.insert("dir/sub".into(), Node::Dir);
    tree.entries.insert("empty".into(), Node::Dir);
    tree.entries
        .insert("link".into(), Node::Symlink("hello.txt".into()));
    tree.entries
        .insert("dirlink".into(), Node::Symlink("dir".into()));
    tree.entries
        .insert("escape".into(), Node::Symlink("../outside".into()));
    tree.entries
        .insert("abs".into(), Node::Symlink("/etc/passwd".into()));
    tree.entries
        .insert("loop".into(), Node::Symlink("loop".into()));
    tree.entries
        .insert("dangling".into(), Node::Symlink("nowhere.txt".into()));
    tree
}

/// The input script tests run with: the sample tree, a few args and env vars, stdin.
pub fn sample_input() -> Input {
    Input {
        program: "guest".into(),
        args: vec!["one".into(), "two words".into()],
        env: vec![
            ("HOME".into(), "/home/guest".into()),
            ("LANG".into(), "C".into()),
        ],
        stdin: b"line 1\nline 2\n".to_vec(),
        files: sample_tree(),
        seed: 7,
        source: None,
    }
}

/// A small budget so hostile guests end quickly.
pub fn small_budget() -> Budget {
    Budget {
        fuel: 50_000_000,
        memory_bytes: 16 << 20,
        output_bytes: 1 << 20,
        fs_bytes: 1 << 20,
        fs_nodes: 1_000,
        stack_depth: 1_000,
        module_bytes: 1 << 20,
        table_elements: 10_000,
    }
}

/// Runs `wat` on every engine; they must agree byte for byte, and their outcome is
/// returned. Every WAT test of the sandbox is thereby also a cross-engine test.
pub fn run_wat(wat: &str, input: &Input, budget: &Budget) -> Outcome {
    let wasm = wat::parse_str(wat).unwrap_or_else(|e| panic!("bad WAT: {e}\n{wat}"));
    let mut outcomes = Engine::ALL.iter().map(|&engine| {
        let module = Module::with_engine(&wasm, budget, engine)
            .unwrap_or_else(|e| panic!("load failed on {}: {e}", engine.name()));
        (engine, module.run(input, budget))
    });
    let (first_engine, first) = outcomes.next().expect("at least one engine");
    for (engine, outcome) in outcomes {
        assert!(
            outcome == first,
            "{} and {} disagree:\n{first:?}\n{outcome:?}\n{wat}",
            first_engine.name(),
            engine.name()
        );
    }
    first
}

/// Runs a script on `input` and returns its stdout plus `=> ending`.
pub fn run_script(script: &str, input: &Input) -> Outcome {
    run_wat(&script_to_wat(script), input, &small_budget())
}

/// Renders an outcome's streams and ending (not the files).
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::from_utf8_lossy(&outcome.stdout).into_owned();
    if !outcome.stderr.is_empty() {
        let _ = write!(out, "stderr: {}", String::from_utf8_lossy(&outcome.stderr));
    }
    let ending = match &outcome.ending {
        Ending::Exited(code) => format!("exit {code}"),
        other => format!("{other:?}"),
    };
    let _ = write!(out, "=> {ending}");
    out
}

/// Renders a tree one entry per line: `path = "contents"`, `path/`, `path -> target`.
pub fn render_tree(tree: &Tree) -> String {
    let mut out = String::new();
    for (path, node) in &tree.entries {
        match node {
            Node::File(contents) => {
                let _ = writeln!(out, "{path} = {:?}", String::from_utf8_lossy(contents));
            }
            Node::Dir => {
                let _ = writeln!(out, "{path}/");
            }
            Node::Symlink(target) => {
                let _ = writeln!(out, "{path} -> {target}");
            }
        }
    }
    out
}

/// Lists the tree entries that differ from the sample tree: `+` added or changed,
/// `-` removed.
pub fn tree_changes(tree: &Tree) -> String {
    let before = sample_tree();
    let before = render_tree(&Tree {
        entries: explicit_dirs(&before),
    });
    let after = render_tree(tree);
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let mut out = String::new();
    for line in &old {
        if !new.contains(line) {
            let _ = writeln!(out, "- {line}");
        }
    }
    for line in &new {
        if !old.contains(line) {
            let _ = writeln!(out, "+ {line}");
        }
    }
    out
}

/// The tree's entries with every implied parent directory listed.
pub fn explicit_dirs(tree: &Tree) -> BTreeMap<String, Node> {
    let mut entries = tree.entries.clone();
    for path in tree.entries.keys() {
        let mut prefix = path.as_str();
        while let Some((parent, _)) = prefix.rsplit_once('/') {
            entries.entry(parent.to_owned()).or_insert(Node::Dir);
            prefix = parent;
        }
    }
    entries
}
