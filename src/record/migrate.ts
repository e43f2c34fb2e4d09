// Reads any trial record ever written and returns it in the current shape.
// Anything that does not validate (a torn write, a foreign file) is absent.
import { TRIAL_FILES } from "./layout.ts";
import { TrialRecord, TrialRecordV1 } from "./trial-record.ts";

type Migration = (record: unknown) => unknown;

/** One step per old version, each producing the next version. */
const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: (record) => {
    const v1 = TrialRecordV1.parse(record);
    return {
      ...v1,
      schemaVersion: 2,
      logs: { stdout: TRIAL_FILES.stdout, stderr: TRIAL_FILES.stderr },
      gpuDevices: [],
    };
  },
};

/** The record in the current version, or undefined when it is not a valid record. */
export function migrateTrialRecord(value: unknown): TrialRecord | undefined {
  let current = value;
  try {
    for (;;) {
      const version = (current as { schemaVersion?: unknown } | null)?.schemaVersion;
      const step = typeof version === "number" ? MIGRATIONS[version] : undefined;
      if (!step) break;
      current = step(current);
    }
  } catch {
    return undefined;
  }

  const parsed = TrialRecord.safeParse(current);
  return parsed.success ? parsed.data : undefined;
}
