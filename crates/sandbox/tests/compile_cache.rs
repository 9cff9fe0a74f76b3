//! The compiled-module cache (issue 15): a module is compiled by Cranelift once per
//! process, its code is kept in the cache folder and loaded from there by a process that
//! has not compiled it, and an entry that is truncated or corrupt is never trusted: the
//! module is recompiled and the entry rewritten. Every run gives the same outcome whichever
//! way its code came. One test, because the cache folder is the process's.

use std::path::{Path, PathBuf};

use replica_sandbox::{
    Budget, DEFAULT_DISK_LIMIT, Engine, Input, Module, Outcome, cache_counts,
    forget_compiled_modules, set_cache_dir, set_cache_limit,
};

/// Writes a line, reads the clock and a random byte, and exits 3: enough to see that
/// loaded code is the module's.
const GUEST: &str = r#"(module
    (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "cached\n")
    (func (export "_start")
        (drop (call $random (i32.const 40) (i32.const 1)))
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 7))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (i32.store (i32.const 4) (i32.const 1))
        (i32.store (i32.const 0) (i32.const 40))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (call $exit (i32.const 3))))"#;

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|read| read.map(|entry| entry.unwrap().path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// A module made now: its outcome, and how many modules were compiled and loaded for it.
fn make(wasm: &[u8]) -> (Outcome, u64, u64) {
    let budget = Budget::default();
    let (compiled, loaded) = cache_counts();
    let module = Module::with_engine(wasm, &budget, Engine::WasmtimeOnly).unwrap();
    let input = Input {
        seed: 9,
        ..Input::default()
    };
    let outcome = module.run(&input, &budget);
    let (compiled_after, loaded_after) = cache_counts();
    (outcome, compiled_after - compiled, loaded_after - loaded)
}

#[test]
fn modules_compile_once_and_bad_entries_are_never_trusted() {
    let dir = std::env::temp_dir().join(format!("replica-compile-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    set_cache_dir(Some(dir.clone()));
    let wasm = wat::parse_str(GUEST).unwrap();

    // Compiled once, written once.
    let (first, compiled, loaded) = make(&wasm);
    assert_eq!((compiled, loaded), (1, 0));
    assert_eq!(first.exit_code(), Some(3));
    assert!(first.stdout.starts_with(b"cached\n"), "{first:?}");
    let files = entries(&dir);
    assert_eq!(files.len(), 1, "one entry: {files:?}");
    let entry = files[0].clone();
    assert!(entry.extension().is_some_and(|e| e == "cwasm"), "{files:?}");
    let whole = std::fs::read(&entry).unwrap();

    // The same bytes again in this process: neither compiled nor loaded.
    let (again, compiled, loaded) = make(&wasm);
    assert_eq!((compiled, loaded), (0, 0));
    assert_eq!(again, first);

    // A process that has not compiled it loads it from disk.
    forget_compiled_modules();
    let (from_disk, compiled, loaded) = make(&wasm);
    assert_eq!((compiled, loaded), (0, 1));
    assert_eq!(from_disk, first);

    // Truncated anywhere, a byte flipped in the header or the code, or another module's
    // entry under this name: recompiled, and the entry rewritten whole.
    let mut other = whole.clone();
    other[20] ^= 0xff;
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("header only", whole[..88].to_vec()),
        ("truncated", whole[..whole.len() / 2].to_vec()),
        ("one byte short", whole[..whole.len() - 1].to_vec()),
        ("code flipped", {
            let mut bytes = whole.clone();
            let at = whole.len() - 100;
            bytes[at] ^= 0x10;
            bytes
        }),
        ("another key", other),
        ("not an entry", b"\0asm\x01\0\0\0".to_vec()),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&entry, &bytes).unwrap();
        forget_compiled_modules();
        let (outcome, compiled, loaded) = make(&wasm);
        assert_eq!((compiled, loaded), (1, 0), "{what}: recompiled, not loaded");
        assert_eq!(outcome, first, "{what}");
        assert_eq!(
            std::fs::read(&entry).unwrap(),
            whole,
            "{what}: the entry is rewritten whole"
        );
    }

    // Past the size limit, the least recently used entries go: with room for two, a
    // third module's entry evicts the one not used for longest, and loading an entry
    // from disk counts as a use.
    set_cache_limit(2 * whole.len() as u64 + 100);
    let others: Vec<Vec<u8>> = [r"second\n", r"third!\n"]
        .iter()
        .map(|text| wat::parse_str(GUEST.replace(r"cached\n", text)).unwrap())
        .collect();
    forget_compiled_modules();
    let (_, compiled, _) = make(&others[0]);
    assert_eq!(compiled, 1);
    let second = entries(&dir)
        .into_iter()
        .find(|path| *path != entry)
        .unwrap();
    // The first module's entry, older than the second's, is used now.
    let (_, compiled, loaded) = make(&wasm);
    assert_eq!((compiled, loaded), (0, 1));
    let (_, compiled, _) = make(&others[1]);
    assert_eq!(compiled, 1);
    let left = entries(&dir);
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.contains(&entry), "the entry used last stays: {left:?}");
    assert!(
        !left.contains(&second),
        "the least recently used goes: {left:?}"
    );
    set_cache_limit(DEFAULT_DISK_LIMIT);

    // A folder that cannot be written (a file is in its place) only means compiling.
    let blocked = dir.join("blocked");
    std::fs::write(&blocked, b"not a folder").unwrap();
    set_cache_dir(Some(blocked));
    forget_compiled_modules();
    let (outcome, compiled, loaded) = make(&wasm);
    assert_eq!((compiled, loaded), (1, 0));
    assert_eq!(outcome, first);

    set_cache_dir(None);
    std::fs::remove_dir_all(&dir).unwrap();
}
