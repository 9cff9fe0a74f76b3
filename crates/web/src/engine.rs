//! What the worker does with a request: a thin layer over `replica-judge`, free of
//! browser APIs so it runs (and is tested) natively too. The worker binary only moves
//! messages in and out, and fetches language runtimes ([`Engine::runtime_needed`]).

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::Arc;

use replica_judge::runtimes::{Built, Language};
use replica_judge::sandbox::{self, Ending, Module, Node, Outcome};
use replica_judge::task::Case;
use replica_judge::{
    Candidate, Event, GradeOptions, Prepared, Progress, Report, Runtime, SubmissionRef, TaskBundle,
};

use crate::protocol::{
    Envelope, Phase, Program, Reply, Request, RunInfo, Runs, TRY_SHOWN_BYTES, TaskText,
};

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
    /// The language runtimes loaded so far, by language name; each keeps its compiled
    /// module, so only the first program of a language pays for compiling it.
    runtimes: BTreeMap<&'static str, Runtime>,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    /// The language whose runtime `request` needs and the engine lacks: the worker loads
    /// it ([`Engine::add_runtime`]) before handing the request over.
    pub fn runtime_needed(&self, request: &Request) -> Option<Language> {
        let language = Language::from_name(request.program()?.runtime_language()?)?;
        (language.has_runtime() && !self.runtimes.contains_key(language.name())).then_some(language)
    }

    /// Adds the runtime of `language`, whose manifest entry is `built`, from its module's
    /// bytes.
    ///
    /// # Errors
    /// When the bytes are not the module the manifest names (a stale cache or a partial
    /// rebuild) or the manifest lacks its start-up allowance.
    pub fn add_runtime(
        &mut self,
        language: Language,
        built: &Built,
        module: Vec<u8>,
    ) -> Result<(), String> {
        let runtime = Runtime::from_built(language, built, Arc::new(module))?;
        self.runtimes.insert(language.name(), runtime);
        Ok(())
    }

    /// The loaded runtime of `language` (a name from a request).
    fn runtime(&self, language: &str) -> Result<&Runtime, String> {
        let known = Language::from_name(language)
            .filter(|l| l.has_runtime())
            .ok_or_else(|| {
                format!(
                    "unknown language `{language}`: the playground runs Python, JavaScript and C"
                )
            })?;
        self.runtimes
            .get(known.name())
            .ok_or_else(|| format!("the {} runtime is not loaded", known.title()))
    }

    /// Handles one request, posting progress and exactly one final reply through `post`.
    pub fn handle(&mut self, message: Envelope<Request>, post: &mut dyn FnMut(Envelope<Reply>)) {
        let Envelope { header, blobs } = message;
        let mut blobs = blobs.into_iter();
        let job = header.job();
        let reply = match header {
            Request::Run {
                task,
                args,
                files,
                env,
                ..
            } => run(job, &task, args, files, env, &mut blobs),
            Request::Grade {
                task,
                seed,
                hidden,
                program,
                ..
            } => self.grade(
                job,
                &task,
                GradeOptions {
                    seed,
                    hidden,
                    engine: sandbox::Engine::default(),
                },
                &program,
                &mut blobs,
                post,
            ),
            Request::Try {
                task,
                args,
                files,
                program,
                ..
            } => self.try_program(job, &task, args, files, &program, &mut blobs),
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
        program: &Program,
        blobs: &mut impl Iterator<Item = Vec<u8>>,
        post: &mut dyn FnMut(Envelope<Reply>),
    ) -> Result<Envelope<Reply>, String> {
        let bundle = bundle(task, blobs)?;
        let submission = blobs.next().ok_or("no submission in the request")?;
        // A missing runtime is the request's fault, found before any preparation.
        if let Some(language) = program.runtime_language() {
            self.runtime(language)?;
        }
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
        let report = grade_program(
            prepared,
            program,
            &submission,
            |language| self.runtime(language),
            &mut on,
        )?;
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

/// Grades `blob` as `program` says, exactly as the CLI grades the same submission.
fn grade_program<'r>(
    prepared: &Prepared,
    program: &Program,
    blob: &[u8],
    runtime: impl Fn(&str) -> Result<&'r Runtime, String>,
    on: &mut dyn FnMut(Event) -> ControlFlow<()>,
) -> Result<Report, String> {
    let cancelled = |e: sandbox::Cancelled| e.to_string();
    let candidate = match program {
        Program::Wasm => Candidate::Wasm(blob),
        Program::Source { language } => Candidate::Source {
            runtime: runtime(language)?,
            source: blob,
        },
        Program::Compiled { language, compiler } => Candidate::Compiled {
            wasm: blob,
            language,
            compiler,
        },
        Program::CompileError {
            language,
            compiler,
            message,
        } => {
            // As `replica grade` does with C that does not compile: CE on every case,
            // the source's digest and the compiler's message.
            let mut report =
                replica_judge::grade_sliced(prepared, &[], SLICE_FUEL, on).map_err(cancelled)?;
            report.submission = SubmissionRef {
                digest: replica_judge::digest(blob),
                bytes: blob.len() as u64,
                language: Some(language.clone()),
                runtime: Some(compiler.clone()),
            };
            report.compile_error = Some(message.clone());
            return Ok(report);
        }
    };
    replica_judge::grade_candidate_sliced(prepared, candidate, SLICE_FUEL, on).map_err(cancelled)
}

impl Engine {
    /// Runs the reference and `program` on the same custom input and compares them as a
    /// case would be compared.
    fn try_program(
        &mut self,
        job: u32,
        task: &TaskText,
        args: Vec<String>,
        names: Vec<String>,
        program: &Program,
        blobs: &mut impl Iterator<Item = Vec<u8>>,
    ) -> Result<Envelope<Reply>, String> {
        let bundle = bundle(task, blobs)?;
        let (case, blob) = custom_case(args, names, blobs)?;
        let input = replica_judge::case_input(&bundle.task.program, &case, 0);
        let budget = bundle.budget();
        let reference = Module::new(&bundle.reference, &budget)
            .map_err(|e| format!("the reference does not load: {e}"))?
            .run(&input, &budget);
        let ran = match program {
            Program::CompileError { message, .. } => Err(message.clone()),
            Program::Wasm | Program::Compiled { .. } => Module::new(&blob, &budget)
                .map(|module| module.run(&input, &budget))
                .map_err(|e| e.to_string()),
            Program::Source { language } => {
                let runtime = self.runtime(language)?;
                let module = runtime.module(&budget, sandbox::Engine::default());
                match &*module {
                    Ok(module) => {
                        let input = runtime.input(input.clone(), &runtime.run, &blob);
                        Ok(module.run(&input, &runtime.check_budget(&budget)))
                    }
                    Err(e) => Err(format!("the {language} runtime does not load: {e}")),
                }
            }
        };
        let mut blobs = Vec::new();
        let reference_info = shown(&reference, &case.files, &mut blobs);
        let (program_info, verdict) = match &ran {
            Ok(outcome) => {
                let verdict =
                    replica_judge::compare_outcomes(&bundle.task.compare, &reference, outcome);
                (shown(outcome, &case.files, &mut blobs), Ok(verdict))
            }
            Err(message) => {
                blobs.extend([Vec::new(), Vec::new()]);
                (RunInfo::default(), Err(message.clone()))
            }
        };
        let (verdict, channels, diff, compile_error) = match verdict {
            Ok((verdict, channels, diff)) => (
                Some(verdict),
                channels,
                diff.map(|d| serde_json::to_string(&d).expect("diffs serialize")),
                None,
            ),
            Err(message) => (None, Vec::new(), None, Some(message)),
        };
        Ok(Envelope {
            header: Reply::Tried {
                job,
                reference: reference_info,
                program: program_info,
                verdict: verdict.map(|v| format!("{v:?}")),
                channels,
                diff,
                compile_error,
            },
            blobs,
        })
    }
}

/// The custom case of a request (stdin, then the named files) and the program blob after
/// them.
fn custom_case(
    args: Vec<String>,
    names: Vec<String>,
    blobs: &mut impl Iterator<Item = Vec<u8>>,
) -> Result<(Case, Vec<u8>), String> {
    let stdin = blobs.next().unwrap_or_default();
    let mut files = BTreeMap::new();
    for name in names {
        if !replica_judge::task::is_tree_path(&name) {
            return Err(format!("`{name}` is not a valid file path"));
        }
        files.insert(name, blobs.next().unwrap_or_default());
    }
    let program = blobs.next().ok_or("no program in the request")?;
    let case = Case {
        name: "custom".into(),
        args,
        stdin,
        env: BTreeMap::new(),
        files,
    };
    Ok((case, program))
}

/// What the page is shown of a run: its summary, and its outputs and written files
/// appended to `blobs` (outputs cut at [`TRY_SHOWN_BYTES`]).
fn shown(
    outcome: &Outcome,
    inputs: &BTreeMap<String, Vec<u8>>,
    blobs: &mut Vec<Vec<u8>>,
) -> RunInfo {
    let cut = |bytes: &[u8]| bytes[..bytes.len().min(TRY_SHOWN_BYTES)].to_vec();
    blobs.push(cut(&outcome.stdout));
    blobs.push(cut(&outcome.stderr));
    let mut files = Vec::new();
    for (path, node) in &outcome.files.entries {
        if let Node::File(contents) = node
            && inputs.get(path) != Some(contents)
        {
            files.push(path.clone());
            blobs.push(cut(contents));
        }
    }
    RunInfo {
        ending: replica_judge::describe_ending(outcome),
        exit_code: match outcome.ending {
            Ending::Exited(code) => Some(code),
            _ => None,
        },
        fuel: outcome.fuel_used,
        files,
        stdout_bytes: outcome.stdout.len() as u64,
        stderr_bytes: outcome.stderr.len() as u64,
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
    use replica_judge::Verdict;

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
            program: Program::Wasm,
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
            program: Program::Wasm,
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
            program: Program::Wasm,
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

    /// A stand-in for a language runtime: reads the program from `/.replica/program`
    /// (preopen 4); checking (an environment variable set, as QuickJS's check has) fails
    /// with `bad program` on stderr when it starts with `!`; running writes the program,
    /// then stdin, to stdout.
    const TOY_RUNTIME: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 100) "program")
  (data (i32.const 200) "bad program\n")
  (func $slurp (param $fd i32) (result i32)
    (local $len i32)
    (loop $more
      (i32.store (i32.const 0) (i32.add (i32.const 16384) (local.get $len)))
      (i32.store (i32.const 4) (i32.const 4096))
      (drop (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
      (if (i32.load (i32.const 8))
        (then
          (local.set $len (i32.add (local.get $len) (i32.load (i32.const 8))))
          (br $more))))
    (local.get $len))
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (local $n i32)
    (if (call $path_open (i32.const 4) (i32.const 0) (i32.const 100) (i32.const 7)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 12))
      (then (call $proc_exit (i32.const 70))))
    (local.set $n (call $slurp (i32.load (i32.const 12))))
    (drop (call $environ_sizes (i32.const 20) (i32.const 24)))
    (if (i32.load (i32.const 20))
      (then
        (if (i32.eq (i32.load8_u (i32.const 16384)) (i32.const 33))
          (then
            (call $write (i32.const 2) (i32.const 200) (i32.const 12))
            (call $proc_exit (i32.const 1))))
        (call $proc_exit (i32.const 0))))
    (call $write (i32.const 1) (i32.const 16384) (local.get $n))
    (local.set $n (call $slurp (i32.const 0)))
    (call $write (i32.const 1) (i32.const 16384) (local.get $n))))"#;

    /// The toy runtime as the JavaScript one, with its manifest entry.
    fn toy_runtime() -> (Vec<u8>, Built) {
        let module = wat::parse_str(TOY_RUNTIME).unwrap();
        let built = Built {
            name: "toy".into(),
            version: "1".into(),
            file: "toy-1.wasm".into(),
            digest: replica_judge::digest(&module),
            bytes: module.len() as u64,
            startup_fuel: Some(1_000),
        };
        (module, built)
    }

    fn javascript() -> Program {
        Program::Source {
            language: "javascript".into(),
        }
    }

    fn report_of(replies: &[Envelope<Reply>]) -> String {
        match replies.last().map(|r| &r.header) {
            Some(Reply::Graded { report, .. }) => report.clone(),
            other => panic!("not graded: {other:?}"),
        }
    }

    #[test]
    fn source_programs_grade_on_their_runtime_as_the_judge_grades_them() {
        let (task, wasm) = echo();
        let mut engine = Engine::new();
        let grade = |job, program: &[u8]| Envelope {
            header: Request::Grade {
                job,
                task: task.clone(),
                seed: 7,
                hidden: None,
                program: javascript(),
            },
            blobs: vec![wasm.clone(), Vec::new(), program.to_vec()],
        };
        // The worker loads the runtime first, once.
        assert_eq!(
            engine.runtime_needed(&grade(1, b"").header),
            Some(Language::JavaScript)
        );
        let (module, built) = toy_runtime();
        engine
            .add_runtime(Language::JavaScript, &built, module.clone())
            .unwrap();
        assert_eq!(engine.runtime_needed(&grade(1, b"").header), None);

        // An empty program echoes stdin, as the reference does.
        let mut replies = Vec::new();
        engine.handle(grade(1, b""), &mut |r| replies.push(r));
        let json = report_of(&replies);
        let report: Report = serde_json::from_str(&json).unwrap();
        assert!(report.solved, "{json}");
        assert_eq!(report.submission.language.as_deref(), Some("javascript"));
        let runtime = report.submission.runtime.as_ref().unwrap();
        assert_eq!(runtime.name.as_str(), "toy");

        // The same bytes through the judge directly: the same report, byte for byte.
        let bundle = bundle(&task, &mut vec![wasm.clone(), Vec::new()].into_iter()).unwrap();
        let options = GradeOptions {
            seed: 7,
            hidden: None,
            engine: sandbox::Engine::default(),
        };
        let prepared = replica_judge::prepare(&bundle, options, &mut |_| {}).unwrap();
        let runtime = Runtime::from_built(Language::JavaScript, &built, Arc::new(module)).unwrap();
        let direct = replica_judge::grade_candidate(
            &prepared,
            Candidate::Source {
                runtime: &runtime,
                source: b"",
            },
            &mut |_| {},
        );
        assert_eq!(serde_json::to_string(&direct).unwrap(), json);

        // A program the runtime's check rejects: CE with its message.
        let mut replies = Vec::new();
        engine.handle(grade(2, b"!oops"), &mut |r| replies.push(r));
        let report: Report = serde_json::from_str(&report_of(&replies)).unwrap();
        assert!(report.cases.iter().all(|c| c.verdict == Verdict::CE));
        let error = report.compile_error.unwrap();
        assert!(error.contains("bad program"), "{error}");
    }

    #[test]
    fn a_runtime_that_is_not_the_manifests_is_refused() {
        let (module, mut built) = toy_runtime();
        built.digest = "sha256:00".into();
        let error = Engine::new()
            .add_runtime(Language::Python, &built, module)
            .unwrap_err();
        assert!(error.contains("cargo xtask runtimes"), "{error}");
    }

    #[test]
    fn an_unknown_language_fails_its_job_clearly() {
        let (task, wasm) = echo();
        let mut engine = Engine::new();
        let request = Request::Grade {
            job: 3,
            task,
            seed: 1,
            hidden: None,
            program: Program::Source {
                language: "ruby".into(),
            },
        };
        assert_eq!(engine.runtime_needed(&request), None);
        let replies = handle(
            &mut engine,
            request,
            vec![wasm, Vec::new(), b"puts 1".to_vec()],
        );
        assert!(
            matches!(&replies[..], [Envelope { header: Reply::Failed { job: 3, error }, .. }]
                if error.contains("unknown language `ruby`")),
            "{replies:?}"
        );
    }

    #[test]
    fn c_that_did_not_compile_grades_as_ce_with_the_compilers_message() {
        let (task, wasm) = echo();
        let compiler = replica_judge::RuntimeRef {
            name: "clang".into(),
            version: "22.1.0".into(),
            digest: Some("sha256:11".into()),
        };
        let request = Request::Grade {
            job: 4,
            task,
            seed: 1,
            hidden: None,
            program: Program::CompileError {
                language: "c".into(),
                compiler: compiler.clone(),
                message: "main.c:1:1: error: nope".into(),
            },
        };
        let source = b"int main( {".to_vec();
        let replies = handle(
            &mut Engine::new(),
            request,
            vec![wasm, Vec::new(), source.clone()],
        );
        let report: Report = serde_json::from_str(&report_of(&replies)).unwrap();
        assert_eq!(
            report.compile_error.as_deref(),
            Some("main.c:1:1: error: nope")
        );
        assert!(report.cases.iter().all(|c| c.verdict == Verdict::CE));
        assert_eq!(report.submission.digest, replica_judge::digest(&source));
        assert_eq!(report.submission.language.as_deref(), Some("c"));
        assert_eq!(report.submission.runtime, Some(compiler));
    }

    #[test]
    fn try_runs_a_program_beside_the_reference() {
        let (task, wasm) = echo();
        let mut engine = Engine::new();
        let (module, built) = toy_runtime();
        engine
            .add_runtime(Language::JavaScript, &built, module)
            .unwrap();
        let try_it = |engine: &mut Engine, program: &[u8]| {
            let request = Request::Try {
                job: 5,
                task: task.clone(),
                args: vec![],
                files: vec![],
                program: javascript(),
            };
            let blobs = vec![
                wasm.clone(),
                Vec::new(),
                b"hi
"
                .to_vec(),
                program.to_vec(),
            ];
            let mut replies = handle(engine, request, blobs);
            assert_eq!(replies.len(), 1, "{replies:?}");
            replies.pop().unwrap()
        };
        let Envelope { header, blobs } = try_it(&mut engine, b"");
        let Reply::Tried {
            verdict,
            channels,
            diff,
            ..
        } = header
        else {
            panic!("{header:?}")
        };
        assert_eq!(
            (verdict.as_deref(), channels.len(), diff),
            (Some("AC"), 0, None)
        );
        // Reference stdout and stderr, then the program's.
        assert_eq!(
            blobs,
            [
                b"hi
"
                .to_vec(),
                Vec::new(),
                b"hi
"
                .to_vec(),
                Vec::new()
            ]
        );

        let Envelope { header, blobs } = try_it(&mut engine, b"x:");
        let Reply::Tried {
            verdict,
            channels,
            diff,
            program,
            ..
        } = header
        else {
            panic!("{header:?}")
        };
        assert_eq!(verdict.as_deref(), Some("WA"));
        assert_eq!(channels, ["stdout"]);
        let diff: replica_judge::CaseDiff = serde_json::from_str(&diff.unwrap()).unwrap();
        assert!(diff.stdout.is_some());
        assert_eq!(blobs[2], b"x:hi\n");
        assert_eq!(
            (program.ending.as_str(), program.stdout_bytes),
            ("exit 0", 5)
        );
    }

    #[test]
    fn try_shows_a_compile_error_instead_of_a_run() {
        let (task, wasm) = echo();
        let request = Request::Try {
            job: 6,
            task,
            args: vec![],
            files: vec![],
            program: Program::CompileError {
                language: "c".into(),
                compiler: replica_judge::RuntimeRef {
                    name: "clang".into(),
                    version: "22.1.0".into(),
                    digest: None,
                },
                message: "main.c: error".into(),
            },
        };
        let replies = handle(
            &mut Engine::new(),
            request,
            vec![wasm, Vec::new(), b"in".to_vec(), b"int".to_vec()],
        );
        let [
            Envelope {
                header:
                    Reply::Tried {
                        verdict: None,
                        compile_error: Some(e),
                        ..
                    },
                blobs,
            },
        ] = &replies[..]
        else {
            panic!("{replies:?}")
        };
        assert_eq!(e, "main.c: error");
        assert_eq!(blobs[0], b"in");
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
                program: Program::Wasm,
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
