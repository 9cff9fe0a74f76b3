//! Runs a WASI preview1 command module on one input under a budget and says what happened.
//!
//! The sandbox knows nothing of tasks or grading: [`Module::new`] compiles a module once,
//! [`Module::run`] runs it on an [`Input`] under a [`Budget`] and returns an [`Outcome`].
//! The engine is wasmi (an interpreter, so the same code runs natively and, compiled to
//! `wasm32-unknown-unknown`, inside the browser); the WASI preview1 host is Replica's own,
//! over an in-memory file tree.
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
//! | `fuel`           | 1,000,000,000  | Stands for wall time. Roughly one unit per wasm instruction. The task references use well under a million per case; hashing 16 MiB with SHA-256 takes about 1.3 billion, so a task with big inputs raises it in its `[budget]`. An endless loop ends as [`Ending::FuelExhausted`] after about 3 s natively and about 12 s in Chromium, per case. |
//! | `memory_bytes`   | 256 MiB        | Linear memory summed over all memories, the initial size included. A refused `memory.grow` returns -1 to the guest, as the spec says. |
//! | `output_bytes`   | 16 MiB         | Per stream (stdout, stderr). Past it the run ends as [`Ending::OutputLimit`], keeping exactly the first `output_bytes` bytes. |
//! | `fs_bytes`       | 64 MiB         | File contents in the tree, input files included. Writes are cut short at the cap, then fail with `ENOSPC`. |
//! | `fs_nodes`       | 10,000         | Files, directories and symlinks in the tree (the root not counted), input included. Creating more is `ENOSPC`. With full paths capped at 4,096 bytes and no hard links, the output tree holds at most `fs_nodes` paths of 4 KiB and `fs_bytes` of contents. |
//! | `stack_depth`    | 50,000         | wasmi call frames. Frames live on wasmi's heap-allocated stacks, not the host's, so the host never overflows; a guest going deeper traps with `call stack exhausted`. wasmi's own default of 1,000 breaks ordinary recursive programs (a depth-first search down a 10,000-node path); 50,000 lets them run. The value stack holding each frame's locals is capped at 1 KiB per allowed frame (50 MiB at the default), so recursion through functions with many locals also ends as that trap. |
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
//! host depth² bytes. Host calls pay fuel for their work: one unit per 64 bytes moved (wasmi's
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
//! - **Fuel is exact.** Modules compile eagerly, so the first run of a module costs the
//!   same fuel as every later one. Slicing a run does not change its fuel: wasmi pauses
//!   before the step that lacks fuel without charging any of it, and the run resumes there.
//!
//! # WASI conventions
//!
//! All 46 `wasi_snapshot_preview1` functions are defined, so any real module links; a
//! module importing anything else fails to load with [`LoadError::Link`] naming the import.
//! Errno values are the preview1 spec's (`ESUCCESS` 0, `EBADF` 8, `EEXIST` 20, `EFAULT`
//! 21, `EILSEQ` 25, `EINVAL` 28, `EISDIR` 31, `ELOOP` 32, `EMFILE` 33, `ENAMETOOLONG` 37,
//! `ENOENT` 44, `ENOSPC` 51, `ENOSYS` 52, `ENOTDIR` 54, `ENOTEMPTY` 55, `ENOTSUP` 58,
//! `ESPIPE` 70, `ENOTCAPABLE` 76). Where programs care, behaviour follows Linux:
//!
//! - **Descriptors.** 0, 1, 2 are stdin, stdout, stderr; 3 is the preopened root, named
//!   `/`, which is also the working directory. New descriptors take the lowest free number.
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
//! - **Paths never escape.** Every path is relative to a directory descriptor. An absolute
//!   path, `..` above the root, or a symlink whose target is absolute or climbs out is
//!   `ENOTCAPABLE` (wasi-libc turns absolute paths into paths relative to the `/` preopen
//!   before calling the host, so `fopen("/x")` works). Paths must be UTF-8 (`EILSEQ`).
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
//! - **Not supported:** signals (`proc_raise`) and sockets (`sock_*`) return `ENOSYS`.
//! - **Hostile pointers.** Any pointer or length outside linear memory is `EFAULT`, checked
//!   before the call changes anything; the host never allocates by a guest-given length.

mod errno;
mod fs;
mod host;
mod limiter;
mod memory;
mod tree;
mod wasi;

use std::ops::ControlFlow;

use host::Host;
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
    /// Nested wasm call depth (wasmi call frames). Guards against unbounded recursion
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
}

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
            LoadError::Link(why) => write!(f, "link error: {why}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// A compiled module, ready to run many times.
///
/// Holds the wasmi engine (configured from the budget given to [`Module::new`]), the
/// compiled module and a linker with every WASI function defined, so each run only
/// instantiates.
pub struct Module {
    engine: wasmi::Engine,
    module: wasmi::Module,
    linker: wasmi::Linker<Host>,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("imports", &self.module.imports().len())
            .field("exports", &self.module.exports().count())
            .finish_non_exhaustive()
    }
}

impl Module {
    /// Compiles and validates `wasm`, and checks that it links as a WASI command.
    ///
    /// `budget.module_bytes` and `budget.stack_depth` apply here, to compilation and to the
    /// engine; the other limits apply per run in [`Module::run`].
    ///
    /// # Errors
    /// A [`LoadError`] when the module is too large, invalid, or cannot link.
    pub fn new(wasm: &[u8], budget: &Budget) -> Result<Module, LoadError> {
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
        let engine = wasmi::Engine::new(&engine_config(budget));
        let module = wasmi::Module::new(&engine, wasm)
            .map_err(|error| LoadError::Invalid(error.to_string()))?;
        check_command(&engine, &module)?;
        let mut linker = wasmi::Linker::new(&engine);
        wasi::add_to_linker(&mut linker)
            .map_err(|error| LoadError::Link(format!("defining WASI functions: {error}")))?;
        Ok(Module {
            engine,
            module,
            linker,
        })
    }

    /// Runs `_start` on `input` under `budget`, in one go. Never panics on guest behaviour.
    pub fn run(&self, input: &Input, budget: &Budget) -> Outcome {
        let mut store = self.store(input, budget);
        let result = self
            .instantiate(&mut store)
            .and_then(|start| start.call(&mut store, ()))
            .map_err(|error| ending_of(&error));
        finish(store, budget, result)
    }

    /// Runs `_start` on `input` under `budget` in slices of `slice` fuel, calling `between`
    /// after each slice that leaves the run unfinished: a caller that must stay responsive
    /// (the browser's worker) can report progress within a long run and cancel it.
    ///
    /// The [`Outcome`] is exactly [`Module::run`]'s, byte for byte and `fuel_used`
    /// included, whatever the slice size: fuel is the same budget handed out in parts.
    /// wasmi pauses a call that runs out of fuel without consuming any of the step that
    /// needed it, so a paused step resumes with at least the fuel it asked for, and the run
    /// ends as [`Ending::FuelExhausted`] only when the whole remaining budget cannot pay
    /// for the next step, as an unsliced run does. Host calls pay their data costs from the
    /// slice and then from the rest of the budget. A slice of 0 counts as 1.
    ///
    /// Instantiation, and a wasm `start` section if the module has one, runs before the
    /// first slice in one go: wasmi cannot pause it. WASI commands do their work in
    /// `_start`, so this matters only for hand-written modules, and they are still bounded
    /// by the budget.
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
        let slice = slice.max(1);
        let mut store = self.store(input, budget);
        let start = match self.instantiate(&mut store) {
            Ok(start) => start,
            Err(error) => return Ok(finish(store, budget, Err(ending_of(&error)))),
        };
        // Keep one slice in the store and the rest of the budget in the reserve.
        let left = store.get_fuel().unwrap_or(0);
        let first = left.min(slice);
        let _ = store.set_fuel(first);
        store.data_mut().fuel_reserve = left - first;
        let mut call = start.call_resumable(&mut store, ());
        let result = loop {
            let paused = match call {
                Ok(wasmi::TypedResumableCall::Finished(())) => break Ok(()),
                // Every host error ends the run (`proc_exit`, the output cap, fuel owed by
                // a host call); none is resumed.
                Ok(wasmi::TypedResumableCall::HostTrap(trap)) => {
                    break Err(ending_of(trap.host_error()));
                }
                Ok(wasmi::TypedResumableCall::OutOfFuel(paused)) => paused,
                Err(error) => break Err(ending_of(&error)),
            };
            let have = store.get_fuel().unwrap_or(0);
            let reserve = store.data().fuel_reserve;
            let required = paused.required_fuel();
            if have.saturating_add(reserve) < required {
                // The whole budget cannot pay for the next step: where an unsliced run
                // runs out of fuel too.
                break Err(Ending::FuelExhausted);
            }
            let pause = Pause {
                fuel_used: budget.fuel - have - reserve,
                fuel: budget.fuel,
            };
            if between(pause).is_break() {
                return Err(Cancelled);
            }
            let add = slice.max(required - have).min(reserve);
            let _ = store.set_fuel(have + add);
            store.data_mut().fuel_reserve = reserve - add;
            call = paused.resume(&mut store);
        };
        Ok(finish(store, budget, result))
    }

    /// A store for one run, holding the whole budget of fuel.
    fn store(&self, input: &Input, budget: &Budget) -> wasmi::Store<Host> {
        let mut store = wasmi::Store::new(&self.engine, Host::new(input, budget));
        store.limiter(|host| &mut host.limiter);
        // Fuel metering is always on (see `engine_config`), so this cannot fail.
        let _ = store.set_fuel(budget.fuel);
        store
    }

    /// Instantiates the module (running a `start` section, if any) and finds `_start`.
    fn instantiate(
        &self,
        store: &mut wasmi::Store<Host>,
    ) -> Result<wasmi::TypedFunc<(), ()>, wasmi::Error> {
        let instance = self
            .linker
            .instantiate_and_start(&mut *store, &self.module)?;
        store.data_mut().memory = instance.get_memory(&*store, "memory");
        instance.get_typed_func::<(), ()>(&*store, "_start")
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

/// Turns a finished store and how the call ended (`Err` for any ending but `_start`
/// returning) into an [`Outcome`].
fn finish(store: wasmi::Store<Host>, budget: &Budget, result: Result<(), Ending>) -> Outcome {
    let fuel_left = store
        .get_fuel()
        .unwrap_or(0)
        .saturating_add(store.data().fuel_reserve);
    let host = store.into_data();
    let mut ending = result.err().unwrap_or(Ending::Exited(0));
    // Out of fuel means all of it was used, even if wasmi stopped a few units short
    // because the next instruction cost more than was left.
    let fuel_used = if ending == Ending::FuelExhausted {
        budget.fuel
    } else {
        budget.fuel.saturating_sub(fuel_left)
    };
    if host.limiter.refused && ending != Ending::Exited(0) {
        // The guest failed after being denied memory: that denial is the real story.
        ending = Ending::MemoryLimit;
    }
    Outcome {
        ending,
        stdout: host.stdout,
        stderr: host.stderr,
        files: host.fs.to_tree(),
        fuel_used,
    }
}

/// wasmi keeps each frame's locals and temporaries on a value stack separate from the call
/// stack; this many bytes per allowed frame bounds it, so deep recursion of functions with
/// many locals also ends as a stack overflow instead of consuming host memory.
const VALUE_STACK_BYTES_PER_FRAME: usize = 1024;

fn engine_config(budget: &Budget) -> wasmi::Config {
    let mut config = wasmi::Config::default();
    let depth = budget.stack_depth.max(1) as usize;
    config
        .consume_fuel(true)
        // Eager compilation: lazy modes charge translation fuel on first call only, which
        // would make the first run of a module use more fuel than later ones.
        .compilation_mode(wasmi::CompilationMode::Eager)
        .set_max_recursion_depth(depth)
        .set_max_stack_height(
            depth
                .saturating_mul(VALUE_STACK_BYTES_PER_FRAME)
                .max(1 << 20),
        );
    config
}

/// Checks that `module` is a WASI command this host can link.
fn check_command(engine: &wasmi::Engine, module: &wasmi::Module) -> Result<(), LoadError> {
    let signatures = wasi::signatures(engine);
    for import in module.imports() {
        let (from, name) = (import.module(), import.name());
        if from != wasi::MODULE {
            return Err(LoadError::Link(format!(
                "import `{from}::{name}` is not provided: the sandbox only provides `{}` functions, so build for `wasm32-wasip1` without other host imports",
                wasi::MODULE
            )));
        }
        let Some(expected) = signatures.get(name) else {
            return Err(LoadError::Link(format!(
                "import `{from}::{name}` is not a WASI preview1 function"
            )));
        };
        match import.ty() {
            wasmi::ExternType::Func(found) if found == expected => {}
            wasmi::ExternType::Func(found) => {
                return Err(LoadError::Link(format!(
                    "import `{from}::{name}` has type {} but WASI preview1 defines {}",
                    describe(found),
                    describe(expected)
                )));
            }
            _ => {
                return Err(LoadError::Link(format!(
                    "import `{from}::{name}` must be a function"
                )));
            }
        }
    }
    match module.get_export("_start") {
        Some(wasmi::ExternType::Func(ty)) if ty.params().is_empty() && ty.results().is_empty() => {}
        Some(_) => {
            return Err(LoadError::Link(
                "export `_start` must be a function of type () -> ()".into(),
            ));
        }
        None => {
            return Err(LoadError::Link(
                "no `_start` export: build a WASI command (a program with `main`), not a library or reactor".into(),
            ));
        }
    }
    match module.get_export("memory") {
        Some(wasmi::ExternType::Memory(_)) => Ok(()),
        _ => Err(LoadError::Link(
            "no memory exported as `memory`: WASI hosts read arguments and buffers through it"
                .into(),
        )),
    }
}

/// A function type as `(i32, i64) -> i32`.
fn describe(ty: &wasmi::FuncType) -> String {
    let list = |types: &[wasmi::ValType]| {
        types
            .iter()
            .map(|ty| format!("{ty:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("({}) -> ({})", list(ty.params()), list(ty.results()))
}

/// Maps how wasmi stopped the guest to an [`Ending`].
fn ending_of(error: &wasmi::Error) -> Ending {
    if let Some(code) = error.i32_exit_status() {
        return Ending::Exited(code);
    }
    if let Some(abort) = error.downcast_ref::<host::Abort>() {
        return match abort {
            host::Abort::OutputLimit => Ending::OutputLimit,
            host::Abort::OutOfFuel => Ending::FuelExhausted,
        };
    }
    match error.as_trap_code() {
        Some(wasmi::TrapCode::OutOfFuel) => Ending::FuelExhausted,
        Some(code) => Ending::Trap(trap_text(code).to_owned()),
        None => Ending::Trap(error.to_string()),
    }
}

/// The text of a trap, as the WebAssembly spec tests name it.
fn trap_text(code: wasmi::TrapCode) -> &'static str {
    use wasmi::TrapCode;
    match code {
        TrapCode::UnreachableCodeReached => "unreachable",
        TrapCode::MemoryOutOfBounds => "out of bounds memory access",
        TrapCode::TableOutOfBounds => "out of bounds table access",
        TrapCode::IndirectCallToNull => "uninitialized element",
        TrapCode::IntegerDivisionByZero => "integer divide by zero",
        TrapCode::IntegerOverflow => "integer overflow",
        TrapCode::BadConversionToInteger => "invalid conversion to integer",
        TrapCode::StackOverflow => "call stack exhausted",
        TrapCode::BadSignature => "indirect call type mismatch",
        TrapCode::OutOfFuel => "out of fuel",
        TrapCode::GrowthOperationLimited => "growth operation limited",
        TrapCode::OutOfSystemMemory => "out of system memory",
    }
}

/// Name and version of the engine, for reports.
pub const ENGINE: &str = "wasmi 2.0.0";
