// PBS Pro / OpenPBS (-J arrays) and Torque (-t arrays), through the shared
// batch emitter; dependencies are applied with -W depend= at submit time.
import type { Plan } from "../../src/plan/types.ts";
import type { CompileResult } from "../shared/artifacts.ts";
import { compileBatch } from "../shared/batch-emitter.ts";
import type { CompileOptions } from "../shared/options.ts";
import { PBS_DIALECT } from "./directives.ts";

export { PBS_DIALECT } from "./directives.ts";

export function compilePbs(plan: Plan, options: CompileOptions): CompileResult {
  return compileBatch(plan, options, PBS_DIALECT);
}
