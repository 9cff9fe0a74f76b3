//! `replica mcp`: the agent tools as an MCP server over stdio, with the official Rust SDK
//! (`rmcp`).
//!
//! Every tool call goes through [`Session::call`], the same path the Python package's
//! environment takes, so both log the same records and give the same answers. A tool's
//! answer is its JSON as text content (and as structured content); a failed call is a
//! tool result with `isError` and a message saying what to fix, never a dropped
//! connection: the server keeps serving.

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::transport::async_rw::AsyncRwTransport;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};

use crate::Session;

/// The longest JSON-RPC message the server reads, in bytes. The SDK drops longer lines
/// without an answer, so this is set well above the largest input a tool accepts
/// ([`crate::MAX_INPUT_BYTES`], even base64-encoded or JSON-escaped): such a call gets a
/// clear tool error instead of silence.
pub const MAX_MESSAGE_BYTES: usize = 128 << 20;

/// What the server tells clients when they connect.
const INSTRUCTIONS: &str = "Replica replication tasks: reproduce a reference program's \
behaviour exactly. list_tasks, then read_spec; probe the oracle with run_reference; try your \
program with run_candidate and evaluate_testcases (visible cases, with diffs); submit grades \
it on hidden cases and says whether it solved the task.";

/// The MCP face of a [`Session`].
#[derive(Debug, Clone)]
pub struct Server {
    session: Arc<Session>,
    tools: Arc<Vec<Tool>>,
}

impl Server {
    /// A server for `session`.
    pub fn new(session: Arc<Session>) -> Server {
        let tools = Session::tools()
            .into_iter()
            .map(|info| {
                let serde_json::Value::Object(schema) = info.schema else {
                    unreachable!("a derived schema is an object")
                };
                Tool::new(info.name, info.description, Arc::new(schema))
            })
            .collect();
        Server {
            session,
            tools: Arc::new(tools),
        }
    }
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("replica", replica_judge::VERSION))
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items((*self.tools).clone()))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.tools.iter().find(|t| t.name == name).cloned()
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let session = self.session.clone();
        let name = request.name.to_string();
        let arguments = request
            .arguments
            .map_or(serde_json::Value::Null, serde_json::Value::Object);
        // Grading and building are blocking work: keep them off the reactor so other
        // requests (a ping, a cancellation) are still answered.
        let outcome = tokio::task::spawn_blocking(move || session.call(&name, arguments))
            .await
            .map_err(|e| ErrorData::internal_error(format!("the tool call failed: {e}"), None))?;
        Ok(match outcome {
            Ok(value) => CallToolResult::structured(value),
            Err(error) => CallToolResult::error(vec![ContentBlock::text(format!(
                "{}: {error}",
                error.kind()
            ))]),
        }
        .into())
    }
}

/// Serves `session` on this process's stdin and stdout until the client closes them.
///
/// # Errors
/// When the runtime cannot start or the transport fails before the client is done.
pub fn serve_stdio(session: Arc<Session>) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let transport =
            AsyncRwTransport::<RoleServer, _, _>::new(tokio::io::stdin(), tokio::io::stdout())
                .with_max_line_length(MAX_MESSAGE_BYTES);
        let service = Server::new(session)
            .serve(transport)
            .await
            .map_err(|e| anyhow::anyhow!("starting the MCP server: {e}"))?;
        service.waiting().await?;
        anyhow::Ok(())
    })
}
