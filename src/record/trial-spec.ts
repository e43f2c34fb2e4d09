// params.json: the part of a trial's record known before it runs, as ONE
// line of JSON. The shell wrapper starts every record with this line, so the
// field names and order here are those of TrialRecord.
import type { TrialSpec } from "../plan/types.ts";
import { TRIAL_RECORD_SCHEMA_VERSION } from "./trial-record.ts";

export function trialSpecLine(trial: TrialSpec): string {
  return JSON.stringify({
    schemaVersion: TRIAL_RECORD_SCHEMA_VERSION,
    trialId: trial.id,
    step: trial.step,
    index: trial.index,
    params: trial.params,
    replicate: trial.replicate,
    seed: trial.seed,
    argv: trial.argv,
    resources: {
      cpus: trial.resources.cpus,
      memoryMiB: trial.resources.memoryMiB,
      gpus: trial.resources.gpus,
      walltimeSeconds: trial.resources.walltimeSeconds,
    },
  });
}
