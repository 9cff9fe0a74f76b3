"""A scored episode on `wc` through `replica.env`, with a scripted policy standing in
for a model: it probes the reference, tries a first draft on the visible cases, then
submits a correct C program. Run it from the repository root after
`pip install ./crates/python` (README, "Models and RL"); it writes the episode's
records to episodes/demo.0.jsonl, under the current folder, for `replica compare`.
"""

import json
import pathlib
import sys

from replica.env import ReplicaEnv

FIRST_DRAFT = r"""
#include <stdio.h>
int main(void) {            /* prints the line count alone: wrong everywhere */
    int c, lines = 0;
    while ((c = getchar()) != EOF) lines += c == '\n';
    printf("%d\n", lines);
    return 0;
}
"""
TASKS = pathlib.Path(__file__).resolve().parents[2] / "tasks"
CORRECT = (TASKS / "wc/examples-c/correct-c/main.c").read_text()

log = pathlib.Path("episodes/demo")
log.parent.mkdir(exist_ok=True)
if pathlib.Path(f"{log}.0.jsonl").exists():
    sys.exit(f"{log}.0.jsonl exists: move it away to record a new episode")
env = ReplicaEnv(
    "wc", root=TASKS, hidden=20, max_submissions=2, author="model:scripted-demo", log=str(log)
)
observation, info = env.reset(seed=7)
print(observation.splitlines()[0])
actions = [
    {"tool": "run_reference", "arguments": {"args": ["-lw"], "stdin": "one two\nthree\n"}},
    {"tool": "evaluate_testcases", "arguments": {"source": FIRST_DRAFT, "language": "c"}},
    {"tool": "submit", "arguments": {"source": CORRECT, "language": "c"}},
]
for action in actions:
    observation, reward, terminated, truncated, info = env.step(action)
    answer = json.loads(observation)
    shown = {k: answer[k] for k in ("stdout", "accepted", "total", "solved", "pass_rate") if k in answer}
    print(f"{action['tool']}: reward {reward} {shown}")
    if terminated or truncated:
        break
print(f"episode reward {reward}; records in {log}.0.jsonl")
