// The dependency graph of a workload as index arrays, with a topological
// order, so rank and chain computations stay linear on 100,000 trials.
import { UserError } from "../errors.ts";
import type { WorkItem } from "./workload.ts";

export interface WorkGraph {
  /** For each item, the indices of items that wait for it. */
  readonly successors: readonly (readonly number[])[];
  /** For each item, how many of its dependencies are in the workload. */
  readonly predecessorCount: Int32Array;
  /** Every index, each after all of its dependencies. */
  readonly topologicalOrder: Int32Array;
}

const NO_SUCCESSORS: readonly number[] = Object.freeze([]);

/** Builds the graph; dependencies outside the workload count as done. */
export function buildGraph(items: readonly WorkItem[]): WorkGraph {
  const n = items.length;
  const predecessorCount = new Int32Array(n);
  if (items.every((item) => item.dependsOn.length === 0)) {
    return {
      successors: new Array<readonly number[]>(n).fill(NO_SUCCESSORS),
      predecessorCount,
      topologicalOrder: Int32Array.from({ length: n }, (_, i) => i),
    };
  }

  const indexOf = new Map<string, number>();
  items.forEach((item, i) => indexOf.set(item.id, i));
  const successors: number[][] = items.map(() => []);
  items.forEach((item, i) => {
    for (const dependency of item.dependsOn) {
      const from = indexOf.get(dependency);
      if (from === undefined) continue;
      (successors[from] as number[]).push(i);
      predecessorCount[i] = (predecessorCount[i] as number) + 1;
    }
  });

  const order = topologicalOrder(items, successors, predecessorCount);
  return { successors, predecessorCount, topologicalOrder: order };
}

// Kahn's algorithm; a cycle is the user's definition error, named by one id.
function topologicalOrder(
  items: readonly WorkItem[],
  successors: readonly (readonly number[])[],
  predecessorCount: Int32Array,
): Int32Array {
  const remaining = Int32Array.from(predecessorCount);
  const order = new Int32Array(items.length);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < items.length; i += 1) if (remaining[i] === 0) order[tail++] = i;

  while (head < tail) {
    const current = order[head++] as number;
    for (const next of successors[current] as number[]) {
      remaining[next] = (remaining[next] as number) - 1;
      if (remaining[next] === 0) order[tail++] = next;
    }
  }

  if (tail < items.length) {
    const stuck = items[remaining.findIndex((count) => count > 0)] as WorkItem;
    throw new UserError({
      code: "schedule/dependency-cycle",
      message: `trial ${stuck.id} of step "${stuck.step}" is part of a dependency cycle`,
      path: ["steps", stuck.step, "dependsOn"],
      fix: "remove one of the dependencies so the steps form a DAG",
    });
  }
  return order;
}

/**
 * Upward rank (as in HEFT): an item's own time plus the longest chain of
 * work that waits for it. Scheduling highest rank first shortens the chain.
 */
export function upwardRanks(items: readonly WorkItem[], graph: WorkGraph): Float64Array {
  const ranks = new Float64Array(items.length);
  for (let k = items.length - 1; k >= 0; k -= 1) {
    const i = graph.topologicalOrder[k] as number;
    let longestAfter = 0;
    for (const next of graph.successors[i] as number[]) {
      longestAfter = Math.max(longestAfter, ranks[next] as number);
    }
    ranks[i] = (items[i] as WorkItem).seconds + longestAfter;
  }
  return ranks;
}

/** Seconds along the longest dependency chain (the makespan with endless capacity). */
export function longestChainSeconds(items: readonly WorkItem[], graph: WorkGraph): number {
  let longest = 0;
  for (const rank of upwardRanks(items, graph)) longest = Math.max(longest, rank);
  return longest;
}
