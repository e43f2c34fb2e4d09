import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  centeredDiscrepancySquared,
  l2StarDiscrepancySquared,
  latinHypercube,
  sobolPoints,
  uniformRandom,
} from "../../src/space/index.ts";

const design = fc.record({
  count: fc.integer({ min: 1, max: 200 }),
  dimensions: fc.integer({ min: 1, max: 8 }),
  seed: fc.nat(),
});

const inUnitCube = (points: readonly Float64Array[]): boolean =>
  points.every((point) => point.every((x) => x >= 0 && x < 1));

describe("uniform random designs", () => {
  it("stay in the unit cube and are reproducible from the seed", () => {
    fc.assert(
      fc.property(design, ({ count, dimensions, seed }) => {
        const points = uniformRandom(count, dimensions, seed);
        expect(points).toHaveLength(count);
        expect(points.every((p) => p.length === dimensions)).toBe(true);
        expect(inUnitCube(points)).toBe(true);
        expect(uniformRandom(count, dimensions, seed)).toEqual(points);
      }),
      { numRuns: 50 },
    );
  });
});

describe("Latin hypercube designs", () => {
  it("put exactly one point in every stratum of every dimension", () => {
    fc.assert(
      fc.property(design, ({ count, dimensions, seed }) => {
        const points = latinHypercube(count, dimensions, seed);
        for (let d = 0; d < dimensions; d++) {
          const strata = points
            .map((point) => Math.floor(point[d]! * count))
            .sort((a, b) => a - b);
          expect(strata).toEqual(Array.from({ length: count }, (_, i) => i));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("stay in the unit cube and are reproducible from the seed", () => {
    fc.assert(
      fc.property(design, ({ count, dimensions, seed }) => {
        const points = latinHypercube(count, dimensions, seed);
        expect(inUnitCube(points)).toBe(true);
        expect(latinHypercube(count, dimensions, seed)).toEqual(points);
      }),
      { numRuns: 50 },
    );
  });

  it("pair strata differently for different seeds", () => {
    expect(latinHypercube(20, 2, 1)).not.toEqual(latinHypercube(20, 2, 2));
  });
});

describe("Sobol designs", () => {
  it("are more uniform than random designs of the same size (L2-star and centered)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(128, 256),
        fc.nat(),
        (dimensions, count, seed) => {
          const sobol = sobolPoints(count, dimensions, { scramble: true, seed });
          const random = uniformRandom(count, dimensions, seed);
          expect(l2StarDiscrepancySquared(sobol)).toBeLessThan(
            l2StarDiscrepancySquared(random),
          );
          expect(centeredDiscrepancySquared(sobol)).toBeLessThan(
            centeredDiscrepancySquared(random),
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it("are more uniform unscrambled than random, too", () => {
    const sobol = sobolPoints(256, 5);
    const random = uniformRandom(256, 5, 1);
    expect(l2StarDiscrepancySquared(sobol)).toBeLessThan(
      l2StarDiscrepancySquared(random),
    );
  });

  it("stay in the unit cube when scrambled", () => {
    fc.assert(
      fc.property(design, ({ count, dimensions, seed }) => {
        expect(inUnitCube(sobolPoints(count, dimensions, { scramble: true, seed }))).toBe(
          true,
        );
      }),
      { numRuns: 30 },
    );
  });
});
