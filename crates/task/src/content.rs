//! Byte contents written in task files: text, or `{ base64 = "..." }` for binary data.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

/// Bytes as written in a task file or generator output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Content {
    Text(String),
    Base64 { base64: String },
}

impl Content {
    /// The bytes, or a message saying what is wrong with the base64.
    pub fn decode(&self) -> Result<Vec<u8>, String> {
        match self {
            Content::Text(text) => Ok(text.as_bytes().to_vec()),
            Content::Base64 { base64 } => STANDARD
                .decode(base64.as_bytes())
                .map_err(|e| format!("invalid base64 ({e})")),
        }
    }

    /// Text when the bytes are UTF-8, base64 otherwise.
    pub fn encode(bytes: &[u8]) -> Content {
        match std::str::from_utf8(bytes) {
            Ok(text) => Content::Text(text.to_owned()),
            Err(_) => Content::Base64 {
                base64: STANDARD.encode(bytes),
            },
        }
    }
}
