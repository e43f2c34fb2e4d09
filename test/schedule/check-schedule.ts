// Independent checks of a simulated schedule, written from the definition of
// a valid schedule rather than from the simulator's code.
import type { Capacity } from "../../src/schedule/capacity.ts";
import type { SimulationResult } from "../../src/schedule/simulator.ts";
import type { WorkItem } from "../../src/schedule/workload.ts";

/** Problems found: resources over-committed, dependencies broken, items lost. */
export function scheduleViolations(
  items: readonly WorkItem[],
  capacity: Capacity,
  result: SimulationResult,
  durationOf: (item: WorkItem) => number = (item) => item.seconds,
): string[] {
  const problems: string[] = [];
  const endOf = new Map<string, number>();
  items.forEach((item, i) => {
    const start = result.start[i] as number;
    if (Number.isNaN(start)) problems.push(`${item.id} never ran`);
    endOf.set(item.id, start + durationOf(item));
  });

  items.forEach((item, i) => {
    for (const dependency of item.dependsOn) {
      if ((result.start[i] as number) < (endOf.get(dependency) ?? 0) - 1e-9) {
        problems.push(`${item.id} started before ${dependency} ended`);
      }
    }
  });

  // Sweep each node's start/end points and check the running totals.
  capacity.nodes.forEach((node, k) => {
    const points: [number, number, WorkItem][] = [];
    items.forEach((item, i) => {
      if (result.node[i] !== k) return;
      points.push(
        [result.start[i] as number, 1, item],
        [endOf.get(item.id) as number, -1, item],
      );
    });
    points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let cpus = 0;
    let memory = 0;
    let gpus = 0;
    for (const [time, sign, item] of points) {
      cpus += sign * item.cpus;
      memory += sign * item.memoryMiB;
      gpus += sign * item.gpus;
      if (cpus > node.cpus || memory > node.memoryMiB || gpus > node.gpus) {
        problems.push(`${node.name} over-committed at t=${time}`);
      }
    }
  });

  return problems;
}
