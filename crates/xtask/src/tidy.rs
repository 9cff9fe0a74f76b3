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

    /// `(name, version, dependencies)` of every package in Cargo.lock; a dependency is
    /// written `name` or, when several versions are locked, `name version`.
    fn locked_packages() -> Vec<(String, String, Vec<String>)> {
        let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
        let mut packages = Vec::new();
        for block in lock.split("[[package]]").skip(1) {
            let field = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
                    .map(|v| v.trim_end_matches('"').to_owned())
                    .unwrap_or_default()
            };
            let deps = block
                .split_once("dependencies = [")
                .map(|(_, rest)| rest.split(']').next().unwrap_or(""))
                .unwrap_or("")
                .lines()
                .map(|l| l.trim().trim_end_matches(',').trim_matches('"').to_owned())
                .filter(|l| !l.is_empty())
                .collect();
            packages.push((field("name"), field("version"), deps));
        }
        packages
    }

    /// The team's rule: one generation of the RustCrypto crates (digest 0.11). wasmtime 48,
    /// the newest that builds here, still takes sha2 0.10 for its cache keys, so an older
    /// `digest` may be locked, but only wasmtime's and Cranelift's crates may reach it.
    #[test]
    fn one_generation_of_rustcrypto() {
        let packages = locked_packages();
        let digests: Vec<&String> = packages
            .iter()
            .filter(|p| p.0 == "digest")
            .map(|p| &p.1)
            .collect();
        let newest = digests
            .iter()
            .max_by_key(|v| {
                v.split('.')
                    .map(|n| n.parse::<u32>().unwrap_or(0))
                    .collect::<Vec<_>>()
            })
            .expect("Cargo.lock has a digest crate");
        assert!(newest.starts_with("0.11."), "digest {newest} is locked");
        // The old generation: digest < newest and every crate that depends on it, up to
        // the first crate outside RustCrypto's hash family.
        let family = [
            "digest", "sha2", "sha1", "md-5", "blake2", "sm3", "sha3", "ripemd",
        ];
        let mut old: Vec<(String, String)> = packages
            .iter()
            .filter(|p| p.0 == "digest" && &p.1 != *newest)
            .map(|p| (p.0.clone(), p.1.clone()))
            .collect();
        let mut offenders = Vec::new();
        let mut i = 0;
        while i < old.len() {
            let (name, version) = old[i].clone();
            i += 1;
            for (user, user_version, deps) in &packages {
                let uses = deps
                    .iter()
                    .any(|d| *d == format!("{name} {version}") || *d == name);
                // A bare name means one locked version, which is this one only if no
                // other version of it exists.
                let unique = packages.iter().filter(|p| p.0 == name).count() == 1;
                let uses =
                    uses && (deps.iter().any(|d| *d == format!("{name} {version}")) || unique);
                if !uses {
                    continue;
                }
                if family.contains(&user.as_str()) {
                    old.push((user.clone(), user_version.clone()));
                } else if !(user.starts_with("wasmtime") || user.starts_with("cranelift")) {
                    offenders.push(format!("{user} {user_version} uses {name} {version}"));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "crates on the old RustCrypto generation (use the workspace's sha2/md-5/... \
             with `workspace = true`): {offenders:?}"
        );
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
