//! The in-memory file tree as inputs and outputs see it: a plain map from path to node.
//!
//! Inside a run the host works on its own inode structure; this is the boundary type.

use std::collections::BTreeMap;

/// One entry of a [`Tree`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    File(Vec<u8>),
    Dir,
    Symlink(String),
}

/// A file tree: relative paths with `/` separators (no leading `/`, no `.` or `..`)
/// mapped to nodes. Parent directories are implied; an empty directory is an explicit
/// [`Node::Dir`]. Ordered, so iteration and comparison are deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    pub entries: BTreeMap<String, Node>,
}

impl Tree {
    pub fn new() -> Tree {
        Tree::default()
    }

    /// Adds a file, replacing any node at `path`.
    pub fn insert_file(&mut self, path: impl Into<String>, contents: impl Into<Vec<u8>>) {
        self.entries
            .insert(path.into(), Node::File(contents.into()));
    }

    /// Checks that every path is a clean relative path of at most 4,096 bytes (the sandbox's
    /// `PATH_MAX`, which bounds every node's full path) and that no entry needs a file or
    /// symlink to be a directory. [`crate::Module::run`] skips entries that fail this, so
    /// task loaders should call it and report the problem instead.
    ///
    /// # Errors
    /// A [`TreeError`] naming the first offending path.
    pub fn check(&self) -> Result<(), TreeError> {
        for path in self.entries.keys() {
            if components(path).is_none() {
                return Err(TreeError {
                    path: path.clone(),
                    problem: "is not a clean relative path: use `/` separators, no leading `/`, no empty, `.` or `..` components",
                });
            }
            if path.len() > crate::fs::PATH_MAX {
                return Err(TreeError {
                    path: path.clone(),
                    problem: "is longer than 4,096 bytes, the longest path the sandbox allows",
                });
            }
            // In a BTreeMap an entry's parents sort before it, so checking every proper
            // prefix finds a file or symlink standing where a directory must be.
            let mut prefix_end = 0;
            while let Some(slash) = path[prefix_end..].find('/') {
                let prefix = &path[..prefix_end + slash];
                if let Some(Node::File(_) | Node::Symlink(_)) = self.entries.get(prefix) {
                    return Err(TreeError {
                        path: path.clone(),
                        problem: "lies under a file or symlink: make the parent a directory",
                    });
                }
                prefix_end += slash + 1;
            }
        }
        Ok(())
    }
}

/// An input [`Tree`] entry the sandbox cannot load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeError {
    pub path: String,
    pub problem: &'static str,
}

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "file tree entry `{}` {}", self.path, self.problem)
    }
}

impl std::error::Error for TreeError {}

/// The components of an entry path, or `None` unless it is a clean relative path.
pub(crate) fn components(path: &str) -> Option<Vec<&str>> {
    if path.is_empty() || path.contains('\0') {
        return None;
    }
    let parts: Vec<&str> = path.split('/').collect();
    if parts
        .iter()
        .any(|part| part.is_empty() || *part == "." || *part == "..")
    {
        return None;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a tree from `(path, node)` pairs and compares what `check` says.
    fn check(entries: &[(&str, Node)], expect: &str) {
        let tree = Tree {
            entries: entries
                .iter()
                .map(|(path, node)| (path.to_string(), node.clone()))
                .collect(),
        };
        let got = match tree.check() {
            Ok(()) => "ok".to_owned(),
            Err(error) => error.to_string(),
        };
        assert_eq!(got, expect);
    }

    fn file() -> Node {
        Node::File(b"x".to_vec())
    }

    #[test]
    fn clean_paths() {
        check(&[("a", file()), ("b/c/d", file()), ("e", Node::Dir)], "ok");
    }
    #[test]
    fn explicit_parent_directory() {
        check(&[("a", Node::Dir), ("a/b", file())], "ok");
    }
    #[test]
    fn leading_slash() {
        check(
            &[("/a", file())],
            "file tree entry `/a` is not a clean relative path: use `/` separators, no leading `/`, no empty, `.` or `..` components",
        );
    }
    #[test]
    fn dot_dot() {
        check(
            &[("a/../b", file())],
            "file tree entry `a/../b` is not a clean relative path: use `/` separators, no leading `/`, no empty, `.` or `..` components",
        );
    }
    #[test]
    fn empty_component() {
        check(
            &[("a//b", file())],
            "file tree entry `a//b` is not a clean relative path: use `/` separators, no leading `/`, no empty, `.` or `..` components",
        );
    }
    #[test]
    fn empty_path() {
        check(
            &[("", file())],
            "file tree entry `` is not a clean relative path: use `/` separators, no leading `/`, no empty, `.` or `..` components",
        );
    }
    #[test]
    fn path_at_the_limit() {
        let path = format!("{}/{}", "a".repeat(2000), "b".repeat(2095));
        check(&[(&path, file())], "ok");
    }
    #[test]
    fn path_past_the_limit() {
        let path = format!("{}/{}", "a".repeat(2000), "b".repeat(2096));
        check(
            &[(&path, file())],
            &format!(
                "file tree entry `{path}` is longer than 4,096 bytes, the longest path the sandbox allows"
            ),
        );
    }
    #[test]
    fn under_a_file() {
        check(
            &[("a", file()), ("a/b", file())],
            "file tree entry `a/b` lies under a file or symlink: make the parent a directory",
        );
    }
    #[test]
    fn under_a_symlink() {
        check(
            &[("a", Node::Symlink("b".into())), ("a/c/d", file())],
            "file tree entry `a/c/d` lies under a file or symlink: make the parent a directory",
        );
    }
}
