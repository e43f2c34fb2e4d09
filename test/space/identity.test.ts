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
    const expected = sha256Hex('{"params":{"n":64,"solver":"cg"},"replicate":0,"step":"sim"}');
    expect(trialId("sim", { solver: "cg", n: 64 }, 0)).toBe(expected.slice(0, 16));
  });

  it("does not depend on key order or on how a number was written", () => {
    expect(trialId("sim", { a: 1.0, b: "x" }, 2)).toBe(trialId("sim", { b: "x", a: 1 }, 2));
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
      new Map([...space.select()].map((point) => [trialId("sim", point.params, 0), point.seed]));
    const old = idsOf(before);
    const grown = idsOf(after);

    expect(old.size).toBe(4);
    for (const [id, seed] of old) expect(grown.get(id)).toBe(seed);
  });
});

describe("deriveSeed", () => {
  it("is 31 bits of sha256 over the experiment seed, params and replicate", () => {
    const digest = sha256Hex('{"experimentSeed":42,"params":{"n":64},"replicate":1}');
    expect(deriveSeed(42, { n: 64 }, 1)).toBe(Number.parseInt(digest.slice(0, 8), 16) >>> 1);
  });

  it("always gives a non-negative integer that fits a signed 32-bit int", () => {
    const params = fc.dictionary(
      fc.stringMatching(/^[a-z]{1,6}$/),
      fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean()),
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
    const expected = sha256Hex(canonicalJson({ params: { a: 1 }, replicate: 3 })).slice(0, 16);
    expect(pointKey({ a: 1 }, 3)).toBe(expected);
  });
});
