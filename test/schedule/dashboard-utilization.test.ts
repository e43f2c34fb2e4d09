// The dashboard shows a run's achieved utilization: busy cpu-seconds over the
// cpus the run was given times its wall time, read from real record files.
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResults } from "../../src/results/load.ts";
import { plotResults } from "../../src/viz/plot.ts";
import { tempDir, writeRun } from "../results/helpers/write-run.ts";

describe("the dashboard's run status", () => {
  it("shows the achieved utilization of each run", async () => {
    // Three 1-cpu trials started together: 4 s, 2 s and 2 s on 2 slots.
    // Wall time 4 s, busy 8 cpu-seconds: 8 / (2 × 4) = 100 %.
    const runDir = writeRun({
      name: "busy",
      trials: [
        { params: { x: 1 }, durationSeconds: 4, metrics: { y: 1 } },
        { params: { x: 2 }, durationSeconds: 2, metrics: { y: 2 } },
        { params: { x: 3 }, durationSeconds: 2, metrics: { y: 3 } },
      ],
    });
    appendFileSync(
      join(runDir, "journal.jsonl"),
      `${JSON.stringify({ event: "run-started", at: "2026-01-01T00:00:00.000Z", slots: 2 })}\n`,
    );

    const results = await loadResults({ runDirs: [runDir] });
    const report = await plotResults(results, {
      out: join(tempDir(), "plots"),
      format: "svg",
      env: { SOURCE_DATE_EPOCH: "1767225600" },
    });
    const html = readFileSync(report.dashboard as string, "utf8");

    expect(html).toContain(
      "achieved utilization: 100.0% of 2 cpus over 4.0 s " + "(8.0 busy cpu-seconds)",
    );
  });

  it("says nothing about utilization for a run with no finished trial", async () => {
    const runDir = writeRun({
      name: "idle",
      trials: [{ params: { x: 1 }, status: "pending" }],
    });

    const results = await loadResults({ runDirs: [runDir] });
    const report = await plotResults(results, {
      out: join(tempDir(), "plots"),
      format: "svg",
      env: { SOURCE_DATE_EPOCH: "1767225600" },
    });

    expect(readFileSync(report.dashboard as string, "utf8")).not.toContain(
      "achieved utilization",
    );
  });
});
