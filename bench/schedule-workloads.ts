// Workloads for the scheduling benchmarks: seeded synthetic sweeps and
// 1,000-job slices of the NASA iPSC/860 trace (Parallel Workloads Archive).
import { createRng } from "../src/space/index.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { workItem, type WorkItem } from "../src/schedule/workload.ts";

export const TRACE = join(import.meta.dirname, "..", "..", "shared", "workloads",
  "NASA-iPSC-1993-3.1-cln.swf");

/** Uniform doubles in [0, 1) from the project's one seeded generator. */
export function seeded(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.nextFloat();
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export type SyntheticKind = "uniform" | "lognormal" | "mixed-width";

/**
 * uniform: 60-600 s, 1 cpu. lognormal: median e^5 ≈ 148 s, σ 1.5 (a heavy
 * tail). mixed-width: lognormal durations on 1, 2, 4, 8 or 16 cpus.
 */
export function synthetic(kind: SyntheticKind, count: number, seed = 1): WorkItem[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    if (kind === "uniform") return workItem(`t${i}`, 60 + 540 * random());
    const seconds = Math.exp(5 + 1.5 * normal(random));
    if (kind === "lognormal") return workItem(`t${i}`, seconds);
    return workItem(`t${i}`, seconds, { cpus: 2 ** Math.floor(random() * 5) });
  });
}

/** Jobs with a known run time and processor count, in log order. */
export function traceJobs(): WorkItem[] {
  const jobs: WorkItem[] = [];
  for (const line of readFileSync(TRACE, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith(";")) continue;
    const fields = line.trim().split(/\s+/).map(Number);
    const [id, , , runTime, processors] = fields;
    if (!(runTime! > 0) || !(processors! > 0)) continue;
    jobs.push(workItem(`job${id}`, runTime!, { cpus: processors! }));
  }
  return jobs;
}
