// Runs N trivial `true` trials with sweepforge's local runner (full records)
// beside xargs -P and GNU parallel at the same parallelism, in one run, and
// prints the times, the per-trial overhead and the ratios.
//
//   npx tsx bench/run-trivial.ts [--jobs 2] [--counts 1000,10000] [--dir DIR]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { arrayTable } from "../src/plan/trial-table.ts";
import { planHash } from "../src/plan/serialize.ts";
import type { Plan, TrialSpec } from "../src/plan/types.ts";
import { captureEnvironment } from "../src/record/environment/capture.ts";
import { runPlan } from "../src/run/runner.ts";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "2" },
    counts: { type: "string", default: "1000,10000" },
    // Where run folders go: the default temporary folder, or e.g. /dev/shm.
    dir: { type: "string", default: tmpdir() },
  },
});
const jobs = Number(values.jobs);
const counts = String(values.counts).split(",").map(Number);

function trivialPlan(count: number): Plan {
  const trials: TrialSpec[] = Array.from({ length: count }, (_, index) => ({
    id: `t${String(index).padStart(6, "0")}`,
    step: "t",
    index,
    point: index,
    params: { i: index },
    replicate: 0,
    seed: index,
    argv: ["true"],
    env: {},
    resources: { cpus: 1, memoryMiB: 0, gpus: 0, walltimeSeconds: 0 },
    dependsOn: [],
  }));
  const plan: Omit<Plan, "hash"> = {
    schemaVersion: 1,
    generator: { name: "sweepforge", version: "bench" },
    experiment: "trivial",
    definition: { path: "bench", format: "inline", hash: "0".repeat(64) },
    seed: 1,
    space: { size: String(count), selected: count, method: "grid", replicates: 1 },
    params: [],
    metrics: [],
    inputs: [],
    cluster: {},
    steps: [
      {
        name: "t",
        dependsOn: [],
        outputs: [],
        requeue: false,
        heavy: false,
        retries: 0,
        trials: arrayTable(trials),
      },
    ],
  };
  return { ...plan, hash: planHash(plan) };
}

function shell(command: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], { stdio: "ignore" });
    child.on("exit", (code) =>
      code === 0
        ? resolve((performance.now() - started) / 1000)
        : reject(new Error(`${command} exited ${code}`)),
    );
  });
}

async function nodeSpawnLoop(count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      await new Promise((resolve) => spawn("true").on("exit", resolve));
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return (performance.now() - started) / 1000;
}

/** CPU milliseconds per trial spent in the runner's own (Node) process, last run. */
let runnerCpuMsPerTrial = 0;

/**
 * Run folders are removed only when every measurement is over: ext4 makes
 * each file created within ~30 s of a mass deletion pay to skip the freed
 * inodes, which no user's fresh run folder sees.
 */
const runFolders: string[] = [];
process.on("exit", () => {
  for (const dir of runFolders) rmSync(dir, { recursive: true, force: true });
});

async function ours(count: number): Promise<number> {
  const dir = mkdtempSync(join(String(values.dir), "sweepforge-bench-"));
  runFolders.push(dir);
  const plan = trivialPlan(count);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const summary = await runPlan(plan, {
    runDir: join(dir, "run"),
    jobs,
    skipEnvironment: true,
  });
  if (summary.succeeded !== count) throw new Error("not every trial succeeded");
  const cpu = process.cpuUsage(cpuBefore);
  runnerCpuMsPerTrial = (cpu.user + cpu.system) / 1000 / count;
  return (performance.now() - started) / 1000;
}

const envStarted = performance.now();
await captureEnvironment();
const envMs = performance.now() - envStarted;

console.log(
  `machine: ${cpus().length} cpus (${cpus()[0]?.model}), node ${process.version}, jobs ${jobs}`,
);
console.log(`run folders under ${String(values.dir)}`);
console.log(
  `environment capture (once per run, not in the figures below): ${envMs.toFixed(0)} ms\n`,
);
console.log("trials  tool                 seconds  per trial  sweepforge ÷ tool");
for (const count of counts) {
  const rows: [string, number][] = [];
  const sweepforge = await ours(count);
  rows.push(["sweepforge run", sweepforge]);
  rows.push([
    `xargs -P ${jobs}`,
    await shell(`seq ${count} | xargs -P ${jobs} -n 1 true`),
  ]);
  rows.push([
    `GNU parallel -j ${jobs}`,
    await shell(`seq ${count} | parallel --will-cite -j ${jobs} true`),
  ]);
  if (count <= 1000) rows.push(["node spawn loop", await nodeSpawnLoop(count)]);

  for (const [tool, seconds] of rows) {
    console.log(
      `${String(count).padStart(6)}  ${tool.padEnd(20)} ${seconds.toFixed(2).padStart(7)}` +
        `  ${((seconds / count) * 1000).toFixed(3).padStart(6)} ms  ${(sweepforge / seconds).toFixed(2)}`,
    );
  }
  console.log(
    `        runner process CPU: ${runnerCpuMsPerTrial.toFixed(3)} ms per trial`,
  );
}
