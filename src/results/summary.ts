// The summary document `summarize --json` prints: per group and metric the
// descriptive statistics, main effects per metric and the best configurations.
import type { ParamValue } from "../plan/types.ts";
import { RESOURCE_METRICS } from "./aggregate.ts";
import { mainEffects, type MetricEffects } from "./effects.ts";
import type { Params } from "./group-key.ts";
import type { ResultSet } from "./load.ts";
import { describeMetric, INTERVAL_METHOD, type MetricSummary } from "./stats/describe.ts";

export interface GroupSummary {
  readonly params: Params;
  readonly n: number;
  readonly metrics: Readonly<Record<string, MetricSummary>>;
  /** Runtime and peak memory from trial records, when the runs recorded them. */
  readonly resources: Readonly<Record<string, MetricSummary>>;
}

export interface BestConfiguration {
  readonly params: Params;
  readonly n: number;
  readonly mean: number;
  readonly ci95: readonly [number, number] | null;
}

export interface BestForMetric {
  readonly goal: "min" | "max";
  /** False when the plan did not declare a goal and "min" was assumed. */
  readonly goalDeclared: boolean;
  readonly configurations: readonly BestConfiguration[];
}

export interface Summary {
  readonly runs: readonly { readonly dir: string; readonly runId: string;
    readonly experiment: string; readonly status: Readonly<Record<string, number>> }[];
  readonly by: readonly string[] | null;
  readonly intervalMethod: string;
  readonly groups: readonly GroupSummary[];
  readonly effects: Readonly<Record<string, MetricEffects>>;
  readonly best: Readonly<Record<string, BestForMetric>>;
}

export const BEST_COUNT = 5;

export function summarize(results: ResultSet): Summary {
  const groups = results.aggregate.sortedGroups();
  const metricNames = results.aggregate.metricNames();
  const paramNames = [...new Set(groups.flatMap((g) => Object.keys(g.params)))].sort();

  const summaries: GroupSummary[] = groups.map((group) => ({
    params: group.params,
    n: group.observations,
    metrics: describeTable(group.metrics),
    resources: describeTable(group.resources),
  }));

  const effects = Object.fromEntries(metricNames.map((metric) =>
    [metric, mainEffects(groups, metric, paramNames)]));

  const best = Object.fromEntries(metricNames.map((metric) => {
    const declared = results.metrics.find((m) => m.name === metric)?.goal;
    return [metric, bestFor(summaries, metric, declared ?? "min", declared !== undefined)];
  }));

  return {
    runs: results.runs.map((run) => ({
      dir: run.dir, runId: run.runId, experiment: run.experiment, status: run.status,
    })),
    by: results.aggregate.options.by,
    intervalMethod: INTERVAL_METHOD,
    groups: summaries,
    effects,
    best,
  };
}

function describeTable(table: ReadonlyMap<string, Parameters<typeof describeMetric>[0]>)
  : Record<string, MetricSummary> {
  const names = [...table.keys()].sort();
  return Object.fromEntries(names.map((name) => [name, describeMetric(table.get(name)!)]));
}

function bestFor(groups: readonly GroupSummary[], metric: string, goal: "min" | "max",
  goalDeclared: boolean): BestForMetric {
  const sign = goal === "min" ? 1 : -1;
  const ranked = groups
    .filter((g) => g.metrics[metric] !== undefined)
    .sort((a, b) => sign * (a.metrics[metric]!.mean - b.metrics[metric]!.mean));
  return {
    goal, goalDeclared,
    configurations: ranked.slice(0, BEST_COUNT).map((g) => ({
      params: g.params, n: g.metrics[metric]!.n,
      mean: g.metrics[metric]!.mean, ci95: g.metrics[metric]!.ci95,
    })),
  };
}

const CSV_STATS = ["n", "mean", "sd", "sem", "ci95_lo", "ci95_hi", "median", "q1", "q3",
  "iqr", "min", "max"] as const;

/** A flat table: one row per group and metric, parameters as leading columns. */
export function summaryToCsv(summary: Summary): string {
  const params = [...new Set(summary.groups.flatMap((g) => Object.keys(g.params)))].sort();
  const header = [...params, "metric", ...CSV_STATS];
  const lines = [header.map(csvCell).join(",")];

  for (const group of summary.groups) {
    const tables = [group.metrics, group.resources];
    for (const table of tables) {
      for (const [metric, stats] of Object.entries(table)) {
        const values: (ParamValue | null)[] = [
          ...params.map((p) => group.params[p] ?? null), metric,
          stats.n, stats.mean, stats.sd, stats.sem, stats.ci95?.[0] ?? null,
          stats.ci95?.[1] ?? null, stats.median, stats.q1, stats.q3, stats.iqr,
          stats.min, stats.max,
        ];
        lines.push(values.map(csvCell).join(","));
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

function csvCell(value: ParamValue | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export { RESOURCE_METRICS };
