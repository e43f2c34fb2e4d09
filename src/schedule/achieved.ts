// How busy a finished (or running) run kept what it was given: busy
// cpu-seconds of its trial records over cpus × wall time from the first
// start to the last end. The `status` command and the dashboard show it.
import { readJournal } from "../record/journal.ts";
import { listTrialRecords } from "../record/read.ts";
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
export function achievedUtilization(
  records: Iterable<RecordTimes>,
  cpus: number,
): AchievedUtilization {
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
    const end = Math.max(Date.parse(record.endedAt), start + record.durationSeconds * 1000);
    last = Math.max(last, end);
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

/**
 * A run directory's achieved utilization. Its capacity is the most worker
 * slots any runner start gave it (the journal's run-started events), or
 * `cpus` when given, e.g. an allocation's size for a cluster run.
 */
export async function runUtilization(
  runDir: string,
  cpus?: number,
): Promise<AchievedUtilization> {
  const records: RecordTimes[] = [];
  for await (const record of listTrialRecords(runDir)) records.push(record);

  let slots = 0;
  for (const event of await readJournal(runDir)) {
    const given = event.slots;
    if (event.event !== "run-started" || typeof given !== "number") continue;
    slots = Math.max(slots, given);
  }
  const widest = Math.max(0, ...records.map((r) => r.resources.cpus));
  return achievedUtilization(records, cpus ?? (slots > 0 ? slots : widest));
}

/** "93.1% of 2 cpus over 12.3 s", or undefined when nothing has run. */
export function describeUtilization(result: AchievedUtilization): string | undefined {
  if (result.trials === 0) return undefined;
  return `${(result.utilization * 100).toFixed(1)}% of ${result.cpus} cpus over `
    + `${result.wallSeconds.toFixed(1)} s `
    + `(${result.busyCpuSeconds.toFixed(1)} busy cpu-seconds)`;
}
