"""Replica for models and RL trainers.

Replication tasks (reproduce a reference program's behaviour exactly), graded in a
deterministic WebAssembly sandbox, from Python::

    import replica
    wc = replica.task("wc")
    print(wc.spec)                                    # the behaviour to replicate
    wc.run_reference(args=["-l"], stdin=b"a\\nb\\n")   # the oracle
    prepared = wc.prepare(seed=42)                    # hidden cases drawn once
    report = prepared.grade(source, language="c")     # a replica.report/1 dict
    reward = 1.0 if report["solved"] else 0.0         # train on `solved`

Every call that builds, runs or grades releases the GIL. A candidate that misbehaves
(does not compile, traps, loops) is a verdict in the report, never an exception; an
exception (`HarnessError`, `UnavailableError`, ...) is a fault of the harness or the
request and must never become a reward of 0.

Adapters: `replica.rewards` (verl's `compute_score` and a TRL reward function),
`replica.env` (a Gymnasium-style text environment over the agent tools) and
`replica.ray` (grading on a Ray cluster). See docs/agents.md.
"""

from ._replica import (
    CompileError,
    HarnessError,
    Prepared,
    RefusedError,
    ReplicaError,
    Session,
    Task,
    UnavailableError,
    UnknownTaskError,
    __version__,
    build,
    task,
    tasks,
)

#: The keys of `metrics(report)`. Train on `solved`; the rest are for dashboards.
METRICS = (
    "solved",
    "pass_rate",
    "visible_pass_rate",
    "hidden_pass_rate",
    "accepted",
    "total",
    "compile_error",
)


def metrics(report):
    """The numbers of a report worth logging, as a flat dict of floats.

    `solved` (1.0 or 0.0) is the reward to train on: partial credit (`pass_rate`)
    rewards programs that are right on easy cases and wrong on the rest, which is not
    replication. `pass_rate`, `visible_pass_rate`, `hidden_pass_rate` and the verdict
    counts (`verdict/AC`, `verdict/WA`, ...) are metrics.
    """
    cases = report["cases"]
    visible = [c for c in cases if not c["hidden"]]
    hidden = [c for c in cases if c["hidden"]]

    def rate(group):
        return sum(c["verdict"] == "AC" for c in group) / len(group) if group else 0.0

    out = {
        "solved": 1.0 if report["solved"] else 0.0,
        "pass_rate": float(report["reward"]),
        "visible_pass_rate": rate(visible),
        "hidden_pass_rate": rate(hidden),
        "accepted": float(report["accepted"]),
        "total": float(report["total"]),
        "compile_error": 1.0 if report.get("compile_error") else 0.0,
    }
    for verdict in ("AC", "WA", "TLE", "MLE", "OLE", "RE", "CE"):
        out["verdict/" + verdict] = float(sum(c["verdict"] == verdict for c in cases))
    return out


__all__ = [
    "CompileError",
    "HarnessError",
    "METRICS",
    "Prepared",
    "RefusedError",
    "ReplicaError",
    "Session",
    "Task",
    "UnavailableError",
    "UnknownTaskError",
    "__version__",
    "build",
    "metrics",
    "task",
    "tasks",
]
