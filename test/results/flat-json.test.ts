import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createScanCache, scanFlatObject, type FieldValue } from "../../src/results/ingest/flat-json.ts";

function scan(line: string, cache = createScanCache()): Record<string, FieldValue> | false {
  const fields: Record<string, FieldValue> = {};
  const ok = scanFlatObject(`xx${line}yy`, 2, 2 + line.length, (k, v) => { fields[k] = v; }, cache);
  return ok ? fields : false;
}

describe("the flat JSON row scanner", () => {
  it("reads numbers, strings, booleans and null inside a span of a larger text", () => {
    expect(scan('{"a": 1.5e-3, "b":"adam", "c":true,"d":false, "e":null, "f":-7}'))
      .toEqual({ a: 0.0015, b: "adam", c: true, d: false, e: null, f: -7 });
    expect(scan(" { } ")).toEqual({});
  });

  it("hands nesting, escapes and malformed rows back to JSON.parse", () => {
    expect(scan('{"a": {"b": 1}}')).toBe(false);
    expect(scan('{"a": [1]}')).toBe(false);
    expect(scan('{"a": "say \\"hi\\""}')).toBe(false);
    expect(scan('{"a": 1,}')).toBe(false);
    expect(scan('{"a" 1}')).toBe(false);
    expect(scan('{"a": 1-2}')).toBe(false);
    expect(scan('{"a": 1} trailing')).toBe(false);
    expect(scan("[1, 2]")).toBe(false);
    expect(scan('{"a": "open')).toBe(false);
  });

  it("agrees with JSON.parse on every flat object it accepts, reusing its cache across rows",
    () => {
      const cache = createScanCache();
      const scalar = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 }));
      fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 6 }), scalar), (row) => {
        const line = JSON.stringify(row);
        const scanned = scan(line, cache);
        if (scanned !== false) expect(scanned).toEqual(JSON.parse(line));
      }), { numRuns: 300 });
    });
});
