"""The `replica` package's own API: tasks, reference runs, prepare/grade, errors as
exceptions, pickling, the GIL released while grading, and memory over 1,000 grades.
Run by crates/cli/tests/python.rs with REPLICA_ROOT set to the repository."""

import os
import pathlib
import pickle
import threading
import unittest

import replica

ROOT = pathlib.Path(os.environ["REPLICA_ROOT"])
TASKS = ROOT / "tasks"
WC = TASKS / "wc"


def rss_bytes():
    """Resident memory of this process now (not the peak)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class Package(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wc = replica.task("wc", root=TASKS)
        cls.correct = replica.build(WC / "examples/correct")
        cls.buggy = replica.build(WC / "examples/bug-whitespace")
        cls.c_source = (WC / "examples-c/correct-c/main.c").read_text()

    def test_tasks(self):
        ids = [t.id for t in replica.tasks(root=TASKS)]
        self.assertEqual(ids, sorted(ids))
        self.assertTrue({"wc", "base64", "sha256sum"} <= set(ids), ids)

    def test_task_fields(self):
        wc = self.wc
        self.assertEqual((wc.id, wc.program), ("wc", "wc"))
        self.assertIn("wc", wc.spec)
        self.assertTrue(wc.digest.startswith("sha256:"))
        self.assertGreater(wc.hidden, 0)
        names = [c["name"] for c in wc.visible_cases]
        self.assertIn("default counts on stdin", names)
        self.assertEqual(repr(wc), "<replica.Task wc>")

    def test_run_reference(self):
        run = self.wc.run_reference(args=["-l"], stdin=b"a\nb\n")
        self.assertEqual((run["stdout"], run["exit_code"], run["ending"]), (b"2\n", 0, "exit 0"))
        run = self.wc.run_reference(args=["-w", "f.txt"], files={"f.txt": "one two\n"})
        self.assertEqual(run["stdout"], b"2 f.txt\n")
        self.assertEqual(run["files"], {"f.txt": b"one two\n"})
        run = self.wc.run_reference(args=["--bogus"])
        self.assertNotEqual(run["exit_code"], 0)
        self.assertIn(b"bogus", run["stderr"])

    def test_run_candidate(self):
        run = self.wc.run(self.c_source, language="c", args=["-c"], stdin="abc")
        self.assertEqual(run["stdout"], b"3\n")
        self.assertEqual(self.wc.run(self.correct, args=["-l"], stdin="x\n")["stdout"], b"1\n")

    def test_prepare_and_grade(self):
        prepared = self.wc.prepare(seed=7, hidden=5)
        self.assertEqual((prepared.seed, prepared.hidden), (7, 5))
        self.assertEqual(prepared.cases, len(self.wc.visible_cases) + 5)
        report = prepared.grade(self.correct)
        self.assertTrue(report["solved"])
        self.assertEqual((report["seed"], report["hidden"], report["total"]), (7, 5, prepared.cases))
        self.assertEqual(report["task"]["digest"], self.wc.digest)
        bad = prepared.grade(self.buggy)
        self.assertFalse(bad["solved"])
        self.assertIn("WA", {c["verdict"] for c in bad["cases"]})
        self.assertTrue(prepared.grade(self.c_source, language="c")["solved"])
        self.assertTrue(prepared.grade(WC / "examples/correct")["solved"])
        # The same report as a dict and as the CLI's exact JSON text.
        import json

        self.assertEqual(json.loads(prepared.grade_json(self.buggy)), bad)
        self.assertEqual(prepared.grade_json(self.buggy), prepared.grade_json(self.buggy))
        self.assertEqual(replica.metrics(report)["solved"], 1.0)
        self.assertEqual(replica.metrics(bad)["solved"], 0.0)
        self.assertLess(replica.metrics(bad)["pass_rate"], 1.0)

    def test_source_languages(self):
        # JavaScript and Python source run on the language runtimes, graded as
        # `replica grade wc main.js` grades it (few hidden cases: a runtime is slow).
        prepared = self.wc.prepare(seed=2, hidden=1)
        js = (WC / "examples-js/correct-js/main.js").read_text()
        report = prepared.grade(js, language="javascript")
        self.assertTrue(report["solved"], [c["verdict"] for c in report["cases"]])
        submission = report["submission"]
        self.assertEqual((submission["language"], submission["runtime"]["name"]), ("javascript", "quickjs-ng"))
        self.assertEqual(submission["bytes"], len(js.encode()))
        run = self.wc.run(WC / "examples-js/correct-js/main.js", args=["-w"], stdin="a b c\n")
        self.assertEqual((run["stdout"], run["exit_code"]), (b"3\n", 0))
        py = (WC / "examples-py/correct-py/main.py").read_text()
        run = self.wc.run(py, language="python", args=["-l"], stdin="a\nb\n")
        self.assertEqual((run["stdout"], run["exit_code"]), (b"2\n", 0))
        # A syntax error is CE with the runtime's message, like C's compile errors.
        broken = prepared.grade("def main(:\n", language="python")
        self.assertEqual({c["verdict"] for c in broken["cases"]}, {"CE"})
        self.assertIn("SyntaxError", broken["compile_error"])
        with self.assertRaisesRegex(ValueError, "not built into a module"):
            replica.build(py, language="python")

    def test_candidates_that_misbehave_are_verdicts(self):
        prepared = self.wc.prepare(seed=1, hidden=0)
        report = prepared.grade(b"not wasm at all")
        self.assertEqual({c["verdict"] for c in report["cases"]}, {"CE"})
        self.assertIn("not a WebAssembly binary", report["compile_error"])
        report = prepared.grade("int main(void) { return nope; }", language="c")
        self.assertEqual(report["accepted"], 0)
        self.assertIn("error", report["compile_error"])

    def test_errors_are_exceptions_with_clear_messages(self):
        with self.assertRaisesRegex(replica.UnknownTaskError, "no task `nope`.*wc"):
            replica.task("nope", root=TASKS)
        self.assertTrue(issubclass(replica.UnknownTaskError, replica.ReplicaError))
        with self.assertRaisesRegex(replica.CompileError, "does not load: .*not a WebAssembly binary"):
            self.wc.run(b"garbage")
        with self.assertRaisesRegex(replica.CompileError, "does not compile"):
            replica.build("int main(void) { return nope; }", language="c")
        prepared = self.wc.prepare(seed=1, hidden=0)
        with self.assertRaisesRegex(ValueError, "pass language="):
            prepared.grade("int main(void) { return 0; }")
        with self.assertRaisesRegex(ValueError, "unknown language `cobol`"):
            prepared.grade("x", language="cobol")
        with self.assertRaisesRegex(TypeError, "a submission is bytes"):
            prepared.grade(123)
        with self.assertRaisesRegex(TypeError, "stdin must be bytes or str"):
            self.wc.run_reference(stdin=5)
        with self.assertRaisesRegex(ValueError, "clean relative path"):
            self.wc.run_reference(files={"/etc/passwd": "x"})
        with self.assertRaises(OverflowError):
            self.wc.prepare(seed=-1)
        reference = ROOT / "target/wasm32-wasip1/release/wc-reference.wasm"
        with self.assertRaisesRegex(replica.RefusedError, "byte for byte the reference"):
            prepared.grade(reference.read_bytes())
        with self.assertRaisesRegex(replica.HarnessError, "no such folder"):
            replica.tasks(root=ROOT / "no-such-folder")

    def test_pickle_round_trip(self):
        wc = pickle.loads(pickle.dumps(self.wc))
        self.assertEqual((wc.id, wc.digest, wc.spec), (self.wc.id, self.wc.digest, self.wc.spec))
        prepared = self.wc.prepare(seed=3, hidden=2)
        again = pickle.loads(pickle.dumps(prepared))
        self.assertEqual((again.seed, again.hidden, again.cases), (3, 2, prepared.cases))
        self.assertEqual(again.grade_json(self.buggy), prepared.grade_json(self.buggy))

    def test_grading_releases_the_gil(self):
        prepared = self.wc.prepare(seed=1, hidden=20)
        done = threading.Event()
        thread = threading.Thread(target=lambda: (prepared.grade(self.correct), done.set()))
        spins = 0
        thread.start()
        # With the GIL held for the whole grade, this loop could not run until it ended.
        while not done.is_set():
            spins += 1
        thread.join()
        self.assertGreater(spins, 1000)

    def test_memory_does_not_grow_over_1000_grades(self):
        # wc with its first two visible cases only, so the loop is 1,000 grades, not
        # 25,000 runs.
        toml = (WC / "task.toml").read_text()
        head, *cases = toml.split("\n[[case]]")
        build = ROOT / "target/wasm32-wasip1/release"
        small = replica.Task.from_parts(
            "\n[[case]]".join([head, *cases[:2]]) + "\n",
            self.wc.spec,
            (build / "wc-reference.wasm").read_bytes(),
            (build / "wc-generator.wasm").read_bytes(),
        )
        prepared = small.prepare(seed=1, hidden=0)
        self.assertEqual(prepared.cases, 2)
        for _ in range(100):
            self.assertTrue(prepared.grade(self.correct)["solved"])
        before = rss_bytes()
        for _ in range(900):
            report = prepared.grade(self.correct)
        after = rss_bytes()
        self.assertTrue(report["solved"])
        print(f"rss after 100 grades {before >> 20} MiB, after 1,000 {after >> 20} MiB")
        self.assertLess(after - before, 32 << 20, f"{before} -> {after}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
