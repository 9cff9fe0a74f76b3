//! The serde shapes of the files, and their validation into the public types.
//!
//! Values that are checked after deserializing keep their spans (`toml::Spanned`), so a
//! validation error points at the line of the offending field just like a syntax error.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::{
    BudgetOverrides, Case, Channel, Conformance, Content, Expectation, Task, TaskError,
    is_tree_path,
};

/// Visible and generated cases beyond this many are almost certainly a mistake, and would
/// make every grading slow.
const MAX_CASES: usize = 10_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: Spanned<String>,
    title: Spanned<String>,
    summary: String,
    #[serde(default)]
    tags: Vec<String>,
    minutes: Spanned<u32>,
    program: Spanned<String>,
    compare: Spanned<Vec<Spanned<String>>>,
    #[serde(default = "default_hidden")]
    hidden: u32,
    #[serde(default)]
    budget: RawBudget,
    conformance: Option<RawConformance>,
    #[serde(default, rename = "case")]
    cases: Vec<Spanned<RawCase>>,
}

fn default_hidden() -> u32 {
    20
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    fuel: Option<u64>,
    memory_bytes: Option<u64>,
    output_bytes: Option<u64>,
    fs_bytes: Option<u64>,
    fs_nodes: Option<u64>,
    stack_depth: Option<u32>,
    module_bytes: Option<u64>,
    table_elements: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConformance {
    command: String,
    #[serde(default = "default_conformance_cases")]
    cases: u32,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default)]
    packages: Vec<Spanned<String>>,
    #[serde(default)]
    normalize: Vec<Spanned<String>>,
}

fn default_conformance_cases() -> u32 {
    200
}

/// A case as written in `task.toml` and in generator output.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: String,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stdin: Option<Content>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    env: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    files: BTreeMap<String, Content>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpectation {
    solved: bool,
    #[serde(default)]
    failing: Vec<String>,
    #[serde(default)]
    passing: Vec<String>,
}

fn toml_error(source: &str, file: &str, err: &toml::de::Error) -> TaskError {
    let message = err.message().trim_end().to_owned();
    let error = TaskError::new(file, message);
    match err.span() {
        Some(span) => error.at(source, span.start),
        None => error,
    }
}

pub(crate) fn parse_task(source: &str, file: &str) -> Result<Task, TaskError> {
    let raw: RawTask = toml::from_str(source).map_err(|e| toml_error(source, file, &e))?;
    let fail = |span: std::ops::Range<usize>, message: String| {
        Err(TaskError::new(file, message).at(source, span.start))
    };

    let id = raw.id.get_ref();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return fail(
            raw.id.span(),
            format!("field `id`: `{id}` must be lowercase letters, digits and `-`"),
        );
    }
    if raw.title.get_ref().trim().is_empty() {
        return fail(raw.title.span(), "field `title` is empty".into());
    }
    if *raw.minutes.get_ref() == 0 {
        return fail(
            raw.minutes.span(),
            "field `minutes` must be at least 1 (estimated human minutes)".into(),
        );
    }
    if raw.program.get_ref().is_empty() {
        return fail(raw.program.span(), "field `program` is empty".into());
    }

    let mut compare = BTreeSet::new();
    for name in raw.compare.get_ref() {
        match Channel::from_name(name.get_ref()) {
            Some(channel) => {
                compare.insert(channel);
            }
            None => {
                return fail(
                    name.span(),
                    format!(
                        "field `compare`: unknown channel `{}`; expected stdout, stderr, exit_code or files",
                        name.get_ref()
                    ),
                );
            }
        }
    }
    if compare.is_empty() {
        return fail(
            raw.compare.span(),
            "field `compare` is empty; name at least one of stdout, stderr, exit_code, files"
                .into(),
        );
    }

    if raw.cases.len() > MAX_CASES {
        return Err(TaskError::new(
            file,
            format!(
                "{} cases, more than the {MAX_CASES} allowed",
                raw.cases.len()
            ),
        ));
    }
    let mut names = BTreeSet::new();
    let mut cases = Vec::with_capacity(raw.cases.len());
    for spanned in raw.cases {
        let span = spanned.span();
        let raw_case = spanned.into_inner();
        match validate_case(raw_case, &mut names) {
            Ok(case) => cases.push(case),
            Err(message) => return fail(span, format!("[[case]]: {message}")),
        }
    }

    let conformance = match raw.conformance {
        Some(c) => Some(
            validate_conformance(c)
                .map_err(|(span, message)| TaskError::new(file, message).at(source, span.start))?,
        ),
        None => None,
    };

    let b = raw.budget;
    Ok(Task {
        id: raw.id.into_inner(),
        title: raw.title.into_inner(),
        summary: raw.summary,
        tags: raw.tags,
        minutes: raw.minutes.into_inner(),
        program: raw.program.into_inner(),
        compare: compare.into_iter().collect(),
        hidden: raw.hidden,
        budget: BudgetOverrides {
            fuel: b.fuel,
            memory_bytes: b.memory_bytes,
            output_bytes: b.output_bytes,
            fs_bytes: b.fs_bytes,
            fs_nodes: b.fs_nodes,
            stack_depth: b.stack_depth,
            module_bytes: b.module_bytes,
            table_elements: b.table_elements,
        },
        conformance,
        cases,
    })
}

/// Checks the `[conformance]` table: package and normaliser names are plain words.
fn validate_conformance(
    raw: RawConformance,
) -> Result<Conformance, (std::ops::Range<usize>, String)> {
    for package in &raw.packages {
        let name = package.get_ref();
        // Debian's rule for package names.
        let valid = name.len() >= 2
            && name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c));
        if !valid {
            return Err((
                package.span(),
                format!(
                    "[conformance] field `packages`: `{name}` is not a Debian package name \
                     (lowercase letters, digits, `+`, `-` and `.`)"
                ),
            ));
        }
    }
    for name in &raw.normalize {
        if name.get_ref().is_empty()
            || !name
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err((
                name.span(),
                format!(
                    "[conformance] field `normalize`: `{}` is not a normaliser name \
                     (see docs/tasks.md for the list)",
                    name.get_ref()
                ),
            ));
        }
    }
    Ok(Conformance {
        command: raw.command,
        cases: raw.cases,
        env: raw.env,
        packages: raw.packages.into_iter().map(Spanned::into_inner).collect(),
        normalize: raw.normalize.into_iter().map(Spanned::into_inner).collect(),
    })
}

fn validate_case(raw: RawCase, names: &mut BTreeSet<String>) -> Result<Case, String> {
    if raw.name.trim().is_empty() {
        return Err("field `name` is empty".into());
    }
    if !names.insert(raw.name.clone()) {
        return Err(format!("case name `{}` is used twice", raw.name));
    }
    let stdin = match &raw.stdin {
        Some(content) => content
            .decode()
            .map_err(|e| format!("case `{}`: field `stdin`: {e}", raw.name))?,
        None => Vec::new(),
    };
    let mut files = BTreeMap::new();
    for (path, content) in &raw.files {
        if !is_tree_path(path) {
            return Err(format!(
                "case `{}`: file `{path}`: use a relative path without `.`, `..` or empty parts",
                raw.name
            ));
        }
        let bytes = content
            .decode()
            .map_err(|e| format!("case `{}`: file `{path}`: {e}", raw.name))?;
        files.insert(path.clone(), bytes);
    }
    // A file may not also be a parent directory of another file.
    for path in files.keys() {
        let mut prefix = path.clone();
        prefix.push('/');
        if files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(p, _)| p.starts_with(&prefix))
        {
            return Err(format!(
                "case `{}`: `{path}` is both a file and a directory",
                raw.name
            ));
        }
    }
    for key in raw.env.keys() {
        if key.is_empty() || key.contains('=') || key.contains('\0') {
            return Err(format!(
                "case `{}`: environment variable name `{key}` is empty or contains `=`",
                raw.name
            ));
        }
    }
    Ok(Case {
        name: raw.name,
        args: raw.args,
        stdin,
        env: raw.env,
        files,
    })
}

pub(crate) fn parse_generated(json: &[u8], origin: &str) -> Result<Vec<Case>, TaskError> {
    let raw: Vec<RawCase> = serde_json::from_slice(json).map_err(|e| {
        // serde_json appends the location to its message; we give it as `file:line:column`.
        let text = e.to_string();
        let message = text
            .rsplit_once(" at line ")
            .map_or(text.as_str(), |(message, _)| message);
        TaskError {
            file: origin.to_owned(),
            line: Some(e.line().max(1)),
            column: Some(e.column().max(1)),
            message: format!("expected a JSON array of cases: {message}"),
        }
    })?;
    if raw.len() > MAX_CASES {
        return Err(TaskError::new(
            origin,
            format!("{} cases, more than the {MAX_CASES} allowed", raw.len()),
        ));
    }
    let mut names = BTreeSet::new();
    raw.into_iter()
        .enumerate()
        .map(|(i, case)| {
            validate_case(case, &mut names)
                .map_err(|message| TaskError::new(origin, format!("case {}: {message}", i + 1)))
        })
        .collect()
}

pub(crate) fn cases_to_json(cases: &[Case]) -> String {
    let raw: Vec<RawCase> = cases
        .iter()
        .map(|case| RawCase {
            name: case.name.clone(),
            args: case.args.clone(),
            stdin: (!case.stdin.is_empty()).then(|| Content::encode(&case.stdin)),
            env: case.env.clone(),
            files: case
                .files
                .iter()
                .map(|(path, bytes)| (path.clone(), Content::encode(bytes)))
                .collect(),
        })
        .collect();
    serde_json::to_string(&raw).expect("cases always serialize")
}

pub(crate) fn parse_expectation(source: &str, file: &str) -> Result<Expectation, TaskError> {
    let raw: RawExpectation = toml::from_str(source).map_err(|e| toml_error(source, file, &e))?;
    Ok(Expectation {
        solved: raw.solved,
        failing: raw.failing,
        passing: raw.passing,
    })
}
