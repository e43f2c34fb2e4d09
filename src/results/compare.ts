// Compares runs configuration by configuration: each later run against the
// first (the baseline), per metric the difference of means with its interval
// and Welch's t-test; configurations found in only some runs are flagged.
import { UserError } from "../errors.ts";
import type { Params } from "./group-key.ts";
import { loadResults, type LoadOptions, type ResultSet } from "./load.ts";
import { welchTest, type WelchResult } from "./stats/welch.ts";
import type { Moments } from "./stats/welford.ts";

export interface MetricComparison extends WelchResult {
  readonly metric: string;
  readonly baseline: { readonly n: number; readonly mean: number };
  readonly other: { readonly n: number; readonly mean: number };
}

export interface ConfigurationComparison {
  readonly params: Params;
  /** Run ids that have this configuration. */
  readonly presentIn: readonly string[];
  /** Run ids that lack it: flagged. */
  readonly missingFrom: readonly string[];
  /** One entry per non-baseline run that has it. */
  readonly against: readonly {
    readonly runId: string;
    readonly metrics: readonly MetricComparison[];
  }[];
}

export interface Comparison {
  readonly baseline: string;
  readonly runs: readonly string[];
  readonly configurations: readonly ConfigurationComparison[];
  /** Configurations present in only some of the runs. */
  readonly unmatched: number;
}

export interface CompareOptions extends Omit<LoadOptions, "runDirs"> {
  readonly runDirs: readonly string[];
}

/** Loads each run separately so each keeps its own aggregate. */
export async function loadForComparison(options: CompareOptions): Promise<ResultSet[]> {
  if (options.runDirs.length < 2) {
    throw new UserError({
      code: "results/compare-needs-two",
      message: `compare needs at least two run directories, got ${options.runDirs.length}`,
      fix: "pass a baseline run and one or more runs to compare with it",
    });
  }
  const sets: ResultSet[] = [];
  for (const dir of options.runDirs) sets.push(await loadResults({ ...options, runDirs: [dir] }));
  return sets;
}

export function compareResults(sets: readonly ResultSet[]): Comparison {
  const runIds = uniqueRunIds(sets);
  const keys = new Map<string, Params>();
  for (const set of sets) {
    for (const group of set.aggregate.sortedGroups()) keys.set(group.key, group.params);
  }

  const configurations: ConfigurationComparison[] = [];
  for (const [key, params] of keys) {
    const present = sets.map((set) => set.aggregate.get(key));
    const baseGroup = present[0];
    configurations.push({
      params,
      presentIn: runIds.filter((_, i) => present[i] !== undefined),
      missingFrom: runIds.filter((_, i) => present[i] === undefined),
      against: baseGroup === undefined ? [] : present.slice(1).flatMap((group, i) =>
        group === undefined ? [] : [{
          runId: runIds[i + 1]!,
          metrics: compareMetrics(baseGroup.metrics, group.metrics),
        }]),
    });
  }

  return {
    baseline: runIds[0]!,
    runs: runIds,
    configurations,
    unmatched: configurations.filter((c) => c.missingFrom.length > 0).length,
  };
}

function compareMetrics(
  baseline: ReadonlyMap<string, { moments: { snapshot(): Moments } }>,
  other: ReadonlyMap<string, { moments: { snapshot(): Moments } }>,
): MetricComparison[] {
  const names = [...baseline.keys()].filter((name) => other.has(name)).sort();
  return names.map((metric) => {
    const a = baseline.get(metric)!.moments.snapshot();
    const b = other.get(metric)!.moments.snapshot();
    return {
      metric,
      baseline: { n: a.n, mean: a.mean },
      other: { n: b.n, mean: b.mean },
      ...welchTest(a, b),
    };
  });
}

// Two runs in folders with the same name (e.g. a/run and b/run) stay distinct.
function uniqueRunIds(sets: readonly ResultSet[]): string[] {
  const ids = sets.map((set) => set.runs[0]?.runId ?? "results");
  return ids.map((id, i) => (ids.indexOf(id) === i && ids.lastIndexOf(id) === i ? id
    : `${id}#${i + 1}`));
}
