import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { trialRecordPath } from "../../src/record/layout.ts";
import type { TrialRecordV1 } from "../../src/record/trial-record.ts";

// Records as the first schema version wrote them; readers migrate them.
type TrialRecord = TrialRecordV1;
import { readHistory } from "../../src/schedule/estimate/history.ts";

function record(
  trialId: string,
  step: string,
  params: TrialRecord["params"],
  durationSeconds: number,
  rest: Partial<TrialRecord> = {},
): TrialRecord {
  return {
    schemaVersion: 1,
    trialId,
    step,
    index: 0,
    params,
    replicate: 0,
    seed: 1,
    argv: ["sleep", "1"],
    attempt: 1,
    status: "succeeded",
    exitCode: 0,
    signal: null,
    host: "box",
    backend: "local",
    startedAt: "2026-12-01T10:00:00.000Z",
    endedAt: "2026-12-01T10:00:05.000Z",
    durationSeconds,
    peakMemoryKiB: 204800,
    cpuSeconds: 4,
    resources: { cpus: 1, memoryMiB: 1024, gpus: 0, walltimeSeconds: 60 },
    outputs: [],
    metrics: {},
    progress: [],
    ...rest,
  };
}

async function writeRun(
  run: string,
  experiment: string,
  records: readonly TrialRecord[],
) {
  await mkdir(join(run, "trials"), { recursive: true });
  await writeFile(join(run, "plan.json"), JSON.stringify({ experiment }));
  for (const r of records) {
    await mkdir(join(run, "trials", r.trialId), { recursive: true });
    await writeFile(trialRecordPath(run, r.trialId), JSON.stringify(r));
  }
}

describe("reading past runs as history", () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "sweepforge-history-"));
    await writeRun(join(root, "runs", "r1"), "heat", [
      record("t1", "solve", { n: 10 }, 5),
      record("t2", "solve", { n: 20 }, 9, { peakMemoryKiB: null }),
      record("t3", "solve", { n: 30 }, 1, { status: "failed", exitCode: 1 }),
    ]);
    await writeRun(join(root, "runs", "r2"), "other", []);
    await mkdir(join(root, "runs", "r2", "trials", "u1"), { recursive: true });
    await writeFile(
      trialRecordPath(join(root, "runs", "r2"), "u1"),
      JSON.stringify({
        ...record("u1", "solve", { n: 1 }, 1),
        schemaVersion: 2,
        logs: { stdout: "stdout.log", stderr: "stderr.log" },
        gpuDevices: [],
      }),
    );
    await writeRun(join(root, "runs", "r3"), "heat", []);
    // A trial still running (no record) and a corrupt record.
    await mkdir(join(root, "runs", "r3", "trials", "running"), { recursive: true });
    await mkdir(join(root, "runs", "r3", "trials", "broken"), { recursive: true });
    await writeFile(trialRecordPath(join(root, "runs", "r3"), "broken"), "{ not json");
    await mkdir(join(root, "runs", "not-a-run"), { recursive: true });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("keeps succeeded trials of the same experiment with runtime and peak memory", async () => {
    const history = await readHistory([join(root, "runs")], { experiment: "heat" });
    expect(history.observations).toEqual([
      { step: "solve", params: { n: 10 }, seconds: 5, memoryMiB: 200 },
      { step: "solve", params: { n: 20 }, seconds: 9, memoryMiB: null },
    ]);
    expect(history.runs).toEqual([join(root, "runs", "r1")]);
    expect(history.unreadable).toBe(1);
  });

  it("reads a single current-version run directory given directly, whatever its experiment", async () => {
    const history = await readHistory([join(root, "runs", "r2")]);
    expect(history.observations).toEqual([
      { step: "solve", params: { n: 1 }, seconds: 1, memoryMiB: 200 },
    ]);
  });

  it("reports a missing directory as a user error with a fix", async () => {
    await expect(readHistory([join(root, "nowhere")])).rejects.toThrow(UserError);
    await expect(readHistory([join(root, "nowhere")])).rejects.toThrow(
      /cannot read history/,
    );
  });
});
