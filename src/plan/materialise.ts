// A plan whose trial tables are arrays. Compiling walks every trial twice
// (the plan hash, then the task layout, which keeps all rows anyway), and on a
// lazy table each walk rebuilds every trial — ids, seeds, argv. Building them
// once costs no more memory than the layout already holds.
import { planHash } from "./serialize.ts";
import { arrayTable } from "./trial-table.ts";
import type { Plan, PlanStep } from "./types.ts";

/** The same plan (same hash) with every step's trials built once, in order. */
export function materialisePlan(plan: Plan): Plan {
  // Object.keys does not call the lazy hash getter; a spread would.
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(plan)) {
    if (key !== "hash") fields[key] = plan[key as keyof Plan];
  }
  const steps = plan.steps.map((step): PlanStep => ({
    ...step,
    trials: arrayTable(Array.from(step.trials)),
  }));
  const rest = { ...fields, steps } as unknown as Omit<Plan, "hash">;

  let hash: string | undefined;
  return Object.defineProperty(rest, "hash", {
    enumerable: true,
    get: () => (hash ??= planHash(rest)),
  }) as Plan;
}
