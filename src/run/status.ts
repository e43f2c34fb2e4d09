// A run's state read from its directory alone: counts per state and the
// failed trials with their parameters and logs. Cluster runs add a scheduler
// section through the optional `scheduler` hook (filled by src/cluster).
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { readPlanJson } from "../plan/json.ts";
import type { ParamValues, TrialSpec } from "../plan/types.ts";
import { RUN_FILES, TRIAL_FILES, trialDir } from "../record/layout.ts";
import { readTrialRecord } from "../record/read.ts";
import type { TrialRecord } from "../record/trial-record.ts";
import { MARKERS } from "./finalize.ts";
import { isAlive, readRunnerInfo } from "./runner-lock.ts";
import { openRunDirectory } from "./run-dir.ts";

export type TrialState = "done" | "failed" | "running" | "pending";

export interface FailedTrialStatus {
  readonly trialId: string;
  readonly step: string;
  readonly params: ParamValues;
  readonly status: TrialRecord["status"];
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly attempt: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunStatus<S = unknown> {
  readonly runDir: string;
  readonly experiment: string;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly running: number;
  readonly pending: number;
  readonly failures: readonly FailedTrialStatus[];
  /** Set while a local runner works on the directory. */
  readonly runnerPid: number | null;
  /** The scheduler's view, for runs submitted to a cluster. */
  readonly scheduler?: S;
}

export interface StatusOptions<S> {
  /** Fills the scheduler section (src/cluster's schedulerStatus); undefined = none. */
  readonly scheduler?: (runDir: string) => Promise<S | undefined>;
}

export async function readRunStatus<S = unknown>(
  runDir: string, options: StatusOptions<S> = {},
): Promise<RunStatus<S>> {
  const dir = await openRunDirectory(runDir);
  const plan = await readPlanJson(join(dir, RUN_FILES.plan));
  const runner = await readRunnerInfo(dir);
  const runnerPid = runner && isAlive(runner.pid) ? runner.pid : null;
  // Without runner.json the trials are run by a scheduler (or nobody): a
  // started attempt counts as running; with a dead runner it is abandoned.
  const trustStarted = runner === undefined || runnerPid !== null;

  const specs: TrialSpec[] = plan.steps.flatMap((step) => [...step.trials]);
  const states = await Promise.all(specs.map(async (spec) => {
    const record = await readTrialRecord(dir, spec.id);
    const started = trustStarted && await attemptInFlight(dir, spec.id, record);
    return { spec, record, state: trialState(record, started) };
  }));

  const count = (state: TrialState): number => states.filter((s) => s.state === state).length;
  const failures = states.filter((s) => s.state === "failed").map(({ spec, record }) => {
    const at = trialDir(dir, spec.id);
    const r = record as TrialRecord;
    return {
      trialId: spec.id, step: spec.step, params: spec.params, status: r.status,
      exitCode: r.exitCode, signal: r.signal, attempt: r.attempt,
      stdout: join(at, TRIAL_FILES.stdout), stderr: join(at, TRIAL_FILES.stderr),
    };
  });
  const scheduler = await options.scheduler?.(dir);

  return {
    runDir: dir, experiment: plan.experiment, total: specs.length,
    done: count("done"), failed: count("failed"), running: count("running"),
    pending: count("pending"), failures, runnerPid,
    ...(scheduler === undefined ? {} : { scheduler }),
  };
}

export function trialState(record: TrialRecord | undefined, inFlight: boolean): TrialState {
  if (inFlight) return "running";
  if (record?.status === "succeeded") return "done";
  if (record?.status === "failed" || record?.status === "timeout") return "failed";
  return "pending";
}

/** An attempt started after the last record and has not reported its end. */
async function attemptInFlight(
  runDir: string, trialId: string, record: TrialRecord | undefined,
): Promise<boolean> {
  const at = trialDir(runDir, trialId);
  const started = await stat(join(at, MARKERS.started)).catch(() => undefined);
  if (!started) return false;

  const ended = await stat(join(at, MARKERS.result)).catch(() => undefined);
  if (ended && ended.mtimeMs >= started.mtimeMs) return false;
  return !record || started.mtime.getTime() > Date.parse(record.endedAt);
}
