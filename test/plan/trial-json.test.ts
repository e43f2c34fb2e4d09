// The plan hash serialises every trial through canonicalTrialJson: it must
// write exactly what the general canonicalJson writes, or plan hashes (and
// plan.json files) would change with the speed-up.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalTrialJson } from "../../src/plan/trial-json.ts";
import type { TrialSpec } from "../../src/plan/types.ts";
import { canonicalJson } from "../../src/space/index.ts";

const scalar = fc.oneof(fc.string(), fc.boolean(), fc.double({ noNaN: true,
  noDefaultInfinity: true }), fc.integer(), fc.constant(-0));
const count = fc.oneof(fc.nat(), fc.constant(-0), fc.double({ min: 0, max: 1e6,
  noNaN: true }));

const trialSpec = fc.record({
  id: fc.string(),
  step: fc.string(),
  index: fc.nat(),
  point: fc.integer({ min: -1 }),
  params: fc.dictionary(fc.string(), scalar),
  replicate: fc.nat(),
  seed: fc.nat(),
  argv: fc.array(fc.string()),
  env: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  resources: fc.record({ cpus: count, memoryMiB: count, gpus: count, walltimeSeconds: count }),
  dependsOn: fc.array(fc.string(), { maxLength: 3 }),
}) as fc.Arbitrary<TrialSpec>;

describe("the fast trial serialiser", () => {
  it("writes byte for byte what canonicalJson writes for any trial", () => {
    fc.assert(fc.property(trialSpec, (trial) => {
      expect(canonicalTrialJson(trial)).toBe(canonicalJson(trial));
    }), { numRuns: 500 });
  });

  it("still matches for trials with extra, missing or odd members", () => {
    const odd = fc.tuple(trialSpec, fc.string(), scalar, fc.constantFrom(
      "id", "point", "resources", "env", "argv", "seed")).map(([trial, key, value, drop]) => {
      const copy: Record<string, unknown> = { ...trial, [`x${key}`]: value };
      delete copy[drop];
      return copy as unknown as TrialSpec;
    });
    fc.assert(fc.property(odd, (trial) => {
      expect(canonicalTrialJson(trial)).toBe(canonicalJson(trial));
    }), { numRuns: 300 });
  });

  it("refuses, as canonicalJson does, a value JSON cannot hold", () => {
    const trial = fc.sample(trialSpec, { numRuns: 1, seed: 7 })[0] as TrialSpec;
    const broken = { ...trial, seed: Number.NaN };

    expect(() => canonicalTrialJson(broken)).toThrow(/JSON cannot represent/);
  });
});
