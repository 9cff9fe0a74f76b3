"""Checks exported Harbor task folders with Harbor's own code (PyPI `harbor` 0.26.0).

    python harbor_check.py TASK_DIR...

Harbor 0.26 requires Python 3.12 and this machine has 3.11, so two names its modules
import from `typing` are taken from typing_extensions first (`override` and a
`TypedDict` pydantic accepts). With that, this imports Harbor's own task model and
linter, unchanged: `TaskConfig` must parse each task.toml, `Task(dir)` must load the
folder and `Task.is_valid_dir` accept it, and `harbor lint`'s default rules (`lint_task` with `DEFAULT_RULES`) must find
nothing. Prints one JSON object per folder; exits 1 when any check fails.
"""

import json
import pathlib
import sys
import tomllib
import typing

import typing_extensions

typing.override = typing_extensions.override
typing.TypedDict = typing_extensions.TypedDict

from harbor.lint.models import DEFAULT_RULES  # noqa: E402
from harbor.lint.task import lint_task  # noqa: E402
from harbor.models.task.config import TaskConfig  # noqa: E402
from harbor.models.task.task import Task  # noqa: E402

failed = False
for arg in sys.argv[1:]:
    root = pathlib.Path(arg)
    config = TaskConfig.model_validate(tomllib.loads((root / "task.toml").read_text()))
    task = Task(root)
    valid = Task.is_valid_dir(root)
    findings = [f.model_dump(mode="json") for f in lint_task(root, selected_rules=set(DEFAULT_RULES))]
    print(json.dumps({
        "dir": str(root),
        "verifier_mode": getattr(config.verifier.environment_mode, "value", None),
        "artifacts": [a if isinstance(a, str) else a.source for a in config.artifacts],
        "instruction_bytes": len(task.instruction),
        "valid_dir": valid,
        "findings": findings,
    }))
    failed |= bool(findings) or not valid
sys.exit(1 if failed else 0)
