//! Models attempt tasks: one set of agent tools, served over MCP (`replica mcp`), called by
//! the Python package's environment, and logged as `replica.record/1` episodes.
//!
//! The tools are named like MirrorCode's, so existing scaffolds transfer:
//!
//! | tool | what it does |
//! | --- | --- |
//! | `list_tasks` | the catalogue: id, title, summary, visible cases |
//! | `read_spec` | a task's spec, program name, compared channels and visible cases |
//! | `run_reference` | the oracle on the agent's own input (the module is never handed out) |
//! | `run_candidate` | the agent's program on its own input |
//! | `evaluate_testcases` | the agent's program on the visible cases: verdicts and diffs |
//! | `submit` | a grade on hidden cases drawn from a seed the agent does not know: reward, solved, verdict counts, no hidden inputs or diffs |
//!
//! [`Session`] holds the tools' logic and state (loaded tasks, prepared cases, the hidden
//! seed, attempt numbers, the episode log); [`mcp`] wraps it in an MCP server and the
//! Python package calls [`Session::call`] directly. Tasks and builds come from a
//! [`Workspace`], which the CLI implements over the tasks folder and the host's
//! compilers: this crate never looks for tasks itself.

mod built;
mod candidate;
mod episode;
pub mod harbor;
pub mod mcp;
mod session;

pub use built::Built;
pub use candidate::{BuildError, Candidate, CandidateArgs, Language};
pub use episode::Episode;
pub use session::{
    MAX_INPUT_BYTES, OUTPUT_PREVIEW_BYTES, RunArgs, Session, SessionOptions, SubmitArgs, TaskArgs,
    ToolError, Workspace,
};
