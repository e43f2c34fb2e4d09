import { describe, expect, it } from "vitest";
import {
  createSpace,
  type DimensionSpec,
  type ParamValue,
} from "../../src/space/index.ts";

// Every grid value of a one-dimension space, in order.
function gridValues(dimension: DimensionSpec): ParamValue[] {
  const space = createSpace({ seed: 0, dimensions: [dimension] });
  return [...space.select()].map((point) => point.params[space.paramNames[0]!]!);
}

describe("grid dimension kinds", () => {
  it("list keeps the values in the order given", () => {
    expect(gridValues({ kind: "list", name: "n", values: [256, 64, 128] })).toEqual([
      256, 64, 128,
    ]);
  });

  it("categorical enumerates its labels, booleans included", () => {
    expect(gridValues({ kind: "categorical", name: "c", values: ["cg", true] })).toEqual([
      "cg",
      true,
    ]);
  });

  it("intRange includes stop when it lands on the grid and defaults to step 1", () => {
    expect(gridValues({ kind: "intRange", name: "k", start: 1, stop: 4 })).toEqual([
      1, 2, 3, 4,
    ]);
    expect(
      gridValues({ kind: "intRange", name: "k", start: 0, stop: 10, step: 4 }),
    ).toEqual([0, 4, 8]);
    expect(
      gridValues({ kind: "intRange", name: "k", start: 5, stop: 1, step: -2 }),
    ).toEqual([5, 3, 1]);
  });

  it("floatRange includes a stop that floating point arithmetic narrowly misses", () => {
    // 0.1 * 3 is 0.30000000000000004 in binary floating point.
    expect(
      gridValues({ kind: "floatRange", name: "x", start: 0, stop: 0.3, step: 0.1 }),
    ).toEqual([0, 0.1, 0.2, 0.3]);
    expect(
      gridValues({ kind: "floatRange", name: "x", start: 0, stop: 1, step: 0.4 }),
    ).toEqual([0, 0.4, 0.8]);
  });

  it("floatRange indexes long ranges by arithmetic, value by value", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [{ kind: "floatRange", name: "x", start: 0, stop: 1, step: 1e-5 }],
    });
    expect(space.size).toBe(100_001n);
    expect(space.paramsAt(77_777n)).toEqual({ x: 0.77777 });
    expect(space.paramsAt(100_000n)).toEqual({ x: 1 });
    expect(space.indexOf({ x: 0.5 })).toBe(50_000n);
  });

  it("linspace spreads count values evenly with both ends included", () => {
    expect(
      gridValues({ kind: "linspace", name: "t", start: 0, stop: 1, count: 5 }),
    ).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(
      gridValues({ kind: "linspace", name: "t", start: 2, stop: 9, count: 1 }),
    ).toEqual([2]);
  });

  it("logspace takes the end values themselves and lands on exact decades", () => {
    expect(
      gridValues({ kind: "logspace", name: "a", start: 1e-3, stop: 1e-1, count: 3 }),
    ).toEqual([0.001, 0.01, 0.1]);
    const five = gridValues({
      kind: "logspace",
      name: "a",
      start: 0.001,
      stop: 0.1,
      count: 5,
    });
    expect(five[1]).toBeCloseTo(0.00316227766, 12);
    expect(five[2]).toBe(0.01);
  });

  it("intUniform enumerates every integer from low to high when used as a grid", () => {
    expect(gridValues({ kind: "intUniform", name: "k", low: -1, high: 2 })).toEqual([
      -1, 0, 1, 2,
    ]);
  });

  it("zip varies several parameters together, one row per coordinate", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [
        {
          kind: "zip",
          names: ["nx", "dt"],
          rows: [
            [64, 0.1],
            [128, 0.05],
          ],
        },
        { kind: "list", name: "k", values: [1, 2] },
      ],
    });
    expect([...space.select()].map((point) => point.params)).toEqual([
      { nx: 64, dt: 0.1, k: 1 },
      { nx: 64, dt: 0.1, k: 2 },
      { nx: 128, dt: 0.05, k: 1 },
      { nx: 128, dt: 0.05, k: 2 },
    ]);
  });
});

describe("what the space says about each parameter", () => {
  const space = createSpace({
    seed: 0,
    dimensions: [
      {
        kind: "logspace",
        name: "alpha",
        start: 0.001,
        stop: 0.1,
        count: 3,
        unit: "m^2/s",
      },
      { kind: "list", name: "n", values: [64, 128] },
      { kind: "list", name: "w", values: [0.5, 1] },
      { kind: "list", name: "mixed", values: [1, "two"] },
      { kind: "list", name: "flag", values: [true, false] },
      { kind: "categorical", name: "solver", values: ["jacobi", "cg"] },
      { kind: "categorical", name: "on", values: [true, false] },
      { kind: "intRange", name: "k", start: 0, stop: 2, scale: "log" },
      {
        kind: "zip",
        names: ["nx", "label"],
        rows: [[1, "a"]],
        units: { nx: "cells" },
        scales: { nx: "log" },
      },
      {
        kind: "list",
        name: "tol",
        values: [1e-6],
        when: { param: "solver", in: ["cg"] },
      },
    ],
    derived: [{ name: "h", compute: (p) => 1 / (p.n as number), unit: "m" }],
  });

  it("gives kind, scale, unit and origin in declaration order, derived last", () => {
    expect(space.params).toEqual([
      { name: "alpha", kind: "numeric", scale: "log", unit: "m^2/s", origin: "swept" },
      { name: "n", kind: "integer", scale: "linear", origin: "swept" },
      { name: "w", kind: "numeric", scale: "linear", origin: "swept" },
      { name: "mixed", kind: "categorical", scale: "linear", origin: "swept" },
      { name: "flag", kind: "boolean", scale: "linear", origin: "swept" },
      { name: "solver", kind: "categorical", scale: "linear", origin: "swept" },
      { name: "on", kind: "boolean", scale: "linear", origin: "swept" },
      { name: "k", kind: "integer", scale: "log", origin: "swept" },
      { name: "nx", kind: "integer", scale: "log", unit: "cells", origin: "swept" },
      { name: "label", kind: "categorical", scale: "linear", origin: "swept" },
      { name: "tol", kind: "numeric", scale: "linear", origin: "conditional" },
      { name: "h", kind: "numeric", scale: "linear", unit: "m", origin: "derived" },
    ]);
    expect(space.paramNames).toEqual(space.params.map((info) => info.name));
  });

  it("calls sampled dimensions sampled and their space infinite when continuous", () => {
    const sampled = createSpace({
      seed: 0,
      dimensions: [
        { kind: "logUniform", name: "lr", low: 1e-5, high: 1e-1 },
        { kind: "uniform", name: "m", low: 0, high: 1 },
        { kind: "intUniform", name: "layers", low: 1, high: 4 },
      ],
      sample: { method: "random", count: 4 },
    });
    expect(
      sampled.params.map((info) => [info.name, info.kind, info.scale, info.origin]),
    ).toEqual([
      ["lr", "numeric", "log", "sampled"],
      ["m", "numeric", "linear", "sampled"],
      ["layers", "integer", "linear", "sampled"],
    ]);
    expect(sampled.sizeText).toBe("infinite");
    expect(sampled.continuous).toEqual(["lr", "m"]);
    expect(sampled.size).toBe(4n);
  });
});
