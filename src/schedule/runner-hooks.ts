// What the local runner needs from the scheduler: the planned launch order
// (so the achieved schedule follows the planned one) and, with an off-peak
// policy, when each heavy trial may start.
import type { Plan, TrialSpec } from "../plan/types.ts";
import type { Capacity } from "./capacity.ts";
import type { Estimates } from "./estimate/estimates.ts";
import { classifySteps, type HeavinessRule } from "./heavy.ts";
import { isInWindow, nextWindowStart, type OffPeakPolicy } from "./off-peak.ts";
import { workloadFromPlan } from "./plan-workload.ts";
import { planSchedule, type AlgorithmChoice, type Schedule } from "./scheduler.ts";

export interface LaunchOrder {
  /** Comparator over trials: planned start order, unknown trials last. */
  readonly compare: (a: TrialSpec, b: TrialSpec) => number;
  readonly schedule: Schedule;
}

/** Plans the run on the capacity it will get and returns that order. */
export function plannedLaunchOrder(
  plan: Pick<Plan, "steps">,
  capacity: Capacity,
  options: { readonly estimates?: Estimates; readonly algorithm?: AlgorithmChoice } = {},
): LaunchOrder {
  const items = workloadFromPlan(plan, options.estimates);
  const schedule = planSchedule(items, capacity, { algorithm: options.algorithm ?? "auto" });

  const position = new Map<string, number>();
  schedule.simulation.launchOrder.forEach((item, rank) => {
    position.set((items[item] as { id: string }).id, rank);
  });
  const rankOf = (trial: TrialSpec) => position.get(trial.id) ?? Number.MAX_SAFE_INTEGER;
  return { compare: (a, b) => rankOf(a) - rankOf(b), schedule };
}

export interface OffPeakHold {
  /** For the runner's holdUntil hook: a future date holds a heavy trial. */
  readonly holdUntil: (trial: TrialSpec, now: Date) => Date | null;
  readonly heavySteps: readonly string[];
}

/** Heavy steps (flagged, or over the threshold) wait for the next window. */
export function offPeakHold(
  plan: Pick<Plan, "steps">,
  policy: OffPeakPolicy,
  options: { readonly estimates?: Estimates; readonly heaviness?: HeavinessRule } = {},
): OffPeakHold {
  const items = workloadFromPlan(plan, options.estimates);
  const heavySteps = classifySteps(plan.steps, items, options.heaviness)
    .filter((h) => h.heavy).map((h) => h.step);
  const heavy = new Set(heavySteps);

  return {
    heavySteps,
    holdUntil: (trial, now) => {
      if (!heavy.has(trial.step) || isInWindow(policy, now)) return null;
      return nextWindowStart(policy, now);
    },
  };
}
