//! Runs a WASI preview1 command module on one input under a budget and says what happened.
//!
//! The sandbox knows nothing of tasks or grading: [`Module::new`] compiles a module once,
//! [`Module::run`] runs it on an [`Input`] under a [`Budget`] and returns an [`Outcome`].
//! Every module is first metered by `replica_meter` (a deterministic instruction counter,
//! call-depth and stack-unit checks, memory and table caps, all inside the module), then
//! compiled for an [`Engine`]: wasmtime natively, wasmi (an interpreter, which also runs
//! compiled to `wasm32-unknown-unknown` inside the browser) everywhere. Natively, runs go
//! to wasmi until Cranelift has compiled the module on a background thread, then to
//! wasmtime (see [`Engine::Wasmtime`]), so no run waits for the compiler. Every engine gives the same
//! [`Outcome`]; a run that traps on wasmtime is rerun on wasmi, the reference. The
//! WASI preview1 host is Replica's own, over an in-memory file tree, and the same code on
//! every engine.
//!
//! # Guarantees
//!
//! - **Deterministic.** The same module, input and budget give the same [`Outcome`], byte
//!   for byte and including `fuel_used`, on every run, natively and in the browser. The
//!   crate never reads the host clock, randomness, files, environment or threads.
//! - **Isolated.** The guest sees only its [`Input`]: arguments, environment, stdin and a
//!   file tree. Paths cannot leave the tree and there is no network.
//! - **Misbehaviour is data.** Every way a run can end is an [`Ending`]: traps, fuel and
//!   memory exhaustion, output floods. Only a module that cannot be loaded at all is a
//!   [`LoadError`], and graders turn that into a verdict too. `run` never panics and never
//!   returns an error because of what the guest did; a hostile pointer or length is
//!   `EFAULT` for the guest, not a host fault.
//! - **Bounded.** Every resource the guest controls has a cap, listed below.
//! - **Sliceable.** [`Module::run_sliced`] runs the guest in slices of fuel with a
//!   callback between them (progress within a long run, cancellation); its [`Outcome`]
//!   equals [`Module::run`]'s at every slice size, `fuel_used` included. Slices divide
//!   the budget; they never add to it or change where it runs out.
//!
//! # Limits
//!
//! [`Budget`] holds the caps a grader may tune; [`Budget::default`] is sized for the
//! command-line programs Replica's tasks are made of. `module_bytes` and `stack_depth`
//! apply when [`Module::new`] compiles; the others apply to each run.
//!
//! | Budget field     | Default        | Why |
//! |------------------|----------------|-----|
//! | `fuel`           | 1,000,000,000  | Stands for wall time. One unit per wasm operator, counted by the metered module, plus data costs of bulk operations and host calls. The task references use well under a million per case; hashing 16 MiB with SHA-256 takes between 1 and 2 billion, so a task with big inputs raises it in its `[budget]`. An endless loop ends as [`Ending::FuelExhausted`], at the same instruction on every engine. |
//! | `memory_bytes`   | 256 MiB        | Linear memory, the initial size included (modules with several memories are refused). The metered module's declared maximum is clamped to it; a refused `memory.grow` returns -1 to the guest, as the spec says. |
//! | `output_bytes`   | 16 MiB         | Per stream (stdout, stderr). Past it the run ends as [`Ending::OutputLimit`], keeping exactly the first `output_bytes` bytes. |
//! | `fs_bytes`       | 64 MiB         | File contents in the tree, input files included. Writes are cut short at the cap, then fail with `ENOSPC`. |
//! | `fs_nodes`       | 10,000         | Files, directories and symlinks in the tree (the root not counted), input included. Creating more is `ENOSPC`. With full paths capped at 4,096 bytes and no hard links, the output tree holds at most `fs_nodes` paths of 4 KiB and `fs_bytes` of contents. |
//! | `stack_depth`    | 50,000         | Nested guest frames, counted by the metered module. A guest going deeper traps with `call stack exhausted`. wasmi's own default of 1,000 breaks ordinary recursive programs (a depth-first search down a 10,000-node path); 50,000 lets them run. The module also counts stack units (a frame's parameters, locals and operand stack height plus a few), at most 64 per allowed frame, so recursion through functions with many locals ends as that trap too, with bounded host memory. wasmi's frames live on its heap-allocated stacks; a native engine whose own stack overflows first hands the run to wasmi. |
//! | `module_bytes`   | 32 MiB         | Size of the module file; bounds compile time and memory. A Go program is 2-3 MiB. |
//! | `table_elements` | 100,000        | Elements in any one table; a declared or grown table past it is refused without allocating. |
//!
//! Fixed caps inside the WASI host, each with the Linux value a program would expect:
//! 1,024 open descriptors (`EMFILE`), 1,024 iovecs per call and 4 GiB per call (`EINVAL`),
//! paths of 4,096 bytes and names of 255 (`ENAMETOOLONG`), 40 symlink hops per call
//! (`ELOOP`). Unlike Linux, the 4,096 bytes also bound every node's full path from the
//! root: creating a node (a directory, a file with `O_CREAT`, a symlink) whose full path
//! would be longer, or renaming a directory so that a path under it would be, is
//! `ENAMETOOLONG`, and [`Tree::check`] rejects longer input paths. The output tree spells
//! out every path in full, so without this a chain of nested directories would cost the
//! host depth² bytes. Host calls pay fuel for their work: one unit per 64 bytes moved (the meter's
//! rate for `memory.copy`) and one per path component walked, so a guest cannot buy
//! unbounded host work with a few instructions.
//!
//! # How a run ends
//!
//! - `_start` returns: [`Ending::Exited`]`(0)`. `proc_exit(n)`: `Exited(n)`.
//! - Fuel runs out, in wasm or in a host call: [`Ending::FuelExhausted`], and `fuel_used`
//!   is the whole budget.
//! - A write passes `output_bytes`: [`Ending::OutputLimit`].
//! - Any other trap: [`Ending::Trap`] with the trap's name as the WebAssembly spec tests
//!   word it: `unreachable`, `integer divide by zero`, `integer overflow`,
//!   `invalid conversion to integer`, `out of bounds memory access`,
//!   `out of bounds table access`, `uninitialized element`, `indirect call type mismatch`,
//!   `call stack exhausted`.
//! - **Memory rule:** if the budget refused a memory or table allocation at any point
//!   (a `memory.grow`, or a declared initial size past the cap) and the run ends in
//!   anything but `Exited(0)`, the ending is [`Ending::MemoryLimit`]: the denial is the
//!   real story behind the guest's trap or failure exit. A guest that copes with a refusal
//!   and exits 0 keeps its `Exited(0)`.
//!
//! # Determinism rules
//!
//! - **Clocks are virtual.** The realtime clock starts at 2000-01-01T00:00:00Z
//!   (946,684,800 s after the Unix epoch), the monotonic and CPU-time clocks at 0, and
//!   every `clock_time_get` advances time by 1 µs (the reported resolution), so spinning
//!   until a deadline terminates. `poll_oneoff` sleeps jump the clock forward at once: a
//!   one-hour `sleep` finishes instantly and the program sees an hour pass.
//! - **Randomness is seeded.** `random_get` draws from xoshiro256** seeded with
//!   splitmix64 from [`Input::seed`]: the same seed gives the same bytes.
//! - **Timestamps are fixed.** Every file, directory and symlink reports all three times
//!   as 2000-01-01T00:00:00Z until the guest sets them (`*_set_times`; "now" is the virtual
//!   clock). Writes do not change them, so listings do not depend on how often a program
//!   read the clock.
//! - **Order is fixed.** Directory listings are `.`, `..`, then names in byte order.
//!   Inode numbers are stable for a node's life and assigned in path order of the input
//!   tree. Nothing iterates a hash map.
//! - **Fuel is exact and engine-independent.** The metered module charges each segment of
//!   straight-line code (one unit per original operator) before running it, so fuel and the
//!   point where it runs out depend only on the module and its input. Slicing a run does
//!   not change its fuel: the host refills the counter from the rest of the budget.
//!
//! # WASI conventions
//!
//! All 46 `wasi_snapshot_preview1` functions are defined, so any real module links; a
//! module importing anything else fails to load with [`LoadError::Link`] naming the import.
//! Errno values are the preview1 spec's (`ESUCCESS` 0, `EBADF` 8, `EEXIST` 20, `EFAULT`
//! 21, `EILSEQ` 25, `EINVAL` 28, `EISDIR` 31, `ELOOP` 32, `EMFILE` 33, `ENAMETOOLONG` 37,
//! `ENOENT` 44, `ENOSPC` 51, `ENOSYS` 52, `ENOTDIR` 54, `ENOTEMPTY` 55, `ENOTSOCK` 57,
//! `ENOTSUP` 58, `EROFS` 69, `ESPIPE` 70, `ENOTCAPABLE` 76). Where programs care, behaviour
//! follows Linux:
//!
//! - **Descriptors.** 0, 1, 2 are stdin, stdout, stderr; 3 is the preopened root, named
//!   `/`, which is also the working directory; 4, when [`Input::source`] is given, is a
//!   second, read-only preopen outside the tree, [`SOURCE_DIR`], holding a language
//!   runtime's program. New descriptors take the lowest free number.
//!   The standard streams report file type `unknown` without seek or tell rights, so
//!   wasi-libc's `isatty` is false and C stdio buffers fully; seeking them is `ESPIPE`.
//!   Stdin returns the input bytes, then end of file forever; nothing ever blocks, so the
//!   non-blocking flag is accepted and changes nothing.
//! - **Opening.** A directory opens for reading without `O_DIRECTORY`, and `fd_read` on
//!   it is `EISDIR` (GNU tools print "Is a directory" from this). Opening a directory for
//!   writing is `EISDIR`; `O_DIRECTORY` on a file `ENOTDIR`; a missing file `ENOENT`;
//!   `O_CREAT | O_EXCL` on an existing name `EEXIST`; a symlink without the follow flag
//!   `ELOOP`. `O_CREAT` through a dangling symlink creates its target. Access follows the
//!   `FD_READ` and `FD_WRITE` rights asked for; `fd_fdstat_set_rights` can only drop rights.
//! - **Paths never escape.** Every path is relative to a directory descriptor, which is a
//!   capability as in every WASI runtime: an absolute path, or `..` above the directory
//!   the descriptor names (the root for the preopen), directly or through a symlink, is
//!   `ENOTCAPABLE` (wasi-libc turns absolute paths into paths relative to the `/` preopen
//!   before calling the host, so `fopen("/x")` works). Paths must be UTF-8 (`EILSEQ`).
//!   The empty path is `ENOENT` (wasi-libc itself turns `open("")` into `open(".")`, so
//!   such a C or Rust program sees what opening `/` gives).
//! - **Directories.** The preopen's rights are the directory rights other runtimes give
//!   (every `path_*` right, listing, status and times; no data rights), with every right
//!   inheritable; a directory opened by path gets at most those. Seeking or telling a
//!   directory is `EISDIR`: listings resume from cookies, not positions.
//! - **Changing the tree.** `unlink` of a directory is `EISDIR`; `rmdir` of a non-empty
//!   directory `ENOTEMPTY`; renaming a directory into itself `EINVAL`, a file over a
//!   directory `EISDIR`; `readlink` of a non-symlink `EINVAL`. Open descriptors survive
//!   renames and unlinks; an unlinked file lives until its last descriptor closes.
//! - **No hard links.** `path_link` looks both paths up as any call does (a missing file
//!   is `ENOENT`, an escape `ENOTCAPABLE`), then is `ENOTSUP`, as on file systems like
//!   FAT: a [`Tree`] cannot express links, and spelling each one out as a copy of the file would let a
//!   guest multiply its contents past `fs_bytes` in the output. Every file has one name,
//!   so its `nlink` is 1 (0 once unlinked).
//! - **Listings.** `fd_readdir` returns `.`, `..`, then the sorted entries, read from the
//!   live directory (nothing is copied per descriptor). Cookie N resumes after the N-th
//!   entry, except that the cookie after the last entry a call returned whole resumes
//!   after that entry's name, wherever it now sorts; wasi-libc and Rust's std continue
//!   from exactly that cookie, so deleting entries while listing them (as `rm -r` does)
//!   skips nothing. Entries added or removed during a listing may or may not appear, as
//!   POSIX allows.
//! - **Not supported:** signals (`proc_raise`) return `ENOSYS`. There is no network, so
//!   no descriptor is a socket: `sock_*` is `ENOTSOCK` on an open descriptor and `EBADF`
//!   on any other, as on Linux.
//! - **Hostile pointers.** Any pointer or length outside linear memory is `EFAULT`, checked
//!   before the call changes anything; the host never allocates by a guest-given length.

#[cfg(not(target_arch = "wasm32"))]
mod cache;
mod command;
mod engine;
mod errno;
mod fs;
mod host;
mod limiter;
mod memory;
#[cfg(not(target_arch = "wasm32"))]
mod tier;
mod tree;
mod wasi;

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(not(target_arch = "wasm32"))]
pub use cache::{
    DEFAULT_DISK_LIMIT, cache_counts, cache_dir, cache_limit, default_cache_dir,
    forget_compiled_modules, set_cache_dir, set_cache_limit,
};
#[cfg(not(target_arch = "wasm32"))]
pub use engine::wasmtime::set_pooling;
pub use tree::{Node, Tree, TreeError};

/// Resource limits for one run. Every field is a cap on something the guest controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Fuel (roughly, executed wasm instructions). Guards against endless loops; it stands
    /// for wall time, which the sandbox never reads.
    pub fuel: u64,
    /// Bytes of linear memory, summed over the module's memories. Guards against memory bombs.
    pub memory_bytes: u64,
    /// Bytes the guest may write to stdout, and separately to stderr. Guards against floods
    /// of output that would exhaust the grader's memory.
    pub output_bytes: u64,
    /// Total bytes of file contents in the in-memory tree (input files included).
    /// Guards against a guest filling the host's memory through the file system.
    pub fs_bytes: u64,
    /// Number of nodes (files, directories, symlinks) in the tree. Guards against a guest
    /// creating millions of empty files.
    pub fs_nodes: u64,
    /// Nested guest call depth, counted by the metered module. Guards against unbounded recursion
    /// exhausting host memory. Fixed when [`Module::new`] configures the engine.
    pub stack_depth: u32,
    /// Size of the module file. Guards against compile time and memory on huge modules.
    /// Checked by [`Module::new`].
    pub module_bytes: u64,
    /// Elements in any one table. Guards against `table.grow` allocating gigabytes.
    pub table_elements: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            fuel: 1_000_000_000,
            memory_bytes: 256 << 20,
            output_bytes: 16 << 20,
            fs_bytes: 64 << 20,
            fs_nodes: 10_000,
            stack_depth: 50_000,
            module_bytes: 32 << 20,
            table_elements: 100_000,
        }
    }
}

/// Everything a run reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    /// `argv[0]`.
    pub program: String,
    /// `argv[1..]`.
    pub args: Vec<String>,
    /// Environment variables, in the order the guest will see them.
    pub env: Vec<(String, String)>,
    /// Bytes on standard input; reads past the end return 0 bytes (EOF).
    pub stdin: Vec<u8>,
    /// The file tree, preopened as `/` (fd 3), which is also the working directory.
    pub files: Tree,
    /// Seeds `random_get`. The same seed gives the same bytes.
    pub seed: u64,
    /// A program for a language runtime: when given, the file [`SOURCE_FILE`] in a
    /// read-only directory preopened as [`SOURCE_DIR`] (descriptor 4), outside the tree
    /// (`None`: no descriptor 4). So the candidate's program is never in the tree the
    /// guest lists, writes back or a task compares. Its two nodes and its bytes count
    /// towards `fs_nodes` and `fs_bytes`; creating, removing, renaming, writing or
    /// retiming anything in it is `EROFS`, and `..` in it is `ENOTCAPABLE`.
    pub source: Option<Vec<u8>>,
}

/// The name the directory of [`Input::source`] is preopened under.
pub const SOURCE_DIR: &str = "/.replica";

/// The name of the program file in [`SOURCE_DIR`]: runtimes open `/.replica/program`.
pub const SOURCE_FILE: &str = "program";

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// `_start` returned (code 0) or the guest called `proc_exit(code)`.
    Exited(i32),
    /// The fuel budget ran out.
    FuelExhausted,
    /// The guest asked for more linear memory than the budget allows (and then trapped or
    /// failed), or its declared initial memory exceeds the budget.
    MemoryLimit,
    /// The guest wrote more than `output_bytes` to stdout or stderr.
    OutputLimit,
    /// The guest trapped. The string names the trap as the WebAssembly spec tests do:
    /// `unreachable`, `integer divide by zero`, `call stack exhausted`,
    /// `out of bounds memory access`, ... (see the crate docs for the full list).
    Trap(String),
}

/// Everything a run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub ending: Ending,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// The file tree after the run.
    pub files: Tree,
    /// Fuel consumed: all of `Budget::fuel` when the run ended as
    /// [`Ending::FuelExhausted`].
    pub fuel_used: u64,
}

impl Outcome {
    /// The exit code, when the guest exited normally.
    pub fn exit_code(&self) -> Option<i32> {
        match self.ending {
            Ending::Exited(code) => Some(code),
            _ => None,
        }
    }
}

/// Why a module could not be loaded; graders report it as a compile error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Larger than `Budget::module_bytes`.
    TooLarge { bytes: u64, limit: u64 },
    /// Not wasm, truncated, or fails validation.
    Invalid(String),
    /// Valid wasm using a feature the sandbox does not run the same on every engine
    /// (several memories, shared memory, 64-bit memory, SIMD, exceptions, ...).
    Unsupported(String),
    /// Valid wasm that cannot be linked as a WASI command: an import outside
    /// `wasi_snapshot_preview1` (or one we do not know, or with the wrong signature),
    /// no `_start`, no exported memory.
    Link(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::TooLarge { bytes, limit } => {
                write!(
                    f,
                    "module is {bytes} bytes, over the limit of {limit} bytes"
                )
            }
            LoadError::Invalid(why) => write!(f, "invalid module: {why}"),
            LoadError::Unsupported(why) => write!(f, "unsupported module: {why}"),
            LoadError::Link(why) => write!(f, "link error: {why}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The engines a [`Module`] can run on. Every engine gives the same [`Outcome`] for the
/// same module, input and budget, byte for byte: they run the same metered module over
/// the same host, and a faster engine hands any run it cannot vouch for (a trap) to wasmi.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// wasmi, an interpreter: the reference, and the only engine inside the browser's
    /// worker.
    Wasmi,
    /// wasmtime with Cranelift after tiering, natively: runs go to wasmi until Cranelift,
    /// on a background thread, has compiled the module; a run on wasmi still going when
    /// the compiled code is ready (the host looks every [`TIER_FUEL`] fuel) is redone on
    /// wasmtime from the start, and every run after that is wasmtime's. The compiler
    /// starts with the first run past [`TIER_FUEL`], or once the module's runs have used
    /// 50 million fuel on wasmi in all, so a module that only runs tiny cases is never
    /// compiled. No run waits for the compiler, and long ones run compiled. wasmi is
    /// behind it for runs that trap.
    #[cfg(not(target_arch = "wasm32"))]
    Wasmtime,
    /// wasmtime for every run: [`Module::with_engine`] waits for Cranelift. For tests and
    /// benchmarks of the compiled path; wasmi is behind it for runs that trap.
    #[cfg(not(target_arch = "wasm32"))]
    WasmtimeOnly,
    /// The browser's own WebAssembly engine, inside the grading worker (the `browser`
    /// feature): compiles the module to machine code, with wasmi behind it for runs that
    /// trap or recurse deeply (see `engine::browser`).
    #[cfg(all(target_arch = "wasm32", feature = "browser"))]
    Browser,
}

impl Default for Engine {
    /// wasmtime (tiered) natively; the browser's engine in the browser when this build has
    /// it, else wasmi.
    fn default() -> Engine {
        #[cfg(not(target_arch = "wasm32"))]
        return Engine::Wasmtime;
        #[cfg(all(target_arch = "wasm32", feature = "browser"))]
        return Engine::Browser;
        #[cfg(all(target_arch = "wasm32", not(feature = "browser")))]
        return Engine::Wasmi;
    }
}

impl Engine {
    /// Every engine this build has, the default first.
    pub const ALL: &'static [Engine] = &[
        #[cfg(not(target_arch = "wasm32"))]
        Engine::Wasmtime,
        #[cfg(not(target_arch = "wasm32"))]
        Engine::WasmtimeOnly,
        #[cfg(all(target_arch = "wasm32", feature = "browser"))]
        Engine::Browser,
        Engine::Wasmi,
    ];

    /// The engine's name, as `--engine` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Wasmi => "wasmi",
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Wasmtime => "wasmtime",
            #[cfg(not(target_arch = "wasm32"))]
            Engine::WasmtimeOnly => "wasmtime-only",
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Engine::Browser => "browser",
        }
    }

    /// The engine called `name`, if this build has it.
    pub fn from_name(name: &str) -> Option<Engine> {
        Engine::ALL
            .iter()
            .copied()
            .find(|engine| engine.name() == name)
    }
}

/// How often, in fuel, a run of an [`Engine::Wasmtime`] module that went to wasmi while
/// Cranelift compiles looks whether the compiled code is ready (and if so, is redone on
/// wasmtime). wasmi runs about 100 to 700 million fuel a second natively, so this is at
/// most a millisecond of wasmi before a run moves; pausing this often costs nothing
/// measurable (wasmi's `call_resumable` at slices from 10,000 to 10,000,000 fuel runs the
/// sha256sum reference on 1 MB and `wc` on a line at the speed of an unsliced run).
///
/// Once the code is ready, runs go straight to wasmtime: even a tiny `wc` run (16,000
/// fuel, mostly Rust's start-up) takes about 40 µs there, instance included, and about
/// 160 µs on wasmi, so wasmi first would not pay for tiny runs either.
#[cfg(not(target_arch = "wasm32"))]
pub const TIER_FUEL: u64 = 100_000;

/// A compiled module, ready to run many times.
///
/// Holds the metered module (see `replica_meter`) compiled for one [`Engine`] with every
/// WASI function linked, so each run only instantiates.
pub struct Module {
    /// The declared memory or a table exceeds the budget: every run is a memory limit.
    over_budget: bool,
    compiled: Compiled,
}

enum Compiled {
    Wasmi(engine::wasmi::Compiled),
    /// [`Engine::Wasmtime`]: wasmi now, Cranelift's code when it is ready.
    #[cfg(not(target_arch = "wasm32"))]
    Tiered {
        reference: engine::wasmi::Compiled,
        fast: tier::Background,
    },
    /// [`Engine::WasmtimeOnly`].
    #[cfg(not(target_arch = "wasm32"))]
    Wasmtime {
        fast: std::sync::Arc<engine::wasmtime::Compiled>,
        /// The metered module and the budget it was made for, to compile for wasmi when a
        /// run needs the reference.
        metered: Vec<u8>,
        budget: Budget,
        reference: std::sync::OnceLock<Result<engine::wasmi::Compiled, LoadError>>,
    },
    /// [`Engine::Browser`].
    #[cfg(all(target_arch = "wasm32", feature = "browser"))]
    Browser {
        fast: Box<engine::browser::Compiled>,
        /// wasmi, for runs the browser's engine hands back. Compiling for it is cheap
        /// (wasmi compiles each function when first called).
        reference: engine::wasmi::Compiled,
    },
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("engine", &self.engine())
            .field("over_budget", &self.over_budget)
            .finish_non_exhaustive()
    }
}

impl Module {
    /// Compiles and validates `wasm` for the default [`Engine`], and checks that it links
    /// as a WASI command.
    ///
    /// `budget.module_bytes`, `budget.stack_depth`, `budget.memory_bytes` and
    /// `budget.table_elements` apply here: the caps are part of the metered module. The
    /// other limits apply per run in [`Module::run`].
    ///
    /// # Errors
    /// A [`LoadError`] when the module is too large, invalid, unsupported, or cannot link.
    pub fn new(wasm: &[u8], budget: &Budget) -> Result<Module, LoadError> {
        Module::with_engine(wasm, budget, Engine::default())
    }

    /// [`Module::new`] for a given engine.
    ///
    /// # Errors
    /// As [`Module::new`].
    pub fn with_engine(wasm: &[u8], budget: &Budget, engine: Engine) -> Result<Module, LoadError> {
        let bytes = wasm.len() as u64;
        if bytes > budget.module_bytes {
            return Err(LoadError::TooLarge {
                bytes,
                limit: budget.module_bytes,
            });
        }
        // Checked here because the parser's own message for a wrong header is a multi-line
        // dump of byte arrays, and this is the most common mistake (a text file, a native
        // executable, a `.wat` file).
        if wasm.is_empty() {
            return Err(LoadError::Invalid("the file is empty".to_owned()));
        }
        if !wasm.starts_with(b"\0asm") {
            let start: String = wasm
                .iter()
                .take(4)
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(" ");
            return Err(LoadError::Invalid(format!(
                "not a WebAssembly binary: it starts with bytes {start}, not 00 61 73 6d (\\0asm); \
                 build for wasm32-wasip1, or convert a .wat text file with wat2wasm"
            )));
        }
        let metered = match replica_meter::instrument(wasm, &engine::meter_config(budget, None)) {
            Ok(metered) => metered,
            Err(replica_meter::Error::Invalid(why)) => return Err(LoadError::Invalid(why)),
            Err(replica_meter::Error::Unsupported(why)) => {
                // A module that is not a WASI command at all says so first.
                command::check(wasm)?;
                return Err(LoadError::Unsupported(why));
            }
        };
        command::check(wasm)?;
        let compiled = match engine {
            Engine::Wasmi => Compiled::Wasmi(engine::wasmi::Compiled::new(&metered.wasm, budget)?),
            // A module over budget never runs, so there is nothing to compile it for.
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Wasmtime if metered.over_budget => {
                Compiled::Wasmi(engine::wasmi::Compiled::new(&metered.wasm, budget)?)
            }
            #[cfg(not(target_arch = "wasm32"))]
            Engine::Wasmtime => Compiled::Tiered {
                reference: engine::wasmi::Compiled::new(&metered.wasm, budget)?,
                fast: tier::Background::new(metered.wasm),
            },
            #[cfg(not(target_arch = "wasm32"))]
            Engine::WasmtimeOnly => match cache::compile(&metered.wasm) {
                Ok(fast) => Compiled::Wasmtime {
                    fast,
                    metered: metered.wasm,
                    budget: *budget,
                    reference: std::sync::OnceLock::new(),
                },
                // What wasmtime cannot compile (a feature this build of it lacks), wasmi
                // runs: the module loads or fails the same whatever the engine.
                Err(_) => Compiled::Wasmi(engine::wasmi::Compiled::new(&metered.wasm, budget)?),
            },
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Engine::Browser => {
                let reference = engine::wasmi::Compiled::new(&metered.wasm, budget)?;
                // The browser's module has its own meter settings (a fallback threshold
                // and NaN canonicalisation), with the same fuel and limits.
                let config = replica_meter::Config {
                    fallback_units: Some(engine::browser::FALLBACK_UNITS),
                    canonicalize_nans: true,
                    ..engine::meter_config(budget, None)
                };
                match replica_meter::instrument(wasm, &config)
                    .ok()
                    .and_then(|browser| engine::browser::Compiled::new(&browser.wasm))
                {
                    Some(fast) if !metered.over_budget => Compiled::Browser {
                        fast: Box::new(fast),
                        reference,
                    },
                    _ => Compiled::Wasmi(reference),
                }
            }
        };
        Ok(Module {
            over_budget: metered.over_budget,
            compiled,
        })
    }

    /// The engine this module was compiled for.
    pub fn engine(&self) -> Engine {
        match self.compiled {
            Compiled::Wasmi(_) => Engine::Wasmi,
            #[cfg(not(target_arch = "wasm32"))]
            Compiled::Tiered { .. } => Engine::Wasmtime,
            #[cfg(not(target_arch = "wasm32"))]
            Compiled::Wasmtime { .. } => Engine::WasmtimeOnly,
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Compiled::Browser { .. } => Engine::Browser,
        }
    }

    /// Tells the module that its coming runs will use about `fuel` in all (a grade knows:
    /// the reference's fuel over every case). On [`Engine::Wasmtime`], when that is past
    /// what tiering would interpret before compiling (`tier::COMPILE_AFTER_FUEL`), Cranelift
    /// starts now rather than after that much work on wasmi: a grade of many cases is
    /// compiled at once, and one of a few tiny cases never. Runs still never wait for the
    /// compiler, and nothing about an outcome changes. Other engines ignore it.
    pub fn expect_fuel(&self, fuel: u64) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Compiled::Tiered { fast, .. } = &self.compiled
            && fuel >= tier::COMPILE_AFTER_FUEL
        {
            fast.start();
        }
        #[cfg(target_arch = "wasm32")]
        let _ = fuel;
    }

    /// Runs `_start` on `input` under `budget`, in one go. Never panics on guest behaviour.
    pub fn run(&self, input: &Input, budget: &Budget) -> Outcome {
        if self.over_budget {
            return engine::over_budget(input, budget);
        }
        match &self.compiled {
            Compiled::Wasmi(_) => self.on_reference(input, budget),
            #[cfg(not(target_arch = "wasm32"))]
            Compiled::Tiered { reference, fast } => match fast.get() {
                Some(compiled) => self.fast(compiled, input, budget),
                None => self.tiered(reference, fast, input, budget),
            },
            #[cfg(not(target_arch = "wasm32"))]
            Compiled::Wasmtime { fast, .. } => self.fast(fast, input, budget),
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Compiled::Browser { fast, .. } => match fast.run(input, budget) {
                Some(outcome) => {
                    FAST_RUN_COUNT.fetch_add(1, Ordering::Relaxed);
                    outcome
                }
                None => self.on_reference(input, budget),
            },
        }
    }

    /// A run on wasmi, in one go.
    fn on_reference(&self, input: &Input, budget: &Budget) -> Outcome {
        REFERENCE_RUN_COUNT.fetch_add(1, Ordering::Relaxed);
        match self.reference() {
            Ok(reference) => reference
                .run(input, budget, None)
                .unwrap_or_else(|Cancelled| unreachable!("an unsliced run is never cancelled")),
            Err(error) => reference_missing(input, budget, error),
        }
    }

    /// A run that starts before Cranelift's code is ready: on wasmi, in slices of
    /// [`TIER_FUEL`] with a look at the compiler between them. A run that ends before the
    /// compiled code is ready is wasmi's; one still going then is dropped and redone on
    /// wasmtime. A run past one slice starts the compiler, and so do runs whose fuel adds
    /// up to `tier::COMPILE_AFTER_FUEL`.
    #[cfg(not(target_arch = "wasm32"))]
    fn tiered(
        &self,
        reference: &engine::wasmi::Compiled,
        fast: &tier::Background,
        input: &Input,
        budget: &Budget,
    ) -> Outcome {
        let mut ready = |_: Pause| {
            // A long run: worth compiling for.
            fast.start();
            match fast.get() {
                Some(_) => ControlFlow::Break(()),
                None => ControlFlow::Continue(()),
            }
        };
        match reference.run(input, budget, Some((TIER_FUEL, &mut ready))) {
            Ok(outcome) => {
                REFERENCE_RUN_COUNT.fetch_add(1, Ordering::Relaxed);
                fast.interpreted(outcome.fuel_used);
                outcome
            }
            Err(Cancelled) => match fast.get() {
                Some(compiled) => self.fast(compiled, input, budget),
                None => unreachable!("a tiered run breaks only once compiled"),
            },
        }
    }

    /// A run on wasmtime, or on wasmi when it traps there.
    #[cfg(not(target_arch = "wasm32"))]
    fn fast(&self, fast: &engine::wasmtime::Compiled, input: &Input, budget: &Budget) -> Outcome {
        #[cfg(test)]
        tests::FAST_RUNS.with(|runs| runs.set(runs.get() + 1));
        match fast.run(input, budget) {
            Some(outcome) => {
                FAST_RUN_COUNT.fetch_add(1, Ordering::Relaxed);
                outcome
            }
            None => self.on_reference(input, budget),
        }
    }

    /// Runs `_start` on `input` under `budget` in slices of `slice` fuel, calling `between`
    /// after each slice that leaves the run unfinished: a caller that must stay responsive
    /// (the browser's worker) can report progress within a long run and cancel it.
    ///
    /// The [`Outcome`] is exactly [`Module::run`]'s, byte for byte and `fuel_used`
    /// included, whatever the slice size: fuel is the same budget handed out in parts.
    /// The metered module charges each code segment before running it; when its counter
    /// goes negative the host refills it from the rest of the budget, with at least
    /// `slice` more, and pauses. The run ends as [`Ending::FuelExhausted`] only when the
    /// whole remaining budget cannot pay for the segment, as an unsliced run does. Host
    /// calls pay their data costs from the counter and then from the rest of the budget.
    /// A slice of 0 counts as 1. Sliced runs run on wasmi, which can pause, except on the
    /// browser's engine: it cannot pause, but it is fast enough that a run needs no
    /// progress reports, so it runs in one go without calling `between`, and only a run it
    /// hands back to wasmi goes in slices.
    ///
    /// Instantiation, and a wasm `start` section if the module has one, runs before the
    /// first pause in one go (its fuel still comes out of the same budget). WASI commands
    /// do their work in `_start`, so this matters only for hand-written modules.
    ///
    /// # Errors
    /// [`Cancelled`] when `between` returned [`ControlFlow::Break`]; the run's partial
    /// state is dropped.
    pub fn run_sliced(
        &self,
        input: &Input,
        budget: &Budget,
        slice: u64,
        between: &mut dyn FnMut(Pause) -> ControlFlow<()>,
    ) -> Result<Outcome, Cancelled> {
        if self.over_budget {
            return Ok(engine::over_budget(input, budget));
        }
        #[cfg(all(target_arch = "wasm32", feature = "browser"))]
        if let Compiled::Browser { fast, .. } = &self.compiled
            && let Some(outcome) = fast.run(input, budget)
        {
            FAST_RUN_COUNT.fetch_add(1, Ordering::Relaxed);
            return Ok(outcome);
        }
        REFERENCE_RUN_COUNT.fetch_add(1, Ordering::Relaxed);
        match self.reference() {
            Ok(reference) => reference.run(input, budget, Some((slice.max(1), between))),
            Err(error) => Ok(reference_missing(input, budget, error)),
        }
    }

    /// The module compiled for wasmi.
    fn reference(&self) -> Result<&engine::wasmi::Compiled, &LoadError> {
        match &self.compiled {
            Compiled::Wasmi(compiled) => Ok(compiled),
            #[cfg(not(target_arch = "wasm32"))]
            Compiled::Tiered { reference, .. } => Ok(reference),
            #[cfg(not(target_arch = "wasm32"))]
            Compiled::Wasmtime {
                metered,
                budget,
                reference,
                ..
            } => reference
                .get_or_init(|| engine::wasmi::Compiled::new(metered, budget))
                .as_ref(),
            #[cfg(all(target_arch = "wasm32", feature = "browser"))]
            Compiled::Browser { reference, .. } => Ok(reference),
        }
    }
}

/// A run that needed wasmi for a module only wasmtime accepted. The two engines validate
/// the same metered module, so this is a harness bug, reported rather than hidden.
fn reference_missing(input: &Input, budget: &Budget, error: &LoadError) -> Outcome {
    let mut outcome = engine::over_budget(input, budget);
    outcome.ending = Ending::Trap(format!(
        "the reference engine could not load the module: {error}"
    ));
    outcome
}

static FAST_RUN_COUNT: AtomicU64 = AtomicU64::new(0);
static REFERENCE_RUN_COUNT: AtomicU64 = AtomicU64::new(0);

/// How many runs of this process (or browser worker) so far each kind of engine reported:
/// a fast one (wasmtime, the browser's), or wasmi, the reference, whether it was chosen or
/// was handed a run the fast engine could not vouch for. For telling where the time went;
/// never part of an outcome or a report, which are the same whichever engine ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub fast: u64,
    pub reference: u64,
}

/// The [`RunCounts`] so far.
pub fn run_counts() -> RunCounts {
    RunCounts {
        fast: FAST_RUN_COUNT.load(Ordering::Relaxed),
        reference: REFERENCE_RUN_COUNT.load(Ordering::Relaxed),
    }
}

/// Where a sliced run stands after a slice (see [`Module::run_sliced`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// Fuel the run has used so far.
    pub fuel_used: u64,
    /// The run's whole budget of fuel ([`Budget::fuel`]).
    pub fuel: u64,
}

/// A sliced run stopped because its caller asked (see [`Module::run_sliced`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the run was cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// What determines every run's behaviour, for reports: the reference engine and the
/// meter's cost model. It names no engine that merely executed a run, since every engine
/// gives the same outcome.
pub const ENGINE: &str = "wasmi 2.0.0, replica-meter 1";

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{Budget, Compiled, Engine, Input, Module};
    use std::cell::Cell;

    thread_local! {
        /// Runs this thread started on wasmtime.
        pub(super) static FAST_RUNS: Cell<usize> = const { Cell::new(0) };
    }

    /// Counts to `n`, then exits with 7.
    fn counter(n: u32) -> Vec<u8> {
        wat::parse_str(format!(
            r#"(module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (local $i i32)
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const {n}))))
                (call $exit (i32.const 7))))"#
        ))
        .unwrap()
    }

    /// Tiny runs leave the compiler alone; a long run starts it.
    #[test]
    fn a_long_run_starts_the_compiler_and_tiny_ones_do_not() {
        let budget = Budget::default();
        let input = Input::default();
        // Counts no other test uses: a module this process compiled already starts
        // compiled (see `cache`).
        for (n, long) in [(11, false), (10_000_001, true)] {
            let module = Module::with_engine(&counter(n), &budget, Engine::Wasmtime).unwrap();
            let Compiled::Tiered { fast, .. } = &module.compiled else {
                panic!("not tiered");
            };
            for _ in 0..3 {
                module.run(&input, &budget);
            }
            assert_eq!(fast.started(), long, "{n}");
        }
    }

    /// A grade that expects much work compiles at once; one that expects little does not.
    #[test]
    fn expecting_much_fuel_starts_the_compiler() {
        let budget = Budget::default();
        // Counts no other test uses (a module compiled already starts compiled).
        for (n, fuel, start) in [(12, 1_000_000, false), (13, 60_000_000, true)] {
            let module = Module::with_engine(&counter(n), &budget, Engine::Wasmtime).unwrap();
            module.expect_fuel(fuel);
            let Compiled::Tiered { fast, .. } = &module.compiled else {
                panic!("not tiered");
            };
            assert_eq!(fast.started(), start, "{fuel}");
        }
    }

    /// A run that went to wasmi while Cranelift compiled stays there if it is short and
    /// is redone on wasmtime at its first look at a finished compiler if it is long; once
    /// compiled, every run starts on wasmtime. Every path gives wasmi's outcome.
    #[test]
    fn a_tiered_module_moves_runs_to_wasmtime_once_compiled() {
        let budget = Budget::default();
        let input = Input::default();
        let on_wasmtime = |run: &dyn Fn() -> super::Outcome| {
            let before = FAST_RUNS.with(Cell::get);
            let outcome = run();
            (outcome, FAST_RUNS.with(Cell::get) - before)
        };
        for (n, long) in [(10, false), (10_000_000, true)] {
            let wasm = counter(n);
            let reference = Module::with_engine(&wasm, &budget, Engine::Wasmi)
                .unwrap()
                .run(&input, &budget);
            let module = Module::with_engine(&wasm, &budget, Engine::Wasmtime).unwrap();
            assert_eq!(module.engine(), Engine::Wasmtime);
            let Compiled::Tiered {
                reference: wasmi,
                fast,
            } = &module.compiled
            else {
                panic!("not tiered");
            };
            assert!(fast.wait().is_some(), "Cranelift compiles the module");
            // As if the run had started just before the compiler finished.
            let (outcome, fast_runs) = on_wasmtime(&|| module.tiered(wasmi, fast, &input, &budget));
            assert_eq!(outcome, reference, "{n}");
            assert_eq!(fast_runs, usize::from(long), "{n}: redone on wasmtime");
            let (outcome, fast_runs) = on_wasmtime(&|| module.run(&input, &budget));
            assert_eq!(outcome, reference, "{n}");
            assert_eq!(fast_runs, 1, "{n}: on wasmtime");
            // The same bytes again in this process: compiled already, so the first run of
            // the new module is on wasmtime, even a tiny one.
            let again = Module::with_engine(&wasm, &budget, Engine::Wasmtime).unwrap();
            let (outcome, fast_runs) = on_wasmtime(&|| again.run(&input, &budget));
            assert_eq!(outcome, reference, "{n}");
            assert_eq!(fast_runs, 1, "{n}: the second module starts compiled");
        }
    }
}
