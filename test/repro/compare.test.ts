import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareMetrics,
  compareOutputs,
  withinTolerance,
} from "../../src/repro/compare.ts";
import { seededSample } from "../../src/repro/sample.ts";
import { ToleranceFlags, toleranceLookup } from "../../src/repro/tolerance-flags.ts";

describe("metric tolerances", () => {
  it("is exact when no tolerance is declared", () => {
    expect(withinTolerance(0.1 + 0.2, 0.3)).toBe(false);
    expect(withinTolerance(2, 2)).toBe(true);
  });

  it("accepts differences within the absolute tolerance and rejects larger ones", () => {
    expect(withinTolerance(1, 1.0009, { absolute: 0.001 })).toBe(true);
    expect(withinTolerance(1, 1.0011, { absolute: 0.001 })).toBe(false);
  });

  it("scales the relative tolerance with the larger magnitude", () => {
    expect(withinTolerance(1000, 1000.9, { relative: 1e-3 })).toBe(true);
    expect(withinTolerance(1000, 1002, { relative: 1e-3 })).toBe(false);
  });

  it("passes when either declared tolerance is met", () => {
    expect(withinTolerance(0, 1e-12, { absolute: 1e-9, relative: 1e-15 })).toBe(true);
  });

  it("never treats NaN as reproduced unless both sides are NaN", () => {
    expect(withinTolerance(Number.NaN, 1, { absolute: 10 })).toBe(false);
    expect(withinTolerance(Number.NaN, Number.NaN)).toBe(true);
  });

  it("is symmetric for any pair of finite numbers and tolerance (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.record({
          absolute: fc.double({ min: 0, max: 1e6, noNaN: true }),
          relative: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        (a, b, tolerance) =>
          withinTolerance(a, b, tolerance) === withinTolerance(b, a, tolerance),
      ),
    );
  });

  it("compares every metric on either side, flagging missing and non-numeric changes", () => {
    const rows = compareMetrics(
      { a: 1, b: "x", gone: 3 },
      { a: 1.05, b: "x", added: 4 },
      (name) => (name === "a" ? { absolute: 0.1 } : undefined),
    );
    expect(rows.map((r) => [r.name, r.ok])).toEqual([
      ["a", true],
      ["added", false],
      ["b", true],
      ["gone", false],
    ]);
    expect(rows[0]?.tolerance).toEqual({ absolute: 0.1 });
    expect(rows[1]?.expected).toBeNull();
  });

  it("compares outputs by hash, naming missing and new files", () => {
    const rows = compareOutputs(
      new Map([
        ["a", "1"],
        ["b", "2"],
      ]),
      new Map([
        ["a", "1"],
        ["c", "3"],
      ]),
    );
    expect(rows).toEqual([
      { path: "a", expected: "1", actual: "1", ok: true },
      { path: "b", expected: "2", actual: null, ok: false },
      { path: "c", expected: null, actual: "3", ok: false },
    ]);
  });
});

describe("--tolerance flags", () => {
  it("parses named, combined and catch-all tolerances", () => {
    const parsed = ToleranceFlags.parse(["y=abs:1e-6", "z=abs:0.1,rel:0.01", "rel:1e-9"]);
    expect(parsed).toEqual({
      y: { absolute: 1e-6 },
      z: { absolute: 0.1, relative: 0.01 },
      "*": { relative: 1e-9 },
    });
  });

  it("rejects anything that is not abs:/rel: with a non-negative number", () => {
    for (const bad of ["y=1e-6", "y=abs:-1", "y=abs:x", "pct:3"]) {
      const result = ToleranceFlags.safeParse([bad]);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/is not a tolerance/);
    }
  });

  it("lets a named override beat the catch-all, which beats the declared tolerance", () => {
    const lookup = toleranceLookup(
      [
        { name: "y", tolerance: { absolute: 1 } },
        { name: "z", tolerance: { absolute: 2 } },
      ],
      { "*": { relative: 0.5 }, z: { absolute: 3 } },
    );
    expect(lookup("y")).toEqual({ relative: 0.5 });
    expect(lookup("z")).toEqual({ absolute: 3 });
    expect(toleranceLookup([{ name: "y", tolerance: { absolute: 1 } }], {})("y")).toEqual(
      { absolute: 1 },
    );
  });
});

describe("seeded trial sample", () => {
  const items = Array.from({ length: 50 }, (_, i) => i);

  it("is the same for the same seed and differs for another", () => {
    expect(seededSample(items, 10, 42)).toEqual(seededSample(items, 10, 42));
    expect(seededSample(items, 10, 42)).not.toEqual(seededSample(items, 10, 43));
  });

  it("returns n distinct items in their original order, or all of them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer(), (n, seed) => {
        const sample = seededSample(items, n, seed);
        expect(sample).toHaveLength(Math.min(n, items.length));
        expect(new Set(sample).size).toBe(sample.length);
        expect(sample).toEqual([...sample].sort((a, b) => a - b));
      }),
    );
    expect(seededSample(items, "all", 1)).toEqual(items);
  });
});
