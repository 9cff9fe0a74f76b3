//! Regression tests for guest-controlled host memory amplification: a guest within its
//! budget must not make the host build gigabytes, through hard links multiplying file
//! contents in `Outcome::files`, deep directory chains whose full paths grow as depth²,
//! or per-descriptor copies of a directory listing.
//!
//! The assertions are on deterministic quantities (errno values, tree entry counts, path
//! and content bytes), except one peak-memory check for listings, which have no
//! observable size.

mod common;

use common::{render, run_script, run_wat, small_budget};
use replica_sandbox::{Ending, Input, Node, Tree};

const PRELUDE: &str = r#"
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_link" (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
"#;

/// Longest full path of any node, as the sandbox bounds it.
const PATH_MAX: usize = 4096;

/// Total bytes of file contents in a tree.
fn content_bytes(tree: &Tree) -> usize {
    tree.entries
        .values()
        .map(|node| match node {
            Node::File(contents) => contents.len(),
            _ => 0,
        })
        .sum()
}

/// Hard links were not counted against `fs_nodes` or `fs_bytes`, and `Outcome::files`
/// held one copy of the contents per link (64 MiB linked 100 times was 6.4 GB). Now
/// `path_link` is `ENOTSUP`.
#[test]
fn hard_links_cannot_multiply_file_contents_in_the_outcome() {
    // Writes a 64 KiB file `big`, then links it as 0, 1, ..., 1999 (names end at 240),
    // stopping at the first failure; exits with that errno (0 if all succeeded).
    let wat = format!(
        r#"(module {PRELUDE}
      (memory (export "memory") 2)
      (data (i32.const 100) "big")
      (func (export "_start") (local $i i32) (local $len i32) (local $n i32) (local $errno i32)
        (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 3) (i32.const 1)
          (i64.const 0x3FFFFFFF) (i64.const 0) (i32.const 0) (i32.const 300)))
        (i32.store (i32.const 400) (i32.const 65536)) (i32.store (i32.const 404) (i32.const 65536))
        (drop (call $fd_write (i32.load (i32.const 300)) (i32.const 400) (i32.const 1) (i32.const 408)))
        (block $stop (loop $more
          (local.set $n (local.get $i)) (local.set $len (i32.const 0))
          (loop $digits
            (i32.store8 (i32.sub (i32.const 240) (local.get $len)) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
            (local.set $len (i32.add (local.get $len) (i32.const 1)))
            (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
            (br_if $digits (local.get $n)))
          (local.set $errno (call $path_link (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 3)
            (i32.const 3) (i32.sub (i32.const 241) (local.get $len)) (local.get $len)))
          (br_if $stop (local.get $errno))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $more (i32.lt_u (local.get $i) (i32.const 2000)))))
        (call $proc_exit (local.get $errno))))"#
    );
    let budget = small_budget(); // fs_nodes 1,000, fs_bytes 1 MiB
    let outcome = run_wat(&wat, &Input::default(), &budget);
    let bytes = content_bytes(&outcome.files);
    eprintln!(
        "ending {:?}, {} entries, {bytes} bytes of contents",
        outcome.ending,
        outcome.files.entries.len()
    );
    assert_eq!(
        outcome.ending,
        Ending::Exited(58),
        "path_link must be ENOTSUP"
    );
    assert_eq!(outcome.files.entries.keys().collect::<Vec<_>>(), ["big"]);
    assert_eq!(bytes, 65536);
}

/// `Fs::to_tree` spells out every path in full, so a chain of nested directories with
/// 255-byte names cost the host depth² × 128 bytes (12.8 GB within the default 10,000
/// nodes). Full paths are now capped at 4,096 bytes: the chain stops 16 levels down.
#[test]
fn deep_directories_stop_at_the_path_limit() {
    // 255 × 'd' at 1000; mkdir it under the current descriptor, open it, close the parent;
    // exits with the errno that stopped it.
    let wat = format!(
        r#"(module {PRELUDE}
      (memory (export "memory") 1)
      (func (export "_start") (local $fd i32) (local $errno i32)
        (memory.fill (i32.const 1000) (i32.const 100) (i32.const 255))
        (local.set $fd (i32.const 3))
        (block $full (loop $deeper
          (local.set $errno (call $path_create_directory (local.get $fd) (i32.const 1000) (i32.const 255)))
          (br_if $full (local.get $errno))
          (local.set $errno (call $path_open (local.get $fd) (i32.const 0) (i32.const 1000) (i32.const 255) (i32.const 2)
            (i64.const 0x3FFFFFBF) (i64.const 0x3FFFFFBF) (i32.const 0) (i32.const 300)))
          (br_if $full (local.get $errno))
          (if (i32.ne (local.get $fd) (i32.const 3)) (then (drop (call $fd_close (local.get $fd)))))
          (local.set $fd (i32.load (i32.const 300)))
          (br $deeper)))
        (call $proc_exit (local.get $errno))))"#
    );
    let budget = small_budget(); // fs_nodes 1,000
    let outcome = run_wat(&wat, &Input::default(), &budget);
    let path_bytes: usize = outcome.files.entries.keys().map(String::len).sum();
    let longest = outcome.files.entries.keys().map(String::len).max();
    eprintln!(
        "ending {:?}, {} entries, {path_bytes} bytes of paths",
        outcome.ending,
        outcome.files.entries.len()
    );
    assert_eq!(outcome.ending, Ending::Exited(37), "ENAMETOOLONG");
    // 16 × 255 bytes and 15 slashes is 4,095; a 17th level would be 4,351.
    assert_eq!(outcome.files.entries.len(), 16);
    assert_eq!(longest, Some(4095));
    assert_eq!(
        path_bytes,
        (1..=16).map(|depth| depth * 256 - 1).sum::<usize>()
    );
}

/// 15 levels of 255 × 'd' under `x`: the deepest directory's path is 3,841 bytes.
fn deep_chain() -> String {
    let level = "d".repeat(255);
    let mut path = "x".to_owned();
    for _ in 0..15 {
        path = format!("{path}/{level}");
    }
    path
}

/// Every way of creating a node checks its full path, and renaming a directory checks the
/// deepest path under it and moves the limit for everything below.
#[test]
fn creating_and_renaming_respect_the_full_path_limit() {
    let deep = deep_chain();
    let mut input = Input::default();
    // The deepest node: 3,841 + 1 + 200 = 4,042 bytes.
    input
        .files
        .insert_file(format!("{deep}/{}", "f".repeat(200)), "x");
    let tail = deep.strip_prefix('x').unwrap();
    let (long, short) = ("y".repeat(56), "y".repeat(55));
    let (name200, name201) = ("g".repeat(200), "g".repeat(201));
    let script = format!(
        r#"
        path_open 3 0 "{deep}" 2 0x3FFFFFBFL 0x3FFFFFBFL 0 &fd:u32
        path_rename 3 "x" 3 "{long}"
        path_rename 3 "x" 3 "{short}"
        path_create_directory 4 "{name201}"
        path_open 4 0 "{name201}" 1 0x3FFFFFFFL 0x3FFFFFFFL 0 &new:u32
        path_symlink "t" 4 "{name201}"
        path_create_directory 4 "{name200}"
        path_rename 3 "{short}" 3 "x"
        path_rename 4 "{name200}" 4 "{name201}"
        path_create_directory 4 "h{name200}"
        path_rename 3 "x" 4 "{name200}"
        path_link 3 0 "x" 4 "l""#
    );
    let outcome = run_script(&script, &input);
    assert_eq!(
        render(&outcome),
        "path_open -> 0 fd=4\n\
         path_rename -> 37\n\
         path_rename -> 0\n\
         path_create_directory -> 37\n\
         path_open -> 37 new=0\n\
         path_symlink -> 37\n\
         path_create_directory -> 0\n\
         path_rename -> 0\n\
         path_rename -> 0\n\
         path_create_directory -> 0\n\
         path_rename -> 28\n\
         path_link -> 58\n\
         => exit 0",
    );
    let longest = outcome.files.entries.keys().map(String::len).max();
    assert_eq!(longest, Some(3841 + 1 + 201));
    assert!(
        outcome
            .files
            .entries
            .contains_key(&format!("x{tail}/{name201}"))
    );
}

/// Input paths past the limit fail `Tree::check` and are skipped by a run, as other
/// entries `check` rejects are.
#[test]
fn input_paths_past_the_limit_are_rejected_and_skipped() {
    let mut input = Input::default();
    let at_limit = format!("{}/{}", deep_chain(), "f".repeat(PATH_MAX - 3842));
    let past_limit = format!("{}/{}", deep_chain(), "f".repeat(PATH_MAX - 3841));
    input.files.insert_file(at_limit.clone(), "ok");
    assert_eq!(input.files.check(), Ok(()));
    input.files.insert_file(past_limit.clone(), "too long");
    let error = input.files.check().unwrap_err();
    assert_eq!(error.path, past_limit);
    let outcome = run_wat(
        r#"(module (memory (export "memory") 1) (func (export "_start")))"#,
        &input,
        &small_budget(),
    );
    assert!(outcome.files.entries.contains_key(&at_limit));
    assert!(!outcome.files.entries.contains_key(&past_limit));
}

/// Every directory descriptor kept its own snapshot of the listing, charged 1 fuel per
/// entry, so 1,000 descriptors on one directory of 900 long names held 132 MiB (1.5 GB
/// within the default budget). Listings now read the live directory.
#[test]
fn readdir_does_not_copy_listings_per_descriptor() {
    let wat = format!(
        r#"(module {PRELUDE}
      (memory (export "memory") 1)
      (data (i32.const 100) "d")
      (func (export "_start") (local $i i32) (local $n i32) (local $len i32) (local $d i32)
        (drop (call $path_create_directory (i32.const 3) (i32.const 100) (i32.const 1)))
        (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 2)
            (i64.const 0x3FFFFFBF) (i64.const 0x3FFFFFBF) (i32.const 0) (i32.const 300)))
        (local.set $d (i32.load (i32.const 300)))
        ;; 900 files with 255-byte names: 250 × 'f' then 5 digits.
        (memory.fill (i32.const 1000) (i32.const 102) (i32.const 250))
        (loop $files
          (local.set $n (local.get $i)) (local.set $len (i32.const 0))
          (loop $digits
            (i32.store8 (i32.sub (i32.const 1254) (local.get $len)) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
            (local.set $len (i32.add (local.get $len) (i32.const 1)))
            (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
            (br_if $digits (i32.lt_u (local.get $len) (i32.const 5))))
          (drop (call $path_open (local.get $d) (i32.const 0) (i32.const 1000) (i32.const 255) (i32.const 1)
            (i64.const 0x3FFFFFFF) (i64.const 0) (i32.const 0) (i32.const 300)))
          (drop (call $fd_close (i32.load (i32.const 300))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $files (i32.lt_u (local.get $i) (i32.const 900))))
        ;; 1,000 descriptors on d, each starting a listing.
        (local.set $i (i32.const 0))
        (loop $fds
          (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 2)
            (i64.const 0x3FFFFFBF) (i64.const 0x3FFFFFBF) (i32.const 0) (i32.const 300)))
          (drop (call $fd_readdir (i32.load (i32.const 300)) (i32.const 2000) (i32.const 24) (i64.const 0) (i32.const 304)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $fds (i32.lt_u (local.get $i) (i32.const 1000))))))"#
    );
    let budget = small_budget();
    let before = peak_rss();
    let outcome = run_wat(&wat, &Input::default(), &budget);
    let after = peak_rss();
    eprintln!(
        "ending {:?}, fuel {}, peak RSS {:?} -> {:?} bytes",
        outcome.ending, outcome.fuel_used, before, after
    );
    assert_eq!(outcome.ending, Ending::Exited(0));
    assert_eq!(outcome.files.entries.len(), 901);
    // Snapshots took 70-130 MiB here; this whole file, run in parallel, peaks under 10 MiB.
    if let (Some(before), Some(after)) = (before, after) {
        assert!(
            after < before + (32 << 20),
            "peak RSS grew by {} MiB",
            (after - before) >> 20
        );
    }
}

/// The process's peak resident memory, where `/proc` tells it (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib = line[6..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kib << 10)
}
