//! Grading: prepare a task once (cases and the reference's outcomes), then grade any number
//! of submissions against it.

use crate::parallel::{MaybeSend, MaybeSync};
use std::ops::ControlFlow;

use replica_sandbox::{Budget, Cancelled, Ending, Engine, Input, Module, Outcome, Pause, Tree};
use replica_task::{Case, Channel};

use crate::limits::{FuelPolicy, RuntimeAllowance};
use crate::submission::{Candidate, Runtime};
use crate::{
    CaseDiff, CaseReport, ExitDiff, Fuel, FuelLimit, InputSummary, Report, SCHEMA, SubmissionRef,
    TaskBundle, TaskRef, VERSION, Verdict, diff_streams, diff_trees,
};

/// Choices made at grading time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeOptions {
    /// Seeds the generator (hidden cases) and every run's `random_get`.
    pub seed: u64,
    /// How many hidden cases to draw; `None` uses the task's `hidden`.
    pub hidden: Option<u32>,
    /// The engine every module runs on. It changes how fast grading is, never the report:
    /// every engine gives the same outcome (see [`replica_sandbox::Engine`]).
    pub engine: Engine,
}

/// Where grading is, for progress bars: `done` of `total` runs finished in the current phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Running the reference on every case.
    Reference {
        /// Runs finished.
        done: usize,
        /// Runs in this phase.
        total: usize,
    },
    /// Running the candidate on every case.
    Candidate {
        /// Runs finished.
        done: usize,
        /// Runs in this phase.
        total: usize,
    },
}

/// What sliced grading ([`prepare_sliced`], [`grade_sliced`]) tells its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A run finished, as [`Progress`] reports for unsliced grading.
    Progress(Progress),
    /// A run paused after a slice of fuel. `at` counts the runs finished in this phase, so
    /// the paused run is number `done + 1`; `pause` says how much fuel it has used.
    Paused {
        /// Runs finished before this one.
        at: Progress,
        /// Fuel used so far by the paused run, and its budget.
        pause: Pause,
    },
}

/// Why sliced preparation stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrepareError {
    /// The task or harness is at fault (see [`prepare`]).
    Harness(HarnessError),
    /// The caller's callback asked to stop.
    Cancelled,
}

impl std::fmt::Display for PrepareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrepareError::Harness(error) => error.fmt(f),
            PrepareError::Cancelled => Cancelled.fmt(f),
        }
    }
}

impl std::error::Error for PrepareError {}

/// How the judge runs every guest: in one go, or in slices of `slice` fuel with `on`
/// hearing of each pause. `on` hears of every finished run either way; returning `Break`
/// from it cancels.
struct Runner<'a> {
    slice: Option<u64>,
    on: &'a mut dyn FnMut(Event) -> ControlFlow<()>,
}

impl Runner<'_> {
    /// Runs `module` on `input`; `at` is where the phase stands, for pause events.
    fn run(
        &mut self,
        module: &Module,
        input: &Input,
        budget: &Budget,
        at: Progress,
    ) -> Result<Outcome, Cancelled> {
        match self.slice {
            None => Ok(module.run(input, budget)),
            Some(slice) => module.run_sliced(input, budget, slice, &mut |pause| {
                (self.on)(Event::Paused { at, pause })
            }),
        }
    }

    /// Runs `module` on cases `0..total`, each with the input and budget `case` gives,
    /// and turns each outcome into a `T` with `then`; stops after the first `T` that
    /// `stop` is true of (in case order), which is the last element returned. `phase`
    /// makes the progress events. Unsliced, the cases run on [`crate::threads`] threads;
    /// the results are in case order whatever the number, so they never depend on it.
    fn cases<T: MaybeSend>(
        &mut self,
        module: &Module,
        total: usize,
        phase: fn(usize, usize) -> Progress,
        case: impl Fn(usize) -> (Input, Budget) + MaybeSync,
        then: impl Fn(usize, Outcome) -> T + MaybeSync,
        stop: impl Fn(&T) -> bool + MaybeSync,
    ) -> Result<Vec<T>, Cancelled> {
        if self.slice.is_some() {
            let mut results = Vec::with_capacity(total);
            for done in 0..total {
                let (input, budget) = case(done);
                let outcome = self.run(module, &input, &budget, phase(done, total))?;
                let result = then(done, outcome);
                let stopped = stop(&result);
                results.push(result);
                if stopped {
                    break;
                }
                self.progress(phase(done + 1, total))?;
            }
            return Ok(results);
        }
        let mut done = 0;
        let mut cancelled = false;
        let results = crate::parallel::map(
            total,
            crate::parallel::threads(),
            |index| {
                let (input, budget) = case(index);
                then(index, module.run(&input, &budget))
            },
            &stop,
            &mut |_| {
                done += 1;
                cancelled |= self.progress(phase(done, total)).is_err();
            },
        );
        if cancelled {
            return Err(Cancelled);
        }
        let mut ordered = Vec::with_capacity(total);
        for result in results {
            let Some(result) = result else { break };
            let stopped = stop(&result);
            ordered.push(result);
            if stopped {
                break;
            }
        }
        Ok(ordered)
    }

    fn progress(&mut self, progress: Progress) -> Result<(), Cancelled> {
        match (self.on)(Event::Progress(progress)) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(Cancelled),
        }
    }
}

/// A [`Runner`] that runs in one go and passes finished runs to `progress`.
fn unsliced(progress: &mut dyn FnMut(Progress)) -> impl FnMut(Event) -> ControlFlow<()> + '_ {
    move |event| {
        if let Event::Progress(p) = event {
            progress(p);
        }
        ControlFlow::Continue(())
    }
}

/// A fault of the task or the harness, never of the candidate: the generator failed, the
/// reference did not exit on a case, or the reference or generator module does not load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HarnessError {
    /// The generator does not load, does not exit 0, or prints something other than
    /// the JSON array of cases asked for.
    Generator(String),
    /// The reference does not load.
    ReferenceLoad(String),
    /// The reference did not exit normally on a case.
    Reference {
        /// The case's name.
        case: String,
        /// How the run ended, with the head of its stderr.
        why: String,
    },
}

impl std::fmt::Display for HarnessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HarnessError::Generator(why) => write!(f, "the task's generator failed: {why}"),
            HarnessError::ReferenceLoad(why) => {
                write!(f, "the task's reference does not load: {why}")
            }
            HarnessError::Reference { case, why } => {
                write!(f, "the task's reference failed on case `{case}`: {why}")
            }
        }
    }
}

impl std::error::Error for HarnessError {}

/// One case with the reference's outcome on it.
#[derive(Debug, Clone)]
pub struct PreparedCase {
    /// The case.
    pub case: Case,
    /// Drawn from the generator rather than listed in `task.toml`.
    pub hidden: bool,
    /// What the reference did on it; it always ended with [`Ending::Exited`].
    pub expected: Outcome,
}

/// A task ready to grade submissions: cases drawn and the reference's outcomes computed once.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The options it was prepared with.
    pub options: GradeOptions,
    /// Visible cases in file order, then hidden cases in the generator's order.
    pub cases: Vec<PreparedCase>,
    task_id: String,
    digest: String,
    program: String,
    compare: Vec<Channel>,
    budget: Budget,
    hidden: u32,
}

impl Prepared {
    /// The task's id.
    pub fn task_id(&self) -> &str {
        &self.task_id
    }

    /// The bundle's digest (see [`TaskBundle::digest`]).
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The budget the reference's runs got: the task's (see [`TaskBundle::budget`]).
    /// Candidates get the same but for fuel, which [`Prepared::fuel_policy`] sets per case.
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// How the candidate's fuel limit on each case follows from the reference's fuel:
    /// [`crate::limits::K`] and [`crate::limits::FLOOR`], with the task's fuel budget as
    /// the ceiling.
    pub fn fuel_policy(&self) -> FuelPolicy {
        FuelPolicy::for_ceiling(self.budget.fuel)
    }

    /// The budget a candidate with `allowance` gets on case `case`: the task's, with the
    /// fuel limit the reference's fuel there gives (see [`crate::limits`]).
    ///
    /// # Panics
    /// When `case` is not an index into [`Prepared::cases`].
    pub fn candidate_budget(&self, case: usize, allowance: &RuntimeAllowance) -> Budget {
        Budget {
            fuel: crate::limits::candidate_fuel(
                &self.fuel_policy(),
                allowance,
                self.cases[case].expected.fuel_used,
            ),
            ..self.budget
        }
    }

    /// The compared channels, in [`Channel::ALL`] order.
    pub fn compare(&self) -> &[Channel] {
        &self.compare
    }

    /// How many hidden cases were drawn.
    pub fn hidden(&self) -> u32 {
        self.hidden
    }
}

/// `argv[0]` of the generator.
const GENERATOR_PROGRAM: &str = "generator";

/// Bytes of a failing module's stderr quoted in a [`HarnessError`]: enough for a panic
/// message, short enough for one line of a terminal or a toast.
const STDERR_HEAD: usize = 1 << 10;

/// Draws the hidden cases and runs the reference on every case.
///
/// The generator runs once, as `generator SEED COUNT`, when there are hidden cases to
/// draw; then the reference runs on every case, visible cases first, and `progress` hears
/// of each run. Every run gets the bundle's budget and the seed.
///
/// # Errors
/// A [`HarnessError`] when the generator or the reference misbehaves: a module that does
/// not load, a generator that fails or prints the wrong cases, a reference that does not
/// exit normally on some case.
pub fn prepare(
    bundle: &TaskBundle,
    options: GradeOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Prepared, HarnessError> {
    let mut on = unsliced(progress);
    let mut runner = Runner {
        slice: None,
        on: &mut on,
    };
    prepare_with(bundle, options, &mut runner).map_err(|error| match error {
        PrepareError::Harness(error) => error,
        PrepareError::Cancelled => unreachable!("an unsliced run with this callback never stops"),
    })
}

/// [`prepare`], running every guest in slices of `slice` fuel: `on` hears of each pause
/// and each finished run, and may cancel. The result is exactly [`prepare`]'s at any
/// slice size (see [`Module::run_sliced`]).
///
/// # Errors
/// [`PrepareError::Harness`] as [`prepare`]; [`PrepareError::Cancelled`] when `on`
/// returned `Break`.
pub fn prepare_sliced(
    bundle: &TaskBundle,
    options: GradeOptions,
    slice: u64,
    on: &mut dyn FnMut(Event) -> ControlFlow<()>,
) -> Result<Prepared, PrepareError> {
    let mut runner = Runner {
        slice: Some(slice),
        on,
    };
    prepare_with(bundle, options, &mut runner)
}

fn prepare_with(
    bundle: &TaskBundle,
    options: GradeOptions,
    runner: &mut Runner<'_>,
) -> Result<Prepared, PrepareError> {
    let task = &bundle.task;
    let budget = bundle.budget();
    let hidden = options.hidden.unwrap_or(task.hidden);
    let mut cases: Vec<(Case, bool)> = task.cases.iter().map(|c| (c.clone(), false)).collect();
    let total = cases.len() + hidden as usize;
    if hidden > 0 {
        let at = Progress::Reference { done: 0, total };
        let generated = generate(
            bundle,
            &budget,
            options.seed,
            hidden,
            options.engine,
            runner,
            at,
        )?;
        cases.extend(generated.into_iter().map(|case| (case, true)));
    }
    let reference = Module::with_engine(&bundle.reference, &budget, options.engine)
        .map_err(|e| PrepareError::Harness(HarnessError::ReferenceLoad(e.to_string())))?;
    let outcomes = runner
        .cases(
            &reference,
            total,
            |done, total| Progress::Reference { done, total },
            |index| {
                let input = case_input(&task.program, &cases[index].0, options.seed);
                (input, budget)
            },
            |_, outcome| outcome,
            |outcome| !matches!(outcome.ending, Ending::Exited(_)),
        )
        .map_err(|Cancelled| PrepareError::Cancelled)?;
    let mut prepared = Vec::with_capacity(total);
    for ((case, hidden), expected) in cases.into_iter().zip(outcomes) {
        if !matches!(expected.ending, Ending::Exited(_)) {
            return Err(PrepareError::Harness(HarnessError::Reference {
                case: case.name,
                why: failure(&expected),
            }));
        }
        prepared.push(PreparedCase {
            case,
            hidden,
            expected,
        });
    }
    Ok(Prepared {
        options,
        cases: prepared,
        task_id: task.id.clone(),
        digest: bundle.digest.clone(),
        program: task.program.clone(),
        compare: task.compare.clone(),
        budget,
        hidden,
    })
}

/// Runs the generator for `count` cases and checks what it printed.
fn generate(
    bundle: &TaskBundle,
    budget: &Budget,
    seed: u64,
    count: u32,
    engine: Engine,
    runner: &mut Runner<'_>,
    at: Progress,
) -> Result<Vec<Case>, PrepareError> {
    let generator = Module::with_engine(&bundle.generator, budget, engine).map_err(|e| {
        PrepareError::Harness(HarnessError::Generator(format!("it does not load: {e}")))
    })?;
    let input = Input {
        program: GENERATOR_PROGRAM.to_owned(),
        args: vec![seed.to_string(), count.to_string()],
        seed,
        ..Input::default()
    };
    let run = runner
        .run(&generator, &input, budget, at)
        .map_err(|Cancelled| PrepareError::Cancelled)?;
    check_generated(bundle, &run, seed, count).map_err(PrepareError::Harness)
}

/// Checks what the generator printed: `count` cases, none named like a visible case.
fn check_generated(
    bundle: &TaskBundle,
    run: &Outcome,
    seed: u64,
    count: u32,
) -> Result<Vec<Case>, HarnessError> {
    let call = format!("`{GENERATOR_PROGRAM} {seed} {count}`");
    if run.ending != Ending::Exited(0) {
        return Err(HarnessError::Generator(format!(
            "{call} ended with {}",
            failure(run)
        )));
    }
    let cases = replica_task::parse_generated(&run.stdout, &format!("output of {call}"))
        .map_err(|e| HarnessError::Generator(format!("{e}{}", stderr_note(&run.stderr))))?;
    if cases.len() != count as usize {
        return Err(HarnessError::Generator(format!(
            "{call} printed {} cases instead of {count}{}",
            cases.len(),
            stderr_note(&run.stderr)
        )));
    }
    if let Some(case) = cases
        .iter()
        .find(|case| bundle.task.cases.iter().any(|v| v.name == case.name))
    {
        return Err(HarnessError::Generator(format!(
            "{call} printed a case named `{}`, like a visible case",
            case.name
        )));
    }
    Ok(cases)
}

/// How a run that should have exited normally ended, with the head of its stderr.
fn failure(run: &Outcome) -> String {
    format!("{}{}", describe_ending(run), stderr_note(&run.stderr))
}

/// `; stderr: ...` with the head of `stderr`, or nothing when it is empty.
fn stderr_note(stderr: &[u8]) -> String {
    if stderr.is_empty() {
        return String::new();
    }
    let head = String::from_utf8_lossy(&stderr[..stderr.len().min(STDERR_HEAD)]);
    let ellipsis = if stderr.len() > STDERR_HEAD {
        "..."
    } else {
        ""
    };
    format!("; stderr: {}{ellipsis}", head.trim_end())
}

/// How a run ended, in a few words: `exit 0`, `trap: unreachable`, ...
/// How a run ended, in the words reports use: `exit 0`, `trap: unreachable`,
/// `fuel exhausted after N`, `memory limit`, `output limit`. The web app's reference panel
/// uses it too, so a run reads the same everywhere.
pub fn describe_ending(run: &Outcome) -> String {
    match &run.ending {
        Ending::Exited(code) => format!("exit {code}"),
        Ending::FuelExhausted => format!("fuel exhausted after {}", run.fuel_used),
        Ending::MemoryLimit => "memory limit".to_owned(),
        Ending::OutputLimit => "output limit".to_owned(),
        Ending::Trap(trap) => format!("trap: {trap}"),
    }
}

/// Grades one submission, a plain module. Never fails: a module that cannot load gives CE
/// on every case.
///
/// Every case runs with the input and budget the reference had, except for fuel: the
/// candidate's limit on each case follows from the reference's fuel there (see
/// [`crate::limits`]). `progress` hears of each run (or, for a module that does not
/// load, once that every case is done). The report depends only on `prepared` and
/// `submission`: grading the same bytes again gives a report that serializes identically.
pub fn grade(prepared: &Prepared, submission: &[u8], progress: &mut dyn FnMut(Progress)) -> Report {
    grade_candidate(prepared, Candidate::Wasm(submission), progress)
}

/// [`grade`] for any [`Candidate`]: a module, a module compiled from source, or source
/// a language runtime runs: the one grading entry point.
///
/// A runtime's program is checked first (a syntax error is CE on every case, with the
/// runtime's message); the check's fuel is the runtime's start-up allowance on every
/// case, and the runtime's slowdown factor multiplies `k` (see [`Candidate::allowance`]
/// and [`crate::limits`]). Each case then runs the runtime with the program in its
/// read-only `/.replica` preopen (see [`Runtime`]).
pub fn grade_candidate(
    prepared: &Prepared,
    candidate: Candidate<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Report {
    let mut on = unsliced(progress);
    let mut runner = Runner {
        slice: None,
        on: &mut on,
    };
    match grade_with(prepared, candidate, &mut runner) {
        Ok(report) => report,
        Err(Cancelled) => unreachable!("an unsliced run with this callback never stops"),
    }
}

/// [`grade`], running every case in slices of `slice` fuel: `on` hears of each pause and
/// each finished run, and may cancel. The report is exactly [`grade`]'s at any slice size
/// (see [`Module::run_sliced`]).
///
/// # Errors
/// [`Cancelled`] when `on` returned `Break`.
pub fn grade_sliced(
    prepared: &Prepared,
    submission: &[u8],
    slice: u64,
    on: &mut dyn FnMut(Event) -> ControlFlow<()>,
) -> Result<Report, Cancelled> {
    grade_candidate_sliced(prepared, Candidate::Wasm(submission), slice, on)
}

/// [`grade_candidate`] in slices of `slice` fuel, as [`grade_sliced`].
///
/// # Errors
/// [`Cancelled`] when `on` returned `Break`.
pub fn grade_candidate_sliced(
    prepared: &Prepared,
    candidate: Candidate<'_>,
    slice: u64,
    on: &mut dyn FnMut(Event) -> ControlFlow<()>,
) -> Result<Report, Cancelled> {
    let mut runner = Runner {
        slice: Some(slice),
        on,
    };
    grade_with(prepared, candidate, &mut runner)
}

fn grade_with(
    prepared: &Prepared,
    candidate: Candidate<'_>,
    runner: &mut Runner<'_>,
) -> Result<Report, Cancelled> {
    let total = prepared.cases.len();
    // A plain module is compiled for this grade; a runtime's is compiled once and shared.
    let own;
    let shared;
    let (module, runtime, source) = match candidate {
        Candidate::Wasm(wasm) | Candidate::Compiled { wasm, .. } => {
            own = Module::with_engine(wasm, &prepared.budget, prepared.options.engine);
            (&own, None, wasm)
        }
        Candidate::Source { runtime, source } => {
            shared = runtime.module(&prepared.budget, prepared.options.engine);
            (&*shared, Some(runtime), source)
        }
    };
    let (loaded, check_fuel) = match (module, runtime) {
        (Err(e), _) => (Err(e.to_string()), None),
        (Ok(module), Some(runtime)) => {
            let (checked, fuel) = check_source(prepared, module, runtime, source, runner)?;
            (checked, fuel)
        }
        (Ok(module), None) => {
            // About the reference's work over every case: enough of it compiles at once.
            module.expect_fuel(prepared.cases.iter().fold(0u64, |sum, case| {
                sum.saturating_add(case.expected.fuel_used)
            }));
            (Ok(module), None)
        }
    };
    let allowance = candidate.allowance(check_fuel);
    let fuel_limit = FuelLimit::new(prepared.fuel_policy(), allowance);
    let (cases, compile_error) = match loaded {
        Err(why) => {
            let cases = prepared
                .cases
                .iter()
                .map(|case| compile_error_case(case, &fuel_limit))
                .collect();
            runner.progress(Progress::Candidate { done: total, total })?;
            (cases, Some(why))
        }
        Ok(module) => {
            let cases = runner.cases(
                module,
                total,
                |done, total| Progress::Candidate { done, total },
                |index| {
                    let case = &prepared.cases[index];
                    let mut input =
                        case_input(&prepared.program, &case.case, prepared.options.seed);
                    if let Some(runtime) = runtime {
                        input = runtime.input(input, &runtime.run, source);
                    }
                    (input, prepared.candidate_budget(index, &allowance))
                },
                |index, actual| {
                    let limit = prepared.candidate_budget(index, &allowance).fuel;
                    judge_case(prepared, &prepared.cases[index], &actual, limit)
                },
                |_| false,
            )?;
            (cases, None)
        }
    };
    let accepted = cases.iter().filter(|c| c.verdict == Verdict::AC).count();
    // No cases prove nothing: reward 0 and not solved, rather than a vacuous 1.
    let reward = if total == 0 {
        0.0
    } else {
        accepted as f64 / total as f64
    };
    Ok(Report {
        schema: SCHEMA.to_owned(),
        task: TaskRef {
            id: prepared.task_id.clone(),
            digest: prepared.digest.clone(),
        },
        submission: submission_ref(candidate),
        engine: replica_sandbox::ENGINE.to_owned(),
        replica: VERSION.to_owned(),
        seed: prepared.options.seed,
        hidden: prepared.hidden,
        fuel_limit: Some(fuel_limit),
        reward,
        solved: total > 0 && accepted == total,
        accepted: count_u32(accepted),
        total: count_u32(total),
        compile_error,
        cases,
    })
}

/// The outcome of a runtime's check of a program: the module to run every case with, or
/// the message of a program that does not compile; and the check's fuel.
type Checked<'m> = (Result<&'m Module, String>, Option<u64>);

/// Runs a runtime's check of `source` (see [`Runtime::check`]) under the task's fuel
/// budget plus the runtime's measured start-up; a program over
/// [`replica_runtimes::MAX_SOURCE_BYTES`] is CE without running.
fn check_source<'m>(
    prepared: &Prepared,
    module: &'m Module,
    runtime: &Runtime,
    source: &[u8],
    runner: &mut Runner<'_>,
) -> Result<Checked<'m>, Cancelled> {
    // An oversized program is refused unread, with the wording the CLI and editor share.
    if let Some(why) = replica_runtimes::too_large(source.len()) {
        return Ok((Err(why), None));
    }
    let Some(check) = &runtime.check else {
        return Ok((Ok(module), None));
    };
    let input = runtime.input(
        Input {
            program: prepared.program.clone(),
            seed: prepared.options.seed,
            ..Input::default()
        },
        check,
        source,
    );
    let at = Progress::Candidate {
        done: 0,
        total: prepared.cases.len(),
    };
    let outcome = runner.run(module, &input, &runtime.check_budget(&prepared.budget), at)?;
    let fuel = Some(outcome.fuel_used);
    if outcome.ending == Ending::Exited(0) {
        return Ok((Ok(module), fuel));
    }
    let message =
        String::from_utf8_lossy(&outcome.stderr[..outcome.stderr.len().min(STDERR_HEAD * 4)]);
    let mut why = format!(
        "{} ({} {}) rejected the program",
        runtime.language, runtime.name, runtime.version
    );
    match outcome.ending {
        Ending::Exited(_) => {}
        _ => why.push_str(&format!(
            " while checking it: {}",
            describe_ending(&outcome)
        )),
    }
    if !message.trim().is_empty() {
        why.push_str(":\n");
        why.push_str(message.trim_end());
    }
    Ok((Err(why), fuel))
}

/// How the report names `candidate`.
fn submission_ref(candidate: Candidate<'_>) -> SubmissionRef {
    match candidate {
        Candidate::Wasm(wasm) => SubmissionRef {
            digest: crate::digest(wasm),
            bytes: wasm.len() as u64,
            language: None,
            runtime: None,
        },
        Candidate::Compiled {
            wasm,
            language,
            compiler,
        } => SubmissionRef {
            digest: crate::digest(wasm),
            bytes: wasm.len() as u64,
            language: Some(language.to_owned()),
            runtime: Some(compiler.clone()),
        },
        Candidate::Source { runtime, source } => SubmissionRef {
            digest: crate::digest(source),
            bytes: source.len() as u64,
            language: Some(runtime.language.clone()),
            runtime: Some(runtime.reference()),
        },
    }
}

/// A count as written in reports; cases are far fewer than `u32::MAX`.
fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The report of a case the candidate never ran because it does not load.
fn compile_error_case(case: &PreparedCase, fuel_limit: &FuelLimit) -> CaseReport {
    CaseReport {
        name: case.case.name.clone(),
        hidden: case.hidden,
        verdict: Verdict::CE,
        channels: Vec::new(),
        ending: None,
        fuel: Fuel {
            reference: case.expected.fuel_used,
            candidate: None,
            limit: Some(fuel_limit.limit(case.expected.fuel_used)),
        },
        input: InputSummary::new(&case.case),
        diff: None,
    }
}

/// Compares the candidate's run on a case, made under a fuel limit of `limit`, with the
/// reference's and gives the verdict.
fn judge_case(
    prepared: &Prepared,
    case: &PreparedCase,
    actual: &Outcome,
    limit: u64,
) -> CaseReport {
    let expected = &case.expected;
    let (verdict, channels, diff) = compare_outcomes(&prepared.compare, expected, actual);
    CaseReport {
        name: case.case.name.clone(),
        hidden: case.hidden,
        verdict,
        channels,
        ending: Some(describe_ending(actual)),
        fuel: Fuel {
            reference: expected.fuel_used,
            candidate: Some(actual.fuel_used),
            limit: Some(limit),
        },
        input: InputSummary::new(&case.case),
        diff,
    }
}

/// Judges a candidate's run `actual` against the reference's `expected` on the same input,
/// as every case is judged: the verdict, the compared channels that differ, and their diff.
/// The web app's "Run" of a program on custom input shows the same.
pub fn compare_outcomes(
    compare: &[Channel],
    expected: &Outcome,
    actual: &Outcome,
) -> (Verdict, Vec<String>, Option<CaseDiff>) {
    let mut diff = CaseDiff {
        stdout: None,
        stderr: None,
        exit_code: None,
        files: None,
    };
    let mut channels = Vec::new();
    for &channel in compare {
        let differs = match channel {
            Channel::Stdout => {
                diff.stdout = diff_streams(&expected.stdout, &actual.stdout);
                diff.stdout.is_some()
            }
            Channel::Stderr => {
                diff.stderr = diff_streams(&expected.stderr, &actual.stderr);
                diff.stderr.is_some()
            }
            Channel::ExitCode => match expected.exit_code() {
                Some(code) if actual.exit_code() != Some(code) => {
                    diff.exit_code = Some(ExitDiff {
                        expected: code,
                        actual: actual.exit_code(),
                    });
                    true
                }
                // The reference always exits (`prepare` checks it), so `None` cannot happen.
                _ => false,
            },
            Channel::Files => {
                diff.files = tree_diff(&expected.files, &actual.files);
                diff.files.is_some()
            }
        };
        if differs {
            channels.push(channel.name().to_owned());
        }
    }
    let verdict = match actual.ending {
        Ending::Exited(_) if channels.is_empty() => Verdict::AC,
        Ending::Exited(_) => Verdict::WA,
        Ending::FuelExhausted => Verdict::TLE,
        Ending::MemoryLimit => Verdict::MLE,
        Ending::OutputLimit => Verdict::OLE,
        Ending::Trap(_) => Verdict::RE,
    };
    let diff = (!channels.is_empty()).then_some(diff);
    (verdict, channels, diff)
}

/// The entries that differ between two trees, or `None` when they are the same.
fn tree_diff(expected: &Tree, actual: &Tree) -> Option<Vec<crate::FileDiff>> {
    if expected == actual {
        return None;
    }
    // Trees can differ as maps yet hold the same nodes (a directory listed in one and
    // implied in the other); `diff_trees` compares nodes, so it decides.
    let diffs = diff_trees(expected, actual);
    (!diffs.is_empty()).then_some(diffs)
}

/// The sandbox input for `case` of a task whose program is `program`: `argv` is
/// `program` then the case's args, the environment is sorted by name, the case's files
/// make the tree, and `seed` seeds `random_get`.
pub fn case_input(program: &str, case: &Case, seed: u64) -> Input {
    let mut files = Tree::new();
    for (path, bytes) in &case.files {
        files.insert_file(path.clone(), bytes.clone());
    }
    Input {
        program: program.to_owned(),
        args: case.args.clone(),
        // A `BTreeMap` iterates in name order, so the guest sees a sorted environment.
        env: case
            .env
            .iter()
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect(),
        stdin: case.stdin.clone(),
        files,
        seed,
        source: None,
    }
}
