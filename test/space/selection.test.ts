import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import {
  canonicalJson,
  createSpace,
  deriveSeed,
  pointKey,
  sha256Hex,
  trialIdOf,
  type SampleMethod,
  type SpaceSpec,
} from "../../src/space/index.ts";

const heat: SpaceSpec = {
  seed: 42,
  replicates: 3,
  dimensions: [
    { kind: "logspace", name: "alpha", start: 0.001, stop: 0.1, count: 5 },
    { kind: "list", name: "n", values: [64, 128, 256] },
    { kind: "categorical", name: "solver", values: ["jacobi", "cg"] },
  ],
  constraints: [
    {
      describe: "!(solver == 'jacobi' && n > 128)",
      test: (p) => !(p.solver === "jacobi" && (p.n as number) > 128),
    },
  ],
};

// A mixed space of every samplable kind.
const mixed = (method: SampleMethod, seed: number, count: number): SpaceSpec => ({
  seed,
  dimensions: [
    { kind: "uniform", name: "momentum", low: 0.5, high: 0.99 },
    { kind: "logUniform", name: "lr", low: 1e-5, high: 1e-1 },
    { kind: "intUniform", name: "layers", low: 1, high: 6 },
    { kind: "categorical", name: "act", values: ["relu", "tanh", "gelu"] },
    { kind: "logspace", name: "decay", start: 1e-4, stop: 1e-2, count: 3 },
  ],
  sample: { method, count },
});

describe("grid selections", () => {
  it("drop the points a constraint rejects and repeat each point per replicate", () => {
    const selection = createSpace(heat).select();

    // 5 alphas × (jacobi: n ∈ {64, 128} + cg: 3 sizes) = 25 points.
    expect(selection.pointCount).toBe(25);
    expect(selection.replicates).toBe(3);
    expect(selection.count).toBe(75);
    expect(selection.method).toBe("grid");
    const points = [...selection];
    expect(points.some((p) => p.params.solver === "jacobi" && p.params.n === 256)).toBe(
      false,
    );
  });

  it("give every replicate its own seed derived from the params, and adjacent positions", () => {
    const selection = createSpace(heat).select();
    const [first, second, third, fourth] = [0, 1, 2, 3].map((i) => selection.at(i));

    expect([
      first!.replicate,
      second!.replicate,
      third!.replicate,
      fourth!.replicate,
    ]).toEqual([0, 1, 2, 0]);
    expect([first!.point, third!.point, fourth!.point]).toEqual([0, 0, 1]);
    expect(second!.params).toEqual(first!.params);
    expect(first!.seed).toBe(deriveSeed(42, first!.params, 0));
    expect(second!.seed).toBe(deriveSeed(42, first!.params, 1));
    expect(first!.key).toBe(pointKey(first!.params, 0));
    expect(new Set([first, second, third].map((p) => p!.seed)).size).toBe(3);
    expect(selection.at(7).index).toBe(7);
  });

  it("serialise a point with its key, and expose only the documented fields", () => {
    const point = createSpace(heat).select().at(4);
    const json = JSON.parse(JSON.stringify(point)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual([
      "index",
      "key",
      "params",
      "point",
      "replicate",
      "seed",
    ]);
    expect(json.key).toBe(pointKey(point.params, 1));
    expect(Object.keys(point).sort()).toEqual([
      "canonicalParams",
      "index",
      "params",
      "point",
      "replicate",
      "seed",
    ]);
  });

  it("keep a point's canonical params text for ids and hashes to reuse", () => {
    const point = createSpace(heat).select().at(4);

    const identity =
      `{"params":${canonicalJson(point.params)},"replicate":${point.replicate},` +
      `"step":"sim"}`;

    expect(point.canonicalParams).toBe(canonicalJson(point.params));
    expect(trialIdOf("sim", point.canonicalParams, point.replicate)).toBe(
      sha256Hex(identity).slice(0, 16),
    );
  });

  it("give the same point when asked for one position twice", () => {
    const selection = createSpace(heat).select();
    const first = selection.at(9);
    expect(selection.at(9)).toBe(first);
    expect(selection.at(10)).not.toBe(first);
    expect(selection.at(9)).toEqual(first);
  });

  it("keep the params of each distinct point reachable by its position", () => {
    const selection = createSpace(heat).select();
    expect(selection.paramsOf(24)).toEqual(selection.at(74).params);
  });

  it("refuse positions outside the selection", () => {
    const selection = createSpace(heat).select();
    expect(() => selection.at(75)).toThrow(RangeError);
    expect(() => selection.at(1.5)).toThrow(RangeError);
  });

  it("add derived values after the swept ones and let constraints test them", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [{ kind: "list", name: "n", values: [10, 20, 40] }],
      derived: [{ name: "h", compute: (p) => 1 / (p.n as number) }],
      constraints: [{ describe: "h > 0.03", test: (p) => (p.h as number) > 0.03 }],
    });
    expect([...space.select()].map((p) => p.params)).toEqual([
      { n: 10, h: 0.1 },
      { n: 20, h: 0.05 },
    ]);
  });

  it("keep every accepted index of a large constrained grid, in grid order", () => {
    const space = createSpace({
      seed: 0,
      dimensions: [
        { kind: "intRange", name: "a", start: 0, stop: 99 },
        { kind: "intRange", name: "b", start: 0, stop: 99 },
      ],
      constraints: [
        { describe: "a <= b", test: (p) => (p.a as number) <= (p.b as number) },
      ],
    });
    const selection = space.select();

    // Pairs with a <= b among 100 × 100: 100 · 101 / 2.
    expect(selection.count).toBe(5050);
    expect(selection.at(0).params).toEqual({ a: 0, b: 0 });
    expect(selection.at(100).params).toEqual({ a: 1, b: 1 });
    expect(selection.at(5049).params).toEqual({ a: 99, b: 99 });
  });

  it("accepts() reports whether a point passes every constraint", () => {
    const space = createSpace(heat);
    expect(space.accepts({ alpha: 0.01, n: 256, solver: "cg" })).toBe(true);
    expect(space.accepts({ alpha: 0.01, n: 256, solver: "jacobi" })).toBe(false);
  });
});

describe("sampled selections", () => {
  it("keep every sampled value inside its dimension, for every method", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SampleMethod>("random", "lhs", "sobol"),
        fc.nat(),
        fc.integer({ min: 1, max: 64 }),
        (method, seed, count) => {
          const selection = createSpace(mixed(method, seed, count)).select();
          expect(selection.count).toBe(count);
          for (const { params } of selection) {
            expect(params.momentum).toBeGreaterThanOrEqual(0.5);
            expect(params.momentum).toBeLessThan(0.99);
            expect(params.lr).toBeGreaterThanOrEqual(1e-5);
            expect(params.lr).toBeLessThanOrEqual(1e-1);
            expect([1, 2, 3, 4, 5, 6]).toContain(params.layers);
            expect(["relu", "tanh", "gelu"]).toContain(params.act);
            expect([1e-4, 1e-3, 1e-2]).toContain(params.decay);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("are reproducible from the experiment seed and change with it", () => {
    for (const method of ["random", "lhs", "sobol"] as const) {
      const draw = (seed: number) =>
        [...createSpace(mixed(method, seed, 16)).select()].map((p) => p.params);
      expect(draw(5)).toEqual(draw(5));
      expect(draw(5)).not.toEqual(draw(6));
    }
  });

  it("spread a Latin hypercube's points one per stratum of a continuous dimension", () => {
    const selection = createSpace({
      seed: 9,
      dimensions: [{ kind: "uniform", name: "x", low: 10, high: 20 }],
      sample: { method: "lhs", count: 50 },
    }).select();
    const strata = [...selection].map((p) =>
      Math.floor(((p.params.x as number) - 10) / 0.2),
    );
    expect(strata.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("spread log-uniform draws evenly over the decades", () => {
    const selection = createSpace({
      seed: 1,
      dimensions: [{ kind: "logUniform", name: "lr", low: 1e-5, high: 1e-1 }],
      sample: { method: "sobol", count: 400 },
    }).select();
    const perDecade = new Array<number>(4).fill(0);
    for (const { params } of selection)
      perDecade[Math.floor(Math.log10(params.lr as number) + 5)]! += 1;
    expect(perDecade).toEqual([100, 100, 100, 100]);
  });

  it("draw categories and integers with equal frequency", () => {
    const selection = createSpace({
      seed: 3,
      dimensions: [
        { kind: "categorical", name: "act", values: ["relu", "tanh"] },
        { kind: "intUniform", name: "k", low: 0, high: 3 },
        { kind: "uniform", name: "x", low: 0, high: 1 },
      ],
      sample: { method: "lhs", count: 400 },
    }).select();
    const acts = [...selection].filter((p) => p.params.act === "relu").length;
    const zeros = [...selection].filter((p) => p.params.k === 0).length;
    expect(acts).toBe(200);
    expect(zeros).toBe(100);
  });

  it("reproduce the plain Joe-Kuo sequence when scrambling is turned off", () => {
    const selection = createSpace({
      seed: 3,
      dimensions: [
        { kind: "uniform", name: "x", low: 0, high: 1 },
        { kind: "uniform", name: "y", low: 0, high: 2 },
      ],
      sample: { method: "sobol", count: 3, scramble: false },
    }).select();
    expect([...selection].map((p) => p.params)).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 1 },
      { x: 0.75, y: 0.5 },
    ]);
  });

  it("sample conditional dimensions only where their condition holds", () => {
    const selection = createSpace({
      seed: 4,
      dimensions: [
        { kind: "categorical", name: "solver", values: ["jacobi", "cg"] },
        {
          kind: "logUniform",
          name: "tol",
          low: 1e-8,
          high: 1e-4,
          when: { param: "solver", in: ["cg"] },
        },
      ],
      sample: { method: "random", count: 200 },
    }).select();
    for (const { params } of selection) {
      expect("tol" in params).toBe(params.solver === "cg");
    }
  });

  it("never select the same point twice, so no two trials share an id", () => {
    for (const method of ["random", "lhs", "sobol"] as const) {
      const selection = createSpace({
        seed: 8,
        dimensions: [
          { kind: "intUniform", name: "a", low: 1, high: 10 },
          { kind: "categorical", name: "b", values: ["x", "y", "z"] },
          { kind: "list", name: "c", values: [1, 2, 3] },
        ],
        sample: { method, count: 80 },
      }).select();
      const distinct = new Set(
        [...selection].map((point) => JSON.stringify(point.params)),
      );
      expect(distinct.size).toBe(80);
    }
  });

  it("replace rejected draws until the count is met", () => {
    const selection = createSpace({
      seed: 2,
      dimensions: [
        { kind: "uniform", name: "x", low: 0, high: 1 },
        { kind: "uniform", name: "y", low: 0, high: 1 },
      ],
      constraints: [
        { describe: "x + y < 0.5", test: (p) => (p.x as number) + (p.y as number) < 0.5 },
      ],
      sample: { method: "sobol", count: 300 },
      replicates: 2,
    }).select();
    expect(selection.pointCount).toBe(300);
    expect(selection.count).toBe(600);
    for (const { params } of selection)
      expect((params.x as number) + (params.y as number)).toBeLessThan(0.5);
  });

  it("keeps rejecting through several Latin hypercube rounds", () => {
    const selection = createSpace({
      seed: 2,
      dimensions: [{ kind: "uniform", name: "x", low: 0, high: 1 }],
      constraints: [{ describe: "x < 0.1", test: (p) => (p.x as number) < 0.1 }],
      sample: { method: "lhs", count: 30 },
    }).select();
    expect(selection.count).toBe(30);
    expect(selection.method).toBe("lhs");
  });
});
