"""Grading on a Ray cluster: actors that hold prepared tasks and grade in parallel.

    import ray, replica
    from replica.ray import GradingPool

    ray.init()                                   # or ray.init(address="auto") on a cluster
    pool = GradingPool(replica.tasks(), seed=42, workers=8)
    reports = pool.grade([("wc", wasm_bytes, None), ("base64", source, "c")])

Each actor receives the tasks as bytes (a `replica.Task` pickles to its four files), so
workers need the `replica` wheel but no checkout of the repository; it prepares every
task once (hidden cases drawn, the reference run) and then grades whatever it is sent.
Reports are JSON text exactly as `replica grade --json` prints it, in the order of the
submissions, and identical to grading in one process: the report is a pure function of
task, submission and seed. On a cluster, `ray.init(address="auto")` and more workers
than one machine's cores spread the actors over every node; see docs/agents.md.
"""

import ray
from ray.util import ActorPool


@ray.remote
class GradingActor:
    """Holds prepared tasks and grades submissions against them."""

    def __init__(self, tasks, seed, hidden):
        import replica  # noqa: F401  (the wheel must be installed on every node)

        self.prepared = {t.id: t.prepare(seed=seed, hidden=hidden) for t in tasks}

    def grade(self, job):
        task_id, submission, language = job
        prepared = self.prepared.get(task_id)
        if prepared is None:
            raise KeyError(f"this pool has no task `{task_id}`; it has {sorted(self.prepared)}")
        return prepared.grade_json(submission, language=language)


class GradingPool:
    """`workers` grading actors over `tasks`, each needing `cpus` CPUs."""

    def __init__(self, tasks, seed=42, hidden=None, workers=2, cpus=1):
        tasks = list(tasks)
        self.actors = [
            GradingActor.options(num_cpus=cpus).remote(tasks, seed, hidden)
            for _ in range(workers)
        ]
        self.pool = ActorPool(self.actors)

    def grade(self, jobs):
        """Grades `(task_id, submission, language)` jobs; one report's JSON text per job,
        in job order."""
        return list(self.pool.map(lambda actor, job: actor.grade.remote(job), list(jobs)))

    def shutdown(self):
        for actor in self.actors:
            ray.kill(actor)
        self.actors = []


__all__ = ["GradingActor", "GradingPool"]
