"""sweepforge trial helper for Python (standard library only).

A trial learns its parameters from the environment the runner sets and
reports through files in its output directory (see docs/run.md):

    from sweepforge_trial import params, write_metrics, log_progress

    p = params()                       # {"lr": 0.01, "depth": 3, ...}
    for epoch in range(10):
        log_progress({"epoch": epoch, "loss": loss})
    write_metrics({"loss": loss, "accuracy": acc})
"""
import json
import os

__all__ = ["params", "seed", "trial_id", "output_dir", "write_metrics", "log_progress"]


def params():
    """The trial's parameters, decoded from SWEEPFORGE_PARAMS."""
    return json.loads(os.environ.get("SWEEPFORGE_PARAMS", "{}"))


def seed():
    """The trial's seed (derived from the experiment seed and the parameters)."""
    return int(os.environ.get("SWEEPFORGE_SEED", "0"))


def trial_id():
    return os.environ.get("SWEEPFORGE_TRIAL_ID", "")


def output_dir():
    """Where the trial writes metrics.json, progress.jsonl and its outputs."""
    path = os.environ.get("SWEEPFORGE_OUTPUT_DIR", ".")
    os.makedirs(path, exist_ok=True)
    return path


def write_metrics(metrics):
    """Writes metrics.json atomically (a reader never sees half of it)."""
    target = os.path.join(output_dir(), "metrics.json")
    temporary = "%s.%d.tmp" % (target, os.getpid())
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(metrics, handle, sort_keys=True, allow_nan=False)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def log_progress(entry):
    """Appends one intermediate result (an epoch, a time step) to progress.jsonl."""
    line = json.dumps(entry, sort_keys=True, allow_nan=False) + "\n"
    with open(os.path.join(output_dir(), "progress.jsonl"), "a", encoding="utf-8") as handle:
        handle.write(line)
