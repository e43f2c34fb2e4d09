// The Plan: the IR between front ends and back ends, its compiler from a
// Definition, its canonical serialisation and hash, and plan.json I/O.
import { loadDefinition, type LoadOptions } from "../definition/index.ts";
import { compilePlan, type CompileOptions } from "./compile.ts";
import type { Plan } from "./types.ts";

export * from "./types.ts";
export { compilePlan } from "./compile.ts";
export type { CompileOptions } from "./compile.ts";
export { writePlanJson, readPlanJson, planJsonText } from "./json.ts";
export { planHash } from "./serialize.ts";
export { materialisePlan } from "./materialise.ts";
export { summarizePlan } from "./summary.ts";
export type { PlanSummary, StepSummary, SummaryOptions } from "./summary.ts";
export { DEFAULT_RESOURCES } from "./resources.ts";
export { PlanFileSchemaV1 } from "./schema.ts";

/** Loads a definition file (experiment.ts, .yaml, .json) and compiles it. */
export async function planFromFile(
  path: string, options: CompileOptions & LoadOptions = {},
): Promise<Plan> {
  return compilePlan(await loadDefinition(path, options), options);
}
