// The builder API users import in experiment.ts: `import { experiment, values }
// from "sweepforge/dsl"`. It produces a plain Definition and does no I/O.
export { experiment, ExperimentBuilder, EXPERIMENT_BUILDER } from "./experiment.ts";
export type { MetricOptions, ParamOptions } from "./experiment.ts";
export { StepBuilder } from "./step.ts";
export type { StepResources, Trial } from "./step.ts";
export {
  values, range, intRange, linspace, logspace, uniform, logUniform, randInt, choice, zip,
  derived, when,
} from "./params.ts";
export type { DerivedSpec, ValueSpec, WhenSpec, ZipSpec } from "./params.ts";
export { sh, rawShell, quoteShellWord } from "./shell.ts";
export type { ShellArgument, ShellScript } from "./shell.ts";
export { Duration, MemorySize } from "./units.ts";
export type { DurationText, MemoryText } from "./units.ts";
