"""Figures for `cargo xtask bench` (figure 7, models and RL), printed as one JSON object:

    python bench_agents.py PACK REPLICA [--runs N] [--cases N] [--ray-grades N]

- `python_reference_s`, `python_candidate_s`: the 1,000 tiny `wc` cases of figure 2
  (the same task.toml, so the same cases), `Task.prepare` and `Prepared.grade` through
  the Python package, medians of N runs;
- `mcp_run_reference_s`: the round trip of one `run_reference` call to `replica mcp`
  over stdio with the official Python client, median of 200 calls;
- `ray_grades_per_s_1`, `ray_grades_per_s_2`: grades a second of a local Ray cluster
  (127.0.0.1, 2 CPUs) with 1 and 2 grading actors, each grade being the 1,000 tiny cases.

PACK is the site's task pack (target/site/tasks), REPLICA the CLI binary. `cargo xtask
bench` runs it in a network namespace whose only interface is loopback, so the Ray
cluster binds to 127.0.0.1.
"""

import argparse
import asyncio
import json
import os
import pathlib
import statistics
import tempfile
import time

import replica

ARGS = [[], ["-l"], ["-w"], ["-c"], ["-lw"]]
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]


def tiny_task_toml(original, cases):
    """crates/cli/examples/grade-throughput.rs's rewrite, byte for byte."""
    head = original.split("\n[[case]]")[0]
    out = []
    for line in head.split("\n"):
        stripped = line.lstrip()
        out.append("hidden = 0" if stripped.startswith(("hidden ", "hidden=")) else line)
    text = "\n".join(out)
    if not text.endswith("\n"):
        text += "\n"
    for i in range(cases):
        args = ", ".join(json.dumps(a) for a in ARGS[i % 5])
        stdin = f"{WORDS[i % 8]} {WORDS[(i // 8) % 8]} {i}\n{WORDS[(i // 64) % 8]}\n"
        text += f'\n[[case]]\nname = "tiny {i}"\nargs = [{args}]\nstdin = {json.dumps(stdin)}\n'
    return text


def timed(f):
    start = time.perf_counter()
    value = f()
    return time.perf_counter() - start, value


async def mcp_round_trip(replica_bin, tasks, calls):
    from mcp import ClientSession, StdioServerParameters, stdio_client

    with tempfile.TemporaryDirectory() as tmp:
        params = StdioServerParameters(
            command=replica_bin,
            args=["mcp", "--tasks", tasks, "--author", "model:bench", "--log", f"{tmp}/log.jsonl"],
        )
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                arguments = {"task": "wc", "args": ["-l"], "stdin": "a\nb\n"}
                await session.call_tool("run_reference", arguments)
                times = []
                for _ in range(calls):
                    start = time.perf_counter()
                    result = await session.call_tool("run_reference", arguments)
                    times.append(time.perf_counter() - start)
                    assert not result.is_error
                return statistics.median(times)


def ray_rate(task, wasm, workers, grades):
    from replica.ray import GradingPool

    pool = GradingPool([task], seed=1, hidden=0, workers=workers)
    try:
        pool.grade([(task.id, wasm, None)] * workers)  # actors started, tasks prepared
        seconds, reports = timed(lambda: pool.grade([(task.id, wasm, None)] * grades))
    finally:
        pool.shutdown()
    assert all('"solved":true' in r for r in reports)
    return grades / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pack")
    parser.add_argument("replica")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--ray-grades", type=int, default=16)
    options = parser.parse_args()
    pack = pathlib.Path(options.pack) / "wc"
    original = (pack / "task.toml").read_text()
    task = replica.Task.from_parts(
        tiny_task_toml(original, options.cases),
        "",
        (pack / "reference.wasm").read_bytes(),
        (pack / "generator.wasm").read_bytes(),
    )
    wasm = (pack / "examples/correct.wasm").read_bytes()
    reference_times, candidate_times = [], []
    for _ in range(options.runs):
        seconds, prepared = timed(lambda: task.prepare(seed=1))
        assert prepared.cases == options.cases
        reference_times.append(seconds)
        seconds, report = timed(lambda: prepared.grade(wasm))
        assert report["solved"]
        candidate_times.append(seconds)
    out = {
        "cases": options.cases,
        "digest": task.digest,
        "python_reference_s": statistics.median(reference_times),
        "python_candidate_s": statistics.median(candidate_times),
    }
    tasks_dir = str(pathlib.Path(__file__).resolve().parents[3] / "tasks")
    out["mcp_run_reference_s"] = asyncio.run(mcp_round_trip(options.replica, tasks_dir, 200))

    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    import ray

    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING", configure_logging=False)
    try:
        for workers in (1, 2):
            out[f"ray_grades_per_s_{workers}"] = ray_rate(task, wasm, workers, options.ray_grades)
    finally:
        ray.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
