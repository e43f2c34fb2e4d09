// Hand-made past runs: real run directories with real trial record files, as
// the runner writes them, so that estimation reads history the normal way.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { trialRecordPath } from "../../src/record/layout.ts";
import type { TrialRecord } from "../../src/record/trial-record.ts";

export interface PastTrial {
  readonly step: string;
  readonly params: TrialRecord["params"];
  readonly seconds: number;
  readonly peakMiB: number;
  readonly status?: TrialRecord["status"];
}

function record(trialId: string, trial: PastTrial): TrialRecord {
  return {
    schemaVersion: 2, trialId, step: trial.step, index: 0, params: trial.params,
    replicate: 0, seed: 1, argv: ["true"], attempt: 1, status: trial.status ?? "succeeded",
    exitCode: 0, signal: null, host: "node1", backend: "slurm",
    startedAt: "2026-12-01T10:00:00.000Z", endedAt: "2026-12-01T10:05:00.000Z",
    durationSeconds: trial.seconds, peakMemoryKiB: trial.peakMiB * 1024, cpuSeconds: 1,
    resources: { cpus: 1, memoryMiB: 1024, gpus: 0, walltimeSeconds: 3600 },
    outputs: [], metrics: {}, progress: [],
    logs: { stdout: "stdout.log", stderr: "stderr.log" }, gpuDevices: [],
  };
}

/** Writes one run directory of `experiment` holding these finished trials. */
export async function writePastRun(
  runDir: string,
  experiment: string,
  trials: readonly PastTrial[],
): Promise<void> {
  await mkdir(join(runDir, "trials"), { recursive: true });
  await writeFile(join(runDir, "plan.json"), JSON.stringify({ experiment }));
  for (const [i, trial] of trials.entries()) {
    const id = `past${String(i).padStart(3, "0")}`;
    await mkdir(join(runDir, "trials", id), { recursive: true });
    await writeFile(trialRecordPath(runDir, id), JSON.stringify(record(id, trial)));
  }
}

/**
 * Runtimes that follow 600 × rate^1.5 seconds with a fixed ±8 % wobble, and
 * memory near 900 MiB: enough samples for a power-law runtime model.
 */
export function powerLawTrials(step: string, count: number): PastTrial[] {
  const wobble = [1.08, 0.94, 1.02, 0.97, 1.05, 0.92, 1.0, 1.06, 0.95, 1.01];
  return Array.from({ length: count }, (_, i) => {
    const rate = 0.1 * (i + 1);
    const factor = wobble[i % wobble.length] as number;
    return {
      step,
      params: { label: "plain", rate, fast: i % 2 === 0 },
      seconds: 600 * rate ** 1.5 * factor,
      peakMiB: 900 * factor,
    };
  });
}
