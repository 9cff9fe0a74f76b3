"""A scripted agent (no model) that drives `replica mcp` over stdio with the official
Python MCP client, the way Claude Code, Codex or Inspect would. Run by tests/mcp.rs:

    python mcp_agent.py REPLICA ROOT LOG HOSTILE_DIR

It lists the tools, reads a spec, probes the reference, evaluates a buggy example,
submits the correct one, sends bad input (missing fields, huge stdin, hostile modules,
C that does not compile, an unknown language, a copy of the reference, C and Rust that
would keep the compiler busy for hours, on a second server with a 2-second build time
limit), and runs and
submits Python and JavaScript source (wc's correct-py, and correct-js with a bug put in;
few hidden cases, as a runtime costs ~1.5 s of CPU per Python case), checking after each
that the answer is a clear tool error or a verdict and that the server keeps serving.
Prints one JSON line of what it saw; exits non-zero on the first failed check.
"""

import asyncio
import base64
import json
import pathlib
import sys
import time

from mcp import ClientSession, StdioServerParameters, stdio_client

REPLICA, ROOT, LOG, HOSTILE = sys.argv[1:5]
ROOT = pathlib.Path(ROOT)
HOSTILE = pathlib.Path(HOSTILE)
TOOLS = {"list_tasks", "read_spec", "run_reference", "run_candidate", "evaluate_testcases", "submit"}


def check(condition, what):
    if not condition:
        raise SystemExit(f"mcp_agent: FAILED: {what}")


async def call(session, tool, arguments):
    result = await session.call_tool(tool, arguments)
    text = "".join(getattr(c, "text", "") for c in result.content)
    return bool(result.is_error), text, result.structured_content


async def main():
    params = StdioServerParameters(
        command=REPLICA,
        args=[
            "mcp", "--tasks", str(ROOT / "tasks"), "--author", "model:scripted",
            "--log", LOG, "--seed", "7", "--hidden", "3",
        ],
    )
    seen = {}
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            seen["server"] = init.server_info.name
            tools = await session.list_tools()
            names = {t.name for t in tools.tools}
            check(names == TOOLS, f"tools {sorted(names)}")
            schema = next(t for t in tools.tools if t.name == "submit").input_schema
            check("task" in schema.get("required", []), f"submit's schema requires task: {schema}")

            error, text, tasks = await call(session, "list_tasks", {})
            check(not error and "wc" in [t["id"] for t in tasks["tasks"]], text)

            error, text, spec = await call(session, "read_spec", {"task": "wc"})
            check(not error and spec["program"] == "wc" and "wc" in spec["spec"], text[:200])
            check("reference" not in json.dumps(spec).lower() or "wasm" not in spec, "no module in the spec")

            error, text, run = await call(
                session, "run_reference", {"task": "wc", "args": ["-l"], "stdin": "a\nb\n"}
            )
            check(not error and run["stdout"]["text"] == "2\n" and run["exit_code"] == 0, text)

            buggy = ROOT / "tasks/wc/examples/bug-whitespace"
            error, text, report = await call(session, "evaluate_testcases", {"task": "wc", "path": str(buggy)})
            check(not error and not report["solved"], text[:300])
            wrong = [c for c in report["cases"] if c["verdict"] == "WA"]
            check(wrong and all(not c["hidden"] for c in report["cases"]), "visible cases only, some WA")
            check(any(c.get("diff") for c in wrong), "diffs for wrong answers")
            seen["buggy_visible"] = [report["accepted"], report["total"]]

            correct = ROOT / "tasks/wc/examples/correct"
            error, text, first = await call(session, "submit", {"task": "wc", "path": str(buggy)})
            check(not error and not first["solved"] and first["attempt"] == 1, text)
            error, text, sub = await call(session, "submit", {"task": "wc", "path": str(correct)})
            check(not error and sub["solved"] and sub["attempt"] == 2, text)
            check(sub["hidden"]["total"] == 3 and sub["pass_rate"] == 1.0, text)
            check("seed" not in text and "cases" not in sub and "stdin" not in text, "no seed, no hidden inputs")
            seen["submit"] = {k: sub[k] for k in ("solved", "pass_rate", "visible_pass_rate", "total")}

            # Bad input: each a clear tool error or a verdict, and the server goes on.
            error, text, _ = await call(session, "run_reference", {"args": ["-l"]})
            check(error and "missing field `task`" in text, f"missing task: {text}")
            error, text, _ = await call(session, "read_spec", {"task": "nope"})
            check(error and "no task `nope`" in text and "wc" in text, f"unknown task: {text}")
            error, text, _ = await call(session, "submit", {"task": "wc"})
            check(error and "exactly one of" in text, f"no candidate: {text}")
            error, text, _ = await call(session, "no_such_tool", {})
            check(error and "no tool" in text, f"unknown tool: {text}")
            huge = "x" * (20 << 20)
            error, text, _ = await call(session, "run_reference", {"task": "wc", "stdin": huge})
            check(error and "at most" in text, f"huge stdin: {text[:200]}")

            garbage = base64.b64encode(b"this is not wasm").decode()
            error, text, report = await call(session, "evaluate_testcases", {"task": "wc", "wasm_base64": garbage})
            check(not error and report["compile_error"] and all(c["verdict"] == "CE" for c in report["cases"]), text[:300])
            error, text, _ = await call(session, "run_candidate", {"task": "wc", "wasm_base64": garbage})
            check(error and "does not load" in text, f"garbage run: {text}")

            loop = base64.b64encode((HOSTILE / "loop.wasm").read_bytes()).decode()
            error, text, run = await call(session, "run_candidate", {"task": "wc", "wasm_base64": loop})
            check(not error and run["ending"].startswith("fuel exhausted"), f"loop: {text[:300]}")
            trap = base64.b64encode((HOSTILE / "trap.wasm").read_bytes()).decode()
            error, text, report = await call(session, "evaluate_testcases", {"task": "wc", "wasm_base64": trap})
            check(not error and {c["verdict"] for c in report["cases"]} == {"RE"}, text[:300])

            broken_c = "int main(void) { return undefined_thing; }\n"
            error, text, report = await call(
                session, "evaluate_testcases", {"task": "wc", "source": broken_c, "language": "c"}
            )
            check(not error and "error" in report["compile_error"] and report["accepted"] == 0, text[:300])
            error, text, sub = await call(session, "submit", {"task": "wc", "source": broken_c, "language": "c"})
            check(not error and not sub["solved"] and sub["verdicts"] == {"CE": sub["total"]}, text[:300])

            c_source = (ROOT / "tasks/wc/examples-c/correct-c/main.c").read_text()
            error, text, run = await call(
                session, "run_candidate", {"task": "wc", "source": c_source, "language": "c", "args": ["-w"], "stdin": "a b c\n"}
            )
            check(not error and run["stdout"]["text"] == "3\n", f"C source run: {text[:300]}")

            # Source languages a runtime runs: graded as `replica grade wc main.py` grades.
            py_correct = (ROOT / "tasks/wc/examples-py/correct-py/main.py").read_text()
            error, text, run = await call(
                session, "run_candidate", {"task": "wc", "source": py_correct, "language": "python", "args": ["-w"], "stdin": "a b c\n"}
            )
            check(not error and run["stdout"]["text"] == "3\n" and run["exit_code"] == 0, f"Python run: {text[:300]}")
            js_correct = ROOT / "tasks/wc/examples-js/correct-js/main.js"
            error, text, run = await call(
                session, "run_candidate", {"task": "wc", "path": str(js_correct), "args": ["-l"], "stdin": "a\nb\n"}
            )
            check(not error and run["stdout"]["text"] == "2\n", f"JavaScript run: {text[:300]}")
            error, text, _ = await call(session, "run_candidate", {"task": "wc", "source": "x", "language": "cobol"})
            check(error and "unknown language `cobol`" in text and "python" in text, f"unknown language: {text}")
            error, text, sub = await call(session, "submit", {"task": "wc", "source": py_correct, "language": "python"})
            check(not error and sub["solved"] and sub["attempt"] == 4 and sub["pass_rate"] == 1.0, f"Python submit: {text[:400]}")
            check(sub["submission"]["language"] == "python" and sub["submission"]["runtime"]["name"] == "cpython", text[:400])
            # A buggy JavaScript program (fields not padded): written beside the hostile
            # modules so that the test can grade the same file with `replica grade`.
            js_text = js_correct.read_text()
            js_buggy = js_text.replace("String(n[i]).padStart(width)", "String(n[i])")
            check(js_buggy != js_text, "the JavaScript example still pads its fields")
            (HOSTILE / "bug-pad.js").write_text(js_buggy)
            error, text, bad = await call(session, "submit", {"task": "wc", "source": js_buggy, "language": "js"})
            check(not error and not bad["solved"] and bad["pass_rate"] < 1.0 and bad["attempt"] == 5, f"buggy JavaScript: {text[:400]}")
            check(bad["visible"]["verdicts"].get("WA", 0) >= 1, f"buggy JavaScript gets WA: {text[:400]}")
            check(bad["submission"]["language"] == "javascript", text[:400])
            seen["source"] = {"python": sub["pass_rate"], "javascript_buggy": bad["pass_rate"]}

            reference = ROOT / "target/wasm32-wasip1/release/wc-reference.wasm"
            error, text, _ = await call(session, "submit", {"task": "wc", "path": str(reference)})
            check(error and "refused" in text, f"the reference itself: {text}")

            error, text, tasks = await call(session, "list_tasks", {})
            check(not error and tasks["tasks"], "still serving")

    # Hostile sources that would keep the compiler busy for hours are stopped at the build
    # time limit (2 s here; 120 by default), answered with a clear tool error, and the
    # server keeps serving. A server of its own, so that no ordinary build shares the
    # short limit (and its log is not the episode's).
    limited = StdioServerParameters(
        command=REPLICA,
        args=["mcp", "--tasks", str(ROOT / "tasks"), "--log", str(HOSTILE / "limit.jsonl")],
        env={"REPLICA_BUILD_TIMEOUT": "2"},  # merged over the client's default environment
    )
    # 2**20 copies of `x++;`, times 2**19: clang's memory grows ~40 MB a second.
    c_bomb = "#define X0 x++;\n" + "".join(f"#define X{i} X{i - 1} X{i - 1}\n" for i in range(1, 40))
    c_bomb += "int main(void) { int x = 0; X39 return x; }\n"
    # A constant that rustc evaluates for 2**64 steps, in constant memory.
    rust_spin = (
        "#![allow(long_running_const_eval)]\n"
        "const SPIN: u64 = { let mut i: u64 = 0; loop { i = i.wrapping_add(1); if i == 0 { break i; } } };\n"
        'fn main() { println!("{SPIN}"); }\n'
    )
    stopped = {}
    async with stdio_client(limited) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            for tool, language, text in [
                ("submit", "c", c_bomb),
                ("run_candidate", "rust", rust_spin),
            ]:
                started = time.monotonic()
                error, answer, _ = await call(session, tool, {"task": "wc", "source": text, "language": language})
                took = time.monotonic() - started
                check(error and "stopped after 2 s" in answer and "REPLICA_BUILD_TIMEOUT" in answer, f"{language} bomb: {answer[:400]}")
                # TERM at 2 s, KILL 5 s later at worst; slack for a loaded machine.
                check(took < 60, f"{language} bomb answered after {took:.1f} s")
                stopped[language] = round(took, 1)
            error, text, tasks = await call(session, "list_tasks", {})
            check(not error and tasks["tasks"], "still serving after the stopped builds")
    seen["stopped_builds_s"] = stopped
    print(json.dumps(seen))


asyncio.run(main())
