// Plan -> artifacts, one compiler per backend. The table is exhaustive over
// Backend, so a new backend does not type-check until it has a compiler.
import type { Plan } from "../src/plan/types.ts";
import type { CompileResult } from "./shared/artifacts.ts";
import type { Backend, CompileOptions } from "./shared/options.ts";
import { compileK8s } from "./k8s/index.ts";
import { compileLocalSh } from "./local-sh/index.ts";
import { compilePbs } from "./pbs/index.ts";
import { compileSlurm } from "./slurm/index.ts";

export type Compiler = (plan: Plan, options: CompileOptions) => CompileResult;

export const COMPILERS: Readonly<Record<Backend, Compiler>> = {
  slurm: compileSlurm,
  pbs: compilePbs,
  k8s: compileK8s,
  local: compileLocalSh,
};

/** Compiles a plan for the backend named in the options. */
export function compilePlanFor(plan: Plan, options: CompileOptions): CompileResult {
  return COMPILERS[options.backend](plan, options);
}

export * from "./shared/artifacts.ts";
export * from "./shared/options.ts";
export * from "./shared/provenance.ts";
export { shQuote } from "./shared/shell-quote.ts";
export { layoutPlan, type StepLayout, type ArrayPart } from "./shared/task-layout.ts";
export { CLUSTER_LOGS_DIR, partName } from "./shared/batch-emitter.ts";
export { DRIVER_FILE, WRAPPER_FILE } from "./shared/driver.ts";
export { compileK8s, compileLocalSh, compilePbs, compileSlurm };
