"""A Gymnasium-style text environment over the agent tools.

One episode is one task. ``reset(seed)`` returns the spec and the tools as the first
observation; each ``step(action)`` calls one tool and returns ``(observation, reward,
terminated, truncated, info)``. An action is a dict (or its JSON text)::

    {"tool": "run_reference", "arguments": {"args": ["-l"], "stdin": "a\\nb\\n"}}
    {"tool": "submit", "arguments": {"source": "...", "language": "c"}}

The `task` argument of every tool is filled in. The tools are those `replica mcp`
serves, from the same code (`Session.call`). The reward is 0.0 on every step but a
submit, where it is `solved` (1.0 or 0.0); the episode terminates when a submission
solves the task or after `max_submissions` submissions, and is truncated after
`max_steps` steps. A malformed action is the policy's mistake: its observation says
what is wrong and the episode goes on. A harness fault raises.

The class follows Gymnasium's ``Env`` API (``reset``/``step``/``close``) without
depending on gymnasium; wrap it in ``gymnasium.Env`` with ``spaces.Text`` if your
trainer checks types.
"""

import json

import replica


class ReplicaEnv:
    """The agent tools on one task, as an environment."""

    metadata = {"render_modes": []}

    def __init__(
        self,
        task,
        root=None,
        hidden=None,
        max_steps=50,
        max_submissions=1,
        author="model:policy",
        log=None,
    ):
        self.task = task
        self.root = root
        self.hidden = hidden
        self.max_steps = max_steps
        self.max_submissions = max_submissions
        self.author = author
        self.log = log
        self.session = None
        self.steps = 0
        self.submissions = 0
        self.episodes = 0

    def reset(self, seed=None, options=None):
        """Starts an episode whose hidden cases come from `seed` (fresh when None).
        Returns the observation (the spec and the tools, as text) and an info dict."""
        log = None
        if self.log is not None:
            log = f"{self.log}.{self.episodes}.jsonl"
        self.episodes += 1
        self.session = replica.Session(
            root=self.root, author=self.author, seed=seed, hidden=self.hidden, log=log
        )
        self.steps = 0
        self.submissions = 0
        spec = self.session.call("read_spec", {"task": self.task})
        tools = replica.Session.tools()
        observation = (
            f"# Task `{self.task}`: {spec['title']}\n\n{spec['spec']}\n\n"
            "## Tools\n\nAct with a JSON object {\"tool\": NAME, \"arguments\": {...}}; "
            "`task` is filled in.\n\n"
            + "\n".join(f"- `{t['name']}`: {t['description']}" for t in tools)
        )
        info = {"task": self.task, "tools": tools, "program": spec["program"]}
        return observation, info

    def step(self, action):
        """Calls one tool. Returns (observation, reward, terminated, truncated, info)."""
        if self.session is None:
            raise RuntimeError("call reset() before step()")
        self.steps += 1
        truncated = self.steps >= self.max_steps
        try:
            tool, arguments = self._parse(action)
            arguments = dict(arguments, task=self.task)
            answer = self.session.call(tool, arguments)
        except (ValueError, TypeError, replica.RefusedError, replica.CompileError) as error:
            # The policy's mistake: say what is wrong and go on.
            observation = json.dumps({"error": str(error)})
            return observation, 0.0, False, truncated, {"error": str(error)}
        reward = 0.0
        terminated = False
        info = {"tool": tool}
        if tool == "submit":
            self.submissions += 1
            reward = 1.0 if answer["solved"] else 0.0
            terminated = answer["solved"] or self.submissions >= self.max_submissions
            info["metrics"] = {
                "solved": reward,
                "pass_rate": answer["pass_rate"],
                "visible_pass_rate": answer["visible_pass_rate"],
                **{f"verdict/{k}": float(v) for k, v in answer["verdicts"].items()},
            }
        return json.dumps(answer), reward, terminated, truncated and not terminated, info

    def close(self):
        self.session = None

    @staticmethod
    def _parse(action):
        if isinstance(action, str):
            try:
                action = json.loads(action)
            except json.JSONDecodeError as error:
                raise ValueError(f"the action is not JSON: {error}") from None
        if not isinstance(action, dict) or not isinstance(action.get("tool"), str):
            raise ValueError('an action is {"tool": NAME, "arguments": {...}}')
        arguments = action.get("arguments") or {}
        if not isinstance(arguments, dict):
            raise ValueError("`arguments` must be an object")
        return action["tool"], arguments


__all__ = ["ReplicaEnv"]
