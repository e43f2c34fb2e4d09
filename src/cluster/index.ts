// Cluster clients: submit, status and cancel through sbatch/qsub, plus the
// compile-time probes (array cap, git state).
export * from "./cancel.ts";
export * from "./command.ts";
export * from "./completed-trials.ts";
export * from "./jobs-file.ts";
export * from "./probe.ts";
export * from "./queue-state.ts";
export * from "./schedulers.ts";
export * from "./status.ts";
export * from "./submit.ts";
export * from "./prepare.ts";
