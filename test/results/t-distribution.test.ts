import { describe, expect, it } from "vitest";
import {
  incompleteBeta, logGamma, studentTCdf, studentTQuantile, studentTTwoSidedP,
} from "../../src/results/stats/t-distribution.ts";

// Two-sided 95% critical values t(0.975, df) as printed in standard tables
// (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.2), to three decimals.
const PUBLISHED_T_975: readonly [number, number][] = [
  [1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [6, 2.447], [7, 2.365],
  [8, 2.306], [9, 2.262], [10, 2.228], [15, 2.131], [20, 2.086], [30, 2.042],
  [60, 2.000], [100, 1.984],
];

describe("Student's t distribution", () => {
  it.each(PUBLISHED_T_975)("matches the published 97.5%% quantile for %i degrees of freedom",
    (df, published) => {
      expect(studentTQuantile(0.975, df)).toBeCloseTo(published, 3);
    });

  it("matches other published quantiles (99.5% at 4 df, 90% at 12 df)", () => {
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604, 3);
    expect(studentTQuantile(0.9, 12)).toBeCloseTo(1.356, 3);
  });

  it("approaches the normal 1.960 for very many degrees of freedom", () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.95996, 4);
  });

  it("handles fractional degrees of freedom as Welch's test needs (scipy: 2.333040 at 7.5)",
    () => {
      expect(studentTQuantile(0.975, 7.5)).toBeCloseTo(2.333040, 5);
    });

  it("is symmetric: lower quantiles are the negated upper ones, the median is zero", () => {
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.571, 3);
    expect(studentTQuantile(0.5, 5)).toBe(0);
  });

  it("gives CDF values agreeing with scipy.stats.t.cdf", () => {
    expect(studentTCdf(1.5, 7)).toBeCloseTo(0.911350756505015, 9);
    expect(studentTCdf(-2.2, 3.5)).toBeCloseTo(0.051166640162727955, 9);
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
  });

  it("gives a two-sided p-value of 0.05 exactly at the 95% critical value", () => {
    expect(studentTTwoSidedP(studentTQuantile(0.975, 9), 9)).toBeCloseTo(0.05, 10);
  });

  it("rejects probabilities outside (0, 1) and non-positive degrees of freedom", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe("the special functions under it", () => {
  it("computes ln Γ at integers as ln((n−1)!) and at 1/2 as ln √π", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.6256099082219083), 10);
  });

  it("computes the regularised incomplete beta I_0.4(2, 3) = 0.5248 (binomial sum by hand)",
    () => {
      expect(incompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 12);
    });

  it("computes I_0.1(1/2, 1/2) = (2/π)·asin(√0.1) (the arcsine distribution)", () => {
    expect(incompleteBeta(0.1, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(0.1)), 10);
    expect(incompleteBeta(0.9, 0.5, 0.5)).toBeCloseTo(1 - (2 / Math.PI) * Math.asin(Math.sqrt(0.1)), 10);
  });

  it("is 0 at x ≤ 0 and 1 at x ≥ 1", () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });
});
