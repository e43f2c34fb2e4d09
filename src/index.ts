// The library API: everything the CLI does is importable from "sweepforge".
export * from "./errors.ts";
export * from "./version.ts";
export * from "./schedule/index.ts";
export * from "./space/index.ts";
export * from "./definition/index.ts";
export * from "./plan/index.ts";
export * from "./record/index.ts";
export * from "./run/index.ts";
export * from "./repro/index.ts";
export * from "./cluster/index.ts";
export {
  COMPILERS, compilePlanFor, writeArtifacts, compileSlurm, compilePbs, compileK8s, compileLocalSh,
  type CompileResult, type BatchJob, type CompileOptions as BackendCompileOptions, type Backend,
} from "../compilers/index.ts";
export * from "./results/index.ts";
export * from "./viz/index.ts";
