"""Reward functions in the shapes RL trainers call.

- verl: ``compute_score(data_source, solution_str, ground_truth, extra_info=None)``,
  set as ``custom_reward_function.path`` / ``.name``; returns a dict whose ``score`` is
  the reward and whose other keys verl logs as metrics.
- TRL: ``trl_reward(prompts, completions, task, **kwargs)`` for ``GRPOTrainer``'s
  ``reward_funcs``; the dataset's ``task`` column (and optionally ``seed``, ``hidden``)
  arrive as keyword lists, one entry per completion; returns one float per completion.

The reward is ``solved``: 1.0 when the program in the completion passes every visible
and hidden case, else 0.0. A completion without a program, or one that does not
compile, scores 0.0 (the policy's fault); a fault of the harness (a broken task, a
missing compiler) raises, so it never trains the policy as if it were a wrong answer.

The model's program is the last fenced code block of its answer, tagged with its
language: ```c, ```rust, ```python or ```javascript (Python and JavaScript run on the
language runtimes, graded as `replica grade TASK main.py` grades them).
"""

import functools
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor

import replica

#: Fence tags and the language each stands for.
FENCE_LANGUAGES = {
    "c": "c",
    "rust": "rust",
    "rs": "rust",
    "python": "python",
    "py": "python",
    "python3": "python",
    "javascript": "javascript",
    "js": "javascript",
}

#: The seed of the hidden cases when the data gives none: the same as
#: `replica grade-batch`'s, so rewards and batch grades meet the same cases.
DEFAULT_SEED = 42

_FENCE = re.compile(r"```([A-Za-z0-9_+-]*)[^\n]*\n(.*?)```", re.DOTALL)


def extract_program(text):
    """The last fenced code block of `text` with a known language tag, as
    ``(source, language)``, or None when there is none."""
    found = None
    for tag, body in _FENCE.findall(text or ""):
        language = FENCE_LANGUAGES.get(tag.lower())
        if language is not None:
            found = (body, language)
    return found


@functools.lru_cache(maxsize=64)
def _prepared(task_id, seed, hidden, root):
    return replica.task(task_id, root=root).prepare(seed=seed, hidden=hidden)


def prepared(task_id, seed=DEFAULT_SEED, hidden=None, root=None):
    """The task prepared for grading, made once per process for each (task, seed,
    hidden, root)."""
    return _prepared(task_id, int(seed), None if hidden is None else int(hidden), root)


def _ground_truth(ground_truth):
    """`ground_truth` as (task, seed, hidden): a task id, or a dict / JSON object with
    `task` and optionally `seed` and `hidden`."""
    if isinstance(ground_truth, str):
        text = ground_truth.strip()
        if text.startswith("{"):
            ground_truth = json.loads(text)
        else:
            return text, DEFAULT_SEED, None
    if not isinstance(ground_truth, dict) or "task" not in ground_truth:
        raise ValueError(
            "ground_truth must be a task id such as 'wc' or a dict with 'task' "
            f"(and optionally 'seed', 'hidden'), not {ground_truth!r}"
        )
    return (
        ground_truth["task"],
        ground_truth.get("seed", DEFAULT_SEED),
        ground_truth.get("hidden"),
    )


def score(task_id, completion, seed=DEFAULT_SEED, hidden=None, root=None):
    """Grades the program in `completion` on task `task_id`: a dict with `score` (the
    reward, `solved` as 1.0 or 0.0) and the metrics of `replica.metrics`."""
    program = extract_program(completion)
    if program is None:
        out = {key: 0.0 for key in replica.METRICS}
        out.update(score=0.0, no_program=1.0)
        return out
    source, language = program
    report = prepared(task_id, seed, hidden, root).grade(source, language=language)
    out = replica.metrics(report)
    out.update(score=out["solved"], no_program=0.0)
    return out


def compute_score(data_source, solution_str, ground_truth, extra_info=None):
    """verl's custom reward function: `ground_truth` names the task (see
    `_ground_truth`); returns a dict with `score` and metrics."""
    task_id, seed, hidden = _ground_truth(ground_truth)
    return score(task_id, solution_str, seed, hidden)


def _text(completion):
    """A TRL completion as text: a string, or a conversation's last message."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list) and completion and isinstance(completion[-1], dict):
        return completion[-1].get("content", "")
    raise TypeError(f"a completion is a str or a list of messages, not {completion!r}")


def trl_reward(prompts=None, completions=None, task=None, seed=None, hidden=None, **kwargs):
    """TRL's reward function: one reward per completion, `solved` as 1.0 or 0.0.
    Completions are graded in parallel threads (grading releases the GIL)."""
    if completions is None or task is None:
        raise ValueError("trl_reward needs `completions` and the dataset's `task` column")
    n = len(completions)
    tasks = task if isinstance(task, (list, tuple)) else [task] * n
    seeds = seed if isinstance(seed, (list, tuple)) else [seed] * n
    hiddens = hidden if isinstance(hidden, (list, tuple)) else [hidden] * n
    jobs = [
        (t, _text(c), DEFAULT_SEED if s is None else s, h)
        for t, c, s, h in zip(tasks, completions, seeds, hiddens)
    ]
    with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1))) as pool:
        results = list(pool.map(lambda job: score(*job)["score"], jobs))
    return results


__all__ = [
    "DEFAULT_SEED",
    "FENCE_LANGUAGES",
    "compute_score",
    "extract_program",
    "prepared",
    "score",
    "trl_reward",
]
