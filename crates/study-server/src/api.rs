//! The HTTP side: the static site, and the JSON API under `/api/` (docs/study-server.md).
//!
//! Participants authenticate with their invitation token, organisers with the admin
//! token, both as `Authorization: Bearer <token>`. Every refusal is a JSON object
//! `{"error": "…"}` with a status that says what kind it is (400 malformed, 401 no or wrong
//! token, 409 out of sequence or conflicting, 413 too large, 503 database unavailable);
//! refusals of uploads also carry `acknowledged`, the highest `seq` the server holds.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use base64::Engine as _;
use replica_task::Study;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::Notify;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::db::{Refused, Store};
use crate::{now_ms, summary, token, validate};

/// The largest events upload. The page sends a few hundred KiB at a time; a single event
/// is small unless it carries a large probe input.
pub const MAX_EVENTS_BODY: usize = 8 << 20;

/// The largest module: the sandbox's default `module_bytes` budget.
pub const MAX_MODULE_BODY: usize = 32 << 20;

/// What every handler shares.
#[derive(Debug)]
pub struct App {
    pub study: Arc<Study>,
    pub store: Store,
    /// `sha256:<hex>` of the admin token.
    pub admin_hash: String,
    /// Wakes the regrade worker when a submission or module arrives.
    pub wake: Arc<Notify>,
}

/// A refusal: status, message, and for uploads the acknowledged `seq`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    acknowledged: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            acknowledged: None,
        }
    }

    fn at(mut self, acknowledged: u64) -> ApiError {
        self.acknowledged = Some(acknowledged);
        self
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        eprintln!("replica study-server: database error: {e:#}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the study's database is unavailable; nothing was stored, try again shortly",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if let Some(n) = self.acknowledged {
            body["acknowledged"] = n.into();
        }
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

type Shared = State<Arc<App>>;

/// The router: the API, then the site for every other path.
pub fn router(app: Arc<App>, site: PathBuf) -> Router {
    let api = Router::new()
        .route("/api/study", get(study))
        .route("/api/me", get(me))
        .route(
            "/api/events",
            get(my_events)
                .post(post_events)
                .layer(DefaultBodyLimit::max(MAX_EVENTS_BODY)),
        )
        .route(
            "/api/modules/{digest}",
            put(put_module).layer(DefaultBodyLimit::max(MAX_MODULE_BODY)),
        )
        .route("/api/admin/summary", get(admin_summary))
        .route("/api/admin/export", get(admin_export))
        .route("/api/admin/export.jsonl", get(admin_export))
        .route("/api/{*rest}", axum::routing::any(no_such_api))
        .with_state(app);
    // no-cache: browsers revalidate, so a site rebuilt during a study is never mixed with
    // old files (the worker's name is fixed), and nobody caches the API's answers.
    api.fallback_service(ServeDir::new(site))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()
        .and_then(token::bearer)
}

/// The participant whose invitation token the request carries.
async fn participant(app: &App, headers: &HeaderMap) -> Result<String, ApiError> {
    let Some(given) = bearer(headers) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "no invitation token: send `Authorization: Bearer <token>` (the token is in your study link)",
        ));
    };
    match app
        .store
        .participant(&app.study.id, &token::hash(given))
        .await?
    {
        Some(id) => Ok(id),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            format!(
                "this token is not an invitation to study `{}`; open the link the organiser sent you",
                app.study.id
            ),
        )),
    }
}

fn admin(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    match bearer(headers) {
        Some(given) if token::is_admin(given, &app.admin_hash) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "wrong admin token: give the one the server was started with (--admin-token or REPLICA_ADMIN_TOKEN)",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "the organiser's API needs the admin token: send `Authorization: Bearer <admin token>`",
        )),
    }
}

/// `GET /api/study`: which study this server runs (public: the site shows it anyway).
async fn study(State(app): Shared) -> Response {
    let s = &app.study;
    axum::Json(json!({
        "id": s.id,
        "title": s.title,
        "tasks": s.tasks.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        "seed": s.seed,
        "hidden": s.hidden,
    }))
    .into_response()
}

/// `GET /api/me`: the token's participant, how far their record is stored, and which of
/// their modules the server has.
async fn me(State(app): Shared, headers: HeaderMap) -> Result<Response, ApiError> {
    let who = participant(&app, &headers).await?;
    let acknowledged = app.store.acknowledged(&app.study.id, &who).await?;
    let modules = app.store.module_digests(&app.study.id, &who).await?;
    Ok(axum::Json(json!({
        "study": app.study.id,
        "participant": who,
        "acknowledged": acknowledged,
        "modules": modules,
    }))
    .into_response())
}

/// `GET /api/events`: the token's own record as JSONL (to resume in another browser).
async fn my_events(State(app): Shared, headers: HeaderMap) -> Result<Response, ApiError> {
    let who = participant(&app, &headers).await?;
    let mut text = String::new();
    for line in app.store.lines(&app.study.id, &who).await? {
        text.push_str(&line);
        text.push('\n');
    }
    Ok(jsonl(text))
}

fn jsonl(text: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")],
        text,
    )
        .into_response()
}

fn too_large(rejection: &BytesRejection, limit: usize, what: &str) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the {what} is larger than {} MiB; nothing was stored",
                limit >> 20
            ),
        )
    } else {
        ApiError::new(
            rejection.status(),
            format!("reading the {what}: {rejection}"),
        )
    }
}

/// `POST /api/events`: consecutive `replica.record/1` lines of the token's participant.
/// Lines already stored must be identical (a retry); the first new line must follow the
/// last stored one. Answers `{"acknowledged": n}` once everything up to `n` is committed.
async fn post_events(
    State(app): Shared,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let who = participant(&app, &headers).await?;
    let body = body.map_err(|r| too_large(&r, MAX_EVENTS_BODY, "upload"))?;
    let lines = match validate::lines(&body, &app.study, &who) {
        Ok(lines) => lines,
        Err(validate::Malformed(why)) => {
            let acknowledged = app.store.acknowledged(&app.study.id, &who).await?;
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("{why}; nothing was stored"),
            )
            .at(acknowledged));
        }
    };
    let submissions = lines.iter().any(|l| l.submission.is_some());
    match app.store.append(&app.study.id, &who, &lines, now_ms()).await? {
        Ok(acknowledged) => {
            if submissions {
                app.wake.notify_one();
            }
            Ok(axum::Json(json!({ "acknowledged": acknowledged })).into_response())
        }
        Err(Refused::Gap {
            acknowledged,
            first,
        }) => Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "out of sequence: the server holds events up to seq {acknowledged}, this upload starts at seq {first}; send from seq {} on",
                acknowledged + 1
            ),
        )
        .at(acknowledged)),
        Err(Refused::Conflict { acknowledged, seq }) => Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "seq {seq} is already stored with other content; the record on the server is kept as it is and nothing was stored"
            ),
        )
        .at(acknowledged)),
    }
}

/// `PUT /api/modules/sha256:<hex>`: a submitted module, for the server's regrade. The
/// body must hash to the digest in the path.
async fn put_module(
    State(app): Shared,
    Path(digest): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let who = participant(&app, &headers).await?;
    let body = body.map_err(|r| too_large(&r, MAX_MODULE_BODY, "module"))?;
    if !validate::is_digest(&digest) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("`{digest}` is not a module digest (sha256:<64 hex digits>)"),
        ));
    }
    let actual = replica_judge::digest(&body);
    if actual != digest {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("the body's digest is {actual}, not {digest}; nothing was stored"),
        ));
    }
    app.store
        .put_module(&app.study.id, &who, &digest, body.to_vec(), now_ms())
        .await?;
    app.wake.notify_one();
    Ok(axum::Json(json!({ "stored": digest })).into_response())
}

/// `GET /api/admin/summary`: the dashboard's data.
async fn admin_summary(State(app): Shared, headers: HeaderMap) -> Result<Response, ApiError> {
    admin(&app, &headers)?;
    let facts = app.store.facts(&app.study.id).await?;
    Ok(axum::Json(summary::summarize(&app.study, &facts, now_ms())).into_response())
}

#[derive(Debug, Deserialize)]
struct ExportQuery {
    /// `1` or `true`: each submission with its module (`wasm_base64`), like the page's
    /// export with "include my submitted modules".
    #[serde(default)]
    wasm: Option<String>,
}

/// `GET /api/admin/export[?wasm=1]`: every participant's record as `replica.record/1`
/// JSONL, participant by participant in `seq` order, each line as uploaded. A submission
/// whose grade the server's regrade contradicts gains `flagged` (why) and `server_regrade`
/// (the server's reward, solved, accepted, total). The header `X-Replica-Regrades-Pending`
/// says how many submissions are not regraded yet.
async fn admin_export(
    State(app): Shared,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    admin(&app, &headers)?;
    let with_wasm = matches!(query.wasm.as_deref(), Some("1" | "true" | "yes"));
    let text = export(&app.store, &app.study.id, with_wasm).await?;
    let pending: u64 = app
        .store
        .regrade_counts(&app.study.id)
        .await?
        .iter()
        .filter(|(status, _, _)| status != "done" && status != "error")
        .map(|(_, _, n)| n)
        .sum();
    let mut response = jsonl(text);
    response
        .headers_mut()
        .insert("x-replica-regrades-pending", HeaderValue::from(pending));
    Ok(response)
}

/// The export's text (see [`admin_export`]); also what `replica study-server export` writes.
///
/// # Errors
/// Database errors.
pub async fn export(store: &Store, study: &str, with_wasm: bool) -> anyhow::Result<String> {
    let rows = store.export_rows(study).await?;
    let modules = if with_wasm {
        store.modules(study).await?
    } else {
        Default::default()
    };
    let mut text = String::new();
    for row in rows {
        let mut line = row.line;
        let mut extra = String::new();
        if row.flagged {
            extra.push_str(",\"flagged\":");
            extra.push_str(&serde_json::to_string(&row.note.unwrap_or_default())?);
            extra.push_str(",\"server_regrade\":");
            extra.push_str(&serde_json::to_string(&json!({
                "reward": row.reward,
                "solved": row.solved,
                "accepted": row.accepted,
                "total": row.total,
            }))?);
        }
        // A Python or JavaScript program's "module" is its source, already in the line.
        if let Some(module) = &row.module
            && !line.contains("\"wasm_base64\"")
            && !runs_on_a_runtime(&line)
            && let Some(bytes) = modules.get(&(row.participant.clone(), module.clone()))
        {
            extra.push_str(",\"wasm_base64\":\"");
            extra.push_str(&base64::engine::general_purpose::STANDARD.encode(bytes));
            extra.push('"');
        }
        // A stored line is one JSON object; fields are added before its closing brace,
        // as the page's own export adds `wasm_base64`.
        if !extra.is_empty()
            && let Some(open) = line.strip_suffix('}')
        {
            line = format!("{open}{extra}}}");
        }
        text.push_str(&line);
        text.push('\n');
    }
    Ok(text)
}

async fn no_such_api() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such API path; see docs/study-server.md",
    )
}

/// Whether a submission line is a program a language runtime runs (Python, JavaScript),
/// whose uploaded "module" is the source the line already carries (`source`).
fn runs_on_a_runtime(line: &str) -> bool {
    let value: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
    value["submission"]["language"]
        .as_str()
        .and_then(replica_judge::runtimes::Language::from_name)
        .is_some_and(replica_judge::runtimes::Language::has_runtime)
}
