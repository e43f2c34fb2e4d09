// The per-trial record: written once, atomically, when a trial attempt ends.
// The local runner and the cluster wrapper both write exactly this shape.
import { z } from "zod";

export const TRIAL_RECORD_SCHEMA_VERSION = 1;

export const TrialStatus = z.enum(["succeeded", "failed", "timeout", "interrupted"]);
export type TrialStatus = z.infer<typeof TrialStatus>;

const ParamValue = z.union([z.number(), z.string(), z.boolean()]);

export const OutputFile = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const TrialRecord = z.object({
  schemaVersion: z.literal(TRIAL_RECORD_SCHEMA_VERSION),
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
});
export type TrialRecord = z.infer<typeof TrialRecord>;
