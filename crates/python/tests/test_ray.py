"""The Ray recipe: a local Ray cluster bound to 127.0.0.1 with 2 CPUs, grading actors
holding prepared tasks, reports byte-identical to grading in this process, with 1 and 2
workers. Run by crates/cli/tests/python.rs in a network namespace whose only interface is loopback,
so 127.0.0.1 is the node's address and nothing else can be contacted."""

import os
import pathlib
import unittest

# Nothing may leave this machine: no usage reporting.
os.environ["RAY_USAGE_STATS_ENABLED"] = "0"

import ray  # noqa: E402

import replica  # noqa: E402
from replica.ray import GradingPool  # noqa: E402

ROOT = pathlib.Path(os.environ["REPLICA_ROOT"])
TASKS = ROOT / "tasks"


class RayRecipe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING", configure_logging=False)
        cls.tasks = [replica.task(t, root=TASKS) for t in ("wc", "base64")]
        build = lambda path: replica.build(TASKS / path)  # noqa: E731
        c_source = (TASKS / "wc/examples-c/correct-c/main.c").read_text()
        cls.jobs = [
            ("wc", build("wc/examples/correct"), None),
            ("wc", build("wc/examples/bug-whitespace"), None),
            ("base64", build("base64/examples/correct"), None),
            ("base64", build("base64/examples/bug-padding"), None),
            ("wc", c_source, "c"),
            ("base64", b"not wasm", None),
        ]
        prepared = {t.id: t.prepare(seed=42, hidden=5) for t in cls.tasks}
        cls.expected = [prepared[t].grade_json(s, language=l) for t, s, l in cls.jobs]

    @classmethod
    def tearDownClass(cls):
        ray.shutdown()

    def test_cluster_is_local(self):
        nodes = ray.nodes()
        self.assertEqual([n["NodeManagerAddress"] for n in nodes], ["127.0.0.1"])
        self.assertEqual(ray.cluster_resources()["CPU"], 2.0)

    def test_reports_match_in_process_grading(self):
        for workers in (1, 2):
            pool = GradingPool(self.tasks, seed=42, hidden=5, workers=workers)
            try:
                got = pool.grade(self.jobs)
            finally:
                pool.shutdown()
            self.assertEqual(got, self.expected, f"{workers} workers")
        self.assertIn('"solved":true', self.expected[0])
        self.assertIn('"solved":false', self.expected[1])


if __name__ == "__main__":
    unittest.main(verbosity=2)
