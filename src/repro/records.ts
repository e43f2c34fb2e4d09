// Reads the trial records of a run directory, migrating older record
// versions forward, in a fixed order (by trial id) so that everything
// derived from them is deterministic.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { RUN_FILES, TRIAL_FILES } from "../record/layout.ts";
import { TRIAL_RECORD_SCHEMA_VERSION, TrialRecord } from "../record/trial-record.ts";
import { migrateDocument, type MigrationChain } from "./migrate.ts";

export const TRIAL_RECORD_MIGRATIONS: MigrationChain = {
  kind: "trial record",
  current: TRIAL_RECORD_SCHEMA_VERSION,
  steps: [],
};

/** Parses one record.json, naming the file and field on any problem. */
export function parseTrialRecord(text: string, file: string): TrialRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new UserError({
      code: "repro/record-invalid", message: "record.json is not valid JSON", file,
      fix: "records are written atomically; restore this one from the run's origin",
    }, { cause });
  }

  const parsed = TrialRecord.safeParse(migrateDocument(TRIAL_RECORD_MIGRATIONS, raw, file));
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.map((issue) => ({
      code: "repro/record-invalid",
      message: `record.json: ${issue.message}`,
      file, path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
      fix: "records are written atomically; restore this one from the run's origin",
    })));
  }
  return parsed.data;
}

/** Every finished trial's record, sorted by trial id; unfinished trials have none. */
export async function readRunRecords(runDir: string): Promise<readonly TrialRecord[]> {
  const trialsDir = join(runDir, RUN_FILES.trials);
  const ids = (await readdir(trialsDir).catch(() => [] as string[])).sort();

  const records = await Promise.all(ids.map(async (id) => {
    const file = join(trialsDir, id, TRIAL_FILES.record);
    const text = await readFile(file, "utf8").catch(() => undefined);
    return text === undefined ? undefined : parseTrialRecord(text, file);
  }));
  return records.filter((record): record is TrialRecord => record !== undefined);
}
