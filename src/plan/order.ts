// Orders steps so every step comes after the steps it waits on, keeping the
// declaration order wherever the dependencies allow it.
import type { StepDefinition } from "../definition/types.ts";

export function topologicalSteps(steps: readonly StepDefinition[]): StepDefinition[] {
  const placed = new Set<string>();
  const ordered: StepDefinition[] = [];

  while (ordered.length < steps.length) {
    const ready = steps.find((step) => !placed.has(step.name)
      && step.after.every((dependency) => placed.has(dependency.step)));
    // Validation rejects cycles before compile; this guards direct callers.
    if (!ready) throw new Error("steps form a cycle; validate the definition first");
    placed.add(ready.name);
    ordered.push(ready);
  }
  return ordered;
}

/**
 * A step is an aggregate (one trial, no params) when it waits on all trials
 * of some step, or on an aggregate step.
 */
export function aggregateSteps(ordered: readonly StepDefinition[]): ReadonlySet<string> {
  const aggregates = new Set<string>();
  for (const step of ordered) {
    const isAggregate = step.after.some((dependency) =>
      dependency.mode === "all" || aggregates.has(dependency.step));
    if (isAggregate) aggregates.add(step.name);
  }
  return aggregates;
}
