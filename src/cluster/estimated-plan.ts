// Compile and submit ask the scheduler for what past runs say trials need:
// history is read (runs/<experiment>, or the --history directories), models
// are fitted, and the plan's trials get the margin-inclusive, rounded-up
// walltime and memory. The returned plan carries its own recomputed hash.
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { planHash } from "../plan/serialize.ts";
import type { Plan } from "../plan/types.ts";
import { applyEstimates } from "../schedule/apply-estimates.ts";
import { estimateBasis, type StepEstimateBasis } from "../schedule/estimate-basis.ts";
import { fitEstimates } from "../schedule/estimate/estimates.ts";
import { readHistory } from "../schedule/estimate/history.ts";

export interface EstimateChoices {
  /** False turns estimation off (--no-estimate). */
  readonly enabled: boolean;
  /** Run directories (or folders of them); empty means runs/<experiment> if present. */
  readonly history: readonly string[];
  /** Residual quantile the margin covers (default 0.95). */
  readonly quantile?: number;
}

export interface EstimatedPlan {
  readonly plan: Plan;
  /** Per step; absent when no history was found, so the plan is unchanged. */
  readonly basis?: readonly StepEstimateBasis[];
  /** Run directories that contributed observations. */
  readonly runs: readonly string[];
}

/** The plan with estimated requests, or the plan as declared when there is no history. */
export async function estimatedPlan(
  plan: Plan,
  choices: EstimateChoices,
  cwd: string,
): Promise<EstimatedPlan> {
  if (!choices.enabled) return { plan, runs: [] };

  const directories = await historyDirectories(plan.experiment, choices.history, cwd);
  const history = await readHistory(directories, { experiment: plan.experiment });
  if (history.observations.length === 0) return { plan, runs: [] };

  const estimates = fitEstimates(plan, history.observations,
    choices.quantile === undefined ? {} : { quantile: choices.quantile });
  return {
    plan: applyEstimates(plan, estimates, planHash),
    basis: estimateBasis(estimates),
    runs: history.runs,
  };
}

// Explicit directories must exist (readHistory says so); the default may not.
async function historyDirectories(
  experiment: string,
  explicit: readonly string[],
  cwd: string,
): Promise<readonly string[]> {
  if (explicit.length > 0) return explicit.map((dir) => resolve(cwd, dir));

  const fallback = resolve(cwd, "runs", experiment);
  return await access(fallback).then(() => true, () => false) ? [fallback] : [];
}
