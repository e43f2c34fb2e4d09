// Which steps are heavy enough to wait for an off-peak window: those the
// definition flags, and those whose estimated cost crosses a threshold.
import type { PlanStep } from "../plan/types.ts";
import type { WorkItem } from "./workload.ts";
import { coreHours, gpuHours } from "./workload.ts";

export interface HeavinessRule {
  /** A step needing more estimated core-hours than this is heavy (default 100). */
  readonly coreHours?: number;
  /** A step needing more estimated GPU-hours than this is heavy (default 10). */
  readonly gpuHours?: number;
}

export const DEFAULT_HEAVINESS = { coreHours: 100, gpuHours: 10 } as const;

export interface Heaviness {
  readonly step: string;
  readonly heavy: boolean;
  /** Why: "flagged heavy", "212.0 core-hours > 100", or "light". */
  readonly reason: string;
}

/** Judges each step from its flag and its work items (estimated seconds). */
export function classifySteps(
  steps: readonly Pick<PlanStep, "name" | "heavy">[],
  items: readonly WorkItem[],
  rule: HeavinessRule = {},
): Heaviness[] {
  const coreLimit = rule.coreHours ?? DEFAULT_HEAVINESS.coreHours;
  const gpuLimit = rule.gpuHours ?? DEFAULT_HEAVINESS.gpuHours;

  return steps.map((step) => {
    const mine = items.filter((item) => item.step === step.name);
    const cores = coreHours(mine);
    const gpus = gpuHours(mine);
    if (step.heavy) return { step: step.name, heavy: true, reason: "flagged heavy" };
    if (cores > coreLimit) {
      const reason = `${cores.toFixed(1)} core-hours > ${coreLimit}`;
      return { step: step.name, heavy: true, reason };
    }
    if (gpus > gpuLimit) {
      const reason = `${gpus.toFixed(1)} GPU-hours > ${gpuLimit}`;
      return { step: step.name, heavy: true, reason };
    }
    return { step: step.name, heavy: false, reason: "light" };
  });
}
