// What a finished trial tells the estimator: which step, which parameters,
// how long it ran and how much memory it peaked at.
import type { ParamValues } from "../../plan/types.ts";

export interface Observation {
  readonly step: string;
  readonly params: ParamValues;
  readonly seconds: number;
  /** Peak resident memory in MiB, when the record measured it. */
  readonly memoryMiB: number | null;
}
