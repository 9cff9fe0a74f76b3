//! A task with everything needed to grade it, as bytes: the parsed `task.toml`, the spec,
//! and the reference and generator modules.

use replica_sandbox::Budget;
use replica_task::{Task, TaskError};
use sha2::{Digest, Sha256};

/// A loaded task. Built by the CLI from a folder and by the web app from fetched files;
/// both hand over the same bytes, so both get the same digest.
#[derive(Debug, Clone)]
pub struct TaskBundle {
    /// The parsed `task.toml`.
    pub task: Task,
    /// `spec.md`, as markdown.
    pub spec: String,
    /// The reference module (`wasm32-wasip1`).
    pub reference: Vec<u8>,
    /// The generator module (`wasm32-wasip1`).
    pub generator: Vec<u8>,
    /// `sha256:<hex>` over task.toml, spec.md, and the two modules.
    pub digest: String,
}

impl TaskBundle {
    /// Parses `task_toml` (named `task_file` in errors) and computes the digest.
    ///
    /// # Errors
    /// The [`TaskError`] of a broken `task.toml`.
    pub fn new(
        task_toml: &str,
        task_file: &str,
        spec: String,
        reference: Vec<u8>,
        generator: Vec<u8>,
    ) -> Result<TaskBundle, TaskError> {
        let task = Task::parse(task_toml, task_file)?;
        let mut hasher = Sha256::new();
        // Each part is framed by its name and length so that moving bytes from one part
        // to the next changes the digest.
        for (name, bytes) in [
            ("task.toml", task_toml.as_bytes()),
            ("spec.md", spec.as_bytes()),
            ("reference.wasm", &reference[..]),
            ("generator.wasm", &generator[..]),
        ] {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        let digest = crate::sha256_name(&hasher.finalize());
        Ok(TaskBundle {
            task,
            spec,
            reference,
            generator,
            digest,
        })
    }

    /// The sandbox budget: the defaults with the task's overrides applied.
    pub fn budget(&self) -> Budget {
        let o = &self.task.budget;
        let d = Budget::default();
        Budget {
            fuel: o.fuel.unwrap_or(d.fuel),
            memory_bytes: o.memory_bytes.unwrap_or(d.memory_bytes),
            output_bytes: o.output_bytes.unwrap_or(d.output_bytes),
            fs_bytes: o.fs_bytes.unwrap_or(d.fs_bytes),
            fs_nodes: o.fs_nodes.unwrap_or(d.fs_nodes),
            stack_depth: o.stack_depth.unwrap_or(d.stack_depth),
            module_bytes: o.module_bytes.unwrap_or(d.module_bytes),
            table_elements: o.table_elements.unwrap_or(d.table_elements),
        }
    }
}
