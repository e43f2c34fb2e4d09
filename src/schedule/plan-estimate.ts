// The `estimate` section of `plan --json`: cost, planned makespan against
// its lower bound, utilization, per-step cluster requests and heaviness,
// and optionally a simulated run with node failures.
import type { Plan } from "../plan/types.ts";
import { capacityTotals, type Capacity, type ResourceTotals } from "./capacity.ts";
import { clusterRequestForStep, type ClusterRequest } from "./cluster-request.ts";
import { assertNoConflicts } from "./conflicts.ts";
import { estimateBasis, type StepEstimateBasis } from "./estimate-basis.ts";
import { fitEstimates, type Estimates } from "./estimate/estimates.ts";
import { classifySteps, type HeavinessRule } from "./heavy.ts";
import type { OffPeakPolicy } from "./off-peak.ts";
import { workloadFromPlan } from "./plan-workload.ts";
import {
  planSchedule, priorityOrder, type Algorithm, type AlgorithmChoice,
} from "./scheduler.ts";
import { simulate, type NodeFailure } from "./simulator.ts";
import type { WorkItem } from "./workload.ts";

export interface PlanEstimateOptions {
  readonly capacity: Capacity;
  /** Fitted models; without them the declared resources are the estimate. */
  readonly estimates?: Estimates;
  readonly algorithm?: AlgorithmChoice;
  readonly deadlineSeconds?: number;
  readonly offPeak?: OffPeakPolicy;
  readonly heaviness?: HeavinessRule;
  /** Run the simulator too, with these failures injected. */
  readonly simulate?: { readonly failures: readonly NodeFailure[] };
  /** For off-peak checks: when the plan would start (default: now). */
  readonly now?: Date;
}

export interface StepEstimate {
  readonly step: string;
  readonly trials: number;
  readonly coreHours: number;
  readonly heavy: boolean;
  readonly heavyReason: string;
  readonly request: ClusterRequest;
  /** What the request was estimated from: model, sample count and margin. */
  readonly basis: StepEstimateBasis;
}

export interface PlanEstimate {
  readonly capacity: { readonly source: Capacity["source"] } & ResourceTotals;
  readonly algorithm: string;
  readonly coreHours: number;
  readonly makespanSeconds: number;
  readonly lowerBoundSeconds: number;
  readonly lowerBoundBinding: string;
  readonly utilization: number;
  /** The same workload first-in-first-out in declaration order, for comparison. */
  readonly fifo: { readonly makespanSeconds: number; readonly utilization: number };
  readonly steps: readonly StepEstimate[];
  readonly simulation?: {
    readonly makespanSeconds: number;
    readonly utilization: number;
    readonly requeued: number;
    readonly lostCoreHours: number;
    readonly strandedTrials: number;
  };
}

/**
 * Estimates and schedules a plan on a capacity. Throws a UserError when the
 * plan conflicts with the capacity, the deadline or the off-peak windows.
 */
export function estimatePlan(plan: Plan, options: PlanEstimateOptions): PlanEstimate {
  const estimates = options.estimates ?? fitEstimates(plan, []);
  const bases = estimateBasis(estimates);
  const items = workloadFromPlan(plan, estimates);
  const heaviness = classifySteps(plan.steps, items, options.heaviness);
  const now = options.now ?? new Date();

  assertNoConflicts(items, options.capacity, {
    ...(options.offPeak ? {
      offPeak: {
        policy: options.offPeak,
        heavySteps: heaviness.filter((h) => h.heavy).map((h) => h.step),
        now,
      },
    } : {}),
  });

  const algorithm = options.algorithm ?? "auto";
  const schedule = planSchedule(items, options.capacity, { algorithm });
  const fifo = planSchedule(items, options.capacity, { algorithm: "fifo" });
  assertNoConflicts(items, options.capacity, {
    ...(options.deadlineSeconds === undefined
      ? {} : { deadlineSeconds: options.deadlineSeconds }),
    plannedMakespanSeconds: schedule.makespanSeconds,
    lowerBoundSeconds: schedule.lowerBound.seconds,
  });

  const totals = capacityTotals(options.capacity);
  return {
    capacity: { source: options.capacity.source, ...totals },
    algorithm: schedule.algorithm,
    coreHours: round(schedule.coreHours, 4),
    makespanSeconds: round(schedule.makespanSeconds, 3),
    lowerBoundSeconds: round(schedule.lowerBound.seconds, 3),
    lowerBoundBinding: schedule.lowerBound.binding,
    utilization: round(schedule.utilization, 4),
    fifo: {
      makespanSeconds: round(fifo.makespanSeconds, 3),
      utilization: round(fifo.utilization, 4),
    },
    steps: plan.steps.map((step, s) => ({
      step: step.name,
      trials: step.trials.count,
      coreHours: round(stepCoreHours(items, step.name), 4),
      heavy: heaviness[s]?.heavy ?? false,
      heavyReason: heaviness[s]?.reason ?? "light",
      request: clusterRequestForStep(estimates, step),
      basis: bases[s] as StepEstimateBasis,
    })),
    ...(options.simulate ? { simulation: simulated(items, options, schedule.algorithm) } : {}),
  };
}

function simulated(
  items: readonly WorkItem[],
  options: PlanEstimateOptions,
  algorithm: Algorithm,
): NonNullable<PlanEstimate["simulation"]> {
  const order = priorityOrder(algorithm, items);
  const result = simulate(items, options.capacity, {
    order,
    strictOrder: algorithm === "fifo",
    failures: options.simulate?.failures ?? [],
  });
  const cpus = capacityTotals(options.capacity).cpus;
  const makespan = result.makespanSeconds;
  const stranded = new Set(result.stranded);
  const work = items.reduce((sum, item, i) =>
    (stranded.has(i) ? sum : sum + item.cpus * item.seconds), 0);
  return {
    makespanSeconds: round(makespan, 3),
    utilization: round(makespan > 0 ? work / (cpus * makespan) : 0, 4),
    requeued: result.requeued,
    lostCoreHours: round(result.lostCoreSeconds / 3600, 4),
    strandedTrials: result.stranded.length,
  };
}

function stepCoreHours(items: readonly WorkItem[], step: string): number {
  let coreSeconds = 0;
  for (const item of items) if (item.step === step) coreSeconds += item.cpus * item.seconds;
  return coreSeconds / 3600;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
