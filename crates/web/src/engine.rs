//! What the worker does with a request: a thin layer over `replica-judge`, free of
//! browser APIs so it runs (and is tested) natively too. The worker binary only moves
//! messages in and out.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use replica_judge::sandbox::{self, Ending, Module, Node};
use replica_judge::task::Case;
use replica_judge::{Event, GradeOptions, Prepared, Progress, TaskBundle};

use crate::protocol::{Envelope, Phase, Reply, Request, Runs, TaskText};

/// Fuel per slice when grading: wasmi in Chromium runs roughly 80 million fuel a second,
/// so a long case reports its progress about eight times a second. Reports are identical at
/// any slice size (`crates/cli/tests/slicing.rs`).
pub const SLICE_FUEL: u64 = 10_000_000;

/// The worker's state: the last prepared task, so grading several submissions with the same
/// task and seed runs the generator and the reference only once.
#[derive(Debug, Default)]
pub struct Engine {
    /// Task digest, seed, hidden count, and what `prepare` made of them.
    prepared: Option<(String, GradeOptions, Prepared)>,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Handles one request, posting progress and exactly one final reply through `post`.
    pub fn handle(&mut self, message: Envelope<Request>, post: &mut dyn FnMut(Envelope<Reply>)) {
        let Envelope { header, blobs } = message;
        let mut blobs = blobs.into_iter();
        let job = match &header {
            Request::Run { job, .. } | Request::Grade { job, .. } => *job,
        };
        let reply = match header {
            Request::Run {
                task,
                args,
                files,
                env,
                ..
            } => run(job, &task, args, files, env, &mut blobs),
            Request::Grade {
                task, seed, hidden, ..
            } => self.grade(
                job,
                &task,
                GradeOptions {
                    seed,
                    hidden,
                    engine: sandbox::Engine::default(),
                },
                &mut blobs,
                post,
            ),
        };
        post(reply.unwrap_or_else(|error| Envelope {
            header: Reply::Failed { job, error },
            blobs: Vec::new(),
        }));
    }

    fn grade(
        &mut self,
        job: u32,
        task: &TaskText,
        options: GradeOptions,
        blobs: &mut impl Iterator<Item = Vec<u8>>,
        post: &mut dyn FnMut(Envelope<Reply>),
    ) -> Result<Envelope<Reply>, String> {
        let bundle = bundle(task, blobs)?;
        let submission = blobs.next().ok_or("no submission in the request")?;
        let before = sandbox::run_counts();
        // Every run goes in slices; each slice and each finished run is a progress message.
        // Nothing here cancels: the worker cannot read the page's messages while it runs,
        // so the page cancels by terminating the worker (see `browser.rs`).
        let mut on = |event: Event| {
            let (progress, fuel) = match event {
                Event::Progress(progress) => (progress, None),
                Event::Paused { at, pause } => (at, Some((pause.fuel_used, pause.fuel))),
            };
            let (phase, done, total) = match progress {
                Progress::Reference { done, total } => (Phase::Reference, done, total),
                Progress::Candidate { done, total } => (Phase::Candidate, done, total),
            };
            post(Envelope {
                header: Reply::Progress {
                    job,
                    phase,
                    done,
                    total,
                    fuel,
                },
                blobs: Vec::new(),
            });
            ControlFlow::Continue(())
        };
        let cached =
            matches!(&self.prepared, Some((d, o, _)) if *d == bundle.digest && *o == options);
        if !cached {
            // Drop the old preparation first: it can hold large expected outputs.
            self.prepared = None;
            let prepared = replica_judge::prepare_sliced(&bundle, options, SLICE_FUEL, &mut on)
                .map_err(|e| e.to_string())?;
            self.prepared = Some((bundle.digest.clone(), options, prepared));
        }
        let (_, _, prepared) = self.prepared.as_ref().expect("prepared above");
        // The judge reports after each run; saying "case 1" now keeps the page honest while
        // a slow first case runs.
        let _ = on(Event::Progress(Progress::Candidate {
            done: 0,
            total: prepared.cases.len(),
        }));
        let report = replica_judge::grade_sliced(prepared, &submission, SLICE_FUEL, &mut on)
            .map_err(|e| e.to_string())?;
        let report = serde_json::to_string(&report).expect("reports serialize");
        let after = sandbox::run_counts();
        let runs = Runs {
            browser: after.fast - before.fast,
            wasmi: after.reference - before.reference,
        };
        Ok(Envelope {
            header: Reply::Graded { job, report, runs },
            blobs: Vec::new(),
        })
    }
}

/// Runs the task's reference on custom input.
fn run(
    job: u32,
    task: &TaskText,
    args: Vec<String>,
    names: Vec<String>,
    env: Vec<(String, String)>,
    blobs: &mut impl Iterator<Item = Vec<u8>>,
) -> Result<Envelope<Reply>, String> {
    let bundle = bundle(task, blobs)?;
    let stdin = blobs.next().unwrap_or_default();
    let mut files = BTreeMap::new();
    for name in names {
        if !replica_judge::task::is_tree_path(&name) {
            return Err(format!("`{name}` is not a valid file path"));
        }
        files.insert(name, blobs.next().unwrap_or_default());
    }
    let case = Case {
        name: "custom".into(),
        args,
        stdin,
        env: BTreeMap::new(),
        files,
    };
    let mut input = replica_judge::case_input(&bundle.task.program, &case, 0);
    input.env = env;
    let inputs = case.files;
    let budget = bundle.budget();
    let module = Module::new(&bundle.reference, &budget)
        .map_err(|e| format!("the reference does not load: {e}"))?;
    let outcome = module.run(&input, &budget);
    let ending = replica_judge::describe_ending(&outcome);
    let mut names = Vec::new();
    let mut blobs = vec![outcome.stdout, outcome.stderr];
    // Only what the run wrote is news; the inputs are on the form already.
    for (path, node) in outcome.files.entries {
        if let Node::File(contents) = node
            && inputs.get(&path) != Some(&contents)
        {
            names.push(path);
            blobs.push(contents);
        }
    }
    Ok(Envelope {
        header: Reply::Ran {
            job,
            exit_code: match outcome.ending {
                Ending::Exited(code) => Some(code),
                _ => None,
            },
            ending,
            fuel: outcome.fuel_used,
            files: names,
        },
        blobs,
    })
}

fn bundle(
    task: &TaskText,
    blobs: &mut impl Iterator<Item = Vec<u8>>,
) -> Result<TaskBundle, String> {
    let reference = blobs.next().ok_or("no reference module in the request")?;
    let generator = blobs.next().ok_or("no generator module in the request")?;
    TaskBundle::new(
        &task.task_toml,
        &format!("{}/task.toml", task.id),
        task.spec.clone(),
        reference,
        generator,
    )
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A task whose reference copies stdin to stdout, with two visible cases.
    const ECHO_TASK: &str = r#"
id = "echo"
title = "echo: copy stdin"
summary = "Copies standard input to standard output."
tags = ["test"]
minutes = 1
program = "echo"
compare = ["stdout", "exit_code"]
hidden = 0

[[case]]
name = "short"
stdin = "abc"

[[case]]
name = "lines"
stdin = "a\nb\n"
"#;

    const ECHO_WAT: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $again
      (i32.store (i32.const 0) (i32.const 64))
      (i32.store (i32.const 4) (i32.const 1024))
      (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
      (if (i32.eqz (i32.load (i32.const 8))) (then (return)))
      (i32.store (i32.const 4) (i32.load (i32.const 8)))
      (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))
      (br $again))))"#;

    fn echo() -> (TaskText, Vec<u8>) {
        let text = TaskText {
            id: "echo".into(),
            task_toml: ECHO_TASK.into(),
            spec: "# echo".into(),
        };
        (text, wat::parse_str(ECHO_WAT).unwrap())
    }

    fn handle(engine: &mut Engine, header: Request, blobs: Vec<Vec<u8>>) -> Vec<Envelope<Reply>> {
        let mut replies = Vec::new();
        engine.handle(Envelope { header, blobs }, &mut |r| replies.push(r));
        replies
    }

    #[test]
    fn runs_the_reference() {
        let (task, wasm) = echo();
        let header = Request::Run {
            job: 3,
            task,
            args: vec!["-n".into()],
            files: vec!["in.txt".into()],
            env: Vec::new(),
        };
        let replies = handle(
            &mut Engine::new(),
            header,
            vec![wasm, Vec::new(), b"hello\n".to_vec(), b"x".to_vec()],
        );
        let [Envelope { header, blobs }] = &replies[..] else {
            panic!("{replies:?}")
        };
        assert!(
            matches!(header, Reply::Ran { job: 3, exit_code: Some(0), files, .. } if files.is_empty()),
            "{header:?}"
        );
        assert_eq!(blobs[0], b"hello\n");
        assert_eq!(blobs[1], b"");
    }

    #[test]
    fn grades_and_reuses_the_preparation() {
        let (task, wasm) = echo();
        let mut engine = Engine::new();
        let grade = |job| Request::Grade {
            job,
            task: task.clone(),
            seed: 7,
            hidden: None,
        };
        let blobs = || vec![wasm.clone(), Vec::new(), wasm.clone()];
        let first = handle(&mut engine, grade(1), blobs());
        let phases: Vec<Phase> = first
            .iter()
            .filter_map(|r| match r.header {
                Reply::Progress { phase, .. } => Some(phase),
                _ => None,
            })
            .collect();
        assert_eq!(phases.first(), Some(&Phase::Reference));
        let Some(Reply::Graded { job: 1, report, .. }) = first.last().map(|r| &r.header) else {
            panic!("{first:?}")
        };
        let report: replica_judge::Report = serde_json::from_str(report).unwrap();
        assert!(report.solved, "{report:?}");
        assert_eq!(report.total, 2);

        // Same task and seed: no reference runs the second time.
        let second = handle(
            &mut engine,
            grade(2),
            vec![wasm.clone(), Vec::new(), b"no wasm".to_vec()],
        );
        assert!(second.iter().all(|r| !matches!(
            r.header,
            Reply::Progress {
                phase: Phase::Reference,
                ..
            }
        )));
        let Some(Reply::Graded { report, .. }) = second.last().map(|r| &r.header) else {
            panic!("{second:?}")
        };
        let report: replica_judge::Report = serde_json::from_str(report).unwrap();
        assert_eq!(report.reward, 0.0);
        assert!(report.compile_error.is_some());
    }

    /// Counts to ten million before exiting: a few slices' worth of fuel.
    const SLOW_WAT: &str = r#"(module
  (memory (export "memory") 1)
  (func (export "_start") (local $i i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10000000))))))"#;

    #[test]
    fn a_long_case_reports_its_fuel_between_slices() {
        let (task, _) = echo();
        let request = Request::Grade {
            job: 4,
            task,
            seed: 1,
            hidden: None,
        };
        let slow = wat::parse_str(SLOW_WAT).unwrap();
        // The reference is as slow as the candidate: a candidate's fuel limit on a case
        // follows from the reference's fuel there (`replica_judge::limits`).
        let replies = handle(
            &mut Engine::new(),
            request,
            vec![slow.clone(), Vec::new(), slow],
        );
        let fuel: Vec<(usize, u64)> = replies
            .iter()
            .filter_map(|r| match r.header {
                Reply::Progress {
                    phase: Phase::Candidate,
                    done,
                    fuel: Some((used, _)),
                    ..
                } => Some((done, used)),
                _ => None,
            })
            .collect();
        // Two cases of about 30 million fuel each, posted every 10 million.
        assert!(fuel.len() >= 4, "{fuel:?}");
        assert!(fuel.iter().any(|&(done, _)| done == 1), "{fuel:?}");
        let Some(Reply::Graded { report, .. }) = replies.last().map(|r| &r.header) else {
            panic!("{replies:?}")
        };
        let report: replica_judge::Report = serde_json::from_str(report).unwrap();
        assert!(
            report
                .cases
                .iter()
                .all(|c| c.fuel.candidate > Some(20_000_000))
        );
    }

    #[test]
    fn a_fixed_hidden_count_reaches_the_judge() {
        let (task, wasm) = echo();
        let mut engine = Engine::new();
        let grade = |job, hidden| Request::Grade {
            job,
            task: task.clone(),
            seed: 7,
            hidden,
        };
        let blobs = || vec![wasm.clone(), Vec::new(), wasm.clone()];
        let prepared_again = |replies: &[Envelope<Reply>]| {
            replies.iter().any(|r| {
                matches!(
                    r.header,
                    Reply::Progress {
                        phase: Phase::Reference,
                        ..
                    }
                )
            })
        };
        assert!(prepared_again(&handle(
            &mut engine,
            grade(1, None),
            blobs()
        )));
        // Other options than the cached preparation's: prepared again.
        assert!(prepared_again(&handle(
            &mut engine,
            grade(2, Some(0)),
            blobs()
        )));
        assert!(!prepared_again(&handle(
            &mut engine,
            grade(3, Some(0)),
            blobs()
        )));
        // Two hidden cases need the generator, which this task's empty module is not.
        let replies = handle(&mut engine, grade(4, Some(2)), blobs());
        assert!(
            matches!(
                replies.last().map(|r| &r.header),
                Some(Reply::Failed { job: 4, .. })
            ),
            "{replies:?}"
        );
    }

    #[test]
    fn a_broken_request_fails_its_job() {
        let mut engine = Engine::new();
        let mut replies = Vec::new();
        let request = Envelope {
            header: Request::Grade {
                job: 5,
                task: TaskText {
                    id: "x".into(),
                    task_toml: "not toml [".into(),
                    spec: String::new(),
                },
                seed: 1,
                hidden: None,
            },
            blobs: vec![Vec::new(), Vec::new(), Vec::new()],
        };
        engine.handle(request, &mut |r| replies.push(r.header));
        assert!(
            matches!(&replies[..], [Reply::Failed { job: 5, error }] if error.contains("x/task.toml")),
            "{replies:?}"
        );
    }
}
