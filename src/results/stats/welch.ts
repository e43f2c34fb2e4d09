// Welch's unequal-variance t-test and the interval for a difference of means,
// the comparison used between two runs of the same configuration.
import { studentTQuantile, studentTTwoSidedP } from "./t-distribution.ts";
import type { Moments } from "./welford.ts";

export interface WelchResult {
  /** mean(B) − mean(A). */
  readonly difference: number;
  readonly ci95: readonly [number, number] | null;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
}

export function welchTest(a: Moments, b: Moments): WelchResult {
  const difference = b.mean - a.mean;
  if (a.n < 2 || b.n < 2) return { difference, ci95: null, t: null, df: null, pValue: null };

  const varianceA = a.m2 / (a.n - 1);
  const varianceB = b.m2 / (b.n - 1);
  const shareA = varianceA / a.n;
  const shareB = varianceB / b.n;
  const se = Math.sqrt(shareA + shareB);

  // Identical constant samples: no spread, so no test; the difference is exact.
  if (se === 0) {
    return {
      difference, ci95: [difference, difference], t: null, df: null,
      pValue: difference === 0 ? 1 : 0,
    };
  }

  const df = (shareA + shareB) ** 2
    / (shareA ** 2 / (a.n - 1) + shareB ** 2 / (b.n - 1));
  const t = difference / se;
  const half = studentTQuantile(0.975, df) * se;
  return { difference, ci95: [difference - half, difference + half], t, df,
    pValue: studentTTwoSidedP(t, df) };
}
