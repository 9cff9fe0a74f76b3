//! The database: SQLite (a file, the default) or PostgreSQL, through sqlx's `Any` driver,
//! with the schema in `migrations/<backend>/` applied at start-up.
//!
//! **Architecture Invariant:** an upload is one transaction. It first updates the
//! participant's row, which serializes uploads of one participant (a row lock in
//! PostgreSQL, the write lock in SQLite), then checks the stored sequence and inserts; the
//! server acknowledges only after the commit, so an acknowledged event is on disk. SQLite
//! runs in WAL mode with `synchronous = FULL`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AssertSqlSafe, Executor, Row, SqlSafeStr};

use crate::validate::Line;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend of a database URL.
    ///
    /// # Errors
    /// For any scheme but `sqlite:`, `postgres:` and `postgresql:`.
    pub fn of(url: &str) -> Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            bail!(
                "--database `{url}`: give `sqlite:FILE` (the default is a file in this folder) or `postgres://USER@HOST:PORT/DB`"
            )
        }
    }

    fn migrations(self) -> Migrator {
        let sql = match self {
            Backend::Sqlite => include_str!("../migrations/sqlite/0001_study.sql"),
            Backend::Postgres => include_str!("../migrations/postgres/0001_study.sql"),
        };
        Migrator::with_migrations(vec![Migration::new(
            1,
            Cow::Borrowed("study"),
            MigrationType::Simple,
            sql.into_sql_str(),
            false,
        )])
    }
}

/// The SQLite URL of a file, created when missing.
pub fn sqlite_url(file: &str) -> String {
    format!("sqlite://{file}?mode=rwc")
}

/// A connection pool with the schema in place.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    pub backend: Backend,
}

/// Why an upload does not fit what is stored (HTTP 409). Nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The upload starts after `acknowledged + 1`.
    Gap { acknowledged: u64, first: u64 },
    /// `seq` is stored with other content.
    Conflict { acknowledged: u64, seq: u64 },
}

/// A submission waiting for, or being given, its regrade.
#[derive(Debug, Clone)]
pub struct RegradeJob {
    pub participant: String,
    pub seq: u64,
    pub task: String,
    pub claimed_reward: f64,
    /// The submission line, for the seed, hidden count and task digest it claims.
    pub line: String,
    pub module: Vec<u8>,
}

/// What a regrade found.
#[derive(Debug, Clone, PartialEq)]
pub struct RegradeResult {
    /// `done`, or `error` when the server could not grade (the task is missing).
    pub status: &'static str,
    pub reward: Option<f64>,
    pub solved: Option<bool>,
    pub accepted: Option<u32>,
    pub total: Option<u32>,
    /// Why the record is flagged, or the error; `None` when the regrade agrees.
    pub note: Option<String>,
    pub flagged: bool,
}

/// One stored event with its regrade, for the export.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub participant: String,
    pub seq: u64,
    pub line: String,
    pub module: Option<String>,
    pub flagged: bool,
    pub note: Option<String>,
    pub reward: Option<f64>,
    pub solved: Option<bool>,
    pub accepted: Option<i64>,
    pub total: Option<i64>,
}

/// `(participant, seq, event, task, at)`: an event that moves a participant along.
pub type Milestone = (String, u64, String, Option<String>, Option<String>);

/// `(participant, task, max active_ms, submissions, best reward, solved)`.
pub type TaskRow = (String, String, Option<i64>, i64, Option<f64>, bool);

/// The raw facts the dashboard is computed from (see `summary.rs`).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// `(id, invited_at, last_seen)`.
    pub participants: Vec<(String, i64, Option<i64>)>,
    /// `(participant, events, last seq)`.
    pub counts: Vec<(String, i64)>,
    /// `(participant, seq, event, task, at)` of the events that move a participant along:
    /// join, consent, task_start, finish, give_up, end; and the last event of each.
    pub milestones: Vec<Milestone>,
    /// One row per participant and task.
    pub tasks: Vec<TaskRow>,
    /// `(participant, task, status, flagged)` of every regrade.
    pub regrades: Vec<(String, String, String, bool)>,
}

fn u(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn i(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl Store {
    /// Connects to `url` and applies the migrations.
    ///
    /// # Errors
    /// When the database cannot be reached or opened, or its schema is newer than this
    /// server's.
    pub async fn open(url: &str) -> Result<Store> {
        let backend = Backend::of(url)?;
        sqlx::any::install_default_drivers();
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        let options = AnyPoolOptions::new();
        let options = match backend {
            // SQLite has one writer at a time; more connections only wait on its lock.
            Backend::Sqlite => options.max_connections(4).after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA busy_timeout = 30000").await?;
                    Ok(())
                })
            }),
            Backend::Postgres => options.max_connections(16),
        };
        let pool = options
            .connect(&url)
            .await
            .with_context(|| format!("opening the database {}", redact(&url)))?;
        backend
            .migrations()
            .run(&pool)
            .await
            .context("creating or upgrading the study tables")?;
        Ok(Store { pool, backend })
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Creates `count` invitations in `study`, numbered after the highest `prefix<number>`
    /// there is (`p001`, `p002`, …). Returns `(participant, token)`; the token is not
    /// stored, only its hash.
    ///
    /// # Errors
    /// Database errors.
    pub async fn invite(
        &self,
        study: &str,
        prefix: &str,
        count: u32,
        now: i64,
    ) -> Result<Vec<(String, String)>> {
        let mut tx = self.pool.begin().await?;
        let ids: Vec<String> = sqlx::query("SELECT id FROM participants WHERE study = $1")
            .bind(study.to_string())
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<Result<_, _>>()?;
        let mut next = ids
            .iter()
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut out = Vec::new();
        for _ in 0..count {
            next += 1;
            let id = format!("{prefix}{next:03}");
            let token = crate::token::fresh()?;
            sqlx::query(
                "INSERT INTO participants (study, id, token_hash, invited_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(study.to_string())
            .bind(id.clone())
            .bind(crate::token::hash(&token))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            out.push((id, token));
        }
        tx.commit().await?;
        Ok(out)
    }

    /// The participant whose token hashes to `token_hash`, in `study`.
    ///
    /// # Errors
    /// Database errors.
    pub async fn participant(&self, study: &str, token_hash: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT id FROM participants WHERE study = $1 AND token_hash = $2")
            .bind(study.to_string())
            .bind(token_hash.to_string())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get::<String, _>(0)).transpose()?)
    }

    /// The highest stored `seq` of a participant (0 when none): every event up to it is
    /// stored.
    ///
    /// # Errors
    /// Database errors.
    pub async fn acknowledged(&self, study: &str, participant: &str) -> Result<u64> {
        let row = sqlx::query(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE study = $1 AND participant = $2",
        )
        .bind(study.to_string())
        .bind(participant.to_string())
        .fetch_one(&self.pool)
        .await?;
        Ok(u(row.try_get::<i64, _>(0)?))
    }

    /// Stores `lines` (consecutive, checked) after the participant's stored events, in one
    /// transaction: lines already stored must be identical (a retry), the first new one
    /// must follow the last stored one. Submissions get a pending regrade. Returns the
    /// highest stored `seq` after the commit.
    ///
    /// # Errors
    /// `Ok(Err(Refused))` when the lines do not fit what is stored; `Err` on database
    /// errors. Either way nothing of the upload is stored.
    pub async fn append(
        &self,
        study: &str,
        participant: &str,
        lines: &[Line],
        now: i64,
    ) -> Result<Result<u64, Refused>> {
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            return Ok(Ok(self.acknowledged(study, participant).await?));
        };
        let mut tx = self.pool.begin().await?;
        // Writing first takes the participant's lock (see the module's documentation).
        sqlx::query("UPDATE participants SET last_seen = $1 WHERE study = $2 AND id = $3")
            .bind(now)
            .bind(study.to_string())
            .bind(participant.to_string())
            .execute(&mut *tx)
            .await?;
        let stored = u(sqlx::query(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE study = $1 AND participant = $2",
        )
        .bind(study.to_string())
        .bind(participant.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get::<i64, _>(0)?);
        if first.seq > stored + 1 {
            tx.rollback().await?;
            return Ok(Err(Refused::Gap {
                acknowledged: stored,
                first: first.seq,
            }));
        }
        if first.seq <= stored {
            let existing: BTreeMap<u64, String> = sqlx::query(
                "SELECT seq, line FROM events WHERE study = $1 AND participant = $2 AND seq >= $3 AND seq <= $4",
            )
            .bind(study.to_string())
            .bind(participant.to_string())
            .bind(i(first.seq))
            .bind(i(last.seq.min(stored)))
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| Ok((u(r.try_get::<i64, _>(0)?), r.try_get::<String, _>(1)?)))
            .collect::<Result<_, sqlx::Error>>()?;
            for line in lines.iter().take_while(|l| l.seq <= stored) {
                if existing.get(&line.seq) != Some(&line.text) {
                    tx.rollback().await?;
                    return Ok(Err(Refused::Conflict {
                        acknowledged: stored,
                        seq: line.seq,
                    }));
                }
            }
        }
        for line in lines.iter().filter(|l| l.seq > stored) {
            let claim = line.submission.as_ref();
            sqlx::query(
                "INSERT INTO events (study, participant, seq, line, event, task, active_ms, at, reward, solved, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(study.to_string())
            .bind(participant.to_string())
            .bind(i(line.seq))
            .bind(line.text.clone())
            .bind(line.event.clone())
            .bind(line.task.clone())
            .bind(line.active_ms.map(i))
            .bind(line.at.clone())
            .bind(claim.map(|c| c.reward))
            .bind(claim.map(|c| i64::from(c.solved)))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if let (Some(claim), Some(task)) = (claim, &line.task) {
                sqlx::query(
                    "INSERT INTO regrades (study, participant, seq, task, module, claimed_reward, status) \
                     VALUES ($1, $2, $3, $4, $5, $6, 'pending')",
                )
                .bind(study.to_string())
                .bind(participant.to_string())
                .bind(i(line.seq))
                .bind(task.clone())
                .bind(claim.module.clone())
                .bind(claim.reward)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(Ok(stored.max(last.seq)))
    }

    /// A participant's stored lines, in `seq` order.
    ///
    /// # Errors
    /// Database errors.
    pub async fn lines(&self, study: &str, participant: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT line FROM events WHERE study = $1 AND participant = $2 ORDER BY seq",
        )
        .bind(study.to_string())
        .bind(participant.to_string())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<Result<_, _>>()?)
    }

    /// The digests of a participant's stored modules, sorted.
    ///
    /// # Errors
    /// Database errors.
    pub async fn module_digests(&self, study: &str, participant: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT digest FROM modules WHERE study = $1 AND participant = $2 ORDER BY digest",
        )
        .bind(study.to_string())
        .bind(participant.to_string())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<Result<_, _>>()?)
    }

    /// Stores a module (already checked against its digest); storing it again does nothing.
    ///
    /// # Errors
    /// Database errors.
    pub async fn put_module(
        &self,
        study: &str,
        participant: &str,
        digest: &str,
        bytes: Vec<u8>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO modules (study, participant, digest, bytes, received_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (study, participant, digest) DO NOTHING",
        )
        .bind(study.to_string())
        .bind(participant.to_string())
        .bind(digest.to_string())
        .bind(bytes)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Claims the next submission to regrade whose module has arrived: a pending one, or
    /// one claimed before `stale_before` by a server that has since died.
    ///
    /// # Errors
    /// Database errors.
    pub async fn claim_regrade(
        &self,
        study: &str,
        now: i64,
        stale_before: i64,
    ) -> Result<Option<RegradeJob>> {
        let candidates = sqlx::query(
            "SELECT r.participant, r.seq FROM regrades r JOIN modules m \
               ON m.study = r.study AND m.participant = r.participant AND m.digest = r.module \
             WHERE r.study = $1 AND (r.status = 'pending' OR (r.status = 'running' AND r.claimed_at < $2)) \
             ORDER BY r.seq LIMIT 8",
        )
        .bind(study.to_string())
        .bind(stale_before)
        .fetch_all(&self.pool)
        .await?;
        for row in candidates {
            let participant: String = row.try_get(0)?;
            let seq: i64 = row.try_get(1)?;
            let claimed = sqlx::query(
                "UPDATE regrades SET status = 'running', claimed_at = $1 \
                 WHERE study = $2 AND participant = $3 AND seq = $4 \
                   AND (status = 'pending' OR (status = 'running' AND claimed_at < $5))",
            )
            .bind(now)
            .bind(study.to_string())
            .bind(participant.clone())
            .bind(seq)
            .bind(stale_before)
            .execute(&self.pool)
            .await?;
            if claimed.rows_affected() != 1 {
                continue; // another server took it
            }
            let job = sqlx::query(
                "SELECT r.task, r.claimed_reward, e.line, m.bytes FROM regrades r \
                 JOIN events e ON e.study = r.study AND e.participant = r.participant AND e.seq = r.seq \
                 JOIN modules m ON m.study = r.study AND m.participant = r.participant AND m.digest = r.module \
                 WHERE r.study = $1 AND r.participant = $2 AND r.seq = $3",
            )
            .bind(study.to_string())
            .bind(participant.clone())
            .bind(seq)
            .fetch_one(&self.pool)
            .await?;
            return Ok(Some(RegradeJob {
                participant,
                seq: u(seq),
                task: job.try_get(0)?,
                claimed_reward: job.try_get(1)?,
                line: job.try_get(2)?,
                module: job.try_get(3)?,
            }));
        }
        Ok(None)
    }

    /// Renews the claim of a regrade that is still running.
    ///
    /// # Errors
    /// Database errors.
    pub async fn renew_claim(
        &self,
        study: &str,
        participant: &str,
        seq: u64,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE regrades SET claimed_at = $1 \
             WHERE study = $2 AND participant = $3 AND seq = $4 AND status = 'running'",
        )
        .bind(now)
        .bind(study.to_string())
        .bind(participant.to_string())
        .bind(i(seq))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a regrade's result.
    ///
    /// # Errors
    /// Database errors.
    pub async fn finish_regrade(
        &self,
        study: &str,
        participant: &str,
        seq: u64,
        result: &RegradeResult,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE regrades SET status = $1, reward = $2, solved = $3, accepted = $4, total = $5, note = $6, flagged = $7 \
             WHERE study = $8 AND participant = $9 AND seq = $10",
        )
        .bind(result.status)
        .bind(result.reward)
        .bind(result.solved.map(i64::from))
        .bind(result.accepted.map(i64::from))
        .bind(result.total.map(i64::from))
        .bind(result.note.clone())
        .bind(i64::from(result.flagged))
        .bind(study.to_string())
        .bind(participant.to_string())
        .bind(i(seq))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every stored event of the study with its regrade, by participant and `seq`.
    ///
    /// # Errors
    /// Database errors.
    pub async fn export_rows(&self, study: &str) -> Result<Vec<ExportRow>> {
        let rows = sqlx::query(
            "SELECT e.participant, e.seq, e.line, r.module, r.flagged, r.note, r.reward, r.solved, r.accepted, r.total \
             FROM events e LEFT JOIN regrades r \
               ON r.study = e.study AND r.participant = e.participant AND r.seq = e.seq \
             WHERE e.study = $1",
        )
        .bind(study.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut out = rows
            .iter()
            .map(|r: &AnyRow| -> Result<ExportRow, sqlx::Error> {
                Ok(ExportRow {
                    participant: r.try_get(0)?,
                    seq: u(r.try_get(1)?),
                    line: r.try_get(2)?,
                    module: r.try_get(3)?,
                    flagged: r.try_get::<Option<i64>, _>(4)?.unwrap_or(0) != 0,
                    note: r.try_get(5)?,
                    reward: r.try_get(6)?,
                    solved: r.try_get::<Option<i64>, _>(7)?.map(|s| s != 0),
                    accepted: r.try_get(8)?,
                    total: r.try_get(9)?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Sorted here, not by SQL: PostgreSQL orders text by the locale, SQLite by bytes.
        out.sort_by(|a, b| (&a.participant, a.seq).cmp(&(&b.participant, b.seq)));
        Ok(out)
    }

    /// Every stored module of the study: `(participant, digest) -> bytes`.
    ///
    /// # Errors
    /// Database errors.
    pub async fn modules(&self, study: &str) -> Result<BTreeMap<(String, String), Vec<u8>>> {
        let rows = sqlx::query("SELECT participant, digest, bytes FROM modules WHERE study = $1")
            .bind(study.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok(((r.try_get(0)?, r.try_get(1)?), r.try_get(2)?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// Regrades by status: `(status, flagged, count)`.
    ///
    /// # Errors
    /// Database errors.
    pub async fn regrade_counts(&self, study: &str) -> Result<Vec<(String, bool, u64)>> {
        let rows = sqlx::query(
            "SELECT status, flagged, COUNT(*) FROM regrades WHERE study = $1 GROUP BY status, flagged",
        )
        .bind(study.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    r.try_get::<i64, _>(1)? != 0,
                    u(r.try_get(2)?),
                ))
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// What the dashboard shows, as raw rows.
    ///
    /// # Errors
    /// Database errors.
    pub async fn facts(&self, study: &str) -> Result<Facts> {
        let s = || study.to_string();
        let participants =
            sqlx::query("SELECT id, invited_at, last_seen FROM participants WHERE study = $1")
                .bind(s())
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
                .collect::<Result<_, sqlx::Error>>()?;
        let counts = sqlx::query(
            "SELECT participant, COUNT(*) FROM events WHERE study = $1 GROUP BY participant",
        )
        .bind(s())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<Result<_, sqlx::Error>>()?;
        let milestones = sqlx::query(
            "SELECT e.participant, e.seq, e.event, e.task, e.at FROM events e \
             WHERE e.study = $1 AND (e.event IN ('join', 'consent', 'task_start', 'finish', 'give_up', 'end') \
               OR e.seq = (SELECT MAX(l.seq) FROM events l WHERE l.study = e.study AND l.participant = e.participant))",
        )
        .bind(s())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get(0)?,
                u(r.try_get(1)?),
                r.try_get(2)?,
                r.try_get(3)?,
                r.try_get(4)?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()?;
        let tasks = sqlx::query(
            "SELECT participant, task, MAX(active_ms), \
                    SUM(CASE WHEN event = 'submission' THEN 1 ELSE 0 END), MAX(reward), MAX(solved) \
             FROM events WHERE study = $1 AND task IS NOT NULL GROUP BY participant, task",
        )
        .bind(s())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get(0)?,
                r.try_get(1)?,
                r.try_get(2)?,
                r.try_get::<Option<i64>, _>(3)?.unwrap_or(0),
                r.try_get(4)?,
                r.try_get::<Option<i64>, _>(5)?.unwrap_or(0) != 0,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()?;
        let regrades =
            sqlx::query("SELECT participant, task, status, flagged FROM regrades WHERE study = $1")
                .bind(s())
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| {
                    Ok((
                        r.try_get(0)?,
                        r.try_get(1)?,
                        r.try_get(2)?,
                        r.try_get::<i64, _>(3)? != 0,
                    ))
                })
                .collect::<Result<_, sqlx::Error>>()?;
        Ok(Facts {
            participants,
            counts,
            milestones,
            tasks,
            regrades,
        })
    }

    /// Runs one statement (tests use it to look at tables).
    ///
    /// # Errors
    /// Database errors.
    pub async fn count(&self, table: &str) -> Result<u64> {
        let table = match table {
            "participants" | "events" | "modules" | "regrades" => table,
            other => bail!("no table `{other}`"),
        };
        let row = sqlx::query(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&self.pool)
            .await?;
        Ok(u(row.try_get::<i64, _>(0)?))
    }
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(Backend::of("sqlite:x.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::of("postgres://a@b/c").unwrap(), Backend::Postgres);
        assert!(
            Backend::of("mysql://x")
                .unwrap_err()
                .to_string()
                .contains("give `sqlite:FILE`")
        );
        assert_eq!(
            redact("postgres://u:secret@h:5/d"),
            "postgres://u:***@h:5/d"
        );
        assert_eq!(redact("postgres://u@h/d"), "postgres://u@h/d");
        assert_eq!(sqlite_url("a.db"), "sqlite://a.db?mode=rwc");
    }
}
