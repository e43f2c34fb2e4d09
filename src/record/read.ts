// Reading trial records back: one by id, or every record of a run.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { RUN_FILES, trialRecordPath } from "./layout.ts";
import { migrateTrialRecord } from "./migrate.ts";
import type { TrialRecord } from "./trial-record.ts";

/** The trial's record, or undefined when it is missing, torn or invalid. */
export async function readTrialRecord(
  runDir: string, trialId: string,
): Promise<TrialRecord | undefined> {
  let text: string;
  try {
    text = await readFile(trialRecordPath(runDir, trialId), "utf8");
  } catch {
    return undefined;
  }

  try {
    return migrateTrialRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Ids of every trial folder in the run, sorted. */
export async function listTrialIds(runDir: string): Promise<string[]> {
  try {
    return (await readdir(join(runDir, RUN_FILES.trials))).sort();
  } catch {
    return [];
  }
}

/** Every valid record of the run, in trial-id order. */
export async function* listTrialRecords(runDir: string): AsyncIterable<TrialRecord> {
  for (const id of await listTrialIds(runDir)) {
    const record = await readTrialRecord(runDir, id);
    if (record) yield record;
  }
}
