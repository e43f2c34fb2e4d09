import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeMetric, intervalFromMoments } from "../../src/results/stats/describe.ts";
import { MetricAccumulator } from "../../src/results/stats/metric-accumulator.ts";
import { seededRandom } from "../../src/results/stats/reservoir.ts";
import { welchTest } from "../../src/results/stats/welch.ts";
import { Welford } from "../../src/results/stats/welford.ts";

function momentsOf(values: readonly number[]): Welford {
  const w = new Welford();
  for (const v of values) w.add(v);
  return w;
}

describe("streaming moments", () => {
  it("give the hand-checked mean and sample sd of 2, 4, 4, 4, 5, 5, 7, 9", () => {
    // Σ = 40 → mean 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32 → sd = √(32/7).
    const w = momentsOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(w.mean).toBe(5);
    expect(w.m2).toBeCloseTo(32, 12);
    expect(Math.sqrt(w.variance)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect([w.min, w.max]).toEqual([2, 9]);
  });

  it("stay accurate for values with a huge common offset (no catastrophic cancellation)", () => {
    const w = momentsOf([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(w.variance).toBeCloseTo(30, 6);
  });

  it("merge to the same result as one pass over all values, however they are split", () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
      fc.nat(),
      (values, cut) => {
        const at = cut % (values.length + 1);
        const merged = momentsOf(values.slice(0, at));
        merged.merge(momentsOf(values.slice(at)).snapshot());
        const whole = momentsOf(values);
        expect(merged.n).toBe(whole.n);
        expect(merged.mean).toBeCloseTo(whole.mean, 6);
        expect(merged.m2).toBeCloseTo(whole.m2, Math.max(0, 6 - Math.log10(whole.m2 + 1)));
        expect(merged.min).toBe(whole.min);
        expect(merged.max).toBe(whole.max);
      },
    ));
  });

  it("report no sd, standard error or interval below two values", () => {
    expect(intervalFromMoments(momentsOf([3]).snapshot())).toEqual({ sd: null, sem: null, ci: null });
  });
});

describe("the 95% interval", () => {
  it("is mean ± t(0.975, n−1)·sd/√n with the published t for the hand-checked sample", () => {
    // n = 8, sd = √(32/7), t(0.975, 7) = 2.365 (published) → half-width 1.7876.
    const { sem, ci } = intervalFromMoments(momentsOf([2, 4, 4, 4, 5, 5, 7, 9]).snapshot());
    expect(sem).toBeCloseTo(Math.sqrt(32 / 7) / Math.sqrt(8), 12);
    expect(ci![0]).toBeCloseTo(5 - 2.3646 * Math.sqrt(32 / 7 / 8), 3);
    expect(ci![1]).toBeCloseTo(5 + 2.3646 * Math.sqrt(32 / 7 / 8), 3);
  });

  it("covers the true mean 95% of the time (±1%) over 20,000 seeded normal samples of 5", () => {
    const random = seededRandom(20260101);
    const normal = (): number => Math.sqrt(-2 * Math.log(1 - random()))
      * Math.cos(2 * Math.PI * random());
    const trueMean = 3;
    let covered = 0;
    const repetitions = 20_000;
    for (let r = 0; r < repetitions; r += 1) {
      const w = new Welford();
      for (let i = 0; i < 5; i += 1) w.add(trueMean + 2 * normal());
      const ci = intervalFromMoments(w.snapshot()).ci!;
      if (ci[0] <= trueMean && trueMean <= ci[1]) covered += 1;
    }
    expect(covered / repetitions).toBeGreaterThan(0.94);
    expect(covered / repetitions).toBeLessThan(0.96);
  });
});

describe("a metric's description", () => {
  it("gives n, mean, sd, sem, CI, median, quartiles, IQR, min and max for a small group", () => {
    const accumulator = new MetricAccumulator(1);
    for (const v of [1, 2, 3, 4, 5]) accumulator.add(v);
    const summary = describeMetric(accumulator);
    // sd of 1..5 = √2.5; median 3; quartiles (simple-statistics) 2 and 4.
    expect(summary).toMatchObject({ n: 5, mean: 3, median: 3, q1: 2, q3: 4, iqr: 2, min: 1,
      max: 5, exactQuantiles: true });
    expect(summary.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(summary.ci95![0]).toBeCloseTo(3 - 2.776 * Math.sqrt(2.5 / 5), 3);
  });
});

describe("Welch's t-test", () => {
  // Values and expected results from scipy.stats.ttest_ind(b, a, equal_var=False),
  // scipy 1.17.1: t = 2.2255120, df = 24.524635, p = 0.0354845,
  // CI of the difference [0.16354135, 4.27645865].
  const a = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
  const b = [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0,
    23.9, 21.6, 24.3, 20.4, 23.9, 13.3];

  it("agrees with scipy on t, degrees of freedom, p-value and the interval", () => {
    const result = welchTest(momentsOf(a).snapshot(), momentsOf(b).snapshot());
    expect(result.difference).toBeCloseTo(2.22, 10);
    expect(result.t).toBeCloseTo(2.225512039969852, 8);
    expect(result.df).toBeCloseTo(24.524634944257343, 6);
    expect(result.pValue).toBeCloseTo(0.035484530830010394, 7);
    expect(result.ci95![0]).toBeCloseTo(0.16354134987944358, 6);
    expect(result.ci95![1]).toBeCloseTo(4.276458650120555, 6);
  });

  it("reports no test when a side has fewer than two values", () => {
    const result = welchTest(momentsOf([1]).snapshot(), momentsOf([1, 2]).snapshot());
    expect(result).toMatchObject({ difference: 0.5, ci95: null, t: null, pValue: null });
  });

  it("reports an exact difference when both sides are constant", () => {
    expect(welchTest(momentsOf([2, 2]).snapshot(), momentsOf([3, 3]).snapshot()))
      .toMatchObject({ difference: 1, ci95: [1, 1], pValue: 0 });
    expect(welchTest(momentsOf([2, 2]).snapshot(), momentsOf([2, 2]).snapshot()).pValue).toBe(1);
  });
});
