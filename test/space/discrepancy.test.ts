import { describe, expect, it } from "vitest";
import {
  centeredDiscrepancySquared,
  l2StarDiscrepancySquared,
} from "../../src/space/index.ts";

const points = (...rows: number[][]): Float64Array[] =>
  rows.map((row) => Float64Array.from(row));

// Reference values integrated by hand: for one dimension the squared L2-star
// discrepancy is the integral over t of (share of points below t - t)^2.
describe("L2-star discrepancy", () => {
  it("is 1/12 for one point at the centre of the unit interval", () => {
    // ∫0^½ t² dt + ∫½^1 (1 − t)² dt = 1/24 + 1/24
    expect(l2StarDiscrepancySquared(points([0.5]))).toBeCloseTo(1 / 12, 14);
  });

  it("is 1/3 for one point at the origin", () => {
    // every t > 0 sees the whole sample: ∫0^1 (1 − t)² dt
    expect(l2StarDiscrepancySquared(points([0]))).toBeCloseTo(1 / 3, 14);
  });

  it("is 1/48 for the points 1/4 and 3/4", () => {
    // ∫0^¼ t² + ∫¼^¾ (½ − t)² + ∫¾^1 (1 − t)² = 1/192 + 2/192 + 1/192
    expect(l2StarDiscrepancySquared(points([0.25], [0.75]))).toBeCloseTo(1 / 48, 14);
  });

  it("is 1/4 − 9/32 + 1/9 for one point at the centre of the unit square", () => {
    // One point at (½, ½): ∫∫ (1{x > ½, y > ½} − xy)² expands to the box's
    // area 1/4, minus 2∫∫ over [½,1]² of xy = 2·(3/8)² = 9/32, plus ∫∫ x²y² = 1/9.
    expect(l2StarDiscrepancySquared(points([0.5, 0.5]))).toBeCloseTo(
      1 / 9 - 9 / 32 + 1 / 4,
      14,
    );
  });
});

describe("centered L2 discrepancy", () => {
  it("is 1/12 for one point at the centre and 1/3 at a corner", () => {
    expect(centeredDiscrepancySquared(points([0.5]))).toBeCloseTo(1 / 12, 14);
    expect(centeredDiscrepancySquared(points([0]))).toBeCloseTo(1 / 3, 14);
  });

  it("does not change when the design is mirrored, unlike L2-star", () => {
    const design = points([0.1, 0.2], [0.4, 0.9], [0.7, 0.3]);
    const mirrored = design.map((p) => p.map((x) => 1 - x));
    expect(centeredDiscrepancySquared(mirrored)).toBeCloseTo(
      centeredDiscrepancySquared(design),
      12,
    );
    expect(l2StarDiscrepancySquared(mirrored)).not.toBeCloseTo(
      l2StarDiscrepancySquared(design),
      6,
    );
  });
});

describe("discrepancy inputs", () => {
  it("refuses an empty design or ragged points", () => {
    expect(() => l2StarDiscrepancySquared([])).toThrow(/at least one point/);
    expect(() => centeredDiscrepancySquared(points([0.1], [0.2, 0.3]))).toThrow(
      /same number/,
    );
  });
});
