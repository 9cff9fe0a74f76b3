//! Server-side regrading: every submission a participant uploads is graded again here,
//! natively, with the study's seed and hidden count against the task files of the site
//! the participants were served, and compared with what the page recorded. The browser
//! cannot be trusted; a record whose grade differs is flagged in the export. Python and
//! JavaScript programs written in the page's editor are uploaded as their source and run
//! on the site's own runtimes (`runtimes/`), the ones the page ran them on.
//!
//! Jobs live in the database (`regrades`), so they survive restarts, and several server
//! processes behind one PostgreSQL share them: a claim is a conditional update, renewed
//! every [`RENEW`] while the grading runs, and a claim not renewed for [`LEASE_MS`] (its
//! server died) is taken over.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use replica_judge::runtimes::{Language, MANIFEST_FILE, Manifest};
use replica_judge::sandbox::Engine;
use replica_judge::{
    Candidate, GradeOptions, Prepared, Runtime, TaskBundle, grade, grade_candidate, prepare,
};
use replica_task::Study;
use tokio::sync::Notify;

use crate::db::{RegradeJob, RegradeResult, Store};
use crate::now_ms;

/// A claimed regrade whose claim was not renewed for this long is taken over: its server
/// died (a restart after a kill picks up its own unfinished work this way too).
pub const LEASE_MS: i64 = 60 * 1000;

/// How often a running regrade renews its claim.
const RENEW: Duration = Duration::from_secs(10);

/// How often an idle worker looks for work that another server process added.
const POLL: Duration = Duration::from_secs(2);

/// Grades submissions of one study against the site's task files.
#[derive(Debug)]
pub struct Regrader {
    study: Arc<Study>,
    /// The site's folder; tasks are read from `tasks/<id>/`.
    site: PathBuf,
    /// Prepared tasks (cases and the reference's outcomes), or why one cannot be.
    prepared: Mutex<BTreeMap<String, Arc<Result<Prepared, String>>>>,
    /// The site's language runtimes (`runtimes/`), loaded on first use, or why not.
    runtimes: Mutex<BTreeMap<Language, Arc<Result<Runtime, String>>>>,
}

impl Regrader {
    pub fn new(study: Arc<Study>, site: PathBuf) -> Regrader {
        Regrader {
            study,
            site,
            prepared: Mutex::new(BTreeMap::new()),
            runtimes: Mutex::new(BTreeMap::new()),
        }
    }

    /// The runtime of `language` the site serves the page (`runtimes/runtimes.json` and
    /// its module), so the server runs a program on the runtime the browser ran it on.
    fn runtime(&self, language: Language) -> Arc<Result<Runtime, String>> {
        let mut runtimes = self.runtimes.lock().expect("no panics hold it");
        if let Some(r) = runtimes.get(&language) {
            return r.clone();
        }
        let dir = self.site.join("runtimes");
        let load = || -> Result<Runtime, String> {
            let manifest = dir.join(MANIFEST_FILE);
            let text = std::fs::read_to_string(&manifest).map_err(|e| {
                format!(
                    "reading {}: {e}; the site must hold the language runtimes (cargo xtask dist)",
                    manifest.display()
                )
            })?;
            let manifest = Manifest::parse(&text)?;
            let built = manifest
                .get(language)
                .ok_or_else(|| format!("the site has no {} runtime", language.title()))?;
            let file = dir.join(&built.file);
            let module =
                std::fs::read(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
            Runtime::from_built(language, built, Arc::new(module))
        };
        let runtime = Arc::new(load());
        runtimes.insert(language, runtime.clone());
        runtime
    }

    /// The task's bundle from the site, as the page fetched it.
    fn bundle(&self, id: &str) -> Result<TaskBundle, String> {
        let dir = self.site.join("tasks").join(id);
        let read = |name: &str| {
            std::fs::read(dir.join(name)).map_err(|e| {
                format!(
                    "reading {}: {e}; the site must hold the task pack (cargo xtask dist)",
                    dir.join(name).display()
                )
            })
        };
        let toml = String::from_utf8(read("task.toml")?).map_err(|e| e.to_string())?;
        let spec = String::from_utf8(read("spec.md")?).map_err(|e| e.to_string())?;
        TaskBundle::new(
            &toml,
            &format!("tasks/{id}/task.toml"),
            spec,
            read("reference.wasm")?,
            read("generator.wasm")?,
        )
        .map_err(|e| e.to_string())
    }

    fn prepared(&self, task: &str) -> Arc<Result<Prepared, String>> {
        if let Some(p) = self.prepared.lock().expect("no panics hold it").get(task) {
            return p.clone();
        }
        let options = GradeOptions {
            seed: self.study.seed,
            hidden: Some(self.study.hidden),
            engine: Engine::default(),
        };
        let prepared = Arc::new(
            self.bundle(task)
                .and_then(|b| prepare(&b, options, &mut |_| {}).map_err(|e| e.to_string())),
        );
        self.prepared
            .lock()
            .expect("no panics hold it")
            .insert(task.to_string(), prepared.clone());
        prepared
    }

    /// Grades `module` on `task` the study's way, as the page does.
    ///
    /// # Errors
    /// When the site lacks the task or the task cannot be prepared.
    pub fn report(&self, task: &str, module: &[u8]) -> Result<replica_judge::Report, String> {
        let prepared = self.prepared(task);
        match &*prepared {
            Ok(p) => Ok(grade(p, module, &mut |_| {})),
            Err(why) => Err(why.clone()),
        }
    }

    /// Grades `job`'s module and compares with what its record claims.
    pub fn regrade(&self, job: &RegradeJob) -> RegradeResult {
        let prepared = self.prepared(&job.task);
        let prepared = match &*prepared {
            Ok(p) => p,
            Err(why) => {
                return RegradeResult {
                    status: "error",
                    reward: None,
                    solved: None,
                    accepted: None,
                    total: None,
                    note: Some(format!(
                        "the server cannot grade task `{}`: {why}",
                        job.task
                    )),
                    flagged: false,
                };
            }
        };
        let claimed: serde_json::Value = serde_json::from_str(&job.line).unwrap_or_default();
        // A Python or JavaScript program's "module" is its source (its digest is the
        // report's): it runs on the site's runtime of its language, as in the browser.
        let language = claimed["submission"]["language"]
            .as_str()
            .and_then(Language::from_name)
            .filter(|l| l.has_runtime());
        let report = match language {
            None => grade(prepared, &job.module, &mut |_| {}),
            Some(language) => match &*self.runtime(language) {
                Ok(runtime) => grade_candidate(
                    prepared,
                    Candidate::Source {
                        runtime,
                        source: &job.module,
                    },
                    &mut |_| {},
                ),
                Err(why) => {
                    return RegradeResult {
                        status: "error",
                        reward: None,
                        solved: None,
                        accepted: None,
                        total: None,
                        note: Some(format!(
                            "the server cannot run {} programs: {why}",
                            language.title()
                        )),
                        flagged: false,
                    };
                }
            },
        };
        let mut notes = Vec::new();
        let (seed, hidden) = (claimed["seed"].as_u64(), claimed["hidden"].as_u64());
        if seed != Some(self.study.seed) || hidden != Some(u64::from(self.study.hidden)) {
            notes.push(format!(
                "graded in the browser with seed {} and {} hidden cases, the study's are {} and {}",
                claimed["seed"], claimed["hidden"], self.study.seed, self.study.hidden
            ));
        }
        if claimed["task_digest"].as_str() != Some(prepared.digest()) {
            notes.push(format!(
                "graded against task version {}, the server's is {}",
                claimed["task_digest"],
                prepared.digest()
            ));
        }
        if job.claimed_reward != report.reward
            || claimed["solved"].as_bool() != Some(report.solved)
            || claimed["accepted"].as_u64() != Some(u64::from(report.accepted))
            || claimed["total"].as_u64() != Some(u64::from(report.total))
        {
            notes.push(format!(
                "the record says reward {} ({}/{} accepted), the server's regrade gives {} ({}/{})",
                job.claimed_reward,
                claimed["accepted"],
                claimed["total"],
                report.reward,
                report.accepted,
                report.total
            ));
        }
        RegradeResult {
            status: "done",
            reward: Some(report.reward),
            solved: Some(report.solved),
            accepted: Some(report.accepted),
            total: Some(report.total),
            flagged: !notes.is_empty(),
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        }
    }
}

/// Regrades submissions until the process ends: one at a time (grading takes a core; the
/// other serves uploads), woken by `wake` when a submission or module arrives.
pub async fn work(store: Store, regrader: Arc<Regrader>, wake: Arc<Notify>) {
    let study = regrader.study.id.clone();
    loop {
        let now = now_ms();
        match store.claim_regrade(&study, now, now - LEASE_MS).await {
            Ok(Some(job)) => {
                let grader = regrader.clone();
                let (participant, seq) = (job.participant.clone(), job.seq);
                let renewal = {
                    let (store, study, participant) =
                        (store.clone(), study.clone(), participant.clone());
                    tokio::spawn(async move {
                        loop {
                            tokio::time::sleep(RENEW).await;
                            let _ = store.renew_claim(&study, &participant, seq, now_ms()).await;
                        }
                    })
                };
                let result = tokio::task::spawn_blocking(move || grader.regrade(&job)).await;
                renewal.abort();
                let result = result.unwrap_or_else(|e| RegradeResult {
                    status: "error",
                    reward: None,
                    solved: None,
                    accepted: None,
                    total: None,
                    note: Some(format!("the grader failed: {e}")),
                    flagged: false,
                });
                if let Err(e) = store
                    .finish_regrade(&study, &participant, seq, &result)
                    .await
                {
                    eprintln!("replica study-server: storing a regrade failed: {e:#}");
                    tokio::time::sleep(POLL).await;
                }
            }
            Ok(None) => {
                tokio::select! {
                    () = wake.notified() => {}
                    () = tokio::time::sleep(POLL) => {}
                }
            }
            Err(e) => {
                eprintln!("replica study-server: looking for regrades failed: {e:#}");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}
