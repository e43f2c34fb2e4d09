#!/usr/bin/env python3
"""The heat example's final aggregate step: runs once after every simulate
trial and gathers their metrics into one summary.csv. Timings are left out
so that the summary is byte-identical when the study is reproduced. It finds the run
directory from its own output directory (<run>/trials/<id>/output).
Standard library only."""
import csv
import json
import os


def main():
    output_dir = os.environ.get("SWEEPFORGE_OUTPUT_DIR", ".")
    run_dir = os.path.normpath(os.path.join(output_dir, "..", "..", ".."))
    trials_dir = os.path.join(run_dir, "trials")
    rows = []
    for trial_id in sorted(os.listdir(trials_dir)):
        params_file = os.path.join(trials_dir, trial_id, "params.json")
        metrics_file = os.path.join(trials_dir, trial_id, "output", "metrics.json")
        if not (os.path.exists(params_file) and os.path.exists(metrics_file)):
            continue
        with open(params_file) as p, open(metrics_file) as m:
            params = json.load(p)
            metrics = json.load(m)
        params = params.get("params", params)
        if "l2_error" in metrics:
            deterministic = {k: v for k, v in metrics.items() if not k.endswith("_seconds")}
            rows.append({"trial": trial_id, **params, **deterministic})

    os.makedirs(output_dir, exist_ok=True)
    columns = sorted({key for row in rows for key in row})
    with open(os.path.join(output_dir, "summary.csv"), "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    with open(os.path.join(output_dir, "metrics.json"), "w") as out:
        json.dump({"trials": len(rows)}, out)
    print(f"summarised {len(rows)} trials into summary.csv")


if __name__ == "__main__":
    main()
