//! Errors that point at the file, the line and the field at fault.

use std::fmt;

/// A task file that cannot be used. Displays as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskError {
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    pub message: String,
}

impl TaskError {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> TaskError {
        TaskError {
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// Points the error at byte `offset` of `source`.
    pub(crate) fn at(mut self, source: &str, offset: usize) -> TaskError {
        let offset = offset.min(source.len());
        let before = &source.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for TaskError {}
