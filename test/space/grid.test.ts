import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createSpace,
  type DimensionSpec,
  type SpaceSpec,
} from "../../src/space/index.ts";

// Up to five list dimensions x0.. of 1–5 values each.
const listDimensions = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 })
  .map((sizes) =>
    sizes.map(
      (size, d): DimensionSpec => ({
        kind: "list",
        name: `x${d}`,
        values: Array.from({ length: size }, (_, i) => i * 10 + d),
      }),
    ),
  );

// A categorical parent "mode" with children that exist for some of its values.
const conditionalSpec = fc
  .record({
    modes: fc.integer({ min: 1, max: 4 }),
    children: fc.array(
      fc.record({
        size: fc.integer({ min: 1, max: 4 }),
        active: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    other: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ modes, children, other }) => {
    const labels = Array.from({ length: modes }, (_, i) => `m${i}`);
    const dimensions: DimensionSpec[] = [
      {
        kind: "list",
        name: "before",
        values: Array.from({ length: other }, (_, i) => i),
      },
      { kind: "categorical", name: "mode", values: labels },
      ...children.map(
        ({ size, active }, c): DimensionSpec => ({
          kind: "list",
          name: `c${c}`,
          values: Array.from({ length: size }, (_, i) => i / 2),
          when: { param: "mode", in: labels.filter((_, i) => active[i]) },
        }),
      ),
    ];
    // Sum over modes of the product of the active children's sizes, times `other`.
    const expected =
      labels.reduce(
        (sum, _, m) =>
          sum + children.reduce((p, child) => (child.active[m] ? p * child.size : p), 1),
        0,
      ) * other;
    return { spec: { seed: 0, dimensions } satisfies SpaceSpec, expected };
  });

describe("grid size", () => {
  it("is the product of the dimension sizes", () => {
    fc.assert(
      fc.property(listDimensions, (dimensions) => {
        const space = createSpace({ seed: 0, dimensions });
        const product = dimensions.reduce(
          (p, d) => p * BigInt(d.kind === "list" ? d.values.length : 0),
          1n,
        );
        return space.size === product && space.select().pointCount === Number(product);
      }),
    );
  });

  it("is a sum of products when dimensions are conditional", () => {
    fc.assert(
      fc.property(conditionalSpec, ({ spec, expected }) => {
        const space = createSpace(spec);
        expect(space.size).toBe(BigInt(expected));
        expect(
          new Set([...space.select()].map((p) => JSON.stringify(p.params))).size,
        ).toBe(expected);
      }),
    );
  });

  it("counts 10^15 points without enumerating them", () => {
    const dimensions = Array.from(
      { length: 15 },
      (_, d): DimensionSpec => ({
        kind: "intRange",
        name: `x${d}`,
        start: 0,
        stop: 9,
      }),
    );
    const space = createSpace({ seed: 0, dimensions });
    expect(space.size).toBe(10n ** 15n);
    expect(space.sizeText).toBe("1000000000000000");
  });
});

describe("grid indexing", () => {
  it("is a bijection between indices and combinations", () => {
    fc.assert(
      fc.property(listDimensions, (dimensions) => {
        const space = createSpace({ seed: 0, dimensions });
        const seen = new Set<string>();
        for (let index = 0n; index < space.size; index++) {
          const params = space.paramsAt(index);
          seen.add(JSON.stringify(params));
          expect(space.indexOf(params)).toBe(index);
        }
        expect(seen.size).toBe(Number(space.size));
      }),
    );
  });

  it("is a bijection with conditional dimensions too", () => {
    fc.assert(
      fc.property(conditionalSpec, ({ spec }) => {
        const space = createSpace(spec);
        for (let index = 0n; index < space.size; index++) {
          expect(space.indexOf(space.paramsAt(index))).toBe(index);
        }
      }),
    );
  });

  it("decodes any index of a 10^15 grid as mixed-radix digits, the last dimension fastest", () => {
    const dimensions = Array.from(
      { length: 15 },
      (_, d): DimensionSpec => ({
        kind: "intRange",
        name: `x${d}`,
        start: 0,
        stop: 9,
      }),
    );
    const space = createSpace({ seed: 0, dimensions });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (index) => {
        const digits = index.toString().padStart(15, "0").split("").map(Number);
        const params = space.paramsAt(index);
        expect(Object.values(params)).toEqual(digits);
        expect(space.indexOf(params)).toBe(index);
      }),
    );
  });

  it("finds numeric grid values by arithmetic and rejects values off the grid", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [
        { kind: "floatRange", name: "x", start: 0, stop: 1, step: 0.1 },
        { kind: "logspace", name: "a", start: 1e-4, stop: 1, count: 9 },
        { kind: "linspace", name: "t", start: 0, stop: 2, count: 5 },
        { kind: "intRange", name: "k", start: 10, stop: 0, step: -5 },
      ],
    });
    for (let index = 0n; index < space.size; index++) {
      expect(space.indexOf(space.paramsAt(index))).toBe(index);
    }
    const onGrid = { x: 0.3, a: 0.01, t: 1.5, k: 5 };
    expect(space.indexOf(onGrid)).toBeDefined();
    expect(space.indexOf({ ...onGrid, x: 0.35 })).toBeUndefined();
    expect(space.indexOf({ ...onGrid, a: 0.02 })).toBeUndefined();
    expect(space.indexOf({ ...onGrid, a: -1 })).toBeUndefined();
    expect(space.indexOf({ ...onGrid, t: "1.5" })).toBeUndefined();
    expect(space.indexOf({ ...onGrid, k: 7 })).toBeUndefined();
    expect(space.indexOf({ ...onGrid, k: "5" })).toBeUndefined();
    expect(space.indexOf({ x: 0.3 })).toBeUndefined();
  });

  it("treats a linspace or logspace with equal ends as one coordinate", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [
        { kind: "linspace", name: "t", start: 2, stop: 2, count: 1 },
        { kind: "logspace", name: "a", start: 3, stop: 3, count: 1 },
      ],
    });
    expect(space.indexOf({ t: 2, a: 3 })).toBe(0n);
  });

  it("rejects indices outside the grid", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [{ kind: "list", name: "a", values: [1] }],
    });
    expect(() => space.paramsAt(1n)).toThrow(RangeError);
    expect(() => space.paramsAt(-1n)).toThrow(RangeError);
  });

  it("includes a conditional parameter only where its condition holds", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [
        { kind: "categorical", name: "solver", values: ["jacobi", "cg"] },
        {
          kind: "list",
          name: "tol",
          values: [1e-3, 1e-6],
          when: { param: "solver", in: ["cg"] },
        },
        { kind: "list", name: "n", values: [8, 16] },
      ],
    });
    expect(space.size).toBe(6n);
    expect([...space.select()].map((point) => point.params)).toEqual([
      { solver: "jacobi", n: 8 },
      { solver: "jacobi", n: 16 },
      { solver: "cg", tol: 1e-3, n: 8 },
      { solver: "cg", tol: 1e-3, n: 16 },
      { solver: "cg", tol: 1e-6, n: 8 },
      { solver: "cg", tol: 1e-6, n: 16 },
    ]);
    expect(space.indexOf({ solver: "jacobi", tol: 1e-3, n: 8 })).toBeUndefined();
  });

  it("nests conditions: a conditional dimension may have conditional children", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [
        { kind: "categorical", name: "model", values: ["linear", "net"] },
        {
          kind: "list",
          name: "layers",
          values: [1, 2],
          when: { param: "model", in: ["net"] },
        },
        {
          kind: "list",
          name: "skip",
          values: [true, false],
          when: { param: "layers", in: [2] },
        },
      ],
    });
    expect([...space.select()].map((point) => point.params)).toEqual([
      { model: "linear" },
      { model: "net", layers: 1 },
      { model: "net", layers: 2, skip: true },
      { model: "net", layers: 2, skip: false },
    ]);
  });

  it("lets a condition test one column of a zip dimension", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [
        {
          kind: "zip",
          names: ["nx", "method"],
          rows: [
            [64, "fd"],
            [128, "fem"],
          ],
        },
        {
          kind: "list",
          name: "order",
          values: [1, 2, 3],
          when: { param: "method", in: ["fem"] },
        },
      ],
    });
    expect(space.size).toBe(4n);
    expect(space.indexOf({ nx: 128, method: "fem", order: 3 })).toBe(3n);
    expect(space.indexOf({ nx: 128, method: "fd" })).toBeUndefined();
    expect(space.indexOf({ nx: 128, method: "fem", order: 4 })).toBeUndefined();
  });
});
