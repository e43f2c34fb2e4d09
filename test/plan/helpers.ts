// Compiles inline YAML for plan tests (the loader is exercised for real).
import { loadDataDefinition } from "../../src/definition/index.ts";
import { compilePlan } from "../../src/plan/index.ts";
import type { Plan, TrialSpec } from "../../src/plan/index.ts";
import { UserError, type Problem } from "../../src/errors.ts";

export const SOURCE = { path: "exp.yaml", format: "yaml" as const, hash: "0".repeat(64) };

export function planOf(yaml: string): Plan {
  return compilePlan(loadDataDefinition(yaml, SOURCE));
}

export function trialsOf(plan: Plan, step: string): TrialSpec[] {
  const found = plan.steps.find((s) => s.name === step);
  if (!found) throw new Error(`no step ${step}`);
  return [...found.trials];
}

export function problemsOfPlan(yaml: string): readonly Problem[] {
  try {
    planOf(yaml);
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  throw new Error("expected compile to fail");
}
