// Which trials of a run already succeeded, read from their record.json files
// (a record that fails validation counts as absent).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { RUN_FILES, trialRecordPath } from "../record/layout.ts";
import { TrialRecord } from "../record/trial-record.ts";

export type RecordState = TrialRecord["status"] | "missing";

/** The status of every trial that has a valid record. */
export async function recordStates(runDir: string): Promise<Map<string, RecordState>> {
  const states = new Map<string, RecordState>();
  let ids: string[];
  try {
    ids = await readdir(join(runDir, RUN_FILES.trials));
  } catch {
    return states;
  }

  await Promise.all(ids.map(async (id) => {
    try {
      const parsed = TrialRecord.safeParse(
        JSON.parse(await readFile(trialRecordPath(runDir, id), "utf8")));
      if (parsed.success) states.set(id, parsed.data.status);
    } catch {
      // No record yet, or a torn one: the trial counts as not finished.
    }
  }));
  return states;
}

export async function succeededTrials(runDir: string): Promise<Set<string>> {
  const succeeded = new Set<string>();
  for (const [id, state] of await recordStates(runDir)) {
    if (state === "succeeded") succeeded.add(id);
  }
  return succeeded;
}
