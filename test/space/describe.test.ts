import { describe, expect, it } from "vitest";
import { describeDimension } from "../../src/space/index.ts";

describe("describeDimension", () => {
  it("lists short lists in full, quoting strings", () => {
    expect(describeDimension({ kind: "list", name: "n", values: [64, 128, 256] })).toBe(
      "n in {64, 128, 256}",
    );
    expect(
      describeDimension({
        kind: "categorical",
        name: "solver",
        values: ["jacobi", "cg"],
      }),
    ).toBe('solver in {"jacobi", "cg"}');
  });

  it("elides long lists and says how many values there are", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(describeDimension({ kind: "list", name: "k", values })).toBe(
      "k in {1, 2, 3, 4, 5, ..., 100} (100 values)",
    );
  });

  it("gives ranges with their step and the number of values they produce", () => {
    expect(describeDimension({ kind: "intRange", name: "k", start: 1, stop: 10 })).toBe(
      "k = 1..10 step 1 (10 values)",
    );
    expect(
      describeDimension({
        kind: "floatRange",
        name: "x",
        start: 0,
        stop: 0.3,
        step: 0.1,
      }),
    ).toBe("x = 0..0.3 step 0.1 (4 values)");
  });

  it("names the spacing of linspace and logspace, with the unit", () => {
    expect(
      describeDimension({ kind: "linspace", name: "t", start: 0, stop: 1, count: 1 }),
    ).toBe("t: 1 value evenly spaced from 0 to 1");
    expect(
      describeDimension({
        kind: "logspace",
        name: "alpha",
        start: 0.001,
        stop: 0.1,
        count: 5,
        unit: "m^2/s",
      }),
    ).toBe("alpha: 5 values log-spaced from 0.001 to 0.1 [m^2/s]");
  });

  it("names the distribution of sampled dimensions", () => {
    expect(describeDimension({ kind: "uniform", name: "m", low: 0.5, high: 0.99 })).toBe(
      "m ~ uniform [0.5, 0.99)",
    );
    expect(
      describeDimension({ kind: "logUniform", name: "lr", low: 1e-5, high: 0.1 }),
    ).toBe("lr ~ log-uniform [0.00001, 0.1)");
    expect(describeDimension({ kind: "intUniform", name: "k", low: 1, high: 6 })).toBe(
      "k ~ integer uniform 1..6 (6 values)",
    );
  });

  it("shows zipped rows as tuples and conditions at the end", () => {
    expect(
      describeDimension({
        kind: "zip",
        names: ["nx", "dt"],
        rows: [
          [64, 0.1],
          [128, 0.05],
        ],
      }),
    ).toBe("(nx, dt) in {(64, 0.1), (128, 0.05)}");
    expect(
      describeDimension({
        kind: "list",
        name: "tol",
        values: [1e-6],
        when: { param: "solver", in: ["cg", "gs"] },
      }),
    ).toBe('tol in {0.000001} when solver in {"cg", "gs"}');
  });
});
