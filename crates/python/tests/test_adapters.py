"""The trainer adapters: verl's and TRL's reward functions, the Gymnasium-style
environment, and the agent tools' Session. Run by crates/cli/tests/python.rs."""

import json
import os
import pathlib
import tempfile
import unittest

import replica
from replica import rewards
from replica.env import ReplicaEnv

ROOT = pathlib.Path(os.environ["REPLICA_ROOT"])
TASKS = ROOT / "tasks"
os.environ["REPLICA_TASKS"] = str(TASKS)
C_SOURCE = (TASKS / "wc/examples-c/correct-c/main.c").read_text()
WRONG_C = '#include <stdio.h>\nint main(void) { puts("0"); return 0; }\n'


def answer(source, language="c"):
    return f"Here is my program.\n\n```{language}\n{source}```\nDone."


class Rewards(unittest.TestCase):
    def test_extract_program(self):
        self.assertEqual(rewards.extract_program(answer("int x;\n")), ("int x;\n", "c"))
        two = "```python\nprint(1)\n```\nthen\n```rust\nfn main() {}\n```"
        self.assertEqual(rewards.extract_program(two), ("fn main() {}\n", "rust"))
        self.assertIsNone(rewards.extract_program("no code here"))
        self.assertIsNone(rewards.extract_program("```\nuntagged\n```"))

    def test_verl_compute_score(self):
        good = rewards.compute_score("replica", answer(C_SOURCE), "wc")
        self.assertEqual((good["score"], good["solved"], good["pass_rate"]), (1.0, 1.0, 1.0))
        bad = rewards.compute_score("replica", answer(WRONG_C), {"task": "wc", "seed": 3, "hidden": 4})
        self.assertEqual(bad["score"], 0.0)
        self.assertLess(bad["pass_rate"], 1.0)
        self.assertGreater(bad["verdict/WA"], 0)
        none = rewards.compute_score("replica", "I could not do it.", '{"task": "wc"}')
        self.assertEqual((none["score"], none["no_program"]), (0.0, 1.0))
        broken = rewards.compute_score("replica", answer("int main( {"), "wc")
        self.assertEqual((broken["score"], broken["compile_error"]), (0.0, 1.0))

    def test_harness_faults_raise_instead_of_scoring_zero(self):
        with self.assertRaises(replica.UnknownTaskError):
            rewards.compute_score("replica", answer(C_SOURCE), "no-such-task")
        with self.assertRaisesRegex(ValueError, "ground_truth"):
            rewards.compute_score("replica", answer(C_SOURCE), 42)

    def test_trl_reward(self):
        completions = [
            answer(C_SOURCE),
            answer(WRONG_C),
            [{"role": "user", "content": "go"}, {"role": "assistant", "content": answer(C_SOURCE)}],
            "no program",
        ]
        scores = rewards.trl_reward(prompts=["p"] * 4, completions=completions, task=["wc"] * 4)
        self.assertEqual(scores, [1.0, 0.0, 1.0, 0.0])
        with self.assertRaisesRegex(ValueError, "task"):
            rewards.trl_reward(prompts=["p"], completions=["x"])


class Environment(unittest.TestCase):
    def test_episode(self):
        env = ReplicaEnv("wc", root=TASKS, hidden=3, max_steps=10)
        observation, info = env.reset(seed=5)
        self.assertIn("wc", observation)
        self.assertIn("submit", observation)
        self.assertEqual(len(info["tools"]), 6)
        obs, reward, terminated, truncated, info = env.step(
            {"tool": "run_reference", "arguments": {"args": ["-l"], "stdin": "a\nb\n"}}
        )
        self.assertEqual(json.loads(obs)["stdout"]["text"], "2\n")
        self.assertEqual((reward, terminated, truncated), (0.0, False, False))
        # A malformed action is the policy's mistake: an observation, not an exception.
        obs, reward, terminated, _, info = env.step("{not json")
        self.assertIn("not JSON", json.loads(obs)["error"])
        self.assertEqual((reward, terminated), (0.0, False))
        obs, reward, terminated, _, _ = env.step({"tool": "submit", "arguments": {}})
        self.assertIn("exactly one of", json.loads(obs)["error"])
        obs, reward, terminated, _, _ = env.step(
            json.dumps({"tool": "evaluate_testcases", "arguments": {"source": WRONG_C, "language": "c"}})
        )
        self.assertFalse(json.loads(obs)["solved"])
        self.assertEqual((reward, terminated), (0.0, False))
        obs, reward, terminated, truncated, info = env.step(
            {"tool": "submit", "arguments": {"source": C_SOURCE, "language": "c"}}
        )
        self.assertEqual((reward, terminated, truncated), (1.0, True, False))
        self.assertEqual(info["metrics"]["pass_rate"], 1.0)
        self.assertNotIn("cases", json.loads(obs))

    def test_truncation_and_failed_submission(self):
        env = ReplicaEnv("wc", root=TASKS, hidden=2, max_steps=2, max_submissions=1)
        env.reset(seed=1)
        _, reward, terminated, truncated, _ = env.step({"tool": "list_tasks"})
        self.assertEqual((reward, terminated, truncated), (0.0, False, False))
        _, reward, terminated, truncated, info = env.step(
            {"tool": "submit", "arguments": {"source": WRONG_C, "language": "c"}}
        )
        self.assertEqual((reward, terminated, truncated), (0.0, True, False))
        self.assertLess(info["metrics"]["pass_rate"], 1.0)


class Session(unittest.TestCase):
    def test_tools_and_log(self):
        with tempfile.TemporaryDirectory() as tmp:
            log = pathlib.Path(tmp) / "episode.jsonl"
            session = replica.Session(root=TASKS, author="model:unit", seed=9, hidden=2, log=log)
            names = [t["name"] for t in replica.Session.tools()]
            self.assertEqual(
                names,
                ["list_tasks", "read_spec", "run_reference", "run_candidate", "evaluate_testcases", "submit"],
            )
            self.assertIn("wc", [t["id"] for t in session.call("list_tasks")["tasks"]])
            with self.assertRaisesRegex(replica.UnknownTaskError, "no task `nope`"):
                session.call("read_spec", {"task": "nope"})
            with self.assertRaisesRegex(ValueError, "missing field `task`"):
                session.call("run_reference", {"args": []})
            result = session.call("submit", {"task": "wc", "source": C_SOURCE, "language": "c"})
            self.assertTrue(result["solved"])
            lines = [json.loads(line) for line in log.read_text().split("\n") if line]
            self.assertEqual([line["event"] for line in lines], ["tool", "tool", "tool", "submission"])
            self.assertEqual((lines[-1]["seed"], lines[-1]["hidden"]), (9, 2))
            with self.assertRaisesRegex(ValueError, "does not exist yet"):
                replica.Session(root=TASKS, log=log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
