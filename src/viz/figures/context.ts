// What every figure builder reads: the streamed aggregate, what the runs
// declare about parameters and metrics, and the provenance for captions.
import type { Group } from "../../results/aggregate.ts";
import type { MetricInfoRead, ParamInfoRead } from "../../results/ingest/run-directory.ts";
import type { ResultSet } from "../../results/load.ts";
import { intervalFromMoments } from "../../results/stats/describe.ts";
import { Welford } from "../../results/stats/welford.ts";
import type { ParamValue } from "../../plan/types.ts";
import type { Provenance } from "../provenance.ts";

export interface Figure {
  /** File stem, unique within a plot folder, e.g. "loss-vs-lr". */
  readonly name: string;
  readonly kind: string;
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

export interface FigureContext {
  readonly results: ResultSet;
  readonly groups: readonly Group[];
  readonly provenance: Provenance;
  readonly params: ReadonlyMap<string, ParamInfoRead>;
  readonly metrics: ReadonlyMap<string, MetricInfoRead>;
}

export function figureContext(results: ResultSet, provenance: Provenance): FigureContext {
  return {
    results,
    groups: results.aggregate.sortedGroups(),
    provenance,
    params: new Map(results.params.map((p) => [p.name, p])),
    metrics: new Map(results.metrics.map((m) => [m.name, m])),
  };
}

export const INTERVAL_NOTE = "band/bars: 95% CI of the mean (Student t) over seeds";

export function axisTitle(name: string, unit: string | undefined): string {
  return unit ? `${name} (${unit})` : name;
}

export const RESOURCE_UNITS: Readonly<Record<string, string>> = {
  runtime_seconds: "s", peak_memory_mib: "MiB",
};

export function metricTitle(context: FigureContext, metric: string): string {
  return axisTitle(metric, context.metrics.get(metric)?.unit ?? RESOURCE_UNITS[metric]);
}

export function paramTitle(context: FigureContext, param: string): string {
  return axisTitle(param, context.params.get(param)?.unit);
}

/** Distinct values of a parameter across groups, in order. */
export function paramValues(groups: readonly Group[], param: string): ParamValue[] {
  const values = new Set<ParamValue>();
  for (const group of groups) {
    const value = group.params[param];
    if (value !== undefined) values.add(value);
  }
  return [...values].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)));
}

/** Numeric parameters with at least two values: candidates for an x axis. */
export function numericParams(context: FigureContext): string[] {
  const names = [...new Set(context.groups.flatMap((g) => Object.keys(g.params)))].sort();
  return names.filter((name) => {
    const declared = context.params.get(name)?.kind;
    const values = paramValues(context.groups, name);
    const numeric = declared ? declared === "numeric" || declared === "integer"
      : values.every((v) => typeof v === "number");
    return numeric && values.length >= 2;
  });
}

export function categoricalParams(context: FigureContext): string[] {
  const numeric = new Set(numericParams(context));
  const names = [...new Set(context.groups.flatMap((g) => Object.keys(g.params)))].sort();
  return names.filter((name) =>
    !numeric.has(name) && paramValues(context.groups, name).length >= 2);
}

export interface PooledPoint {
  readonly n: number;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** Pools a metric's moments over the groups that share a key. */
export function pooled(groups: readonly Group[], table: "metrics" | "resources", metric: string,
  keyOf: (group: Group) => string | null): Map<string, PooledPoint> {
  const merged = new Map<string, Welford>();
  for (const group of groups) {
    const key = keyOf(group);
    const accumulator = group[table].get(metric);
    if (key === null || !accumulator) continue;
    let moments = merged.get(key);
    if (!moments) {
      moments = new Welford();
      merged.set(key, moments);
    }
    moments.merge(accumulator.moments.snapshot());
  }
  const points = new Map<string, PooledPoint>();
  for (const [key, moments] of merged) {
    const ci = intervalFromMoments(moments).ci;
    points.set(key, {
      n: moments.n, mean: moments.mean, lo: ci?.[0] ?? moments.mean, hi: ci?.[1] ?? moments.mean,
    });
  }
  return points;
}

/** "n = 3 per point" or "n = 2–5 per point". */
export function nPerPoint(points: Iterable<{ readonly n: number }>): string {
  const ns = [...points].map((p) => p.n);
  if (ns.length === 0) return "n = 0";
  const low = Math.min(...ns);
  const high = Math.max(...ns);
  return low === high ? `n = ${low} per point` : `n = ${low}–${high} per point`;
}

/** File-name-safe slug. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "figure";
}

export function formatConfig(params: Readonly<Record<string, ParamValue>>): string {
  const text = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(", ");
  return text || "all";
}
