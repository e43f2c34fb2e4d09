// Per-trial verdicts: the packaged record against the re-executed one.
import type { TrialRecord } from "../record/trial-record.ts";
import {
  compareMetrics,
  compareOutputs,
  type MetricComparison,
  type OutputComparison,
} from "./compare.ts";
import type { Tolerance } from "./run-plan.ts";

export type VerdictStatus = "reproduced" | "differs" | "failed";

export interface TrialVerdict {
  readonly trialId: string;
  readonly step: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: VerdictStatus;
  readonly metrics: readonly MetricComparison[];
  readonly outputs: readonly OutputComparison[];
  /** Why it did not reproduce, in one line. */
  readonly reason?: string;
}

/** Metrics and progress are compared as values, never byte for byte. */
const VALUE_FILES = new Set(["metrics.json", "progress.jsonl"]);

function outputHashes(record: TrialRecord): Map<string, string> {
  return new Map(
    record.outputs
      .filter((output) => !VALUE_FILES.has(output.path))
      .map((output) => [output.path, output.sha256]),
  );
}

/** Compares one trial; `rerun` is undefined when the re-execution left no record. */
export function judgeTrial(
  original: TrialRecord,
  rerun: TrialRecord | undefined,
  toleranceOf: (metric: string) => Tolerance | undefined,
): TrialVerdict {
  const base = {
    trialId: original.trialId,
    step: original.step,
    params: original.params,
  };
  if (!rerun || rerun.status !== original.status) {
    const got = rerun ? `${rerun.status} (exit ${rerun.exitCode})` : "no record";
    return {
      ...base,
      status: "failed",
      metrics: [],
      outputs: [],
      reason: `originally ${original.status}, re-executed: ${got}`,
    };
  }

  const metrics = compareMetrics(original.metrics, rerun.metrics, toleranceOf);
  const outputs = compareOutputs(outputHashes(original), outputHashes(rerun));
  const badMetrics = metrics
    .filter((m) => !m.ok)
    .map((m) => `${m.name}: ${JSON.stringify(m.expected)} → ${JSON.stringify(m.actual)}`);
  const badOutputs = outputs
    .filter((o) => !o.ok)
    .map((o) =>
      o.actual === null
        ? `${o.path} missing`
        : o.expected === null
          ? `${o.path} new`
          : `${o.path} changed`,
    );
  const problems = [...badMetrics, ...badOutputs];

  return problems.length === 0
    ? { ...base, status: "reproduced", metrics, outputs }
    : { ...base, status: "differs", metrics, outputs, reason: problems.join("; ") };
}
