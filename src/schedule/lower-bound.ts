// No schedule can finish sooner than this: the work spread perfectly over
// the capacity, the longest dependency chain, and the longest single trial.
import { capacityTotals, type Capacity } from "./capacity.ts";
import { buildGraph, longestChainSeconds, type WorkGraph } from "./graph.ts";
import type { WorkItem } from "./workload.ts";

export interface MakespanBound {
  readonly seconds: number;
  /** Which limit binds: total work on one resource, the chain, or one trial. */
  readonly binding: "cpu-work" | "memory-work" | "gpu-work" | "chain" | "trial";
}

export function makespanLowerBound(
  items: readonly WorkItem[],
  capacity: Capacity,
  graph: WorkGraph = buildGraph(items),
): MakespanBound {
  const totals = capacityTotals(capacity);
  let cpuWork = 0;
  let memoryWork = 0;
  let gpuWork = 0;
  let longestTrial = 0;
  for (const item of items) {
    cpuWork += item.cpus * item.seconds;
    memoryWork += item.memoryMiB * item.seconds;
    gpuWork += item.gpus * item.seconds;
    longestTrial = Math.max(longestTrial, item.seconds);
  }

  const share = (work: number, total: number) => (total > 0 ? work / total : 0);
  const candidates: MakespanBound[] = [
    { seconds: share(cpuWork, totals.cpus), binding: "cpu-work" },
    { seconds: share(memoryWork, totals.memoryMiB), binding: "memory-work" },
    { seconds: share(gpuWork, totals.gpus), binding: "gpu-work" },
    { seconds: longestTrial, binding: "trial" },
    { seconds: longestChainSeconds(items, graph), binding: "chain" },
  ];
  return candidates.reduce((best, next) => (next.seconds > best.seconds ? next : best));
}
