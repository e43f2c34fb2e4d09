import { describe, expect, it } from "vitest";
import {
  BATCH_SIZE,
  MetricAccumulator,
} from "../../src/results/stats/metric-accumulator.ts";
import { EXACT_LIMIT, QuantileSketch } from "../../src/results/stats/quantile-sketch.ts";
import { Reservoir, seededRandom } from "../../src/results/stats/reservoir.ts";

describe("the quantile sketch", () => {
  it("is exact for small groups: median and quartiles of 1…9 are 5, 3 and 7", () => {
    const sketch = new QuantileSketch();
    for (let v = 9; v >= 1; v -= 1) sketch.add(v);
    expect(sketch.isExact).toBe(true);
    expect([sketch.quantile(0.25), sketch.quantile(0.5), sketch.quantile(0.75)]).toEqual([
      3, 5, 7,
    ]);
  });

  it("returns NaN when empty", () => {
    expect(new QuantileSketch().quantile(0.5)).toBeNaN();
  });

  it("switches to a digest past the exact limit and stays within 1% of the true quantiles", () => {
    // A shuffled 0…99,999: the true q-quantile is 99,999·q.
    const count = 100_000;
    const values = Array.from({ length: count }, (_, i) => i);
    const random = seededRandom(3);
    for (let i = count - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    const sketch = new QuantileSketch();
    for (const v of values) sketch.add(v);
    expect(sketch.isExact).toBe(false);
    for (const q of [0.01, 0.25, 0.5, 0.75, 0.99]) {
      expect(Math.abs(sketch.quantile(q) - 99_999 * q)).toBeLessThan(count * 0.01);
    }
    expect(sketch.snapshot().means.length).toBeLessThan(600);
  });

  it("merges digests from separate chunks as if they were one stream", () => {
    const left = new QuantileSketch();
    const right = new QuantileSketch();
    for (let i = 0; i < 50_000; i += 1) left.add(i);
    for (let i = 50_000; i < 100_000; i += 1) right.add(i);
    left.merge(right.snapshot());
    expect(Math.abs(left.quantile(0.5) - 50_000)).toBeLessThan(1000);
    expect(Math.abs(left.quantile(0.9) - 90_000)).toBeLessThan(1000);
  });

  it("merges exact sketches exactly while they stay small", () => {
    const left = new QuantileSketch();
    const right = new QuantileSketch();
    [1, 2, 3].forEach((v) => left.add(v));
    [4, 5].forEach((v) => right.add(v));
    left.merge(right.snapshot());
    expect(left.isExact).toBe(true);
    expect(left.quantile(0.5)).toBe(3);
    expect(EXACT_LIMIT).toBeGreaterThanOrEqual(1000);
  });
});

describe("the seeded reservoir sample", () => {
  it("keeps every value while under capacity", () => {
    const reservoir = new Reservoir(10, 1);
    [5, 6, 7].forEach((v) => reservoir.add(v));
    expect(reservoir.sample).toEqual([5, 6, 7]);
    expect(reservoir.isComplete).toBe(true);
  });

  it("keeps a fixed-size sample that is the same for the same seed", () => {
    const draw = (seed: number): number[] => {
      const reservoir = new Reservoir(50, seed);
      for (let i = 0; i < 10_000; i += 1) reservoir.add(i);
      return reservoir.sample;
    };
    expect(draw(9)).toHaveLength(50);
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
  });

  it("samples uniformly: the sample mean of 0…9,999 is near 5,000", () => {
    const reservoir = new Reservoir(2000, 4);
    for (let i = 0; i < 10_000; i += 1) reservoir.add(i);
    const mean = reservoir.sample.reduce((a, b) => a + b, 0) / reservoir.sample.length;
    expect(Math.abs(mean - 5000)).toBeLessThan(250);
  });

  it("merges in proportion to how many values each side saw", () => {
    const big = new Reservoir(100, 1);
    const small = new Reservoir(100, 2);
    for (let i = 0; i < 900; i += 1) big.add(0);
    for (let i = 0; i < 100; i += 1) small.add(1);
    big.merge(small.snapshot());
    expect(big.sample).toHaveLength(100);
    expect(big.sample.filter((v) => v === 1)).toHaveLength(10);
    expect(big.seen).toBe(1000);

    const a = new Reservoir(10, 1);
    a.add(1);
    a.merge({ seen: 2, sample: [2, 3] });
    a.merge({ seen: 0, sample: [] });
    expect(a.sample).toEqual([1, 2, 3]);
  });

  it("takes the same sample from a batch as from the same values one at a time", () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => i);
    const oneByOne = new Reservoir(64, 12);
    for (const v of values) oneByOne.add(v);
    const batched = new Reservoir(64, 12);
    for (let from = 0; from < values.length; from += 700) {
      batched.addAll(values.slice(from, from + 700));
    }
    expect(batched.sample).toEqual(oneByOne.sample);
    expect(batched.seen).toBe(5000);
  });

  it(
    "gives every value the same chance: each of 200 values is in a sample of 10 about 5% " +
      "of the time over 4,000 seeds, also after a merge",
    () => {
      const hits = new Float64Array(200);
      const values = Float64Array.from({ length: 200 }, (_, i) => i);
      for (let seed = 1; seed <= 4000; seed += 1) {
        const reservoir = new Reservoir(10, seed);
        if (seed % 2 === 0) {
          reservoir.addAll(values.slice(0, 120));
        } else {
          const other = new Reservoir(10, -seed);
          reservoir.addAll(values.slice(0, 50));
          other.addAll(values.slice(50, 120));
          reservoir.merge(other.snapshot());
        }
        for (const v of values.slice(120)) reservoir.add(v);
        for (const v of reservoir.sample) hits[v]! += 1;
      }
      // Expected 4000 · 10/200 = 200 hits each; a binomial sd of ~14.
      for (const count of hits) expect(Math.abs(count - 200)).toBeLessThan(70);
    },
  );
});

describe("a metric's accumulator", () => {
  it("shows every value added, whether or not a batch has been folded in yet", () => {
    const accumulator = new MetricAccumulator(1);
    [3, 1, 2].forEach((v) => accumulator.add(v));
    expect([accumulator.moments.n, accumulator.moments.mean]).toEqual([3, 2]);
    expect(accumulator.sketch.quantile(0.5)).toBe(2);
    expect(accumulator.reservoir.sample).toEqual([3, 1, 2]);

    for (let i = 0; i < 3 * BATCH_SIZE; i += 1) accumulator.add(10);
    expect(accumulator.moments.n).toBe(3 + 3 * BATCH_SIZE);
    expect(accumulator.moments.max).toBe(10);
    expect(accumulator.sketch.quantile(0.5)).toBe(10);
    expect(accumulator.snapshot().reservoir.seen).toBe(3 + 3 * BATCH_SIZE);
  });
});
