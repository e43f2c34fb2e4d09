// How busy a finished (or running) run kept what it was given: busy
// cpu-seconds of its trial records over cpus × wall time from the first
// start to the last end. The `status` command and the dashboard show it.
import type { TrialRecord } from "../record/trial-record.ts";

export interface AchievedUtilization {
  readonly trials: number;
  readonly wallSeconds: number;
  readonly busyCpuSeconds: number;
  readonly cpus: number;
  /** busy cpu-seconds / (cpus × wall seconds), 0..1; 0 with no trials. */
  readonly utilization: number;
  /** Measured cpu time over allocated cpu-seconds, when records measured it. */
  readonly cpuEfficiency: number | null;
}

export type RecordTimes = Pick<TrialRecord,
  "startedAt" | "endedAt" | "durationSeconds" | "resources" | "cpuSeconds">;

/**
 * `cpus` is the capacity the run had (e.g. --jobs on one machine, or the
 * allocation's cpus). Every attempt counts, failed ones too: they kept cpus busy.
 */
export function achievedUtilization(records: Iterable<RecordTimes>, cpus: number)
  : AchievedUtilization {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let busy = 0;
  let measured = 0;
  let measuredAllocated = 0;
  let trials = 0;

  for (const record of records) {
    trials += 1;
    const start = Date.parse(record.startedAt);
    first = Math.min(first, start);
    last = Math.max(last, Math.max(Date.parse(record.endedAt), start + record.durationSeconds * 1000));
    busy += record.resources.cpus * record.durationSeconds;
    if (record.cpuSeconds !== null) {
      measured += record.cpuSeconds;
      measuredAllocated += record.resources.cpus * record.durationSeconds;
    }
  }

  const wall = trials > 0 ? (last - first) / 1000 : 0;
  return {
    trials,
    wallSeconds: wall,
    busyCpuSeconds: busy,
    cpus,
    utilization: wall > 0 && cpus > 0 ? busy / (cpus * wall) : 0,
    cpuEfficiency: measuredAllocated > 0 ? measured / measuredAllocated : null,
  };
}
