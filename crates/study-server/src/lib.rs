//! The study server (`replica study-server`): collects human baselines from many
//! participants at once.
//!
//! It serves the playground's static site (the same `dist/`) and a small JSON API
//! ([`api`]): participants, each invited with an unguessable token ([`token`]), upload
//! their study events (`replica.record/1` lines, checked by [`validate`]) as the page
//! records them; uploads are idempotent by (participant, `seq`) and stored in SQLite or
//! PostgreSQL ([`db`]); every submission is regraded natively with the study's seed and
//! hidden count ([`regrade`]); the organiser's dashboard reads [`summary`] and the export.
//! [`load`] is the load test `cargo xtask bench` runs, and [`testing`] starts a private
//! PostgreSQL for tests.
//!
//! Depends on `judge` (regrading), `record` and `task`, and on axum/tokio/sqlx; only the
//! CLI depends on it.

pub mod api;
pub mod cli;
pub mod db;
pub mod load;
pub mod regrade;
pub mod summary;
pub mod testing;
pub mod token;
pub mod validate;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use replica_task::{Consent, Study};
use tokio::sync::Notify;

/// The server's wall clock, in ms since the epoch: when uploads arrive, when a regrade
/// was claimed. Unlike graders the server keeps real time; nothing it grades sees it.
#[allow(clippy::disallowed_methods)]
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Reads and checks `DIR/study.toml` (the `--study` folder), with its consent text.
///
/// # Errors
/// When the folder has no valid study.
pub fn load_study(dir: &Path) -> Result<Study> {
    let file = dir.join("study.toml");
    let text = std::fs::read_to_string(&file).with_context(|| {
        format!(
            "reading {}; --study names a study folder such as studies/demo",
            file.display()
        )
    })?;
    let mut study =
        Study::parse(&text, &file.display().to_string()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if name != study.id {
        bail!(
            "{}: the study's id is `{}` but its folder is `{name}`; they must be equal",
            file.display(),
            study.id
        );
    }
    if let Consent::File(name) = &study.consent {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the consent text {}", path.display()))?;
        study.consent = Consent::Text(text);
    }
    Ok(study)
}

/// Checks that `site` is a built site holding this study as it is now.
///
/// # Errors
/// When the site is missing or holds another version of the study.
pub fn check_site(site: &Path, study: &Study) -> Result<()> {
    let rebuild = "build it with `cargo xtask dist` (or give --site DIR)";
    if !site.join("index.html").is_file() {
        bail!("there is no site at {}: {rebuild}", site.display());
    }
    let packed = site.join("studies").join(&study.id).join("study.json");
    let text = std::fs::read_to_string(&packed).with_context(|| {
        format!(
            "the site at {} has no study `{}` ({} is missing): {rebuild}",
            site.display(),
            study.id,
            packed.display()
        )
    })?;
    let packed: Study = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a study: {rebuild}", packed.display()))?;
    let same = packed.seed == study.seed
        && packed.hidden == study.hidden
        && packed.consent == study.consent
        && packed
            .tasks
            .iter()
            .map(|t| (&t.id, t.minutes))
            .eq(study.tasks.iter().map(|t| (&t.id, t.minutes)));
    if !same {
        bail!(
            "the site at {} holds another version of study `{}` than its study.toml: {rebuild}",
            site.display(),
            study.id
        );
    }
    Ok(())
}

/// What `replica study-server` serves.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub study: Study,
    /// The study folder, for messages.
    pub study_dir: PathBuf,
    pub site: PathBuf,
    pub database: String,
    pub listen: SocketAddr,
    pub admin_token: String,
}

/// Serves until Ctrl-C or SIGTERM.
///
/// # Errors
/// When the database cannot be opened or the address is taken.
pub async fn serve(config: ServeConfig) -> Result<()> {
    let store = db::Store::open(&config.database).await?;
    let study = Arc::new(config.study);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}; is it in use? try --listen", config.listen))?;
    let address = listener.local_addr()?;
    let wake = Arc::new(Notify::new());
    let regrader = Arc::new(regrade::Regrader::new(study.clone(), config.site.clone()));
    tokio::spawn(regrade::work(store.clone(), regrader, wake.clone()));
    let facts = store.facts(&study.id).await?;
    let app = Arc::new(api::App {
        study: study.clone(),
        store: store.clone(),
        admin_hash: token::hash(&config.admin_token),
        wake,
    });
    eprintln!(
        "replica study-server: study `{}` ({} tasks, seed {}, {} hidden cases) from {}\n  \
         database: {} ({} participants invited)\n  site: {}\n  \
         serving http://{address}/\n  \
         dashboard: http://{address}/study.html#/study/{}/dashboard (sign in with the admin token)\n  \
         invite participants: replica study-server invite --study {} --count N\n  \
         Ctrl-C stops the server; nothing acknowledged is lost.",
        study.id,
        study.tasks.len(),
        study.seed,
        study.hidden,
        config.study_dir.display(),
        db::redact(&config.database),
        facts.participants.len(),
        config.site.display(),
        study.id,
        config.study_dir.display(),
    );
    axum::serve(listener, api::router(app, config.site))
        .with_graceful_shutdown(shutdown())
        .await
        .context("serving")?;
    store.close().await;
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let terminate = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = interrupt => {}
            () = terminate => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
