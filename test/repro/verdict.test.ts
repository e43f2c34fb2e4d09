import { describe, expect, it } from "vitest";
import type { TrialRecord } from "../../src/record/trial-record.ts";
import { restrictPlan } from "../../src/repro/reexecute.ts";
import { judgeTrial } from "../../src/repro/verdict.ts";
import { planFromFile } from "../../src/plan/index.ts";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "./run-fixture.ts";

const h = (c: string) => c.repeat(64);

function record(
  outputs: Record<string, string>,
  metrics: Record<string, unknown> = { y: 1 },
): TrialRecord {
  return {
    schemaVersion: 2,
    trialId: "t1",
    step: "sim",
    index: 0,
    params: { x: 1 },
    replicate: 0,
    seed: 1,
    argv: ["true"],
    attempt: 1,
    status: "succeeded",
    exitCode: 0,
    signal: null,
    host: "h",
    backend: "local",
    startedAt: "2026-01-01T00:00:00Z",
    endedAt: "2026-01-01T00:00:01Z",
    durationSeconds: 1,
    peakMemoryKiB: null,
    cpuSeconds: null,
    resources: { cpus: 1, memoryMiB: 1, gpus: 0, walltimeSeconds: 1 },
    outputs: Object.entries(outputs).map(([path, sha256]) => ({ path, size: 1, sha256 })),
    metrics,
    progress: [],
    logs: { stdout: "stdout.log", stderr: "stderr.log" },
    gpuDevices: [],
  };
}

describe("trial verdicts", () => {
  it("names changed, missing and new output files, ignoring metrics.json and progress.jsonl bytes", () => {
    const verdict = judgeTrial(
      record({ "a.csv": h("a"), "b.csv": h("b"), "metrics.json": h("m") }),
      record({
        "a.csv": h("c"),
        "c.csv": h("c"),
        "metrics.json": h("n"),
        "progress.jsonl": h("p"),
      }),
      () => undefined,
    );
    expect(verdict.status).toBe("differs");
    expect(verdict.reason).toBe("a.csv changed; b.csv missing; c.csv new");
  });

  it("reports a trial with no new record as failed", () => {
    expect(judgeTrial(record({}), undefined, () => undefined)).toMatchObject({
      status: "failed",
      reason: "originally succeeded, re-executed: no record",
    });
  });
});

describe("re-execution plan", () => {
  it("keeps only the chosen trials without touching their argv words", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "e.yaml"),
      'name: e\nparams: { x: [1, 2, 3] }\nsteps:\n  s: { run: [echo, "{x}"] }\n',
    );
    const plan = await planFromFile(join(dir, "e.yaml"));
    const keep = [...plan.steps[0]!.trials][1]!;
    const table = restrictPlan(plan, new Set([keep.id])).steps[0]!.trials;

    expect(table.count).toBe(1);
    expect(table.at(0).argv).toEqual(["echo", "2"]);
    expect(() => table.at(1)).toThrow(RangeError);
  });
});
