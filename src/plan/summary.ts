// What `sweepforge plan` reports: trials per step, the space before and
// after constraints or sampling, the first trials and the total resources.
import type { Plan, TrialSpec } from "./types.ts";
import type { ResourceAwareTable } from "./trial-table.ts";

export interface StepSummary {
  readonly name: string;
  readonly trials: number;
  readonly dependsOn: readonly { readonly step: string; readonly mode: "each" | "all" }[];
  readonly coreHours: number;
  readonly gpuHours: number;
}

export interface PlanSummary {
  readonly experiment: string;
  readonly trials: number;
  readonly steps: readonly StepSummary[];
  readonly space: {
    readonly size: string;
    readonly selected: number;
    readonly method: Plan["space"]["method"];
    readonly replicates: number;
  };
  readonly resources: { readonly coreHours: number; readonly gpuHours: number };
  readonly firstTrials: readonly TrialSpec[];
}

export interface SummaryOptions {
  /** How many trials of the first step to include (default 5). */
  readonly firstTrials?: number;
}

export function summarizePlan(plan: Plan, options: SummaryOptions = {}): PlanSummary {
  const steps = plan.steps.map((step): StepSummary => {
    const hours = requestedHours(step.trials as ResourceAwareTable);
    return { name: step.name, trials: step.trials.count, dependsOn: step.dependsOn, ...hours };
  });

  const first = plan.steps[0]?.trials;
  const shown = Math.min(options.firstTrials ?? 5, first?.count ?? 0);
  return {
    experiment: plan.experiment,
    trials: steps.reduce((sum, step) => sum + step.trials, 0),
    steps,
    space: { ...plan.space },
    resources: {
      coreHours: round(steps.reduce((sum, step) => sum + step.coreHours, 0)),
      gpuHours: round(steps.reduce((sum, step) => sum + step.gpuHours, 0)),
    },
    firstTrials: Array.from({ length: shown }, (_, i) => (first as ResourceAwareTable).at(i)),
  };
}

// cpus × walltime summed over trials; constant requests are multiplied out.
function requestedHours(table: ResourceAwareTable): { coreHours: number; gpuHours: number } {
  if (table.constantResources) {
    const { cpus, gpus, walltimeSeconds } = table.constantResources;
    const hours = (walltimeSeconds / 3600) * table.count;
    return { coreHours: round(cpus * hours), gpuHours: round(gpus * hours) };
  }

  let coreSeconds = 0;
  let gpuSeconds = 0;
  for (let i = 0; i < table.count; i++) {
    const request = table.resourcesAt(i);
    coreSeconds += request.cpus * request.walltimeSeconds;
    gpuSeconds += request.gpus * request.walltimeSeconds;
  }
  return { coreHours: round(coreSeconds / 3600), gpuHours: round(gpuSeconds / 3600) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
