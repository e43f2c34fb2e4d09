// Benchmark: `pack` of a synthetic 1,000-trial run (records, metrics,
// progress, a 4 KiB output and logs per trial) against the reference of
// hashing the same files with sha256sum and archiving them with `tar czf`,
// measured in the same process on the same files.
//
//   npx tsx bench/repro-pack.ts [trials]
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { packRun } from "../src/repro/pack.ts";

const TRIALS = Number(process.argv[2] ?? 1000);
const json = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** Writes a finished run directory in the layout of src/record. */
async function syntheticRun(runDir: string): Promise<void> {
  const ids = Array.from({ length: TRIALS }, (_, i) => `t${String(i).padStart(6, "0")}`);
  const trials = ids.map((id, index) => ({
    id, step: "sim", index, point: index, params: { x: index, solver: index % 2 ? "cg" : "jacobi" },
    replicate: 0, seed: 1000 + index, argv: ["python3", "sim.py", `--x=${index}`], env: {},
    resources: { cpus: 1, memoryMiB: 256, gpus: 0, walltimeSeconds: 60 }, dependsOn: [],
  }));
  await mkdir(join(runDir, "trials"), { recursive: true });
  await writeFile(join(runDir, "plan.json"), json({
    schemaVersion: 1, generator: { name: "sweepforge", version: "0.1.0" }, experiment: "synthetic",
    definition: { path: "experiment.yaml", format: "yaml", hash: "0".repeat(64) }, seed: 1,
    space: { size: String(TRIALS), selected: TRIALS, method: "grid", replicates: 1 },
    params: [{ name: "x", kind: "integer", scale: "linear", origin: "swept" },
      { name: "solver", kind: "categorical", scale: "linear", origin: "swept" }],
    metrics: [{ name: "error" }], inputs: [], cluster: {},
    steps: [{ name: "sim", dependsOn: [], outputs: ["field.csv"], requeue: false, heavy: false,
      retries: 0, trialCount: TRIALS, trials }],
    hash: "f".repeat(64),
  }));
  await writeFile(join(runDir, "journal.jsonl"), ids.map((id) => json({ event: "finished", id })).join(""));

  const field = Array.from({ length: 256 }, (_, i) => `${i},${Math.sin(i).toFixed(9)}`).join("\n");
  await Promise.all(trials.map(async (trial) => {
    const dir = join(runDir, "trials", trial.id);
    await mkdir(join(dir, "output"), { recursive: true });
    const metrics = { error: 1 / (trial.index + 1), iterations: trial.index % 97 };
    await writeFile(join(dir, "params.json"), json(trial));
    await writeFile(join(dir, "stdout.log"), `solving x=${trial.index}\n`.repeat(20));
    await writeFile(join(dir, "stderr.log"), "");
    await writeFile(join(dir, "output", "metrics.json"), json(metrics));
    await writeFile(join(dir, "output", "progress.jsonl"), json({ step: 1, residual: 0.1 }).repeat(50));
    await writeFile(join(dir, "output", "field.csv"), `${field}\n${trial.index}\n`);
    await writeFile(join(dir, "record.json"), json({
      schemaVersion: 2, trialId: trial.id, step: "sim", index: trial.index, params: trial.params,
      replicate: 0, seed: trial.seed, argv: trial.argv, attempt: 1, status: "succeeded", exitCode: 0,
      signal: null, host: "bench", backend: "local", startedAt: "2026-01-01T00:00:00Z",
      endedAt: "2026-01-01T00:00:01Z", durationSeconds: 1, peakMemoryKiB: null, cpuSeconds: null,
      resources: trial.resources, outputs: [], metrics, progress: [],
      logs: { stdout: "stdout.log", stderr: "stderr.log" }, gpuDevices: [],
    }));
  }));
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function bestOf<T>(runs: number, work: () => Promise<T> | T): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await work();
    best = Math.min(best, seconds(start));
  }
  return best;
}

const root = await mkdtemp(join(tmpdir(), "sweepforge-bench-pack-"));
const runDir = join(root, "run");
await syntheticRun(runDir);
const files = execFileSync("find", [runDir, "-type", "f"], { encoding: "utf8" }).trim().split("\n");

const ours = await bestOf(3, () => packRun(runDir, {
  output: join(root, "ours.tar.gz"), probeEnvironment: false, cwd: root,
}));
const reference = await bestOf(3, () => {
  execFileSync("sh", ["-c", 'find run -type f -print0 | xargs -0 sha256sum > /dev/null && tar czf ref.tar.gz run'],
    { cwd: root });
});

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, Node ${process.version}`);
console.log(`run: ${TRIALS} trials, ${files.length} files`);
console.log(`sweepforge pack (manifest + RO-Crate + hashes + tar.gz): ${ours.toFixed(3)} s`);
console.log(`reference sha256sum + tar czf of the same files:       ${reference.toFixed(3)} s`);
console.log(`ratio (ours / reference): ${(ours / reference).toFixed(2)}`);
if (!process.env.KEEP) await rm(root, { recursive: true, force: true }); else console.log(root);
