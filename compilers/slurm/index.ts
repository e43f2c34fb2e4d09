// SLURM: one sbatch job array per step part; per-trial dependents chain with
// aftercorr, all-trials steps with afterok (both applied at submit time).
import type { Plan } from "../../src/plan/types.ts";
import type { CompileResult } from "../shared/artifacts.ts";
import { compileBatch } from "../shared/batch-emitter.ts";
import type { CompileOptions } from "../shared/options.ts";
import { SLURM_DIALECT } from "./directives.ts";

export { SLURM_DIALECT } from "./directives.ts";

export function compileSlurm(plan: Plan, options: CompileOptions): CompileResult {
  return compileBatch(plan, options, SLURM_DIALECT);
}
