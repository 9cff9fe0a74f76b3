//! A private PostgreSQL for tests and the bench: Debian's server binaries
//! (`/usr/lib/postgresql/<version>/bin`, installed by `cargo xtask test`), a fresh cluster
//! in a temporary folder, listening only on 127.0.0.1 at a free port, stopped and removed
//! when dropped. As root the cluster runs as the `postgres` user (PostgreSQL refuses root).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use sqlx::{Connection, Executor};

/// A running private cluster.
#[derive(Debug)]
pub struct Postgres {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    pub port: u16,
}

/// Debian's newest installed PostgreSQL server binaries.
fn server_bin() -> Result<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, bin)) => Ok(bin),
        None => bail!(
            "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb); \
             `cargo xtask test` installs Debian's `postgresql`, or run `apt-get install postgresql`"
        ),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Postgres {
    /// Creates and starts a cluster; the superuser is `replica`, trusted on 127.0.0.1.
    ///
    /// # Errors
    /// When PostgreSQL is not installed or does not start (its log is quoted).
    pub fn start() -> Result<Postgres> {
        let bin = server_bin()?;
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("replica-pg-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let as_postgres = is_root();
        let mut pg = Postgres {
            bin,
            dir,
            as_postgres,
            port: 0,
        };
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&pg.dir)
                .status()?;
            if !status.success() {
                bail!("chown postgres {} failed", pg.dir.display());
            }
        }
        pg.run(
            "initdb",
            &[
                "-D",
                &pg.data().display().to_string(),
                "-U",
                "replica",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ],
        )?;
        pg.port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=on",
            pg.port,
            pg.dir.display()
        );
        pg.run(
            "pg_ctl",
            &[
                "-D",
                &pg.data().display().to_string(),
                "-o",
                &options,
                "-l",
                &pg.dir.join("log").display().to_string(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        )
        .with_context(|| {
            format!(
                "starting PostgreSQL; its log: {}",
                std::fs::read_to_string(pg.dir.join("log")).unwrap_or_default()
            )
        })?;
        Ok(pg)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn run(&self, tool: &str, args: &[&str]) -> Result<()> {
        let program = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(&program);
            cmd
        } else {
            Command::new(&program)
        };
        let out = cmd
            .args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {}", program.display()))?;
        if !out.status.success() {
            bail!(
                "{tool} failed ({}): {}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }

    /// The URL of database `name`.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://replica@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates an empty database and returns its URL.
    ///
    /// # Errors
    /// When the server refuses.
    pub async fn database(&self, name: &str) -> Result<String> {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&self.url("postgres")).await?;
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .await?;
        conn.close().await?;
        Ok(self.url(name))
    }

    /// The cluster's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data().display().to_string();
        if let Err(e) = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]) {
            eprintln!("stopping the test PostgreSQL: {e:#}");
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
