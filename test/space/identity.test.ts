import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  createSpace,
  deriveSeed,
  pointKey,
  sha256Hex,
  trialId,
  type ParamValues,
} from "../../src/space/index.ts";

describe("trialId", () => {
  it("is the first 16 hex digits of sha256 over the canonical step, params and replicate", () => {
    const expected = sha256Hex(
      '{"params":{"n":64,"solver":"cg"},"replicate":0,"step":"sim"}',
    );
    expect(trialId("sim", { solver: "cg", n: 64 }, 0)).toBe(expected.slice(0, 16));
  });

  it("does not depend on key order or on how a number was written", () => {
    expect(trialId("sim", { a: 1.0, b: "x" }, 2)).toBe(
      trialId("sim", { b: "x", a: 1 }, 2),
    );
  });

  it("differs between steps, replicates and values", () => {
    const ids = new Set([
      trialId("sim", { a: 1 }, 0),
      trialId("fit", { a: 1 }, 0),
      trialId("sim", { a: 1 }, 1),
      trialId("sim", { a: 2 }, 0),
      trialId("sim", { a: "1" }, 0),
    ]);
    expect(ids.size).toBe(5);
  });

  it("never renames an existing trial when a value is added to a dimension", () => {
    const before = createSpace({
      seed: 1,
      dimensions: [
        { kind: "list", name: "n", values: [64, 128] },
        { kind: "categorical", name: "solver", values: ["jacobi", "cg"] },
      ],
    });
    const after = createSpace({
      seed: 1,
      dimensions: [
        { kind: "list", name: "n", values: [32, 64, 128, 256] },
        { kind: "categorical", name: "solver", values: ["jacobi", "gs", "cg"] },
      ],
    });

    const idsOf = (space: typeof before): Map<string, number> =>
      new Map(
        [...space.select()].map((point) => [trialId("sim", point.params, 0), point.seed]),
      );
    const old = idsOf(before);
    const grown = idsOf(after);

    expect(old.size).toBe(4);
    for (const [id, seed] of old) expect(grown.get(id)).toBe(seed);
  });
});

describe("deriveSeed", () => {
  it("is 31 bits of sha256 over the experiment seed, params and replicate", () => {
    const digest = sha256Hex('{"experimentSeed":42,"params":{"n":64},"replicate":1}');
    expect(deriveSeed(42, { n: 64 }, 1)).toBe(
      Number.parseInt(digest.slice(0, 8), 16) >>> 1,
    );
  });

  it("always gives a non-negative integer that fits a signed 32-bit int", () => {
    const params = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,6}$/),
      fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(fc.nat(), params, fc.nat(100), (seed, values, replicate) => {
        const derived = deriveSeed(seed, values, replicate);
        return Number.isInteger(derived) && derived >= 0 && derived <= 2 ** 31 - 1;
      }),
    );
  });

  it("changes with the experiment seed and the replicate", () => {
    const params: ParamValues = { lr: 0.01 };
    const seeds = new Set([
      deriveSeed(1, params, 0),
      deriveSeed(2, params, 0),
      deriveSeed(1, params, 1),
    ]);
    expect(seeds.size).toBe(3);
  });
});

describe("pointKey", () => {
  it("hashes params and replicate without a step", () => {
    const expected = sha256Hex(canonicalJson({ params: { a: 1 }, replicate: 3 })).slice(
      0,
      16,
    );
    expect(pointKey({ a: 1 }, 3)).toBe(expected);
  });
});

describe("stability under edits, as a property", () => {
  // Lists of distinct small integers per dimension, and extra values to add.
  const grown = fc
    .array(
      fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 4 }),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .chain((lists) =>
      fc.tuple(
        fc.constant(lists),
        fc.array(fc.uniqueArray(fc.integer({ min: 51, max: 99 }), { maxLength: 2 }), {
          minLength: lists.length,
          maxLength: lists.length,
        }),
      ),
    );

  it("keeps every trial's id and seed when values are added anywhere in any dimension", () => {
    fc.assert(
      fc.property(grown, fc.integer({ min: 1, max: 3 }), ([lists, extra], replicates) => {
        const spaceOf = (values: number[][]) =>
          createSpace({
            seed: 9,
            replicates,
            dimensions: values.map((list, d) => ({
              kind: "list" as const,
              name: `p${d}`,
              values: list,
            })),
          });
        const withExtra = lists.map((list, d) => [...extra[d]!, ...list].reverse());

        const after = new Map(
          [...spaceOf(withExtra).select()].map((p) => [
            trialId("s", p.params, p.replicate),
            p.seed,
          ]),
        );
        for (const p of spaceOf(lists).select()) {
          expect(after.get(trialId("s", p.params, p.replicate))).toBe(p.seed);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("keeps the earlier points of a Sobol or random sample when its count is raised", () => {
    for (const method of ["sobol", "random"] as const) {
      const sample = (count: number) =>
        [
          ...createSpace({
            seed: 4,
            dimensions: [
              { kind: "uniform", name: "x", low: 0, high: 1 },
              { kind: "logUniform", name: "y", low: 1, high: 100 },
            ],
            constraints: [{ describe: "x < 0.8", test: (p) => (p.x as number) < 0.8 }],
            sample: { method, count },
          }).select(),
        ].map((p) => trialId("s", p.params, p.replicate));
      expect(sample(200).slice(0, 50)).toEqual(sample(50));
    }
  });
});
