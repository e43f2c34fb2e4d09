// The per-trial record: written once per attempt, atomically, when a trial
// attempt ends. The local runner and the shell wrapper both write exactly
// this shape. Version 2 added the log file names and the GPU devices used;
// readers migrate version 1 records forward (see ./migrate.ts).
import { z } from "zod";

export const TRIAL_RECORD_SCHEMA_VERSION = 2;

export const TrialStatus = z.enum(["succeeded", "failed", "timeout", "interrupted"]);
export type TrialStatus = z.infer<typeof TrialStatus>;

const ParamValue = z.union([z.number(), z.string(), z.boolean()]);

export const OutputFile = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type OutputFile = z.infer<typeof OutputFile>;

const recordFieldsV1 = {
  trialId: z.string(),
  step: z.string(),
  index: z.number().int().nonnegative(),
  params: z.record(z.string(), ParamValue),
  replicate: z.number().int().nonnegative(),
  seed: z.number().int(),
  argv: z.array(z.string()),
  attempt: z.number().int().positive(),
  status: TrialStatus,
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  host: z.string(),
  backend: z.enum(["local", "slurm", "pbs", "k8s", "sh"]),
  /** Scheduler job identity when run by a cluster backend. */
  job: z.object({ id: z.string(), arrayIndex: z.number().int().optional() }).optional(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationSeconds: z.number().nonnegative(),
  /** Peak resident memory of the trial's process tree, when measurable. */
  peakMemoryKiB: z.number().nonnegative().nullable(),
  /** User + system CPU time of the trial's process tree, when measurable. */
  cpuSeconds: z.number().nonnegative().nullable(),
  resources: z.object({
    cpus: z.number(),
    memoryMiB: z.number(),
    gpus: z.number(),
    walltimeSeconds: z.number(),
  }),
  outputs: z.array(OutputFile),
  metrics: z.record(z.string(), z.unknown()),
  /** Intermediate results from progress.jsonl, one object per line. */
  progress: z.array(z.record(z.string(), z.unknown())),
};

/** The first format ever written; frozen, read only through migration. */
export const TrialRecordV1 = z.object({ schemaVersion: z.literal(1), ...recordFieldsV1 });
export type TrialRecordV1 = z.infer<typeof TrialRecordV1>;

export const TrialRecord = z.object({
  schemaVersion: z.literal(TRIAL_RECORD_SCHEMA_VERSION),
  ...recordFieldsV1,
  /** Log files, relative to the trial directory. */
  logs: z.object({ stdout: z.string(), stderr: z.string() }),
  /** GPU device ids the trial was given (CUDA_VISIBLE_DEVICES), possibly none. */
  gpuDevices: z.array(z.string()),
});
export type TrialRecord = z.infer<typeof TrialRecord>;
