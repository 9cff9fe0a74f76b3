//! What an agent hands in: a module, a source text in some language, or a path on the
//! server's machine, and how the tools' arguments name one.

use std::fmt;
use std::path::PathBuf;

use base64::Engine as _;
use schemars::JsonSchema;
use serde::Deserialize;

/// A source language a candidate can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Language {
    /// Built by the host's clang with wasi-libc (`clang --target=wasm32-wasi -O2`).
    C,
    /// Built by the host's cargo for `wasm32-wasip1`, as one `src/main.rs`.
    Rust,
    /// Run by the Python runtime (CPython for WASI) from the language runtimes.
    Python,
    /// Run by the JavaScript runtime (QuickJS-NG) from the language runtimes.
    JavaScript,
}

impl Language {
    /// Every language, in the order errors list them.
    pub const ALL: [Language; 4] = [
        Language::C,
        Language::Rust,
        Language::Python,
        Language::JavaScript,
    ];

    /// Parses a language name: `c`, `rust`, `python` (or `py`), `javascript` (or `js`),
    /// any case.
    ///
    /// # Errors
    /// A message listing the names this build knows.
    pub fn parse(name: &str) -> Result<Language, String> {
        match name.to_ascii_lowercase().as_str() {
            "c" => Ok(Language::C),
            "rust" | "rs" => Ok(Language::Rust),
            "python" | "py" => Ok(Language::Python),
            "javascript" | "js" => Ok(Language::JavaScript),
            _ => Err(format!(
                "unknown language `{name}`; give one of {}",
                Language::ALL.map(Language::name).join(", ")
            )),
        }
    }

    /// The name records and messages use.
    pub fn name(self) -> &'static str {
        match self {
            Language::C => "c",
            Language::Rust => "rust",
            Language::Python => "python",
            Language::JavaScript => "javascript",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A submission before it is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// A WASI preview1 command module.
    Wasm(Vec<u8>),
    /// Source text in `language`.
    Source { language: Language, text: String },
    /// A file or folder on the machine the tools run on: a `.wasm`, a `.c`, a Rust crate
    /// folder, or whatever else the [`crate::Workspace`] builds.
    Path(PathBuf),
}

impl Candidate {
    /// How a log names it: the language, and the size and digest of what was handed in
    /// (never the bytes themselves).
    pub fn summary(&self) -> serde_json::Value {
        match self {
            Candidate::Wasm(bytes) => serde_json::json!({
                "wasm": {"bytes": bytes.len(), "digest": replica_judge::digest(bytes)}
            }),
            Candidate::Source { language, text } => serde_json::json!({
                "language": language.name(),
                "source": {"bytes": text.len(), "digest": replica_judge::digest(text.as_bytes())},
            }),
            Candidate::Path(path) => serde_json::json!({"path": path.display().to_string()}),
        }
    }
}

/// Why a candidate did not become a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The request cannot be served (a language this machine cannot build, a path that
    /// does not exist): a tool error, not a verdict.
    Unavailable(String),
    /// The source did not compile; the compiler's messages. Graded as CE on every case.
    Compile(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Unavailable(why) => f.write_str(why),
            BuildError::Compile(why) => write!(f, "the candidate does not compile: {why}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// The arguments that name a candidate, shared by `run_candidate`, `evaluate_testcases`
/// and `submit`: exactly one of `wasm_base64`, `source` (with `language`) and `path`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateArgs {
    /// The program as source text, in `language`.
    #[serde(default)]
    pub source: Option<String>,
    /// The language of `source`: `c`, `rust`, `python` or `javascript`.
    #[serde(default)]
    pub language: Option<String>,
    /// The program as a WASI preview1 command module, base64-encoded.
    #[serde(default)]
    pub wasm_base64: Option<String>,
    /// A file on the server's machine: a `.wasm` module, a `.c` file, a `main.py`/`main.js`,
    /// or a folder with `Cargo.toml` or `main.c`.
    #[serde(default)]
    pub path: Option<String>,
}

impl CandidateArgs {
    /// The candidate these arguments name.
    ///
    /// # Errors
    /// A message saying what is missing or contradictory.
    pub fn candidate(&self) -> Result<Candidate, String> {
        let given = [
            self.source.is_some(),
            self.wasm_base64.is_some(),
            self.path.is_some(),
        ]
        .iter()
        .filter(|&&g| g)
        .count();
        if given != 1 {
            return Err(format!(
                "give exactly one of `source` (with `language`), `wasm_base64` and `path`; {given} were given"
            ));
        }
        if let Some(text) = &self.source {
            let Some(language) = &self.language else {
                return Err(format!(
                    "`source` needs `language`: one of {}",
                    Language::ALL.map(Language::name).join(", ")
                ));
            };
            return Ok(Candidate::Source {
                language: Language::parse(language)?,
                text: text.clone(),
            });
        }
        if self.language.is_some() && self.path.is_none() {
            return Err("`language` goes with `source`; a module needs none".into());
        }
        if let Some(encoded) = &self.wasm_base64 {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim().as_bytes())
                .map_err(|e| format!("`wasm_base64` is not valid base64: {e}"))?;
            return Ok(Candidate::Wasm(bytes));
        }
        let path = self.path.as_deref().unwrap_or_default();
        if path.is_empty() {
            return Err("`path` is empty".into());
        }
        Ok(Candidate::Path(PathBuf::from(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: serde_json::Value, expect: &str) {
        let parsed: Result<CandidateArgs, _> = serde_json::from_value(args);
        let got = match parsed {
            Err(e) => format!("json: {e}"),
            Ok(args) => match args.candidate() {
                Ok(Candidate::Wasm(bytes)) => format!("wasm {bytes:?}"),
                Ok(Candidate::Source { language, text }) => format!("{language} {text:?}"),
                Ok(Candidate::Path(path)) => format!("path {}", path.display()),
                Err(e) => format!("error: {e}"),
            },
        };
        assert_eq!(got, expect);
    }

    #[test]
    fn candidates_parse() {
        use serde_json::json;
        check(json!({"wasm_base64": "AGFzbQ=="}), "wasm [0, 97, 115, 109]");
        check(
            json!({"source": "int main(){}", "language": "C"}),
            "c \"int main(){}\"",
        );
        check(
            json!({"source": "print()", "language": "py"}),
            "python \"print()\"",
        );
        check(json!({"path": "a.wasm"}), "path a.wasm");
        check(
            json!({}),
            "error: give exactly one of `source` (with `language`), `wasm_base64` and `path`; 0 were given",
        );
        check(
            json!({"source": "x", "path": "y"}),
            "error: give exactly one of `source` (with `language`), `wasm_base64` and `path`; 2 were given",
        );
        check(
            json!({"source": "x"}),
            "error: `source` needs `language`: one of c, rust, python, javascript",
        );
        check(
            json!({"source": "x", "language": "cobol"}),
            "error: unknown language `cobol`; give one of c, rust, python, javascript",
        );
        check(
            json!({"wasm_base64": "!!"}),
            "error: `wasm_base64` is not valid base64: Invalid symbol 33, offset 0.",
        );
        check(
            json!({"wasm_base64": "AA==", "language": "c"}),
            "error: `language` goes with `source`; a module needs none",
        );
        check(
            json!({"wasm": "AA=="}),
            "json: unknown field `wasm`, expected one of `source`, `language`, `wasm_base64`, `path`",
        );
    }
}
