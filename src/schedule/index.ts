// Resource estimation, capacity, scheduling, off-peak windows and simulation.
export * from "./capacity.ts";
export * from "./capacity-detect.ts";
export * from "./capacity-flag.ts";
export * from "./graph.ts";
export * from "./lower-bound.ts";
export * from "./memory-size.ts";
export * from "./off-peak.ts";
export * from "./scheduler.ts";
export * from "./simulator.ts";
export * from "./sinfo.ts";
export * from "./workload.ts";
export { isKnownTimeZone, offsetMinutes, zonedInstant, type LocalDate } from "./zoned-time.ts";
export * from "./bundle.ts";
