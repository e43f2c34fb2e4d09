// Writes a real run directory as the runner would (plan.json, env.json,
// trials/<id>/record.json, output/metrics.json, output/progress.jsonl), so
// results and plots are tested on files, not on in-memory stand-ins.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TrialInput {
  readonly params: Record<string, number | string | boolean>;
  readonly replicate?: number;
  readonly metrics?: Record<string, unknown>;
  readonly progress?: readonly Record<string, unknown>[];
  readonly status?: "succeeded" | "failed" | "timeout" | "interrupted" | "pending";
  readonly durationSeconds?: number;
  readonly peakMemoryKiB?: number | null;
}

export interface RunInput {
  readonly experiment?: string;
  readonly params?: readonly Record<string, unknown>[];
  readonly metrics?: readonly Record<string, unknown>[];
  readonly trials: readonly TrialInput[];
  readonly plots?: readonly Record<string, unknown>[];
  readonly resultFiles?: readonly string[];
  readonly env?: Record<string, unknown>;
  /** Parent folder; a fresh temporary one when absent. */
  readonly parent?: string;
  readonly name?: string;
  /** Write metrics only inside record.json, not output/metrics.json. */
  readonly metricsInRecordOnly?: boolean;
}

export function tempDir(prefix = "sweepforge-results-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeRun(input: RunInput): string {
  const dir = join(input.parent ?? tempDir(), input.name ?? "run-1");
  mkdirSync(join(dir, "trials"), { recursive: true });

  const plan: Record<string, unknown> = {
    schemaVersion: 1,
    generator: { name: "sweepforge", version: "0.1.0" },
    experiment: input.experiment ?? "demo",
    definition: { path: "experiment.ts", format: "ts", hash: "d".repeat(64) },
    seed: 42,
    space: { size: "4", selected: 4, method: "grid", replicates: 3 },
    params: input.params ?? [],
    metrics: input.metrics ?? [],
    steps: [],
    inputs: [],
    cluster: {},
    hash: "a".repeat(64),
  };
  if (input.plots) plan.plots = input.plots;
  if (input.resultFiles) plan.results = { files: input.resultFiles };
  writeFileSync(join(dir, "plan.json"), JSON.stringify(plan, null, 2));
  writeFileSync(join(dir, "env.json"), JSON.stringify(input.env ?? {
    git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
    host: "testhost", os: { platform: "linux" }, node: "v20.20.0",
  }, null, 2));

  input.trials.forEach((trial, index) => writeTrial(dir, trial, index, input));
  return dir;
}

function writeTrial(dir: string, trial: TrialInput, index: number, input: RunInput): void {
  const id = `t${String(index).padStart(5, "0")}`;
  const folder = join(dir, "trials", id);
  mkdirSync(join(folder, "output"), { recursive: true });
  writeFileSync(join(folder, "params.json"), JSON.stringify(trial.params));
  const status = trial.status ?? "succeeded";
  if (status === "pending") return;

  const record = {
    schemaVersion: 1, trialId: id, step: "main", index, params: trial.params,
    replicate: trial.replicate ?? 0, seed: 1000 + index, argv: ["sim"], attempt: 1, status,
    exitCode: status === "succeeded" ? 0 : 3, signal: null, host: "testhost",
    backend: "local", startedAt: "2026-01-01T00:00:00.000Z",
    endedAt: "2026-01-01T00:00:01.000Z", durationSeconds: trial.durationSeconds ?? 1,
    peakMemoryKiB: trial.peakMemoryKiB === undefined ? 20480 : trial.peakMemoryKiB,
    cpuSeconds: 1,
    resources: { cpus: 1, memoryMiB: 100, gpus: 0, walltimeSeconds: 60 },
    outputs: [], metrics: trial.metrics ?? {}, progress: trial.progress ?? [],
  };
  writeFileSync(join(folder, "record.json"), JSON.stringify(record));
  writeFileSync(join(folder, "stderr.log"), status === "succeeded" ? "" : "boom\n");
  writeFileSync(join(folder, "stdout.log"), "");
  if (input.metricsInRecordOnly || trial.metrics === undefined) return;
  writeFileSync(join(folder, "output", "metrics.json"), JSON.stringify(trial.metrics));
  if (trial.progress) {
    writeFileSync(join(folder, "output", "progress.jsonl"),
      trial.progress.map((line) => JSON.stringify(line)).join("\n") + "\n");
  }
}
