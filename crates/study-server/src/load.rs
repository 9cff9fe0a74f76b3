//! The load test (`replica study-server load-test`, run by `cargo xtask bench`): many
//! simulated participants upload events concurrently to a real server process on
//! 127.0.0.1 for a bounded time, while the server is killed (SIGKILL) and restarted once
//! halfway. Afterwards the server's export must hold every acknowledged event exactly
//! once, as sent. Prints events per second held and request latency percentiles.
//!
//! Each participant keeps one HTTP/1 connection, sends a few events per request, and on
//! any failure reconnects and sends the same events again after a short backoff, as the
//! page does; a request is counted (and timed) only when it was acknowledged.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio::sync::Mutex;

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub participants: u32,
    pub seconds: f64,
    /// Kill the server (SIGKILL) and restart it halfway.
    pub kill: bool,
    /// `None`: a SQLite file in a temporary folder, or with `postgres` a private cluster.
    pub database: Option<String>,
    /// Start a private PostgreSQL cluster ([`crate::testing::Postgres`]) and use it.
    pub postgres: bool,
    /// Events per request.
    pub batch: u32,
    /// The `replica` binary to start the server with (default: this process's own).
    pub exe: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            participants: 200,
            seconds: 10.0,
            kill: true,
            database: None,
            postgres: false,
            batch: 4,
            exe: None,
        }
    }
}

/// The figures and the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub participants: u32,
    pub seconds: f64,
    pub database: String,
    /// Events acknowledged by the server (all of them stored, checked below).
    pub acknowledged: u64,
    /// `acknowledged / seconds`: the upload rate held through the restart.
    pub events_per_second: f64,
    pub requests: u64,
    /// Attempts that failed (connection refused or reset while the server was down).
    pub failed_attempts: u64,
    pub restarts: u32,
    /// Latency of acknowledged requests, in ms.
    pub latency_ms: Percentiles,
    /// Acknowledged events missing from the export: must be 0.
    pub lost: u64,
    /// Events stored twice: must be 0.
    pub duplicates: u64,
    /// Events stored with other content than was sent: must be 0.
    pub mismatched: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Percentiles {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

/// The study every simulated participant takes part in.
const STUDY_TOML: &str = "id = \"load\"\ntitle = \"Load test\"\nconsent_text = \"Simulated participants.\"\nidle_seconds = 120\nseed = 1\nhidden = 0\n\n[[task]]\nid = \"wc\"\n";

/// The admin token of the test's server.
const ADMIN: &str = "load-test-admin-token-0123456789";

#[allow(clippy::disallowed_methods)] // a load test measures wall time
fn clock() -> std::time::Instant {
    std::time::Instant::now()
}

struct Server {
    exe: PathBuf,
    args: Vec<String>,
    child: Option<Child>,
    addr: SocketAddr,
}

impl Server {
    async fn start(&mut self) -> Result<()> {
        let child = Command::new(&self.exe)
            .arg("study-server")
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", self.exe.display()))?;
        self.child = Some(child);
        let started = clock();
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok((status, _)) =
                send(self.addr, Method::GET, "/api/study", None, Vec::new()).await
                && status == StatusCode::OK
            {
                return Ok(());
            }
            if let Some(child) = &mut self.child
                && let Some(status) = child.try_wait()?
            {
                bail!("the study server exited at start-up with {status}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        bail!(
            "the study server did not answer on {} within 60 s",
            self.addr
        )
    }

    async fn kill(&mut self) -> Result<()> {
        if let Some(mut child) = self.child.take() {
            child.start_kill()?;
            child.wait().await?;
        }
        Ok(())
    }
}

/// One request on a fresh connection (the verification and start-up checks).
async fn send(
    addr: SocketAddr,
    method: Method,
    path: &str,
    bearer: Option<&str>,
    body: Vec<u8>,
) -> Result<(StatusCode, Bytes)> {
    let mut conn = Conn::open(addr).await?;
    conn.request(method, path, bearer, body).await
}

/// A keep-alive HTTP/1 connection.
struct Conn {
    sender: hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    addr: SocketAddr,
}

impl Conn {
    async fn open(addr: SocketAddr) -> Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Conn { sender, addr })
    }

    async fn request(
        &mut self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Bytes)> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(hyper::header::HOST, self.addr.to_string());
        if let Some(token) = bearer {
            request = request.header(hyper::header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = request.body(Full::new(Bytes::from(body)))?;
        self.sender.ready().await?;
        let response = self.sender.send_request(request).await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }
}

/// One simulated participant's progress.
#[derive(Debug, Default)]
struct Tally {
    /// Every line sent, by seq.
    sent: BTreeMap<u64, String>,
    acknowledged: u64,
    requests: u64,
    failed: u64,
    latencies: Vec<f64>,
}

fn event_line(participant: &str, seq: u64) -> String {
    let (event, extra) = match seq {
        1 => ("join", String::new()),
        2 => ("consent", ",\"text_digest\":\"sha256:00\"".to_string()),
        3 => ("task_start", ",\"index\":0,\"resumed\":false".to_string()),
        n if n % 2 == 0 => ("pause", ",\"reason\":\"idle\"".to_string()),
        _ => ("resume", String::new()),
    };
    let task = if seq >= 3 {
        format!(",\"task\":\"wc\",\"active_ms\":{}", seq * 1000)
    } else {
        String::new()
    };
    format!(
        "{{\"schema\":\"replica.record/1\",\"seq\":{seq},\"at\":\"2026-12-07T03:00:00.000Z\",\"author\":\"human:{participant}\",\"study\":\"load\"{task},\"event\":\"{event}\"{extra}}}"
    )
}

async fn participant(
    addr: SocketAddr,
    id: String,
    token: String,
    batch: u32,
    deadline: std::time::Instant,
    tally: Arc<Mutex<Tally>>,
) {
    let mut conn: Option<Conn> = None;
    let mut next = 1u64;
    let mut backoff = Duration::from_millis(50);
    while clock() < deadline {
        let lines: Vec<String> = (next..next + u64::from(batch))
            .map(|seq| event_line(&id, seq))
            .collect();
        let body = lines.join("\n").into_bytes();
        let started = clock();
        let attempt = async {
            if conn.is_none() {
                conn = Some(Conn::open(addr).await?);
            }
            let c = conn.as_mut().expect("just opened");
            c.request(Method::POST, "/api/events", Some(&token), body)
                .await
        };
        let outcome = tokio::time::timeout(Duration::from_secs(30), attempt).await;
        let mut t = tally.lock().await;
        t.requests += 1;
        match outcome {
            Ok(Ok((StatusCode::OK, reply))) => {
                let acknowledged = serde_json::from_slice::<serde_json::Value>(&reply)
                    .ok()
                    .and_then(|v| v["acknowledged"].as_u64())
                    .unwrap_or(0);
                for (i, line) in lines.into_iter().enumerate() {
                    t.sent.insert(next + i as u64, line);
                }
                t.acknowledged = t.acknowledged.max(acknowledged);
                t.latencies.push(started.elapsed().as_secs_f64() * 1000.0);
                next = acknowledged + 1;
                backoff = Duration::from_millis(50);
            }
            Ok(Ok((StatusCode::CONFLICT, reply))) => {
                // Out of sequence: continue after what the server holds.
                t.failed += 1;
                if let Some(n) = serde_json::from_slice::<serde_json::Value>(&reply)
                    .ok()
                    .and_then(|v| v["acknowledged"].as_u64())
                {
                    next = n + 1;
                }
            }
            _ => {
                // Down, restarting or overloaded: reconnect and send the same events again.
                t.failed += 1;
                conn = None;
                drop(t);
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(1));
            }
        }
    }
}

fn percentiles(mut values: Vec<f64>) -> Percentiles {
    if values.is_empty() {
        return Percentiles::default();
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    Percentiles {
        p50: at(0.5),
        p90: at(0.9),
        p99: at(0.99),
        max: values[values.len() - 1],
    }
}

/// Runs the load test.
///
/// # Errors
/// When the server cannot be started or the export cannot be read; lost, duplicated or
/// altered events are figures of the [`Report`], not errors.
pub async fn run(options: Options) -> Result<Report> {
    let scratch = std::env::temp_dir().join(format!("replica-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let mut options = options;
    let cluster = if options.postgres && options.database.is_none() {
        let pg = tokio::task::spawn_blocking(crate::testing::Postgres::start).await??;
        options.database = Some(pg.url("postgres"));
        Some(pg)
    } else {
        None
    };
    let result = run_in(&scratch, options).await;
    let _ = std::fs::remove_dir_all(&scratch);
    drop(cluster);
    result
}

async fn run_in(scratch: &Path, options: Options) -> Result<Report> {
    let study_dir = scratch.join("load");
    let site = scratch.join("site");
    std::fs::create_dir_all(&study_dir)?;
    std::fs::create_dir_all(site.join("studies/load"))?;
    std::fs::write(study_dir.join("study.toml"), STUDY_TOML)?;
    let study = crate::load_study(&study_dir)?;
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>load test</title>\n",
    )?;
    std::fs::write(
        site.join("studies/load/study.json"),
        serde_json::to_string(&study)?,
    )?;
    let database = options
        .database
        .clone()
        .unwrap_or_else(|| crate::db::sqlite_url(&scratch.join("load.db").display().to_string()));
    let store = crate::db::Store::open(&database).await?;
    let invited = store
        .invite(
            &study.id,
            &format!("load{}-", crate::now_ms()),
            options.participants,
            crate::now_ms(),
        )
        .await?;
    store.close().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let exe = match &options.exe {
        Some(exe) => exe.clone(),
        None => std::env::current_exe().context("finding the replica binary")?,
    };
    let mut server = Server {
        exe,
        args: vec![
            "--study".into(),
            study_dir.display().to_string(),
            "--site".into(),
            site.display().to_string(),
            "--database".into(),
            database.clone(),
            "--listen".into(),
            addr.to_string(),
            "--admin-token".into(),
            ADMIN.into(),
        ],
        child: None,
        addr,
    };
    server.start().await?;

    let started = clock();
    let duration = Duration::from_secs_f64(options.seconds.max(0.5));
    let deadline = started + duration;
    let tallies: Vec<(String, Arc<Mutex<Tally>>)> = invited
        .iter()
        .map(|(id, _)| (id.clone(), Arc::new(Mutex::new(Tally::default()))))
        .collect();
    let mut tasks = Vec::new();
    for ((id, token), (_, tally)) in invited.iter().zip(&tallies) {
        tasks.push(tokio::spawn(participant(
            addr,
            id.clone(),
            token.clone(),
            options.batch.max(1),
            deadline,
            tally.clone(),
        )));
    }
    let mut restarts = 0;
    if options.kill {
        tokio::time::sleep(duration / 2).await;
        server.kill().await?;
        server.start().await?;
        restarts += 1;
    }
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();

    // Every acknowledged event, exactly once and as sent, in the server's export.
    let (status, export) = send(
        addr,
        Method::GET,
        "/api/admin/export",
        Some(ADMIN),
        Vec::new(),
    )
    .await?;
    server.kill().await?;
    if status != StatusCode::OK {
        bail!("the export answered {status}");
    }
    let mut stored: BTreeMap<String, Vec<(u64, String)>> = BTreeMap::new();
    for line in std::str::from_utf8(&export)?.lines() {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let author = value["author"].as_str().unwrap_or_default();
        let id = author.strip_prefix("human:").unwrap_or(author).to_string();
        stored
            .entry(id)
            .or_default()
            .push((value["seq"].as_u64().unwrap_or(0), line.to_string()));
    }
    let (mut lost, mut duplicates, mut mismatched) = (0, 0, 0);
    let (mut acknowledged, mut requests, mut failed) = (0, 0, 0);
    let mut latencies = Vec::new();
    for (id, tally) in &tallies {
        let t = tally.lock().await;
        acknowledged += t.acknowledged;
        requests += t.requests;
        failed += t.failed;
        latencies.extend_from_slice(&t.latencies);
        let lines = stored.remove(id).unwrap_or_default();
        let mut seen = BTreeMap::new();
        for (seq, line) in lines {
            if seen.insert(seq, line).is_some() {
                duplicates += 1;
            }
        }
        for seq in 1..=t.acknowledged {
            match (seen.get(&seq), t.sent.get(&seq)) {
                (None, _) => lost += 1,
                (Some(stored), Some(sent)) if stored != sent => mismatched += 1,
                _ => {}
            }
        }
    }
    Ok(Report {
        participants: options.participants,
        seconds: elapsed,
        database: if database.starts_with("sqlite:") {
            "sqlite".into()
        } else {
            "postgres".into()
        },
        acknowledged,
        events_per_second: acknowledged as f64 / elapsed,
        requests,
        failed_attempts: failed,
        restarts,
        latency_ms: percentiles(latencies),
        lost,
        duplicates,
        mismatched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_known_values() {
        let p = percentiles((1..=100).map(f64::from).collect());
        assert_eq!((p.p50, p.p90, p.p99, p.max), (51.0, 90.0, 99.0, 100.0));
        assert_eq!(percentiles(Vec::new()).max, 0.0);
    }

    #[test]
    fn simulated_events_are_records_of_the_load_study() {
        let study = replica_task::Study::parse(STUDY_TOML, "study.toml").unwrap();
        let body: Vec<String> = (1..=6).map(|seq| event_line("p1", seq)).collect();
        let lines = crate::validate::lines(body.join("\n").as_bytes(), &study, "p1").unwrap();
        assert_eq!(lines.len(), 6);
    }
}
