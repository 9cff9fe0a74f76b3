//! Compiled-module caches for wasmtime: each distinct metered module is compiled by
//! Cranelift once per process (every [`crate::Module`] of the same bytes shares the code:
//! prepare, grade, every submission of a batch), and, when the embedder names a folder
//! with [`set_cache_dir`] (the CLI does, see [`default_cache_dir`]), once per machine:
//! the code is kept on disk with wasmtime's `Module::serialize` and loaded back in
//! milliseconds.
//!
//! An entry's name is a SHA-256 over the metered module's digest, wasmtime's version, this
//! build's engine configuration and target, and wasmtime's own compatibility hash of the
//! engine, so a module compiled for other settings is never found. An entry is written
//! whole to a temporary file in the same folder and renamed into place, so concurrent
//! writers (several test processes, parallel graders) leave one complete entry and readers
//! never see a partial one. Every entry carries its length and the SHA-256 of its code,
//! checked before wasmtime sees a byte: a truncated or corrupt entry (a full disk, a
//! crash, an edit) is removed and the module recompiled, never trusted. The cache is only
//! read while a module is made, never during a run, so the sandbox still reads nothing
//! from the host while a guest runs; any I/O error just means compiling.
//!
//! The folder is bounded: after each entry it writes, a process removes the least recently
//! used entries (by modification time, which a load from the cache renews) until the
//! entries total at most [`DEFAULT_DISK_LIMIT`] bytes ([`set_cache_limit`]; the CLI's
//! `REPLICA_CACHE_MAX_MB`), never the entry it just wrote, and temporary files a crashed
//! writer left over an hour before. Concurrent processes are safe: a reader holds what it
//! opened even if another process removes the entry, an entry removed before it is opened
//! is a miss (compile and write it again), and two processes evicting at once at worst
//! remove a little more than needed.

use std::collections::{BTreeMap, VecDeque};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use sha2::{Digest, Sha256};

use crate::LoadError;
use crate::engine::wasmtime::{self as wt, Compiled};

/// The wasmtime release this crate pins (`=48.0.8` in its Cargo.toml): part of every key.
const WASMTIME_VERSION: &str = "48.0.8";

/// The first bytes of every entry, with the format's version.
const MAGIC: &[u8; 16] = b"replica-cwasm-1\n";

/// Entry header: magic, key, code length (u64, little-endian), code digest.
const HEADER: usize = 16 + 32 + 8 + 32;

/// How many compiled modules one process keeps; past this the oldest is dropped (modules
/// still in use keep their code). A batch grades one reference and many candidates.
const IN_PROCESS: usize = 64;

type Key = [u8; 32];

/// One module's slot: compiled once, by whichever thread gets there first.
type Slot = Arc<OnceLock<Result<Arc<Compiled>, LoadError>>>;

#[derive(Default)]
struct Memory {
    slots: BTreeMap<Key, Slot>,
    order: VecDeque<Key>,
}

fn memory() -> &'static Mutex<Memory> {
    static MEMORY: OnceLock<Mutex<Memory>> = OnceLock::new();
    MEMORY.get_or_init(Mutex::default)
}

fn slot(key: &Key) -> Slot {
    let mut memory = memory().lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(slot) = memory.slots.get(key) {
        return Arc::clone(slot);
    }
    let slot = Slot::default();
    memory.slots.insert(*key, Arc::clone(&slot));
    memory.order.push_back(*key);
    while memory.order.len() > IN_PROCESS {
        if let Some(oldest) = memory.order.pop_front() {
            memory.slots.remove(&oldest);
        }
    }
    slot
}

/// Bytes of entries the disk cache keeps unless [`set_cache_limit`] says otherwise: room
/// for about a thousand compiled task modules (about 1 MB each) or a few dozen language
/// runtimes.
pub const DEFAULT_DISK_LIMIT: u64 = 1 << 30;

static DISK_LIMIT: AtomicU64 = AtomicU64::new(DEFAULT_DISK_LIMIT);

/// Keeps the disk cache's entries to at most `bytes` from now on in this process (the
/// newest entry stays even when it alone is larger).
pub fn set_cache_limit(bytes: u64) {
    DISK_LIMIT.store(bytes, Ordering::Relaxed);
}

/// The disk cache's size limit (see [`set_cache_limit`]).
pub fn cache_limit() -> u64 {
    DISK_LIMIT.load(Ordering::Relaxed)
}

/// A temporary file this much older than a fresh entry is a crashed writer's, not one
/// being written.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(3600);

fn dir_setting() -> &'static RwLock<Option<PathBuf>> {
    static DIR: RwLock<Option<PathBuf>> = RwLock::new(None);
    &DIR
}

/// Keeps compiled code in `dir` (created when first written) from now on in this process,
/// or on no disk at all with `None` (the default: a library does not write to the user's
/// folders unless asked).
pub fn set_cache_dir(dir: Option<PathBuf>) {
    *dir_setting()
        .write()
        .unwrap_or_else(PoisonError::into_inner) = dir;
}

/// The folder compiled code is kept in, if any (see [`set_cache_dir`]).
pub fn cache_dir() -> Option<PathBuf> {
    dir_setting()
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// The user's cache folder for compiled modules: `$REPLICA_CACHE_DIR` when set (empty or
/// `off` for none), else `$XDG_CACHE_HOME/replica/modules`, else
/// `$HOME/.cache/replica/modules`; `None` when none of these is set.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("REPLICA_CACHE_DIR") {
        return (!dir.is_empty() && dir != "off").then(|| PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))?;
    Some(base.join("replica").join("modules"))
}

/// Drops this process's compiled modules (modules in use keep theirs): the next module
/// made of the same bytes comes from the disk cache or Cranelift again. For embedders
/// that want the memory back, and for tests of the disk cache.
pub fn forget_compiled_modules() {
    let mut memory = memory().lock().unwrap_or_else(PoisonError::into_inner);
    memory.slots.clear();
    memory.order.clear();
}

/// The key of the metered module `wasm` for this build's engine.
fn key(wasm: &[u8]) -> Result<Key, LoadError> {
    let engine = wt::engine()?;
    let mut compat = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&engine.precompile_compatibility_hash(), &mut compat);
    let mut hasher = Sha256::new();
    hasher.update(MAGIC);
    hasher.update(WASMTIME_VERSION.as_bytes());
    hasher.update([0]);
    hasher.update(wt::config().as_bytes());
    hasher.update([0]);
    hasher.update(std::env::consts::ARCH.as_bytes());
    hasher.update([0]);
    hasher.update(std::env::consts::OS.as_bytes());
    hasher.update(std::hash::Hasher::finish(&compat).to_le_bytes());
    hasher.update(Sha256::digest(wasm));
    Ok(hasher.finalize().into())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn entry_path(dir: &Path, key: &Key) -> PathBuf {
    dir.join(format!("{}.cwasm", hex(key)))
}

/// Counts, for tests and benchmarks: modules compiled by Cranelift, and loaded from disk.
static COMPILED: AtomicU64 = AtomicU64::new(0);
static LOADED: AtomicU64 = AtomicU64::new(0);

/// How many modules this process compiled with Cranelift, and how many it loaded from the
/// disk cache instead.
pub fn cache_counts() -> (u64, u64) {
    (
        COMPILED.load(Ordering::Relaxed),
        LOADED.load(Ordering::Relaxed),
    )
}

/// The module compiled for wasmtime: from this process's cache, the disk cache, or
/// Cranelift (then kept in both).
pub(crate) fn compile(wasm: &[u8]) -> Result<Arc<Compiled>, LoadError> {
    let key = key(wasm)?;
    slot(&key)
        .get_or_init(|| {
            if let Some(compiled) = load(&key) {
                return Ok(compiled);
            }
            let (compiled, module) = Compiled::new(wasm)?;
            COMPILED.fetch_add(1, Ordering::Relaxed);
            store(&key, &module);
            Ok(Arc::new(compiled))
        })
        .clone()
}

/// The module compiled for wasmtime if either cache has it; never compiles, and never
/// waits for a compiler another thread runs.
pub(crate) fn cached(wasm: &[u8]) -> Option<Arc<Compiled>> {
    let key = key(wasm).ok()?;
    let slot = slot(&key);
    if let Some(done) = slot.get() {
        return done.as_ref().ok().cloned();
    }
    let compiled = load(&key)?;
    // Another thread may have finished compiling meanwhile: either is the same code.
    Some(slot.get_or_init(|| Ok(compiled)).as_ref().ok()?.clone())
}

/// Reads, checks and loads the entry for `key`; a bad entry is removed.
fn load(key: &Key) -> Option<Arc<Compiled>> {
    let path = entry_path(&cache_dir()?, key);
    let bytes = std::fs::read(&path).ok()?;
    let Some(code) = check(&bytes, key) else {
        let _ = std::fs::remove_file(&path);
        return None;
    };
    match Compiled::deserialize(code) {
        Ok(compiled) => {
            LOADED.fetch_add(1, Ordering::Relaxed);
            touch(&path);
            Some(Arc::new(compiled))
        }
        Err(_) => {
            let _ = std::fs::remove_file(&path);
            None
        }
    }
}

/// The code of an entry, when it is whole: the right magic, key, length and digest.
fn check<'a>(bytes: &'a [u8], key: &Key) -> Option<&'a [u8]> {
    if bytes.len() < HEADER || &bytes[..16] != MAGIC || &bytes[16..48] != key {
        return None;
    }
    let len = u64::from_le_bytes(bytes[48..56].try_into().ok()?);
    let code = &bytes[HEADER..];
    if code.len() as u64 != len || Sha256::digest(code).as_slice() != &bytes[56..HEADER] {
        return None;
    }
    Some(code)
}

/// Writes the entry for `key`, atomically; errors only mean the next process compiles.
fn store(key: &Key, module: &wasmtime::Module) {
    let Some(dir) = cache_dir() else {
        return;
    };
    let Ok(code) = module.serialize() else {
        return;
    };
    if write_entry(&dir, key, &code).is_ok() {
        let _ = evict(&dir, cache_limit(), &entry_path(&dir, key));
    }
}

/// Marks the entry at `path` as just used, for eviction (least recently used first).
/// The time is the cache's bookkeeping only: no guest and no report ever sees it.
#[allow(clippy::disallowed_methods)]
fn touch(path: &Path) {
    let now = std::time::SystemTime::now();
    if let Ok(file) = std::fs::File::options().write(true).open(path) {
        let _ = file.set_modified(now);
    }
}

/// Removes the least recently used entries of `dir` until they total at most `limit`
/// bytes, never `keep` (the entry just written); and temporary files older than `keep` by
/// [`STALE_TEMP`]. Entries another process removes meanwhile are skipped.
fn evict(dir: &Path, limit: u64, keep: &Path) -> std::io::Result<()> {
    let fresh = std::fs::metadata(keep)?.modified()?;
    let mut entries = Vec::new();
    let mut total = 0u64;
    for entry in std::fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let Ok(meta) = entry.metadata() else { continue };
        let Ok(modified) = meta.modified() else {
            continue;
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !meta.is_file() {
            continue;
        }
        if name.starts_with('.') && name.ends_with(".tmp") {
            if fresh
                .duration_since(modified)
                .is_ok_and(|age| age > STALE_TEMP)
            {
                let _ = std::fs::remove_file(entry.path());
            }
            continue;
        }
        if !name.ends_with(".cwasm") {
            continue;
        }
        total += meta.len();
        entries.push((modified, entry.path(), meta.len()));
    }
    // Oldest first; the path breaks ties so the order is the same in every process.
    entries.sort();
    for (_, path, len) in entries {
        if total <= limit {
            break;
        }
        if path != keep && std::fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
    Ok(())
}

fn write_entry(dir: &Path, key: &Key, code: &[u8]) -> std::io::Result<()> {
    static TEMP: AtomicU64 = AtomicU64::new(0);
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(
        ".{}.{}.{}.tmp",
        hex(&key[..8]),
        std::process::id(),
        TEMP.fetch_add(1, Ordering::Relaxed)
    ));
    let written = write_whole(&temp, key, code).and_then(|()| {
        // Renaming is atomic: readers see the old entry, none, or this one whole.
        std::fs::rename(&temp, entry_path(dir, key))
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Writes an entry for `key` to `path` and syncs it.
fn write_whole(path: &Path, key: &Key, code: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(MAGIC)?;
    file.write_all(key)?;
    file.write_all(&(code.len() as u64).to_le_bytes())?;
    file.write_all(&Sha256::digest(code))?;
    file.write_all(code)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::{HEADER, MAGIC, STALE_TEMP, check, entry_path, evict, write_entry};
    use std::time::{Duration, SystemTime};

    /// A scratch folder of this process.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("replica-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Writes `bytes` bytes to `dir/name`, last modified `age` seconds before `base`.
    fn file(dir: &std::path::Path, name: &str, bytes: usize, base: SystemTime, age: u64) {
        let path = dir.join(name);
        std::fs::write(&path, vec![0u8; bytes]).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(base - Duration::from_secs(age)).unwrap();
    }

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Past the limit, the least recently used entries go first, down to the limit; the
    /// entry just written stays even when it alone is over; other files are left alone,
    /// but for a crashed writer's temporary file.
    #[test]
    fn eviction_removes_the_least_recently_used_entries_down_to_the_limit() {
        let dir = scratch("evict");
        let base = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        for (name, age) in [
            ("a.cwasm", 50),
            ("b.cwasm", 10),
            ("c.cwasm", 40),
            ("d.cwasm", 20),
        ] {
            file(&dir, name, 1000, base, age);
        }
        file(&dir, "new.cwasm", 1000, base, 0);
        file(&dir, "notes.txt", 5000, base, 100);
        file(&dir, ".0011.7.0.tmp", 1000, base, 30);
        file(&dir, ".0022.8.0.tmp", 1000, base, STALE_TEMP.as_secs() + 1);
        let keep = dir.join("new.cwasm");
        // Under the limit: nothing goes but the stale temporary file.
        evict(&dir, 5000, &keep).unwrap();
        assert_eq!(
            names(&dir),
            [
                ".0011.7.0.tmp",
                "a.cwasm",
                "b.cwasm",
                "c.cwasm",
                "d.cwasm",
                "new.cwasm",
                "notes.txt"
            ]
        );
        // 5,000 bytes of entries, 3,000 allowed: the two oldest go.
        evict(&dir, 3000, &keep).unwrap();
        assert_eq!(
            names(&dir),
            [
                ".0011.7.0.tmp",
                "b.cwasm",
                "d.cwasm",
                "new.cwasm",
                "notes.txt"
            ]
        );
        // A limit below the newest entry keeps just it.
        evict(&dir, 10, &keep).unwrap();
        assert_eq!(names(&dir), [".0011.7.0.tmp", "new.cwasm", "notes.txt"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn entry(key: &[u8; 32], code: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(key);
        bytes.extend_from_slice(&(code.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&sha2::Sha256::digest(code));
        bytes.extend_from_slice(code);
        bytes
    }

    /// An entry is trusted only whole: every truncation, any flipped byte, and another
    /// key's entry are refused.
    #[test]
    fn only_whole_entries_are_trusted() {
        let key = [7; 32];
        let code = b"some compiled code".repeat(10);
        let good = entry(&key, &code);
        assert_eq!(check(&good, &key), Some(&code[..]));
        for len in 0..good.len() {
            assert_eq!(check(&good[..len], &key), None, "truncated to {len}");
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 1;
            assert_eq!(check(&bad, &key), None, "byte {at} flipped");
        }
        assert_eq!(check(&good, &[8; 32]), None);
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(check(&longer, &key), None);
        assert_eq!(HEADER, 88);
    }

    /// Writers racing on one entry, as parallel test processes do, never leave a partial
    /// entry for a reader, nor temporary files.
    #[test]
    fn concurrent_writers_leave_one_whole_entry() {
        let dir = std::env::temp_dir().join(format!("replica-cache-race-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let key = [3; 32];
        let code = vec![0x5a; 1 << 20];
        let path = entry_path(&dir, &key);
        let done = std::sync::atomic::AtomicBool::new(false);
        let seen = std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let mut seen = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Ok(bytes) = std::fs::read(&path) {
                        assert_eq!(check(&bytes, &key).map(<[u8]>::len), Some(code.len()));
                        seen += 1;
                    }
                }
                seen
            });
            let writers: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        for _ in 0..10 {
                            write_entry(&dir, &key, &code).unwrap();
                        }
                    })
                })
                .collect();
            for writer in writers {
                writer.join().unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            reader.join().unwrap()
        });
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, [path.file_name().unwrap()], "only the entry is left");
        assert!(check(&std::fs::read(&path).unwrap(), &key).is_some());
        let _ = seen;
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
