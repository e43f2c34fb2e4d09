// Planning: order and pack a workload onto a capacity, and say how good the
// result is against the lower bound. Each algorithm is a priority order fed
// to the same event-driven list scheduler (see simulator.ts).
import { capacityTotals, type Capacity } from "./capacity.ts";
import { buildGraph, upwardRanks, type WorkGraph } from "./graph.ts";
import { makespanLowerBound, type MakespanBound } from "./lower-bound.ts";
import { simulate, type SimulationResult } from "./simulator.ts";
import { coreHours, type WorkItem } from "./workload.ts";

export const ALGORITHMS = [
  "fifo", "longest-first", "critical-path", "largest-area", "widest-first",
] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** "auto" tries the ordering heuristics and keeps the shortest schedule. */
export type AlgorithmChoice = Algorithm | "auto";

const AUTO_CANDIDATES: readonly Algorithm[] = ["critical-path", "largest-area", "widest-first"];

export interface Schedule {
  readonly algorithm: Algorithm;
  readonly coreHours: number;
  readonly makespanSeconds: number;
  readonly lowerBound: MakespanBound;
  /** cpu work / (total cpus × makespan), 0..1. */
  readonly utilization: number;
  readonly simulation: SimulationResult;
}

export interface ScheduleOptions {
  readonly algorithm?: AlgorithmChoice;
}

/** Plans the workload; the launch order is `simulation.launchOrder`. */
export function planSchedule(
  items: readonly WorkItem[],
  capacity: Capacity,
  options: ScheduleOptions = {},
): Schedule {
  const graph = buildGraph(items);
  const lowerBound = makespanLowerBound(items, capacity, graph);
  const choice = options.algorithm ?? "auto";
  const candidates = choice === "auto" ? AUTO_CANDIDATES : [choice];

  let best: Schedule | undefined;
  const tried: Int32Array[] = [];
  for (const algorithm of candidates) {
    const order = priorityOrder(algorithm, items, graph);
    if (tried.some((earlier) => sameOrder(earlier, order))) continue;
    tried.push(order);

    const simulation = simulate(items, capacity, {
      order,
      strictOrder: algorithm === "fifo",
      graph,
    });
    const schedule = describe(algorithm, items, capacity, lowerBound, simulation);
    if (!best || schedule.makespanSeconds < best.makespanSeconds) best = schedule;
    if (best.makespanSeconds <= lowerBound.seconds * CLOSE_ENOUGH) break;
  }
  return best as Schedule;
}

/** Within 0.1 % of the lower bound no other ordering can gain anything material. */
const CLOSE_ENOUGH = 1.001;

function sameOrder(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function describe(
  algorithm: Algorithm,
  items: readonly WorkItem[],
  capacity: Capacity,
  lowerBound: MakespanBound,
  simulation: SimulationResult,
): Schedule {
  const hours = coreHours(items);
  const makespan = simulation.makespanSeconds;
  const cpus = capacityTotals(capacity).cpus;
  return {
    algorithm,
    coreHours: hours,
    makespanSeconds: makespan,
    lowerBound,
    utilization: makespan > 0 ? (hours * 3600) / (cpus * makespan) : 0,
    simulation,
  };
}

/**
 * Item indices in the algorithm's priority order, highest first. Ties fall
 * back to declaration order, so plans are deterministic.
 */
export function priorityOrder(
  algorithm: Algorithm,
  items: readonly WorkItem[],
  graph: WorkGraph = buildGraph(items),
): Int32Array {
  const n = items.length;
  const key = new Float64Array(n);
  const secondary = new Float64Array(n);
  const upward = algorithm === "critical-path" ? upwardRanks(items, graph) : undefined;

  for (let i = 0; i < n; i += 1) {
    const item = items[i] as WorkItem;
    switch (algorithm) {
      case "fifo": key[i] = i; break;
      case "longest-first": key[i] = -item.seconds; break;
      case "critical-path":
        key[i] = -(upward?.[i] as number);
        secondary[i] = -item.seconds;
        break;
      case "largest-area": key[i] = -item.cpus * item.seconds; break;
      case "widest-first": key[i] = -item.cpus; secondary[i] = -item.seconds; break;
    }
  }

  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (algorithm === "fifo") return order;
  return order.sort((a, b) => (key[a] as number) - (key[b] as number)
    || (secondary[a] as number) - (secondary[b] as number)
    || a - b);
}
