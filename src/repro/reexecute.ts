// Re-executes chosen trials of a packaged plan in a fresh run directory,
// through the same local runner (and so the same trial wrapper) as any run.
// Trials run inside the package's source tree (the runner's `cwd`), which
// mirrors the folder the plan was made in, so relative paths still resolve.
import { readFile } from "node:fs/promises";
import type { Plan, TrialSpec, TrialTable } from "../plan/types.ts";
import { trialRecordPath } from "../record/layout.ts";
import type { TrialRecord } from "../record/trial-record.ts";
import { runPlan } from "../run/index.ts";
import { parseTrialRecord } from "./records.ts";

function tableOf(trials: readonly TrialSpec[]): TrialTable {
  return {
    count: trials.length,
    at: (index) => {
      const trial = trials[index];
      if (!trial) throw new RangeError(`trial index ${index} is outside 0..${trials.length - 1}`);
      return trial;
    },
    [Symbol.iterator]: () => trials[Symbol.iterator](),
  };
}

/** The chosen trials plus everything they depend on, transitively. */
export function withDependencies(plan: Plan, chosen: ReadonlySet<string>): Set<string> {
  const byId = new Map<string, TrialSpec>();
  for (const step of plan.steps) for (const trial of step.trials) byId.set(trial.id, trial);

  const closed = new Set<string>();
  const pending = [...chosen];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (closed.has(id)) continue;
    closed.add(id);
    pending.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return closed;
}

/** The plan restricted to `keep`; trials keep their argv word for word. */
export function restrictPlan(plan: Plan, keep: ReadonlySet<string>): Plan {
  return {
    ...plan,
    steps: plan.steps.map((step) => ({
      ...step,
      trials: tableOf([...step.trials].filter((trial) => keep.has(trial.id))),
    })),
  };
}

export interface ReexecuteOptions {
  readonly runDir: string;
  /** The folder trials run in: the package's source root. */
  readonly workDir: string;
  /** Capture env.json for the new run (reproduce does; verify compares on its own). */
  readonly captureEnvironment?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly jobs?: number;
  readonly signal?: AbortSignal;
}

/** Runs `trialIds` (and their dependencies) and returns the new records by trial id. */
export async function reexecuteTrials(
  plan: Plan, trialIds: readonly string[], options: ReexecuteOptions,
): Promise<Map<string, TrialRecord>> {
  const keep = withDependencies(plan, new Set(trialIds));
  await runPlan(restrictPlan(plan, keep), {
    runDir: options.runDir, retries: 0, cwd: options.workDir,
    skipEnvironment: !(options.captureEnvironment ?? false),
    ...(options.env ? { env: options.env } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });

  const records = new Map<string, TrialRecord>();
  for (const id of trialIds) {
    const file = trialRecordPath(options.runDir, id);
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) records.set(id, parseTrialRecord(text, file));
  }
  return records;
}
