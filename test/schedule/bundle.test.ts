import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundleTrials } from "../../src/schedule/bundle.ts";

describe("first-fit-decreasing bundling of short trials", () => {
  it("packs the longest trials first into the first bundle with room", () => {
    // Sorted 6,5,4,3,2 into 10 s bundles: [6,4], [5,3,2].
    const trials = [2, 5, 4, 6, 3].map((seconds, i) => ({ id: `t${i}`, seconds }));
    expect(bundleTrials(trials, 10)).toEqual([
      { ids: ["t3", "t2"], seconds: 10 },
      { ids: ["t1", "t4", "t0"], seconds: 10 },
    ]);
  });

  it("gives a trial longer than the target a bundle of its own", () => {
    const trials = [
      { id: "long", seconds: 30 },
      { id: "a", seconds: 4 },
      { id: "b", seconds: 4 },
    ];
    expect(bundleTrials(trials, 10)).toEqual([
      { ids: ["long"], seconds: 30 },
      { ids: ["a", "b"], seconds: 8 },
    ]);
  });

  it("rejects a target that is not a positive number of seconds", () => {
    expect(() => bundleTrials([], 0)).toThrow(RangeError);
    expect(bundleTrials([], 60)).toEqual([]);
  });

  it("keeps every trial exactly once, respects the target and needs few bundles", () => {
    const lengths = fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 300 });
    fc.assert(
      fc.property(lengths, fc.integer({ min: 60, max: 600 }), (seconds, target) => {
        const trials = seconds.map((s, i) => ({ id: `t${i}`, seconds: s }));
        const bundles = bundleTrials(trials, target);
        const seen = bundles.flatMap((bundle) => bundle.ids).sort();
        expect(seen).toEqual(trials.map((t) => t.id).sort());
        for (const bundle of bundles) {
          if (bundle.ids.length > 1) expect(bundle.seconds).toBeLessThanOrEqual(target);
        }
        // First-fit-decreasing never uses more than 11/9 × optimal + 1 bundles,
        // and the optimum needs at least ceil(total / target).
        const total = seconds.reduce((sum, s) => sum + s, 0);
        expect(bundles.length).toBeLessThanOrEqual(
          Math.ceil((11 / 9) * Math.ceil(total / target)) + 1,
        );
      }),
      { numRuns: 100 },
    );
  });
});
