// Turns an accumulator into the numbers a user reads: n, mean, sd, standard
// error, a t-based 95% interval, median, quartiles, IQR, min and max.
import type { MetricAccumulator } from "./metric-accumulator.ts";
import { studentTQuantile } from "./t-distribution.ts";
import type { Moments } from "./welford.ts";

export interface MetricSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number | null;
  readonly sem: number | null;
  /** 95% confidence interval for the mean from the t distribution (n ≥ 2). */
  readonly ci95: readonly [number, number] | null;
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  readonly min: number;
  readonly max: number;
  /** False once the group outgrew exact quantiles and a t-digest took over. */
  readonly exactQuantiles: boolean;
}

export const INTERVAL_METHOD = "95% CI of the mean, Student t (n − 1 df)";

/** Mean, sd, sem and the t interval from moments alone. */
export function intervalFromMoments(moments: Moments, level = 0.95): {
  readonly sd: number | null;
  readonly sem: number | null;
  readonly ci: readonly [number, number] | null;
} {
  if (moments.n < 2) return { sd: null, sem: null, ci: null };
  const sd = Math.sqrt(moments.m2 / (moments.n - 1));
  const sem = sd / Math.sqrt(moments.n);
  const half = studentTQuantile(1 - (1 - level) / 2, moments.n - 1) * sem;
  return { sd, sem, ci: [moments.mean - half, moments.mean + half] };
}

export function describeMetric(accumulator: MetricAccumulator): MetricSummary {
  const moments = accumulator.moments.snapshot();
  const { sd, sem, ci } = intervalFromMoments(moments);
  const q1 = accumulator.sketch.quantile(0.25);
  const q3 = accumulator.sketch.quantile(0.75);

  return {
    n: moments.n,
    mean: moments.mean,
    sd,
    sem,
    ci95: ci,
    median: accumulator.sketch.quantile(0.5),
    q1,
    q3,
    iqr: q3 - q1,
    min: moments.min,
    max: moments.max,
    exactQuantiles: accumulator.sketch.isExact,
  };
}
