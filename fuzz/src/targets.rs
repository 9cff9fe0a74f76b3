//! The bodies of the fuzz targets, as plain functions of the input bytes.
//!
//! `fuzz/fuzz_targets/*.rs` hand libFuzzer's inputs to these functions, and
//! `crates/cli/tests/properties.rs` includes this file too and runs every input kept under
//! `fuzz/corpus/` and `fuzz/artifacts/` through them, so a crash found once stays fixed in
//! plain `cargo test`. Each function panics when a property fails; returning means the
//! input is fine. They use only crates both includers have: `replica-judge` (with
//! `sandbox` and `task`), `replica-meter`, `serde_json`, `wat`, and for the `meter` target
//! `wasm-smith`, `arbitrary` and `wasmparser`.

use std::fmt::Write as _;

use replica_judge::sandbox::{Budget, Ending, Input, Module, Node, Tree};
use replica_judge::task::{Task, cases_to_json, parse_generated};
use replica_judge::{DiffLine, LineTag, Report, StreamDiff, TaskBundle, diff_streams};

/// A fuzz target: returns when the input is fine, panics when a property fails.
pub type Target = fn(&[u8]);

/// Every target by name: the names of the folders under `fuzz/corpus/`.
pub const ALL: &[(&str, Target)] = &[
    ("task_toml", task_toml),
    ("generated", generated),
    ("diff", diff),
    ("report_json", report_json),
    ("wasi_host", wasi_host),
    ("meter", meter),
];

/// `Task::parse` on any UTF-8 text: a task or an error that renders, never a panic. A
/// task that parses also makes a bundle, and a budget.
pub fn task_toml(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match Task::parse(source, "fuzz/task.toml") {
        Ok(task) => {
            let bundle = TaskBundle::new(source, "fuzz/task.toml", String::new(), vec![], vec![])
                .expect("a task that parses makes a bundle");
            assert_eq!(bundle.task, task);
            let _ = bundle.budget();
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

/// `parse_generated` on any bytes: cases or an error, never a panic. Cases that parse
/// survive [`cases_to_json`] and parsing again unchanged.
pub fn generated(data: &[u8]) {
    match parse_generated(data, "fuzz") {
        Ok(cases) => {
            let json = cases_to_json(&cases);
            let again = parse_generated(json.as_bytes(), "fuzz again")
                .unwrap_or_else(|e| panic!("cases_to_json wrote what cannot be parsed: {e}"));
            assert_eq!(again, cases, "a round trip through JSON changed the cases");
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

/// Pieces of text the `diff` target builds outputs from: few, so that lines repeat, with
/// what trips diffs up (CRLF, tabs, lone CRs, characters of several bytes that share
/// leading or trailing bytes). One more choice stands for [`long_line`].
const PIECES: [&str; 15] = [
    "a", "b", "ab", " ", "\t", "\r\n", "\n", "\n", "é", "©", "€", "₤", "😀", "\r", "x y\n",
];

/// A line longer than the 4 KiB a diff shows of one line, so windows and `skipped_*` are
/// exercised.
fn long_line() -> String {
    let mut line = "0123456789abcdef".repeat(320);
    line.push('\n');
    line
}

/// The two outputs a `diff` input stands for: the bytes before the first 0 byte and after
/// it. When the input starts with an odd byte, each byte after it picks one of [`PIECES`]
/// or [`long_line`], so the outputs are text; otherwise the bytes are used as they are.
pub fn diff_pair(data: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let Some((&mode, rest)) = data.split_first() else {
        return (Vec::new(), Vec::new());
    };
    let (a, b) = match rest.iter().position(|&byte| byte == 0) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    if mode & 1 == 0 {
        return (a.to_vec(), b.to_vec());
    }
    let text = |bytes: &[u8]| -> Vec<u8> {
        let mut out = Vec::new();
        for &byte in bytes {
            match PIECES.get(usize::from(byte) % (PIECES.len() + 1)) {
                Some(piece) => out.extend_from_slice(piece.as_bytes()),
                None => out.extend_from_slice(long_line().as_bytes()),
            }
        }
        out
    };
    (text(a), text(b))
}

/// `diff_streams` on any two outputs: `None` exactly when they are equal; a complete text
/// diff rebuilds each side from the other; a hex diff shows the true bytes of each row.
pub fn diff(data: &[u8]) {
    let (expected, actual) = diff_pair(data);
    let _ = check_diff(&expected, &actual);
}

/// The properties of [`diff`] for one pair, and the diff. Also used by `properties.rs` on
/// generated pairs.
pub fn check_diff(expected: &[u8], actual: &[u8]) -> Option<StreamDiff> {
    let Some(diff) = diff_streams(expected, actual) else {
        assert_eq!(expected, actual, "no diff, yet the outputs differ");
        return None;
    };
    assert_ne!(expected, actual, "a diff of equal outputs");
    match &diff {
        StreamDiff::Text { lines, truncated } => {
            let (Ok(old), Ok(new)) = (std::str::from_utf8(expected), std::str::from_utf8(actual))
            else {
                panic!("a text diff of output that is not UTF-8");
            };
            for line in lines {
                check_line_numbers(line);
            }
            if !truncated {
                for line in lines {
                    assert_eq!(
                        (line.skipped_before, line.skipped_after),
                        (0, 0),
                        "a complete diff left out part of a line"
                    );
                }
                assert_eq!(
                    rebuild(old, lines, Side::Actual),
                    new,
                    "the diff and the expected output do not rebuild the actual output"
                );
                assert_eq!(
                    rebuild(new, lines, Side::Expected),
                    old,
                    "the diff and the actual output do not rebuild the expected output"
                );
            }
        }
        StreamDiff::Hex { rows, truncated } => {
            assert!(
                std::str::from_utf8(expected).is_err() || std::str::from_utf8(actual).is_err(),
                "a hex diff of two UTF-8 outputs"
            );
            let row_bytes = |bytes: &[u8], offset: usize| -> String {
                let start = offset.min(bytes.len());
                let end = (offset + 16).min(bytes.len());
                bytes[start..end].iter().fold(String::new(), |mut hex, b| {
                    let _ = write!(hex, "{b:02x}");
                    hex
                })
            };
            let mut shown = Vec::new();
            for row in rows {
                let offset = usize::try_from(row.offset).expect("offsets fit in usize");
                assert_eq!(offset % 16, 0, "a hex row off the 16-byte grid");
                assert!(
                    shown.last().is_none_or(|&last| last < offset),
                    "hex rows out of order"
                );
                assert_eq!(
                    row.expected,
                    row_bytes(expected, offset),
                    "wrong expected bytes"
                );
                assert_eq!(row.actual, row_bytes(actual, offset), "wrong actual bytes");
                shown.push(offset);
            }
            if !truncated {
                let len = expected.len().max(actual.len());
                for offset in (0..len).step_by(16) {
                    if row_bytes(expected, offset) != row_bytes(actual, offset) {
                        assert!(
                            shown.contains(&offset),
                            "the differing row at {offset} is not shown"
                        );
                    }
                }
            }
        }
    }
    Some(diff)
}
/// Equal lines carry both line numbers, deleted lines the old one, inserted the new one.
fn check_line_numbers(line: &DiffLine) {
    let expected = match line.tag {
        LineTag::Equal => (true, true),
        LineTag::Delete => (true, false),
        LineTag::Insert => (false, true),
    };
    assert_eq!(
        (line.old.is_some(), line.new.is_some()),
        expected,
        "line numbers of a {:?} line",
        line.tag
    );
    assert!(
        line.old != Some(0) && line.new != Some(0),
        "line numbers are 1-based"
    );
}

/// Which output [`rebuild`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Expected,
    Actual,
}

/// Rebuilds one side of a complete text diff from the other side (`from`): lines the diff
/// leaves out come from `from`, lines it shows from the diff.
fn rebuild(from: &str, lines: &[DiffLine], make: Side) -> String {
    let from_lines: Vec<&str> = from.split_inclusive('\n').collect();
    // The lines `from` has (Equal and the side's own tag) and the lines only `make` has.
    let (own, other) = match make {
        Side::Actual => (LineTag::Delete, LineTag::Insert),
        Side::Expected => (LineTag::Insert, LineTag::Delete),
    };
    let mut out = String::new();
    let mut next = 0;
    for line in lines {
        let text: String = line.segments.iter().map(|s| s.text.as_str()).collect();
        if line.tag == other {
            out.push_str(&text);
            continue;
        }
        let number = match make {
            Side::Actual => line.old,
            Side::Expected => line.new,
        };
        let at = number.expect("checked by check_line_numbers") as usize - 1;
        assert!(
            at >= next && at < from_lines.len(),
            "line {} out of order or past the end",
            at + 1
        );
        out.extend(from_lines[next..at].iter().copied());
        assert_eq!(
            text, from_lines[at],
            "a {:?} line is not the line it numbers",
            line.tag
        );
        if line.tag != own {
            out.push_str(&text);
        }
        next = at + 1;
    }
    out.extend(from_lines[next..].iter().copied());
    out
}

/// `serde_json::from_slice::<Report>` on any bytes: a report or an error, never a panic.
/// A report that decodes survives encoding and decoding again unchanged, to the byte.
pub fn report_json(data: &[u8]) {
    let Ok(report) = serde_json::from_slice::<Report>(data) else {
        return;
    };
    check_report_round_trip(&report);
}

/// A report encodes, decodes to itself, and encodes to the same bytes again.
pub fn check_report_round_trip(report: &Report) {
    let json = serde_json::to_string(report).expect("reports always encode");
    let again: Report = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("an encoded report does not decode: {e}\n{json}"));
    assert_eq!(
        &again, report,
        "a JSON round trip changed the report:\n{json}"
    );
    assert_eq!(
        serde_json::to_string(&again).expect("reports always encode"),
        json,
        "encoding a decoded report gave other bytes"
    );
}

/// The WASI preview1 functions and their parameters (`i` i32, `I` i64); all return an
/// errno but `proc_exit`.
const WASI: [(&str, &str); 46] = [
    ("args_get", "ii"),
    ("args_sizes_get", "ii"),
    ("environ_get", "ii"),
    ("environ_sizes_get", "ii"),
    ("clock_res_get", "ii"),
    ("clock_time_get", "iIi"),
    ("random_get", "ii"),
    ("fd_advise", "iIIi"),
    ("fd_allocate", "iII"),
    ("fd_close", "i"),
    ("fd_datasync", "i"),
    ("fd_sync", "i"),
    ("fd_fdstat_get", "ii"),
    ("fd_fdstat_set_flags", "ii"),
    ("fd_fdstat_set_rights", "iII"),
    ("fd_filestat_get", "ii"),
    ("fd_filestat_set_size", "iI"),
    ("fd_filestat_set_times", "iIIi"),
    ("fd_pread", "iiiIi"),
    ("fd_pwrite", "iiiIi"),
    ("fd_prestat_get", "ii"),
    ("fd_prestat_dir_name", "iii"),
    ("fd_read", "iiii"),
    ("fd_write", "iiii"),
    ("fd_readdir", "iiiIi"),
    ("fd_renumber", "ii"),
    ("fd_seek", "iIii"),
    ("fd_tell", "ii"),
    ("path_create_directory", "iii"),
    ("path_remove_directory", "iii"),
    ("path_unlink_file", "iii"),
    ("path_filestat_get", "iiiii"),
    ("path_filestat_set_times", "iiiiIIi"),
    ("path_link", "iiiiiii"),
    ("path_open", "iiiiiIIii"),
    ("path_readlink", "iiiiii"),
    ("path_rename", "iiiiii"),
    ("path_symlink", "iiiii"),
    ("poll_oneoff", "iiii"),
    ("proc_exit", "i"),
    ("proc_raise", "i"),
    ("sched_yield", ""),
    ("sock_accept", "iii"),
    ("sock_recv", "iiiiii"),
    ("sock_send", "iiiii"),
    ("sock_shutdown", "ii"),
];

/// Bytes of the guest's memory: two pages.
const MEMORY: i64 = 2 * 65536;

/// Where the guest keeps the paths of [`PATHS`] (16 bytes apart), and where the bytes the
/// fuzzer chose go (up to [`BLOB_MAX`] of them).
const PATHS_AT: i64 = 4096;
const BLOB_AT: i64 = 12288;
const BLOB_MAX: usize = 4096;

/// Paths worth passing: entries of [`wasi_tree`], escapes, `.` and `..`, new names.
const PATHS: [&str; 16] = [
    "hello.txt",
    "dir",
    "dir/a.txt",
    "link",
    "loop",
    "escape",
    "..",
    "new",
    "dir/sub/x",
    ".",
    "abs",
    "dir/../hello.txt",
    "dangling",
    "/etc/passwd",
    "dir/",
    "empty",
];

/// i32 arguments that mean something to some call: descriptors, flags and counts, the
/// paths and the fuzzer's bytes, the edges of memory and of the integers.
const I32S: [i64; 24] = [
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    16,
    64,
    PATHS_AT,
    PATHS_AT + 16,
    BLOB_AT,
    BLOB_AT + 8,
    BLOB_AT + 64,
    MEMORY - 8,
    MEMORY - 1,
    MEMORY,
    0x7FFF_FFFF,
    -1,
    -16,
    i32::MIN as i64,
    0x1FFF_FFFF,
];

/// i64 arguments: offsets, sizes, rights, timestamps and the edges of the integers.
const I64S: [i64; 12] = [
    0,
    1,
    2,
    4096,
    -1,
    i64::MAX,
    i64::MIN,
    0x1FFF_FFFF,
    0x3FFF_FFFF,
    1 << 32,
    1 << 40,
    946_684_800_000_000_000,
];

/// Reads the fuzzer's bytes as choices; past the end, every choice is 0.
struct Choices<'a> {
    bytes: &'a [u8],
}

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let Some((&first, rest)) = self.bytes.split_first() else {
            return 0;
        };
        self.bytes = rest;
        first
    }

    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        for byte in &mut out {
            *byte = self.byte();
        }
        out
    }

    fn i32_arg(&mut self) -> i32 {
        let selector = self.byte();
        match selector % 4 {
            0 => i32::from_le_bytes(self.take()),
            1 => PATHS_AT as i32 + 16 * i32::from(self.byte() % PATHS.len() as u8),
            _ => I32S[usize::from(selector / 4) % I32S.len()] as i32,
        }
    }

    fn i64_arg(&mut self) -> i64 {
        let selector = self.byte();
        match selector % 3 {
            0 => i64::from_le_bytes(self.take()),
            _ => I64S[usize::from(selector / 3) % I64S.len()],
        }
    }
}

/// The guest a `wasi_host` input stands for, as WAT: the first byte says how many of the
/// following bytes become data at [`BLOB_AT`] (times 16), then each call takes a byte for
/// the function and a byte or more per argument.
pub fn wasi_guest(data: &[u8]) -> String {
    let mut choices = Choices { bytes: data };
    let blob_len = (usize::from(choices.byte()) * 16)
        .min(BLOB_MAX)
        .min(choices.bytes.len());
    let (blob, rest) = choices.bytes.split_at(blob_len);
    choices.bytes = rest;

    let mut wat = String::from("(module\n");
    for (name, params) in WASI {
        let params: String = params
            .chars()
            .map(|c| if c == 'I' { " i64" } else { " i32" })
            .collect();
        let result = if name == "proc_exit" {
            ""
        } else {
            " (result i32)"
        };
        let _ = writeln!(
            wat,
            "  (import \"wasi_snapshot_preview1\" \"{name}\" (func ${name} (param{params}){result}))"
        );
    }
    let _ = writeln!(wat, "  (memory (export \"memory\") {})", MEMORY / 65536);
    for (index, path) in PATHS.iter().enumerate() {
        let _ = writeln!(
            wat,
            "  (data (i32.const {}) \"{path}\")",
            PATHS_AT + 16 * index as i64
        );
    }
    // Plausible iovecs at 8192: (4096, 16) and (12288, 64).
    let _ = writeln!(
        wat,
        "  (data (i32.const 8192) \"\\00\\10\\00\\00\\10\\00\\00\\00\\00\\30\\00\\00\\40\\00\\00\\00\")"
    );
    let escaped: String = blob.iter().map(|byte| format!("\\{byte:02x}")).collect();
    let _ = writeln!(wat, "  (data (i32.const {BLOB_AT}) \"{escaped}\")");
    wat.push_str("  (func (export \"_start\")\n");
    // Descriptors to play with: hello.txt read-write (4), dir (5), a new file (6).
    for (path, oflags) in [(0, 0), (1, 0), (7, 1)] {
        let _ = writeln!(
            wat,
            "    (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const {}) (i32.const {}) (i32.const {oflags}) (i64.const 0x3FFFFFFF) (i64.const 0x3FFFFFFF) (i32.const 0) (i32.const 8184)))",
            PATHS_AT + 16 * path,
            PATHS[path as usize].len()
        );
    }
    for _ in 0..64 {
        if choices.bytes.is_empty() {
            break;
        }
        let (name, params) = WASI[usize::from(choices.byte()) % WASI.len()];
        let mut call = format!("(call ${name}");
        for param in params.chars() {
            if param == 'I' {
                let _ = write!(call, " (i64.const {})", choices.i64_arg());
            } else {
                let _ = write!(call, " (i32.const {})", choices.i32_arg());
            }
        }
        call.push(')');
        if name == "proc_exit" {
            let _ = writeln!(wat, "    {call}");
        } else {
            let _ = writeln!(wat, "    (drop {call})");
        }
    }
    wat.push_str("  ))\n");
    wat
}

/// The tree the `wasi_host` guest starts from: files, directories, and symlinks that
/// resolve, dangle, loop and point out of the tree.
pub fn wasi_tree() -> Tree {
    let mut tree = Tree::new();
    tree.insert_file("hello.txt", "hello world\n");
    tree.insert_file("dir/a.txt", "A");
    tree.entries.insert("dir/sub".into(), Node::Dir);
    tree.entries.insert("empty".into(), Node::Dir);
    tree.entries
        .insert("link".into(), Node::Symlink("hello.txt".into()));
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

/// A budget small enough that every input runs in about a millisecond.
pub fn wasi_budget() -> Budget {
    Budget {
        fuel: 2_000_000,
        memory_bytes: 1 << 20,
        output_bytes: 64 << 10,
        fs_bytes: 256 << 10,
        fs_nodes: 100,
        stack_depth: 100,
        module_bytes: 1 << 20,
        table_elements: 1_000,
    }
}

/// Any sequence of WASI calls with any arguments: the host answers each with an errno or
/// ends the run (exit, output limit, fuel), never traps and never panics, and running the
/// same guest again gives the same outcome.
pub fn wasi_host(data: &[u8]) {
    let wat = wasi_guest(data);
    let wasm = wat::parse_str(&wat).unwrap_or_else(|e| panic!("generated WAT: {e}\n{wat}"));
    let budget = wasi_budget();
    let module = Module::new(&wasm, &budget).unwrap_or_else(|e| panic!("{e}\n{wat}"));
    let input = Input {
        program: "guest".into(),
        args: vec!["one".into(), "two words".into()],
        env: vec![("HOME".into(), "/".into()), ("LANG".into(), "C".into())],
        stdin: b"line 1\nline 2\n".to_vec(),
        files: wasi_tree(),
        seed: 7,
        source: None,
    };
    let outcome = module.run(&input, &budget);
    match &outcome.ending {
        Ending::Exited(_) | Ending::OutputLimit | Ending::FuelExhausted => {}
        other => panic!("the guest only calls WASI, yet the run ended with {other:?}\n{wat}"),
    }
    assert_eq!(
        module.run(&input, &budget),
        outcome,
        "the same guest ran differently twice\n{wat}"
    );
}

/// What the `meter` target's modules may import: functions only, as the meter requires
/// (wasm-smith picks any subset of these).
const METER_IMPORTS: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (import "env" "nothing" (func))
  (import "env" "floats" (func (param f32 f64) (result f64 f32)))
  (import "env" "wide" (func (param i64 i32 funcref externref) (result i64))))"#;

/// What the meter accepts, less the multi-memory and memory64 it only parses in order to
/// refuse them: every instrumented module must validate under this.
fn metered_features() -> wasmparser::WasmFeatures {
    use wasmparser::WasmFeatures as F;
    (F::WASM2 | F::TAIL_CALL | F::EXTENDED_CONST).difference(F::SIMD | F::RELAXED_SIMD)
}

/// The meter's configurations each module is instrumented with: roomy, cramped (every cap
/// at its smallest, the fallback below it), and one drawn from the input's leftover bytes;
/// with and without NaN canonicalisation, with the fuel counter imported and exported.
fn meter_configs(u: &mut arbitrary::Unstructured<'_>) -> [replica_meter::Config; 4] {
    let roomy = replica_meter::Config {
        stack_depth: 500,
        stack_units: u64::MAX,
        fallback_units: None,
        memory_pages: 65_536,
        table_elements: u64::from(u32::MAX),
        canonicalize_nans: false,
        export_fuel: false,
    };
    let cramped = replica_meter::Config {
        stack_depth: 0,
        stack_units: 1,
        fallback_units: Some(0),
        memory_pages: 0,
        table_elements: 0,
        canonicalize_nans: true,
        export_fuel: true,
    };
    let drawn = replica_meter::Config {
        stack_depth: u.arbitrary().unwrap_or(0),
        stack_units: u.arbitrary().unwrap_or(0),
        fallback_units: u.arbitrary().unwrap_or(None),
        memory_pages: u.int_in_range(0..=70_000).unwrap_or(0),
        table_elements: u.arbitrary().unwrap_or(0),
        canonicalize_nans: u.arbitrary().unwrap_or(false),
        export_fuel: u.arbitrary().unwrap_or(false),
    };
    let nans = replica_meter::Config {
        canonicalize_nans: true,
        export_fuel: true,
        ..roomy
    };
    [roomy, nans, cramped, drawn]
}

/// `replica_meter::instrument` on any valid module wasm-smith makes from the input (wasm
/// 2.0 without SIMD, with tail calls and extended constants, a memory at most, function
/// imports only): the module is instrumented into one that validates, or refused as
/// `Unsupported`, never called `Invalid` (that is also how the meter reports a fault of
/// its own) and never a panic. Whether it is accepted does not depend on the
/// configuration, and instrumenting is deterministic.
pub fn meter(data: &[u8]) {
    use arbitrary::Arbitrary as _;
    use replica_meter::{Error, instrument};

    let mut u = arbitrary::Unstructured::new(data);
    let Ok(mut config) = wasm_smith::Config::arbitrary(&mut u) else {
        return;
    };
    // What the meter supports, and otherwise what wasm-smith drew.
    config.simd_enabled = false;
    config.relaxed_simd_enabled = false;
    config.threads_enabled = false;
    config.shared_everything_threads_enabled = false;
    config.exceptions_enabled = false;
    config.gc_enabled = false;
    config.memory64_enabled = false;
    config.custom_page_sizes_enabled = false;
    config.wide_arithmetic_enabled = false;
    config.max_memories = config.max_memories.min(1);
    config.max_tags = 0;
    // The imports, if any, come from METER_IMPORTS; floats are allowed at least half the
    // time.
    if u.arbitrary().unwrap_or(false) {
        config.available_imports = Some(wat::parse_str(METER_IMPORTS).expect("the imports parse"));
    } else {
        config.max_imports = 0;
    }
    if u.arbitrary().unwrap_or(false) {
        config.allow_floats = true;
    }
    let Ok(module) = wasm_smith::Module::new(config, &mut u) else {
        return;
    };
    let wasm = module.to_bytes();
    let valid = wasmparser::Validator::new_with_features(metered_features())
        .validate_all(&wasm)
        .is_ok();
    if !valid {
        // wasm-smith made something outside the meter's features after all (a flag the
        // adjustments above missed): not what this target is about.
        return;
    }

    let mut accepted = None;
    for config in meter_configs(&mut u) {
        let result = instrument(&wasm, &config);
        match &result {
            Ok(metered) => {
                if let Err(error) = wasmparser::Validator::new_with_features(metered_features())
                    .validate_all(&metered.wasm)
                {
                    panic!("{config:?}: the instrumented module is invalid: {error}");
                }
                assert_eq!(
                    instrument(&wasm, &config).as_ref(),
                    Ok(metered),
                    "{config:?}: instrumenting twice differs"
                );
            }
            Err(Error::Unsupported(message)) => {
                assert!(!message.is_empty());
            }
            Err(Error::Invalid(message)) => {
                panic!("{config:?}: a valid module was called invalid: {message}")
            }
        }
        let ok = result.is_ok();
        assert_eq!(
            *accepted.get_or_insert(ok),
            ok,
            "{config:?}: whether the module is accepted depends on the configuration ({result:?})"
        );
    }
}
