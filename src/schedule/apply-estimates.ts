// A plan whose trials ask for what the estimates predict: walltime and
// memory rounded up from the margin-inclusive predictions, wherever a model
// (not just the declaration) stands behind them. Compilers then write
// --time/--mem (SLURM) or walltime/mem (PBS) from these figures, and the
// margin is visible in plan.json. The table stays lazy.
import type { Plan, PlanStep, TrialSpec, TrialTable } from "../plan/types.ts";
import { roundUpMemory, roundUpWalltime } from "./cluster-request.ts";
import { estimateTrial, type Estimates } from "./estimate/estimates.ts";

/**
 * `rehash` recomputes the plan hash (the plan module's planHash): the
 * scheduler does not depend on how plans are serialised.
 */
export function applyEstimates(
  plan: Plan,
  estimates: Estimates,
  rehash: (plan: Omit<Plan, "hash">) => string,
): Plan {
  const steps = plan.steps.map((step): PlanStep => ({
    ...step,
    trials: estimatedTable(step.trials, estimates),
  }));
  const { hash: _old, ...rest } = { ...plan, steps };
  return { ...rest, hash: rehash(rest) };
}

function estimatedTable(table: TrialTable, estimates: Estimates): TrialTable {
  const at = (index: number): TrialSpec => withEstimate(table.at(index), estimates);
  return {
    count: table.count,
    at,
    *[Symbol.iterator]() {
      for (const trial of table) yield withEstimate(trial, estimates);
    },
  };
}

function withEstimate(trial: TrialSpec, estimates: Estimates): TrialSpec {
  const estimate = estimateTrial(estimates, trial);
  return {
    ...trial,
    resources: {
      ...trial.resources,
      walltimeSeconds: estimate.runtimeBasis === "declared"
        ? trial.resources.walltimeSeconds
        : roundUpWalltime(estimate.walltimeSeconds),
      memoryMiB: estimate.memoryBasis === "declared"
        ? trial.resources.memoryMiB
        : roundUpMemory(estimate.memoryMiB),
    },
  };
}
