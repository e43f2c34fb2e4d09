// Main effects: for each parameter, the mean of each metric at each of its
// values (pooling everything else), and a ranking of parameters by the share
// of variance their values explain (eta squared, Σ n_v (mean_v − mean)² / SS).
import type { ParamValue } from "../plan/types.ts";
import type { Group } from "./aggregate.ts";
import { compareValues } from "./group-key.ts";
import { intervalFromMoments } from "./stats/describe.ts";
import { Welford } from "./stats/welford.ts";

export interface MarginalMean {
  readonly value: ParamValue;
  readonly n: number;
  readonly mean: number;
  readonly ci95: readonly [number, number] | null;
}

export interface ParamEffect {
  readonly param: string;
  /** Share of the metric's variance explained by this parameter alone (0–1). */
  readonly etaSquared: number;
  /** Largest minus smallest marginal mean. */
  readonly range: number;
}

export interface MetricEffects {
  readonly ranking: readonly ParamEffect[];
  readonly marginals: Readonly<Record<string, readonly MarginalMean[]>>;
}

export function mainEffects(
  groups: readonly Group[],
  metric: string,
  params: readonly string[],
): MetricEffects {
  const overall = new Welford();
  for (const group of groups) {
    const found = group.metrics.get(metric);
    if (found) overall.merge(found.moments.snapshot());
  }

  const marginals: Record<string, MarginalMean[]> = {};
  const ranking: ParamEffect[] = [];
  for (const param of params) {
    const byValue = marginalMoments(groups, metric, param);
    if (byValue.length < 2) continue;

    marginals[param] = byValue.map(([value, moments]) => ({
      value, n: moments.n, mean: moments.mean, ci95: intervalFromMoments(moments).ci,
    }));
    const between = byValue.reduce((sum, [, m]) => sum + m.n * (m.mean - overall.mean) ** 2, 0);
    const means = byValue.map(([, m]) => m.mean);
    ranking.push({
      param,
      etaSquared: overall.m2 > 0 ? Math.min(1, between / overall.m2) : 0,
      range: Math.max(...means) - Math.min(...means),
    });
  }

  ranking.sort((a, b) => b.etaSquared - a.etaSquared || a.param.localeCompare(b.param));
  return { ranking, marginals };
}

function marginalMoments(groups: readonly Group[], metric: string, param: string)
  : [ParamValue, Welford][] {
  const table = new Map<ParamValue, Welford>();
  for (const group of groups) {
    const value = group.params[param];
    const found = group.metrics.get(metric);
    if (value === undefined || !found) continue;
    let moments = table.get(value);
    if (!moments) {
      moments = new Welford();
      table.set(value, moments);
    }
    moments.merge(found.moments.snapshot());
  }
  return [...table].sort((a, b) => compareValues(a[0], b[0]));
}
