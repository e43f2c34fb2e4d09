// Observations from earlier runs: every succeeded trial record under the
// run directories given (or under folders that hold run directories), kept
// when it belongs to the same experiment.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { RUN_FILES, trialRecordPath } from "../../record/layout.ts";
import { migrateTrialRecord } from "../../record/migrate.ts";
import type { TrialRecord } from "../../record/trial-record.ts";
import type { Observation } from "./observation.ts";

const PlanHeader = z.looseObject({ experiment: z.string() });

export interface HistoryOptions {
  /** Keep only runs of this experiment (as named in their plan.json). */
  readonly experiment?: string;
}

export interface History {
  readonly observations: readonly Observation[];
  /** Run directories that contributed at least one observation. */
  readonly runs: readonly string[];
  /** Records that could not be read or did not match the schema. */
  readonly unreadable: number;
}

/** Reads every usable trial record; a missing directory is a user error. */
export async function readHistory(
  directories: readonly string[],
  options: HistoryOptions = {},
): Promise<History> {
  const observations: Observation[] = [];
  const runs: string[] = [];
  let unreadable = 0;

  for (const directory of directories) {
    for (const run of await runDirectoriesUnder(directory)) {
      if (options.experiment && (await experimentOf(run)) !== options.experiment) continue;
      const found = await observationsOf(run);
      unreadable += found.unreadable;
      if (found.observations.length > 0) runs.push(run);
      observations.push(...found.observations);
    }
  }
  return { observations, runs: runs.sort(), unreadable };
}

// A run directory has trials/; otherwise look one level down for runs.
async function runDirectoriesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    throw new UserError({
      code: "schedule/history-missing",
      message: `cannot read history directory ${directory}`,
      path: ["--history"],
      fix: "pass a run directory (with trials/ inside) or a folder of run directories",
    }, { cause: error });
  });
  if (entries.some((e) => e.isDirectory() && e.name === RUN_FILES.trials)) return [directory];

  const runs: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort(byName)) {
    const inner = await readdir(join(directory, entry.name), { withFileTypes: true });
    if (inner.some((e) => e.isDirectory() && e.name === RUN_FILES.trials)) {
      runs.push(join(directory, entry.name));
    }
  }
  return runs;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function experimentOf(run: string): Promise<string | undefined> {
  const text = await readFile(join(run, RUN_FILES.plan), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const header = PlanHeader.safeParse(JSON.parse(text));
    return header.success ? header.data.experiment : undefined;
  } catch {
    return undefined;
  }
}

async function observationsOf(
  run: string,
): Promise<{ observations: Observation[]; unreadable: number }> {
  const trials = await readdir(join(run, RUN_FILES.trials), { withFileTypes: true });
  const observations: Observation[] = [];
  let unreadable = 0;

  for (const trial of trials.filter((t) => t.isDirectory()).sort(byName)) {
    const file = trialRecordPath(run, trial.name);
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) continue; // still running, or never finished
    const record = parseRecord(text);
    if (!record) {
      unreadable += 1;
      continue;
    }
    if (record.status !== "succeeded") continue;
    observations.push({
      step: record.step,
      params: record.params,
      seconds: record.durationSeconds,
      memoryMiB: record.peakMemoryKiB === null ? null : record.peakMemoryKiB / 1024,
    });
  }
  return { observations, unreadable };
}

// Any record version ever written, migrated to the current shape.
function parseRecord(text: string): TrialRecord | undefined {
  try {
    return migrateTrialRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
