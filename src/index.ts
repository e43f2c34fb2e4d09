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
