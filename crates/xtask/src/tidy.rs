//! Tidy checks that run inside `cargo test`: house rules that a reviewer would otherwise
//! have to remember (rust-analyzer's `xtask/src/tidy.rs` does the same).

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        crate::project_root()
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == "target" || name == "node_modules" || name.to_string_lossy().starts_with('.')
            {
                continue;
            }
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_rust_file_starts_with_a_doc_line() {
        let mut files = Vec::new();
        for dir in ["crates", "tasks"] {
            rust_files(&root().join(dir), &mut files);
        }
        assert!(files.len() > 10);
        let missing: Vec<String> = files
            .iter()
            .filter(|f| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                !text.trim_start().starts_with("//!")
            })
            .map(|f| f.strip_prefix(root()).unwrap().display().to_string())
            .collect();
        assert!(
            missing.is_empty(),
            "files without a `//!` doc line: {missing:?}"
        );
    }

    #[test]
    fn architecture_names_every_crate() {
        let map = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
        for entry in std::fs::read_dir(root().join("crates")).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                map.contains(&format!("crates/{name}")),
                "ARCHITECTURE.md lacks crates/{name}"
            );
        }
    }

    #[test]
    fn readme_and_ci_use_the_two_commands() {
        let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
        assert!(readme.contains("cargo xtask serve"));
        assert!(readme.contains("cargo xtask test"));
        let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
        assert!(ci.contains("cargo xtask test"));
    }
}
