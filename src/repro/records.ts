// Reads the trial records of a run directory, migrating older record
// versions forward, in a fixed order (by trial id) so that everything
// derived from them is deterministic.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { RUN_FILES, TRIAL_FILES } from "../record/layout.ts";
import { migrateTrialRecord } from "../record/migrate.ts";
import { TRIAL_RECORD_SCHEMA_VERSION, TrialRecord, TrialRecordV1 } from "../record/trial-record.ts";

/** Why a record the record module could not migrate is invalid, field by field. */
function recordProblems(raw: unknown, file: string): UserError {
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  const fix = "records are written atomically; restore this one from the run's origin";
  if (typeof version !== "number" || version > TRIAL_RECORD_SCHEMA_VERSION) {
    return new UserError({
      code: "repro/record-version",
      message: `record.json has schemaVersion ${String(version)}; this sweepforge reads `
        + `1 to ${TRIAL_RECORD_SCHEMA_VERSION}`,
      file, path: ["schemaVersion"],
      fix: "upgrade sweepforge to the version named in the package's manifest",
    });
  }
  const schema = version === 1 ? TrialRecordV1 : TrialRecord;
  const issues = schema.safeParse(raw).error?.issues ?? [];
  return new UserError(issues.map((issue) => ({
    code: "repro/record-invalid",
    message: `record.json: ${issue.message}`,
    file, path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
    fix,
  })));
}

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

  const record = migrateTrialRecord(raw);
  if (!record) throw recordProblems(raw, file);
  return record;
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
