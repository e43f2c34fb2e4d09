// The local runner: run a Plan on this machine, read a run's status.
export { runPlan } from "./runner.ts";
export type {
  RunOptions, RunSummary, RunProgress, FailedTrial,
} from "./options.ts";
export {
  createRunDirectory, openRunDirectory, latestRunDir, newRunId, type CreateRunOptions,
} from "./run-dir.ts";
export {
  readRunStatus, type RunStatus, type FailedTrialStatus, type StatusOptions, type TrialState,
} from "./status.ts";
export {
  detectCapacity, detectGpuIds, type Capacity as MachineCapacity,
} from "./capacity.ts";
export { ResourcePool, type Grant } from "./resource-pool.ts";
export { createProgressReporter, type ProgressReporter } from "./progress.ts";
export { shQuote, paramEnvName } from "./shell-quote.ts";
export { WRAPPER_PATH } from "./wrapper-path.ts";
export { trialEnvironment } from "./trial-env.ts";
