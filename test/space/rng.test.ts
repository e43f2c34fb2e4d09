import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/space/index.ts";

describe("createRng", () => {
  it("gives the same stream for the same seed and different streams for different seeds", () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
    expect(draw(0.5)).not.toEqual(draw(0));
  });

  it("draws floats in [0, 1) whose mean and spread match a uniform distribution", () => {
    const rng = createRng(7);
    const draws = Array.from({ length: 100_000 }, () => rng.nextFloat());
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;

    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it("draws bounded integers uniformly: every value of a die turns up about equally", () => {
    const rng = createRng(11);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.nextInt(6)]! += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("keeps every bounded draw inside its bound", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, bound) => {
        const value = createRng(seed).nextInt(bound);
        return Number.isInteger(value) && value >= 0 && value < bound;
      }),
    );
  });

  it("shuffles into a permutation of the input, reproducibly", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = createRng(5).shuffle([...items]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(createRng(5).shuffle([...items])).toEqual(shuffled);
  });
});
