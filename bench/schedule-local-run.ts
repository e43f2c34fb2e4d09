// A real local run of a heterogeneous sleep sweep: trials sleeping 0.3-3 s,
// declared with walltimes proportional to their sleep, run by sweepforge in
// the planned (longest-first) order on 2 cpus. The reference is GNU
// parallel running the same sleeps, in declaration order, with -j 2.
// Utilization = Σ sleep / (cpus × wall time).
//
//   npx tsx bench/schedule-local-run.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { planFromFile } from "../src/plan/index.ts";
import { runPlan } from "../src/run/index.ts";
import { runUtilization } from "../src/schedule/achieved.ts";
import { uniformCapacity } from "../src/schedule/capacity.ts";
import { plannedLaunchOrder } from "../src/schedule/runner-hooks.ts";
import { seeded } from "./schedule-workloads.ts";

const CPUS = 2;
const random = seeded(11);
// Declared in a shuffled order with the long sleeps late, as sweeps often are.
const sleeps = Array.from({ length: 30 }, (_, i) =>
  Number((0.3 + 2.7 * random() ** 2 * (i / 29) + i / 1000).toFixed(3)));
const work = sleeps.reduce((sum, s) => sum + s, 0);

const dir = mkdtempSync(join(tmpdir(), "sweepforge-bench-local-"));
writeFileSync(join(dir, "naps.yaml"), `name: naps
seed: 1
params:
  t: [${sleeps.join(", ")}]
steps:
  nap:
    run: [sleep, "{t}"]
    resources: { cpus: 1, memory: 16MiB, time: { expr: "t + 5" } }
`);

const plan = await planFromFile(join(dir, "naps.yaml"), { cwd: dir });
const capacity = uniformCapacity(1, { cpus: CPUS, memoryMiB: 4096, gpus: 0 });
const { compare, schedule } = plannedLaunchOrder(plan, capacity);
const started = performance.now();
const summary = await runPlan(plan, {
  cwd: dir, jobs: CPUS, order: compare, skipEnvironment: true,
  capacity: { cpus: CPUS, memoryMiB: 4096, gpus: 0 },
});
const wall = (performance.now() - started) / 1000;
const achieved = await runUtilization(summary.runDir, CPUS);

const referenceStart = performance.now();
execFileSync("parallel", ["-j", String(CPUS), "sleep", ":::", ...sleeps.map(String)]);
const referenceWall = (performance.now() - referenceStart) / 1000;

const ours = work / (CPUS * wall);
const reference = work / (CPUS * referenceWall);
console.log(`load average ${loadavg()[0]?.toFixed(1)}; ${sleeps.length} trials, `
  + `${work.toFixed(1)} s of sleep on ${CPUS} cpus (bound ${(work / CPUS).toFixed(1)} s)`);
console.log(`sweepforge planned: makespan ${schedule.makespanSeconds.toFixed(1)} s `
  + `(declared walltimes), order ${schedule.algorithm}`);
console.log(`sweepforge run: ${summary.succeeded}/${sleeps.length} succeeded, wall ${wall.toFixed(2)} s, `
  + `utilization ${(ours * 100).toFixed(1)}% (records: ${(achieved.utilization * 100).toFixed(1)}% `
  + `between first start and last end)`);
console.log(`GNU parallel -j ${CPUS}: wall ${referenceWall.toFixed(2)} s, `
  + `utilization ${(reference * 100).toFixed(1)}%`);
console.log(`ratio sweepforge / parallel utilization: ${(ours / reference).toFixed(3)}`);
rmSync(dir, { recursive: true, force: true });
