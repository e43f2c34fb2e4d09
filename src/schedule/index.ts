// Resource estimation, capacity, scheduling, off-peak windows and simulation.
export * from "./off-peak.ts";
export { isKnownTimeZone, offsetMinutes, zonedInstant, type LocalDate } from "./zoned-time.ts";
