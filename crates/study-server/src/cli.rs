//! `replica study-server …`: the command line, parsed first and then run.
//!
//! ```text
//! replica study-server --study DIR [--database URL] [--listen ADDR] [--site DIR] [--admin-token T]
//! replica study-server invite --study DIR --count N [--database URL] [--url URL] [--prefix P]
//! replica study-server export --study DIR [--database URL] [--wasm] [--out FILE]
//! replica study-server load-test [--participants N] [--seconds S] [--database URL] [--no-kill]
//! ```

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::{ServeConfig, check_site, db, load, load_study, token};

pub const USAGE: &str = "\
usage:
  replica study-server --study DIR [--database URL] [--listen ADDR] [--site DIR] [--admin-token T]
  replica study-server invite --study DIR --count N [--database URL] [--url URL] [--prefix P]
  replica study-server export --study DIR [--database URL] [--wasm] [--out FILE]
  replica study-server load-test [--participants N] [--seconds S] [--database URL | --postgres] [--no-kill]

  (serve)   serves the site (--site, default dist/, built by `cargo xtask dist`) and the
            study's API on --listen (default 127.0.0.1:8090). The admin token, for the
            dashboard and the export, comes from --admin-token or REPLICA_ADMIN_TOKEN
            (at least 16 characters)
  invite    creates N invitation links (participants p001, p002, …); each link holds an
            unguessable token and is its participant's only credential. --url is where
            participants reach the server (default http://127.0.0.1:8090/)
  export    writes every participant's record as replica.record/1 JSONL (stdout, or
            --out FILE), flagging submissions the server's regrade contradicts; --wasm
            includes each submitted module
  load-test starts a server on a free local port and has N simulated participants
            (default 200) upload for S seconds (default 10), killing and restarting the
            server once halfway (unless --no-kill); checks that no acknowledged event is
            lost or duplicated and prints the figures as JSON; --postgres runs it on a
            private PostgreSQL cluster it starts (Debian's postgresql must be installed)

  --database URL   sqlite:FILE (default: replica-study-<id>.db in this folder) or
                   postgres://USER[:PASSWORD]@HOST[:PORT]/DB
";

/// The environment variable that may hold the admin token.
pub const ADMIN_ENV: &str = "REPLICA_ADMIN_TOKEN";

#[derive(Debug)]
enum Cmd {
    Serve {
        study: PathBuf,
        database: Option<String>,
        listen: SocketAddr,
        site: PathBuf,
        admin_token: Option<String>,
    },
    Invite {
        study: PathBuf,
        count: u32,
        database: Option<String>,
        url: String,
        prefix: String,
    },
    Export {
        study: PathBuf,
        database: Option<String>,
        wasm: bool,
        out: Option<PathBuf>,
    },
    Load(load::Options),
    Help,
}

fn parse(args: Vec<OsString>) -> Result<Cmd, lexopt::Error> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut sub = None;
    let mut study = None;
    let mut database = None;
    let mut listen: SocketAddr = "127.0.0.1:8090".parse().expect("a valid address");
    let mut site = PathBuf::from("dist");
    let mut admin_token = None;
    let mut count = None;
    let mut url = "http://127.0.0.1:8090/".to_string();
    let mut prefix = "p".to_string();
    let mut wasm = false;
    let mut out = None;
    let mut load = load::Options::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) if sub.is_none() && study.is_none() => {
                let v = v.string()?;
                match v.as_str() {
                    "invite" | "export" | "load-test" => sub = Some(v),
                    other => {
                        return Err(format!(
                            "unknown study-server command `{other}` (invite, export, load-test, or options to serve)"
                        )
                        .into());
                    }
                }
            }
            Long("study") => study = Some(PathBuf::from(parser.value()?)),
            Long("database") => database = Some(parser.value()?.string()?),
            Long("listen") => listen = parser.value()?.parse()?,
            Long("site") => site = PathBuf::from(parser.value()?),
            Long("admin-token") => admin_token = Some(parser.value()?.string()?),
            Long("count") => count = Some(parser.value()?.parse()?),
            Long("url") => url = parser.value()?.string()?,
            Long("prefix") => prefix = parser.value()?.string()?,
            Long("wasm") => wasm = true,
            Long("out") => out = Some(PathBuf::from(parser.value()?)),
            Long("participants") => load.participants = parser.value()?.parse()?,
            Long("seconds") => load.seconds = parser.value()?.parse()?,
            Long("no-kill") => load.kill = false,
            Long("postgres") => load.postgres = true,
            Long("help") | Short('h') => return Ok(Cmd::Help),
            _ => return Err(arg.unexpected()),
        }
    }
    let need_study = || {
        study.clone().ok_or_else(|| {
            lexopt::Error::from("--study DIR is required (a study folder such as studies/demo)")
        })
    };
    Ok(match sub.as_deref() {
        None => Cmd::Serve {
            study: need_study()?,
            database,
            listen,
            site,
            admin_token,
        },
        Some("invite") => Cmd::Invite {
            study: need_study()?,
            count: count.ok_or("invite needs --count N")?,
            database,
            url,
            prefix,
        },
        Some("export") => Cmd::Export {
            study: need_study()?,
            database,
            wasm,
            out,
        },
        Some(_) => {
            load.database = database;
            Cmd::Load(load)
        }
    })
}

/// Runs `replica study-server ARGS`.
///
/// # Errors
/// Anything that stops the command, with what to do about it.
pub fn main(args: Vec<OsString>) -> Result<ExitCode> {
    let cmd = match parse(args) {
        Ok(cmd) => cmd,
        Err(e) => {
            eprintln!("replica study-server: {e}\n\n{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    match cmd {
        Cmd::Help => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Serve {
            study,
            database,
            listen,
            site,
            admin_token,
        } => {
            let loaded = load_study(&study)?;
            check_site(&site, &loaded)?;
            let admin_token = match admin_token.or_else(|| std::env::var(ADMIN_ENV).ok()) {
                Some(t) if t.len() >= token::MIN_ADMIN_TOKEN => t,
                Some(_) => bail!(
                    "the admin token is shorter than {} characters; choose a longer one",
                    token::MIN_ADMIN_TOKEN
                ),
                None => bail!(
                    "no admin token: give --admin-token T or set {ADMIN_ENV} (at least {} characters), e.g.\n  \
                     export {ADMIN_ENV}={}",
                    token::MIN_ADMIN_TOKEN,
                    token::fresh()?
                ),
            };
            let database = database.unwrap_or_else(|| default_database(&loaded.id));
            runtime.block_on(crate::serve(ServeConfig {
                study: loaded,
                study_dir: study,
                site,
                database,
                listen,
                admin_token,
            }))?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Invite {
            study,
            count,
            database,
            url,
            prefix,
        } => {
            let loaded = load_study(&study)?;
            if count == 0 || count > 10_000 {
                bail!("--count must be between 1 and 10000");
            }
            if prefix.is_empty() || !crate::validate::is_participant(&format!("{prefix}1")) {
                bail!("--prefix `{prefix}`: use letters, digits, `-`, `_` or `.`");
            }
            let database = database.unwrap_or_else(|| default_database(&loaded.id));
            let invited = runtime.block_on(async {
                let store = db::Store::open(&database).await?;
                let invited = store
                    .invite(&loaded.id, &prefix, count, crate::now_ms())
                    .await;
                store.close().await;
                invited
            })?;
            let base = if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            };
            for (id, token) in &invited {
                println!(
                    "{id}\t{base}study.html#/study/{}?participant={id}&token={token}",
                    loaded.id
                );
            }
            eprintln!(
                "replica study-server: {} invitation links for study `{}` (database {}). Send each \
                 link to one participant: it is their only credential. Only the tokens' hashes are \
                 stored, so these links are not shown again.",
                invited.len(),
                loaded.id,
                db::redact(&database)
            );
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Export {
            study,
            database,
            wasm,
            out,
        } => {
            let loaded = load_study(&study)?;
            let database = database.unwrap_or_else(|| default_database(&loaded.id));
            let text = runtime.block_on(async {
                let store = db::Store::open(&database).await?;
                let text = crate::api::export(&store, &loaded.id, wasm).await;
                store.close().await;
                text
            })?;
            match out {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Load(options) => {
            let report = runtime.block_on(load::run(options))?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            if report.lost == 0 && report.duplicates == 0 && report.mismatched == 0 {
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "replica study-server: the load test LOST {} acknowledged events, stored {} twice and {} differently",
                    report.lost, report.duplicates, report.mismatched
                );
                Ok(ExitCode::from(1))
            }
        }
    }
}

/// `sqlite:` URL of `replica-study-<id>.db` in the current folder.
pub fn default_database(study: &str) -> String {
    db::sqlite_url(&format!("replica-study-{study}.db"))
}
