// The plan hash serialises every trial through canonicalTrialJson: it must
// write exactly what the general canonicalJson writes, or plan hashes (and
// plan.json files) would change with the speed-up.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalTrialJson, trialJsonWriter } from "../../src/plan/trial-json.ts";
import type { TrialSpec } from "../../src/plan/types.ts";
import { canonicalJson } from "../../src/space/index.ts";

const scalar = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constant(-0),
);
const count = fc.oneof(
  fc.nat(),
  fc.constant(-0),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);

const trialFields = {
  id: fc.string(),
  step: fc.string(),
  index: fc.nat(),
  point: fc.integer({ min: -1 }),
  params: fc.dictionary(fc.string(), scalar),
  replicate: fc.nat(),
  seed: fc.nat(),
  argv: fc.array(fc.string()),
  env: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  resources: fc.record({
    cpus: count,
    memoryMiB: count,
    gpus: count,
    walltimeSeconds: count,
  }),
  dependsOn: fc.array(fc.string(), { maxLength: 3 }),
};
const trialSpec = fc.record(trialFields) as fc.Arbitrary<TrialSpec>;

describe("the fast trial serialiser", () => {
  it("writes byte for byte what canonicalJson writes for any trial", () => {
    fc.assert(
      fc.property(trialSpec, (trial) => {
        expect(canonicalTrialJson(trial)).toBe(canonicalJson(trial));
      }),
      { numRuns: 500 },
    );
  });

  it("still matches for trials with extra, missing or odd members", () => {
    const odd = fc
      .tuple(
        trialSpec,
        fc.string(),
        scalar,
        fc.constantFrom("id", "point", "resources", "env", "argv", "seed"),
      )
      .map(([trial, key, value, drop]) => {
        const copy: Record<string, unknown> = { ...trial, [`x${key}`]: value };
        delete copy[drop];
        return copy as unknown as TrialSpec;
      });
    fc.assert(
      fc.property(odd, (trial) => {
        expect(canonicalTrialJson(trial)).toBe(canonicalJson(trial));
      }),
      { numRuns: 300 },
    );
  });

  it("writes every trial of a table as canonicalJson does, whatever trials came before", () => {
    // Few names and values, so trials repeat what the writer remembers.
    const few = fc.record({
      ...trialFields,
      params: fc.dictionary(
        fc.constantFrom("a", "b", "z"),
        fc.oneof(fc.constantFrom(0, -0, 1, 0.5, "x", true), scalar),
      ),
      argv: fc.array(fc.constantFrom("python3", "--a", "1", "it's", "é"), {
        maxLength: 4,
      }),
    }) as fc.Arbitrary<TrialSpec>;
    fc.assert(
      fc.property(fc.array(few, { minLength: 1, maxLength: 12 }), (trials) => {
        const write = trialJsonWriter();
        for (const trial of trials) expect(write(trial)).toBe(canonicalJson(trial));
      }),
      { numRuns: 300 },
    );
  });

  it("falls back to the general serialiser for params a plan.json could hold", () => {
    const trial = fc.sample(trialSpec, { numRuns: 1, seed: 11 })[0] as TrialSpec;
    const write = trialJsonWriter();
    const odd = {
      ...trial,
      params: { a: 1, b: undefined } as unknown as TrialSpec["params"],
    };

    expect(write({ ...trial, params: { a: 1 } })).toBe(
      canonicalJson({ ...trial, params: { a: 1 } }),
    );
    expect(write(odd)).toBe(canonicalJson(odd));
  });

  it("refuses, as canonicalJson does, a value JSON cannot hold", () => {
    const trial = fc.sample(trialSpec, { numRuns: 1, seed: 7 })[0] as TrialSpec;
    const broken = { ...trial, seed: Number.NaN };

    expect(() => canonicalTrialJson(broken)).toThrow(/JSON cannot represent/);
  });
});
